//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly || windows)

package store

import "os"

// tryLock: no advisory locks here; bbolt's own lock still applies when it opens.
func tryLock(f *os.File, exclusive bool) (bool, error) { return true, nil }

func unlock(f *os.File) error { return nil }
