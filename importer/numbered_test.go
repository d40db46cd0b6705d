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
			if len(res.Notes) != 1 || res.Notes[0] != billedNote {
				t.Errorf("notes = %q, want only %q", res.Notes, billedNote)
			}
		})
	}
}
