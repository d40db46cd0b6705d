package ui

import (
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/office"
)

// The system ends the program when its window goes away: closing a Linux
// terminal (Kylin/UOS included) sends SIGHUP, closing a Windows console
// arrives as SIGTERM (Go's os/signal maps CTRL_CLOSE_EVENT to it), and kill
// sends SIGTERM. Ctrl+C is a key in the UI; it arrives as SIGINT only when
// the input is not a terminal. Each is caught and turned into
// signalQuitMsg, which saves what was typed and quits without asking: no
// one is left to answer. syscall.SIGHUP and SIGTERM exist on Windows too,
// so this file needs no build tags.
var quitSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// How long the queue may take to write the last saves once the window is
// going away, and how long finalSave then waits for a save in progress:
// together under the 5 s Windows gives a closing console.
const (
	quitWait  = 3 * time.Second
	finalWait = time.Second
)

type (
	// signalQuitMsg: the window is going away (or a QuitMsg came from
	// outside the root): save and quit now, without questions.
	signalQuitMsg struct{}
	// quitTimeoutMsg ends the wait for the queue after quitWait.
	quitTimeoutMsg struct{}
)

// SignalError is returned by Run when the program was ended by a signal
// (its window closed, kill); Err is the last save's failure, if any.
type SignalError struct {
	Signal os.Signal
	Err    error
}

func (e *SignalError) Error() string {
	if e.Err != nil {
		return strf(strClosedUnsaved, signalName(e.Signal), e.Err.Error())
	}
	return strf(strClosedBySignal, signalName(e.Signal))
}

func (e *SignalError) Unwrap() error { return e.Err }

// Name is the signal's name as support knows it: SIGTERM, SIGHUP, SIGINT.
func (e *SignalError) Name() string { return signalName(e.Signal) }

// signalName is the name an officer can look up or tell support (Go's own
// names are English words).
func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return s.String()
}

// quitNow saves pending work and quits without asking; a second signal, or
// quitWait later, quits whatever is still pending (finalSave then makes the
// last attempt).
func (a *app) quitNow() tea.Cmd {
	if a.closing {
		return a.exit()
	}
	a.closing, a.confirmQuit = true, false
	var flush tea.Cmd
	if a.ed != nil {
		flush = a.ed.flush() // a cell entry that cannot be saved is dropped
	}
	if flush == nil && a.saves.idle() {
		return a.exit()
	}
	a.quitting = true
	a.saves.forget() // retried by finalSave, not by asking
	return tea.Batch(flush, a.tick(quitWait, func(time.Time) tea.Msg { return quitTimeoutMsg{} }))
}

// quitFilter routes a QuitMsg or InterruptMsg that the root did not return
// itself (Program.Quit, Bubble Tea's own signal handling) through
// signalQuitMsg, so that the flush always happens before the program ends.
func quitFilter(m tea.Model, msg tea.Msg) tea.Msg {
	a, ok := m.(*app)
	if !ok || a.done {
		return msg
	}
	switch msg.(type) {
	case tea.QuitMsg, tea.InterruptMsg:
		return signalQuitMsg{}
	}
	return msg
}

// finalSave runs after the program has ended. When it ended before the
// queue was empty (a second signal, the wait ran out, the terminal's input
// failed as the window closed), the open report is saved here, directly:
// the queue's late saves are skipped from now on, so this last copy is not
// overwritten by an older one. It waits at most finalWait for a save in
// progress.
func (a *app) finalSave() error {
	var flush tea.Cmd
	if a.ed != nil {
		flush = a.ed.flush()
	}
	q := a.saves
	unsaved := flush != nil || !q.idle() || q.failed != nil
	gate := q.gate
	deadline := time.Now().Add(finalWait)
	for !gate.TryLock() {
		if time.Now().After(deadline) {
			if unsaved && a.ed != nil {
				return errSaveStuck{}
			}
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	defer gate.Unlock()
	gate.closed = true
	if a.ed == nil || !unsaved || a.reports == nil {
		return nil
	}
	return a.reports.Save(a.ed.report().Clone(), sumClosed)
}

// UnsavedError is what Run returns (alone, or as a SignalError's Err) when
// the last save failed as the program ended: the process is going, and what
// was typed with it, so the open report was written aside as nianbao JSON
// (office.Rescue: beside the draft file, else in the home folder, else in
// the temporary folder), which an import reads back.
type UnsavedError struct {
	Err     error  // why the last save failed
	Copy    string // the file the report was written to; "" when none took it
	CopyErr error  // why no file could be written
}

func (e *UnsavedError) Error() string {
	why := strings.TrimSuffix(e.Err.Error(), strFullStop)
	if e.Copy != "" {
		return strf(strUnsavedCopy, why, e.Copy)
	}
	return strf(strUnsavedLost, why, e.CopyErr.Error())
}

func (e *UnsavedError) Unwrap() error { return e.Err }

// rescue: the final save failed (err); write the open report aside and say
// where. Nothing is said to be safe that is not.
func (a *app) rescue(err error) error {
	if err == nil || a.ed == nil {
		return err
	}
	draft := ""
	if a.db != nil {
		draft = a.db.Path()
	}
	u := &UnsavedError{Err: err}
	u.Copy, u.CopyErr = office.Rescue(a.ed.report().Clone(), draft, a.now())
	return u
}

// ended is what Run returns once the program has stopped (runErr is
// Bubble Tea's; sig the signal that ended it, if one did): the last save
// is made (finalSave), and when it fails the report is written aside.
func (a *app) ended(runErr error, sig os.Signal) error {
	ferr := a.rescue(a.finalSave())
	if sig != nil {
		// The terminal's input may have failed as the window closed:
		// the signal, not that error, says what happened.
		return &SignalError{Signal: sig, Err: ferr}
	}
	if ferr != nil {
		return ferr
	}
	return runErr
}

// errSaveStuck: a save still running when the program ended kept the last
// save from being written.
type errSaveStuck struct{}

func (errSaveStuck) Error() string { return strSaveStuck }

// Run runs the program until the officer quits or the window is closed; a
// signal makes it return *SignalError once the work is saved.
func Run(cfg Config) error {
	a := New(cfg).(*app)
	p := tea.NewProgram(a, tea.WithoutSignalHandler(), tea.WithFilter(quitFilter))
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, quitSignals...)
	defer signal.Stop(sigs)
	got := make(chan os.Signal, 1)
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				select {
				case got <- s:
				default: // the first one is the one reported
				}
				p.Send(signalQuitMsg{})
			case <-stop:
				return
			}
		}
	}()
	_, err := p.Run()
	close(stop)
	var sig os.Signal
	select {
	case sig = <-got:
	default:
	}
	return a.ended(err, sig)
}
