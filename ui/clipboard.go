package ui

import (
	"os"
	"runtime"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/atotto/clipboard"
)

// Ctrl+C copies the value under the cursor (a cell, a paragraph, a
// finding) to the system clipboard. The program reaches the clipboard
// itself where it can: on Windows through the system's clipboard API
// (github.com/atotto/clipboard, pure Go; Windows 10's classic console
// ignores OSC 52), on a Linux or macOS desktop through a clipboard tool
// (xclip, xsel, wl-copy, pbcopy) when one is installed. Elsewhere (no
// desktop, no tool, over SSH, where the machine's clipboard is not the
// officer's) it asks the terminal to do it with OSC 52, which tmux, Windows
// Terminal and most modern terminals honour; the status line then says the
// terminal was asked, since the program cannot know whether it obeyed.

// systemClip is what the program needs of the system clipboard; tests
// replace it (Config.clip).
type systemClip interface {
	// native reports whether the clipboard can be reached directly here.
	native() bool
	write(s string) error
	read() (string, error)
}

// osClip is the real clipboard, through atotto/clipboard.
type osClip struct{}

func (osClip) native() bool {
	if clipboard.Unsupported {
		return false // no clipboard tool on this Linux machine
	}
	if os.Getenv("SSH_CONNECTION") != "" || os.Getenv("SSH_TTY") != "" {
		return false // this machine's clipboard is not the officer's
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		return true
	}
	// xclip and wl-copy need the desktop's display.
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

func (osClip) write(s string) error  { return clipboard.WriteAll(s) }
func (osClip) read() (string, error) { return clipboard.ReadAll() }

// clipWait bounds a clipboard tool that does not answer (an X server gone
// away): after it, the terminal is asked instead.
const clipWait = 2 * time.Second

// errClipStuck: the clipboard tool did not answer within clipWait.
type errClipStuck struct{}

func (errClipStuck) Error() string { return "clipboard: no answer" }

// within runs f, giving up after clipWait.
func within[T any](f func() (T, error)) (T, error) {
	type res struct {
		v   T
		err error
	}
	ch := make(chan res, 1)
	go func() {
		v, err := f()
		ch <- res{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-time.After(clipWait):
		var zero T
		return zero, errClipStuck{}
	}
}

// copiedMsg is the result of a copy: done natively, or to be asked of the
// terminal (OSC 52) by the root.
type copiedMsg struct {
	text, what string
	native     bool
}

// copyCmd copies text (what names it for the status line) in a command:
// the clipboard tool is a process, and no I/O runs in Update.
func (sh *shared) copyCmd(text, what string) tea.Cmd {
	clip := sh.clip
	return func() tea.Msg {
		if clip.native() {
			if _, err := within(func() (struct{}, error) { return struct{}{}, clip.write(text) }); err == nil {
				return copiedMsg{text: text, what: what, native: true}
			}
		}
		return copiedMsg{text: text, what: what}
	}
}

// pasteCmd reads the system clipboard for Ctrl+V and hands it on as a
// paste; where the program cannot read it, the status line says to use
// the terminal's own paste.
func (sh *shared) pasteCmd() tea.Cmd {
	clip := sh.clip
	return func() tea.Msg {
		if clip.native() {
			if s, err := within(clip.read); err == nil {
				if s == "" {
					return statusMsg{text: strPasteEmpty, brief: true}
				}
				return tea.PasteMsg{Content: s}
			}
		}
		return statusMsg{text: strf(strPasteUseTerminal, keyTermPaste), brief: true}
	}
}

// copier is a screen or dialog with something to copy: the cell, the
// paragraph or the finding under the cursor, and its name for the status
// line ("" when there is nothing).
type copier interface {
	copyText() (text, what string)
}
