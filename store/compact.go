package store

import (
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A bbolt file never shrinks: pages freed by pruning and by rewritten
// records are reused, never given back. Compaction writes the live data
// into a new file and puts it in place of the old one, as safely as a save:
// the old file is checked, the copy is written beside it and synced, then
// checked, the database is closed, the copy renamed over the file and the
// folder synced, and the file opened again. A crash at any moment leaves
// either the old file or the new one, complete (and a leftover copy, which
// the next writable open removes). The lock file (lockfile.go) is held
// throughout, so no other window opens the file while it is closed.

// compactMin is the least free space for which compaction is due.
const compactMin = 1 << 20

// Usage returns the draft file's size and how much of it is free pages
// (what compaction would give back, at least).
func (s *Store) Usage() (size, free int64, err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.db == nil {
		return 0, 0, s.closedError()
	}
	return s.usage()
}

func (s *Store) usage() (size, free int64, err error) {
	fi, err := os.Stat(s.path)
	if err != nil {
		return 0, 0, err
	}
	free, err = freeBytes(s.path)
	return fi.Size(), free, err
}

// CompactDue reports whether the file is much larger than its contents:
// more than half of it, and at least 1 MiB, free pages.
func (s *Store) CompactDue() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.db != nil && !s.opt.ReadOnly && s.compactDue()
}

func (s *Store) compactDue() bool {
	size, free, err := s.usage()
	return err == nil && free >= compactMin && free > size/2
}

// Compact rewrites the draft file to its live size (see above) and returns
// its size before and after. Other operations wait for it. On failure the
// file is as it was and the store stays usable, unless the file could not
// be opened again (a *FileError).
func (s *Store) Compact() (before, after int64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return 0, 0, s.closedError()
	}
	return s.compact()
}

// compact is Compact with s.mu held (or during Open).
func (s *Store) compact() (before, after int64, err error) {
	if s.opt.ReadOnly {
		return 0, 0, readOnlyError(s.path)
	}
	if err := s.brokenErr(); err != nil {
		return 0, 0, err
	}
	fi, err := os.Stat(s.path)
	if err != nil {
		return 0, 0, notWritableError(s.path, err)
	}
	before = fi.Size()
	if why, detail := checkDB(s.db); why != "" {
		err := damagedError(s.path, why, detail, nil)
		s.setBroken(err)
		return before, before, err
	}
	dir := filepath.Dir(s.path)
	tmp, err := os.CreateTemp(dir, leftoverPrefix(s.path)+"*")
	if err != nil {
		return before, before, saveError(s.path, err)
	}
	name := tmp.Name()
	tmp.Close()
	defer func() {
		if name != "" {
			os.Remove(name)
		}
	}()
	dst, err := bolt.Open(name, 0o600, &bolt.Options{Timeout: time.Second, PageSize: PageSize})
	if err != nil {
		return before, before, saveError(s.path, err)
	}
	tune(dst)
	// Each of Compact's transactions is committed with fsync.
	err = protect(func() error { return bolt.Compact(dst, s.db, 32<<20) })
	var used int64
	if err == nil {
		err = dst.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = truncateTo(name, used)
	}
	if err != nil {
		return before, before, saveError(s.path, err)
	}
	if why, detail, err := checkOpen(name, time.Second); err != nil || why != "" {
		if err == nil {
			err = damagedError(name, why, detail, nil)
		}
		return before, before, err
	}
	dropCache(s.db)
	if err := s.db.Close(); err != nil {
		return before, before, saveError(s.path, err)
	}
	s.db = nil
	renameErr := os.Rename(name, s.path)
	if renameErr == nil {
		name = ""
		syncDir(dir)
	}
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: s.opt.Timeout})
	if err != nil {
		err = openError(s.path, err)
		s.setBroken(err)
		return before, before, err
	}
	tune(db)
	s.db = db
	if renameErr != nil {
		return before, before, saveError(s.path, renameErr)
	}
	if fi, err := os.Stat(s.path); err == nil {
		after = fi.Size()
	}
	return before, after, nil
}

// truncateTo cuts the compacted copy at path to the size of its pages (it
// was grown ahead of them, see tune) and syncs it.
func truncateTo(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() <= size {
		return err
	}
	if err := f.Truncate(size); err != nil {
		return err
	}
	return f.Sync()
}

// allocSize is how far ahead of its pages bbolt grows a draft file once the
// file is past it. bbolt's default (16 MiB) makes a file of 9 MB of pages
// 16 MiB on disk. Growing in steps of 64 KiB costs a truncate and an fsync
// every 8 new pages of 8 KiB: some 160 over the year of BenchmarkYear50,
// whose file ends at 10.7 MB, against a quarter as many and 0.2 MB more
// on disk with steps of 256 KiB. (On Windows bbolt sizes the file to its
// memory map, the next power of two, whatever this says.)
const allocSize = 64 << 10

// tune sets what the store changes in bbolt's defaults on a writable handle.
func tune(db *bolt.DB) {
	db.AllocSize = allocSize
}
