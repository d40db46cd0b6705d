package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

const (
	// CoalesceWindow: edits within this time of a revision's start go into it.
	CoalesceWindow = 5 * time.Minute
	// KeepRevisions: revisions older than this are pruned (the newest is always kept).
	KeepRevisions = 90 * 24 * time.Hour
	maxSummaries  = 50
)

// Revision is one entry of a report's history.
type Revision struct {
	N       int       // stable number within the report (gaps after pruning)
	Time    time.Time // the last change it holds
	Summary string    // short Chinese summary of what changed
}

// revRec is a stored revision's header; the value is uvarint(len(header)),
// the header JSON, then the report JSON as it was at Time.
type revRec struct {
	Start     time.Time `json:"start"`
	Time      time.Time `json:"time"`
	Summaries []string  `json:"summaries"`
	More      int       `json:"more,omitempty"` // distinct summaries not kept
	Sealed    bool      `json:"sealed,omitempty"`
}

func (h *revRec) summary() string {
	s := h.Summaries
	n := len(s) + h.More
	if n <= 3 {
		return strings.Join(s, sumSep)
	}
	return strings.Join(s[:3], sumSep) + fmt.Sprintf(sumMore, n)
}

func (h *revRec) add(summary string) {
	for _, x := range h.Summaries {
		if x == summary {
			return
		}
	}
	if len(h.Summaries) >= maxSummaries {
		h.More++
		return
	}
	h.Summaries = append(h.Summaries, summary)
}

func encodeRev(h *revRec, js []byte) ([]byte, error) {
	hdr, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	out := binary.AppendUvarint(make([]byte, 0, len(hdr)+len(js)+4), uint64(len(hdr)))
	out = append(out, hdr...)
	return append(out, js...), nil
}

func decodeRev(v []byte) (*revRec, []byte, error) {
	n, k := binary.Uvarint(v)
	if k <= 0 || uint64(len(v)-k) < n {
		return nil, nil, errors.New(txtRevsDamaged)
	}
	var h revRec
	if err := json.Unmarshal(v[k:k+int(n)], &h); err != nil {
		return nil, nil, fmt.Errorf(txtRevsDamagedWhy, err)
	}
	return &h, v[k+int(n):], nil
}

func seqKey(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// revBucket is the report's revision bucket, created on demand.
func revBucket(tx *bolt.Tx, id string) (*bolt.Bucket, error) {
	return tx.Bucket(bucketRevs).CreateBucketIfNotExists([]byte(id))
}

func lastRevision(b *bolt.Bucket) (key []byte, h *revRec, js []byte, err error) {
	k, v := b.Cursor().Last()
	if k == nil {
		return nil, nil, nil, nil
	}
	h, js, err = decodeRev(v)
	return k, h, js, err
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
	h := &revRec{Start: now, Time: now, Sealed: sealed}
	h.add(summary)
	v, err := encodeRev(h, js)
	if err != nil {
		return err
	}
	if err := b.Put(seqKey(seq), v); err != nil {
		return err
	}
	return prune(b, now)
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
	k, h, _, err := lastRevision(b)
	if err != nil {
		return err
	}
	if h == nil || h.Sealed || now.Before(h.Start) || now.Sub(h.Start) >= CoalesceWindow {
		return addRevision(tx, id, now, summary, js, false)
	}
	h.Time = now
	return rewriteRevision(b, k, h, summary, js, now)
}

// rewriteRevision adds summary to the revision at key k, stores it with the
// report JSON js and prunes the history.
func rewriteRevision(b *bolt.Bucket, k []byte, h *revRec, summary string, js []byte, now time.Time) error {
	h.add(summary)
	v, err := encodeRev(h, js)
	if err != nil {
		return err
	}
	if err := b.Put(k, v); err != nil {
		return err
	}
	return prune(b, now)
}

// sealCurrent makes sure the report's current state is a revision of its own
// that later edits will not overwrite (before a restore, an import over it,
// a roll-forward or an export). When the newest revision already holds that
// state it is sealed and labelled instead of copied.
func sealCurrent(tx *bolt.Tx, id string, now time.Time, label string) error {
	cur := tx.Bucket(bucketReports).Get([]byte(id))
	if cur == nil {
		return fmt.Errorf(txtWithID, ErrNotFound, id)
	}
	b, err := revBucket(tx, id)
	if err != nil {
		return err
	}
	k, h, js, err := lastRevision(b)
	if err != nil {
		return err
	}
	if h != nil && bytes.Equal(js, cur) {
		h.Sealed = true
		return rewriteRevision(b, k, h, label, js, now)
	}
	return addRevision(tx, id, now, label, append([]byte(nil), cur...), true)
}

// prune drops revisions older than KeepRevisions, always keeping the newest.
func prune(b *bolt.Bucket, now time.Time) error {
	cutoff := now.Add(-KeepRevisions)
	lastK, _ := b.Cursor().Last()
	var old [][]byte
	c := b.Cursor()
	for k, v := c.First(); k != nil && !bytes.Equal(k, lastK); k, v = c.Next() {
		h, _, err := decodeRev(v)
		if err != nil || !h.Time.Before(cutoff) {
			break
		}
		old = append(old, append([]byte(nil), k...))
	}
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// History lists a report's revisions, newest first. The revisions are
// stored apart from the report, so they are listed even when the report's
// own record (content or summary) is damaged; a revision that cannot be
// read itself is listed as such.
func (s *Store) History(id string) ([]Revision, error) {
	var out []Revision
	err := s.db.View(func(tx *bolt.Tx) error {
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
			if h, _, err := decodeRev(v); err != nil {
				rev.Summary = sumRevDamaged
			} else {
				rev.Time, rev.Summary = h.Time, h.summary()
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
	err := s.db.View(func(tx *bolt.Tx) (err error) { r, _, err = revisionTx(tx, id, n); return err })
	return r, err
}

func revisionTx(tx *bolt.Tx, id string, n int) (*model.Report, *revRec, error) {
	var v []byte
	if b := tx.Bucket(bucketRevs).Bucket([]byte(id)); b != nil && n > 0 {
		v = b.Get(seqKey(uint64(n)))
	}
	if v == nil {
		return nil, nil, fmt.Errorf(txtNoRevision, ErrNotFound, n)
	}
	h, js, err := decodeRev(v)
	if err != nil {
		return nil, nil, err
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
