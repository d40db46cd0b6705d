package cli

import "fmt"

// ownConsole says whether the console window was opened for this program
// alone: on Windows, a double-click on nianbao.exe in Explorer opens one,
// and closes it the moment the program ends. A variable, so that tests can
// say yes.
var ownConsole = consoleOwned

// holdWindow keeps a window the program has to itself open after the UI
// could not start or ended in error (the draft file in use by another
// window, damaged, not writable): without it the message would vanish with
// the window before anyone read it. It waits for Enter.
func (a *app) holdWindow() {
	// Only the UI is opened by a double-click; a closed window (128+n)
	// has no one left to read.
	if !a.uiAsked || a.code == exitOK || a.code >= 128 || !ownConsole() {
		return
	}
	fmt.Fprint(a.stderr, txtPressEnter)
	// Byte by byte up to the Enter, taking nothing after it; any end of
	// input (the window closed) ends the wait too.
	var b [1]byte
	for a.stdin != nil {
		if n, err := a.stdin.Read(b[:]); err != nil || n == 1 && b[0] == '\n' {
			break
		}
	}
}
