package importer

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// block is one piece of a published report in reading order: a paragraph of
// text, or a table as rows of cell strings. Text and HTML are both turned
// into blocks so that one assembler and one table reader serve both.
type block struct {
	para  string
	table [][]string
	isTbl bool
	// flows, for a table of text extracted from a PDF, says for each row
	// (line) the flow of lines it stands in (see extractedBlocks); nil
	// when not known.
	flows []int
	// cut: the text ends inside this table (an excerpt stored by a
	// crawler), in a form that shows every cell, blank ones too, with a
	// mark (pipes): its last row may stop after any of its cells.
	cut bool
	// right: the paragraph is set right-aligned (in a .docx or HTML), as a
	// 落款 is.
	right bool
}

// DecodeText turns the bytes of a text file into a string: UTF-8 with or
// without a BOM, UTF-16 with a BOM (Windows Notepad's "Unicode"), or GBK
// (GB18030, its superset), the default of Chinese Windows. Valid UTF-8 is
// taken as UTF-8: GBK Chinese text is practically never valid UTF-8. Line
// ends become \n.
func DecodeText(data []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		s = string(data[3:])
		if !utf8.ValidString(s) {
			return "", errors.New("文件开头标明是 UTF-8 编码，但内容中有不是 UTF-8 的字节，文件可能已损坏")
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		s = decodeUTF16(data[2:], data[0] == 0xFE)
	case utf8.Valid(data):
		s = string(data)
	default:
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return "", errors.New("无法识别文件的编码：既不是 UTF-8，也不是 GBK")
		}
		s = string(out)
		if bad := strings.Count(s, "\uFFFD"); bad > 0 && bad*20 > utf8.RuneCountInString(s) {
			return "", errors.New("无法识别文件的编码：既不是 UTF-8，也不是 GBK")
		}
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "", errors.New("这不是文本文件（含有二进制内容）；请另存为 .txt 或 .html 后再导入")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return s, nil
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

// textBlocks splits the plain text of a published page into blocks. Each
// non-empty line outside a table is a paragraph (pages put one paragraph on a
// line). A table is a run of tab-indented cell lines, or everything under the
// heading of 二, 三 or 四 (where real pages also put a row on one line,
// separated by tabs or spaces).
func textBlocks(s string) []block {
	lines := strings.Split(s, "\n")
	var out []block
	var run []string
	section := 0
	flush := func() {
		if len(run) > 0 {
			if rows := tableRowsOfText(run); len(rows) > 0 {
				out = append(out, block{table: rows, isTbl: true})
			}
			run = nil
		}
	}
	prevTabCell := false
	for _, raw := range lines {
		line := strings.TrimRight(raw, " \u3000\u00a0\r")
		if strings.Contains(raw, "\t") {
			// Trailing empty cells (TAB NBSP) are cells.
			line = strings.TrimRight(raw, " \r")
		}
		if line == "" && strings.Contains(raw, "\u00a0") {
			line = "\u00a0" // an empty cell (&nbsp;) on its own line
		}
		trim := strings.TrimSpace(strings.Trim(line, "\t \u3000\u00a0"))
		// One field: no tab after the indent. Pages and word processors
		// indent paragraphs, headings and titles with a tab too.
		single := !strings.Contains(strings.TrimLeft(line, "\t"), "\t")
		if single && trim != "" {
			if k := headingNumber(trim); k > section {
				flush()
				section = k
				out = append(out, block{para: trim})
				prevTabCell = false
				continue
			}
		}
		inTableSection := section >= 2 && section <= 4
		switch {
		case inTableSection && !strings.Contains(line, "\t") && isSentence(trim):
			flush()
			out = append(out, block{para: trim})
		case inTableSection:
			run = append(run, line)
		case strings.Contains(line, "\t") && !(single && !isCellText(trim)):
			run = append(run, line)
			prevTabCell = strings.HasPrefix(line, "\t") && !strings.Contains(line[1:], "\t")
			continue
		case trim == "":
			if len(run) > 0 {
				run = append(run, "")
			}
		case prevTabCell && len(run) > 0:
			run = append(run, line) // a header split over lines: 商业\n企业
			continue
		default:
			flush()
			out = append(out, block{para: trim})
		}
		prevTabCell = false
	}
	cut := false
	last := lastNonBlank(run)
	if prev := lastNonBlank(run[:max(last, 0)]); last >= 0 && strings.Contains(run[last], "|") || prev >= 0 && strings.HasSuffix(strings.TrimSpace(run[prev]), "|") {
		// The text stops in a table whose cells end in pipes (a row a
		// line, or a cell a line: cellLineRows does not read a last
		// figure with no pipe after it). A figure after the last pipe
		// may have lost digits where it was cut (「… | 0 | 1」 of
		// 「… | 0 | 12 |」): it is not read.
		cut = true
		l := strings.TrimRight(run[last], " \u3000\u00a0")
		if i := strings.LastIndex(l, "|"); i >= 0 && i < len(l)-1 {
			if tail := strings.TrimSpace(l[i+1:]); kindOf(tail) != vText && strings.TrimSpace(l[:i]) != "" {
				run[last] = l[:i+1]
			}
		}
	}
	n := len(out)
	flush()
	if cut && len(out) > n {
		out[len(out)-1].cut = true
	}
	return out
}

// lastNonBlank is the index of the last line of lines with text, or -1.
func lastNonBlank(lines []string) int {
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Trim(lines[i], " \t\u3000\u00a0") != "" {
			return i
		}
	}
	return -1
}

// tableRowsOfText turns the lines of a table into rows of cells. Blank lines
// separate rows; a tab-indented line is one cell (a lone tab is an empty
// cell); a plain line right after a cell continues it (a header split over
// lines); a line with several tab- or space-separated fields is a row by
// itself.
func tableRowsOfText(lines []string) [][]string {
	if rows, ok := tabLineRows(lines); ok {
		return rows
	}
	if rows, ok := cellLineRows(lines); ok {
		return rows
	}
	if rows, ok := blankLineRows(lines); ok {
		return rows
	}
	var rows [][]string
	var cur []string
	flushRow := func() {
		if len(cur) > 0 {
			rows = append(rows, cur)
			cur = nil
		}
	}
	contOK := false
	for _, line := range lines {
		if strings.Trim(line, " \u3000\u00a0") == "" {
			flushRow()
			contOK = false
			continue
		}
		if strings.Contains(line, "|") {
			// Cells as crawlers and CMS exports store them: 规章 | 0 | 0 | 0 |.
			flushRow()
			t := strings.TrimSpace(line)
			t = strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")
			rows = append(rows, cleanCells(strings.Split(t, "|")))
			contOK = false
			continue
		}
		if strings.HasPrefix(line, "\t") {
			fields := strings.Split(line[1:], "\t")
			if len(fields) == 1 {
				cur = append(cur, cleanCell(fields[0]))
				contOK = true
				continue
			}
			flushRow()
			rows = append(rows, cleanCells(fields))
			contOK = false
			continue
		}
		if strings.Contains(line, "\t") {
			flushRow()
			rows = append(rows, cleanCells(strings.Split(line, "\t")))
			contOK = false
			continue
		}
		fields := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '\u00a0' })
		if contOK && len(cur) > 0 && len(fields) == 1 && kindOf(fields[0]) == vText {
			cur[len(cur)-1] += cleanCell(line)
			continue
		}
		if len(fields) > 1 {
			flushRow()
			rows = append(rows, cleanCells(fields))
		} else {
			cur = append(cur, cleanCell(line))
		}
		contOK = false
	}
	flushRow()
	return rows
}

// cellSpaces are the spaces around a cell's text in a page's text: the
// ASCII space, the ideographic space and &nbsp;.
const cellSpaces = " \u3000\u00a0"

// totalHeader is 四's column header 总计 (and 三's), as a cell alone.
const totalHeader = "总计"

func cleanCell(s string) string { return strings.TrimSpace(strings.Trim(s, " \u3000\u00a0\t")) }

func cleanCells(f []string) []string {
	out := make([]string, len(f))
	for i, s := range f {
		out[i] = cleanCell(s)
	}
	return out
}

// isCellText reports whether a tab-indented line outside 二, 三 and 四 is a
// table cell: a figure, a dash, a blank, or a label or header of one of the
// tables (a page whose headings were not recognised). Anything else is a
// tab-indented paragraph, the title or the agency's name.
func isCellText(s string) bool {
	if kindOf(s) != vText || is2019([][]string{{s}}) {
		return true
	}
	for _, m := range matchers() {
		if m.isFrame(s) {
			return true
		}
	}
	return false
}

// isSentence tells a paragraph under a table heading (「本年度未发生行政复议。」)
// from a row of cells: it ends a sentence or is longer than any label.
func isSentence(s string) bool {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields[1:] {
		if kindOf(f) != vText {
			return false // a row: label and figures
		}
	}
	// The length of the words: a line of -layout text sets a table's
	// header words far apart.
	n := 0
	for _, f := range fields {
		n += utf8.RuneCountInString(f)
	}
	return strings.ContainsAny(s, "。；！？") || n > 60
}

// tabLineRows reads a table copied from a browser whose cells hold
// paragraphs (<td><p>): Chromium then puts each cell's text between blank
// lines, TABs between the cells of a row (on lines of their own, or with
// the empty cells between them: TAB NBSP TAB), and nothing but blank lines
// between rows. A row ends where a cell follows a figure, a blank or a
// dash, or where a row label follows anything, with no TAB between them;
// two other texts with no TAB between them are one cell (a header in two
// paragraphs).
func tabLineRows(lines []string) ([][]string, bool) {
	tabs := 0
	for _, l := range lines {
		t := strings.Trim(l, " ")
		if strings.Trim(t, "\t\u00a0") == "" && strings.Contains(t, "\t") {
			tabs++
			continue
		}
		if strings.Contains(t, "\t") {
			return nil, false // cells on tab-indented lines (the seed's form)
		}
	}
	if tabs < 3 {
		return nil, false
	}
	var rows [][]string
	var row []string
	var cur *string // the cell being read
	sep := true     // a TAB since the last cell
	add := func(text string) {
		if !sep && cur != nil {
			if kindOf(*cur) == vText && kindOf(text) == vText && !anyLabel([]string{text}) {
				*cur += text
				return
			}
			rows = append(rows, row)
			row = nil
		}
		row = append(row, text)
		cur = &row[len(row)-1]
		sep = false
	}
	for _, l := range lines {
		t := strings.Trim(l, " \u3000")
		if t == "" {
			continue
		}
		if !strings.Contains(t, "\t") {
			add(cleanCell(t))
			continue
		}
		// TABs with empty cells between them.
		parts := strings.Split(t, "\t")
		for i, p := range parts {
			if i > 0 {
				if sep && i > 1 {
					add("") // two TABs with nothing between: an empty cell
				}
				sep = true
				cur = nil
			}
			if strings.Trim(p, " ") != "" {
				add(cleanCell(p))
			}
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows, true
}
