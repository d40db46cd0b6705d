package store

import (
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes the lock bbolt takes on Windows: the last byte of the
// largest offset, so that reads of the data stay possible.
func tryLock(f *os.File, exclusive bool) (bool, error) {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, &windows.Overlapped{Offset: ^uint32(0), OffsetHigh: ^uint32(0)})
	if err == windows.ERROR_LOCK_VIOLATION || err == windows.ERROR_IO_PENDING {
		return false, nil
	}
	return err == nil, err
}

func unlock(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &windows.Overlapped{Offset: ^uint32(0), OffsetHigh: ^uint32(0)})
}
