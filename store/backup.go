package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

const (
	// KeepDaily and KeepWeekly are how many daily and weekly backups are kept.
	KeepDaily  = 7
	KeepWeekly = 4
	// BackupDir is the folder beside the draft file that holds the backups.
	BackupDir = "backups"
)

// Backup is one backup copy of the draft file.
type Backup struct {
	Name string    // file name inside the backups folder, e.g. drafts-2026-11-25.db
	Time time.Time // when it was made
	Size int64
	Kind string // "daily" or "weekly"
	day  time.Time
}

func backupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), BackupDir) }

// backupPrefix starts the names of dbPath's backups: drafts.db's are
// drafts-2026-11-25.db. Only a .db ending is dropped, so that draft files
// beside each other (x.db, x.dat, x.db.old) never take each other's backups
// for their own, nor prune them (x and x.db still share: a draft file is
// named *.db unless someone renames it by hand).
func backupPrefix(dbPath string) string {
	return strings.TrimSuffix(filepath.Base(dbPath), ".db") + "-"
}

func backupName(dbPath string, day time.Time) string {
	return backupPrefix(dbPath) + day.Format(time.DateOnly) + ".db"
}

// scanBackups lists the backups of dbPath, newest first, with their kind;
// those beyond the retention get Kind "".
func scanBackups(dbPath string) ([]Backup, error) {
	ents, err := os.ReadDir(backupDir(dbPath))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf(txtBackupDirUnread, backupDir(dbPath), ioReason(backupDir(dbPath), err))
	}
	prefix := backupPrefix(dbPath)
	var out []Backup
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") {
			continue
		}
		day, err := time.ParseInLocation(time.DateOnly, strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db"), time.Local)
		if err != nil {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Backup{Name: name, Time: fi.ModTime(), Size: fi.Size(), day: day})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].day.After(out[j].day) })
	// The newest KeepDaily are daily; of the older ones, the newest of each
	// ISO week is weekly, for the KeepWeekly most recent weeks.
	weeks := map[[2]int]bool{}
	for i := range out {
		if i < KeepDaily {
			out[i].Kind = "daily"
			continue
		}
		y, w := out[i].day.ISOWeek()
		if wk := [2]int{y, w}; !weeks[wk] && len(weeks) < KeepWeekly {
			weeks[wk] = true
			out[i].Kind = "weekly"
		}
	}
	return out, nil
}

// ListBackups lists the backups of the draft file at dbPath, newest first,
// without opening it (for recovering a file that cannot be opened).
func ListBackups(dbPath string) ([]Backup, error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	all, err := scanBackups(abs)
	var kept []Backup
	for _, b := range all {
		if b.Kind != "" {
			kept = append(kept, b)
		}
	}
	return kept, err
}

// Backups lists this store's backups, newest first.
func (s *Store) Backups() ([]Backup, error) { return ListBackups(s.path) }

// newestBackup is the name of the newest backup (as ListBackups names it,
// for Recover), or "".
func newestBackup(dbPath string) string {
	list, _ := ListBackups(dbPath)
	if len(list) == 0 {
		return ""
	}
	return list[0].Name
}

// copyTo writes a consistent copy of the open file to dst through a read
// transaction: a temporary file beside dst, synced, then renamed. An
// existing dst is never replaced.
func (s *Store) copyTo(dst string) error {
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	name, err := writeTemp(dir, "."+filepath.Base(dst)+".tmp-*", func(w io.Writer) error {
		return s.view(func(tx *bolt.Tx) error { _, err := tx.WriteTo(w); return err })
	})
	if err != nil {
		return err
	}
	if err := placeNew(name, dst); err != nil {
		os.Remove(name)
		return err
	}
	// The copy kept before a migration must outlive a power cut that the
	// migrated file survives: make its name durable too.
	syncDir(dir)
	return nil
}

// writeTemp makes a new file (mode 0600) in dir named after pattern, fills
// it and syncs it, so that it is complete on disk before it is renamed into
// place. On failure the file is removed again.
func writeTemp(dir, pattern string, fill func(io.Writer) error) (string, error) {
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	w := &firstErrWriter{w: tmp}
	if err = fill(w); err != nil && w.err != nil {
		// bbolt's WriteTo reports a failed write as text ("meta 0 copy:
		// …"), losing the errno that says the disk is full.
		err = w.err
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o600)
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// firstErrWriter keeps the first error of the writer it wraps.
type firstErrWriter struct {
	w   io.Writer
	err error
}

func (f *firstErrWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// placeNew moves the finished file src to dst, failing if dst exists.
func placeNew(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return os.Remove(src)
	} else if errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s: %w", dst, fs.ErrExist)
	}
	return os.Rename(src, dst)
}

// dailyBackup makes today's backup if there is none yet, then drops the
// backups beyond the retention (see DailyBackup).
func (s *Store) dailyBackup() error {
	dst := filepath.Join(backupDir(s.path), backupName(s.path, s.opt.Now()))
	if _, err := os.Lstat(dst); err == nil {
		return nil
	}
	if err := s.Check(); err != nil {
		return &BackupError{Path: dst, Err: err}
	}
	bad, err := s.Damaged()
	if err != nil {
		return &BackupError{Path: dst, Err: err}
	}
	if len(bad) > 0 {
		return &BackupError{Damaged: bad}
	}
	s.repairSummaries()
	if err := s.copyTo(dst); err != nil && !errors.Is(err, fs.ErrExist) {
		return &BackupError{Path: dst, Err: err}
	}
	all, err := scanBackups(s.path)
	if err != nil {
		return err
	}
	for _, b := range all {
		if b.Kind == "" {
			os.Remove(filepath.Join(backupDir(s.path), b.Name))
		}
	}
	return nil
}

// Recover replaces the draft file at dbPath with the backup backupName (a
// name from ListBackups). The current file, if any, is kept beside it as
// <file>.before-recover-<time> (returned) and never overwritten. The draft
// file must not be open, here or in another window.
func Recover(dbPath, backupName string) (keptAside string, err error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", err
	}
	if backupName == "" || filepath.Base(backupName) != backupName {
		return "", fmt.Errorf(txtBackupBadName, backupName)
	}
	src := filepath.Join(backupDir(abs), backupName)
	// The backup must itself be sound before it becomes the draft file.
	bf, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf(txtBackupMissing, src, ioReason(src, err))
	}
	defer bf.Close()
	if why := validateFile(bf, true); why != "" {
		return "", fmt.Errorf(txtBackupDamaged, src, why)
	}
	if why, _, err := checkOpen(src, time.Second); err != nil || why != "" {
		if err == nil {
			err = errors.New(why)
		}
		return "", fmt.Errorf(txtBackupUnusable, src, err)
	}
	// Hold the lock file and the draft file's own lock while swapping, so
	// that no window has it.
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return "", notWritableError(abs, err)
	}
	lock, err := takeLock(abs, Options{Timeout: time.Nanosecond})
	if err != nil {
		return "", err
	}
	defer releaseLock(lock)
	cur, err := os.Open(abs)
	exists := err == nil
	if exists {
		defer cur.Close()
		ok, lerr := tryLock(cur, true)
		if !ok && lerr == nil {
			return "", heldError(abs, berrors.ErrTimeout)
		}
		if ok {
			defer unlock(cur)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", notWritableError(abs, err)
	}
	dir := filepath.Dir(abs)
	tmpName, err := writeTemp(dir, "."+filepath.Base(abs)+".recover-*", func(w io.Writer) error {
		if _, err := bf.Seek(0, io.SeekStart); err != nil {
			return err
		}
		_, err := io.Copy(w, bf)
		return err
	})
	if err != nil {
		return "", fmt.Errorf(txtRecoverFailed, ioReason(abs, err))
	}
	if exists {
		stamp := time.Now().Format("20060102-150405")
		for i := 1; ; i++ {
			keptAside = abs + ".before-recover-" + stamp
			if i > 1 {
				keptAside += fmt.Sprintf("-%d", i)
			}
			err = os.Link(abs, keptAside)
			if err == nil || !errors.Is(err, fs.ErrExist) {
				break
			}
		}
		if err != nil {
			// No hard links here: move the file aside instead.
			if _, lerr := os.Lstat(keptAside); lerr == nil {
				os.Remove(tmpName)
				return "", fmt.Errorf(txtRecoverAsideTaken, keptAside)
			}
			if err = os.Rename(abs, keptAside); err != nil {
				os.Remove(tmpName)
				return "", fmt.Errorf(txtRecoverNoAside, ioReason(abs, err))
			}
		}
	}
	if err := os.Rename(tmpName, abs); err != nil {
		os.Remove(tmpName)
		return keptAside, fmt.Errorf(txtRecoverKept, ioReason(abs, err), keptAside)
	}
	syncDir(dir)
	return keptAside, nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
