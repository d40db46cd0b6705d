package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"nianbao/model"
)

// This file reads a spreadsheet (.xlsx): nianbao's own template as a unit
// filled it in Excel, WPS or LibreOffice, and the collecting offices' own
// templates that are reasonably like it. Every figure is placed by the
// labels around it, never by its position alone: the column's header
// (自然人, 本年制发件数, 结果维持 under 行政复议 …) and the row's label
// (1.属于国家秘密 …), as the official tables print them. A figure whose row
// or column cannot be named so is not placed, and the note says so.

// Bounds on what is read of a workbook: a report's tables fit far inside
// them, and they keep a crafted file quick.
const (
	xlsxMaxSheets = 30
	xlsxMaxRows   = 400
	xlsxMaxCols   = 60
)

// isXLSX reports whether data is an Office Open XML workbook: a zip
// package with xl/workbook.xml.
func isXLSX(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "xl/workbook.xml" {
			return true
		}
	}
	return false
}

// xgrid is one sheet's cells as stored (raw values: a figure as its
// number, a formula as its last result), with its merged ranges.
type xgrid struct {
	rows  [][]string
	merge map[[2]int][4]int // any cell of a merged range → r1, c1, r2, c2
}

func (g *xgrid) raw(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return strings.TrimSpace(g.rows[r][c])
}

// text is what a cell shows: a merged range's value in every cell of it.
func (g *xgrid) text(r, c int) string {
	if m, ok := g.merge[[2]int{r, c}]; ok {
		return g.raw(m[0], m[1])
	}
	return g.raw(r, c)
}

// covered reports whether the cell is inside a merged range but not its
// first cell (its value is the range's).
func (g *xgrid) covered(r, c int) bool {
	m, ok := g.merge[[2]int{r, c}]
	return ok && (m[0] != r || m[1] != c)
}

// lastCol is the last column a cell's merged range covers.
func (g *xgrid) lastCol(r, c int) int {
	if m, ok := g.merge[[2]int{r, c}]; ok {
		return m[3]
	}
	return c
}

func (g *xgrid) width() int {
	n := 0
	for _, row := range g.rows {
		n = max(n, len(row))
	}
	return n
}

// Header labels known to the reader: every column label of every table
// (whole, and without its bracketed unit), 四's groups (which name its
// rows), and header words that only frame a table.
type xColLabel struct {
	t   *model.Table
	key string
}

var (
	xlsxColLabels  = map[string][]xColLabel{}
	xlsxGroups     = map[string]string{} // normalised 四 group label → row key
	xlsxFrameWords = map[string]bool{}
)

// xlsxInit fills the tables above, once, before the first workbook is
// read.
var xlsxInit = sync.OnceFunc(func() {
	for _, t := range model.Tables {
		for _, b := range t.Blocks {
			for _, c := range b.Cols {
				for _, k := range []string{normLabel(c.Label), stripParens(normLabel(c.Label))} {
					if !slices.Contains(xlsxColLabels[k], xColLabel{t, c.Key}) {
						xlsxColLabels[k] = append(xlsxColLabels[k], xColLabel{t, c.Key})
					}
				}
				if c.Group != "" {
					xlsxFrameWords[normLabel(c.Group)] = true
				}
			}
			if b.ItemHeader != "" {
				xlsxFrameWords[normLabel(b.ItemHeader)] = true
			}
		}
		for _, hr := range t.Header {
			for _, h := range hr {
				xlsxFrameWords[normLabel(h.Text)] = true
			}
		}
	}
	for _, r := range model.S4.Blocks[0].Rows {
		xlsxGroups[normLabel(r.Label)] = r.Key
	}
	for _, t := range model.Tables {
		xlsxMatchers[t.ID] = newRowMatcher(t)
	}
})

// xlsxMatchers recognise the row labels of every table, 六's included.
var xlsxMatchers = map[string]*rowMatcher{}

// Labels of the header fields (the cover sheet, or a template's own).
var (
	xlsxAgencyLabels = []string{"机关名称", "单位名称", "填报单位", "填报机关", "报送单位"}
	xlsxYearLabels   = []string{"年度", "报告年度", "填报年度"}
	xlsxKindLabels   = []string{"机关类型", "单位类型"}
	xlsxScopeLabels  = []string{"范围", "报告范围"}
)

// xlsxReader reads one workbook.
type xlsxReader struct {
	a *assembler
	// got are the figures found for each cell, as stored, with where.
	got    map[model.CellAddr]xFound
	clash  map[model.CellAddr]bool
	header map[string]string // header field → value
	title  string
}

type xFound struct {
	raw, where string
}

func importXLSX(data []byte, opt Options) (*model.Report, []string, error) {
	xlsxInit()
	if !isXLSX(data) {
		return nil, nil, errors.New("不是有效的 .xlsx 表格文件（旧的 .xls 或 WPS 的 .et 表格请先另存为 .xlsx）")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, nil, fmt.Errorf("无法读取表格文件（可能已加密或已损坏）：%w", xlsxErr(err))
	}
	defer f.Close()
	x := &xlsxReader{a: &assembler{}, got: map[model.CellAddr]xFound{}, clash: map[model.CellAddr]bool{}, header: map[string]string{}}
	sheets := f.GetSheetList()
	if len(sheets) > xlsxMaxSheets {
		x.a.note("表格文件有 %d 个工作表，只读取了前 %d 个", len(sheets), xlsxMaxSheets)
		sheets = sheets[:xlsxMaxSheets]
	}
	for _, s := range sheets {
		g, err := readGrid(f, s)
		if err != nil {
			x.a.note("工作表「%s」无法读取，已跳过", s)
			continue
		}
		x.headerFields(g)
		x.sheet(s, g)
	}
	r, err := x.report(opt)
	if err != nil {
		return nil, nil, err
	}
	return r, x.a.notes, nil
}

// xlsxErr keeps excelize's English error out of the message: only the
// facts an officer can act on are named.
func xlsxErr(err error) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return errors.New("不是有效的 .xlsx 文件")
	case errors.Is(err, excelize.ErrWorkbookPassword), strings.Contains(err.Error(), "password"):
		return errors.New("文件设有密码")
	case strings.Contains(err.Error(), "size"):
		return errors.New("文件解压后过大")
	}
	return errors.New("文件结构有误")
}

// readGrid reads a sheet's first rows and columns and its merged ranges.
func readGrid(f *excelize.File, sheet string) (*xgrid, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	g := &xgrid{merge: map[[2]int][4]int{}}
	for rows.Next() && len(g.rows) < xlsxMaxRows {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		if len(cols) > xlsxMaxCols {
			cols = cols[:xlsxMaxCols]
		}
		g.rows = append(g.rows, cols)
	}
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, err
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 > xlsxMaxRows || c1 > xlsxMaxCols {
			continue
		}
		r2, c2 = min(r2, xlsxMaxRows), min(c2, xlsxMaxCols)
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				g.merge[[2]int{r - 1, c - 1}] = [4]int{r1 - 1, c1 - 1, r2 - 1, c2 - 1}
			}
		}
	}
	return g, nil
}

// headerFields finds the header fields (机关名称 …) by their labels: the
// value is the next cell to the right; and a title line, for the agency
// and year when no field gives them.
func (x *xlsxReader) headerFields(g *xgrid) {
	fields := map[string][]string{"agency": xlsxAgencyLabels, "year": xlsxYearLabels, "kind": xlsxKindLabels, "scope": xlsxScopeLabels}
	for r := range g.rows {
		for c := range g.rows[r] {
			if g.covered(r, c) {
				continue
			}
			t := g.raw(r, c)
			if t == "" {
				continue
			}
			if x.title == "" {
				if _, _, ok := parseTitle(t); ok {
					x.title = t
				}
			}
			n := strings.TrimSuffix(normLabel(t), ":")
			for field, labels := range fields {
				if !slices.Contains(labels, n) || x.header[field] != "" {
					continue
				}
				for cc := g.lastCol(r, c) + 1; cc < len(g.rows[r]); cc++ {
					if v := g.raw(r, cc); v != "" && !g.covered(r, cc) {
						x.header[field] = v
						break
					}
				}
			}
		}
	}
}

// sheet places the figures of one sheet. It walks the rows: a run of
// header rows names the columns (and so the table); a row below them whose
// label names a row of that table gives that row's figures.
func (x *xlsxReader) sheet(name string, g *xgrid) {
	xlsxInit()
	var (
		table    *model.Table
		cols     map[int]string // column → column key
		groups   map[int]string // column → 四's row (the group above it)
		inHeader bool
		oneRow   bool // 四's one data row has been read under this header
	)
	votes := map[*model.Table]int{}
	cands := map[int][]xColLabel{}
	width := min(g.width(), xlsxMaxCols)
	for r := range g.rows {
		if table != nil && len(cols) > 0 && x.dataRow(name, g, r, table, cols, groups, &oneRow) {
			inHeader = false
			continue
		}
		hit := false
		for c := 0; c < width; c++ {
			if g.covered(r, c) {
				continue
			}
			t := g.raw(r, c)
			if t == "" {
				continue
			}
			if kindOf(t) == vNum {
				hit = false
				break
			}
			n := normLabel(t)
			_, isGroup := xlsxGroups[n]
			if len(xlsxColLabels[n]) > 0 || len(xlsxColLabels[stripParens(n)]) > 0 || isGroup || xlsxFrameWords[n] {
				hit = true
			}
		}
		if !hit {
			inHeader = false
			continue
		}
		if !inHeader {
			table, cols, groups, oneRow = nil, map[int]string{}, map[int]string{}, false
			clear(votes)
			clear(cands)
			inHeader = true
		}
		for c := 0; c < width; c++ {
			if g.covered(r, c) {
				continue
			}
			n := normLabel(g.raw(r, c))
			if n == "" {
				continue
			}
			last := g.lastCol(r, c)
			if key, ok := xlsxGroups[n]; ok {
				if last == c {
					last = c + len(model.S4.Blocks[0].Cols) - 1 // a group label not merged over its columns
				}
				for cc := c; cc <= last; cc++ {
					groups[cc] = key
				}
				votes[model.S4]++
			}
			opts := xlsxColLabels[n]
			if len(opts) == 0 {
				opts = xlsxColLabels[stripParens(n)]
			}
			for _, o := range opts {
				votes[o.t]++
			}
			for cc := c; cc <= last && len(opts) > 0; cc++ {
				cands[cc] = opts // a lower header row names the column more closely
			}
		}
		table = nil
		best := 0
		for _, t := range model.Tables {
			if votes[t] > best {
				table, best = t, votes[t]
			}
		}
		clear(cols)
		for cc, opts := range cands {
			for _, o := range opts {
				if o.t == table {
					cols[cc] = o.key
				}
			}
		}
		if table != model.S4 {
			clear(groups)
		}
	}
}

// dataRow reads row r as a data row of table, if its label names one (or,
// for 四 printed as one row under its groups, if it is the row under the
// header); it reports whether it did.
func (x *xlsxReader) dataRow(sheet string, g *xgrid, r int, table *model.Table, cols, groups map[int]string, oneRow *bool) bool {
	first := -1
	for c := range cols {
		if first < 0 || c < first {
			first = c
		}
	}
	m := xlsxMatchers[table.ID]
	trs := tableRows(table)
	rowKey, label := "", ""
	for c := first - 1; c >= 0 && rowKey == ""; c-- {
		t := g.text(r, c)
		if t == "" {
			continue
		}
		if i, ok := m.row(t); ok {
			rowKey, label = trs[i].row.Key, t
		} else if label == "" {
			label = t
		}
	}
	byGroup := rowKey == "" && table == model.S4 && len(groups) > 0 && !*oneRow
	if byGroup {
		// 四's one row holds figures (or blanks) only: a row of header
		// words under the groups is still the header.
		for c := 0; c < len(g.rows[r]) && c < xlsxMaxCols; c++ {
			if !g.covered(r, c) && kindOf(g.raw(r, c)) == vText {
				return false
			}
		}
	}
	if rowKey == "" && !byGroup {
		// Not a row of the table: figures here are reported, not placed.
		for c := range cols {
			if !g.covered(r, c) && kindOf(g.raw(r, c)) == vNum {
				if label != "" {
					x.a.note("工作表「%s」第 %d 行「%s」不是%s的行，这一行的数字未导入", sheet, r+1, clip(label), "表"+table.Number)
				} else {
					x.a.note("工作表「%s」第 %d 行的数字没有行名，未导入", sheet, r+1)
				}
				return true
			}
		}
		return false
	}
	if byGroup {
		*oneRow = true
	}
	for c, colKey := range cols {
		if g.covered(r, c) {
			continue
		}
		rk := rowKey
		if byGroup || (table == model.S4 && rk == "") {
			rk = groups[c]
		}
		spec, ok := model.Cell(table.Addr(rk, colKey))
		if !ok {
			continue // 二: a column of another block
		}
		raw := g.raw(r, c)
		where := fmt.Sprintf("%s!%s", sheet, cellName(c, r))
		if old, seen := x.got[spec.Addr]; seen {
			if old.raw != raw && !x.clash[spec.Addr] {
				x.clash[spec.Addr] = true
				x.a.note("%s：表格中有两处（%s 和 %s）数字不同，已留空", spec.ShortLabel(), old.where, where)
			}
			continue
		}
		x.got[spec.Addr] = xFound{raw: raw, where: where}
	}
	return true
}

func cellName(c, r int) string {
	n, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return n
}

// report builds the report from what was found.
func (x *xlsxReader) report(opt Options) (*model.Report, error) {
	agency := strings.TrimSpace(x.header["agency"])
	year := 0
	if y := strings.TrimSuffix(strings.TrimSuffix(foldDigits(x.header["year"]), "年度"), "年"); y != "" {
		if n, err := strconv.Atoi(y); err == nil {
			year = n
		} else if v, err := strconv.ParseFloat(y, 64); err == nil && v == float64(int(v)) {
			year = int(v)
		}
	}
	if ta, ty, ok := parseTitle(x.title); ok {
		if agency == "" {
			agency = ta
		}
		if year == 0 {
			year = ty
		}
	}
	if opt.Agency != "" {
		agency = opt.Agency
	}
	if opt.Year != 0 {
		year = opt.Year
	}
	kind := model.Kind("")
	if k := strings.TrimSpace(x.header["kind"]); k != "" {
		for _, kk := range model.Kinds {
			if k == string(kk) || k == kk.Name() {
				kind = kk
			}
		}
		if kind == "" {
			x.a.note("表格中的机关类型「%s」无法识别", clip(k))
		}
	}
	if kind == "" {
		var ok bool
		if kind, ok = guessKind(agency); !ok {
			x.a.note("表格没有写明机关类型，也无法从机关名称「%s」判断，已设为「%s」，请核对", agency, model.KindOther.Name())
		}
	}
	scope := model.ScopeSelf
	if s := strings.TrimSpace(x.header["scope"]); s != "" {
		for _, ss := range model.Scopes {
			if s == string(ss) || s == ss.Name() || s == "本地区汇总" && ss == model.ScopeArea {
				scope = ss
			}
		}
	}
	r := model.New(agency, year, kind, scope)
	r.S1.Parts = nil // a workbook holds no text: 一 is the officer's to write
	r.Preface = model.DefaultPreface
	if len(x.got) == 0 {
		return nil, errors.New("表格中没有找到政府信息公开年度报告的统计表（表二、表三、表四）")
	}
	var notes []model.Note
	cellNote := func(spec *model.CellSpec, format string, args ...any) {
		text := fmt.Sprintf(format, args...)
		x.a.note("%s", text)
		notes = append(notes, model.Note{Cells: []model.CellAddr{spec.Addr}, Text: text})
	}
	for _, spec := range model.InputCells() {
		fd, ok := x.got[spec.Addr]
		if !ok || x.clash[spec.Addr] {
			continue
		}
		switch kindOf(fd.raw) {
		case vBlank:
		case vDash:
			cellNote(spec, "%s：表格中为「%s」，已留空（不当作 0）", spec.ShortLabel(), fd.raw)
		default:
			v, err := model.ParseInput(spec.Unit, sheetNumber(fd.raw))
			if err != nil {
				cellNote(spec, "%s：表格中的「%s」无法读取（%s），已留空", spec.ShortLabel(), clip(fd.raw), err)
				continue
			}
			r.Set(spec.Addr, v)
		}
	}
	// A total the workbook computed (its formula's last result) is checked
	// against the one computed here; a blank one says nothing.
	for _, spec := range model.AllCells() {
		fd, ok := x.got[spec.Addr]
		if !spec.Computed || !ok || kindOf(fd.raw) != vNum {
			continue
		}
		p, err := model.ParseInput(model.Count, sheetNumber(fd.raw))
		v, st := r.ValueOf(spec)
		if err != nil || st != model.Filled || p == v {
			continue
		}
		cellNote(spec, "%s：表格中的合计是 %s，按各项计算是 %s；合计由程序计算", spec.ShortLabel(), p, v)
	}
	if removed, err := r.Sanitize(); err != nil {
		return nil, fmt.Errorf("无法导入：%w", err)
	} else if removed > 0 {
		x.a.note("表格中有 %d 个控制字符（不可见的特殊字符），已删去", removed)
	}
	for _, n := range notes {
		r.AddNote(n.Text, n.Cells...)
	}
	return r, nil
}

// sheetNumber is a stored figure as the officer typed it: a number cell
// holds the binary double nearest the typed decimal (Excel may store
// 5949.0886670000003 for 5949.088667), and its shortest form that reads
// back as the same double is that decimal. Text stays as it is, for
// ParseInput to read or refuse.
func sheetNumber(raw string) string {
	s := strings.TrimSpace(raw)
	if v, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, ",，") {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return stripUnit(s)
}
