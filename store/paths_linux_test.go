//go:build linux

package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenOddPaths (issue 10.6): a draft file path that is a pipe, a
// shortcut to nowhere or to itself, or that runs through a file is said for
// what it is; none is called damaged (已损坏) or 系统错误, and nothing is
// created or changed.
func TestOpenOddPaths(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no pipes here: %v", err)
	}
	// Backups beside the pipe: before, it read as an empty draft file
	// that once held work (文件是空的).
	os.MkdirAll(filepath.Join(dir, BackupDir), 0o700)
	os.WriteFile(filepath.Join(dir, BackupDir, "fifo-2024-01-02.db"), []byte("x"), 0o600)
	dangling := filepath.Join(dir, "dangling.db")
	os.Symlink(filepath.Join(dir, "gone", "drafts.db"), dangling)
	loop := filepath.Join(dir, "loop.db")
	os.Symlink("loop.db", loop)
	file := filepath.Join(dir, "afile")
	os.WriteFile(file, []byte("x"), 0o600)
	for _, tc := range []struct {
		path    string
		problem FileProblem
		says    string
	}{
		{fifo, NotFile, "草稿文件的位置不是普通文件，而是管道、设备或套接字：" + fifo},
		{dangling, NotWritable, "快捷方式（符号链接），它指向的 " + filepath.Join(dir, "gone", "drafts.db") + " 不存在"},
		{loop, NotWritable, "loop.db 是循环指向自己的快捷方式（符号链接）"},
		{filepath.Join(file, "drafts.db"), NotWritable, "路径中的 " + file + " 是文件，不是文件夹"},
	} {
		_, err := Open(tc.path, Options{})
		var fe *FileError
		if !errors.As(err, &fe) || fe.Problem != tc.problem || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v (%#v)", tc.path, err, err)
			continue
		}
		for _, wrong := range []string{"损坏", "系统错误", "文件是空的", "文件夹只读"} {
			if strings.Contains(err.Error(), wrong) {
				t.Errorf("%s: %q says %s", tc.path, err, wrong)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "gone")); !errors.Is(err, os.ErrNotExist) {
		t.Error("the dangling shortcut's folder was created")
	}
}
