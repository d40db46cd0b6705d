package store

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// TestEveryErrorIsChinese walks the store's error paths — opening what is
// not a draft file, every refusal of the operations, backups and recovery,
// a closed file — and fails on a message with no Chinese in it or with
// English words beside the paths, names and ids it quotes (the static
// source rule sees only literals; this drives the errors and reads them).
func TestEveryErrorIsChinese(t *testing.T) {
	dir := t.TempDir()
	var allowed []string // paths and ids the messages may quote
	check := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
			return
		}
		msg := err.Error()
		// Longest first: a path before the folder it is in.
		slices.SortFunc(allowed, func(a, b string) int { return len(b) - len(a) })
		if !strings.ContainsFunc(msg, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("%s: no Chinese: %q", what, msg)
		}
		chineseOnly(t, msg, allowed...)
	}
	path := func(name string) string {
		p := filepath.Join(dir, name)
		allowed = append(allowed, p, name)
		return p
	}
	allowed = append(allowed, dir)
	// A fixed day, so that the backups' names are known.
	day := func() time.Time { return time.Date(2025, 3, 10, 9, 0, 0, 0, time.Local) }

	// Opening what is not a usable draft file.
	folder := path("folder.db")
	os.Mkdir(folder, 0o700)
	garbage := path("garbage.db")
	os.WriteFile(garbage, []byte("这不是草稿文件，只是一段文字。"), 0o600)
	other := path("other.db")
	if db, err := bolt.Open(other, 0o600, nil); err == nil {
		db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("settings")); return err })
		db.Close()
	}
	newer := path("newer.db")
	if s, err := Open(newer, Options{}); err == nil {
		s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) })
		s.Close()
	}
	truncated := path("truncated.db")
	if s, err := Open(truncated, Options{Now: day}); err == nil {
		s.Create(fullReport(t, "甲机关", 2024), "")
		s.Close()
		// Both meta pages kept, the pages they point to cut off.
		data, _ := os.ReadFile(truncated)
		os.WriteFile(truncated, data[:2*PageSize+PageSize/2], 0o600)
	}
	held := path("held.db")
	hs, err := Open(held, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer hs.Close()
	afile := path("afile")
	os.WriteFile(afile, []byte("x"), 0o600)
	cases := map[string]string{
		"folder": folder, "garbage": garbage, "another program's": other, "newer": newer,
		"truncated": truncated, "held": held, "through a file": filepath.Join(afile, "x.db"),
		"a name the system refuses": filepath.Join(dir, "a\x00b.db"),
	}
	allowed = append(allowed, filepath.Join(dir, "a\x00b.db"), filepath.Join(afile, "x.db"), "truncated-2025-03-10.db")
	if runtime.GOOS != "windows" {
		fifo := path("fifo.db")
		mkfifo(fifo)
		dangling := path("dangling.db")
		os.Symlink(filepath.Join(dir, "gone", "x.db"), dangling)
		allowed = append(allowed, filepath.Join(dir, "gone", "x.db"))
		loop := path("loop.db")
		os.Symlink("loop.db", loop)
		cases["pipe"], cases["dangling"], cases["loop"] = fifo, dangling, loop
	}
	for what, p := range cases {
		_, err := Open(p, Options{Timeout: 50 * time.Millisecond})
		check("open "+what, err)
	}

	// Refusals of the operations.
	s, err := Open(path("drafts.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := fullReport(t, "乙机关", 2023)
	if err := s.Create(r, ""); err != nil {
		t.Fatal(err)
	}
	allowed = append(allowed, r.ID)
	missing := model.NewID()
	allowed = append(allowed, missing)
	noAgency := model.New("", 2023, model.KindCountyDept, model.ScopeSelf)
	badYear := model.New("丁机关", 99, model.KindCountyDept, model.ScopeSelf)
	badKind := model.New("戊机关", 2023, model.Kind("ministry"), model.ScopeSelf)
	badScope := model.New("己机关", 2023, model.KindCountyDept, model.Scope("everything"))
	control := model.New("庚\x1b]0;x\a机关", 2023, model.KindCountyDept, model.ScopeSelf)
	dup := model.New("乙机关", 2023, model.KindCountyDept, model.ScopeSelf)
	allowed = append(allowed, "ministry", "everything", `\x1b`) // the values refused, quoted
	for what, rr := range map[string]*model.Report{"no agency": noAgency, "bad year": badYear,
		"bad kind": badKind, "bad scope": badScope, "control character": control, "duplicate": dup} {
		allowed = append(allowed, rr.ID)
		check("create "+what, s.Create(rr, ""))
	}
	_, err = s.Get(missing)
	check("get", err)
	_, err = s.Find("无此机关", 2023)
	check("find", err)
	_, err = s.Lookup("无此机关", 2023)
	check("lookup", err)
	check("replace", s.Replace(model.New("无此机关", 2023, model.KindCountyDept, model.ScopeSelf), ""))
	check("delete", s.Delete(missing))
	check("undelete", s.Undelete(missing))
	_, err = s.RollForward(missing)
	check("roll forward of nothing", err)
	if _, err := s.RollForward(r.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.RollForward(r.ID)
	check("roll forward twice", err)
	check("mark export", s.MarkExport(missing, "HTML"))
	_, err = s.Revision(r.ID, 999)
	check("revision", err)
	_, err = s.Restore(r.ID, 999)
	check("restore", err)
	twin := model.New("辛机关", 2023, model.KindCountyDept, model.ScopeSelf)
	s.Create(twin, "")
	s.Delete(twin.ID)
	s.Create(model.New("辛机关", 2023, model.KindCountyDept, model.ScopeSelf), "")
	check("undelete over a live twin", s.Undelete(twin.ID))
	s.Close()
	check("save after close", s.Save(r, ""))

	// Backups and recovery, in a folder of their own.
	dir = filepath.Join(dir, "b")
	os.Mkdir(dir, 0o700)
	bfile := path("b.db")
	os.WriteFile(filepath.Join(dir, BackupDir), []byte("x"), 0o600) // a file where the folder goes
	allowed = append(allowed, filepath.Join(dir, BackupDir), filepath.Join(dir, BackupDir, "b-2025-03-10.db"))
	// A report in it, so that there is something to back up.
	if bs, err := Open(bfile, Options{Now: func() time.Time { return day().AddDate(0, 0, -1) }}); err == nil {
		bs.Create(fullReport(t, "壬机关", 2024), "")
		bs.Close()
	}
	bs, err := Open(bfile, Options{Now: day})
	if err != nil {
		t.Fatal(err)
	}
	check("daily backup", bs.DailyBackup())
	bs.Close()
	_, err = ListBackups(bfile)
	check("list backups", err)
	os.Remove(filepath.Join(dir, BackupDir))
	os.Mkdir(filepath.Join(dir, BackupDir), 0o700)
	os.WriteFile(filepath.Join(dir, BackupDir, "b-2024-01-02.db"), []byte("坏的备份"), 0o600)
	allowed = append(allowed, "b-2024-01-02.db", "b-2024-01-03.db", filepath.Join(dir, BackupDir, "b-2024-01-02.db"), filepath.Join(dir, BackupDir, "b-2024-01-03.db"))
	for what, name := range map[string]string{"bad name": "../x.db", "missing": "b-2024-01-03.db", "damaged": "b-2024-01-02.db"} {
		allowed = append(allowed, name)
		_, err := Recover(bfile, name)
		check("recover "+what, err)
	}
}
