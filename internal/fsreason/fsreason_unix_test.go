//go:build unix

package fsreason

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestReasonOfRealFailures: each failure is made for real on this machine
// and said in Chinese, naming what an officer can look at.
func TestReasonOfRealFailures(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "afile")
	os.WriteFile(file, []byte("x"), 0o644)
	dangling := filepath.Join(dir, "dangling.db")
	os.Symlink(filepath.Join(dir, "nowhere", "x.db"), dangling)
	looped := filepath.Join(dir, "loop.db")
	os.Symlink("loop.db", looped)
	fifo := filepath.Join(dir, "fifo")
	syscall.Mkfifo(fifo, 0o600)

	create := func(p string) error { _, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o600); return err }
	open := func(p string) error { _, err := os.Open(p); return err }
	for _, tc := range []struct {
		path string
		op   func(string) error
		want string
	}{
		{filepath.Join(file, "x.db"), create, "路径中的 " + file + " 是文件，不是文件夹"},
		{dangling, create, "这是一个快捷方式（符号链接），它指向的 " + filepath.Join(dir, "nowhere", "x.db") + " 不存在"},
		{looped, open, "loop.db 是循环指向自己的快捷方式（符号链接）"},
		{filepath.Join(dir, "no", "such.txt"), open, "文件夹 " + filepath.Join(dir, "no") + " 不存在"},
		{filepath.Join(dir, "such.txt"), open, "文件不存在"},
		{dir, func(p string) error { _, err := os.OpenFile(p, os.O_RDWR, 0); return err }, "这是一个文件夹，不是文件"},
		{"x\x00y", open, "文件名中有系统不允许的字符"},
		{fifo, func(p string) error { _, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); return err }, "这不是普通文件（是管道、设备或套接字）"},
		{filepath.Join(dir, strings.Repeat("长", 200)), create, "文件名或路径太长"},
	} {
		err := tc.op(tc.path)
		if err == nil {
			t.Fatalf("%q: no error", tc.path)
		}
		if got := Reason(tc.path, err); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.path, got, tc.want)
		}
	}
}

// TestReasonWithoutPath: the error alone still reads in Chinese.
func TestReasonWithoutPath(t *testing.T) {
	for err, want := range map[error]string{
		syscall.ENOSPC: "磁盘已满",
		syscall.EROFS:  "磁盘（分区）是只读的",
		&os.PathError{Op: "open", Path: "/x", Err: syscall.EACCES}: "没有访问权限",
		syscall.EIO:                  "磁盘读写错误",
		syscall.ECONNRESET:           "系统错误（错误码 " + strconv.Itoa(int(syscall.ECONNRESET)) + "）",
		errors.New("something else"): "系统错误",
		nil:                          "未知原因",
	} {
		if got := Reason("", err); got != want {
			t.Errorf("%v: %q, want %q", err, got, want)
		}
	}
}

// TestReasonPermission: a read-only file is said to be the file's doing,
// a file that cannot be created the folder's (as root nothing is refused,
// so the errors are the system's, made here).
func TestReasonPermission(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "drafts.db")
	os.WriteFile(file, []byte("x"), 0o444)
	denied := &os.PathError{Op: "open", Err: syscall.EACCES}
	if got := Reason(file, denied); got != "文件是只读的，或当前用户没有权限写入这个文件" {
		t.Errorf("read-only file: %q", got)
	}
	if got := Reason(filepath.Join(dir, "new.db"), denied); got != "文件夹 "+dir+" 只读，或当前用户没有权限在其中写入" {
		t.Errorf("read-only folder: %q", got)
	}
	if got := Reason(dir, syscall.EPERM); got != "当前用户没有权限访问这个文件夹" {
		t.Errorf("folder: %q", got)
	}
}
