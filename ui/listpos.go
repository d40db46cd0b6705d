package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// listPos is the selected row of a scrolling list and the first row shown,
// shared by the lists of the start screen, the dialogs and the findings
// pane so that they move and scroll alike.
type listPos struct {
	sel, top int
}

// move moves the selection by delta rows, kept inside a list of n rows
// (at 0 when it is empty).
func (p *listPos) move(delta, n int) {
	p.sel = max(0, min(p.sel+delta, n-1))
}

// moveKey moves the selection for Up/Down, PgUp/PgDn (ten rows) and
// Home/End, and says whether k was one of them.
func (p *listPos) moveKey(keys *keyMap, k tea.KeyPressMsg, n int) bool {
	switch {
	case key.Matches(k, keys.Up):
		p.move(-1, n)
	case key.Matches(k, keys.Down):
		p.move(1, n)
	case key.Matches(k, keys.PgUp):
		p.move(-10, n)
	case key.Matches(k, keys.PgDn):
		p.move(10, n)
	case key.Matches(k, keys.Home):
		p.move(-n, n)
	case key.Matches(k, keys.End):
		p.move(n, n)
	default:
		return false
	}
	return true
}

// wheel moves the selection one row for the mouse wheel, and says whether
// m turned it up or down.
func (p *listPos) wheel(m tea.MouseWheelMsg, n int) bool {
	switch m.Button {
	case tea.MouseWheelUp:
		p.move(-1, n)
	case tea.MouseWheelDown:
		p.move(1, n)
	default:
		return false
	}
	return true
}

// follow scrolls the least that keeps the selection among rows rows shown.
func (p *listPos) follow(rows int) {
	if p.sel < p.top {
		p.top = p.sel
	}
	if p.sel >= p.top+rows {
		p.top = p.sel - rows + 1
	}
}
