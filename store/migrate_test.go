package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// v2rev is a revision as layout 2 stored it.
func v2rev(t *testing.T, start, tm time.Time, summary string, sealed bool, js []byte) []byte {
	t.Helper()
	hdr, err := json.Marshal(map[string]any{"start": start, "time": tm, "summaries": []string{summary}, "sealed": sealed})
	if err != nil {
		t.Fatal(err)
	}
	v := binary.AppendUvarint(nil, uint64(len(hdr)))
	return append(append(v, hdr...), js...)
}

// writeV2 writes a draft file of layout 2 as nianbao wrote it, with bbolt
// directly: reports A (2023) and B (2024, linked to A), C in the trash, D
// whose record is damaged; A has two revisions a day for 200 days, one of
// them sealed each month (an export) and one damaged; B's summary is
// damaged. It returns the reports and the time of A's last revision.
func writeV2(t *testing.T, path string) (a, b, c, d *model.Report, last time.Time) {
	t.Helper()
	a = fullReport(t, "某县科委", 2023)
	b = fullReport(t, "某县科委", 2024)
	b.Previous = a.ID
	c = model.New("某县科委", 2022, model.KindCountyDept, model.ScopeSelf)
	d = fullReport(t, "某镇政府", 2024)
	start := time.Date(2026, 1, 1, 10, 0, 0, 0, time.Local)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		mk := func(name string) *bolt.Bucket { bk, _ := tx.CreateBucket([]byte(name)); return bk }
		meta, reports, infos, index, revs := mk("meta"), mk("reports"), mk("info"), mk("index"), mk("revisions")
		meta.Put([]byte("schema"), []byte("2"))
		meta.Put([]byte("rules"), currentRules())
		put := func(r *model.Report, deleted bool, errs int) {
			js := encode(t, r)
			reports.Put([]byte(r.ID), js)
			in := map[string]any{"agency": r.Agency, "year": r.Year, "previous": r.Previous, "updated": start, "errors": errs, "missing": 1, "warnings": 2}
			if deleted {
				in["deleted"] = start
			} else {
				index.Put(indexKey(r.Agency, r.Year), []byte(r.ID))
			}
			v, _ := json.Marshal(in)
			infos.Put([]byte(r.ID), v)
			rb, _ := revs.CreateBucket([]byte(r.ID))
			seq, _ := rb.NextSequence()
			rb.Put(seqKey(seq), v2rev(t, start, start, "新建报告", true, js))
		}
		put(a, false, 3)
		put(b, false, 4)
		put(c, true, 5)
		put(d, false, 6)
		reports.Put([]byte(d.ID), []byte(`{"schema": 1, "agency": "某镇`)) // cut short
		infos.Put([]byte(b.ID), []byte("{garbage"))
		rb := revs.Bucket([]byte(a.ID))
		for day := 1; day <= 200; day++ {
			for _, h := range []int{10, 15} {
				tm := start.AddDate(0, 0, day).Add(time.Duration(h-10) * time.Hour)
				set(t, a, "s3.new.natural", int64(day*100+h))
				seq, _ := rb.NextSequence()
				v := v2rev(t, tm, tm, "修改", day%30 == 0 && h == 15, encode(t, a))
				if day == 150 && h == 10 {
					v = []byte("\x05junk")
				}
				rb.Put(seqKey(seq), v)
				last = tm
			}
		}
		reports.Put([]byte(a.ID), encode(t, a))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, b, c, d, last
}

// TestMigrateFromV2: a layout-2 file is checked, copied beside itself and
// brought to layout 3: every record sealed, summaries in the new form
// (a damaged one made again from its report), revisions compressed and
// pruned to the retention (sealed ones pinned), a damaged report still
// damaged and restorable, the file compacted. A read-only open refuses it
// untouched.
func TestMigrateFromV2(t *testing.T) {
	path := tempDB(t)
	a, b, c, d, last := writeV2(t, path)
	old, _ := os.ReadFile(path)

	_, err := Open(path, Options{ReadOnly: true})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Problem != Older {
		t.Fatalf("read-only open of layout 2: %v", err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, old) {
		t.Fatal("a read-only open changed the file")
	}

	clk := newClock()
	clk.Set(last.Add(time.Hour))
	s := openAt(t, path, clk)
	// The copy kept is the layout-2 file as it was.
	bdb, err := bolt.Open(path+".v2.bak", 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	bdb.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); string(v) != "2" {
			t.Errorf("copy has schema %q", v)
		}
		if v := tx.Bucket(bucketReports).Get([]byte(a.ID)); !bytes.Equal(v, encode(t, a)) {
			t.Error("copy's report differs")
		}
		if n := tx.Bucket(bucketRevs).Bucket([]byte(a.ID)).Stats().KeyN; n != 401 {
			t.Errorf("copy has %d revisions", n)
		}
		return nil
	})
	bdb.Close()
	fi, _ := os.Stat(path)
	t.Logf("layout 2: %d bytes; layout %d: %d bytes", len(old), SchemaVersion, fi.Size())
	if fi.Size() > int64(len(old))/4 {
		t.Errorf("not compacted: %d bytes from %d", fi.Size(), len(old))
	}
	list, err := s.List()
	if err != nil || len(list) != 3 {
		t.Fatalf("list: %+v %v", list, err)
	}
	for _, sm := range list {
		switch sm.ID {
		case a.ID:
			if sm.Errors != 3 || sm.Missing != 1 || sm.Warnings != 2 || sm.Agency != "某县科委" || sm.Year != 2023 {
				t.Errorf("summary of A: %+v", sm)
			}
		case b.ID, d.ID:
		default:
			t.Errorf("listed %+v", sm)
		}
	}
	if tr, _ := s.Trash(); len(tr) != 1 || tr[0].ID != c.ID {
		t.Fatalf("trash: %+v", tr)
	}
	for _, r := range []*model.Report{a, b} {
		got, err := s.Get(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameReport(t, got, r)
	}
	if p, err := s.Previous(b); err != nil || p.ID != a.ID {
		t.Fatalf("previous: %v %v", p, err)
	}
	_, err = s.Get(d.ID)
	wantErr(t, err, ErrDamagedReport, "某镇政府/2024")
	if h, _ := s.History(d.ID); len(h) != 1 {
		t.Fatalf("history of D: %+v", h)
	} else if got, err := s.Restore(d.ID, h[0].N); err != nil {
		t.Fatal(err)
	} else {
		sameReport(t, got, d)
	}

	h, err := s.History(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Now is 20 July 16:00: 14 of the last 7 days, 83 daily (22 April to
	// 13 July), the last of March, February and January, the sealed ones
	// not kept anyway (2 March, 1 April), the creation, and the damaged
	// one (31 May 10:00) kept as it is: 104.
	var damaged, pinned int
	for _, rev := range h {
		if rev.Summary == "（这个版本已损坏，无法恢复）" {
			damaged++
			continue
		}
		if rev.Pinned {
			pinned++
		}
		got, err := s.Revision(a.ID, rev.N)
		if err != nil {
			t.Fatalf("revision %d: %v", rev.N, err)
		}
		v, _ := got.Get("s3.new.natural")
		if want := model.Int(int64((rev.Time.YearDay()-1)*100 + rev.Time.Hour())); rev.N > 1 && v != want {
			t.Errorf("revision %d of %s holds %v", rev.N, rev.Time, v)
		}
	}
	if damaged != 1 || pinned != 1+6 {
		t.Errorf("%d damaged, %d pinned of %d kept", damaged, pinned, len(h))
	}
	if len(h) != 104 {
		t.Errorf("%d revisions kept of 401", len(h))
	}
}

// TestMigrateFromV3: a layout-3 file (reports as JSON, revisions in format
// 1) is copied beside itself and brought to layout 4: every record packed
// and every revision rewritten in format 2, giving back the same JSON byte
// for byte; a damaged record and a damaged revision stay damaged, the
// report still restorable; the file compacted into 8 KiB pages, about half
// its size.
func TestMigrateFromV3(t *testing.T) {
	path := tempDB(t)
	clk := newClock()
	s := openAt(t, path, clk)
	a := fullReport(t, "某县科委", 2023)
	b := fullReport(t, "某县科委", 2024)
	b.Previous = a.ID
	d := fullReport(t, "某镇政府", 2024)
	for _, r := range []*model.Report{a, b, d} {
		if err := s.Create(r, ""); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 40 {
		clk.Add(7 * time.Hour)
		set(t, a, "s3.new.natural", int64(100+i))
		if err := s.Save(a, "修改 表三「自然人」"); err != nil {
			t.Fatal(err)
		}
		if i%10 == 9 {
			if err := s.MarkExport(a.ID, "HTML"); err != nil {
				t.Fatal(err)
			}
		}
	}
	type revision struct {
		n       int
		summary string
		js      []byte
	}
	history := func(s *Store, id string) []revision {
		t.Helper()
		h, err := s.History(id)
		if err != nil {
			t.Fatal(err)
		}
		var out []revision
		for _, rev := range h {
			var js []byte
			if r, err := s.Revision(id, rev.N); err == nil {
				js = encode(t, r)
			}
			out = append(out, revision{rev.N, rev.Summary, js})
		}
		return out
	}
	histA := history(s, a.ID)
	s.Close()

	// Layout 3 as nianbao wrote it: the same records as JSON, the same
	// revisions in format 1; revision 2 of A and D's record damaged.
	db, err := bolt.Open(path, 0o600, &bolt.Options{PageSize: 16 << 10})
	if err != nil {
		t.Fatal(err)
	}
	var damagedN int
	err = db.Update(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketReports)
		for _, r := range []*model.Report{a, b, d} {
			rb.Put([]byte(r.ID), seal(domReports, []byte(r.ID), encode(t, r)))
			revs := tx.Bucket(bucketRevs).Bucket([]byte(r.ID))
			var kvs [][2][]byte
			revs.ForEach(func(k, v []byte) error {
				h, js, err := decodeRev(r.ID, k, v)
				if err != nil {
					t.Fatal(err)
				}
				kvs = append(kvs, [2][]byte{bytes.Clone(k), v3rev(r.ID, k, h, js)})
				return nil
			})
			for _, kv := range kvs {
				revs.Put(kv[0], kv[1])
			}
		}
		rb.Put([]byte(d.ID), seal(domReports, []byte(d.ID), []byte(`{"schema": 1, "agency": "某镇`)))
		revs := tx.Bucket(bucketRevs).Bucket([]byte(a.ID))
		k, _ := revs.Cursor().First()
		k, _ = revs.Cursor().Seek(append(k[:len(k)-1:len(k)-1], k[len(k)-1]+1))
		damagedN = int(binary.BigEndian.Uint64(k))
		revs.Put(k, seal(revDomain(a.ID), k, []byte{revFormat1, 0, 1, 2, 3}))
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("3"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)

	s = openAt(t, path, clk)
	bdb, err := bolt.Open(path+".v3.bak", 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	bdb.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); string(v) != "3" {
			t.Errorf("copy has schema %q", v)
		}
		return nil
	})
	bdb.Close()
	s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); string(v) != "4" {
			t.Errorf("schema %q", v)
		}
		for _, r := range []*model.Report{a, b} {
			if rec, err := reportRecord(tx, r.ID); err != nil || rec[0] != recordPacked {
				t.Errorf("record of %s not packed: %v", r.Agency, err)
			}
		}
		return tx.Bucket(bucketRevs).Bucket([]byte(a.ID)).ForEach(func(k, v []byte) error {
			if _, format, _, err := revHead(a.ID, k, v); err == nil && format != revFormat2 && binary.BigEndian.Uint64(k) != uint64(damagedN) {
				t.Errorf("revision %x in format %d", k, format)
			}
			return nil
		})
	})
	if ps := s.db.Info().PageSize; ps != PageSize {
		t.Errorf("page size %d after the migration", ps)
	}
	after, _ := os.Stat(path)
	t.Logf("layout 3: %d bytes; layout 4: %d bytes", before.Size(), after.Size())
	if after.Size() > before.Size()*2/3 {
		t.Errorf("%d bytes from %d", after.Size(), before.Size())
	}
	for _, r := range []*model.Report{a, b} {
		got, err := s.Get(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameReport(t, got, r)
	}
	_, err = s.Get(d.ID)
	wantErr(t, err, ErrDamagedReport, "某镇政府/2024")
	if h, _ := s.History(d.ID); len(h) != 1 {
		t.Fatalf("history of D: %+v", h)
	} else if got, err := s.Restore(d.ID, h[0].N); err != nil {
		t.Fatal(err)
	} else {
		sameReport(t, got, d)
	}
	got := history(s, a.ID)
	if len(got) != len(histA) {
		t.Fatalf("%d revisions, had %d", len(got), len(histA))
	}
	for i, rev := range got {
		want := histA[i]
		if rev.n == damagedN {
			if rev.summary != sumRevDamaged || rev.js != nil {
				t.Errorf("damaged revision %d: %+v", rev.n, rev)
			}
			continue
		}
		if rev.n != want.n || rev.summary != want.summary || !bytes.Equal(rev.js, want.js) {
			t.Errorf("revision %d: %q, had %d %q", rev.n, rev.summary, want.n, want.summary)
		}
	}
}
