package store

import (
	"crypto/rand"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// scribble overwrites, in the closed file at path, one 512-byte block (a
// disk sector, aligned) lying inside the stored record of report id with
// random bytes, as `dd if=/dev/urandom of=drafts.db bs=512 seek=N count=1
// conv=notrunc` does: bbolt's pages and meta stay well-formed, only the
// record is damaged. (A packed record is about 1.4 KB: it holds no whole
// 4 KiB block.)
func scribble(t *testing.T, path, id string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	const bs = 512
	var block int64 = -1
	db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketReports).Get([]byte(id))
		// A read transaction's value points into the memory map.
		off := int64(uintptr(unsafe.Pointer(&v[0])) - db.Info().Data)
		if p := (off + bs - 1) / bs; (p+1)*bs <= off+int64(len(v)) {
			block = p
		}
		return nil
	})
	db.Close()
	if block < 0 {
		t.Fatal("the report's record does not span a whole block")
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, bs)
	rand.Read(junk)
	if _, err := f.WriteAt(junk, block*bs); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestDamagedReport: one report's record overwritten on disk. The file
// still opens and the other reports work; the damaged one is named with
// the way out; no backup is made of it; History lists its revisions and
// Restore of one repairs it; Delete and Undelete work on it.
func TestDamagedReport(t *testing.T) {
	c := newClock()
	path := tempDB(t)
	s := openAt(t, path, c)
	s.DailyBackup()
	a := fullReport(t, "某机关", 2024)
	b := fullReport(t, "另一机关", 2024)
	for _, r := range []*model.Report{a, b} {
		if err := s.Create(r, ""); err != nil {
			t.Fatal(err)
		}
	}
	c.Add(10 * time.Minute)
	set(t, a, "s3.new.natural", 42)
	if err := s.Save(a, "改了一格"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	scribble(t, path, a.ID)
	scribble(t, path, b.ID)

	c.Add(24 * time.Hour)
	s = openAt(t, path, c)
	// Open reads no report: the damage is found by the check before the
	// day's backup (or when a report is read).
	if bad := s.DamagedAtOpen(); len(bad) != 0 {
		t.Fatalf("damaged at open: %v", bad)
	}
	s.DailyBackup()
	// (a) No backup of the damaged file; the reason names the reports.
	var be *BackupError
	if err := s.BackupErr(); !errors.As(err, &be) || len(be.Damaged) != 2 ||
		!strings.Contains(err.Error(), "某机关/2024") || !strings.Contains(err.Error(), "另一机关/2024") || !strings.Contains(err.Error(), "今天没有备份") {
		t.Fatalf("backup error: %v", err)
	}
	if list, _ := s.Backups(); len(list) != 1 {
		t.Fatalf("backups: %+v", list)
	}
	if bad := s.DamagedAtOpen(); len(bad) != 2 {
		t.Fatalf("damaged at open: %v", bad)
	}

	// (c) Get and Find name the report and the way out.
	_, err := s.Get(a.ID)
	wantErr(t, err, ErrDamagedReport, "某机关/2024", "已损坏", "其他报告不受影响", "可以从历史版本恢复")
	chineseOnly(t, err.Error(), a.ID)
	var re *ReportError
	if !errors.As(err, &re) || re.ID != a.ID || re.Agency != "某机关" || re.Year != 2024 || re.Detail == "" {
		t.Fatalf("%#v", err)
	}
	_, err = s.Find("某机关", 2024)
	wantErr(t, err, ErrDamagedReport, "某机关/2024")
	if sm, err := s.Lookup("某机关", 2024); err != nil || sm.ID != a.ID {
		t.Fatalf("lookup: %+v %v", sm, err)
	}
	if list, err := s.List(); err != nil || len(list) != 2 {
		t.Fatalf("list: %+v %v", list, err)
	}

	// (b) History lists the revisions; restoring the newest repairs it.
	hist, err := s.History(a.ID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history: %+v %v", hist, err)
	}
	got, err := s.Restore(a.ID, hist[0].N)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	sameReport(t, got, a)
	if got, err = s.Get(a.ID); err != nil {
		t.Fatal(err)
	}
	sameReport(t, got, a)
	if hist, _ = s.History(a.ID); len(hist) != 3 || !strings.Contains(hist[0].Summary, "修复已损坏的报告") {
		t.Fatalf("history after restore: %+v", hist)
	}

	// Delete to the trash works on a damaged report, and so does undelete.
	if err := s.Delete(b.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if tr, _ := s.Trash(); len(tr) != 1 || tr[0].ID != b.ID || tr[0].Agency != "另一机关" {
		t.Fatalf("trash: %+v", tr)
	}
	if err := s.Undelete(b.ID); err != nil {
		t.Fatalf("undelete: %v", err)
	}
	if bad, _ := s.Damaged(); len(bad) != 1 || bad[0].ID != b.ID {
		t.Fatalf("damaged: %v", bad)
	}
	if hist, _ = s.History(b.ID); len(hist) == 0 {
		t.Fatal("no history")
	}
	if _, err := s.Restore(b.ID, hist[0].N); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Repaired: the next open backs the file up again.
	c.Add(24 * time.Hour)
	s = openAt(t, path, c)
	if err := s.DailyBackup(); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Backups(); len(list) != 2 {
		t.Fatalf("backups: %+v", list)
	}
}

// TestSummaryRepairedBeforeBackup: a summary that cannot be read but can be
// made again from its report is read from the report meanwhile, and stored
// again before the daily backup, so the backup decodes.
func TestSummaryRepairedBeforeBackup(t *testing.T) {
	c := newClock()
	path := tempDB(t)
	s := openAt(t, path, c)
	r := model.New("某机关", 2024, model.KindOther, model.ScopeSelf)
	s.Create(r, "")
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketInfo).Put([]byte(r.ID), []byte("\x01garbage")) })
	s.Close()
	c.Add(24 * time.Hour)
	s = openAt(t, path, c)
	if list, err := s.List(); err != nil || len(list) != 1 || list[0].Agency != "某机关" || list[0].Damaged {
		t.Fatalf("list with a damaged summary: %+v %v", list, err)
	}
	if err := s.DailyBackup(); err != nil || len(s.DamagedAtOpen()) != 0 {
		t.Fatalf("%v %v", err, s.DamagedAtOpen())
	}
	s.db.View(func(tx *bolt.Tx) error {
		if in, err := getInfo(tx, r.ID); err != nil || in.Agency != "某机关" || !in.Deleted.IsZero() {
			t.Errorf("summary not stored again: %+v %v", in, err)
		}
		return nil
	})
}

// TestTrashTwins: two reports of the same (机关名称, 年度) in the trash; the
// store's hints name each by its id, the only thing that tells them apart.
func TestTrashTwins(t *testing.T) {
	c := newClock()
	s := openAt(t, tempDB(t), c)
	first := model.New("某机关", 2024, model.KindOther, model.ScopeSelf)
	second := model.New("某机关", 2024, model.KindOther, model.ScopeSelf)
	for _, r := range []*model.Report{first, second} {
		if err := s.Create(r, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(r.ID); err != nil {
			t.Fatal(err)
		}
		c.Add(time.Minute)
	}
	if tr, _ := s.Trash(); len(tr) != 2 || tr[0].ID != second.ID {
		t.Fatalf("trash: %+v", tr)
	}
	for _, r := range []*model.Report{first, second} {
		wantErr(t, s.Save(r, ""), ErrNotFound, "回收站", r.ID)
		wantErr(t, s.Delete(r.ID), ErrNotFound, "回收站", r.ID)
	}
	if err := s.Undelete(first.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Find("某机关", 2024); err != nil || got.ID != first.ID {
		t.Fatalf("undeleted the wrong one: %v", err)
	}
	wantErr(t, s.Undelete(second.ID), ErrDuplicate, "已有一份同名同年度的报告")
}

// TestDamagedReadOnlyConcurrent: on a read-only open, reading a damaged
// report runs bbolt's full check (which loads the free page list) while
// other goroutines read: they wait for it (run with -race).
func TestDamagedReadOnlyConcurrent(t *testing.T) {
	path := tempDB(t)
	s := openAt(t, path, nil)
	var ids []string
	for i := range 6 {
		r := fullReport(t, "机关"+string(rune('甲'+i)), 2024)
		if err := s.Create(r, ""); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	s.Close()
	scribble(t, path, ids[0])
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range 20 {
				id := ids[(g+k)%len(ids)]
				_, err := ro.Get(id)
				if id == ids[0] {
					if !errors.Is(err, ErrDamagedReport) {
						t.Errorf("damaged report read: %v", err)
					}
				} else if err != nil {
					t.Errorf("sound report: %v", err)
				}
			}
		})
	}
	wg.Wait()
}
