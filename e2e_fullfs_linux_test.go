//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"nianbao/cli"
	"nianbao/model"
)

// fullFSEnv carries the binary's path to the child of TestE2EDiskFull.
const fullFSEnv = "NIANBAO_E2E_FULLFS"

// TestE2EDiskFull (issue 10.2) runs the real binary in tmux on a draft file
// that lies on a real, full file system: a child test process in its own
// user and mount namespace (no root needed) mounts a 2 MiB tmpfs and puts
// the draft file there. The officer pastes into 五; the save fails and the
// status line says so; the window is closed (SIGTERM). The program says
// the paste did not reach the draft file and names the JSON file in the
// home folder (the draft file's folder is full) that holds the report;
// once there is room, nianbao import --replace of that file brings the
// paste back. Text given to `nianbao text` on standard input meets the
// same full disk: it is written aside too, and `nianbao text` of that file
// puts it in. Where the kernel allows no such namespace, or tmux is
// missing, the test is skipped, saying so.
func TestE2EDiskFull(t *testing.T) {
	if bin := os.Getenv(fullFSEnv); bin != "" {
		diskFullChild(t, bin)
		return
	}
	bin := tmuxBinary(t, "the full-disk end-to-end test", false)
	inNamespace(t, "TestE2EDiskFull", fullFSEnv, bin, "no tmpfs:", "the full disk")
}

func diskFullChild(t *testing.T, bin string) {
	syscall.Mount("", "/", "", syscall.MS_PRIVATE|syscall.MS_REC, "")
	full := filepath.Join(t.TempDir(), "full")
	os.Mkdir(full, 0o700)
	if err := syscall.Mount("tmpfs", full, "tmpfs", 0, "size=2m,mode=0700"); err != nil {
		fmt.Println("no tmpfs:", err)
		os.Exit(0)
	}
	t.Cleanup(func() { syscall.Unmount(full, syscall.MNT_DETACH) })
	home := t.TempDir() // not on the small file system
	t.Setenv("HOME", home)
	t.Setenv("TMPDIR", full)
	db := filepath.Join(full, "drafts.db")
	const report = agency + "/2024"
	nb := func(stdin string, args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := cli.Run(append(args, "--db", db), strings.NewReader(stdin), &out, &errb)
		return out.String(), errb.String(), code
	}
	if _, e, code := nb("", "new", "--agency", agency, "--year", "2024", "--kind", "county_dept"); code != 0 {
		t.Fatalf("new: %d %s", code, e)
	}
	filler := filepath.Join(full, "filler")
	fill := func() {
		f, err := os.Create(filler)
		if err != nil {
			t.Fatal(err)
		}
		chunk := make([]byte, 4096)
		for {
			if _, err := f.Write(chunk); err != nil {
				break
			}
		}
		f.Close()
	}

	s := &tmuxSession{t: t, socket: fmt.Sprintf("nianbao-fullfs-%d-%d", os.Getpid(), time.Now().UnixNano()), name: "nb"}
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.start(home, fmt.Sprintf("HOME=%q TMPDIR=%q %q --db %q", home, full, bin, db))
	s.waitText("草稿文件：", agency)
	s.keys("Enter")
	s.waitText(agency + "2024年政府信息公开工作年度报告")
	s.keys("F6", "F6", "End", "Up")
	s.waitText("五、存在的主要问题及改进情况")
	s.keys("Enter")
	fill()
	// Long enough to need pages the full file system cannot give.
	pasted := strings.Repeat("本年度存在的主要问题是信息公开的及时性有待提高。", 300)
	// Through a file: tmux refuses a command line this long.
	buf := filepath.Join(home, "paste.txt")
	os.WriteFile(buf, []byte(pasted), 0o600)
	s.tmux("load-buffer", "-b", "nianbao", buf)
	os.Remove(buf)
	s.tmux("paste-buffer", "-p", "-b", "nianbao", "-t", s.name)
	s.waitText("保存失败", "磁盘已满")

	pid := childOf(t, s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}"))
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	scr := s.waitFor("the program to end", e2eWait, func(scr string) bool { return strings.Contains(scr, "NIANBAO-EXITED-") })
	joined := strings.Join(strings.Fields(s.tmux("capture-pane", "-p", "-J", "-t", s.name)), "")
	copies, _ := filepath.Glob(filepath.Join(home, "*（未保存-*）.json"))
	if len(copies) != 1 {
		t.Fatalf("copies in the home folder: %v\n%s", copies, scr)
	}
	for _, want := range []string{"NIANBAO-EXITED-143", "收到系统信号SIGTERM", "最后的修改没有写入草稿文件", "磁盘已满",
		"未保存的报告已另存为" + copies[0], "nianbaoimport--replace" + copies[0]} {
		if !strings.Contains(joined, want) {
			t.Errorf("the screen does not say %q:\n%s", want, scr)
		}
	}
	if strings.Contains(joined, "内存") || strings.Contains(joined, "没有丢失") {
		t.Errorf("the screen claims the work is safe:\n%s", scr)
	}

	// Text on standard input meets the full disk too: written aside.
	stdin := strings.Repeat("六、其他需要报告的事项：本年度无其他需要报告的事项。", 300)
	_, e, code := nb(stdin, "text", report, "s6", "-")
	asides, _ := filepath.Glob(filepath.Join(home, "标准输入的文字-s6*.txt"))
	if code != 3 || len(asides) != 1 || !strings.Contains(e, "从标准输入读到的文字已另存为 "+asides[0]) {
		t.Fatalf("text on a full disk: exit %d, asides %v:\n%s", code, asides, e)
	}

	// Room made: both come back.
	os.Remove(filler)
	if _, e, code := nb("", "import", "--replace", copies[0]); code != 0 {
		t.Fatalf("import --replace: %d %s", code, e)
	}
	if _, e, code := nb("", "text", report, "s6", asides[0]); code != 0 {
		t.Fatalf("text from the file aside: %d %s", code, e)
	}
	out, e, code := nb("", "export", "--format", "json", "-o", "-", report)
	if code != 0 {
		t.Fatalf("export: %d %s", code, e)
	}
	r, err := model.Decode([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if r.S5 != pasted {
		t.Errorf("五 after the import: %d characters, want the %d pasted", len([]rune(r.S5)), len([]rune(pasted)))
	}
	if r.S6 != stdin {
		t.Errorf("六 after text: %d characters, want %d", len([]rune(r.S6)), len([]rune(stdin)))
	}
}

// childOf is the pid of the one child of the process whose pid is ppid (a
// number as tmux prints it): the program the pane's shell runs.
func childOf(t *testing.T, ppid string) int {
	t.Helper()
	want, err := strconv.Atoi(strings.TrimSpace(ppid))
	if err != nil {
		t.Fatalf("pane pid %q", ppid)
	}
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, so read after ')'.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) > 1 && f[1] == strconv.Itoa(want) {
			return pid
		}
	}
	t.Fatalf("no child of %d", want)
	return 0
}
