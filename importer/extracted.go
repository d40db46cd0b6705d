package importer

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// Text extracted from a PDF (poppler's pdftotext, with or without -layout,
// and the like) has its pages separated by form feeds, every paragraph
// broken into the lines of the page, spaces where the PDF set characters
// apart (2023 年), page numbers and running heads among the text, and
// tables either as aligned columns (-layout) or as cells in whatever order
// the PDF drew them, labels after their figures. It is read by its own
// rules: lines are joined into paragraphs again; in the tables only a label
// beside its figures places them, the rest are placed by position or by the
// table's arithmetic (see assembler.fromPDF).

// isExtractedPDFText reports whether text came out of a PDF: pages
// separated by form feeds, and no tabs (a page copied from a browser has
// them between cells).
func isExtractedPDFText(s string) bool {
	if strings.Contains(s, "\t") {
		return false
	}
	return strings.Contains(s, "\f") || wrappedLines(s)
}

// wrappedLines tells text copied out of a PDF viewer (no form feeds) from
// a web page's text: its paragraphs are broken into lines of the page's
// width, most of which end in the middle of a sentence. A page's text puts
// a paragraph on one line, of any length, ending with its full stop.
func wrappedLines(s string) bool {
	type line struct {
		w    int
		open bool // ends in the middle of a sentence
	}
	var lines []line
	buckets := map[int]int{}
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		// A line with pipes is a row of a page's table as crawlers store
		// it (规章 | 0 | | |): a PDF viewer's copy has no pipes, and rows
		// of blank cells are lines of one width that end in no full stop.
		if utf8.RuneCountInString(t) < 20 || manySpaces().MatchString(t) || strings.Contains(t, "|") {
			continue
		}
		w := runewidth.StringWidth(t)
		r, _ := utf8.DecodeLastRuneInString(t)
		lines = append(lines, line{w, !strings.ContainsRune("。；！？：”）", r)})
		buckets[w/4]++
	}
	// The page's width: the commonest width (to 4 columns).
	best, most := 0, 0
	for b, n := range buckets {
		if n > most || n == most && b > best {
			best, most = b, n
		}
	}
	near, open := 0, 0
	for _, l := range lines {
		if d := l.w/4 - best; d >= -1 && d <= 1 {
			near++
			if l.open {
				open++
			}
		}
	}
	// Many lines are about as wide as the page, and most of those stop in
	// the middle of a sentence.
	return near >= 8 && near*5 >= len(lines)*2 && open*5 >= near*3
}

// layoutLine is a line of -layout text as a line of a page: a glyph for
// each character, one unit wide, where it stands. pdftotext sets each
// character in one column of its own, wide or narrow, so that counting
// characters, not display width, keeps the columns of a table in line.
func layoutLine(raw string) *pline {
	l := &pline{size: 1}
	x := 0.0
	for _, r := range raw {
		if r != ' ' && r != '\u3000' && r != '\u00a0' {
			l.glyphs = append(l.glyphs, pglyph{x: x, w: 1, size: 1, text: string(r)})
		}
		x++
	}
	return l
}

// s3HeaderLine tells a line of 三's header (a part of it starts with a
// column's name) from a label's continuation (不计其他情形）).
func s3HeaderLine(t string) bool {
	for _, part := range manySpaces().Split(strings.TrimSpace(t), -1) {
		if part == "申请人情况" || part == "法人或其他组织" {
			return true
		}
		for _, a := range s3Anchors {
			if strings.HasPrefix(part, strings.TrimSuffix(a, "人")) {
				return true
			}
		}
	}
	return false
}

// titleLines finds the title among the lines before the first section
// heading: the first line, alone or with the one or two lines after it (a
// title in a large font wraps, even inside a word: 政府信 / 息公开), that
// reads as a title. It returns the lines [from, to), or (-1, -1).
func titleLines(texts []string) (from, to int) {
	for i := 0; i < len(texts) && i < 40; i++ {
		if headingNumber(texts[i]) > 0 {
			break
		}
		title := texts[i]
		for k := 0; k <= 2 && i+k < len(texts); k++ {
			if k > 0 {
				next := texts[i+k]
				if headingNumber(next) > 0 || utf8.RuneCountInString(title) > 40 || !titleYear().MatchString(foldDigits(title)) {
					break
				}
				if _, _, whole := parseTitle(next); whole {
					break // the title is the next line by itself
				}
				title += next
			}
			if _, _, ok := parseTitle(title); ok {
				return i, i + k + 1
			}
		}
	}
	return -1, -1
}

func importExtractedPDFText(s string, opt Options) (*Result, error) {
	blocks, columns := extractedBlocks(s)
	r, notes, err := assembleWith(&assembler{fromPDF: true, orderOnly: !columns}, blocks, opt, "")
	if err != nil {
		return nil, err
	}
	return &Result{Report: r, Notes: notes}, nil
}

var (
	manySpaces = lazyRegexp(`[ \x{3000}\x{a0}]{2,}`)
	yearOnly   = lazyRegexp(`^(?:19|20)\d\d$`)
)

// cjkSpace removes the spaces a PDF's glyph positions put between Chinese
// and a figure or Latin word (2023 年, 共 5 件); Chinese text does not
// write them.
func cjkSpace(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) {
			p, n := rs[i-1], rs[i+1]
			if isWide(p) && n != ' ' || isWide(n) && p != ' ' {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWide(r rune) bool { return r >= 0x2E80 && !unicode.IsSpace(r) }

// extractedChunks splits a line of a table into its cells: at runs of two
// or more spaces, and a run of figures set apart by single spaces into
// single figures.
func extractedChunks(line string) []string {
	var out []string
	for _, part := range manySpaces().Split(strings.TrimSpace(line), -1) {
		if part == "" {
			continue
		}
		fields := strings.Fields(part)
		// Figures at the end of a part ("予以公开 1 102") stand apart.
		k := len(fields)
		for k > 0 && kindOf(fields[k-1]) != vText {
			k--
		}
		if k > 0 {
			out = append(out, cjkSpace(strings.Join(fields[:k], " ")))
		}
		out = append(out, fields[k:]...)
	}
	return out
}

// extractedBlocks turns extracted text into paragraphs and table rows.
// columns says whether the tables keep their columns' places (-layout:
// cells set apart by runs of spaces), or only the order of their cells.
func extractedBlocks(s string) (out []block, columns bool) {
	pages := strings.Split(s, "\f")
	type xline struct {
		text   string // trimmed
		raw    string // as on the page, for where its parts stand
		indent int    // leading spaces (display width)
		width  int    // display width, indent included
		flow   int    // lines between blank lines (pdftotext's flows)
	}
	// pdftotext writes each of its flows (a run of text blocks, each
	// below the one before, read top to bottom and left to right) with
	// a blank line after it, and a form feed after each page. Where the
	// text has form feeds, the lines between blank lines are one flow.
	flows := len(pages) > 1
	// Running heads and page numbers: the first and last lines of pages
	// that are a page number, or the same on three pages or more.
	edge := map[string]int{}
	pageLines := make([][]string, len(pages))
	lineFlow := make([][]int, len(pages))
	flow := 0
	for pi, p := range pages {
		var ls []string
		flow++
		for _, l := range strings.Split(p, "\n") {
			if strings.TrimSpace(l) == "" {
				flow++
				continue
			}
			ls = append(ls, strings.TrimRight(l, " \u3000\u00a0\r"))
			lineFlow[pi] = append(lineFlow[pi], flow)
		}
		pageLines[pi] = ls
		for i, l := range ls {
			if i < 2 || i >= len(ls)-2 {
				edge[strings.TrimSpace(l)]++
			}
		}
	}
	var lines []xline
	var widths []int
	maxWidth := 0
	for pi, ls := range pageLines {
		for i, l := range ls {
			t := strings.TrimSpace(l)
			atEdge := i < 2 || i >= len(ls)-2
			// A page number in dashes (— 1 —) or words (第 1 页) is one
			// anywhere: a viewer's copy has no page breaks to put it at.
			if pageNumber().MatchString(t) || atEdge && (isPageNumber(t, pi) || len(pages) >= 4 && edge[t] >= 3) {
				continue
			}
			indent := runewidth.StringWidth(l) - runewidth.StringWidth(strings.TrimLeft(l, " \u3000\u00a0"))
			w := runewidth.StringWidth(l)
			lines = append(lines, xline{text: t, raw: l, indent: indent, width: w, flow: lineFlow[pi][i]})
			if !manySpaces().MatchString(t) && w >= 20 {
				widths = append(widths, w)
			}
		}
	}
	// The left edge of the text: the least indent of the narrative's lines
	// (a browser's header and footer stand further out, and are gone).
	base := -1
	for _, l := range lines {
		if !manySpaces().MatchString(l.text) && l.width >= 20 && (base < 0 || l.indent < base) {
			base = l.indent
		}
	}
	if base > 0 {
		for i := range lines {
			if lines[i].indent >= base {
				lines[i].indent -= base
				lines[i].width -= base
			}
		}
		for i := range widths {
			widths[i] -= base
		}
	}
	// The width of a full line: most lines of the narrative are full.
	if len(widths) > 0 {
		sort.Ints(widths)
		maxWidth = widths[len(widths)*9/10]
	}
	// A year printed in another font may stand on a line of its own next
	// to the rest of the title (2019 / 年上海市…报告).
	for i := 0; i+1 < len(lines) && i < 10; i++ {
		a, b := lines[i].text, lines[i+1].text
		switch {
		case yearOnly().MatchString(a) && strings.HasPrefix(b, "年"):
			lines[i+1].text = a + b
			lines = append(lines[:i], lines[i+1:]...)
		case yearOnly().MatchString(b) && strings.HasPrefix(a, "年"):
			lines[i].text = b + a
			lines = append(lines[:i+1], lines[i+2:]...)
		}
	}
	var para strings.Builder
	var rows [][]string
	section := 0
	prevFull := false
	flushPara := func() {
		if para.Len() > 0 {
			out = append(out, block{para: para.String()})
			para.Reset()
		}
	}
	// Table 三 in -layout text: its header's column names, and the lines
	// of the rows under it (to the next repeated header, on a new page),
	// so that a row with blank cells gets them back from where its
	// figures stand (see placeUnderHeader).
	var hdr, segLines []*pline
	segStart := 0
	closeSeg := func() {
		if len(segLines) > 0 {
			centers, ok := s3Columns(hdr)
			if !ok {
				centers = nil
			}
			copy(rows[segStart:], placeUnderHeader(rows[segStart:segStart+len(segLines)], segLines, centers, true))
			hdr = nil // the next part has its own header
		}
		segLines = nil
	}
	var rowFlows []int
	flushRows := func() {
		closeSeg()
		hdr = nil
		if len(rows) > 0 {
			b := block{table: rows, isTbl: true}
			if flows {
				b.flows = rowFlows
			}
			out = append(out, b)
			rows, rowFlows = nil, nil
		}
	}
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = cjkSpace(l.text)
	}
	titleFrom, titleTo := titleLines(texts)
	for i, l := range lines {
		text := texts[i]
		if i >= titleFrom && i < titleTo {
			// The title is a paragraph of its own, whatever the lines
			// around it (a draft note above it, as wide as the page).
			if i == titleFrom {
				flushPara()
				out = append(out, block{para: strings.Join(texts[titleFrom:titleTo], "")})
			}
			prevFull = false
			continue
		}
		if k := headingNumber(text); k > section {
			flushPara()
			flushRows()
			section = k
			out = append(out, block{para: text})
			prevFull = false
			continue
		}
		if section >= 2 && section <= 4 && !isSentence(text) {
			flushPara()
			layout := manySpaces().MatchString(l.text)
			if layout {
				columns = true
			}
			ch := extractedChunks(l.text)
			if section == 3 && (layout || len(segLines) > 0 || manySpaces().MatchString(l.raw)) {
				switch {
				case !hasFigure(ch) && s3HeaderLine(l.text):
					closeSeg()
					hdr = append(hdr, layoutLine(l.raw))
					if len(hdr) > 12 {
						hdr = hdr[1:]
					}
				case len(segLines) > 0 || hasFigure(ch):
					if len(segLines) == 0 {
						segStart = len(rows)
					}
					segLines = append(segLines, layoutLine(l.raw))
				}
			}
			rows = append(rows, ch)
			rowFlows = append(rowFlows, l.flow)
			continue
		}
		flushRows()
		starts := !prevFull || l.indent >= 2 || partStart().MatchString(text) ||
			signatureDate().MatchString(foldDigits(text)) || headingNumber(text) > 0
		if starts {
			flushPara()
		} else if needsSpace(para.String(), text) {
			para.WriteByte(' ')
		}
		para.WriteString(text)
		// A line that reaches the right edge goes on in the next one.
		prevFull = l.width >= maxWidth-8
	}
	flushPara()
	flushRows()
	return out, columns
}
