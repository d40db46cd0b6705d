package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"nianbao/model"
)

// notEnglish are what a Chinese message may quote or name in Latin letters:
// paths, the command line's own commands, options, cell addresses, codes of
// kinds and scopes, format names, and the words of the trade (JSON, WPS …).
var notEnglish = []*regexp.Regexp{
	regexp.MustCompile(`\S*/\S*`), // a path (or 机关名称/年度)
	regexp.MustCompile(`--?[a-z][a-z-]*`),
	regexp.MustCompile(`nianbao(\s+[a-z]+)?`),
	regexp.MustCompile(`\bs[0-9](\.[a-z_]+)+`),
	regexp.MustCompile(`\b[a-z]+(_[a-z]+)+\b`),
	regexp.MustCompile(`\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\[abfnrtv]`),
	regexp.MustCompile(`\b[0-9a-f]{32}\b`),
	regexp.MustCompile(`\.?\b(docx|html|htm|md|json|txt|pdf|xlsx|csv|db)\b`),
	regexp.MustCompile(`\b(JSON|HTML|Markdown|Word|WPS|UTF|GBK|ID|SIGTERM|SIGHUP|SIGINT|PDF|LibreOffice|Excel|KB|MB|B|README|REPORT)\b`),
	// The commands (suggested for a typo), the codes of kinds and scopes,
	// the parts of text, and the fields of the JSON form (its errors name
	// the field).
	regexp.MustCompile(`\b(new|meta|list|set|text|check|export|import|history|restore|delete|trash|undelete|backups|recover|help)\b`),
	regexp.MustCompile(`\b(other|self|area|preface|s1|s5|s6)\b`),
	regexp.MustCompile(`\b(schema|id|agency|year|kind|scope|previous|cells|notes|units|signer|date|intro|parts|title|body|text)\b`),
}

// english finds English left in msg once every allowed name is taken out,
// and the values the test itself gave (quoted back in the messages).
func english(msg string, given []string) []string {
	for _, re := range notEnglish {
		msg = re.ReplaceAllString(msg, " ")
	}
	for _, g := range given {
		if g != "" {
			msg = strings.ReplaceAll(msg, g, " ")
		}
	}
	return regexp.MustCompile(`[A-Za-z]{2,}`).FindAllString(msg, -1)
}

// walkErrors runs each command and fails on a line of stderr that has no
// Chinese in it, or English words beside what it may name.
func walkErrors(t *testing.T, c *cli, cmds [][]string) {
	t.Helper()
	for _, args := range cmds {
		res := c.run(args...)
		if res.code == 0 && res.err == "" {
			t.Errorf("nianbao %s: no error and nothing said", strings.Join(args, " "))
			continue
		}
		// The values given, and the names of the files given, may be
		// quoted back.
		given := append([]string(nil), args...)
		for _, a := range args {
			if strings.Contains(a, "/") {
				given = append(given, filepath.Base(a), strings.TrimSuffix(filepath.Base(a), filepath.Ext(a)))
			}
			if _, v, ok := strings.Cut(a, "="); ok {
				given = append(given, v)
			}
		}
		checkMessages(t, strings.Join(args, " "), res.err, given)
	}
}

func checkMessages(t *testing.T, what, stderr string, given []string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line == "" {
			continue
		}
		if !strings.ContainsFunc(line, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("nianbao %s: a line with no Chinese: %q", what, line)
		}
		if w := english(line, given); len(w) > 0 {
			t.Errorf("nianbao %s: English %q in %q", what, w, line)
		}
	}
}

// TestEveryCLIErrorIsChinese walks the command line's error paths — usage,
// arguments, values, files that cannot be read or are not what they should
// be, reports that are missing, in the trash or damaged, a draft file held,
// damaged or newer, backups — and fails on any message with no Chinese in
// it or with English words (issue 10.6: the source rules check literals;
// this drives the errors and reads what the officer reads).
func TestEveryCLIErrorIsChinese(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	const R = agency + "/2023"
	c.ok("new", "--agency", agency, "--year", "2023", "--kind", "county_dept")
	c.ok("new", "--agency", "乙机关", "--year", "2022", "--kind", "county_dept")
	c.ok("new", "--agency", "乙机关", "--year", "2023", "--kind", "county_dept")
	c.ok("new", "--agency", "丙机关", "--year", "2023", "--kind", "county_dept")
	c.ok("delete", "丙机关/2023")
	c.ok("new", "--agency", "丙机关", "--year", "2023", "--kind", "county_dept")
	c.ok("delete", "丙机关/2023")
	good, _ := model.Encode(fullReport("丁机关", 2023))
	jsonFile := file("丁.json", good)
	bad := file("bad.json", []byte(`{"schema":1,"agency":"戊","year":2023,"cells":{"s3.new.natural":"x"}}`))
	empty := file("empty.txt", nil)
	binary := file("binary.txt", []byte("a\x00b"))
	notitle := file("notitle.txt", []byte("一些文字\n没有标题\n"))
	deep := file("deep.html", []byte("<html><body>"+strings.Repeat("<div>", 600)+"甲"+"</body></html>"))
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	exists := file("exists.md", []byte("x"))
	missing := filepath.Join(dir, "missing.json")

	walkErrors(t, c, [][]string{
		{"bogus"}, {"lst"}, {"list", "extra"}, {"--bogus"}, {"list", "-x"}, {"help", "bogus"},
		{"new"}, {"new", "--agency", agency}, {"new", "--agency", " ", "--year", "2024"},
		{"new", "--agency", "甲", "--year", "abc"}, {"new", "--agency", "甲", "--year", "99"},
		{"new", "--agency", "甲", "--year", "2024", "--kind", "bogus"},
		{"new", "--agency", "甲", "--year", "2024", "--scope", "bogus"},
		{"new", "--agency", agency, "--year", "2023"},
		{"new", "--from", "无此机关/2022"}, {"new", "--from", "乙机关/2022", "--year", "2030"},
		{"new", "--from", "乙机关/2022", "--agency", agency},
		{"meta", R}, {"meta", R, "--previous", R}, {"meta", R, "--previous", "乙机关/2022", "--kind", "bogus"},
		{"meta", "乙机关/2023", "--agency", agency}, {"new", "--from", "乙机关/2022"}, {"meta", "无此机关/2023", "--kind", "county_dept"},
		{"meta", R, "--previous", "无此机关/2022"},
		{"set", R}, {"set", R, "bogus"}, {"set", R, "s9.x.y=1"}, {"set", R, "s3.handled.total=1"},
		{"set", R, "s3.new.natural=abc"}, {"set", R, "s3.new.natural=-1"}, {"set", R, "s3.new.natural=1.5"},
		{"set", R, "s2.fees.amount=1.1234567"}, {"set", R, "s3.new.natural=99999999999"},
		{"set", R, "s3.new.natural=1e3"}, {"set", R, "s3.new.natural=1,2"},
		{"set", R, "s3.new.natural=1", "s3.new.natural=2"}, {"set", "无此机关/2023", "s3.new.natural=1"},
		{"set", "丙机关/2023", "s3.new.natural=1"}, {"set", "北京/20x3", "s3.new.natural=1"}, {"set", "/2023", "s3.new.natural=1"},
		{"set", "deadbeef", "s3.new.natural=1"}, {"set", "0123456789abcdef0123456789abcdef", "s3.new.natural=1"},
		{"set", jsonFile, "s3.new.natural=1"},
		{"text", R, "bogus", "-"}, {"text", R, "s5", missing}, {"text", R, "s5", folder},
		{"text", R, "s5", empty}, {"text", R, "s5", binary},
		{"check"}, {"check", "--all", R}, {"check", "无此机关/2023"}, {"check", bad}, {"check", missing},
		{"export", R}, {"export", "--format", "bogus", R}, {"export", "--format", "md", "--fragment", R},
		{"export", "--format", "md", "-o", exists, R}, {"export", "--format", "md", "-o", folder, R},
		{"export", "--format", "md", "-o", filepath.Join(dir, "no", "x.md"), R},
		{"export", "--format", "md", "-o", filepath.Join(exists, "x.md"), R},
		{"export", "--format", "md", "无此机关/2023"}, {"export", "--format", "md", bad},
		{"import", missing}, {"import", folder}, {"import", empty}, {"import", bad}, {"import", notitle},
		{"import", deep}, {"import", "--year", "99", jsonFile}, {"import", "--agency", " ", jsonFile},
		{"history", "无此机关/2023"}, {"restore", R, "x"}, {"restore", R, "999"}, {"restore", "无此机关/2023", "1"},
		{"delete", "无此机关/2023"}, {"undelete", "无此机关/2023"}, {"undelete", "丙机关/2023"}, {"undelete", jsonFile},
		{"recover", "../x.db"}, {"recover", "drafts-1999-01-01.db"},
		{"collect"}, {"collect", missing}, {"collect", jsonFile}, {"status"}, {"status", "--year", "abc"},
		{"sum"}, {"sum", "--agency", "某县人民政府", "--year", "2023"}, {"sum", "--agency", agency, "--year", "2023", "--all-of-year"},
		{"sum", "--refresh", R}, {"sum", "--refresh", "无此机关/2023"},
		{"figures", "--year", "2023"}, {"figures", "--year", "2023", "s9.x"}, {"figures", "--year", "2023", "--format", "bogus", "s3.new"},
		{"figures", "--year", "2023", "--format", "csv", "-o", exists, "s3.new"},
	})
	c.ok("import", jsonFile)
	walkErrors(t, c, [][]string{{"import", jsonFile}})

	// The draft file itself: damaged, held, a folder.
	damaged := newCLI(t)
	os.WriteFile(damaged.db, []byte("这不是草稿文件"), 0o600)
	walkErrors(t, damaged, [][]string{{"list"}, {"check", "--all"}, {"set", R, "s3.new.natural=1"}})
	os.Remove(damaged.db)
	os.Mkdir(damaged.db, 0o700)
	walkErrors(t, damaged, [][]string{{"list"}})
}
