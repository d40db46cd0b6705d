package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/office"
	"nianbao/store"
)

// shared is what the root owns and hands to every screen and dialog, the
// way crush threads its shared context: the draft file and its operations,
// the clock and the timers, the save queue, the styles, the key maps and the
// time zone times are shown in. The package itself keeps no mutable state.
// Screens read it; only the root changes it (the styles, when the terminal
// tells its background colour).
type shared struct {
	office    *office.Office
	db        *store.Store // office's draft file (nil in tests of one screen)
	reports   reportStore  // what the editor reads and the queue saves
	now       func() time.Time
	tick      func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	exportDir string
	version   string // this build (Config.Version)
	zone      *time.Location
	saves     *saveQueue
	clip      systemClip

	st *styles
	// styleGen changes whenever st is replaced: caches of drawn text key
	// on it.
	styleGen int

	keys     keyMap
	dlgKeys  dialogKeyMap
	lineKeys lineKeyMap
	steps    stepKeyMap
	sumKeys  sumKeyMap // 汇集 and 汇总

	// readOnly is why the draft file is open read-only ("" when it is
	// writable): every change is refused, with this reason, before it is
	// made, so that nothing is accepted that could not be saved.
	readOnly string

	// helpBar is the last help bar drawn and what it was drawn from.
	helpBar struct{ key, bar string }
}

// newShared builds the context of a run from cfg.
func newShared(cfg Config, reports reportStore) *shared {
	sh := &shared{
		office: office.New(cfg.Store).WithGenerator(cfg.Version), db: cfg.Store, reports: reports,
		now: cfg.Now, tick: cfg.tick, clip: cfg.clip, exportDir: cfg.ExportDir, zone: cfg.Zone, version: cfg.Version,
		keys: newKeyMap(), dlgKeys: newDialogKeyMap(), lineKeys: newLineKeyMap(), steps: newStepKeyMap(),
		sumKeys: newSumKeyMap(),
	}
	if sh.now == nil {
		sh.now = time.Now
	}
	if sh.tick == nil {
		sh.tick = tea.Tick
	}
	if sh.exportDir == "" {
		sh.exportDir = "."
	}
	if sh.clip == nil {
		sh.clip = osClip{}
	}
	if sh.zone == nil {
		sh.zone = time.Local
	}
	if cfg.Store != nil && cfg.Store.ReadOnly() {
		sh.readOnly = cfg.ReadOnlyWhy
		if sh.readOnly == "" {
			sh.readOnly = strReadOnlyChosen
		}
	}
	s := newStyles(true)
	sh.st = &s
	sh.saves = newSaveQueue(reports, sh.now, sh.tick)
	return sh
}

// refuseWrite is the message refusing a change when the draft file is open
// read-only, or "" when it is writable.
func (sh *shared) refuseWrite() string {
	if sh.readOnly == "" {
		return ""
	}
	return strf(strReadOnlyRefused, sh.readOnly)
}

// setStyles replaces the style set (the terminal told its background).
func (sh *shared) setStyles(dark bool) {
	s := newStyles(dark)
	sh.st = &s
	sh.styleGen++
}

// fmtDateTime shows a time in the program's time zone.
func (sh *shared) fmtDateTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(sh.zone).Format("2006-01-02 15:04")
}
