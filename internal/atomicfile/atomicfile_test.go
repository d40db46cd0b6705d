package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteRefusesExistingUnlessReplace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "报告.html")
	if err := Write(p, []byte("one"), 0o644, false); err != nil {
		t.Fatal(err)
	}
	err := Write(p, []byte("two"), 0o644, false)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("second write without replace: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Fatalf("refused write changed the file: %q", b)
	}
	if err := Write(p, []byte("three"), 0o600, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "three" {
		t.Fatalf("replace wrote %q", b)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestWriteIntoMissingFolderFailsCleanly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope", "x.md")
	if err := Write(p, []byte("x"), 0o644, false); err == nil {
		t.Fatal("write into a missing folder succeeded")
	}
}
