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
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A revision is stored as a full copy of the report, compressed on its own
// (compress/flate), so that every revision restores by itself: when the
// live record is damaged, when other revisions are, and after any of them
// were pruned. Value (sealed, see checksum.go):
//
//	revFormat  byte (2; 1 in files of schema 3, still read)
//	flags      byte (revSealed, revPinned, revMetaZ)
//	start      varint, Unix nanoseconds: when the revision was started
//	time       varint, Unix nanoseconds: the last change it holds
//	len(meta)  uvarint, then meta: the summaries (revMeta2), deflated with
//	           revDict2 when revMetaZ is set
//	body       the report's JSON packed (revpack.go) and deflated with
//	           revDict2 as preset dictionary
//
// Format 1 had the meta as JSON {"summaries": [...], "more": n} and the
// body as the report's JSON deflated with revDict1.
//
// The fixed fields come first so that pruning reads a few bytes per
// revision and never decompresses.

const (
	revFormat1 = 1
	revFormat2 = 2
)

const (
	revSealed = 1 << iota // closed: later edits start a revision of their own
	revPinned             // an export, restore or import point: never pruned
	revMetaZ              // format 2: the meta is deflated
)

// revDict is the preset dictionary of format 1: the JSON of an empty report
// with every cell filled. Its bytes must never change (TestRevDictFrozen):
// the revisions of files of schema 3 need them to be read.
//
//go:embed revdict1.json
var revDict []byte

// revDict2 is the preset dictionary of format 2, revdict2.txt in GB 18030
// (TestRevDictFrozen checks both files and that they agree). It is made of
// what every report shares, and nothing of any particular report: the
// address list (for notes), common phrases of these reports written for
// it, the format's own labels (model/structure.go as of schema 4: headings,
// table titles, rows and columns, kinds), more phrases, the store's
// revision summaries, and last, nearest to what is compressed, the packed
// JSON of an empty report (field names, the default preface and part
// titles). On the benchmark's report (the seed report's text) a packed copy
// is 1.3 KB; on a real report neither it nor the phrases came from (the
// Shanghai report in importer/testdata/real, with every cell filled) 0.95
// KB, where format 1 took 2.5 and 2.1 KB.
//
//go:embed revdict2.gb
var revDict2 []byte

// Compression level 6 (flate's default): level 9 saves nothing on a packed
// copy, and a copy is made on every save.
const revLevel = 6

// codec is compression with one preset dictionary.
type codec struct {
	dict               []byte
	deflaters, readers sync.Pool
}

func newCodec(dict []byte) *codec {
	c := &codec{dict: dict}
	c.deflaters.New = func() any {
		w, err := flate.NewWriterDict(nil, revLevel, dict)
		if err != nil {
			panic(err)
		}
		return w
	}
	c.readers.New = func() any { return flate.NewReaderDict(nil, dict) }
	return c
}

var (
	codec1 = newCodec(revDict)
	codec2 = newCodec(revDict2)
)

func (c *codec) deflate(dst, b []byte) []byte {
	w := c.deflaters.Get().(*flate.Writer)
	buf := bytes.NewBuffer(dst)
	w.Reset(buf)
	w.Write(b) // a bytes.Buffer does not fail
	w.Close()
	c.deflaters.Put(w)
	return buf.Bytes()
}

// maxRevisionJSON bounds what a damaged copy could inflate to.
const maxRevisionJSON = 64 << 20

func (c *codec) inflate(z []byte) ([]byte, error) {
	r := c.readers.Get().(io.ReadCloser)
	defer c.readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(z), c.dict); err != nil {
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
	metaZ     bool // read: the meta was stored deflated
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
	return encodeRevPacked(id, k, h, codec2.deflate(nil, packJSON(js))), nil
}

// encodeRevPacked is encodeRev of a body already packed and deflated.
func encodeRevPacked(id string, k []byte, h *revRec, body []byte) []byte {
	flags := byte(0)
	if h.Sealed {
		flags |= revSealed
	}
	if h.Pinned {
		flags |= revPinned
	}
	meta := h.meta2()
	if z := codec2.deflate(nil, meta); len(z) < len(meta) {
		meta = z
		flags |= revMetaZ
	}
	b := make([]byte, 0, 24+len(meta)+len(body))
	b = append(b, revFormat2, flags)
	b = binary.AppendVarint(b, h.Start.UnixNano())
	b = binary.AppendVarint(b, h.Time.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(meta)))
	b = append(b, meta...)
	b = append(b, body...)
	return seal(revDomain(id), k, b)
}

// meta2 is the meta of format 2: a mode byte (packGB when the summaries
// are GB 18030), More and the summaries, each its length and bytes.
func (h *revRec) meta2() []byte {
	if b, ok := h.meta2As(packGB); ok {
		return b
	}
	b, _ := h.meta2As(0)
	return b
}

func (h *revRec) meta2As(mode byte) ([]byte, bool) {
	b := []byte{mode}
	b = binary.AppendUvarint(b, uint64(h.More))
	b = binary.AppendUvarint(b, uint64(len(h.Summaries)))
	for _, s := range h.Summaries {
		e := []byte(s)
		if mode&packGB != 0 {
			var err error
			if !inGBRepertoire(e) {
				return nil, false
			}
			if e, err = simplifiedchinese.GB18030.NewEncoder().Bytes(e); err != nil {
				return nil, false
			}
		}
		b = binary.AppendUvarint(b, uint64(len(e)))
		b = append(b, e...)
	}
	if mode&packGB != 0 {
		var back revRec
		if back.readMeta2(b) != nil || back.More != h.More || !slices.Equal(back.Summaries, h.Summaries) {
			return nil, false
		}
	}
	return b, true
}

var errRevDamaged = errors.New(txtRevsDamaged)

// revHead reads the fixed fields of a stored revision, after its
// checksum: its format, its header without summaries, and the rest (the
// meta length, meta and body).
func revHead(id string, k, v []byte) (h *revRec, format byte, rest []byte, err error) {
	p, ok := unseal(revDomain(id), k, v)
	if !ok || len(p) < 2 || (p[0] != revFormat1 && p[0] != revFormat2) {
		return nil, 0, nil, errRevDamaged
	}
	format = p[0]
	h = &revRec{Sealed: p[1]&revSealed != 0, Pinned: p[1]&revPinned != 0, metaZ: p[1]&revMetaZ != 0}
	p = p[2:]
	start, n := binary.Varint(p)
	if n <= 0 {
		return nil, 0, nil, errRevDamaged
	}
	p = p[n:]
	t, n := binary.Varint(p)
	if n <= 0 {
		return nil, 0, nil, errRevDamaged
	}
	h.Start, h.Time = time.Unix(0, start), time.Unix(0, t)
	return h, format, p[n:], nil
}

// decodeRevHeader reads a revision's header and its summaries, and
// returns its format and its body.
func decodeRevHeader(id string, k, v []byte) (*revRec, byte, []byte, error) {
	h, format, p, err := revHead(id, k, v)
	if err != nil {
		return nil, 0, nil, err
	}
	n, w := binary.Uvarint(p)
	if w <= 0 || n > uint64(len(p)-w) {
		return nil, 0, nil, errRevDamaged
	}
	meta, body := p[w:w+int(n)], p[w+int(n):]
	if format == revFormat1 {
		var m revMeta
		if err := json.Unmarshal(meta, &m); err != nil {
			return nil, 0, nil, errRevDamaged
		}
		h.Summaries, h.More = m.Summaries, m.More
		return h, format, body, nil
	}
	if h.metaZ {
		if meta, err = codec2.inflate(meta); err != nil {
			return nil, 0, nil, errRevDamaged
		}
	}
	if err := h.readMeta2(meta); err != nil {
		return nil, 0, nil, err
	}
	return h, format, body, nil
}

func (h *revRec) readMeta2(m []byte) error {
	if len(m) < 1 || m[0]&^packGB != 0 {
		return errRevDamaged
	}
	gb := m[0]&packGB != 0
	m = m[1:]
	more, n := binary.Uvarint(m)
	if n <= 0 || more > 1<<30 {
		return errRevDamaged
	}
	m = m[n:]
	count, n := binary.Uvarint(m)
	if n <= 0 || count > uint64(len(m)) {
		return errRevDamaged
	}
	m = m[n:]
	h.More = int(more)
	h.Summaries = make([]string, 0, count)
	for range count {
		l, n := binary.Uvarint(m)
		if n <= 0 || l > uint64(len(m)-n) {
			return errRevDamaged
		}
		s := m[n : n+int(l)]
		m = m[n+int(l):]
		if gb {
			var err error
			if s, err = simplifiedchinese.GB18030.NewDecoder().Bytes(s); err != nil {
				return errRevDamaged
			}
		}
		h.Summaries = append(h.Summaries, string(s))
	}
	if len(m) != 0 {
		return errRevDamaged
	}
	return nil
}

// decodeRev reads a revision: its header and the report JSON it holds.
func decodeRev(id string, k, v []byte) (*revRec, []byte, error) {
	h, format, body, err := decodeRevHeader(id, k, v)
	if err != nil {
		return nil, nil, err
	}
	if format == revFormat1 {
		js, err := codec1.inflate(body)
		if err != nil {
			return nil, nil, errRevDamaged
		}
		return h, js, nil
	}
	p, err := codec2.inflate(body)
	if err != nil {
		return nil, nil, errRevDamaged
	}
	js, err := unpackJSON(p)
	if err != nil {
		return nil, nil, errRevDamaged
	}
	return h, js, nil
}
