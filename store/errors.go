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
// complete Chinese text for the officer; technical detail (English, from the
// system or bbolt) is kept apart in Detail for a log or a 详细信息 view.
type FileError struct {
	Problem FileProblem
	Path    string
	Msg     string
	// Detail is the technical cause, possibly English; never part of Error.
	Detail string
	// Backup is the name of the newest backup (as ListBackups gives it, for
	// Recover) when Problem is Damaged and one exists.
	Backup string
	Err    error // underlying cause, if any
}

func (e *FileError) Error() string { return e.Msg }
func (e *FileError) Unwrap() error { return e.Err }

// Unusable reports whether err means the draft file itself cannot be used
// (held by another window, damaged, newer schema, not writable, disk full);
// the command line exits with status 3 for these.
func Unusable(err error) bool {
	var fe *FileError
	return errors.As(err, &fe)
}

func heldError(path string, err error) error {
	return &FileError{Problem: Held, Path: path, Err: err, Detail: errDetail(err),
		Msg: "草稿文件正被另一个 nianbao 窗口使用：" + path + "。请先关闭那个窗口，或用 --db 指定另一个草稿文件。"}
}

// damagedError says the file cannot be used and how to get the work back:
// from the newest backup (named as ListBackups names it), keeping the
// damaged file aside. reason is short Chinese; detail is technical.
func damagedError(path, reason, detail string, err error) error {
	backup := newestBackup(path)
	msg := fmt.Sprintf("草稿文件已损坏或不是 nianbao 的草稿文件：%s（%s）。程序没有改动这个文件。", path, reason)
	if backup != "" {
		msg += "可以用 nianbao recover " + backup + " 从备份恢复（当前文件会保留在旁边）；这是最新的备份，用 nianbao backups 可以列出全部备份。"
	} else {
		msg += "没有找到这个文件的备份。请把它交给技术人员检查，或用 --db 换一个新的草稿文件。"
	}
	if detail == "" && err != nil {
		detail = err.Error()
	}
	return &FileError{Problem: Damaged, Path: path, Msg: msg, Detail: detail, Backup: backup, Err: err}
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
		return &FileError{Problem: NotWritable, Path: path, Err: err, Detail: err.Error(),
			Msg: "草稿文件所在的文件夹不支持文件锁（常见于网络共享文件夹）：" + path + "。程序没有改动这个文件。请把草稿文件放在本机磁盘上（用 --db 指定）。"}
	case isReadOnly(err) || isDiskFull(err):
		return notWritableError(path, err)
	}
	return damagedError(path, "数据库无法打开", "", err)
}

func notWritableError(path string, err error) error {
	return &FileError{Problem: NotWritable, Path: path, Err: err, Detail: errDetail(err),
		Msg: "不能打开草稿文件进行写入：" + path + "（" + ioReason(err) + "）。请换一个可写的文件夹（用 --db 指定），或请管理员开放写入权限。"}
}

func errDetail(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// saveError explains a failed write in Chinese and says what to do. A
// failure of the file (disk full, read-only, an I/O error) is a *FileError
// (Unusable) whose message suits both the window and the command line; the
// cause stays reachable with errors.Is. The store's own refusals (a
// duplicate, a missing agency, a damaged report) are returned as they are.
// The report in memory is untouched, so the caller keeps it and retries.
func saveError(path string, err error) error {
	if err == nil {
		return nil
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return err
	}
	var what, todo string
	switch {
	case isDiskFull(err):
		what, todo = "磁盘已满（草稿文件 "+path+" 所在的磁盘）", "请腾出磁盘空间后再试"
	case isReadOnly(err):
		what, todo = "文件夹只读或没有写入权限（草稿文件 "+path+"）", "请让管理员开放写入权限，或用 --db 换一个可写的位置后再试"
	case errors.Is(err, bolt.ErrDatabaseNotOpen):
		what, todo = "草稿文件已经关闭（"+path+"）", "请重新打开草稿文件后再试"
	case isIOError(err):
		what, todo = "写入草稿文件时出错（"+path+"："+ioReason(err)+"）", "请检查磁盘后再试"
	default:
		return err
	}
	return &FileError{Problem: NotWritable, Path: path, Err: err, Detail: err.Error(),
		Msg: "报告没有保存：" + what + "。" + todo + "；尚未保存的修改仍在内存中，没有丢失。"}
}

// isIOError tells a failure of the file system (an errno somewhere in the
// chain) from the store's own refusals, which are Chinese already.
func isIOError(err error) bool {
	var errno syscall.Errno
	var pe *fs.PathError
	return errors.As(err, &errno) || errors.As(err, &pe)
}

func isReadOnly(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

// ioReason is a short Chinese reason for a file system error; the English
// text of an unknown one is left to Detail.
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
	case errors.Is(err, syscall.EIO):
		return "磁盘读写错误"
	}
	return "系统错误"
}

// ErrDamagedReport is matched (errors.Is) by every *ReportError: one stored
// report cannot be read while the rest of the file is sound. The file stays
// usable; `check --all` and the report list skip that report and say so.
var ErrDamagedReport = errors.New("草稿文件中的这份报告已损坏")

// ReportError says that one report's stored record cannot be read (its
// content, or its summary and content, are damaged) and how to repair it:
// its revisions are stored apart, so History still lists them and Restore
// of an intact one makes the report whole again.
type ReportError struct {
	ID     string
	Agency string // "" when neither summary, index nor history tells it
	Year   int
	// Detail is the technical cause (a JSON decoding error); never part
	// of Error.
	Detail string
}

// Name is how the command line names the report: 机关名称/年度, or the id
// when the name cannot be read.
func (e *ReportError) Name() string {
	if e.Agency == "" || e.Year == 0 {
		return e.ID
	}
	return fmt.Sprintf("%s/%d", e.Agency, e.Year)
}

func (e *ReportError) Error() string {
	what := "报告 " + e.Name()
	if e.Agency != "" && e.Year != 0 {
		what += "（编号 " + e.ID + "）"
	}
	return fmt.Sprintf("草稿文件中的%s已损坏，无法读取；其他报告不受影响。可以用历史版本恢复：nianbao history %s 列出历史版本，再用 nianbao restore %s 版本号 恢复，或在界面中按 F5 历史版本。",
		what, e.Name(), e.Name())
}

// Is makes errors.Is(err, ErrDamagedReport) true.
func (e *ReportError) Is(target error) bool { return target == ErrDamagedReport }
