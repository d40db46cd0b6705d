package ui

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/width"

	"nianbao/model"
	"nianbao/office"
)

// The collecting office's screens: the year's status of every unit (汇总
// 情况), sortable by any column, from which a unit's report opens, the sum
// is made or refreshed, and the per-unit figures are shown. Every read and
// write is a command; update only routes keys and takes results.

// showScreenMsg makes s the current screen (the status and figures screens,
// which are full screens, not dialogs over one).
type showScreenMsg struct{ s screen }

// sumHelpGroup is the help screen's group of these keys.
func (sh *shared) sumHelpGroup() helpGroup {
	k := sh.sumKeys
	return helpGroup{txtHelpSum, []key.Binding{k.Collect, k.Status, k.SortPrev, k.SortNext, k.SortOrder, k.Open,
		k.Year, k.Sum, k.Figures, k.RowPrev, k.RowNext, k.Export, k.Replace}}
}

type (
	statusLoadedMsg struct {
		year int
		st   *office.YearStatus
		err  error
	}
	// statusReloadMsg asks the status screen to read the year again
	// (after a sum made in a dialog over it).
	statusReloadMsg struct{}
	// statusYearMsg shows another year.
	statusYearMsg struct{ year int }
)

// The status table's columns, in order; each sorts.
const (
	scUnit = iota
	scFilled
	scErrors
	scWarnings
	scNotes
	scUpdated
	scFirstError
	scCount
)

var statusColNames = [scCount]string{txtColUnit, txtColFilled, txtColErrs, txtColWarns, txtColNotes, txtColChanged, txtColFirstError}

// statusScreen is 汇总情况: one row per unit of a year.
type statusScreen struct {
	*shared
	year            int
	loading, loaded bool
	err             error
	ys              *office.YearStatus
	order           []int // rows of st.Units in the order shown
	sortCol         int
	desc            bool
	listPos
	rowY, rows int
}

func newStatusScreen(sh *shared, year int) *statusScreen {
	return &statusScreen{shared: sh, year: year}
}

// init reads the year's status; it runs each time the screen is shown
// (coming back from a unit's report, the figures), since they change.
func (s *statusScreen) init() tea.Cmd {
	s.loading = true
	o, year := s.office, s.year
	if s.db == nil {
		return send(statusLoadedMsg{year: year, err: errNoStore{}})
	}
	return func() tea.Msg {
		st, err := o.Status(year)
		return statusLoadedMsg{year, st, err}
	}
}

func (s *statusScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case statusLoadedMsg:
		if msg.year != s.year {
			return s, nil
		}
		s.loading, s.loaded, s.err = false, true, msg.err
		if msg.err == nil {
			s.ys = msg.st
			s.sort()
		}
		return s, nil
	case statusReloadMsg:
		return s, s.init()
	case statusYearMsg:
		s.year, s.loaded, s.ys, s.sel, s.top = msg.year, false, nil, 0, 0
		return s, s.init()
	case tea.MouseWheelMsg:
		s.wheel(msg, len(s.order))
	case tea.MouseClickMsg:
		if i := msg.Y - s.rowY; msg.Button == tea.MouseLeft && i >= 0 && i < s.rows && s.top+i < len(s.order) {
			s.sel = s.top + i
		}
	case tea.KeyPressMsg:
		return s, s.key(msg)
	}
	return s, nil
}

func (s *statusScreen) key(k tea.KeyPressMsg) tea.Cmd {
	sk := &s.sumKeys
	switch {
	case key.Matches(k, s.keys.Back):
		return send(showStartMsg{})
	case s.moveKey(&s.keys, k, len(s.order)):
	case key.Matches(k, sk.SortPrev):
		s.sortCol = (s.sortCol + scCount - 1) % scCount
		s.sort()
	case key.Matches(k, sk.SortNext):
		s.sortCol = (s.sortCol + 1) % scCount
		s.sort()
	case key.Matches(k, sk.SortOrder):
		s.desc = !s.desc
		s.sort()
	case key.Matches(k, sk.Open):
		if u := s.selected(); u != nil {
			return send(openReportMsg{id: u.ID, back: s})
		}
	case key.Matches(k, sk.Year):
		return send(pushDialogMsg{newYearDialog(s.shared, s.year)})
	case key.Matches(k, sk.Sum) && s.ys != nil && s.refuseWrite() != "":
		return send(statusMsg{text: s.refuseWrite(), err: true})
	case key.Matches(k, sk.Sum) && s.ys != nil:
		return send(pushDialogMsg{newSumDialog(s.shared, s.year, s.ys.Sums, s)})
	case key.Matches(k, sk.Figures):
		return send(showScreenMsg{newFiguresScreen(s.shared, s.year, s)})
	}
	return nil
}

func (s *statusScreen) selected() *office.UnitStatus {
	if s.ys == nil || s.sel < 0 || s.sel >= len(s.order) {
		return nil
	}
	return &s.ys.Units[s.order[s.sel]]
}

// sort orders the rows by the chosen column, keeping the selected unit
// selected; ties keep the list's order (agency, pinyin).
func (s *statusScreen) sort() {
	if s.ys == nil {
		return
	}
	var selID string
	if u := s.selected(); u != nil {
		selID = u.ID
	}
	us := s.ys.Units
	s.order = s.order[:0]
	for i := range us {
		s.order = append(s.order, i)
	}
	by := func(a, b *office.UnitStatus) int {
		switch s.sortCol {
		case scFilled:
			return cmp.Compare(a.Filled, b.Filled)
		case scErrors:
			return cmp.Compare(a.Counts.Errors, b.Counts.Errors)
		case scWarnings:
			return cmp.Compare(a.Counts.Warnings, b.Counts.Warnings)
		case scNotes:
			return cmp.Compare(a.Notes, b.Notes)
		case scUpdated:
			return a.Updated.Compare(b.Updated)
		case scFirstError:
			return cmp.Compare(a.FirstError, b.FirstError)
		}
		return 0 // the list's own order (pinyin)
	}
	slices.SortStableFunc(s.order, func(i, j int) int {
		c := by(&us[i], &us[j])
		if c == 0 {
			c = cmp.Compare(i, j)
			if s.sortCol != scUnit {
				return c // ties in the list's order either way
			}
		}
		if s.desc {
			return -c
		}
		return c
	})
	s.sel = 0
	for i, r := range s.order {
		if us[r].ID == selID {
			s.sel = i
		}
	}
}

func (s *statusScreen) view(w, h int) string {
	var lines []string
	n := 0
	if s.ys != nil {
		n = len(s.ys.Units)
	}
	lines = append(lines, s.st.Title.Render(strf(txtStatusTitle, s.year, n)))
	switch {
	case !s.loaded:
		lines = append(lines, "", txtLoading)
		return fitArea(lines, w, h)
	case s.err != nil:
		lines = append(lines, "", s.st.Error.Render(txtLoadFailed+storeProblem(s.err)))
		return fitArea(lines, w, h)
	}
	sk := &s.sumKeys
	if len(s.ys.Sums) == 0 && n > 0 {
		lines = append(lines, s.st.Dim.Render(strf(txtStatusNoSum, sk.Sum.Help().Key)))
	}
	for _, sm := range s.ys.Sums {
		for _, l := range wrapWidth(sumStateText(sm, sk.Sum.Help().Key), w-2) {
			if sm.State.Stale() {
				lines = append(lines, s.st.Warning.Render(l))
			} else {
				lines = append(lines, s.st.OK.Render(l))
			}
		}
	}
	if len(s.ys.Damaged) > 0 {
		lines = append(lines, s.st.Error.Render(strf(txtStatusDamaged, len(s.ys.Damaged))))
	}
	if n == 0 {
		lines = append(lines, "", strf(txtStatusEmpty, s.year, sk.Collect.Help().Key, sk.Year.Help().Key))
		return fitArea(lines, w, h)
	}
	order := txtAsc
	if s.desc {
		order = txtDesc
	}
	lines = append(lines, s.st.Dim.Render(strf(txtStatusSort, statusColNames[s.sortCol], order)))
	// The selected unit's first error in full under the table, where the
	// column can show only its beginning.
	var detail []string
	if u := s.selected(); u != nil && u.FirstError != "" {
		detail = wrapWidth(u.FirstError, w-2)
		if len(detail) > 2 {
			detail = detail[:2]
		}
		for i := range detail {
			detail[i] = s.st.Error.Render(detail[i])
		}
	}
	s.rowY = len(lines) + 1
	lines = append(lines, s.tableLines(w-2, max(3, h-len(lines)-len(detail)))...)
	lines = append(lines, detail...)
	return fitArea(lines, w, h)
}

// Column widths of the status table; the unit's name and the first error
// share what is left.
const (
	swFilled  = 7
	swCount   = 4
	swUpdated = 16
)

func (s *statusScreen) tableLines(w, h int) []string {
	fixed := swFilled + 3*swCount + swUpdated + 7
	unitW := max(10, min(30, w-fixed-12))
	errW := max(0, w-fixed-unitW)
	head := []string{pad(txtColUnit, unitW), padL(txtColFilled, swFilled), padL(txtColErrs, swCount),
		padL(txtColWarns, swCount), padL(txtColNotes, swCount), pad(txtColChanged, swUpdated), txtColFirstError}
	for i := range head {
		if i == s.sortCol {
			head[i] = s.st.Cursor.Render(head[i])
		}
	}
	out := []string{"  " + s.st.Header.Render(strings.Join(head, " "))}
	rows := max(1, h-1)
	if len(s.order) > rows {
		rows = max(1, h-2)
	}
	s.follow(rows)
	s.top = max(0, min(s.top, len(s.order)-rows))
	s.rows = rows
	for i := s.top; i < len(s.order) && i < s.top+rows; i++ {
		u := s.ys.Units[s.order[i]]
		errs := padL(strconv.Itoa(u.Counts.Errors), swCount)
		if u.Counts.Errors > 0 {
			errs = s.st.Error.Render(errs)
		}
		filled := padL(strf("%d/%d", u.Filled, u.Total), swFilled)
		if u.Filled < u.Total {
			filled = s.st.Warning.Render(filled)
		}
		line := pad(cut(u.Agency, unitW), unitW) + " " + filled + " " + errs + " " +
			padL(strconv.Itoa(u.Counts.Warnings), swCount) + " " + padL(strconv.Itoa(u.Notes), swCount) + " " +
			pad(s.fmtDateTime(u.Updated), swUpdated) + " " + cut(u.FirstError, errW)
		if i == s.sel {
			out = append(out, s.st.Cursor.Render("> "+line))
		} else {
			out = append(out, "  "+line)
		}
	}
	if len(s.order) > rows {
		out = append(out, s.st.Dim.Render(fmt.Sprintf(txtRowsFmt, s.sel+1, len(s.order))))
	}
	return out
}

// sumStateText says whether a sum is up to date, for the status screen.
func sumStateText(sm office.SumStatus, sumKey string) string {
	st := sm.State
	switch {
	case len(st.Gone) > 0:
		return strf(txtStatusSumGone, sm.Agency, sm.Units, len(st.Gone))
	case st.Stale():
		changed := ""
		if len(st.Changed) > 0 {
			changed = strf(txtStatusChanged, strings.Join(st.Changed, txtCollectFileSep))
		}
		return strf(txtStatusSumStale, sm.Agency, sm.Units, st.Cells, changed, sumKey)
	}
	return strf(txtStatusSumFresh, sm.Agency, sm.Units)
}

func (s *statusScreen) cursor() *tea.Cursor { return nil }
func (s *statusScreen) typing() bool        { return false }
func (s *statusScreen) bindings() []key.Binding {
	sk := &s.sumKeys
	return []key.Binding{sk.Open, sk.SortNext, sk.SortOrder, sk.Sum, sk.Figures, sk.Year, s.keys.Back}
}

// --- the year dialog ---

// yearDialog asks for another year.
type yearDialog struct {
	*shared
	in      lineInput
	problem string
	b       box
	col     int
}

func newYearDialog(sh *shared, year int) screen {
	return &yearDialog{shared: sh, in: newLineInput(&sh.lineKeys, strconv.Itoa(year), 8)}
}

func (d *yearDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, d.dlgKeys.Cancel):
			return d, send(popDialogMsg{})
		case key.Matches(msg, d.dlgKeys.Confirm):
			y, err := strconv.Atoi(strings.TrimSpace(width.Narrow.String(d.in.value())))
			if err != nil || y < firstYear || y > 2100 {
				d.problem = txtYearBad
				return d, nil
			}
			return d, tea.Sequence(send(popDialogMsg{}), send(statusYearMsg{y}))
		default:
			if d.in.update(msg) {
				d.problem = ""
			}
		}
	case tea.PasteMsg:
		d.in.update(msg)
	}
	return d, nil
}

func (d *yearDialog) view(w, h int) string {
	text, col := d.in.render(8)
	d.col = labelW + 1 + col
	body := []string{pad(txtYearPrompt, labelW) + "[" + d.st.Editing.Render(pad(text, 8)) + "]"}
	if d.problem != "" {
		body = append(body, "", d.st.Error.Render(d.problem))
	}
	body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	d.b = layoutBox(w, h, txtYearTitle, body, 40)
	return d.b.render(w, h)
}

func (d *yearDialog) cursor() *tea.Cursor { return d.b.cursorAt(0, d.col) }
func (d *yearDialog) typing() bool        { return true }
func (d *yearDialog) bindings() []key.Binding {
	return []key.Binding{d.dlgKeys.Confirm, d.steps.No}
}

// --- the sum dialog ---

type sumDoneMsg struct {
	res       *office.SumResult
	refreshed bool
	err       error
}

// Steps of the sum dialog.
const (
	sdChoose = iota // a sum of the year to refresh, or a new one
	sdAgency        // the new sum's agency
	sdBusy
	sdDone
)

// sumDialog makes the year's sum of every unit, or refreshes one.
type sumDialog struct {
	*shared
	year    int
	sums    []office.SumStatus
	back    screen // the status screen, where the sum's report returns to
	step    int
	sel     int
	agency  lineInput
	problem string
	done    []string
	id      string
	b       box
	col     int
}

func newSumDialog(sh *shared, year int, sums []office.SumStatus, back screen) screen {
	d := &sumDialog{shared: sh, year: year, sums: sums, back: back, agency: newLineInput(&sh.lineKeys, "", agencyMaxLen)}
	if len(sums) == 0 {
		d.step = sdAgency
	}
	return d
}

func (d *sumDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sumDoneMsg:
		if msg.err != nil {
			d.step, d.problem = sdChoose, sumProblem(msg.err)
			if len(d.sums) == 0 || !msg.refreshed {
				d.step = sdAgency
			}
			return d, nil
		}
		d.step, d.id, d.done = sdDone, msg.res.Report.ID, sumDoneLines(msg.res, msg.refreshed)
		return d, nil
	case tea.PasteMsg:
		if d.step == sdAgency {
			d.agency.update(msg)
		}
	case tea.KeyPressMsg:
		return d, d.key(msg)
	}
	return d, nil
}

func (d *sumDialog) key(k tea.KeyPressMsg) tea.Cmd {
	o, year := d.office, d.year
	switch d.step {
	case sdBusy:
		return nil
	case sdDone:
		switch {
		case key.Matches(k, d.dlgKeys.Confirm):
			return tea.Sequence(send(popDialogMsg{}), send(openReportMsg{id: d.id, back: d.back}))
		case key.Matches(k, d.dlgKeys.Cancel):
			return tea.Sequence(send(popDialogMsg{}), send(statusReloadMsg{}))
		}
		return nil
	}
	if key.Matches(k, d.dlgKeys.Cancel) {
		return send(popDialogMsg{})
	}
	if d.step == sdChoose {
		switch {
		case key.Matches(k, d.keys.Up):
			d.sel = max(0, d.sel-1)
		case key.Matches(k, d.keys.Down):
			d.sel = min(len(d.sums), d.sel+1)
		case key.Matches(k, d.dlgKeys.Confirm) && d.sel == len(d.sums):
			d.step, d.problem = sdAgency, ""
		case key.Matches(k, d.dlgKeys.Confirm):
			d.step, d.problem = sdBusy, ""
			id := d.sums[d.sel].ID
			return func() tea.Msg {
				res, err := o.Refresh(id)
				return sumDoneMsg{res, true, err}
			}
		}
		return nil
	}
	switch {
	case key.Matches(k, d.dlgKeys.Confirm):
		agency := strings.TrimSpace(d.agency.value())
		if agency == "" {
			d.problem = txtSumNeedAgency
			return nil
		}
		d.step, d.problem = sdBusy, ""
		return func() tea.Msg {
			res, err := o.Sum(office.SumRequest{Agency: agency, Year: year, AllOfYear: true})
			return sumDoneMsg{res, false, err}
		}
	default:
		if d.agency.update(k) {
			d.problem = ""
		}
	}
	return nil
}

// sumProblem is a refused sum in the UI's words.
func sumProblem(err error) string {
	var se *office.SelfExistsError
	if errors.As(err, &se) {
		return err.Error()
	}
	return storeProblem(err)
}

// sumDoneLines say what a sum or a refresh did.
func sumDoneLines(res *office.SumResult, refreshed bool) []string {
	r := res.Report
	var out []string
	switch {
	case refreshed && res.Changed == 0:
		out = append(out, strf(txtSumSameFmt, len(res.Units)))
	case refreshed:
		out = append(out, strf(txtSumRefreshFmt, len(res.Units), res.Changed))
	case res.Created:
		out = append(out, strf(txtSumMadeFmt, len(res.Units), r.Title(), r.Kind.Name()))
	default:
		out = append(out, strf(txtSumRemadeFmt, len(res.Units), res.Changed))
	}
	if res.Empty > 0 {
		out = append(out, strf(txtSumEmptyFmt, res.Empty))
	}
	if res.KindGuessed {
		out = append(out, strf(txtSumKindFmt, r.Kind.Name()))
	}
	if !refreshed {
		out = append(out, txtSumTextsLeft)
	}
	return out
}

func (d *sumDialog) view(w, h int) string {
	inner := min(76, w-8)
	var body []string
	switch d.step {
	case sdChoose:
		body = append(body, txtSumChoose, "")
		for i, sm := range d.sums {
			state := txtSumStateFresh
			switch {
			case len(sm.State.Gone) > 0:
				state = txtSumStateGone
			case sm.State.Stale():
				state = txtSumStateStale
			}
			body = append(body, d.choice(i, sm.Agency+state))
		}
		body = append(body, d.choice(len(d.sums), txtSumNewChoice))
	case sdAgency, sdBusy:
		body = append(body, txtSumAgencyHint, "")
		text, col := d.agency.render(inner - labelW - 2)
		d.col = labelW + 1 + col
		body = append(body, pad(txtSumAgency, labelW)+"["+d.st.Editing.Render(pad(text, inner-labelW-2))+"]")
		if d.step == sdBusy {
			body = append(body, "", txtSumBusy)
		}
	case sdDone:
		for _, l := range d.done {
			body = append(body, wrapWidth(l, inner)...)
		}
	}
	if d.problem != "" {
		body = append(body, "")
		for _, l := range wrapWidth(d.problem, inner) {
			body = append(body, d.st.Error.Render(l))
		}
	}
	body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	d.b = layoutBox(w, h, strf(txtSumTitle, d.year), body, inner)
	return d.b.render(w, h)
}

func (d *sumDialog) choice(i int, text string) string {
	if i == d.sel {
		return d.st.Cursor.Render("> " + text)
	}
	return "  " + text
}

func (d *sumDialog) cursor() *tea.Cursor {
	if d.step != sdAgency {
		return nil
	}
	return d.b.cursorAt(2, d.col)
}

func (d *sumDialog) typing() bool { return d.step == sdAgency }
func (d *sumDialog) bindings() []key.Binding {
	switch d.step {
	case sdChoose:
		return []key.Binding{d.steps.Select, d.dlgKeys.Confirm, d.steps.No}
	case sdDone:
		return []key.Binding{d.steps.OpenNew, d.steps.Close}
	}
	return []key.Binding{d.dlgKeys.Confirm, d.steps.No}
}

// staleNote is what the status line says when a sum is opened that no
// longer equals its units ("" when it does, or when it is no sum).
func staleNote(sh *shared, r *model.Report) string {
	if r.Scope != model.ScopeArea || len(r.Units) == 0 || sh.db == nil {
		return ""
	}
	st, err := sh.office.SumState(r)
	if err != nil || st == nil || !st.Stale() {
		return ""
	}
	return strf(txtSumStaleNote, st.Cells, sh.sumKeys.Sum.Help().Key)
}
