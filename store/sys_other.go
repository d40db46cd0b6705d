//go:build !unix && !windows

package store

import (
	"errors"
	"syscall"
)

func isDiskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

func isNoLock(err error) bool { return errors.Is(err, syscall.ENOLCK) }
