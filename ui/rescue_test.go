package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nianbao/importer"
	"nianbao/model"
	"nianbao/office"
	"nianbao/store"
)

// fullDisk is the real draft file with every save failing as a full disk
// fails (the store's own error for it, ENOSPC inside).
type fullDisk struct{ *store.Store }

func (f fullDisk) Save(*model.Report, string) error {
	return &store.FileError{Problem: store.SaveFailed, Path: f.Path(),
		Reason: "磁盘已满（草稿文件 " + f.Path() + " 所在的磁盘）", Err: syscall.ENOSPC}
}

// fullDiskEditor opens a report of a real draft file whose saves fail, in
// the editor on 五, and pastes text there: the paste is in memory only.
func fullDiskEditor(t *testing.T) (*driver, *store.Store, string, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "drafts.db"), store.Options{Now: edNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := newTestReport()
	if err := db.Create(r, "新建"); err != nil {
		t.Fatal(err)
	}
	a := newApp(testConfig(Config{Store: db, Now: edNow}), fullDisk{db}, nil)
	d := &driver{t: t, a: a}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.send(openReportMsg{id: r.ID})
	e := d.ed()
	d.run(e.gotoSection(e.itemIndex(navItem{kind: secS5})))
	const pasted = "一是主动公开的针对性有待加强。二是政策解读形式还不够丰富。"
	d.send(tea.PasteMsg{Content: pasted})
	if e.r.S5 != pasted {
		t.Fatalf("五 holds %q", e.r.S5)
	}
	d.wantScreen("保存失败", "磁盘已满")
	return d, db, r.ID, pasted
}

// TestFinalSaveFailsReportWrittenAside (issue 10.2): the disk is full, a
// paste into 五 cannot be saved, and the window is closed (SIGTERM). The
// program ends without asking; its last save fails too; the report, paste
// included, is written as JSON beside the draft file and that file is
// named; importing it over the stored report brings the paste back.
func TestFinalSaveFailsReportWrittenAside(t *testing.T) {
	d, db, id, pasted := fullDiskEditor(t)
	d.send(signalQuitMsg{})
	if !d.quit || d.a.confirmQuit {
		t.Fatalf("quit %v, asked %v", d.quit, d.a.confirmQuit)
	}
	err := d.a.ended(nil, syscall.SIGTERM)
	var se *SignalError
	var ue *UnsavedError
	if !errors.As(err, &se) || se.Signal != syscall.SIGTERM || !errors.As(err, &ue) {
		t.Fatalf("%#v", err)
	}
	if filepath.Dir(ue.Copy) != filepath.Dir(db.Path()) || !strings.HasSuffix(ue.Copy, ".json") {
		t.Fatalf("written to %q, not beside %s", ue.Copy, db.Path())
	}
	for _, want := range []string{"收到系统信号 SIGTERM", "最后的修改没有写入草稿文件", "磁盘已满", "报告已另存为 " + ue.Copy} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "没有丢失") || strings.Contains(err.Error(), "内存") {
		t.Errorf("claims the work is safe in memory: %q", err)
	}
	if got, _ := db.Get(id); got.S5 == pasted {
		t.Fatal("the paste reached the draft file after all: the test proves nothing")
	}
	o := office.New(db)
	imp, err := office.ReadImport(ue.Copy, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := o.StoreImport(imp, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Get(id); got.S5 != pasted {
		t.Fatalf("imported 五 %q, want %q", got.S5, pasted)
	}
}

// TestRescueFallsBackAndNeverLies: with the draft file's folder gone, the
// report goes to the home folder; with no folder taking it, the message
// says the changes are lost. Ctrl+Q after a failed save, confirmed, ends
// the same way (without a signal).
func TestRescueFallsBackAndNeverLies(t *testing.T) {
	t.Run("home", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("HOME", home)
		t.Setenv("USERPROFILE", home)
		d, db, _, pasted := fullDiskEditor(t)
		os.RemoveAll(filepath.Dir(db.Path()))
		d.keys("ctrl+q")
		if !d.a.confirmQuit {
			t.Fatal("Ctrl+Q after a failed save did not ask")
		}
		d.send(tea.WindowSizeMsg{Width: 80, Height: 24}) // the whole question fits the smallest window
		d.wantScreen("保存失败：退出前再试，不成则尝试另存 JSON 文件。退出？ Enter 确认  Esc 取消")
		d.keys("enter")
		if !d.quit {
			t.Fatal("确定 did not quit")
		}
		var ue *UnsavedError
		if err := d.a.ended(nil, nil); !errors.As(err, &ue) || filepath.Dir(ue.Copy) != home {
			t.Fatalf("%v: not written to the home folder %s", err, home)
		}
		data, err := os.ReadFile(ue.Copy)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := model.Decode(data); err != nil || r.S5 != pasted {
			t.Fatalf("the copy: %v", err)
		}
	})
	t.Run("nowhere", func(t *testing.T) {
		gone := filepath.Join(t.TempDir(), "gone")
		t.Setenv("HOME", gone)
		t.Setenv("USERPROFILE", gone)
		t.Setenv("TMPDIR", gone)
		t.Setenv("TMP", gone)
		t.Setenv("TEMP", gone)
		d, db, _, _ := fullDiskEditor(t)
		os.RemoveAll(filepath.Dir(db.Path()))
		d.send(signalQuitMsg{})
		err := d.a.ended(nil, syscall.SIGHUP)
		var ue *UnsavedError
		if !errors.As(err, &ue) || ue.Copy != "" || ue.CopyErr == nil {
			t.Fatalf("%#v", err)
		}
		for _, want := range []string{"SIGHUP", "也无法另存为文件", "这些修改已丢失"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q lacks %q", err, want)
			}
		}
	})
}

// TestSignalAfterSavedIsNoError: a window closed with everything saved
// ends with a SignalError without Err (the command line says it as a note).
func TestSignalAfterSavedIsNoError(t *testing.T) {
	d, _, _ := openReal(t, edNow)
	d.keys("7")
	d.send(signalQuitMsg{})
	err := d.a.ended(nil, syscall.SIGTERM)
	var se *SignalError
	if !errors.As(err, &se) || se.Err != nil || se.Name() != "SIGTERM" {
		t.Fatalf("%#v", err)
	}
}
