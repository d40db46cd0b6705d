package export

import (
	"regexp"
	"strings"
	"unicode"

	"nianbao/model"
)

// mdCtx is where a piece of text stands in the Markdown: what could be
// read as syntax there decides what is escaped. Only characters that a
// CommonMark/GFM reader could take as syntax in that position get a
// backslash, so the file reads as plain text; everything else is left as
// typed.
type mdCtx int

const (
	// mdBlock: text that starts a block (a paragraph, a list item's
	// text): list markers, headings, quotes, fences and thematic breaks at
	// its start count, and | is escaped (whether it starts a table depends
	// on the next line).
	mdBlock mdCtx = iota
	// mdHeading: a heading's text: a closing sequence of # at its end.
	mdHeading
	// mdCell: a table cell: | ends the cell.
	mdCell
)

// mdText escapes one line of text for ctx so that it renders as exactly
// these characters in any CommonMark/GFM renderer, with nothing turned into
// emphasis, code, a link, raw HTML or an entity. A line end typed into it
// becomes a space: a heading or cell ends at a line end, and a paragraph's
// own line must not start a block of its own.
func mdText(s string, ctx mdCtx) string {
	s = strings.Map(func(c rune) rune {
		if c == '\n' || c == '\r' {
			return ' '
		}
		return c
	}, s)
	rs := []rune(s)
	esc := make([]bool, len(rs))
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return ' ' // the line's ends count as white space
		}
		return rs[i]
	}
	ticks := strings.Count(s, "`")
	lastClose := -1 // the last ], which a [ before it could pair with
	for i, c := range rs {
		if c == ']' {
			lastClose = i
		}
	}
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch c {
		case '\\':
			// An escape only before ASCII punctuation.
			esc[i] = i+1 < len(rs) && isASCIIPunct(rs[i+1])
		case '`':
			// A code span needs a closing run.
			esc[i] = ticks > 1
		case '*', '_', '~':
			j := i
			for j < len(rs) && rs[j] == c {
				j++
			}
			prev, next := at(i-1), at(j)
			lf := !isSpace(next) && (!isPunct(next) || isSpace(prev) || isPunct(prev))
			rf := !isSpace(prev) && (!isPunct(prev) || isSpace(next) || isPunct(next))
			delim := lf || rf
			if c == '_' {
				// Intraword underscores neither open nor close.
				delim = lf && (!rf || isPunct(prev)) || rf && (!lf || isPunct(next))
			}
			for k := i; k < j; k++ {
				esc[k] = delim
			}
			i = j - 1
		case '[':
			// A link needs a closing bracket.
			esc[i] = lastClose > i
		case '<':
			// Raw HTML and autolinks start <a, </, <!, <?.
			n := at(i + 1)
			esc[i] = n < 0x80 && (unicode.IsLetter(n) || n == '/' || n == '!' || n == '?')
		case '&':
			esc[i] = entity.MatchString(string(rs[i+1 : min(i+40, len(rs))]))
		case '|':
			esc[i] = ctx != mdHeading
		case ':':
			// GFM links a typed address by itself (http://…, www.…), and
			// the escapes inside it would end the link early, at the
			// first _ or &, so that it led somewhere else. Like the HTML
			// export, show the address as the characters typed, unlinked.
			esc[i] = at(i+1) == '/' && at(i+2) == '/'
		case '.':
			esc[i] = i >= 3 && strings.EqualFold(string(rs[i-3:i]), "www")
		case '@':
			// An e-mail address links itself too.
			p, n := at(i-1), at(i+1)
			esc[i] = (isAlnum(p) || strings.ContainsRune("._+-", p)) && isAlnum(n)
		}
	}
	switch ctx {
	case mdBlock:
		mdBlockStart(rs, esc)
	case mdHeading:
		// A closing sequence: a run of # at the end after a space.
		j := len(rs)
		for j > 0 && rs[j-1] == '#' {
			j--
		}
		if j < len(rs) && (j == 0 || rs[j-1] == ' ') {
			for k := j; k < len(rs); k++ {
				esc[k] = true
			}
		}
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, c := range rs {
		if esc[i] {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// mdBlockStart marks what only matters at the start of a block: list
// markers (-, +, * and 1. 1) before a space), ATX headings, block quotes,
// code fences and thematic breaks.
func mdBlockStart(rs []rune, esc []bool) {
	if len(rs) == 0 {
		return
	}
	spaceAt := func(i int) bool { return i >= len(rs) || rs[i] == ' ' || rs[i] == '\t' }
	c := rs[0]
	switch c {
	case '-', '+', '*':
		if spaceAt(1) {
			esc[0] = true
		}
	case '>':
		esc[0] = true
	case '#':
		j := 0
		for j < len(rs) && rs[j] == '#' {
			j++
		}
		if j <= 6 && spaceAt(j) {
			esc[0] = true
		}
	case '`', '~':
		if len(rs) >= 3 && rs[1] == c && rs[2] == c {
			esc[0] = true
		}
	}
	// A thematic break: three or more of one of - * _ and nothing else but
	// spaces.
	if c == '-' || c == '*' || c == '_' {
		n, only := 0, true
		for _, r := range rs {
			switch r {
			case c:
				n++
			case ' ', '\t':
			default:
				only = false
			}
		}
		if only && n >= 3 {
			esc[0] = true
		}
	}
	// An ordered-list start: up to nine digits, then . or ), then a space,
	// a tab or the end of the line (2023.5 is not one).
	j := 0
	for j < len(rs) && j < 10 && rs[j] >= '0' && rs[j] <= '9' {
		j++
	}
	if j > 0 && j < 10 && j < len(rs) && (rs[j] == '.' || rs[j] == ')') && spaceAt(j+1) {
		esc[j] = true
	}
}

// entity is what follows & in a character reference.
var entity = regexp.MustCompile(`^(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

func isASCIIPunct(c rune) bool {
	return c < 0x80 && unicode.IsPrint(c) && !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != ' '
}

// isPunct is CommonMark's punctuation: ASCII punctuation and Unicode P and S
// (，。（）《》 included).
func isPunct(c rune) bool { return isASCIIPunct(c) || unicode.IsPunct(c) || unicode.IsSymbol(c) }

func isSpace(c rune) bool { return unicode.IsSpace(c) }

func isAlnum(c rune) bool {
	return c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c))
}

type mdWriter struct{ b strings.Builder }

func (w *mdWriter) line(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
	w.b.WriteByte('\n')
}

// paragraphs writes each line of officer text as a paragraph of its own.
func (w *mdWriter) paragraphs(text string) {
	for _, l := range lines(text) {
		w.line(mdText(l, mdBlock))
		w.line()
	}
}

func (w *mdWriter) heading(level int, text string) {
	w.line(strings.Repeat("#", level), " ", mdText(text, mdHeading))
	w.line()
}

// mdWidth is the width of s in columns of a CJK monospace font: a CJK
// character two, and so are the characters of ambiguous width (“” ‘’ ……
// × ·), which CJK fonts (Noto Sans Mono CJK, 新宋体, 等距更纱黑体) draw full
// width.
func mdWidth(s string) int { return eastAsian.StringWidth(s) }

// table writes a pipe table: the first column left-aligned labels, the rest
// right-aligned numbers, every cell padded with spaces to its column's
// width so that the table lines up as plain text in an editor with a CJK
// monospace font. Header and label texts come from the model and are
// escaped like any other text, since they sit inside table syntax.
func (w *mdWriter) table(header []string, rows [][]string) {
	all := append([][]string{header}, rows...)
	cells := make([][]string, len(all))
	widths := make([]int, len(header))
	for i := range widths {
		widths[i] = 3 // the delimiter row's ---
	}
	for r, row := range all {
		cells[r] = make([]string, len(row))
		for i, c := range row {
			cells[r][i] = mdText(c, mdCell)
			widths[i] = max(widths[i], mdWidth(cells[r][i]))
		}
	}
	row := func(cs []string) {
		w.b.WriteString("|")
		for i, c := range cs {
			gap := strings.Repeat(" ", widths[i]-mdWidth(c))
			w.b.WriteString(" ")
			if i == 0 {
				w.b.WriteString(c + gap)
			} else {
				w.b.WriteString(gap + c)
			}
			w.b.WriteString(" |")
		}
		w.b.WriteByte('\n')
	}
	row(cells[0])
	align := make([]string, len(header))
	for i := range align {
		dashes := strings.Repeat("-", widths[i]-1)
		if i == 0 {
			align[i] = ":" + dashes
		} else {
			align[i] = dashes + ":"
		}
	}
	w.b.WriteString("|")
	for _, a := range align {
		w.b.WriteString(" " + a + " |")
	}
	w.b.WriteByte('\n')
	for _, r := range cells[1:] {
		row(r)
	}
	w.line()
}

func renderMarkdown(r *model.Report) []byte {
	w := &mdWriter{}
	if notes := draftNotes(r); len(notes) > 0 {
		w.line("> **", mdText(draftTitle, mdCell), "**")
		w.line(">")
		for _, n := range notes {
			w.line("> - ", mdText(n, mdBlock))
		}
		w.line()
	}
	w.heading(1, r.Title())
	w.paragraphs(r.Preface)

	w.heading(2, model.SectionHeadings[0])
	w.paragraphs(r.S1.Intro)
	for i, p := range r.S1.Parts {
		w.heading(3, model.PartNumber(i)+p.Title)
		w.paragraphs(p.Body)
	}

	w.heading(2, model.SectionHeadings[1])
	for _, b := range model.S2.Blocks {
		w.line("**", mdText(b.Title, mdCell), "**")
		w.line()
		header := []string{b.ItemHeader}
		for _, col := range b.Cols {
			header = append(header, col.Label)
		}
		var rows [][]string
		for _, row := range b.Rows {
			rows = append(rows, valueRow(r, model.S2, row.Label, []model.Row{row}, b.Cols))
		}
		w.table(header, rows)
	}

	w.heading(2, model.SectionHeadings[2])
	b3 := model.S3.Blocks[0]
	if model.S3.Corner != "" {
		w.line(mdText(model.S3.Corner, mdBlock))
		w.line()
	}
	header := []string{b3.ItemHeader}
	for _, col := range b3.Cols {
		header = append(header, colHeader(col))
	}
	var rows [][]string
	for _, row := range b3.Rows {
		rows = append(rows, valueRow(r, model.S3, strings.Join(row.Path(), "："), []model.Row{row}, b3.Cols))
	}
	w.table(header, rows)

	// 四 as two tables, as its header groups them: 行政复议 (one row of
	// five) and 行政诉讼 (a row for each of its two groups), each headed by
	// the group's name over the five result columns.
	w.heading(2, model.SectionHeadings[3])
	b4 := model.S4.Blocks[0]
	for _, group := range s4Groups(b4) {
		header := []string{group.name}
		for _, col := range b4.Cols {
			header = append(header, col.Label)
		}
		var rows [][]string
		for _, row := range group.rows {
			label := row.Label
			if len(row.Parents) == 0 {
				label = model.S4.OneRowLabel // 行政复议's row: 件数
			}
			rows = append(rows, valueRow(r, model.S4, label, []model.Row{row}, b4.Cols))
		}
		w.table(header, rows)
	}

	w.heading(2, model.SectionHeadings[4])
	w.paragraphs(r.S5)
	w.heading(2, model.SectionHeadings[5])
	w.paragraphs(r.S6)
	if s := FeeSentence(r); s != "" {
		w.line(mdText(s, mdBlock))
		w.line()
	}
	// The 落款: Markdown cannot align right; it is the last paragraphs.
	signer, date := signature(r)
	for _, l := range []string{signer, date} {
		if l != "" {
			w.line(mdText(l, mdBlock))
			w.line()
		}
	}
	out := strings.TrimRight(w.b.String(), "\n") + "\n"
	return []byte(out)
}

// s4Group is a top-level group of 四's rows: 行政复议 alone, 行政诉讼 with
// its two.
type s4Group struct {
	name string
	rows []model.Row
}

func s4Groups(b model.Block) []s4Group {
	var out []s4Group
	for _, row := range b.Rows {
		name := row.Label
		if len(row.Parents) > 0 {
			name = row.Parents[0]
		}
		if n := len(out); n > 0 && out[n-1].name == name {
			out[n-1].rows = append(out[n-1].rows, row)
			continue
		}
		out = append(out, s4Group{name: name, rows: []model.Row{row}})
	}
	return out
}

// valueRow is a label followed by the printed values of rows × cols.
func valueRow(r *model.Report, t *model.Table, label string, rows []model.Row, cols []model.Col) []string {
	out := []string{label}
	for _, row := range rows {
		for _, col := range cols {
			c, _ := model.Cell(t.Addr(row.Key, col.Key))
			out = append(out, cellText(r, c))
		}
	}
	return out
}
