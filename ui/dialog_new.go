package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/width"

	"nianbao/model"
	"nianbao/store"
)

// Limits of the new-report form, in characters.
const (
	agencyMaxLen = 60
	firstYear    = 2008 // the disclosure regulations took effect in 2008
)

// Fields of the new-report form, in order.
const (
	nfAgency = iota
	nfYear
	nfKind
	nfScope
	nfCount
)

type newCreatedMsg struct {
	id  string
	err error
}

// newReportForm is the form of a new report: 机关名称, 年度, 机关类型, 范围.
// Enter goes to the next field and, on the last one, creates the report;
// a problem is shown in place of the help line and focuses its field.
type newReportForm struct {
	*shared
	focus   int
	agency  lineInput
	year    lineInput
	kind    int // index in model.Kinds; -1 until chosen
	scope   int // index in model.Scopes
	problem string
	busy    bool
	b       box
	curLine int // body line of the focused text field, for the cursor
	curCol  int
}

func newReportDialog(sh *shared) screen {
	return &newReportForm{
		shared: sh,
		agency: newLineInput(&sh.lineKeys, "", agencyMaxLen),
		year:   newLineInput(&sh.lineKeys, strconv.Itoa(defaultYear(sh.now())), 8),
		kind:   -1,
	}
}

// defaultYear is the year a report started on day t is most likely for:
// last year's until April (reports are due by 31 January and revised until
// spring), this year's from May on.
func defaultYear(t time.Time) int {
	if t.Month() <= time.April {
		return t.Year() - 1
	}
	return t.Year()
}

func (d *newReportForm) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case newCreatedMsg:
		d.busy = false
		if msg.err != nil {
			d.problem = msg.err.Error()
			return d, nil
		}
		return d, tea.Sequence(send(popDialogMsg{}), send(openReportMsg{id: msg.id}))
	case tea.PasteMsg:
		if in := d.input(); in != nil {
			in.update(msg)
			d.problem = ""
		}
		return d, nil
	case tea.KeyPressMsg:
		if d.busy {
			return d, nil
		}
		before := d.focus
		defer func() {
			if in := d.input(); in != nil && d.focus != before {
				in.selectAll() // reached: typing replaces 2024
			}
		}()
		switch {
		case key.Matches(msg, d.dlgKeys.Cancel):
			return d, send(popDialogMsg{})
		case key.Matches(msg, d.steps.NextOrDone):
			if d.focus < nfCount-1 {
				d.focus++
				return d, nil
			}
			return d, d.submit()
		case key.Matches(msg, d.keys.Down, d.dlgKeys.Next):
			d.focus = (d.focus + 1) % nfCount
		case key.Matches(msg, d.keys.Up, d.dlgKeys.Prev):
			d.focus = (d.focus + nfCount - 1) % nfCount
		case d.focus == nfKind && key.Matches(msg, d.keys.Left):
			d.kind = (max(d.kind, 0) + len(model.Kinds) - 1) % len(model.Kinds)
			d.problem = ""
		case d.focus == nfKind && key.Matches(msg, d.keys.Right):
			d.kind = (d.kind + 1) % len(model.Kinds)
			d.problem = ""
		case d.focus == nfScope && key.Matches(msg, d.keys.Left, d.keys.Right):
			d.scope = 1 - d.scope
		default:
			if in := d.input(); in != nil && in.update(msg) {
				d.problem = ""
			}
		}
	}
	return d, nil
}

// input is the focused text field, or nil on a choice.
func (d *newReportForm) input() *lineInput {
	switch d.focus {
	case nfAgency:
		return &d.agency
	case nfYear:
		return &d.year
	}
	return nil
}

// validate returns the form's values, or the first problem, and focuses
// its field.
func (d *newReportForm) validate() (agency string, year int, problem string) {
	agency = strings.TrimSpace(d.agency.value())
	if agency == "" {
		d.focus = nfAgency
		return "", 0, txtNeedAgency
	}
	ys := strings.TrimSpace(width.Narrow.String(d.year.value()))
	y, err := strconv.Atoi(ys)
	last := d.now().Year()
	if err != nil || y < firstYear || y > last {
		d.focus = nfYear
		return "", 0, fmt.Sprintf(txtBadYearFmt, firstYear, last)
	}
	if d.kind < 0 {
		d.focus = nfKind
		return "", 0, strf(txtNeedKind, d.dlgKeys.Choose.Help().Key)
	}
	return agency, y, ""
}

func (d *newReportForm) submit() tea.Cmd {
	agency, year, problem := d.validate()
	if problem != "" {
		d.problem = problem
		return nil
	}
	d.busy = true
	o, kind, scope := d.office, model.Kinds[d.kind], model.Scopes[d.scope]
	return func() tea.Msg {
		r, err := o.NewReport(agency, year, kind, scope)
		if errors.Is(err, store.ErrDuplicate) {
			return newCreatedMsg{err: fmt.Errorf(txtDuplicateFmt, agency, year)}
		}
		if err != nil {
			return newCreatedMsg{err: errors.New(storeProblem(err))}
		}
		return newCreatedMsg{id: r.ID}
	}
}

// labelW is the width of the form's label column ("> 机关类型  ").
const labelW = 12

func (d *newReportForm) view(w, h int) string {
	inner := min(64, w-8)
	fieldW := inner - labelW - 2
	var body []string
	label := func(i int, text string) string {
		m := "  "
		if d.focus == i {
			m = "> "
		}
		return pad(m+text, labelW)
	}
	for i, in := range []*lineInput{&d.agency, &d.year} {
		name := strFieldAgency
		fw := fieldW
		if i == nfYear {
			name, fw = strFieldYear, 6
		}
		text, col := in.render(fw)
		line := label(i, name) + "[" + pad(text, fw) + "]"
		if d.focus == i {
			d.curLine, d.curCol = len(body), labelW+1+col
			st := d.st.Editing
			if in.selected() {
				st = d.st.Cursor
			}
			line = label(i, name) + "[" + st.Render(pad(text, fw)) + "]"
		}
		body = append(body, line)
	}
	kind := txtChooseKind
	if d.kind >= 0 {
		kind = model.Kinds[d.kind].Name()
	}
	body = append(body, label(nfKind, strFieldKind)+choice(d.st, kind, d.focus == nfKind))
	body = append(body, label(nfScope, strFieldScope)+choice(d.st, model.Scopes[d.scope].Name()+txtScopeHint[d.scope], d.focus == nfScope))
	body = append(body, "")
	switch {
	case d.busy:
		body = append(body, strSaving)
	case d.problem != "":
		for _, l := range wrapWidth(d.problem, inner) {
			body = append(body, d.st.Error.Render(l))
		}
	default:
		help := txtNewHelp[d.focus]
		if strings.Contains(help, "%s") {
			help = strf(help, d.dlgKeys.Choose.Help().Key)
		}
		body = append(body, d.st.Dim.Render(help))
	}
	body = append(body, d.st.Dim.Render(d.hints(d.steps.NextOrDone, d.steps.Switch2, d.steps.No)))
	d.b = layoutBox(w, h, txtNewTitle, body, inner)
	return d.b.render(w, h)
}

// choice draws a value chosen with ←/→.
func choice(st *styles, v string, focused bool) string {
	if focused {
		return st.Cursor.Render("< " + v + " >")
	}
	return "  " + v
}

func (d *newReportForm) cursor() *tea.Cursor {
	if d.input() == nil || d.busy || d.b.lines == nil {
		return nil
	}
	return d.b.cursorAt(d.curLine, d.curCol)
}

func (d *newReportForm) typing() bool { return d.input() != nil }

// copyText is the focused field's value (Ctrl+C).
func (d *newReportForm) copyText() (string, string) {
	switch d.focus {
	case nfAgency:
		return copyLine(strFieldAgency, &d.agency)
	case nfYear:
		return copyLine(strFieldYear, &d.year)
	}
	return "", ""
}

func (d *newReportForm) bindings() []key.Binding {
	sk := &d.steps
	if d.focus == nfKind || d.focus == nfScope {
		return []key.Binding{sk.NextOrDone, sk.Switch2, d.dlgKeys.Choose, sk.No}
	}
	return []key.Binding{sk.NextOrDone, sk.Switch2, sk.No}
}
