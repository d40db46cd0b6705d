package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	berrors "go.etcd.io/bbolt/errors"
)

// The single-writer lock lives in a file of its own beside the draft file,
// <file>.lock, rather than only on the draft file (bbolt locks that too):
// compaction replaces the draft file by renaming a new one over it, and a
// lock on the old file would not hold the new one. The lock file is never
// renamed or deleted (deleting it would let a second window lock a new
// file while the first holds the old one). A writable open holds it
// exclusively until Close; a read-only open holds it shared, and does not
// make it when it is missing (nothing is written on a read-only open; a
// writer of this program always makes it first, and bbolt's own lock on
// the draft file still keeps readers and writers apart). On Windows, where
// a file that is open cannot be renamed over, every other window is kept
// out by this lock while the draft file is closed for the rename.

func lockPath(dbPath string) string { return dbPath + ".lock" }

// takeLock takes the lock file of the draft file at abs, waiting up to
// opt.Timeout for another window to let it go.
func takeLock(abs string, opt Options) (*os.File, error) {
	name := lockPath(abs)
	if opt.ReadOnly {
		f, err := os.Open(name)
		if err != nil {
			return nil, nil // none made yet, or not ours to read
		}
		return waitLock(abs, f, opt)
	}
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600); err != nil {
				return nil, notWritableError(abs, err)
			}
		default:
			// Made by another user, say: it locks as well read-only.
			if f, err = os.Open(name); err != nil {
				return nil, notWritableError(abs, err)
			}
		}
	}
	return waitLock(abs, f, opt)
}

func waitLock(abs string, f *os.File, opt Options) (*os.File, error) {
	deadline := time.Now().Add(opt.Timeout)
	for {
		ok, err := tryLock(f, !opt.ReadOnly)
		switch {
		case ok:
			return f, nil
		case err != nil && opt.ReadOnly:
			f.Close()
			return nil, nil // no locks here: bbolt's own decides
		case err != nil:
			f.Close()
			return nil, openError(abs, err)
		case time.Now().After(deadline):
			f.Close()
			return nil, heldError(abs, berrors.ErrTimeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func releaseLock(f *os.File) {
	if f != nil {
		unlock(f)
		f.Close()
	}
}

// leftoverPrefix starts the names of the temporary files compaction makes
// beside the draft file.
func leftoverPrefix(abs string) string { return "." + filepath.Base(abs) + ".compact-" }

// removeLeftovers deletes what a compaction interrupted by a crash left
// beside the draft file: an incomplete copy, never renamed into place.
// Only a writer, holding the lock, calls it.
func removeLeftovers(abs string) {
	ents, err := os.ReadDir(filepath.Dir(abs))
	if err != nil {
		return
	}
	prefix := leftoverPrefix(abs)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(filepath.Dir(abs), e.Name()))
		}
	}
}
