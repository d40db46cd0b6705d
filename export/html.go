package export

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"nianbao/model"
)

// The CJK font stacks. Official documents set the title in 方正小标宋, the
// body in 仿宋 and headings in 黑体 and 楷体 (GB/T 9704); each stack ends in
// a face Linux desktops have. Names are quoted with ' so that a style
// attribute holds them without entities.
const (
	fontTitle = `方正小标宋简体, 方正小标宋_GBK, 华文中宋, STZhongsong, 宋体, SimSun, 'Noto Serif CJK SC', 'Source Han Serif SC', serif`
	fontSerif = `仿宋_GB2312, 仿宋, FangSong, STFangsong, 宋体, SimSun, 'Noto Serif CJK SC', 'Source Han Serif SC', serif`
	fontHei   = `黑体, SimHei, STHeiti, 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif`
	fontKai   = `楷体_GB2312, 楷体, KaiTi, STKaiti, 'Noto Serif CJK SC', serif`
	fontSong  = `宋体, SimSun, STSong, 'Noto Serif CJK SC', serif`
)

// The print rules go into styles too, so that a fragment printed from a
// website keeps rows whole and headings with what follows, like the document.
const (
	keepWhole    = "break-inside:avoid;page-break-inside:avoid"
	keepWithNext = "break-after:avoid;page-break-after:avoid"
)

// styles is the single source of the layout. A key without a dot styles an
// element, a key with a dot a class. The document turns them into a <style>
// element; the fragment writes the same declarations into style attributes,
// because website editors drop <style> elements. Type sizes keep the
// official proportions: title 二号 to body 三号 is 22 to 16, headings the
// body's size in their own faces, tables smaller.
var styles = []struct{ key, decl string }{
	{".report", "font-family:" + fontSerif + ";font-size:16px;line-height:1.8;color:#000"},
	{"h1", "font-family:" + fontTitle + ";font-size:22px;font-weight:bold;text-align:center;margin:0.8em 0 1em;line-height:1.5;text-wrap:balance"},
	{"h2", "font-family:" + fontHei + ";font-size:16px;font-weight:normal;margin:1em 0 0.3em;text-indent:2em;" + keepWithNext},
	{"h3", "font-family:" + fontKai + ";font-size:16px;font-weight:normal;margin:0.6em 0 0.3em;text-indent:2em;" + keepWithNext},
	{"p", "margin:0.3em 0;text-indent:2em;text-align:justify"},
	{"table", "border-collapse:collapse;width:100%;margin:0.6em 0 1.2em;font-size:14px;line-height:1.4"},
	{".t4", "font-size:12px"},
	{"th", "border:1px solid #000;padding:4px 5px;font-weight:bold;text-align:center;vertical-align:middle"},
	{"td", "border:1px solid #000;padding:4px 5px;text-align:left;vertical-align:middle"},
	{".label", "font-weight:normal;text-align:left"},
	{".parent", "font-weight:normal;text-align:center"},
	{".block", "background:#f0f0f0"},
	{".corner", "font-weight:normal;font-size:12px;text-align:left"},
	{".num", "text-align:right;white-space:nowrap"},
	{"tr", keepWhole}, // a page break never splits a row
	{".keep", keepWhole},
	{".spanrow", "break-inside:auto;page-break-inside:auto"},
	// The text of a label spanning rows: one unbreakable box, so that a page
	// break through the rows it spans never cuts through its text.
	{".unbroken", "display:inline-block;" + keepWhole},
	// The 落款 keeps with the paragraph above: never alone on a page.
	// A phrase of the title (the agency; the year's phrase) that wraps as
	// a whole, so that a long title breaks before its year.
	{".tl", "display:inline-block"},
	{".sign", "text-align:right;text-indent:0;margin:0;break-before:avoid;page-break-before:avoid;" + keepWhole},
	{".signgap", "margin-top:1.8em"},
	{".banner", "border:2px solid #c00;background:#fff0f0;color:#900;padding:8px 14px;margin:0 0 1em;line-height:1.6"},
	{".banner-title", "font-weight:bold;text-indent:0;margin:0 0 0.3em"},
	{".banner-list", "margin:0;padding-left:1.5em"},
}

// docCSS is what only a whole document can say: the page after GB/T 9704
// (A4; margins 37, 26, 35, 28 mm; 「— 1 —」 in 四号宋体 7 mm below the type
// area, right on odd pages and left on even ones, through @page margin
// boxes, so that the browser's own header and footer are not needed),
// printing in the official sizes (三号 16 pt on 22 lines of 28 characters,
// 二号 22 pt title), and the rules a style attribute cannot express.
const docCSS = `body{margin:0;background:#fff}
.report{max-width:52em;margin:2em auto;padding:0 1.5em}
thead{display:table-header-group}
.banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{size:A4 portrait;margin:37mm 26mm 35mm 28mm}
@page :right{@bottom-right{content:"— " counter(page) " —";font-family:` + fontSong + `;font-size:14pt;vertical-align:top;padding-top:7mm;padding-right:1em}}
@page :left{@bottom-left{content:"— " counter(page) " —";font-family:` + fontSong + `;font-size:14pt;vertical-align:top;padding-top:7mm;padding-left:1em}}
@media print{
.report{max-width:none;margin:0;padding:0;font-size:16pt;line-height:28.95pt}
.report>p,h2,h3{margin:0;letter-spacing:-0.25pt}
h1{font-size:22pt;line-height:28.95pt;margin:0 0 28.95pt}
h2,h3{font-size:16pt}
.sign{margin:0}
.signgap{margin-top:28.95pt}
table{font-size:10.5pt;line-height:1.35;margin:0.3em 0 0.8em}
.t3{font-size:9pt;break-inside:avoid;page-break-inside:avoid}
.t4{font-size:10.5pt}
.corner{font-size:9pt}
th,td{padding:2px 3px}
.t4 th,.t4 td{padding:2px 1px}
.banner{font-size:12pt;line-height:1.5}
}
`

var styleDecl = func() map[string]string {
	m := map[string]string{}
	for _, s := range styles {
		m[s.key] = s.decl
	}
	return m
}()

// htmlWriter builds the HTML; inline says whether styles go into style
// attributes (fragment) or class attributes (document).
type htmlWriter struct {
	b      strings.Builder
	inline bool
}

// open writes <tag attrs> styled by the element's own rule and the classes.
func (w *htmlWriter) open(tag, attrs string, classes ...string) {
	w.openStyled(tag, attrs, "", "", classes...)
}

// top opens an element that stands at the top of the report. In the
// fragment, which has no wrapper element to inherit from, it carries the
// report's own type as well.
func (w *htmlWriter) top(tag, attrs string, classes ...string) {
	if w.inline {
		w.openStyled(tag, attrs, styleDecl[".report"], "", classes...)
		return
	}
	w.openStyled(tag, attrs, "", "", classes...)
}

// openStyled is open with declarations put before the element's own (the
// report's type, which the element's rules override) and after them (what
// is this element's alone, such as a width; the document writes these in a
// style attribute too).
func (w *htmlWriter) openStyled(tag, attrs, before, after string, classes ...string) {
	w.b.WriteByte('<')
	w.b.WriteString(tag)
	if w.inline {
		var decl []string
		if before != "" {
			decl = append(decl, before)
		}
		if d, ok := styleDecl[tag]; ok {
			decl = append(decl, d)
		}
		for _, c := range classes {
			decl = append(decl, styleDecl["."+c])
		}
		if after != "" {
			decl = append(decl, after)
		}
		if len(decl) > 0 {
			w.b.WriteString(` style="`)
			w.b.WriteString(attrEscaper.Replace(strings.Join(decl, ";")))
			w.b.WriteByte('"')
		}
	} else {
		if len(classes) > 0 {
			w.b.WriteString(` class="`)
			w.b.WriteString(strings.Join(classes, " "))
			w.b.WriteByte('"')
		}
		if after != "" {
			w.b.WriteString(` style="`)
			w.b.WriteString(attrEscaper.Replace(after))
			w.b.WriteByte('"')
		}
	}
	w.b.WriteString(attrs)
	w.b.WriteByte('>')
}

// attrEscaper escapes a double-quoted attribute's value, leaving the
// single quotes of font names as they are.
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (w *htmlWriter) close(tag string) {
	w.b.WriteString("</")
	w.b.WriteString(tag)
	w.b.WriteString(">\n")
}

// elem writes a whole top-level element holding text, escaped.
func (w *htmlWriter) elem(tag, text string, classes ...string) {
	w.top(tag, "", classes...)
	w.b.WriteString(html.EscapeString(text))
	w.close(tag)
}

// title writes the h1: the agency and the year's phrase each as a whole
// (「北京市密云区科学技术委员会」「2023年政府信息公开工作年度报告」), so that a
// title too long for a line breaks between them, balanced, and never
// leaves 「告」 alone on the second line (回行时词意完整).
func (w *htmlWriter) title(r *model.Report) {
	t := r.Title()
	i := strings.LastIndex(t, strconv.Itoa(r.Year)+"年")
	if i <= 0 {
		w.elem("h1", t)
		return
	}
	w.top("h1", "")
	for _, part := range []string{t[:i], t[i:]} {
		w.open("span", "", "tl")
		w.b.WriteString(html.EscapeString(part))
		w.b.WriteString("</span>")
	}
	w.close("h1")
}

// cell writes a th or td with spans, escaped text and classes. width, when
// not "", is the width of the column it stands in (a colspan of 1).
func (w *htmlWriter) cell(tag, text string, rowspan, colspan int, width string, classes ...string) {
	var a string
	if rowspan > 1 {
		a += ` rowspan="` + strconv.Itoa(rowspan) + `"`
	}
	if colspan > 1 {
		a += ` colspan="` + strconv.Itoa(colspan) + `"`
	}
	if w.inline {
		// Editors that drop style attributes (or <col>) still draw the
		// table from these.
		if width != "" {
			a += ` width="` + width + `"`
		}
		align := "left"
		switch {
		case slices.Contains(classes, "num"):
			align = "right"
		case tag == "th" && !slices.Contains(classes, "label") && !slices.Contains(classes, "corner"):
			align = "center"
		}
		a += ` align="` + align + `" valign="middle"`
	}
	after := ""
	if width != "" && w.inline {
		// The width in the style too, for editors that keep styles and
		// drop the attribute.
		after = "width:" + width
	}
	w.openStyled(tag, a, "", after, classes...)
	if slices.Contains(classes, "parent") && rowspan > 1 {
		w.open("span", "", "unbroken")
		w.b.WriteString(html.EscapeString(text))
		w.b.WriteString("</span>")
	} else {
		w.b.WriteString(html.EscapeString(text))
	}
	w.b.WriteString("</")
	w.b.WriteString(tag)
	w.b.WriteByte('>')
}

// openTable starts a table; the fragment gives it the grid in attributes
// as well, for editors that drop styles.
func (w *htmlWriter) openTable(classes ...string) {
	attrs := ""
	if w.inline {
		attrs = ` border="1" cellspacing="0" cellpadding="4" width="100%"`
	}
	w.top("table", attrs, classes...)
	w.b.WriteString("\n")
}

// colgroup writes the column widths.
func (w *htmlWriter) colgroup(widths []string) {
	w.open("colgroup", "")
	for _, cw := range widths {
		a := ` style="width:` + cw + `"`
		if w.inline {
			a += ` width="` + cw + `"`
		}
		w.b.WriteString("<col" + a + ">")
	}
	w.close("colgroup")
}

func (w *htmlWriter) paragraphs(text string) {
	for _, l := range lines(text) {
		w.elem("p", l)
	}
}

func renderHTML(r *model.Report, opt Options) []byte {
	fragment := opt.Fragment
	w := &htmlWriter{inline: fragment}
	title := r.Title()
	if !fragment {
		w.b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
		w.b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
		w.b.WriteString("<meta name=\"generator\" content=\"" + html.EscapeString(opt.generator()) + "\">\n<title>")
		w.b.WriteString(html.EscapeString(title))
		w.b.WriteString("</title>\n<style>\n")
		for _, s := range styles {
			w.b.WriteString(s.key)
			w.b.WriteByte('{')
			w.b.WriteString(s.decl)
			w.b.WriteString("}\n")
		}
		w.b.WriteString(docCSS)
		w.b.WriteString("</style>\n</head>\n<body>\n")
		// The document's one wrapper carries the report's type; the
		// fragment has none (an editor would flatten the report into it).
		w.open("div", "", "report")
		w.b.WriteByte('\n')
	}
	if notes := draftNotes(r); len(notes) > 0 {
		w.top("div", ` role="alert"`, "banner")
		w.b.WriteByte('\n')
		w.open("p", "", "banner-title")
		w.b.WriteString(html.EscapeString(draftTitle))
		w.close("p")
		w.open("ul", "", "banner-list")
		w.b.WriteByte('\n')
		for _, n := range notes {
			w.open("li", "")
			w.b.WriteString(html.EscapeString(n))
			w.close("li")
		}
		w.close("ul")
		w.close("div")
	}
	if !fragment || opt.Title {
		w.title(r)
	}
	w.paragraphs(r.Preface)

	w.elem("h2", model.SectionHeadings[0])
	w.paragraphs(r.S1.Intro)
	for i, p := range r.S1.Parts {
		w.elem("h3", model.PartNumber(i)+p.Title)
		w.paragraphs(p.Body)
	}
	w.elem("h2", model.SectionHeadings[1])
	w.tableS2(r)
	w.elem("h2", model.SectionHeadings[2])
	w.tableLabelled(r, model.S3)
	w.elem("h2", model.SectionHeadings[3])
	w.tableOneRow(r, model.S4)
	w.elem("h2", model.SectionHeadings[4])
	w.paragraphs(r.S5)
	w.elem("h2", model.SectionHeadings[5])
	w.paragraphs(r.S6)
	if s := FeeSentence(r); s != "" {
		w.elem("p", s)
	}
	w.signOff(r)
	if !fragment {
		w.close("div")
		w.b.WriteString("</body>\n</html>\n")
	}
	return []byte(w.b.String())
}

// signOff writes the 落款 (see signLayout): right-aligned, after a blank
// line, each line indented from the right by its share of characters.
func (w *htmlWriter) signOff(r *model.Report) {
	signer, date := signature(r)
	sr, dr := signLayout(signer, date)
	gap := "signgap"
	for _, l := range []struct {
		text  string
		right float64
	}{{signer, sr}, {date, dr}} {
		if l.text == "" {
			continue
		}
		classes := []string{"sign"}
		if gap != "" {
			classes = append(classes, gap)
			gap = ""
		}
		before := ""
		if w.inline {
			before = styleDecl[".report"]
		}
		w.openStyled("p", "", before, "padding-right:"+ems2(l.right), classes...)
		w.b.WriteString(html.EscapeString(l.text))
		w.close("p")
	}
}

// ems2 is n characters as CSS, to the half.
func ems2(n float64) string {
	return strconv.FormatFloat(n, 'f', -1, 64) + "em"
}

func (w *htmlWriter) numCell(r *model.Report, t *model.Table, row model.Row, col model.Col, colspan int, width string, classes ...string) {
	c, _ := model.Cell(t.Addr(row.Key, col.Key))
	w.cell("td", cellText(r, c), 1, colspan, width, append([]string{"num"}, classes...)...)
}

// widthOf is the width of a cell spanning colspan columns each cw wide: the
// attribute is given only for a single column, which fixes that column.
func widthOf(colspan int, cw string) string {
	if colspan == 1 {
		return cw
	}
	return ""
}

// tableS2 draws 二 as one table of blocks, each a block row, a header row
// and its data rows; blocks with fewer value columns widen their last one.
func (w *htmlWriter) tableS2(r *model.Report) {
	t := model.S2
	width := 0
	for _, b := range t.Blocks {
		width = max(width, len(b.Cols))
	}
	labelW, valueW := "34%", percent(66, width)
	w.openTable()
	cols := []string{labelW}
	for range width {
		cols = append(cols, valueW)
	}
	w.colgroup(cols)
	for _, b := range t.Blocks {
		// A block is a few rows: printing it whole keeps each block row
		// with its header and data.
		w.open("tbody", "", "keep")
		w.b.WriteString("\n")
		w.open("tr", "")
		w.cell("th", b.Title, 1, 1+width, "", "block")
		w.close("tr")
		w.open("tr", "")
		w.cell("th", b.ItemHeader, 1, 1, labelW)
		for i, col := range b.Cols {
			span := spanLast(i, len(b.Cols), width)
			w.cell("th", col.Label, 1, span, widthOf(span, valueW))
		}
		w.close("tr")
		for _, row := range b.Rows {
			w.open("tr", "")
			w.cell("td", row.Label, 1, 1, labelW, "label")
			for i, col := range b.Cols {
				span := spanLast(i, len(b.Cols), width)
				w.numCell(r, t, row, col, span, widthOf(span, valueW))
			}
			w.close("tr")
		}
		w.close("tbody")
	}
	w.close("table")
}

// percent is share/n per cent as CSS, rounded to hundredths ("16.50%"), in
// integer arithmetic: the package keeps float64 out of figures altogether,
// so that no float can ever stand between a model.Dec and the printed
// figure.
func percent(share, n int) string {
	h := (share*100*2 + n) / (2 * n) // hundredths of a per cent, rounded half up
	return fmt.Sprintf("%d.%02d%%", h/100, h%100)
}

// spanLast is the colspan of column i of n in a table width columns wide.
func spanLast(i, n, width int) int {
	if i == n-1 {
		return width - n + 1
	}
	return 1
}

// tableLabelled draws a one-block table with nested row labels (三): the
// corner note over the label columns, the official multi-row header, and
// each parent label joined over the rows it spans.
func (w *htmlWriter) tableLabelled(r *model.Report, t *model.Table) {
	b := t.Blocks[0]
	depth := 1
	for _, row := range b.Rows {
		depth = max(depth, row.Level()+1)
	}
	header := t.Header
	if len(header) == 0 {
		header = [][]model.HeaderCell{nil}
		for _, col := range b.Cols {
			header[0] = append(header[0], model.HeaderCell{Text: col.Label, RowSpan: 1, ColSpan: 1})
		}
	}
	corner := t.Corner
	if corner == "" {
		corner = b.ItemHeader
	}
	w.openTable("t3")
	// Outer labels span many rows and need little width; the innermost label
	// is the long one.
	labelWidths := []string{"5%", "7%", "38%"}
	if depth != 3 {
		labelWidths = nil
		for range depth {
			labelWidths = append(labelWidths, percent(50, depth))
		}
	}
	valueW := percent(50, len(b.Cols))
	cols := append([]string(nil), labelWidths...)
	for range b.Cols {
		cols = append(cols, valueW)
	}
	w.colgroup(cols)
	w.thead(header, func() { w.cell("th", corner, len(header), depth, "", "corner") })
	w.open("tbody", "")
	w.b.WriteString("\n")
	for i, row := range b.Rows {
		// A row that starts a label spanning rows below must be allowed to
		// break: kept whole, Chromium carries everything its label spans
		// (all 22 rows of 三、本年度办理结果) to the next page as one unit and
		// leaves half a page blank. Its own cells are kept whole instead,
		// so a break can fall only below them, inside the spanning labels,
		// never through the row's own text and figures; the spanning
		// labels' text is one unbreakable box (class unbroken).
		var own []string
		if i+1 < len(b.Rows) && len(row.Parents) > 0 && samePrefix(b.Rows[i+1].Parents, row.Parents, 1) &&
			(i == 0 || !samePrefix(b.Rows[i-1].Parents, row.Parents, len(row.Parents))) {
			w.open("tr", "", "spanrow")
			own = []string{"keep"}
		} else {
			w.open("tr", "")
		}
		for lv := range row.Parents {
			if i > 0 && samePrefix(b.Rows[i-1].Parents, row.Parents, lv+1) {
				continue // spanned from above
			}
			n := 1
			for i+n < len(b.Rows) && samePrefix(b.Rows[i+n].Parents, row.Parents, lv+1) {
				n++
			}
			w.cell("th", row.Parents[lv], n, 1, labelWidths[lv], "parent")
		}
		span := depth - row.Level()
		w.cell("th", row.Label, 1, span, widthOf(span, labelWidths[depth-1]), append([]string{"label"}, own...)...)
		for _, col := range b.Cols {
			w.numCell(r, t, row, col, 1, valueW, own...)
		}
		w.close("tr")
	}
	w.close("tbody")
	w.close("table")
}

// thead writes the official multi-row column header as a thead, which a
// printed table repeats on every page it runs over. corner, when not nil,
// writes the cells that stand left of the first header row.
func (w *htmlWriter) thead(header [][]model.HeaderCell, corner func()) {
	w.open("thead", "")
	w.b.WriteString("\n")
	for i, hr := range header {
		w.open("tr", "")
		if i == 0 && corner != nil {
			corner()
		}
		for _, h := range hr {
			w.cell("th", h.Text, h.RowSpan, h.ColSpan, "")
		}
		w.close("tr")
	}
	w.close("thead")
}

// samePrefix reports whether a and b share their first n labels.
func samePrefix(a, b []string, n int) bool {
	if len(a) < n || len(b) < n {
		return false
	}
	for i := range n {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// tableOneRow draws 四: the official three-row header over one data row
// holding every row's cells side by side.
func (w *htmlWriter) tableOneRow(r *model.Report, t *model.Table) {
	b := t.Blocks[0]
	w.openTable("t4")
	// Equal columns: otherwise the narrow 总计 columns squeeze their figures.
	n := len(b.Rows) * len(b.Cols)
	cw := percent(100, n)
	cols := make([]string, n)
	for i := range cols {
		cols[i] = cw
	}
	w.colgroup(cols)
	w.thead(t.Header, nil)
	w.open("tbody", "")
	w.b.WriteString("\n")
	w.open("tr", "")
	for _, row := range b.Rows {
		for _, col := range b.Cols {
			w.numCell(r, t, row, col, 1, cw)
		}
	}
	w.close("tr")
	w.close("tbody")
	w.close("table")
}
