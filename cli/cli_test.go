package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/model"
	"nianbao/office"
	"nianbao/store"

	bolt "go.etcd.io/bbolt"
)

const agency = "北京市密云区科学技术委员会"

// cli runs the command line in-process against the draft file db.
type cli struct {
	t  *testing.T
	db string
}

// newCLI gives each test a draft file of its own in t.TempDir(), and points
// NIANBAO_DB there too so that nothing can touch the user's real file.
func newCLI(t *testing.T) *cli {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	t.Setenv("NIANBAO_DB", filepath.Join(dir, "env-must-not-be-used.db"))
	return &cli{t: t, db: db}
}

type result struct {
	out, err string
	code     int
}

// run runs args with --db appended (so it comes after the command, as a
// user may write it).
func (c *cli) run(args ...string) result {
	c.t.Helper()
	return c.runIn("", append(args, "--db", c.db)...)
}

// runIn runs args as given, with stdin.
func (c *cli) runIn(stdin string, args ...string) result {
	c.t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(stdin), &out, &errb)
	return result{out.String(), errb.String(), code}
}

// ok runs args and fails the test unless the exit code is 0.
func (c *cli) ok(args ...string) result {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 0 {
		c.t.Fatalf("nianbao %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.out, r.err)
	}
	return r
}

// want asserts the exit code and that stderr contains each of msgs.
func (r result) want(t *testing.T, code int, msgs ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.out, r.err)
	}
	for _, m := range msgs {
		if !strings.Contains(r.err, m) {
			t.Errorf("stderr does not say %q:\n%s", m, r.err)
		}
	}
}

// report reads a report back from the draft file through `export --format json -o -`.
func (c *cli) report(name string) *model.Report {
	c.t.Helper()
	res := c.ok("export", "--format", "json", "-o", "-", name)
	r, err := model.Decode([]byte(res.out))
	if err != nil {
		c.t.Fatalf("exported JSON does not decode: %v\n%s", err, res.out)
	}
	return r
}

// zeros is every input cell set to 0, as `set` arguments.
func zeros() []string {
	var args []string
	for _, c := range model.InputCells() {
		args = append(args, string(c.Addr)+"=0")
	}
	return args
}

// fullReport is a report with every cell and text filled and no errors.
func fullReport(agency string, year int) *model.Report {
	r := model.New(agency, year, model.KindCountyDept, model.ScopeSelf)
	for _, c := range model.InputCells() {
		if err := r.Set(c.Addr, 0); err != nil {
			panic(err)
		}
	}
	for i := range r.S1.Parts {
		r.S1.Parts[i].Body = "本年度" + r.S1.Parts[i].Title + "工作依法有序开展。"
	}
	r.S5 = "存在的问题是公开的及时性有待提高。上年问题已整改。下一步将加强培训。"
	r.S6 = "无其他需要报告的事项。"
	return r
}

func writeJSON(t testing.TB, dir, name string, r *model.Report) string {
	t.Helper()
	b, err := model.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHelpIsChinese(t *testing.T) {
	c := newCLI(t)
	cmds := []string{"", "new", "meta", "list", "set", "text", "check", "export", "import", "history",
		"restore", "delete", "trash", "undelete", "backups", "recover"}
	for _, name := range cmds {
		args := []string{"--help"}
		if name != "" {
			args = []string{name, "--help"}
		}
		res := c.runIn("", args...)
		if res.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, res.code, res.err)
		}
		if !strings.Contains(res.out, "用法：") || !strings.Contains(res.out, "显示本帮助") {
			t.Errorf("%v: help is not the Chinese template:\n%s", args, res.out)
		}
		if name != "" && !strings.Contains(res.out, "示例：") {
			t.Errorf("%v: help has no 示例:\n%s", args, res.out)
		}
		for _, en := range []string{"Usage:", "Flags:", "help for", "[flags]", "(default", "Examples:", "Available Commands"} {
			if strings.Contains(res.out, en) {
				t.Errorf("%v: help contains English %q:\n%s", args, en, res.out)
			}
		}
	}
	// `help COMMAND` is the same as `COMMAND --help`.
	a, b := c.runIn("", "help", "export"), c.runIn("", "export", "--help")
	if a.code != 0 || a.out != b.out {
		t.Errorf("help export differs from export --help:\n%s\n---\n%s", a.out, b.out)
	}
}

func TestDBFlagAndEnv(t *testing.T) {
	c := newCLI(t)
	// --db before the command.
	if res := c.runIn("", "--db", c.db, "new", "--agency", agency, "--year", "2023"); res.code != 0 {
		t.Fatalf("--db before the command: %d %s", res.code, res.err)
	}
	// NIANBAO_DB is used without --db, and --db wins over it.
	t.Setenv("NIANBAO_DB", c.db)
	if res := c.runIn("", "list"); res.code != 0 || !strings.Contains(res.out, agency+"/2023") {
		t.Fatalf("NIANBAO_DB not used: %d %q %s", res.code, res.out, res.err)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	if res := c.runIn("", "list", "--db", other); res.code != 0 || res.out != "" {
		t.Fatalf("--db does not win over NIANBAO_DB: %d %q %s", res.code, res.out, res.err)
	}
}

// TestListJSON: list --json has exactly the agreed keys, RFC 3339 times,
// and counts the empty cells as errors, as check does (the transcript
// new_meta.txtar shows the rest of new, list and meta).
func TestListJSON(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--agency", agency, "--year", "2023", "--kind", "政府部门（县级）", "--scope", "self")
	c.ok("new", "--agency", "北京市密云区人民政府", "--year", "2023")
	res := c.ok("list", "--json")
	var items []map[string]any
	if err := json.Unmarshal([]byte(res.out), &items); err != nil {
		t.Fatalf("list --json: %v\n%s", err, res.out)
	}
	if len(items) != 2 {
		t.Fatalf("list --json has %d items: %s", len(items), res.out)
	}
	for _, it := range items {
		var keys []string
		for k := range it {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if want := []string{"agency", "errors", "id", "updated", "warnings", "year"}; !reflect.DeepEqual(keys, want) {
			t.Errorf("list --json keys %v, want %v", keys, want)
		}
		if _, err := time.Parse(time.RFC3339, it["updated"].(string)); err != nil {
			t.Errorf("updated is not RFC 3339: %v", it["updated"])
		}
		if it["errors"].(float64) < 169 {
			t.Errorf("a new report has %v errors, want its 169 empty cells at least", it["errors"])
		}
	}
}

func TestNewFrom(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--agency", agency, "--year", "2023", "--kind", "county_dept")
	c.ok("set", agency+"/2023", "s3.forward.natural=2", "s3.forward.business=1")
	if res := c.runIn("去年的问题已整改。\n", "text", agency+"/2023", "s5", "-", "--db", c.db); res.code != 0 {
		t.Fatalf("text s5: %d %s", res.code, res.err)
	}
	// Renamed agency: the new report is under the new name, linked, carried over.
	res := c.ok("new", "--from", agency+"/2023", "--agency", "北京市密云区科学技术和信息化局")
	if res.out != "北京市密云区科学技术和信息化局/2024\n" {
		t.Fatalf("new --from prints %q", res.out)
	}
	old := c.report(agency + "/2023")
	r := c.report("北京市密云区科学技术和信息化局/2024")
	if r.Previous != old.ID {
		t.Errorf("not linked: %q vs %q", r.Previous, old.ID)
	}
	if v, ok := r.Get("s3.carried.natural"); !ok || v != model.Int(2) {
		t.Errorf("s3.carried.natural = %v %v, want 2", v, ok)
	}
	if _, ok := r.Get("s3.new.natural"); ok {
		t.Error("s3.new.natural should be empty")
	}
	c.run("new", "--from", agency+"/2023", "--year", "2026").want(t, exitUsage, "2024")
}

func TestCheckDraft(t *testing.T) {
	c := newCLI(t)
	name := agency + "/2023"
	c.ok("new", "--agency", agency, "--year", "2023", "--kind", "county_dept")
	c.ok(append([]string{"set", name}, zeros()...)...)
	c.runIn("本年度依申请公开工作依法有序开展。\n（一）主动公开\n主动公开政府信息109条。\n（二）依申请公开\n全年未收到申请。\n", "text", name, "s1", "--db", c.db)
	c.runIn("存在的主要问题是公开不够及时。上年问题已整改到位。\n", "text", name, "s5", "--db", c.db)

	// Break the balance of 三's 自然人 column: 3 + 0 ≠ 0 + 0.
	c.ok("set", name, "s3.new.natural=3")
	res := c.run("check", name)
	if res.code != exitFindings {
		t.Fatalf("check of an unbalanced report: exit %d\n%s%s", res.code, res.out, res.err)
	}
	if !strings.Contains(res.out, name+"\t错误\ts3.balance\t三、自然人列") {
		t.Errorf("check does not print the s3.balance finding:\n%s", res.out)
	}
	if !strings.Contains(res.out, "共检查 1 份报告：错误 1 个") {
		t.Errorf("check's closing line:\n%s", res.out)
	}
	// Fixed: no errors, exit 0 even with warnings.
	c.ok("set", name, "s3.granted.natural=3")
	res = c.ok("check", "--all")
	if strings.Contains(res.out, "\t错误\t") {
		t.Errorf("errors left:\n%s", res.out)
	}

	// Largest exit code wins: an unknown report (2) beside one with errors (1).
	c.ok("set", name, "s3.new.natural=4")
	res = c.run("check", name, agency+"/2000")
	res.want(t, exitUsage, "没有报告 "+agency+"/2000")
	if !strings.Contains(res.out, "s3.balance") {
		t.Errorf("the readable report was not checked:\n%s", res.out)
	}
}

func TestCheckJSONFiles(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	// A draft file that cannot be opened: check of JSON files must not touch it.
	if err := os.WriteFile(c.db, []byte("not a bbolt file at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	last := fullReport(agency, 2022)
	last.Set("s3.forward.natural", model.Int(2))
	last.Set("s3.granted.natural", model.Int(0))
	last.Set("s3.new.natural", model.Int(2))
	this := fullReport(agency, 2023)
	this.Set("s3.carried.natural", model.Int(0)) // last year forwarded 2: prev.carried
	unbalanced := fullReport("北京市密云区人民政府", 2023)
	unbalanced.Set("s3.new.natural", model.Int(5))
	p22 := writeJSON(t, dir, "2022.json", last)
	p23 := writeJSON(t, dir, "2023.json", this)
	pbad := writeJSON(t, dir, "gov.json", unbalanced)
	before, _ := os.ReadFile(c.db)

	res := c.run("check", p22, p23)
	res.want(t, exitOK)
	if !strings.Contains(res.out, p23+"\t提示\tprev.carried\t") {
		t.Errorf("last year's report was not found among the files:\n%s", res.out)
	}
	// Without last year's file, no cross-year finding.
	res = c.run("check", p23)
	if strings.Contains(res.out, "prev.carried") {
		t.Errorf("prev.carried without last year's report:\n%s", res.out)
	}

	res = c.run("check", "--json", p22, p23, pbad)
	res.want(t, exitFindings)
	var fs []map[string]any
	if err := json.Unmarshal([]byte(res.out), &fs); err != nil {
		t.Fatalf("check --json is not a JSON array: %v\n%s", err, res.out)
	}
	var sawBalance bool
	for _, f := range fs {
		var keys []string
		for k := range f {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if want := []string{"cells", "id", "message", "report", "severity"}; !reflect.DeepEqual(keys, want) {
			t.Fatalf("check --json keys %v, want %v", keys, want)
		}
		if s := f["severity"]; s != "error" && s != "warning" {
			t.Errorf("severity %v", s)
		}
		if _, ok := f["cells"].([]any); !ok {
			t.Errorf("cells is not an array: %v", f["cells"])
		}
		if f["id"] == "s3.balance" {
			sawBalance = true
			if f["report"] != pbad || f["severity"] != "error" {
				t.Errorf("s3.balance finding: %v", f)
			}
			if cells := f["cells"].([]any); len(cells) == 0 || cells[0] != "s3.new.natural" {
				t.Errorf("s3.balance cells: %v", cells)
			}
		}
	}
	if !sawBalance {
		t.Errorf("no s3.balance in %s", res.out)
	}
	if res.err != "" {
		t.Errorf("check --json wrote to stderr: %s", res.err)
	}

	// A broken JSON file beside good ones: reported, exit 2, the others still checked.
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte(`{"schema":1,"cells":{"s3.bogus.x":1}}`), 0o644)
	res = c.run("check", p23, broken)
	res.want(t, exitUsage, "broken.json", "s3.bogus.x")
	if !strings.Contains(res.out, "共检查 1 份报告") {
		t.Errorf("good file not checked:\n%s", res.out)
	}
	if after, _ := os.ReadFile(c.db); !bytes.Equal(before, after) {
		t.Error("check of JSON files touched the draft file")
	}
	// While a check that needs the draft file gives exit 3, the largest
	// even beside an unreadable file (2).
	c.run("check", "--all").want(t, exitDraft, "损坏")
	c.run("check", broken, agency+"/2023").want(t, exitDraft, "broken.json", "损坏")
}

func TestPairPrevious(t *testing.T) {
	a22 := model.New("甲", 2022, model.KindOther, model.ScopeSelf)
	a23 := model.New("甲", 2023, model.KindOther, model.ScopeSelf)
	b22 := model.New("乙", 2022, model.KindOther, model.ScopeSelf) // 甲's name before a 机构改革
	c23 := model.New("丙", 2023, model.KindOther, model.ScopeSelf)
	c23.Previous = b22.ID
	got := office.PairPrevious([]*model.Report{a23, c23, a22, b22})
	want := []*model.Report{a22, b22, nil, nil}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: prev %v, want %v", i, got[i], want[i])
		}
	}
}

func TestText(t *testing.T) {
	c := newCLI(t)
	name := agency + "/2023"
	c.ok("new", "--agency", agency, "--year", "2023")
	s1 := "2023年，我委坚持依法公开。\r\n\r\n（一）领导组织有力\r\n发挥领导小组作用。\r\n制定全清单。\r\n（二）深化主动公开。全年主动公开政府信息109条。\r\n（四）不按顺序的编号留在正文里\r\n（三）依申请公开\r\n全年未收到申请。\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(s1)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "一.txt")
	os.WriteFile(file, []byte(gbk), 0o644)
	c.ok("text", name, "s1", file)
	r := c.report(name)
	if r.S1.Intro != "2023年，我委坚持依法公开。" {
		t.Errorf("intro %q", r.S1.Intro)
	}
	want := []model.Part{
		{Title: "领导组织有力", Body: "发挥领导小组作用。\n制定全清单。"},
		{Title: "深化主动公开", Body: "全年主动公开政府信息109条。\n（四）不按顺序的编号留在正文里"},
		{Title: "依申请公开", Body: "全年未收到申请。"},
	}
	if !reflect.DeepEqual(r.S1.Parts, want) {
		t.Errorf("parts:\n got %q\nwant %q", r.S1.Parts, want)
	}

	// stdin, UTF-8 with a BOM, the Chinese alias of the part.
	res := c.runIn("\ufeff存在的主要问题是……\n下一步将改进。\n", "text", name, "五", "--db", c.db)
	if res.code != 0 {
		t.Fatalf("text from stdin: %d %s", res.code, res.err)
	}
	c.runIn("本报告依据《中华人民共和国政府信息公开条例》编制。", "text", name, "preface", "--db", c.db)
	c.runIn("无。", "text", name, "s6", "--db", c.db)
	r = c.report(name)
	if r.S5 != "存在的主要问题是……\n下一步将改进。" || r.Preface != "本报告依据《中华人民共和国政府信息公开条例》编制。" || r.S6 != "无。" {
		t.Errorf("s5 %q preface %q s6 %q", r.S5, r.Preface, r.S6)
	}
	c.run("text", name, "s5", filepath.Join(t.TempDir(), "missing.txt")).want(t, exitUsage, "文件不存在")
	garbage := filepath.Join(t.TempDir(), "garbage.txt")
	os.WriteFile(garbage, []byte("\x00\x00\x80\xff\xff\x81"), 0o644)
	c.run("text", name, "s5", garbage).want(t, exitUsage, "无法读取文件 "+garbage)
	if got := c.report(name).S5; got != r.S5 {
		t.Errorf("an unreadable file changed 五: %q", got)
	}
}

func TestExport(t *testing.T) {
	c := newCLI(t)
	name := agency + "/2023"
	c.ok("new", "--agency", agency, "--year", "2023", "--kind", "county_dept")
	work := t.TempDir()
	t.Chdir(work)

	// Default name in the current folder; a warning because the report has errors.
	res := c.ok("export", "--format", "html", name)
	want := agency + "2023年政府信息公开工作年度报告.html"
	if strings.TrimSpace(res.out) != want {
		t.Errorf("export prints %q, want %q", res.out, want)
	}
	if !strings.Contains(res.err, "警告") || !strings.Contains(res.err, "错误") {
		t.Errorf("no warning about errors: %q", res.err)
	}
	html, err := os.ReadFile(filepath.Join(work, want))
	if err != nil || !bytes.Contains(html, []byte("收到和处理政府信息公开申请情况")) {
		t.Fatalf("exported HTML: %v\n%.300s", err, html)
	}
	// The target exists: refused without --force, replaced with it.
	c.run("export", "--format", "html", name).want(t, exitUsage, "已存在", "--force")
	c.ok("export", "--format", "html", "--force", name)

	// -o -: stdout only; -o FILE infers the format; a fragment.
	res = c.ok("export", "--format", "md", "-o", "-", name)
	if !strings.Contains(res.out, "# ") || !strings.Contains(res.out, "政府信息公开工作年度报告") {
		t.Errorf("markdown on stdout:\n%.300s", res.out)
	}
	c.ok("export", "-o", "r.json", name)
	if _, err := model.Decode(mustRead(t, "r.json")); err != nil {
		t.Errorf("exported JSON: %v", err)
	}
	res = c.ok("export", "--format", "html", "--fragment", "-o", "-", name)
	if strings.Contains(res.out, "<html") || strings.Contains(res.out, "<style") {
		t.Errorf("fragment is a whole document:\n%.300s", res.out)
	}
	// A JSON file exports without the draft file; a full report without a warning.
	p := writeJSON(t, work, "full.json", fullReport("北京市密云区人民政府", 2023))
	res = c.runIn("", "export", "--format", "md", "-o", "full.md", p, "--db", filepath.Join(work, "nonexistent", "x.db"))
	if res.code != 0 || strings.Contains(res.err, "警告") {
		t.Errorf("export of a full JSON file: %d %q", res.code, res.err)
	}
	// An unwritable target.
	c.run("export", "--format", "md", "-o", filepath.Join(work, "no", "such", "dir.md"), name).want(t, exitUsage, "无法写入")
	// The export left a revision behind.
	if res := c.ok("history", name); !strings.Contains(res.out, "导出") {
		t.Errorf("no revision before the export:\n%s", res.out)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImport(t *testing.T) {
	c := newCLI(t)
	res := c.ok("import", "testdata/miyun-kejiwei-2023.txt")
	if res.out != agency+"/2023\n" {
		t.Errorf("import prints %q", res.out)
	}
	if !strings.Contains(res.err, "收费通知总金额") {
		t.Errorf("import notes on stderr: %q", res.err)
	}
	r := c.report(agency + "/2023")
	if len(r.S1.Parts) == 0 {
		t.Error("imported report has no sub-parts in 一")
	}
	// Again: refused without --replace, a revision before the replace with it.
	c.run("import", "testdata/miyun-kejiwei-2023.txt").want(t, exitUsage, "--replace")
	c.ok("import", "--replace", "testdata/miyun-kejiwei-2023.txt")
	if c.report(agency+"/2023").ID != r.ID {
		t.Error("--replace changed the report's id")
	}
	// Under another name and year, GBK; and our own JSON back in.
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes(mustRead(t, "testdata/miyun-kejiwei-2023.txt"))
	p := filepath.Join(t.TempDir(), "gbk.txt")
	os.WriteFile(p, gbk, 0o644)
	c.ok("import", "--agency", "北京市密云区科学技术和信息化局", "--year", "2022", p)
	j := writeJSON(t, t.TempDir(), "x.json", fullReport("北京市密云区人民政府", 2023))
	if res := c.ok("import", j); res.out != "北京市密云区人民政府/2023\n" {
		t.Errorf("import JSON prints %q", res.out)
	}
	// The same JSON again under another year: it keeps no id already in use.
	c.ok("import", "--year", "2021", j)
	if a, b := c.report("北京市密云区人民政府/2023").ID, c.report("北京市密云区人民政府/2021").ID; a == b {
		t.Error("two reports share an id")
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	c.run("import", bad).want(t, exitUsage, "无法导入")
}

func TestDraftFileUnusable(t *testing.T) {
	c := newCLI(t)
	os.WriteFile(c.db, []byte("这不是草稿文件"), 0o600)
	before := mustRead(t, c.db)
	c.run("list").want(t, exitDraft, "损坏", c.db)
	if !bytes.Equal(before, mustRead(t, c.db)) {
		t.Error("a damaged draft file was changed")
	}

	// Held by another window (here: this process through the store).
	c2 := newCLI(t)
	c2.ok("new", "--agency", agency, "--year", "2023")
	s, err := store.Open(c2.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	// A bad value is refused before the draft file is opened (2); a good
	// one meets the held file (3) within about a second.
	c2.run("set", agency+"/2023", "s3.new.natural=x").want(t, exitUsage)
	c2.run("set", agency+"/2023", "s3.new.natural=1").want(t, exitDraft, "另一个 nianbao 窗口")
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("a held file took %v to report", d)
	}
}

func TestBackupsRecover(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--agency", agency, "--year", "2023")
	c.ok("list") // a second open: the day's backup exists by now
	res := c.ok("backups")
	lines := strings.Split(strings.TrimSpace(res.out), "\n")
	if res.out == "" || len(lines) == 0 {
		t.Fatalf("no backups listed: %q %q", res.out, res.err)
	}
	name := strings.Split(lines[0], "\t")[0]
	res = c.ok("recover", name)
	if !strings.Contains(res.err, "另存为") {
		t.Errorf("recover does not say where the old file went: %q", res.err)
	}
	c.ok("list")
	c.run("recover", "no-such-backup.db").want(t, exitUsage)
}

// TestEveryCommandListed keeps the README and the help in step with the commands.
func TestEveryCommandListed(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	a := &app{}
	for _, cmd := range a.rootCmd().Commands() {
		if cmd.Name() == "help" {
			continue
		}
		if !bytes.Contains(readme, []byte("nianbao "+cmd.Name())) {
			t.Errorf("README has no example of nianbao %s", cmd.Name())
		}
	}
}

// One damaged report must not stop the others, and history/restore must reach
// it, since restoring an intact revision is the officer's way to repair it.
func TestDamagedReportCLI(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--agency", "甲局", "--year", "2024")
	c.ok("new", "--agency", "乙局", "--year", "2024")
	id := c.report("甲局/2024").ID
	db, err := bolt.Open(c.db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("reports")).Put([]byte(id), []byte("\x00\x17garbage{"))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	res := c.run("check", "--all")
	res.want(t, exitDraft, "甲局/2024", "已损坏")
	if !strings.Contains(res.out, "乙局/2024") || !strings.Contains(res.out, "共检查 1 份报告") {
		t.Fatalf("check --all skipped the intact report: %q", res.out)
	}
	hist := c.ok("history", "甲局/2024")
	if !strings.HasPrefix(hist.out, "1\t") {
		t.Fatalf("history of the damaged report: %q", hist.out)
	}
	c.ok("restore", "甲局/2024", "1")
	// Repaired: readable again (a new report's only errors are its empty cells).
	c.run("check", "甲局/2024").want(t, exitFindings)
}

// TestDamagedDraftNamesBackup: the store names the newest backup as a fact;
// the command line turns it into its own command, recover, and names no key.
func TestDamagedDraftNamesBackup(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--agency", agency, "--year", "2023")
	c.ok("list") // the day's backup exists by now
	backup := strings.Split(c.ok("backups").out, "\t")[0]
	if err := os.WriteFile(c.db, bytes.Repeat([]byte("坏"), 5000), 0o600); err != nil {
		t.Fatal(err)
	}
	res := c.run("list")
	res.want(t, exitDraft, "草稿文件已损坏", "可以用 nianbao recover "+backup+" 从备份恢复（当前文件会保留在旁边）；用 nianbao backups 可以列出全部备份。")
	if strings.Contains(res.err, "F5") || strings.Contains(res.err, "界面") {
		t.Errorf("the command line speaks of the UI: %s", res.err)
	}
}
