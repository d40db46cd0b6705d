// Package ui is the terminal program with which an officer fills in the
// annual report: a start screen listing the drafts, and an editor that walks
// through the report section by section, checks every figure as it is typed
// and saves every change to the draft file without blocking input. Every
// screen, message and error is in Chinese.
package ui

import (
	"errors"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/mattn/go-runewidth"

	"nianbao/model"
	"nianbao/store"
)

// Minimum terminal size; below it the program asks for a bigger window
// instead of drawing a cropped screen (the renderer crops silently).
const (
	minWidth  = 80
	minHeight = 24
)

// How long a failed save waits before it is tried again.
const saveRetryDelay = 3 * time.Second

// reportStore is what the UI needs from the draft file for the editor and
// the autosave queue; *store.Store satisfies it, and the tests use a fake.
type reportStore interface {
	Get(id string) (*model.Report, error)
	Save(r *model.Report, summary string) error
	Previous(r *model.Report) (*model.Report, error)
}

// Messages of the root model.
type (
	// saveReqMsg asks the root to save a copy of a report. The copy is
	// never touched again by the UI, so the save can run on another
	// goroutine.
	saveReqMsg struct {
		r       *model.Report
		summary string
		seq     int // the screen's count of requests, see saveCounter
		from    saveCounter
	}
	// savedMsg reports a successful save.
	savedMsg struct{ at time.Time }
	// saveFailedMsg reports a failed save; the request is kept for a retry.
	saveFailedMsg struct {
		req saveReqMsg
		err error
	}
	// retrySaveMsg fires saveRetryDelay after a failure.
	retrySaveMsg struct{}
	// reportLoadedMsg carries a report read for the editor, and when it
	// was last saved (zero when unknown).
	reportLoadedMsg struct {
		r, prev *model.Report
		updated time.Time
		note    string
		err     error
	}
	// afterSavesMsg runs a command once every save asked for before it is
	// done (successfully or not), with the queue held until the command
	// returns: opening the export dialog must see the last keystroke in
	// the draft file, and a restore must not be overwritten by a save of
	// the old text. Saves of report drop that have not started yet are
	// dropped first (a restore replaces them).
	afterSavesMsg struct {
		run  tea.Cmd
		drop string
	}
	// jobDoneMsg carries the result of an afterSavesMsg command.
	jobDoneMsg struct{ msg tea.Msg }
)

// Optional screen abilities, checked by the root with type assertions.
type (
	// statusProvider adds screen-specific facts (error count, 已填) to
	// the status line.
	statusProvider interface{ status() string }
	// helpOverrider replaces the help bar with a message (an input error
	// shown where the keys usually are) when it returns a non-empty line.
	helpOverrider interface{ helpLine() string }
	// flusher turns pending work (text typed within the debounce pause)
	// into a save request before the program quits.
	flusher interface{ flush() tea.Cmd }
	// saveCounter counts the save requests a screen has issued, so that the
	// root knows on quitting whether some are still on their way to it.
	saveCounter interface{ issuedSaves() int }
)

// app is the root model.
type app struct {
	cfg     Config
	db      reportStore
	w, h    int
	cur     screen
	dialogs []screen

	note    string // one-line note from statusMsg
	noteErr bool

	// Autosave queue: one save at a time, newest request wins.
	saving    bool
	pending   *saveReqMsg
	failed    *saveFailedMsg
	lastSaved time.Time
	retrying  bool

	waits []afterSavesMsg // run in order when no save is pending

	seenSeq     int  // highest saveReqMsg.seq received from the current screen
	confirmQuit bool // asking whether to quit although a save failed
	quitting    bool // quit once the queue is empty
	closing     bool // the window is going away: quit without asking, soon
	done        bool // tea.Quit was returned: a QuitMsg now is ours

	// gate serializes the queue's saves with the last save made after the
	// program ended (see finalSave); once closed, late saves are skipped
	// so that an older copy cannot overwrite the last one.
	gate struct {
		sync.Mutex
		closed bool
	}
}

func newApp(cfg Config, db reportStore, start screen) *app {
	runewidth.DefaultCondition.EastAsianWidth = false
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ExportDir == "" {
		cfg.ExportDir = "."
	}
	if cfg.tick == nil {
		cfg.tick = tea.Tick
	}
	return &app{cfg: cfg, db: db, cur: start, w: minWidth, h: minHeight}
}

func (a *app) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if in, ok := a.cur.(initer); ok {
		cmds = append(cmds, in.init())
	}
	return tea.Batch(cmds...)
}

// setScreen makes s the current screen and starts its initial work.
func (a *app) setScreen(s screen) tea.Cmd {
	a.cur = s
	a.seenSeq = 0 // the new screen counts its own save requests
	if in, ok := s.(initer); ok {
		return in.init()
	}
	return nil
}

// Config is what the program needs from its caller.
type Config struct {
	Store     *store.Store
	Now       func() time.Time
	ExportDir string // default "."
	// tick makes every timer of the program (default tea.Tick); tests
	// replace it so that a timer is a value they can see, rather than a
	// command they guess is one because it is slow.
	tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
}

// New returns the root model, showing the start screen.
func New(cfg Config) tea.Model {
	var db reportStore
	if cfg.Store != nil {
		db = cfg.Store
	}
	a := newApp(cfg, db, nil)
	start := newStartScreen(cfg.Store, a.cfg.Now).(*startScreen)
	// Said once: coming back to the list later does not repeat it.
	start.opening = openingNote(cfg.Store)
	a.cur = start
	return a
}

func (a *app) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.w, a.h = msg.Width, msg.Height
		return a, nil
	case tea.BackgroundColorMsg:
		st = newStyles(msg.IsDark())
		curStyles = new(styles)
		return a, nil
	case saveReqMsg:
		if msg.from != nil && any(msg.from) == any(a.cur) {
			// Commands run concurrently, so requests can arrive out of
			// order; each is the whole report, and an older one must not
			// overwrite a newer one already queued or saved.
			if msg.seq <= a.seenSeq {
				if a.quitting {
					return a, a.next()
				}
				return a, nil
			}
			a.seenSeq = msg.seq
		}
		cmd := a.enqueue(msg)
		if cmd == nil && a.quitting {
			cmd = a.next()
		}
		return a, cmd
	case savedMsg:
		a.saving, a.failed, a.lastSaved = false, nil, msg.at
		return a, a.next()
	case saveFailedMsg:
		a.saving = false
		a.failed = &msg
		var cmd tea.Cmd
		if a.pending == nil && len(a.waits) == 0 && !a.retrying {
			a.retrying = true
			cmd = a.cfg.tick(saveRetryDelay, func(time.Time) tea.Msg { return retrySaveMsg{} })
		}
		if a.pending != nil || len(a.waits) > 0 {
			cmd = a.next()
		}
		return a, cmd
	case afterSavesMsg:
		if msg.drop != "" {
			if a.pending != nil && a.pending.r.ID == msg.drop {
				a.pending = nil
			}
			if a.failed != nil && a.failed.req.r.ID == msg.drop {
				a.failed = nil
			}
		}
		a.waits = append(a.waits, msg)
		if a.saving || a.pending != nil {
			return a, nil
		}
		return a, a.next()
	case jobDoneMsg:
		a.saving = false
		return a, tea.Sequence(send(msg.msg), a.next())
	case retrySaveMsg:
		a.retrying = false
		if a.failed != nil && a.pending == nil && !a.saving && len(a.waits) == 0 {
			req := a.failed.req
			return a, a.enqueue(req)
		}
		return a, nil
	case openReportMsg:
		return a, a.load(msg.id, msg.note)
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
		if !msg.updated.IsZero() && a.failed == nil && !a.saving && a.pending == nil {
			a.lastSaved = msg.updated
		}
		return a, a.setScreen(newEditor(msg.r, msg.prev, a.cfg))
	case showStartMsg:
		// A note spoke of the report just left (已导出到, 已创建 …).
		a.dialogs = nil
		a.note, a.noteErr = "", false
		return a, a.setScreen(newStartScreen(a.cfg.Store, a.cfg.Now))
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
		a.note, a.noteErr = msg.text, msg.err
		return a, nil
	case quitMsg:
		if msg.force {
			// The officer agreed to lose a cell entry that cannot be
			// saved: drop it, save the rest.
			if f, ok := a.cur.(flusher); ok {
				return a, a.quitWith(f.flush())
			}
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
		if a.tooSmall() && !key.Matches(msg, keys.Quit) {
			// Nothing is drawn but the request for a bigger window:
			// keys would change what cannot be seen.
			return a, nil
		}
		if a.confirmQuit {
			switch {
			case key.Matches(msg, dlgKeys.Confirm):
				return a, a.exit()
			case key.Matches(msg, dlgKeys.Cancel):
				a.confirmQuit = false
			}
			return a, nil
		}
		if key.Matches(msg, keys.Quit) {
			return a, a.quit()
		}
		// F1 opens help anywhere; '?' only where nothing is typed.
		if key.Matches(msg, keys.Help) || (key.Matches(msg, keys.HelpQ) && !a.top().typing()) {
			return a, send(pushDialogMsg{newHelpDialog(keys)})
		}
	}
	if isInput(msg) && a.tooSmall() {
		return a, nil
	}
	return a, a.route(msg)
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
	a.cur = s
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
	db := a.db
	if db == nil {
		return send(statusMsg{text: strNoStore, err: true})
	}
	return func() tea.Msg {
		r, err := db.Get(id)
		if err != nil {
			return reportLoadedMsg{err: err}
		}
		prev, _ := db.Previous(r) // last year is optional: its rules just stay silent
		return reportLoadedMsg{r: r, prev: prev, updated: updatedOf(db, id), note: note}
	}
}

// enqueue starts a save now, or keeps it as the next one when a save is
// already running (a newer request replaces an older pending one: each is a
// whole report).
func (a *app) enqueue(req saveReqMsg) tea.Cmd {
	if a.saving {
		if a.pending != nil && req.summary == "" {
			req.summary = a.pending.summary
		}
		a.pending = &req
		return nil
	}
	db := a.db
	if db == nil {
		a.failed = &saveFailedMsg{req: req, err: errNoStore{}}
		return nil
	}
	a.saving = true
	now := a.cfg.Now
	gate := &a.gate
	return func() tea.Msg {
		gate.Lock()
		defer gate.Unlock()
		if gate.closed {
			// The program has ended and saved the last state itself.
			return savedMsg{at: now()}
		}
		if err := db.Save(req.r, req.summary); err != nil {
			return saveFailedMsg{req: req, err: err}
		}
		return savedMsg{at: now()}
	}
}

func (a *app) next() tea.Cmd {
	if a.saving {
		return nil
	}
	if a.pending != nil {
		req := *a.pending
		a.pending = nil
		return a.enqueue(req)
	}
	if len(a.waits) > 0 {
		w := a.waits[0]
		a.waits = a.waits[1:]
		if w.run == nil {
			return a.next()
		}
		a.saving = true
		run := w.run
		return func() tea.Msg { return jobDoneMsg{run()} }
	}
	if a.failed != nil && !a.retrying && !a.quitting {
		a.retrying = true
		return a.cfg.tick(saveRetryDelay, func(time.Time) tea.Msg { return retrySaveMsg{} })
	}
	if a.quitting && a.failed == nil && !a.inFlight() {
		return a.exit()
	}
	if a.quitting && a.failed != nil {
		if a.closing {
			// No one is there to ask; finalSave tries once more.
			return a.exit()
		}
		a.quitting, a.confirmQuit = false, true
	}
	return nil
}

// quit leaves the program once everything typed is saved; it asks first
// when the last save failed, or when a cell holds an entry that cannot be
// saved (the cell stays open with the parser's message).
func (a *app) quit() tea.Cmd {
	if b, ok := a.cur.(badEntryer); ok {
		if q := b.badEntry(); q != "" {
			return send(pushDialogMsg{newConfirmDialog(q, send(quitMsg{force: true}))})
		}
	}
	var flush tea.Cmd
	if f, ok := a.cur.(flusher); ok {
		flush = f.flush()
	}
	return a.quitWith(flush)
}

// quitWith quits once flush (the screen's pending work) and the queue are
// saved.
func (a *app) quitWith(flush tea.Cmd) tea.Cmd {
	if a.failed != nil && flush == nil {
		a.confirmQuit = true
		return nil
	}
	if flush == nil && !a.saving && a.pending == nil && len(a.waits) == 0 && !a.inFlight() {
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

// editing reports whether a report is open: "已保存" speaks of it, and
// means nothing on the start screen.
func (a *app) editing() bool {
	_, ok := a.cur.(saveCounter)
	return ok
}

// inFlight reports save requests issued by the screen that have not reached
// the queue yet (commands run on their own goroutines).
func (a *app) inFlight() bool {
	sc, ok := a.cur.(saveCounter)
	return ok && sc.issuedSaves() > a.seenSeq
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

type errNoStore struct{}

func (errNoStore) Error() string { return strNoStore }

func (a *app) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = strAppName
	if a.w < minWidth || a.h < minHeight {
		v.SetContent(lipgloss.Wrap(strf(strTooSmall, minWidth, minHeight, a.w, a.h), max(a.w, 10), ""))
		return v
	}
	bodyH := a.h - 2
	top := a.top()
	body := a.cur.view(a.w, bodyH)
	cur := a.cur.cursor()
	if len(a.dialogs) > 0 {
		body = top.view(a.w, bodyH)
		cur = top.cursor()
	}
	lines := fitLines(body, a.w, bodyH)
	lines = append(lines, a.statusLine(), a.helpLine(top))
	v.SetContent(strings.Join(lines, "\n"))
	if a.confirmQuit {
		cur = nil
	}
	v.Cursor = cur
	return v
}

// statusLine is the save state, the screen's own facts and the latest note.
func (a *app) statusLine() string {
	var parts []string
	switch {
	case a.failed != nil:
		parts = append(parts, st.w.StatusErr.render(strSymError+" "+strf(strSaveFailed, storeProblem(a.failed.err))+strSaveRetry))
	case a.saving || a.pending != nil:
		parts = append(parts, strSaving)
	case !a.lastSaved.IsZero() && a.editing():
		parts = append(parts, strf(strSaved, clockTime(a.lastSaved)))
	}
	if sp, ok := a.cur.(statusProvider); ok {
		if s := sp.status(); s != "" {
			parts = append(parts, s)
		}
	}
	if a.note != "" {
		n := a.note
		if a.noteErr {
			n = st.w.Error.render(strSymError + " " + n)
		}
		parts = append(parts, n)
	}
	return cut(strings.Join(parts, statusSep), a.w)
}

// statusSep separates the parts of the status line: two spaces rather than
// " | ", so that a note fits beside the save state and the counts at 80
// columns.
const statusSep = "  "

// helpLine is the key help of the top screen, or its message.
func (a *app) helpLine(top screen) string {
	if a.confirmQuit {
		return cut(st.w.Error.render(strSymError+" "+strQuitUnsaved)+" "+strConfirmHint, a.w)
	}
	if ho, ok := top.(helpOverrider); ok {
		if s := ho.helpLine(); s != "" {
			return cut(s, a.w)
		}
	}
	return helpBar(top.bindings(), a.w)
}

// The last help bar drawn, and what it was drawn from.
var helpCache struct {
	key string
	bar string
}

// helpBar renders bindings as "F1 帮助  Ctrl+Q 退出 …", cut to width. The
// bar changes far less often than the frame: the last one is kept.
func helpBar(bs []key.Binding, w int) string {
	var kb strings.Builder
	for _, k := range bs {
		kb.WriteString(k.Help().Key)
		kb.WriteByte(0)
	}
	k := kb.String() + itoa(w) + strf("%p", curStyles)
	if k == helpCache.key {
		return helpCache.bar
	}
	helpCache.key, helpCache.bar = k, drawHelpBar(bs, w)
	return helpCache.bar
}

func drawHelpBar(bs []key.Binding, w int) string {
	var items []key.Help
	total, hasF1 := 0, false
	for _, k := range bs {
		if h := k.Help(); h.Key != "" {
			items = append(items, h)
			total += lipgloss.Width(h.Key+" "+h.Desc) + 2
			hasF1 = hasF1 || h.Key == keys.Help.Help().Key
		}
	}
	// When not every key fits, the bar ends with "F1 更多" (the help
	// screen lists them all) instead of silently dropping the last ones.
	more := ""
	if total-2 > w && !hasF1 {
		more = keys.Help.Help().Key + " " + helpMore
		w -= lipgloss.Width(more) + 2
	}
	var b strings.Builder
	used := 0
	hk, hd := st.w.HelpKey, st.w.HelpDesc
	for _, h := range items {
		iw := lipgloss.Width(h.Key+" "+h.Desc) + 2
		if used+iw-2 > w {
			break
		}
		b.WriteString(hk.render(h.Key) + " " + hd.render(h.Desc) + "  ")
		used += iw
	}
	if more != "" {
		b.WriteString(hk.render(keys.Help.Help().Key) + " " + hd.render(helpMore))
	}
	return strings.TrimRight(b.String(), " ")
}
