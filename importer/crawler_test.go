package importer

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nianbao/export"
	"nianbao/model"
)

// crawlCell is one <td>/<th> of a table as a crawler sees it.
type crawlCell struct {
	text string
	span int // colspan
}

// crawlItem is a paragraph (table == nil) or a table's rows.
type crawlItem struct {
	para  string
	table [][]crawlCell
}

// crawlPage reads nianbao's own HTML export of r as the crawlers that store
// published reports do: each paragraph or heading a line, each table a list
// of rows of cell texts. The crawler forms below are written from it, so
// every test input is our own report in the layouts real sites were
// measured to have (see README: 在真实发布的报告上实测).
func crawlPage(t testing.TB, r *model.Report) []crawlItem {
	t.Helper()
	b, err := export.Render(r, export.HTML, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out []crawlItem
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var sb strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			sb.WriteString(text(c))
		}
		return sb.String()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Head, atom.Style, atom.Script:
				return
			case atom.Table:
				var rows [][]crawlCell
				var rowsOf func(n *html.Node)
				rowsOf = func(n *html.Node) {
					if n.Type == html.ElementNode && n.DataAtom == atom.Tr {
						var row []crawlCell
						for c := n.FirstChild; c != nil; c = c.NextSibling {
							if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
								span := 1
								for _, a := range c.Attr {
									if a.Key == "colspan" {
										span = int(a.Val[0] - '0')
										if len(a.Val) > 1 {
											span = 10*span + int(a.Val[1]-'0')
										}
									}
								}
								row = append(row, crawlCell{strings.TrimSpace(text(c)), span})
							}
						}
						rows = append(rows, row)
						return
					}
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						rowsOf(c)
					}
				}
				rowsOf(n)
				out = append(out, crawlItem{table: rows})
				return
			case atom.P, atom.H1, atom.H2, atom.H3, atom.Div, atom.Blockquote:
				if n.DataAtom != atom.Div || n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
					if s := strings.TrimSpace(text(n)); s != "" && n.DataAtom != atom.Div {
						out = append(out, crawlItem{para: s})
						return
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// splitHeader writes the two-line headers real pages break (商业<br>企业).
func splitHeader(s string) []string {
	switch s {
	case "商业企业":
		return []string{"商业", "企业"}
	case "科研机构":
		return []string{"科研", "机构"}
	}
	return []string{s}
}

// crawlerForm writes a page in one of the crawler forms found on real
// sites:
//   - "cellline": each cell on its own line ending in " |", an empty cell
//     a lone "|", a row narrower than the table followed by a line of
//     pipes (某区统计局, 冷水滩区高科园, 耿马县);
//   - "cellline-bare": the same without the lines of pipes (海珠区投资促进局);
//   - "pipeline": each cell's text on its own line(s) and a "|" line after
//     it, with a line of pipes after a narrow row (石家庄市长安区, 安居区);
//   - "pipeline-bare": the same without the lines of pipes (新疆某镇);
//   - "blankline": each cell between blank lines, no pipes, an empty cell
//     leaving nothing (长兴岛街道, 临潼区相桥街道);
//   - "splitrows": a row on a line, cells between " | ", the split header
//     words on a second header row, a rowspan's later rows starting
//     with "| " (徐闻县).
func crawlerForm(items []crawlItem, form string) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	for _, it := range items {
		if it.table == nil {
			line(it.para)
			if form == "blankline" {
				line("")
			}
			continue
		}
		width := 0
		for _, row := range it.table {
			w := 0
			for _, c := range row {
				w += c.span
			}
			width = max(width, w)
		}
		for ri, row := range it.table {
			w := 0
			for _, c := range row {
				w += c.span
			}
			switch form {
			case "cellline", "cellline-bare":
				for _, c := range row {
					parts := splitHeader(c.text)
					for _, p := range parts[:len(parts)-1] {
						line(p)
					}
					if last := parts[len(parts)-1]; last == "" {
						line("|")
					} else {
						line(last + " |")
					}
				}
				if w < width && form == "cellline" {
					line(strings.Repeat("|", width-w+1))
				}
			case "pipeline", "pipeline-bare":
				for _, c := range row {
					for _, p := range splitHeader(c.text) {
						if p != "" {
							line(p)
						}
					}
					line("|")
				}
				if w < width && form == "pipeline" {
					line(strings.Repeat("|", width-w+1))
				}
			case "blankline":
				for _, c := range row {
					for _, p := range splitHeader(c.text) {
						if p != "" {
							line(p)
							line("")
						}
					}
				}
			case "splitrows":
				var first, second []string
				split := false
				for _, c := range row {
					parts := splitHeader(c.text)
					first = append(first, parts[0])
					if len(parts) > 1 {
						second = append(second, parts[1])
						split = true
					}
				}
				lead := ""
				if ri > 0 && len(row) < len(it.table[ri-1]) && w < width {
					lead = "| " // under a rowspan
				}
				join := func(cells []string) string {
					// An empty cell is 「| |」, one space each side.
					l := strings.Join(cells, " | ") + " |"
					for strings.Contains(l, "|  |") {
						l = strings.ReplaceAll(l, "|  |", "| |")
					}
					return l
				}
				line(lead + join(first))
				if split {
					line(join(second))
				}
			}
		}
	}
	return b.String()
}

// TestCrawlerForms: our own reports in the forms crawlers stored real
// published reports in (one cell a line, pipes as cell ends, blank lines
// between cells, header words on a second row). Every figure read and
// none misplaced; with blank cells, rows whose blanks the form does not
// show are left empty, never shifted.
func TestCrawlerForms(t *testing.T) {
	for _, tc := range []struct {
		report, form string
		right        int
	}{
		{"numbered", "cellline", 169},
		{"numbered", "cellline-bare", 169},
		{"numbered", "pipeline", 169},
		{"numbered", "pipeline-bare", 169},
		{"numbered", "blankline", 169},
		{"numbered", "splitrows", 169},
		{"blanks", "cellline", 136},
		{"blanks", "cellline-bare", 136},
		{"blanks", "pipeline", 136},
		{"blanks", "pipeline-bare", 136},
		{"blanks", "splitrows", 136},
		// Blank cells leave nothing: a row with one has fewer figures
		// than places, and which is blank cannot be told.
		{"blanks", "blankline", 25},
	} {
		t.Run(tc.report+"."+tc.form, func(t *testing.T) {
			want := readReport(t, "gen/"+tc.report+".json")
			src := crawlerForm(crawlPage(t, want), tc.form)
			res, err := Import([]byte(src), "crawl.txt", Options{})
			if err != nil {
				t.Fatal(err)
			}
			right, empty, wrong := cellScore(res.Report, want)
			for _, w := range wrong {
				t.Errorf("wrong figure: %s", w)
			}
			if right != tc.right || empty != model.NumInputs-tc.right {
				t.Errorf("%d cells right and %d empty, want %d right; notes:\n%s", right, empty, tc.right, strings.Join(res.Notes, "\n"))
			}
		})
	}
}

// TestCrawlerRowsNotPDFText: a page stored a row a line, 三 mostly blank
// (only 自然人 filled, as small agencies publish it), has many lines of
// one width that end without a full stop, as text copied from a PDF
// viewer has; its pipes say it is a page's table (徐闻县 2023 was read as
// PDF text and lost every figure).
func TestCrawlerRowsNotPDFText(t *testing.T) {
	want := readReport(t, "gen/numbered.json")
	for _, c := range model.S3.Inputs() {
		if !strings.HasSuffix(string(c.Addr), ".natural") {
			if err := want.Clear(c.Addr); err != nil {
				t.Fatal(err)
			}
		}
	}
	// An excerpt: the headings and tables, the long paragraphs left out.
	var items []crawlItem
	for _, it := range crawlPage(t, want) {
		if it.table != nil || utf8.RuneCountInString(it.para) < 40 {
			items = append(items, it)
		}
	}
	src := crawlerForm(items, "splitrows")
	// The excerpt stops in 三, after 5.属于三类内部事务信息, as 徐闻县's does.
	cut := strings.Index(src, "6.属于四类过程性信息")
	src = src[:cut]
	if !wrappedLinesNoPipes(src) {
		t.Fatal("the page does not have the PDF viewer's line widths: the test tests nothing")
	}
	res, err := Import([]byte(src), "crawl.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	right, empty, wrong := cellScore(res.Report, want)
	for _, w := range wrong {
		t.Errorf("wrong figure: %s", w)
	}
	// 二's 10 figures and 自然人 in the 9 rows of 三 before the cut.
	if n := 10 + 9; right != n || empty != model.NumInputs-n {
		t.Errorf("%d cells right and %d empty, want %d right; notes:\n%s", right, empty, n, strings.Join(res.Notes, "\n"))
	}
}

// wrappedLinesNoPipes is wrappedLines on the text with its pipes made
// another mark of the same width: whether the line widths alone would say "PDF viewer".
func wrappedLinesNoPipes(s string) bool {
	return wrappedLines(strings.ReplaceAll(s, "|", "!"))
}

// TestCrawlerExcerptCut: an excerpt stored by a crawler stops in the
// middle of a row of 三 (龙岗区, 官洲街道, 耿马县). The row's cells are
// there up to the cut, each ending in its pipe: they are its first
// columns and are read; a figure with no pipe after it may have lost
// digits (46 cut to 4) and is not; the rest stay empty with a note.
func TestCrawlerExcerptCut(t *testing.T) {
	want := readReport(t, "gen/numbered.json")
	for _, form := range []string{"splitrows", "cellline", "pipeline", "pipeline-bare"} {
		for _, tail := range []string{"", "4"} {
			t.Run(form+"+"+tail, func(t *testing.T) {
				src := crawlerForm(crawlPage(t, want), form)
				row := strings.Index(src, "6.属于四类过程性信息")
				at := row + strings.Index(src[row:], "245")
				src = src[:at+strings.Index(src[at:], "|")+1]
				if tail != "" {
					if form == "splitrows" {
						src += " " + tail
					} else {
						src += "\n" + tail
					}
				}
				res, err := Import([]byte(src), "crawl.txt", Options{})
				if err != nil {
					t.Fatal(err)
				}
				right, empty, wrong := cellScore(res.Report, want)
				for _, w := range wrong {
					t.Errorf("wrong figure: %s", w)
				}
				// 二, the 9 rows of 三 above the cut, and 43 | 144 | 245.
				if n := 10 + 9*6 + 3; right != n || empty != model.NumInputs-n {
					t.Errorf("%d cells right and %d empty, want %d right; notes:\n%s", right, empty, n, strings.Join(res.Notes, "\n"))
				}
				note := "原文在表三「6.属于四类过程性信息」这一行中途结束（摘录不完整），只有前 3 栏，已导入；其余各栏留空"
				if !slices.Contains(res.Notes, note) {
					t.Errorf("no note %q; notes:\n%s", note, strings.Join(res.Notes, "\n"))
				}
			})
		}
	}
}
