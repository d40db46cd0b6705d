//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"nianbao/cli"
)

// readOnlyEnv carries the binary's path to the child of TestE2EReadOnly.
const readOnlyEnv = "NIANBAO_E2E_READONLY"

// TestE2EReadOnly (issue 10.3) runs the real binary in tmux on a draft file
// on a read-only medium: a child test process in its own user and mount
// namespace (no root needed; root too is refused by a read-only mount)
// bind-mounts the draft file's folder read-only. The UI opens it read-only
// with the banner saying why, refuses a figure typed into 三, still
// exports HTML into a writable folder, and quits with exit code 0; the
// draft file is unchanged. Where the kernel allows no such namespace, or
// tmux is missing, the test is skipped, saying so.
func TestE2EReadOnly(t *testing.T) {
	if bin := os.Getenv(readOnlyEnv); bin != "" {
		readOnlyChild(t, bin)
		return
	}
	bin := tmuxBinary(t, "the read-only end-to-end test", false)
	inNamespace(t, "TestE2EReadOnly", readOnlyEnv, bin, "no read-only mount:", "the read-only medium")
}

func readOnlyChild(t *testing.T, bin string) {
	syscall.Mount("", "/", "", syscall.MS_PRIVATE|syscall.MS_REC, "")
	ro := filepath.Join(t.TempDir(), "medium")
	os.Mkdir(ro, 0o700)
	db := filepath.Join(ro, "drafts.db")
	home := t.TempDir() // writable: the export goes here
	const report = agency + "/2024"
	nb := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := cli.Run(append(args, "--db", db), nil, &out, &errb)
		return out.String(), errb.String(), code
	}
	if _, e, code := nb("new", "--agency", agency, "--year", "2024", "--kind", "county_dept"); code != 0 {
		t.Fatalf("new: %d %s", code, e)
	}
	if _, e, code := nb("set", report, "s3.new.natural=12"); code != 0 {
		t.Fatalf("set: %d %s", code, e)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount(ro, ro, "", syscall.MS_BIND, ""); err != nil {
		fmt.Println("no read-only mount:", err)
		os.Exit(0)
	}
	t.Cleanup(func() { syscall.Unmount(ro, syscall.MNT_DETACH) })
	if err := syscall.Mount("", ro, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		fmt.Println("no read-only mount:", err)
		os.Exit(0)
	}

	s := &tmuxSession{t: t, socket: fmt.Sprintf("nianbao-ro-%d-%d", os.Getpid(), time.Now().UnixNano()), name: "nb"}
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.start(home, fmt.Sprintf("HOME=%q %q --db %q", home, bin, db))
	s.waitText("只读：磁盘（分区）是只读的", "草稿文件：", agency)
	s.keys("Enter")
	s.waitText(agency+"2024年政府信息公开工作年度报告", "表三：一、本年新收政府信息公开申请数量 / 自然人")
	s.typeText("7")
	s.waitText("只读，不能修改：磁盘（分区）是只读的")
	s.keys("Down")
	s.waitText("表三：二、上年结转政府信息公开申请数量 / 自然人")

	s.keys("C-e")
	s.waitText("(*) Word 文档")
	s.keys("Down")
	s.waitText("(*) HTML 网页")
	s.keys("Enter")
	s.waitText("Enter 导出")
	s.keys("Enter")
	s.waitText("已导出到", "草稿文件只读，这次导出没有记入历史版本")
	html, err := os.ReadFile(filepath.Join(home, agency+"2024年政府信息公开工作年度报告.html"))
	if err != nil || !bytes.Contains(html, []byte(agency)) {
		t.Fatalf("exported HTML: %v", err)
	}
	s.keys("Enter")
	s.keys("C-q")
	s.waitText("NIANBAO-EXITED-0")
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("the draft file on the read-only medium changed")
	}
	out, e, code := nb("export", "--format", "json", "-o", "-", report)
	if code != 0 || !strings.Contains(out, `"s3.new.natural"`) && !strings.Contains(out, "12") {
		t.Fatalf("export after the session: %d %s", code, e)
	}
}
