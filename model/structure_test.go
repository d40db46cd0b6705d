package model

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestStructureGolden pins the whole structure the UI and every export draw
// from: each table's heading, corner note and multi-row header, each block,
// row (with its label path and level) and column (with its group), and
// every cell's address, unit and, for a computed cell, what it sums. A label
// retyped wrong, a cell moved or a total wired to the wrong inputs shows up
// as a diff against testdata/structure.golden, which was checked line by line
// against FORMAT.md.
func TestStructureGolden(t *testing.T) {
	var b strings.Builder
	for _, tb := range Tables {
		fmt.Fprintf(&b, "table %s %s、%s\n", tb.ID, tb.Number, tb.Title)
		if tb.Corner != "" {
			fmt.Fprintf(&b, "  corner %s\n", tb.Corner)
		}
		if tb.OneRow {
			fmt.Fprintf(&b, "  one row labelled %s\n", tb.OneRowLabel)
		}
		for i, hr := range tb.Header {
			var cells []string
			for _, h := range hr {
				cells = append(cells, fmt.Sprintf("%s[%dx%d]", h.Text, h.RowSpan, h.ColSpan))
			}
			fmt.Fprintf(&b, "  header %d: %s\n", i+1, strings.Join(cells, " | "))
		}
		for _, bl := range tb.Blocks {
			fmt.Fprintf(&b, "  block %q item header %s\n", bl.Title, bl.ItemHeader)
			for _, c := range bl.Cols {
				fmt.Fprintf(&b, "    col %s %s group=%q computed=%v\n", c.Key, c.Label, c.Group, c.Computed)
			}
			for _, r := range bl.Rows {
				fmt.Fprintf(&b, "    row %s level %d %s computed=%v\n", r.Key, r.Level(), strings.Join(r.Path(), " > "), r.Computed)
			}
		}
	}
	for _, c := range AllCells() {
		fmt.Fprintf(&b, "cell %s unit=%s", c.Addr, c.Unit.Name())
		if c.Computed {
			fmt.Fprintf(&b, " computed sum of %d: %s … %s", len(c.Inputs), c.Inputs[0], c.Inputs[len(c.Inputs)-1])
		} else {
			fmt.Fprintf(&b, " input %d", c.Index)
		}
		fmt.Fprintf(&b, " label %s\n", c.Label())
	}
	golden(t, "structure", []byte(b.String()))
}

// TestStructureCounts checks the figures FORMAT.md gives for the structure.
func TestStructureCounts(t *testing.T) {
	inputs := map[*Table]int{S2: 10, S3: 144, S4: 12, S6: 3}
	for tb, want := range inputs {
		if got := len(tb.Inputs()); got != want {
			t.Errorf("table %s: %d input cells, want %d", tb.Number, got, want)
		}
		if f, n := New("某局", 2024, KindOther, ScopeSelf).FilledCount(tb); f != 0 || n != want {
			t.Errorf("table %s: FilledCount %d/%d", tb.Number, f, n)
		}
	}
	if len(InputCells()) != NumInputs || NumInputs != 169 {
		t.Errorf("%d input cells", len(InputCells()))
	}
	if rows, cols := len(S3.Blocks[0].Rows), len(S3.Blocks[0].Cols); rows != 25 || cols != 7 {
		t.Errorf("三 is %d×%d, want 25×7", rows, cols)
	}
	// Every computed cell, and only those: the total columns and s3.handled.
	addr := regexp.MustCompile(`^s[2346]\.[a-z_]+\.[a-z_]+$`)
	for _, c := range AllCells() {
		if !addr.MatchString(string(c.Addr)) {
			t.Errorf("address %s", c.Addr)
		}
		want := c.ColSpec().Key == "total" || c.Addr[:11] == "s3.handled."
		if c.Computed != want {
			t.Errorf("%s computed = %v", c.Addr, c.Computed)
		}
		if got, ok := Cell(c.Addr); !ok || got != c {
			t.Errorf("Cell(%s) does not find it", c.Addr)
		}
	}
	// s3.handled sums the 21 result rows (（一）…（六）), nothing else.
	h, _ := Cell("s3.handled.natural")
	if len(h.Inputs) != 21 || h.Inputs[0] != "s3.granted.natural" || h.Inputs[20] != "s3.other_other.natural" {
		t.Errorf("s3.handled.natural sums %v", h.Inputs)
	}
	for _, a := range h.Inputs {
		if c, _ := Cell(a); c.RowSpec().Parents[0] != "三、本年度办理结果" {
			t.Errorf("s3.handled sums %s", a)
		}
	}
	// The official headers are as wide as the value columns below them: 三
	// has 7, 四 (one printed row) 15. Rowspans carry into the rows below.
	for tb, width := range map[*Table]int{S3: 7, S4: 15} {
		carry := make([]int, len(tb.Header)+1)
		for i, hr := range tb.Header {
			w := carry[i]
			for _, h := range hr {
				w += h.ColSpan
				for k := 1; k < h.RowSpan; k++ {
					carry[i+k] += h.ColSpan
				}
			}
			if w != width {
				t.Errorf("table %s header row %d is %d columns wide, want %d", tb.Number, i+1, w, width)
			}
		}
	}
	// Each value column of 四 reads, top to bottom, its row's path and its
	// own head: 行政复议 / 结果维持 (spanning rows 2–3), 行政诉讼 /
	// 未经复议直接起诉 / 结果维持, ….
	var want [][]string
	for _, row := range S4.Blocks[0].Rows {
		for _, c := range S4.Blocks[0].Cols {
			want = append(want, append(row.Path(), c.Label))
		}
	}
	if got := headerColumns(S4.Header, 15); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("四's header columns\n got %q\nwant %q", got, want)
	}
}

// headerColumns places a multi-row header on a grid, as a table does with
// rowspan and colspan, and lists each column's heads from top to bottom,
// a spanning cell once.
func headerColumns(h [][]HeaderCell, width int) [][]string {
	grid := make([][]*HeaderCell, len(h))
	for i := range grid {
		grid[i] = make([]*HeaderCell, width)
	}
	for ri, row := range h {
		col := 0
		for i := range row {
			for col < width && grid[ri][col] != nil {
				col++
			}
			for dr := 0; dr < row[i].RowSpan && ri+dr < len(h); dr++ {
				for dc := 0; dc < row[i].ColSpan && col+dc < width; dc++ {
					grid[ri+dr][col+dc] = &row[i]
				}
			}
			col += row[i].ColSpan
		}
	}
	out := make([][]string, width)
	for c := range width {
		for r := range h {
			if r == 0 || grid[r][c] != grid[r-1][c] {
				if grid[r][c] == nil {
					out[c] = append(out[c], "?")
					continue
				}
				out[c] = append(out[c], grid[r][c].Text)
			}
		}
	}
	return out
}
