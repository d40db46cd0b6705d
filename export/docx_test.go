package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"nianbao/model"
)

// docxParts unzips a .docx into its parts.
func docxParts(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip package: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = data
	}
	return parts
}

// xnode is a parsed XML element: enough of a DOM to walk WordprocessingML.
type xnode struct {
	name  string // local name
	attrs map[string]string
	kids  []*xnode
	text  string // character data directly inside
}

func parseXML(t *testing.T, name string, b []byte) *xnode {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	root := &xnode{}
	stack := []*xnode{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: tk.Name.Local, attrs: map[string]string{}}
			for _, a := range tk.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text += string(tk)
		}
	}
	if len(root.kids) != 1 {
		t.Fatalf("%s has %d root elements", name, len(root.kids))
	}
	return root.kids[0]
}

func (n *xnode) all(name string) []*xnode {
	var out []*xnode
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
		out = append(out, k.all(name)...)
	}
	return out
}

func (n *xnode) child(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// textOf is the text a reader sees: every w:t, and a tab for each w:tab.
func (n *xnode) textOf() string {
	var b strings.Builder
	var walk func(*xnode)
	walk = func(n *xnode) {
		switch n.name {
		case "t":
			b.WriteString(n.text)
		case "tab":
			b.WriteByte('\t')
		case "instrText":
			return
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

// TestDOCXPackage checks the package as Word opens it: every part Word
// requires, each well-formed, declared in [Content_Types].xml and reached
// through the relationships; the styles it names defined; the page set up
// after GB/T 9704; the page number field in odd and even footers.
func TestDOCXPackage(t *testing.T) {
	b, err := Render(seedReport(t), DOCX, Options{Generator: "nianbao 测试版"})
	if err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, b)
	for _, need := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
		"docProps/core.xml", "docProps/app.xml"} {
		if parts[need] == nil {
			t.Errorf("package lacks %s", need)
		}
	}
	x := map[string]*xnode{}
	for name, data := range parts {
		x[name] = parseXML(t, name, data)
	}
	// Every part has a content type, by override or by extension.
	types := x["[Content_Types].xml"]
	defaults, overrides := map[string]string{}, map[string]string{}
	for _, d := range types.all("Default") {
		defaults[d.attrs["Extension"]] = d.attrs["ContentType"]
	}
	for _, o := range types.all("Override") {
		overrides[strings.TrimPrefix(o.attrs["PartName"], "/")] = o.attrs["ContentType"]
		if parts[strings.TrimPrefix(o.attrs["PartName"], "/")] == nil {
			t.Errorf("content type for a missing part %s", o.attrs["PartName"])
		}
	}
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		if overrides[name] == "" && defaults[strings.TrimPrefix(path.Ext(name), ".")] == "" {
			t.Errorf("part %s has no content type", name)
		}
	}
	if ct := overrides["word/document.xml"]; ct != "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" {
		t.Errorf("document content type %q", ct)
	}
	// Relationships reach existing parts.
	rels := func(relsPart, base string) map[string]string {
		out := map[string]string{}
		for _, r := range x[relsPart].all("Relationship") {
			target := path.Join(base, r.attrs["Target"])
			if parts[target] == nil {
				t.Errorf("%s: %s points to missing %s", relsPart, r.attrs["Id"], target)
			}
			out[r.attrs["Id"]] = r.attrs["Type"]
		}
		return out
	}
	root := rels("_rels/.rels", "")
	if !slices.ContainsFunc(slices.Collect(mapValues(root)), func(s string) bool { return strings.HasSuffix(s, "/officeDocument") }) {
		t.Error("no officeDocument relationship")
	}
	docRels := rels("word/_rels/document.xml.rels", "word")
	doc := x["word/document.xml"]
	sect := doc.all("sectPr")
	if len(sect) != 1 {
		t.Fatalf("%d section properties", len(sect))
	}
	footers := map[string]string{}
	for _, f := range sect[0].all("footerReference") {
		if !strings.HasSuffix(docRels[f.attrs["id"]], "/footer") {
			t.Errorf("footer %s is not a footer relationship", f.attrs["id"])
		}
		footers[f.attrs["type"]] = f.attrs["id"]
	}
	if footers["default"] == "" || footers["even"] == "" {
		t.Errorf("footers %v, want default (odd) and even", footers)
	}
	if x["word/settings.xml"].child("evenAndOddHeaders") == nil {
		t.Error("settings do not turn on even-page footers")
	}
	// The page: A4, margins 37/35/28/26 mm, 22 lines of 28.95 pt.
	mm := func(tw string) float64 { v, _ := strconv.Atoi(tw); return float64(v) / 1440 * 25.4 }
	pg, mar, grid := sect[0].child("pgSz"), sect[0].child("pgMar"), sect[0].child("docGrid")
	for what, got := range map[string][2]float64{
		"width": {mm(pg.attrs["w"]), 210}, "height": {mm(pg.attrs["h"]), 297},
		"top": {mm(mar.attrs["top"]), 37}, "bottom": {mm(mar.attrs["bottom"]), 35},
		"left": {mm(mar.attrs["left"]), 28}, "right": {mm(mar.attrs["right"]), 26},
		"22 lines": {mm(grid.attrs["linePitch"]) * 22, 225},
	} {
		if d := got[0] - got[1]; d < -0.5 || d > 0.5 {
			t.Errorf("page %s is %.1f mm, want %.0f", what, got[0], got[1])
		}
	}
	// Every style used is defined.
	styles := map[string]bool{}
	for _, s := range x["word/styles.xml"].all("style") {
		styles[s.attrs["styleId"]] = true
	}
	for _, name := range []string{"word/document.xml", "word/footer1.xml", "word/footer2.xml"} {
		for _, ps := range x[name].all("pStyle") {
			if !styles[ps.attrs["val"]] {
				t.Errorf("%s uses undefined style %s", name, ps.attrs["val"])
			}
		}
	}
	// 「— N —」 in 四号 (14 pt) 宋体, right on odd pages and left on even.
	for name, side := range map[string]string{"word/footer1.xml": "right", "word/footer2.xml": "left"} {
		f := x[name]
		instr := f.all("instrText")
		if len(instr) != 1 || strings.TrimSpace(instr[0].text) != "PAGE" {
			t.Errorf("%s has no PAGE field", name)
		}
		if got := f.textOf(); got != "— 1 —" {
			t.Errorf("%s reads %q", name, got)
		}
		if jc := f.all("jc"); len(jc) != 1 || jc[0].attrs["val"] != side {
			t.Errorf("%s not on the %s", name, side)
		}
		for _, sz := range f.all("sz") {
			if sz.attrs["val"] != "28" {
				t.Errorf("%s size %s half-points, want 28 (四号)", name, sz.attrs["val"])
			}
		}
		for _, rf := range f.all("rFonts") {
			if rf.attrs["eastAsia"] != "宋体" {
				t.Errorf("%s font %s", name, rf.attrs["eastAsia"])
			}
		}
	}
	// Each official face is declared with Chinese Windows faces to fall
	// back on.
	alt := map[string]string{}
	for _, f := range x["word/fontTable.xml"].all("font") {
		alt[f.attrs["name"]] = f.child("altName").attrs["val"]
	}
	for face, fallback := range map[string]string{"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体", "黑体": "SimHei"} {
		if !strings.HasPrefix(alt[face], fallback) {
			t.Errorf("font %s falls back on %q, want %s first", face, alt[face], fallback)
		}
	}
	if got := x["docProps/core.xml"].child("title").text; got != seedReport(t).Title() {
		t.Errorf("core title %q", got)
	}
	if got := x["docProps/app.xml"].child("Application").text; got != "nianbao 测试版" {
		t.Errorf("application %q, want the Generator option", got)
	}
	// The same report gives the same bytes.
	again, _ := Render(seedReport(t), DOCX, Options{Generator: "nianbao 测试版"})
	if !bytes.Equal(b, again) {
		t.Error("two exports of one report differ")
	}
}

func mapValues(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// docxTablesAsHTML writes the tables of a document.xml as HTML tables, so
// that the grid checks of the HTML export read them: gridSpan becomes
// colspan, a vertical merge a rowspan, rows repeated on each page a thead,
// a right-aligned cell a td of class num and every other cell a th.
func docxTablesAsHTML(t *testing.T, doc *xnode) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString("<body>")
	for _, tbl := range doc.all("tbl") {
		rows := tbl.all("tr")
		// Lay the cells on the grid to find each merge's height.
		type cell struct {
			n               *xnode
			col, span, rows int
			cont            bool
		}
		grid := make([][]*cell, len(rows))
		for ri, tr := range rows {
			col := 0
			for _, tc := range tr.all("tc") {
				c := &cell{n: tc, col: col, span: 1, rows: 1}
				if gs := tc.child("tcPr").child("gridSpan"); gs != nil {
					c.span, _ = strconv.Atoi(gs.attrs["val"])
				}
				if vm := tc.child("tcPr").child("vMerge"); vm != nil && vm.attrs["val"] != "restart" {
					c.cont = true
					// Extend the merge it continues.
					for up := ri - 1; up >= 0; up-- {
						i := slices.IndexFunc(grid[up], func(u *cell) bool { return u.col == col })
						if i < 0 {
							t.Fatalf("row %d col %d continues a merge with nothing above", ri, col)
						}
						if u := grid[up][i]; !u.cont {
							if u.span != c.span {
								t.Fatalf("merge at row %d col %d changes width", ri, col)
							}
							u.rows++
							break
						}
					}
				}
				grid[ri] = append(grid[ri], c)
				col += c.span
			}
		}
		b.WriteString("<table>")
		inHead := false
		for ri, tr := range rows {
			head := tr.child("trPr") != nil && tr.child("trPr").child("tblHeader") != nil
			if tr.child("trPr") == nil || tr.child("trPr").child("cantSplit") == nil {
				t.Errorf("row %d %q may split across pages", ri, tr.textOf())
			}
			switch {
			case head && !inHead:
				b.WriteString("<thead>")
			case !head && inHead:
				b.WriteString("</thead>")
			}
			inHead = head
			b.WriteString("<tr>")
			for _, c := range grid[ri] {
				if c.cont {
					continue
				}
				tag, class := "th", ""
				if jc := c.n.all("jc"); len(jc) > 0 && jc[0].attrs["val"] == "right" {
					tag, class = "td", ` class="num"`
				}
				fmt.Fprintf(&b, `<%s%s rowspan="%d" colspan="%d">%s</%s>`, tag, class, c.rows, c.span, html.EscapeString(c.n.textOf()), tag)
			}
			b.WriteString("</tr>")
			if ri == len(rows)-1 && inHead {
				b.WriteString("</thead>")
			}
		}
		b.WriteString("</table>")
	}
	b.WriteString("</body>")
	return []byte(b.String())
}

func docxDocumentXML(t *testing.T, r *model.Report) (*xnode, []byte) {
	t.Helper()
	b, err := Render(r, DOCX, Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := docxParts(t, b)["word/document.xml"]
	return parseXML(t, "word/document.xml", raw), raw
}

// TestDOCXTableGrid: every figure of 二, 三 and 四 sits under its official
// headers and beside its official labels once the merges are expanded, as
// in the HTML; every row is kept whole; 三's and 四's headers repeat on a
// new page.
func TestDOCXTableGrid(t *testing.T) {
	r := uniqueReport(t)
	if err := r.Clear("s4.suit_after.other"); err != nil {
		t.Fatal(err)
	}
	doc, _ := docxDocumentXML(t, r)
	tabs := tablesOf(t, docxTablesAsHTML(t, doc))
	checkS2Grid(t, r, tabs[0], true)
	checkS3Grid(t, r, tabs[1], true)
	checkS4Grid(t, r, tabs[2], true)
	for i, n := range []int{0, 3, 3} {
		if tabs[i].headRows != n {
			t.Errorf("table %d repeats %d header rows, want %d", i, tabs[i].headRows, n)
		}
	}
	// Every table drawn with borders all round and inside.
	for _, tbl := range doc.all("tbl") {
		bd := tbl.child("tblPr").child("tblBorders")
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			if bd == nil || bd.child(side) == nil || bd.child(side).attrs["val"] != "single" {
				t.Errorf("table has no %s border", side)
			}
		}
	}
}

// docxParagraphs lists the body's paragraphs outside tables as "style|text".
func docxParagraphs(doc *xnode) []string {
	var out []string
	for _, p := range doc.child("body").kids {
		if p.name != "p" {
			continue
		}
		style := ""
		if ps := p.all("pStyle"); len(ps) > 0 {
			style = ps[0].attrs["val"]
		}
		out = append(out, style+"|"+p.textOf())
	}
	return out
}

// TestDOCXDocumentOrder: the draft note first for a report with errors,
// the title, the sections as headings 1 and the parts of 一 as headings 2,
// one paragraph per line typed, 六 then the generated fee sentence.
func TestDOCXDocumentOrder(t *testing.T) {
	seed := seedReport(t)
	doc, _ := docxDocumentXML(t, seed)
	ps := docxParagraphs(doc)
	if want := []string{"DraftNote|" + draftTitle, "DraftNote|· 未填写：六、收费通知总金额（元）（填报完整性）", "|", "Title|" + seed.Title()}; !slices.Equal(ps[:4], want) {
		t.Errorf("document starts %q, want %q", ps[:4], want)
	}
	var h1, h2 []string
	for _, p := range ps {
		style, text, _ := strings.Cut(p, "|")
		switch style {
		case "Heading1":
			h1 = append(h1, text)
		case "Heading2":
			h2 = append(h2, text)
		}
	}
	if !slices.Equal(h1, model.SectionHeadings[:]) {
		t.Errorf("sections %q", h1)
	}
	if len(h2) != 6 || h2[0] != "（一）领导组织有力" {
		t.Errorf("parts %q", h2)
	}
	i := slices.Index(ps, "|2023年度政府信息公开工作过程中未发生收取信息处理费情况。")
	if i < 0 || ps[i+1] != "|本年度发出收费通知0件，实际收取总金额0元。" {
		t.Errorf("六 does not end with the generated fee sentence: %q", ps[max(i, 0):])
	}
	clean, _ := docxDocumentXML(t, completeReport(t))
	if ps := docxParagraphs(clean); !strings.HasPrefix(ps[0], "Title|") {
		t.Errorf("a report without errors starts %q", ps[0])
	}
	// Officer text that is markup elsewhere, and control bytes, come out as
	// text: the document still parses and reads the same.
	r := completeReport(t)
	r.S5 = "<w:p>&amp; \"引号\"\t制表\x01\x1b[31m"
	hd, _ := docxDocumentXML(t, r)
	if !slices.Contains(docxParagraphs(hd), "|<w:p>&amp; \"引号\"\t制表[31m") {
		t.Errorf("五 reads %q", docxParagraphs(hd))
	}
}

func TestDOCXGolden(t *testing.T) {
	for name, mk := range map[string]func(testing.TB) *model.Report{"seed": seedReport, "unique": uniqueReport, "wide": wideReport} {
		t.Run(name, func(t *testing.T) {
			_, raw := docxDocumentXML(t, mk(t))
			goldenCheck(t, name+".document.xml", raw)
		})
	}
}

func BenchmarkDOCX(b *testing.B) {
	r := completeReport(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(r, DOCX, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestS4HeaderGolden: 四's official header as the HTML document and the
// DOCX write it, side by side in one golden file.
func TestS4HeaderGolden(t *testing.T) {
	r := completeReport(t)
	out, err := Render(r, HTML, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	i := strings.Index(s, `<table class="t4">`)
	j := strings.Index(s[i:], "</thead>")
	var b strings.Builder
	b.WriteString("== html\n" + s[i:i+j+len("</thead>")] + "\n== docx\n")
	_, raw := docxDocumentXML(t, r)
	d := string(raw)
	d = d[strings.Index(d, "四、政府信息公开行政复议、行政诉讼情况"):]
	d = d[strings.Index(d, "<w:tbl>"):strings.Index(d, "</w:tbl>")]
	for _, row := range strings.SplitAfter(d, "</w:tr>") {
		if strings.Contains(row, "<w:tblHeader/>") {
			row = strings.ReplaceAll(row, "\n", "")
			b.WriteString(row[strings.Index(row, "<w:tr>"):] + "\n")
		}
	}
	goldenCheck(t, "s4-header", []byte(b.String()))
	if n := strings.Count(b.String(), "<w:tblHeader/>"); n != 3 {
		t.Errorf("DOCX 四 has %d header rows, want 3", n)
	}
}

// wideReport is the complete report of an area's sums: a long agency name
// and a different 7-digit figure in every input cell of 三 (its totals
// reach 8), 二's amount in 万元 with 6 decimals, 四's figures of 4 digits.
func wideReport(t testing.TB) *model.Report {
	t.Helper()
	r := completeReport(t)
	r.Agency = "北京市密云区科学技术委员会"
	b := model.S3.Blocks[0]
	i := 0
	for _, row := range b.Rows {
		for _, col := range b.Cols {
			if row.Computed || col.Computed {
				continue
			}
			// 1000003, 1234570, …: distinct, all 7 digits.
			set(t, r, model.S3.Addr(row.Key, col.Key), model.Int(int64(1_000_003+i*234_567%8_000_000)))
			i++
		}
	}
	set(t, r, "s2.fees.amount", 1234*model.DecScale+567_891) // 1234.567891 万元
	set(t, r, "s2.licensing.decisions", model.Int(2_163_636))
	for j, c := range model.InputCells() {
		if strings.HasPrefix(string(c.Addr), "s4.") {
			set(t, r, c.Addr, model.Int(int64(1001+j)))
		}
	}
	return r
}

// TestDOCXDump writes the DOCX and HTML of each test report to $NIANBAO_DOCX_OUT, to
// be converted and looked at (see screenshots/README.md).
func TestDOCXDump(t *testing.T) {
	dir := os.Getenv("NIANBAO_DOCX_OUT")
	if dir == "" {
		t.Skip("NIANBAO_DOCX_OUT is not set")
	}
	for name, mk := range map[string]func(testing.TB) *model.Report{"seed": seedReport, "complete": completeReport, "unique": uniqueReport, "wide": wideReport} {
		b, err := Render(mk(t), DOCX, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".docx"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		h, err := Render(mk(t), HTML, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".html"), h, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDOCXFiguresFit: no figure of 二, 三 or 四 can wrap inside its cell.
// For every right-aligned cell (a figure) the cell's width less its margins
// must hold the figure at its type size with every character figureEm wide
// (the widest digits a fallback face draws), and, in 二 and 三, any figure of
// 7 digits: so a report of an area's sums cannot break 329106 into 「32910」
// over 「6」. 三 must also keep 「（三）」 of its merged labels on one line.
func TestDOCXFiguresFit(t *testing.T) {
	for name, mk := range map[string]func(testing.TB) *model.Report{"unique": uniqueReport, "wide": wideReport, "seed": seedReport} {
		doc, _ := docxDocumentXML(t, mk(t))
		for ti, tbl := range doc.all("tbl") {
			mar := 0
			for _, side := range []string{"left", "right"} {
				n, _ := strconv.Atoi(tbl.child("tblPr").child("tblCellMar").child(side).attrs["w"])
				mar += n
			}
			figures := 0
			for _, tc := range tbl.all("tc") {
				if tc.all("jc")[0].attrs["val"] != "right" {
					continue
				}
				figures++
				cw, _ := strconv.Atoi(tc.child("tcPr").child("tcW").attrs["w"])
				sz, _ := strconv.Atoi(tc.all("sz")[0].attrs["val"])
				text := tc.textOf()
				n := len([]rune(text))
				if ti < 2 {
					n = max(n, 7)
				}
				if ti == 1 && name != "wide" && sz != 18 {
					t.Errorf("%s: 三's figure %q in %.1f pt, want 小五 (9 pt) while figures have up to 7 digits", name, text, float64(sz)/2)
				}
				// Word wraps what does not fit strictly inside.
				if need := float64(n) * 0.64 * float64(sz) * 10; float64(cw-mar) < need+10 {
					t.Errorf("%s table %d: %q in a cell %d twips wide at %.1f pt needs %.0f", name, ti+1, text, cw, float64(sz)/2, need+float64(mar))
				}
			}
			if figures == 0 {
				t.Errorf("%s table %d has no right-aligned figure", name, ti+1)
			}
			if ti == 1 {
				cols := tbl.child("tblGrid").all("gridCol")
				w, _ := strconv.Atoi(cols[1].attrs["w"])
				if sz := 18; w-mar < 3*sz*10 {
					t.Errorf("%s: 三's second label column is %d twips: 「（三）」 does not fit on a line", name, w)
				}
			}
		}
	}
}

// TestDOCXTitleBreak: a title longer than a line of 二号 (about 20
// characters) breaks before its year, each line a whole phrase; a short one
// stays one line. The HTML's title breaks there too.
func TestDOCXTitleBreak(t *testing.T) {
	title := func(r *model.Report) []string {
		doc, _ := docxDocumentXML(t, r)
		for _, p := range doc.child("body").all("p") {
			if ps := p.all("pStyle"); len(ps) > 0 && ps[0].attrs["val"] == "Title" {
				var lines []string
				var b strings.Builder
				for _, k := range p.all("r") {
					if len(k.all("br")) > 0 {
						lines = append(lines, b.String())
						b.Reset()
					}
					b.WriteString(k.textOf())
				}
				return append(lines, b.String())
			}
		}
		return nil
	}
	if got := title(wideReport(t)); !slices.Equal(got, []string{"北京市密云区科学技术委员会", "2024年政府信息公开工作年度报告"}) {
		t.Errorf("long title set as %q", got)
	}
	r := completeReport(t)
	r.Agency = "示例局"
	if got := title(r); !slices.Equal(got, []string{"示例局2024年政府信息公开工作年度报告"}) {
		t.Errorf("short title set as %q", got)
	}
	// The HTML sets the two phrases as wholes that wrap between them.
	h, err := Render(wideReport(t), HTML, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<h1><span class="tl">北京市密云区科学技术委员会</span><span class="tl">2024年政府信息公开工作年度报告</span></h1>`; !strings.Contains(string(h), want) {
		t.Errorf("HTML title is not %s", want)
	}
}
