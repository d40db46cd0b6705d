package export

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nianbao/model"
)

// gridCell is one position of a table after rowspan/colspan are expanded;
// positions covered by one source cell share its node.
type gridCell struct {
	node   *html.Node
	text   string
	header bool // a th
}

// htmlTable is a parsed table: its grid and the number of rows in thead.
type htmlTable struct {
	node     *html.Node
	grid     [][]*gridCell
	headRows int
}

func parseHTML(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func findAll(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.DataAtom == a {
			out = append(out, d)
		}
	}
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func span(n *html.Node, key string) int {
	if v := attr(n, key); v != "" {
		k, err := strconv.Atoi(v)
		if err == nil && k > 0 {
			return k
		}
	}
	return 1
}

// expand lays a table's cells out on a grid as a browser does.
func expand(t *testing.T, table *html.Node) htmlTable {
	t.Helper()
	ht := htmlTable{node: table}
	occupied := map[[2]int]*gridCell{}
	rows := findAll(table, atom.Tr)
	width := 0
	for ri, tr := range rows {
		if tr.Parent.DataAtom == atom.Thead {
			ht.headRows++
		}
		col := 0
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
				continue
			}
			for occupied[[2]int{ri, col}] != nil {
				col++
			}
			gc := &gridCell{node: c, text: textOf(c), header: c.DataAtom == atom.Th}
			rs, cs := span(c, "rowspan"), span(c, "colspan")
			for dr := range rs {
				for dc := range cs {
					k := [2]int{ri + dr, col + dc}
					if occupied[k] != nil {
						t.Fatalf("cell %q overlaps another at row %d col %d", gc.text, ri+dr, col+dc)
					}
					occupied[k] = gc
				}
			}
			col += cs
			width = max(width, col)
		}
	}
	for ri := range rows {
		line := make([]*gridCell, width)
		for c := range width {
			line[c] = occupied[[2]int{ri, c}]
			if line[c] == nil {
				t.Fatalf("table has a hole at row %d col %d", ri, c)
			}
		}
		ht.grid = append(ht.grid, line)
	}
	return ht
}

// distinct is the texts of cells, each spanned cell once, in order.
func distinct(cells []*gridCell) []string {
	var out []string
	var last *gridCell
	for _, c := range cells {
		if c != last {
			out = append(out, c.text)
		}
		last = c
	}
	return out
}

func column(ht htmlTable, rows []int, col int) []*gridCell {
	var out []*gridCell
	for _, r := range rows {
		out = append(out, ht.grid[r][col])
	}
	return out
}

func tablesOf(t *testing.T, b []byte) []htmlTable {
	t.Helper()
	var out []htmlTable
	for _, n := range findAll(parseHTML(t, b), atom.Table) {
		out = append(out, expand(t, n))
	}
	if len(out) != 3 {
		t.Fatalf("got %d tables, want 3 (二, 三, 四)", len(out))
	}
	return out
}

func want(r *model.Report, a model.CellAddr) string {
	v, st := r.Value(a)
	if st != model.Filled {
		return ""
	}
	return v.String()
}

// TestHTMLTableGrid checks, in both the document and the fragment, that
// every number of 二, 三 and 四 sits under its official headers and beside
// its official labels once rowspan and colspan are expanded.
func TestHTMLTableGrid(t *testing.T) {
	r := uniqueReport(t)
	// One incomplete total: it must print blank, not the partial sum.
	if err := r.Clear("s4.suit_after.other"); err != nil {
		t.Fatal(err)
	}
	for _, fragment := range []bool{false, true} {
		t.Run("fragment="+strconv.FormatBool(fragment), func(t *testing.T) {
			out, err := Render(r, HTML, Options{Fragment: fragment})
			if err != nil {
				t.Fatal(err)
			}
			tabs := tablesOf(t, out)
			checkS2Grid(t, r, tabs[0], true)
			checkS3Grid(t, r, tabs[1], true)
			checkS4Grid(t, r, tabs[2], true)
		})
	}
}

// align: the numbers must be right-aligned (an editor that drops alignment
// is checked without).
func checkS2Grid(t *testing.T, r *model.Report, ht htmlTable, align bool) {
	t.Helper()
	if w := len(ht.grid[0]); w != 4 {
		t.Fatalf("二 is %d columns wide, want 4", w)
	}
	// Walk the rows: a block row spans the whole width, the next is the
	// header, then data rows until the next block row.
	found := map[model.CellAddr]bool{}
	var blockTitle string
	var header []string
	wantRows := 0
	for _, b := range model.S2.Blocks {
		wantRows += 2 + len(b.Rows)
	}
	if len(ht.grid) != wantRows {
		t.Fatalf("二 has %d rows, want %d", len(ht.grid), wantRows)
	}
	for ri := 0; ri < len(ht.grid); ri++ {
		row := ht.grid[ri]
		if d := distinct(row); len(d) == 1 {
			blockTitle = d[0]
			ri++
			header = distinct(ht.grid[ri])
			if header[0] != "信息内容" {
				t.Errorf("二 block %s: header starts %q, want 信息内容", blockTitle, header[0])
			}
			continue
		}
		label := row[0].text
		for _, b := range model.S2.Blocks {
			for _, mr := range b.Rows {
				if mr.Label != label {
					continue
				}
				if b.Title != blockTitle {
					t.Errorf("二 row %s is under block %q, want %q", label, blockTitle, b.Title)
				}
				for _, col := range b.Cols {
					a := model.S2.Addr(mr.Key, col.Key)
					// The value sits in the grid column under its header cell.
					hc := -1
					for gc := 1; gc < len(row); gc++ {
						if ht.grid[ri-1-rowIndex(b, mr.Key)][gc].text == col.Label {
							hc = gc
							break
						}
					}
					if hc < 0 {
						t.Errorf("二 %s: no header %q", a, col.Label)
						continue
					}
					if got := row[hc].text; got != want(r, a) {
						t.Errorf("二 %s under %q beside %q: got %q, want %q", a, col.Label, label, got, want(r, a))
					}
					if align && !rightAligned(row[hc].node) {
						t.Errorf("二 %s is not right-aligned", a)
					}
					found[a] = true
				}
			}
		}
	}
	for _, c := range model.AllCells() {
		if c.Table == model.S2 && !found[c.Addr] {
			t.Errorf("二: cell %s not found in the table", c.Addr)
		}
	}
}

// rightAligned: the document marks numbers with class num (styled
// text-align:right), the fragment inline.
func rightAligned(n *html.Node) bool {
	if slices.Contains(strings.Fields(attr(n, "class")), "num") || attr(n, "align") == "right" {
		return true
	}
	st := strings.ReplaceAll(attr(n, "style"), " ", "")
	i := strings.LastIndex(st, "text-align:")
	return i >= 0 && strings.HasPrefix(st[i:], "text-align:right")
}

func rowIndex(b model.Block, key string) int {
	for i, r := range b.Rows {
		if r.Key == key {
			return i
		}
	}
	return -1
}

// head: the header rows must be a thead (repeated on a printed page).
func checkS3Grid(t *testing.T, r *model.Report, ht htmlTable, head bool) {
	t.Helper()
	b := model.S3.Blocks[0]
	if head && ht.headRows != 3 {
		t.Errorf("三 has %d header rows, want 3", ht.headRows)
	}
	if got, want := len(ht.grid), 3+len(b.Rows); got != want {
		t.Fatalf("三 has %d rows, want %d", got, want)
	}
	if got := len(ht.grid[0]); got != 3+7 {
		t.Fatalf("三 is %d columns wide, want 10", got)
	}
	corner := ht.grid[0][0]
	for r := range 3 {
		for c := range 3 {
			if ht.grid[r][c] != corner {
				t.Errorf("三 corner does not cover row %d col %d", r, c)
			}
		}
	}
	if !strings.Contains(corner.text, "勾稽关系") {
		t.Errorf("三 corner is %q, want the 勾稽关系 note", corner.text)
	}
	headRows := []int{0, 1, 2}
	for ci, col := range b.Cols {
		wantHead := []string{"申请人情况"}
		if col.Group != "" {
			wantHead = append(wantHead, col.Group)
		}
		wantHead = append(wantHead, col.Label)
		if got := distinct(column(ht, headRows, 3+ci)); !slices.Equal(got, wantHead) {
			t.Errorf("三 column %d headers %q, want %q", ci, got, wantHead)
		}
	}
	for ri, row := range b.Rows {
		g := ht.grid[3+ri]
		if got := distinct(g[:3]); !slices.Equal(got, row.Path()) {
			t.Errorf("三 row %s labels %q, want %q", row.Key, got, row.Path())
		}
		for ci, col := range b.Cols {
			a := model.S3.Addr(row.Key, col.Key)
			if got := g[3+ci].text; got != want(r, a) {
				t.Errorf("三 %s: got %q, want %q", a, got, want(r, a))
			}
		}
	}
	// The spans the official layout has, stated literally.
	spans := map[string][2]int{ // label: rowspan, colspan
		"一、本年新收政府信息公开申请数量": {1, 3},
		"三、本年度办理结果":        {22, 1},
		"（一）予以公开":          {1, 2},
		"（三）不予公开":          {8, 1},
		"（四）无法提供":          {3, 1},
		"（五）不予处理":          {5, 1},
		"（六）其他处理":          {3, 1},
		"（七）总计":            {1, 2},
		"1.属于国家秘密":         {1, 1},
		"四、结转下年度继续办理":      {1, 3},
	}
	for _, th := range append(findAll(ht.node, atom.Th), findAll(ht.node, atom.Td)...) {
		if s, ok := spans[textOf(th)]; ok {
			if got := [2]int{span(th, "rowspan"), span(th, "colspan")}; got != s {
				t.Errorf("三 %s spans %v (rows, cols), want %v", textOf(th), got, s)
			}
			delete(spans, textOf(th))
		}
	}
	for l := range spans {
		t.Errorf("三: label %s not found", l)
	}
	// One number stated literally: 1.属于国家秘密 for 商业企业.
	for ri, row := range ht.grid {
		if row[2].text == "1.属于国家秘密" {
			if got, w := row[4].text, want(r, "s3.denied_secret.business"); got != w || ht.grid[2][4].text != "商业企业" {
				t.Errorf("三 row %d: 商业企业 shows %q, want %q", ri, got, w)
			}
		}
	}
}

func checkS4Grid(t *testing.T, r *model.Report, ht htmlTable, head bool) {
	t.Helper()
	b := model.S4.Blocks[0]
	if head && ht.headRows != 3 || len(ht.grid) != 4 {
		t.Fatalf("四 has %d rows (%d header), want 3 header rows and one data row", len(ht.grid), ht.headRows)
	}
	if got := len(ht.grid[0]); got != 15 {
		t.Fatalf("四 is %d columns wide, want 15", got)
	}
	k := 0
	for _, row := range b.Rows {
		for _, col := range b.Cols {
			wantHead := append(row.Path(), col.Label)
			if got := distinct(column(ht, []int{0, 1, 2}, k)); !slices.Equal(got, wantHead) {
				t.Errorf("四 column %d headers %q, want %q", k, got, wantHead)
			}
			a := model.S4.Addr(row.Key, col.Key)
			if got := ht.grid[3][k].text; got != want(r, a) {
				t.Errorf("四 %s: got %q, want %q", a, got, want(r, a))
			}
			k++
		}
	}
	// The official spans: 行政复议 over row 1 only, its five heads each over
	// rows 2–3; 行政诉讼 over row 1, its groups over row 2, their heads row 3.
	for k := range 15 {
		if ht.grid[0][k] == ht.grid[1][k] {
			t.Errorf("四 column %d: %q spans header rows 1–2", k, ht.grid[0][k].text)
		}
		if review := k < 5; (ht.grid[1][k] == ht.grid[2][k]) != review {
			t.Errorf("四 column %d: %q spans rows 2–3: %v, want %v", k, ht.grid[1][k].text, !review, review)
		}
	}
	// suit_after has an empty input: its total prints blank.
	if got := ht.grid[3][14].text; got != "" {
		t.Errorf("四 复议后起诉 总计 is incomplete but shows %q", got)
	}
	if got := distinct(column(ht, []int{0, 1, 2}, 14)); !slices.Equal(got, []string{"行政诉讼", "复议后起诉", "总计"}) {
		t.Errorf("四 last column headers %q", got)
	}
}

// TestHTMLDocumentSelfContained: no scripts, nothing fetched from outside,
// the print rules the issue asks for, and the official section order.
func TestHTMLDocumentSelfContained(t *testing.T) {
	out, err := Render(seedReport(t), HTML, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	frag, _ := Render(seedReport(t), HTML, Options{Fragment: true})
	// Nothing fetched, no web fonts; and nothing hidden, so that the draft
	// banner prints as it shows on screen.
	for _, bad := range []string{"<script", "src=", "href=", "@import", "url(", "<link", "@font-face", "display:none", "visibility:hidden"} {
		for name, b := range map[string][]byte{"document": out, "fragment": frag} {
			if strings.Contains(strings.ToLower(string(b)), bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
	for _, need := range []string{`<meta charset="utf-8">`, "@page{size:A4 portrait;margin:37mm 26mm 35mm 28mm}",
		`@page :right{@bottom-right{content:"— " counter(page) " —"`, `@page :left{@bottom-left{content:"— " counter(page) " —"`,
		"font-size:14pt", "thead{display:table-header-group}", "tr{break-inside:avoid", `'Noto Serif CJK SC'`,
		".report{max-width:none;margin:0;padding:0;font-size:16pt;line-height:28.95pt}", "h1{font-size:22pt",
		`<table class="t4">`, "仿宋_GB2312", `<meta name="generator" content="nianbao">`,
		"<title>北京市密云区科学技术委员会2023年政府信息公开工作年度报告</title>"} {
		if !strings.Contains(s, need) {
			t.Errorf("document lacks %q", need)
		}
	}
	doc := parseHTML(t, out)
	var h2 []string
	for _, n := range findAll(doc, atom.H2) {
		h2 = append(h2, textOf(n))
	}
	if !slices.Equal(h2, model.SectionHeadings[:]) {
		t.Errorf("sections %q, want %q", h2, model.SectionHeadings)
	}
	var h3 []string
	for _, n := range findAll(doc, atom.H3) {
		h3 = append(h3, textOf(n))
	}
	if len(h3) != 6 || h3[0] != "（一）领导组织有力" || h3[5] != "（六）强化监督保障" {
		t.Errorf("sub-parts %q", h3)
	}
}

// TestHTMLDraftBanner: errors give a banner listing them (the missing cells
// grouped per table), a clean report has none.
func TestHTMLDraftBanner(t *testing.T) {
	banner := func(r *model.Report, fragment bool) []string {
		out, err := Render(r, HTML, Options{Fragment: fragment})
		if err != nil {
			t.Fatal(err)
		}
		doc := parseHTML(t, out)
		for _, d := range findAll(doc, atom.Div) {
			if attr(d, "role") == "alert" {
				var items []string
				for _, li := range findAll(d, atom.Li) {
					items = append(items, textOf(li))
				}
				if fragment && !strings.Contains(attr(d, "style"), "border") {
					t.Errorf("fragment banner has no inline style")
				}
				return items
			}
		}
		return nil
	}
	for _, fragment := range []bool{false, true} {
		if got := banner(completeReport(t), fragment); got != nil {
			t.Errorf("clean report has a banner: %q", got)
		}
		got := banner(seedReport(t), fragment)
		if len(got) != 1 || !strings.Contains(got[0], "收费通知总金额") {
			t.Errorf("seed banner %q, want the one missing fee figure", got)
		}
		r := seedReport(t)
		for _, a := range []model.CellAddr{"s3.new.natural", "s3.new.business", "s3.forward.other", "s3.granted.legal", "s3.reject_mass.natural"} {
			r.Clear(a)
		}
		// An unbalanced column whose 新收 is empty: no balance error, since
		// a rule never reads an empty cell.
		set(t, r, "s3.carried.natural", model.Int(3))
		got = banner(r, fragment)
		if w := []string{"表三有 5 个单元格未填写", "未填写：六、收费通知总金额（元）（填报完整性）"}; !slices.Equal(got, w) {
			t.Errorf("banner %q, want %q", got, w)
		}
	}
	// A real contradiction is listed by its own message.
	r := completeReport(t)
	set(t, r, "s3.carried.natural", model.Int(40))
	if got := banner(r, false); len(got) != 1 || !strings.Contains(got[0], "自然人") {
		t.Errorf("banner %q, want the 自然人 balance error", got)
	}
}

// TestHTMLFragmentInline: the fragment has no <style>, no classes, no
// document wrapper, and every element that needs a style carries it inline.
func TestHTMLFragmentInline(t *testing.T) {
	out, err := Render(seedReport(t), HTML, Options{Fragment: true})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, bad := range []string{"<style", "class=", "<html", "<body", "<head", "<!DOCTYPE"} {
		if strings.Contains(s, bad) {
			t.Errorf("fragment contains %q", bad)
		}
	}
	doc := parseHTML(t, out)
	for _, a := range []atom.Atom{atom.Th, atom.Td, atom.Tr, atom.H1, atom.H2, atom.H3, atom.P, atom.Table} {
		for _, n := range findAll(doc, a) {
			if attr(n, "style") == "" {
				t.Fatalf("fragment <%s> %q has no style attribute", n.Data, textOf(n))
			}
		}
	}
	// The print rules travel too: a page printed from the website keeps
	// rows whole and section headings with what follows them.
	for _, tr := range findAll(doc, atom.Tr) {
		if !strings.Contains(attr(tr, "style"), "break-inside:") {
			t.Fatalf("fragment row %q has no page-break rule", textOf(tr))
		}
	}
	for _, h := range findAll(doc, atom.H2) {
		if !strings.Contains(attr(h, "style"), "break-after:avoid") {
			t.Errorf("fragment heading %q may be left alone at a page foot", textOf(h))
		}
	}
	// Numbers right-aligned both ways: by attribute and by style.
	for _, td := range findAll(doc, atom.Td) {
		if strings.Contains(attr(td, "style"), "text-align:left") {
			continue // a label
		}
		if st := attr(td, "style"); attr(td, "align") != "right" || !strings.Contains(st[strings.LastIndex(st, "text-align:"):], "text-align:right") {
			t.Errorf("number cell %q not right-aligned by attribute and style", textOf(td))
		}
	}
	// No wrapper: the report's blocks stand at the top level (an editor
	// flattens a wrapping div into one paragraph), each with the report's
	// type in its own style; no title, which the website's page has.
	body := findAll(parseHTML(t, append([]byte("<body>"), out...)), atom.Body)[0]
	var top []string
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		top = append(top, c.Data)
		if !strings.Contains(attr(c, "style"), "font-family:") {
			t.Errorf("top-level <%s> %.30q carries no type", c.Data, textOf(c))
		}
	}
	if len(top) < 20 || top[0] != "div" || top[1] != "p" || slices.Contains(top, "h1") {
		t.Errorf("fragment's top level %q, want the banner, the opening, … and no title", top)
	}
	if titled, _ := Render(seedReport(t), HTML, Options{Fragment: true, Title: true}); len(findAll(parseHTML(t, titled), atom.H1)) != 1 {
		t.Error("the Title option gives no title")
	}
	// The grid in attributes, for editors that drop styles: every table
	// bordered, every column's width on a cell, numbers aligned right.
	for _, tab := range findAll(doc, atom.Table) {
		for k, v := range map[string]string{"border": "1", "cellspacing": "0", "cellpadding": "4", "width": "100%"} {
			if attr(tab, k) != v {
				t.Errorf("table %s=%q, want %q", k, attr(tab, k), v)
			}
		}
		ht := expand(t, tab)
		for c := range ht.grid[0] {
			found := false
			for _, row := range ht.grid {
				n := row[c].node
				if span(n, "colspan") == 1 && strings.HasSuffix(attr(n, "width"), "%") &&
					strings.HasSuffix(attr(n, "style"), ";width:"+attr(n, "width")) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("table %.20q: no cell gives column %d its width as attribute and style", textOf(tab), c)
			}
		}
	}
}

// blocks lists the report's blocks in document order, one string each:
// "h1 …", "h2 …", "h3 …", "p …", "table", "banner".
func blocks(t *testing.T, out []byte) []string {
	t.Helper()
	// The document's report div, or the fragment's top level.
	report := findAll(parseHTML(t, out), atom.Body)[0]
	for _, d := range findAll(report, atom.Div) {
		if d.Parent == report && attr(d, "class") == "report" {
			report = d
			break
		}
	}
	var got []string
	for c := report.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Table:
			got = append(got, "table")
		case c.DataAtom == atom.Div && attr(c, "role") == "alert":
			got = append(got, "banner")
		default:
			got = append(got, c.Data+" "+textOf(c))
		}
	}
	return got
}

// TestHTMLDocumentOrder: title, opening, the six sections in order with 一's
// opening and numbered sub-parts, one paragraph per line the officer typed
// (blank lines dropped, indents left to the layout), the tables where they
// belong, and 六's text followed by the generated fee sentence.
func TestHTMLDocumentOrder(t *testing.T) {
	typed := completeReport(t)
	typed.Preface = "　　本报告依据条例编制。\r\n\r\n统计期限为2024年1月1日至12月31日。"
	typed.S1.Intro = "第一段。\r第二段。\n\n\n"
	typed.S5 = "  一是问题。\n\t二是整改。  "
	for _, tc := range []struct {
		name string
		r    *model.Report
		want []string
	}{
		{"seed", seedReport(t), nil},
		{"typed", typed, []string{
			"h1 示例市科学技术局2024年政府信息公开工作年度报告",
			"p 本报告依据条例编制。", "p 统计期限为2024年1月1日至12月31日。",
			"h2 一、总体情况", "p 第一段。", "p 第二段。",
			"h3 （一）主动公开", "p 全年主动公开政府信息356条。", "p 其中政策文件48条，工作动态210条。",
			"h3 （二）依申请公开", "p 全年新收政府信息公开申请，均依法按时答复。",
			"h3 （三）政府信息管理", "p 健全信息发布审查制度，落实保密审查。",
			"h3 （四）政府信息公开平台建设", "p 优化政府网站信息公开专栏，及时更新公开指南。",
			"h3 （五）监督保障", "p 开展信息公开培训2次，主动接受社会监督。",
			"h2 二、主动公开政府信息情况", "table",
			"h2 三、收到和处理政府信息公开申请情况", "table",
			"h2 四、政府信息公开行政复议、行政诉讼情况", "table",
			"h2 五、存在的主要问题及改进情况", "p 一是问题。", "p 二是整改。",
			"h2 六、其他需要报告的事项", "p 无其他需要报告的事项。",
			"p 本年度发出收费通知2件，总金额150.5元，实际收取总金额100元。",
			"p 示例市科学技术局", "p 2025年1月20日",
		}},
	} {
		if tc.want == nil { // the seed, stated from its parts
			r := tc.r
			tc.want = []string{"banner", "h1 " + r.Title()}
			for _, l := range lines(r.Preface) {
				tc.want = append(tc.want, "p "+l)
			}
			tc.want = append(tc.want, "h2 一、总体情况", "p "+r.S1.Intro)
			for i, p := range r.S1.Parts {
				tc.want = append(tc.want, "h3 "+model.PartNumber(i)+p.Title, "p "+p.Body)
			}
			tc.want = append(tc.want, "h2 二、主动公开政府信息情况", "table", "h2 三、收到和处理政府信息公开申请情况", "table",
				"h2 四、政府信息公开行政复议、行政诉讼情况", "table", "h2 五、存在的主要问题及改进情况")
			for _, l := range lines(r.S5) {
				tc.want = append(tc.want, "p "+l)
			}
			tc.want = append(tc.want, "h2 六、其他需要报告的事项", "p 2023年度政府信息公开工作过程中未发生收取信息处理费情况。",
				"p 本年度发出收费通知0件，实际收取总金额0元。", "p 北京市密云区科学技术委员会")
		}
		for _, fragment := range []bool{false, true} {
			t.Run(tc.name+"/fragment="+strconv.FormatBool(fragment), func(t *testing.T) {
				out, err := Render(tc.r, HTML, Options{Fragment: fragment})
				if err != nil {
					t.Fatal(err)
				}
				want := tc.want
				if fragment { // no title: the website's page has it
					want = slices.DeleteFunc(slices.Clone(want), func(s string) bool { return strings.HasPrefix(s, "h1 ") })
				}
				if got := blocks(t, out); !slices.Equal(got, want) {
					t.Errorf("document blocks:\n got %q\nwant %q", got, want)
				}
			})
		}
	}
}

// breaksInside is the element's effective break-inside: its style attribute
// (fragment) or the rules of its tag and classes (document), the last
// declaration winning as in CSS.
func breaksInside(n *html.Node) bool {
	decl := attr(n, "style")
	if decl == "" {
		decl = styleDecl[n.Data]
		for _, c := range strings.Fields(attr(n, "class")) {
			decl += ";" + styleDecl["."+c]
		}
	}
	i := strings.LastIndex(decl, "break-inside:")
	return i < 0 || !strings.HasPrefix(decl[i+len("break-inside:"):], "avoid")
}

// TestHTMLRowsNeverSplit: a page break never falls through a row. Every row
// is kept whole, except a row that starts a label spanning rows below (kept
// whole, it would drag the whole span to the next page); in such a row each
// of its own cells is kept whole, so the break can only fall below them,
// inside the spanning labels. Checked by printing from Chromium too: a break
// forced into 三's （六）其他处理 moves its first row whole to the next page.
func TestHTMLRowsNeverSplit(t *testing.T) {
	for _, fragment := range []bool{false, true} {
		out, err := Render(completeReport(t), HTML, Options{Fragment: fragment})
		if err != nil {
			t.Fatal(err)
		}
		loose := 0
		for _, tr := range findAll(parseHTML(t, out), atom.Tr) {
			if !breaksInside(tr) {
				continue
			}
			loose++
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && span(c, "rowspan") == 1 && breaksInside(c) {
					t.Errorf("fragment=%v: row %q may split through its cell %q", fragment, textOf(tr), textOf(c))
				}
			}
		}
		// （一）予以公开 and the first rows of （三）…（六）.
		if loose != 5 {
			t.Errorf("fragment=%v: %d rows may break inside their spanning labels, want 5", fragment, loose)
		}
	}
}
