package export

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"nianbao/model"
)

// The CJK font stacks. Official documents set the body in 仿宋 and headings
// in 黑体 and 楷体 (GB/T 9704); each stack ends in a face Linux desktops have.
const (
	fontSerif = `仿宋, FangSong, 仿宋_GB2312, 宋体, SimSun, "Noto Serif CJK SC", "Source Han Serif SC", serif`
	fontHei   = `黑体, SimHei, "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`
	fontKai   = `楷体, KaiTi, 楷体_GB2312, STKaiti, "Noto Serif CJK SC", serif`
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
// because website editors drop <style> elements.
var styles = []struct{ key, decl string }{
	{".report", "font-family:" + fontSerif + ";font-size:16px;line-height:1.8;color:#000"},
	{"h1", "font-size:22px;font-weight:bold;text-align:center;margin:0.8em 0 1em;line-height:1.5"},
	{"h2", "font-family:" + fontHei + ";font-size:17px;font-weight:bold;margin:1.4em 0 0.6em;text-indent:2em;" + keepWithNext},
	{"h3", "font-family:" + fontKai + ";font-size:16px;font-weight:bold;margin:0.8em 0 0.4em;text-indent:2em;" + keepWithNext},
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
	{".banner", "border:2px solid #c00;background:#fff0f0;color:#900;padding:8px 14px;margin:0 0 1em;line-height:1.6"},
	{".banner-title", "font-weight:bold;text-indent:0;margin:0 0 0.3em"},
	{".banner-list", "margin:0;padding-left:1.5em"},
}

// docCSS is what only a whole document can say: the page, printing, and the
// rules a style attribute cannot express.
const docCSS = `body{margin:0;background:#fff}
.report{max-width:52em;margin:2em auto;padding:0 1.5em}
thead{display:table-header-group}
.banner{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{size:A4 portrait;margin:20mm 16mm}
@media print{
.report{max-width:none;margin:0;padding:0;font-size:12pt}
table{font-size:9.5pt}
.t4{font-size:7.5pt}
th,td{padding:2px 3px}
.t4 th,.t4 td{padding:2px 1px}
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
	w.b.WriteByte('<')
	w.b.WriteString(tag)
	if w.inline {
		var decl []string
		if d, ok := styleDecl[tag]; ok {
			decl = append(decl, d)
		}
		for _, c := range classes {
			decl = append(decl, styleDecl["."+c])
		}
		if len(decl) > 0 {
			w.b.WriteString(` style="`)
			w.b.WriteString(html.EscapeString(strings.Join(decl, ";")))
			w.b.WriteByte('"')
		}
	} else if len(classes) > 0 {
		w.b.WriteString(` class="`)
		w.b.WriteString(strings.Join(classes, " "))
		w.b.WriteByte('"')
	}
	w.b.WriteString(attrs)
	w.b.WriteByte('>')
}

func (w *htmlWriter) close(tag string) {
	w.b.WriteString("</")
	w.b.WriteString(tag)
	w.b.WriteString(">\n")
}

// elem writes a whole element holding text, escaped.
func (w *htmlWriter) elem(tag, text string, classes ...string) {
	w.open(tag, "", classes...)
	w.b.WriteString(html.EscapeString(text))
	w.close(tag)
}

// cell writes a th or td with spans, escaped text and classes.
func (w *htmlWriter) cell(tag, text string, rowspan, colspan int, classes ...string) {
	var a string
	if rowspan > 1 {
		a += ` rowspan="` + strconv.Itoa(rowspan) + `"`
	}
	if colspan > 1 {
		a += ` colspan="` + strconv.Itoa(colspan) + `"`
	}
	w.open(tag, a, classes...)
	w.b.WriteString(html.EscapeString(text))
	w.b.WriteString("</")
	w.b.WriteString(tag)
	w.b.WriteByte('>')
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
		w.b.WriteString("<meta name=\"generator\" content=\"nianbao\">\n<title>")
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
	}
	w.open("div", "", "report")
	w.b.WriteByte('\n')
	if notes := draftNotes(r); len(notes) > 0 {
		w.open("div", ` role="alert"`, "banner")
		w.b.WriteByte('\n')
		w.elem("p", draftTitle, "banner-title")
		w.open("ul", "", "banner-list")
		w.b.WriteByte('\n')
		for _, n := range notes {
			w.elem("li", n)
		}
		w.close("ul")
		w.close("div")
	}
	w.elem("h1", title)
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
	w.close("div")
	if !fragment {
		w.b.WriteString("</body>\n</html>\n")
	}
	return []byte(w.b.String())
}

func (w *htmlWriter) numCell(r *model.Report, t *model.Table, row model.Row, col model.Col, colspan int, classes ...string) {
	c, _ := model.Cell(t.Addr(row.Key, col.Key))
	w.cell("td", cellText(r, c), 1, colspan, append([]string{"num"}, classes...)...)
}

// tableS2 draws 二 as one table of blocks, each a block row, a header row
// and its data rows; blocks with fewer value columns widen their last one.
func (w *htmlWriter) tableS2(r *model.Report) {
	t := model.S2
	width := 0
	for _, b := range t.Blocks {
		width = max(width, len(b.Cols))
	}
	w.open("table", "")
	w.b.WriteString("\n")
	w.open("colgroup", "")
	w.open("col", ` style="width:34%"`)
	for range width {
		w.open("col", ` style="width:`+percent(66, width)+`"`)
	}
	w.close("colgroup")
	for _, b := range t.Blocks {
		// A block is a few rows: printing it whole keeps each block row
		// with its header and data.
		w.open("tbody", "", "keep")
		w.b.WriteString("\n")
		w.open("tr", "")
		w.cell("th", b.Title, 1, 1+width, "block")
		w.close("tr")
		w.open("tr", "")
		w.cell("th", b.ItemHeader, 1, 1)
		for i, col := range b.Cols {
			w.cell("th", col.Label, 1, spanLast(i, len(b.Cols), width))
		}
		w.close("tr")
		for _, row := range b.Rows {
			w.open("tr", "")
			w.cell("td", row.Label, 1, 1, "label")
			for i, col := range b.Cols {
				w.numCell(r, t, row, col, spanLast(i, len(b.Cols), width))
			}
			w.close("tr")
		}
		w.close("tbody")
	}
	w.close("table")
}

// percent is share/n per cent as CSS, rounded to hundredths ("16.50%"), in
// integer arithmetic: the package keeps float64 out altogether, so that no
// float can ever stand between a model.Dec and the printed figure.
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
	w.open("table", "")
	w.b.WriteString("\n")
	w.open("colgroup", "")
	// Outer labels span many rows and need little width; the innermost label
	// is the long one.
	labelWidths := []string{"6%", "8%", "24%"}
	if depth != 3 {
		labelWidths = nil
		for range depth {
			labelWidths = append(labelWidths, percent(38, depth))
		}
	}
	for _, lw := range labelWidths {
		w.open("col", ` style="width:`+lw+`"`)
	}
	for range b.Cols {
		w.open("col", ` style="width:`+percent(62, len(b.Cols))+`"`)
	}
	w.close("colgroup")
	w.thead(header, func() { w.cell("th", corner, len(header), depth, "corner") })
	w.open("tbody", "")
	w.b.WriteString("\n")
	for i, row := range b.Rows {
		// A row that starts a label spanning rows below must be allowed to
		// break: kept whole, Chromium carries everything its label spans
		// (all 22 rows of 三、本年度办理结果) to the next page as one unit and
		// leaves half a page blank. Its own cells are kept whole instead,
		// so a break can fall only below them, inside the spanning labels,
		// never through the row's own text and figures.
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
			w.cell("th", row.Parents[lv], n, 1, "parent")
		}
		w.cell("th", row.Label, 1, depth-row.Level(), append([]string{"label"}, own...)...)
		for _, col := range b.Cols {
			w.numCell(r, t, row, col, 1, own...)
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
			w.cell("th", h.Text, h.RowSpan, h.ColSpan)
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
	w.open("table", "", "t4")
	w.b.WriteString("\n")
	// Equal columns: otherwise the narrow 总计 columns squeeze their figures.
	w.open("colgroup", "")
	n := len(b.Rows) * len(b.Cols)
	for range n {
		w.open("col", ` style="width:`+percent(100, n)+`"`)
	}
	w.close("colgroup")
	w.thead(t.Header, nil)
	w.open("tbody", "")
	w.b.WriteString("\n")
	w.open("tr", "")
	for _, row := range b.Rows {
		for _, col := range b.Cols {
			w.numCell(r, t, row, col, 1)
		}
	}
	w.close("tr")
	w.close("tbody")
	w.close("table")
}
