package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/store"
)

// openReal opens a new report of a real draft file (t.TempDir()) in the
// editor at 120×40.
func openReal(t *testing.T, now func() time.Time) (*driver, *store.Store, string) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "d.db"), store.Options{Now: edNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := newTestReport()
	if err := db.Create(r, "新建"); err != nil {
		t.Fatal(err)
	}
	a := New(testConfig(Config{Store: db, Now: now})).(*app)
	d := &driver{t: t, a: a}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.send(openReportMsg{id: r.ID})
	if _, ok := a.cur.(*editor); !ok {
		t.Fatalf("editor not open:\n%s", d.screen())
	}
	return d, db, r.ID
}

func storedOf(t *testing.T, db *store.Store, id string) *model.Report {
	t.Helper()
	r, err := db.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSignalQuitSavesPendingWork: the window closing (SIGHUP, SIGTERM)
// arrives as signalQuitMsg; a figure typed without Enter and text typed
// within the pause are in the draft file before the program quits, and
// nothing is asked.
func TestSignalQuitSavesPendingWork(t *testing.T) {
	for _, tc := range []struct {
		name  string
		type_ func(d *driver)
		check func(r *model.Report) bool
		saved bool // saved as typed, before the signal
	}{
		{"cell", func(d *driver) { d.keys("7", "3") }, func(r *model.Report) bool {
			v, ok := r.Get("s3.new.natural")
			return ok && v == model.Int(73)
		}, false},
		{"text", func(d *driver) {
			e := d.ed()
			e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 0}))
			d.keys("tab", "本机关主动公开")
			if !e.textDirty {
				t.Fatal("text not pending")
			}
		}, func(r *model.Report) bool { return r.S1.Parts[0].Body == "本机关主动公开" }, true},
		{"cell-after-failed-save", func(d *driver) {
			// A save failed earlier: closing the window does not stop
			// to ask about it.
			d.send(saveFailedMsg{req: saveReq{r: d.ed().r.Clone()}, err: errors.New("磁盘已满")})
			d.keys("7", "3")
		}, func(r *model.Report) bool {
			v, ok := r.Get("s3.new.natural")
			return ok && v == model.Int(73)
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, db, id := openReal(t, edNow)
			tc.type_(d)
			if got := tc.check(storedOf(t, db, id)); got != tc.saved {
				t.Fatalf("saved before the signal: %v, want %v", got, tc.saved)
			}
			savedAtQuit := false
			d.onQuit = func() { savedAtQuit = tc.check(storedOf(t, db, id)) }
			d.send(signalQuitMsg{})
			if !d.quit {
				t.Fatalf("did not quit; confirmQuit %v, dialogs %d", d.a.confirmQuit, len(d.a.dialogs))
			}
			if !savedAtQuit {
				t.Fatal("pending work not in the draft file when the program quit")
			}
		})
	}
}

// TestSignalQuitDropsBadEntrySavesRest: with no one to ask, an entry that
// cannot be saved is dropped, and what was typed before it is saved.
func TestSignalQuitDropsBadEntrySavesRest(t *testing.T) {
	r := newTestReport()
	d, gs := gatedDriver(t, r)
	a := d.a
	d.keys("7", "enter", "1", ".", "5") // the save of 7 waits at the gate
	if a.cur.(*editor).edit == nil {
		t.Fatal("1.5 is not being typed")
	}
	bad := a.cur.(*editor).edit.addr
	if !a.saves.running {
		t.Fatal("the save of 7 is not in progress")
	}
	d.send(signalQuitMsg{})
	if d.quit || len(a.dialogs) != 0 || a.confirmQuit {
		t.Fatalf("quit %v, dialogs %d, confirm %v: must wait for the save, and not ask", d.quit, len(a.dialogs), a.confirmQuit)
	}
	close(gs.gate)
	gs.passed(t, "s3.new.natural", model.Int(7))
	// The blocked save's message was dropped by the driver: deliver it.
	d.send(savedMsg{at: edNow()})
	if !d.quit {
		t.Fatal("did not quit once the queue was empty")
	}
	if v, ok := gs.stored(r.ID).Get(bad); ok {
		t.Fatalf("the bad entry was saved as %v", v)
	}
}

// TestSignalQuitBounded: a save that never finishes does not keep a closing
// window's program alive: quitWait later (or at a second signal) it quits.
func TestSignalQuitBounded(t *testing.T) {
	for _, last := range []tea.Msg{quitTimeoutMsg{}, signalQuitMsg{}} {
		d, gs := gatedDriver(t, newTestReport())
		defer close(gs.gate)
		d.keys("7")
		d.send(signalQuitMsg{}) // the save waits at the gate
		if d.quit {
			t.Fatal("quit before the save or the timeout")
		}
		d.send(last)
		if !d.quit {
			t.Fatalf("%T did not end the wait", last)
		}
	}
}

// TestQuitFromOutsideFlushes: a QuitMsg or InterruptMsg the root did not
// return itself (Bubble Tea's signal handling, Program.Quit) is routed
// through the signal quit; the root's own QuitMsg passes.
func TestQuitFromOutsideFlushes(t *testing.T) {
	a := newApp(testConfig(Config{Now: edNow}), newFakeStore(), nil)
	for _, m := range []tea.Msg{tea.QuitMsg{}, tea.InterruptMsg{}} {
		if got := quitFilter(a, m); got != (signalQuitMsg{}) {
			t.Fatalf("%T from outside became %T", m, got)
		}
	}
	if got := quitFilter(a, tea.KeyPressMsg{Code: 'a'}); got != (tea.KeyPressMsg{Code: 'a'}) {
		t.Fatalf("a key became %T", got)
	}
	if a.exit()() != (tea.QuitMsg{}) {
		t.Fatal("exit is not tea.Quit")
	}
	if got := quitFilter(a, tea.QuitMsg{}); got != (tea.QuitMsg{}) {
		t.Fatalf("the root's own QuitMsg became %T", got)
	}
}

// TestFinalSaveAfterAbruptEnd: when the program ends before the queue got
// the last edit (the terminal's input failed as the window closed), Run's
// finalSave writes it; a save of the queue arriving later is skipped so
// that it cannot put back an older copy.
func TestFinalSaveAfterAbruptEnd(t *testing.T) {
	d, db, id := openReal(t, edNow)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 0}))
	d.keys("tab", "甲乙")
	old := e.r.Clone()
	old.S1.Parts[0].Body = "旧"
	if err := d.a.finalSave(); err != nil {
		t.Fatal(err)
	}
	if got := storedOf(t, db, id).S1.Parts[0].Body; got != "甲乙" {
		t.Fatalf("stored body %q", got)
	}
	cmd := d.a.saves.request(old, "")
	if cmd == nil {
		t.Fatal("the queue was not idle")
	}
	if msg := cmd(); msg == nil {
		t.Fatal("late save reported nothing")
	}
	if got := storedOf(t, db, id).S1.Parts[0].Body; got != "甲乙" {
		t.Fatalf("a late save overwrote the last one: %q", got)
	}
}

// TestQuitAsksAboutBadEntry: Ctrl+Q with 「1.5」 in a count asks before
// dropping it, the cell stays open with the parser's message; 取消 (Esc,
// or Enter: the question starts on 取消) keeps it, 确定 quits with the rest
// saved.
func TestQuitAsksAboutBadEntry(t *testing.T) {
	for _, keep := range []string{"esc", "enter"} {
		t.Run(keep, func(t *testing.T) {
			const quitKey = "ctrl+q"
			d := newDriver(t, newTestReport(), 120, 40)
			e := d.ed()
			d.keys("7", "enter", "1", ".", "5", quitKey)
			if d.quit {
				t.Fatal("quit silently with an entry that cannot be saved")
			}
			if len(d.a.dialogs) != 1 {
				t.Fatalf("dialogs %d", len(d.a.dialogs))
			}
			d.wantScreen("单元格中的「1.5」无法保存：件数必须是整数", "仍要退出")
			if e.edit == nil || string(e.edit.text) != "1.5" {
				t.Fatal("the cell did not stay open")
			}
			if !strings.Contains(e.helpLine(), "件数必须是整数") {
				t.Fatalf("help line %q", e.helpLine())
			}
			d.keys(keep) // 取消
			if d.quit || len(d.a.dialogs) != 0 || e.edit == nil {
				t.Fatalf("取消: quit %v, dialogs %d, edit %v", d.quit, len(d.a.dialogs), e.edit)
			}
			d.keys(quitKey, "left", "enter") // 确定
			if !d.quit {
				t.Fatal("确定 did not quit")
			}
			if v, ok := d.db.stored(testReportID).Get("s3.new.natural"); !ok || v != model.Int(7) {
				t.Fatalf("the 7 typed before: %v %v", v, ok)
			}
		})
	}
}

// TestTextSavedAsTyped: text is saved as cells are, every change through
// the queue: each keystroke is in the draft file once its save is done,
// long before the pause after which the text rules run (issue 10.4).
func TestTextSavedAsTyped(t *testing.T) {
	d, db, id := openReal(t, edNow)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 0}))
	d.keys("tab")
	typed := ""
	for _, r := range "本机关认真贯彻落实条例" {
		d.keys(string(r)) // the driver runs each save to its end; the pause never comes
		typed += string(r)
		if got := storedOf(t, db, id).S1.Parts[0].Body; got != typed {
			t.Fatalf("stored %q, typed %q", got, typed)
		}
	}
	if !e.textDirty {
		t.Fatal("the text rules ran before the pause")
	}
}

// TestTooSmallIgnoresKeys: below 80×24 only the request for a bigger
// window is drawn; keys do not reach the text field unseen, but Ctrl+Q
// still quits.
func TestTooSmallIgnoresKeys(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 0}))
	d.keys("tab")
	d.send(tea.WindowSizeMsg{Width: 70, Height: 20})
	d.keys("甲", "enter", "ctrl+z")
	d.send(tea.PasteMsg{Content: "乙"})
	if got := e.r.S1.Parts[0].Body; got != "" || e.textDirty {
		t.Fatalf("keys reached the hidden text field: %q", got)
	}
	d.wantScreen("窗口太小")
	d.keys("ctrl+q")
	if !d.quit {
		t.Fatal("Ctrl+Q did not quit in a small window")
	}
}

// TestSignalErrorMessage: what the command line prints after the window was
// closed names the signal as support knows it, and says whether the last
// save failed.
func TestSignalErrorMessage(t *testing.T) {
	for _, tc := range []struct {
		err  *SignalError
		want string
	}{
		{&SignalError{Signal: syscall.SIGTERM}, "填报界面已关闭（收到系统信号 SIGTERM），输入的内容已保存"},
		{&SignalError{Signal: syscall.SIGHUP}, "填报界面已关闭（收到系统信号 SIGHUP），输入的内容已保存"},
		{&SignalError{Signal: os.Interrupt, Err: errSaveStuck{}}, "填报界面已关闭（收到系统信号 SIGINT）。保存未能在退出前完成"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
