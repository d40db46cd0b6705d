package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// Paste onto 四 drawn as one row: a pasted single row fills the printed
// cells from the cursor rightwards, across the groups (行政复议 →
// 未经复议直接起诉 → 复议后起诉), as it would in the official table. Blocks of
// several rows (three rows of five) go to the ordinary block paste, which
// fills the model's rows from the cursor's cell.

// pasteOneRow handles content pasted onto a grid drawn as one row; ok is
// false when the ordinary paste should handle it.
func (e *editor) pasteOneRow(content string) (tea.Cmd, bool) {
	if e.edit != nil || e.form != nil {
		return nil, false
	}
	g := e.grid()
	if g == nil || !g.one {
		return nil, false
	}
	content = strings.ReplaceAll(content, "\r\n", "\n")
	content = strings.ReplaceAll(content, "\r", "\n")
	rows, _, problem := pasteRows(g.t, content, len(printedCells(g.t))-g.linear())
	if problem == "" && len(rows) != 1 {
		return nil, false
	}
	var focus tea.Cmd
	if e.focus != paneMain {
		focus = e.setFocus(paneMain)
	}
	var res *pasteResult
	if problem == "" {
		res, problem = planOneRow(e.r, g, rows[0])
	}
	if problem != "" {
		e.setMsg(problem, true)
		return focus, true
	}
	return tea.Batch(focus, e.applyPaste(g, res)), true
}

// planOneRow works a one-row paste out on a copy of the report: the cells
// along the printed row from the cursor, placed as every paste is.
func planOneRow(r *model.Report, g *gridState, row []string) (*pasteResult, string) {
	printed := printedCells(g.t)
	from := g.linear()
	row, ok := fitRow(row, len(printed)-from)
	if !ok {
		return nil, strf(strPasteTooWide, len(row), len(printed)-from)
	}
	cells := make([]pasteCell, len(row))
	for i, text := range row {
		cells[i] = pasteCell{printed[from+i], text}
	}
	res, problem := placePaste(r, cells)
	if res != nil {
		res.rows, res.cols = 1, len(row)
	}
	return res, problem
}
