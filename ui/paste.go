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

// applyPaste writes a planned paste as one undo step and says what it did,
// including how pasted totals compare with the computed ones.
func (e *editor) applyPaste(g *gridState, res *pasteResult) tea.Cmd {
	e.change(e.r, strf(strPasteSummary, g.t.Number))
	e.r = res.r
	msg := strf(strPasteDone, res.n, res.rows, res.cols)
	isErr := false
	if len(res.totalsDiffs) > 0 {
		msg += strSep + strf(strPasteTotalDiff, strings.Join(res.totalsDiffs, strSep))
		isErr = true
	} else if res.totalsSeen {
		msg += strPasteTotalOK
	}
	e.setMsg(msg, isErr)
	e.loadForm()
	return e.committed(strf(sumPaste, g.t.Number))
}

// pasteRows splits a pasted block into rows of trimmed cells, dropping
// blank lines, leading label cells and rows that are labels only (headers).
// labels[i] is the text of the label cells skipped on row i.
func pasteRows(content string) (rows [][]string, labels []string) {
	for _, line := range strings.Split(strings.TrimRight(content, "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		cells := strings.Split(line, "\t")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		lead := 0
		var lab []string
		for lead < len(cells) && isLabelCell(cells[lead]) {
			lab = append(lab, cells[lead])
			lead++
		}
		cells = cells[lead:]
		// Trailing empty cells are Excel's padding.
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) == 0 {
			continue
		}
		rows = append(rows, cells)
		labels = append(labels, strings.Join(lab, " "))
	}
	return rows, labels
}

// isLabelCell: a cell that is text, not a figure (the row's labels as
// copied with the table). Empty leading cells (merged label cells) count.
func isLabelCell(s string) bool {
	if s == "" {
		return true
	}
	if _, err := model.ParseInput(model.Wan, s); err == nil {
		return false
	}
	n := model.NormalizeInput(s)
	if n == "" {
		return true
	}
	c := n[0]
	// "-3" or "1.5.2" are bad figures, to be reported, not labels.
	return !(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) || strings.ContainsFunc(n, func(r rune) bool { return r > 0x2E7F })
}

func planPaste(r *model.Report, g *gridState, content string) (*pasteResult, string) {
	rows, labels := pasteRows(content)
	if len(rows) == 0 {
		return nil, strPasteEmpty
	}
	t := g.t
	b := t.Blocks[g.b]
	// 四 copied in its official layout is one row of 15: three groups of 5.
	if t.OneRow && len(rows) == 1 && len(rows[0]) == 3*len(b.Cols) && g.row == 0 && g.col == 0 {
		n := len(b.Cols)
		rows = [][]string{rows[0][:n], rows[0][n : 2*n], rows[0][2*n:]}
		labels = []string{"", "", ""}
	}
	out := r.Clone()
	res := &pasteResult{r: out, rows: len(rows)}
	type total struct {
		addr model.CellAddr
		v    model.Dec
	}
	var totals []total
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
	ri := g.row
	for pi, cells := range rows {
		if ri >= len(b.Rows) {
			return nil, strf(strPasteTooTall, len(rows), len(b.Rows)-g.row)
		}
		row := b.Rows[ri]
		isTotalRow := false
		if row.Computed {
			// A pasted （七）总计 row, or the officer's block skips it.
			if strings.Contains(labels[pi], pasteTotalLabel) || len(rows)-pi > inputRowsLeft(ri) {
				isTotalRow = true
			} else {
				ri++
				if ri >= len(b.Rows) {
					return nil, strf(strPasteTooTall, len(rows), len(b.Rows)-g.row)
				}
				row = b.Rows[ri]
			}
		}
		if len(cells) > len(b.Cols)-g.col {
			return nil, strf(strPasteTooWide, len(cells), len(b.Cols)-g.col)
		}
		res.cols = max(res.cols, len(cells))
		for ci, text := range cells {
			col := b.Cols[g.col+ci]
			addr := t.Addr(row.Key, col.Key)
			spec, _ := model.Cell(addr)
			if text == "" {
				continue
			}
			v, err := model.ParseInput(spec.Unit, text)
			if err != nil {
				return nil, strf(strPasteBad, pi+1, ci+1, text, err.Error())
			}
			if isTotalRow || col.Computed {
				totals = append(totals, total{addr, v})
				continue
			}
			_ = out.Set(addr, v)
			res.n++
		}
		ri++
	}
	for _, tt := range totals {
		res.totalsSeen = true
		v, stt := out.Value(tt.addr)
		if stt != model.Filled || v != tt.v {
			spec, _ := model.Cell(tt.addr)
			calc := v.String()
			if stt == model.Empty {
				calc = strPasteCalcEmpty
			} else if stt == model.Incomplete {
				calc += strPasteCalcPartial
			}
			res.totalsDiffs = append(res.totalsDiffs, strf(strPasteDiffOne, spec.ShortLabel(), tt.v, calc))
		}
	}
	return res, ""
}
