package export

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nianbao/model"
)

// hostile are lines an officer might type (or paste) that are markup in
// HTML or Markdown. Each must come out as exactly these characters.
var hostile = []string{
	"<script>alert('x')</script>",
	"A & B &amp; C &#x41;",
	"a | b | c",
	"# x",
	"## 二、不是标题",
	"> x",
	"- x",
	"* x",
	"+ x",
	"1. x",
	"2) y",
	"`code` and ```fence```",
	"_x_ and *y* and __z__",
	"[link](javascript:alert(1)) ![img](a.png)",
	"~~strike~~",
	"<b>bold</b> <!-- comment -->",
	"===",
	"---",
	"| --- | --- |",
	"x\\",
	"\\*not emphasis\\*",
	"价格<100元 & 数量>5件",
	"见 http://www.bjmy.gov.cn/a_b_c/x.html 。",
	"网址WWW.bjmy.gov.cn/col_1，https://x.cn/?a=1&b=2",
	"邮箱 kjw_my@bj.gov.cn",
	"snake_case 中_文 1~3月 a ~ b 3 * 4",
	"（_x_）*强调* **粗** ~~删~~ `码` [注](x) [注]",
	"#x 不是标题 C# x > y -5 度 = x",
	"&amp; &#12; &copy; a & b 价格<100元 <p> </p> <!x> <?x",
	"*** ___ - - - ```",
	"~~~",
	"a\\b \\* \\",
	"标题 #",
}

func hostileReport(t *testing.T) *model.Report {
	r := completeReport(t)
	all := strings.Join(hostile, "\n")
	r.Agency = "<i>示例</i> & | # 局"
	r.Preface = all
	r.S1.Intro = all
	r.S1.Parts[0].Title = "<script>x</script> | # *标题*"
	r.S1.Parts[0].Body = all
	r.S5 = all
	r.S6 = all
	return r
}

// paragraphs returns the text of every <p> in doc.
func paragraphTexts(doc *html.Node) []string {
	var out []string
	for _, p := range findAll(doc, atom.P) {
		out = append(out, textOf(p))
	}
	return out
}

func checkHostile(t *testing.T, doc *html.Node, r *model.Report) {
	t.Helper()
	for _, a := range []atom.Atom{atom.Script, atom.B, atom.I, atom.Em, atom.Strong, atom.Code, atom.Del, atom.Img, atom.Ul, atom.Ol, atom.Blockquote, atom.Hr, atom.Pre} {
		if n := findAll(doc, a); len(n) > 0 {
			t.Errorf("officer text became a <%s>: %q", a, textOf(n[0]))
		}
	}
	for _, a := range findAll(doc, atom.A) {
		t.Errorf("officer text became a link: %q → %s", textOf(a), attr(a, "href"))
	}
	if h1 := findAll(doc, atom.H1); len(h1) != 1 || textOf(h1[0]) != r.Title() {
		t.Errorf("title is not %q", r.Title())
	}
	if h2 := findAll(doc, atom.H2); len(h2) != 6 {
		t.Errorf("%d section headings, want 6", len(h2))
	}
	if h3 := findAll(doc, atom.H3); textOf(h3[0]) != "（一）"+r.S1.Parts[0].Title {
		t.Errorf("sub-part title %q", textOf(h3[0]))
	}
	ps := paragraphTexts(doc)
	for _, line := range hostile {
		// preface, intro, part body, 五 and 六 each hold every line.
		n := 0
		for _, p := range ps {
			if p == line {
				n++
			}
		}
		if n != 5 {
			t.Errorf("line %q shows as a paragraph %d times, want 5", line, n)
		}
	}
	if tabs := findAll(doc, atom.Table); len(tabs) != 3 && len(tabs) != 7 {
		t.Errorf("officer text changed the number of tables: %d", len(tabs))
	}
}

func TestEscapeHTML(t *testing.T) {
	r := hostileReport(t)
	for _, fragment := range []bool{false, true} {
		out, err := Render(r, HTML, Options{Fragment: fragment, Title: true})
		if err != nil {
			t.Fatal(err)
		}
		doc := parseHTML(t, out)
		checkHostile(t, doc, r)
		if !fragment {
			if ti := findAll(doc, atom.Title); textOf(ti[0]) != r.Title() {
				t.Errorf("<title> is %q", textOf(ti[0]))
			}
		}
	}
}

func TestEscapeMarkdown(t *testing.T) {
	r := hostileReport(t)
	out, err := Render(r, Markdown, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if shapes := mdTableShapes(t, out); len(shapes) != 7 {
		t.Fatalf("officer text changed the tables: %v", shapes)
	}
	doc := mdToHTML(t, out)
	// The block titles of 二 are the only bold text; take them out before
	// looking for emphasis the officer's text may have created.
	for _, s := range findAll(doc, atom.Strong) {
		if !slices.ContainsFunc(model.S2.Blocks, func(b model.Block) bool { return b.Title == textOf(s) }) {
			t.Errorf("officer text became bold: %q", textOf(s))
		}
		s.Parent.RemoveChild(s)
	}
	checkHostile(t, doc, r)
}

// TestMarkdownTextEscaping: a backslash only where a reader could take the
// character as syntax in that position; TestEscapeMarkdown proves with a
// GFM renderer that what is left unescaped stays text.
func TestMarkdownTextEscaping(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ctx  mdCtx
		want string
	}{
		{"普通文字，2023年。", mdBlock, "普通文字，2023年。"},
		{"# x", mdBlock, `\# x`},
		{"#x 不是标题", mdBlock, "#x 不是标题"},
		{"# x", mdCell, "# x"},
		{"标题 #", mdHeading, `标题 \#`},
		{"C# 语言", mdHeading, "C# 语言"},
		{"- x", mdBlock, `\- x`},
		{"- x", mdCell, "- x"},
		{"-5 度", mdBlock, "-5 度"},
		{"+ x", mdBlock, `\+ x`},
		{"* x", mdBlock, `\* x`},
		{"= x", mdBlock, "= x"},
		{"---", mdBlock, `\---`},
		{"> x", mdBlock, `\> x`},
		{"x > y", mdBlock, "x > y"},
		{"1. x", mdBlock, `1\. x`},
		{"1. x", mdCell, "1. x"},
		{"12) x", mdBlock, `12\) x`},
		{"2023.5 万元", mdBlock, "2023.5 万元"},
		{"3.", mdBlock, `3\.`},
		{"1.\tx", mdBlock, "1\\.\tx"},
		{"x - y", mdBlock, "x - y"},
		{"a|b", mdBlock, `a\|b`},
		{"a|b", mdCell, `a\|b`},
		{"a|b", mdHeading, "a|b"},
		{"<a>", mdBlock, `\<a>`},
		{"价格<100元", mdBlock, "价格<100元"},
		{"a & b", mdBlock, "a & b"},
		{"&amp; &#12; &#x4e2d;", mdBlock, `\&amp; \&#12; \&#x4e2d;`},
		{"x\\", mdBlock, "x\\"},
		{"\\*", mdBlock, `\\\*`},
		{"a\\b", mdBlock, `a\b`},
		{"http://a.cn/x_y", mdBlock, `http\://a.cn/x_y`},
		{"www.a.cn", mdBlock, `www\.a.cn`},
		{"a@b.cn", mdBlock, `a\@b.cn`},
		{"联系人@办公室", mdBlock, "联系人@办公室"},
		{"snake_case_name", mdBlock, "snake_case_name"},
		{"中_文", mdBlock, "中_文"},
		{"_x_", mdBlock, `\_x\_`},
		{"（_x_）", mdBlock, `（\_x\_）`},
		{"3 * 4 = 12", mdBlock, "3 * 4 = 12"},
		{"*强调*", mdCell, `\*强调\*`},
		{"1~3月", mdBlock, `1\~3月`},
		{"a ~ b", mdBlock, "a ~ b"},
		{"`x", mdBlock, "`x"},
		{"`x`", mdBlock, "\\`x\\`"},
		{"[注]", mdBlock, `\[注]`},
		{"]x[", mdBlock, "]x["},
		{"标题\n# 假标题\r\n- 项", mdBlock, `标题 # 假标题  - 项`},
		{"9:00 至 1.5", mdBlock, "9:00 至 1.5"},
	} {
		if got := mdText(tc.in, tc.ctx); got != tc.want {
			t.Errorf("mdText(%q, %d) = %q, want %q", tc.in, tc.ctx, got, tc.want)
		}
	}
}

// TestMarkdownTitleLineBreaks: a line break typed into the agency's name or
// a sub-part title stays inside its heading instead of opening a new block.
func TestMarkdownTitleLineBreaks(t *testing.T) {
	r := completeReport(t)
	r.Agency = "示例市\n# 科学技术局"
	r.S1.Parts[1].Title = "依申请\r\n- 公开"
	out, err := Render(r, Markdown, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := mdToHTML(t, out)
	if h1 := findAll(doc, atom.H1); len(h1) != 1 || textOf(h1[0]) != "示例市 # 科学技术局2024年政府信息公开工作年度报告" {
		t.Errorf("title: %d h1, %q", len(h1), textOf(h1[0]))
	}
	if h3 := findAll(doc, atom.H3); len(h3) != 5 || textOf(h3[1]) != "（二）依申请  - 公开" {
		t.Errorf("sub-part title: %d h3, %q", len(h3), textOf(h3[1]))
	}
	if n := len(findAll(doc, atom.Ul)); n != 0 {
		t.Errorf("a title's line break made %d lists", n)
	}
}
