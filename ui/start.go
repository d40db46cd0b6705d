package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/office"
	"nianbao/store"
)

// Messages of the start screen (results of its commands).
type (
	startListMsg struct {
		list []store.Summary
		bad  []*store.ReportError // reports whose record cannot be read
		err  error
	}
	// startCheckedMsg: the whole file was checked after the list was
	// drawn (every report verified; on the first start screen, the
	// day's backup and, if due, compaction).
	startCheckedMsg struct {
		bad       []*store.ReportError
		backupErr error
		first     bool
	}
	// startCheckDueMsg: the list has been on the screen a moment; time
	// to check the file.
	startCheckDueMsg struct{}
	startDeletedMsg  struct {
		title string
		err   error
	}
	startRolledMsg struct {
		rolled *office.Rolled
		err    error
	}
)

// startScreen lists the reports of the draft file and offers everything
// that is done to a whole report: new, 从上年报告创建, import, open, delete,
// trash, history. With no report at all it is a welcome with two actions.
type startScreen struct {
	*shared

	loading, loaded bool
	loadErr         error
	list            []store.Summary
	listPos         // selected row of shown, first row shown
	// filter is what the officer typed to find a report: the list shows
	// the reports whose agency (or year) holds it; shown are their
	// indexes in list.
	filter  string
	shown   []int
	welcome int // selected action of the welcome

	note    string // result of the last action
	noteErr bool

	// opening is said once, on the first start screen of the program:
	// damaged reports found when the draft file was opened, or why
	// today's backup was not made.
	opening string
	// daily: this is the program's first start screen, which makes the
	// day's backup once its list is drawn (never before: the first frame
	// reads only the stored summaries).
	daily bool
	// bad holds the reports of the list whose stored record cannot be
	// read, by id: marked in the list, explained on Enter.
	bad map[string]*store.ReportError

	rowY, rows int // where the list's rows were drawn (for the mouse)
}

// newStartScreen builds the start screen; its list is read by init's
// command, which the root runs when it shows the screen.
func newStartScreen(sh *shared) *startScreen {
	return &startScreen{shared: sh}
}

// init starts reading the list of reports.
func (s *startScreen) init() tea.Cmd {
	if s.loading {
		return nil
	}
	s.loading = true
	db := s.db
	if db == nil {
		return send(startListMsg{err: errNoStore{}})
	}
	// The list reads the stored summaries only: the first frame does not
	// wait for every report to be read (check does that after).
	return func() tea.Msg {
		l, err := db.List()
		if err != nil {
			return startListMsg{err: err}
		}
		return startListMsg{list: l}
	}
}

// checkDelay is how long the list is on the screen before the file is
// checked.
const checkDelay = 150 * time.Millisecond

// check verifies every report of the draft file (Damaged decodes each:
// 0.3 ms a report), after the list is drawn, and on the first start screen
// first makes the day's backup (which checks the whole file) and compacts
// the file when it is much larger than its contents. The marks of damaged
// reports follow when it is done.
func (s *startScreen) check() tea.Cmd {
	db := s.db
	if db == nil {
		return nil
	}
	first := s.daily
	s.daily = false
	return func() tea.Msg {
		var berr error
		if first {
			berr = db.DailyBackup()
			if berr == nil && db.CompactDue() {
				db.Compact() // on failure the file is as it was
			}
		}
		bad, _ := db.Damaged()
		return startCheckedMsg{bad: bad, backupErr: berr, first: first}
	}
}

// damagedWayOut says what can be done for a damaged report, with the keys
// of the key map.
func (s *startScreen) damagedWayOut() string {
	return strf(txtDamagedWayOut, s.dlgKeys.History.Help().Key, s.dlgKeys.Delete.Help().Key)
}

// openingNote is what the first start screen says about the draft file
// as it was opened: damaged reports and what to do, or a failed backup.
func openingNote(sh *shared, bad []*store.ReportError, berr error) string {
	if len(bad) == 0 {
		if berr != nil {
			return berr.Error()
		}
		return ""
	}
	names := make([]string, len(bad))
	for i, e := range bad {
		names[i] = damagedName(e)
	}
	note := fmt.Sprintf(txtDamagedAtOpenFmt, len(bad), strings.Join(names, txtNameSep), sh.dlgKeys.History.Help().Key, sh.dlgKeys.Delete.Help().Key)
	if be := (*store.BackupError)(nil); errors.As(berr, &be) && len(be.Damaged) > 0 {
		note += txtNoBackupToday
	} else if berr != nil {
		note += berr.Error()
	}
	return note
}

// damagedName names a damaged report: 机关名称/年度, or its id when the
// name cannot be read.
func damagedName(e *store.ReportError) string {
	if e.Named() {
		return strf(txtReportNameFmt, e.Agency, e.Year)
	}
	return e.ID
}

// storeProblem is a store error as the UI says it: the store's facts, then
// what the officer can do here (the store names no key or command).
func storeProblem(err error) string {
	msg := err.Error()
	var fe *store.FileError
	if errors.As(err, &fe) && fe.Problem == store.SaveFailed {
		switch {
		case fe.DiskFull():
			msg += txtAdviceDiskFull
		case fe.ReadOnly():
			msg += txtAdviceReadOnly
		}
	}
	return msg
}

// damaged returns why the report of row r cannot be opened, or nil.
func (s *startScreen) damaged(r *store.Summary) *store.ReportError {
	if e := s.bad[r.ID]; e != nil {
		return e
	}
	if r.Damaged {
		return &store.ReportError{ID: r.ID, Agency: r.Agency, Year: r.Year}
	}
	return nil
}

// anyDamaged reports whether a report of the list is damaged (Damaged
// also finds those in the trash).
func (s *startScreen) anyDamaged() bool {
	for i := range s.list {
		if s.damaged(&s.list[i]) != nil {
			return true
		}
	}
	return false
}

// showDamaged explains a damaged report (on Enter, or when opening it
// found it damaged) and marks its row.
func (s *startScreen) showDamaged(e *store.ReportError) {
	if s.bad == nil {
		s.bad = map[string]*store.ReportError{}
	}
	s.bad[e.ID] = e
	for i, li := range s.shown {
		if s.list[li].ID == e.ID {
			s.sel = i
		}
	}
	s.setNote(e.Error()+"\n"+s.damagedWayOut(), true)
}

// reload reads the list again (after a change).
func (s *startScreen) reload() tea.Cmd {
	s.loading = false
	return s.init()
}

func (s *startScreen) selected() *store.Summary {
	if s.sel < 0 || s.sel >= len(s.shown) {
		return nil
	}
	return &s.list[s.shown[s.sel]]
}

func (s *startScreen) setNote(text string, isErr bool) { s.note, s.noteErr = text, isErr }

func (s *startScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case startListMsg:
		s.loaded = true
		s.loadErr = msg.err
		var cmd tea.Cmd
		if msg.err == nil {
			s.list = msg.list
			if s.bad == nil || msg.bad != nil {
				s.bad = map[string]*store.ReportError{}
			}
			for _, e := range msg.bad {
				s.bad[e.ID] = e
			}
			// Once the list is drawn: Bubble Tea draws a frame at most
			// every 1/60 s, and the check, started at once, would take
			// the CPU from the first one.
			cmd = s.tick(checkDelay, func(time.Time) tea.Msg { return startCheckDueMsg{} })
		}
		s.refilter()
		return s, cmd
	case startCheckDueMsg:
		return s, s.check()
	case startCheckedMsg:
		s.bad = map[string]*store.ReportError{}
		for _, e := range msg.bad {
			s.bad[e.ID] = e
		}
		switch {
		case msg.first:
			s.opening = openingNote(s.shared, msg.bad, msg.backupErr)
		case s.opening != "" && !s.anyDamaged():
			// Every damaged report was repaired or moved to the
			// trash: the note would send the officer looking for
			// nothing.
			s.opening = ""
		}
		return s, nil
	case startDeletedMsg:
		if msg.err != nil {
			s.setNote(txtDeleteFailed+msg.err.Error(), true)
			return s, nil
		}
		s.setNote(fmt.Sprintf(txtDeletedFmt, msg.title, s.dlgKeys.Trash.Help().Key), false)
		return s, s.reload()
	case startRolledMsg:
		if msg.err != nil {
			s.setNote(txtRollFailed+msg.err.Error(), true)
			return s, nil
		}
		return s, send(openReportMsg{id: msg.rolled.Report.ID, note: rolledNote(msg.rolled)})
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.MouseWheelMsg:
		if s.wheel(msg, len(s.shown)) {
			s.note = ""
		}
	case tea.MouseClickMsg:
		// A click selects a row; opening stays on Enter, so that a stray
		// click never opens a report.
		if i := msg.Y - s.rowY; msg.Button == tea.MouseLeft && i >= 0 && i < s.rows && s.top+i < len(s.shown) {
			s.sel = s.top + i
			s.note = ""
		}
	}
	return s, nil
}

func (s *startScreen) key(k tea.KeyPressMsg) tea.Cmd {
	empty := s.loaded && s.loadErr == nil && len(s.list) == 0
	switch {
	case s.db == nil && key.Matches(k, s.dlgKeys.New, s.dlgKeys.Import, s.dlgKeys.Trash):
		s.setNote(strNoStore, true)
	case s.refuseWrite() != "" && (key.Matches(k, s.dlgKeys.New, s.dlgKeys.Import, s.dlgKeys.Roll, s.dlgKeys.Delete, s.sumKeys.Collect) ||
		empty && key.Matches(k, s.dlgKeys.Open)):
		// Read-only: refused before a dialog asks for anything.
		s.setNote(s.refuseWrite(), true)
	case key.Matches(k, s.dlgKeys.New):
		return s.newReport()
	case key.Matches(k, s.dlgKeys.Import):
		return s.importReport()
	case empty && key.Matches(k, s.keys.Up, s.keys.Down, s.dlgKeys.Next, s.dlgKeys.Prev):
		s.welcome = 1 - s.welcome
	case empty && key.Matches(k, s.dlgKeys.Open):
		if s.welcome == 0 {
			return s.newReport()
		}
		return s.importReport()
	case s.moveKey(&s.keys, k, len(s.shown)): // moved the selection
		s.note = ""
	case s.filter != "" && key.Matches(k, s.dlgKeys.FilterBack):
		rs := []rune(s.filter)
		s.filter = string(rs[:len(rs)-1])
		s.refilter()
	case s.filter != "" && key.Matches(k, s.dlgKeys.FilterClear):
		s.filter = ""
		s.refilter()
	case !empty && s.loaded && k.Text != "" && k.Mod&^tea.ModShift == 0 && !key.Matches(k, s.keys.HelpQ):
		// Typed text (an IME's committed characters, or letters)
		// filters the list.
		s.filter += k.Text
		s.sel = 0
		s.refilter()
	case key.Matches(k, s.dlgKeys.Open, s.dlgKeys.Roll) && s.selected() != nil && s.damaged(s.selected()) != nil:
		// Reading it would only fail: say why and what to do instead.
		s.showDamaged(s.damaged(s.selected()))
	case key.Matches(k, s.dlgKeys.Open):
		if r := s.selected(); r != nil {
			return send(openReportMsg{id: r.ID})
		}
	case key.Matches(k, s.dlgKeys.Roll):
		return s.rollForward()
	case key.Matches(k, s.dlgKeys.Delete):
		return s.deleteSelected()
	case key.Matches(k, s.dlgKeys.History):
		if r := s.selected(); r != nil {
			return send(pushDialogMsg{d: newHistoryDialog(s.shared, r.ID)})
		}
	case key.Matches(k, s.dlgKeys.Trash):
		return send(pushDialogMsg{d: newTrashDialog(s.shared)})
	// 汇集 and 汇总, for the collecting office.
	case key.Matches(k, s.sumKeys.Collect):
		if s.db == nil {
			s.setNote(strNoStore, true)
			return nil
		}
		return send(pushDialogMsg{d: newCollectDialog(s.shared)})
	case key.Matches(k, s.sumKeys.Status):
		return send(showScreenMsg{newStatusScreen(s.shared, s.statusYear())})
	}
	return nil
}

// statusYear is the year 汇总情况 opens on: the selected report's, else
// last year (the year whose reports are being collected).
func (s *startScreen) statusYear() int {
	if r := s.selected(); r != nil && r.Year > 0 {
		return r.Year
	}
	return s.now().Year() - 1
}

func (s *startScreen) newReport() tea.Cmd {
	return send(pushDialogMsg{d: newReportDialog(s.shared)})
}

func (s *startScreen) importReport() tea.Cmd {
	return send(pushDialogMsg{d: newImportDialog(s.shared)})
}

// rollForward creates next year's report from the selected one (office:
// the store refuses when that year is already there).
func (s *startScreen) rollForward() tea.Cmd {
	r := s.selected()
	if r == nil {
		return nil
	}
	// Words for the refusal: that year in the list, or (a renamed agency)
	// a report started from this one already.
	refused := txtRollDuplicate
	for _, o := range s.list {
		if o.Agency == r.Agency && o.Year == r.Year+1 {
			refused = fmt.Sprintf(txtRollExistsFmt, r.Agency, r.Year+1)
		}
	}
	o, id := s.office, r.ID
	return func() tea.Msg {
		rolled, err := o.RollForward(id, store.NextHeader{})
		switch {
		case errors.Is(err, store.ErrDuplicate):
			err = errors.New(refused)
		case err != nil:
			err = errors.New(storeProblem(err))
		}
		return startRolledMsg{rolled, err}
	}
}

// rolledNote tells the officer what 从上年报告创建 brought over: last year's
// 结转下年度 goes into this year's 二、上年结转 where it was filled, so the
// note says so only when it did.
func rolledNote(r *office.Rolled) string {
	switch {
	case r.Carried == 0:
		return strf(txtRolledNoCarryFmt, r.Report.Year)
	case r.Carried < r.CarryCells:
		return strf(txtRolledSomeCarryFmt, r.Report.Year, r.Carried, r.CarryCells)
	}
	return strf(txtRolledFmt, r.Report.Year)
}

func (s *startScreen) deleteSelected() tea.Cmd {
	r := s.selected()
	if r == nil {
		return nil
	}
	db, id, title := s.db, r.ID, model.TitleOf(r.Agency, r.Year)
	if r.Agency == "" {
		// A damaged report whose name cannot be read goes by its id.
		title = r.ID
	}
	yes := func() tea.Msg {
		return startDeletedMsg{title, db.Delete(id)}
	}
	return send(pushDialogMsg{d: newConfirmDialog(s.shared, fmt.Sprintf(txtDeleteAskFmt, title, s.dlgKeys.Trash.Help().Key), yes)})
}

func (s *startScreen) view(w, h int) string {
	var lines []string
	// How to get help and how to leave, always in sight (the help bar
	// below may be full).
	always := s.hints(s.keys.Help, s.keys.Quit)
	lines = append(lines, s.st.Title.Render(txtAppTitle)+strings.Repeat(" ", max(2, w-2-dw(txtAppTitle)-dw(always)))+s.st.Dim.Render(always))
	if s.db != nil {
		lines = append(lines, s.st.Dim.Render(txtDraftFile+s.db.Path()))
		// The collecting office's two ways in (汇集, 汇总情况).
		lines = append(lines, s.st.Dim.Render(txtForOffice+s.hints(s.sumKeys.Collect, s.sumKeys.Status)))
	}
	lines = append(lines, "")
	if s.opening != "" {
		for _, l := range wrapWidth(s.opening, w-2) {
			lines = append(lines, s.st.Warning.Render(l))
		}
		lines = append(lines, "")
	}
	// The note goes right under the content, not at the bottom, so it
	// survives a short window; the list leaves room for all of it.
	var note []string
	if s.note != "" {
		sty := s.st.OK
		if s.noteErr {
			sty = s.st.Error
		}
		note = append(note, "")
		for _, l := range wrapWidth(s.note, w-2) {
			note = append(note, sty.Render(l))
		}
	}
	switch {
	case !s.loaded:
		lines = append(lines, txtLoading)
	case s.loadErr != nil:
		lines = append(lines, s.st.Error.Render(txtLoadFailed+s.loadErr.Error()))
	case len(s.list) == 0:
		lines = append(lines, s.welcomeLines(w)...)
	case s.filter != "" && len(s.shown) == 0:
		lines = append(lines, s.filterLine(), "", s.st.Warning.Render(strf(txtFilterNone, s.filter, s.dlgKeys.FilterClear.Help().Key)))
	default:
		if s.filter != "" {
			lines = append(lines, s.filterLine())
		}
		s.rowY = len(lines) + 1 // under the header
		lines = append(lines, s.tableLines(w, max(3, h-len(lines)-max(2, len(note))))...)
	}
	lines = append(lines, note...)
	return fitArea(lines, w, h)
}

// fitArea truncates lines to w columns and h lines, with a margin of one
// column on the left.
func fitArea(lines []string, w, h int) string {
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for i, l := range lines {
		lines[i] = cut(" "+l, w)
	}
	return strings.Join(lines, "\n")
}

func (s *startScreen) welcomeLines(w int) []string {
	out := []string{txtWelcome, "", txtWelcomeEmpty, ""}
	hint := s.hints(s.steps.Welcome, s.steps.Yes, s.keys.Help)
	for i, a := range []string{txtWelcomeNew, txtWelcomeImport} {
		if i == s.welcome {
			out = append(out, s.st.Cursor.Render("> "+a))
		} else {
			out = append(out, "  "+a)
		}
	}
	out = append(out, "", s.st.Dim.Render(hint))
	for i := range out {
		out[i] = "  " + out[i]
	}
	return out
}

// Columns of the report list: 机关 takes what the others leave.
const (
	colYear  = 6
	colCount = 6
	colTime  = 16
	// colAgencyMax keeps the numbers near the names on a wide screen.
	colAgencyMax = 56
)

func (s *startScreen) tableLines(w, h int) []string {
	agencyW := max(12, min(w-49, colAgencyMax))
	head := "  " + pad(txtColAgency, agencyW) + " " + padL(txtColYear, colYear) + " " +
		padL(txtColErrors, colCount) + " " + padL(txtColMissing, colCount) + " " + padL(txtColWarnings, colCount) + "  " + txtColUpdated
	out := []string{s.st.Header.Render(head)}
	rows := max(1, h-1)
	if len(s.shown) > rows {
		rows = max(1, h-2) // room for the position line
	}
	s.follow(rows)
	s.top = max(0, min(s.top, len(s.shown)-rows))
	s.rows = rows
	for i := s.top; i < len(s.shown) && i < s.top+rows; i++ {
		r := s.list[s.shown[i]]
		var line string
		if e := s.damaged(&r); e != nil {
			// Its counts and time speak of a report that cannot be
			// read: the mark, in words, takes their place.
			name, year := r.Agency, fmt.Sprint(r.Year)
			if name == "" {
				name, year = damagedName(e), ""
			}
			line = pad(cut(name, agencyW), agencyW) + " " + padL(year, colYear) + " " +
				s.st.Error.Render(txtDamagedMark) + "  " + strf(txtDamagedRowHint, s.dlgKeys.History.Help().Key)
		} else {
			errs := padL(fmt.Sprint(r.Errors), colCount)
			if r.Errors > 0 {
				errs = s.st.Error.Render(errs)
			}
			line = pad(cut(r.Agency, agencyW), agencyW) + " " + padL(fmt.Sprint(r.Year), colYear) + " " +
				errs + " " + padL(fmt.Sprint(r.Missing), colCount) + " " + padL(fmt.Sprint(r.Warnings), colCount) + "  " + s.fmtDateTime(r.Updated)
		}
		if i == s.sel {
			out = append(out, s.st.Cursor.Render("> "+line))
		} else {
			out = append(out, "  "+line)
		}
	}
	// The selected report's agency whole, when its column cut it.
	if r := s.selected(); r != nil && dw(r.Agency) > agencyW {
		for _, l := range wrapWidth(strf(txtSelectedFmt, r.Agency, r.Year), w-4) {
			out = append(out, s.st.Dim.Render("  "+l))
		}
	}
	if n := len(s.shown); n > rows {
		out = append(out, s.st.Dim.Render(fmt.Sprintf(txtRowsFmt, s.sel+1, n)))
	}
	return out
}

// refilter recomputes the rows shown for the filter, keeping the
// selection in range.
func (s *startScreen) refilter() {
	s.shown = s.shown[:0]
	f := strings.ToLower(strings.TrimSpace(s.filter))
	for i, r := range s.list {
		if f == "" || strings.Contains(strings.ToLower(r.Agency), f) || strings.Contains(strconv.Itoa(r.Year), f) {
			s.shown = append(s.shown, i)
		}
	}
	s.sel = max(0, min(s.sel, len(s.shown)-1))
	s.top = min(s.top, s.sel)
}

// filterLine shows what the list is filtered by, and how to clear it.
func (s *startScreen) filterLine() string {
	return s.st.Bold.Render(strf(txtFilterLine, s.filter, len(s.shown), len(s.list))) + "  " +
		s.st.Dim.Render(s.hints(s.dlgKeys.FilterBack, s.dlgKeys.FilterClear))
}

func (s *startScreen) cursor() *tea.Cursor { return nil }

// typing: once a filter is being typed, '?' is part of it.
func (s *startScreen) typing() bool { return s.filter != "" }

func (s *startScreen) bindings() []key.Binding {
	if s.loaded && len(s.list) == 0 {
		return []key.Binding{s.dlgKeys.Open, s.dlgKeys.New, s.dlgKeys.Import, s.dlgKeys.Trash}
	}
	if r := s.selected(); r != nil && s.damaged(r) != nil {
		// Only history (to repair it) and delete help a damaged report.
		return []key.Binding{s.dlgKeys.History, s.dlgKeys.Delete, s.dlgKeys.New, s.dlgKeys.Import, s.dlgKeys.Trash}
	}
	if s.filter != "" {
		return []key.Binding{s.dlgKeys.Open, s.dlgKeys.FilterBack, s.dlgKeys.FilterClear, s.dlgKeys.Roll,
			s.dlgKeys.History, s.dlgKeys.Delete}
	}
	return []key.Binding{s.dlgKeys.Open, s.dlgKeys.New, s.dlgKeys.Import, s.dlgKeys.Roll,
		s.dlgKeys.History, s.dlgKeys.Delete, s.dlgKeys.Trash}
}
