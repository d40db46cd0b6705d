package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// findItem is one line of the findings panel: a finding, or for the
// `missing` rule one summary line per table (empty cells are progress while
// the report is being filled, not a list of 169 errors).
type findItem struct {
	text string
	sev  byte // '!' error, '?' warning, ' ' missing
	cell model.CellAddr
	part string
	// note: the finding lists a note an import or a paste left; the
	// officer may dismiss it (f is what DismissNote needs).
	note bool
	f    model.Finding
}

// missingText is 「未填 169 格、2 段文字」, or "" when nothing is empty
// (model.Tally counts them; the status line, the findings panel and the
// export dialog all say it this way).
func missingText(n model.Counts) string {
	switch {
	case n.MissingCells > 0 && n.MissingTexts > 0:
		return strf(strMissingBoth, n.MissingCells, n.MissingTexts)
	case n.MissingCells > 0:
		return strf(strMissingCells, n.MissingCells)
	case n.MissingTexts > 0:
		return strf(strMissingTexts, n.MissingTexts)
	}
	return ""
}

type findingsPanel struct {
	items []findItem
	listPos
}

func (p *findingsPanel) build(e *editor) {
	p.items = p.items[:0]
	missingBy := map[*model.Table]model.CellAddr{}
	for _, f := range e.finds {
		if f.IsMissing() {
			if len(f.Cells) > 0 {
				if c, ok := model.Cell(f.Cells[0]); ok {
					if _, seen := missingBy[c.Table]; !seen {
						missingBy[c.Table] = c.Addr
					}
				}
				continue
			}
			continue
		}
		it := findItem{text: f.Message, sev: '?', part: f.Part, note: f.ID == model.NoteRuleID, f: f}
		if f.Severity == model.SevError {
			it.sev = '!'
		}
		if len(f.Cells) > 0 {
			it.cell = f.Cells[0]
		}
		p.items = append(p.items, it)
	}
	for _, t := range model.Tables {
		first, ok := missingBy[t]
		if !ok {
			continue
		}
		filled, total := e.r.FilledCount(t)
		// 六's fee figures are three numbers in a sentence, not a table.
		text := strf(strMissingLine, t.Number, total-filled, filled, total)
		if t == model.S6 {
			text = strf(strMissingFees, total-filled, filled, total)
		}
		p.items = append(p.items, findItem{text: text, sev: ' ', cell: first})
	}
	for _, f := range e.finds {
		if f.IsMissing() && len(f.Cells) == 0 {
			p.items = append(p.items, findItem{text: f.Message, sev: ' ', part: f.Part})
		}
	}
	p.sel = min(max(p.sel, 0), max(0, len(p.items)-1))
}

func (p *findingsPanel) key(e *editor, k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, e.keys.Up):
		p.move(-1, len(p.items))
	case key.Matches(k, e.keys.Down):
		p.move(1, len(p.items))
	case key.Matches(k, e.keys.Home):
		p.move(-len(p.items), len(p.items))
	case key.Matches(k, e.keys.End):
		p.move(len(p.items), len(p.items))
	case key.Matches(k, e.keys.Commit):
		if p.sel < len(p.items) {
			it := p.items[p.sel]
			return e.jumpTo(it.cell, it.part)
		}
	case key.Matches(k, e.keys.Dismiss):
		if p.sel < len(p.items) && p.items[p.sel].note {
			return e.dismissNote(p.items[p.sel].f)
		}
		e.setMsg(strNotANote, false)
	}
	return nil
}

// dismissNote drops the note a finding lists, as one undoable change.
func (e *editor) dismissNote(f model.Finding) tea.Cmd {
	if e.refused() {
		return nil
	}
	before := e.r.Clone()
	if !e.r.DismissNote(f) {
		return nil
	}
	e.change(before, strNoteDismissedSum)
	e.setMsg(strNoteDismissed, false)
	return e.committed(strNoteDismissedSum)
}

// selNote reports whether the finding selected in the pane is a note.
func (p *findingsPanel) selNote() bool { return p.sel < len(p.items) && p.items[p.sel].note }

// stepFinding is F8 / Shift+F8: the next or previous finding, from anywhere.
func (e *editor) stepFinding(dir int) tea.Cmd {
	n := len(e.fp.items)
	if n == 0 {
		e.setMsg(strNoMoreFinding, false)
		return nil
	}
	if e.findAt < 0 || e.findAt >= n {
		if dir > 0 {
			e.findAt = -1
		} else {
			e.findAt = n
		}
	}
	e.findAt = (e.findAt + dir + n) % n
	it := e.fp.items[e.findAt]
	e.fp.sel = e.findAt
	cmd := e.jumpTo(it.cell, it.part)
	e.setMsg(strf(strFindingJump, e.findAt+1, n, onScreen(it.text)), it.sev == '!')
	return cmd
}

// render draws the panel: a title line and the items, scrolled to the
// selection.
// findKey is what the findings panel's frame depends on.
type findKey struct {
	gen, sel, top, w, h, errs, warns int
	focused                          bool
	sgen                             int
}

func (p *findingsPanel) render(e *editor, w, h int) []string {
	k := findKey{e.gen, p.sel, p.top, w, h, e.errs, e.warns, e.focus == paneFinds, e.styleGen}
	if k == e.findK && e.findLines != nil {
		e.lay.findTop = p.top
		return e.findLines
	}
	lines := p.draw(e, w, h)
	k.top = p.top // draw scrolls to the selection
	e.findK, e.findLines = k, lines
	return lines
}

// itemLines are the lines item i takes in the pane: one, cut to w, or
// (the selected item of the focused pane) as many as its text needs.
func (p *findingsPanel) itemLines(e *editor, i, w int) []string {
	it := p.items[i]
	text := string(it.sev) + " " + onScreen(it.text)
	if i == p.sel && e.focus == paneFinds {
		ls := wrapWidth(text, w-2)
		for j := range ls {
			if j > 0 {
				ls[j] = "  " + ls[j]
			}
		}
		return ls
	}
	return []string{text}
}

// height is how many lines the pane needs for at most rows items, the
// selected one wrapped when the pane has focus.
func (p *findingsPanel) height(e *editor, w, rows int) int {
	n := min(max(1, len(p.items)), rows)
	if e.focus == paneFinds && p.sel < len(p.items) {
		n += len(p.itemLines(e, p.sel, w)) - 1
	}
	return 1 + n
}

func (p *findingsPanel) draw(e *editor, w, h int) []string {
	focused := e.focus == paneFinds
	title := strPaneFinds + "  " + strf(strErrCount, e.errs) + " " + strf(strWarnCount, e.warns)
	if m := missingText(e.counts); m != "" {
		title += "  " + m
	}
	ts := e.st.PaneOff
	if focused {
		ts = e.st.PaneTitle
	}
	lines := []string{ts.Render(pad(title, w))}
	rows := h - 1
	if len(p.items) == 0 {
		return append(lines, e.st.w.OK.render(strNoFindings))
	}
	p.follow(rows)
	p.top = max(0, min(p.top, len(p.items)-rows))
	// The selected item may take several lines: scroll until it shows
	// whole.
	for p.top < p.sel {
		n := 0
		for i := p.top; i <= p.sel; i++ {
			n += len(p.itemLines(e, i, w))
		}
		if n <= rows {
			break
		}
		p.top++
	}
	e.lay.findTop = p.top
	e.lay.findItems = e.lay.findItems[:0]
	cur, errW, warnW, dim := e.st.w.Cursor, e.st.w.Error, e.st.w.Warning, e.st.w.Dim
	for i := p.top; i < len(p.items) && len(lines) <= rows; i++ {
		it := p.items[i]
		for _, line := range p.itemLines(e, i, w) {
			if len(lines) > rows {
				break
			}
			line = pad(line, w)
			switch {
			case i == p.sel && focused:
				line = cur.render(line)
			case it.sev == '!':
				line = errW.render(line)
			case it.sev == '?':
				line = warnW.render(line)
			default:
				line = dim.render(line)
			}
			lines = append(lines, line)
			e.lay.findItems = append(e.lay.findItems, i)
		}
	}
	return lines
}
