//go:build unix

package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// cliROEnv names the draft file the child of TestReadOnlyDraftCLI reads.
const cliROEnv = "NIANBAO_CLI_READONLY"

// roCommands are what TestReadOnlyDraftCLI runs on a read-only draft file.
var roCommands = [][]string{
	{"list"},
	{"check", agency + "/2024"},
	{"check", "--all"},
	{"history", agency + "/2024"},
	{"trash"},
	{"backups"},
	{"export", "--format", "md", "-o", "-", agency + "/2024"},
	{"set", agency + "/2024", "s3.new.natural=5"},
}

// TestReadOnlyDraftCLI: on a draft file the user may only read, the
// commands that read work (export too, saying it was not recorded in the
// history), a command that changes it is refused with exit code 3, and the
// file is never written. As root (which file modes do not stop), the
// commands run in a child process as user nobody.
func TestReadOnlyDraftCLI(t *testing.T) {
	if path := os.Getenv(cliROEnv); path != "" {
		var out []result
		for _, args := range roCommands {
			var o, e bytes.Buffer
			code := Run(append(args, "--db", path), strings.NewReader(""), &o, &e)
			out = append(out, result{o.String(), e.String(), code})
		}
		enc := json.NewEncoder(os.Stdout)
		for _, r := range out {
			enc.Encode([]any{r.out, r.err, r.code})
		}
		return
	}
	dir, err := os.MkdirTemp("", "nianbao-cli-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	db := filepath.Join(dir, "drafts.db")
	c := &cli{t: t, db: db}
	c.ok("new", "--agency", agency, "--year", "2024", "--kind", "county_dept")
	c.ok("set", agency+"/2024", "s3.new.natural=12")
	os.Remove(db + ".lock")
	os.Chmod(db, 0o400)
	before := mustRead(t, db)

	var lines []byte
	if os.Getuid() != 0 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReadOnlyDraftCLI$", "-test.count=1")
		cmd.Env = append(os.Environ(), cliROEnv+"="+db)
		if lines, err = cmd.Output(); err != nil {
			t.Fatalf("child: %v", err)
		}
	} else {
		const nobody = 65534
		exe := filepath.Join(dir, "nianbao.test")
		in, _ := os.Open(os.Args[0])
		out, _ := os.OpenFile(exe, os.O_WRONLY|os.O_CREATE, 0o755)
		io.Copy(out, in)
		in.Close()
		out.Close()
		// The user's own files, the draft file made read-only.
		err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			return os.Chown(p, nobody, nobody)
		})
		if err != nil {
			t.Skipf("cannot give the files to user nobody (%v): not tried", err)
		}
		os.Chmod(dir, 0o755)
		cmd := exec.Command(exe, "-test.run=^TestReadOnlyDraftCLI$", "-test.count=1")
		cmd.Env = append(os.Environ(), cliROEnv+"="+db, "HOME="+dir, "NIANBAO_DB=")
		cmd.Dir = dir
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if lines, err = cmd.Output(); err != nil {
			t.Fatalf("child as nobody: %v\n%s", err, stderr.String())
		}
	}
	dec := json.NewDecoder(bytes.NewReader(lines))
	var got []result
	for range roCommands {
		var v [3]any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("child output: %v\n%s", err, lines)
		}
		got = append(got, result{v[0].(string), v[1].(string), int(v[2].(float64))})
	}
	name := func(i int) string { return "nianbao " + strings.Join(roCommands[i], " ") }
	for i, r := range got {
		switch roCommands[i][0] {
		case "set":
			if r.code != exitDraft || !strings.Contains(r.err, "不能打开草稿文件进行写入") {
				t.Errorf("%s: exit %d\n%s", name(i), r.code, r.err)
			}
		case "check":
			if r.code > exitFindings || !strings.Contains(r.out, agency+"/2024") {
				t.Errorf("%s: exit %d\n%s%s", name(i), r.code, r.out, r.err)
			}
		default:
			if r.code != 0 {
				t.Errorf("%s: exit %d\n%s", name(i), r.code, r.err)
			}
		}
	}
	if !strings.Contains(got[0].out, agency+"/2024") {
		t.Errorf("list: %q", got[0].out)
	}
	if !strings.Contains(got[3].out, "新建") {
		t.Errorf("history: %q", got[3].out)
	}
	if exp := got[6]; !strings.Contains(exp.out, agency) || !strings.Contains(exp.err, "这次导出没有记入历史版本（草稿文件是以只读方式打开的") {
		t.Errorf("export: %q\n%s", exp.out, exp.err)
	}
	if after := mustRead(t, db); !bytes.Equal(before, after) {
		t.Fatal("the read-only draft file changed")
	}
}
