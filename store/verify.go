package store

import (
	"errors"
	"fmt"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// What replaces bbolt's full consistency check at every open (which read
// every page of the file, and grew with it): the meta pages and the free
// page list are validated by hand before bbolt maps the file (validate.go);
// every record carries a checksum verified when it is read (checksum.go);
// every transaction runs with faults turned into panics and panics
// recovered, so a damaged page read on the way cannot crash the program;
// and a read that fails either way runs the full check, which tells a
// damaged report (the rest of the file is sound: the report is marked and
// restorable from its history) from a damaged file (nothing more is
// written to it, and the error names the newest backup). The full check
// runs whole before each daily backup, before a migration and a
// compaction, and in Recover on the backup it restores.

// panicError is a panic recovered inside a transaction: bbolt reading a
// damaged page.
type panicError struct{ v any }

func (e panicError) Error() string { return fmt.Sprint("panic: ", e.v) }

// protect runs fn with memory faults turned into panics, and recovers
// them: a damaged page must not crash the program.
func protect(fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			err = panicError{r}
		}
	}()
	return fn()
}

// closedError is what an operation on a closed store returns.
func (s *Store) closedError() error { return saveError(s.path, berrors.ErrDatabaseNotOpen) }

// view runs fn in a read transaction (see above).
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	s.mu.RLock()
	if s.db == nil {
		s.mu.RUnlock()
		return s.closedError()
	}
	err := protect(func() error { return s.db.View(fn) })
	s.mu.RUnlock()
	return s.afterFailure(err)
}

// update runs fn in a write transaction (committed with fsync) and turns
// I/O failures into Chinese messages saying what to do. A read-only store,
// or one whose file was found damaged, refuses.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	s.mu.RLock()
	if s.db == nil {
		s.mu.RUnlock()
		return s.closedError()
	}
	if s.opt.ReadOnly {
		s.mu.RUnlock()
		return readOnlyError(s.path)
	}
	if err := s.brokenErr(); err != nil {
		s.mu.RUnlock()
		return err
	}
	err := protect(func() error { return s.db.Update(fn) })
	s.mu.RUnlock()
	return saveError(s.path, s.afterFailure(err))
}

func (s *Store) brokenErr() error {
	s.state.Lock()
	defer s.state.Unlock()
	return s.broken
}

// afterFailure looks at the error of a transaction: a damaged report or a
// recovered panic runs the full check (once per state of the file), with
// every other operation kept waiting (on a read-only file bbolt's check
// loads the free page list, which no transaction may be reading then). A
// damaged file turns every error into the file's; a sound one leaves a
// damaged report's error as it is. Called without s.mu.
func (s *Store) afterFailure(err error) error {
	var pe panicError
	isPanic := errors.As(err, &pe)
	if !isPanic && !errors.Is(err, ErrDamagedReport) {
		return err
	}
	s.mu.Lock()
	var ferr error
	if s.db == nil {
		ferr = s.closedError()
	} else {
		ferr = s.fullCheck()
	}
	s.mu.Unlock()
	if ferr != nil {
		return ferr
	}
	if isPanic {
		// The file is sound, yet reading it failed: say so rather
		// than guess, keep the details, and write nothing more.
		ferr := damagedError(s.path, txtReadFailed, pe.Error(), pe)
		s.setBroken(ferr)
		return ferr
	}
	return err
}

func (s *Store) setBroken(err error) {
	s.state.Lock()
	if s.broken == nil {
		s.broken = err
	}
	s.state.Unlock()
}

// fullCheck runs bbolt's consistency check over the whole file (every page
// read, on this goroutine, with faults recovered) unless it passed at the
// file's current transaction. A damaged file is remembered: nothing more
// is written to it. Called with s.mu held for writing.
func (s *Store) fullCheck() error {
	if err := s.brokenErr(); err != nil {
		return err
	}
	txid := -1
	if err := protect(func() error {
		return s.db.View(func(tx *bolt.Tx) error { txid = tx.ID(); return nil })
	}); err != nil {
		txid = -1
	}
	s.state.Lock()
	done := txid >= 0 && s.checkedTx == txid
	s.state.Unlock()
	if done {
		return nil
	}
	if why, detail := checkDB(s.db); why != "" {
		err := damagedError(s.path, why, detail, nil)
		s.setBroken(err)
		return err
	}
	s.state.Lock()
	s.checkedTx = txid
	s.state.Unlock()
	return nil
}

// Check runs bbolt's full consistency check over the whole file now. A
// damaged file gives a *FileError (Problem Damaged), after which the store
// writes nothing more. Damaged verifies the records themselves.
func (s *Store) Check() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return s.closedError()
	}
	return s.fullCheck()
}

// DailyBackup makes today's backup of the draft file, if none was made
// today, after checking the whole file: bbolt's full check, then every
// report and summary verified (Damaged). A damaged file or damaged reports
// are not backed up, so that the good backups are not pushed out by copies
// of them; summaries that can be made again are stored again first, so the
// copy decodes throughout. Old backups beyond the retention are removed.
//
// The program calls it once after opening a writable file: the UI after its
// first screen is drawn, a command before it changes anything. It does
// nothing on a read-only open. The result is also kept for BackupErr, and
// the damaged reports found for DamagedAtOpen. The store stays usable
// whatever it returns.
func (s *Store) DailyBackup() error {
	if s.opt.ReadOnly {
		return nil
	}
	err := s.dailyBackup()
	s.state.Lock()
	s.backupErr = err
	var be *BackupError
	if errors.As(err, &be) {
		s.damaged = be.Damaged
	} else {
		s.damaged = nil
	}
	s.state.Unlock()
	return err
}
