package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/model"
)

// evil is a name or text as a crafted file or a hostile argument carries
// it: a window title (OSC 0), the clipboard (OSC 52), BEL, a C1 CSI, NUL,
// DEL, a backspace and a clear-screen sequence, around Chinese text.
const evil = "测\x1b]0;PWNED\a机\x1b]52;c;aGk=\x07关\u009b31m\x00\x7f\b\x1b[2J"

// forbidden finds the first code point that may not reach a terminal: below
// U+0020 other than \n and \t, U+007F, U+0080–U+009F, or a byte that is
// not UTF-8.
func forbidden(s string) (rune, int, bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f {
			return r, i, true
		}
		i += n
	}
	return 0, 0, false
}

// clean fails when stdout or stderr of res holds a forbidden code point.
func clean(t *testing.T, what string, res result) result {
	t.Helper()
	for _, s := range []struct{ name, text string }{{"stdout", res.out}, {"stderr", res.err}} {
		if r, at, bad := forbidden(s.text); bad {
			t.Errorf("%s: %U at byte %d of %s:\n%q", what, r, at, s.name, s.text)
		}
	}
	return res
}

// TestEscapeRepro is issue 10.1's repro: the agency name is refused, with
// the escape shown visibly; list prints nothing raw.
func TestEscapeRepro(t *testing.T) {
	c := newCLI(t)
	res := clean(t, "new", c.run("new", "--agency", "测\x1b]0;PWNED\a机关", "--year", "2024", "--kind", "county_dept", "--scope", "self"))
	res.want(t, exitUsage, `机关名称不能包含控制字符（第 2 个字是 \x1b）`)
	res = clean(t, "list", c.run("list"))
	if strings.Contains(res.out, "PWNED") {
		t.Fatalf("list shows the report: %q", res.out)
	}
}

// TestEveryCommandEscapes feeds every command names, texts, paths and
// arguments full of escapes, and files crafted to carry them (a published
// report as HTML and as text, a JSON file), and requires that no output,
// stdout or stderr, carries a control character raw; and that nothing of
// them was stored.
func TestEveryCommandEscapes(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	run := func(args ...string) result {
		t.Helper()
		return clean(t, strings.Join(args, " "), c.run(args...))
	}
	runIn := func(stdin string, args ...string) result {
		t.Helper()
		return clean(t, strings.Join(args, " "), c.runIn(stdin, append(args, "--db", c.db)...))
	}
	// A file name with escapes in it (NUL cannot be in a file name).
	evilFile := func(name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, "甲\x1b]0;F\a"+name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const good = "甲机关/2024"

	run("new", "--agency", "甲机关", "--year", "2024", "--kind", "county_dept")
	run("new", "--agency", "乙机关", "--year", "2023", "--kind", "county_dept")
	// new and meta: every option with escapes.
	run("new", "--agency", evil, "--year", "2025").want(t, exitUsage, `\x1b`)
	run("new", "--agency", "丙机关", "--year", "2025", "--kind", evil).want(t, exitUsage, `\x1b`)
	run("new", "--agency", "丙机关", "--year", "2025", "--scope", evil).want(t, exitUsage, `\x1b`)
	run("new", "--from", evil+"/2023").want(t, exitUsage)
	run("meta", good, "--agency", evil).want(t, exitUsage, `\x1b`)
	run("meta", good, "--previous", evil).want(t, exitUsage)
	run("meta", evil+"/2024", "--kind", "county_dept").want(t, exitUsage, `\x1b`)
	run("meta", good, "--agency", "甲\u2028机关").want(t, exitUsage, `\u2028`)
	// set: addresses, values, references.
	run("set", good, evil+"=1").want(t, exitUsage, `\x1b`)
	run("set", good, "s3.new.natural="+evil).want(t, exitUsage, `\x1b`)
	run("set", good, evil).want(t, exitUsage, `\x1b`)
	run("set", evil, "s3.new.natural=1").want(t, exitUsage, `\x1b`)
	run("set", good, "s3.new.natural=1\x1b[2J").want(t, exitUsage, `\x1b[2J`)
	// text: from stdin and from a file with escapes in its name and text;
	// the escapes are removed, and the officer is told so.
	// (A NUL makes a file binary: refused, see below.)
	noNUL := strings.ReplaceAll(evil, "\x00", "")
	res := runIn(noNUL+"\r\n第二行\x1b[31m红\x1b[0m", "text", good, "s5")
	if res.code != 0 || !strings.Contains(res.err, "控制字符") {
		t.Fatalf("text from stdin: %d %q", res.code, res.err)
	}
	run("text", good, "s6", evilFile("六.txt", []byte(noNUL+"\n六的正文"))).want(t, 0)
	run("text", good, "s6", evilFile("nul.txt", []byte(evil))).want(t, exitUsage, "二进制")
	run("text", good, evil, "-").want(t, exitUsage, `\x1b`)
	run("text", good, "s5", filepath.Join(dir, "无\x1b]0;x\a.txt")).want(t, exitUsage, `\x1b`)
	// check and export, of the draft and of JSON files: a file named with
	// escapes, a file whose agency has them (refused), one whose texts
	// have them (removed).
	r := fullReport("丁机关", 2024)
	r.S5 = "正文"
	data, err := model.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	okJSON := evilFile("ok.json", data)
	badAgency := evilFile("agency.json", bytes.Replace(data, []byte(`"丁机关"`), []byte(`"丁\u001b]0;X\u0007机关"`), 1))
	evilTexts := evilFile("texts.json", bytes.Replace(data, []byte(`"正文"`), []byte(`"正\u001b]52;c;aGk=\u0007文\u009b\u0000"`), 1))
	run("check", good)
	run("check", "--json", good)
	run("check", okJSON, badAgency, evilTexts)
	run("check", "--json", okJSON, badAgency, evilTexts)
	run("check", evil)
	run("check", "--all")
	for _, f := range []string{"md", "html", "json"} {
		run("export", "--format", f, "-o", "-", good)
		run("export", "--format", f, "-o", "-", evilTexts)
	}
	run("export", "--format", "html", "--fragment", "-o", "-", good)
	run("export", "--format", evil, good).want(t, exitUsage, `\x1b`)
	run("export", "--format", "md", "-o", filepath.Join(dir, "出\x1b]0;x\a.md"), good).want(t, 0)
	run("export", "--format", "md", "-o", filepath.Join(dir, "无\x1b]0;x\a", "出.md"), good).want(t, exitUsage, `\x1b`)
	run("export", "--format", "md", badAgency).want(t, exitUsage, `\x1b`)
	// import: a published report as HTML and as text, crafted with escapes
	// in the title and the texts; JSON files; an agency option.
	html := `<html><head><meta charset="utf-8"><title>戊&#27;]0;PWNED&#7;机关2023年政府信息公开工作年度报告</title></head><body>
<h1>戊机关2023年政府信息公开工作年度报告</h1>
<p>依据《中华人民共和国政府信息公开条例》&#x1b;]52;c;aGk=&#x07;编制本报告。&#x9b;31m&#0;</p>
<h2>一、总体情况</h2><p>本机关主动公开&#27;[2J政府信息。</p>
<h2>五、存在的主要问题及改进情况</h2><p>问题&#127;&#x85;和改进。</p>
</body></html>`
	run("import", evilFile("report.html", []byte(html)))
	text := "己机关\x1b]0;PWNED\a\n2023年政府信息公开工作年度报告\n依据《中华人民共和国政府信息公开条例》编制本报告。\x1b]52;c;aGk=\a\n一、总体情况\n本机关主动公开\u009b政府信息。\n五、存在的主要问题及改进情况\n问题\x1b[2J和改进。\n"
	run("import", evilFile("report.txt", []byte(text))).want(t, exitUsage, `\x1b`)
	run("import", "--agency", "庚机关", "--year", "2023", evilFile("report2.txt", []byte(strings.ReplaceAll(text, "己机关\x1b]0;PWNED\a\n", "")))).want(t, 0)
	run("import", badAgency).want(t, exitUsage, `\x1b`)
	run("import", evilTexts).want(t, 0)
	run("import", "--agency", evil, okJSON).want(t, exitUsage, `\x1b`)
	run("import", filepath.Join(dir, "无\x1b]0;x\a.html")).want(t, exitUsage, `\x1b`)
	// The collecting office: a folder of unit reports with escapes in their
	// names and texts; status, sum, figures; compact.
	units := filepath.Join(dir, "单位\x1b]0;U\a")
	os.Mkdir(units, 0o755)
	for i, ag := range []string{"壬机关", "癸机关"} {
		u := fullReport(ag, 2024)
		u.S5 = "单位\x1b]52;c;aGk=\a文字"
		ud, _ := model.Encode(u)
		os.WriteFile(filepath.Join(units, fmt.Sprintf("%d\x1b[2J%s.json", i, ag)), ud, 0o644)
	}
	os.WriteFile(filepath.Join(units, "坏\x1b]0;x\a.txt"), []byte("没有标题\x1b]0;x\a"), 0o644)
	run("collect", units)
	run("collect", evil)
	run("status", "--year", "2024")
	run("status", "--year", "2024", "--json")
	run("sum", "--agency", evil, "--year", "2024", "--all-of-year").want(t, exitUsage, `\x1b`)
	run("sum", "--agency", "汇总县人民政府", "--year", "2024", "--all-of-year")
	run("sum", "--refresh", evil+"/2024").want(t, exitUsage, `\x1b`)
	run("figures", "--year", "2024", "s3.new")
	run("figures", "--year", "2024", evil).want(t, exitUsage, `\x1b`)
	csv := c.run("figures", "--year", "2024", "--format", "csv", "-o", "-", "s3.new")
	// CSV's line ends are CRLF (as Excel writes them): the format's, not data.
	clean(t, "figures csv", result{out: strings.ReplaceAll(csv.out, "\r\n", "\n"), err: csv.err, code: csv.code})
	run("compact")
	// history, restore, delete, trash, undelete, backups, recover.
	run("history", good)
	run("history", evil+"/2024").want(t, exitUsage, `\x1b`)
	run("restore", good, evil).want(t, exitUsage, `\x1b`)
	run("restore", evil, "1").want(t, exitUsage, `\x1b`)
	run("delete", "乙机关/2023")
	run("trash")
	run("undelete", evil).want(t, exitUsage, `\x1b`)
	run("undelete", "乙机关/2023")
	run("backups")
	run("recover", evil).want(t, exitUsage, `\x1b`)
	// Help, unknown commands and options, a draft file named with escapes.
	run("help", evil).want(t, exitUsage, `\x1b`)
	run(evil).want(t, exitUsage, `\x1b`)
	run("list", "--"+evil).want(t, exitUsage)
	run("list", "-\x1b").want(t, exitUsage, `\x1b`)
	res = clean(t, "--db", c.runIn("", "list", "--db", filepath.Join(dir, "草稿\x1b]0;x\a.db")))
	if !strings.Contains(res.err, `草稿\x1b]0;x\a.db`) {
		t.Errorf("the new draft file is not named visibly: %q", res.err)
	}
	for _, args := range [][]string{{"new", "--help"}, {"--help"}, {"set", "--help"}} {
		c.runIn("", args...)
	}

	// What is stored holds no control character anywhere, and the list and
	// every report print clean.
	res = run("list", "--json")
	var items []struct{ Agency string }
	if err := json.Unmarshal([]byte(res.out), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) < 5 {
		t.Fatalf("only %d reports stored: %s", len(items), res.out)
	}
	for _, it := range items {
		res := run("export", "--format", "json", "-o", "-", it.Agency+"/"+yearOf(t, c, it.Agency))
		if strings.Contains(res.out, `\u00`) {
			t.Errorf("%s stored with a control character: %s", it.Agency, res.out)
		}
		run("history", it.Agency+"/"+yearOf(t, c, it.Agency))
	}
	run("list")
	run("check", "--all")
	run("trash")
}

// yearOf is the year of agency's report in c's draft file.
func yearOf(t *testing.T, c *cli, agency string) string {
	t.Helper()
	var items []struct {
		Agency string
		Year   int
	}
	json.Unmarshal([]byte(c.run("list", "--json").out), &items)
	for _, it := range items {
		if it.Agency == agency {
			return fmt.Sprint(it.Year)
		}
	}
	t.Fatalf("%s not listed", agency)
	return ""
}

// TestBinaryExportToPipe: a .docx to standard output that is not a terminal
// passes as it is (termsafe would break the zip); to a terminal it is
// refused (TestExport).
func TestBinaryExportToPipe(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--agency", agency, "--year", "2023")
	res := c.ok("export", "--format", "docx", "-o", "-", agency+"/2023")
	if _, err := zip.NewReader(strings.NewReader(res.out), int64(len(res.out))); err != nil {
		t.Fatalf("the .docx on stdout is not a zip: %v", err)
	}
	clean(t, "docx stderr", result{err: res.err})
}

// TestDataToPipeAsFile: an export to standard output that is not a
// terminal is the file byte for byte (CSV's CRLF included): data, not text
// for a screen.
func TestDataToPipeAsFile(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	for _, ag := range []string{"甲机关", "乙机关"} {
		c.ok("new", "--agency", ag, "--year", "2024", "--kind", "county_dept")
		c.ok("set", ag+"/2024", "s3.new.natural=3")
	}
	for _, tc := range [][]string{
		{"export", "--format", "md", "甲机关/2024"},
		{"export", "--format", "html", "甲机关/2024"},
		{"export", "--format", "json", "甲机关/2024"},
		{"figures", "--year", "2024", "--format", "csv", "s3.new"},
	} {
		file := filepath.Join(dir, strings.Join(tc[:3], "-"))
		c.ok(append(tc, "-o", file)...)
		piped := c.ok(append(tc, "-o", "-")...).out
		if want := string(mustRead(t, file)); piped != want {
			t.Errorf("%v to a pipe differs from the file:\n%q\n%q", tc, piped, want)
		}
	}
	res := c.ok("figures", "--year", "2024", "--format", "xlsx", "-o", "-", "s3.new")
	if _, err := zip.NewReader(strings.NewReader(res.out), int64(len(res.out))); err != nil {
		t.Fatalf("the .xlsx on stdout is not a zip: %v", err)
	}
}
