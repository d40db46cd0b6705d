package ui

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
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
// going away (Windows gives a closing console about 5 s).
const quitWait = 3 * time.Second

type (
	// signalQuitMsg: the window is going away (or a QuitMsg came from
	// outside the root): save and quit now, without questions.
	signalQuitMsg struct{}
	// quitTimeoutMsg ends the wait for the queue after quitWait.
	quitTimeoutMsg struct{}
)

// badEntryer is a screen that can hold an entry that cannot be saved; on
// Ctrl+Q the root asks badEntry's question instead of dropping it.
type badEntryer interface{ badEntry() string }

// SignalError is returned by Run when the program was ended by a signal
// (its window closed, kill) after saving what it could.
type SignalError struct{ Signal os.Signal }

func (e *SignalError) Error() string { return strf(strClosedBySignal, e.Signal.String()) }

// quitNow saves pending work and quits without asking; a second signal, or
// quitWait later, quits whatever is still pending (finalSave then makes the
// last attempt).
func (a *app) quitNow() tea.Cmd {
	if a.closing {
		return a.exit()
	}
	a.closing, a.confirmQuit = true, false
	var flush tea.Cmd
	if f, ok := a.cur.(flusher); ok {
		flush = f.flush() // a cell entry that cannot be saved is dropped
	}
	if flush == nil && !a.saving && a.pending == nil && len(a.waits) == 0 && !a.inFlight() {
		return a.exit()
	}
	a.quitting = true
	a.failed = nil // retried by finalSave, not by asking
	return tea.Batch(flush, tea.Tick(quitWait, func(time.Time) tea.Msg { return quitTimeoutMsg{} }))
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

// reporter is a screen with an open report (the editor).
type reporter interface{ report() *model.Report }

// finalSave runs after the program has ended. When it ended before the
// queue was empty (a second signal, the wait ran out, the terminal's input
// failed as the window closed), the open report is saved here, directly:
// the queue's late saves are skipped from now on, so this last copy is not
// overwritten by an older one. It waits at most quitWait for a save in
// progress.
func (a *app) finalSave() error {
	var flush tea.Cmd
	if f, ok := a.cur.(flusher); ok {
		flush = f.flush()
	}
	rp, ok := a.cur.(reporter)
	unsaved := flush != nil || a.saving || a.pending != nil || a.failed != nil || a.inFlight()
	deadline := time.Now().Add(quitWait)
	for !a.gate.TryLock() {
		if time.Now().After(deadline) {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	defer a.gate.Unlock()
	a.gate.closed = true
	if !ok || !unsaved || a.db == nil {
		return nil
	}
	return a.db.Save(rp.report().Clone(), sumClosed)
}

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
	if ferr := a.finalSave(); ferr != nil && err == nil {
		err = ferr
	}
	select {
	case s := <-got:
		return &SignalError{Signal: s}
	default:
	}
	return err
}
