package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nianbao/export"
	"nianbao/model"
	"nianbao/store"
)

// roWhy is the reason the command line gives for a read-only file (the
// file system's words, store.FileError.Reason).
const roWhy = "文件是只读的，或当前用户没有权限写入这个文件"

// readOnlyDraft makes a draft file with one report (distinct figures) and
// opens it the way the command line does when it cannot be written: with
// the store's read-only open, which works as root too. It returns the
// file's bytes before the session, to compare after.
func readOnlyDraft(t *testing.T) (path string, ro *store.Store, r *model.Report, before []byte) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "drafts.db")
	db, err := store.Open(path, store.Options{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	r = model.New("北京市密云区科学技术委员会", 2024, model.KindCountyDept, model.ScopeSelf)
	for i, c := range model.S3.Inputs() {
		if err := r.Set(c.Addr, model.Int(int64(100+i))); err != nil {
			t.Fatal(err)
		}
	}
	r.S5 = "本年度存在的主要问题是信息公开的及时性有待提高。"
	if err := db.Create(r, "测试"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if before, err = os.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	if ro, err = store.Open(path, store.Options{ReadOnly: true, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return path, ro, r, before
}

var (
	ctrlE = tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl}
	ctrlP = tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}
	ctrlS = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	ctrlO = tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	ctrlQ = tea.KeyPressMsg{Code: 'q', Mod: tea.ModCtrl}
)

// Issue 10.3: a draft file the officer may only read opens read-only, with
// a banner saying why; every change is refused before it is made, and
// viewing, checks, preview and export to another place still work.
func TestReadOnlyDraft(t *testing.T) {
	for _, sz := range sizes {
		path, ro, r, before := readOnlyDraft(t)
		out := t.TempDir()
		d := newRootDriver(t, Config{Store: ro, Now: fixedNow, ExportDir: out, ReadOnlyWhy: roWhy}, sz.w, sz.h)
		banner := "只读：" + roWhy
		if s := flat(d.screen()); !strings.Contains(s, banner) || !strings.Contains(s, "不能修改") {
			t.Fatalf("%dx%d: no banner on the start screen:\n%s", sz.w, sz.h, d.screen())
		}
		// New, import, next year's, delete: refused before any dialog.
		for _, k := range []string{"f2", "f3", "f4", "delete"} {
			d.press(k)
			if a := d.m.(*app); len(a.dialogs) != 0 {
				t.Fatalf("%dx%d: %s opened a dialog on a read-only file", sz.w, sz.h, k)
			}
			if s := flat(d.screen()); !strings.Contains(s, "只读，不能修改："+roWhy) {
				t.Fatalf("%dx%d: %s not refused:\n%s", sz.w, sz.h, k, d.screen())
			}
		}

		// History opens and lists the report's revisions; restoring one
		// is refused, with no question asked.
		d.press("f5")
		if a := d.m.(*app); len(a.dialogs) != 1 {
			t.Fatalf("%dx%d: F5 did not open the history", sz.w, sz.h)
		}
		d.press("enter")
		if a := d.m.(*app); len(a.dialogs) != 1 || !strings.Contains(flat(d.screen()), "只读，不能修改："+roWhy) {
			t.Fatalf("%dx%d: restoring a revision not refused (%d dialogs):\n%s", sz.w, sz.h, len(a.dialogs), d.screen())
		}
		d.press("esc")

		// The report opens; the status line says 只读, not 已保存.
		d.press("enter")
		a := d.m.(*app)
		e := a.ed
		if e == nil {
			t.Fatalf("%dx%d: the report did not open:\n%s", sz.w, sz.h, d.screen())
		}
		if s := d.screen(); !strings.Contains(flat(s), banner) || strings.Contains(s, "已保存") {
			t.Fatalf("%dx%d: editor without the banner, or claiming 已保存:\n%s", sz.w, sz.h, s)
		}
		e.gotoSection(e.itemIndex(navItem{kind: secS3}))
		g := e.grids[model.S3]
		g.setAddr("s3.new.natural")
		want, _ := r.Get("s3.new.natural")
		// The key bar offers no key that would change the report.
		lines := strings.Split(d.screen(), "\n")
		bar := lines[len(lines)-1]
		for _, k := range []string{"撤销", "重做", "全部填 0", "修改", "清除"} {
			if strings.Contains(bar, k) {
				t.Fatalf("%dx%d: the key bar of a read-only report offers %s: %q", sz.w, sz.h, k, bar)
			}
		}
		if !strings.Contains(bar, "F6 切换窗格") {
			t.Fatalf("%dx%d: no key bar: %q", sz.w, sz.h, bar)
		}
		// Typing a figure, Delete, a paste, 全部填 0, Ctrl+S: each refused,
		// nothing changed, no cell left open.
		for _, msg := range []tea.Msg{
			tea.KeyPressMsg{Code: '7', Text: "7"}, keyMsg("delete"), tea.PasteMsg{Content: "1\t2\t3\n"}, ctrlO, ctrlS,
		} {
			d.send(msg)
			if e.edit != nil || len(a.dialogs) != 0 {
				t.Fatalf("%dx%d: %v opened a cell or a dialog", sz.w, sz.h, msg)
			}
			if v, _ := e.r.Get("s3.new.natural"); v != want {
				t.Fatalf("%dx%d: %v changed the cell to %v", sz.w, sz.h, msg, v)
			}
			if s := flat(d.screen()); !strings.Contains(s, "只读，不能修改："+roWhy) {
				t.Fatalf("%dx%d: %v not refused:\n%s", sz.w, sz.h, msg, d.screen())
			}
		}
		// Moving still works.
		d.press("down")
		if g.addr() == "s3.new.natural" {
			t.Fatalf("%dx%d: Down did not move", sz.w, sz.h)
		}
		// Text: typing and Backspace refused, the caret moves.
		e.gotoSection(e.itemIndex(navItem{kind: secS5}))
		fl := e.form.cur()
		d.press("left", "left")
		d.typeText("新")
		d.press("backspace")
		if fl.ta.Value() != r.S5 || e.r.S5 != r.S5 {
			t.Fatalf("%dx%d: 五 became %q (report %q)", sz.w, sz.h, fl.ta.Value(), e.r.S5)
		}
		if fl.ta.Column() != len([]rune(r.S5))-2 {
			t.Fatalf("%dx%d: the caret at %d after a refused key, want %d", sz.w, sz.h, fl.ta.Column(), len([]rune(r.S5))-2)
		}
		// The cover: a choice does not change, the year is not retyped.
		e.gotoSection(e.itemIndex(navItem{kind: secCover}))
		d.typeText("2023")
		d.press("down", "right")
		if e.r.Year != 2024 || e.r.Kind != model.KindCountyDept {
			t.Fatalf("%dx%d: cover changed: %d %s", sz.w, sz.h, e.r.Year, e.r.Kind)
		}
		if e.form.idx != 1 && e.form.idx != 2 {
			t.Fatalf("%dx%d: Down did not move to the next field (at %d)", sz.w, sz.h, e.form.idx)
		}
		// Checks run: 三's balance (distinct figures do not balance).
		if e.errs == 0 {
			t.Fatalf("%dx%d: no findings on a read-only report", sz.w, sz.h)
		}
		// Preview works.
		d.send(ctrlP)
		if s := d.screen(); !strings.Contains(s, "预览：打印效果") || !strings.Contains(s, "二、主动公开政府信息情况") || len(a.dialogs) != 1 {
			t.Fatalf("%dx%d: no preview:\n%s", sz.w, sz.h, s)
		}
		d.press("esc")
		// Export to a writable folder: made, and says it is not recorded.
		d.send(ctrlE)
		d.press("down", "enter", "enter")
		htmlPath := filepath.Join(out, export.DefaultFileName(r, export.HTML))
		if _, err := os.Stat(htmlPath); err != nil {
			t.Fatalf("%dx%d: not exported: %v\n%s", sz.w, sz.h, err, d.screen())
		}
		if s := flat(d.screen()); !strings.Contains(s, "草稿文件只读，这次导出没有记入历史版本") {
			t.Fatalf("%dx%d: the export does not say it was not recorded:\n%s", sz.w, sz.h, d.screen())
		}
		d.press("enter")
		d.send(ctrlQ)
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Fatalf("%dx%d: the read-only draft file was written", sz.w, sz.h)
		}
	}
}

// The same with a real file of mode 0444 opened the way the command line
// opens it (a writable open is refused, the read-only one works). Root
// writes whatever the mode says: there the test above stands for it.
func TestReadOnlyFileMode(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file modes do not stop root (TestReadOnlyDraft opens read-only explicitly)")
	}
	path, ro, _, _ := readOnlyDraft(t)
	ro.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(path, store.Options{})
	fe, ok := err.(*store.FileError)
	if !ok || fe.Problem != store.NotWritable || !fe.ReadOnly() {
		t.Fatalf("writable open of a 0444 file: %v", err)
	}
	ro2, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro2.Close()
	d := newRootDriver(t, Config{Store: ro2, Now: fixedNow, ReadOnlyWhy: fe.Reason}, 120, 40)
	if s := flat(d.screen()); !strings.Contains(s, "只读："+fe.Reason) {
		t.Fatalf("no banner:\n%s", d.screen())
	}
}
