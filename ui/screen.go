package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// screen is one full-screen part of the program (start, editor, trash,
// history) or a dialog drawn over it (new report, import, export, confirm,
// help). Screens are plain values owned by the root model: they never do I/O
// in update (slow work goes into a tea.Cmd whose result comes back as a typed
// message) and never change the root model directly; they ask for it with the
// navigation messages below.
type screen interface {
	// update handles a message and returns the screen to keep showing
	// (usually itself) and a command.
	update(msg tea.Msg) (screen, tea.Cmd)
	// view renders the screen into a w×h area.
	view(w, h int) string
	// cursor is the real terminal cursor position inside the screen's
	// area while text is being typed (so the IME window follows it), or
	// nil.
	cursor() *tea.Cursor
	// bindings are the keys shown in the help bar, from the one key map.
	bindings() []key.Binding
	// typing reports whether bare characters are text input right now
	// (then '?' does not open help and Esc cancels the input first).
	typing() bool
}

// Navigation messages: a screen returns a command that yields one of these
// and the root model acts on it.
type (
	// openReportMsg opens the editor on a stored report.
	openReportMsg struct {
		id   string
		note string // shown in the status line once the report is open
		// back is the screen leaving the report returns to (the
		// collecting office's status); nil: the start screen.
		back screen
	}
	// showStartMsg goes back to the start screen (reloading the list).
	showStartMsg struct{}
	// pushDialogMsg shows a dialog over the current screen.
	pushDialogMsg struct{ d screen }
	// popDialogMsg closes the top dialog.
	popDialogMsg struct{}
	// statusMsg shows a one-line note in the status line.
	statusMsg struct {
		text  string
		err   bool
		brief bool // gone at the next key
	}
	// quitMsg asks the root to quit (it may ask first if a save failed).
	// force: the officer has agreed to lose a cell entry that cannot be
	// saved.
	quitMsg struct{ force bool }
)

// send wraps a message into a command.
func send(m tea.Msg) tea.Cmd { return func() tea.Msg { return m } }

// initer is implemented by screens that start work (reading a list) when
// they are shown; the root runs init's command when it makes them current.
type initer interface{ init() tea.Cmd }
