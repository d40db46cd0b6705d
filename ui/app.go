// Package ui is the terminal program with which an officer fills in the
// annual report: a start screen listing the drafts, and an editor that walks
// through the report section by section, checks every figure as it is typed
// and saves every change to the draft file without blocking input. Every
// screen, message and error is in Chinese.
package ui

import (
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
	"nianbao/store"
)

// Minimum terminal size; below it the program asks for a bigger window
// instead of drawing a cropped screen (the renderer crops silently).
const (
	minWidth  = 80
	minHeight = 24
)

// reportStore is what the UI needs from the draft file for the editor and
// the save queue; *store.Store satisfies it, and the tests use a fake.
type reportStore interface {
	Get(id string) (*model.Report, error)
	Save(r *model.Report, summary string) error
	Previous(r *model.Report) (*model.Report, error)
}

// reportLoadedMsg carries a report read for the editor, and when it was
// last saved (zero when unknown).
type reportLoadedMsg struct {
	r, prev *model.Report
	updated time.Time
	note    string
	err     error
}

// Optional screen abilities, checked by the root with type assertions.
type (
	// statusProvider adds screen-specific facts (error count, 已填) to
	// the status line.
	statusProvider interface{ status() string }
	// helpOverrider replaces the help bar with a message (an input error
	// shown where the keys usually are) when it returns a non-empty line.
	helpOverrider interface{ helpLine() string }
)

// app is the root model. It owns the shared context (styles, keys, the save
// queue) and the screens; ed is the editor when a report is open.
type app struct {
	*shared
	w, h    int
	cur     screen
	ed      *editor // cur, when it is the editor
	dialogs []screen

	note    string // one-line note from statusMsg
	noteErr bool
	// noteBrief: the note says what a key just did (copied, how to
	// paste); the next key takes it away.
	noteBrief bool

	back screen // where leaving the open report returns to (nil: the start screen)

	confirmQuit bool // asking whether to quit although a save failed
	quitting    bool // quit once the queue is empty
	closing     bool // the window is going away: quit without asking, soon
	done        bool // tea.Quit was returned: a QuitMsg now is ours
}

func newApp(cfg Config, db reportStore, start screen) *app {
	a := &app{shared: newShared(cfg, db), w: minWidth, h: minHeight}
	if start != nil {
		a.setCur(start)
	}
	return a
}

func (a *app) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if in, ok := a.cur.(initer); ok {
		cmds = append(cmds, in.init())
	}
	return tea.Batch(cmds...)
}

func (a *app) setCur(s screen) {
	a.cur = s
	a.ed, _ = s.(*editor)
}

// setScreen makes s the current screen and starts its initial work.
func (a *app) setScreen(s screen) tea.Cmd {
	a.setCur(s)
	if in, ok := s.(initer); ok {
		return in.init()
	}
	return nil
}

// Config is what the program needs from its caller.
type Config struct {
	Store     *store.Store
	Now       func() time.Time
	ExportDir string         // default "."
	Zone      *time.Location // where times are shown; default time.Local
	// Version is this build in one line (buildinfo's Line): the help
	// screen shows it, the exports name it as their generator.
	Version string
	// tick makes every timer of the program (default tea.Tick); tests
	// replace it so that a timer is a value they can see, rather than a
	// command they guess is one because it is slow.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// clip is the system clipboard (default: the real one); tests give
	// a fake, so that they neither need nor touch a desktop's.
	clip systemClip
	// ReadOnlyWhy says why Store, opened read-only, could not be opened
	// for writing (a read-only file or disk, in the file system's words);
	// the UI shows it in its 只读 banner. Ignored for a writable store.
	ReadOnlyWhy string
}

// New returns the root model, showing the start screen.
func New(cfg Config) tea.Model {
	var db reportStore
	if cfg.Store != nil {
		db = cfg.Store
	}
	a := newApp(cfg, db, nil)
	start := newStartScreen(a.shared)
	// The day's backup is made once, after the first list is drawn; what
	// it finds is said once: coming back to the list later does not
	// repeat it.
	start.daily = true
	a.setCur(start)
	return a
}

func (a *app) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.w, a.h = msg.Width, msg.Height
		return a, nil
	case tea.BackgroundColorMsg:
		a.setStyles(msg.IsDark())
		return a, nil
	case savedMsg:
		return a, a.settle(a.saves.saved(msg.at))
	case saveFailedMsg:
		return a, a.settle(a.saves.saveFailed(msg.req, msg.err))
	case jobDoneMsg:
		return a, a.settle(a.saves.jobDone(msg.msg))
	case retrySaveMsg:
		return a, a.settle(a.saves.retry())
	case afterSavesMsg:
		return a, a.settle(a.saves.after(msg.run, msg.drop))
	case openReportMsg:
		a.back = msg.back
		return a, a.load(msg.id, msg.note)
	case showScreenMsg:
		a.dialogs = nil
		a.note, a.noteErr = "", false
		return a, a.setScreen(msg.s)
	case reportLoadedMsg:
		if msg.err != nil {
			// A damaged report is explained on the list, in full and
			// with the way out, rather than cut to the status line.
			var e *store.ReportError
			if s, ok := a.cur.(*startScreen); ok && errors.As(msg.err, &e) {
				s.showDamaged(e)
				return a, nil
			}
			a.note, a.noteErr = msg.err.Error(), true
			return a, nil
		}
		a.dialogs = nil
		a.note, a.noteErr = msg.note, false
		if !msg.updated.IsZero() && a.saves.failed == nil && a.saves.idle() {
			a.saves.lastSaved = msg.updated
		}
		return a, a.setScreen(newEditor(msg.r, msg.prev, a.shared))
	case showStartMsg:
		// A note spoke of the report just left (已导出到, 已创建 …).
		a.dialogs = nil
		a.note, a.noteErr = "", false
		if back := a.back; back != nil && a.ed != nil {
			a.back = nil
			return a, a.setScreen(back)
		}
		a.back = nil
		return a, a.setScreen(newStartScreen(a.shared))
	case pushDialogMsg:
		a.dialogs = append(a.dialogs, msg.d)
		if in, ok := msg.d.(initer); ok {
			return a, in.init()
		}
		return a, nil
	case popDialogMsg:
		if len(a.dialogs) > 0 {
			a.dialogs = a.dialogs[:len(a.dialogs)-1]
		}
		return a, nil
	case statusMsg:
		a.note, a.noteErr, a.noteBrief = msg.text, msg.err, msg.brief
		return a, nil
	case copiedMsg:
		a.noteErr, a.noteBrief = false, true
		if msg.native {
			a.note = strf(strCopied, msg.what)
			return a, nil
		}
		a.note = strf(strCopiedTerm, msg.what)
		return a, tea.SetClipboard(msg.text)
	case quitMsg:
		if msg.force && a.ed != nil {
			// The officer agreed to lose a cell entry that cannot be
			// saved: drop it, save the rest.
			return a, a.quitWith(a.ed.flush())
		}
		return a, a.quit()
	case signalQuitMsg:
		return a, a.quitNow()
	case quitTimeoutMsg:
		if a.closing {
			return a, a.exit()
		}
		return a, nil
	case tea.KeyPressMsg:
		if a.noteBrief {
			a.note, a.noteErr, a.noteBrief = "", false, false
		}
		if a.tooSmall() && !key.Matches(msg, a.keys.Quit) {
			// Nothing is drawn but the request for a bigger window:
			// keys would change what cannot be seen.
			return a, nil
		}
		if a.confirmQuit {
			switch {
			case key.Matches(msg, a.dlgKeys.Confirm), key.Matches(msg, a.keys.Quit):
				// Enter, or Ctrl+Q again: quit all the same.
				return a, a.exit()
			case key.Matches(msg, a.dlgKeys.Cancel):
				a.confirmQuit = false
			}
			return a, nil
		}
		if key.Matches(msg, a.keys.Quit) {
			return a, a.quit()
		}
		// Ctrl+C copies and Ctrl+V pastes wherever the officer is.
		if key.Matches(msg, a.keys.Copy) {
			return a, a.copy()
		}
		if key.Matches(msg, a.keys.Paste) {
			return a, a.pasteCmd()
		}
		// F1 opens help anywhere; '?' only where nothing is typed.
		if key.Matches(msg, a.keys.Help) || (key.Matches(msg, a.keys.HelpQ) && !a.top().typing()) {
			return a, send(pushDialogMsg{newHelpDialog(a.shared)})
		}
	}
	if isInput(msg) && a.tooSmall() {
		return a, nil
	}
	return a, a.route(msg)
}

// copy copies what is under the cursor of the top screen (Ctrl+C).
func (a *app) copy() tea.Cmd {
	if c, ok := a.top().(copier); ok {
		if text, what := c.copyText(); text != "" {
			return a.copyCmd(text, what)
		}
	}
	a.note, a.noteErr, a.noteBrief = strNothingToCopy, false, true
	return nil
}

// tooSmall reports whether the window is below the minimum size, where only
// the request for a bigger window is drawn.
func (a *app) tooSmall() bool { return a.w < minWidth || a.h < minHeight }

// route hands a message to the top dialog, or to the current screen.
func (a *app) route(msg tea.Msg) tea.Cmd {
	if n := len(a.dialogs); n > 0 {
		if _, isKey := msg.(tea.KeyPressMsg); isKey || isInput(msg) {
			d, cmd := a.dialogs[n-1].update(msg)
			a.dialogs[n-1] = d
			return cmd
		}
	}
	// Results of commands are typed for the screen or dialog that started
	// them; the others ignore them, so each is offered to all.
	var cmds []tea.Cmd
	for i, d := range a.dialogs {
		nd, cmd := d.update(msg)
		a.dialogs[i] = nd
		cmds = append(cmds, cmd)
	}
	s, cmd := a.cur.update(msg)
	a.setCur(s)
	return tea.Batch(append(cmds, cmd)...)
}

func isInput(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.PasteMsg, tea.MouseMsg:
		return true
	}
	return false
}

func (a *app) top() screen {
	if n := len(a.dialogs); n > 0 {
		return a.dialogs[n-1]
	}
	return a.cur
}

func (a *app) load(id, note string) tea.Cmd {
	db := a.reports
	if db == nil {
		return send(statusMsg{text: strNoStore, err: true})
	}
	sh := a.shared
	return func() tea.Msg {
		r, err := db.Get(id)
		if err != nil {
			return reportLoadedMsg{err: err}
		}
		if n := staleNote(sh, r); n != "" && note == "" {
			note = n // a sum that no longer equals its units says so
		}
		prev, _ := db.Previous(r) // last year is optional: its rules just stay silent
		return reportLoadedMsg{r: r, prev: prev, updated: updatedOf(db, id), note: note}
	}
}

// settle is the root's part once the queue has moved on: while quitting, an
// idle queue ends the program, or asks first when the last save failed (no
// one is asked when the window is going away: finalSave tries once more).
func (a *app) settle(cmd tea.Cmd) tea.Cmd {
	if !a.quitting || !a.saves.idle() {
		return cmd
	}
	if a.saves.failed == nil || a.closing {
		return a.exit()
	}
	a.quitting, a.confirmQuit = false, true
	return cmd // the retry goes on while the officer decides
}

// quit leaves the program once everything typed is saved; it asks first
// when the last save failed, or when a cell holds an entry that cannot be
// saved (the cell stays open with the parser's message).
func (a *app) quit() tea.Cmd {
	if a.ed != nil {
		if q := a.ed.badEntry(); q != "" {
			for _, d := range a.dialogs {
				if c, ok := d.(*confirmDialog); ok && c.question == q {
					return nil // asked already (Ctrl+Q pressed again)
				}
			}
			return send(pushDialogMsg{newCautiousDialog(a.shared, q, send(quitMsg{force: true}))})
		}
		return a.quitWith(a.ed.flush())
	}
	return a.quitWith(nil)
}

// quitWith quits once flush (the screen's pending work) and the queue are
// saved.
func (a *app) quitWith(flush tea.Cmd) tea.Cmd {
	if a.saves.failed != nil && flush == nil && a.saves.idle() {
		a.confirmQuit = true
		return nil
	}
	if flush == nil && a.saves.idle() {
		return a.exit()
	}
	a.quitting = true
	return flush
}

// exit ends the program. Every tea.Quit of the root goes through here, so
// that quitFilter can tell it from a QuitMsg sent from outside.
func (a *app) exit() tea.Cmd {
	a.done = true
	return tea.Quit
}

// updatedOf is when report id was last saved, read from the draft file's
// list (zero when the store cannot say).
func updatedOf(db reportStore, id string) time.Time {
	l, ok := db.(interface {
		List() ([]store.Summary, error)
	})
	if !ok {
		return time.Time{}
	}
	sums, err := l.List()
	if err != nil {
		return time.Time{}
	}
	for _, s := range sums {
		if s.ID == id {
			return s.Updated
		}
	}
	return time.Time{}
}

func (a *app) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = strAppName
	if a.w < minWidth || a.h < minHeight {
		v.SetContent(drawn(lipgloss.Wrap(strf(strTooSmall, minWidth, minHeight, a.w, a.h), max(a.w, 10), "")))
		return v
	}
	top := a.top()
	help := a.helpLines(top)
	status := append(a.bannerLines(), a.statusLines()...)
	bodyH := a.h - len(status) - len(help)
	body := a.cur.view(a.w, bodyH)
	cur := a.cur.cursor()
	if len(a.dialogs) > 0 {
		body = top.view(a.w, bodyH)
		cur = top.cursor()
	}
	lines := fitLines(body, a.w, bodyH)
	lines = append(lines, status...)
	lines = append(lines, help...)
	for i, l := range lines {
		lines[i] = trimTail(l)
	}
	v.SetContent(drawn(strings.Join(lines, "\n")))
	if a.confirmQuit {
		cur = nil
	}
	v.Cursor = cur
	return v
}

// bannerLines say, above the status line, that the draft file is open
// read-only and why (wrapped over up to two lines, never cut short of the
// reason): nothing typed here can be kept, so it is always in sight.
func (a *app) bannerLines() []string {
	if a.readOnly == "" {
		return nil
	}
	ls := wrapWidth(strf(strReadOnlyBanner, a.readOnly), a.w)
	if len(ls) > 2 {
		ls = ls[:2]
		ls[1] = cut(ls[1], a.w-1) + strSymIncomp
	}
	for i := range ls {
		ls[i] = a.st.w.StatusErr.render(ls[i])
	}
	return ls
}

// statusLines are the status line, and the latest note on lines of its
// own (up to two) when it does not fit beside the rest: a note says what
// was done (copied, exported to a path) and is never cut.
func (a *app) statusLines() []string {
	line := a.statusLine()
	if a.note == "" || dw(line) <= a.w {
		return []string{line}
	}
	note := a.note
	if a.noteErr {
		note = strSymError + " " + note
	}
	ls := wrapWidth(note, a.w)
	if len(ls) > 2 {
		ls = ls[:2]
		ls[1] = cut(ls[1], a.w-1) + strSymIncomp
	}
	if a.noteErr {
		for i := range ls {
			ls[i] = a.st.w.Error.render(ls[i])
		}
	}
	return append([]string{a.statusFacts()}, ls...)
}

// statusLine is the save state, the screen's own facts and the latest note.
func (a *app) statusLine() string {
	facts := a.statusFacts()
	if a.note == "" {
		return facts
	}
	n := a.note
	if a.noteErr {
		n = a.st.w.Error.render(strSymError + " " + n)
	}
	if facts == "" {
		return n
	}
	return facts + statusSep + n
}

// statusFacts is the save state and the screen's own facts.
func (a *app) statusFacts() string {
	var parts []string
	q := a.saves
	switch {
	case a.readOnly != "" && a.ed != nil:
		parts = append(parts, a.st.w.Warning.render(strReadOnlyState))
	case q.failed != nil:
		parts = append(parts, a.st.w.StatusErr.render(strSymError+" "+strf(strSaveFailed, storeProblem(q.failErr))+strSaveRetry))
	case q.busy():
		parts = append(parts, strSaving)
	case !q.lastSaved.IsZero() && a.ed != nil:
		// "已保存" speaks of the open report; it means nothing on the
		// start screen.
		parts = append(parts, strf(strSaved, clockTime(q.lastSaved)))
	}
	if sp, ok := a.cur.(statusProvider); ok {
		if s := sp.status(); s != "" {
			parts = append(parts, s)
		}
	}
	return cut(strings.Join(parts, statusSep), a.w)
}

// statusSep separates the parts of the status line: two spaces rather than
// " | ", so that a note fits beside the save state and the counts at 80
// columns.
const statusSep = "  "

// maxMsgLines is how many lines a message in place of the help bar may
// take: a long one (a paste's result, a parser's message) wraps rather
// than ending in a "~".
const maxMsgLines = 3

// helpLines are the key help of the top screen, or its message wrapped
// over up to maxMsgLines lines.
func (a *app) helpLines(top screen) []string {
	msg := ""
	if a.confirmQuit {
		msg = a.st.w.Error.render(strSymError+" "+strQuitUnsaved) + " " + a.hints(a.dlgKeys.Confirm, a.dlgKeys.Cancel)
	} else if ho, ok := top.(helpOverrider); ok {
		msg = ho.helpLine()
	}
	if msg == "" {
		return []string{a.renderHelpBar(top.bindings(), a.w)}
	}
	if dw(msg) <= a.w {
		return []string{msg}
	}
	// Wrapped as plain text (Chinese breaks anywhere, a styled wrap only
	// at spaces), then styled again: messages are one style throughout.
	plain := ansi.Strip(msg)
	ls := wrapWidth(plain, a.w)
	if len(ls) > maxMsgLines {
		ls = ls[:maxMsgLines]
		ls[maxMsgLines-1] = cut(ls[maxMsgLines-1], a.w-1) + strSymIncomp
	}
	if plain != msg && strings.HasPrefix(plain, strSymError+" ") {
		for i := range ls {
			ls[i] = a.st.w.Error.render(ls[i])
		}
	}
	return ls
}
