package export

import (
	"strings"

	"nianbao/model"
)

// mdAlways are the characters escaped wherever they appear: each can open
// inline syntax (emphasis, code, links, raw HTML, entities, table cells,
// closing heading sequences, strikethrough, e-mail autolinks) or is the
// escape itself.
const mdAlways = "\\`*_[]<>|#~&@"

// mdText escapes one line of text so that it renders as exactly these
// characters in any CommonMark/GFM renderer, with nothing turned into a
// link. It also neutralises what only
// matters at the start of a line: list markers (-, +, 1. 1)), setext and
// thematic-break underlines (=, -), and blockquotes (handled by > above).
func mdText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, c := range s {
		if c == '\n' || c == '\r' {
			// A heading or list item ends at a line end; a line break
			// typed into a title must not start a block of its own.
			b.WriteByte(' ')
			continue
		}
		if strings.ContainsRune(mdAlways, c) {
			b.WriteByte('\\')
		} else if i == 0 && (c == '-' || c == '+' || c == '=') {
			b.WriteByte('\\')
		} else if c == ':' && strings.HasPrefix(s[i:], "://") ||
			c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www") {
			// GFM links a typed address (http://…, www.…) by itself, and
			// the escapes inside it above would end the link early, at the
			// first _ or &, so that it led somewhere else. Like the HTML
			// export, show the address as the characters typed, unlinked.
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	out := b.String()
	// An ordered-list start: up to nine digits, then . or ), then a space,
	// a tab or the end of the line (2023.5 is not one).
	j := 0
	for j < len(out) && j < 10 && out[j] >= '0' && out[j] <= '9' {
		j++
	}
	if j > 0 && j < len(out) && (out[j] == '.' || out[j] == ')') &&
		(j+1 == len(out) || out[j+1] == ' ' || out[j+1] == '\t') {
		out = out[:j] + "\\" + out[j:]
	}
	return out
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
		w.line(mdText(l))
		w.line()
	}
}

// row writes one pipe-table row.
func (w *mdWriter) row(cells []string) {
	w.b.WriteString("|")
	for _, c := range cells {
		w.b.WriteString(" ")
		w.b.WriteString(c)
		w.b.WriteString(" |")
	}
	w.b.WriteByte('\n')
}

// table writes a pipe table: the first column left-aligned labels, the rest
// right-aligned numbers. Header and label texts come from the model and are
// escaped like any other text, since they sit inside table syntax.
func (w *mdWriter) table(header []string, rows [][]string) {
	esc := func(cs []string) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = mdText(c)
		}
		return out
	}
	w.row(esc(header))
	align := make([]string, len(header))
	for i := range align {
		if i == 0 {
			align[i] = ":---"
		} else {
			align[i] = "---:"
		}
	}
	w.row(align)
	for _, r := range rows {
		w.row(esc(r))
	}
	w.line()
}

func renderMarkdown(r *model.Report) []byte {
	w := &mdWriter{}
	if notes := draftNotes(r); len(notes) > 0 {
		w.line("> **", mdText(draftTitle), "**")
		w.line(">")
		for _, n := range notes {
			w.line("> - ", mdText(n))
		}
		w.line()
	}
	w.line("# ", mdText(r.Title()))
	w.line()
	w.paragraphs(r.Preface)

	w.line("## ", mdText(model.SectionHeadings[0]))
	w.line()
	w.paragraphs(r.S1.Intro)
	for i, p := range r.S1.Parts {
		w.line("### ", mdText(model.PartNumber(i)+p.Title))
		w.line()
		w.paragraphs(p.Body)
	}

	w.line("## ", mdText(model.SectionHeadings[1]))
	w.line()
	for _, b := range model.S2.Blocks {
		w.line("**", mdText(b.Title), "**")
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

	w.line("## ", mdText(model.SectionHeadings[2]))
	w.line()
	b3 := model.S3.Blocks[0]
	if model.S3.Corner != "" {
		w.line(mdText(model.S3.Corner))
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

	w.line("## ", mdText(model.SectionHeadings[3]))
	w.line()
	b4 := model.S4.Blocks[0]
	header = []string{b4.ItemHeader}
	for _, row := range b4.Rows {
		for _, col := range b4.Cols {
			header = append(header, strings.Join(row.Path(), "：")+"："+col.Label)
		}
	}
	w.table(header, [][]string{valueRow(r, model.S4, model.S4.OneRowLabel, b4.Rows, b4.Cols)})

	w.line("## ", mdText(model.SectionHeadings[4]))
	w.line()
	w.paragraphs(r.S5)
	w.line("## ", mdText(model.SectionHeadings[5]))
	w.line()
	w.paragraphs(r.S6)
	if s := FeeSentence(r); s != "" {
		w.line(mdText(s))
		w.line()
	}
	out := strings.TrimRight(w.b.String(), "\n") + "\n"
	return []byte(out)
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
