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
