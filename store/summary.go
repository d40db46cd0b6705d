package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// info is the stored summary of a report: what the list shows, so that
// listing reads a few dozen bytes per report instead of decoding it. It is
// stored in a small binary form (sealed, see checksum.go) rather than JSON:
// the list of 1,000 reports decodes in tens of microseconds.
type info struct {
	Agency   string
	Year     int
	Previous string
	Updated  time.Time
	Errors   int
	Missing  int
	Warnings int
	Deleted  time.Time
	// SortKey is the agency's collation key (pinyin order), so that the
	// list sorts by comparing bytes; it is valid while the file's
	// keyCollation matches this program's collator (collationStamp).
	SortKey []byte
}

const infoFormat = 1

var errBadInfo = errors.New(txtSummaryDamaged)

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	return binary.AppendVarint(b, t.UnixNano())
}

func (in *info) marshal() []byte {
	b := make([]byte, 0, 48+len(in.Agency)+len(in.Previous)+len(in.SortKey))
	b = append(b, infoFormat)
	for _, n := range []int{in.Year, in.Errors, in.Missing, in.Warnings} {
		b = binary.AppendUvarint(b, uint64(max(n, 0)))
	}
	b = appendTime(b, in.Updated)
	b = appendTime(b, in.Deleted)
	b = appendString(b, in.Agency)
	b = appendString(b, in.Previous)
	return appendString(b, string(in.SortKey))
}

// infoReader reads the fields of a marshalled info in order; the first
// error sticks.
type infoReader struct {
	b   []byte
	err error
}

func (r *infoReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.err = errBadInfo
		return 0
	}
	r.b = r.b[k:]
	return n
}

func (r *infoReader) bytes() []byte {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errBadInfo
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *infoReader) time() time.Time {
	if r.err != nil || len(r.b) == 0 {
		r.err = errBadInfo
		return time.Time{}
	}
	flag := r.b[0]
	r.b = r.b[1:]
	switch flag {
	case 0:
		return time.Time{}
	case 1:
		n, k := binary.Varint(r.b)
		if k <= 0 {
			r.err = errBadInfo
			return time.Time{}
		}
		r.b = r.b[k:]
		return time.Unix(0, n)
	}
	r.err = errBadInfo
	return time.Time{}
}

func (in *info) unmarshal(v []byte) error {
	if len(v) == 0 || v[0] != infoFormat {
		return errBadInfo
	}
	r := infoReader{b: v[1:]}
	in.Year, in.Errors, in.Missing, in.Warnings = int(r.uint()), int(r.uint()), int(r.uint()), int(r.uint())
	in.Updated, in.Deleted = r.time(), r.time()
	in.Agency, in.Previous = string(r.bytes()), string(r.bytes())
	if k := r.bytes(); len(k) > 0 {
		in.SortKey = append([]byte(nil), k...)
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errBadInfo
	}
	return r.err
}

// decodeInfo reads the stored summary of report id (rec as stored).
func decodeInfo(id, rec []byte) (*info, error) {
	v, ok := unseal(domInfo, id, rec)
	if !ok {
		return nil, errBadInfo
	}
	var in info
	if err := in.unmarshal(v); err != nil {
		return nil, err
	}
	return &in, nil
}

func putInfo(tx *bolt.Tx, id string, in *info) error {
	in.SortKey = sortKey(in.Agency)
	return tx.Bucket(bucketInfo).Put([]byte(id), seal(domInfo, []byte(id), in.marshal()))
}

// A collator keeps buffers between calls and is not safe for concurrent
// use: each goroutine takes one from the pool.
var collators = sync.Pool{New: func() any { return &collator{c: collate.New(language.Chinese)} }}

type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// sortKey is the collation key of an agency's name (pinyin order).
func sortKey(agency string) []byte {
	c := collators.Get().(*collator)
	k := append([]byte(nil), c.c.KeyFromString(&c.buf, agency)...)
	c.buf.Reset()
	collators.Put(c)
	return k
}

// keyCollation stores collationStamp in the meta bucket: the stored sort
// keys are this collator's.
var keyCollation = []byte("collation")

// collationStamp identifies this program's collation: a checksum of the
// keys of a few names. Another version of golang.org/x/text may order
// differently; the list then computes the keys afresh (and a writable open
// stores them again) instead of sorting by stale ones.
var collationStamp = sync.OnceValue(func() []byte {
	makeCRCTable()
	h := crc32.New(crcTable)
	for _, s := range collationProbe {
		h.Write(sortKey(s))
		h.Write(sep)
	}
	return fmt.Appendf(nil, "%08x", h.Sum32())
})

// decodeSummary reads the stored summary of report id straight into sm,
// for the list: the sort key is left pointing into rec (valid during the
// transaction), and last year's link is not read.
func decodeSummary(id, rec []byte, sm *Summary) error {
	v, ok := unseal(domInfo, id, rec)
	if !ok || len(v) == 0 || v[0] != infoFormat {
		return errBadInfo
	}
	r := infoReader{b: v[1:]}
	sm.Year, sm.Errors, sm.Missing, sm.Warnings = int(r.uint()), int(r.uint()), int(r.uint()), int(r.uint())
	sm.Updated, sm.Deleted = r.time(), r.time()
	agency := r.bytes()
	r.bytes() // last year's report
	sm.sortKey = r.bytes()
	if r.err != nil || len(r.b) != 0 {
		return errBadInfo
	}
	sm.ID, sm.Agency = string(id), string(agency)
	if len(sm.sortKey) == 0 {
		sm.sortKey = nil
	}
	return nil
}
