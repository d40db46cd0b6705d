// Package atomicfile writes files so that a reader sees either the old
// content or the new, never a half-written file: a temporary file in the same
// folder, synced, then renamed over the target.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned when the target exists and replacing was not asked for.
var ErrExists = errors.New("file exists")

// Write writes data to path atomically with the given mode. Unless replace
// is set it refuses (with an error wrapping ErrExists) to replace a file that
// is already there.
func Write(path string, data []byte, mode fs.FileMode, replace bool) error {
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(name, mode); err != nil {
		return err
	}
	if !replace {
		// Link fails if the target appeared meanwhile; fall back to rename
		// on file systems without hard links.
		if err := os.Link(name, path); err == nil {
			os.Remove(name)
			ok = true
			syncDir(dir)
			return nil
		} else if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
