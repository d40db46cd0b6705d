package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/internal/termsafe"
	"nianbao/model"
)

// hostile is what a crafted paste or key may carry: a window title (OSC 0),
// the clipboard (OSC 52), BEL, a C1 CSI, NUL, DEL, a carriage return and a
// clear-screen sequence, around Chinese text.
const hostile = "测\x1b]0;PWNED\a机\x1b]52;c;aGk=\x07关\u009b31m\x00\x7f\r\x1b[2J尾"

// hasControl reports whether s holds a character no report may keep.
func hasControl(s string) bool {
	for _, r := range s {
		if termsafe.IsControl(r) {
			return true
		}
	}
	return false
}

// reportControls lists the fields of r that hold a control character.
func reportControls(r *model.Report) []string {
	var bad []string
	check := func(name, s string) {
		if hasControl(s) {
			bad = append(bad, name)
		}
	}
	check("agency", r.Agency)
	check("signer", r.Signer)
	check("preface", r.Preface)
	check("s1.intro", r.S1.Intro)
	for _, p := range r.S1.Parts {
		check("s1 title", p.Title)
		check("s1 body", p.Body)
	}
	check("s5", r.S5)
	check("s6", r.S6)
	return bad
}

// rawFrame fails when the frame holds a control character outside the
// frame's own colours.
func rawFrame(t *testing.T, step string, v tea.View) {
	t.Helper()
	if c := v.Content; termsafe.Styled(c) != c {
		t.Fatalf("%s: a control character reaches the terminal raw:\n%q", step, c)
	}
}

// hostileKey is a key press whose text carries escapes (as a broken
// terminal or a crafted input method could send).
var hostileKey = tea.KeyPressMsg{Code: 'x', Text: "\x1b]0;KEY\a键\u009b"}

// TestHostileInputStripped: every way in of the UI — the new-report and
// import dialogs' fields, the export file name, every text field of the
// editor, a cell being typed, a block pasted onto a grid — strips control
// characters (the model's CleanText), pasted or typed; nothing of them
// reaches the report, the draft file or the screen.
func TestHostileInputStripped(t *testing.T) {
	db := openStore(t)
	dir := t.TempDir()
	d := newRootDriver(t, Config{Store: db, Now: fixedNow, ExportDir: dir}, 120, 40)
	a := d.m.(*app)

	// 新建报告: the agency pasted and typed with escapes.
	d.press("f2")
	d.send(tea.PasteMsg{Content: hostile})
	d.send(hostileKey)
	rawFrame(t, "new-report dialog", d.m.View())
	if v := a.top().(*newReportForm).agency.value(); hasControl(v) || !strings.Contains(v, "测]0;PWNED机") {
		t.Fatalf("agency field holds %q", v)
	}
	d.press("enter", "enter")
	for range 8 {
		d.press("right")
	}
	d.press("enter", "enter")
	e, ok := a.cur.(*editor)
	if !ok {
		t.Fatalf("the editor did not open:\n%s", d.screen())
	}
	const wantAgency = "测]0;PWNED机]52;c;aGk=关31m[2J尾]0;KEY键"
	if e.r.Agency != wantAgency {
		t.Fatalf("agency %q, want %q", e.r.Agency, wantAgency)
	}

	// Every text field of every section with text, pasted and typed.
	for _, it := range []navItem{{kind: secCover}, {kind: secS1}, {kind: secPart}, {kind: secS5}, {kind: secS6}} {
		d.run(e.gotoSection(e.itemIndex(it)))
		for i, fl := range e.form.fields {
			if !fl.isText() {
				continue
			}
			e.form.idx = i
			e.form.focus(true)
			d.send(tea.PasteMsg{Content: hostile + "\n第二行\x1b[31m"})
			d.send(hostileKey)
			rawFrame(t, fl.name, d.m.View())
			if v := fl.ta.Value(); hasControl(v) {
				t.Fatalf("%s holds %q", fl.name, v)
			}
		}
	}
	if bad := reportControls(e.r); len(bad) > 0 {
		t.Fatalf("control characters in %v of the report in the editor", bad)
	}
	if e.r.S5 == "" || !strings.Contains(e.r.S5, "第二行") {
		t.Fatalf("the paste into 五 did not arrive: %q", e.r.S5)
	}

	// A cell typed with escapes, and a block pasted with them.
	d.run(e.gotoSection(e.itemIndex(navItem{kind: secS3})))
	d.send(tea.KeyPressMsg{Code: '1', Text: "1\x1b[2J"})
	if e.edit == nil || string(e.edit.text) != "1[2J" {
		t.Fatalf("cell entry %v", e.edit)
	}
	d.press("esc")
	d.send(tea.PasteMsg{Content: "7\x00\t8\u009b\x7f\r\n"})
	if v, ok := e.r.Get("s3.new.natural"); !ok || v != model.Int(7) {
		t.Fatalf("pasted 7: %v %v (%s)", v, ok, e.msg)
	}
	if v, ok := e.r.Get("s3.new.business"); !ok || v != model.Int(8) {
		t.Fatalf("pasted 8: %v %v (%s)", v, ok, e.msg)
	}

	// What is left of an escape sequence is not a figure: refused whole.
	d.send(tea.PasteMsg{Content: "9\x1b]0;x\a\t9"})
	rawFrame(t, "refused paste", d.m.View())
	if v, _ := e.r.Get("s3.new.natural"); v != model.Int(7) || !strings.Contains(e.msg, "「9]0;x」不是数字") {
		t.Fatalf("a paste of 9]0;x: %v, %q", v, e.msg)
	}

	// The export dialog's file name.
	d.send(tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl})
	ex, ok := a.top().(*exportDialog)
	if !ok {
		t.Fatalf("no export dialog:\n%s", d.screen())
	}
	d.press("enter")
	d.send(tea.PasteMsg{Content: hostile})
	rawFrame(t, "export dialog", d.m.View())
	if v := ex.name.value(); hasControl(v) {
		t.Fatalf("export file name %q", v)
	}
	d.press("esc", "esc", "esc")

	// Everything saved is clean too.
	stored, err := db.Get(e.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if bad := reportControls(stored); len(bad) > 0 {
		t.Fatalf("control characters in %v of the stored report", bad)
	}
}

// TestHostileFileNamesShownVisibly: a file whose name holds escapes, listed
// by the import dialog's completion, is drawn with the escapes visible; the
// path field strips what is pasted into it.
func TestHostileFileNamesShownVisibly(t *testing.T) {
	dir := t.TempDir()
	name := "甲\x1b]0;PWNED\a.txt"
	if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "甲乙.txt"), []byte("x"), 0o644)
	db := openStore(t)
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 120, 40)
	d.press("f3")
	dlg, ok := d.m.(*app).top().(*importDialog)
	if !ok {
		t.Fatalf("no import dialog:\n%s", d.screen())
	}
	d.send(tea.PasteMsg{Content: "\x1b]52;c;aGk=\a" + filepath.Join(dir, "甲")})
	if v := dlg.path.value(); v != "]52;c;aGk="+filepath.Join(dir, "甲") {
		t.Fatalf("path field %q", v)
	}
	dlg.path.setValue(filepath.Join(dir, "甲"))
	d.press("tab")
	v := d.m.View()
	rawFrame(t, "completion", v)
	if !strings.Contains(v.Content, `甲\x1b]0;PWNED\a.txt`) {
		t.Fatalf("the file name is not shown visibly:\n%s", d.screen())
	}
}

// TestHostileStoredDataDrawnVisibly: a report that reached the editor with
// control characters in it (from a store that let them in) is drawn with
// them visible: the frame passes through termsafe once, in View.
func TestHostileStoredDataDrawnVisibly(t *testing.T) {
	r := newTestReport()
	r.Agency = hostile
	r.S5 = hostile
	d := newDriver(t, r, 120, 40)
	e := d.ed()
	d.run(e.gotoSection(e.itemIndex(navItem{kind: secS5})))
	v := d.a.View()
	rawFrame(t, "editor", v)
	if !strings.Contains(v.Content, `\x1b]0;PWNED\a`) {
		t.Fatalf("the escapes are not shown:\n%s", v.Content)
	}
}

// runeWidth's shortcuts agree with narrowCond over the ranges they take.
func TestRuneWidthShortcuts(t *testing.T) {
	for _, rg := range [][2]rune{{0x20, 0x7e}, {0x4e00, 0x9fff}, {0x3001, 0x3029}, {0xff01, 0xff60}} {
		for r := rg[0]; r <= rg[1]; r++ {
			if got, want := runeWidth(r), narrowCond.RuneWidth(r); got != want {
				t.Fatalf("runeWidth(%U) = %d, narrowCond says %d", r, got, want)
			}
		}
	}
}

// dw's rune-by-rune measure agrees with ansi.StringWidth: over the ranges
// it takes itself, with styles, and where it hands over (combining marks,
// emoji, ambiguous punctuation, other escapes).
func TestDisplayWidthFastPath(t *testing.T) {
	var all []string
	for _, rg := range [][2]rune{{0x20, 0x7e}, {0x4e00, 0x9fff}, {0x3001, 0x3029}, {0xff01, 0xff60}} {
		for r := rg[0]; r <= rg[1]; r++ {
			all = append(all, string(r))
		}
	}
	all = append(all,
		"\x1b[1;31m! 三、自然人列：新收 5\x1b[m", "表三（一）予以公开/自然人  单位：件", "中\u0301文", "e\u0301", "👍🏽", "“引号”·—…",
		"\x1b]8;;http://x\x1b\\链接\x1b]8;;\x1b\\", "\x1b[38;2;1;2;3m彩色\x1b[m", "a\tb", "半角ｶﾀｶﾅ", "\x1b[", "\x1b[1", "〔2021〕30号")
	for _, s := range all {
		if got, want := dw(s), ansi.StringWidth(s); got != want {
			t.Errorf("dw(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

// trimTail drops only blanks that do not show.
func TestTrimTail(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"检查结果  错误 1   ", "检查结果  错误 1"},
		{"\x1b[1m检查结果  错误 1      \x1b[m", "\x1b[1m检查结果  错误 1\x1b[m"},
		{"\x1b[93m? 原文未写明     \x1b[m", "\x1b[93m? 原文未写明\x1b[m"},
		{"\x1b[2m已填\x1b[m  \x1b[1;94mF1\x1b[m   ", "\x1b[2m已填\x1b[m  \x1b[1;94mF1\x1b[m"},
		{"\x1b[7m> 选中的一行     \x1b[m", "\x1b[7m> 选中的一行     \x1b[m"},
		{"\x1b[1;7m检查结果      \x1b[m", "\x1b[1;7m检查结果      \x1b[m"},
		{"\x1b[4m下划线   \x1b[m", "\x1b[4m下划线   \x1b[m"},
		{"\x1b[4:0m无下划线   \x1b[m", "\x1b[4:0m无下划线\x1b[m"},
		{"\x1b[44m背景   \x1b[m", "\x1b[44m背景   \x1b[m"},
		{"\x1b[48;5;7m背景   \x1b[m", "\x1b[48;5;7m背景   \x1b[m"},
		{"\x1b[38;5;7m前景色 7 不是反显   \x1b[m", "\x1b[38;5;7m前景色 7 不是反显\x1b[m"},
		{"\x1b[38;2;1;4;7m真彩色   \x1b[m", "\x1b[38;2;1;4;7m真彩色\x1b[m"},
		{"\x1b[7m反显\x1b[27m 之后   ", "\x1b[7m反显\x1b[27m 之后"},
		{"\x1b[7m反显\x1b[m 复位后   ", "\x1b[7m反显\x1b[m 复位后"},
		{"没有空白", "没有空白"},
	} {
		if got := trimTail(tc.in); got != tc.want {
			t.Errorf("trimTail(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
