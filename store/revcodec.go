package store

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// A revision is stored as a full copy of the report, compressed on its own
// (compress/flate), so that every revision restores by itself: when the
// live record is damaged, when other revisions are, and after any of them
// were pruned. Value (sealed, see checksum.go):
//
//	revFormat  byte
//	flags      byte (revSealed, revPinned)
//	start      varint, Unix nanoseconds: when the revision was started
//	time       varint, Unix nanoseconds: the last change it holds
//	len(meta)  uvarint, then meta: JSON {"summaries": [...], "more": n}
//	body       the report's JSON, deflated with revDict as preset dictionary
//
// The fixed fields come first so that pruning reads a few bytes per
// revision and never decompresses.

const revFormat = 1

const (
	revSealed = 1 << iota // closed: later edits start a revision of their own
	revPinned             // an export, restore or import point: never pruned
)

// revDict is the preset dictionary of the compressed copies: the JSON of an
// empty report with every cell filled, which holds what every report's
// JSON repeats (field names, cell addresses, the default preface and part
// titles). It brings a full report's copy from 3.2 KB to 2.3 KB. Its bytes
// must never change (TestRevDictFrozen): every stored revision needs them
// to be read. A better dictionary would be a revDict2 with a format of its
// own.
//
//go:embed revdict1.json
var revDict []byte

// Compression level 6 (flate's default): level 9 saves 6 % more for three
// times the time, and a copy is made on every save.
const revLevel = 6

var deflaters = sync.Pool{New: func() any {
	w, err := flate.NewWriterDict(nil, revLevel, revDict)
	if err != nil {
		panic(err)
	}
	return w
}}

var inflaters = sync.Pool{New: func() any { return flate.NewReaderDict(nil, revDict) }}

func deflate(dst, js []byte) []byte {
	w := deflaters.Get().(*flate.Writer)
	buf := bytes.NewBuffer(dst)
	w.Reset(buf)
	w.Write(js) // a bytes.Buffer does not fail
	w.Close()
	deflaters.Put(w)
	return buf.Bytes()
}

// maxRevisionJSON bounds what a damaged copy could inflate to.
const maxRevisionJSON = 64 << 20

func inflate(z []byte) ([]byte, error) {
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(z), revDict); err != nil {
		return nil, err
	}
	out := bytes.NewBuffer(make([]byte, 0, 4*len(z)))
	n, err := io.Copy(out, io.LimitReader(r, maxRevisionJSON+1))
	if err != nil {
		return nil, err
	}
	if n > maxRevisionJSON {
		return nil, errRevDamaged
	}
	return out.Bytes(), nil
}

// revRec is a revision's header.
type revRec struct {
	Start     time.Time
	Time      time.Time
	Summaries []string
	More      int // distinct summaries not kept
	Sealed    bool
	Pinned    bool
}

type revMeta struct {
	Summaries []string `json:"summaries"`
	More      int      `json:"more,omitempty"`
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

// encodeRev is the stored value of revision key k of report id holding
// the report JSON js.
func encodeRev(id string, k []byte, h *revRec, js []byte) ([]byte, error) {
	meta, err := json.Marshal(revMeta{Summaries: h.Summaries, More: h.More})
	if err != nil {
		return nil, err
	}
	var flags byte
	if h.Sealed {
		flags |= revSealed
	}
	if h.Pinned {
		flags |= revPinned
	}
	b := make([]byte, 0, 32+len(meta)+len(js)/3)
	b = append(b, revFormat, flags)
	b = binary.AppendVarint(b, h.Start.UnixNano())
	b = binary.AppendVarint(b, h.Time.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(meta)))
	b = append(b, meta...)
	b = deflate(b, js)
	return seal(revDomain(id), k, b), nil
}

var errRevDamaged = errors.New(txtRevsDamaged)

// revHead reads the fixed fields of a stored revision, after its
// checksum; rest is the meta length, meta and body.
func revHead(id string, k, v []byte) (h *revRec, rest []byte, err error) {
	p, ok := unseal(revDomain(id), k, v)
	if !ok || len(p) < 2 || p[0] != revFormat {
		return nil, nil, errRevDamaged
	}
	h = &revRec{Sealed: p[1]&revSealed != 0, Pinned: p[1]&revPinned != 0}
	p = p[2:]
	start, n := binary.Varint(p)
	if n <= 0 {
		return nil, nil, errRevDamaged
	}
	p = p[n:]
	t, n := binary.Varint(p)
	if n <= 0 {
		return nil, nil, errRevDamaged
	}
	h.Start, h.Time = time.Unix(0, start), time.Unix(0, t)
	return h, p[n:], nil
}

// decodeRevHeader reads a revision's header and its summaries.
func decodeRevHeader(id string, k, v []byte) (*revRec, []byte, error) {
	h, p, err := revHead(id, k, v)
	if err != nil {
		return nil, nil, err
	}
	n, w := binary.Uvarint(p)
	if w <= 0 || n > uint64(len(p)-w) {
		return nil, nil, errRevDamaged
	}
	var m revMeta
	if err := json.Unmarshal(p[w:w+int(n)], &m); err != nil {
		return nil, nil, errRevDamaged
	}
	h.Summaries, h.More = m.Summaries, m.More
	return h, p[w+int(n):], nil
}

// decodeRev reads a revision: its header and the report JSON it holds.
func decodeRev(id string, k, v []byte) (*revRec, []byte, error) {
	h, body, err := decodeRevHeader(id, k, v)
	if err != nil {
		return nil, nil, err
	}
	js, err := inflate(body)
	if err != nil {
		return nil, nil, errRevDamaged
	}
	return h, js, nil
}
