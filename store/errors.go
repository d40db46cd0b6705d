package store

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	berrors "go.etcd.io/bbolt/errors"

	"nianbao/internal/fsreason"
)

// The store's errors are facts: what failed, which file, which backup. They
// name no command, option or key; the command line and the UI each add what
// the officer can do, in their own terms (cli names its commands and --db,
// the UI its keys).

var (
	// ErrNotFound: no (live) report with that id, agency and year, or revision.
	ErrNotFound = errors.New(txtNotFound)
	// ErrDuplicate: another live report already has that (机关名称, 年度).
	ErrDuplicate = errors.New(txtDuplicate)
	// ErrNoDataDir: the user's data folder is unknown, so there is no
	// default draft file; the caller must name one.
	ErrNoDataDir = errors.New(txtNoDataDir)
)

// FileProblem says why the draft file itself cannot be used.
type FileProblem int

const (
	// Held: another nianbao window has the file open.
	Held FileProblem = iota + 1
	// Damaged: truncated, failing validation or bbolt's check (Reason says
	// which); Backup names the newest backup, if any.
	Damaged
	// Newer: written by a newer version of nianbao (Version).
	Newer
	// NotWritable: the file or its folder cannot be opened for writing
	// (Reason), or could not be brought to the current layout (Migrating).
	NotWritable
	// IsFolder: a folder stands where the draft file should be.
	IsFolder
	// NotFile: a pipe, a device or a socket stands there.
	NotFile
	// NotDraft: a bbolt file of another program.
	NotDraft
	// NoLocks: the file system has no file locks (a network share), so a
	// second window could write at the same time.
	NoLocks
	// SaveFailed: a write transaction failed (disk full, read-only, I/O,
	// the file closed); Reason says which. Nothing of it was written.
	SaveFailed
	// Missing: a read-only open found no draft file (or an empty one) to
	// read; it makes none.
	Missing
	// Older: the file is of an older layout, which a read-only open
	// cannot bring up to date; a writable open does (after keeping a copy).
	Older
	// OpenedReadOnly: a write was asked of a store opened read-only.
	OpenedReadOnly
	// Unreadable: a read-only open cannot even read the file (Reason).
	Unreadable
)

// FileError is an error about the draft file as a whole. Error gives the
// facts as complete Chinese text; technical detail (English, from the system
// or bbolt) is kept apart in Detail for a log or a 详细信息 view.
type FileError struct {
	Problem FileProblem
	Path    string
	// Reason is a short Chinese reason: 文件是空的, 磁盘已满 …
	Reason string
	// Backup is the name of the newest backup (as ListBackups gives it, for
	// Recover) when Problem is Damaged and one exists.
	Backup string
	// Version is the file's layout version when Problem is Newer.
	Version int
	// Migrating: the failure happened while upgrading an older layout;
	// Copy is the copy of the file kept before.
	Migrating bool
	Copy      string
	// Detail is the technical cause, possibly English; never part of Error.
	Detail string
	Err    error // underlying cause, if any
}

func (e *FileError) Error() string {
	switch e.Problem {
	case Held:
		return fmt.Sprintf(txtHeld, e.Path)
	case Damaged:
		msg := fmt.Sprintf(txtDamagedFile, e.Path, e.Reason)
		if e.Backup != "" {
			return msg + fmt.Sprintf(txtNewestBackup, e.Backup)
		}
		return msg + txtNoBackup
	case Newer:
		return fmt.Sprintf(txtNewer, e.Path, e.Version, SchemaVersion)
	case IsFolder:
		return fmt.Sprintf(txtIsFolder, e.Path)
	case NotFile:
		return fmt.Sprintf(txtNotFile, e.Path)
	case NotDraft:
		return fmt.Sprintf(txtNotDraft, e.Path)
	case NoLocks:
		return fmt.Sprintf(txtNoLocks, e.Path)
	case SaveFailed:
		return fmt.Sprintf(txtNotSaved, e.Reason)
	case Missing:
		return fmt.Sprintf(txtMissing, e.Path)
	case Older:
		return fmt.Sprintf(txtOlder, e.Path)
	case OpenedReadOnly:
		return fmt.Sprintf(txtOpenedReadOnly, e.Path)
	case Unreadable:
		return fmt.Sprintf(txtUnreadable, e.Path, e.Reason)
	}
	if e.Migrating {
		return fmt.Sprintf(txtMigrateFailed, e.Path, e.Reason, e.Copy)
	}
	return fmt.Sprintf(txtNotWritable, e.Path, e.Reason)
}

func (e *FileError) Unwrap() error { return e.Err }

// ReadOnly reports whether a NotWritable or SaveFailed error comes from a
// read-only file, folder or disk (the officer may choose another place).
func (e *FileError) ReadOnly() bool { return isReadOnly(e.Err) }

// DiskFull reports whether the error comes from a full disk.
func (e *FileError) DiskFull() bool { return isDiskFull(e.Err) }

// Unusable reports whether err means the draft file itself cannot be used
// (held by another window, damaged, newer schema, not writable, disk full);
// the command line exits with status 3 for these.
func Unusable(err error) bool {
	var fe *FileError
	return errors.As(err, &fe)
}

func heldError(path string, err error) error {
	return &FileError{Problem: Held, Path: path, Err: err, Detail: errDetail(err)}
}

// damagedError says the file cannot be used and names the newest backup
// (as ListBackups names it). reason is short Chinese; detail is technical.
func damagedError(path, reason, detail string, err error) error {
	if detail == "" && err != nil {
		detail = err.Error()
	}
	return &FileError{Problem: Damaged, Path: path, Reason: reason, Detail: detail, Backup: newestBackup(path), Err: err}
}

// openError explains why bbolt could not open the file: held by another
// window, no file locks where it lies, not writable, or damaged.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return heldError(path, err)
	case isNoLock(err):
		// Without locks a second window could write at the same time and
		// ruin the file: refuse rather than open it unprotected.
		return &FileError{Problem: NoLocks, Path: path, Err: err, Detail: err.Error()}
	case isReadOnly(err) || isDiskFull(err) || isPathError(err):
		return notWritableError(path, err)
	}
	return damagedError(path, txtCannotOpen, "", err)
}

func notWritableError(path string, err error) error {
	return &FileError{Problem: NotWritable, Path: path, Reason: fsreason.Reason(path, err), Err: err, Detail: errDetail(err)}
}

// isPathError: the path itself leads nowhere (a missing folder, a
// shortcut to nothing or to itself, a file where a folder should be, a name
// too long); the file was never reached, so it is not damaged.
func isPathError(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.ELOOP) ||
		errors.Is(err, syscall.ENAMETOOLONG)
}

func errDetail(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// saveError turns a failed write into a SaveFailed *FileError (Unusable)
// when the file failed (disk full, read-only, an I/O error, closed); the
// cause stays reachable with errors.Is. The store's own refusals (a
// duplicate, a missing agency, a damaged report) are returned as they are.
// Nothing of the transaction was written and the report in memory is
// untouched, so the caller may keep it and save again.
func saveError(path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	var reason string
	switch {
	case isDiskFull(err):
		reason = fmt.Sprintf(txtSaveDiskFull, path)
	case isReadOnly(err):
		reason = fmt.Sprintf(txtSaveReadOnly, path, fsreason.Reason(path, err))
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		reason = fmt.Sprintf(txtSaveClosed, path)
	case isIOError(err):
		reason = fmt.Sprintf(txtSaveIO, path, ioReason(path, err))
	default:
		return err
	}
	return &FileError{Problem: SaveFailed, Path: path, Reason: reason, Err: err, Detail: err.Error()}
}

// isIOError tells a failure of the file system (an errno somewhere in the
// chain) from the store's own refusals, which are Chinese already.
func isIOError(err error) bool {
	var errno syscall.Errno
	var pe *fs.PathError
	return errors.As(err, &errno) || errors.As(err, &pe)
}

func isReadOnly(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

// ioReason is a short Chinese reason for a file system error on path
// (fsreason: the same words as every other package); the English text of
// the system is left to Detail.
func ioReason(path string, err error) string {
	if err != nil && isDiskFull(err) {
		return txtReasonDiskFull
	}
	return fsreason.Reason(path, err)
}

// ErrDamagedReport is matched (errors.Is) by every *ReportError: one stored
// report cannot be read while the rest of the file is sound. The file stays
// usable; `check --all` and the report list skip that report and say so.
var ErrDamagedReport = errors.New(txtDamagedReportSentinel)

// ReportError says that one report's stored record cannot be read (its
// content, or its summary and content, are damaged). Its revisions are
// stored apart, so History still lists them and Restore of an intact one
// makes the report whole again: each front end says how to get there.
type ReportError struct {
	ID     string
	Agency string // "" when neither summary, index nor history tells it
	Year   int
	// Detail is the technical cause (a JSON decoding error); never part
	// of Error.
	Detail string
}

// Named reports whether the report's name could be read.
func (e *ReportError) Named() bool { return e.Agency != "" && e.Year != 0 }

func (e *ReportError) Error() string {
	if e.Named() {
		return fmt.Sprintf(txtDamagedReportNamed, fmt.Sprintf(txtReportName, e.Agency, e.Year), e.ID)
	}
	return fmt.Sprintf(txtDamagedReportID, e.ID)
}

// Is makes errors.Is(err, ErrDamagedReport) true.
func (e *ReportError) Is(target error) bool { return target == ErrDamagedReport }

// BackupError is why today's backup was not made (see Store.BackupErr):
// damaged reports (Damaged), or the copy failed (Path, Err).
type BackupError struct {
	// Damaged lists the damaged reports that stopped the backup, if any.
	Damaged []*ReportError
	Path    string // the backup that could not be written
	Err     error
}

func (e *BackupError) Error() string {
	if fe := (*FileError)(nil); errors.As(e.Err, &fe) && fe.Problem == Damaged {
		return txtNoBackupFileDamaged + fe.Error()
	}
	if len(e.Damaged) > 0 {
		names := make([]string, len(e.Damaged))
		for i, d := range e.Damaged {
			names[i] = d.ID
			if d.Named() {
				names[i] = fmt.Sprintf(txtReportName, d.Agency, d.Year)
			}
		}
		return fmt.Sprintf(txtNoBackupDamaged, strings.Join(names, txtListSep))
	}
	return fmt.Sprintf(txtBackupFailed, e.Path, ioReason(e.Path, e.Err))
}

func (e *BackupError) Unwrap() error { return e.Err }
