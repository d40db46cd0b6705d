package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

const (
	// CoalesceWindow: edits within this time of a revision's start go into it.
	CoalesceWindow = 5 * time.Minute
	// KeepAllFor: every revision of this last stretch of time is kept.
	KeepAllFor = 7 * 24 * time.Hour
	// KeepDailyFor: before that and up to this age, the last revision of
	// each day is kept; older, the last of each month. Pinned revisions
	// (export, restore, import and roll-forward points) and the newest are
	// always kept.
	KeepDailyFor = 90 * 24 * time.Hour
	maxSummaries = 50
)

// Revision is one entry of a report's history.
type Revision struct {
	N       int       // stable number within the report (gaps after pruning)
	Time    time.Time // the last change it holds
	Summary string    // short Chinese summary of what changed
	// Pinned: an export, restore, import or roll-forward point, kept
	// however old.
	Pinned bool
}

func seqKey(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// revBucket is the report's revision bucket, created on demand. Keys only
// grow, so pages are filled before they split.
func revBucket(tx *bolt.Tx, id string) (*bolt.Bucket, error) {
	b, err := tx.Bucket(bucketRevs).CreateBucketIfNotExists([]byte(id))
	if b != nil {
		b.FillPercent = 0.95
	}
	return b, err
}

// lastRevision is the newest revision's key and header (nil when there is
// none); err when it cannot be read.
func lastRevision(b *bolt.Bucket, id string) (key []byte, h *revRec, err error) {
	k, v := b.Cursor().Last()
	if k == nil {
		return nil, nil, nil
	}
	h, _, _, err = decodeRevHeader(id, k, v)
	return k, h, err
}

func addRevision(tx *bolt.Tx, id string, now time.Time, summary string, js []byte, sealed bool) error {
	b, err := revBucket(tx, id)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	// Sealed revisions are the explicit points (creation, import, restore,
	// export, roll forward): kept however old.
	h := &revRec{Start: now, Time: now, Sealed: sealed, Pinned: sealed}
	h.add(summary)
	k := seqKey(seq)
	v, err := encodeRev(id, k, h, js)
	if err != nil {
		return err
	}
	if err := b.Put(k, v); err != nil {
		return err
	}
	return prune(b, id, now)
}

// recordEdit records an edit: it goes into the newest revision when that one
// is open and started less than CoalesceWindow ago, else it starts a new one.
func recordEdit(tx *bolt.Tx, id string, now time.Time, summary string, js []byte) error {
	if summary == "" {
		summary = sumEdit
	}
	b, err := revBucket(tx, id)
	if err != nil {
		return err
	}
	k, h, err := lastRevision(b, id)
	if err != nil || h == nil || h.Sealed || now.Before(h.Start) || now.Sub(h.Start) >= CoalesceWindow {
		// A newest revision that cannot be read is left as it is.
		return addRevision(tx, id, now, summary, js, false)
	}
	h.Time = now
	h.add(summary)
	return putRevision(b, id, k, h, js)
}

func putRevision(b *bolt.Bucket, id string, k []byte, h *revRec, js []byte) error {
	v, err := encodeRev(id, k, h, js)
	if err != nil {
		return err
	}
	return b.Put(k, v)
}

// sealCurrent makes sure the report's current state is a revision of its own
// that later edits will not overwrite (before a restore, an import over it,
// a roll-forward or an export), and pins it. When the newest revision
// already holds that state it is sealed, pinned and labelled instead of
// copied.
func sealCurrent(tx *bolt.Tx, id string, now time.Time, label string) error {
	cur, err := reportJSON(tx, id)
	if err != nil {
		return err
	}
	b, err := revBucket(tx, id)
	if err != nil {
		return err
	}
	if k, v := b.Cursor().Last(); k != nil {
		if h, js, err := decodeRev(id, k, v); err == nil && bytes.Equal(js, cur) {
			h.Sealed, h.Pinned = true, true
			h.add(label)
			if err := putRevision(b, id, k, h, js); err != nil {
				return err
			}
			return prune(b, id, now)
		}
	}
	return addRevision(tx, id, now, label, cur, true)
}

// prune applies the retention to a report's revisions: every revision of
// the last KeepAllFor, the last of each day up to KeepDailyFor, the last of
// each month before that, every pinned one and the newest. A revision that
// cannot be read is left alone. Only the fixed fields are read.
func prune(b *bolt.Bucket, id string, now time.Time) error {
	allSince, dailySince := now.Add(-KeepAllFor), now.Add(-KeepDailyFor)
	days := map[[3]int]bool{}
	months := map[[2]int]bool{}
	var drop [][]byte
	c := b.Cursor()
	first := true
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		h, _, _, err := revHead(id, k, v)
		if err != nil {
			continue
		}
		t := h.Time.Local()
		y, m, d := t.Date()
		day, month := [3]int{y, int(m), d}, [2]int{y, int(m)}
		keep := first || h.Pinned || !h.Time.Before(allSince)
		switch {
		case keep:
		case !h.Time.Before(dailySince):
			keep = !days[day]
		default:
			keep = !months[month]
		}
		first = false
		if keep {
			days[day], months[month] = true, true
		} else {
			drop = append(drop, append([]byte(nil), k...))
		}
	}
	for _, k := range drop {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	if sparse(b) {
		return repack(b, id)
	}
	return nil
}

// A report's revision bucket is appended to, but FillPercent alone does not
// keep its pages full: a revision is some 1.5 KB, five to an 8 KiB page, and
// when bbolt splits a page it leaves at least two keys for the new one, so
// appended pages hold four revisions or fewer; thinning (every other
// revision at KeepAllFor, most at KeepDailyFor) then deletes from the
// middle, and bbolt merges a page with its neighbour only when it is used
// less than half of FillPercent. So when a new revision finds that the
// bucket's items, written in key order with every page full, would take
// fewer leaf pages than its pages as last committed (packedLeaves), it
// rewrites the bucket that way: one more write of the report's history
// (some 24 pages) with 28 % of new revisions in BenchmarkYear50, a few ms
// at most once per CoalesceWindow of editing. A bucket is then at most one
// page (the one an append split) above its packed size. Saves within a
// revision (every cell) never repack.
//
// The criterion counts pages, not bytes. It replaced "under 85 % of the
// pages' bytes used", which repacked a seventh less often but left a page
// and a half more per bucket (0.56 MB of the year of BenchmarkYear50): five
// revisions fill a page only to 93 %, so a page's worth of holes spread over
// 24 pages hardly moves the ratio.
const repackMinPages = 4

// sparse reports whether b's items, written full, would take fewer leaf
// pages than b's pages as last committed.
func sparse(b *bolt.Bucket) bool {
	n := b.Stats().LeafPageN
	return n >= repackMinPages && packedLeaves(b) < n
}

// bbolt's leaf page layout (its internal/common): the page header, a leaf
// element's header, and the least keys a split leaves in a page.
const (
	boltPageHeader  = 16
	boltLeafElement = 16
	boltMinKeys     = 2
)

// packedLeaves is the number of leaf pages b's items take when put in key
// order into a new bucket with FillPercent 1, as repack does: bbolt's split
// of a node (node.split, splitTwo, splitIndex) replayed on their sizes.
// TestPackedLeaves checks it against bbolt itself.
func packedLeaves(b *bolt.Bucket) int {
	var els []int
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		els = append(els, boltLeafElement+len(k)+len(v))
	}
	return leavesFor(els, b.Tx().DB().Info().PageSize)
}

// leavesFor is packedLeaves of items of sizes els in pages of ps bytes.
func leavesFor(els []int, ps int) int {
	total := boltPageHeader
	for _, e := range els {
		total += e
	}
	pages := 1
	// A node is split while it has more than twice the least keys and
	// does not fit in a page; the first part takes items up to a page
	// (at least the least keys), leaving the least keys or more.
	for len(els) > 2*boltMinKeys && total >= ps {
		sz, i := boltPageHeader, 0
		for ; i < len(els)-boltMinKeys; i++ {
			if i >= boltMinKeys && sz+els[i] > ps {
				break
			}
			sz += els[i]
		}
		pages++
		els = els[i:]
		total -= sz - boltPageHeader
	}
	return pages
}

// repack rewrites the revision bucket of report id with every page full:
// the same keys, values and sequence, in one transaction, so a crash leaves
// the bucket as it was or as it is now.
func repack(b *bolt.Bucket, id string) error {
	type kv struct{ k, v []byte }
	var all []kv
	nested := false
	b.ForEach(func(k, v []byte) error {
		if v == nil {
			nested = true
		}
		all = append(all, kv{bytes.Clone(k), bytes.Clone(v)})
		return nil
	})
	if nested { // not a layout this version writes: left as it is
		return nil
	}
	seq := b.Sequence()
	parent := b.Tx().Bucket(bucketRevs)
	if err := parent.DeleteBucket([]byte(id)); err != nil {
		return err
	}
	nb, err := parent.CreateBucket([]byte(id))
	if err != nil {
		return err
	}
	nb.FillPercent = 1.0
	for _, x := range all {
		if err := nb.Put(x.k, x.v); err != nil {
			return err
		}
	}
	return nb.SetSequence(seq)
}

// History lists a report's revisions, newest first. The revisions are
// stored apart from the report, so they are listed even when the report's
// own record (content or summary) is damaged; a revision that cannot be
// read itself is listed as such.
func (s *Store) History(id string) ([]Revision, error) {
	var out []Revision
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRevs).Bucket([]byte(id))
		if tx.Bucket(bucketInfo).Get([]byte(id)) == nil && tx.Bucket(bucketReports).Get([]byte(id)) == nil && b == nil {
			return fmt.Errorf(txtWithID, ErrNotFound, id)
		}
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			rev := Revision{N: int(binary.BigEndian.Uint64(k))}
			if h, _, _, err := decodeRevHeader(id, k, v); err != nil {
				rev.Summary = sumRevDamaged
			} else {
				rev.Time, rev.Summary, rev.Pinned = h.Time, h.summary(), h.Pinned
			}
			out = append(out, rev)
		}
		return nil
	})
	return out, err
}

// Revision returns the report as it was in revision n, without restoring it.
func (s *Store) Revision(id string, n int) (*model.Report, error) {
	var r *model.Report
	err := s.view(func(tx *bolt.Tx) (err error) { r, _, err = revisionTx(tx, id, n); return err })
	return r, err
}

func revisionTx(tx *bolt.Tx, id string, n int) (*model.Report, *revRec, error) {
	var v []byte
	k := seqKey(uint64(max(n, 0)))
	if b := tx.Bucket(bucketRevs).Bucket([]byte(id)); b != nil && n > 0 {
		v = b.Get(k)
	}
	if v == nil {
		return nil, nil, fmt.Errorf(txtNoRevision, ErrNotFound, n)
	}
	h, js, err := decodeRev(id, k, v)
	if err != nil {
		return nil, nil, fmt.Errorf(txtRevisionNDamaged, n)
	}
	r, err := model.Decode(js)
	if err != nil {
		return nil, nil, fmt.Errorf(txtRevisionDamaged, n, err)
	}
	r.ID = id
	return r, h, nil
}

// Restore makes revision n the report's current state. The state before is
// kept as a revision, and the restore is itself a revision, so it can be
// undone. The link to last year's report is kept as it is now.
func (s *Store) Restore(id string, n int) (*model.Report, error) {
	now := s.opt.Now()
	var out *model.Report
	err := s.update(func(tx *bolt.Tx) error {
		in, err := liveInfo(tx, id)
		if err != nil {
			return err
		}
		r, h, err := revisionTx(tx, id, n)
		if err != nil {
			return err
		}
		// A damaged current record is what a restore repairs: its
		// bytes are no state to keep as a revision, and the link to
		// last year's report is in the summary too.
		cur, err := getReport(tx, id)
		if err != nil && !errors.Is(err, ErrDamagedReport) {
			return err
		}
		label := fmt.Sprintf(sumRestored, n, h.Time.Local().Format("2006-01-02 15:04"))
		r.Previous = in.Previous
		if cur != nil {
			r.Previous = cur.Previous
			if err := sealCurrent(tx, id, now, fmt.Sprintf(sumBeforeRestore, n)); err != nil {
				return err
			}
		} else {
			label += sumRepaired
		}
		js, _, err := writeReport(tx, r, now)
		if err != nil {
			return err
		}
		if err := addRevision(tx, id, now, label, js, true); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}
