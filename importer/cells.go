package importer

import (
	"strings"
)

// Crawler forms of a table with one cell per line. Sites and the crawlers
// that store their pages write a table's cells one after another, with
// nothing that marks where a row ends:
//
//	规章 |              each cell a line ending in " |", a lone "|" an
//	0 |                 empty cell, a line of pipes after a row narrower
//	|||                 than the table (its colspan);
//
//	规章                each cell's text on its line(s) and a "|" line
//	|                   after it (商业\n企业\n| is one cell);
//	0
//	|
//
//	规章                each cell between blank lines, no pipes at all
//	                    (an empty cell leaves nothing).
//	0
//
// cellLineRows reads the first two, blankLineRows the third; rows are
// rebuilt by regroupCells. Measured on real published excerpts (README).

// cellToken is one cell read from a cell-per-line form; brk says a row
// starts at it (a line of pipes, or a line starting with "|", came
// before it).
type cellToken struct {
	text string
	brk  bool
}

// pipesOnly reports whether t is nothing but pipes, and how many.
func pipesOnly(t string) (int, bool) {
	n := 0
	for _, r := range t {
		switch r {
		case '|':
			n++
		case ' ', '\u3000', '\u00a0':
		default:
			return 0, false
		}
	}
	return n, n > 0
}

// cellLineRows reads a table whose cells are on lines of their own with
// pipes as cell ends. ok is false when any line holds two cells (the
// 「规章 | 0 | 0 | 0 |」 form, read row by row) or a TAB, or when too few
// lines end in a pipe to tell the form.
func cellLineRows(lines []string) ([][]string, bool) {
	ends := 0
	for _, l := range lines {
		t := strings.Trim(l, cellSpaces)
		if t == "" {
			continue
		}
		if strings.Contains(t, "\t") {
			return nil, false
		}
		if _, ok := pipesOnly(t); ok {
			ends++
			continue
		}
		body := strings.TrimPrefix(t, "|")
		if i := strings.Index(body, "|"); i >= 0 {
			if strings.TrimRight(body[i:], "| ") != "" {
				return nil, false // two cells on one line
			}
			ends++
		}
	}
	if ends < 4 {
		return nil, false
	}
	var cells []cellToken
	var pending []string
	brk := false
	emit := func(text string) {
		cells = append(cells, cellToken{text: cleanCell(text), brk: brk})
		brk = false
	}
	for _, l := range lines {
		t := strings.Trim(l, cellSpaces)
		if t == "" {
			continue
		}
		if n, ok := pipesOnly(t); ok {
			if len(pending) > 0 {
				emit(strings.Join(pending, ""))
				pending = nil
				n-- // the pipe that ends the cell above
			} else if n == 1 {
				emit("") // a lone pipe: an empty cell
				n = 0
			}
			if n > 0 {
				brk = true // the empty places of a narrow row
			}
			continue
		}
		if strings.HasPrefix(t, "|") {
			// A row starts here (「| 规章」, 「| | 2.其他…」 under a rowspan).
			if len(pending) > 0 {
				emit(strings.Join(pending, ""))
				pending = nil
			}
			brk = true
			t = strings.TrimSpace(strings.TrimPrefix(t, "|"))
		}
		if strings.HasSuffix(t, "|") {
			pending = append(pending, strings.TrimSpace(strings.TrimRight(t, "| ")))
			emit(strings.Join(pending, ""))
			pending = nil
			continue
		}
		pending = append(pending, t)
	}
	if len(pending) > 0 && kindOf(strings.Join(pending, "")) == vText {
		// Text the excerpt stops in. A figure with no pipe after it may
		// have lost digits where the excerpt was cut: it is not read.
		emit(strings.Join(pending, ""))
	}
	return regroupCells(cells), true
}

// blankLineRows reads a table whose cells stand between blank lines with
// no other mark (a page's text with its TABs lost): every non-blank line
// is one cell and no two cells are on adjacent lines. ok is false for
// any other layout: the seed's rows of tab-indented cells, rows of
// space-separated figures, or cells on adjacent lines.
func blankLineRows(lines []string) ([][]string, bool) {
	var cells []cellToken
	prevText := false
	figures := 0
	for _, l := range lines {
		t := strings.Trim(l, cellSpaces)
		if t == "" {
			prevText = false
			continue
		}
		if prevText || strings.ContainsAny(t, "\t|") {
			return nil, false
		}
		k := kindOf(t)
		if k == vText {
			for _, f := range strings.Fields(t) {
				if kindOf(f) != vText {
					return nil, false // a label and figures on one line
				}
			}
		} else {
			figures++
		}
		cells = append(cells, cellToken{text: cleanCell(t)})
		prevText = true
	}
	if figures < 3 || len(cells) < 6 {
		return nil, false
	}
	return regroupCells(cells), true
}

// regroupCells rebuilds rows from cells in reading order. A row starts
// where the form marks one (brk), where text follows a figure, a dash or
// a blank (the next row's label), and where a figure follows text that is
// not a row's label (a header's last word: 四's 总计 over its figures). A
// label and the figures after it stay one row; header words and labels
// before it stay with it (the table reader takes the last label of a row
// and ignores its frame).
func regroupCells(cells []cellToken) [][]string {
	var rows [][]string
	var cur []string
	for _, c := range cells {
		if len(cur) > 0 {
			last := cur[len(cur)-1]
			lk, ck := kindOf(last), kindOf(c.text)
			if c.brk || ck == vText && lk != vText || ck != vText && lk == vText && !rowLabel(last) {
				rows = append(rows, cur)
				cur = nil
			}
		}
		cur = append(cur, c.text)
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// rowLabel reports whether a cell labels a data row of 二 or 三 (the rows
// whose figures follow their label). 总计 alone is 四's column header, not
// （七）总计.
func rowLabel(cell string) bool {
	if normLabel(cell) == totalHeader {
		return false
	}
	for _, id := range []string{"s2", "s3"} {
		if _, ok := matchers()[id].row(cell); ok {
			return true
		}
	}
	return false
}
