package importer

import (
	"fmt"
	"strconv"
	"strings"

	"nianbao/model"
)

type valueKind int

const (
	vText  valueKind = iota // not a figure: a label, a header, anything else
	vBlank                  // an empty cell
	vDash                   // -, —, /, 无: printed instead of a figure
	vNum                    // looks like a figure
)

var numberLike = lazyRegexp(`^[+-]?[0-9][0-9,]*(?:\.[0-9]+)?$|^[+-]?\.[0-9]+$`)

var dashes = map[string]bool{
	"-": true, "--": true, "—": true, "——": true, "–": true, "―": true, "─": true, "－": true, "/": true, "／": true,
	"\\": true, "无": true, "〃": true, "…": true, "x": true, "×": true,
}

func kindOf(cell string) valueKind {
	s := strings.TrimSpace(cell)
	if s == "" {
		return vBlank
	}
	if dashes[s] {
		return vDash
	}
	if numberLike().MatchString(narrowNumber(stripUnit(s))) {
		return vNum
	}
	return vText
}

// readTable places the figures of one statistical table. rows are the table's
// rows of cell strings in printed order, as read from text or from the grid of
// an HTML table; nil when the source has no such table.
//
// A row is placed by its label: the last cell in it that is a data-row label
// of t (with rowspan labels, earlier cells hold the parents); the cells after
// it are the figures, in the official column order, the printed total last
// and optional. Rows of figures without a label (pages that leave the label
// cells out) are placed by position between the labelled rows around them,
// but only when their number fits the rows the format has there: a page that
// also drops a row would otherwise shift every figure below it into the
// wrong row, so such a run is left empty and reported instead. Table 四
// printed as one row of 15 (or 12, without totals) figures is split into its
// three groups.
func (a *assembler) readTable(r *model.Report, t *model.Table, rows [][]string) {
	name := "表" + t.Number + "（" + t.Title + "）"
	if len(rows) == 0 {
		a.cellNote(tableInputs(t), "原文中没有找到%s的数字（表格可能是图片或缺失），%s留空", name, "表"+t.Number)
		return
	}
	if t == model.S2 && is2019(rows) {
		a.cellNote(tableInputs(t), "表二是 2019 年试行格式（有「本年新制作数量」「对外公开总数量」等栏目），与 2021 年格式的栏目不同，表二的数字未导入，已留空，请按 2021 年格式重新填写")
		return
	}
	m := matcherFor(t)
	trs := tableRows(t)
	got := make([][]string, len(trs))
	bad := make([]bool, len(trs))
	var unsure map[model.CellAddr]bool // cells whose figure two readings dispute
	switch {
	case a.orderOnly && t != model.S4:
		// Text without column positions: the figures in their order
		// (see orderRead), wherever the labels stand.
		if ord, amb, ok := a.orderTable(t, trs, rows); ok {
			rows = nil
			copy(got, ord)
			unsure = amb
		}
	case a.fromPDF:
		if seq := sequenceRead(trs, rows); seq != nil {
			// Every figure of the table in reading order, confirmed by
			// its arithmetic: labels, wherever they stand, are not needed.
			rows = nil
			copy(got, seq)
		}
	}
	// anchor is the first row the next unlabelled figures may fill; run
	// holds those figures until the next labelled row (or the end) says how
	// many rows they must fill.
	anchor := 0
	var run [][]string
	unplaced := map[string]bool{}
	notePlace := func(text string) {
		if !unplaced[text] && len(unplaced) < 20 {
			unplaced[text] = true
			a.note("%s中有无法识别的内容「%s」，未导入", "表"+t.Number, clip(text))
		}
	}
	take := func(ri int, vals []string) {
		tr := trs[ri]
		n := len(tr.cells)
		hasTotal := tr.cells[n-1].Computed
		for len(vals) > n && kindOf(vals[len(vals)-1]) == vBlank {
			vals = vals[:len(vals)-1]
		}
		for len(vals) > n && kindOf(vals[0]) == vBlank {
			vals = vals[1:]
		}
		if len(vals) < n && hasTotal {
			// Cells run together with no separator (120012 for
			// 12 | 0 | 0 | 12): placed only when one reading alone
			// makes the printed total the sum of the rest.
			split, count, steps := splitRunTogether(vals, n, a.splitBudget)
			a.splitBudget -= steps
			if count == 1 {
				a.cellNote(inputsOf(tr), "表%s「%s」这一行原文的数字连在一起（「%s」），只有一种拆分能使合计相符，已读作 %s", t.Number, tr.row.Label, strings.Join(vals, " "), strings.Join(split, "、"))
				vals = split
			} else if count > 1 && !bad[ri] {
				a.cellNote(inputsOf(tr), "表%s「%s」这一行原文的数字连在一起（「%s」），有 %d 种以上拆分都能使合计相符，无法确定，该行未导入，已留空", t.Number, tr.row.Label, strings.Join(vals, " "), count)
				bad[ri] = true
				return
			}
		}
		if len(vals) != n && !(hasTotal && len(vals) == n-1) {
			if !bad[ri] {
				a.cellNote(inputsOf(tr), "表%s「%s」这一行原文有 %d 个数，与格式的 %d 栏对不上，该行未导入，已留空", t.Number, tr.row.Label, len(vals), n)
			}
			bad[ri] = true
			return
		}
		if got[ri] != nil {
			if strings.Join(got[ri], "\x00") != strings.Join(vals, "\x00") {
				a.cellNote(inputsOf(tr), "表%s「%s」这一行在原文中出现了两次且数字不同，只导入了第一次的数字", t.Number, tr.row.Label)
			}
			return
		}
		got[ri] = vals
	}
	prefix := make([]bool, len(trs)) // rows read up to where the text stops
	for i, row := range rows {
		li, ri, labels := -1, 0, 0
		for i, c := range row {
			if k, ok := m.row(c); ok {
				li, ri = i, k
				labels++
			}
		}
		var vals []string
		if li >= 0 {
			vals = row[li+1:]
		} else {
			// Leading frame cells (件数, a parent label) carry no figures.
			i := 0
			for i < len(row) && kindOf(row[i]) == vText && m.isFrame(row[i]) {
				i++
			}
			if a.fromPDF {
				// Fragments of wrapped labels beside figures: the
				// figures are a row without a label.
				for i < len(row) && kindOf(row[i]) == vText {
					i++
				}
			}
			vals = row[i:]
		}
		figures, texts := 0, 0
		for _, v := range vals {
			switch kindOf(v) {
			case vNum, vDash:
				figures++
			case vText:
				texts++
			}
		}
		if texts > 0 {
			// A header row, or text that is not part of the table's frame.
			for _, v := range row {
				if kindOf(v) == vText && !m.isFrame(v) {
					notePlace(v)
				}
			}
			continue
		}
		if n := len(trs[ri].cells); li >= 0 && len(vals) > 0 && len(vals) < n && i == len(rows)-1 && a.cutTable == t.ID {
			// The text stops in this row: its cells are there up to
			// where it was cut, each with its mark, so the figures read
			// are its first columns. The rest stay empty.
			a.placeRun(t, trs, run, anchor, ri, take, bad)
			run = nil
			if got[ri] == nil && !bad[ri] {
				got[ri], prefix[ri] = vals, true
				rest := inputsOf(trs[ri])[min(len(vals), len(inputsOf(trs[ri]))):]
				a.cellNote(rest, "原文在表%s「%s」这一行中途结束（摘录不完整），只有前 %d 栏，已导入；其余各栏留空", t.Number, trs[ri].row.Label, len(vals))
			}
			anchor = ri + 1
			continue
		}
		switch {
		case labels > 1 && figures == 0:
			// A header row naming several rows (四's 未经复议直接起诉 |
			// 复议后起诉), its empty cells no row's figures.
		case li >= 0 && len(vals) > 0:
			a.placeRun(t, trs, run, anchor, ri, take, bad)
			run = nil
			take(ri, vals)
			anchor = ri + 1
		case li >= 0 && labelOnly(m, row, li) && a.fromPDF:
			// A label alone on its line in a PDF may belong to the
			// figures above as well as below: it places nothing.
		case li >= 0 && labelOnly(m, row, li):
			// A label on its own line: the figures below it are its row's.
			a.placeRun(t, trs, run, anchor, ri, take, bad)
			run = nil
			anchor = ri
		case li >= 0 || figures == 0:
			// A label among column headers, or empty placeholder cells.
		case t.OneRow && len(run) == 0 && a.oneRow(trs, got, vals):
			anchor = len(trs)
		default:
			run = append(run, vals)
		}
	}
	a.placeRun(t, trs, run, anchor, len(trs), take, bad)
	a.dropShortRows(t, trs, got, bad, prefix)

	printed := map[model.CellAddr]string{}
	for ri, vals := range got {
		if vals == nil {
			continue
		}
		for ci, text := range vals {
			spec := trs[ri].cells[ci]
			if unsure[spec.Addr] {
				continue
			}
			if spec.Computed {
				printed[spec.Addr] = text
				continue
			}
			a.setCell(r, spec, text)
		}
	}
	for ri, tr := range trs {
		if got[ri] == nil && !bad[ri] && !tr.row.Computed {
			a.cellNote(inputsOf(tr), "原文中没有找到表%s「%s」这一行，该行留空", t.Number, tr.row.Label)
		}
	}
	// Printed totals against the computed ones, in reading order.
	for _, c := range model.AllCells() {
		text, ok := printed[c.Addr]
		if !ok || c.Table != t || kindOf(text) != vNum {
			continue
		}
		p, err := model.ParseInput(c.Unit, stripUnit(text))
		if err != nil {
			a.cellNote([]model.CellAddr{c.Addr}, "%s：原文印的合计「%s」无法读取（%s），合计由程序计算", c.ShortLabel(), text, err)
			continue
		}
		v, st := r.ValueOf(c)
		if st != model.Filled || v == p {
			continue
		}
		diff := p - v
		sign := "多"
		if diff < 0 {
			sign, diff = "少", -diff
		}
		a.cellNote([]model.CellAddr{c.Addr}, "%s：原文印的合计是 %s，按各项计算是 %s，%s %s；已按各项导入，合计由程序计算", c.ShortLabel(), p, v, sign, diff)
	}
}

// orderTable reads table 三, or 二, from the order of its figures alone
// (text extracted from a PDF without column positions; see orderRead). 二
// is its first block (规章, 行政规范性文件: two rows of three) and then one
// figure for each row below, each under the one above. ok is false when the
// figures are not those of the whole table or no reading holds; got then
// holds nothing, and the table is read by its labels. Cells two readings
// dispute are left empty with a note each, and returned in unsure.
func (a *assembler) orderTable(t *model.Table, trs []tableRow, rows [][]string) (got [][]string, unsure map[model.CellAddr]bool, ok bool) {
	unit, flows := model.Count, []int(nil)
	if t == model.S2 {
		// 二 has amounts, and no sums to confirm a reading: there the
		// order within pdftotext's flows decides between readings (in
		// 三 it would only make the search longer: its sums decide).
		unit, flows = model.Wan, a.flows[t.ID]
	}
	figs, ok := orderFigures(rows, flows, unit)
	if !ok || len(figs) == 0 {
		return nil, nil, false
	}
	grid := trs
	if t == model.S3 {
		// Printed with or without its （七）总计 row.
		n := 0
		for _, tr := range trs {
			n += len(tr.cells)
		}
		if len(figs) != n {
			grid = nil
			for _, tr := range trs {
				if !tr.row.Computed {
					grid = append(grid, tr)
				}
			}
		}
	}
	var tail []ofig
	if t == model.S2 {
		if len(trs) < 2 || len(figs) != len(trs)-2+2*len(trs[0].cells) {
			return nil, nil, false
		}
		for _, tr := range trs[2:] {
			if len(tr.cells) != 1 {
				return nil, nil, false
			}
		}
		grid, tail = trs[:2], figs[2*len(trs[0].cells):]
		figs = figs[:2*len(trs[0].cells)]
	}
	read, amb, more := orderRead(grid, figs)
	if read == nil {
		if more {
			a.cellNote(tableInputs(t), "表%s的数字在提取的文字中没有栏位，先后次序可以有很多种读法，无法确定各属哪一格，按行名读取", t.Number)
		}
		return nil, nil, false
	}
	got = make([][]string, len(trs))
	for gi, tr := range grid {
		for ri := range trs {
			if trs[ri].row.Key == tr.row.Key {
				got[ri] = read[gi]
			}
		}
	}
	for i, f := range tail {
		got[2+i] = []string{f.text}
	}
	unsure = map[model.CellAddr]bool{}
	why := "都符合表中印的合计"
	if t == model.S2 {
		why = "表二没有合计可以核对"
	}
	for _, c := range amb {
		spec, _ := model.Cell(c)
		unsure[c] = true
		a.cellNote([]model.CellAddr{c}, "%s：从 PDF 提取的文字没有保留栏位，按数字的先后有两种以上读法（%s），这一格无法确定，已留空", spec.ShortLabel(), why)
	}
	return got, unsure, true
}

// dropShortRows handles a row one figure short of the others. A row with a
// totals column may be printed without its total; but when other rows of the
// same table print theirs, a row one short has lost a figure somewhere, and
// reading it as the row without its total would shift its figures into the
// wrong columns. Such a row is left empty and reported.
func (a *assembler) dropShortRows(t *model.Table, trs []tableRow, got [][]string, bad, prefix []bool) {
	withTotals := false
	for ri, vals := range got {
		if n := len(trs[ri].cells); vals != nil && trs[ri].cells[n-1].Computed && len(vals) == n {
			withTotals = true
		}
	}
	if !withTotals {
		return
	}
	for ri, vals := range got {
		if n := len(trs[ri].cells); vals != nil && trs[ri].cells[n-1].Computed && len(vals) == n-1 && !prefix[ri] {
			a.cellNote(inputsOf(trs[ri]), "表%s「%s」这一行原文有 %d 个数，其他行都有 %d 个（含合计），无法确定缺的是哪一栏，该行未导入，已留空", t.Number, trs[ri].row.Label, len(vals), n)
			got[ri], bad[ri] = nil, true
		}
	}
}

// labelOnly reports whether row holds nothing but the data-row label at li
// and, before it, blank placeholders and its parent labels.
func labelOnly(m *rowMatcher, row []string, li int) bool {
	for i, c := range row {
		if i != li && kindOf(c) != vBlank && (i > li || !m.isParent(c)) {
			return false
		}
	}
	return true
}

// placeRun places rows of figures that have no label into the rows from..to-1
// of the format, in order. The run must fill them exactly, or fill exactly
// their input rows when the page leaves out the computed row (（七）总计) and,
// with it, the totals column; any other count means a row was dropped or
// added somewhere, and placing by position would put figures in the wrong
// rows, so the run is left out and reported.
func (a *assembler) placeRun(t *model.Table, trs []tableRow, run [][]string, from, to int, take func(int, []string), bad []bool) {
	if len(run) == 0 {
		return
	}
	var all, inputs []int
	for i := from; i < to; i++ {
		all = append(all, i)
		if !trs[i].row.Computed {
			inputs = append(inputs, i)
		}
	}
	noTotals := true
	for k, vals := range run {
		if k < len(inputs) {
			tr := trs[inputs[k]]
			if n := len(tr.cells); !tr.cells[n-1].Computed || len(vals) != n-1 {
				noTotals = false
			}
		}
	}
	slots := all
	switch {
	case len(run) == len(all):
	case len(run) == len(inputs) && noTotals:
		slots = inputs
	default:
		where := "表末"
		if len(all) > 0 {
			where = fmt.Sprintf("「%s」至「%s」", trs[all[0]].row.Label, trs[all[len(all)-1]].row.Label)
		}
		var rowsThere []tableRow
		for _, i := range all {
			rowsThere = append(rowsThere, trs[i])
		}
		a.cellNote(inputsOf(rowsThere...), "表%s有 %d 行数字没有行名，而%s按格式应有 %d 行，无法确定各属哪一行，均未导入，已留空", t.Number, len(run), where, len(all))
		for _, i := range all {
			bad[i] = true
		}
		return
	}
	// Placed by position alone, each row must at least add up: a printed
	// total that is not the sum of the figures beside it says the rows
	// may have shifted, and then none is placed.
	for k, i := range slots {
		if !rowAddsUp(trs[i], run[k]) {
			a.cellNote(inputsOf(rowsAt(trs, slots)...), "表%s有 %d 行数字没有行名，按位置排列时「%s」这一行的合计与各项之和不符，无法确认各行的位置，均未导入，已留空", t.Number, len(run), trs[i].row.Label)
			for _, j := range slots {
				bad[j] = true
			}
			return
		}
	}
	for k, i := range slots {
		take(i, run[k])
	}
}

func rowsAt(trs []tableRow, idx []int) []tableRow {
	var out []tableRow
	for _, i := range idx {
		out = append(out, trs[i])
	}
	return out
}

// rowAddsUp reports whether a row of figures printed with its total has a
// total that is the sum of the rest. A row without its total, or with a
// blank or a dash in it, has nothing to check and adds up.
func rowAddsUp(tr tableRow, vals []string) bool {
	n := len(tr.cells)
	if len(vals) != n || !tr.cells[n-1].Computed {
		return true
	}
	var sum model.Dec
	for i, c := range tr.cells {
		if kindOf(vals[i]) != vNum {
			return true
		}
		v, err := model.ParseInput(c.Unit, stripUnit(vals[i]))
		if err != nil {
			return true // reported as unreadable when placed
		}
		if i < n-1 {
			sum += v
		} else if sum != v {
			return false
		}
	}
	return true
}

// oneRow places table 四 printed as a single row of figures: 15 with the
// three totals, or 12 without.
func (a *assembler) oneRow(trs []tableRow, got [][]string, vals []string) bool {
	full, inputs := 0, 0
	for _, tr := range trs {
		full += len(tr.cells)
		for _, c := range tr.cells {
			if !c.Computed {
				inputs++
			}
		}
	}
	for len(vals) > full && kindOf(vals[len(vals)-1]) == vBlank {
		vals = vals[:len(vals)-1]
	}
	for len(vals) > full && kindOf(vals[0]) == vBlank {
		vals = vals[1:]
	}
	var withTotals bool
	switch len(vals) {
	case full:
		withTotals = true
	case inputs:
	default:
		return false
	}
	i := 0
	for ri, tr := range trs {
		n := len(tr.cells)
		if !withTotals {
			n--
		}
		if got[ri] == nil {
			got[ri] = vals[i : i+n]
		}
		i += n
	}
	return true
}

// setCell fills one input cell from its printed text, or leaves it empty and
// says why.
func (a *assembler) setCell(r *model.Report, spec *model.CellSpec, text string) {
	switch kindOf(text) {
	case vBlank:
		a.cellNote([]model.CellAddr{spec.Addr}, "%s：原文为空白，已留空（不当作 0）", spec.ShortLabel())
	case vDash:
		a.cellNote([]model.CellAddr{spec.Addr}, "%s：原文为「%s」，已留空（不当作 0）", spec.ShortLabel(), text)
	default:
		if spec.Unit == model.Wan && strings.HasSuffix(text, "元") && !strings.HasSuffix(text, "万元") {
			a.cellNote([]model.CellAddr{spec.Addr}, "%s：原文「%s」的单位是元，本栏单位是万元，未导入，已留空", spec.ShortLabel(), text)
			return
		}
		v, err := model.ParseInput(spec.Unit, stripUnit(text))
		if err != nil {
			a.cellNote([]model.CellAddr{spec.Addr}, "%s：原文「%s」无法读取（%s），已留空", spec.ShortLabel(), text, err)
			return
		}
		if err := r.Set(spec.Addr, v); err != nil {
			a.cellNote([]model.CellAddr{spec.Addr}, "%s：%s", spec.ShortLabel(), err)
		}
	}
}

// narrowNumber writes full-width digits and signs narrow, as model.ParseInput
// will when the figure is read.
func narrowNumber(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '。':
			r = '.'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stripUnit drops a unit printed after a figure in a cell (3件, 12.5万元);
// the column already says what the figure counts.
func stripUnit(s string) string {
	for _, u := range []string{"万元", "件", "个", "项", "次", "元"} {
		if t, ok := strings.CutSuffix(s, u); ok && t != "" && !strings.HasSuffix(t, "万") {
			return strings.TrimSpace(t)
		}
	}
	return s
}

// sequenceRead reads a table from its figures alone, in reading order, when
// they are exactly the figures of the whole table with its printed totals
// (and, for 三, its （七）总计 row) and every printed total equals the sum
// it prints: every row's 总计, and every column of （七）总计. That is the
// case of text extracted from a PDF whose labels stand before or after
// their figures. Any other count, a blank or dash among them, or one sum
// that does not hold, and it returns nil: the table is read by its labels.
func sequenceRead(trs []tableRow, rows [][]string) [][]string {
	var figs []string
	for _, row := range rows {
		for _, c := range row {
			switch kindOf(c) {
			case vNum:
				figs = append(figs, c)
			case vDash:
				return nil
			}
		}
	}
	n := 0
	for _, tr := range trs {
		n += len(tr.cells)
	}
	if len(figs) != n {
		return nil
	}
	out := make([][]string, len(trs))
	vals := map[model.CellAddr]model.Dec{}
	i := 0
	for ri, tr := range trs {
		out[ri] = figs[i : i+len(tr.cells)]
		for ci, c := range tr.cells {
			v, err := model.ParseInput(c.Unit, stripUnit(out[ri][ci]))
			if err != nil {
				return nil
			}
			vals[c.Addr] = v
		}
		i += len(tr.cells)
	}
	checked := 0
	for _, tr := range trs {
		for _, c := range tr.cells {
			if !c.Computed {
				continue
			}
			var sum model.Dec
			for _, in := range c.Inputs {
				sum += vals[in]
			}
			if sum != vals[c.Addr] {
				return nil
			}
			checked++
		}
	}
	if checked == 0 {
		return nil
	}
	return out
}

// splitRunTogether splits figures printed without separators into n cells,
// the last the total of the others: every way of cutting the digit strings
// (no part with a leading zero) that makes the sums hold. It returns the
// reading when there is exactly one, how many it found (counting stops at
// 2, or when the ways to try are more than budget allows: then 0), and the
// work it did, which the caller takes from the import's budget so that a
// file of such rows stays quick.
func splitRunTogether(vals []string, n, budget int) (split []string, count, steps int) {
	for _, v := range vals {
		if v == "" || !allDigitsStr(v) {
			return nil, 0, 0
		}
	}
	digits := 0
	for _, v := range vals {
		digits += len(v)
	}
	if digits < n || digits > 40 || budget <= 0 {
		return nil, 0, 0
	}
	limit := min(budget, 200000)
	var found []string
	parts := make([]string, 0, n)
	var rec func(i int, rest string)
	rec = func(i int, rest string) {
		if count > 1 || steps > limit {
			return
		}
		steps++
		if rest == "" {
			if i == len(vals) {
				if len(parts) == n && sumsHold(parts) {
					count++
					found = append([]string(nil), parts...)
				}
				return
			}
			rec(i+1, vals[i])
			return
		}
		if len(parts) >= n {
			return
		}
		for k := 1; k <= len(rest); k++ {
			p := rest[:k]
			if len(p) > 1 && p[0] == '0' {
				break
			}
			if len(p) > 10 {
				break
			}
			parts = append(parts, p)
			rec(i, rest[k:])
			parts = parts[:len(parts)-1]
		}
	}
	rec(1, vals[0])
	if steps > limit {
		return nil, 0, steps
	}
	return found, count, steps
}

func allDigitsStr(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sumsHold reports whether the last part is the sum of the others.
func sumsHold(parts []string) bool {
	var sum, total uint64
	for i, p := range parts {
		v, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			return false
		}
		if i == len(parts)-1 {
			total = v
		} else {
			sum += v
		}
	}
	return sum == total
}
