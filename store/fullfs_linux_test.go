//go:build linux

package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"nianbao/model"
)

// fullFSEnv tells the test binary it is the child of TestDiskFullAndReadOnly.
const fullFSEnv = "NIANBAO_STORE_FULLFS"

// TestDiskFullAndReadOnly runs the real failures on a real small file
// system: a child process in its own user and mount namespace (no root
// needed) mounts a 2 MiB tmpfs, fills it, and saves; then mounts one
// read-only and opens a draft file there. Where the kernel allows no such
// namespace the test is skipped, saying so.
func TestDiskFullAndReadOnly(t *testing.T) {
	if os.Getenv(fullFSEnv) != "" {
		fullFSChild(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestDiskFullAndReadOnly$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), fullFSEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
	}
	out, err := cmd.CombinedOutput()
	if errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOSPC) {
		t.Skipf("no user namespaces here (%v): disk full and read-only folders not tried", err)
	}
	if bytes.Contains(out, []byte("no tmpfs:")) {
		t.Skipf("cannot mount a small file system here: %s", out)
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

func fullFSChild(t *testing.T) {
	mount := func(t *testing.T, dir string) {
		if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=2m,mode=0700"); err != nil {
			fmt.Println("no tmpfs:", err)
			os.Exit(0)
		}
		t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	}
	syscall.Mount("", "/", "", syscall.MS_PRIVATE|syscall.MS_REC, "")

	t.Run("disk full", func(t *testing.T) {
		dir := t.TempDir()
		mount(t, dir)
		path := filepath.Join(dir, "drafts.db")
		s := openAt(t, path, nil)
		r := fullReport(t, "某机关", 2024)
		if err := s.Create(r, ""); err != nil {
			t.Fatal(err)
		}
		// Fill what is left of the file system.
		filler := filepath.Join(dir, "filler")
		f, _ := os.Create(filler)
		chunk := make([]byte, 4096)
		for {
			if _, err := f.Write(chunk); err != nil {
				break
			}
		}
		f.Close()
		saved := encode(t, r)
		r.S5 = strings.Repeat("本年度存在的主要问题。", 5000) // about 160 KB
		set(t, r, "s3.new.natural", 12345)
		want := encode(t, r)
		err := s.Save(r, "长文本")
		wantErr(t, err, syscall.ENOSPC, "报告没有保存：磁盘已满", path)
		if fe := (*FileError)(nil); !errors.As(err, &fe) || fe.Problem != SaveFailed || !fe.DiskFull() {
			t.Fatalf("%#v", err)
		}
		chineseOnly(t, err.Error(), path)
		if !Unusable(err) {
			t.Fatal("a full disk must count as a file that cannot be used (exit 3)")
		}
		if !bytes.Equal(encode(t, r), want) {
			t.Fatal("the failed save changed the report in memory")
		}
		if got, _ := s.Get(r.ID); !bytes.Equal(encode(t, got), saved) {
			t.Fatal("the stored report is not the last saved one")
		}
		// Room made: the retry stores it, and the file is sound.
		os.Remove(filler)
		if err := s.Save(r, "长文本"); err != nil {
			t.Fatalf("retry: %v", err)
		}
		got, _ := s.Get(r.ID)
		sameReport(t, got, r)
		if why, detail := checkDB(s.db); why != "" {
			t.Fatal(why, detail)
		}
		s.Close()

		// Full again at the next day's first open: the backup fails, the
		// file still opens and says why there is no backup today.
		os.RemoveAll(filepath.Join(dir, BackupDir))
		f, _ = os.Create(filler)
		for {
			if _, err := f.Write(chunk); err != nil {
				break
			}
		}
		f.Close()
		s = openAt(t, path, nil)
		s.DailyBackup()
		if err := s.BackupErr(); err == nil || !strings.Contains(err.Error(), "今天的备份没有做成") || !strings.Contains(err.Error(), "磁盘已满") {
			t.Fatalf("backup on a full disk: %v", err)
		}
		if got, err := s.Get(r.ID); err != nil || !bytes.Equal(encode(t, got), encode(t, r)) {
			t.Fatalf("after reopening on a full disk: %v", err)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, BackupDir, ".*")); len(left) != 0 {
			t.Fatalf("temporary backup files left: %v", left)
		}
	})

	t.Run("read-only folder", func(t *testing.T) {
		dir := t.TempDir()
		mount(t, dir)
		path := filepath.Join(dir, "drafts.db")
		s := openAt(t, path, nil)
		s.Create(model.New("某机关", 2024, model.KindOther, model.ScopeSelf), "")
		s.Close()
		before, _ := os.ReadFile(path)
		if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			t.Fatalf("remount read-only: %v", err)
		}
		for _, p := range []string{path, filepath.Join(dir, "new.db")} {
			_, err := Open(p, Options{})
			wantErr(t, err, nil, "不能打开草稿文件进行写入："+p, "磁盘（分区）是只读的")
			if fe, ok := err.(*FileError); !ok || fe.Problem != NotWritable || !fe.ReadOnly() {
				t.Fatalf("%#v", err)
			}
		}
		// Read-only, it opens and reads; writes are refused.
		ro, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("read-only open on a read-only mount: %v", err)
		}
		if l, err := ro.List(); err != nil || len(l) != 1 || l[0].Agency != "某机关" {
			t.Fatalf("list: %+v %v", l, err)
		}
		if r, err := ro.Find("某机关", 2024); err != nil {
			t.Fatal(err)
		} else if err := ro.Save(r, ""); err == nil || !strings.Contains(err.Error(), "只读") {
			t.Fatalf("save on a read-only open: %v", err)
		}
		ro.Close()
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Fatal("the file on the read-only folder changed")
		}
	})
}
