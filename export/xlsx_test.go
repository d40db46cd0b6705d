package export

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nianbao/model"
)

func renderBook(t *testing.T, r *model.Report) *excelize.File {
	t.Helper()
	b, err := Render(r, XLSX, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// dumpBook writes a workbook as text: each sheet's merged ranges, then each
// cell with its value or its formula, in reading order.
func dumpBook(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var b strings.Builder
	for _, s := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", s)
		merged, _ := f.GetMergeCells(s)
		var ms []string
		for _, m := range merged {
			ms = append(ms, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		slices.Sort(ms)
		fmt.Fprintf(&b, "merged %s\n", strings.Join(ms, " "))
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for ri := range len(rows) + 2 {
			for ci := range 20 {
				cell, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				if fm, _ := f.GetCellFormula(s, cell); fm != "" {
					fmt.Fprintf(&b, "%s =%s\n", cell, fm)
				} else if ri < len(rows) && ci < len(rows[ri]) && rows[ri][ci] != "" {
					fmt.Fprintf(&b, "%s %q\n", cell, rows[ri][ci])
				}
			}
		}
	}
	return []byte(b.String())
}

// TestXLSXGolden: the complete report's workbook, cell by cell.
func TestXLSXGolden(t *testing.T) {
	goldenCheck(t, "complete.xlsx", dumpBook(t, renderBook(t, completeReport(t))))
}

var cellRef = regexp.MustCompile(`\$?([A-Z]+)\$?([0-9]+)(?::\$?([A-Z]+)\$?([0-9]+))?`)

// refsOf lists every cell a formula names, ranges expanded.
func refsOf(t *testing.T, formula string) []string {
	var out []string
	for _, m := range cellRef.FindAllStringSubmatch(formula, -1) {
		c1, r1, _ := excelize.CellNameToCoordinates(m[1] + m[2])
		c2, r2 := c1, r1
		if m[3] != "" {
			c2, r2, _ = excelize.CellNameToCoordinates(m[3] + m[4])
		}
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				n, _ := excelize.CoordinatesToCellName(c, r)
				out = append(out, n)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestXLSXTotalsAndChecks: every computed cell holds a formula over exactly
// the cells of its inputs (三's 总计 of （七） through the six 办理结果总计
// cells, which sum theirs), and the workbook's own calculation gives what
// the model computes: the sum when every input is filled, blank while one
// is empty (never 0). Each of 三's check cells says 相符 where the column
// balances, the difference where it does not, nothing while a figure is
// missing. Every figure differs, so a formula over a shifted cell fails.
func TestXLSXTotalsAndChecks(t *testing.T) {
	r := uniqueReport(t) // does not balance
	// Balance the applicant column 自然人 and the 总计 … no: keep one
	// balancing column (商业企业) and leave one cell of 科研机构 empty.
	b := model.S3.Blocks[0]
	var results model.Dec
	for _, row := range b.Rows {
		if len(row.Parents) > 0 && !row.Computed {
			v, _ := r.Get(model.S3.Addr(row.Key, "business"))
			results += v
		}
	}
	fw, _ := r.Get("s3.forward.business")
	cr, _ := r.Get("s3.carried.business")
	set(t, r, "s3.new.business", results+fw-cr)
	if err := r.Clear("s3.denied_law.research"); err != nil {
		t.Fatal(err)
	}
	if err := r.Clear("s4.suit_after.other"); err != nil {
		t.Fatal(err)
	}
	f := renderBook(t, r)
	for _, c := range model.AllCells() {
		sheet, cell, ok := XLSXCell(c.Addr)
		if !ok {
			if c.Table == model.S6 || c.Table == model.S2 || c.Table == model.S3 || c.Table == model.S4 {
				t.Fatalf("%s has no place in the workbook", c.Addr)
			}
			continue
		}
		fm, _ := f.GetCellFormula(sheet, cell)
		if !c.Computed {
			if fm != "" {
				t.Errorf("%s (%s!%s): input cell holds a formula %s", c.Addr, sheet, cell, fm)
			}
			got, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			want := ""
			if v, ok := r.Get(c.Addr); ok {
				want = v.String()
			}
			if got != want {
				t.Errorf("%s (%s): %q, want %q", c.Addr, cell, got, want)
			}
			continue
		}
		if !strings.HasPrefix(fm, "IF(COUNT(") || !strings.HasSuffix(fm, `,"")`) {
			t.Errorf("%s: formula %s is not blank-unless-all", c.Addr, fm)
		}
		var want []string
		for _, in := range c.Inputs {
			_, ic, _ := XLSXCell(in)
			want = append(want, ic)
		}
		if c.ColSpec().Computed && c.RowSpec().Computed {
			want = nil // 三's （七）总计 of 总计: over the row's six totals
			for _, col := range b.Cols[:len(b.Cols)-1] {
				_, ic, _ := XLSXCell(model.S3.Addr("handled", col.Key))
				want = append(want, ic)
			}
		}
		slices.Sort(want)
		if got := refsOf(t, fm); !slices.Equal(got, want) {
			t.Errorf("%s: formula %s names %v, want %v", c.Addr, fm, got, want)
		}
		got, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s: %v", c.Addr, err)
		}
		v, st := r.ValueOf(c)
		wantV := ""
		if st == model.Filled {
			wantV = v.String()
		}
		if got != wantV {
			t.Errorf("%s (%s): the workbook computes %q, nianbao %q", c.Addr, cell, got, wantV)
		}
	}
	sheet, checks := XLSXChecks()
	for i, col := range b.Cols {
		got, err := f.CalcCellValue(sheet, checks[i], excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		n, s1 := r.Value(model.S3.Addr("new", col.Key))
		c, s2 := r.Value(model.S3.Addr("carried", col.Key))
		h, s3 := r.Value(model.S3.Addr("handled", col.Key))
		fw, s4 := r.Value(model.S3.Addr("forward", col.Key))
		var want string
		switch {
		case s1 != model.Filled || s2 != model.Filled || s3 != model.Filled || s4 != model.Filled:
			want = ""
		case n+c == h+fw:
			want = XLSXCheckOK
		default:
			d := n + c - h - fw
			if d < 0 {
				d = -d
			}
			want = checkDiff + d.String()
		}
		if got != want {
			t.Errorf("check of %s (%s): %q, want %q", col.Key, checks[i], got, want)
		}
	}
	if got, _ := f.CalcCellValue(sheet, checks[1]); got != XLSXCheckOK {
		t.Errorf("the balanced column's check says %q", got)
	}
	if got, _ := f.CalcCellValue(sheet, checks[2]); got != "" {
		t.Errorf("the column with an empty cell's check says %q", got)
	}
}

// TestXLSXExactAmounts: an amount is written as the exact decimal, never
// through a float: six places of 万元, the largest figure allowed.
func TestXLSXExactAmounts(t *testing.T) {
	r := completeReport(t)
	set(t, r, "s2.fees.amount", 999_999_999_999_999) // 999999999.999999
	set(t, r, "s6.fee.billed", 123_456_789_120_000)  // 123456789.12
	f := renderBook(t, r)
	for a, want := range map[model.CellAddr]string{"s2.fees.amount": "999999999.999999", "s6.fee.billed": "123456789.12"} {
		s, c, _ := XLSXCell(a)
		if got, _ := f.GetCellValue(s, c, excelize.Options{RawCellValue: true}); got != want {
			t.Errorf("%s: %q, want %q", a, got, want)
		}
		if typ, _ := f.GetCellType(s, c); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s: cell type %v, want a number", a, typ)
		}
	}
}
