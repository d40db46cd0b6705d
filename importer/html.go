package importer

import (
	"bytes"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/model"
)

// Bounds on the work done for one page: a table larger than any report's,
// or spans larger than any real table, are cut to these.
const (
	maxSpan     = 100
	maxGridRows = 2000
	maxGridCols = 100
	maxNodes    = 500000
)

// decodeHTML turns a saved page into a string. A BOM or valid UTF-8 is
// taken as UTF-8; otherwise the declared charset (meta charset or
// http-equiv) is used, and GBK family labels and pages that declare nothing
// are read as GB18030, the superset of GB2312 and GBK that Chinese Windows
// and Word write.
func decodeHTML(data []byte) (string, error) {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		data = data[3:]
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return decodeUTF16(data[2:], data[0] == 0xFE), nil
	}
	_, name, _ := charset.DetermineEncoding(data, "text/html")
	switch name {
	case "gbk", "gb2312", "gb18030", "windows-1252", "":
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return "", errors.New("无法识别网页的编码")
		}
		return string(out), nil
	}
	enc, _ := charset.Lookup(name)
	if enc == nil {
		return "", errors.New("不支持网页声明的编码「" + name + "」")
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", errors.New("网页内容与其声明的编码「" + name + "」不符")
	}
	return string(out), nil
}

func importHTML(data []byte, opt Options) (*model.Report, []string, error) {
	s, err := decodeHTML(data)
	if err != nil {
		return nil, nil, err
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		// x/net/html's own words are English ("open stack of elements
		// exceeds 512 nodes"): the officer gets Chinese ones.
		return nil, nil, errors.New("无法解析网页：网页的标签嵌套过深或已损坏；请在浏览器中打开后重新「另存为」网页，或复制网页文字导入")
	}
	w := &htmlWalker{classAlign: styleSheetAlign(doc)}
	w.root = findRoot(doc)
	w.walk(doc, 0)
	w.endPara()
	blocks := w.main
	// A title printed above the content area (an <h1> of the page) belongs
	// to the report too.
	if !hasTitle(blocks) {
		for i := len(w.pre) - 1; i >= 0; i-- {
			b := w.pre[i]
			if b.isTbl {
				continue
			}
			if _, _, ok := parseTitle(b.para); ok {
				head := []block{b}
				if i > 0 && !w.pre[i-1].isTbl {
					head = []block{w.pre[i-1], b}
				}
				blocks = append(head, blocks...)
				break
			}
		}
	}
	fallback := ""
	for _, part := range strings.FieldsFunc(w.title, func(r rune) bool { return strings.ContainsRune("_|-—－｜", r) }) {
		if _, _, ok := parseTitle(part); ok {
			fallback = part
			break
		}
	}
	return assemble(blocks, opt, fallback)
}

func hasTitle(blocks []block) bool {
	for i, b := range blocks {
		if i > 30 || b.isTbl || headingNumber(b.para) > 0 {
			return false
		}
		if _, _, ok := parseTitle(b.para); ok {
			return true
		}
	}
	return false
}

// findRoot finds the report's body in a page full of navigation: the
// smallest element whose text holds both 总体情况 and 其他需要报告, the first
// and last section headings. It falls back to the whole document.
func findRoot(doc *html.Node) *html.Node {
	var flat strings.Builder
	type span struct {
		n          *html.Node
		start, end int
	}
	var spans []span
	count := 0
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		count++
		if count > maxNodes || depth > 200 {
			return
		}
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if !unicode.IsSpace(r) && r != '\u00a0' {
					flat.WriteRune(r)
				}
			}
			return
		case html.ElementNode:
			if skipElement(n) {
				return
			}
		}
		start := flat.Len()
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if n.Type == html.ElementNode {
			spans = append(spans, span{n, start, flat.Len()})
		}
	}
	walk(doc, 0)
	text := flat.String()
	a := strings.Index(text, "总体情况")
	b := strings.LastIndex(text, "其他需要报告")
	if a < 0 || b < a {
		return doc
	}
	best := doc
	bestLen := len(text) + 1
	for _, sp := range spans {
		if sp.start <= a && sp.end >= b && sp.end-sp.start < bestLen {
			best, bestLen = sp.n, sp.end-sp.start
		}
	}
	return best
}

func skipElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Svg, atom.Object, atom.Select, atom.Button, atom.Input, atom.Textarea:
		return true
	}
	return false
}

func isBlockElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Blockquote, atom.Pre, atom.Tr, atom.Td, atom.Th,
		atom.Table, atom.Center, atom.Dd, atom.Dt, atom.Dl, atom.Form, atom.Main, atom.Nav, atom.Aside, atom.Hr,
		atom.Body, atom.Caption, atom.Address, atom.Figure, atom.Figcaption:
		return true
	}
	return false
}

// htmlWalker turns a page into blocks: those inside the report's body
// (main) and those before it (pre, searched for a title).
type htmlWalker struct {
	root    *html.Node
	inRoot  bool
	after   bool
	cur     strings.Builder
	pre     []block
	main    []block
	title   string
	visited int
	// right: the block being read is set right-aligned (a 落款), by its
	// own style or align, by a class of the page's style sheet
	// (classAlign), or by an element around it.
	right      bool
	classAlign map[string]string
}

func (w *htmlWalker) add(b block) {
	switch {
	case w.inRoot:
		w.main = append(w.main, b)
	case !w.after && len(w.pre) < 200:
		w.pre = append(w.pre, b)
	}
}

func (w *htmlWalker) endPara() {
	if w.cur.Len() == 0 {
		return
	}
	p := cleanHTMLText(w.cur.String())
	w.cur.Reset()
	if p != "" {
		w.add(block{para: p, right: w.right})
	}
}

func (w *htmlWalker) walk(n *html.Node, depth int) {
	w.visited++
	if w.visited > maxNodes || depth > 200 {
		return
	}
	switch n.Type {
	case html.TextNode:
		if w.cur.Len() < 1<<20 {
			w.cur.WriteString(n.Data)
		}
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if n.DataAtom == atom.Title {
			if w.title == "" {
				w.title = cleanHTMLText(textOf(n))
			}
			return
		}
		if n.DataAtom == atom.Head {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.DataAtom == atom.Title {
					w.walk(c, depth+1)
				}
			}
			return
		}
		if skipElement(n) {
			return
		}
	}
	if n == w.root {
		w.endPara()
		w.inRoot = true
		defer func() { w.endPara(); w.inRoot = false; w.after = true }()
	}
	if n.Type == html.ElementNode {
		if n.DataAtom == atom.Table && !hasNestedTable(n) {
			w.endPara()
			if rows := tableGrid(n); len(rows) > 0 {
				w.add(block{table: rows, isTbl: true})
			}
			return
		}
		if n.DataAtom == atom.Br {
			w.endPara()
			return
		}
	}
	blockEl := n.Type == html.ElementNode && isBlockElement(n)
	if blockEl {
		w.endPara()
		if a := w.align(n); a != "" {
			defer func(was bool) { w.right = was }(w.right)
			w.right = a == "right" || a == "end"
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if blockEl {
		w.endPara()
	}
}

// align is the text-align an element sets, "" when it sets none: its
// style attribute, else its align attribute, else its classes' rules.
func (w *htmlWalker) align(n *html.Node) string {
	var style, alignAttr, classes string
	for _, a := range n.Attr {
		switch a.Key {
		case "style":
			style = a.Val
		case "align":
			alignAttr = a.Val
		case "class":
			classes = a.Val
		}
	}
	if v := textAlign(style); v != "" {
		return v
	}
	if alignAttr != "" {
		return strings.ToLower(strings.TrimSpace(alignAttr))
	}
	v := ""
	for _, c := range strings.Fields(classes) {
		if a := w.classAlign[c]; a != "" {
			v = a
		}
	}
	return v
}

var (
	textAlignDecl = lazyRegexp(`(?i)(?:^|[;{\s])text-align\s*:\s*([a-z-]+)`)
	cssRule       = lazyRegexp(`([^{}]*)\{([^{}]*)\}`)
	classSelector = lazyRegexp(`^[a-zA-Z0-9]*\.([A-Za-z0-9_-]+)$`)
)

// textAlign is the last text-align of CSS declarations, "" when none.
func textAlign(decls string) string {
	m := textAlignDecl().FindAllStringSubmatch(decls, -1)
	if len(m) == 0 {
		return ""
	}
	return strings.ToLower(m[len(m)-1][1])
}

// styleSheetAlign reads the text-align that the page's style sheets give
// to simple class selectors (.sign, p.sign), as nianbao's HTML sets its
// 落款.
func styleSheetAlign(doc *html.Node) map[string]string {
	out := map[string]string{}
	seen := 0
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		seen++
		if seen > maxNodes || depth > 200 {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Style {
			var t string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					t += c.Data
				}
			}
			// A page's own style sheet is short; a huge one is not read
			// (the rule pattern is quadratic on text without braces).
			if len(t) <= 64<<10 {
				for _, m := range cssRule().FindAllStringSubmatch(t, -1) {
					a := textAlign(m[2])
					if a == "" {
						continue
					}
					for _, sel := range strings.Split(m[1], ",") {
						if c := classSelector().FindStringSubmatch(strings.TrimSpace(sel)); c != nil {
							out[c[1]] = a
						}
					}
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return out
}

func hasNestedTable(t *html.Node) bool {
	found := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Table {
				found = true
				return
			}
			walk(c)
		}
	}
	walk(t)
	return found
}

// textOf is the text under n, block breaks ignored: a header split over
// lines (商业<br>企业) or a figure split across spans reads as one.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 100 || b.Len() > 1<<16 {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && skipElement(n) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// cleanHTMLText collapses whitespace as a browser would for Chinese text:
// a run of spaces within a line is one space, wherever it stands (the
// officer's 「信息 1234 条」 and 「1. 列表」 keep theirs); a line break of
// the source (Word wraps its HTML inside paragraphs) disappears between two
// CJK characters and beside one, and between Latin words or digits is one
// space. Ideographic spaces and zero-width spaces alone count as a line
// break does.
func cleanHTMLText(s string) string {
	var b strings.Builder
	var prev rune
	pendingSpace, lineBreak, plain := false, false, false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\u3000' {
			pendingSpace = b.Len() > 0
			lineBreak = lineBreak || r == '\n' || r == '\r'
			plain = plain || r == ' ' || r == '\t' || r == '\u00a0'
			continue
		}
		// A source line break between two digits is Word wrapping its
		// markup inside a figure split across spans, not a space.
		digits := lineBreak && isDigit(prev) && isDigit(r)
		switch {
		case !pendingSpace:
		case plain && !lineBreak:
			b.WriteByte(' ')
		case isNarrow(prev) && isNarrow(r) && !digits:
			b.WriteByte(' ')
		}
		pendingSpace, lineBreak, plain = false, false, false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isNarrow(r rune) bool {
	return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsPunct(r))
}

type gridSlot struct {
	text    string
	set     bool
	origin  bool
	rowCopy bool // below the origin, first column of the span
	colCopy bool
}

// tableGrid reads a <table> into rows of cell strings with rowspan and
// colspan expanded into a grid. Each row lists the cells that start in it; a
// cell spanning down from a row above leaves an empty placeholder in its
// first column (as published text does), and colspan copies are dropped so
// that a figure spanning three columns counts once.
func tableGrid(t *html.Node) [][]string {
	var trs []*html.Node
	var collect func(n *html.Node, depth int)
	collect = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && depth < 4; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				if len(trs) < maxGridRows {
					trs = append(trs, c)
				}
			case atom.Thead, atom.Tbody, atom.Tfoot:
				collect(c, depth+1)
			}
		}
	}
	collect(t, 0)
	grid := make([][]gridSlot, 0, len(trs))
	ensure := func(r, c int) {
		for len(grid) <= r {
			grid = append(grid, nil)
		}
		for len(grid[r]) <= c {
			grid[r] = append(grid[r], gridSlot{})
		}
	}
	for ri, tr := range trs {
		ensure(ri, 0)
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != html.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
				continue
			}
			for col < len(grid[ri]) && grid[ri][col].set {
				col++
			}
			if col >= maxGridCols {
				break
			}
			rs, cs := spanAttr(td, "rowspan"), spanAttr(td, "colspan")
			if ri+rs > maxGridRows {
				rs = maxGridRows - ri
			}
			if col+cs > maxGridCols {
				cs = maxGridCols - col
			}
			text := cleanHTMLText(textOf(td))
			if squeezed := strings.ReplaceAll(text, " ", ""); kindOf(squeezed) == vNum {
				text = squeezed
			}
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cs; dc++ {
					ensure(ri+dr, col+dc)
					slot := &grid[ri+dr][col+dc]
					if slot.set {
						continue
					}
					*slot = gridSlot{text: text, set: true, origin: dr == 0 && dc == 0, rowCopy: dr > 0 && dc == 0, colCopy: dc > 0}
				}
			}
			col += cs
		}
	}
	var rows [][]string
	for _, gr := range grid {
		var row []string
		for _, s := range gr {
			switch {
			case s.origin:
				row = append(row, s.text)
			case s.rowCopy:
				row = append(row, "")
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

func spanAttr(n *html.Node, name string) int {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			v := 0
			for _, r := range strings.TrimSpace(a.Val) {
				if r < '0' || r > '9' {
					break
				}
				v = v*10 + int(r-'0')
				if v > maxSpan {
					return maxSpan
				}
			}
			if v < 1 {
				return 1
			}
			return v
		}
	}
	return 1
}
