package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSetCellTwice (issue 10.6): a cell written twice with one value is
// saved once and counted once; with two values nothing is saved.
func TestSetCellTwice(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--agency", agency, "--year", "2023")
	res := c.ok("set", agency+"/2023", "s3.new.natural=1", "s3.new.natural=１", "s3.new.business=2")
	if !strings.Contains(res.err, "已保存 2 个单元格") {
		t.Errorf("set of two cells: %q", res.err)
	}
	c.run("set", agency+"/2023", "s3.new.natural=1", "s3.new.natural=2").
		want(t, exitUsage, "s3.new.natural 写了两次，值不同（「1」和「2」），请只写一次", "没有修改任何单元格")
	if v, _ := c.report(agency + "/2023").Get("s3.new.natural"); v.String() != "1" {
		t.Errorf("s3.new.natural = %s after a refused set", v)
	}
}

// TestScientificNotation (issue 10.6): 1e3 and 1e20 get the same answer.
func TestScientificNotation(t *testing.T) {
	c := newCLI(t)
	c.ok("new", "--agency", agency, "--year", "2023")
	for _, v := range []string{"1e3", "1e20", "2.5E+04"} {
		c.run("set", agency+"/2023", "s3.new.natural="+v).want(t, exitUsage, "「"+v+"」是科学计数法：请写出完整的数字")
	}
}

// TestDraftPathsSaidForWhatTheyAre (issue 10.6): --db naming a pipe (with
// backups beside it), a shortcut to nowhere, a shortcut to itself or a path
// through a file is said for what it is, with what to do; never 已损坏,
// 文件是空的 or 系统错误.
func TestDraftPathsSaidForWhatTheyAre(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no pipes here: %v", err)
	}
	os.MkdirAll(filepath.Join(dir, "backups"), 0o700)
	os.WriteFile(filepath.Join(dir, "backups", "fifo-2024-01-02.db"), []byte("x"), 0o600)
	dangling := filepath.Join(dir, "dangling.db")
	os.Symlink(filepath.Join(dir, "gone", "drafts.db"), dangling)
	loop := filepath.Join(dir, "loop.db")
	os.Symlink("loop.db", loop)
	file := filepath.Join(dir, "afile")
	os.WriteFile(file, []byte("x"), 0o600)
	c := newCLI(t)
	for db, says := range map[string][]string{
		fifo:                             {"不是普通文件，而是管道、设备或套接字", "请用 --db 指定一个文件"},
		dangling:                         {"快捷方式（符号链接），它指向的 " + filepath.Join(dir, "gone", "drafts.db") + " 不存在", "请检查这个位置"},
		loop:                             {"循环指向自己的快捷方式", "请检查这个位置"},
		filepath.Join(file, "drafts.db"): {"路径中的 " + file + " 是文件，不是文件夹", "请检查这个位置"},
	} {
		res := c.runIn("", "list", "--db", db)
		res.want(t, exitDraft, says...)
		for _, wrong := range []string{"损坏", "文件是空的", "系统错误", "开放写入权限"} {
			if strings.Contains(res.err, wrong) {
				t.Errorf("--db %s says %s: %s", db, wrong, res.err)
			}
		}
	}
}

// TestFailedBackupReported (issue 10.6): a daily backup that could not be
// made is said by every command that changes the draft file (the file itself
// is usable); a command that only reads makes no backup.
func TestFailedBackupReported(t *testing.T) {
	c := newCLI(t)
	// A file where the backups folder should be.
	os.WriteFile(filepath.Join(filepath.Dir(c.db), "backups"), []byte("x"), 0o600)
	c.ok("new", "--agency", agency, "--year", "2023")
	res := c.ok("set", agency+"/2023", "s3.new.natural=1")
	if !strings.Contains(res.err, "今天的备份没有做成") || !strings.Contains(res.err, "是文件，不是文件夹") || !strings.Contains(res.err, "草稿文件照常可用") {
		t.Fatalf("set does not say the backup failed: %q", res.err)
	}
}
