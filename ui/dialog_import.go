package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/width"

	"nianbao/importer"
	"nianbao/internal/termsafe"
	"nianbao/model"
	"nianbao/office"
	"nianbao/store"
)

// Steps of the import dialog.
const (
	impPath    = iota // typing the path
	impBusy           // reading, or storing
	impReplace        // asking before replacing the report of that agency and year
	impDone           // imported: notes shown, Enter opens
)

type (
	importCompletedMsg struct{ c completion }
	importReadMsg      struct {
		imp *office.Import // with Existing: the stored report of the same agency and year
		err error
	}
	importStoredMsg struct {
		id    string
		notes []string
		err   error
	}
)

// Fields of the import dialog's first step.
const (
	ifPath = iota
	ifAgency
	ifYear
	ifCount
)

// importDialog imports a published report (its page saved as .html, its
// text copied into a .txt) or a JSON file: the path typed with Tab
// completion, then the file read in a command; a report of the same agency
// and year is replaced only after asking; the importer's notes are shown
// before the report opens. 机关名称 and 年度 may be given when the file
// does not say them (text copied without its title).
type importDialog struct {
	*shared
	step    int
	focus   int
	path    lineInput
	agency  lineInput
	year    lineInput
	comp    completion // last completion shown
	problem string
	imp     *office.Import
	notes   []string // the importer's notes, and the UI's own
	ask     yesNo    // replace step: replace the stored report?
	id      string   // stored report
	scroll  int      // first note shown
	b       box
	curLine int // body line and column of the caret
	curCol  int
}

func newImportDialog(sh *shared) screen {
	return &importDialog{shared: sh, path: newLineInput(&sh.lineKeys, "", 0), agency: newLineInput(&sh.lineKeys, "", agencyMaxLen),
		year: newLineInput(&sh.lineKeys, "", 8)}
}

// input is the focused field.
func (d *importDialog) input() *lineInput {
	return [...]*lineInput{&d.path, &d.agency, &d.year}[d.focus]
}

func (d *importDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case importCompletedMsg:
		if d.step != impPath || msg.c.input != d.path.value() {
			return d, nil // typed on meanwhile
		}
		d.comp = msg.c
		d.path.setValue(msg.c.value)
		d.problem = msg.c.err
		return d, nil
	case importReadMsg:
		var me *office.MissingError
		switch {
		case errors.As(msg.err, &me) && me.Year:
			d.step, d.focus, d.problem = impPath, ifYear, me.Error()+txtImportGiveYear
			return d, nil
		case errors.As(msg.err, &me):
			d.step, d.focus, d.problem = impPath, ifAgency, me.Error()+txtImportGiveAgency
			return d, nil
		case msg.err != nil:
			d.step, d.problem = impPath, storeProblem(msg.err)
			return d, nil
		}
		d.imp = msg.imp
		if d.imp.Existing != nil {
			d.step, d.ask = impReplace, yesNo{}
			return d, nil
		}
		return d, d.store(false)
	case importStoredMsg:
		if msg.err != nil {
			d.step, d.problem = impPath, txtImportStoreFailed+storeProblem(msg.err)
			return d, nil
		}
		d.step, d.id, d.notes = impDone, msg.id, msg.notes
		return d, nil
	case tea.PasteMsg:
		if d.step == impPath {
			d.input().update(msg)
			d.problem, d.comp = "", completion{}
		}
		return d, nil
	case tea.KeyPressMsg:
		return d, d.key(msg)
	}
	return d, nil
}

func (d *importDialog) key(k tea.KeyPressMsg) tea.Cmd {
	switch d.step {
	case impBusy:
		return nil
	case impReplace:
		switch d.ask.key(&d.steps, k) {
		case answerYes:
			return d.store(true)
		case answerNo:
			d.step, d.problem = impPath, txtImportNotReplaced
		}
		return nil
	case impDone:
		switch {
		case key.Matches(k, d.dlgKeys.Confirm):
			return tea.Sequence(send(popDialogMsg{}), send(openReportMsg{id: d.id}))
		case key.Matches(k, d.dlgKeys.Cancel):
			// The list behind has a new report.
			return tea.Sequence(send(popDialogMsg{}), send(showStartMsg{}))
		case key.Matches(k, d.keys.Up):
			d.scroll = max(0, d.scroll-1)
		case key.Matches(k, d.keys.Down):
			d.scroll = min(d.scroll+1, max(0, len(d.notes)-1))
		}
		return nil
	}
	switch {
	case key.Matches(k, d.dlgKeys.Cancel):
		return send(popDialogMsg{})
	case d.focus == ifPath && key.Matches(k, d.dlgKeys.Complete):
		in := d.path.value()
		return func() tea.Msg { return importCompletedMsg{completePath(in)} }
	case key.Matches(k, d.dlgKeys.Next):
		d.focus = (d.focus + 1) % ifCount
		d.input().selectAll()
	case key.Matches(k, d.dlgKeys.Prev):
		d.focus = (d.focus + ifCount - 1) % ifCount
		d.input().selectAll()
	case key.Matches(k, d.dlgKeys.Confirm):
		p := cleanPath(d.path.value())
		if p == "" {
			d.focus, d.problem = ifPath, txtNeedPath
			return nil
		}
		opt := importer.Options{Agency: strings.TrimSpace(d.agency.value())}
		if ys := strings.TrimSpace(width.Narrow.String(d.year.value())); ys != "" {
			y, err := strconv.Atoi(ys)
			if err != nil || y < firstYear || y > 2100 {
				d.focus, d.problem = ifYear, fmt.Sprintf(txtImportBadYearFmt, firstYear)
				return nil
			}
			opt.Year = y
		}
		d.step, d.problem = impBusy, ""
		o := d.office
		return func() tea.Msg {
			imp, err := office.ReadImport(p, opt)
			if err == nil {
				err = o.FindExisting(imp)
			}
			return importReadMsg{imp: imp, err: err}
		}
	default:
		if d.input().update(k) {
			d.problem, d.comp = "", completion{}
		}
	}
	return nil
}

// store saves the imported report, new or over the existing one (office:
// the stored report keeps its identity and link to last year, and its old
// content stays restorable in its history; a new one gets a fresh id when
// the file's is taken, and 其他机关 when the file does not tell the kind).
func (d *importDialog) store(replace bool) tea.Cmd {
	d.step = impBusy
	imp, o := d.imp, d.office
	return func() tea.Msg {
		if err := o.StoreImport(imp, replace); err != nil {
			var ee *office.ExistsError
			if errors.As(err, &ee) || errors.Is(err, store.ErrDuplicate) {
				err = fmt.Errorf(txtDuplicateFmt, imp.Report.Agency, imp.Report.Year)
			}
			return importStoredMsg{err: err}
		}
		notes := imp.Notes
		if imp.KindDefaulted {
			notes = append(notes, strf(txtImportKindFmt, model.KindOther.Name()))
		}
		return importStoredMsg{id: imp.Report.ID, notes: notes}
	}
}

func (d *importDialog) view(w, h int) string {
	inner := min(76, w-8)
	var body []string
	switch d.step {
	case impPath, impBusy:
		body = append(body, txtImportIntro[0], strf(txtImportIntro[1], d.dlgKeys.Complete.Help().Key))
		body = append(body, "")
		field := func(i int, label string, in *lineInput, fw int) {
			m := "  "
			if d.focus == i && d.step == impPath {
				m = "> "
			}
			text, col := in.render(fw)
			t := pad(text, fw)
			if d.focus == i {
				d.curLine, d.curCol = len(body), labelW+1+col
				if in.selected() {
					t = d.st.Cursor.Render(t)
				} else {
					t = d.st.Editing.Render(t)
				}
			}
			body = append(body, pad(m+label, labelW)+"["+t+"]")
		}
		field(ifPath, txtImportFile, &d.path, inner-labelW-2)
		if len(d.comp.matches) > 0 && d.problem == "" {
			for _, m := range d.comp.matches {
				// A file name is anything the disk holds: shown
				// visibly, and measured as shown.
				body = append(body, d.st.Dim.Render(strings.Repeat(" ", labelW+1)+termsafe.String(m)))
			}
			if d.comp.more > 0 {
				body = append(body, d.st.Dim.Render(strings.Repeat(" ", labelW+1)+fmt.Sprintf(txtMoreMatchesFmt, d.comp.more)))
			}
		}
		field(ifAgency, strFieldAgency, &d.agency, inner-labelW-2)
		field(ifYear, strFieldYear, &d.year, 6)
		body = append(body, d.st.Dim.Render(txtImportOptional), "")
		switch {
		case d.step == impBusy:
			body = append(body, txtImportReading)
		case d.problem != "":
			for _, l := range wrapWidth(d.problem, inner) {
				body = append(body, d.st.Error.Render(l))
			}
		}
		body = append(body, d.st.Dim.Render(d.hints(d.bindings()...)))
	case impReplace:
		r := d.imp.Report
		of, total := d.imp.Existing.FilledCount(nil)
		nf, _ := r.FilledCount(nil)
		body = append(body, wrapWidth(fmt.Sprintf(txtImportReplaceFmt, model.TitleOf(r.Agency, r.Year), of, total, nf, total), inner)...)
		body = append(body, "", d.ask.view(d.st), "", d.st.Dim.Render(d.hints(d.bindings()...)))
	case impDone:
		r := d.imp.Report
		body = append(body, d.st.OK.Render(fmt.Sprintf(txtImportedFmt, r.Title())))
		filled, total := r.FilledCount(nil)
		body = append(body, fmt.Sprintf(txtImportedFilledFmt, filled, total))
		notes := d.notes
		if len(notes) == 0 {
			body = append(body, "", txtImportNoNotes)
		} else {
			body = append(body, "", fmt.Sprintf(txtImportNotesFmt, len(notes)))
			room := max(1, h-len(body)-8)
			var nl []string
			for _, n := range notes[d.scroll:] {
				nl = append(nl, wrapWidth("- "+n, inner)...)
			}
			if len(nl) > room {
				nl = append(nl[:room-1], d.st.Dim.Render(strf(txtMoreBelow, d.steps.Select.Help().Key)))
			}
			body = append(body, nl...)
		}
		body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	}
	d.b = layoutBox(w, h, txtImportTitle, body, inner)
	return d.b.render(w, h)
}

func (d *importDialog) cursor() *tea.Cursor {
	if d.step != impPath || d.b.lines == nil {
		return nil
	}
	return d.b.cursorAt(d.curLine, d.curCol)
}

func (d *importDialog) typing() bool { return d.step == impPath }

// copyText is the focused field's value (Ctrl+C).
func (d *importDialog) copyText() (string, string) {
	return copyLine([...]string{txtImportFile, strFieldAgency, strFieldYear}[d.focus], d.input())
}

func (d *importDialog) bindings() []key.Binding {
	sk := &d.steps
	switch d.step {
	case impPath:
		return []key.Binding{sk.DoImport, sk.ShortComp, sk.Fields, sk.No}
	case impDone:
		return []key.Binding{sk.OpenNew, sk.ToStart}
	case impReplace:
		return sk.question(d.ask)
	}
	return []key.Binding{sk.No}
}
