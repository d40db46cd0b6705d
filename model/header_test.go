package model

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSignerName(t *testing.T) {
	r := New("北京市密云区科学技术委员会", 2023, KindCountyDept, ScopeSelf)
	if r.Signer != "" || r.Date != "" || r.Units != nil || r.Notes != nil {
		t.Fatalf("a new report has header fields set: %+v", r)
	}
	if got := r.SignerName(); got != "北京市密云区科学技术委员会" {
		t.Errorf("empty signer: %s", got)
	}
	// Resolved when printing: a renamed agency signs with its new name.
	r.Agency = "北京市密云区科学技术局"
	if got := r.SignerName(); got != "北京市密云区科学技术局" {
		t.Errorf("after rename: %s", got)
	}
	r.Signer = " 北京市密云区人民政府办公室 "
	if got := r.SignerName(); got != "北京市密云区人民政府办公室" {
		t.Errorf("own signer: %s", got)
	}
}

func TestDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-01-20": "2024年1月20日", "2024-1-20": "2024年1月20日", "2024/1/20": "2024年1月20日",
		"2024.01.20": "2024年1月20日", "2024年1月20日": "2024年1月20日", "２０２４年１月２０日": "2024年1月20日",
		" 2024-12-31 ": "2024年12月31日", "2024年2月29日": "2024年2月29日", "2024。1。2": "2024年1月2日",
		"2024－01－20": "2024年1月20日",
	} {
		d, err := ParseDate(in)
		if err != nil || d.Chinese() != want || !d.Valid() {
			t.Errorf("ParseDate(%q) = %q (%s), %v; want %s", in, d, d.Chinese(), err, want)
		}
	}
	if d, err := ParseDate("2024年1月20日"); string(d) != "2024-01-20" || err != nil {
		t.Errorf("stored form %q %v", d, err)
	}
	if d, err := ParseDate("  "); d != "" || err != nil || d.Chinese() != "" {
		t.Errorf("blank: %q %v", d, err)
	}
	for in, msg := range map[string]string{
		"2024-13-01":  "「2024-13-01」的月份不对：应为 1 至 12",
		"2023-02-29":  "「2023-02-29」的日不对：2023年2月只有 28 天",
		"2024-04-31":  "「2024-04-31」的日不对：2024年4月只有 30 天",
		"24-01-20":    "「24-01-20」的年份应为四位数字，例如 2025",
		"2024-01":     "「2024-01」不是日期：请写作 2025-01-20 或 2025年1月20日",
		"明天":          "「明天」不是日期：请写作 2025-01-20 或 2025年1月20日",
		"2024-001-20": "「2024-001-20」不是日期：请写作 2025-01-20 或 2025年1月20日",
		"2024-1-0":    "「2024-1-0」的日不对：2024年1月只有 31 天",
	} {
		d, err := ParseDate(in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Reason != msg || d != "" {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, d, err, msg)
		}
	}
	for _, d := range []Date{"2024-1-20", "2024-02-30", "", "0999-01-01", "2024-01-20x"} {
		if d.Valid() {
			t.Errorf("%q valid", d)
		}
	}
}

// TestNotesFollowCells: a note stays while its cells keep their values and
// goes when one of them (or an input of a total it names) changes.
func TestNotesFollowCells(t *testing.T) {
	r := baseReport(t)
	r.AddNote("印的总计 13 与计算的 12 不符", "s3.new.total")
	r.AddNote("原文此格为「—」，已留空", "s3.granted.legal")
	r.AddNote("原文末尾的文字未导入")
	r.AddNote("  ") // blank: nothing to keep
	if len(r.Notes) != 3 {
		t.Fatalf("notes %+v", r.Notes)
	}
	snapshot := r.Clone()
	set(t, r, "s3.new.natural", "10")  // the same value: nothing changed
	clearCell(t, r, "s3.new.research") // an input of s3.new.total: the note on the total goes
	if len(r.Notes) != 2 || r.Notes[0].Text != "原文此格为「—」，已留空" {
		t.Errorf("after clearing an input of the total: %+v", r.Notes)
	}
	set(t, r, "s3.granted.legal", "0") // same value as before: kept
	if len(r.Notes) != 2 {
		t.Errorf("a Set of the same value dropped a note: %+v", r.Notes)
	}
	set(t, r, "s3.granted.legal", "1")
	if len(r.Notes) != 1 || r.Notes[0].Cells != nil {
		t.Errorf("after changing the cell: %+v", r.Notes)
	}
	// The clone taken before kept its own notes.
	if len(snapshot.Notes) != 3 || snapshot.Notes[0].Cells[0] != "s3.new.total" {
		t.Errorf("clone changed: %+v", snapshot.Notes)
	}
	again := snapshot.Clone()
	again.Notes[1].Cells[0] = "s3.new.natural"
	again.Notes[2].Text = "改过"
	if snapshot.Notes[1].Cells[0] != "s3.granted.legal" || snapshot.Notes[2].Text != "原文末尾的文字未导入" {
		t.Errorf("a clone shares its notes: %+v", snapshot.Notes)
	}
}

// TestDismissNote: dismissing a note's finding removes that note, also
// after the notes before it went.
func TestDismissNote(t *testing.T) {
	r := baseReport(t)
	r.AddNote("第一条", "s3.new.total")
	r.AddNote("第二条", "s4.review.upheld")
	r.AddNote("第三条")
	fs := only(Check(r, nil), NoteRuleID)
	if len(fs) != 3 || fs[1].Message != "第二条（导入或粘贴时的说明）" || fs[1].Severity != SevWarning {
		t.Fatalf("findings %+v", fs)
	}
	set(t, r, "s3.new.natural", "11") // the first note goes; indices move
	if !r.DismissNote(fs[2]) || len(r.Notes) != 1 || r.Notes[0].Text != "第二条" {
		t.Fatalf("dismiss third: %+v", r.Notes)
	}
	if r.DismissNote(fs[0]) {
		t.Error("dismissed a note already gone")
	}
	if r.DismissNote(Finding{ID: "s3.balance", Message: "第二条（导入或粘贴时的说明）", Cells: []CellAddr{"s4.review.upheld"}}) {
		t.Error("dismissed through another rule's finding")
	}
	if !r.DismissNote(fs[1]) || r.Notes != nil {
		t.Errorf("dismiss second: %+v", r.Notes)
	}
}

func TestJSONHeaderFields(t *testing.T) {
	r := baseReport(t)
	r.ID = "0123456789abcdef0123456789abcdef"
	r.Scope = ScopeArea
	r.Signer = "某县人民政府办公室"
	r.Date = "2025-01-20"
	r.Units = []string{"11111111111111111111111111111111", "22222222222222222222222222222222"}
	r.AddNote("表三「一、本年新收政府信息公开申请数量」总计：原文印的是 13", "s3.new.total")
	r.AddNote("第一行\r\n第二行")
	set(t, r, "s2.fees.amount", "5949.088667")
	a, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "header.json", a)
	for _, want := range []string{
		"\"scope\": \"area\",\n  \"signer\": \"某县人民政府办公室\",\n  \"date\": \"2025-01-20\",\n  \"units\": [\n",
		"\"notes\": [\n    {\n      \"cells\": [\n        \"s3.new.total\"\n      ],\n",
		"\"cells\": [],\n      \"text\": \"第一行\\n第二行\"",
		"\"s2.fees.amount\": 5949.088667,",
	} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("JSON lacks %q", want)
		}
	}
	d, err := Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	if d.Signer != r.Signer || d.Date != r.Date || !slices.Equal(d.Units, r.Units) || len(d.Notes) != 2 ||
		d.Notes[1].Text != "第一行\n第二行" || d.Notes[1].Cells != nil || d.Notes[0].Cells[0] != "s3.new.total" {
		t.Errorf("decoded %+v", d)
	}
	if b, _ := Encode(d); !bytes.Equal(a, b) {
		t.Errorf("encode → decode → encode differs:\n%s", b)
	}
	// Absent when empty.
	r.Signer, r.Date, r.Units, r.Notes = "", "", nil, nil
	c, _ := Encode(r)
	for _, f := range []string{"signer", "date", "units", "notes"} {
		if bytes.Contains(c, []byte(`"`+f+`"`)) {
			t.Errorf("empty %s written", f)
		}
	}
	// [] and null read as absent.
	e, err := Decode(bytes.Replace(c, []byte(`"scope": "area",`), []byte(`"scope": "area", "units": [], "notes": null, "signer": "", "date": "",`), 1))
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := Encode(e); !bytes.Equal(c, f) {
		t.Errorf("empty fields not absent:\n%s", f)
	}
}

func TestDecodeRefuses(t *testing.T) {
	base := `{"schema":1,"id":"0123456789abcdef0123456789abcdef","agency":"某局","year":2024,"kind":"other","scope":"self","preface":"","s1":{"intro":"","parts":[]},"s5":"","s6":"","cells":{}}`
	with := func(old, new string) string {
		if !strings.Contains(base, old) {
			t.Fatalf("base lacks %s", old)
		}
		return strings.Replace(base, old, new, 1)
	}
	manyParts := `"parts":[` + strings.Repeat(`{"title":"t","body":""},`, MaxParts) + `{"title":"t","body":""}]`
	cases := []struct{ in, msg string }{
		{with(`"agency":"某局"`, `"agency":"测\u001b]0;PWNED\u0007机关"`), `机关名称不能包含控制字符（第 2 个字是 \x1b），请删去`},
		{with(`"agency":"某局"`, `"agency":"某\n局"`), `机关名称不能换行（第 2 个字是换行符 \n），请写在一行内`},
		{with(`"agency":"某局"`, `"agency":"某\t局"`), `机关名称不能包含制表符（第 2 个字是 \t），请删去`},
		{with(`"agency":"某局"`, `"agency":"某\u2028局"`), `机关名称不能换行（第 2 个字是换行符 \u2028），请写在一行内`},
		{with(`"agency":"某局"`, `"agency":"`+strings.Repeat("局", MaxNameChars+1)+`"`), "机关名称太长（201 个字），最多 200 个字"},
		{with(`"scope":"self"`, `"scope":"self","signer":"某\u009b局"`), `落款机关不能包含控制字符（第 2 个字是 \u009b），请删去`},
		{with(`"parts":[]`, `"parts":[{"title":"主动\r公开","body":""}]`), `一、（一）的小标题不能换行（第 3 个字是换行符 \r），请写在一行内`},
		{with(`"parts":[]`, manyParts), "一、总体情况的小标题太多（51 个），最多 50 个"},
		{with(`"s5":""`, `"s5":"`+strings.Repeat("字", MaxTextChars+1)+`"`), "五、存在的主要问题及改进情况太长（200001 个字），每部分最多 200000 个字；请检查是否粘贴了多余的内容"},
		{with(`"id":"0123456789abcdef0123456789abcdef"`, `"id":"x\u001b[2J"`), `编号 id「x\x1b[2J」不是 nianbao 生成的编号（应为 32 位小写十六进制数字）`},
		{with(`"id":"0123456789abcdef0123456789abcdef"`, `"id":"0123456789ABCDEF0123456789ABCDEF"`), `编号 id「0123456789ABCDEF0123456789ABCDEF」不是 nianbao 生成的编号`},
		{with(`"scope":"self"`, `"scope":"self","previous":"last-year"`), `上年报告编号 previous「last-year」不是 nianbao 生成的编号`},
		{with(`"scope":"self"`, `"scope":"self","units":[""]`), `汇总的单位报告编号 units「」不是 nianbao 生成的编号`},
		{with(`"scope":"self"`, `"scope":"self","units":["0123456789abcdef0123456789abcdef","0123456789abcdef0123456789abcdef"]`), "汇总的单位报告 0123456789abcdef0123456789abcdef 列出了两次"},
		{with(`"scope":"self"`, `"scope":"self","date":"2024-02-30"`), "成文日期 date「2024-02-30」不对：应为 YYYY-MM-DD 形式的真实日期，例如 2025-01-20"},
		{with(`"scope":"self"`, `"scope":"self","date":"2024年1月20日"`), "成文日期 date「2024年1月20日」不对"},
		{with(`"scope":"self"`, `"scope":"self","notes":[{"cells":["s9.x"],"text":"说明"}]`), "第 1 条说明中有不认识的单元格地址「s9.x」"},
		{with(`"scope":"self"`, `"scope":"self","notes":[{"cells":[],"text":"t","by":"me"}]`), `有不认识的字段 "by"`},
		{with(`"scope":"self"`, `"scope":"self","signature":"x"`), `有不认识的字段 "signature"`},
	}
	for _, tc := range cases {
		_, err := Decode([]byte(tc.in))
		var de *DecodeError
		if !errors.As(err, &de) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("Decode(%.80s…) = %v, want %q", tc.in, err, tc.msg)
		}
	}
	// Texts lose their control characters (a report stored before this rule
	// still opens); DecodeCounting says how many went.
	r, n, err := DecodeCounting([]byte(with(`"s5":""`, `"s5":"第一行\u001b[31m\r\n\u0007第二行\t\u0085"`)))
	if err != nil || r.S5 != "第一行[31m\n第二行\t" || n != 3 {
		t.Errorf("s5 %q, %d removed, %v", r.S5, n, err)
	}
}

func TestSanitize(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		removed  int
	}{
		{"正文\n\t缩进", "正文\n\t缩进", 0}, {"a\r\nb\rc", "a\nb\nc", 0}, {"\x1b]0;x\x07标题", "]0;x标题", 2},
		{"\x00\x7f\u0080\u009f", "", 4}, {"bad\xff\xfeutf8", "badutf8", 2}, {"中文", "中文", 0},
	} {
		got, n := CleanText(tc.in)
		if got != tc.want || n != tc.removed {
			t.Errorf("CleanText(%q) = %q, %d; want %q, %d", tc.in, got, n, tc.want, tc.removed)
		}
	}
	if err := CheckName("机关名称", "北京市密云区科学技术委员会"); err != nil {
		t.Error(err)
	}
	if err := CheckText("五", strings.Repeat("字", MaxTextChars)); err != nil {
		t.Error(err)
	}
	if err := CheckParts(MaxParts); err != nil {
		t.Error(err)
	}
	if !ValidID(NewID()) || ValidID("") || ValidID(strings.Repeat("g", 32)) {
		t.Error("ValidID")
	}
	// Sanitize cleans every text of a report and refuses a bad name.
	r := baseReport(t)
	r.S1.Parts[2].Body = "保密\x1b审查"
	r.Notes = []Note{{Text: "说明\x07"}}
	r.Preface += "\u0090"
	n, err := r.Sanitize()
	if err != nil || n != 3 || r.S1.Parts[2].Body != "保密审查" || r.Notes[0].Text != "说明" || strings.ContainsRune(r.Preface, 0x90) {
		t.Errorf("sanitize: %d %v %+v", n, err, r)
	}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}
	r.S5 += "\x1b"
	var fe *FieldError
	if err := r.Validate(); !errors.As(err, &fe) || fe.Field != "s5" || fe.Reason != "五、存在的主要问题及改进情况中有控制字符或无法识别的字节，不能保存" {
		t.Errorf("validate dirty text: %v", err)
	}
	r.S5 = ""
	r.S1.Parts[1].Title = "依申请\t公开"
	if err := r.Validate(); !errors.As(err, &fe) || fe.Field != "s1.parts.1.title" || fe.Reason != `一、（二）的小标题不能包含制表符（第 4 个字是 \t），请删去` {
		t.Errorf("validate title: %v", err)
	}
}

// TestCleanTextNoAlloc: clean text, the common case, costs no allocation
// (the store decodes every report it reads).
func TestCleanTextNoAlloc(t *testing.T) {
	s := strings.Repeat("政府信息公开工作年度报告\n", 50)
	if n := testing.AllocsPerRun(100, func() { _, _ = CleanText(s) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}
