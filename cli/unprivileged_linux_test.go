//go:build linux

package cli

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// nobodyEnv marks the child that runs a test as the user nobody.
const nobodyEnv = "NIANBAO_CLI_AS_NOBODY"

// unprivileged reports whether the calling test should go on here: yes
// when the tests do not run as root. As root (which reads and writes
// everything, so that no permission is ever refused) it runs the test again
// in a child process as the user nobody, reports its result, and says no.
func unprivileged(t *testing.T) bool {
	t.Helper()
	if os.Getuid() != 0 {
		return true
	}
	// The test binary, copied where nobody may run it.
	dir, err := os.MkdirTemp("", "nianbao-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "cli.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(dst, src)
	src.Close()
	dst.Close()
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), nobodyEnv+"=1", "HOME="+dir, "TMPDIR=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as nobody, the test did not pass:\n%s", out)
	}
	t.Logf("ran as nobody:\n%s", out)
	return false
}

// TestPermissionMessages (issue 10.6): what the system refuses for want of
// permission is said in Chinese and rightly: a file that cannot be read, a
// read-only draft file (the file's doing, not its folder's), a folder where
// nothing can be created — never the system's 「open …: permission denied」.
func TestPermissionMessages(t *testing.T) {
	if !unprivileged(t) {
		return
	}
	c := newCLI(t)
	c.ok("new", "--agency", agency, "--year", "2023")
	const R = agency + "/2023"
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.txt")
	os.WriteFile(secret, []byte("北京市密云区科学技术委员会\n2023年政府信息公开工作年度报告\n"), 0o000)
	secretJSON := filepath.Join(dir, "secret.json")
	os.WriteFile(secretJSON, []byte("{}"), 0o000)
	roDB := filepath.Join(dir, "ro.db")
	data, _ := os.ReadFile(c.db)
	os.WriteFile(roDB, data, 0o444)
	roDir := filepath.Join(dir, "ro")
	os.Mkdir(roDir, 0o555)

	for _, tc := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"text", R, "s5", secret}, exitUsage, []string{"无法读取文件 " + secret + "：当前用户没有权限读取这个文件"}},
		{[]string{"import", secret}, exitUsage, []string{"当前用户没有权限读取这个文件"}},
		{[]string{"check", secretJSON}, exitUsage, []string{"当前用户没有权限读取这个文件"}},
		{[]string{"export", "--format", "md", "-o", filepath.Join(roDir, "x.md"), R}, exitUsage, []string{"无法写入", "没有写入权限"}},
	} {
		res := c.run(tc.args...)
		res.want(t, tc.code, tc.want...)
		checkMessages(t, strings.Join(tc.args, " "), res.err, tc.args)
	}
	for db, want := range map[string][]string{
		roDB:                         {"不能打开草稿文件进行写入：" + roDB + "（文件是只读的，或当前用户没有权限写入这个文件）", "请管理员开放写入权限"},
		filepath.Join(roDir, "x.db"): {"文件夹 " + roDir + " 只读，或当前用户没有权限在其中写入"},
	} {
		res := c.runIn("", "set", R, "s3.new.natural=1", "--db", db)
		res.want(t, exitDraft, want...)
		if strings.Contains(res.err, "文件夹只读") && db == roDB {
			t.Errorf("a read-only file said to be a read-only folder: %s", res.err)
		}
		checkMessages(t, "--db "+db, res.err, []string{db})
	}
}
