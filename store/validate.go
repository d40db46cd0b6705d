package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The on-disk layout of a bbolt (v1.x) meta page, from
// go.etcd.io/bbolt/internal/common/{page,meta}.go: a 16-byte page header
// (id u64, flags u16, count u16, overflow u32) followed by the meta
// (magic u32, version u32, pageSize u32, flags u32, root bucket {pgid u64,
// sequence u64}, freelist pgid u64, high-water pgid u64, txid u64,
// checksum u64). The checksum is FNV-64a over the meta before it. Integers
// are in the machine's byte order (little-endian on every target we ship).
const (
	pageHeaderSize   = 16
	metaSize         = 64
	metaChecksumLen  = 56
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	metaPageFlag     = 0x04
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
	minPageSize      = 512
	maxPageSize      = 1 << 24
)

type metaInfo struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
}

// parseMeta decodes and checks one meta page in buf (starting at its page
// header). It returns a Chinese reason when the page is not a valid meta.
func parseMeta(buf []byte) (metaInfo, string) {
	if len(buf) < pageHeaderSize+metaSize {
		return metaInfo{}, whyTooShort
	}
	ne := binary.NativeEndian
	m := buf[pageHeaderSize : pageHeaderSize+metaSize]
	if ne.Uint32(m[0:]) != boltMagic {
		return metaInfo{}, whyNotDB
	}
	if v := ne.Uint32(m[4:]); v != boltVersion {
		return metaInfo{}, fmt.Sprintf(whyBadVersion, v)
	}
	h := fnv.New64a()
	h.Write(m[:metaChecksumLen])
	if h.Sum64() != ne.Uint64(m[56:]) {
		return metaInfo{}, whyBadChecksum
	}
	mi := metaInfo{pageSize: ne.Uint32(m[8:]), root: ne.Uint64(m[16:]), freelist: ne.Uint64(m[32:]),
		pgid: ne.Uint64(m[40:]), txid: ne.Uint64(m[48:])}
	if mi.pageSize < minPageSize || mi.pageSize > maxPageSize || mi.pageSize&(mi.pageSize-1) != 0 {
		return metaInfo{}, fmt.Sprintf(whyBadPageSize, mi.pageSize)
	}
	return mi, ""
}

// validateFile checks a bbolt file by reading it (never writing), so that
// bbolt is only ever given a file whose meta pages are sound and whose
// high-water mark lies inside the file: a truncated file would otherwise
// fault inside bbolt's memory map and kill the process. It returns a Chinese
// reason, or "" when the file may be opened. With ids, the page ids in the
// free page list are read too: bbolt allocates from it on every write, and
// a damaged one would hand out pages that hold data.
func validateFile(f *os.File, ids bool) string {
	st, err := f.Stat()
	if err != nil {
		return whyUnreadable + ioReason(f.Name(), err)
	}
	if !st.Mode().IsRegular() {
		return whyNotRegular
	}
	size := st.Size()
	if size < 2*minPageSize {
		return fmt.Sprintf(whyTinyFile, size)
	}
	read := func(off int64, n int) []byte {
		b := make([]byte, n)
		k, err := f.ReadAt(b, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil
		}
		return b[:k]
	}
	// Meta 0 sits at the start; meta 1 one page further. When meta 0 is
	// bad, find meta 1 at each possible page size, as bbolt does.
	m0, why0 := parseMeta(read(0, pageHeaderSize+metaSize))
	// bbolt uses the sound meta with the highest txid and nothing else, so
	// only that one is checked further. The older meta may point to pages
	// a later transaction has reused: a crash between that transaction's
	// page writes and its meta write leaves exactly that, and the file is
	// sound all the same. A torn meta page (bad checksum) is skipped, as
	// bbolt skips it.
	var metas []metaInfo
	if why0 == "" {
		metas = append(metas, m0)
		if m1, w := parseMeta(read(int64(m0.pageSize), pageHeaderSize+metaSize)); w == "" {
			metas = append(metas, m1)
		}
	} else {
		for ps := int64(minPageSize); ps <= maxPageSize && ps < size; ps <<= 1 {
			if m1, w := parseMeta(read(ps, pageHeaderSize+metaSize)); w == "" && int64(m1.pageSize) == ps {
				metas = append(metas, m1)
				break
			}
		}
	}
	if len(metas) == 0 {
		return why0
	}
	m := metas[0]
	if len(metas) == 2 && metas[1].txid > m.txid {
		m = metas[1]
	}
	ps := int64(m.pageSize)
	if m.pgid < 2 || m.pgid > uint64(size/ps) {
		return fmt.Sprintf(whyTruncated, int64(m.pgid)*ps, size)
	}
	if m.root < 2 || m.root >= m.pgid {
		return whyRootOutside
	}
	if m.freelist != noFreelist {
		if m.freelist < 2 || m.freelist >= m.pgid {
			return whyFreelistOut
		}
		if why := checkFreelistPage(read(int64(m.freelist)*ps, pageHeaderSize+8), m, size); why != "" || !ids {
			return why
		}
		return checkFreelistIDs(f, m)
	}
	return ""
}

// checkFreelistIDs reads the ids of the free page list (whose header
// checkFreelistPage accepted): bbolt writes them sorted, unique, and each
// names a data page of the file.
func checkFreelistIDs(f *os.File, m metaInfo) string {
	ps := int64(m.pageSize)
	hdr := make([]byte, pageHeaderSize+8)
	if _, err := f.ReadAt(hdr, int64(m.freelist)*ps); err != nil {
		return whyFreelistShort
	}
	ne := binary.NativeEndian
	count := uint64(ne.Uint16(hdr[10:]))
	off := int64(m.freelist)*ps + pageHeaderSize
	if count == 0xFFFF {
		count = ne.Uint64(hdr[16:])
		off += 8
	}
	buf := make([]byte, count*8)
	if _, err := f.ReadAt(buf, off); err != nil {
		return whyFreelistShort
	}
	prev := uint64(1)
	for i := range count {
		id := ne.Uint64(buf[i*8:])
		if id <= prev || id >= m.pgid {
			return whyFreelistIDs
		}
		prev = id
	}
	return ""
}

// checkFreelistPage makes sure the freelist page and its overflow lie in the
// file and can hold the ids they claim: bbolt reads it while opening.
func checkFreelistPage(hdr []byte, m metaInfo, size int64) string {
	if len(hdr) < pageHeaderSize+8 {
		return whyFreelistShort
	}
	ne := binary.NativeEndian
	flags := ne.Uint16(hdr[8:])
	count := uint64(ne.Uint16(hdr[10:]))
	overflow := uint64(ne.Uint32(hdr[12:]))
	if flags != freelistPageFlag {
		return whyFreelistBad
	}
	ps := uint64(m.pageSize)
	if m.freelist+overflow+1 > m.pgid || (m.freelist+overflow+1)*ps > uint64(size) {
		return whyFreelistBeyond
	}
	if count == 0xFFFF {
		count = ne.Uint64(hdr[16:]) + 1
	}
	if pageHeaderSize+count*8 > (overflow+1)*ps {
		return whyFreelistBad
	}
	return ""
}

// checkOpen opens a file that passed validateFile read-only in bbolt and runs
// its consistency check. It reads every page of every bucket itself first,
// on this goroutine with SetPanicOnFault on, because tx.Check reads pages on
// a goroutine of its own where a fault could not be recovered. It returns a
// short Chinese reason ("" when sound) and the technical detail, or a held
// error.
func checkOpen(path string, timeout time.Duration) (reason, detail string, err error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		var fe *FileError
		if errors.As(openError(path, err), &fe) && fe.Problem != Damaged {
			return "", "", fe
		}
		return txtCannotOpen, err.Error(), nil
	}
	defer db.Close()
	reason, detail = checkDB(db)
	return reason, detail, nil
}

// checkDB walks every bucket and runs tx.Check; a panic or fault on the way
// is turned into a reason. The reason is Chinese; bbolt's own words go to
// detail.
func checkDB(db *bolt.DB) (reason, detail string) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			reason, detail = whyPageDamaged, fmt.Sprint(r)
		}
	}()
	err := db.View(func(tx *bolt.Tx) error {
		if err := tx.ForEach(func(name []byte, b *bolt.Bucket) error { return walk(b) }); err != nil {
			return err
		}
		// Drain the channel: the checker goroutine reads the mapped file
		// until it is done, so the transaction must stay open until then.
		var first error
		for err := range tx.Check() {
			if first == nil {
				first = err
			}
		}
		return first
	})
	if err != nil {
		return whyCheckFailed, err.Error()
	}
	return "", ""
}

func walk(b *bolt.Bucket) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			if sub := b.Bucket(k); sub != nil {
				return walk(sub)
			}
		}
		return nil
	})
}

// bothMetasSound reports whether both meta pages are valid. One bad meta is
// what a crash while writing it leaves, which bbolt survives by using the
// other; it is also what a damaged start of the file looks like. Open then
// runs the full check before using the file.
func bothMetasSound(f *os.File) bool {
	buf := make([]byte, pageHeaderSize+metaSize)
	if _, err := f.ReadAt(buf, 0); err != nil {
		return false
	}
	m0, why := parseMeta(buf)
	if why != "" {
		return false
	}
	if _, err := f.ReadAt(buf, int64(m0.pageSize)); err != nil {
		return false
	}
	_, why = parseMeta(buf)
	return why == ""
}

// freeBytes reads how much of a sound file's pages are free, from its
// newest meta page and its free page list's header.
func freeBytes(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	buf := make([]byte, pageHeaderSize+metaSize)
	if _, err := f.ReadAt(buf, 0); err != nil {
		return 0, err
	}
	m, why := parseMeta(buf)
	if why != "" {
		return 0, errors.New(why)
	}
	if _, err := f.ReadAt(buf, int64(m.pageSize)); err == nil {
		if m1, why := parseMeta(buf); why == "" && m1.txid > m.txid {
			m = m1
		}
	}
	if m.freelist == noFreelist {
		return 0, nil
	}
	hdr := make([]byte, pageHeaderSize+8)
	if _, err := f.ReadAt(hdr, int64(m.freelist)*int64(m.pageSize)); err != nil {
		return 0, err
	}
	ne := binary.NativeEndian
	count := uint64(ne.Uint16(hdr[10:]))
	if count == 0xFFFF {
		count = ne.Uint64(hdr[16:])
	}
	return int64(count) * int64(m.pageSize), nil
}
