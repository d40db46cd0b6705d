package ui

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// WaitForEnter says which key closes the window and returns once a line is
// read.
func TestWaitForEnter(t *testing.T) {
	in := strings.NewReader("\nnext")
	var out bytes.Buffer
	WaitForEnter(in, &out)
	if got := out.String(); got != "按 Enter 关闭窗口。\n" {
		t.Fatalf("asked %q", got)
	}
	// An input that ends (the console closed) ends the wait too.
	WaitForEnter(strings.NewReader(""), io.Discard)
}
