package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// tmuxBinary is the start of every test that drives the real binary in
// tmux: without tmux (or under -short) it skips, saying what is not tried,
// unless NIANBAO_E2E=1 or required makes that a failure; then it builds
// the binary into a temporary folder and returns its path.
func tmuxBinary(t *testing.T, what string, required bool) string {
	t.Helper()
	required = required || os.Getenv("NIANBAO_E2E") == "1"
	if _, err := exec.LookPath("tmux"); err != nil {
		if required {
			t.Fatal("tmux is not installed (apt-get install tmux)")
		}
		t.Skipf("tmux is not installed: skipping %s (NIANBAO_E2E=1 makes this a failure)", what)
	}
	if testing.Short() && !required {
		t.Skipf("-short: skipping %s", what)
	}
	bin := filepath.Join(t.TempDir(), "nianbao")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
