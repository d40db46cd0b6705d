package cli

import (
	"errors"
	"io"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"

	"nianbao/store"
	"nianbao/ui"
)

// runUI opens the full-screen UI on the draft file, which it holds for the
// whole session (a second window gets the store's "held" message: exit 3).
// The day's backup is the UI's, after its first screen is drawn.
func (a *app) runUI() error {
	s, err := a.openDraft()
	if err != nil {
		// Refused before the UI started (a second window, a damaged
		// file): Run waits for Enter when a person is at the console.
		a.uiRefused = true
		return err
	}
	return a.closeAfter(s, func(s *store.Store) error {
		err := ui.Run(ui.Config{Store: s, Now: time.Now, ExportDir: "."})
		var se *ui.SignalError
		switch {
		case err == nil:
			return nil
		case errors.As(err, &se):
			// Closed window or kill: the work is saved, but the exit
			// code says the program did not end by itself (128+n, as
			// a shell reports it).
			code := exitUsage
			if n, ok := se.Signal.(syscall.Signal); ok {
				code = 128 + int(n)
			}
			return &cliError{code: code, msg: se.Error()}
		case strings.Contains(strings.ToLower(err.Error()), "tty"):
			// Started from a script or a pipe: Bubble Tea found no terminal.
			return usageErr(txtNoTerminal)
		}
		return usageErr(txtUIFailed, err.Error())
	})
}

// holdRefusal keeps a refused UI's message on screen until Enter when a
// person is at the console (stdin and stdout both terminals): a program
// started by a double click runs in a console that closes as it exits.
// Commands never wait, and neither does a UI started from a script.
func (a *app) holdRefusal() {
	if a.uiRefused && isTerminal(a.stdout) && isTerminalIn(a.stdin) {
		ui.WaitForEnter(a.stdin, a.stderr)
	}
}

// isTerminalIn reports whether r is a terminal.
func isTerminalIn(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
