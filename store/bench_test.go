package store

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"nianbao/internal/cputime"
	"nianbao/model"
)

// Fixtures are built once per size and shared by the benchmarks (each
// benchmark op is one open, one list or one save, never a rebuild).

var fixtureDir = sync.OnceValue(func() string {
	d, err := os.MkdirTemp("", "nianbao-store-bench-")
	if err != nil {
		panic(err)
	}
	return d
})

// TestMain removes the benchmarks' fixtures when the run is over.
func TestMain(m *testing.M) {
	code := m.Run()
	if _, ok := fixtures.Load("made"); ok {
		os.RemoveAll(fixtureDir())
	}
	os.Exit(code)
}

var fixtures sync.Map // name → path

// benchFile is a draft file with n full reports (half of them last year's
// of another) and revs revisions in all, made once; nosync, for speed.
func benchFile(b testing.TB, n, revs int) string {
	name := fmt.Sprintf("reports-%d-revs-%d.db", n, revs)
	if p, ok := fixtures.Load(name); ok {
		return p.(string)
	}
	fixtures.Store("made", true)
	path := filepath.Join(fixtureDir(), name)
	c := newClock()
	s, err := Open(path, Options{Now: c.Now})
	if err != nil {
		b.Fatal(err)
	}
	s.db.NoSync = true
	var reps []*model.Report
	for i := range n {
		r := fullReport(b, fmt.Sprintf("某市某区第%d委员会", i/2), 2023+i%2)
		if err := s.Create(r, "基准"); err != nil {
			b.Fatal(err)
		}
		reps = append(reps, r)
	}
	for i := n; i < revs; i++ {
		c.Add(10 * time.Minute)
		r := reps[i%n]
		r.Set("s3.new.natural", model.Int(int64(i)))
		if err := s.Save(r, "修改"); err != nil {
			b.Fatal(err)
		}
	}
	s.db.NoSync = false
	s.db.Sync()
	s.Close()
	fixtures.Store(name, path)
	runtime.GC() // the fixture's garbage is not the benchmark's
	return path
}

// BenchmarkOpenList is what the first screen needs from the store: open
// the draft file and list its reports (then close it), at 1, 100 and 1,000
// reports with 10 revisions each. It must not grow with the reports'
// size: it reads the summaries, not the reports.
func BenchmarkOpenList(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			path := benchFile(b, n, 10*n)
			b.ReportAllocs()
			start := cputime.Now()
			for b.Loop() {
				s, err := Open(path, Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				if l, err := s.List(); err != nil || len(l) != n {
					b.Fatal(len(l), err)
				}
				s.Close()
			}
			b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkList is List alone on an open file.
func BenchmarkList(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			s, err := Open(benchFile(b, n, 10*n), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ReportAllocs()
			start := cputime.Now()
			for b.Loop() {
				if l, err := s.List(); err != nil || len(l) != n {
					b.Fatal(len(l), err)
				}
			}
			b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkSave is one save of a full report, committed with fsync, as the
// UI does after each committed cell edit (coalesced into the open
// revision), in a file of 1 and of 500 reports. BenchmarkBareUpdate is the
// floor beside it: a bare bbolt Update of the same bytes, with fsync, in a
// file of the same size.
func BenchmarkSave(b *testing.B) {
	for _, n := range []int{1, 500} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			path := copyFixture(b, benchFile(b, n, n))
			s := openAt(b, path, nil)
			l, _ := s.List()
			r, err := s.Get(l[len(l)/2].ID)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := int64(0)
			w := pageWrites(s)
			start := cputime.Now()
			for b.Loop() {
				i++
				r.Set("s3.new.natural", model.Int(i)) // a real change each time
				if err := s.Save(r, "修改表三"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
			b.ReportMetric(float64(pageWrites(s)-w)/float64(b.N), "page-writes/op")
		})
	}
}

// BenchmarkSaveRevision is a save that starts a new revision (the last
// edit was 12 hours ago), as the first edit of each sitting does: the
// history is pruned and, when its items would fit in fewer pages, repacked
// (see sparse). The history reaches its steady size (some 110 revisions)
// after 365 ops; run with -benchtime=2000x to see the steady state.
// page-writes/op, unlike time, does not depend on the machine's load.
func BenchmarkSaveRevision(b *testing.B) {
	c := newClock()
	s := openAt(b, tempDB(b), c)
	r := fullReport(b, "某市某区第1委员会", 2025)
	if err := s.Create(r, ""); err != nil {
		b.Fatal(err)
	}
	i := int64(0)
	w := pageWrites(s)
	start := cputime.Now()
	for b.Loop() {
		i++
		c.Add(12 * time.Hour)
		r.Set("s3.new.natural", model.Int(i))
		if err := s.Save(r, "修改表三"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
	b.ReportMetric(float64(pageWrites(s)-w)/float64(b.N), "page-writes/op")
}

// pageWrites is the pages (and meta pages) bbolt has written through s:
// what a save costs in writes, whatever the machine's load.
func pageWrites(s *Store) int64 {
	st := s.db.Stats()
	return st.TxStats.GetWrite()
}

func BenchmarkBareUpdate(b *testing.B) {
	for _, n := range []int{1, 500} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			path := copyFixture(b, benchFile(b, n, n))
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			js := encode(b, fullReport(b, "北京市密云区科学技术委员会", 2023))
			b.ReportAllocs()
			i := 0
			start := cputime.Now()
			for b.Loop() {
				i++
				js[len(js)-3] = byte('0' + i%10)
				err := db.Update(func(tx *bolt.Tx) error {
					bk, err := tx.CreateBucketIfNotExists([]byte("bare"))
					if err != nil {
						return err
					}
					return bk.Put([]byte("report"), js)
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
		})
	}
}

// copyFixture gives a benchmark that writes a copy of its own.
func copyFixture(b *testing.B, src string) string {
	data, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(b.TempDir(), "drafts.db")
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		b.Fatal(err)
	}
	return dst
}

// BenchmarkHistory10000 is the growth of one report's history over 10,000
// saves, a save every 20 minutes through the working day (8:00–18:00), so
// about 139 days. One op is the 10,000 saves (without fsync, which changes
// nothing of the sizes); the metrics are the revisions kept, the file size
// and the size after compaction.
func BenchmarkHistory10000(b *testing.B) {
	for b.Loop() {
		c := newClock()
		c.Set(time.Date(2026, 1, 5, 8, 0, 0, 0, time.Local))
		s := openAt(b, filepath.Join(b.TempDir(), "drafts.db"), c)
		s.db.NoSync = true
		r := fullReport(b, "北京市密云区科学技术委员会", 2025)
		if err := s.Create(r, ""); err != nil {
			b.Fatal(err)
		}
		for i := range 10000 {
			c.Add(20 * time.Minute)
			if h := c.Now().Hour(); h >= 18 {
				c.Add(14 * time.Hour) // next morning, 8:00
			}
			r.Set("s3.new.natural", model.Int(int64(i)))
			if err := s.Save(r, "修改"); err != nil {
				b.Fatal(err)
			}
		}
		h, _ := s.History(r.ID)
		size, _, _ := s.Usage()
		_, after, err := s.Compact()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(h)), "revisions")
		b.ReportMetric(float64(size), "file-bytes")
		b.ReportMetric(float64(after), "compacted-bytes")
		s.Close()
	}
}

// BenchmarkYear50 is the goal's year: 50 full reports, each edited every
// day for a year in two sittings (9:00 and 15:00, a revision each), with
// an export a month. The
// metrics are the file's size before compaction (uncompacted-MB) and the
// pages in use in it (used-MB: neither free pages, which pruning and
// rewrites leave for reuse, nor the room bbolt grew the file ahead by),
// the pages in use after, and the size of the compacted file on disk; the
// goal is 10 MB. page-writes/save is every page written in the year
// (creations and exports too) over its 36,500 saves. One op is the year.
func BenchmarkYear50(b *testing.B) {
	for b.Loop() {
		c := newClock()
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local)
		s := openAt(b, filepath.Join(b.TempDir(), "drafts.db"), c)
		s.db.NoSync = true
		var reps []*model.Report
		for i := range 50 {
			c.Set(start.Add(8 * time.Hour))
			r := fullReport(b, fmt.Sprintf("某市某区第%d委员会", i), 2025)
			if err := s.Create(r, ""); err != nil {
				b.Fatal(err)
			}
			reps = append(reps, r)
		}
		for day := range 365 {
			for _, hour := range []int{9, 15} {
				for i, r := range reps {
					// A value of its own each sitting: an unchanged
					// report records no revision.
					c.Set(start.AddDate(0, 0, day).Add(time.Duration(hour) * time.Hour))
					r.Set(model.InputCells()[(day+i)%40].Addr, model.Int(int64(day*100+hour)))
					if err := s.Save(r, "修改"); err != nil {
						b.Fatal(err)
					}
				}
			}
			if day%30 == 29 {
				for _, r := range reps {
					if err := s.MarkExport(r.ID, "HTML"); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		writes := pageWrites(s)
		size, free, _ := s.Usage()
		var pages int64 // up to the last page in use; the file runs ahead (allocSize)
		s.db.View(func(tx *bolt.Tx) error { pages = tx.Size(); return nil })
		payload := payloadBytes(b, s)
		_, after, err := s.Compact()
		if err != nil {
			b.Fatal(err)
		}
		_, cfree, _ := s.Usage()
		h, _ := s.History(reps[0].ID)
		b.ReportMetric(float64(size)/1e6, "uncompacted-MB")
		b.ReportMetric(float64(len(h)), "revisions/report")
		b.ReportMetric(float64(payload)/1e6, "payload-MB")
		b.ReportMetric(float64(pages-free)/1e6, "used-MB")
		b.ReportMetric(float64(after-cfree)/1e6, "compacted-MB")
		b.ReportMetric(float64(after)/1e6, "file-MB") // the goal: the file on disk
		b.ReportMetric(float64(writes)/(365*2*50), "page-writes/save")
		s.Close()
	}
}

// BenchmarkDamaged is the deeper check the daily backup runs (every report
// and summary verified and decoded), for a file of 20 full reports.
func BenchmarkDamaged(b *testing.B) {
	s := openAt(b, tempDB(b), nil)
	for i := range 20 {
		if err := s.Create(fullReport(b, "机关"+strconv.Itoa(i), 2024), ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if bad, err := s.Damaged(); err != nil || len(bad) != 0 {
			b.Fatal(bad, err)
		}
	}
}

// payloadBytes is what the file holds: the sizes of all keys and values.
func payloadBytes(b *testing.B, s *Store) int64 {
	var n int64
	var walk func(bk *bolt.Bucket)
	walk = func(bk *bolt.Bucket) {
		bk.ForEach(func(k, v []byte) error {
			n += int64(len(k) + len(v))
			if v == nil {
				walk(bk.Bucket(k))
			}
			return nil
		})
	}
	s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(_ []byte, bk *bolt.Bucket) error { walk(bk); return nil })
	})
	return n
}

// BenchmarkPack: packing a full report's JSON for its record (cells cut
// out, GB 18030, deflate with the dictionary, checked by unpacking) and
// reading it back, beside deflating the JSON as layout 3 did.
func BenchmarkPack(b *testing.B) {
	js := encode(b, fullReport(b, "某市某区第1委员会", 2025))
	b.Run("pack", func(b *testing.B) {
		for b.Loop() {
			packRecord(js)
		}
		b.ReportMetric(float64(len(packRecord(js))), "record-bytes")
		b.ReportMetric(float64(len(js)), "json-bytes")
	})
	rec := packRecord(js)
	b.Run("unpack", func(b *testing.B) {
		for b.Loop() {
			if _, err := recordJSON(rec); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("layout3-deflate", func(b *testing.B) {
		for b.Loop() {
			codec1.deflate(nil, js)
		}
	})
}
