package importer

import (
	"fmt"
	"strings"
	"testing"

	"nianbao/model"
)

// orderGridOf is table 三 as printed: 25 rows of 7 figures, each row's
// total the sum of its six, （七）总计 the sum of the result rows; the
// figures come from cell(row, col) for the input cells.
func orderGridOf(cell func(r, c int) int64) [][]int64 {
	trs := tableRows(model.S3)
	g := make([][]int64, len(trs))
	for r := range g {
		g[r] = make([]int64, 7)
		if trs[r].row.Computed {
			continue
		}
		for c := 0; c < 6; c++ {
			g[r][c] = cell(r, c)
			g[r][6] += g[r][c]
		}
	}
	for r, tr := range trs {
		if !tr.row.Computed {
			continue
		}
		for c := 0; c < 7; c++ {
			for q := 2; q < r; q++ {
				g[r][c] += g[q][c]
			}
		}
	}
	return g
}

// orderStream lists the figures of g in the order of cells given, each on
// a line of its own unless lines says otherwise (cells on one line).
func orderStream(g [][]int64, order [][2]int, sameLine map[int]bool) []ofig {
	var figs []ofig
	line := 0
	for i, rc := range order {
		if i > 0 && !sameLine[i] {
			line++
		}
		v := g[rc[0]][rc[1]]
		figs = append(figs, ofig{text: fmt.Sprint(v), v: model.Int(v), line: line, flow: -1 - line})
	}
	return figs
}

// rowMajor, and bands of rows read column by column (LibreOffice), and a
// staircase (the top of a page under a repeated header).
func rowMajor(rows []int) (o [][2]int) {
	for _, r := range rows {
		for c := 0; c < 7; c++ {
			o = append(o, [2]int{r, c})
		}
	}
	return o
}

func band(rows []int) (o [][2]int) {
	for c := 0; c < 7; c++ {
		for _, r := range rows {
			o = append(o, [2]int{r, c})
		}
	}
	return o
}

func staircase(rows []int) (o [][2]int) {
	// Row k's first 4-k cells, for each row in turn; then the rest of
	// each row in turn.
	split := func(k int) int { return max(1, 4-k) }
	for k, r := range rows {
		for c := 0; c < split(k); c++ {
			o = append(o, [2]int{r, c})
		}
	}
	for k, r := range rows {
		for c := split(k); c < 7; c++ {
			o = append(o, [2]int{r, c})
		}
	}
	return o
}

func seq(from, to int) (out []int) {
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

// numberedCell is a different figure in every input cell of 三.
func numberedCell(r, c int) int64 { return int64(r*7+c+1) + int64(c%3)*100 }

func checkOrderRead(t *testing.T, g [][]int64, figs []ofig, wantAmb []model.CellAddr) {
	t.Helper()
	trs := tableRows(model.S3)
	got, amb, more := orderRead(trs, figs)
	if more {
		t.Fatal("ran out of work")
	}
	if got == nil {
		t.Fatal("no reading")
	}
	if strings.Join(addrs(amb), " ") != strings.Join(addrs(wantAmb), " ") {
		t.Errorf("disputed cells %v, want %v", amb, wantAmb)
	}
	isAmb := map[model.CellAddr]bool{}
	for _, a := range amb {
		isAmb[a] = true
	}
	for r, tr := range trs {
		for c, spec := range tr.cells {
			want := fmt.Sprint(g[r][c])
			if isAmb[spec.Addr] {
				want = ""
			}
			if spec.Computed && got[r][c] == "" {
				continue
			}
			if got[r][c] != want {
				t.Errorf("%s = %q, want %q", spec.Addr, got[r][c], want)
			}
		}
	}
}

func addrs(as []model.CellAddr) []string {
	var out []string
	for _, a := range as {
		out = append(out, string(a))
	}
	return out
}

// TestOrderRead: the figures of 三 in each order pdftotext gives them
// are read into their cells, whatever the labels.
func TestOrderRead(t *testing.T) {
	g := orderGridOf(numberedCell)
	var bands, mixed [][2]int
	for r := 0; r < 24; r += 2 {
		bands = append(bands, band([]int{r, r + 1})...)
	}
	bands = append(bands, rowMajor([]int{24})...)
	mixed = append(mixed, band([]int{0, 1})...)
	mixed = append(mixed, rowMajor(seq(2, 12))...)
	mixed = append(mixed, staircase(seq(12, 17))...)
	mixed = append(mixed, band([]int{17, 18, 19})...)
	mixed = append(mixed, rowMajor(seq(20, 25))...)
	for name, order := range map[string][][2]int{"rows": rowMajor(seq(0, 25)), "bands": bands, "mixed": mixed} {
		t.Run(name, func(t *testing.T) {
			checkOrderRead(t, g, orderStream(g, order, nil), nil)
		})
	}
}

// TestOrderReadZeros: a small agency's table, zeros but for a few, in
// bands of two rows read column by column: every reading of the zeros is
// the same, and the few figures are placed where the sums leave one place
// for them; the search stays within its work. 新收 and 上年结转 are in
// no column's sum: read as 12 1 3 0 0 0 | 16 and 0 0 0 0 1 0 | 1 they
// keep every printed sum too (only the 勾稽关系 would tell, and a report
// may not keep it), so the cells the two readings dispute stay empty.
func TestOrderReadZeros(t *testing.T) {
	few := map[[2]int]int64{{0, 0}: 12, {0, 1}: 3, {0, 5}: 1, {1, 0}: 1, {2, 0}: 7, {2, 1}: 2, {3, 0}: 1,
		{12, 0}: 2, {12, 1}: 1, {16, 0}: 1, {22, 5}: 1, {24, 0}: 2}
	g := orderGridOf(func(r, c int) int64 { return few[[2]int{r, c}] })
	var order [][2]int
	for r := 0; r < 24; r += 2 {
		order = append(order, band([]int{r, r + 1})...)
	}
	order = append(order, rowMajor([]int{24})...)
	checkOrderRead(t, g, orderStream(g, order, nil), []model.CellAddr{"s3.new.business", "s3.new.research", "s3.new.other", "s3.carried.natural", "s3.carried.legal"})
	// Row by row, nothing is disputed.
	checkOrderRead(t, g, orderStream(g, rowMajor(seq(0, 25)), nil), nil)
	// All zero: all zeros.
	z := orderGridOf(func(int, int) int64 { return 0 })
	checkOrderRead(t, z, orderStream(z, rowMajor(seq(0, 25)), nil), nil)
}

// TestOrderReadDisputed: where two readings keep every rule and every
// printed sum, the cells they dispute are left empty; the rest placed.
func TestOrderReadDisputed(t *testing.T) {
	// 新收 5 0 0 0 0 0 | 5 and 上年结转 0 5 0 0 0 0 | 5 as a band, read
	// column by column: 5 0 | 0 5 | 0 0 | … | 5 5. 新收 is settled (its
	// first figure is 5, its total 5); 上年结转 may as well be 5 0 0 0 0 0,
	// its 5 taken before the 0: no sum covers these rows' columns.
	few := map[[2]int]int64{{0, 0}: 5, {1, 1}: 5, {2, 0}: 3}
	g := orderGridOf(func(r, c int) int64 { return few[[2]int{r, c}] })
	order := band([]int{0, 1})
	order = append(order, rowMajor(seq(2, 25))...)
	checkOrderRead(t, g, orderStream(g, order, nil), []model.CellAddr{"s3.carried.natural", "s3.carried.business"})
	// Row by row, with 新收's seven figures on one line, the first
	// row is that line: one reading.
	rows := rowMajor(seq(0, 25))
	sameLine := map[int]bool{}
	for i := 1; i < 7; i++ {
		sameLine[i] = true // 新收's seven figures on one line
	}
	checkOrderRead(t, g, orderStream(g, rows, sameLine), nil)
}

// TestOrderReadRefuses: no reading when the figures are not the table's
// (one missing, a dash among them), or no order keeps the rules.
func TestOrderReadRefuses(t *testing.T) {
	g := orderGridOf(numberedCell)
	trs := tableRows(model.S3)
	figs := orderStream(g, rowMajor(seq(0, 25)), nil)
	if got, _, _ := orderRead(trs, figs[1:]); got != nil {
		t.Error("read with a figure missing")
	}
	// A total that is not the sum: no reading.
	bad := append([]ofig(nil), figs...)
	bad[6].v += model.Int(1)
	if got, _, _ := orderRead(trs, bad); got != nil {
		t.Error("read with a wrong total")
	}
	if _, ok := orderFigures([][]string{{"一、本年新收", "1", "—", "0"}}, nil, model.Count); ok {
		t.Error("a dash among the figures")
	}
	// Figures in an order no reading of pdftotext's allows (a row's
	// total before its cells).
	rev := append([]ofig(nil), figs...)
	rev[0], rev[6] = rev[6], rev[0]
	if got, _, _ := orderRead(trs, rev); got != nil {
		t.Error("read a total before its row")
	}
}

// TestOrderTableS2: 二 has no sums. Row by row in one of pdftotext's
// flows (Chromium's PDF) it is read whole; as LibreOffice's PDF gives it
// (each column of 规章 and 行政规范性文件 a flow of its own), only the cells
// every reading agrees on are read.
func TestOrderTableS2(t *testing.T) {
	head := "某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
	tail := "三、收到和处理政府信息公开申请情况\n"
	rowWise := head + "第二十条第（一）项\n本年制发件数\n本年废止件数\n现行有效件数\n2\n3\n1003\n14\n5\n336\n本年处理决定数量\n2417\n本年处理决定数量\n608\n21\n本年收费金额（单位：万元）\n5949.088667\n\n" + tail + "\f"
	res := mustImport(t, []byte(rowWise), "x.txt")
	checkSome(t, res.Report, map[model.CellAddr]string{
		"s2.rules.issued": "2", "s2.rules.repealed": "3", "s2.rules.in_force": "1003",
		"s2.normative.issued": "14", "s2.normative.repealed": "5", "s2.normative.in_force": "336",
		"s2.licensing.decisions": "2417", "s2.punishment.decisions": "608", "s2.coercion.decisions": "21", "s2.fees.amount": "5949.088667",
	})
	colWise := head + "本年制发件数\n\n本年废止件数\n2\n14\n\n3\n5\n\n现行有效件数\n1003\n336\n\n本年处理决定数量\n2417\n本年处理决定数量\n608\n21\n本年收费金额（单位：万元）\n5949.088667\n\n" + tail + "\f"
	res = mustImport(t, []byte(colWise), "x.txt")
	checkSome(t, res.Report, map[model.CellAddr]string{
		"s2.rules.issued": "2", "s2.rules.repealed": "", "s2.rules.in_force": "",
		"s2.normative.issued": "", "s2.normative.repealed": "", "s2.normative.in_force": "336",
		"s2.licensing.decisions": "2417", "s2.punishment.decisions": "608", "s2.coercion.decisions": "21", "s2.fees.amount": "5949.088667",
	})
	notes := strings.Join(res.Notes, "\n")
	if !strings.Contains(notes, "表二「规章」本年废止件数：从 PDF 提取的文字没有保留栏位，按数字的先后有两种以上读法（表二没有合计可以核对），这一格无法确定，已留空") {
		t.Errorf("notes:\n%s", notes)
	}
}

// checkSome compares the cells named (""  for empty).
func checkSome(t *testing.T, r *model.Report, want map[model.CellAddr]string) {
	t.Helper()
	for a, w := range want {
		got := ""
		if v, ok := r.Get(a); ok {
			got = v.String()
		}
		if got != w {
			t.Errorf("%s = %q, want %q", a, got, w)
		}
	}
}
