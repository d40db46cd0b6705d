package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpGroup is one titled group of the help screen.
type helpGroup struct {
	title    string
	bindings []key.Binding
}

// helpGroups lists every binding of the key maps, grouped: the help screen
// shows exactly the keys the program reacts to.
func helpGroups(km keyMap) []helpGroup {
	return []helpGroup{
		{txtHelpGeneral, []key.Binding{km.Help, km.HelpQ, km.Quit, km.Back, km.NextPane, km.PrevPane}},
		{txtHelpMove, []key.Binding{km.Up, km.Down, km.Left, km.Right, km.NextCell, km.PrevCell, km.Home, km.End, km.PgUp, km.PgDn}},
		{txtHelpCells, []key.Binding{km.Edit, km.Commit, km.Clear, km.FillZero, km.Undo, km.Redo,
			km.CaretLeft, km.CaretRight, km.CaretHome, km.CaretEnd, km.DelBefore, km.DelAfter}},
		{txtHelpEditor, []key.Binding{km.FindNext, km.FindPrev, km.Save, km.Export, km.History,
			km.PartAdd, km.PartDel, km.PartUp, km.PartDown}},
		{txtHelpStart, []key.Binding{dlgKeys.Open, dlgKeys.New, dlgKeys.Import, dlgKeys.Roll, dlgKeys.History,
			dlgKeys.Delete, dlgKeys.Trash}},
		{txtHelpDialogs, []key.Binding{dlgKeys.Confirm, dlgKeys.Cancel, dlgKeys.Next, dlgKeys.Prev, dlgKeys.Choose,
			dlgKeys.Complete, dlgKeys.Restore, dlgKeys.Undelete}},
		{txtHelpLine, []key.Binding{lineKeys.Left, lineKeys.Right, lineKeys.Home, lineKeys.End, lineKeys.Backspace,
			lineKeys.Delete, lineKeys.KillBefore, lineKeys.KillAfter}},
	}
}

// helpKeyW is the width of the key column.
const helpKeyW = 12

// groupLines renders one group: its title and one line per enabled binding.
func (g helpGroup) lines() []string {
	out := []string{st.Title.Render(g.title)}
	for _, b := range g.bindings {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		out = append(out, "  "+st.HelpKey.Render(pad(h.Key, helpKeyW))+" "+h.Desc)
	}
	return append(out, "")
}

// splitColumns puts the groups' lines into n columns, the groups in order
// and whole, so that the tallest column is as short as it can be.
func splitColumns(gls [][]string, n int) [][]string {
	height := func(from, to int) int {
		h := 0
		for _, g := range gls[from:to] {
			h += len(g)
		}
		return h
	}
	// cuts[k] is where column k+1 starts; try every way (few groups).
	best, bestH := []int(nil), 1<<30
	var try func(cuts []int, from int)
	try = func(cuts []int, from int) {
		if len(cuts) == n-1 {
			h, prev := 0, 0
			for _, c := range append(append([]int(nil), cuts...), len(gls)) {
				h = max(h, height(prev, c))
				prev = c
			}
			if h < bestH {
				best, bestH = append([]int(nil), cuts...), h
			}
			return
		}
		for c := from; c < len(gls); c++ {
			try(append(cuts, c), c+1)
		}
	}
	try(nil, 1)
	cols := make([][]string, 0, n)
	prev := 0
	for _, c := range append(best, len(gls)) {
		var col []string
		for _, g := range gls[prev:c] {
			col = append(col, g...)
		}
		cols = append(cols, col)
		prev = c
	}
	return cols
}

// helpDialog is the help screen, built from the key map. It scrolls when
// the window is too low; Esc, Enter or F1 close it.
type helpDialog struct {
	groups []helpGroup
	scroll int
	maxTop int // last scroll position that still shows something new
	b      box
}

func newHelpDialog(km keyMap) screen { return &helpDialog{groups: helpGroups(km)} }

func (d *helpDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(k, dlgKeys.Cancel, dlgKeys.Confirm, keys.Help):
		return d, send(popDialogMsg{})
	case key.Matches(k, keys.Up):
		d.scroll--
	case key.Matches(k, keys.Down):
		d.scroll++
	case key.Matches(k, keys.PgUp):
		d.scroll -= 10
	case key.Matches(k, keys.PgDn):
		d.scroll += 10
	case key.Matches(k, keys.Home):
		d.scroll = 0
	case key.Matches(k, keys.End):
		d.scroll = d.maxTop
	}
	d.scroll = max(0, min(d.scroll, d.maxTop))
	return d, nil
}

func (d *helpDialog) view(w, h int) string {
	colW := 2 + helpKeyW + 1 + 14 + 4 // key, description, gap
	gls := make([][]string, len(d.groups))
	for i, g := range d.groups {
		gls[i] = g.lines()
	}
	// As many columns as fit (at most three), the groups in reading order,
	// split where the tallest column is shortest.
	ncol := max(1, min(3, (w-8)/colW, len(gls)))
	cols := splitColumns(gls, ncol)
	var lines []string
	for i := 0; ; i++ {
		var b strings.Builder
		filled := false
		for c, col := range cols {
			var l string
			if i < len(col) {
				l, filled = col[i], true
			}
			if c < len(cols)-1 {
				l = pad(l, colW)
			}
			b.WriteString(l)
		}
		if !filled {
			break
		}
		lines = append(lines, b.String())
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	room := max(1, h-7)
	d.maxTop = max(0, len(lines)-room)
	d.scroll = max(0, min(d.scroll, d.maxTop))
	body := lines[d.scroll:min(len(lines), d.scroll+room)]
	body = append(append([]string(nil), body...), "")
	if d.maxTop > 0 {
		body = append(body, st.Dim.Render(txtHelpScrollKeys))
	} else {
		body = append(body, st.Dim.Render(txtHelpKeys))
	}
	inner := 0
	for _, l := range body {
		inner = max(inner, dw(l))
	}
	d.b = layoutBox(w, h, txtHelpTitle, body, max(inner, 30))
	return d.b.render(w, h)
}

func (d *helpDialog) cursor() *tea.Cursor { return nil }
func (d *helpDialog) typing() bool        { return false }
func (d *helpDialog) bindings() []key.Binding {
	return []key.Binding{keys.Up, keys.Down, dlgKeys.Cancel}
}
