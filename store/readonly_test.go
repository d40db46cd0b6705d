//go:build unix

package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"nianbao/model"
)

// roEnv names the draft file the child of TestReadOnlyFile reads.
const roEnv = "NIANBAO_STORE_READONLY"

// nobody is the user the child runs as when the test runs as root (root
// reads and writes whatever the file's mode says).
const nobody = 65534

// TestReadOnlyFile: a draft file the user may read but not write (mode
// 0400) in a folder the user may write. A read-only open reads everything
// (list, reports, history, revisions, trash), refuses every write with a
// clear message, makes no backup and writes nothing at all, not even a
// lock file, and two read-only opens read at once; a writable open is
// refused. Run as root, the checks run in a child process as user nobody.
func TestReadOnlyFile(t *testing.T) {
	if path := os.Getenv(roEnv); path != "" {
		readOnlyChecks(t, path)
		return
	}
	root := os.Getuid() == 0
	dir, err := os.MkdirTemp("", "nianbao-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "drafts.db")
	c := newClock()
	s := openAt(t, path, c)
	var reps []*model.Report
	for _, ag := range []string{"某县科委", "某县教委"} {
		r := fullReport(t, ag, 2024)
		if err := s.Create(r, ""); err != nil {
			t.Fatal(err)
		}
		c.Add(time.Hour)
		set(t, r, "s3.new.natural", 77)
		if err := s.Save(r, "改"); err != nil {
			t.Fatal(err)
		}
		reps = append(reps, r)
	}
	gone := model.New("某县文旅局", 2024, model.KindCountyDept, model.ScopeSelf)
	s.Create(gone, "")
	s.Delete(gone.ID)
	s.Close()
	os.Remove(lockPath(path)) // as a file copied from elsewhere
	var encoded []json.RawMessage
	for _, r := range reps {
		encoded = append(encoded, encode(t, r))
	}
	want, _ := json.Marshal(encoded)
	if err := os.WriteFile(filepath.Join(dir, "want.json"), want, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	entries := func() []string {
		ents, _ := os.ReadDir(dir)
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}
	listed := entries()

	if !root {
		readOnlyChecks(t, path)
	} else {
		// The child is this test binary, run as nobody: it must be able
		// to reach and run it, and own the folder and the file.
		exe := filepath.Join(dir, "store.test")
		copyFile(t, os.Args[0], exe)
		for _, p := range []string{dir, path, exe, filepath.Join(dir, "want.json")} {
			if err := os.Chown(p, nobody, nobody); err != nil {
				t.Skipf("cannot give the file to user nobody (%v): read-only file not tried", err)
			}
		}
		os.Chmod(dir, 0o755)
		listed = entries()
		cmd := exec.Command(exe, "-test.run=^TestReadOnlyFile$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), roEnv+"="+path, "HOME="+dir, "GOCOVERDIR=")
		cmd.Dir = dir
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child as nobody: %v\n%s", err, out)
		}
		if !bytes.Contains(out, []byte("--- PASS")) {
			t.Fatalf("child did not run the checks:\n%s", out)
		}
		t.Logf("%s", out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Fatal("the read-only file changed")
	}
	if fi2, _ := os.Stat(path); !fi2.ModTime().Equal(fi.ModTime()) {
		t.Fatal("the read-only file was written")
	}
	// The writable open's attempt may leave the lock file; nothing else.
	got := slices.DeleteFunc(entries(), func(n string) bool { return n == filepath.Base(lockPath(path)) })
	if !slices.Equal(got, listed) {
		t.Fatalf("folder changed: %v, was %v", got, listed)
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// readOnlyChecks runs as a user who may read the draft file at path but
// not write it.
func readOnlyChecks(t *testing.T, path string) {
	dir := filepath.Dir(path)
	data, err := os.ReadFile(filepath.Join(dir, "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	var encoded []json.RawMessage
	if err := json.Unmarshal(data, &encoded); err != nil {
		t.Fatal(err)
	}
	var reps []*model.Report
	for _, js := range encoded {
		r, err := model.Decode(js)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, r)
	}
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err == nil {
		f.Close()
		t.Fatal("the draft file is writable here: nothing would be tested")
	}
	ents, _ := os.ReadDir(dir)

	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open: %v", err)
	}
	defer s.Close()
	other, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("a second read-only open at the same time: %v", err)
	}
	if l, err := other.List(); err != nil || len(l) != 2 {
		t.Fatalf("second reader's list: %v %v", l, err)
	}
	other.Close()
	list, err := s.List()
	if err != nil || len(list) != 2 || list[0].Agency != "某县教委" || list[1].Agency != "某县科委" {
		t.Fatalf("list: %+v %v", list, err)
	}
	for _, r := range reps {
		got, err := s.Get(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameReport(t, got, r)
		if got, err = s.Find(r.Agency, r.Year); err != nil || got.ID != r.ID {
			t.Fatalf("find: %v", err)
		}
		h, err := s.History(r.ID)
		if err != nil || len(h) != 2 {
			t.Fatalf("history: %+v %v", h, err)
		}
		if old, err := s.Revision(r.ID, h[1].N); err != nil || old.S5 != r.S5 {
			t.Fatalf("revision: %v", err)
		}
	}
	if tr, err := s.Trash(); err != nil || len(tr) != 1 || tr[0].Agency != "某县文旅局" {
		t.Fatalf("trash: %+v %v", tr, err)
	}
	r := reps[0]
	set(t, r, "s3.new.natural", 5)
	_, restoreErr := s.Restore(r.ID, 1)
	_, _, compactErr := s.Compact()
	for what, err := range map[string]error{
		"save":     s.Save(r, ""),
		"create":   s.Create(model.New("某县公安局", 2024, model.KindCountyDept, model.ScopeSelf), ""),
		"delete":   s.Delete(r.ID),
		"undelete": s.Undelete(r.ID),
		"export":   s.MarkExport(r.ID, "HTML"),
		"restore":  restoreErr,
		"compact":  compactErr,
	} {
		var fe *FileError
		if !errors.As(err, &fe) || fe.Problem != OpenedReadOnly || !strings.Contains(err.Error(), "只读") {
			t.Errorf("%s on a read-only open: %v", what, err)
		}
	}
	if err := s.DailyBackup(); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Backups(); len(b) != 0 {
		t.Fatalf("a read-only open made a backup: %+v", b)
	}
	if now, _ := os.ReadDir(dir); len(now) != len(ents) {
		t.Fatalf("a read-only open wrote into the folder: %v", now)
	}
	// A writable open is refused.
	_, err = Open(path, Options{})
	// The file's doing, not its folder's.
	wantErr(t, err, nil, "不能打开草稿文件进行写入："+path, "文件是只读的")
	if fe := (*FileError)(nil); !errors.As(err, &fe) || fe.Problem != NotWritable {
		t.Fatalf("%#v", err)
	}
}
