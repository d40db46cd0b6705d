package ui

import "strings"

// asciiTable draws a table with cells spanning rows and columns in plain
// ASCII (+ - |), as the preview shows the report's tables in their official
// layout: box-drawing characters are of ambiguous width and drawn two
// columns wide by some Chinese terminals (TUI-NOTES). Text wraps inside its
// cell, Chinese between any two characters.
type asciiTable struct {
	rows, cols int
	widths     []int // each column's width between its borders
	cells      []tcell
}

// tcell is one cell of an asciiTable.
type tcell struct {
	r, c, rs, cs int
	text         string
	align        int
}

// Alignments of a cell's text.
const (
	alignLeft   = iota // labels
	alignCenter        // headers
	alignRight         // figures
)

func (t *asciiTable) add(r, c, rs, cs int, text string, align int) {
	t.cells = append(t.cells, tcell{r: r, c: c, rs: max(1, rs), cs: max(1, cs), text: text, align: align})
	t.rows = max(t.rows, r+max(1, rs))
}

// render draws the table, one string per line.
func (t *asciiTable) render() []string {
	xs := make([]int, t.cols+1) // x of the border left of each column
	for i, w := range t.widths {
		xs[i+1] = xs[i] + w + 1
	}
	// The text each cell holds, wrapped to its width less a blank on
	// each side (none where the cell is too narrow to spare them).
	wrapped := make([][]string, len(t.cells))
	for i, cl := range t.cells {
		inner := xs[cl.c+cl.cs] - xs[cl.c] - 1
		if inner >= 6 {
			inner -= 2
		}
		wrapped[i] = wrapWidth(cl.text, max(2, inner))
		if cl.text == "" {
			wrapped[i] = nil
		}
	}
	heights := make([]int, t.rows)
	for r := range heights {
		heights[r] = 1
	}
	for i, cl := range t.cells {
		if cl.rs == 1 {
			heights[cl.r] = max(heights[cl.r], len(wrapped[i]))
		}
	}
	for i, cl := range t.cells {
		if cl.rs == 1 {
			continue
		}
		have := cl.rs - 1
		for r := cl.r; r < cl.r+cl.rs; r++ {
			have += heights[r]
		}
		if need := len(wrapped[i]); need > have {
			heights[cl.r+cl.rs-1] += need - have
		}
	}
	ys := make([]int, t.rows+1)
	for r, h := range heights {
		ys[r+1] = ys[r] + h + 1
	}
	const cont = rune(0) // the second column of a wide character
	canvas := make([][]rune, ys[t.rows]+1)
	for y := range canvas {
		canvas[y] = []rune(strings.Repeat(" ", xs[t.cols]+1))
	}
	put := func(x, y int, ch rune) {
		switch cur := canvas[y][x]; {
		case ch == '+' || cur == ' ' || cur == ch:
			canvas[y][x] = ch
		default:
			canvas[y][x] = '+' // two borders meet
		}
	}
	for i, cl := range t.cells {
		x0, x1, y0, y1 := xs[cl.c], xs[cl.c+cl.cs], ys[cl.r], ys[cl.r+cl.rs]
		for x := x0 + 1; x < x1; x++ {
			put(x, y0, '-')
			put(x, y1, '-')
		}
		for y := y0 + 1; y < y1; y++ {
			put(x0, y, '|')
			put(x1, y, '|')
		}
		for _, p := range [][2]int{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
			put(p[0], p[1], '+')
		}
		// The text: spanning cells and headers centred in their height.
		ls := wrapped[i]
		top := y0 + 1
		if cl.rs > 1 || cl.align == alignCenter {
			top += (y1 - y0 - 1 - len(ls)) / 2
		}
		inner := x1 - x0 - 1
		for j, l := range ls {
			lw := dw(l)
			x := x0 + 1
			switch {
			case cl.align == alignRight:
				x = x1 - lw - min(1, inner-lw)
			case cl.align == alignCenter:
				x += (inner - lw) / 2
			case inner-lw >= 2:
				x++
			}
			for _, r := range l {
				rw := narrowCond.RuneWidth(r)
				if x+rw > x1 {
					break
				}
				canvas[top+j][x] = r
				if rw == 2 {
					canvas[top+j][x+1] = cont
				}
				x += rw
			}
		}
	}
	out := make([]string, len(canvas))
	for y, row := range canvas {
		var b strings.Builder
		for _, r := range row {
			if r != cont {
				b.WriteRune(r)
			}
		}
		out[y] = b.String()
	}
	return out
}
