package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// The comparison view (F9): the table on screen with this year's figures
// beside last year's and the change, for an officer checking the report
// against the one before it (the cross-year warnings point here). A table
// of one block with several rows (三, 四) shows one column at a time, the
// cursor's (Left/Right change it); 二 (four blocks of different columns)
// and 六 (one row) list every cell. It only shows: F9 or Esc goes back to
// the table.

// cmpLine is one line of the view: a label over the rows below it, or a
// cell.
type cmpLine struct {
	label string
	level int
	spec  *model.CellSpec // nil on a label line
}

// cmpAllCells reports whether t's comparison lists every cell rather
// than a column.
func cmpAllCells(t *model.Table) bool {
	return len(t.Blocks) > 1 || len(t.Blocks[0].Rows) == 1
}

// compareLines are the view's lines for the cursor of g.
func compareLines(g *gridState) []cmpLine {
	t := g.t
	var out []cmpLine
	all := cmpAllCells(t)
	for _, l := range gridLineCache[t] {
		switch l.kind {
		case glBlockTitle, glParent:
			out = append(out, cmpLine{label: l.label, level: l.level})
		case glData:
			specs := gridCells[t][l.b][l.row]
			if !all {
				out = append(out, cmpLine{label: l.label, level: l.level, spec: specs[min(g.col, len(specs)-1)]})
				continue
			}
			if len(specs) == 1 {
				out = append(out, cmpLine{label: l.label + " / " + specs[0].ColSpec().Label, level: l.level, spec: specs[0]})
				continue
			}
			if len(t.Blocks[l.b].Rows) > 1 {
				out = append(out, cmpLine{label: l.label, level: l.level})
			}
			for _, c := range specs {
				lv := l.level
				if len(t.Blocks[l.b].Rows) > 1 {
					lv++
				}
				out = append(out, cmpLine{label: c.ColSpec().Label, level: lv, spec: c})
			}
		}
	}
	return out
}

// toggleCompare is F9: the comparison view of the table shown, or back.
func (e *editor) toggleCompare() tea.Cmd {
	if e.compare {
		e.compare = false
		return nil
	}
	switch {
	case e.prev == nil:
		e.setMsg(strCmpNoPrevReport, false)
		return nil
	case e.item().table() == nil:
		e.setMsg(strCmpNotTable, false)
		return nil
	}
	cmd := e.flush()
	e.compare = true
	e.focus = paneMain
	if e.form != nil {
		e.form.focus(false)
	}
	return cmd
}

// cmpGrid is the grid the comparison view follows.
func (e *editor) cmpGrid() *gridState { return e.grids[e.item().table()] }

// compareKey moves in the comparison view; it shows only.
func (e *editor) compareKey(k tea.KeyPressMsg) tea.Cmd {
	g := e.cmpGrid()
	all := cmpAllCells(g.t)
	step := func(dir int) {
		// Every cell, computed ones too, in reading order.
		var cells []*model.CellSpec
		for _, l := range compareLines(g) {
			if l.spec != nil {
				cells = append(cells, l.spec)
			}
		}
		for i, c := range cells {
			if c.Addr == g.addr() {
				g.setAddr(cells[min(max(i+dir, 0), len(cells)-1)].Addr)
				return
			}
		}
	}
	switch {
	case key.Matches(k, e.keys.Back), key.Matches(k, e.keys.Compare):
		e.compare = false
		if e.form != nil {
			e.form.focus(true)
		}
	case key.Matches(k, e.keys.Up), key.Matches(k, e.keys.Down):
		dir := 1
		if key.Matches(k, e.keys.Up) {
			dir = -1
		}
		if all {
			step(dir)
		} else {
			g.moveRow(dir)
		}
	case key.Matches(k, e.keys.Left), key.Matches(k, e.keys.Right):
		dir := 1
		if key.Matches(k, e.keys.Left) {
			dir = -1
		}
		if all {
			step(dir)
		} else {
			g.col = min(max(g.col+dir, 0), len(g.t.Blocks[g.b].Cols)-1)
		}
	case key.Matches(k, e.keys.PgUp), key.Matches(k, e.keys.Home):
		if all {
			step(-1000)
		} else {
			g.moveRow(-1000)
		}
	case key.Matches(k, e.keys.PgDn), key.Matches(k, e.keys.End):
		if all {
			step(1000)
		} else {
			g.moveRow(1000)
		}
	default:
		e.setMsg(strf(strCmpReadOnly, e.keys.Compare.Help().Key), false)
	}
	return nil
}

// Widths of the comparison view's figure columns.
const (
	cmpNumW = 10
	cmpPctW = 7
)

// renderCompare draws the comparison view into w×h.
func (e *editor) renderCompare(w, h int) []string {
	g := e.cmpGrid()
	c := g.spec()
	title := strf(strCmpTitle, g.t.Number, e.prev.Year)
	if !cmpAllCells(g.t) {
		title = strf(strCmpTitleCol, g.t.Number, onScreen(c.ColSpec().Label), e.prev.Year, e.dlgKeys.Choose.Help().Key)
	}
	lines := []string{}
	for _, l := range wrapWidth(title, w) {
		lines = append(lines, e.st.w.Bold.render(l))
	}
	lw := max(10, w-3*(cmpNumW+1)-(cmpPctW+1)-2)
	head := pad(strCmpItem, lw) + " " + padL(strCmpNow, cmpNumW) + " " + padL(strCmpPrev, cmpNumW) + " " +
		padL(strCmpDelta, cmpNumW) + " " + padL(strCmpPct, cmpPctW)
	lines = append(lines, e.st.w.Header.render(cut(head, w)))
	all := compareLines(g)
	cur := 0
	for i, l := range all {
		if l.spec != nil && l.spec.Addr == c.Addr || !cmpAllCells(g.t) && l.spec != nil && l.spec.Block == c.Block && l.spec.Row == c.Row {
			cur = i
		}
	}
	// Under the lines: the cross-year finding of the cell (whole, on up
	// to two lines), else how to go back.
	foot := []string{e.st.w.Dim.render(cut(e.hints(e.steps.CompareOff, e.steps.Select), w))}
	for _, f := range e.cellFindings(c.Addr) {
		if strings.HasPrefix(f.ID, rulePrevPrefix) {
			foot = foot[:0]
			ls := wrapWidth(strSymWarning+" "+onScreen(f.Message), w)
			if len(ls) > 2 {
				ls = ls[:2]
				ls[1] = cut(ls[1], w-1) + strSymIncomp
			}
			for _, l := range ls {
				foot = append(foot, e.st.w.Warning.render(l))
			}
			break
		}
	}
	// Scroll so the cursor's line shows, in the middle where it can.
	rows := max(1, h-len(lines)-len(foot))
	top := min(max(0, cur-rows/2), max(0, len(all)-rows))
	for i := top; i < len(all) && i < top+rows; i++ {
		l := all[i]
		ind := strings.Repeat(" ", 2*l.level)
		if l.spec == nil {
			lines = append(lines, e.st.w.Label.render(cut(ind+onScreen(l.label), w)))
			continue
		}
		now, nst := e.r.ValueOf(l.spec)
		before, bst := e.prev.ValueOf(l.spec)
		nowS, beforeS, delta, pct := strCmpEmpty, strCmpEmpty, "", ""
		if nst == model.Filled {
			nowS = now.String()
		}
		if bst == model.Filled {
			beforeS = before.String()
		}
		if nst == model.Filled && bst == model.Filled {
			switch d := now - before; {
			case d > 0:
				delta = "+" + d.String()
			case d < 0:
				delta = d.String()
			default:
				delta = "0"
			}
			if before != 0 {
				pct = percentChange(before, now)
			}
		}
		mark := " "
		for _, f := range e.cellFindings(l.spec.Addr) {
			if strings.HasPrefix(f.ID, rulePrevPrefix) {
				mark = strSymWarning
			}
		}
		line := pad(ind+onScreen(l.label), lw) + " " + padL(nowS, cmpNumW) + " " + padL(beforeS, cmpNumW) + " " +
			padL(delta, cmpNumW) + " " + padL(pct, cmpPctW) + mark
		line = pad(line, w)
		switch {
		case i == cur:
			line = e.st.w.Cursor.render(line)
		case mark != " ":
			line = e.st.w.Warning.render(line)
		}
		lines = append(lines, line)
	}
	for len(lines) < h-len(foot) {
		lines = append(lines, "")
	}
	return append(lines[:max(0, min(len(lines), h-len(foot)))], foot...)
}

// rulePrevPrefix starts the ids of the cross-year rules (prev.carried,
// prev.jump, prev.in_force, prev.copied).
const rulePrevPrefix = "prev."
