package store

import (
	"bytes"
	"errors"
	"hash/crc32"
	mrand "math/rand/v2"
	"os"
	"testing"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// TestRevDictFrozen: every stored revision needs the dictionary it was
// compressed with, byte for byte.
func TestRevDictFrozen(t *testing.T) {
	makeCRCTable()
	if got := crc32.Checksum(revDict, crcTable); got != 0xc39734b4 || len(revDict) != 6438 {
		t.Fatalf("revdict1.json changed (crc %08x, %d bytes): stored revisions could no longer be read; add a revdict2 instead", got, len(revDict))
	}
	if got := crc32.Checksum(revDict2, crcTable); got != 0x08f575e4 || len(revDict2) != 12359 {
		t.Fatalf("revdict2.gb changed (crc %08x, %d bytes): stored revisions could no longer be read; add a revdict3 instead", got, len(revDict2))
	}
	if got := crc32.Checksum([]byte(revCells2Text), crcTable); got != 0x0604de0d {
		t.Fatalf("revcells2.txt changed (crc %08x): stored revisions could no longer be read", got)
	}
}

// span is where a record's bytes lie in the file.
type span struct {
	kind     string // reports, reportkey, info, index, revision
	id       string
	n        int // revision number
	off, len int64
}

// recordSpans finds the file offsets of the records of s, through the
// memory map of a read transaction.
func recordSpans(t *testing.T, s *Store) []span {
	t.Helper()
	var out []span
	base := s.db.Info().Data
	fi, err := os.Stat(s.path)
	if err != nil {
		t.Fatal(err)
	}
	// A value outside the map is a copy (an inline bucket's): -1.
	at := func(b []byte) int64 {
		off := int64(uintptr(unsafe.Pointer(&b[0])) - base)
		if off < 0 || off+int64(len(b)) > fi.Size() {
			return -1
		}
		return off
	}
	s.db.View(func(tx *bolt.Tx) error {
		tx.Bucket(bucketReports).ForEach(func(k, v []byte) error {
			out = append(out, span{"reports", string(k), 0, at(v), int64(len(v))}, span{"reportkey", string(k), 0, at(k), int64(len(k))})
			return nil
		})
		tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
			out = append(out, span{"info", string(k), 0, at(v), int64(len(v))})
			return nil
		})
		tx.Bucket(bucketIndex).ForEach(func(k, v []byte) error {
			out = append(out, span{"index", string(v[sumLen:]), 0, at(v), int64(len(v))})
			return nil
		})
		tx.Bucket(bucketRevs).ForEach(func(id, _ []byte) error {
			return tx.Bucket(bucketRevs).Bucket(id).ForEach(func(k, v []byte) error {
				out = append(out, span{"revision", string(id), int(k[7]), at(v), int64(len(v))})
				return nil
			})
		})
		return nil
	})
	return out
}

// TestSingleByteFlips changes single bytes inside the stored records of a
// real file (reports and their keys, summaries, index entries, revisions),
// one at a time, under an open store, and reads what each feeds: every
// change is either detected (the report or revision is damaged, the summary
// made again from the report) or harmless; no text, figure or name ever
// comes back changed. Small records are flipped at every byte, large ones
// at random positions (the seed is logged).
func TestSingleByteFlips(t *testing.T) {
	c := newClock()
	path := tempDB(t)
	s := openAt(t, path, c)
	var reps []*model.Report
	for i, ag := range []string{"北京市密云区科学技术委员会", "某县人民政府办公室", "某市生态环境局"} {
		r := fullReport(t, ag, 2023+i%2)
		r.S5 = r.S5 + ag // distinct texts
		set(t, r, "s3.new.natural", int64(10+i))
		if err := s.Create(r, "新建"); err != nil {
			t.Fatal(err)
		}
		for k := range 3 {
			c.Add(time.Hour)
			set(t, r, "s3.granted.natural", int64(k+i))
			if err := s.Save(r, "修改"); err != nil {
				t.Fatal(err)
			}
		}
		reps = append(reps, r)
	}
	// More small reports, so that the summaries and the index fill pages
	// of their own (a small bucket is stored inline, and read from a copy).
	for i := range 100 {
		r := model.New("某乡镇"+string(rune('甲'+i)), 2024, model.KindOther, model.ScopeSelf)
		set(t, r, "s3.new.natural", int64(i))
		if err := s.Create(r, ""); err != nil {
			t.Fatal(err)
		}
		reps = append(reps, r)
	}
	s.Close()
	s, err := Open(path, Options{ReadOnly: true, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	byID := map[string]*model.Report{}
	for _, r := range reps {
		byID[r.ID] = r
	}
	wantList, err := s.List()
	if err != nil || len(wantList) != len(reps) {
		t.Fatalf("list: %v %v", wantList, err)
	}
	wantHist := map[string][]Revision{}
	wantRev := map[[2]any][]byte{}
	for _, r := range reps {
		h, _ := s.History(r.ID)
		wantHist[r.ID] = h
		for _, rev := range h {
			got, err := s.Revision(r.ID, rev.N)
			if err != nil {
				t.Fatal(err)
			}
			wantRev[[2]any{r.ID, rev.N}] = encode(t, got)
		}
	}

	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rnd := mrand.New(mrand.NewPCG(seed, 1))
	flips, detected := map[string]int{}, map[string]int{}
	for _, sp := range recordSpans(t, s) {
		if sp.off < 0 {
			continue // in an inline bucket: the bigger reports' are not
		}
		var offs []int64
		if sp.len <= 200 && (sp.kind == "reportkey" || byID[sp.id].S5 != "" || rnd.IntN(10) == 0) {
			for i := range sp.len {
				offs = append(offs, i)
			}
		} else {
			for range min(120, sp.len/4) {
				offs = append(offs, rnd.Int64N(sp.len))
			}
		}
		for _, o := range offs {
			off := sp.off + o
			orig := make([]byte, 1)
			f.ReadAt(orig, off)
			flipped := []byte{orig[0] ^ byte(1+rnd.IntN(255))}
			f.WriteAt(flipped, off)
			flips[sp.kind]++
			if checkAfterFlip(t, s, sp, byID, wantList, wantHist, wantRev) {
				detected[sp.kind]++
			}
			f.WriteAt(orig, off)
		}
	}
	t.Logf("flips %v, detected %v", flips, detected)
	for _, k := range []string{"reports", "reportkey", "info", "index", "revision"} {
		if flips[k] == 0 || detected[k] != flips[k] {
			t.Errorf("%s: %d flips, %d detected (the rest harmless)", k, flips[k], detected[k])
		}
	}
	// Everything back: every report reads as it was.
	for _, r := range reps {
		got, err := s.Get(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameReport(t, got, r)
	}
}

// checkAfterFlip reads what the record sp feeds and fails on any silent
// change; it reports whether the change was detected.
func checkAfterFlip(t *testing.T, s *Store, sp span, byID map[string]*model.Report, wantList []Summary, wantHist map[string][]Revision, wantRev map[[2]any][]byte) bool {
	t.Helper()
	detected := false
	damaged := func(err error) bool {
		if err == nil {
			return false
		}
		var fe *FileError
		if !errors.Is(err, ErrDamagedReport) && !errors.As(err, &fe) {
			t.Fatalf("%s %s: unexpected error %v", sp.kind, sp.id, err)
		}
		return true
	}
	switch sp.kind {
	case "reports", "reportkey":
		got, err := s.Get(sp.id)
		if damaged(err) {
			detected = true
		} else if !bytes.Equal(encode(t, got), encode(t, byID[sp.id])) {
			t.Fatalf("%s %s: report changed silently", sp.kind, sp.id)
		}
	case "info", "index":
		list, err := s.List()
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		for i, sm := range list {
			w := wantList[i]
			if sm.ID != w.ID || sm.Agency != w.Agency || sm.Year != w.Year || sm.Errors != w.Errors || sm.Missing != w.Missing || sm.Warnings != w.Warnings {
				t.Fatalf("%s %s: list entry changed silently: %+v, want %+v", sp.kind, sp.id, sm, w)
			}
		}
		r := byID[sp.id]
		if sp.kind == "info" {
			// The list made the summary again from the report; the
			// stored one fails its checksum.
			s.view(func(tx *bolt.Tx) error {
				_, err := decodeInfo([]byte(sp.id), tx.Bucket(bucketInfo).Get([]byte(sp.id)))
				detected = err != nil
				return nil
			})
		} else {
			got, err := s.Find(r.Agency, r.Year)
			if err != nil || got.ID != r.ID {
				t.Fatalf("index %s: found %v, %v", sp.id, got, err)
			}
			s.view(func(tx *bolt.Tx) error {
				k := indexKey(r.Agency, r.Year)
				_, ok := unseal(domIndex, k, tx.Bucket(bucketIndex).Get(k))
				detected = !ok
				return nil
			})
		}
	case "revision":
		got, err := s.Revision(sp.id, sp.n)
		if err != nil {
			detected = true
		} else if !bytes.Equal(encode(t, got), wantRev[[2]any{sp.id, sp.n}]) {
			t.Fatalf("revision %s/%d changed silently", sp.id, sp.n)
		}
		h, err := s.History(sp.id)
		if err != nil || len(h) != len(wantHist[sp.id]) {
			t.Fatalf("history: %v %v", h, err)
		}
		for i, rev := range h {
			w := wantHist[sp.id][i]
			if rev.N == sp.n && rev.Summary == "（这个版本已损坏，无法恢复）" {
				continue
			}
			if rev != w {
				t.Fatalf("revision %d: history entry changed silently: %+v, want %+v", sp.n, rev, w)
			}
		}
	}
	return detected
}
