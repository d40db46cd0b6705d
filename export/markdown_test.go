package export

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nianbao/model"
)

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

// mdToHTML renders Markdown as a GFM renderer would and parses the result.
func mdToHTML(t *testing.T, src []byte) *html.Node {
	t.Helper()
	var out bytes.Buffer
	if err := gfm.Convert(src, &out); err != nil {
		t.Fatal(err)
	}
	return parseHTML(t, out.Bytes())
}

type mdShape struct{ cols, rows int }

// mdTableShapes parses src with goldmark's table extension and returns each
// table's number of columns (header cells) and body rows.
func mdTableShapes(t *testing.T, src []byte) []mdShape {
	t.Helper()
	doc := gfm.Parser().Parse(text.NewReader(src))
	var out []mdShape
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		tab, ok := n.(*east.Table)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		var s mdShape
		for c := tab.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *east.TableHeader:
				s.cols = c.ChildCount()
			case *east.TableRow:
				if c.ChildCount() != s.cols {
					t.Errorf("table %d: a row has %d cells, the header %d", len(out), c.ChildCount(), s.cols)
				}
				s.rows++
			}
		}
		out = append(out, s)
		return ast.WalkSkipChildren, nil
	})
	return out
}

func TestMarkdownTables(t *testing.T) {
	r := uniqueReport(t)
	if err := r.Clear("s3.granted.natural"); err != nil { // 三's totals over it go blank
		t.Fatal(err)
	}
	out, err := Render(r, Markdown, Options{})
	if err != nil {
		t.Fatal(err)
	}
	shapes := mdTableShapes(t, out)
	want := []mdShape{{4, 2}, {2, 1}, {2, 2}, {2, 1}, {8, 25}, {6, 1}, {6, 2}}
	if !slices.Equal(shapes, want) {
		t.Fatalf("tables (columns, rows) %v, want %v", shapes, want)
	}

	doc := mdToHTML(t, out)
	var tabs []htmlTable
	for _, n := range findAll(doc, atom.Table) {
		tabs = append(tabs, expand(t, n))
	}
	texts := func(cells []*gridCell) []string {
		var s []string
		for _, c := range cells {
			s = append(s, c.text)
		}
		return s
	}
	// 二: four tables, each headed 信息内容 and its block's columns, each
	// preceded by its block title in bold.
	var strong []string
	for _, n := range findAll(doc, atom.Strong) {
		strong = append(strong, textOf(n))
	}
	for bi, b := range model.S2.Blocks {
		ht := tabs[bi]
		head := []string{"信息内容"}
		for _, c := range b.Cols {
			head = append(head, c.Label)
		}
		if got := texts(ht.grid[0]); !slices.Equal(got, head) {
			t.Errorf("二 block %d header %q, want %q", bi, got, head)
		}
		if !slices.Contains(strong, b.Title) {
			t.Errorf("二 block title %s not shown in bold", b.Title)
		}
		for ri, row := range b.Rows {
			g := ht.grid[1+ri]
			if g[0].text != row.Label {
				t.Errorf("二 row %q, want %q", g[0].text, row.Label)
			}
			for ci, col := range b.Cols {
				a := model.S2.Addr(row.Key, col.Key)
				if g[1+ci].text != wantCell(r, a) {
					t.Errorf("二 %s: %q, want %q", a, g[1+ci].text, wantCell(r, a))
				}
			}
		}
	}
	// 三: the header stated literally, labels joined with ：.
	s3 := tabs[4]
	head := []string{"项目", "自然人", "法人或其他组织：商业企业", "法人或其他组织：科研机构", "法人或其他组织：社会公益组织",
		"法人或其他组织：法律服务机构", "法人或其他组织：其他", "总计"}
	if got := texts(s3.grid[0]); !slices.Equal(got, head) {
		t.Errorf("三 header %q, want %q", got, head)
	}
	b3 := model.S3.Blocks[0]
	for ri, row := range b3.Rows {
		g := s3.grid[1+ri]
		if want := strings.Join(row.Path(), "："); g[0].text != want {
			t.Errorf("三 row label %q, want %q", g[0].text, want)
		}
		for ci, col := range b3.Cols {
			a := model.S3.Addr(row.Key, col.Key)
			if g[1+ci].text != wantCell(r, a) {
				t.Errorf("三 %s: %q, want %q", a, g[1+ci].text, wantCell(r, a))
			}
		}
	}
	if got := s3.grid[5][0].text; got != "三、本年度办理结果：（三）不予公开：1.属于国家秘密" {
		t.Errorf("三 row 5 label %q", got)
	}
	if got := s3.grid[3][7].text; got != "" { // （一）予以公开 总计: incomplete
		t.Errorf("incomplete total printed as %q", got)
	}
	// 四: two tables as its header groups it, each headed by the group over
	// the five result columns: 行政复议 with one row 件数, 行政诉讼 with a row
	// for each of its groups.
	heads := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
	for ti, tc := range []struct {
		group string
		rows  map[string]string // label: row key
	}{
		{"行政复议", map[string]string{"件数": "review"}},
		{"行政诉讼", map[string]string{"未经复议直接起诉": "suit_direct", "复议后起诉": "suit_after"}},
	} {
		ht := tabs[5+ti]
		if got := texts(ht.grid[0]); !slices.Equal(got, append([]string{tc.group}, heads...)) {
			t.Errorf("四 %s header %q", tc.group, got)
		}
		if len(ht.grid) != 1+len(tc.rows) {
			t.Errorf("四 %s has %d rows", tc.group, len(ht.grid)-1)
		}
		for _, g := range ht.grid[1:] {
			key, ok := tc.rows[g[0].text]
			if !ok {
				t.Errorf("四 %s: row %q", tc.group, g[0].text)
				continue
			}
			for ci, col := range model.S4.Blocks[0].Cols {
				a := model.S4.Addr(key, col.Key)
				if got := g[1+ci].text; got != wantCell(r, a) {
					t.Errorf("四 %s: %q, want %q", a, got, wantCell(r, a))
				}
			}
		}
	}
	// Numbers right-aligned, labels left.
	for _, tab := range tabs {
		if a := attr(tab.grid[1][1].node, "style"); !strings.Contains(a, "right") {
			t.Errorf("number column not right-aligned: %q", a)
		}
	}
}

func wantCell(r *model.Report, a model.CellAddr) string { return want(r, a) }

func TestMarkdownStructure(t *testing.T) {
	for _, tc := range []struct {
		name  string
		r     *model.Report
		draft []string
	}{
		{"seed", seedReport(t), []string{"未填写：六、收费通知总金额（元）（填报完整性）"}},
		{"complete", completeReport(t), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Render(tc.r, Markdown, Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc := mdToHTML(t, out)
			h1 := findAll(doc, atom.H1)
			if len(h1) != 1 || textOf(h1[0]) != tc.r.Title() {
				t.Errorf("title headings %d, want one: %s", len(h1), tc.r.Title())
			}
			var h2 []string
			for _, n := range findAll(doc, atom.H2) {
				h2 = append(h2, textOf(n))
			}
			if !slices.Equal(h2, model.SectionHeadings[:]) {
				t.Errorf("sections %q", h2)
			}
			if n := len(findAll(doc, atom.H3)); n != len(tc.r.S1.Parts) {
				t.Errorf("%d sub-part headings, want %d", n, len(tc.r.S1.Parts))
			}
			bq := findAll(doc, atom.Blockquote)
			if tc.draft == nil {
				if len(bq) != 0 || strings.Contains(string(out), "草稿") {
					t.Errorf("clean report has a draft note")
				}
			} else {
				if !bytes.HasPrefix(out, []byte("> ")) || len(bq) != 1 {
					t.Fatalf("draft report does not start with the draft note")
				}
				var items []string
				for _, li := range findAll(bq[0], atom.Li) {
					items = append(items, textOf(li))
				}
				if !slices.Equal(items, tc.draft) {
					t.Errorf("draft note lists %q, want %q", items, tc.draft)
				}
			}
			// 六's text, then the generated fee sentence, then the 落款.
			ps := findAll(doc, atom.P)
			signer, date := signature(tc.r)
			want := []string{strings.TrimSpace(tc.r.S6), FeeSentence(tc.r), signer}
			if date != "" {
				want = append(want, date)
			}
			var end []string
			for _, p := range ps[len(ps)-len(want):] {
				end = append(end, textOf(p))
			}
			if !slices.Equal(end, want) {
				t.Errorf("六 ends %q, want %q", end, want)
			}
		})
	}
}

// TestMarkdownTablesLineUp: in an editor with a CJK monospace font (CJK and
// ambiguous-width characters two columns), every row of a table has its
// column bars in the same columns.
func TestMarkdownTablesLineUp(t *testing.T) {
	r := uniqueReport(t)
	r.Clear("s3.granted.natural") // an empty cell and blank totals
	out, err := Render(r, Markdown, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var bars []int // the columns of the bars of the table's first row
	tables := 0
	for i, l := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(l, "|") {
			bars = nil
			continue
		}
		var cols []int
		x := 0
		prev := rune(0)
		for _, c := range l {
			if c == '|' && prev != '\\' {
				cols = append(cols, x)
			}
			x += mdWidth(string(c))
			prev = c
		}
		if bars == nil {
			bars = cols
			tables++
			continue
		}
		if !slices.Equal(cols, bars) {
			t.Errorf("line %d: bars at %v, the table's first row at %v:\n%s", i+1, cols, bars, l)
		}
	}
	if tables != 7 {
		t.Errorf("%d tables", tables)
	}
	// “三安全一稳定” is ambiguous width: two columns each quote.
	if mdWidth("3.危及“三安全一稳定”") != 2+4+2+12+2 {
		t.Errorf("width of the quoted label %d", mdWidth("3.危及“三安全一稳定”"))
	}
}
