package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestHoldWindow: in a window opened for the program alone (a double-click
// on nianbao.exe), the UI that cannot start leaves its message on screen
// until Enter; from a terminal, from a command and on success nothing waits.
func TestHoldWindow(t *testing.T) {
	defer func(f func() bool) { ownConsole = f }(ownConsole)
	dir := t.TempDir() // a folder is no draft file: the UI cannot start

	run := func(owned bool, stdin string, args ...string) (int, string, *strings.Reader) {
		ownConsole = func() bool { return owned }
		in := strings.NewReader(stdin)
		var out, errb bytes.Buffer
		code := Run(args, in, &out, &errb)
		return code, errb.String(), in
	}

	code, stderr, in := run(true, "\nleft", "--db", dir)
	if code != exitUsage && code != exitDraft {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stderr, "错误：") || !strings.HasSuffix(stderr, txtPressEnter) {
		t.Errorf("stderr %q: want the error, then %q", stderr, txtPressEnter)
	}
	if in.Len() != len("left") {
		t.Errorf("read %d bytes of stdin, want the line up to Enter", int(in.Size())-in.Len())
	}
	// Input ends without Enter (the window is being closed): no hang.
	if code, stderr, _ := run(true, "", "--db", dir); code == exitOK || !strings.HasSuffix(stderr, txtPressEnter) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// From a terminal of its own, the shell keeps the message.
	if _, stderr, _ := run(false, "\n", "--db", dir); strings.Contains(stderr, txtPressEnter) {
		t.Errorf("waited in a shared console: %q", stderr)
	}
	// A command, or success: no wait.
	for _, args := range [][]string{{"list", "--db", dir}, {"--version"}} {
		if _, stderr, _ := run(true, "\n", args...); strings.Contains(stderr, txtPressEnter) {
			t.Errorf("%v waited: %q", args, stderr)
		}
	}
}
