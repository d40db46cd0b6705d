package importer

import (
	"strconv"
	"strings"
	"testing"

	"nianbao/model"
)

// numberedSeed is the seed with distinct figures (those of htmlWant) and
// correct printed totals, so that a figure read into the wrong cell shows.
func numberedSeed(t *testing.T) string {
	want := htmlWant()
	value := func(c *model.CellSpec) string {
		if !c.Computed {
			return want[c.Addr]
		}
		sum := 0
		for _, in := range c.Inputs {
			n, err := strconv.Atoi(want[in])
			if err != nil {
				t.Fatalf("%s: %v", in, err)
			}
			sum += n
		}
		return strconv.Itoa(sum)
	}
	return editRows(readSeed(t), func(c []string) []string {
		if len(c) == 15 {
			i := 0
			for _, tr := range tableRows(model.S4) {
				for _, spec := range tr.cells {
					c[i] = value(spec)
					i++
				}
			}
			return c
		}
		for _, tbl := range []*model.Table{model.S2, model.S3} {
			for _, tr := range tableRows(tbl) {
				if hasLabel(c, tr.row.Label) {
					n := len(tr.cells)
					for i, spec := range tr.cells {
						if spec.Addr == "s2.fees.amount" {
							continue // 12.5 is not an integer; keep the seed's 0
						}
						c[len(c)-n+i] = value(spec)
					}
				}
			}
		}
		return c
	})
}

func TestNumberedSeedVariants(t *testing.T) {
	base := numberedSeed(t)
	want := htmlWant()
	want["s2.fees.amount"] = "0"
	tests := []struct {
		name string
		data string
	}{
		{"as published", base},
		{"row labels of 三 missing", editRows(base, func(c []string) []string {
			if len(c) >= 8 && len(c) < 15 {
				return c[len(c)-7:]
			}
			return c
		})},
		{"printed totals missing", editRows(base, func(c []string) []string {
			switch {
			case len(c) == 15:
				return append(append(append([]string{}, c[0:4]...), c[5:9]...), c[10:14]...)
			case len(c) >= 8:
				return c[:len(c)-1]
			}
			return c
		})},
		{"row labels, printed totals and the 总计 row of 三 missing", editRows(base, func(c []string) []string {
			switch {
			case hasLabel(c, "（七）总计"):
				return nil
			case len(c) >= 8 && len(c) < 15:
				return c[len(c)-7 : len(c)-1]
			}
			return c
		})},
		{"one row per line", renderRows(seedRows(base), func(c []string) string { return strings.Join(c, "\t") }, true)},
		{"四 as three labelled rows", editRows(base, func(c []string) []string {
			if len(c) == 15 {
				return []string{"行政复议\t" + strings.Join(c[0:5], "\t") + "\n\t未经复议直接起诉\t" + strings.Join(c[5:10], "\t") +
					"\n\t复议后起诉\t" + strings.Join(c[10:15], "\t")}
			}
			return c
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustImport(t, []byte(tt.data), "seed.txt")
			checkCells(t, res.Report, want)
			checkNotes(t, res.Notes, billedNote)
		})
	}
}

// TestUnlabelledRowsThatDoNotFit: when a page leaves out the row labels and
// also a row, placing by position would shift every figure below the gap
// into the wrong row; the rows are left empty and reported instead.
func TestUnlabelledRowsThatDoNotFit(t *testing.T) {
	base := numberedSeed(t)
	for _, tt := range []struct {
		name string
		drop string
		rows int
	}{
		{"a data row missing", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 24},
		// Totals column printed, so a missing 总计 row cannot be told from
		// a missing data row.
		{"the 总计 row missing, totals printed", "（七）总计", 24},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := editRows(base, func(c []string) []string {
				switch {
				case hasLabel(c, tt.drop):
					return nil
				case len(c) >= 8 && len(c) < 15:
					return c[len(c)-7:]
				}
				return c
			})
			res := mustImport(t, []byte(data), "seed.txt")
			want := htmlWant()
			want["s2.fees.amount"] = "0"
			for _, c := range model.S3.Inputs() {
				want[c.Addr] = ""
			}
			checkCells(t, res.Report, want)
			checkNotes(t, res.Notes,
				"表三有 "+strconv.Itoa(tt.rows)+" 行数字没有行名，而「一、本年新收政府信息公开申请数量」至「四、结转下年度继续办理」按格式应有 25 行，无法确定各属哪一行，均未导入，已留空",
				billedNote,
			)
		})
	}
}

// TestUnlabelledRowsThatDoNotAddUp: rows without labels placed by position
// must each add up to their printed total; a stray row in place of a
// dropped one would shift every row after it, and its total gives it away.
func TestUnlabelledRowsThatDoNotAddUp(t *testing.T) {
	base := numberedSeed(t)
	stray := false
	data := renderRows(seedRows(base), func(c []string) string {
		switch {
		case hasLabel(c, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"):
			return ""
		case len(c) >= 8 && len(c) < 15:
			c = c[len(c)-7:]
			if !stray {
				stray = true
				return seedStyle(c) + "\n\n" + seedStyle([]string{"1", "2", "3", "4", "5", "6", "99"})
			}
		}
		return seedStyle(c)
	}, false)
	res := mustImport(t, []byte(data), "seed.txt")
	for _, c := range model.S3.Inputs() {
		if v, ok := res.Report.Get(c.Addr); ok {
			t.Errorf("%s = %v, want empty", c.Addr, v)
		}
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "合计与各项之和不符，无法确认各行的位置，均未导入，已留空") {
		t.Errorf("notes %q", res.Notes)
	}
}
