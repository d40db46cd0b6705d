package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout version recorded in the file.
//
// Version 1 (nianbao's first drafts) kept only meta{schema} and
// reports{id → report JSON}. Version 2 adds the summaries, the
// (机关名称, 年度) index, revisions and the trash. Version 3 seals every
// record with a CRC-32C (checksum.go), stores the summaries in a binary form
// with sort keys (summary.go) and each revision as a compressed copy under
// a bounded retention (revcodec.go, history.go). Version 4 packs each
// report's record and each revision (format 2) the same way, in about half
// the space (revpack.go); format-1 revisions and JSON records still read.
const SchemaVersion = 4

// PageSize is the page size of new draft files (and of every file once
// compacted). bbolt keeps at least two records in a page and fills it up to
// its size when compacting. A report's record and each of its revisions is
// a packed copy of 1–1.5 KB (revpack.go): an 8 KiB page holds five or six,
// filled to about 90 %, and each report's revision bucket, which has a
// branch page of its own once it spans two pages, wastes less than with 16
// KiB pages (0.8 MB of the year of 50 reports of BenchmarkYear50).
const PageSize = 8 << 10

var (
	bucketMeta    = []byte("meta")
	bucketReports = []byte("reports")
	bucketInfo    = []byte("info")
	bucketIndex   = []byte("index")
	bucketRevs    = []byte("revisions")
	keySchema     = []byte("schema")
)

// Options tune Open; the zero value is right for the program.
type Options struct {
	// Timeout is how long to wait for a file held by another window
	// before giving up (default 1s).
	Timeout time.Duration
	// Now is the clock (default time.Now); tests move it to check
	// coalescing, pruning and the daily backup.
	Now func() time.Time
	// ReadOnly opens the file for reading only, for the commands that only
	// read: the file is never written (no migration, no backup, no repair
	// of a summary, no lock file made), so a read-only file, folder or disk
	// works, and other read-only opens may read at the same time. Every
	// write returns a *FileError with Problem OpenedReadOnly. A file that
	// does not exist, or is of an older layout, cannot be read this way
	// (Problem Missing or Older): open it writable once.
	ReadOnly bool
}

// Store is an open draft file. It is safe for use from several goroutines;
// the file stays locked against other processes until Close.
type Store struct {
	// mu is held for reading by every operation and for writing by
	// Compact and Close, which replace or close db.
	mu   sync.RWMutex
	db   *bolt.DB
	lock *os.File // the lock file (lockfile.go), nil on a read-only open without one
	path string
	opt  Options

	state     sync.Mutex // guards the fields below
	backupErr error
	damaged   []*ReportError
	broken    error // the full check found the file damaged: no more writes
	checkedTx int   // the transaction at which the full check last passed
}

// Open opens the draft file at path, creating it (mode 0600) and its folders
// if missing (unless read-only). An existing file's meta pages and free
// page list are validated before bbolt maps it; each record is verified
// (checksum, then decoding) when it is read, and a read that fails runs
// bbolt's full consistency check to tell one damaged report from a damaged
// file. An older layout is migrated after a full check and a copy of the
// file kept beside it. Open reads no report: the list reads the summaries.
// The daily backup is DailyBackup's, run after the first screen is drawn.
// File-level failures are *FileError (see Unusable), with Chinese messages.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, notWritableError(path, err)
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, notWritableError(abs, err)
		}
	}
	st, err := os.Stat(abs)
	switch {
	case err == nil && st.IsDir():
		return nil, &FileError{Problem: IsFolder, Path: abs}
	case err == nil && !st.Mode().IsRegular():
		// A pipe reads as an empty file and a device as anything: neither
		// is a draft file, and neither is opened.
		return nil, &FileError{Problem: NotFile, Path: abs}
	case errors.Is(err, fs.ErrNotExist) && opt.ReadOnly:
		return nil, missingError(abs)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, notWritableError(abs, err)
	}
	lock, err := takeLock(abs, opt)
	if err != nil {
		return nil, err
	}
	s := &Store{path: abs, opt: opt, lock: lock}
	if err := s.open(st); err != nil {
		releaseLock(lock)
		return nil, err
	}
	return s, nil
}

// open opens the file under the lock: st is its Stat (nil if missing).
func (s *Store) open(st os.FileInfo) error {
	abs, opt := s.path, s.opt
	switch {
	case st != nil && st.Size() == 0:
		// An empty file is what a crash during creation leaves; start
		// afresh unless there are backups, which suggests it once held work.
		if newestBackup(abs) != "" {
			return damagedError(abs, txtEmptyFile, "", nil)
		}
		if opt.ReadOnly {
			return missingError(abs)
		}
	case st != nil:
		if err := preflight(abs, opt); err != nil {
			return err
		}
	}
	db, err := bolt.Open(abs, 0o600, &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, PageSize: PageSize})
	if err != nil {
		return openError(abs, err)
	}
	tune(db)
	s.db = db
	if err := s.prepare(); err != nil {
		dropCache(s.db)
		s.db.Close()
		return err
	}
	if !opt.ReadOnly {
		// After an upgrade of the program: counts by the new rules,
		// sort keys by the new collation. A failure leaves the old
		// ones, which a save refreshes anyway.
		s.refreshSummaries()
		removeLeftovers(abs)
	}
	return nil
}

// preflight validates an existing file without writing to it: a probe of
// bbolt's own lock (a file another program is writing is reported as held,
// never judged from a half-written page), then the hand-made validation of
// the meta pages and, for a writable open, of the free page list bbolt
// will allocate from. When one meta page is bad the whole file is checked.
func preflight(path string, opt Options) error {
	f, err := os.Open(path)
	if err != nil {
		if opt.ReadOnly && isReadOnly(err) {
			return unreadableError(path, err)
		}
		return notWritableError(path, err)
	}
	defer f.Close()
	deadline := time.Now().Add(opt.Timeout)
	for {
		ok, err := tryLock(f, false)
		if ok || err != nil { // err: no locks on this file system; bbolt decides later
			break
		}
		if time.Now().After(deadline) {
			return heldError(path, berrors.ErrTimeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
	why := validateFile(f, !opt.ReadOnly)
	sound := why == "" && bothMetasSound(f)
	unlock(f)
	if why != "" {
		return damagedError(path, why, "", nil)
	}
	if !sound {
		why, detail, err := checkOpen(path, opt.Timeout)
		if err != nil {
			return err
		}
		if why != "" {
			return damagedError(path, why, detail, nil)
		}
	}
	return nil
}

// Close releases the file and its lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if s.db != nil {
		dropCache(s.db)
		err = s.db.Close()
		s.db = nil
	}
	releaseLock(s.lock)
	s.lock = nil
	return err
}

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.opt.ReadOnly }

// Path is the absolute path of the draft file.
func (s *Store) Path() string { return s.path }

// BackupErr is why today's backup could not be made by DailyBackup, if it
// could not (the store is usable regardless); nil when it was made, not
// due, or not tried. It is a *BackupError; when damaged reports stopped it,
// their *ReportErrors are in its Damaged field.
func (s *Store) BackupErr() error {
	s.state.Lock()
	defer s.state.Unlock()
	return s.backupErr
}

// DamagedAtOpen is what the check before today's backup found (nil when
// every report could be read, or no backup was due); a restore since may
// have repaired them, so call Damaged for the state now.
func (s *Store) DamagedAtOpen() []*ReportError {
	s.state.Lock()
	defer s.state.Unlock()
	return s.damaged
}

// readSchema returns the schema version in the file: 0 for an empty file,
// -1 for a bbolt file that is not a nianbao draft file.
func readSchema(tx *bolt.Tx) int {
	mb := tx.Bucket(bucketMeta)
	if mb == nil {
		empty := true
		tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return 0
		}
		return -1
	}
	n, err := strconv.Atoi(string(mb.Get(keySchema)))
	if err != nil || n <= 0 {
		return -1
	}
	return n
}

// prepare brings a freshly opened file to the current layout.
func (s *Store) prepare() error {
	v := -1
	if err := s.view(func(tx *bolt.Tx) error { v = readSchema(tx); return nil }); err != nil {
		return err
	}
	switch {
	case v < 0:
		return &FileError{Problem: NotDraft, Path: s.path}
	case v > SchemaVersion:
		return &FileError{Problem: Newer, Path: s.path, Version: v}
	case (v == 0 || v < SchemaVersion) && s.opt.ReadOnly:
		return olderError(s.path)
	case v == 0:
		return s.update(func(tx *bolt.Tx) error { return initBuckets(tx) })
	case v < SchemaVersion:
		// A migration reads and rewrites every record: the whole file
		// is checked first, so that a damaged one is never rewritten.
		if why, detail := checkDB(s.db); why != "" {
			return damagedError(s.path, why, detail, nil)
		}
		if err := s.migrate(v); err != nil {
			return err
		}
		// The old history was unbounded, and the copies of layout 3 twice
		// the size: give the space back at once, in pages of PageSize
		// (the copy before the migration is kept beside the file).
		if _, _, err := s.compact(); err != nil {
			return err
		}
	}
	return nil
}

func initBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketMeta, bucketReports, bucketInfo, bucketIndex, bucketRevs} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	m := tx.Bucket(bucketMeta)
	if err := m.Put(keyRules, currentRules()); err != nil {
		return err
	}
	if err := m.Put(keyCollation, collationStamp()); err != nil {
		return err
	}
	return m.Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
}
