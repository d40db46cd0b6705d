package importer

import (
	"math"
	"strconv"

	"nianbao/model"
)

// Text extracted from a PDF without -layout (pdftotext's default, a PDF
// viewer's copy) keeps no column positions: a table's cells come one after
// another in the order of pdftotext's reading-order sort, labels and
// headers among them. That sort keeps two rules (Breuel's, as poppler
// implements them): a cell comes after the cell above it, and after the
// cell to its left. Within them the order varies with the document: row by
// row (Chromium), bands of two rows column by column (LibreOffice's PDF of
// a Word file), a staircase of several rows at the top of a page, under
// the repeated header. Figures printed on one line are in one row.
//
// orderRead finds every reading of a table's figures that keeps these
// rules and in which every printed total is the sum it prints (each row's
// 总计, and each column of （七）总计): the figures must be those of the
// whole table, nothing blank or dashed, and the rows come in runs of whole
// rows (at most orderMaxRun) that no figure of another run is mixed into. A
// cell is placed only when every reading gives it the same figure; where
// two readings differ it is left empty and said. Readings that differ only
// in which of two equal figures (two zeros) goes where are one reading.

// ofig is a figure of a table in the order the text gives it.
type ofig struct {
	text string
	v    model.Dec
	line int // the line it stands on: figures on one line are in one row
	// flow is the run of lines between blank lines it stands in: a flow
	// is read top to bottom and left to right, so that a figure after
	// another in its flow is in a lower row, or in the same row to the
	// right.
	flow int
}

const (
	orderMaxRun      = 5         // rows in one run (a page's staircase is up to 5)
	orderMaxReadings = 64        // readings of a run told apart before giving up
	orderMaxPartial  = 4096      // readings of the rows so far told apart
	orderBudget      = 4_000_000 // steps of the search, for a whole table
)

// orderFigures lists the figures of rows in reading order, with their
// lines. ok is false when a dash stands among them (a printed cell with no
// figure: where it stands cannot be told from the order) or a figure
// cannot be read in unit.
//
// flows gives each row's flow (nil: each row is a flow of its own).
func orderFigures(rows [][]string, flows []int, unit model.Unit) (figs []ofig, ok bool) {
	for li, row := range rows {
		flow := -1 - li
		if li < len(flows) {
			flow = flows[li]
		}
		for _, c := range row {
			switch kindOf(c) {
			case vDash:
				return nil, false
			case vNum:
				v, err := model.ParseInput(unit, stripUnit(c))
				if err != nil || v < 0 {
					return nil, false
				}
				figs = append(figs, ofig{text: c, v: v, line: li, flow: flow})
			}
		}
	}
	return figs, true
}

// orderGrid is a rectangle of cells as printed, rows × cols, and the
// figures that fill it.
type orderGrid struct {
	figs   []ofig
	cols   int
	rowSum []bool // the row's last cell is printed as the sum of the others
	summed []bool // the row's cells are summed down their columns by a check
	totals []bool // the row holds the totals of such checks (（七）总计)
	steps  int    // work left
	arena  []uint64
}

// reading is what some readings of consecutive rows say: the figure
// (index into figs) of each cell, row by row, -1 where they differ; and
// per column the sum of its cells in the summed rows. Readings that agree
// on all that later checks read (the sums, the totals' figures) are kept
// as one, since whatever follows holds for all or none of them.
type reading struct {
	cells []int
	sums  []model.Dec
}

// keyOf is what later checks read of a reading of rows row0.. made of
// head's cells and then tail's (either may be nil), with column sums sums:
// the number of rows, the sums, and the figures of the rows that hold
// totals.
func (g *orderGrid) keyOf(buf []byte, rows, row0 int, sums []model.Dec, head, tail []int) []byte {
	buf = strconv.AppendInt(buf[:0], int64(rows), 10)
	for _, v := range sums {
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(v), 10)
	}
	buf = append(buf, '|')
	for i := range len(head) + len(tail) {
		if !g.totals[row0+i/g.cols] {
			continue
		}
		f := 0
		if i < len(head) {
			f = head[i]
		} else {
			f = tail[i-len(head)]
		}
		buf = strconv.AppendInt(buf, int64(g.figs[f].v), 10)
		buf = append(buf, ' ')
	}
	return buf
}

// mergeInto makes dst say what it says and what cells (from index at)
// say.
func (g *orderGrid) mergeInto(dst []int, at int, cells []int) {
	for i, f := range cells {
		if d := dst[at+i]; d >= 0 && (f < 0 || g.figs[f].v != g.figs[d].v) {
			dst[at+i] = -1
		}
	}
}

// readingSet gathers readings, one for each key.
type readingSet struct {
	keys []string
	by   map[string]*reading
}

// add merges the reading of head's cells then tail's, with sums, in under
// key; false when there would be more than limit.
func (rs *readingSet) add(g *orderGrid, key []byte, head, tail []int, sums []model.Dec, limit int) bool {
	if old, ok := rs.by[string(key)]; ok {
		g.mergeInto(old.cells, 0, head)
		g.mergeInto(old.cells, len(head), tail)
		return true
	}
	if len(rs.keys) == limit {
		return false
	}
	if rs.by == nil {
		rs.by = map[string]*reading{}
	}
	r := &reading{cells: make([]int, 0, len(head)+len(tail)), sums: append([]model.Dec(nil), sums...)}
	r.cells = append(append(r.cells, head...), tail...)
	rs.keys = append(rs.keys, string(key))
	rs.by[string(key)] = r
	return true
}

// runEnd is a reading of a run of rows, from the search's row on: how
// many rows it has.
type runEnd struct {
	rows int
	r    *reading
}

// runsFrom returns, by their number of rows (1 … orderMaxRun), the
// readings of the runs of rows that start at row a: rows a..a+k-1 read from
// exactly the figures a*cols … (a+k)*cols-1. ok is false when the work
// allowed ran out.
func (g *orderGrid) runsFrom(a int) (byRows map[int][]*reading, ok bool) {
	from := a * g.cols
	rowsLeft := min(orderMaxRun, len(g.rowSum)-a)
	to := min(len(g.figs), from+rowsLeft*g.cols)
	if from > 0 && g.figs[from-1].line == g.figs[from].line {
		return nil, true // a line's figures are in one row
	}
	s := &runSearch{g: g, row0: a, from: from, figs: g.figs[from:to], rowSum: g.rowSum[a : a+rowsLeft], memo: map[string][]runEnd{}, arena: g.arena[:0]}
	thr := make([]int, g.cols)
	for i := range thr {
		thr[i] = -1
	}
	ends := s.rows(0, 0, thr)
	if s.out {
		return nil, false
	}
	byRows = map[int][]*reading{}
	for _, e := range ends {
		byRows[e.rows] = append(byRows[e.rows], e.r)
	}
	return byRows, true
}

// runSearch reads the runs of rows from one row on.
type runSearch struct {
	g      *orderGrid
	row0   int // the first row's index in the grid
	from   int // the first figure's index in g.figs
	figs   []ofig
	rowSum []bool
	memo   map[string][]runEnd
	out    bool     // out of work, or too many readings
	arena  []uint64 // the sum plans' bit sets, used last made first freed
	plans  []*sumPlan
	keyBuf []byte
}

// stateKey says all that decides the readings of rows i.. of the run: the
// figures not yet placed (values, and which stand on one line), and for
// each column how many of them come before the cell placed above.
// Different paths that placed equal figures in other orders meet here.
func (s *runSearch) stateKey(i int, used uint64, thr []int) []byte {
	b := strconv.AppendInt(s.keyBuf[:0], int64(i), 10)
	for _, t := range thr {
		before := 0
		for p := 0; p < t; p++ {
			if used&(1<<p) == 0 {
				before++
			}
		}
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(before), 10)
	}
	b = append(b, '|')
	prev := -1
	for p := range s.figs {
		if used&(1<<p) != 0 {
			continue
		}
		switch {
		case prev >= 0 && s.figs[prev].line == s.figs[p].line:
			b = append(b, '~')
		case prev >= 0 && s.figs[prev].flow == s.figs[p].flow:
			b = append(b, ':')
		default:
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(s.figs[p].v), 10)
		prev = p
	}
	s.keyBuf = b
	return b
}

// rows returns the readings of rows i.. of the run up to where it ends
// (with their number of rows from row i), given the figures used and, per
// column, where the cell above stands (thr). A run ends where its rows
// have used exactly the figures before a point: what follows is another
// run's.
func (s *runSearch) rows(i int, used uint64, thr []int) []runEnd {
	n := len(s.figs)
	cols := s.g.cols
	if cut := i * cols; i > 0 && used == (uint64(1)<<cut)-1 {
		if at := s.from + cut; at < len(s.g.figs) && s.g.figs[at-1].line == s.g.figs[at].line {
			return nil // the next figure is on this row's line
		}
		return []runEnd{{r: &reading{sums: make([]model.Dec, cols)}}}
	}
	if i == len(s.rowSum) {
		return nil
	}
	kb := s.stateKey(i, used, thr)
	if r, ok := s.memo[string(kb)]; ok {
		return r
	}
	key := string(kb)
	var set readingSet
	rowsOf := map[string]int{}
	// The row's first cell is the first figure not yet placed: a figure
	// before it would belong to a later row, and so come after this
	// row's first cell.
	p0 := 0
	for p0 < n && used&(1<<p0) != 0 {
		p0++
	}
	if p0 < n && !(p0 > 0 && s.figs[p0-1].line == s.figs[p0].line) {
		row := make([]int, cols)
		row[0] = p0
		m := len(s.rowSum) - 1 - i // rows that may follow in the run
		last := cols - 1
		// The row's total, where it prints one, is tried first: then
		// the cells between are only those that add up to it.
		var totals []int
		if s.rowSum[i] {
			unused := 0
			for q := p0 + 1; q < n && unused <= last*(m+1)-1; q++ {
				if used&(1<<q) == 0 {
					unused++
					if q > thr[last] && s.figs[q].v >= s.figs[p0].v {
						totals = append(totals, q)
					}
				}
			}
		} else {
			totals = []int{-1}
		}
		summed := s.g.summed[s.row0+i]
		rowAbs := make([]int, cols)
		sums := make([]model.Dec, cols)
		var rk []byte
		for _, qt := range totals {
			var plan *sumPlan
			if qt >= 0 {
				if plan = s.plan(i, p0, qt, used, thr); plan == nil {
					continue // no cells between add up to this total
				}
			}
			mark := len(s.arena)
			s.choose(row, 1, p0, s.figs[p0].v, 0, m, qt, plan, used|1<<p0, thr, func(u uint64) {
				for _, e := range s.rows(i+1, u, row) {
					for c, p := range row {
						rowAbs[c] = s.from + p
						sums[c] = e.r.sums[c]
						if summed {
							sums[c] += s.figs[p].v
						}
					}
					rk = s.g.keyOf(rk, e.rows+1, s.row0+i, sums, rowAbs, e.r.cells)
					if !set.add(s.g, rk, rowAbs, e.r.cells, sums, orderMaxReadings) {
						s.out = true // too many to say which cells they agree on
						return
					}
					rowsOf[string(rk)] = e.rows + 1
				}
			})
			s.arena = s.arena[:mark]
			s.release(plan)
			if s.out {
				break
			}
		}
	}
	var out []runEnd
	for _, k := range set.keys {
		out = append(out, runEnd{rows: rowsOf[k], r: set.by[k]})
	}
	if !s.out {
		s.memo[key] = out
	}
	return out
}

// choose picks the figure of column c of the row being read, after prev:
// unused, after the cell above it (thr[c]), with no figure of its line
// left to another row. Figures passed over belong to later rows, in
// columns left of c: at most c of them for each later row of the run (m).
// The last column is the row's total where the row prints one.
//
// qt is the row's total when it is known (else -1): then only figures that
// keep the sum within it are taken, and the last column is qt.
func (s *runSearch) choose(row []int, c, prev int, sum model.Dec, skipped, m, qt int, plan *sumPlan, used uint64, thr []int, done func(uint64)) {
	n := len(s.figs)
	last := c == len(row)-1
	end := n
	if qt >= 0 {
		end = qt + 1
	}
	for q := prev + 1; q < end; q++ {
		if s.g.steps--; s.g.steps < 0 {
			s.out = true
			return
		}
		if used&(1<<q) != 0 {
			continue
		}
		fits := q > thr[c] && s.follows(q, prev, used)
		// A figure on the same line as the one before it goes with it.
		joined := s.figs[q-1].line == s.figs[q].line
		if fits && s.equalBefore(q, prev, thr[c], used) {
			// The free figure before q is the same, and goes to a later
			// row: a reading with q here has a twin with that figure
			// here and q in its place, the same figures in the same
			// cells. Only the twin is followed.
			fits = false
		}
		switch {
		case !last && qt >= 0:
			fits = fits && q < qt && plan.can(c, q, s.figs[qt].v-sum-s.figs[q].v)
		case last && qt >= 0:
			fits = fits && q == qt && sum == s.figs[qt].v
		}
		if fits {
			row[c] = q
			switch {
			case !last:
				s.choose(row, c+1, q, sum+s.figs[q].v, skipped, m, qt, plan, used|1<<q, thr, done)
			case q+1 < n && s.figs[q+1].line == s.figs[q].line:
				// The row's last cell has a figure of its line after it.
			default:
				done(used | 1<<q)
			}
			if s.out {
				return
			}
		}
		// q is passed over: it belongs to a later row.
		if q == prev+1 && joined {
			return // it stands on prev's line, so it is in prev's row
		}
		if skipped++; skipped > c*m {
			return
		}
	}
}

// equalBefore reports whether the last free figure before q is the same
// as q, after prev and after the cell above (thr), both alone on their
// lines. That figure then goes to a later row (this row's cells are taken
// in order), and whatever reading puts q in this cell has a twin that puts
// it here and q where it went: only figures of earlier rows stand between
// them, and no cell of a later row comes before one of this row's.
func (s *runSearch) equalBefore(q, prev, thr int, used uint64) bool {
	p := q - 1
	for p >= 0 && used&(1<<p) != 0 {
		p--
	}
	if p <= prev || p <= thr || s.figs[p].v != s.figs[q].v || !s.follows(p, prev, used) {
		return false
	}
	// q ends its flow (and so its line): what follows q in the twin
	// need not come after the later row q goes to.
	next := s.from + q + 1
	return next >= len(s.g.figs) || s.g.figs[next].flow != s.figs[q].flow
}

// follows reports whether the figure at q may be the next cell of the row
// whose cell so far is at prev: the figure before it in its flow (or on
// its line) is not one passed over for a later row. (In its flow a figure
// comes after those of rows above it; on its line, with the one before.)
func (s *runSearch) follows(q, prev int, used uint64) bool {
	p := q - 1
	if p < 0 || p == prev || used&(1<<p) != 0 {
		return true
	}
	return s.figs[p].flow != s.figs[q].flow && s.figs[p].line != s.figs[q].line
}

// sumPlan says, for a row whose first cell and total are chosen, which
// sums the cells still to choose can make: so that the search only
// follows choices that can add up to the total. It ignores where the
// passed-over figures may go (the search checks that), so it never rules
// out a reading. Small totals get the exact sums (bit sets); larger ones
// the least and the most the cells can make.
type sumPlan struct {
	cols  int
	loose bool     // the plan rules nothing out
	at    []int    // at[q]: the index in cand of position q
	cand  []int    // the unused positions between the first cell and the total
	words int      // bit set size; 0 when the plan keeps bounds only
	bits  []uint64 // (c-1, j): sums columns c..cols-2 can make from cand[j:]
	lo    [][]int64
	hi    [][]int64 // lo[r][j], hi[r][j]: least and most r figures of cand[j:] make
	vals  []int64   // scratch: the figures from cand[j] on, in order
}

// orderExactSum bounds the totals whose sums are kept exactly.
const orderExactSum = 4096

func (p *sumPlan) set(c, j int) []uint64 {
	n := len(p.cand) + 1
	i := ((c-1)*n + j) * p.words
	return p.bits[i : i+p.words]
}

// can reports whether, once the cell of column c is at position q, the
// columns after it (before the total) can make rest.
func (p *sumPlan) can(c, q int, rest model.Dec) bool {
	if rest < 0 || rest%model.DecScale != 0 {
		return false
	}
	r := int64(rest / model.DecScale)
	if c == p.cols-2 {
		return r == 0
	}
	if p.loose {
		return true
	}
	j := p.at[q] + 1
	if p.words > 0 {
		b := p.set(c+1, j)
		return r/64 < int64(len(b)) && b[r/64]&(1<<(r%64)) != 0
	}
	k := p.cols - 2 - c // cells still to choose
	return k < len(p.lo) && j < len(p.lo[k]) && p.lo[k][j] <= r && r <= p.hi[k][j]
}

// plan makes the sum plan of a row from p0 with its total at qt, or nil
// when no choice of cells between can add up to the total. The bit sets
// come from the search's arena; release gives them back.
func (s *runSearch) plan(i, p0, qt int, used uint64, thr []int) *sumPlan {
	target := s.figs[qt].v - s.figs[p0].v
	if target < 0 || target%model.DecScale != 0 {
		return nil
	}
	t := int64(target / model.DecScale)
	// One plan is in use for each row of the run at a time: its memory
	// is used again for the row's next total.
	for len(s.plans) <= i {
		s.plans = append(s.plans, &sumPlan{})
	}
	p := s.plans[i]
	*p = sumPlan{cols: s.g.cols, at: p.at[:0], cand: p.cand[:0], lo: p.lo, hi: p.hi, vals: p.vals[:0]}
	p.at = append(p.at, make([]int, len(s.figs))...)
	for q := p0 + 1; q < qt; q++ {
		if used&(1<<q) == 0 {
			p.at[q] = len(p.cand)
			p.cand = append(p.cand, q)
		}
	}
	need := s.g.cols - 2 // cells between the first and the total
	if len(p.cand) < need {
		return nil
	}
	// The least and the most r of the figures from cand[j] on make.
	for len(p.lo) <= need {
		p.lo = append(p.lo, nil)
		p.hi = append(p.hi, nil)
	}
	for r := 0; r <= need; r++ {
		p.lo[r] = append(p.lo[r][:0], make([]int64, len(p.cand)+1)...)
		p.hi[r] = append(p.hi[r][:0], make([]int64, len(p.cand)+1)...)
	}
	for j := len(p.cand); j >= 0; j-- {
		if j < len(p.cand) {
			v := s.figs[p.cand[j]].v
			if v%model.DecScale != 0 {
				p.loose = true // not whole: bounds say nothing
				return p
			}
			p.vals = insertSorted(p.vals, int64(v/model.DecScale))
		}
		for r := 1; r <= need; r++ {
			if r > len(p.vals) {
				p.lo[r][j], p.hi[r][j] = math.MaxInt64, -1
				continue
			}
			var lo, hi int64
			for x := 0; x < r; x++ {
				lo += p.vals[x]
				hi += p.vals[len(p.vals)-1-x]
			}
			p.lo[r][j], p.hi[r][j] = lo, hi
		}
	}
	// Making the plan is work too.
	if s.g.steps -= len(p.cand) * need; s.g.steps < 0 {
		s.out = true
		return nil
	}
	if t < p.lo[need][0] || t > p.hi[need][0] {
		return nil
	}
	if t >= orderExactSum {
		return p
	}
	p.words = int(t/64) + 1
	n := len(p.cand) + 1
	size := (s.g.cols - 1) * n * p.words
	if cap(s.arena)-len(s.arena) < size {
		return p // no room: bounds only
	}
	p.bits = s.arena[len(s.arena) : len(s.arena)+size]
	s.arena = s.arena[:len(s.arena)+size]
	clear(p.bits)
	last := s.g.cols - 1
	for j := 0; j < n; j++ {
		p.set(last, j)[0] = 1 // nothing more to choose: 0
	}
	for c := last - 1; c >= 1; c-- {
		for j := n - 2; j >= 0; j-- {
			b := p.set(c, j)
			copy(b, p.set(c, j+1))
			if q := p.cand[j]; q > thr[c] {
				orShifted(b, p.set(c+1, j+1), int(s.figs[q].v/model.DecScale))
			}
		}
	}
	if b := p.set(1, 0); b[t/64]&(1<<(t%64)) == 0 {
		s.release(p)
		return nil
	}
	return p
}

// release gives a plan's bit sets back to the arena (plans are made and
// released last first).
func (s *runSearch) release(p *sumPlan) {
	if p != nil && len(p.bits) > 0 {
		s.arena = s.arena[:len(s.arena)-len(p.bits)]
	}
}

func insertSorted(xs []int64, v int64) []int64 {
	i := len(xs)
	xs = append(xs, v)
	for i > 0 && xs[i-1] > v {
		xs[i] = xs[i-1]
		i--
	}
	xs[i] = v
	return xs
}

// orShifted adds to b every member of o plus d (those that fit).
func orShifted(b, o []uint64, d int) {
	w, s := d/64, uint(d%64)
	for i := len(b) - 1; i >= w; i-- {
		v := o[i-w] << s
		if s != 0 && i-w-1 >= 0 {
			v |= o[i-w-1] >> (64 - s)
		}
		b[i] |= v
	}
}

// colCheck is a printed sum down columns (（七）总计): the cell at row,
// col adds up the columns cols over the summed rows.
type colCheck struct {
	row, col int
	cols     []int
}

// newOrderGrid sets up the reading of trs from figs; ok is false when the
// figures are not as many as the cells, or a sum is of a form the reader
// does not know.
func newOrderGrid(trs []tableRow, figs []ofig) (g *orderGrid, checks []colCheck, ok bool) {
	if len(trs) == 0 {
		return nil, nil, false
	}
	cols := len(trs[0].cells)
	if len(figs) != len(trs)*cols {
		return nil, nil, false
	}
	g = &orderGrid{figs: figs, cols: cols, steps: orderBudget, arena: make([]uint64, 0, 1<<16)}
	at := map[model.CellAddr][2]int{}
	for ri, tr := range trs {
		if len(tr.cells) != cols {
			return nil, nil, false
		}
		for ci, c := range tr.cells {
			at[c.Addr] = [2]int{ri, ci}
		}
		// A row's total that sums the cells beside it is checked as the
		// row is read.
		last := tr.cells[cols-1]
		g.rowSum = append(g.rowSum, last.Computed && len(last.Inputs) == cols-1 && !tr.row.Computed)
	}
	g.summed = make([]bool, len(trs))
	g.totals = make([]bool, len(trs))
	// The other sums (（七）总计) add up columns over the same rows: each
	// is checked from the columns' sums when its row is read.
	for ri, tr := range trs {
		for ci, c := range tr.cells {
			if !c.Computed || g.rowSum[ri] && ci == cols-1 {
				continue
			}
			cc := colCheck{row: ri, col: ci}
			inCols := map[int]bool{}
			for _, in := range c.Inputs {
				p, ok := at[in]
				if !ok || p[0] >= ri {
					return nil, nil, false
				}
				g.summed[p[0]] = true
				inCols[p[1]] = true
			}
			for c := range cols {
				if inCols[c] {
					cc.cols = append(cc.cols, c)
				}
			}
			g.totals[ri] = true
			checks = append(checks, cc)
		}
	}
	rows := 0
	for _, s := range g.summed {
		if s {
			rows++
		}
	}
	for _, cc := range checks {
		if n := len(trs[cc.row].cells[cc.col].Inputs); n != rows*len(cc.cols) {
			return nil, nil, false
		}
	}
	return g, checks, true
}

// orderRead reads the grid of trs (all of them, in printed order, with
// cols cells each) from figs. It returns for each row the texts of its
// cells, "" where readings differ (those cells in amb), or nil when no
// reading holds, or when the search ran out of work (more says so).
func orderRead(trs []tableRow, figs []ofig) (got [][]string, amb []model.CellAddr, more bool) {
	g, checks, ok := newOrderGrid(trs, figs)
	if !ok {
		return nil, nil, false
	}
	cols := g.cols
	// Runs of rows: reach[a] holds the readings of rows 0..a-1, one for
	// each set of column sums.
	reach := make([]readingSet, len(trs)+1)
	reach[0].add(g, nil, nil, nil, make([]model.Dec, cols), 1)
	for a := 0; a < len(trs); a++ {
		if len(reach[a].keys) == 0 {
			continue
		}
		runs, ok := g.runsFrom(a)
		if !ok {
			return nil, nil, true
		}
		sums := make([]model.Dec, cols)
		var kb []byte
		for k := 1; k <= orderMaxRun; k++ {
			for _, hk := range reach[a].keys {
				head := reach[a].by[hk]
			next:
				for _, r := range runs[k] {
					for c := range cols {
						sums[c] = head.sums[c] + r.sums[c]
					}
					for _, cc := range checks {
						if cc.row < a || cc.row >= a+k {
							continue
						}
						var sum model.Dec
						for _, c := range cc.cols {
							sum += sums[c]
						}
						if f := r.cells[(cc.row-a)*cols+cc.col]; f < 0 || sum != figs[f].v {
							continue next
						}
					}
					kb = g.keyOf(kb, 0, 0, sums, nil, nil)
					if !reach[a+k].add(g, kb, head.cells, r.cells, sums, orderMaxPartial) {
						return nil, nil, true
					}
				}
			}
		}
	}
	final := reach[len(trs)]
	if len(final.keys) == 0 {
		return nil, nil, false
	}
	all := final.by[final.keys[0]]
	for _, k := range final.keys[1:] {
		g.mergeInto(all.cells, 0, final.by[k].cells)
	}
	got = make([][]string, len(trs))
	for ri, tr := range trs {
		got[ri] = make([]string, cols)
		for ci, c := range tr.cells {
			if f := all.cells[ri*cols+ci]; f >= 0 {
				got[ri][ci] = figs[f].text
			} else if !c.Computed {
				amb = append(amb, c.Addr)
			}
		}
	}
	return got, amb, false
}
