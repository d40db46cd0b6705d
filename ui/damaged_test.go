package ui

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
	"nianbao/store"
)

// damagedFile makes a draft file with two reports, 甲单位 (two saves after
// its creation, so it has a history) and 乙单位, then overwrites 甲单位's
// stored record with garbage straight through bbolt, as a failing disk
// would. It returns the file, 甲单位's id and the cell its saves filled.
func damagedFile(t *testing.T) (path, id string, cell model.CellAddr) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "drafts.db")
	clock := fixedNow()
	db, err := store.Open(path, store.Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	r := addReport(t, db, "甲单位", 2024)
	cell = model.InputCells()[0].Addr
	for _, v := range []int64{5, 7} {
		clock = clock.Add(time.Hour) // past the store's coalescing window
		if err := r.Set(cell, model.Int(v)); err != nil {
			t.Fatal(err)
		}
		if err := db.Save(r, "填写"); err != nil {
			t.Fatal(err)
		}
	}
	addReport(t, db, "乙单位", 2024)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("reports")).Put([]byte(r.ID), []byte("garbage"))
	}); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	return path, r.ID, cell
}

// openDamaged opens the damaged file the next day, when no backup of the
// day exists yet, so the damage also stops today's backup.
func openDamaged(t *testing.T, path string) *store.Store {
	t.Helper()
	next := func() time.Time { return fixedNow().Add(24 * time.Hour) }
	db, err := store.Open(path, store.Options{Now: next})
	if err != nil {
		t.Fatalf("a file with one damaged report must still open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	db.DailyBackup()
	if len(db.DamagedAtOpen()) != 1 || db.BackupErr() == nil {
		t.Fatalf("store saw damaged %v, backup error %v", db.DamagedAtOpen(), db.BackupErr())
	}
	return db
}

// lineWith is the first line of screen holding sub.
func lineWith(screen, sub string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// A damaged report is announced once, marked in the list in words, and
// explained on Enter (the program neither crashes nor opens it); F5 lists
// its revisions without reading it, and restoring one repairs it and opens
// it in the editor.
func TestDamagedReportNoteMarkHistoryRestore(t *testing.T) {
	path, id, cell := damagedFile(t)
	db := openDamaged(t, path)
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 120, 40)
	s := d.screen()
	for _, want := range []string{"草稿文件中有 1 份报告已损坏", "甲单位/2024", "今天没有做备份", "按 F5 历史版本"} {
		if !strings.Contains(strings.ReplaceAll(s, "\n ", ""), want) {
			t.Errorf("opening note lacks %q:\n%s", want, s)
		}
	}
	row := lineWith(s, "> 甲单位")
	if !strings.Contains(row, txtDamagedMark) {
		t.Errorf("damaged row not marked in words: %q\n%s", row, s)
	}
	if other := lineWith(s, "  乙单位"); other == "" || strings.Contains(other, txtDamagedMark) {
		t.Errorf("sound row %q", other)
	}
	if help := lineWith(s, "F5 "); strings.Contains(help, "Enter "+helpOpen) {
		t.Errorf("help bar offers to open a damaged report: %q", help)
	}

	d.press("enter")
	s = d.screen()
	if _, ok := d.m.(*app).cur.(*startScreen); !ok {
		t.Fatalf("Enter left the list for %T:\n%s", d.m.(*app).cur, s)
	}
	joined := strings.ReplaceAll(s, "\n ", "")
	for _, want := range []string{"甲单位/2024（编号 " + id + "）已损坏，无法读取", "现在可以：F5 历史版本（恢复一个完好的版本即可修复）  Delete 移到回收站"} {
		if !strings.Contains(joined, want) {
			t.Errorf("Enter's message lacks %q:\n%s", want, s)
		}
	}

	d.press("f5")
	s = d.screen()
	if !strings.Contains(s, txtHistoryTitle) || strings.Count(s, "填写") < 1 || !strings.Contains(s, "第 1 版") {
		t.Fatalf("history of the damaged report:\n%s", s)
	}
	d.press("enter") // the newest revision, with the 7
	if !strings.Contains(d.screen(), "恢复到第") {
		t.Fatalf("no confirmation:\n%s", d.screen())
	}
	d.press("enter")
	s = d.screen()
	if _, ok := d.m.(*app).cur.(*editor); !ok {
		t.Fatalf("restoring did not open the editor:\n%s", s)
	}
	if !strings.Contains(s, "甲单位") || !strings.Contains(s, "已恢复到第") {
		t.Fatalf("editor after restore:\n%s", s)
	}
	got, err := db.Get(id)
	if err != nil {
		t.Fatalf("the restore did not repair the report: %v", err)
	}
	if v, _ := got.Get(cell); v != model.Int(7) {
		t.Fatalf("restored value %v, want 7", v)
	}

	// Back on the list: repaired, and the opening note is not repeated.
	d.press("esc")
	s = d.screen()
	if strings.Contains(s, txtDamagedMark) || strings.Contains(s, "份报告已损坏") {
		t.Fatalf("list after the repair:\n%s", s)
	}
	if !strings.Contains(lineWith(s, "甲单位"), "2024") {
		t.Fatalf("甲单位 not listed:\n%s", s)
	}
}

// A damaged report can be moved to the trash like any other.
func TestDamagedReportDelete(t *testing.T) {
	path, id, _ := damagedFile(t)
	db := openDamaged(t, path)
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 120, 40)
	d.press("delete")
	if !strings.Contains(d.screen(), "把「甲单位2024年") {
		t.Fatalf("no confirmation:\n%s", d.screen())
	}
	d.press("enter")
	s := d.screen()
	if !strings.Contains(s, "已移到回收站") || strings.Contains(s, "份报告已损坏") || lineWith(s, "> 乙单位") == "" {
		t.Fatalf("after deleting the damaged report:\n%s", s)
	}
	trash, err := db.Trash()
	if err != nil || len(trash) != 1 || trash[0].ID != id {
		t.Fatalf("trash %v, err %v", trash, err)
	}
}

// A report found damaged only when it is opened (its record failed after
// the list was read) is explained on the list and marked, not cut to the
// status line.
func TestDamagedFoundOnOpen(t *testing.T) {
	db := openStore(t)
	r := addReport(t, db, "丙单位", 2024)
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 120, 40)
	if s := d.screen(); strings.Contains(s, txtDamagedMark) {
		t.Fatalf("sound report marked:\n%s", s)
	}
	d.send(reportLoadedMsg{err: &store.ReportError{ID: r.ID, Agency: "丙单位", Year: 2024}})
	s := d.screen()
	if !strings.Contains(lineWith(s, "> 丙单位"), txtDamagedMark) || !strings.Contains(s, "已损坏，无法读取") {
		t.Fatalf("after a failed open:\n%s", s)
	}
	d.press("enter")
	if _, ok := d.m.(*app).cur.(*startScreen); !ok {
		t.Fatal("Enter tried to open the report again")
	}
}

// The opening note names a backup that failed for another reason, and
// says nothing when all is well.
func TestOpeningNote(t *testing.T) {
	if n := openingNote(testShared(nil, fixedNow), nil, nil); n != "" {
		t.Fatalf("sound file: %q", n)
	}
	failed := &store.BackupError{Path: "/x/backups/drafts-2024-01-02.db", Err: syscall.ENOSPC}
	if n := openingNote(testShared(nil, fixedNow), nil, failed); !strings.Contains(n, "今天的备份没有做成") || !strings.Contains(n, "磁盘已满") {
		t.Fatalf("failed backup: %q", n)
	}
}

// A save refused because the draft file cannot be written (store.Unusable:
// disk full, read-only) is a save failure like any other: shown as 保存失败
// with the store's message, retried, and the edit kept; never fatal.
func TestUnusableSaveIsRetried(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	full := &store.FileError{Problem: store.SaveFailed, Path: "drafts.db",
		Reason: "磁盘已满（草稿文件 drafts.db 所在的磁盘）", Err: syscall.ENOSPC}
	if !store.Unusable(full) {
		t.Fatal("the test's error is not Unusable")
	}
	d.db.fail = full
	d.keys("5", "enter")
	// The store's facts, then the UI's own advice.
	d.wantScreen("保存失败：报告没有保存：磁盘已满（草稿文件 drafts.db 所在的磁盘）。请腾出磁盘空间。")
	if d.quit || d.a.saves.failed == nil || !errors.Is(d.a.saves.failErr, full) {
		t.Fatalf("quit %v, failed %v", d.quit, d.a.saves.failed)
	}
	if !d.a.saves.retrying {
		t.Fatal("no retry scheduled")
	}
	d.db.fail = nil
	d.send(retrySaveMsg{})
	d.wantScreen("已保存")
	if v, _ := d.db.stored(testReportID).Get("s3.new.natural"); v != model.Int(5) {
		t.Fatal("the retry did not save the edit")
	}
}
