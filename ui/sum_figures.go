package ui

import (
	"errors"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/export"
	"nianbao/model"
	"nianbao/office"
)

// figuresScreen shows one row (or cell) of every unit of a year side by
// side, last year's figure and the ratio beside it, the sum last; Left and
// Right walk the rows of the format.
type figuresScreen struct {
	*shared
	year    int
	back    screen // the status screen
	choices []office.FigureChoice
	what    int
	loaded  bool
	f       *office.Figures
	err     error
	listPos
}

type figuresLoadedMsg struct {
	year int
	what string
	f    *office.Figures
	err  error
}

func newFiguresScreen(sh *shared, year int, back screen) *figuresScreen {
	return &figuresScreen{shared: sh, year: year, back: back, choices: office.FigureRows()}
}

func (s *figuresScreen) init() tea.Cmd {
	s.loaded = false
	o, year, what := s.office, s.year, s.choices[s.what].What
	if s.db == nil {
		return send(figuresLoadedMsg{year: year, what: what, err: errNoStore{}})
	}
	return func() tea.Msg {
		f, err := o.FiguresOf(year, what)
		return figuresLoadedMsg{year, what, f, err}
	}
}

func (s *figuresScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case figuresLoadedMsg:
		if msg.year != s.year || msg.what != s.choices[s.what].What {
			return s, nil // an older request
		}
		s.loaded, s.f, s.err = true, msg.f, msg.err
		if s.f != nil {
			s.sel = min(s.sel, max(0, len(s.f.Units)-1))
		}
	case tea.MouseWheelMsg:
		if s.f != nil {
			s.wheel(msg, len(s.f.Units))
		}
	case tea.KeyPressMsg:
		sk := &s.sumKeys
		n := 0
		if s.f != nil {
			n = len(s.f.Units)
		}
		switch {
		case key.Matches(msg, s.keys.Back):
			if s.back != nil {
				return s, send(showScreenMsg{s.back})
			}
			return s, send(showStartMsg{})
		case s.moveKey(&s.keys, msg, n):
		case key.Matches(msg, sk.RowPrev):
			s.what = (s.what + len(s.choices) - 1) % len(s.choices)
			return s, s.init()
		case key.Matches(msg, sk.RowNext):
			s.what = (s.what + 1) % len(s.choices)
			return s, s.init()
		case key.Matches(msg, sk.Export) && s.f != nil:
			return s, send(pushDialogMsg{newFiguresExportDialog(s.shared, s.f)})
		}
	}
	return s, nil
}

func (s *figuresScreen) view(w, h int) string {
	lines := []string{s.st.Title.Render(strf(txtFiguresTitle, s.year, s.choices[s.what].Label))}
	switch {
	case !s.loaded:
		return fitArea(append(lines, "", txtLoading), w, h)
	case s.err != nil:
		return fitArea(append(lines, "", s.st.Error.Render(txtLoadFailed+storeProblem(s.err))), w, h)
	case len(s.f.Units) == 0:
		return fitArea(append(lines, "", strf(txtFiguresNone, s.year)), w, h)
	}
	lines = append(lines, s.st.Dim.Render(s.hints(s.sumKeys.RowPrev, s.sumKeys.RowNext)))
	lines = append(lines, s.tableLines(w-2, max(3, h-len(lines)))...)
	return fitArea(lines, w, h)
}

// tableLines draws the figures. A column is shown whole or not at all: a
// figure cut at the window's edge would read as another figure.
func (s *figuresScreen) tableLines(w, h int) []string {
	f := s.f
	heads := f.Heads()
	cells := func(r office.FigureRow, last bool) []string {
		out := []string{r.Agency}
		for i := range f.Cells {
			out = append(out, figText(r.Values[i], r.States[i]))
		}
		if last {
			out = append(out, figText(r.Last, r.LastState), f.Ratio(r))
		} else {
			out = append(out, "", "")
		}
		return out
	}
	table := [][]string{}
	for _, r := range f.Units {
		table = append(table, cells(r, true))
	}
	sum := cells(f.Sum, false)
	widths := make([]int, len(heads))
	for c := range heads {
		widths[c] = dw(heads[c])
		for _, row := range append(table, sum) {
			widths[c] = max(widths[c], dw(row[c]))
		}
	}
	rest := 0
	for _, cw := range widths[1:] {
		rest += cw + 1
	}
	// The names give way first (down to 10 columns), the figures never.
	unitW := max(10, min(widths[0], 24, w-2-rest))
	shown, used := 1, unitW
	for c := 1; c < len(heads) && used+1+widths[c] <= w-2; c++ {
		shown, used = c+1, used+1+widths[c]
	}
	line := func(row []string) string {
		parts := []string{pad(cut(row[0], unitW), unitW)}
		for c := 1; c < shown; c++ {
			if c == len(heads)-1 {
				parts = append(parts, pad(row[c], widths[c]))
			} else {
				parts = append(parts, padL(row[c], widths[c]))
			}
		}
		return strings.Join(parts, " ")
	}
	var out []string
	if shown < len(heads) {
		out = append(out, s.st.Warning.Render(strf(txtFiguresNarrow, shown-1)))
	}
	out = append(out, "  "+s.st.Header.Render(line(heads)))
	rows := max(1, h-len(out)-2)
	s.follow(rows)
	s.top = max(0, min(s.top, len(table)-rows))
	for i := s.top; i < len(table) && i < s.top+rows; i++ {
		l := line(table[i])
		switch {
		case i == s.sel:
			out = append(out, s.st.Cursor.Render("> "+l))
		case f.Units[i].Jump:
			out = append(out, "  "+s.st.Warning.Render(l))
		default:
			out = append(out, "  "+l)
		}
	}
	out = append(out, "  "+s.st.Header.Render(line(sum)))
	if len(table) > rows {
		out = append(out, s.st.Dim.Render(strf(txtRowsFmt, s.sel+1, len(table))))
	}
	return out
}

// figText is a figure as shown: blank while empty or incomplete.
func figText(v model.Dec, st model.CellState) string {
	if st != model.Filled {
		return ""
	}
	return v.String()
}

func (s *figuresScreen) cursor() *tea.Cursor { return nil }
func (s *figuresScreen) typing() bool        { return false }
func (s *figuresScreen) bindings() []key.Binding {
	sk := &s.sumKeys
	return []key.Binding{sk.RowPrev, sk.RowNext, sk.Export, s.keys.Back}
}

// --- export of the figures ---

type figuresWrittenMsg struct {
	path string
	err  error
}

// figuresExportDialog writes the figures as a spreadsheet or CSV.
type figuresExportDialog struct {
	*shared
	f       *office.Figures
	csv     bool
	path    lineInput
	force   bool // the officer saw that the file exists and asked again
	problem string
	done    string
	busy    bool
	b       box
	col     int
}

func newFiguresExportDialog(sh *shared, f *office.Figures) screen {
	d := &figuresExportDialog{shared: sh, f: f}
	d.path = newLineInput(&sh.lineKeys, d.defaultPath(), 0)
	return d
}

func (d *figuresExportDialog) ext() string {
	if d.csv {
		return "csv"
	}
	return "xlsx"
}

func (d *figuresExportDialog) defaultPath() string {
	return filepath.Join(d.exportDir, d.f.FileName(d.ext()))
}

func (d *figuresExportDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case figuresWrittenMsg:
		d.busy = false
		switch {
		case errors.Is(msg.err, export.ErrExists):
			d.force, d.problem = true, strf(txtFigExists, msg.path, d.dlgKeys.Confirm.Help().Key)
		case msg.err != nil:
			d.problem = msg.err.Error()
		default:
			d.done = strf(txtFigWritten, msg.path)
		}
	case tea.PasteMsg:
		if d.path.update(msg) {
			d.force, d.problem = false, ""
		}
	case tea.KeyPressMsg:
		switch {
		case d.busy:
		case d.done != "":
			if key.Matches(msg, d.dlgKeys.Confirm, d.dlgKeys.Cancel) {
				return d, send(popDialogMsg{})
			}
		case key.Matches(msg, d.dlgKeys.Cancel):
			return d, send(popDialogMsg{})
		case key.Matches(msg, d.dlgKeys.Choose):
			wasDefault := d.path.value() == d.defaultPath()
			d.csv = !d.csv
			if wasDefault {
				d.path.setValue(d.defaultPath())
			}
			d.force, d.problem = false, ""
		case key.Matches(msg, d.dlgKeys.Confirm):
			p := cleanPath(d.path.value())
			if p == "" {
				d.problem = txtNeedPath
				return d, nil
			}
			d.busy, d.problem = true, ""
			t, asCSV, force := d.f.Table(), d.csv, d.force
			return d, func() tea.Msg {
				var data []byte
				var err error
				if asCSV {
					data, err = export.TableCSV(t)
				} else {
					data, err = export.TableXLSX(t)
				}
				if err == nil {
					err = export.WriteFile(p, data, force)
				}
				return figuresWrittenMsg{p, err}
			}
		default:
			if d.path.update(msg) {
				d.force, d.problem = false, ""
			}
		}
	}
	return d, nil
}

func (d *figuresExportDialog) view(w, h int) string {
	inner := min(80, w-8)
	var body []string
	if d.done != "" {
		body = append(body, d.st.OK.Render(d.done), "", d.st.Dim.Render(d.hints(d.steps.CloseDone)))
	} else {
		formats := []string{txtFigXLSX, txtFigCSV}
		for i, f := range formats {
			m := "  "
			if (i == 1) == d.csv {
				m = "> "
			}
			label := ""
			if i == 0 {
				label = txtFigFormat
			}
			body = append(body, pad(label, labelW)+m+f)
		}
		text, col := d.path.render(inner - labelW - 2)
		d.col = labelW + 1 + col
		body = append(body, "", pad(txtFigPath, labelW)+"["+d.st.Editing.Render(pad(text, inner-labelW-2))+"]")
		if d.problem != "" {
			body = append(body, "")
			for _, l := range wrapWidth(d.problem, inner) {
				body = append(body, d.st.Error.Render(l))
			}
		}
		body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	}
	d.b = layoutBox(w, h, txtFigExportTitle, body, inner)
	return d.b.render(w, h)
}

func (d *figuresExportDialog) cursor() *tea.Cursor {
	if d.done != "" {
		return nil
	}
	return d.b.cursorAt(3, d.col)
}
func (d *figuresExportDialog) typing() bool { return d.done == "" }
func (d *figuresExportDialog) bindings() []key.Binding {
	if d.done != "" {
		return []key.Binding{d.steps.CloseDone}
	}
	return []key.Binding{d.dlgKeys.Confirm, d.dlgKeys.Choose, d.steps.No}
}
