package export

import (
	"fmt"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/xuri/excelize/v2"

	"nianbao/model"
)

// The spreadsheet (.xlsx) is the template a collecting office sends its
// units and what a unit sends back: tables 二, 三, 四 and 六's fee figures
// as sheets in the official layout (merged headers and labels), a white
// cell for each figure to fill, a formula for each total that stays blank
// until every figure it sums is filled (empty is never 0), and a check
// cell for each 勾稽关系 of 三. The labels are the official ones, so that
// the importer reads it back by label. Written with excelize (BSD-3), the
// library made for the format; Excel, WPS and LibreOffice open it.

// Sheet names, in the workbook's order.
var (
	xlsxCover = sheetCover
	xlsxS2    = sheetS2
	xlsxS3    = sheetS3
	xlsxS4    = sheetS4
	xlsxS6    = sheetS6
)

// xlsxPlace is where a cell of the report sits in the workbook.
type xlsxPlace struct {
	sheet string
	row   int // 1-based
	col   int // 1-based
}

func (p xlsxPlace) ref() string { return cellName(p.col, p.row) }

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// xlsxLayout places every cell of the format (input and computed) and the
// check cells; built once, it is the one truth the writer follows and the
// tests read.
type xlsxLayout struct {
	cells map[model.CellAddr]xlsxPlace
	// checks are 三's check cells, one per column (总计 last), with the
	// cells each compares: 新收, 上年结转, 办理结果总计, 结转下年度.
	checks []xlsxCheck
}

type xlsxCheck struct {
	at   xlsxPlace
	cols [4]xlsxPlace
}

// Rows and columns of the sheets.
const (
	s2Label   = 1 // 表二: A labels, B.. values
	s2First   = 2
	s3Labels  = 3 // 表三: A–C labels, D.. values
	s3Head    = 2 // first header row
	s3Data    = 5 // first data row
	s4Head    = 2 // 表四: header rows 2–4, data row 5, from column A
	s4Data    = 5
	s6Head    = 2 // 六: header row 2, data row 3
	s6Data    = 3
	coverData = 3 // 封面: the header fields from row 3
)

var theXLSXLayout = func() *xlsxLayout {
	l := &xlsxLayout{cells: map[model.CellAddr]xlsxPlace{}}
	// 二: title, then each block: block row, header row, data rows.
	row := 2
	for _, b := range model.S2.Blocks {
		row += 2
		for _, r := range b.Rows {
			for ci, c := range b.Cols {
				l.cells[model.S2.Addr(r.Key, c.Key)] = xlsxPlace{xlsxS2, row, s2First + ci}
			}
			row++
		}
	}
	// 三: three header rows, then the 25 data rows, then the checks.
	b := model.S3.Blocks[0]
	for ri, r := range b.Rows {
		for ci, c := range b.Cols {
			l.cells[model.S3.Addr(r.Key, c.Key)] = xlsxPlace{xlsxS3, s3Data + ri, s3Labels + 1 + ci}
		}
	}
	checkRow := s3Data + len(b.Rows) + 1
	for ci, c := range b.Cols {
		ch := xlsxCheck{at: xlsxPlace{xlsxS3, checkRow, s3Labels + 1 + ci}}
		for i, rk := range []string{"new", "carried", "handled", "forward"} {
			ch.cols[i] = l.cells[model.S3.Addr(rk, c.Key)]
		}
		l.checks = append(l.checks, ch)
	}
	// 四: one data row of 15 cells from column A.
	col := 1
	for _, r := range model.S4.Blocks[0].Rows {
		for _, c := range model.S4.Blocks[0].Cols {
			l.cells[model.S4.Addr(r.Key, c.Key)] = xlsxPlace{xlsxS4, s4Data, col}
			col++
		}
	}
	// 六: one row under its header, after the label column.
	for ci, c := range model.S6.Blocks[0].Cols {
		l.cells[model.S6.Addr("fee", c.Key)] = xlsxPlace{xlsxS6, s6Data, 2 + ci}
	}
	return l
}()

// XLSXCell is where cell addr sits in the exported workbook: its sheet and
// cell name (D5). Computed cells hold their formula there.
func XLSXCell(addr model.CellAddr) (sheet, cell string, ok bool) {
	p, ok := theXLSXLayout.cells[addr]
	return p.sheet, p.ref(), ok
}

// XLSXChecks are the check cells of 三 (sheet and cell name), one per
// column of 三 in its order, 总计 last.
func XLSXChecks() (sheet string, cells []string) {
	for _, ch := range theXLSXLayout.checks {
		cells = append(cells, ch.at.ref())
	}
	return xlsxS3, cells
}

// XLSXCheckOK is what a check cell shows when its 勾稽关系 holds.
const XLSXCheckOK = checkOK

// xlsxWriter writes one workbook.
type xlsxWriter struct {
	f   *excelize.File
	st  xlsxStyles
	err error // the first error; every later call does nothing
}

type xlsxStyles struct {
	title, header, label, parent, input, money, total, check, text, note int
}

func (w *xlsxWriter) do(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func (w *xlsxWriter) style(s *excelize.Style) int {
	id, err := w.f.NewStyle(s)
	w.do(err)
	return id
}

func (w *xlsxWriter) styles() {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: xlsxFont, Size: 10}
	bold := &excelize.Font{Family: xlsxFont, Size: 10, Bold: true}
	locked := &excelize.Protection{Locked: true}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	w.st.title = w.style(&excelize.Style{Font: &excelize.Font{Family: xlsxFont, Size: 14, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: locked})
	w.st.header = w.style(&excelize.Style{Font: bold, Border: border, Fill: fill("F2F2F2"),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	w.st.label = w.style(&excelize.Style{Font: font, Border: border, Fill: fill("F2F2F2"),
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: locked})
	w.st.parent = w.style(&excelize.Style{Font: font, Border: border, Fill: fill("F2F2F2"),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	// Input cells: white, unlocked, the figure as typed.
	w.st.input = w.style(&excelize.Style{Font: font, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Protection: &excelize.Protection{}})
	w.st.money = w.st.input
	w.st.total = w.style(&excelize.Style{Font: bold, Border: border, Fill: fill("DDEBF7"),
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}, Protection: locked})
	w.st.check = w.style(&excelize.Style{Font: bold, Border: border, Fill: fill("FFF2CC"),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	w.st.text = w.style(&excelize.Style{Font: font, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: &excelize.Protection{}})
	w.st.note = w.style(&excelize.Style{Font: font,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}, Protection: locked})
}

// put writes text (or a figure) into a cell, or a range merged, with a
// style over the whole range.
func (w *xlsxWriter) put(sheet string, r1, c1, r2, c2 int, v any, style int) {
	if w.err != nil {
		return
	}
	tl, br := cellName(c1, r1), cellName(c2, r2)
	if tl != br {
		w.do(w.f.MergeCell(sheet, tl, br))
	}
	if v != nil {
		w.do(w.f.SetCellValue(sheet, tl, v))
	}
	w.do(w.f.SetCellStyle(sheet, tl, br, style))
}

func (w *xlsxWriter) formula(p xlsxPlace, formula string, style int) {
	if w.err != nil {
		return
	}
	w.do(w.f.SetCellFormula(p.sheet, p.ref(), formula))
	w.do(w.f.SetCellStyle(p.sheet, p.ref(), p.ref(), style))
}

// value writes an input cell: its figure, or nothing while it is empty.
func (w *xlsxWriter) value(r *model.Report, c *model.CellSpec) {
	p := theXLSXLayout.cells[c.Addr]
	style := w.st.input
	if c.Unit != model.Count {
		style = w.st.money
	}
	w.put(p.sheet, p.row, p.col, p.row, p.col, nil, style)
	if d, ok := r.Get(c.Addr); ok && w.err == nil {
		// A number cell holding the exact decimal as text (no float64
		// on the way), so that 5949.088667 stays what it is.
		w.do(w.f.SetCellDefault(p.sheet, p.ref(), d.String()))
	}
}

// total writes a computed cell's formula: the sum of its inputs once every
// one of them is filled, else blank.
func (w *xlsxWriter) total(c *model.CellSpec) {
	p := theXLSXLayout.cells[c.Addr]
	inputs := c.Inputs
	if c.ColSpec().Computed {
		// A total column sums its own row (三's 办理结果总计 row too: its
		// six cells are blank until each of theirs is complete).
		inputs = nil
		b := c.Table.Blocks[c.Block]
		for _, col := range b.Cols {
			if !col.Computed {
				inputs = append(inputs, c.Table.Addr(c.RowSpec().Key, col.Key))
			}
		}
	}
	refs := make([]string, len(inputs))
	for i, in := range inputs {
		refs[i] = theXLSXLayout.cells[in].ref()
	}
	w.formula(p, blankUnlessAll(refs), w.st.total)
}

// blankUnlessAll is =IF(COUNT(refs)=n,SUM(refs),""), with runs of
// neighbouring cells written as ranges (D5:I5).
func blankUnlessAll(refs []string) string {
	arg := ranges(refs)
	return fmt.Sprintf(`IF(COUNT(%s)=%d,SUM(%s),"")`, arg, len(refs), arg)
}

// ranges joins cell names, writing a run of one row or column as a range.
func ranges(refs []string) string {
	type rc struct{ c, r int }
	var ps []rc
	for _, s := range refs {
		c, r, _ := excelize.CellNameToCoordinates(s)
		ps = append(ps, rc{c, r})
	}
	var parts []string
	for i := 0; i < len(ps); {
		j := i
		if i+1 < len(ps) {
			dc, dr := ps[i+1].c-ps[i].c, ps[i+1].r-ps[i].r
			if dc == 1 && dr == 0 || dc == 0 && dr == 1 {
				for j+1 < len(ps) && ps[j+1].c-ps[j].c == dc && ps[j+1].r-ps[j].r == dr {
					j++
				}
			}
		}
		if j > i {
			parts = append(parts, cellName(ps[i].c, ps[i].r)+":"+cellName(ps[j].c, ps[j].r))
		} else {
			parts = append(parts, cellName(ps[i].c, ps[i].r))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

func renderXLSX(r *model.Report, opt Options) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &xlsxWriter{f: f}
	w.styles()
	w.do(f.SetSheetName("Sheet1", xlsxCover))
	for _, s := range []string{xlsxS2, xlsxS3, xlsxS4, xlsxS6} {
		_, err := f.NewSheet(s)
		w.do(err)
	}
	w.cover(r)
	w.sheetS2(r)
	w.sheetS3(r)
	w.sheetS4(r)
	w.sheetS6(r)
	yes, no := true, false
	w.do(f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}))
	w.do(f.SetDocProps(&excelize.DocProperties{Title: r.Title(), Creator: opt.generator(), Created: "2021-01-01T00:00:00Z", Modified: "2021-01-01T00:00:00Z"}))
	w.do(f.SetAppProps(&excelize.AppProperties{Application: opt.generator()}))
	for _, s := range f.GetSheetList() {
		// Locked labels and formulas, white cells to fill: a unit cannot
		// overwrite a total by mistake. No password: the office may lift it.
		w.do(f.ProtectSheet(s, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
			FormatColumns: true, FormatRows: true}))
		w.do(f.SetSheetView(s, 0, &excelize.ViewOptions{ShowGridLines: &no}))
	}
	f.SetActiveSheet(0)
	if w.err != nil {
		return nil, fmt.Errorf(errXLSX, w.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf(errXLSX, err)
	}
	return buf.Bytes(), nil
}

// page sets A4 and fits the sheet on one page (three and four across it).
func (w *xlsxWriter) page(sheet string, landscape bool) {
	a4, one := 9, 1
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	fit := true
	w.do(w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &one}))
	w.do(w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	m := 0.6
	w.do(w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m}))
}

func (w *xlsxWriter) width(sheet, from, to string, width float64) {
	w.do(w.f.SetColWidth(sheet, from, to, width))
}

func (w *xlsxWriter) height(sheet string, row int, h float64) {
	w.do(w.f.SetRowHeight(sheet, row, h))
}

// lineCount is how many lines text takes in a column w characters wide.
func lineCount(text string, w float64) int {
	n := 0
	for _, l := range strings.Split(text, "\n") {
		n += max(1, int(float64(runewidth.StringWidth(l))/w+0.999))
	}
	return n
}

// cover is the first sheet: the report's header, which the importer reads
// by its labels, and how to fill the workbook.
func (w *xlsxWriter) cover(r *model.Report) {
	s := xlsxCover
	w.width(s, "A", "A", 14)
	w.width(s, "B", "B", 60)
	w.put(s, 1, 1, 1, 2, r.Title(), w.st.title)
	w.height(s, 1, 30)
	fields := [][2]string{
		{coverAgency, r.Agency},
		{coverYear, fmt.Sprint(r.Year)},
		{coverKind, r.Kind.Name()},
		{coverScope, r.Scope.Name()},
	}
	for i, fv := range fields {
		w.put(s, coverData+i, 1, coverData+i, 1, fv[0], w.st.label)
		if i == 1 {
			w.put(s, coverData+i, 2, coverData+i, 2, r.Year, w.st.text)
		} else {
			w.put(s, coverData+i, 2, coverData+i, 2, fv[1], w.st.text)
		}
	}
	row := coverData + len(fields) + 1
	w.put(s, row, 1, row, 2, coverHowTitle, w.st.note)
	for i, l := range coverHow {
		w.put(s, row+1+i, 1, row+1+i, 2, fmt.Sprintf("%d. %s", i+1, l), w.st.note)
		w.height(s, row+1+i, float64(15*lineCount(l, 70)))
	}
	w.page(s, false)
}

func (w *xlsxWriter) sheetS2(r *model.Report) {
	s, t := xlsxS2, model.S2
	w.width(s, "A", "A", 22)
	w.width(s, "B", "D", 16)
	last := s2First + 2
	w.put(s, 1, 1, 1, last, model.SectionHeadings[1], w.st.title)
	w.height(s, 1, 28)
	row := 2
	for _, b := range t.Blocks {
		w.put(s, row, 1, row, last, b.Title, w.st.header)
		row++
		w.put(s, row, s2Label, row, s2Label, b.ItemHeader, w.st.header)
		for ci, c := range b.Cols {
			to := s2First + ci
			if ci == len(b.Cols)-1 {
				to = last // the last column widens, as in the official table
			}
			w.put(s, row, s2First+ci, row, to, c.Label, w.st.header)
		}
		w.height(s, row, 30)
		row++
		for _, rw := range b.Rows {
			w.put(s, row, s2Label, row, s2Label, rw.Label, w.st.label)
			for ci, c := range b.Cols {
				if ci == len(b.Cols)-1 && s2First+ci < last {
					w.put(s, row, s2First+ci, row, last, nil, w.st.input)
				}
				spec, _ := model.Cell(t.Addr(rw.Key, c.Key))
				w.value(r, spec)
			}
			w.height(s, row, 20)
			row++
		}
	}
	for _, c := range t.Inputs() {
		w.validate(c)
	}
	w.page(s, false)
}

func (w *xlsxWriter) sheetS3(r *model.Report) {
	s, t := xlsxS3, model.S3
	b := t.Blocks[0]
	lastCol := s3Labels + len(b.Cols)
	w.width(s, "A", "A", 7)
	w.width(s, "B", "B", 9)
	w.width(s, "C", "C", 40)
	w.width(s, cellName(s3Labels+1, 1)[:1], cellName(lastCol, 1)[:1], 10)
	w.put(s, 1, 1, 1, lastCol, model.SectionHeadings[2], w.st.title)
	w.height(s, 1, 28)
	w.put(s, s3Head, 1, s3Head+len(t.Header)-1, s3Labels, t.Corner, w.st.header)
	w.header(s, t.Header, s3Head, s3Labels+1)
	w.height(s, s3Head+1, 20)
	w.height(s, s3Head+2, 30)
	for ri, row := range b.Rows {
		rr := s3Data + ri
		// Parent labels, each merged over the rows it spans.
		for lv := range row.Parents {
			if ri > 0 && samePrefix(b.Rows[ri-1].Parents, row.Parents, lv+1) {
				continue
			}
			n := 1
			for ri+n < len(b.Rows) && samePrefix(b.Rows[ri+n].Parents, row.Parents, lv+1) {
				n++
			}
			w.put(s, rr, 1+lv, rr+n-1, 1+lv, row.Parents[lv], w.st.parent)
		}
		w.put(s, rr, 1+row.Level(), rr, s3Labels, row.Label, w.st.label)
		for _, c := range b.Cols {
			spec, _ := model.Cell(t.Addr(row.Key, c.Key))
			if spec.Computed {
				w.total(spec)
			} else {
				w.value(r, spec)
			}
		}
		lw := []float64{46, 38, 38}[row.Level()]
		w.height(s, rr, float64(max(15, 13*lineCount(row.Label, lw))))
	}
	// The 勾稽关系, one check per column: blank until its four figures are
	// there, then 相符 or the difference.
	checkRow := theXLSXLayout.checks[0].at.row
	w.put(s, checkRow, 1, checkRow, s3Labels, checkLabel, w.st.header)
	for _, ch := range theXLSXLayout.checks {
		n, c, h, f := ch.cols[0].ref(), ch.cols[1].ref(), ch.cols[2].ref(), ch.cols[3].ref()
		w.formula(ch.at, fmt.Sprintf(`IF(COUNT(%s,%s,%s,%s)=4,IF(%s+%s=%s+%s,"%s","%s"&ABS(%s+%s-%s-%s)),"")`,
			n, c, h, f, n, c, h, f, checkOK, checkDiff, n, c, h, f), w.st.check)
	}
	w.height(s, checkRow, 30)
	for _, c := range t.Inputs() {
		w.validate(c)
	}
	w.page(s, true)
}

// header writes an official multi-row header from (row, col), each cell
// merged over its spans.
func (w *xlsxWriter) header(sheet string, header [][]model.HeaderCell, row, col int) {
	taken := map[[2]int]bool{}
	for i, hr := range header {
		c := col
		for _, h := range hr {
			for taken[[2]int{row + i, c}] {
				c++
			}
			rs, cs := max(1, h.RowSpan), max(1, h.ColSpan)
			w.put(sheet, row+i, c, row+i+rs-1, c+cs-1, h.Text, w.st.header)
			for dr := range rs {
				for dc := range cs {
					taken[[2]int{row + i + dr, c + dc}] = true
				}
			}
			c += cs
		}
	}
}

func (w *xlsxWriter) sheetS4(r *model.Report) {
	s, t := xlsxS4, model.S4
	n := len(t.Blocks[0].Rows) * len(t.Blocks[0].Cols)
	w.width(s, "A", cellName(n, 1)[:1], 9)
	w.put(s, 1, 1, 1, n, model.SectionHeadings[3], w.st.title)
	w.height(s, 1, 28)
	w.header(s, t.Header, s4Head, 1)
	w.height(s, s4Head+1, 20)
	w.height(s, s4Head+2, 20)
	for _, c := range model.AllCells() {
		if c.Table != t {
			continue
		}
		if c.Computed {
			w.total(c)
		} else {
			w.value(r, c)
			w.validate(c)
		}
	}
	w.height(s, s4Data, 22)
	w.page(s, true)
}

func (w *xlsxWriter) sheetS6(r *model.Report) {
	s, t := xlsxS6, model.S6
	b := t.Blocks[0]
	w.width(s, "A", "A", 14)
	w.width(s, "B", "D", 20)
	w.put(s, 1, 1, 1, 1+len(b.Cols), titleS6, w.st.title)
	w.height(s, 1, 28)
	w.put(s, s6Head, 1, s6Head, 1, b.ItemHeader, w.st.header)
	for ci, c := range b.Cols {
		w.put(s, s6Head, 2+ci, s6Head, 2+ci, c.Label, w.st.header)
	}
	w.height(s, s6Head, 30)
	w.put(s, s6Data, 1, s6Data, 1, b.Rows[0].Label, w.st.label)
	for _, c := range t.Inputs() {
		w.value(r, c)
		w.validate(c)
	}
	w.height(s, s6Data, 22)
	w.put(s, s6Data+2, 1, s6Data+2, 1+len(b.Cols), noteS6, w.st.note)
	w.height(s, s6Data+2, 30)
	w.page(s, false)
}

// validate refuses, as the spreadsheet is typed, what the format does not
// allow in cell c: a count that is no whole number from 0 to 1e9, an
// amount below 0.
func (w *xlsxWriter) validate(c *model.CellSpec) {
	if w.err != nil {
		return
	}
	p := theXLSXLayout.cells[c.Addr]
	dv := excelize.NewDataValidation(true)
	dv.Sqref = p.ref()
	typ, msg := excelize.DataValidationTypeWhole, validCount
	switch c.Unit {
	case model.Wan:
		typ, msg = excelize.DataValidationTypeDecimal, fmt.Sprintf(validAmount, c.Unit.Name(), c.Unit.Places())
	case model.Yuan:
		typ, msg = excelize.DataValidationTypeDecimal, fmt.Sprintf(validAmount, c.Unit.Name(), c.Unit.Places())
	}
	w.do(dv.SetRange(0, model.MaxValue, typ, excelize.DataValidationOperatorBetween))
	dv.SetError(excelize.DataValidationErrorStyleStop, validTitle, msg)
	w.do(w.f.AddDataValidation(p.sheet, dv))
}
