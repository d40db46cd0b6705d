package cli

import (
	"errors"
	"fmt"
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
	var fe *store.FileError
	if errors.As(err, &fe) && fe.Problem == store.NotWritable && fe.ReadOnly() && !fe.Migrating && !fe.DiskFull() {
		// A draft file the officer may only read (a read-only file,
		// folder or disk): the UI opens it read-only, says why, and
		// refuses every change; viewing, checks and exports still work.
		if ro, rerr := store.Open(fe.Path, store.Options{ReadOnly: true}); rerr == nil {
			return a.closeAfter(ro, func(s *store.Store) error {
				return a.uiEnded(ui.Run(ui.Config{Store: s, Now: time.Now, ExportDir: ".", ReadOnlyWhy: fe.Reason}))
			})
		}
	}
	if err != nil {
		// Refused before the UI started (a second window, a damaged
		// file): Run waits for Enter when a person is at the console.
		a.uiRefused = true
		return err
	}
	return a.closeAfter(s, func(s *store.Store) error {
		return a.uiEnded(ui.Run(ui.Config{Store: s, Now: time.Now, ExportDir: ".", Version: a.generator()}))
	})
}

// uiEnded says how the UI ended, in the command line's words: closed by a
// signal with everything saved is a note (the exit code 128+n still says
// the program did not end by itself); a last save that failed is an error
// naming the file the report was written to instead and the command that
// reads it back, or saying plainly that the changes are lost.
func (a *app) uiEnded(err error) error {
	var se *ui.SignalError
	var ue *ui.UnsavedError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		code := exitUsage
		if n, ok := se.Signal.(syscall.Signal); ok {
			code = 128 + int(n)
		}
		if se.Err == nil {
			a.note(txtUIClosedSaved, se.Name())
			a.raise(code)
			return nil
		}
		return &cliError{code: code, msg: fmt.Sprintf(txtUIClosed, se.Name()) + unsavedMessage(se.Err), cause: err}
	case errors.As(err, &ue):
		return &cliError{code: exitDraft, msg: unsavedMessage(ue), cause: err}
	case strings.Contains(strings.ToLower(err.Error()), "tty"):
		// Started from a script or a pipe: Bubble Tea found no terminal.
		return usageErr(txtNoTerminal)
	}
	return usageErr(txtUIFailed, err.Error())
}

// unsavedMessage says what became of the work when the UI's last save
// failed: written aside (and how to import it), or lost.
func unsavedMessage(err error) string {
	var ue *ui.UnsavedError
	if !errors.As(err, &ue) {
		return fmt.Sprintf(txtUILastSaveFailed, strings.TrimSuffix(err.Error(), txtFullStop))
	}
	why := strings.TrimSuffix(ue.Err.Error(), txtFullStop)
	switch {
	case ue.Copy == "":
		return fmt.Sprintf(txtUnsavedLost, why, ue.CopyErr.Error())
	case !store.Unusable(ue.Err):
		// The store refused the report itself (a name already taken …):
		// replacing another report with it is for the officer to decide.
		return fmt.Sprintf(txtUnsavedRefused, why, ue.Copy, shellArg(ue.Copy))
	}
	return fmt.Sprintf(txtUnsavedCopy, why, ue.Copy, shellArg(ue.Copy))
}

// shellArg quotes a path for a command to copy when it has a space.
func shellArg(s string) string {
	if strings.ContainsAny(s, " \t") {
		return `"` + s + `"`
	}
	return s
}

// holdRefusal keeps a refused UI's message on screen until Enter when a
// person is at the console (stdin and stdout both terminals): a program
// started by a double click runs in a console that closes as it exits.
// Commands never wait, and neither does a UI started from a script.
func (a *app) holdRefusal() {
	if a.uiRefused && isTerminal(a.rawStdout) && isTerminalIn(a.stdin) {
		ui.WaitForEnter(a.stdin, a.stderr)
	}
}

// isTerminalIn reports whether r is a terminal.
func isTerminalIn(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
