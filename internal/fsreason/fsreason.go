// Package fsreason says in Chinese why an operation on a file failed, in
// words an office clerk can act on: the disk is full, the file (not the
// folder) is read-only, a part of the path is a file, a shortcut (symbolic
// link) points nowhere or to itself, the thing named is a pipe or a device.
// The system's own words (open x: permission denied) are English and never
// shown; the store, the importer, the export and the command line all ask
// this package, so the same failure reads the same everywhere.
package fsreason

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Reason says why an operation on path failed with err; path may be "" when
// unknown, and then the reason is less precise (no file or folder named).
func Reason(path string, err error) string {
	if err == nil {
		return txtUnknown
	}
	switch k := kindOf(err); k {
	case notExist:
		return missing(path)
	case permission:
		return denied(path)
	case notDir:
		if p := fileInPath(path); p != "" {
			return fmt.Sprintf(txtNotDirNamed, p)
		}
		return txtNotDir
	case loop:
		if path != "" {
			return fmt.Sprintf(txtLoopNamed, filepath.Base(path))
		}
		return txtLoop
	case other:
		if n, ok := errnoNumber(err); ok {
			return fmt.Sprintf(txtSystemCode, n)
		}
		return txtSystem
	default:
		return reasons[k]
	}
}

// missing: the file is not there; a dangling shortcut or a missing folder
// is said as such.
func missing(path string) string {
	if path == "" {
		return txtNotExist
	}
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(path)
		return fmt.Sprintf(txtDangling, target)
	}
	if dir := filepath.Dir(path); dir != path {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return fmt.Sprintf(txtNoFolder, dir)
		}
	}
	return txtNotExist
}

// denied: the file itself is read-only (or not ours), or the folder is,
// when the file is not there yet.
func denied(path string) string {
	if path == "" {
		return txtPermission
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return txtFolderDenied
	case err == nil:
		// Reading it is allowed: it was a write that was refused.
		if f, err := os.Open(path); err == nil {
			f.Close()
			return txtFileReadOnly
		}
		return txtFileNoRead
	}
	return fmt.Sprintf(txtFolderDeniedNamed, filepath.Dir(path))
}

// fileInPath is the first part of path that exists and is not a folder.
func fileInPath(path string) string {
	if path == "" {
		return ""
	}
	var parts []string
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		parts = append(parts, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	for i := len(parts) - 1; i >= 0; i-- {
		fi, err := os.Stat(parts[i])
		if err != nil {
			return ""
		}
		if !fi.IsDir() {
			return parts[i]
		}
	}
	return ""
}

type kind int

const (
	other kind = iota
	notExist
	permission
	readOnlyFS
	diskFull
	quota
	isDir
	notDir
	loop
	nameTooLong
	ioError
	badName
	tooManyFiles
	busy
	notRegular
	exists
)

var reasons = map[kind]string{
	readOnlyFS:   txtReadOnlyFS,
	diskFull:     txtDiskFull,
	quota:        txtQuota,
	isDir:        txtIsDir,
	nameTooLong:  txtNameTooLong,
	ioError:      txtIO,
	badName:      txtBadName,
	tooManyFiles: txtTooManyFiles,
	busy:         txtBusy,
	notRegular:   txtNotRegular,
	exists:       txtExists,
}

// kindOf sorts err, by the portable errors first, then by the system's
// error numbers (sys_*.go).
func kindOf(err error) kind {
	if k := sysKind(err); k != other {
		return k
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return notExist
	case errors.Is(err, fs.ErrPermission):
		return permission
	case errors.Is(err, fs.ErrExist):
		return exists
	}
	return other
}
