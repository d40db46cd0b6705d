package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// paste handles bracketed paste: into the cell being typed, into a text
// field, or as a tab-separated block (Excel, WPS) onto the grid.
func (e *editor) paste(content string) tea.Cmd {
	// Text from Windows has \r\n (a textarea would show a blank line after
	// every line); a paste may carry control characters: neither enters.
	content = typedText(content)
	if e.edit != nil {
		line, _, _ := strings.Cut(strings.TrimRight(content, "\n"), "\n")
		e.edit.insert(line)
		return nil
	}
	if e.focus != paneMain {
		e.setFocus(paneMain)
	}
	if e.form != nil && e.form.cur().isText() {
		fl := e.form.cur()
		if fl.kind == fLine {
			content = strings.ReplaceAll(strings.TrimRight(content, "\n"), "\n", " ")
		}
		return e.textInput(fl, tea.PasteMsg{Content: content})
	}
	g := e.grid()
	if g == nil {
		e.setMsg(strPasteNotGrid, true)
		return nil
	}
	return e.pasteGrid(g, content)
}

// pasteResult is a paste worked out on a copy of the report.
type pasteResult struct {
	r           *model.Report
	n, rows     int
	cols        int
	totalsDiffs []string
	totalsSeen  bool
	// blanks are the input cells the paste left empty: a blank cell, or
	// a dash or slash printed instead of a figure (never read as 0).
	blanks []*model.CellSpec
}

// pasteCell is one pasted text and the cell it lands on.
type pasteCell struct {
	spec *model.CellSpec
	text string
}

// pasteGrid fills input cells from the cursor rightwards and downwards. It
// works on a copy: when anything does not fit or parse, nothing is written.
func (e *editor) pasteGrid(g *gridState, content string) tea.Cmd {
	res, problem := planPaste(e.r, g, content)
	if problem != "" {
		e.setMsg(problem, true)
		return nil
	}
	return e.applyPaste(g, res)
}

// applyPaste writes a planned paste as one undo step and says what it did:
// how many figures, which cells it left empty, and how pasted totals
// compare with the computed ones (a difference also stays in the report's
// notes, listed with the findings until its cells change or it is
// dismissed).
func (e *editor) applyPaste(g *gridState, res *pasteResult) tea.Cmd {
	e.change(e.r, strf(strPasteSummary, g.t.Number))
	e.r = res.r
	msg := strf(strPasteDone, res.n, res.rows, res.cols)
	isErr := false
	if n := len(res.blanks); n > 0 {
		var names []string
		for _, c := range res.blanks[:min(n, pasteNamed)] {
			names = append(names, strf(strQuoted, cellPos(c)))
		}
		list := strings.Join(names, strListSep)
		if n > pasteNamed {
			list = strf(strPasteAndMore, list)
		}
		msg += strSep + strf(strPasteBlanks, n, list)
	}
	if len(res.totalsDiffs) > 0 {
		msg += strSep + strf(strPasteTotalDiff, strings.Join(res.totalsDiffs, strSep), e.keys.NextPane.Help().Key, e.keys.Dismiss.Help().Key)
		isErr = true
	} else if res.totalsSeen {
		msg += strPasteTotalOK
	}
	e.setMsg(msg, isErr)
	e.loadForm()
	return e.committed(strf(sumPaste, g.t.Number))
}

// pasteNamed is how many cells left empty the message names.
const pasteNamed = 3

// Kinds of pasted cells.
const (
	pkBlank  = iota // nothing
	pkMark          // a dash or slash printed instead of a figure
	pkFigure        // a figure, or what means to be one ("-3", "1.5.2")
	pkText          // a label
)

// isMark reports whether s is printed instead of a figure: -, --, the
// dashes and slashes of a Chinese IME or a published table, 无. Such a
// cell is left empty, never read as 0 (as the importer reads it).
func isMark(s string) bool {
	if s == strNone {
		return true
	}
	if s == "" {
		return false
	}
	for _, r := range s {
		switch r {
		case '-', '\u2014', '\u2013', '\u2015', '\uFF0D', '/', '\uFF0F', '\\', '\u2500':
		default:
			return false
		}
	}
	return true
}

// pasteKind tells what a pasted cell is.
func pasteKind(s string) int {
	switch {
	case s == "":
		return pkBlank
	case isMark(s):
		return pkMark
	}
	if _, err := model.ParseInput(model.Wan, s); err == nil {
		return pkFigure
	}
	n := model.NormalizeInput(s)
	if n == "" {
		return pkBlank
	}
	c := n[0]
	// "-3" or "1.5.2" are bad figures, to be reported, not labels.
	if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) && !strings.ContainsFunc(n, func(r rune) bool { return r > 0x2E7F }) {
		return pkFigure
	}
	return pkText
}

// pasteRows splits a pasted block into rows of trimmed cells, without the
// label cells before the figures; labels[i] is the text of row i's label
// cells; room is how many columns the grid has from the cursor rightwards.
//
// A block copied from a spreadsheet is rectangular, and its label columns
// are as many on every row: they end after the last text before a figure on
// any row. Columns between them and the first figures that are blank on
// every row are either label cells merged with the label before them (the
// official layout of 三 spans 一、本年新收… over three label columns) or a
// column of empty cells: they are label cells when the block is too wide
// for the grid otherwise, empty cells when there is no label at all; in
// any other case the block cannot be read without a guess, and problem
// says so. In a block whose rows differ in length each row's labels are
// its cells before the first figure or mark.
//
// A row with no figure and no mark is a header or a parent label (三、
// 本年度办理结果) and is dropped, unless its label is one of t's data rows:
// then it is a row left blank, and dropping it would move every row below
// it up.
func pasteRows(t *model.Table, content string, room int) (rows [][]string, labels []string, problem string) {
	var all [][]string
	width, rect := -1, true
	for _, line := range strings.Split(strings.TrimRight(content, "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		cells := strings.Split(line, "\t")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if width >= 0 && len(cells) != width {
			rect = false
		}
		width = len(cells)
		all = append(all, cells)
	}
	// firstData is the index of a row's first figure or mark (-1: none).
	firstData := func(cells []string) int {
		for i, c := range cells {
			if k := pasteKind(c); k == pkFigure || k == pkMark {
				return i
			}
		}
		return -1
	}
	labelCols := 0
	if rect {
		textEnd, blankTo := 0, width // labels end; no figure before blankTo
		for _, cells := range all {
			fd := firstData(cells)
			if fd < 0 {
				continue
			}
			blankTo = min(blankTo, fd)
			for i, c := range cells[:fd] {
				if pasteKind(c) == pkText {
					textEnd = max(textEnd, i+1)
				}
			}
		}
		labelCols = textEnd
		if blankTo > textEnd && textEnd > 0 {
			switch {
			case width-textEnd > room && width-blankTo <= room:
				labelCols = blankTo // merged label cells
			case width-textEnd > room:
				// Too wide either way: fitRow says so.
			default:
				return nil, nil, strf(strPasteAmbiguous, blankTo-textEnd)
			}
		}
	}
	for _, cells := range all {
		lead := labelCols
		if !rect {
			lead = 0
			for lead < len(cells) {
				if k := pasteKind(cells[lead]); k != pkText && k != pkBlank {
					break
				}
				lead++
			}
		}
		lead = min(lead, len(cells))
		var lab []string
		for _, c := range cells[:lead] {
			if c != "" {
				lab = append(lab, c)
			}
		}
		data := cells[lead:]
		if firstData(data) < 0 {
			if len(lab) == 0 || !isDataLabel(t, lab[len(lab)-1]) {
				continue // a header, or a label spanning the rows below
			}
			if !rect {
				data = nil
			}
		}
		if !rect {
			// Cells after the last figure are padding.
			for len(data) > 0 && data[len(data)-1] == "" {
				data = data[:len(data)-1]
			}
		}
		rows = append(rows, data)
		labels = append(labels, strings.Join(lab, " "))
	}
	return rows, labels, ""
}

// isDataLabel reports whether lab is the label of one of t's data rows
// (spaces and the forms of quotes aside).
func isDataLabel(t *model.Table, lab string) bool {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch r {
			case ' ', '\u3000', '\u201C', '\u201D', '\u300C', '\u300D', '"':
				return -1
			}
			return r
		}, s)
	}
	lab = norm(lab)
	for _, b := range t.Blocks {
		for _, r := range b.Rows {
			if norm(r.Label) == lab {
				return true
			}
		}
	}
	return false
}

// fitRow cuts blank cells that run past the columns left from the cursor
// (a spreadsheet's empty column copied along); it reports false when a
// figure or a mark would not fit.
func fitRow(cells []string, room int) ([]string, bool) {
	if len(cells) <= room {
		return cells, true
	}
	for _, c := range cells[room:] {
		if c != "" {
			return cells, false
		}
	}
	return cells[:room], true
}

func planPaste(r *model.Report, g *gridState, content string) (*pasteResult, string) {
	t := g.t
	b := t.Blocks[g.b]
	rows, labels, problem := pasteRows(t, content, len(b.Cols)-g.col)
	if problem != "" {
		return nil, problem
	}
	if len(rows) == 0 {
		return nil, strPasteEmpty
	}
	// 四 copied in its official layout is one row of 15: three groups of 5.
	if t.OneRow && len(rows) == 1 && len(rows[0]) == 3*len(b.Cols) && g.row == 0 && g.col == 0 {
		n := len(b.Cols)
		rows = [][]string{rows[0][:n], rows[0][n : 2*n], rows[0][2*n:]}
		labels = []string{"", "", ""}
	}
	// Target rows: from the cursor down in this block.
	inputRowsLeft := func(from int) int {
		n := 0
		for i := from; i < len(b.Rows); i++ {
			if !b.Rows[i].Computed {
				n++
			}
		}
		return n
	}
	var cells []pasteCell
	cols := 0
	ri := g.row
	for pi, row := range rows {
		if ri >= len(b.Rows) {
			return nil, strf(strPasteTooTall, len(rows), len(b.Rows)-g.row)
		}
		if b.Rows[ri].Computed {
			// A pasted （七）总计 row, or the officer's block skips it.
			if !strings.Contains(labels[pi], pasteTotalLabel) && len(rows)-pi <= inputRowsLeft(ri) {
				ri++
				if ri >= len(b.Rows) {
					return nil, strf(strPasteTooTall, len(rows), len(b.Rows)-g.row)
				}
			}
		}
		row, ok := fitRow(row, len(b.Cols)-g.col)
		if !ok {
			return nil, strf(strPasteTooWide, len(row), len(b.Cols)-g.col)
		}
		cols = max(cols, len(row))
		for ci, text := range row {
			spec, _ := model.Cell(t.Addr(b.Rows[ri].Key, b.Cols[g.col+ci].Key))
			cells = append(cells, pasteCell{spec, text})
		}
		ri++
	}
	res, problem := placePaste(r, cells)
	if res != nil {
		res.rows, res.cols = len(rows), cols
	}
	return res, problem
}

// placePaste writes pasted cells on a copy of r: figures into input cells,
// blanks and marks leave an input cell empty (never 0), figures pasted on
// computed cells (总计) are compared with what they add up to, and a
// difference is kept as a note on the total. A text that is not a figure
// stops it all, naming the cell.
func placePaste(r *model.Report, cells []pasteCell) (*pasteResult, string) {
	out := r.Clone()
	res := &pasteResult{r: out}
	type total struct {
		spec *model.CellSpec
		v    model.Dec
	}
	var totals []total
	for _, pc := range cells {
		spec := pc.spec
		if k := pasteKind(pc.text); k == pkBlank || k == pkMark {
			if !spec.Computed {
				_ = out.Clear(spec.Addr)
				res.blanks = append(res.blanks, spec)
			}
			continue
		}
		v, err := model.ParseInput(spec.Unit, pc.text)
		if err != nil {
			return nil, strf(strPasteBad, cellPos(spec), pc.text, strings.TrimSuffix(err.Error(), strFullStop))
		}
		if spec.Computed {
			totals = append(totals, total{spec, v})
			continue
		}
		_ = out.Set(spec.Addr, v)
		res.n++
	}
	// Notes after every figure is set: setting a cell drops the notes on
	// the totals it feeds.
	for _, tt := range totals {
		res.totalsSeen = true
		v, stt := out.ValueOf(tt.spec)
		if stt == model.Filled && v == tt.v {
			continue
		}
		calc := v.String()
		if stt == model.Empty {
			calc = strPasteCalcEmpty
		} else if stt == model.Incomplete {
			calc += strPasteCalcPartial
		}
		res.totalsDiffs = append(res.totalsDiffs, strf(strPasteDiffOne, cellPos(tt.spec), tt.v, calc))
		out.AddNote(strf(strPasteTotalNote, cellPos(tt.spec), tt.v, calc), tt.spec.Addr)
	}
	return res, ""
}
