package store

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	bolt "go.etcd.io/bbolt"
)

var (
	// ErrNotFound: no (live) report with that id, agency and year, or revision.
	ErrNotFound = errors.New("没有找到这份报告")
	// ErrDuplicate: another live report already has that (机关名称, 年度).
	ErrDuplicate = errors.New("已有同一机关同一年度的报告")
)

// FileProblem says why the draft file itself cannot be used.
type FileProblem int

const (
	// Held: another nianbao window has the file open.
	Held FileProblem = iota + 1
	// Damaged: not a bbolt file, truncated, or failing bbolt's check.
	Damaged
	// Newer: written by a newer version of nianbao.
	Newer
	// NotWritable: the file or its folder cannot be written or created.
	NotWritable
)

// FileError is an error about the draft file as a whole. Its message is
// complete Chinese text for the officer.
type FileError struct {
	Problem FileProblem
	Path    string
	Msg     string
	Err     error // underlying cause, if any
}

func (e *FileError) Error() string { return e.Msg }
func (e *FileError) Unwrap() error { return e.Err }

// Unusable reports whether err means the draft file itself cannot be used
// (held by another window, damaged, newer schema, not writable); the command
// line exits with status 3 for these.
func Unusable(err error) bool {
	var fe *FileError
	return errors.As(err, &fe)
}

func heldError(path string, err error) error {
	return &FileError{Problem: Held, Path: path, Err: err,
		Msg: "草稿文件正被另一个 nianbao 窗口使用：" + path}
}

func damagedError(path, reason, newestBackup string, err error) error {
	msg := fmt.Sprintf("草稿文件已损坏或不是 nianbao 的草稿文件：%s（%s）。程序没有改动这个文件。", path, reason)
	if newestBackup != "" {
		msg += "最新的备份是 " + newestBackup + "，可以从这个备份恢复（当前文件会被保留在旁边）。"
	} else {
		msg += "没有找到这个文件的备份。请把它交给技术人员检查，或用 --db 换一个新的草稿文件。"
	}
	return &FileError{Problem: Damaged, Path: path, Msg: msg, Err: err}
}

// openError explains why bbolt could not open the file: held by another
// window, no file locks where it lies, not writable, or damaged.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return heldError(path, err)
	case isNoLock(err):
		// Without locks a second window could write at the same time and
		// ruin the file: refuse rather than open it unprotected.
		return &FileError{Problem: NotWritable, Path: path, Err: err,
			Msg: "草稿文件所在的文件夹不支持文件锁（常见于网络共享文件夹）：" + path + "。程序没有改动这个文件。请把草稿文件放在本机磁盘上（用 --db 指定）。"}
	case isReadOnly(err) || isDiskFull(err):
		return notWritableError(path, err)
	}
	return damagedError(path, "bbolt 无法打开："+err.Error(), newestBackup(path), err)
}

func notWritableError(path string, err error) error {
	return &FileError{Problem: NotWritable, Path: path, Err: err,
		Msg: "不能打开草稿文件进行写入：" + path + "（" + ioReason(err) + "）。请换一个可写的文件夹（用 --db 指定），或请管理员开放写入权限。"}
}

// saveError explains a failed write in Chinese and says what to do; the
// report in memory is untouched, so the caller keeps it and retries.
func saveError(path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) || errors.Is(err, ErrNotFound) || errors.Is(err, ErrDuplicate) {
		return err
	}
	switch {
	case isDiskFull(err):
		return fmt.Errorf("不能保存草稿：磁盘已满（%s）。请删除一些不需要的文件腾出空间，然后再保存；窗口中的报告没有丢失：%w", path, err)
	case isReadOnly(err):
		return fmt.Errorf("不能保存草稿：文件夹只读或没有写入权限（%s）。请让管理员开放写入权限，或关闭后用 --db 换一个可写的位置，再保存；窗口中的报告没有丢失：%w", path, err)
	}
	return fmt.Errorf("不能保存草稿（%s）：%v。窗口中的报告没有丢失，请稍后再保存：%w", path, ioReason(err), err)
}

func isReadOnly(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

func ioReason(err error) string {
	switch {
	case err == nil:
		return "未知原因"
	case isDiskFull(err):
		return "磁盘已满"
	case isReadOnly(err):
		return "文件夹只读或没有写入权限"
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	}
	return err.Error()
}
