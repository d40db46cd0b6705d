package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpGroup is one titled group of the help screen.
type helpGroup struct {
	title    string
	bindings []key.Binding
}

// helpGroups lists every binding of the key maps, grouped: the help screen
// shows exactly the keys the program reacts to.
func (sh *shared) helpGroups() []helpGroup {
	km, dlgKeys, lineKeys := sh.keys, sh.dlgKeys, sh.lineKeys
	return []helpGroup{
		{txtHelpGeneral, []key.Binding{km.Help, km.HelpQ, km.Quit, km.Copy, km.Paste, km.Back, km.NextPane, km.PrevPane}},
		{txtHelpMove, []key.Binding{km.Commit, km.CommitUp, km.NextCell, km.PrevCell, km.Up, km.Down, km.Left, km.Right,
			km.Home, km.End, km.FirstCell, km.LastCell, km.PgUp, km.PgDn}},
		{txtHelpCells, []key.Binding{km.Edit, km.Clear, km.FillZero, km.Undo, km.Redo,
			km.CaretLeft, km.CaretRight, km.CaretHome, km.CaretEnd, km.DelBefore, km.DelAfter}},
		{txtHelpEditor, []key.Binding{km.FindNext, km.FindPrev, km.Dismiss, km.Compare, km.Preview, km.Save, km.Export, km.History,
			km.PartAdd, km.PartDel, km.PartUp, km.PartDown}},
		{txtHelpStart, []key.Binding{dlgKeys.Open, dlgKeys.New, dlgKeys.Import, dlgKeys.Roll, dlgKeys.History,
			dlgKeys.Delete, dlgKeys.Trash, dlgKeys.FilterBack, dlgKeys.FilterClear}},
		{txtHelpDialogs, []key.Binding{dlgKeys.Confirm, dlgKeys.Cancel, dlgKeys.Next, dlgKeys.Prev, dlgKeys.Choose,
			dlgKeys.Complete, dlgKeys.Restore, dlgKeys.Undelete}},
		sh.sumHelpGroup(),
		{txtHelpLine, []key.Binding{lineKeys.Left, lineKeys.Right, lineKeys.Home, lineKeys.End, lineKeys.Backspace,
			lineKeys.Delete, lineKeys.KillBefore, lineKeys.KillAfter}},
	}
}

// helpKeyW is the width of the key column.
const helpKeyW = 12

// lines renders one group: its title and one line per enabled binding.
func (g helpGroup) lines(st *styles) []string {
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
	*shared
	groups []helpGroup
	scroll int
	maxTop int // last scroll position that still shows something new
	b      box
}

func newHelpDialog(sh *shared) screen { return &helpDialog{shared: sh, groups: sh.helpGroups()} }

func (d *helpDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	switch {
	case key.Matches(k, d.dlgKeys.Cancel, d.dlgKeys.Confirm, d.keys.Help):
		return d, send(popDialogMsg{})
	case key.Matches(k, d.keys.Up):
		d.scroll--
	case key.Matches(k, d.keys.Down):
		d.scroll++
	case key.Matches(k, d.keys.PgUp):
		d.scroll -= 10
	case key.Matches(k, d.keys.PgDn):
		d.scroll += 10
	case key.Matches(k, d.keys.Home):
		d.scroll = 0
	case key.Matches(k, d.keys.End):
		d.scroll = d.maxTop
	}
	d.scroll = max(0, min(d.scroll, d.maxTop))
	return d, nil
}

func (d *helpDialog) view(w, h int) string {
	colW := 2 + helpKeyW + 1 + 14 + 4 // key, description, gap
	gls := make([][]string, len(d.groups))
	for i, g := range d.groups {
		gls[i] = g.lines(d.st)
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
	// The marks first: they are what an officer asks about before any key.
	lines = append([]string{d.st.Dim.Render(txtHelpMarks), d.st.Dim.Render(txtHelpCut), ""}, lines...)
	room := max(1, h-7)
	if d.version != "" {
		room = max(1, room-1)
	}
	d.maxTop = max(0, len(lines)-room)
	d.scroll = max(0, min(d.scroll, d.maxTop))
	body := lines[d.scroll:min(len(lines), d.scroll+room)]
	body = append(append([]string(nil), body...), "")
	body = append(body, d.st.Dim.Render(d.hints(d.bindings()...)))
	if d.version != "" {
		body = append(body, d.st.Dim.Render(txtHelpVersion+d.version))
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
	if d.maxTop > 0 {
		return []key.Binding{d.steps.Scroll, d.steps.Close}
	}
	return []key.Binding{d.steps.CloseHelp}
}

// renderHelpBar renders bindings as "F1 帮助  Ctrl+Q 退出 …", cut to width.
// The bar changes far less often than the frame: the last one is kept.
func (sh *shared) renderHelpBar(bs []key.Binding, w int) string {
	var kb strings.Builder
	for _, k := range bs {
		kb.WriteString(k.Help().Key)
		kb.WriteByte(0)
		kb.WriteString(k.Help().Desc)
		kb.WriteByte(0)
	}
	k := kb.String() + itoa(w) + "/" + itoa(sh.styleGen)
	if k == sh.helpBar.key {
		return sh.helpBar.bar
	}
	sh.helpBar.key, sh.helpBar.bar = k, sh.drawHelpBar(bs, w)
	return sh.helpBar.bar
}

// drawHelpBar draws the help bar: each binding's key and description, as
// many as fit in w columns, ending with "F1 更多" when not all do (the help
// screen lists them all).
func (sh *shared) drawHelpBar(bs []key.Binding, w int) string {
	total, hasF1 := 0, false
	var items []key.Help
	for _, k := range bs {
		if h := k.Help(); h.Key != "" {
			items = append(items, h)
			total += lipgloss.Width(h.Key+" "+h.Desc) + 2
			hasF1 = hasF1 || h.Key == sh.keys.Help.Help().Key
		}
	}
	more := ""
	if total-2 > w && !hasF1 {
		more = sh.keys.Help.Help().Key + " " + helpMore
		w -= lipgloss.Width(more) + 2
	}
	bar := drawHints(items, w, sh.st.w.HelpKey, sh.st.w.HelpDesc)
	if more != "" {
		bar = strings.TrimRight(bar+"  "+sh.st.w.HelpKey.render(sh.keys.Help.Help().Key)+" "+sh.st.w.HelpDesc.render(helpMore), " ")
	}
	return bar
}

// hints is the key hint a dialog draws in its body ("Enter 导出  Esc 取消"),
// from the same bindings and by the same renderer as the help bar, so that
// what a dialog says of its keys is what they do.
func (sh *shared) hints(bs ...key.Binding) string {
	var items []key.Help
	for _, k := range bs {
		if h := k.Help(); h.Key != "" {
			items = append(items, h)
		}
	}
	return drawHints(items, -1, ansiWrap{}, ansiWrap{})
}

// drawHints joins "key desc" items with two spaces, each part through its
// style, as many as fit in w columns (w < 0: all).
func drawHints(items []key.Help, w int, kw, dw ansiWrap) string {
	var b strings.Builder
	used := 0
	for _, h := range items {
		iw := lipgloss.Width(h.Key+" "+h.Desc) + 2
		if w >= 0 && used+iw-2 > w {
			break
		}
		b.WriteString(kw.render(h.Key) + " " + dw.render(h.Desc) + "  ")
		used += iw
	}
	return strings.TrimRight(b.String(), " ")
}
