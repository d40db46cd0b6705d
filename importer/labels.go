package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/model"
)

// normLabel folds a label or heading to the form in which two copies of it
// compare equal: full-width ASCII made narrow, no whitespace, no quotes of
// any style, one style of brackets and of the mark after an item number
// (1． 1、 1. all become 1.). It runs for every cell of every table, so it
// is written out rather than built from width.Fold and a Replacer.
func normLabel(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0 // full-width ASCII
		}
		switch r {
		case '“', '”', '"', '‘', '’', '\'', '「', '」', '『', '』':
			continue
		case '。', '、':
			r = '.'
		}
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), ":")
}

// stripNumbering removes a leading item number: 一. (一) 1. (1) ①.
func stripNumbering(s string) (string, bool) {
	orig := s
	if strings.HasPrefix(s, "(") {
		if i := strings.Index(s, ")"); i > 0 && i <= 10 && isNumeral(s[1:i]) {
			return s[i+1:], true
		}
		return s, false
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isNumeralRune(r) {
			break
		}
		i += n
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ',') {
		return s[i+1:], true
	}
	return orig, false
}

func isNumeralRune(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十", r)
}

func isNumeral(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isNumeralRune(r) {
			return false
		}
	}
	return true
}

// stripParens removes bracketed remarks such as （区分处理的，只计这一情形…）.
func stripParens(s string) string {
	for {
		i := strings.Index(s, "(")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], ")")
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

// labelAliases maps wordings that real reports use for an official label
// (normalised, numbering stripped) to the official one.
var labelAliases = map[string]string{
	"规范性文件": "行政规范性文件",
}

// rowMatcher recognises the row labels of one table tolerantly. The labels
// come from the model, never retyped here.
type rowMatcher struct {
	keys    map[string]int // normalised key -> row index; -1 when ambiguous
	parents map[string]bool
	known   map[string]bool // header texts, block titles, the corner note
}

func (m *rowMatcher) add(key string, row int) {
	if key == "" {
		return
	}
	if old, ok := m.keys[key]; ok && old != row {
		m.keys[key] = -1
		return
	}
	m.keys[key] = row
}

// labelKeys lists the keys under which a label is recognised: whole, without
// its number, and without its bracketed remark. A key without a number must be
// long enough not to be confused with a column header (其他, 总计).
func labelKeys(label string) []string {
	n := normLabel(label)
	keys := []string{n}
	if s, ok := stripNumbering(n); ok {
		if utf8.RuneCountInString(s) >= 3 {
			keys = append(keys, s)
		}
		if p := stripParens(s); p != s && utf8.RuneCountInString(p) >= 3 {
			keys = append(keys, p)
		}
	}
	if p := stripParens(n); p != n {
		keys = append(keys, p)
	}
	return keys
}

func newRowMatcher(t *model.Table) *rowMatcher {
	m := &rowMatcher{keys: map[string]int{}, parents: map[string]bool{}, known: map[string]bool{}}
	rows := tableRows(t)
	for i, r := range rows {
		for _, k := range labelKeys(r.row.Label) {
			m.add(k, i)
		}
		for _, p := range r.row.Parents {
			for _, k := range labelKeys(p) {
				m.parents[k] = true
			}
		}
	}
	for alias, official := range labelAliases {
		if i, ok := m.keys[official]; ok && i >= 0 {
			m.add(alias, i)
		}
	}
	known := []string{t.Corner, t.OneRowLabel, t.Title, t.Number + "." + t.Title, "申请人情况"}
	for _, b := range t.Blocks {
		known = append(known, b.Title, b.ItemHeader)
		for _, c := range b.Cols {
			known = append(known, c.Label, c.Group)
		}
	}
	for _, hr := range t.Header {
		for _, h := range hr {
			known = append(known, h.Text)
		}
	}
	for _, k := range known {
		for _, key := range []string{normLabel(k), stripParens(normLabel(k))} {
			if key != "" {
				m.known[key] = true
			}
		}
	}
	return m
}

// row returns the index (in tableRows order) of the data row a cell labels.
func (m *rowMatcher) row(cell string) (int, bool) {
	n := normLabel(cell)
	if n == "" {
		return 0, false
	}
	try := []string{n}
	if s, ok := stripNumbering(n); ok {
		try = append(try, s, stripParens(s))
	}
	try = append(try, stripParens(n))
	// A label written with its parents, as one-row headers and Markdown
	// put it: 三、本年度办理结果：（三）不予公开：1.属于国家秘密.
	if i := strings.LastIndex(n, ":"); i > 0 && !strings.HasPrefix(n, "(") {
		last := n[i+1:]
		try = append(try, last)
		if s, ok := stripNumbering(last); ok {
			try = append(try, s, stripParens(s))
		}
	}
	for _, k := range try {
		if a, ok := labelAliases[k]; ok {
			k = a
		}
		if i, ok := m.keys[k]; ok && i >= 0 {
			return i, true
		}
	}
	return 0, false
}

// isFrame reports whether a cell is a row label, a parent label or a known
// header text: text that is part of the table's frame, not data.
func (m *rowMatcher) isFrame(cell string) bool {
	if _, ok := m.row(cell); ok {
		return true
	}
	n := normLabel(cell)
	if strings.HasPrefix(n, "单位:") || strings.HasPrefix(n, "(单位:") {
		return true // 单位：件, printed above or inside a table
	}
	if m.parents[n] || m.known[n] || m.known[stripParens(n)] {
		return true
	}
	if s, ok := stripNumbering(n); ok && (m.parents[s] || m.known[s]) {
		return true
	}
	// A header written with its group (法人或其他组织：商业企业), or a
	// label with its parents: frame when every part is.
	if strings.Contains(n, ":") && !strings.HasPrefix(n, "(") {
		for _, part := range strings.Split(n, ":") {
			if part == "" || !m.isFrame(part) {
				return false
			}
		}
		return true
	}
	return false
}

func (m *rowMatcher) isParent(cell string) bool {
	n := normLabel(cell)
	if m.parents[n] {
		return true
	}
	s, ok := stripNumbering(n)
	return ok && m.parents[s]
}

// tableRow is one data row of a table with the printed cells of the row in
// their printed order (the total column last).
type tableRow struct {
	row   model.Row
	cells []*model.CellSpec
}

// tableRows lists the data rows of t in their printed order.
func tableRows(t *model.Table) []tableRow {
	var out []tableRow
	for _, b := range t.Blocks {
		for _, r := range b.Rows {
			tr := tableRow{row: r}
			for _, c := range b.Cols {
				spec, _ := model.Cell(t.Addr(r.Key, c.Key))
				tr.cells = append(tr.cells, spec)
			}
			out = append(out, tr)
		}
	}
	return out
}
