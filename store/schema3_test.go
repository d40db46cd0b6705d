package store

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// testdata/schema3.db is a draft file written by nianbao with layout 3
// (commit 359c75e, the code on main before layout 4), by the test in
// testdata/schema3_gen.go.txt: five reports (one a year after another, one
// with emoji, rare characters, notes and escapes in its texts, an almost
// empty one, one in the trash), edits over several days, an export and a
// restore, compacted. testdata/schema3.golden.json.gz is what that code
// read back from it: every summary, report and revision.

type schema3Rev struct {
	N       int
	Time    time.Time
	Summary string
	Pinned  bool
	Report  json.RawMessage
}

type schema3Report struct {
	Summary   Summary
	Report    json.RawMessage
	Revisions []schema3Rev
}

func schema3Golden(t *testing.T) map[string]*schema3Report {
	t.Helper()
	f, err := os.Open("testdata/schema3.golden.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	js, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	var g map[string]*schema3Report
	if err := json.Unmarshal(js, &g); err != nil {
		t.Fatal(err)
	}
	if len(g) != 5 {
		t.Fatalf("%d reports in the golden file", len(g))
	}
	return g
}

// schema3Counts is what a summary of the golden file counts: the counts
// the layout-3 code stored while the rules are the ones it counted with
// (the file keeps their fingerprint); once a rule is added or changed, the
// store counts again at the first open, and the counts are this program's
// check of the report against its last year's (as previousTx finds it:
// the linked report, else the same agency's year before, never one in the
// trash).
func schema3Counts(t *testing.T, gold map[string]*schema3Report) func(id string) (errs, missing, warns int) {
	t.Helper()
	db, err := bolt.Open("testdata/schema3.db", 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var same bool
	db.View(func(tx *bolt.Tx) error {
		same = bytes.Equal(tx.Bucket(bucketMeta).Get(keyRules), currentRules())
		return nil
	})
	db.Close()
	reports := map[string]*model.Report{}
	for id, g := range gold {
		r, err := model.Decode(g.Report)
		if err != nil {
			t.Fatal(err)
		}
		reports[id] = r
	}
	live := func(id string) *model.Report {
		if r := reports[id]; r != nil && gold[id].Summary.Deleted.IsZero() {
			return r
		}
		return nil
	}
	return func(id string) (int, int, int) {
		if same {
			w := gold[id].Summary
			return w.Errors, w.Missing, w.Warnings
		}
		r := reports[id]
		prev, _ := model.LastYear(r, func(id string) (*model.Report, error) { return live(id), nil },
			func(agency string, year int) (*model.Report, error) {
				for id, p := range reports {
					if id != r.ID && p.Agency == agency && p.Year == year && live(id) != nil {
						return p, nil
					}
				}
				return nil, nil
			})
		return countFindings(r, prev)
	}
}

// schema3Copy copies testdata/schema3.db into a temporary folder.
func schema3Copy(t *testing.T) (path string, data []byte) {
	t.Helper()
	data, err := os.ReadFile("testdata/schema3.db")
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "drafts.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, data
}

// sameJSON: the report got is the report the layout-3 code read (in the
// JSON model writes today).
func sameJSON(t *testing.T, what string, got *model.Report, want json.RawMessage) {
	t.Helper()
	w, err := model.Decode(want)
	if err != nil {
		t.Fatalf("%s: golden: %v", what, err)
	}
	if g, w := encode(t, got), encode(t, w); !bytes.Equal(g, w) {
		t.Fatalf("%s differs:\ngot  %s\nwant %s", what, g, w)
	}
}

// checkSchema3 compares every summary, report and revision of s with what
// the layout-3 code read; damaged names a report whose live record is
// expected to be damaged.
func checkSchema3(t *testing.T, s *Store, gold map[string]*schema3Report, damaged string) {
	t.Helper()
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	trash, err := s.Trash()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 || len(trash) != 1 {
		t.Fatalf("%d reports and %d in the trash", len(list), len(trash))
	}
	counts := schema3Counts(t, gold)
	for _, sm := range append(list, trash...) {
		g := gold[sm.ID]
		if g == nil {
			t.Fatalf("report %s not in the golden file", sm.ID)
		}
		w := g.Summary
		if sm.ID != damaged { // a damaged report cannot be counted again: its counts stay
			w.Errors, w.Missing, w.Warnings = counts(sm.ID)
		}
		if sm.Agency != w.Agency || sm.Year != w.Year || !sm.Updated.Equal(w.Updated) || !sm.Deleted.Equal(w.Deleted) ||
			sm.Errors != w.Errors || sm.Missing != w.Missing || sm.Warnings != w.Warnings {
			t.Errorf("summary %+v, want %+v", sm, w)
		}
		r, err := s.Get(sm.ID)
		if sm.ID == damaged {
			wantErr(t, err, ErrDamagedReport, w.Agency, "已损坏", "可以从历史版本恢复")
		} else if err != nil {
			t.Fatalf("%s: %v", w.Agency, err)
		} else {
			sameJSON(t, w.Agency, r, g.Report)
		}
		h, err := s.History(sm.ID)
		if err != nil || len(h) != len(g.Revisions) {
			t.Fatalf("%s: %d revisions, want %d: %v", w.Agency, len(h), len(g.Revisions), err)
		}
		for i, rev := range h {
			gr := g.Revisions[i]
			if rev.N != gr.N || !rev.Time.Equal(gr.Time) || rev.Summary != gr.Summary || rev.Pinned != gr.Pinned {
				t.Errorf("%s: revision %+v, want %d %v %q %v", w.Agency, rev, gr.N, gr.Time, gr.Summary, gr.Pinned)
			}
			r, err := s.Revision(sm.ID, rev.N)
			if err != nil {
				t.Fatalf("%s revision %d: %v", w.Agency, rev.N, err)
			}
			sameJSON(t, w.Agency, r, gr.Report)
		}
	}
}

// TestMigrateRealSchema3: a file the layout-3 code wrote opens as layout 4
// with every summary, report and revision as that code read them, packed
// and in format 2; the file before is kept beside it byte for byte; the
// same holds after closing and opening again (read from disk, not from a
// cache), and after a save.
func TestMigrateRealSchema3(t *testing.T) {
	gold := schema3Golden(t)
	path, data := schema3Copy(t)
	s := openAt(t, path, newClock())
	sameContents(t, path+".v3.bak", "testdata/schema3.db")
	checkSchema3(t, s, gold, "")
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); string(v) != "4" {
			t.Errorf("schema %q", v)
		}
		return tx.Bucket(bucketReports).ForEach(func(k, _ []byte) error {
			if rec, err := reportRecord(tx, string(k)); err != nil || rec[0] != recordPacked {
				t.Errorf("record of %s not packed: %v", k, err)
			}
			return tx.Bucket(bucketRevs).Bucket(k).ForEach(func(rk, v []byte) error {
				if _, format, _, err := revHead(string(k), rk, v); err != nil || format != revFormat2 {
					t.Errorf("revision %x of %s: format %d, %v", rk, k, format, err)
				}
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, _ := os.Stat(path); fi.Size() >= int64(len(data)) {
		t.Errorf("layout 4 is %d bytes, layout 3 was %d", fi.Size(), len(data))
	}
	s = openAt(t, path, newClock())
	checkSchema3(t, s, gold, "")
	// Still a working file: a save of the report with the rare characters.
	var rare string
	for id, g := range gold {
		if strings.Contains(string(g.Report), "👍") {
			rare = id
		}
	}
	r, err := s.Get(rare)
	if err != nil {
		t.Fatal(err)
	}
	r.S6 = "又改了：𠀀👍"
	if err := s.Save(r, "修改"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, path, newClock())
	defer s.Close()
	got, err := s.Get(rare)
	if err != nil {
		t.Fatal(err)
	}
	sameReport(t, got, r)
}

// sameContents: the bbolt files a and b hold the same buckets, keys and
// values (a copy made with bbolt's Tx.WriteTo, as the one kept before a
// migration, is not the same bytes).
func sameContents(t *testing.T, a, b string) {
	t.Helper()
	dump := func(path string) map[string]string {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		out := map[string]string{}
		var walk func(prefix string, b *bolt.Bucket)
		walk = func(prefix string, b *bolt.Bucket) {
			b.ForEach(func(k, v []byte) error {
				if v == nil {
					walk(prefix+string(k)+"/", b.Bucket(k))
				} else {
					out[prefix+string(k)] = string(v)
				}
				return nil
			})
		}
		db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error { walk(string(name)+"/", b); return nil })
		})
		return out
	}
	da, db := dump(a), dump(b)
	if len(da) != len(db) || len(da) < 30 {
		t.Fatalf("%d and %d values", len(da), len(db))
	}
	for k, v := range db {
		if da[k] != v {
			t.Fatalf("%q differs in the copy", k)
		}
	}
}

// recordOffset is where the value of report id's live record lies in the
// closed file at path.
func recordOffset(t *testing.T, path, id string) (off, n int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketReports).Get([]byte(id))
		off, n = int(uintptr(unsafe.Pointer(&v[0]))-db.Info().Data), len(v)
		return nil
	})
	return off, n
}

// TestMigrateRealSchema3Damaged: damage in a layout-3 file is kept, never
// rewritten into a sound-looking record. A report's record with one byte
// changed: the migration leaves it as it is, the report reads as 「已损坏」
// while every other report and every revision reads as before, and its
// newest revision restores it. A page of the file overwritten: the file is
// refused with a clear 「已损坏」, not migrated, not copied, not changed.
func TestMigrateRealSchema3Damaged(t *testing.T) {
	gold := schema3Golden(t)
	var victim string
	for id, g := range gold {
		if g.Summary.Agency == "某县人民政府办公室" {
			victim = id
		}
	}
	t.Run("record", func(t *testing.T) {
		path, _ := schema3Copy(t)
		off, n := recordOffset(t, path, victim)
		data, _ := os.ReadFile(path)
		// A byte inside the JSON text (the record is sealed JSON in
		// layout 3): the result may still be JSON, only the seal tells.
		i := off + n/2
		data[i] ^= 0x01
		os.WriteFile(path, data, 0o600)
		s := openAt(t, path, newClock())
		defer s.Close()
		orig := filepath.Join(t.TempDir(), "damaged.db")
		os.WriteFile(orig, data, 0o600)
		sameContents(t, path+".v3.bak", orig)
		checkSchema3(t, s, gold, victim)
		h, _ := s.History(victim)
		got, err := s.Restore(victim, h[0].N)
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "restored", got, gold[victim].Revisions[0].Report)
	})
	t.Run("page", func(t *testing.T) {
		path, _ := schema3Copy(t)
		off, _ := recordOffset(t, path, victim)
		data, _ := os.ReadFile(path)
		ps := int(binary.LittleEndian.Uint32(data[16+8:])) // meta: magic, version, page size
		if ps != 16<<10 {
			t.Fatalf("page size %d", ps)
		}
		page := off / ps * ps
		for i := page; i < page+ps; i++ {
			data[i] = 0xAB
		}
		os.WriteFile(path, data, 0o600)
		start := time.Now()
		_, err := Open(path, Options{Now: newClock().Now})
		if !Unusable(err) || !strings.Contains(err.Error(), "已损坏") || !strings.Contains(err.Error(), "没有改动") {
			t.Fatalf("unclear error: %v", err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Fatal("damaged file was changed")
		}
		if fi, _ := os.Stat(path); fi.ModTime().After(start) {
			t.Fatal("damaged file was written")
		}
		if _, err := os.Stat(path + ".v3.bak"); err == nil {
			t.Fatal("a damaged file was copied for a migration")
		}
	})
}
