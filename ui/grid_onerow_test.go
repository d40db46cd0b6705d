package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
)

// openS4 shows 四 and draws a frame (the layout, one row or three, is
// decided when the grid is drawn, as after every message in the program).
func openS4(d *driver) *gridState {
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS4}))
	d.screen()
	return e.grids[model.S4]
}

// screenCols splits a plain screen line into display columns: a wide
// character fills its first column, "" the second.
func screenCols(line string) []string {
	var out []string
	for _, r := range line {
		out = append(out, string(r))
		for i := 1; i < ansi.StringWidth(string(r)); i++ {
			out = append(out, "")
		}
	}
	return out
}

// span is the text drawn in display columns [x0, x1) of screen line y.
func span(screen string, y, x0, x1 int) string {
	lines := strings.Split(screen, "\n")
	if y < 0 || y >= len(lines) {
		return ""
	}
	cols := screenCols(lines[y])
	if x0 >= len(cols) {
		return ""
	}
	return strings.Join(cols[x0:min(x1, len(cols))], "")
}

// hitOf is where cell a was drawn in the last frame.
func hitOf(t *testing.T, e *editor, a model.CellAddr) cellHit {
	t.Helper()
	for _, h := range e.lay.hits {
		if h.addr == a {
			return h
		}
	}
	t.Fatalf("cell %s not drawn", a)
	return cellHit{}
}

// findText is the first line from line y0 on where text is drawn, and its
// column.
func findText(t *testing.T, screen, text string, y0 int) (y, x int) {
	t.Helper()
	for y, l := range strings.Split(screen, "\n") {
		if i := strings.Index(l, text); i >= 0 && y >= y0 {
			return y, dw(l[:i])
		}
	}
	t.Fatalf("%q not on screen:\n%s", text, screen)
	return 0, 0
}

func TestS4OneRowLayout(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	g := openS4(d)
	e := d.ed()
	if !g.one {
		t.Fatalf("四 not drawn as one row at 120×40:\n%s", d.screen())
	}
	// Figures pasted in the official order land in the printed order.
	d.send(tea.PasteMsg{Content: "件数\t1\t2\t3\t4\t10\t5\t6\t7\t8\t26\t9\t10\t11\t12\t42\n"})
	s := d.screen()
	printed := printedCells(model.S4)
	if len(printed) != 15 {
		t.Fatalf("%d printed cells", len(printed))
	}
	first := hitOf(t, e, printed[0].Addr)
	for i, c := range printed {
		h := hitOf(t, e, c.Addr)
		if h.y != first.y {
			t.Fatalf("cell %d on line %d, first on %d", i, h.y, first.y)
		}
		if i > 0 && h.x0 != hitOf(t, e, printed[i-1].Addr).x1 {
			t.Fatalf("cell %d does not follow the one before", i)
		}
		v, _ := e.r.ValueOf(c)
		if got := strings.TrimSpace(strings.TrimLeft(span(s, h.y, h.x0, h.x1), ">")); got != v.String() {
			t.Fatalf("cell %s shows %q, want %s:\n%s", c.Addr, got, v, s)
		}
	}
	if got := span(s, first.y, first.x0-dw("件数")-1, first.x0); !strings.HasPrefix(got, "件数") {
		t.Fatalf("row label %q", got)
	}
	// Each header cell of model.S4.Header sits over the cells it spans: a
	// cell spanning columns on a rule that reaches both ends of its span,
	// above the rows below it; a column head (行政复议's five spanning rows
	// 2–3 and the 诉讼 groups' in row 3) on the two lines right above its
	// figure, split when narrower than the name.
	groupOf := func(from, to int) (int, int) {
		return hitOf(t, e, printed[from].Addr).x0, hitOf(t, e, printed[to].Addr).x1
	}
	for _, hc := range placeHeader(model.S4.Header, 15) {
		x0, x1 := groupOf(hc.col, hc.col+hc.ColSpan-1)
		if hc.ColSpan == 1 {
			var name string
			for y := first.y - 2; y < first.y; y++ {
				name += strings.TrimSpace(span(s, y, x0, x1))
			}
			if name != hc.Text {
				t.Fatalf("cell %d headed %q, want %q:\n%s", hc.col, name, hc.Text, s)
			}
			continue
		}
		y, x := findText(t, s, hc.Text, 1) // below the title line
		if y >= first.y-2 || x < x0 || x+dw(hc.Text) > x1 {
			t.Fatalf("%s at line %d column %d, its cells at %d..%d of line %d:\n%s", hc.Text, y, x, x0, x1, first.y, s)
		}
		if r := span(s, y, x0+1, x1); !strings.HasPrefix(r, "-") || !strings.HasSuffix(r, "-") {
			t.Fatalf("%s's rule %q does not span its columns", hc.Text, r)
		}
		// The official order: 行政复议 and 行政诉讼 above the two groups.
		if wantRow := map[string]int{"行政复议": 0, "行政诉讼": 0, "未经复议直接起诉": 1, "复议后起诉": 1}[hc.Text]; hc.row != wantRow {
			t.Fatalf("%s in header row %d, want %d", hc.Text, hc.row, wantRow)
		}
		if hc.row == 1 {
			if y0, _ := findText(t, s, "行政诉讼", 1); y0 >= y {
				t.Fatalf("%s not below 行政诉讼:\n%s", hc.Text, s)
			}
		}
	}
	for _, l := range strings.Split(s, "\n") {
		if dw(l) > 120 {
			t.Fatalf("line %d wide: %q", dw(l), l)
		}
	}
	// A figure too wide for the row sends the table back to three rows
	// rather than being cut.
	_ = e.r.Set("s4.suit_after.upheld", model.Int(1234567))
	e.runChecks()
	d.wantScreen("1234567")
	if g.one {
		t.Fatalf("a 7-digit figure kept the one-row layout:\n%s", d.screen())
	}
}

func TestS4ThreeRowsOnNarrowScreen(t *testing.T) {
	d := newDriver(t, newTestReport(), 80, 24)
	g := openS4(d)
	e := d.ed()
	if g.one {
		t.Fatalf("one row at 80×24:\n%s", d.screen())
	}
	s := d.screen()
	ys := map[int]bool{}
	for _, c := range printedCells(model.S4) {
		ys[hitOf(t, e, c.Addr).y] = true
	}
	if len(ys) != 3 {
		t.Fatalf("四 on %d lines at 80×24:\n%s", len(ys), s)
	}
	for _, row := range model.S4.Blocks[0].Rows {
		h := hitOf(t, e, model.S4.Addr(row.Key, "upheld"))
		if !strings.Contains(strings.Split(s, "\n")[h.y], row.Label) {
			t.Fatalf("row %s not labelled:\n%s", row.Label, s)
		}
	}
	// Rows of five: Right stops at 总计, Down goes to the next row.
	d.keys("right", "right", "right", "right", "right", "right")
	if a := g.addr(); a != "s4.review.total" {
		t.Fatalf("right×6 at %s", a)
	}
	d.keys("down", "home")
	if a := g.addr(); a != "s4.suit_direct.upheld" {
		t.Fatalf("down, home at %s", a)
	}
	d.keys("end")
	if a := g.addr(); a != "s4.suit_direct.total" {
		t.Fatalf("end at %s", a)
	}
}

func TestS4OneRowCursor(t *testing.T) {
	for _, tc := range []struct {
		name string
		from model.CellAddr
		keys []string
		want model.CellAddr
	}{
		{"right to the computed total", "s4.review.upheld", []string{"right", "right", "right", "right"}, "s4.review.total"},
		{"right across groups", "s4.review.total", []string{"right"}, "s4.suit_direct.upheld"},
		{"left across groups", "s4.suit_after.upheld", []string{"left"}, "s4.suit_direct.total"},
		{"left stops at the start", "s4.review.upheld", []string{"left"}, "s4.review.upheld"},
		{"right stops at the end", "s4.suit_after.total", []string{"right"}, "s4.suit_after.total"},
		{"end", "s4.review.corrected", []string{"end"}, "s4.suit_after.total"},
		{"home", "s4.suit_after.pending", []string{"home"}, "s4.review.upheld"},
		{"up and down stay on the row", "s4.suit_direct.other", []string{"down", "pgdown", "up", "pgup"}, "s4.suit_direct.other"},
		{"tab skips 总计", "s4.review.pending", []string{"tab"}, "s4.suit_direct.upheld"},
		{"shift+tab skips 总计", "s4.suit_after.upheld", []string{"shift+tab"}, "s4.suit_direct.pending"},
		{"enter commits and skips 总计", "s4.suit_direct.pending", []string{"3", "enter"}, "s4.suit_after.upheld"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, newTestReport(), 120, 40)
			g := openS4(d)
			g.setAddr(tc.from)
			for _, k := range tc.keys {
				d.keys(k)
				d.screen() // the program draws after every key
			}
			if a := g.addr(); a != tc.want {
				t.Fatalf("at %s, want %s", a, tc.want)
			}
			// The cursor is drawn on that cell.
			s := d.screen()
			h := hitOf(t, d.ed(), tc.want)
			if c := span(s, h.y, h.x0, h.x0+1); c != strSymCursor {
				t.Fatalf("cursor not drawn at %s (%q):\n%s", tc.want, c, s)
			}
		})
	}
	d := newDriver(t, newTestReport(), 120, 40)
	g := openS4(d)
	g.setAddr("s4.suit_direct.pending")
	d.keys("3", "enter")
	if d.cell("s4.suit_direct.pending") != "3" {
		t.Fatal("typed figure not written")
	}
	// The detail line names the cell in full.
	d.wantScreen("表四：行政诉讼 > 复议后起诉 / 结果维持")
	// A computed cell cannot be typed into.
	d.keys("end", "7")
	d.wantScreen(strComputed)
	if d.ed().edit != nil {
		t.Fatal("editing a computed cell")
	}
	// Enter on the last input cell goes on to the next section.
	d.keys("left", "5", "enter")
	if d.ed().item().kind != secS5 {
		t.Fatalf("after the last cell of 四: %v", d.ed().item())
	}
}

// Resizing switches the layout and keeps the cursor on its cell.
func TestS4ResizeKeepsCell(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	g := openS4(d)
	d.keys("end", "left", "left", "left")
	const want = "s4.suit_after.corrected"
	for _, size := range [][2]int{{80, 24}, {120, 40}, {100, 30}, {200, 50}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		s := d.screen()
		if a := g.addr(); a != want {
			t.Fatalf("%v: cursor moved to %s", size, a)
		}
		h := hitOf(t, d.ed(), want)
		if c := span(s, h.y, h.x0, h.x0+1); c != strSymCursor {
			t.Fatalf("%v: cursor not drawn on %s:\n%s", size, want, s)
		}
		d.wantScreen("表四：行政诉讼 > 复议后起诉 / 结果纠正")
	}
	// Three rows at 80: Up goes to the row above, in the same column.
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.screen()
	d.keys("up")
	if a := g.addr(); a != "s4.suit_direct.corrected" {
		t.Fatalf("up at 80 columns: %s", a)
	}
}

func TestS4PasteBothLayouts(t *testing.T) {
	const row15 = "件数\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t2\t0\t0\t0\t2\n"
	const rows3 = "行政复议\t1\t0\t0\t0\t1\n未经复议直接起诉\t0\t0\t0\t0\t0\n复议后起诉\t2\t0\t0\t0\t2\n"
	full := map[model.CellAddr]string{"s4.review.upheld": "1", "s4.review.pending": "0", "s4.suit_direct.upheld": "0", "s4.suit_after.upheld": "2", "s4.suit_after.pending": "0"}
	for _, tc := range []struct {
		name    string
		w, h    int
		at      model.CellAddr
		content string
		want    map[model.CellAddr]string // "" for left empty
		msg     []string
	}{
		{"one row of 15", 120, 40, "s4.review.upheld", row15, full, []string{"已粘贴 12 个数字（1 行 15 列）", "粘贴的总计与计算一致"}},
		{"three rows of five on one row", 120, 40, "s4.review.upheld", rows3, full, []string{"已粘贴 12 个数字（3 行 5 列）", "粘贴的总计与计算一致"}},
		{"a row runs on into the next group", 120, 40, "s4.review.pending", "2\t2\t7\t8\r\n",
			map[model.CellAddr]string{"s4.review.pending": "2", "s4.suit_direct.upheld": "7", "s4.suit_direct.corrected": "8", "s4.review.upheld": "", "s4.suit_direct.other": ""},
			[]string{"已粘贴 3 个数字", "粘贴的总计与计算不符：表四 行政复议/总计 粘贴 2，计算 2（不完整）"}},
		{"too wide from here", 120, 40, "s4.review.corrected", row15, map[model.CellAddr]string{"s4.review.corrected": ""},
			[]string{"粘贴的内容有 15 列，从这里向右只有 14 个可填的列，没有写入任何数字"}},
		{"bad figure", 120, 40, "s4.suit_after.upheld", "1\tx\n", map[model.CellAddr]string{"s4.suit_after.upheld": ""},
			[]string{"「表四 行政诉讼 复议后起诉/结果纠正」中的「x」", "没有写入任何数字"}},
		{"one row of 15 on three rows", 80, 24, "s4.review.upheld", row15, full, []string{"已粘贴 12 个数字"}},
		{"three rows of five", 80, 24, "s4.review.upheld", rows3, full, []string{"已粘贴 12 个数字（3 行 5 列）"}},
		{"one row of five on three rows", 80, 24, "s4.suit_direct.upheld", "4\t3\t2\t1\n",
			map[model.CellAddr]string{"s4.suit_direct.upheld": "4", "s4.suit_direct.pending": "1", "s4.suit_after.upheld": ""}, []string{"已粘贴 4 个数字"}},
		{"row of 5 too wide on three rows", 80, 24, "s4.review.pending", "1\t2\t3\n", map[model.CellAddr]string{"s4.review.pending": ""},
			[]string{"粘贴的内容有 3 列，从这里向右只有 2 个可填的列"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, newTestReport(), tc.w, tc.h)
			g := openS4(d)
			if g.one != (tc.w >= 120) {
				t.Fatalf("layout one=%v at %d columns", g.one, tc.w)
			}
			g.setAddr(tc.at)
			d.send(tea.PasteMsg{Content: tc.content})
			for a, v := range tc.want {
				if got := d.cell(a); got != v {
					t.Errorf("%s = %q, want %q", a, got, v)
				}
			}
			d.wantScreen(tc.msg...)
			if filled, _ := d.ed().r.FilledCount(nil); filled > 0 {
				// One undo step reverts the whole paste.
				d.keys("ctrl+z")
				if n, _ := d.ed().r.FilledCount(nil); n != 0 {
					t.Fatalf("undo left %d cells", n)
				}
			}
		})
	}
}

// Findings are marked on their cells in both layouts.
func TestS4FindingMarksBothLayouts(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		r := newTestReport()
		_ = r.Set("s4.suit_after.upheld", model.Int(-3)) // value.range: an error
		for _, c := range []string{"upheld", "corrected", "other", "pending"} {
			_ = r.Set(model.S4.Addr("review", c), 0)
		}
		_ = r.Set("s4.review.upheld", model.Int(1))
		r.S5 = "本年度未发生行政复议、行政诉讼。" // text.numbers: a warning on review.total
		d := newDriver(t, r, size[0], size[1])
		openS4(d)
		e := d.ed()
		if e.markOf("s4.suit_after.upheld") != '!' || e.markOf("s4.review.total") != '?' {
			t.Fatalf("rules did not mark the cells: %c %c", e.markOf("s4.suit_after.upheld"), e.markOf("s4.review.total"))
		}
		s := d.screen()
		for a, want := range map[model.CellAddr]string{"s4.suit_after.upheld": "-3" + strSymError, "s4.review.total": "1" + strSymWarning} {
			h := hitOf(t, e, a)
			if got := strings.TrimSpace(span(s, h.y, h.x0, h.x1)); got != want {
				t.Fatalf("%v: %s drawn %q, want %q:\n%s", size, a, got, want, s)
			}
		}
		// The detail line lists the finding of the focused cell.
		e.grids[model.S4].setAddr("s4.suit_after.upheld")
		d.wantScreen("件数不能为负数")
	}
}

// The one-row frame stays cheap: the header is drawn once per size.
func BenchmarkKeystrokeS4(b *testing.B) {
	d := newDriver(b, newTestReport(), 120, 40)
	openS4(d)
	d.send(tea.PasteMsg{Content: "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t2\t0\t0\t0\t2\n"})
	right := tea.KeyPressMsg{Code: tea.KeyRight}
	left := tea.KeyPressMsg{Code: tea.KeyLeft}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := right
		if i%28 >= 14 {
			k = left
		}
		d.a.Update(k)
		_ = d.a.View()
	}
}

// placedHead is a header cell with the row and column where a table puts it.
type placedHead struct {
	model.HeaderCell
	row, col int
}

// placeHeader places a multi-row header as a table does with rowspan and
// colspan.
func placeHeader(h [][]model.HeaderCell, width int) []placedHead {
	taken := map[[2]int]bool{}
	var out []placedHead
	for ri, row := range h {
		col := 0
		for _, c := range row {
			for taken[[2]int{ri, col}] {
				col++
			}
			out = append(out, placedHead{c, ri, col})
			for dr := range c.RowSpan {
				for dc := range c.ColSpan {
					taken[[2]int{ri + dr, col + dc}] = true
				}
			}
			col += c.ColSpan
		}
	}
	return out
}
