package export

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"github.com/xuri/excelize/v2"

	"nianbao/model"
)

// Table is a plain table of figures (the per-unit figures of a collecting
// office: one row per unit), for the spreadsheet and CSV.
type Table struct {
	Title string
	Head  []string
	Rows  []TableRow
	// Sums is the number of leading value columns that have a total row:
	// in the spreadsheet a formula, blank until every row is filled; in
	// the CSV the figure of SumRow.
	Sums   int
	SumRow TableRow
}

// TableRow is a row: its name, then its cells.
type TableRow struct {
	Name  string
	Cells []TableCell
}

// TableCell is a figure (Filled says whether there is one) or a text.
type TableCell struct {
	Value  model.Dec
	Filled bool
	Text   string
}

func (c TableCell) String() string {
	if c.Text != "" {
		return c.Text
	}
	if c.Filled {
		return c.Value.String()
	}
	return ""
}

// TableCSV writes the table as CSV: UTF-8 with a byte-order mark and CRLF
// line ends, which is what Excel and WPS open as Chinese text.
func TableCSV(t *Table) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write([]string{t.Title})
	w.Write(t.Head)
	row := func(r TableRow) {
		rec := []string{r.Name}
		for _, c := range r.Cells {
			rec = append(rec, c.String())
		}
		w.Write(rec)
	}
	for _, r := range t.Rows {
		row(r)
	}
	if t.Sums > 0 {
		row(t.SumRow)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf(errXLSX, err)
	}
	return b.Bytes(), nil
}

// TableXLSX writes the table as a spreadsheet: title, header, one row per
// row, and the total row as formulas that stay blank until every figure
// of their column is filled.
func TableXLSX(t *Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &xlsxWriter{f: f}
	w.styles()
	s := sheetTable
	w.do(f.SetSheetName("Sheet1", s))
	n := len(t.Head)
	w.put(s, 1, 1, 1, n, t.Title, w.st.title)
	w.height(s, 1, 28)
	for i, h := range t.Head {
		w.put(s, 2, 1+i, 2, 1+i, h, w.st.header)
	}
	w.height(s, 2, 30)
	w.width(s, "A", "A", 34)
	if n > 1 {
		w.width(s, cellName(2, 1)[:1], cellName(n, 1)[:1], 12)
	}
	put := func(row int, r TableRow, style int) {
		w.put(s, row, 1, row, 1, r.Name, w.st.label)
		for i, c := range r.Cells {
			p := xlsxPlace{s, row, 2 + i}
			w.put(s, row, p.col, row, p.col, nil, style)
			switch {
			case c.Text != "":
				w.do(f.SetCellStr(s, p.ref(), c.Text))
			case c.Filled && w.err == nil:
				w.do(f.SetCellDefault(s, p.ref(), c.Value.String()))
			}
		}
	}
	first := 3
	for i, r := range t.Rows {
		put(first+i, r, w.st.input)
	}
	if t.Sums > 0 && len(t.Rows) > 0 {
		row := first + len(t.Rows)
		w.put(s, row, 1, row, 1, t.SumRow.Name, w.st.header)
		for i := range t.Sums {
			col := 2 + i
			top, bottom := cellName(col, first), cellName(col, row-1)
			w.formula(xlsxPlace{s, row, col}, fmt.Sprintf(`IF(COUNT(%s:%s)=%d,SUM(%s:%s),"")`, top, bottom, len(t.Rows), top, bottom), w.st.total)
		}
		for i := t.Sums; i < n-1; i++ {
			w.put(s, row, 2+i, row, 2+i, nil, w.st.total)
		}
	}
	w.do(f.SetPanes(s, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}))
	yes := true
	w.do(f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}))
	w.do(f.SetDocProps(&excelize.DocProperties{Title: t.Title, Creator: "nianbao", Created: "2021-01-01T00:00:00Z", Modified: "2021-01-01T00:00:00Z"}))
	w.page(s, true)
	w.do(f.SetPageLayout(s, &excelize.PageLayoutOptions{FitToHeight: new(int)}))
	if w.err != nil {
		return nil, fmt.Errorf(errXLSX, w.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf(errXLSX, err)
	}
	return buf.Bytes(), nil
}
