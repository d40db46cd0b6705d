package ui

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
	"nianbao/store"
)

// fakeStore is an in-memory reportStore; fail makes saves fail.
type fakeStore struct {
	mu      sync.Mutex
	reports map[string]*model.Report
	saves   []string // summaries, in order
	fail    error
	prev    *model.Report // last year's report of every report
}

func newFakeStore(rs ...*model.Report) *fakeStore {
	f := &fakeStore{reports: map[string]*model.Report{}}
	for _, r := range rs {
		f.reports[r.ID] = r.Clone()
	}
	return f
}

func (f *fakeStore) Get(id string) (*model.Report, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.reports[id]
	if !ok {
		return nil, errors.New("找不到")
	}
	return r.Clone(), nil
}

func (f *fakeStore) Save(r *model.Report, summary string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.reports[r.ID] = r.Clone()
	f.saves = append(f.saves, summary)
	return nil
}

func (f *fakeStore) Previous(*model.Report) (*model.Report, error) {
	if f.prev == nil {
		return nil, nil
	}
	return f.prev.Clone(), nil
}

// List gives each report's last save as edNow's time, as the draft file's
// list would.
func (f *fakeStore) List() ([]store.Summary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []store.Summary
	for id, r := range f.reports {
		out = append(out, store.Summary{ID: id, Agency: r.Agency, Year: r.Year, Updated: edNow().Add(-time.Hour)})
	}
	return out, nil
}

func (f *fakeStore) stored(id string) *model.Report {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reports[id]
}

// timerMsg is what a timer made by testTick reports, at once: the drivers
// keep it instead of waiting for it (a test that needs its effect sends
// that message itself).
type timerMsg struct {
	d    time.Duration
	fire func(time.Time) tea.Msg
}

// testTick replaces tea.Tick in tests: the timer is a value the drivers
// recognise, so they never have to guess that a slow command is a timer.
func testTick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return timerMsg{d, fn} }
}

// testConfig is cfg with the tests' timers, and times shown in UTC.
func testConfig(cfg Config) Config {
	cfg.tick = testTick
	if cfg.clip == nil {
		cfg.clip = &fakeClip{} // never the desktop's clipboard
	}
	if cfg.Zone == nil {
		cfg.Zone = time.UTC
	}
	return cfg
}

// testShared is the context a screen or dialog tested on its own gets
// (db may be nil).
func testShared(db *store.Store, now func() time.Time) *shared {
	var reports reportStore
	if db != nil {
		reports = db
	}
	return newShared(testConfig(Config{Store: db, Now: now}), reports)
}

// driver runs the root model synchronously: each command is run to its end
// and its message fed back, except timers (testTick), which are kept in
// timers and not fired, and saves held at a gatedStore's gate (blocked).
type driver struct {
	t    testing.TB
	a    *app
	db   *fakeStore
	quit bool
	// blocked, when set, says that a command is waiting at the test's
	// gate: the driver stops waiting for it (the test delivers its
	// result once it opens the gate).
	blocked <-chan struct{}
	timers  []timerMsg
	// onQuit, when set, runs as the root's QuitMsg arrives (what is in
	// the store then is what the program leaves behind).
	onQuit func()
}

const testReportID = "7e570000000000000000000000002023"

var edNow = func() time.Time { return time.Date(2024, 3, 1, 14, 2, 33, 0, time.UTC) }

func newTestReport() *model.Report {
	r := model.New("北京市密云区科学技术委员会", 2023, model.KindCountyDept, model.ScopeSelf)
	r.ID = testReportID
	return r
}

// newDriver opens r in the editor at w×h.
func newDriver(t testing.TB, r *model.Report, w, h int) *driver {
	return newDriverPrev(t, r, nil, w, h)
}

// newDriverPrev opens r, whose last year's report is prev, at w×h.
func newDriverPrev(t testing.TB, r, prev *model.Report, w, h int) *driver {
	db := newFakeStore(r)
	db.prev = prev
	a := newApp(testConfig(Config{Now: edNow}), db, nil)
	d := &driver{t: t, a: a, db: db}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	// Opened as the start screen does, through the root.
	d.send(openReportMsg{id: r.ID})
	if _, ok := a.cur.(*editor); !ok {
		t.Fatalf("report %s not opened", r.ID)
	}
	return d
}

func (d *driver) ed() *editor { return d.a.cur.(*editor) }

func (d *driver) send(msg tea.Msg) {
	_, cmd := d.a.Update(msg)
	d.run(cmd)
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		d.handle(msg)
	case <-d.blocked:
		// A save waiting at the test's gate.
	}
}

func (d *driver) handle(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
		return
	case timerMsg:
		d.timers = append(d.timers, m)
		return
	case tea.QuitMsg:
		if d.onQuit != nil && !d.quit {
			d.onQuit()
		}
		d.quit = true
		return
	case tea.BatchMsg:
		for _, c := range m {
			d.run(c)
		}
		return
	}
	// tea.Sequence's message is an unexported slice of commands.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := 0; i < v.Len(); i++ {
			d.run(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	if reflect.TypeOf(msg).String() == "tea.backgroundColorMsg" || strings.HasPrefix(reflect.TypeOf(msg).String(), "tea.") {
		switch msg.(type) {
		case tea.WindowSizeMsg, tea.PasteMsg: // a paste read from the clipboard (Ctrl+V)
		default:
			return
		}
	}
	d.send(msg)
}

// keys sends key presses: names like "enter", "f8", "shift+tab",
// "ctrl+z", or any other string typed character by character.
func (d *driver) keys(ks ...string) {
	for _, k := range ks {
		if msg, ok := namedKey(k); ok {
			d.send(msg)
			continue
		}
		for _, r := range k {
			d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

var keyCodes = map[string]rune{
	"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
	"left": tea.KeyLeft, "right": tea.KeyRight, "home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp,
	"pgdown": tea.KeyPgDown, "delete": tea.KeyDelete, "backspace": tea.KeyBackspace,
	"f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6,
	"f7": tea.KeyF7, "f8": tea.KeyF8, "f9": tea.KeyF9,
}

func namedKey(s string) (tea.KeyPressMsg, bool) {
	var mod tea.KeyMod
	name := s
	for {
		switch {
		case strings.HasPrefix(name, "shift+"):
			mod |= tea.ModShift
			name = name[6:]
			continue
		case strings.HasPrefix(name, "ctrl+"):
			mod |= tea.ModCtrl
			name = name[5:]
			continue
		}
		break
	}
	if c, ok := keyCodes[name]; ok {
		return tea.KeyPressMsg{Code: c, Mod: mod}, true
	}
	if mod != 0 && len(name) == 1 {
		return tea.KeyPressMsg{Code: rune(name[0]), Mod: mod}, true
	}
	return tea.KeyPressMsg{}, false
}

// screen is the plain text of the current frame.
func (d *driver) screen() string {
	return ansi.Strip(d.a.View().Content)
}

func (d *driver) wantScreen(sub ...string) {
	d.t.Helper()
	s := d.screen()
	for _, x := range sub {
		if !strings.Contains(s, x) {
			d.t.Fatalf("screen lacks %q:\n%s", x, s)
		}
	}
}

func (d *driver) cell(a model.CellAddr) string {
	v, ok := d.ed().r.Get(a)
	if !ok {
		return ""
	}
	return v.String()
}

func TestTooSmallWindow(t *testing.T) {
	d := newDriver(t, newTestReport(), 70, 20)
	d.wantScreen("窗口太小", "80", "24", "现在是 70 列、20 行")
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.wantScreen("三、收到和处理政府信息公开申请情况")
}

// testLineKeys are the one-line fields' keys for fields tested alone.
var testLineKeys = newLineKeyMap()
