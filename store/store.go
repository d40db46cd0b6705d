package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout version recorded in the file.
//
// Version 1 (nianbao's first drafts) kept only meta{schema} and
// reports{id → report JSON}. Version 2 adds the summaries, the
// (机关名称, 年度) index, revisions and the trash.
const SchemaVersion = 2

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
}

// Store is an open draft file. It is safe for use from several goroutines;
// the file stays locked against other processes until Close.
type Store struct {
	db        *bolt.DB
	path      string
	opt       Options
	backupErr error
	damaged   []*ReportError
}

// Open opens the draft file at path, creating it (mode 0600) and its folders
// if missing. An existing file is validated before bbolt maps it and checked
// with bbolt's consistency check; an older layout is migrated after a copy of
// the file is kept beside it; the first open of each day makes a backup.
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
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, notWritableError(abs, err)
	}
	st, err := os.Stat(abs)
	switch {
	case err == nil && st.IsDir():
		return nil, &FileError{Problem: IsFolder, Path: abs}
	case err == nil && !st.Mode().IsRegular():
		// A pipe reads as an empty file and a device as anything: neither
		// is a draft file, and neither is opened.
		return nil, &FileError{Problem: NotFile, Path: abs}
	case err == nil && st.Size() == 0:
		// An empty file is what a crash during creation leaves; start
		// afresh unless there are backups, which suggests it once held work.
		if newestBackup(abs) != "" {
			return nil, damagedError(abs, txtEmptyFile, "", nil)
		}
	case err == nil:
		if err := preflight(abs, opt.Timeout); err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist):
	default:
		return nil, notWritableError(abs, err)
	}
	db, err := bolt.Open(abs, 0o600, &bolt.Options{Timeout: opt.Timeout})
	if err != nil {
		return nil, openError(abs, err)
	}
	s := &Store{db: db, path: abs, opt: opt}
	if err := s.prepare(); err != nil {
		db.Close()
		return nil, err
	}
	// Damaged records leave the file usable (the others are sound, and
	// restoring a revision repairs one) but stop the backup; the UI shows
	// them at the start through Damaged or BackupErr.
	s.repairSummaries()
	bad, _ := s.Damaged()
	s.damaged = bad
	s.backupErr = s.dailyBackup(bad)
	s.recountIfRulesChanged() // after the backup, which keeps the file as it was
	return s, nil
}

// preflight validates an existing file without writing to it: lock probe,
// hand-made meta validation, then a read-only bbolt open with tx.Check.
func preflight(path string, timeout time.Duration) error {
	f, err := os.Open(path)
	if err != nil {
		return notWritableError(path, err)
	}
	defer f.Close()
	// Probe the lock first so that a file another window is writing is
	// reported as held, never judged from a half-written page.
	deadline := time.Now().Add(timeout)
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
	why := validateFile(f)
	unlock(f)
	if why != "" {
		return damagedError(path, why, "", nil)
	}
	why, detail, err := checkOpen(path, timeout)
	if err != nil {
		return err
	}
	if why != "" {
		return damagedError(path, why, detail, nil)
	}
	return nil
}

// Close releases the file.
func (s *Store) Close() error { return s.db.Close() }

// Path is the absolute path of the draft file.
func (s *Store) Path() string { return s.path }

// BackupErr is why today's backup could not be made at Open, if it could
// not (the store is usable regardless); nil when it was made or not due.
// It is a *BackupError; when damaged reports stopped it, their
// *ReportErrors are in its Damaged field.
func (s *Store) BackupErr() error { return s.backupErr }

// DamagedAtOpen is what Damaged found when the file was opened (nil when
// every report could be read); a restore since may have repaired them, so
// call Damaged for the state now.
func (s *Store) DamagedAtOpen() []*ReportError { return s.damaged }

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
	var v int
	s.db.View(func(tx *bolt.Tx) error { v = readSchema(tx); return nil })
	switch {
	case v < 0:
		return &FileError{Problem: NotDraft, Path: s.path}
	case v > SchemaVersion:
		return &FileError{Problem: Newer, Path: s.path, Version: v}
	case v == 0:
		return s.update(func(tx *bolt.Tx) error { return initBuckets(tx) })
	case v < SchemaVersion:
		return s.migrate(v)
	}
	return nil
}

func initBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketMeta, bucketReports, bucketInfo, bucketIndex, bucketRevs} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
}

// update runs fn in a write transaction (committed with fsync) and turns
// I/O failures into Chinese messages saying what to do.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	return saveError(s.path, s.db.Update(fn))
}
