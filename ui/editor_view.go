package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

const sideW = 22 // width of the section list

// Below this width the section list is hidden while it has no focus, so
// that the grids keep their columns: F6 (or Shift+F6) shows it.
const narrowW = 100

// findRows is how many findings the panel lists at once: the panel is only
// as tall as its findings, up to this, so that the grid gets the rest.
func findRows(h int) int {
	if h >= 34 {
		return 4
	}
	return 2
}

func (e *editor) view(w, h int) string {
	sw := sideW
	if w < narrowW && e.focus != paneList {
		sw = 0
	}
	e.lay = layout{sideW: sw}
	rows := findRows(h)
	if e.focus == paneFinds {
		// Focused, the panel grows to half the screen to browse.
		rows = max(rows, h/2-1)
	}
	findH := e.fp.height(e, w, rows)
	bodyH := h - 1 - findH
	it := e.item()
	head := e.heading(it)
	if sw == 0 {
		// The list is hidden: the title line says where this section
		// stands and how to reach the others.
		mark, prog := e.sectionState(it)
		for _, p := range []string{mark, prog, strf(strListHidden, e.keys.NextPane.Help().Key)} {
			if p != "" {
				head += "  " + p
			}
		}
	}
	title := e.st.w.Title.render(cut(e.r.Title(), max(10, w-dw(head)-2))) + "  " + e.st.w.Dim.render(head)
	lines := []string{cut(title, w)}

	var side []string
	mainX := 0
	if sw > 0 {
		side = e.renderList(sw, bodyH)
		mainX = sw + 1
	}
	mainW := w - mainX
	e.lay.mainX, e.lay.mainY, e.lay.mainW, e.lay.mainH = mainX, 1, mainW, bodyH
	main := e.renderMain(mainW, bodyH)
	blank := strings.Repeat(" ", sw)
	for i := 0; i < bodyH; i++ {
		m := ""
		if i < len(main) {
			m = main[i]
		}
		if sw == 0 {
			lines = append(lines, m)
			continue
		}
		l := blank
		if i < len(side) {
			l = side[i]
		}
		// Both parts are drawn to their widths already: measuring the
		// lines again would double the cost of a frame.
		lines = append(lines, l+"|"+m)
	}
	e.lay.findY, e.lay.findH = 1+bodyH, findH
	lines = append(lines, e.fp.render(e, w, findH)...)
	return strings.Join(lines, "\n")
}

// sectionState is the section's mark in the list: ✓ when complete and
// clean, else its error and warning counts, and 已填 x/y for tables.
func (e *editor) sectionState(it navItem) (mark, progress string) {
	errs, warns := 0, 0
	t := it.table()
	for _, f := range e.finds {
		if f.IsMissing() {
			continue
		}
		hit := false
		if t != nil {
			for _, c := range f.Cells {
				if cs, ok := model.Cell(c); ok && cs.Table == t {
					hit = true
				}
			}
		}
		if p, ok := partItem(f.Part); ok && f.Part != "" && p == it {
			hit = true
		}
		if !hit {
			continue
		}
		if f.Severity == model.SevError {
			errs++
		} else {
			warns++
		}
	}
	complete := true
	if t != nil {
		fl, tot := e.r.FilledCount(t)
		progress = strf(strFilledAll, fl, tot)
		complete = fl == tot
	}
	// Texts are complete when the model's missing rule has nothing to say
	// about them (一's opening paragraph may stay empty when its sub-parts
	// are written; 六's text when its fee figures are filled).
	switch it.kind {
	case secS1:
		complete = !e.textMissing("s1")
	case secPart:
		// No rule asks for each sub-part: one without a body is shown
		// as not done yet, which is all this mark claims.
		complete = strings.TrimSpace(e.r.S1.Parts[it.part].Body) != ""
	case secS5:
		complete = !e.textMissing("s5")
	case secS6:
		complete = complete && !e.textMissing("s6")
	case secCover:
		complete = e.r.Agency != "" && e.r.Year > 0
	}
	switch {
	case errs > 0 && warns > 0:
		mark = strSymError + itoa(errs) + " " + strSymWarning + itoa(warns)
	case errs > 0:
		mark = strSymError + itoa(errs)
	case warns > 0:
		mark = strSymWarning + itoa(warns)
	case complete:
		mark = strSecDone
	}
	return mark, progress
}

// textMissing reports whether the missing rule found text part empty.
func (e *editor) textMissing(part string) bool {
	for _, f := range e.finds {
		if f.IsMissing() && len(f.Cells) == 0 && f.Part == part {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strf("%d", n) }

// listKey is what the section list's frame depends on.
type listKey struct {
	gen, textSeq, sel, n, w, h int
	focused                    bool
	sgen                       int // the style set's generation
}

func (e *editor) renderList(w, h int) []string {
	k := listKey{e.gen, e.textSeq, e.sel, len(e.items), w, h, e.focus == paneList, e.styleGen}
	if k == e.listK && e.listLines != nil {
		e.lay.listY = e.listY
		return e.listLines
	}
	lines := e.drawList(w, h)
	e.listK, e.listLines, e.listY = k, lines, e.lay.listY
	return lines
}

func (e *editor) drawList(w, h int) []string {
	focused := e.focus == paneList
	var lines []string
	e.lay.listY = make([]int, len(e.items))
	for i, it := range e.items {
		e.lay.listY[i] = -1
		name := e.sectionName(it)
		ind := ""
		if it.kind == secPart {
			ind = "  "
		}
		mark, prog := e.sectionState(it)
		markW := dw(mark)
		lead := " "
		if i == e.sel {
			lead = strSymCursor
		}
		label := lead + pad(ind+name, w-markW-2) + " " + mark
		switch {
		case i == e.sel && focused:
			label = e.st.w.Cursor.render(label)
		case i == e.sel:
			label = e.st.w.PaneOff.render(label)
		case strings.HasPrefix(mark, strSymError):
			label = e.st.w.Error.render(label)
		}
		e.lay.listY[i] = len(lines)
		lines = append(lines, label)
		if prog != "" {
			lines = append(lines, e.st.w.Dim.render(pad("   "+prog, w)))
		}
	}
	// Scroll so that the selection is visible.
	top := 0
	if y := e.lay.listY[e.sel]; y >= h {
		top = y - h + 2
	}
	for i := range e.lay.listY {
		e.lay.listY[i] -= top
	}
	if top > 0 {
		lines = lines[top:]
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return lines
}

// renderMain draws the active section and records the real cursor.
func (e *editor) renderMain(w, h int) []string {
	e.lay.cursor = nil
	it := e.item()
	var lines []string
	var cx, cy int
	if e.compare && it.table() != nil {
		lines = e.renderCompare(w, h)
		cx, cy = -1, -1
	} else if e.form != nil {
		if it.kind == secS6 && e.form.cur().kind == fGrid {
			// The fee figure's label, guide and findings go below the
			// form: the text above gives them its room.
			det := e.detail(e.grids[model.S6], w, h)
			lines, cx, cy = e.renderForm(w, h-1-len(det))
			for len(lines) < h-1-len(det) {
				lines = append(lines, "")
			}
			lines = append(append(lines[:h-1-len(det)], ""), det...)
		} else {
			lines, cx, cy = e.renderForm(w, h)
		}
		for i := range e.lay.hits {
			e.lay.hits[i].y += e.lay.mainY
			e.lay.hits[i].x0 += e.lay.mainX
			e.lay.hits[i].x1 += e.lay.mainX
		}
	} else {
		// The section's heading is on the title line: the grid starts
		// at the top of the pane and gets every line the detail leaves.
		g := e.grids[it.table()]
		det := e.detail(g, w, h)
		gl, hits, gx, gy := g.render(gridView{st: e.st, sgen: e.styleGen, gen: e.gen, r: e.r, marks: e.markOf, focused: e.focus == paneMain, edit: e.editFor(g.t)}, w, h-len(det))
		lines = gl
		for len(lines) < h-len(det) {
			lines = append(lines, "")
		}
		lines = append(lines, det...)
		for _, ht := range hits {
			ht.y += e.lay.mainY
			ht.x0 += e.lay.mainX
			ht.x1 += e.lay.mainX
			e.lay.hits = append(e.lay.hits, ht)
		}
		cx, cy = gx, gy
	}
	if cx >= 0 && cy >= 0 && cy < h {
		e.lay.cursor = tea.NewCursor(e.lay.mainX+cx, e.lay.mainY+cy)
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return lines
}

// click focuses what the mouse clicks: a section, a cell, a finding.
func (e *editor) click(m tea.Mouse) tea.Cmd {
	if m.Button != tea.MouseLeft {
		return nil
	}
	switch {
	case m.Y >= e.lay.findY && m.Y < e.lay.findY+e.lay.findH:
		cmd := e.setFocus(paneFinds)
		if y := m.Y - e.lay.findY - 1; y >= 0 && y < len(e.lay.findItems) {
			e.fp.sel = e.lay.findItems[y]
		}
		return cmd
	case m.X < e.lay.sideW && m.Y >= 1:
		cmd := e.setFocus(paneList)
		y := m.Y - 1
		for i, ly := range e.lay.listY {
			if ly == y || (ly >= 0 && ly+1 == y && e.items[i].table() != nil) {
				return tea.Batch(cmd, e.selectItem(i))
			}
		}
		return cmd
	case m.X >= e.lay.mainX:
		var commit tea.Cmd
		if e.edit != nil {
			c, ok := e.commitEdit()
			if !ok {
				return nil
			}
			commit = c
		}
		cmd := tea.Batch(commit, e.setFocus(paneMain))
		for _, h := range e.lay.hits {
			if h.y == m.Y && m.X >= h.x0 && m.X < h.x1 {
				e.gridOf(h.addr).setAddr(h.addr)
				if e.form != nil && e.item().kind == secS6 {
					e.form.idx = 0
					e.form.focus(true)
				}
			}
		}
		return cmd
	}
	return nil
}

// wheel scrolls what is under the pointer. Over the section list it
// changes section, which commits text still being typed: the save command
// is returned like any other.
func (e *editor) wheel(m tea.Mouse) tea.Cmd {
	d := 0
	switch m.Button {
	case tea.MouseWheelUp:
		d = -1
	case tea.MouseWheelDown:
		d = 1
	default:
		return nil
	}
	switch {
	case m.Y >= e.lay.findY:
		e.fp.move(d, len(e.fp.items))
	case m.X < e.lay.sideW:
		return e.selectItem(e.sel + d)
	default:
		if g := e.grid(); g != nil && e.edit == nil {
			g.moveRow(3 * d)
		} else if e.form != nil && e.form.cur().isText() {
			fl := e.form.cur()
			for i := 0; i < 3; i++ {
				if d < 0 {
					fl.ta.CursorUp()
				} else {
					fl.ta.CursorDown()
				}
			}
		}
	}
	return nil
}
