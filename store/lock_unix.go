//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package store

import (
	"os"
	"syscall"
)

// tryLock takes the same advisory lock bbolt takes (flock), without waiting.
// Locks are per open file, so it must be released before bbolt opens the
// file in this process.
func tryLock(f *os.File, exclusive bool) (bool, error) {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
	if err == syscall.EWOULDBLOCK || err == syscall.EAGAIN {
		return false, nil
	}
	return err == nil, err
}

func unlock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
