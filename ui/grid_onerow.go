package ui

import (
	"strings"

	"nianbao/model"
)

// 四 is printed as ONE row of 15 cells (行政复议, 未经复议直接起诉,
// 复议后起诉, five columns each) under a three-row header. The grid draws it
// that way when the pane is wide enough, and as three rows of five (its
// model's block) otherwise. The cursor is always a cell of the block
// (g.b, g.row, g.col), so a change of layout on resize keeps it on the same
// cell; only movement and drawing differ.

// oneRowMinCW is the narrowest value cell of the one-row layout: four
// digits and the marker (the column names then take two header lines).
const oneRowMinCW = 5

// oneRowCells is the table's cells in printed order: the block's rows side
// by side.
func oneRowCells(t *model.Table) []*model.CellSpec {
	var out []*model.CellSpec
	for _, row := range gridCells[t][0] {
		out = append(out, row...)
	}
	return out
}

// gridPrinted[t] is the printed row of a OneRow table (filled with
// gridCells at init).
var gridPrinted = map[*model.Table][]*model.CellSpec{}

// printedCells is t's cells in the one-row order, nil for other tables.
func printedCells(t *model.Table) []*model.CellSpec { return gridPrinted[t] }

// oneRowGeom decides whether t is drawn as one row in w columns, and with
// which cell and label widths. Every figure must fit whole: a value too
// wide for the row sends the table back to three rows rather than being
// cut.
func (g *gridState) oneRowGeom(r *model.Report, w int) (cw, lw int, ok bool) {
	cells := printedCells(g.t)
	if len(cells) == 0 || len(g.t.Header) == 0 {
		return 0, 0, false
	}
	need := oneRowMinCW
	for _, c := range cells {
		if v, st := r.ValueOf(c); st != model.Empty {
			need = max(need, len(v.String())+1) // figures are ASCII
		}
	}
	lw = dw(g.t.OneRowLabel) + 1
	n := len(cells)
	if lw+n*(need+1) > w {
		return 0, 0, false
	}
	// Spare room widens the cells, up to the three-row layout's width.
	cw = max(need, min(cellWidth(g.t), (w-lw)/n-1))
	return cw, lw, true
}

// linear is the cursor's position in the printed row.
func (g *gridState) linear() int { return g.row*len(g.t.Blocks[0].Cols) + g.col }

// setLinear moves the cursor to position i of the printed row (clamped).
func (g *gridState) setLinear(i int) {
	n := len(g.t.Blocks[0].Cols)
	i = min(max(i, 0), len(g.t.Blocks[0].Rows)*n-1)
	g.b, g.row, g.col = 0, i/n, i%n
}

// renderOneRow draws the one-row layout: the official header (spanning
// cells ruled with '-' so their extent shows) and the single data row.
func (g *gridState) renderOneRow(v gridView, w, h, cw, lw int) (lines []string, hits []cellHit, cx, cy int) {
	st := v.st
	cx, cy = -1, -1
	t := g.t
	cells := printedCells(t)
	slot := cw + 1
	g.left, g.top = 0, 0
	if k := (frameKey{w: w, lw: lw, nvis: len(cells), sgen: v.sgen, one: true, cw: cw}); g.key != k || g.labelCache == nil {
		g.key, g.labelCache = k, map[int]string{}
		g.head = g.head[:0]
		for _, hl := range oneRowHeader(t.Header, len(cells), cw, lw) {
			g.head = append(g.head, st.w.Header.render(hl))
		}
		g.labelCache[0] = st.w.Label.render(pad(onScreen(t.OneRowLabel), lw))
	}
	g.lastRows = 1
	ss := frameStyles(st)
	lines = make([]string, 0, len(g.head)+1)
	lines = append(lines, g.head...)
	y := len(lines)
	cur := g.linear()
	var b strings.Builder
	b.Grow(len(g.labelCache[0]) + len(cells)*(slot+24))
	b.WriteString(g.labelCache[0])
	x := lw
	for i, c := range cells {
		hits = append(hits, cellHit{y: y, x0: x, x1: x + slot, addr: c.Addr})
		s, ex := g.cellText(v, ss, c, i == cur, cw)
		if ex >= 0 {
			cx, cy = x+ex, y
		}
		b.WriteString(s)
		x += slot
	}
	lines = append(lines, b.String())
	return lines, hits, cx, cy
}

// oneRowHeader draws the official header of a one-row table over ncols
// cells cw wide: a cell spanning columns is ruled with '-' so its extent
// shows; a cell spanning rows is drawn in the last row it spans, so that the
// heads of all 15 columns (行政复议's spanning rows 2–3, the 诉讼 groups'
// in row 3) stand on the same lines right above their figures; a head too
// wide for its cell is split over lines.
func oneRowHeader(hdr [][]model.HeaderCell, ncols, cw, lw int) []string {
	type placed struct {
		text string
		last int // the last header row the cell spans
	}
	grid := make([][]*placed, len(hdr))
	for i := range grid {
		grid[i] = make([]*placed, ncols)
	}
	for ri, row := range hdr {
		col := 0
		for _, c := range row {
			for col < ncols && grid[ri][col] != nil {
				col++
			}
			rs := max(1, c.RowSpan)
			p := &placed{text: c.Text, last: min(ri+rs, len(hdr)) - 1}
			for dr := 0; dr < rs && ri+dr < len(hdr); dr++ {
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
		// runs of one cell across columns, each drawn only in its last row
		type run struct {
			p    *placed
			n    int
			draw bool
		}
		var runs []run
		nl := 1
		for ci := 0; ci < ncols; {
			p, n := grid[ri][ci], 1
			for ci+n < ncols && grid[ri][ci+n] == p {
				n++
			}
			draw := p != nil && p.last == ri
			if draw && n == 1 {
				nl = max(nl, len(splitLabel(p.text, slot-1)))
			}
			runs = append(runs, run{p, n, draw})
			ci += n
		}
		for li := range nl {
			var s strings.Builder
			s.WriteString(strings.Repeat(" ", lw))
			for _, r := range runs {
				switch {
				case !r.draw || r.n > 1 && li > 0:
					s.WriteString(strings.Repeat(" ", r.n*slot))
				case r.n > 1:
					s.WriteString(ruled(r.p.text, r.n*slot))
				default:
					part := ""
					if parts := splitLabel(r.p.text, slot-1); li < len(parts) {
						part = parts[li]
					}
					s.WriteString(center(part, slot))
				}
			}
			out = append(out, s.String())
		}
	}
	return out
}

// ruled centres s in w columns between runs of '-', with a blank column on
// the left to part it from the span before.
func ruled(s string, w int) string {
	if w < 2 {
		return strings.Repeat(" ", max(w, 0))
	}
	inner := w - 1
	s = cut(" "+s+" ", inner)
	l := (inner - dw(s)) / 2
	return " " + strings.Repeat("-", l) + s + strings.Repeat("-", inner-l-dw(s))
}

// splitLabel breaks a column name too wide for w columns into lines of
// about equal width (结果维持 → 结果 / 维持).
func splitLabel(s string, w int) []string {
	if dw(s) <= w {
		return []string{s}
	}
	half := (dw(s) + 1) / 2
	half += half % 2 // whole ideographs
	return wrapPlain(s, max(2, min(w, half)))
}
