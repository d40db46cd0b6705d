package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"nianbao/model"
)

// The .docx reader uses only the standard library (archive/zip and
// encoding/xml): the part of WordprocessingML a report needs (paragraphs,
// tables with merged cells, list numbering) is small, and a library for the
// whole of OOXML would bring far more than it earns here.

// Bounds on the work done for one .docx: parts larger than any report's, or
// more elements than any report has, are refused rather than read.
const (
	maxDocxPart  = 64 << 20
	maxDocxNodes = 2_000_000
	maxDocxDepth = 256
)

var (
	errDocxNotZip  = errors.New("文件不是有效的 Word 文档（.docx）：无法按压缩包打开，文件可能已损坏或不完整")
	errDocxNoBody  = errors.New("文件不是 Word 文档（.docx）：其中没有正文（word/document.xml）")
	errDocxBadXML  = errors.New("这个 Word 文档（.docx）的正文无法解析，文件可能已损坏")
	errDocxTooBig  = errors.New("这个 Word 文档（.docx）的正文太大，不像是一份年度报告")
	errDocxDamaged = errors.New("这个 Word 文档（.docx）中的正文无法解压，文件可能已损坏")
)

// xnode is one element of a part, with only what the reader needs.
type xnode struct {
	name  string // local name: p, r, t, tbl …
	attrs []xml.Attr
	kids  []*xnode
	text  string // character data of w:t and similar leaf elements
}

func (n *xnode) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func (n *xnode) child(local string) *xnode {
	for _, k := range n.kids {
		if k.name == local {
			return k
		}
	}
	return nil
}

// val is the w:val of the named child, and whether the child is there.
func (n *xnode) val(local string) (string, bool) {
	if c := n.child(local); c != nil {
		v, _ := c.attr("val")
		return v, true
	}
	return "", false
}

// parseXML reads a part into a tree of elements. Character data is kept
// only for the leaf elements that hold text.
func parseXML(data []byte) (*xnode, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	root := &xnode{}
	stack := []*xnode{root}
	count := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errDocxBadXML
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxDocxNodes || len(stack) > maxDocxDepth {
				return nil, errDocxTooBig
			}
			n := &xnode{name: t.Name.Local, attrs: t.Attr}
			if t.Name.Space == "mc" && t.Name.Local == "Fallback" {
				n.name = "mc:Fallback" // the same content again, for old readers
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			top := stack[len(stack)-1]
			switch top.name {
			case "t", "instrText":
				top.text += string(t)
			}
		}
	}
	return root, nil
}

// readZipPart returns a part of the package, or nil when it is absent.
func readZipPart(z *zip.Reader, name string) ([]byte, error) {
	for _, f := range z.File {
		if !strings.EqualFold(f.Name, name) {
			continue
		}
		if f.UncompressedSize64 > maxDocxPart {
			return nil, errDocxTooBig
		}
		rc, err := f.Open()
		if err != nil {
			return nil, errDocxDamaged
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxDocxPart+1))
		if err != nil {
			return nil, errDocxDamaged
		}
		if len(b) > maxDocxPart {
			return nil, errDocxTooBig
		}
		return b, nil
	}
	return nil, nil
}

func isDocx(data []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range z.File {
		if strings.EqualFold(f.Name, "word/document.xml") {
			return true
		}
	}
	return false
}

func importDocx(data []byte, opt Options) (*Result, error) {
	blocks, err := docxBlocks(data)
	if err != nil {
		return nil, err
	}
	r, notes, err := assemble(blocks, opt, "")
	if err != nil {
		return nil, err
	}
	return &Result{Report: r, Notes: notes}, nil
}

// docxBlocks reads the body of a .docx into paragraphs and tables in order.
func docxBlocks(data []byte) ([]block, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errDocxNotZip
	}
	doc, err := readZipPart(z, "word/document.xml")
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, errDocxNoBody
	}
	root, err := parseXML(doc)
	if err != nil {
		return nil, err
	}
	w := &docxWalker{num: newNumbering()}
	if b, err := readZipPart(z, "word/numbering.xml"); err == nil && b != nil {
		if n, err := parseXML(b); err == nil {
			w.num.load(n)
		}
	}
	if b, err := readZipPart(z, "word/styles.xml"); err == nil && b != nil {
		if n, err := parseXML(b); err == nil {
			w.styles = loadStyleNumbering(n)
			w.rightStyles = loadStyleRight(n)
		}
	}
	var body *xnode
	var find func(n *xnode, depth int)
	find = func(n *xnode, depth int) {
		for _, k := range n.kids {
			if body != nil || depth > 3 {
				return
			}
			if k.name == "body" {
				body = k
				return
			}
			find(k, depth+1)
		}
	}
	find(root, 0)
	if body == nil {
		return nil, errDocxNoBody
	}
	w.container(body, 0)
	return w.out, nil
}

type docxWalker struct {
	out    []block
	num    *numbering
	styles map[string]numRef
	// rightStyles: the paragraph styles set right-aligned (a 落款 style,
	// as nianbao's Signature).
	rightStyles map[string]bool
}

// container reads the block-level content of the body, a cell, a content
// control or a text box: paragraphs and tables.
func (w *docxWalker) container(n *xnode, depth int) {
	if depth > 50 {
		return
	}
	for _, k := range n.kids {
		switch k.name {
		case "p":
			w.paragraph(k, depth)
		case "tbl":
			if rows := w.table(k, depth); len(rows) > 0 {
				w.out = append(w.out, block{table: rows, isTbl: true})
			}
		case "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag":
			w.container(k, depth+1)
		}
	}
}

// paragraph adds a paragraph, split at its line breaks (a title set as two
// lines of one paragraph is two lines), with its list number in front.
func (w *docxWalker) paragraph(p *xnode, depth int) {
	var b strings.Builder
	if label := w.listLabel(p); label != "" {
		b.WriteString(label)
	}
	var boxes []*xnode
	w.runs(p, &b, &boxes, 0)
	right := w.rightAligned(p)
	for _, line := range strings.Split(b.String(), "\n") {
		if t := strings.TrimSpace(line); t != "" {
			w.out = append(w.out, block{para: t, right: right})
		}
	}
	// Text boxes anchored in the paragraph follow it.
	for _, tb := range boxes {
		w.container(tb, depth+1)
	}
}

// runs collects the text of a paragraph's runs: text, tabs, breaks, and the
// runs inside hyperlinks, fields, insertions and content controls; deleted
// text is skipped.
func (w *docxWalker) runs(n *xnode, b *strings.Builder, boxes *[]*xnode, depth int) {
	if depth > 50 {
		return
	}
	for _, k := range n.kids {
		switch k.name {
		case "t":
			b.WriteString(k.text)
		case "tab", "ptab":
			b.WriteString("\t")
		case "br", "cr":
			if t, _ := k.attr("type"); t == "page" || t == "column" {
				continue
			}
			b.WriteString("\n")
		case "noBreakHyphen":
			b.WriteString("-")
		case "sym":
			if c, ok := k.attr("char"); ok {
				if v, err := strconv.ParseUint(c, 16, 32); err == nil && v >= 0x20 && v < 0xF000 {
					b.WriteRune(rune(v))
				}
			}
		case "txbxContent":
			*boxes = append(*boxes, k)
		case "del", "moveFrom", "mc:Fallback", "pPr", "rPr", "instrText", "delText", "footnoteReference", "endnoteReference":
		default:
			w.runs(k, b, boxes, depth+1)
		}
	}
}

// table reads a w:tbl as rows of cell strings, in the same shape the HTML
// reader gives: each row lists the cells that start in it, a cell merged
// down from the row above (w:vMerge) leaves an empty placeholder, and a cell
// spanning columns (w:gridSpan) counts once.
func (w *docxWalker) table(t *xnode, depth int) [][]string {
	var rows [][]string
	for _, tr := range t.kids {
		if tr.name != "tr" {
			continue
		}
		var row []string
		for _, tc := range rowCells(tr) {
			if pr := tc.child("tcPr"); pr != nil {
				if v, ok := pr.val("vMerge"); ok && v != "restart" {
					row = append(row, "")
					continue
				}
				if v, ok := pr.val("hMerge"); ok && v != "restart" {
					continue // the old way of merging columns
				}
			}
			row = append(row, w.cellText(tc, depth))
		}
		if len(row) > 0 && len(rows) < maxGridRows {
			rows = append(rows, row)
		}
	}
	return rows
}

// rowCells lists the cells of a row, looking through content controls.
func rowCells(tr *xnode) []*xnode {
	var out []*xnode
	var walk func(n *xnode, depth int)
	walk = func(n *xnode, depth int) {
		for _, k := range n.kids {
			switch k.name {
			case "tc":
				out = append(out, k)
			case "sdt", "sdtContent", "customXml":
				if depth < 5 {
					walk(k, depth+1)
				}
			}
		}
	}
	walk(tr, 0)
	return out
}

// cellText is a cell's paragraphs joined: a header split over lines
// (商业/企业) or a figure split across runs reads as one.
func (w *docxWalker) cellText(tc *xnode, depth int) string {
	sub := &docxWalker{num: w.num, styles: w.styles}
	sub.container(tc, depth+1)
	var b strings.Builder
	for _, bl := range sub.out {
		if bl.isTbl {
			for _, r := range bl.table {
				b.WriteString(strings.Join(r, ""))
			}
			continue
		}
		b.WriteString(bl.para)
	}
	return strings.TrimSpace(strings.ReplaceAll(b.String(), "\t", " "))
}

// numRef is a paragraph's list: its numbering instance and level.
type numRef struct {
	id    string
	level int
}

// listLabel is the number Word shows before a list paragraph (一、, （一）,
// 1.), which is not in the text itself: headings are often numbered so.
func (w *docxWalker) listLabel(p *xnode) string {
	pr := p.child("pPr")
	if pr == nil {
		return ""
	}
	ref, ok := numRef{}, false
	if np := pr.child("numPr"); np != nil {
		id, _ := np.val("numId")
		lvl, _ := np.val("ilvl")
		l, _ := strconv.Atoi(lvl)
		ref, ok = numRef{id, l}, id != ""
	} else if st, has := pr.val("pStyle"); has {
		ref, ok = w.styles[st]
	}
	if !ok || ref.id == "0" {
		return ""
	}
	return w.num.next(ref)
}

// rightAligned says whether a paragraph is set right-aligned, by its own
// w:jc or by its style's: how Word, WPS and nianbao set a 落款.
func (w *docxWalker) rightAligned(p *xnode) bool {
	pr := p.child("pPr")
	if pr == nil {
		return false
	}
	if jc, ok := pr.val("jc"); ok {
		return isRightJc(jc)
	}
	st, _ := pr.val("pStyle")
	return w.rightStyles[st]
}

// isRightJc: w:jc's values for the right edge (end in right-to-left
// neutral terms, right in Word's older ones).
func isRightJc(v string) bool { return v == "right" || v == "end" }

// loadStyleRight reads which paragraph styles are right-aligned, through
// the styles they are based on.
func loadStyleRight(root *xnode) map[string]bool {
	jc := map[string]string{}
	based := map[string]string{}
	for _, k := range root.kids {
		if k.name != "styles" {
			continue
		}
		for _, st := range k.kids {
			if t, _ := st.attr("type"); st.name != "style" || t != "paragraph" {
				continue
			}
			id, _ := st.attr("styleId")
			if b, ok := st.val("basedOn"); ok {
				based[id] = b
			}
			if pr := st.child("pPr"); pr != nil {
				if v, ok := pr.val("jc"); ok {
					jc[id] = v
				}
			}
		}
	}
	out := map[string]bool{}
	for id := range based {
		jc[id] += "" // every style is looked up below
	}
	for id := range jc {
		s := id
		for i := 0; i < 20 && s != ""; i++ {
			if v, ok := jc[s]; ok && v != "" {
				out[id] = isRightJc(v)
				break
			}
			s = based[s]
		}
	}
	return out
}

// loadStyleNumbering reads which paragraph styles carry a list number.
func loadStyleNumbering(root *xnode) map[string]numRef {
	out := map[string]numRef{}
	based := map[string]string{}
	var styles *xnode
	for _, k := range root.kids {
		if k.name == "styles" {
			styles = k
		}
	}
	if styles == nil {
		return out
	}
	for _, s := range styles.kids {
		if s.name != "style" {
			continue
		}
		id, _ := s.attr("styleId")
		if b, ok := s.val("basedOn"); ok {
			based[id] = b
		}
		if pr := s.child("pPr"); pr != nil {
			if np := pr.child("numPr"); np != nil {
				nid, _ := np.val("numId")
				lvl, _ := np.val("ilvl")
				l, _ := strconv.Atoi(lvl)
				if nid != "" {
					out[id] = numRef{nid, l}
				}
			}
		}
	}
	// A style based on a numbered one is numbered too.
	for id := range based {
		cur := id
		for i := 0; i < 10; i++ {
			if _, ok := out[cur]; ok {
				if cur != id {
					out[id] = out[cur]
				}
				break
			}
			next, ok := based[cur]
			if !ok {
				break
			}
			cur = next
		}
	}
	return out
}

// numbering holds the list definitions of numbering.xml and the counters
// of each list as the body is read.
type numbering struct {
	abstract map[string]map[int]numLevel // abstractNumId -> level -> format
	nums     map[string]string           // numId -> abstractNumId
	override map[string]map[int]int      // numId -> level -> start
	counters map[string][]int            // abstractNumId -> counter per level
}

type numLevel struct {
	format string // decimal, chineseCounting, …
	text   string // %1、, （%1）
	start  int
}

func newNumbering() *numbering {
	return &numbering{abstract: map[string]map[int]numLevel{}, nums: map[string]string{}, override: map[string]map[int]int{}, counters: map[string][]int{}}
}

func (nb *numbering) load(root *xnode) {
	var top *xnode
	for _, k := range root.kids {
		if k.name == "numbering" {
			top = k
		}
	}
	if top == nil {
		return
	}
	for _, k := range top.kids {
		switch k.name {
		case "abstractNum":
			id, _ := k.attr("abstractNumId")
			levels := map[int]numLevel{}
			for _, l := range k.kids {
				if l.name != "lvl" {
					continue
				}
				il, _ := l.attr("ilvl")
				i, _ := strconv.Atoi(il)
				f, _ := l.val("numFmt")
				t, _ := l.val("lvlText")
				s, _ := l.val("start")
				start, err := strconv.Atoi(s)
				if err != nil {
					start = 1
				}
				levels[i] = numLevel{format: f, text: t, start: start}
			}
			nb.abstract[id] = levels
		case "num":
			id, _ := k.attr("numId")
			a, _ := k.val("abstractNumId")
			nb.nums[id] = a
			for _, o := range k.kids {
				if o.name != "lvlOverride" {
					continue
				}
				il, _ := o.attr("ilvl")
				i, _ := strconv.Atoi(il)
				if s, ok := o.val("startOverride"); ok {
					if v, err := strconv.Atoi(s); err == nil {
						if nb.override[id] == nil {
							nb.override[id] = map[int]int{}
						}
						nb.override[id][i] = v
					}
				}
			}
		}
	}
}

// next advances the list's counter at the level and returns the label.
func (nb *numbering) next(ref numRef) string {
	aid, ok := nb.nums[ref.id]
	if !ok || ref.level < 0 || ref.level > 8 {
		return ""
	}
	levels := nb.abstract[aid]
	lv, ok := levels[ref.level]
	if !ok || lv.format == "bullet" || lv.format == "none" {
		return ""
	}
	c := nb.counters[aid]
	if c == nil {
		c = make([]int, 9)
		for i := range c {
			c[i] = -1
		}
		nb.counters[aid] = c
	}
	start := func(i int) int {
		if s, ok := nb.override[ref.id][i]; ok {
			return s
		}
		return levels[i].start
	}
	if c[ref.level] < 0 {
		c[ref.level] = start(ref.level)
	} else {
		c[ref.level]++
	}
	for i := ref.level + 1; i < len(c); i++ {
		c[i] = -1 // a lower level starts again under the next item
	}
	label := lv.text
	for i := 0; i <= ref.level; i++ {
		v := c[i]
		if v < 0 {
			v = start(i)
		}
		label = strings.ReplaceAll(label, "%"+strconv.Itoa(i+1), formatNumber(v, levels[i].format))
	}
	return label
}

// formatNumber writes a list counter in the list's number format.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting", "taiwaneseCounting", "chineseLegalSimplified", "ideographLegalTraditional":
		return model.ChineseNumber(n)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "upperLetter":
		if n >= 1 && n <= 26 {
			return string(rune('A' + n - 1))
		}
	case "lowerLetter":
		if n >= 1 && n <= 26 {
			return string(rune('a' + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, d := range strconv.Itoa(n) {
			b.WriteRune(d - '0' + '０')
		}
		return b.String()
	}
	return strconv.Itoa(n)
}
