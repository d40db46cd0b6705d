package store

import (
	"errors"
	"syscall"
)

func isDiskFull(err error) bool {
	var en syscall.Errno
	if errors.As(err, &en) {
		// ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
		return en == 39 || en == 112
	}
	return false
}

// isNoLock: LockFileEx is not supported where the file lies
// (ERROR_NOT_SUPPORTED, ERROR_INVALID_FUNCTION from some network redirectors).
func isNoLock(err error) bool {
	var en syscall.Errno
	return errors.As(err, &en) && (en == 50 || en == 1)
}
