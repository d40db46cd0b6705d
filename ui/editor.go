package ui

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// The editor: everything after a report is opened. A section list on the
// left, the active section in the main pane, the findings panel below; the
// root draws the status line and the help bar.

type pane int

const (
	paneList pane = iota
	paneMain
	paneFinds
)

type secKind int

const (
	secCover secKind = iota
	secS1            // 一's untitled opening
	secPart          // one of 一's sub-parts
	secS2
	secS3
	secS4
	secS5
	secS6
)

// navItem is one entry of the section list.
type navItem struct {
	kind secKind
	part int // secPart: index into S1.Parts
}

func (n navItem) table() *model.Table {
	switch n.kind {
	case secS2:
		return model.S2
	case secS3:
		return model.S3
	case secS4:
		return model.S4
	case secS6:
		return model.S6
	}
	return nil
}

// How long typing must pause before text is checked and saved; typing that
// never pauses that long is still saved every textMaxWait.
const (
	textIdle    = 700 * time.Millisecond
	textMaxWait = 3 * time.Second
)

// Messages of the editor.
type (
	textIdleMsg   struct{ seq int }
	fillZeroMsg   struct{ t *model.Table }
	deletePartMsg struct{ i int }
)

// undo keeps at least this many steps.
const undoDepth = 200

type undoStep struct {
	r     *model.Report
	label string
}

type editor struct {
	*shared
	r, prev *model.Report
	checker model.Checker
	finds   []model.Finding
	marks   map[model.CellAddr]byte
	// changed is the cell the last edit changed (Enter, Delete), marked
	// with the findings on totals it feeds as well as those totals:
	// related[cell][i] says finding i is one of them.
	changed model.CellAddr
	related map[model.CellAddr]map[int]bool
	errs    int
	warns   int
	counts  model.Counts // errs and warns, and what is still empty

	items   []navItem
	sel     int
	focus   pane
	grids   map[*model.Table]*gridState
	edit    *cellEdit
	form    *form
	formFor navItem // the section the form was built for

	// compare: the main pane shows the table beside last year's (F9).
	compare bool

	msg    string // shown in place of the help bar (input errors, results)
	msgErr bool

	textSeq   int
	textDirty bool      // typed text not checked yet (each change is saved at once)
	textSince time.Time // when the text became dirty (for textMaxWait)

	undo, redo []undoStep

	fp     findingsPanel
	findAt int // position of F8 in the findings panel's items

	lay layout

	// gen counts runChecks, so that drawn parts of the frame that only
	// change with the report or its findings are cached between keys.
	gen         int
	listK       listKey
	listLines   []string
	listY       []int
	findK       findKey
	findLines   []string
	detailK     detailKey
	detailLines []string
}

// layout is where things were drawn in the last frame (for the mouse and
// the real cursor).
type layout struct {
	sideW   int
	mainX   int
	mainY   int
	mainW   int
	mainH   int
	findY   int
	findH   int
	listY   []int // y of each nav item (-1 when not shown)
	hits    []cellHit
	findTop int
	// findItems[i] is the findings pane's item on its line i+1 (the
	// selected item may take several lines).
	findItems []int
	cursor    *tea.Cursor
}

func newEditor(r, prev *model.Report, sh *shared) *editor {
	e := &editor{shared: sh, r: r, prev: prev, grids: map[*model.Table]*gridState{}}
	for _, t := range model.Tables {
		e.grids[t] = newGridState(t)
	}
	e.rebuildItems()
	e.sel = e.itemIndex(navItem{kind: secS3})
	if e.sel < 0 {
		e.sel = 0
	}
	e.focus = paneMain
	e.findAt = -1
	e.runChecks()
	e.loadForm()
	return e
}

func (e *editor) rebuildItems() {
	e.items = e.items[:0]
	e.items = append(e.items, navItem{kind: secCover}, navItem{kind: secS1})
	for i := range e.r.S1.Parts {
		e.items = append(e.items, navItem{kind: secPart, part: i})
	}
	e.items = append(e.items, navItem{kind: secS2}, navItem{kind: secS3}, navItem{kind: secS4}, navItem{kind: secS5}, navItem{kind: secS6})
	e.sel = min(max(e.sel, 0), len(e.items)-1)
}

func (e *editor) itemIndex(n navItem) int {
	for i, it := range e.items {
		if it == n {
			return i
		}
	}
	return -1
}

func (e *editor) item() navItem { return e.items[e.sel] }

// grid is the grid the main pane shows, if any.
func (e *editor) grid() *gridState {
	it := e.item()
	t := it.table()
	if t == nil {
		return nil
	}
	if it.kind == secS6 && (e.form == nil || e.form.cur().kind != fGrid) {
		return nil
	}
	return e.grids[t]
}

// runChecks re-runs the rules and indexes their findings by cell.
func (e *editor) runChecks() {
	e.gen++
	e.finds = e.checker.Run(e.r, e.prev)
	e.marks = map[model.CellAddr]byte{}
	for _, f := range e.finds {
		if f.IsMissing() {
			continue
		}
		m := byte('?')
		if f.Severity == model.SevError {
			m = '!'
		}
		for _, c := range f.Cells {
			if e.marks[c] != '!' {
				e.marks[c] = m
			}
		}
	}
	e.related = nil
	if e.changed != "" {
		e.markChanged()
	}
	e.counts = model.Tally(e.finds)
	e.errs, e.warns = e.counts.Errors, e.counts.Warnings
	e.fp.build(e)
}

// markChanged marks the cell just changed with the findings on the totals
// it feeds (a balance of 三 names new, carried, the results' 总计 and
// forward; a result row changed is part of it too): the officer sees the
// error at the figure just typed, not only at the sums.
func (e *editor) markChanged() {
	a := e.changed
	for i, f := range e.finds {
		if f.IsMissing() {
			continue
		}
		feeds := false
		for _, x := range f.Cells {
			if x == a {
				feeds = false // marked as one of its own cells already
				break
			}
			if c, ok := model.Cell(x); ok && c.Computed && slices.Contains(c.Inputs, a) {
				feeds = true
			}
		}
		if !feeds {
			continue
		}
		if e.related == nil {
			e.related = map[model.CellAddr]map[int]bool{a: {}}
		}
		e.related[a][i] = true
		m := byte('?')
		if f.Severity == model.SevError {
			m = '!'
		}
		if e.marks[a] != '!' {
			e.marks[a] = m
		}
	}
}

// change records an undo step (the report as it was before) and clears redo.
func (e *editor) change(before *model.Report, label string) {
	e.changed = ""
	e.undo = append(e.undo, undoStep{r: before, label: label})
	if len(e.undo) > undoDepth {
		e.undo = e.undo[len(e.undo)-undoDepth:]
	}
	e.redo = nil
}

// committed re-checks after a change and asks for a save.
func (e *editor) committed(summary string) tea.Cmd {
	e.runChecks()
	return e.save(summary)
}

// save asks the queue to write the report as it is now; the queue is
// called here, in Update, so the saves are in the order of the changes.
func (e *editor) save(summary string) tea.Cmd {
	return e.saves.request(e.r.Clone(), summary)
}

// markOf is the finding mark of a cell: '!' error, '?' warning, 0 none.
func (e *editor) markOf(a model.CellAddr) byte { return e.marks[a] }

// editFor is the cell being typed into when it belongs to t.
func (e *editor) editFor(t *model.Table) *cellEdit {
	if e.edit == nil {
		return nil
	}
	if c, _ := model.Cell(e.edit.addr); c.Table == t {
		return e.edit
	}
	return nil
}

func (e *editor) setMsg(s string, isErr bool) { e.msg, e.msgErr = s, isErr }

// refused reports whether the draft file is open read-only, and then says
// why no change is taken: each way of changing the report asks it before it
// changes anything, so no change is ever shown that cannot be saved.
func (e *editor) refused() bool {
	if m := e.refuseWrite(); m != "" {
		e.setMsg(m, true)
		return true
	}
	return false
}

func (e *editor) typing() bool {
	if e.focus != paneMain || e.compare {
		return false
	}
	if e.edit != nil {
		return true
	}
	return e.form != nil && e.form.cur().isText()
}

func (e *editor) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case textIdleMsg:
		if msg.seq == e.textSeq && e.textDirty {
			e.commitText()
		}
		return e, nil
	case fillZeroMsg:
		return e, e.fillZero(msg.t)
	case deletePartMsg:
		return e, e.deletePart(msg.i)
	case tea.PasteMsg:
		if e.refused() {
			return e, nil
		}
		if cmd, ok := e.pasteOneRow(msg.Content); ok {
			return e, cmd
		}
		return e, e.paste(msg.Content)
	case tea.MouseClickMsg:
		return e, e.click(msg.Mouse())
	case tea.MouseWheelMsg:
		return e, e.wheel(msg.Mouse())
	case tea.KeyPressMsg:
		return e, e.key(msg)
	}
	if e.form != nil {
		return e, e.form.passThrough(msg)
	}
	return e, nil
}

func (e *editor) key(k tea.KeyPressMsg) tea.Cmd {
	var commit tea.Cmd
	if e.edit != nil {
		switch {
		case key.Matches(k, e.keys.Undo):
			// As in a spreadsheet: undo while typing drops the typing.
			e.edit, e.msg = nil, ""
			return nil
		case key.Matches(k, e.keys.NextPane), key.Matches(k, e.keys.PrevPane), key.Matches(k, e.keys.FindNext),
			key.Matches(k, e.keys.FindPrev), key.Matches(k, e.keys.Save), key.Matches(k, e.keys.FillZero),
			key.Matches(k, e.keys.Export), key.Matches(k, e.keys.History), key.Matches(k, e.keys.Redo):
			// A command of the whole editor commits the typing first;
			// a bad value stays open with the parser's message.
			cmd, ok := e.commitEdit()
			if !ok {
				return nil
			}
			commit = cmd
		default:
			return e.editKey(k)
		}
	}
	if commit != nil {
		return tea.Sequence(commit, e.key(k))
	}
	if e.compare && e.focus == paneMain && !key.Matches(k, e.keys.NextPane, e.keys.PrevPane, e.keys.FindNext,
		e.keys.FindPrev, e.keys.Export, e.keys.History, e.keys.Preview) {
		e.msg = ""
		return e.compareKey(k)
	}
	// Keys of the whole editor.
	switch {
	case key.Matches(k, e.keys.Compare):
		e.msg = ""
		return e.toggleCompare()
	case key.Matches(k, e.keys.NextPane):
		e.msg = ""
		return e.setFocus((e.focus + 1) % 3)
	case key.Matches(k, e.keys.PrevPane):
		e.msg = ""
		return e.setFocus((e.focus + 2) % 3)
	case key.Matches(k, e.keys.FindNext):
		return e.stepFinding(1)
	case key.Matches(k, e.keys.FindPrev):
		return e.stepFinding(-1)
	case key.Matches(k, e.keys.Undo):
		return e.undoRedo(true)
	case key.Matches(k, e.keys.Redo):
		return e.undoRedo(false)
	case key.Matches(k, e.keys.Save):
		if e.refused() {
			return nil
		}
		cmd := e.flush()
		if cmd == nil {
			cmd = e.save(sumManual)
		}
		return cmd
	case key.Matches(k, e.keys.FillZero):
		return e.askFillZero()
	case key.Matches(k, e.keys.Export):
		// The dialog records the stored report as a revision before it
		// writes the file: it opens once the last edit is saved.
		flush := e.flush()
		return tea.Batch(flush, e.saves.after(send(pushDialogMsg{newExportDialog(e.shared, e.r.Clone(), e.counts)}), ""))
	case key.Matches(k, e.keys.Preview):
		flush := e.flush()
		return tea.Batch(flush, send(pushDialogMsg{newPreviewDialog(e.shared, e.r, e.counts)}))
	case key.Matches(k, e.keys.History):
		flush := e.flush()
		return tea.Batch(flush, e.saves.after(send(pushDialogMsg{newHistoryDialog(e.shared, e.r.ID)}), ""))
	case key.Matches(k, e.keys.PartAdd), key.Matches(k, e.keys.PartDel), key.Matches(k, e.keys.PartUp), key.Matches(k, e.keys.PartDown):
		if it := e.item(); it.kind == secS1 || it.kind == secPart {
			return e.partKey(k)
		}
	case key.Matches(k, e.keys.Back):
		return e.back()
	}
	e.msg = ""
	switch e.focus {
	case paneList:
		return e.listKey(k)
	case paneFinds:
		return e.fp.key(e, k)
	}
	if e.form != nil {
		return e.form.key(e, k)
	}
	if g := e.grid(); g != nil {
		return e.gridKey(g, k)
	}
	return nil
}

// back is Esc when nothing is being typed into: one level up.
func (e *editor) back() tea.Cmd {
	e.msg = ""
	switch {
	case e.focus == paneFinds:
		return e.setFocus(paneMain)
	case e.focus == paneMain && e.form != nil && e.form.cur().isText():
		if fl := e.form.cur(); fl.restore() {
			fl.fresh = fl.kind == fLine && fl.kept != ""
			// As Esc in a cell: what was typed is dropped, the field
			// stays.
			e.setMsg(strf(strFieldRestored, fl.name, keptValue(fl)), false)
			return nil
		}
		return tea.Batch(e.flush(), e.setFocus(paneList))
	}
	// The start list shows each report's state at its last save: go
	// there once this report's last edit is saved.
	flush := e.flush()
	return tea.Batch(flush, e.saves.after(send(showStartMsg{}), ""))
}

func (e *editor) setFocus(p pane) tea.Cmd {
	var cmd tea.Cmd
	if e.focus == paneMain && p != paneMain {
		cmd = e.flush()
		if e.form != nil {
			if fl := e.form.cur(); fl.bad != "" {
				e.setMsg(strf(strFieldDropped, fl.name, fl.ta.Value(), keptValue(fl)), true)
			}
		}
	}
	e.focus = p
	if e.form != nil {
		e.form.focus(p == paneMain)
	}
	return cmd
}

func (e *editor) listKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, e.keys.Up), key.Matches(k, e.keys.PrevCell):
		return e.selectItem(e.sel - 1)
	case key.Matches(k, e.keys.Down), key.Matches(k, e.keys.NextCell):
		return e.selectItem(e.sel + 1)
	case key.Matches(k, e.keys.Home), key.Matches(k, e.keys.PgUp):
		return e.selectItem(0)
	case key.Matches(k, e.keys.End), key.Matches(k, e.keys.PgDn):
		return e.selectItem(len(e.items) - 1)
	case key.Matches(k, e.keys.Commit), key.Matches(k, e.keys.Right):
		return e.setFocus(paneMain)
	}
	return nil
}

// selectItem shows another section, committing pending text first.
func (e *editor) selectItem(i int) tea.Cmd {
	i = min(max(i, 0), len(e.items)-1)
	if i == e.sel {
		return nil
	}
	cmd := e.flush()
	e.sel = i
	e.loadForm()
	if e.item().table() == nil {
		e.compare = false
	}
	return cmd
}

// gotoSection shows section i with the main pane focused.
func (e *editor) gotoSection(i int) tea.Cmd {
	cmd := e.selectItem(i)
	e.focus = paneMain
	if e.form != nil {
		e.form.focus(true)
	}
	return cmd
}

func (e *editor) gridKey(g *gridState, k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, e.keys.Up):
		g.moveRow(-1)
	case key.Matches(k, e.keys.Down):
		g.moveRow(1)
	case key.Matches(k, e.keys.Left):
		g.moveCol(-1)
	case key.Matches(k, e.keys.Right):
		g.moveCol(1)
	case key.Matches(k, e.keys.Home):
		g.home()
	case key.Matches(k, e.keys.End):
		g.end()
	case key.Matches(k, e.keys.PgUp):
		g.moveRow(-max(1, g.lastRows-1))
	case key.Matches(k, e.keys.PgDn):
		g.moveRow(max(1, g.lastRows-1))
	case key.Matches(k, e.keys.FirstCell):
		g.firstInput()
	case key.Matches(k, e.keys.LastCell):
		g.lastInput()
	case key.Matches(k, e.keys.Commit):
		return e.nextDown(g, 1)
	case key.Matches(k, e.keys.CommitUp):
		return e.nextDown(g, -1)
	case key.Matches(k, e.keys.NextCell):
		return e.nextInput(g, 1)
	case key.Matches(k, e.keys.PrevCell):
		return e.nextInput(g, -1)
	case key.Matches(k, e.keys.Edit):
		return e.startEdit(g, "", true)
	case key.Matches(k, e.keys.Clear):
		return e.clearCell(g)
	default:
		if k.Text != "" && k.Mod&^tea.ModShift == 0 {
			return e.startEdit(g, k.Text, false)
		}
	}
	return nil
}

// nextInput walks the input cells in reading order (Tab, Shift+Tab); past
// the last cell of a table it goes on to the next section.
func (e *editor) nextInput(g *gridState, dir int) tea.Cmd {
	return e.pastEnd(g.stepInput(dir), dir)
}

// nextDown walks the input cells down each column, then the next column
// (Enter, Shift+Enter: Excel's habit); past the last cell of a table it
// goes on to the next section.
func (e *editor) nextDown(g *gridState, dir int) tea.Cmd {
	return e.pastEnd(g.stepColumn(dir), dir)
}

// pastEnd goes on to the next field or section when a step forward found
// no cell left in the table (moved is false).
func (e *editor) pastEnd(moved bool, dir int) tea.Cmd {
	if moved {
		return nil
	}
	if dir > 0 {
		if e.form != nil && e.form.next(e) {
			return nil
		}
		if e.sel+1 < len(e.items) {
			return e.gotoSection(e.sel + 1)
		}
	}
	return nil
}

func (e *editor) startEdit(g *gridState, text string, keep bool) tea.Cmd {
	c := g.spec()
	if c.Computed {
		e.setMsg(strComputed, true)
		return nil
	}
	if e.refused() {
		return nil
	}
	orig := ""
	if v, ok := e.r.Get(c.Addr); ok {
		orig = v.String()
	}
	ed := &cellEdit{addr: c.Addr, orig: orig}
	if keep {
		ed.set(orig)
		ed.fromF2 = true
	} else {
		ed.set(text)
	}
	e.edit = ed
	e.msg = ""
	return nil
}

func (e *editor) editKey(k tea.KeyPressMsg) tea.Cmd {
	g := e.gridOf(e.edit.addr)
	switch {
	case key.Matches(k, e.keys.Back):
		e.edit = nil
		e.msg = ""
		return nil
	case key.Matches(k, e.keys.Commit), key.Matches(k, e.keys.CommitUp),
		key.Matches(k, e.keys.NextCell), key.Matches(k, e.keys.PrevCell):
		// As in a spreadsheet: Enter down, Shift+Enter up, Tab right,
		// Shift+Tab left, each after the value is taken.
		cmd, ok := e.commitEdit()
		if !ok {
			return nil
		}
		var move tea.Cmd
		switch {
		case key.Matches(k, e.keys.Commit):
			move = e.nextDown(g, 1)
		case key.Matches(k, e.keys.CommitUp):
			move = e.nextDown(g, -1)
		case key.Matches(k, e.keys.NextCell):
			move = e.nextInput(g, 1)
		default:
			move = e.nextInput(g, -1)
		}
		return tea.Batch(cmd, move)
	case key.Matches(k, e.keys.Up), key.Matches(k, e.keys.Down):
		if cmd, ok := e.commitEdit(); ok {
			if key.Matches(k, e.keys.Up) {
				g.moveRow(-1)
			} else {
				g.moveRow(1)
			}
			return cmd
		}
		return nil
	case key.Matches(k, e.keys.CaretLeft):
		e.edit.left()
	case key.Matches(k, e.keys.CaretRight):
		e.edit.right()
	case key.Matches(k, e.keys.CaretHome):
		e.edit.caret = 0
	case key.Matches(k, e.keys.CaretEnd):
		e.edit.caret = len(e.edit.text)
	case key.Matches(k, e.keys.DelBefore):
		e.edit.backspace()
	case key.Matches(k, e.keys.DelAfter):
		e.edit.del()
	default:
		if k.Text != "" && k.Mod&^tea.ModShift == 0 {
			e.edit.insert(k.Text)
		}
	}
	e.msg = ""
	return nil
}

// commitEdit parses the typed text; a bad value keeps the cell open and
// shows the parser's message where the help bar is.
func (e *editor) commitEdit() (tea.Cmd, bool) {
	ed := e.edit
	c, _ := model.Cell(ed.addr)
	text := string(ed.text)
	if ed.fromF2 && text == ed.orig {
		e.edit = nil
		return nil, true
	}
	v, err := model.ParseInput(c.Unit, text)
	if err != nil {
		e.setMsg(err.Error(), true)
		return nil, false
	}
	e.edit = nil
	e.msg = ""
	if old, ok := e.r.Get(ed.addr); ok && old == v {
		return nil, true
	}
	e.change(e.r.Clone(), strf(strEditCell, c.ShortLabel()))
	_ = e.r.Set(ed.addr, v)
	e.changed = ed.addr
	return e.committed(strf(sumCell, c.ShortLabel())), true
}

func (e *editor) clearCell(g *gridState) tea.Cmd {
	c := g.spec()
	if c.Computed {
		e.setMsg(strComputed, true)
		return nil
	}
	if _, ok := e.r.Get(c.Addr); !ok || e.refused() {
		return nil
	}
	e.change(e.r.Clone(), strf(strCleared, c.ShortLabel()))
	_ = e.r.Clear(c.Addr)
	e.changed = c.Addr
	e.setMsg(strf(strCleared, c.ShortLabel()), false)
	return e.committed(strf(sumClear, c.ShortLabel()))
}

func (e *editor) gridOf(a model.CellAddr) *gridState {
	c, _ := model.Cell(a)
	return e.grids[c.Table]
}

// currentTable is the table of the section shown, for 全部填 0.
func (e *editor) currentTable() *model.Table { return e.item().table() }

func (e *editor) askFillZero() tea.Cmd {
	if e.refused() {
		return nil
	}
	t := e.currentTable()
	if t == nil {
		e.setMsg(strFillNoTable, true)
		return nil
	}
	n := 0
	for _, c := range t.Inputs() {
		if _, ok := e.r.Get(c.Addr); !ok {
			n++
		}
	}
	if n == 0 {
		e.setMsg(strf(strFillZeroNone, t.Number), false)
		return nil
	}
	return send(pushDialogMsg{newConfirmDialog(e.shared, strf(strFillZeroQ, t.Number, n, e.keys.Undo.Help().Key), send(fillZeroMsg{t}))})
}

func (e *editor) fillZero(t *model.Table) tea.Cmd {
	before := e.r.Clone()
	n := 0
	for _, c := range t.Inputs() {
		if _, ok := e.r.Get(c.Addr); !ok {
			_ = e.r.Set(c.Addr, 0)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	e.change(before, strf(sumFill, t.Number))
	e.setMsg(strf(strFillZeroDone, t.Number, n), false)
	return e.committed(strf(sumFill, t.Number))
}

func (e *editor) undoRedo(isUndo bool) tea.Cmd {
	if e.textDirty {
		e.commitText()
	}
	e.edit = nil
	from, to := &e.undo, &e.redo
	none, done, sum := strNothingUndo, strUndone, sumUndo
	if !isUndo {
		from, to = &e.redo, &e.undo
		none, done, sum = strNothingRedo, strRedone, sumRedo
	}
	if len(*from) == 0 {
		e.setMsg(none, false)
		return nil
	}
	e.changed = ""
	step := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, undoStep{r: e.r.Clone(), label: step.label})
	e.r = step.r
	cur := e.item()
	e.rebuildItems()
	if i := e.itemIndex(cur); i >= 0 {
		e.sel = i
	}
	e.loadForm()
	e.setMsg(strf(done, step.label), false)
	return e.committed(sum)
}

// flush commits a cell being typed into and checks text typed within the
// pause (text is saved as it is typed); it returns the save command, or nil
// when nothing was waiting to be saved.
func (e *editor) flush() tea.Cmd {
	if e.textDirty {
		e.commitText()
	}
	if e.edit != nil {
		if cmd, ok := e.commitEdit(); ok {
			return cmd
		}
		e.edit = nil
	}
	return nil
}

// badEntry is the quit question when the cell being typed into holds an
// entry that cannot be saved ("" when there is none); the cell stays open
// with the parser's message.
func (e *editor) badEntry() string {
	ed := e.edit
	if ed == nil {
		if e.form != nil && e.focus == paneMain {
			if fl := e.form.cur(); fl.bad != "" {
				e.setMsg(e.keptMsg(fl), true)
				return strf(strQuitBadField, fl.name, fl.ta.Value(), strings.TrimSuffix(fl.bad, strFullStop), keptIs(fl))
			}
		}
		return ""
	}
	text := string(ed.text)
	if ed.fromF2 && text == ed.orig {
		return ""
	}
	c, _ := model.Cell(ed.addr)
	if _, err := model.ParseInput(c.Unit, text); err != nil {
		e.setMsg(err.Error(), true)
		return strf(strQuitBadCell, text, strings.TrimSuffix(err.Error(), strFullStop))
	}
	return ""
}

func (e *editor) report() *model.Report { return e.r }

// commitText ends a burst of typing: the text rules run again (they are
// too costly for every keystroke), and the next change starts an undo step
// of its own. The text itself was saved as it was typed.
func (e *editor) commitText() {
	e.textDirty = false
	e.runChecks()
}

// status adds the editor's facts to the status line.
func (e *editor) status() string {
	f, t := e.r.FilledCount(nil)
	s := strf(strErrCount, e.errs) + " " + strf(strWarnCount, e.warns) + statusSep + strf(strFilledAll, f, t)
	if e.errs > 0 {
		s = e.st.w.Error.render(strSymError+" ") + s
	}
	return s
}

func (e *editor) helpLine() string {
	if e.msg == "" {
		if e.edit != nil {
			return e.st.w.HelpDesc.render(e.hints(e.bindings()...))
		}
		return ""
	}
	if e.msgErr {
		return e.st.w.Error.render(strSymError + " " + e.msg)
	}
	return e.msg
}

func (e *editor) cursor() *tea.Cursor {
	if e.focus != paneMain || e.compare {
		return nil
	}
	return e.lay.cursor
}

func (e *editor) bindings() []key.Binding {
	if e.edit != nil {
		return []key.Binding{e.keys.Commit, e.steps.CancelEdit}
	}
	if e.compare && e.focus == paneMain {
		return []key.Binding{e.keys.Help, e.steps.CompareOff, e.steps.Select, e.keys.NextPane, e.keys.FindNext, e.keys.Export, e.keys.Quit}
	}
	// A read-only draft file shows no key that would change the report
	// (they are refused): only moving, looking, copying and exporting.
	edit := e.readOnly == ""
	b := []key.Binding{e.keys.Help, e.keys.NextPane, e.keys.FindNext}
	if edit {
		b = append(b, e.keys.Undo, e.keys.Redo)
	}
	if e.focus == paneFinds {
		jump := e.keys.Commit
		jump.SetHelp("Enter", helpJump)
		b = []key.Binding{e.keys.Help, e.keys.NextPane, e.keys.FindNext, e.keys.Up, e.keys.Down, jump}
		if edit && e.fp.selNote() {
			b = append(b, e.keys.Dismiss)
		}
		b = append(b, e.keys.Copy)
	} else if e.grid() != nil && edit {
		// 全部填 0 works from any pane; F2 and Delete act on the focused
		// cell, in the main pane only.
		b = append(b, e.keys.FillZero)
		if e.focus == paneMain {
			b = append(b, e.keys.Edit, e.keys.Clear)
		}
	}
	if edit {
		switch e.item().kind {
		case secS1:
			b = append(b, e.keys.PartAdd)
		case secPart:
			b = append(b, e.keys.PartAdd, e.keys.PartDel, e.keys.PartUp)
		}
	}
	return append(b, e.keys.Export, e.keys.History, e.keys.Back, e.keys.Quit)
}

// sectionName names a section list entry.
func (e *editor) sectionName(it navItem) string {
	switch it.kind {
	case secCover:
		return strSecCover
	case secS1:
		return strSecS1
	case secPart:
		t := strings.TrimSpace(e.r.S1.Parts[it.part].Title)
		if t == "" {
			t = strPartUntitled
		}
		return model.PartNumber(it.part) + t
	case secS2:
		return strSecS2
	case secS3:
		return strSecS3
	case secS4:
		return strSecS4
	case secS5:
		return strSecS5
	}
	return strSecS6
}

// heading is the official heading of the section shown.
func (e *editor) heading(it navItem) string {
	switch it.kind {
	case secCover:
		return strSecCover
	case secS1:
		return model.SectionHeadings[0]
	case secPart:
		return model.SectionHeadings[0] + " > " + e.sectionName(it)
	case secS2:
		return model.SectionHeadings[1]
	case secS3:
		return model.SectionHeadings[2]
	case secS4:
		return model.SectionHeadings[3]
	case secS5:
		return model.SectionHeadings[4]
	}
	return model.SectionHeadings[5]
}

// partOf maps a finding's Part to the section list entry showing it.
func partItem(part string) (navItem, bool) {
	switch {
	case part == "preface", part == "date":
		return navItem{kind: secCover}, true
	case part == "s1" || part == "s1.intro":
		return navItem{kind: secS1}, true
	case strings.HasPrefix(part, "s1.parts."):
		n := 0
		for _, c := range strings.TrimPrefix(part, "s1.parts.") {
			if c < '0' || c > '9' {
				return navItem{}, false
			}
			n = n*10 + int(c-'0')
		}
		return navItem{kind: secPart, part: n}, true
	case part == "s5":
		return navItem{kind: secS5}, true
	case part == "s6":
		return navItem{kind: secS6}, true
	}
	return navItem{}, false
}

// jumpTo shows a cell or a text part and focuses the main pane.
func (e *editor) jumpTo(cell model.CellAddr, part string) tea.Cmd {
	if cell != "" {
		c, ok := model.Cell(cell)
		if !ok {
			return nil
		}
		var it navItem
		for _, n := range e.items {
			if n.table() == c.Table {
				it = n
			}
		}
		cmd := e.gotoSection(e.itemIndex(it))
		e.grids[c.Table].setAddr(cell)
		if it.kind == secS6 && e.form != nil {
			e.form.idx = 0
			e.form.focus(true)
		}
		return cmd
	}
	if it, ok := partItem(part); ok {
		if i := e.itemIndex(it); i >= 0 {
			cmd := e.gotoSection(i)
			if it.kind == secS6 && e.form != nil {
				// 六's text, not the fee figures above it.
				e.form.idx = e.form.fieldIndex(strS6Text)
				e.form.focus(true)
			}
			if it.kind == secCover && e.form != nil {
				// The preface is the last field; the date has its own.
				e.form.idx = len(e.form.fields) - 1
				if part == "date" {
					e.form.idx = e.form.fieldIndex(strFieldDate)
				}
				e.form.focus(true)
			}
			return cmd
		}
	}
	return nil
}
