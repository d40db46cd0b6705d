package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/export"
	"nianbao/model"
)

// The preview (Ctrl+P, or its line in the export dialog) shows the report
// as it will print, without leaving the terminal: the draft notice while it
// has errors or empty cells, the title, the text, the tables in their
// official layout (spanning labels and headers, drawn in ASCII), 六's fee
// sentence and the 落款. It scrolls; Esc closes it.

// previewMaxW is the widest the page is drawn: wider, lines of Chinese
// text are too long to read.
const previewMaxW = 110

// previewDialog is the full-screen preview of a snapshot of the report.
type previewDialog struct {
	*shared
	r      *model.Report
	counts model.Counts
	scroll int
	// lines is the page drawn for width linesW.
	lines  []string
	linesW int
	maxTop int
}

func newPreviewDialog(sh *shared, r *model.Report, n model.Counts) screen {
	return &previewDialog{shared: sh, r: r.Clone(), counts: n}
}

func (d *previewDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.scroll -= 3
		case tea.MouseWheelDown:
			d.scroll += 3
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, d.steps.Close), key.Matches(msg, d.keys.Preview):
			return d, send(popDialogMsg{})
		case key.Matches(msg, d.keys.Up):
			d.scroll--
		case key.Matches(msg, d.keys.Down):
			d.scroll++
		case key.Matches(msg, d.keys.PgUp):
			d.scroll -= 20
		case key.Matches(msg, d.keys.PgDn):
			d.scroll += 20
		case key.Matches(msg, d.keys.Home):
			d.scroll = 0
		case key.Matches(msg, d.keys.End):
			d.scroll = 1 << 30 // the page may not be laid out yet: view clamps
		}
	}
	if d.linesW > 0 {
		d.scroll = min(d.scroll, d.maxTop)
	}
	d.scroll = max(0, d.scroll)
	return d, nil
}

func (d *previewDialog) view(w, h int) string {
	pw := min(w-2, previewMaxW)
	if d.linesW != pw {
		d.lines, d.linesW = d.page(pw), pw
	}
	rows := max(1, h-1)
	d.maxTop = max(0, len(d.lines)-rows)
	d.scroll = max(0, min(d.scroll, d.maxTop))
	left := strings.Repeat(" ", max(1, (w-pw)/2))
	out := make([]string, 0, h)
	for _, l := range d.lines[d.scroll:min(len(d.lines), d.scroll+rows)] {
		out = append(out, left+l)
	}
	for len(out) < rows {
		out = append(out, "")
	}
	pos := strf(txtPreviewPos, d.scroll+1, min(len(d.lines), d.scroll+rows), len(d.lines))
	out = append(out, d.st.w.PaneTitle.render(pad(" "+txtPreviewTitle+"  "+pos, w)))
	return strings.Join(out, "\n")
}

// page draws the whole report pw columns wide.
func (d *previewDialog) page(pw int) []string {
	r := d.r
	var out []string
	add := func(ls ...string) { out = append(out, ls...) }
	para := func(text string) {
		for _, p := range strings.Split(text, "\n") {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			// The first line indented two characters, as printed.
			add(wrapWidth("    "+p, pw)...)
		}
	}
	heading := func(s string) { add("", d.st.w.Bold.render(s)) }
	if warn := draftWarning(d.counts); warn != "" {
		for _, l := range wrapWidth(warn, pw) {
			add(d.st.w.Error.render(l))
		}
		add("")
	}
	for _, l := range wrapWidth(r.Title(), pw) {
		add(d.st.w.Bold.render(center(l, pw)))
	}
	add("")
	para(r.Preface)
	heading(model.SectionHeadings[0])
	para(r.S1.Intro)
	for i, p := range r.S1.Parts {
		add(d.st.w.Bold.render(model.PartNumber(i) + p.Title))
		para(p.Body)
	}
	heading(model.SectionHeadings[1])
	add(previewS2(r, pw).render()...)
	heading(model.SectionHeadings[2])
	add(previewLabelled(r, model.S3, pw).render()...)
	heading(model.SectionHeadings[3])
	add(previewS4(r, pw)...)
	heading(model.SectionHeadings[4])
	para(r.S5)
	heading(model.SectionHeadings[5])
	para(r.S6)
	if s := export.FeeSentence(r); s != "" {
		para(s)
	}
	add("", "")
	add(signOff(r, pw)...)
	return out
}

// draftWarning is the notice the exported file would carry: errors and
// empty cells make it a draft.
func draftWarning(n model.Counts) string {
	errs, missing := n.Errors, missingText(n)
	switch {
	case errs > 0 && missing != "":
		return strf(txtPreviewDraftBoth, errs, missing)
	case missing != "":
		return strf(txtPreviewDraftMissing, missing)
	case errs > 0:
		return strf(txtPreviewDraftErrors, errs)
	}
	return ""
}

// signOff places the 落款 as the exports do (GB/T 9704 7.3.5.2): the
// signer two characters in from the right, the date under it starting two
// characters right of the signer's first character.
func signOff(r *model.Report, pw int) []string {
	signer, date := r.SignerName(), r.Date.Chinese()
	if date == "" {
		date = txtPreviewNoDate // not printed; said here so it is not missed
	}
	sw, dwid := dw(signer), dw(date)
	sr, dr := 4, 4 // right indents in columns
	switch {
	case sw-dwid >= 4:
		dr = sw - dwid
	default:
		sr = dwid + 8 - sw
	}
	var out []string
	for _, l := range []struct {
		s     string
		right int
	}{{signer, sr}, {date, dr}} {
		if l.s != "" {
			out = append(out, strings.Repeat(" ", max(0, pw-l.right-dw(l.s)))+l.s)
		}
	}
	return out
}

// figure is what a table prints for a cell: its value, or blank while it
// is empty or (a total) incomplete.
func figure(r *model.Report, c *model.CellSpec) string {
	v, st := r.ValueOf(c)
	if st != model.Filled {
		return ""
	}
	return v.String()
}

// figureW is the widest figure among cells, at least min.
func figureW(r *model.Report, cells []*model.CellSpec, least int) int {
	w := least
	for _, c := range cells {
		w = max(w, len(figure(r, c))+2)
	}
	return w
}

// previewS2 is 二: four blocks, each its title over the whole width, its
// header row and its rows; a block with fewer columns spans its last.
func previewS2(r *model.Report, pw int) *asciiTable {
	t := model.S2
	ncol := 0
	for _, b := range t.Blocks {
		ncol = max(ncol, len(b.Cols))
	}
	var specs []*model.CellSpec
	for _, b := range gridCells[t] {
		for _, rw := range b {
			specs = append(specs, rw...)
		}
	}
	vw := figureW(r, specs, 14)
	tb := &asciiTable{cols: 1 + ncol}
	tb.widths = append(tb.widths, max(12, pw-1-ncol*(vw+1)-1))
	for range ncol {
		tb.widths = append(tb.widths, vw)
	}
	row := 0
	for bi, b := range t.Blocks {
		tb.add(row, 0, 1, 1+ncol, b.Title, alignCenter)
		row++
		tb.add(row, 0, 1, 1, b.ItemHeader, alignCenter)
		for i, col := range b.Cols {
			tb.add(row, 1+i, 1, spanLast(i, len(b.Cols), ncol), col.Label, alignCenter)
		}
		row++
		for ri, rw := range b.Rows {
			tb.add(row, 0, 1, 1, rw.Label, alignLeft)
			for i := range b.Cols {
				tb.add(row, 1+i, 1, spanLast(i, len(b.Cols), ncol), figure(r, gridCells[t][bi][ri][i]), alignRight)
			}
			row++
		}
	}
	return tb
}

// spanLast is the column span of column i of n in a row of width columns:
// the last one takes what is left.
func spanLast(i, n, width int) int {
	if i == n-1 {
		return width - n + 1
	}
	return 1
}

// previewLabelled is a one-block table with nested row labels (三; 四 as
// three rows of five on a narrow page): the corner over the label columns,
// the official header, each parent label joined over the rows it spans.
func previewLabelled(r *model.Report, t *model.Table, pw int) *asciiTable {
	b := t.Blocks[0]
	depth := 1
	for _, row := range b.Rows {
		depth = max(depth, row.Level()+1)
	}
	header := t.Header
	if len(header) == 0 || t.OneRow {
		header = [][]model.HeaderCell{nil}
		for _, col := range b.Cols {
			header[0] = append(header[0], model.HeaderCell{Text: col.Label, RowSpan: 1, ColSpan: 1})
		}
	}
	corner := t.Corner
	if corner == "" {
		corner = b.ItemHeader
	}
	var specs []*model.CellSpec
	for _, rw := range gridCells[t][0] {
		specs = append(specs, rw...)
	}
	// Figures as wide as the page allows with 40 columns of labels
	// (社会公益组织 on two lines, not three), from 6 to 10.
	vw := figureW(r, specs, min(10, max(6, (pw-41)/len(b.Cols)-1)))
	tb := &asciiTable{cols: depth + len(b.Cols)}
	labelW := pw - 1 - len(b.Cols)*(vw+1) - depth
	// Outer labels span many rows and need little width; the innermost
	// label is the long one.
	switch depth {
	case 3:
		tb.widths = []int{4, 6, max(8, labelW-10)}
	case 2:
		tb.widths = []int{8, max(8, labelW-8)}
	default:
		tb.widths = []int{max(12, labelW)}
	}
	for range b.Cols {
		tb.widths = append(tb.widths, vw)
	}
	tb.add(0, 0, len(header), depth, onScreen(corner), alignCenter)
	// Header cells placed on the grid of (header row, value column).
	taken := make([][]bool, len(header))
	for i := range taken {
		taken[i] = make([]bool, len(b.Cols))
	}
	for ri, hr := range header {
		col := 0
		for _, hc := range hr {
			for col < len(b.Cols) && taken[ri][col] {
				col++
			}
			rs, cs := max(1, hc.RowSpan), max(1, hc.ColSpan)
			for dr := 0; dr < rs && ri+dr < len(header); dr++ {
				for dc := 0; dc < cs && col+dc < len(b.Cols); dc++ {
					taken[ri+dr][col+dc] = true
				}
			}
			tb.add(ri, depth+col, rs, cs, hc.Text, alignCenter)
			col += cs
		}
	}
	top := len(header)
	for i, row := range b.Rows {
		y := top + i
		for lv := range row.Parents {
			if i > 0 && samePrefix(b.Rows[i-1].Parents, row.Parents, lv+1) {
				continue // spanned from above
			}
			n := 1
			for i+n < len(b.Rows) && samePrefix(b.Rows[i+n].Parents, row.Parents, lv+1) {
				n++
			}
			tb.add(y, lv, n, 1, onScreen(row.Parents[lv]), alignCenter)
		}
		tb.add(y, row.Level(), 1, depth-row.Level(), onScreen(row.Label), alignLeft)
		for ci := range b.Cols {
			tb.add(y, depth+ci, 1, 1, figure(r, gridCells[t][0][i][ci]), alignRight)
		}
	}
	return tb
}

// samePrefix reports whether a and b share their first n labels.
func samePrefix(a, b []string, n int) bool {
	if len(a) < n || len(b) < n {
		return false
	}
	for i := range n {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// previewS4 is 四 as printed, its three-row header over one row of 15
// cells; on a page too narrow for 15 columns, three rows of five.
func previewS4(r *model.Report, pw int) []string {
	t := model.S4
	cells := printedCells(t)
	cw := max(4, figureW(r, cells, 0))
	if n := len(cells); n*(cw+1)+1 > pw {
		return previewLabelled(r, t, pw).render()
	} else {
		cw = max(cw, min(8, (pw-1)/n-1))
	}
	tb := &asciiTable{cols: len(cells)}
	for range cells {
		tb.widths = append(tb.widths, cw)
	}
	taken := make([][]bool, len(t.Header))
	for i := range taken {
		taken[i] = make([]bool, len(cells))
	}
	for ri, hr := range t.Header {
		col := 0
		for _, hc := range hr {
			for col < len(cells) && taken[ri][col] {
				col++
			}
			rs, cs := max(1, hc.RowSpan), max(1, hc.ColSpan)
			for dr := 0; dr < rs && ri+dr < len(t.Header); dr++ {
				for dc := 0; dc < cs && col+dc < len(cells); dc++ {
					taken[ri+dr][col+dc] = true
				}
			}
			tb.add(ri, col, rs, cs, hc.Text, alignCenter)
			col += cs
		}
	}
	for i, c := range cells {
		tb.add(len(t.Header), i, 1, 1, figure(r, c), alignRight)
	}
	return tb.render()
}

func (d *previewDialog) cursor() *tea.Cursor { return nil }
func (d *previewDialog) typing() bool        { return false }
func (d *previewDialog) bindings() []key.Binding {
	return []key.Binding{d.steps.Scroll, d.steps.Close}
}
