package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
)

// The grids of 二, 三, 四 and 六 are drawn by hand from the model's table
// structure: a lipgloss or bubbles table costs ten times as much per frame
// (TUI-NOTES), and neither has a cell cursor.

// Kinds of grid lines.
const (
	glBlockTitle  = iota // 二's 第二十条第（一）项
	glBlockHeader        // a block's own column header (二)
	glParent             // a label spanning the rows below it (三、本年度办理结果)
	glData               // a row of cells
)

type gline struct {
	kind   int
	b, row int
	label  string
	level  int
}

// gridLines lists the lines of t below its frozen header, in order.
func gridLines(t *model.Table) []gline {
	var out []gline
	for bi, b := range t.Blocks {
		if b.Title != "" {
			out = append(out, gline{kind: glBlockTitle, b: bi, label: b.Title})
		}
		if len(t.Blocks) > 1 {
			out = append(out, gline{kind: glBlockHeader, b: bi, label: b.ItemHeader})
		}
		var prev []string
		for ri, r := range b.Rows {
			// A parent label is printed once, above the first row it spans.
			same := true
			for lv, p := range r.Parents {
				if same && lv < len(prev) && prev[lv] == p {
					continue
				}
				same = false
				out = append(out, gline{kind: glParent, b: bi, label: p, level: lv})
			}
			prev = r.Parents
			out = append(out, gline{kind: glData, b: bi, row: ri, label: r.Label, level: r.Level()})
		}
	}
	return out
}

// Precomputed line lists, one per table, and the width of their widest
// label (indent included).
var (
	gridLineCache = map[*model.Table][]gline{}
	gridMaxLabel  = map[*model.Table]int{}
	// gridCells[t][block][row][col] is the cell's spec.
	gridCells = map[*model.Table][][][]*model.CellSpec{}
)

func init() {
	for _, t := range model.Tables {
		bs := make([][][]*model.CellSpec, len(t.Blocks))
		for bi, b := range t.Blocks {
			bs[bi] = make([][]*model.CellSpec, len(b.Rows))
			for ri, r := range b.Rows {
				for _, c := range b.Cols {
					spec, _ := model.Cell(t.Addr(r.Key, c.Key))
					bs[bi][ri] = append(bs[bi][ri], spec)
				}
			}
		}
		gridCells[t] = bs
		if t.OneRow {
			gridPrinted[t] = oneRowCells(t)
		}
		gl := gridLines(t)
		gridLineCache[t] = gl
		for _, l := range gl {
			gridMaxLabel[t] = max(gridMaxLabel[t], dw(onScreen(l.label))+2*l.level)
		}
	}
}

// cellWidth is the width of one value cell of t, marker included.
func cellWidth(t *model.Table) int {
	switch t {
	case model.S2:
		return 16 // 本年处理决定件数 whole
	case model.S6:
		return 16
	case model.S4:
		return 10
	}
	return 8
}

// gridState is the cursor and scroll position in one table.
type gridState struct {
	t        *model.Table
	b, row   int
	col      int
	top      int // first body line shown
	left     int // first value column shown
	lastRows int // body lines shown in the last frame (for PgUp/PgDn)
	// one: the last frame drew the table as one printed row (四 on a
	// wide pane); movement follows what is on screen.
	one bool

	// What does not change from one keystroke to the next: the frozen
	// header and every line's label, drawn for the layout in key.
	key        frameKey
	head       []string
	headCol    int // the column whose head was drawn whole (see overlay)
	labelCache map[int]string
	// Data lines without the cursor, drawn for the findings of gen.
	rowGen   int
	rowCache map[int]string
}

// frameKey is what the cached parts of a grid's frame depend on.
type frameKey struct {
	w, lw, left, nvis int
	sgen              int  // the style set's generation
	one               bool // 四 drawn as one row (grid_onerow.go)
	cw                int
}

// styleSet is the styles of a frame, reduced to escape codes.
type styleSet struct{ plain, computed, err, warn, cursor, cursorOff, editing ansiWrap }

func frameStyles(st *styles) styleSet {
	return styleSet{
		plain: st.w.Label, computed: st.w.Computed, err: st.w.Error, warn: st.w.Warning,
		cursor: st.w.Cursor, cursorOff: st.w.CursorOff, editing: st.w.Editing,
	}
}

func newGridState(t *model.Table) *gridState {
	g := &gridState{t: t}
	g.toFirstInput()
	return g
}

func (g *gridState) spec() *model.CellSpec {
	b := g.t.Blocks[g.b]
	c, _ := model.Cell(g.t.Addr(b.Rows[g.row].Key, b.Cols[g.col].Key))
	return c
}

func (g *gridState) addr() model.CellAddr { return g.spec().Addr }

// setAddr moves the cursor to a cell of this table.
func (g *gridState) setAddr(a model.CellAddr) bool {
	c, ok := model.Cell(a)
	if !ok || c.Table != g.t {
		return false
	}
	g.b, g.row, g.col = c.Block, c.Row, c.Col
	return true
}

func (g *gridState) toFirstInput() {
	in := g.t.Inputs()
	g.setAddr(in[0].Addr)
}

// dataRows lists the (block,row) pairs of the table in order.
func (g *gridState) dataRows() [][2]int {
	var out [][2]int
	for bi, b := range g.t.Blocks {
		for ri := range b.Rows {
			out = append(out, [2]int{bi, ri})
		}
	}
	return out
}

func (g *gridState) rowIndex() int {
	for i, p := range g.dataRows() {
		if p[0] == g.b && p[1] == g.row {
			return i
		}
	}
	return 0
}

// moveRow moves the cursor n data rows down (up when negative), keeping the
// column where the new row has it.
func (g *gridState) moveRow(n int) {
	if g.one {
		return // a single row
	}
	rows := g.dataRows()
	i := min(max(g.rowIndex()+n, 0), len(rows)-1)
	g.b, g.row = rows[i][0], rows[i][1]
	g.col = min(g.col, len(g.t.Blocks[g.b].Cols)-1)
}

func (g *gridState) moveCol(n int) {
	if g.one {
		g.setLinear(g.linear() + n)
		return
	}
	g.col = min(max(g.col+n, 0), len(g.t.Blocks[g.b].Cols)-1)
}

// home and end go to the first and last cell of the row on screen.
func (g *gridState) home() {
	if g.one {
		g.setLinear(0)
		return
	}
	g.col = 0
}

func (g *gridState) end() {
	if g.one {
		g.setLinear(len(printedCells(g.t)) - 1)
		return
	}
	g.col = len(g.t.Blocks[g.b].Cols) - 1
}

// stepInput moves to the next (or previous) input cell in reading order;
// it reports false at the end of the table.
func (g *gridState) stepInput(dir int) bool {
	in := g.t.Inputs()
	cur := g.spec()
	// Reading order of all cells is block, row, column.
	pos := func(c *model.CellSpec) int { return (c.Block*100+c.Row)*100 + c.Col }
	here := pos(cur)
	if dir > 0 {
		for _, c := range in {
			if pos(c) > here {
				g.setAddr(c.Addr)
				return true
			}
		}
		return false
	}
	for i := len(in) - 1; i >= 0; i-- {
		if pos(in[i]) < here {
			g.setAddr(in[i].Addr)
			return true
		}
	}
	return false
}

// stepColumn moves down the column to the next input cell (dir > 0, as
// Excel's Enter does) or up it (dir < 0, Shift+Enter); past the column's
// last input row it goes on at the top of the next column (the block's
// next column, then the next block), as an officer fills 三 column by
// column. It reports false past the table's last (or first) input cell.
// Drawn as one row (四 on a wide pane), down is the next cell along it.
func (g *gridState) stepColumn(dir int) bool {
	if g.one {
		return g.stepInput(dir)
	}
	in := g.t.Inputs()
	cur := g.spec()
	pos := func(c *model.CellSpec) int { return (c.Block*100+c.Col)*100 + c.Row }
	here := pos(cur)
	best := -1
	for i, c := range in {
		p := pos(c)
		if dir > 0 && p > here && (best < 0 || p < pos(in[best])) ||
			dir < 0 && p < here && (best < 0 || p > pos(in[best])) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	g.setAddr(in[best].Addr)
	return true
}

// firstInput and lastInput go to the table's first and last input cell
// (Ctrl+Home, Ctrl+End).
func (g *gridState) firstInput() { g.toFirstInput() }

func (g *gridState) lastInput() {
	in := g.t.Inputs()
	g.setAddr(in[len(in)-1].Addr)
}

// gridView is what the editor needs to draw a grid: the report, its
// findings per cell, and the cell being typed into.
type gridView struct {
	st      *styles
	sgen    int // changes with st
	gen     int // changes with the report's values and findings
	r       *model.Report
	marks   func(model.CellAddr) byte // '!' error, '?' warning, 0 none
	focused bool
	edit    *cellEdit
}

// cellHit maps a screen position back to a cell (for the mouse).
type cellHit struct {
	y, x0, x1 int
	addr      model.CellAddr
}

// render draws the grid into w×h (header frozen), returning the lines, the
// cells' positions relative to the top-left corner, and the caret position
// of the cell being edited (x<0 when none).
func (g *gridState) render(v gridView, w, h int) (lines []string, hits []cellHit, cx, cy int) {
	st := v.st
	if ocw, olw, ok := g.oneRowGeom(v.r, w); ok {
		g.one = true
		return g.renderOneRow(v, w, h, ocw, olw)
	}
	g.one = false
	cx, cy = -1, -1
	t := g.t
	cw := cellWidth(t)
	gl := gridLineCache[t]
	maxCols := 0
	maxLabel := gridMaxLabel[t]
	for _, b := range t.Blocks {
		maxCols = max(maxCols, len(b.Cols))
	}
	slot := cw + 1
	lw := min(maxLabel+1, max(w-maxCols*slot, 16))
	lw = min(lw, w-slot)
	nvis := max(1, (w-lw)/slot)
	// Horizontal scroll keeps the cursor column visible.
	if g.col < g.left {
		g.left = g.col
	}
	if g.col >= g.left+nvis {
		g.left = g.col - nvis + 1
	}
	g.left = max(0, min(g.left, maxCols-nvis))
	if g.left < 0 {
		g.left = 0
	}

	if k := (frameKey{w: w, lw: lw, left: g.left, nvis: nvis, sgen: v.sgen}); g.key != k || g.labelCache == nil || g.headCol != g.col {
		if g.key != k || g.labelCache == nil {
			g.labelCache = map[int]string{}
		}
		g.key, g.headCol = k, g.col
		// Frozen header; the cursor's column head whole, however
		// narrow its column (社会公益组织, a unit in 万元).
		var head []string
		if len(t.Header) > 0 && !t.OneRow {
			head = spanHeader(t.Header, g.left, nvis, cw, lw, t.Blocks[0].ItemHeader, false, g.col)
		} else if len(t.Blocks) == 1 {
			head = []string{colHeader(t.Blocks[0], g.left, nvis, cw, lw, g.col)}
		}
		g.head = g.head[:0]
		for _, hl := range head {
			g.head = append(g.head, st.w.Header.render(hl))
		}
	}
	if g.rowCache == nil || g.rowGen != v.gen || len(g.labelCache) == 0 {
		g.rowGen, g.rowCache = v.gen, map[int]string{}
	}
	ss := frameStyles(st)
	head := g.head
	lines = make([]string, 0, h)
	lines = append(lines, head...)
	bodyH := max(1, h-len(head))
	g.lastRows = bodyH

	// Vertical scroll keeps the cursor's row (and the labels just above it
	// when there is room) visible.
	curLine := 0
	for i, l := range gl {
		if l.kind == glData && l.b == g.b && l.row == g.row {
			curLine = i
		}
	}
	if curLine < g.top {
		g.top = curLine
		// Show the parent labels of the row when scrolling up to it.
		for g.top > 0 && gl[g.top-1].kind != glData {
			g.top--
		}
	}
	if curLine >= g.top+bodyH {
		g.top = curLine - bodyH + 1
	}
	g.top = max(0, min(g.top, len(gl)-bodyH))
	if g.top < 0 {
		g.top = 0
	}

	for i := g.top; i < len(gl) && i < g.top+bodyH; i++ {
		l := gl[i]
		y := len(lines)
		lab, cached := g.labelCache[i]
		if l.kind == glBlockHeader && l.b == g.b {
			// The cursor's block: its head drawn whole (not cached).
			lab, cached = st.w.Header.render(colHeader(t.Blocks[l.b], g.left, nvis, cw, lw, g.col)), true
		}
		if !cached {
			ind := strings.Repeat(" ", 2*l.level)
			switch l.kind {
			case glBlockTitle:
				lab = st.w.Bold.render(cut(l.label, w))
			case glBlockHeader:
				lab = st.w.Header.render(colHeader(t.Blocks[l.b], g.left, nvis, cw, lw, -1))
			case glParent:
				lab = st.w.Label.render(cut(ind+onScreen(l.label), w))
			case glData:
				lab = ss.plain.render(pad(ind+onScreen(l.label), lw))
			}
			g.labelCache[i] = lab
		}
		switch l.kind {
		case glBlockTitle, glBlockHeader, glParent:
			lines = append(lines, lab)
		case glData:
			specs := gridCells[t][l.b][l.row]
			curRow := l.b == g.b && l.row == g.row
			x := lw
			for ci := g.left; ci < len(specs) && ci < g.left+nvis; ci++ {
				hits = append(hits, cellHit{y: y, x0: x, x1: x + slot, addr: specs[ci].Addr})
				x += slot
			}
			if line, ok := g.rowCache[i]; ok && !curRow {
				lines = append(lines, line)
				continue
			}
			var b strings.Builder
			b.Grow(len(lab) + nvis*(slot+24))
			b.WriteString(lab)
			x = lw
			for ci := g.left; ci < len(specs) && ci < g.left+nvis; ci++ {
				s, ex := g.cellText(v, ss, specs[ci], curRow && ci == g.col, cw)
				if ex >= 0 {
					cx, cy = x+ex, y
				}
				b.WriteString(s)
				x += slot
			}
			line := b.String()
			if !curRow {
				g.rowCache[i] = line
			}
			lines = append(lines, line)
		}
	}
	return lines, hits, cx, cy
}

// cellText draws one cell slot: a separator (">" at the cursor), the value
// right-aligned and a marker: "!" error, "?" warning, "~" incomplete total.
// ex is the caret's column inside the slot while editing, else -1.
func (g *gridState) cellText(v gridView, ss styleSet, c *model.CellSpec, cur bool, cw int) (string, int) {
	sep := " "
	if cur {
		sep = strSymCursor
	}
	if cur && v.edit != nil {
		text, caret := v.edit.visible(cw - 1)
		return sep + ss.editing.render(pad(text, cw-1)) + " ", 1 + caret
	}
	val, state := v.r.ValueOf(c)
	txt := ""
	if state != model.Empty {
		txt = val.String()
	}
	mark := " "
	style := ss.plain
	if c.Computed {
		style = ss.computed
		if state == model.Incomplete {
			mark = strSymIncomp
		}
	}
	if v.marks != nil {
		switch v.marks(c.Addr) {
		case '!':
			mark, style = strSymError, ss.err
		case '?':
			mark, style = strSymWarning, ss.warn
		}
	}
	body := padL(txt, cw-1) + mark
	if cur {
		if v.focused {
			return ss.cursor.render(sep + body), -1
		}
		return sep + ss.cursorOff.render(body), -1
	}
	return sep + style.render(body), -1
}

// colHeader is a one-line header of a block's columns; the head of column
// cur (-1: none) is drawn whole over its neighbours when it is too wide for
// its own.
func colHeader(b model.Block, left, nvis, cw, lw, cur int) string {
	var s strings.Builder
	s.WriteString(pad(b.ItemHeader, lw))
	end := min(len(b.Cols), left+nvis)
	for ci := left; ci < end; ci++ {
		s.WriteString(" " + padL(b.Cols[ci].Label, cw))
	}
	line := s.String()
	if cur >= left && cur < end && dw(b.Cols[cur].Label) > cw {
		line = overlay(line, b.Cols[cur].Label, lw+(cur-left)*(cw+1), cw+1, lw, lw+(end-left)*(cw+1))
	}
	return line
}

// overlay writes text over the plain line, centred on the columns
// [x, x+w) and shifted to stay within [from, to), with a blank on each side
// where there is room: a column head too wide for its column shown whole
// while the cursor is in that column.
func overlay(line, text string, x, w, from, to int) string {
	tw := dw(text) + 2
	if tw > to-from {
		text, tw = cut(text, to-from), to-from
	} else {
		text = " " + text + " "
	}
	x0 := min(max(x+(w-tw)/2, from), to-tw)
	left := ansi.Truncate(line, x0, "")
	left += strings.Repeat(" ", max(0, x0-dw(left)))
	right := ansi.TruncateLeft(line, x0+tw, "")
	lw := dw(line)
	if pad := lw - x0 - tw - dw(right); pad > 0 {
		right = strings.Repeat(" ", pad) + right
	}
	return left + text + right
}

// spanHeader draws an official multi-row header whose cells span rows and
// columns, for the visible columns [left, left+nvis). With rule (四 in one
// row), a cell spanning columns is ruled with '-' across its extent and a
// column name too wide for its cell takes two lines.
func spanHeader(hdr [][]model.HeaderCell, left, nvis, cw, lw int, item string, rule bool, cur int) []string {
	// Place every header cell on a grid of (header row, column).
	type placed struct {
		text     string
		id, row0 int
	}
	ncols := 0
	for _, c := range hdr[0] {
		ncols += max(1, c.ColSpan)
	}
	grid := make([][]*placed, len(hdr))
	for i := range grid {
		grid[i] = make([]*placed, ncols)
	}
	id := 0
	for ri, row := range hdr {
		col := 0
		for _, c := range row {
			for col < ncols && grid[ri][col] != nil {
				col++
			}
			p := &placed{text: c.Text, id: id, row0: ri}
			id++
			for dr := 0; dr < max(1, c.RowSpan) && ri+dr < len(hdr); dr++ {
				for dc := 0; dc < max(1, c.ColSpan) && col+dc < ncols; dc++ {
					grid[ri+dr][col+dc] = p
				}
			}
			col += max(1, c.ColSpan)
		}
	}
	slot := cw + 1
	var out []string
	for ri := range hdr {
		// A header row is one screen line, or more when column names
		// are split.
		nl := 1
		if rule {
			for ci := left; ci < min(ncols, left+nvis); ci++ {
				single := (ci == 0 || grid[ri][ci-1] != grid[ri][ci]) && (ci+1 == ncols || grid[ri][ci+1] != grid[ri][ci])
				if p := grid[ri][ci]; p != nil && p.row0 == ri && single {
					nl = max(nl, len(splitLabel(p.text, slot-1)))
				}
			}
		}
		for li := 0; li < nl; li++ {
			var s strings.Builder
			if ri == len(hdr)-1 && li == 0 {
				s.WriteString(pad(item, lw))
			} else {
				s.WriteString(strings.Repeat(" ", lw))
			}
			end := min(ncols, left+nvis)
			for ci := left; ci < end; {
				p := grid[ri][ci]
				n := 1
				for ci+n < end && grid[ri][ci+n] == p {
					n++
				}
				text := ""
				if p != nil && p.row0 == ri {
					text = p.text
				}
				switch {
				case rule && n > 1 && text != "" && li == 0:
					s.WriteString(ruled(text, n*slot))
				case rule && n > 1:
					s.WriteString(strings.Repeat(" ", n*slot))
				case rule:
					part := ""
					if parts := splitLabel(text, slot-1); li < len(parts) {
						part = parts[li]
					}
					s.WriteString(center(part, n*slot))
				default:
					s.WriteString(center(text, n*slot))
				}
				ci += n
			}
			line := s.String()
			// The cursor's column head whole (社会公益组织 in 8 columns).
			if end := min(ncols, left+nvis); !rule && li == 0 && cur >= left && cur < end {
				if p := grid[ri][cur]; p != nil && p.row0 == ri && dw(p.text) > slot &&
					(cur == 0 || grid[ri][cur-1] != p) && (cur+1 == ncols || grid[ri][cur+1] != p) {
					line = overlay(line, p.text, lw+(cur-left)*slot, slot, lw, lw+(end-left)*slot)
				}
			}
			out = append(out, line)
		}
	}
	return out
}
