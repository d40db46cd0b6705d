package importer

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/pdftext"
)

// A PDF is read from the characters it draws and their positions
// (internal/pdftext). Tables with ruling lines (Word, WPS, Chromium and
// LibreOffice draw them) are rebuilt from the lines: every cell is the area
// its borders enclose, merged cells included, so each figure lands in the
// cell it is printed in. A table printed without borders is read line by
// line, its figures told apart by the gaps between them, and its rows left
// to the table reader, which places a row by its label or not at all. The
// rest of the page becomes paragraphs: lines broken by the page width are
// joined again, and page numbers and running headers are dropped.

var errPDFNoText = errors.New("PDF 中没有可以读取的文字（可能是扫描的图片）；请导入报告的网页、Word 文档或复制的文字")

// errPDFUnmapped is the refusal of a PDF whose fonts do not say which
// characters they draw: reading it would give garbage.
func errPDFUnmapped(n, total int) error {
	return fmt.Errorf("PDF 中有 %d 个字（共 %d 个）使用的字体没有说明对应哪个汉字或数字（例如浏览器「打印为 PDF」时嵌入的 Type 3 字体缺少 ToUnicode 对照表），无法可靠地读出文字，未导入；请改为导入报告的网页、Word 文档或复制的文字", n, total)
}

func importPDF(data []byte, opt Options) (*Result, error) {
	doc, err := pdftext.Read(data, pdftext.DefaultLimits)
	if err != nil {
		return nil, err
	}
	pages := doc.Pages
	total, unmapped := 0, 0
	for _, p := range pages {
		for _, g := range p.Glyphs {
			if g.Text == " " || g.Text == "" {
				continue
			}
			total++
			if g.Unmapped {
				unmapped++
			}
		}
	}
	if total == 0 {
		return nil, errPDFNoText
	}
	// A few unmapped symbols (a decorative bullet) are shown as such in
	// the text and make any cell they stand in unreadable; more than that
	// means the text itself cannot be read.
	if unmapped > 0 && unmapped*200 > total {
		return nil, errPDFUnmapped(unmapped, total)
	}
	blocks := pdfBlocks(pages)
	r, notes, err := assembleWith(&assembler{fromPDF: true}, blocks, opt, strings.TrimSpace(doc.Title))
	if err != nil {
		return nil, err
	}
	if unmapped > 0 {
		notes = append([]string{fmt.Sprintf("PDF 中有 %d 个符号无法还原为文字，显示为「\uFFFD」；含有这些符号的单元格未导入", unmapped)}, notes...)
	}
	return &Result{Report: r, Notes: notes}, nil
}

// pglyph is a glyph on a page with its box.
type pglyph struct {
	x, y, w, size float64
	text          string
	// spaceBefore: the PDF draws a space character between this glyph
	// and the one before it on the line (the officer's 「信息 1234 条」).
	spaceBefore bool
}

func (g pglyph) right() float64 { return g.x + g.w }

// pline is a line of text on a page: glyphs on one baseline, left to right.
type pline struct {
	glyphs []pglyph
	y      float64 // baseline
	size   float64
}

func (l *pline) left() float64  { return l.glyphs[0].x }
func (l *pline) right() float64 { return l.glyphs[len(l.glyphs)-1].right() }

// chunks splits a line at its gaps: wide gaps, and any clear gap next to a
// digit (two figures printed side by side in a table without borders).
func (l *pline) chunks() []string {
	var out []string
	for _, c := range l.pchunks() {
		out = append(out, c.text)
	}
	return out
}

// pchunk is a chunk of a line with where it starts and ends.
type pchunk struct {
	text   string
	x0, x1 float64
}

func (l *pline) pchunks() []pchunk {
	var out []pchunk
	var b strings.Builder
	x0 := 0.0
	for i, g := range l.glyphs {
		if i == 0 {
			x0 = g.x
		} else {
			prev := l.glyphs[i-1]
			gap := g.x - prev.right()
			size := math.Max(g.size, prev.size)
			if gap > size || gap > 0.25*size && (isDigitText(prev.text) || isDigitText(g.text)) {
				out = append(out, pchunk{b.String(), x0, prev.right()})
				b.Reset()
				x0 = g.x
			} else if gap > 0.2*size && isNarrowText(prev.text) && isNarrowText(g.text) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.text)
	}
	out = append(out, pchunk{b.String(), x0, l.right()})
	return out
}

// span is where the text s stands in the line: the left edge of its first
// glyph and the right edge of its last; ok is false when s is not in the
// line or more than once.
func (l *pline) span(s string) (x0, x1 float64, ok bool) {
	var joined strings.Builder
	starts := make([]int, len(l.glyphs))
	for i, g := range l.glyphs {
		starts[i] = joined.Len()
		joined.WriteString(g.text)
	}
	t := joined.String()
	i := strings.Index(t, s)
	if i < 0 || strings.Contains(t[i+len(s):], s) {
		return 0, 0, false
	}
	first, last := -1, -1
	for k, st := range starts {
		if st >= i && st < i+len(s) {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return 0, 0, false
	}
	return l.glyphs[first].x, l.glyphs[last].right(), true
}

// s3Anchors are how 三's value columns are named in its header, as far as
// a wrapped header cell keeps them on one line (科研 / 机构).
var s3Anchors = [7]string{"自然人", "商业", "科研", "社会", "法律", "其他", "总计"}

// s3Columns finds the centre of each of 三's value columns from the header
// lines of a table printed without borders: each name found once, the
// columns in order from left to right.
func s3Columns(hdr []*pline) ([]float64, bool) {
	centers := make([]float64, len(s3Anchors))
	for k, name := range s3Anchors {
		found := 0
		for _, try := range []string{name, strings.TrimSuffix(name, "人")} {
			// 自然人 may wrap too (自然 / 人).
			for _, l := range hdr {
				if name == "其他" && strings.Contains(l.text(), "其他组织") {
					continue // 法人或其他组织, the group over five columns
				}
				if x0, x1, ok := l.span(try); ok {
					centers[k] = (x0 + x1) / 2
					found++
				}
			}
			if found > 0 || try == name && !strings.HasSuffix(name, "人") {
				break
			}
		}
		if found != 1 {
			return nil, false
		}
	}
	for k := 1; k < len(centers); k++ {
		if centers[k] <= centers[k-1] {
			return nil, false
		}
	}
	return centers, true
}

// pfig is a figure of a table without borders: its row (line), text,
// centre and right edge.
type pfig struct {
	row    int
	text   string
	cx, x1 float64
}

// placeUnderHeader gives the rows of 三 printed without borders their
// blank cells back. A cell the report leaves blank prints nothing, so a row
// of four figures does not say which four of the seven columns they are
// in; where they stand does. Two readings of the page are tried on the
// whole table: figures centred under their column's name (each nearer to
// it than a third of the way to a neighbour), and figures set flush right
// in their column (their right edges line up, and each column's edge lies
// between its name and the next). A reading is used only when it places
// every figure of the table, no two in one cell; when both do and they
// differ, neither is used. Rows left as they were are read, or not, by
// their count.
//
// In text extracted with -layout (layout), the header's words stand only
// roughly where they are printed (pdftotext packs words of one line
// together): there the figures' own columns, where they show every
// column, are read alone.
// centers may be nil (the header was not found): then only the figures'
// own columns are read.
func placeUnderHeader(rows [][]string, lines []*pline, centers []float64, layout bool) [][]string {
	var figs []pfig
	for i, l := range lines {
		for _, c := range l.pchunks() {
			if k := kindOf(c.text); k == vNum || k == vDash {
				figs = append(figs, pfig{i, c.text, (c.x0 + c.x1) / 2, c.x1})
			}
		}
	}
	if len(figs) == 0 || len(figs) > 5000 {
		return rows
	}
	n := len(s3Anchors) // the columns of 三
	// Reading 1: centred.
	byCenter := make([]int, len(figs))
	for i, f := range figs {
		byCenter[i] = -1
		if len(centers) == n {
			byCenter[i] = nearestColumn(centers, f.cx)
		}
	}
	// Reading 2: flush right. Right edges closer than 2 points are one
	// edge; each edge must fall between a column's name and the next.
	byRight := make([]int, len(figs))
	edges := map[int]int{} // edge index -> column
	var edgeX []float64
	for i, f := range figs {
		e := -1
		for k, x := range edgeX {
			if math.Abs(x-f.x1) <= 2 {
				e = k
			}
		}
		if e < 0 {
			edgeX = append(edgeX, f.x1)
			e = len(edgeX) - 1
		}
		col, ok := edges[e]
		if !ok {
			col = -1
			for j, c := range centers {
				next := math.Inf(1)
				if j+1 < len(centers) {
					next = centers[j+1]
				}
				if edgeX[e] > c && edgeX[e] < next {
					col = j
				}
			}
			edges[e] = col
		}
		byRight[i] = col
	}
	// Flush right shows in the page itself: figures of different widths
	// share a right edge. Without that (one width only, or figures set
	// flush left), the edges say nothing about the columns. And a column
	// set flush right has one right edge.
	proof := false
	perColumn := map[int]int{}
	for e, col := range edges {
		perColumn[col]++
		var x0s []float64
		for _, f := range figs {
			if math.Abs(f.x1-edgeX[e]) <= 2 {
				x0s = append(x0s, f.cx*2-f.x1)
			}
		}
		for _, x := range x0s {
			if math.Abs(x-x0s[0]) > 2 {
				proof = true
			}
		}
	}
	for _, n := range perColumn {
		if n > 1 {
			proof = false
		}
	}
	if !proof {
		for i := range byRight {
			byRight[i] = -1
		}
	}
	complete := func(cols []int) bool {
		seen := map[[2]int]bool{}
		for i, c := range cols {
			k := [2]int{figs[i].row, c}
			if c < 0 || seen[k] {
				return false
			}
			seen[k] = true
		}
		return true
	}
	// Reading 3: the figures' own columns. Where every column of the
	// table has a figure in some row, the figures' right (or left) edges,
	// or their centres, fall into as many tight groups as there are
	// columns, and the groups are the columns in order.
	byEdges := figureColumns(figs, n, lines)
	// Every reading that places every figure must agree.
	var cols []int
	readings := [][]int{byCenter, byRight, byEdges}
	if layout && byEdges != nil && complete(byEdges) {
		readings = [][]int{byEdges}
	}
	for _, r := range readings {
		if r == nil || !complete(r) {
			continue
		}
		if cols != nil {
			for i := range figs {
				if cols[i] != r[i] {
					return rows
				}
			}
		}
		cols = r
	}
	if cols == nil {
		return rows
	}
	out := make([][]string, len(rows))
	copy(out, rows)
	placed := make([][]string, len(rows))
	for i, f := range figs {
		if placed[f.row] == nil {
			placed[f.row] = make([]string, n)
		}
		placed[f.row][cols[i]] = f.text
	}
	for r, cells := range placed {
		if cells == nil || figures(rows[r]) >= n {
			continue // a row with every figure needs no help
		}
		var labels []string
		for _, c := range rows[r] {
			if k := kindOf(c); k != vNum && k != vDash {
				labels = append(labels, c)
			}
		}
		out[r] = append(labels, cells...)
	}
	return out
}

// figureColumns reads the columns of a table without borders from its
// figures alone: their right edges, their left edges or their centres
// (figures set flush right, flush left or centred) fall into exactly n
// tight groups, far apart, the columns from left to right. Only one way of
// aligning may give n groups, or the groups must say the same. nil when
// none does: a column blank in every row leaves fewer groups, and the
// header must tell which is missing.
func figureColumns(figs []pfig, n int, lines []*pline) []int {
	if len(figs) == 0 || len(lines) == 0 {
		return nil
	}
	// How close edges of one column stand: a character of text
	// extracted with -layout, a fifth of the type size in a PDF.
	tol := math.Max(1, 0.2*lines[0].size)
	var found []int
	for _, at := range []func(f pfig) float64{
		func(f pfig) float64 { return f.x1 },
		func(f pfig) float64 { return 2*f.cx - f.x1 },
		func(f pfig) float64 { return f.cx },
	} {
		xs := make([]float64, len(figs))
		for i, f := range figs {
			xs[i] = at(f)
		}
		cols, ok := groupColumns(xs, n, tol)
		if !ok {
			continue
		}
		if found != nil {
			for i := range cols {
				if cols[i] != found[i] {
					return nil
				}
			}
		}
		found = cols
	}
	return found
}

// groupColumns groups the positions xs into n groups from left to right,
// each no wider than two tol and apart from the next by more than three:
// the group of each position, or ok false.
func groupColumns(xs []float64, n int, tol float64) (cols []int, ok bool) {
	sorted := append([]float64(nil), xs...)
	sort.Float64s(sorted)

	var starts, ends []float64
	for _, x := range sorted {
		if len(ends) > 0 && x-ends[len(ends)-1] <= tol {
			ends[len(ends)-1] = x
			continue
		}
		starts = append(starts, x)
		ends = append(ends, x)
	}
	if len(starts) != n {
		return nil, false
	}
	for g := range starts {
		if ends[g]-starts[g] > 2*tol || g > 0 && starts[g]-ends[g-1] <= 3*tol {
			return nil, false
		}
	}
	cols = make([]int, len(xs))
	for i, x := range xs {
		for g := range starts {
			if x >= starts[g] && x <= ends[g] {
				cols[i] = g
			}
		}
	}
	return cols, true
}

// nearestColumn is the column whose centre x is clearly nearest (nearer
// than a third of the way to a neighbour), or -1.
func nearestColumn(centers []float64, x float64) int {
	best := 0
	for j, c := range centers {
		if math.Abs(x-c) < math.Abs(x-centers[best]) {
			best = j
		}
	}
	gap := math.Inf(1)
	if best > 0 {
		gap = centers[best] - centers[best-1]
	}
	if best+1 < len(centers) {
		gap = math.Min(gap, centers[best+1]-centers[best])
	}
	if math.Abs(x-centers[best]) > gap/3 {
		return -1
	}
	return best
}

// text is the line as one string: glyphs joined, a space where the PDF
// draws one (see markSpaces) and between two narrow (Latin) characters set
// apart. A gap beside a Chinese character is no space: justified lines
// spread their characters.
func (l *pline) text() string {
	var b strings.Builder
	for i, g := range l.glyphs {
		if i > 0 {
			prev := l.glyphs[i-1]
			if gap := g.x - prev.right(); g.spaceBefore || gap > 0.2*math.Max(g.size, prev.size) && isNarrowText(prev.text) && isNarrowText(g.text) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.text)
	}
	return b.String()
}

func isDigitText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= '0' && r <= '9' || r == '.' || r >= '０' && r <= '９'
}

func isNarrowText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsPunct(r))
}

// markSpaces marks the glyphs of lines that follow a space character the
// PDF draws on the same baseline, between them and the glyph before: the
// spaces of the text as written (Word, WPS and LibreOffice draw them as
// characters), not the gaps of justified text, which draw none. The lines
// are in baseline order, as makeLines leaves them.
func markSpaces(lines []*pline, spaces []pglyph) {
	for _, sp := range spaces {
		i := sort.Search(len(lines), func(i int) bool { return lines[i].y >= sp.y-0.3*lines[i].size })
		for ; i < len(lines) && lines[i].y <= sp.y+0.3*lines[i].size; i++ {
			gs := lines[i].glyphs
			k := sort.Search(len(gs), func(k int) bool { return gs[k].x >= sp.x })
			if k > 0 && k < len(gs) && math.Abs(lines[i].y-sp.y) <= 0.3*math.Max(lines[i].size, sp.size) {
				gs[k].spaceBefore = true
				break
			}
		}
	}
}

// makeLines groups glyphs into lines by baseline.
func makeLines(gs []pglyph) []*pline {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y < gs[j].y })
	var lines []*pline
	for _, g := range gs {
		var best *pline
		// Glyphs of one line share a baseline within a fraction of the
		// size; the lines are few per table row, so a short scan back is
		// enough.
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-4; k-- {
			l := lines[k]
			if math.Abs(l.y-g.y) <= 0.3*math.Max(l.size, g.size) {
				best = l
				break
			}
		}
		if best == nil {
			best = &pline{y: g.y, size: g.size}
			lines = append(lines, best)
		}
		best.glyphs = append(best.glyphs, g)
		if g.size > best.size {
			best.size = g.size
		}
	}
	for _, l := range lines {
		sort.SliceStable(l.glyphs, func(i, j int) bool { return l.glyphs[i].x < l.glyphs[j].x })
		// Glyphs drawn twice at the same place (fake bold) count once.
		out := l.glyphs[:1]
		for _, g := range l.glyphs[1:] {
			p := out[len(out)-1]
			if g.text == p.text && math.Abs(g.x-p.x) < 0.2*g.size {
				continue
			}
			out = append(out, g)
		}
		l.glyphs = out
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y < lines[j].y })
	return lines
}

// pageNumber matches the page numbers and running lines printed at the top
// or foot of a page: — 1 —, - 2 -, 第3页, 第 3 页 共 9 页, 3/9.
var pageNumber = lazyRegexp(`^(?:[-—–－~～]\s*\d+\s*[-—–－~～]|第\s*\d+\s*页.*|\d+\s*/\s*\d+)$`)

// browserChrome matches what a browser prints at the top and foot of each
// page: the page's address, and "page/pages" after it.
var browserChrome = lazyRegexp(`^(?:https?|file)://\S*(?:\s+\d+\s*/\s*\d+)?$|\s\d{1,3}\s*/\s*\d{1,3}$|^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}[ ,]+(?:上午|下午)?\d{1,2}:\d{2}`)

// isPageNumber tells a page number at the top or foot of page i (0-based)
// from a figure there: a bare number counts only when it is the page's own
// number (or one off, for a cover page).
func isPageNumber(t string, i int) bool {
	if pageNumber().MatchString(t) || browserChrome().MatchString(t) {
		return true
	}
	n, err := strconv.Atoi(t)
	return err == nil && n >= i && n <= i+2
}

// pelem is one element of a page in reading order: a line or a table.
type pelem struct {
	y     float64
	line  *pline
	table [][]string
	cols  [][]float64 // a table's cells: the left edge of each
	xs    []float64   // a table's column edges
	page  int
}

// pdfBlocks rebuilds paragraphs and tables from the pages.
func pdfBlocks(pages []pdftext.Page) []block {
	var elems []pelem
	// Lines that stand at the same place on most pages (running headers
	// and footers) are found first.
	type key struct {
		text string
		y    int
	}
	seen := map[key]int{}
	pageLines := make([][]*pline, len(pages))
	pageTables := make([][]ruledTable, len(pages))
	for pi, p := range pages {
		tables := findTables(p.Segs)
		var free, spaces []pglyph
		for _, g := range p.Glyphs {
			if g.Text == " " || g.Text == "\u00a0" {
				spaces = append(spaces, pglyph{x: g.X, y: g.Y, w: g.W, size: g.Size})
			}
			if g.Text == "" || strings.TrimSpace(g.Text) == "" {
				continue
			}
			pg := pglyph{x: g.X, y: g.Y, w: g.W, size: g.Size, text: g.Text}
			placed := false
			for ti := range tables {
				if tables[ti].take(pg) {
					placed = true
					break
				}
			}
			if !placed {
				free = append(free, pg)
			}
		}
		pageTables[pi] = tables
		pageLines[pi] = makeLines(free)
		markSpaces(pageLines[pi], spaces)
		for _, l := range pageLines[pi] {
			seen[key{l.text(), int(l.y / 4)}]++
		}
	}
	for pi, p := range pages {
		for _, l := range pageLines[pi] {
			t := strings.TrimSpace(l.text())
			margin := l.y < p.Height*0.1 || l.y > p.Height*0.88
			if margin && (isPageNumber(t, pi) || len(pages) >= 3 && seen[key{l.text(), int(l.y / 4)}] >= 3) {
				continue
			}
			elems = append(elems, pelem{y: l.y, line: l, page: pi})
		}
		for _, t := range pageTables[pi] {
			if rows, cols := t.rows(); len(rows) > 0 {
				elems = append(elems, pelem{y: t.y0, table: rows, cols: cols, xs: t.xs, page: pi})
			}
		}
	}
	sort.SliceStable(elems, func(i, j int) bool {
		if elems[i].page != elems[j].page {
			return elems[i].page < elems[j].page
		}
		return elems[i].y < elems[j].y
	})
	joinSplitTables(elems)
	return reflow(elems, pages)
}

// joinSplitTables mends a table continued on the next page: the header rows
// repeated at the top of the continuation are dropped, and a row broken by
// the page (its label's last words on the new page, its figures on the old)
// is joined again, cell by cell.
func joinSplitTables(elems []pelem) {
	var first *pelem // the first part of the table being continued
	for i := 1; i < len(elems); i++ {
		prev, cur := &elems[i-1], &elems[i]
		if cur.table == nil {
			first = nil
			continue
		}
		if prev.table == nil || prev.page+1 != cur.page || !sameEdges(prev.xs, cur.xs) {
			first = cur
			continue
		}
		if first == nil {
			first = prev
		}
		// Repeated header rows.
		k := 0
		for k < len(cur.table) && k < len(first.table) && strings.Join(cur.table[k], "\x00") == strings.Join(first.table[k], "\x00") && !hasFigure(cur.table[k]) {
			k++
		}
		cur.table, cur.cols = cur.table[k:], cur.cols[k:]
		if len(cur.table) == 0 || len(prev.table) == 0 {
			continue
		}
		a, b := prev.table[len(prev.table)-1], cur.table[0]
		ac, bc := prev.cols[len(prev.cols)-1], cur.cols[0]
		if hasFigure(b) || !hasFigure(a) || anyLabel(a) || anyLabel(b) {
			continue
		}
		// The cell of a that starts where a cell of b does.
		at := func(x float64) int {
			for j, ax := range ac {
				if math.Abs(ax-x) <= tol {
					return j
				}
			}
			return -1
		}
		ok := true
		for i, text := range b {
			if text == "" {
				continue
			}
			if j := at(bc[i]); j < 0 || kindOf(a[j]) != vText {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for i, text := range b {
			if text != "" {
				a[at(bc[i])] += text
			}
		}
		cur.table, cur.cols = cur.table[1:], cur.cols[1:]
	}
}

// sameEdges tells whether two parts of a table on consecutive pages are
// one table: the same outer edges, and the column edges of one among the
// other's (a part may not use every column a label column splits into).
func sameEdges(a, b []float64) bool {
	if len(a) < 2 || len(b) < 2 || math.Abs(a[0]-b[0]) > tol || math.Abs(a[len(a)-1]-b[len(b)-1]) > tol {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if math.Abs(x-y) <= tol {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// anyLabel reports whether a cell of the row is a row label of a table.
func anyLabel(row []string) bool {
	for _, c := range row {
		for _, m := range matchers() {
			if _, ok := m.row(c); ok {
				return true
			}
		}
	}
	return false
}

// reflow joins the lines of a paragraph again and turns the lines of a
// table printed without borders into rows.
func reflow(elems []pelem, pages []pdftext.Page) []block {
	// The text column of each page: where most lines start and end.
	left := make([]float64, len(pages))
	right := make([]float64, len(pages))
	for pi := range pages {
		left[pi], right[pi] = math.Inf(1), math.Inf(-1)
	}
	for _, e := range elems {
		if e.line == nil {
			continue
		}
		// Lines in the top and bottom margins (a running head that
		// survived) do not set the text column.
		if h := pages[e.page].Height; h > 0 && (e.line.y < h*0.08 || e.line.y > h*0.92) {
			continue
		}
		left[e.page] = math.Min(left[e.page], e.line.left())
		right[e.page] = math.Max(right[e.page], e.line.right())
	}
	// The usual distance between the lines of a paragraph.
	var pitches []float64
	for i := 1; i < len(elems); i++ {
		a, b := elems[i-1], elems[i]
		if a.line != nil && b.line != nil && a.page == b.page {
			if d := b.line.y - a.line.y; d > 0.8*b.line.size && d < 4*b.line.size {
				pitches = append(pitches, d/b.line.size)
			}
		}
	}
	pitch := 1.5
	if len(pitches) > 0 {
		sort.Float64s(pitches)
		pitch = pitches[len(pitches)/2]
	}
	var out []block
	var para strings.Builder
	var rows [][]string
	var prev *pelem
	var hdr []*pline // the last lines of 三 without figures: its header
	section := 0
	flushPara := func() {
		if para.Len() > 0 {
			out = append(out, block{para: para.String()})
			para.Reset()
		}
	}
	var rowLines []*pline // the line each row of rows came from
	var centers []float64 // 三's columns, from the header above its first figures
	flushRows := func() {
		if len(rows) > 0 {
			if section == 3 && centers != nil {
				rows = placeUnderHeader(rows, rowLines, centers, false)
			}
			out = append(out, block{table: rows, isTbl: true})
			rows, rowLines, centers = nil, nil, nil
		}
	}
	for i := range elems {
		e := &elems[i]
		if e.table != nil {
			if len(e.table) == 0 {
				continue
			}
			flushPara()
			flushRows()
			out = append(out, block{table: e.table, isTbl: true})
			prev = nil
			continue
		}
		l := e.line
		text := strings.TrimSpace(l.text())
		if k := headingNumber(text); k > section {
			flushPara()
			flushRows()
			section = k
			out = append(out, block{para: text})
			prev = nil
			continue
		}
		// In 二, 三 and 四, a line of several parts with a figure among
		// them is a row of a table printed without borders.
		if section >= 2 && section <= 4 && !isSentence(text) {
			ch := l.chunks()
			if section == 3 && !hasFigure(ch) {
				hdr = append(hdr, l)
				if len(hdr) > 12 {
					hdr = hdr[1:]
				}
			}
			if len(ch) >= 2 && hasFigure(ch) || len(rows) > 0 && !strings.ContainsAny(text, "。；") {
				if section == 3 && centers == nil && hasFigure(ch) {
					centers, _ = s3Columns(hdr)
				}
				flushPara()
				rows = append(rows, ch)
				rowLines = append(rowLines, l)
				prev = e
				continue
			}
		}
		flushRows()
		if prev == nil || prev.line == nil || startsParagraph(prev, e, left, right, pitch) {
			flushPara()
		} else if needsSpace(para.String(), text) {
			para.WriteByte(' ')
		}
		para.WriteString(text)
		prev = e
	}
	flushPara()
	flushRows()
	return out
}

func figures(cells []string) int {
	n := 0
	for _, c := range cells {
		if k := kindOf(c); k == vNum || k == vDash {
			n++
		}
	}
	return n
}

func hasFigure(cells []string) bool {
	for _, c := range cells {
		if kindOf(c) == vNum {
			return true
		}
	}
	return false
}

// startsParagraph tells whether line e begins a new paragraph after prev:
// it is indented, or prev stopped short of the right edge, or a gap larger
// than a line lies between them, or it is a heading or a part's title.
func startsParagraph(prev, e *pelem, left, right []float64, pitch float64) bool {
	p, l := prev.line, e.line
	size := math.Max(p.size, l.size)
	text := strings.TrimSpace(l.text())
	if partStart().MatchString(text) || signatureDate().MatchString(foldDigits(text)) {
		return true
	}
	if l.left() > left[e.page]+0.9*size {
		return true // first-line indent, or centred
	}
	if p.right() < right[prev.page]-2.5*size {
		return true // the line before ended the paragraph
	}
	if prev.page == e.page && l.y-p.y > 1.15*pitch*size {
		return true
	}
	if math.Abs(p.size-l.size) > 1.5 {
		return true
	}
	return false
}

func needsSpace(before, after string) bool {
	r1, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	return r1 < 0x2000 && r2 < 0x2000 && (unicode.IsLetter(r1) || unicode.IsDigit(r1)) && (unicode.IsLetter(r2) || unicode.IsDigit(r2))
}

// A table with ruling lines.

type ruledTable struct {
	xs, ys []float64 // column and row edges
	x0, y0 float64
	x1, y1 float64
	region [][]int     // cell -> merged region
	top    map[int]int // region -> its first row
	leftC  map[int]int // region -> its first column
	glyphs map[int][]pglyph
}

const tol = 2.0

// take puts a glyph into the table when it lies inside.
func (t *ruledTable) take(g pglyph) bool {
	cx := g.x + g.w/2
	cy := g.y - g.size/3
	if cx < t.x0 || cx > t.x1 || cy < t.y0 || cy > t.y1 {
		return false
	}
	j := sort.SearchFloat64s(t.xs, cx) - 1
	i := sort.SearchFloat64s(t.ys, cy) - 1
	if i < 0 || j < 0 || i >= len(t.ys)-1 || j >= len(t.xs)-1 {
		return false
	}
	r := t.region[i][j]
	t.glyphs[r] = append(t.glyphs[r], g)
	return true
}

// rows reads the table as rows of cell strings, as the HTML reader does:
// each row lists the cells that start in it, a cell merged down from above
// leaves an empty placeholder in its first column, a cell merged across
// columns counts once.
// cols gives the left edge of each cell.
func (t *ruledTable) rows() (rows [][]string, cols [][]float64) {
	for i := 0; i < len(t.ys)-1; i++ {
		var row []string
		var col []float64
		origin := false
		for j := 0; j < len(t.xs)-1; j++ {
			r := t.region[i][j]
			switch {
			case t.top[r] == i && t.leftC[r] == j:
				row = append(row, cellText(t.glyphs[r]))
				col = append(col, t.xs[j])
				origin = true
			case t.leftC[r] == j:
				row = append(row, "")
				col = append(col, t.xs[j])
			}
		}
		if origin {
			rows = append(rows, row)
			cols = append(cols, col)
		}
	}
	return rows, cols
}

// cellText is a cell's glyphs as text: its lines in order, joined (a label
// or a header broken over lines reads whole).
func cellText(gs []pglyph) string {
	if len(gs) == 0 {
		return ""
	}
	lines := makeLines(append([]pglyph(nil), gs...))
	var b strings.Builder
	for _, l := range lines {
		t := strings.TrimSpace(l.text())
		if b.Len() > 0 && needsSpace(b.String(), t) {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

// findTables finds the tables drawn with ruling lines: groups of crossing
// horizontal and vertical lines forming at least one row of two cells.
func findTables(segs []pdftext.Seg) []ruledTable {
	if len(segs) < 4 || len(segs) > 50000 {
		return nil
	}
	segs = mergeCollinear(segs)
	// Union-find over crossing segments.
	parent := make([]int, len(segs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	var hs, vs []int
	for i, s := range segs {
		if s.Horizontal() {
			hs = append(hs, i)
		} else {
			vs = append(vs, i)
		}
	}
	if len(hs)*len(vs) > 4_000_000 {
		return nil
	}
	for _, h := range hs {
		for _, v := range vs {
			H, V := segs[h], segs[v]
			if V.X1 >= H.X1-tol && V.X1 <= H.X2+tol && H.Y1 >= V.Y1-tol && H.Y1 <= V.Y2+tol {
				parent[find(h)] = find(v)
			}
		}
	}
	groups := map[int][]int{}
	for i := range segs {
		groups[find(i)] = append(groups[find(i)], i)
	}
	var out []ruledTable
	for _, g := range groups {
		var gh, gv []pdftext.Seg
		for _, i := range g {
			if segs[i].Horizontal() {
				gh = append(gh, segs[i])
			} else {
				gv = append(gv, segs[i])
			}
		}
		xs := edges(gv, func(s pdftext.Seg) float64 { return s.X1 })
		ys := edges(gh, func(s pdftext.Seg) float64 { return s.Y1 })
		if len(xs) < 3 || len(ys) < 2 || len(xs) > 200 || len(ys) > 2000 {
			continue
		}
		// Finding each cell's borders looks at every line of the table
		// for every cell: bounded, as no real table comes near it.
		if (len(xs)-1)*(len(ys)-1)*(len(gh)+len(gv)) > 20_000_000 || len(out) >= 100 {
			continue
		}
		out = append(out, buildTable(xs, ys, gh, gv))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].y0 < out[j].y0 })
	return out
}

// edges clusters the positions of lines: lines closer than tol are one edge.
func edges(segs []pdftext.Seg, pos func(pdftext.Seg) float64) []float64 {
	var ps []float64
	for _, s := range segs {
		ps = append(ps, pos(s))
	}
	sort.Float64s(ps)
	var out []float64
	for _, p := range ps {
		if len(out) > 0 && p-out[len(out)-1] <= tol {
			continue
		}
		out = append(out, p)
	}
	return out
}

func buildTable(xs, ys []float64, hs, vs []pdftext.Seg) ruledTable {
	t := ruledTable{xs: xs, ys: ys, x0: xs[0] - tol, x1: xs[len(xs)-1] + tol, y0: ys[0] - tol, y1: ys[len(ys)-1] + tol,
		top: map[int]int{}, leftC: map[int]int{}, glyphs: map[int][]pglyph{}}
	nr, nc := len(ys)-1, len(xs)-1
	id := func(i, j int) int { return i*nc + j }
	parent := make([]int, nr*nc)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// vBorder: a vertical line at x covers the middle of row i.
	vBorder := func(x float64, i int) bool {
		mid := (ys[i] + ys[i+1]) / 2
		for _, v := range vs {
			if math.Abs(v.X1-x) <= tol && v.Y1 <= mid && v.Y2 >= mid {
				return true
			}
		}
		return false
	}
	hBorder := func(y float64, j int) bool {
		mid := (xs[j] + xs[j+1]) / 2
		for _, h := range hs {
			if math.Abs(h.Y1-y) <= tol && h.X1 <= mid && h.X2 >= mid {
				return true
			}
		}
		return false
	}
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			if j+1 < nc && !vBorder(xs[j+1], i) {
				parent[find(id(i, j+1))] = find(id(i, j))
			}
			if i+1 < nr && !hBorder(ys[i+1], j) {
				parent[find(id(i+1, j))] = find(id(i, j))
			}
		}
	}
	t.region = make([][]int, nr)
	for i := 0; i < nr; i++ {
		t.region[i] = make([]int, nc)
		for j := 0; j < nc; j++ {
			r := find(id(i, j))
			t.region[i][j] = r
			if _, ok := t.top[r]; !ok {
				t.top[r] = i
			}
			if l, ok := t.leftC[r]; !ok || j < l {
				t.leftC[r] = j
			}
		}
	}
	return t
}

// mergeCollinear joins lines that continue each other (a border drawn cell
// by cell is one line), so that a table's parts connect.
func mergeCollinear(segs []pdftext.Seg) []pdftext.Seg {
	var hs, vs []pdftext.Seg
	for _, s := range segs {
		if s.Horizontal() {
			hs = append(hs, s)
		} else {
			// Stored transposed, so that one merge serves both.
			vs = append(vs, pdftext.Seg{X1: s.Y1, Y1: s.X1, X2: s.Y2, Y2: s.X2})
		}
	}
	merge := func(ss []pdftext.Seg) []pdftext.Seg {
		sort.Slice(ss, func(i, j int) bool {
			if math.Abs(ss[i].Y1-ss[j].Y1) > tol/2 {
				return ss[i].Y1 < ss[j].Y1
			}
			return ss[i].X1 < ss[j].X1
		})
		var out []pdftext.Seg
		for _, s := range ss {
			if n := len(out); n > 0 && math.Abs(out[n-1].Y1-s.Y1) <= tol/2 && s.X1 <= out[n-1].X2+tol {
				if s.X2 > out[n-1].X2 {
					out[n-1].X2 = s.X2
				}
				continue
			}
			out = append(out, s)
		}
		return out
	}
	out := merge(hs)
	for _, v := range merge(vs) {
		out = append(out, pdftext.Seg{X1: v.Y1, Y1: v.X1, X2: v.Y2, Y2: v.X2})
	}
	return out
}
