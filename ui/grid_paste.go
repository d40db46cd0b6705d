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
	rows, _ := pasteRows(content)
	if len(rows) != 1 {
		return nil, false
	}
	var focus tea.Cmd
	if e.focus != paneMain {
		focus = e.setFocus(paneMain)
	}
	res, problem := planOneRow(e.r, g, rows[0])
	if problem != "" {
		e.setMsg(problem, true)
		return focus, true
	}
	return tea.Batch(focus, e.applyPaste(g, res)), true
}

// planOneRow works a one-row paste out on a copy of the report: each value
// parsed, pasted 总计 compared with the computed ones, nothing written when
// anything does not fit or parse.
func planOneRow(r *model.Report, g *gridState, cells []string) (*pasteResult, string) {
	printed := printedCells(g.t)
	from := g.linear()
	if len(cells) > len(printed)-from {
		return nil, strf(strPasteTooWide, len(cells), len(printed)-from)
	}
	out := r.Clone()
	res := &pasteResult{r: out, rows: 1, cols: len(cells)}
	var totals []*model.CellSpec
	var totalVals []model.Dec
	for i, text := range cells {
		if text == "" {
			continue
		}
		spec := printed[from+i]
		v, err := model.ParseInput(spec.Unit, text)
		if err != nil {
			return nil, strf(strPasteBad, 1, i+1, text, err.Error())
		}
		if spec.Computed {
			totals, totalVals = append(totals, spec), append(totalVals, v)
			continue
		}
		_ = out.Set(spec.Addr, v)
		res.n++
	}
	for i, spec := range totals {
		res.totalsSeen = true
		v, stt := out.ValueOf(spec)
		if stt == model.Filled && v == totalVals[i] {
			continue
		}
		calc := v.String()
		if stt == model.Empty {
			calc = strPasteCalcEmpty
		} else if stt == model.Incomplete {
			calc += strPasteCalcPartial
		}
		res.totalsDiffs = append(res.totalsDiffs, strf(strPasteDiffOne, spec.ShortLabel(), totalVals[i], calc))
	}
	return res, ""
}
