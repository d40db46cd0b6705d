package model

import (
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file reads the narrative of 一 and 五 for statements the tables also
// hold (本年度共收到政府信息公开申请 12 件, 上年结转两件, 均已按时办结, …).
// Parsing is the costly part: a Checker does it once per text, and the rules
// compare the statements with the cells on every run.

type stmtKind uint8

const (
	stNew      stmtKind = iota // 收到/新收…申请 N 件: s3.new.total
	stAccepted                 // 受理…申请 N 件: 新收, or 新收 + 上年结转
	stCarried                  // 上年结转 N 件: s3.carried.total
	stForward                  // 结转（下年度）N 件: s3.forward.total
	stReview                   // 行政复议 N 件: s4.review.total
	stSuit                     // 行政诉讼 N 件: both suit totals
	stNoNew                    // 未收到…申请: s3.new.total = 0
	stNoReview                 // 未发生…行政复议
	stNoSuit                   // 未发生…行政诉讼
	stAllDone                  // 均已按时办结, 全部办结
)

// statement is one figure (or claim) found in a narrative text.
type statement struct {
	kind  stmtKind
	n     Dec
	part  string // Finding.Part of the text it was found in
	quote string // the clause as written, for the message
	// withCarried: the sentence also speaks of 结转, so a 收到 figure may
	// include last year's applications (共收到 12 件（含上年结转 2 件）).
	withCarried bool
}

// textState is what a Checker keeps from the texts of one version of a
// report: the texts themselves (to notice a change), the statements parsed
// from them, and the findings of the rules that read only text.
type textState struct {
	preface, intro, s5, s6 string
	parts                  []Part
	kind                   Kind
	year                   int
	prev                   *prevState
	stmts                  []statement
	fee                    []feeStmt   // fee figures stated in 六
	finds                  [][]Finding // by rule index, for textOnly rules
	done                   bool        // finds computed
}

// newTextState parses r's texts, into spare's buffers if spare is not nil
// (an emptied state, see reset).
func newTextState(r *Report, prev *prevState, spare *textState) *textState {
	t := spare
	if t == nil {
		t = &textState{finds: make([][]Finding, len(rules))}
	}
	t.preface, t.intro, t.s5, t.s6 = r.Preface, r.S1.Intro, r.S5, r.S6
	t.parts, t.kind, t.year, t.prev = append(t.parts[:0], r.S1.Parts...), r.Kind, r.Year, prev
	t.stmts = parseStatements("s1.intro", r.S1.Intro, t.stmts[:0])
	for i, p := range r.S1.Parts {
		t.stmts = parseStatements(partID(i), p.Body, t.stmts)
	}
	t.stmts = parseStatements("s5", r.S5, t.stmts)
	t.fee = parseFeeText(r.S6)
	return t
}

// reset empties t, keeping its buffers: nothing of the report it was made
// from stays reachable through it.
func (t *textState) reset() {
	clear(t.parts)
	clear(t.stmts)
	clear(t.fee)
	for i := range t.finds {
		clear(t.finds[i])
		t.finds[i] = t.finds[i][:0]
	}
	*t = textState{parts: t.parts[:0], stmts: t.stmts[:0], finds: t.finds}
}

// matches reports whether t was made from the same texts. Unchanged strings
// share their bytes, so this is cheap on every cell edit.
func (t *textState) matches(r *Report, prev *prevState) bool {
	return t.prev == prev && t.kind == r.Kind && t.year == r.Year &&
		t.preface == r.Preface && t.intro == r.S1.Intro && t.s5 == r.S5 && t.s6 == r.S6 &&
		slices.Equal(t.parts, r.S1.Parts)
}

// prevState holds last year's narrative as a set of shingles, for
// prev.copied; it is rebuilt only when last year's texts change.
type prevState struct {
	intro, s5, s6 string
	bodies        []string
	set           shingleSet
	paras         map[string]bool // last year's narrative paragraphs, trimmed, for text.year
}

// newPrevState reads last year's texts p, into spare's buffers if spare is
// not nil (an emptied state, see reset).
func newPrevState(p *Report, spare *prevState) *prevState {
	s := spare
	if s == nil {
		s = &prevState{paras: map[string]bool{}, bodies: make([]string, 0, len(p.S1.Parts))}
	}
	s.intro, s.s5, s.s6 = p.S1.Intro, p.S5, p.S6
	n := len(p.S1.Intro) + len(p.S5) + len(p.S6)
	for _, part := range p.S1.Parts {
		n += len(part.Body)
	}
	s.set.init(n / 3) // a Chinese character is three bytes; add grows the set for others
	s.set.addText(p.S1.Intro)
	s.addParas(p.S1.Intro)
	for _, part := range p.S1.Parts {
		s.bodies = append(s.bodies, part.Body)
		s.set.addText(part.Body)
		s.addParas(part.Body)
	}
	s.set.addText(p.S5)
	s.set.addText(p.S6)
	s.addParas(p.S5)
	s.addParas(p.S6)
	return s
}

// reset empties s, keeping its buffers (the shingle table, the map of
// paragraphs): nothing of the report it was made from stays reachable.
func (s *prevState) reset() {
	clear(s.bodies)
	clear(s.paras)
	*s = prevState{bodies: s.bodies[:0], paras: s.paras, set: shingleSet{slots: s.set.slots}}
}

func (s *prevState) addParas(text string) {
	for para := range strings.SplitSeq(text, "\n") {
		if p := trimPara(para); p != "" {
			s.paras[p] = true
		}
	}
}

// trimPara drops the spaces (ASCII, full-width, no-break) around a
// paragraph, as an indent is not part of what it says.
func trimPara(s string) string { return strings.Trim(s, " \t\r\u3000\u00a0") }

func (s *prevState) matches(p *Report) bool {
	if s.intro != p.S1.Intro || s.s5 != p.S5 || s.s6 != p.S6 || len(s.bodies) != len(p.S1.Parts) {
		return false
	}
	for i, b := range s.bodies {
		if b != p.S1.Parts[i].Body {
			return false
		}
	}
	return true
}

// Similarity of texts: the share of a text's 4-rune shingles found anywhere
// in last year's narrative. Whitespace is ignored and every digit reads as 0,
// so that a text copied with only its year and figures changed still counts
// as copied. Four BMP runes pack exactly into a uint64.
const (
	shingleRunes   = 4
	maxTextRunes   = 20000 // longer texts are judged by their first 20000 runes
	minCopiedCount = 50    // shorter texts (无。) may well be the same each year
)

// forShingles calls f with each shingle of s, in order, repeats included.
func forShingles(s string, f func(h uint64)) {
	var h uint64
	n := 0
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0' {
			continue
		}
		if isDigit(r) {
			r = '0'
		}
		h = h<<16 | uint64(r&0xffff)
		n++
		if n >= shingleRunes {
			f(h)
		}
		if n >= maxTextRunes {
			break
		}
	}
}

// shingleSet is a set of shingles: a hash table with open addressing, made
// once for last year's texts (a sorted slice cost a sort, and a binary
// search per shingle looked up).
type shingleSet struct {
	slots []uint64 // 0: empty; the shingle 0 is kept in zero
	shift uint
	zero  bool
	n     int // distinct shingles held
}

// init empties the set and makes room for max shingles, the table at most
// half full; a table it already has is reused when it is large enough.
func (s *shingleSet) init(max int) {
	bits := uint(4)
	for 1<<bits < 2*max {
		bits++
	}
	if cap(s.slots) >= 1<<bits {
		s.slots = s.slots[:1<<bits]
		clear(s.slots)
	} else {
		s.slots = make([]uint64, 1<<bits)
	}
	s.shift, s.zero, s.n = 64-bits, false, 0
}

// grow doubles the table.
func (s *shingleSet) grow() {
	old, zero := s.slots, s.zero
	s.slots = nil // a new table: old is read below
	s.init(len(old))
	s.zero = zero
	if s.zero {
		s.n = 1
	}
	for _, h := range old {
		if h != 0 {
			s.add(h)
		}
	}
}

func (s *shingleSet) slot(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> s.shift }

func (s *shingleSet) add(h uint64) {
	if h == 0 {
		if !s.zero {
			s.zero, s.n = true, s.n+1
		}
		return
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	m := uint64(len(s.slots) - 1)
	for i := s.slot(h); ; i = (i + 1) & m {
		switch s.slots[i] {
		case h:
			return
		case 0:
			s.slots[i] = h
			s.n++
			return
		}
	}
}

// addText adds the shingles of text.
func (s *shingleSet) addText(text string) { forShingles(text, s.add) }

func (s *shingleSet) has(h uint64) bool {
	if h == 0 {
		return s.zero
	}
	if len(s.slots) == 0 {
		return false
	}
	m := uint64(len(s.slots) - 1)
	for i := s.slot(h); ; i = (i + 1) & m {
		switch s.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// copiedPercent is the share (0–100) of s found in set, and how many
// shingles s has.
func copiedPercent(s string, set *shingleSet) (pct, count int) {
	found := 0
	forShingles(s, func(h uint64) {
		count++
		if set.has(h) {
			found++
		}
	})
	if count == 0 {
		return 0, 0
	}
	return found * 100 / count, count
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func isSentenceSep(r rune) bool {
	switch r {
	case '。', '；', ';', '！', '!', '？', '?', '\n', '\r':
		return true
	}
	return false
}

func isClauseSep(r rune) bool {
	switch r {
	case '，', ',', '：', ':', '（', '）', '(', ')', '【', '】', '“', '”':
		return true
	}
	return isSentenceSep(r)
}

// maxStatements bounds what one text contributes: a real narrative states a
// handful of figures; a pasted table must not flood the officer.
const maxStatements = 50

func parseStatements(part, text string, out []statement) []statement {
	first := len(out)
	for sent := range sentenceSeq(text) {
		if len(out)-first >= maxStatements {
			return out[:first+maxStatements]
		}
		withCarried := strings.Contains(sent, "结转")
		out = parseAllDone(part, sent, out)
		// A figure needs 件; every zero marker has 未 or 没有: most
		// sentences have neither, and need not be cut into clauses.
		if !strings.Contains(sent, "件") && !strings.Contains(sent, "未") && !strings.Contains(sent, "没有") {
			continue
		}
		for cl := range clauses(sent) {
			out = parseZero(part, cl, out)
			out = parseFigures(part, cl, withCarried, out)
		}
	}
	return out[:min(len(out), first+maxStatements)]
}

// clauses yields the clauses of a sentence, split at commas, colons,
// brackets and quotes, but not at the comma of a figure (1,200). An
// iterator, not a slice: a report has hundreds of sentences.
func clauses(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i < len(s); i++ {
			if !sepLead[s[i]] {
				continue
			}
			n := clauseSepLen(s, i)
			if n == 0 {
				continue
			}
			if s[i] == ',' && i > 0 && i+1 < len(s) && isDigit(rune(s[i-1])) && isDigit(rune(s[i+1])) {
				continue
			}
			if i > start && !yield(s[start:i]) {
				return
			}
			start = i + n
			i += n - 1
		}
		if start < len(s) {
			yield(s[start:])
		}
	}
}

// splitClauses is clauses as a slice.
func splitClauses(s string) []string { return slices.Collect(clauses(s)) }

// sentenceSeq yields what strings.FieldsFunc(text, isSentenceSep) returns,
// without decoding every rune: the separators are found by their bytes. (A
// separator's first byte is never a UTF-8 continuation byte, so matching at
// every byte finds exactly the runes a decoder would.)
func sentenceSeq(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i < len(text); i++ {
			if !sepLead[text[i]] {
				continue
			}
			n := sentSepLen(text, i)
			if n == 0 {
				continue
			}
			if i > start && !yield(text[start:i]) {
				return
			}
			start = i + n
			i += n - 1
		}
		if start < len(text) {
			yield(text[start:])
		}
	}
}

// sentences is sentenceSeq as a slice.
func sentences(text string) []string { return slices.Collect(sentenceSeq(text)) }

// sepLead marks the bytes a sentence or clause separator starts with, so
// that the scan skips every other byte at once.
var sepLead = func() (t [256]bool) {
	for _, c := range []byte(";!?\n\r,:()\xe2\xe3\xef") {
		t[c] = true
	}
	return
}()

// sentSepLen is the length of the sentence separator (isSentenceSep)
// starting at s[i], 0 if none.
func sentSepLen(s string, i int) int {
	switch s[i] {
	case ';', '!', '?', '\n', '\r':
		return 1
	case 0xE3: // 。 E3 80 82
		if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x82 {
			return 3
		}
	case 0xEF: // ；！？ EF BC 9B, 81, 9F
		if i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x9B || s[i+2] == 0x81 || s[i+2] == 0x9F) {
			return 3
		}
	}
	return 0
}

// clauseSepLen is the length of the clause separator (isClauseSep)
// starting at s[i], 0 if none.
func clauseSepLen(s string, i int) int {
	switch s[i] {
	case ',', ':', '(', ')':
		return 1
	case 0xE3: // 【】 E3 80 90, 91
		if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x90 || s[i+2] == 0x91) {
			return 3
		}
	case 0xE2: // “” E2 80 9C, 9D
		if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x9C || s[i+2] == 0x9D) {
			return 3
		}
	case 0xEF: // ，：（） EF BC 8C, 9A, 88, 89
		if i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x8C || s[i+2] == 0x9A || s[i+2] == 0x88 || s[i+2] == 0x89) {
			return 3
		}
	}
	return sentSepLen(s, i)
}

type keyword struct {
	s    string
	kind stmtKind
}

// figureKeywords introduce a figure: the one ending nearest before the
// number (the longer on a tie) says what the number is.
var figureKeywords = []keyword{
	{"收到", stNew}, {"接收", stNew}, {"新收", stNew},
	{"受理", stAccepted},
	{"上年结转", stCarried}, {"上年度结转", stCarried}, {"上一年度结转", stCarried}, {"上一年结转", stCarried}, {"去年结转", stCarried},
	{"结转", stForward},
	{"行政复议", stReview}, {"复议", stReview},
	{"行政诉讼", stSuit}, {"诉讼", stSuit},
}

// keywordsEndingIn lists, by a keyword's last byte, the indices in
// figureKeywords of the keywords ending with it, in the table's order.
var keywordsEndingIn = func() (t [256][]int) {
	for k, kw := range figureKeywords {
		c := kw.s[len(kw.s)-1]
		t[c] = append(t[c], k)
	}
	return
}()

// notTheTotal: words between the keyword and the number that show the
// number is a part, a change or something else (其中自然人 3 件, 同比增加
// 2 件, 纠错 1 件, 各 1 件).
var notTheTotal = []string{"其中", "自然人", "法人", "企业", "机构", "组织", "咨询", "信访", "举报", "投诉",
	"来信", "热线", "建议", "提案", "部分", "不予", "予以", "无法", "重复", "纠正", "纠错", "维持", "撤销",
	"败诉", "胜诉", "审结", "尚未", "各", "占", "同比", "增加", "增长", "减少", "上升", "下降", "较", "平均", "每"}

// notTheTotalList is notTheTotal for the window between a keyword and its
// figure.
var notTheTotalList = newWordList(notTheTotal)

// wordList is a list of words looked for in short texts (the window of a
// figure): each character of the text is checked against the words' first
// characters, instead of searching the text once per word. in(s) is
// containsAny(s, words) (FuzzWordList).
type wordList struct {
	words []string
	first [1 << 16 / 64]uint64 // bit r: a word starts with r (every word starts in the BMP)
}

func newWordList(words []string) *wordList {
	l := &wordList{words: words}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r == utf8.RuneError || r >= 1<<16 {
			panic("model: word list: " + w)
		}
		l.first[r>>6] |= 1 << (r & 63)
	}
	return l
}

func (l *wordList) in(s string) bool {
	// A word starts at the start of a character: ranging over s visits
	// every such byte (a byte that is not UTF-8 reads as one character).
	for i, r := range s {
		if r >= 1<<16 || l.first[r>>6]&(1<<(r&63)) == 0 {
			continue
		}
		for _, w := range l.words {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

var asksWords = []string{"申请", "请求"}

func parseFigures(part, cl string, withCarried bool, out []statement) []statement {
	for off := 0; ; {
		k := strings.Index(cl[off:], "件")
		if k < 0 {
			return out
		}
		pos := off + k
		off = pos + len("件")
		start, n, ok := numberBefore(cl[:pos])
		if !ok {
			continue
		}
		// Only the runes just before the number can say what it is; the
		// window also keeps a long clause (a pasted table) linear.
		prefix := lastRunes(cl[:start], figureWindow)
		base := start - len(prefix) // prefix's offset in cl
		if r, _ := utf8.DecodeLastRuneInString(prefix); r == '每' || r == '第' || r == '各' || r == '单' {
			continue
		}
		kind, kwStart, kwEnd, ok := nearestKeyword(prefix)
		if !ok || notTheTotalList.in(prefix[kwEnd:]) {
			continue
		}
		// A number that counts the cases named after it is a part when
		// what follows says so (其中37件行政复议、8件行政诉讼尚未审结: 8 is
		// the pending suits, not the review total before it).
		if after := firstRunes(cl[off:], figureWindow); startsWithAny(after, caseNouns) && notTheTotalList.in(after) {
			continue
		}
		switch kind {
		case stNew, stAccepted:
			// 共收到群众来信 12 件 is not about applications; 上年结转和本年
			// 新收申请共 12 件 is not 新收 alone.
			kw := prefix[kwStart:kwEnd]
			if kw != "新收" && !containsAny(firstRunes(cl[base+kwEnd:], figureWindow), asksWords) {
				continue
			}
			if strings.Contains(prefix[:kwStart], "结转") {
				continue
			}
		}
		q := quote(cl)
		if strings.HasSuffix(q, "…") { // a long clause: quote what leads to the figure
			q = "…" + strings.TrimSpace(lastRunes(cl[:off], figureWindow))
		}
		out = append(out, statement{kind: kind, n: Int(n), part: part, quote: q, withCarried: withCarried})
		// 行政复议、行政诉讼均为 0 件 states the figure of both.
		if other, ok := bothCases(kind, prefix[:kwStart], prefix[kwEnd:]); ok {
			out = append(out, statement{kind: other, n: Int(n), part: part, quote: q})
		}
	}
}

// caseNouns name the cases a number may count when it stands before them.
var caseNouns = []string{"行政复议", "行政诉讼", "复议", "诉讼"}

func startsWithAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// bothCases: for a figure of 复议 (or 诉讼) said with 均 of both, as in
// 行政复议、行政诉讼均为 0 件, the other kind the figure also states.
func bothCases(kind stmtKind, before, after string) (stmtKind, bool) {
	if !strings.Contains(after, "均") {
		return 0, false
	}
	switch {
	case kind == stSuit && strings.Contains(before, "复议"):
		return stReview, true
	case kind == stReview && strings.Contains(before, "诉讼"):
		return stSuit, true
	}
	return 0, false
}

// nearestKeyword finds the figure keyword ending last in s (the longer
// on a tie). It looks back from the end of s, at each byte that ends a
// keyword, for the keywords ending there: the window before a figure is
// read once, not once per keyword (FuzzNearestKeyword holds it to the
// search per keyword it replaced).
func nearestKeyword(s string) (kind stmtKind, start, end int, ok bool) {
	best := -1
	for e := len(s); e > 0 && best < 0; e-- {
		for _, k := range keywordsEndingIn[s[e-1]] {
			kw := &figureKeywords[k]
			if i := e - len(kw.s); i >= 0 && s[i:e] == kw.s && (best < 0 || i < start) {
				best, start, end, kind = e, i, e, kw.kind
			}
		}
	}
	if best < 0 {
		return 0, 0, 0, false
	}
	if kind == stForward && otherYearBefore(s[:start]) {
		return 0, 0, 0, false
	}
	return kind, start, end, true
}

// otherYearBefore: s ends with a year other than this one (2022年, 2022年度),
// so that 结转 after it cannot be told this year's (本年结转 can).
func otherYearBefore(s string) bool {
	s = strings.TrimSuffix(s, "度")
	return strings.HasSuffix(s, "年") && !strings.HasSuffix(s, "本年") && !strings.HasSuffix(s, "今年")
}

// numberBefore reads the number that s ends with (spaces allowed before
// the 件 that follows): 12, １２, 1,200, 两, 十二, 一百零五.
func numberBefore(s string) (start int, n int64, ok bool) {
	s = strings.TrimRight(s, " \u3000\u00a0\t")
	end := len(s)
	r, _ := utf8.DecodeLastRuneInString(s)
	var size int
	switch {
	case isDigit(r):
		i := end
		var b strings.Builder
		for i > 0 {
			r, size = utf8.DecodeLastRuneInString(s[:i])
			if !isDigit(r) && r != ',' {
				break
			}
			i -= size
		}
		for i < end && s[i] == ',' {
			i++
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); r == '.' || r == '．' {
			return 0, 0, false // 12.5 件 is no count
		}
		for _, c := range s[i:end] {
			switch {
			case c >= '０' && c <= '９':
				b.WriteRune(c - '０' + '0')
			case c != ',':
				b.WriteRune(c)
			}
		}
		if b.Len() == 0 || b.Len() > 10 {
			return 0, 0, false
		}
		v, err := strconv.ParseInt(b.String(), 10, 64)
		return i, v, err == nil
	case strings.ContainsRune(cnNumerals, r):
		i := end
		for i > 0 {
			r, size = utf8.DecodeLastRuneInString(s[:i])
			if !strings.ContainsRune(cnNumerals, r) {
				break
			}
			i -= size
		}
		v, ok := parseChineseNumber(s[i:end])
		return i, v, ok
	}
	return 0, 0, false
}

const cnNumerals = "零〇一二两三四五六七八九十百千"

// parseChineseNumber reads 一 … 九千九百九十九 (两 for 二, 零 inside):
// 三, 十二, 二十, 一百零五. A lone 零 (零件: spare parts) is not a figure.
func parseChineseNumber(s string) (int64, bool) {
	if s == "零" || s == "〇" || s == "" {
		return 0, false
	}
	var total, cur int64
	digit := false
	for _, r := range s {
		var d int64 = -1
		switch r {
		case '零', '〇':
			cur, digit = 0, false
			continue
		case '一':
			d = 1
		case '二', '两':
			d = 2
		case '三':
			d = 3
		case '四':
			d = 4
		case '五':
			d = 5
		case '六':
			d = 6
		case '七':
			d = 7
		case '八':
			d = 8
		case '九':
			d = 9
		}
		if d >= 0 {
			if digit {
				return 0, false // 三三: not a number
			}
			cur, digit = d, true
			continue
		}
		mult := int64(10)
		switch r {
		case '百':
			mult = 100
		case '千':
			mult = 1000
		}
		if cur == 0 {
			if mult != 10 {
				return 0, false
			}
			cur = 1 // 十二
		}
		total += cur * mult
		cur, digit = 0, false
	}
	return total + cur, true
}

var zeroMarkers = [...]string{"未收到", "未接到", "没有收到", "未发生", "未出现", "没有发生"}

var notApplications = []string{"建议", "提案", "咨询", "投诉", "举报", "信访", "来信"}

// parseZero finds 未收到…申请 and 未发生…行政复议/行政诉讼 in a clause.
func parseZero(part, cl string, out []statement) []statement {
	// next[k] is where zeroMarkers[k] next occurs at or after off (-1: no
	// more), searched again only once passed, so that the scan stays linear.
	var next [len(zeroMarkers)]int
	for k, m := range zeroMarkers {
		next[k] = strings.Index(cl, m)
	}
	for off := 0; off < len(cl); {
		i, mlen := -1, 0
		for k, m := range zeroMarkers {
			if next[k] >= 0 && next[k] < off {
				if j := strings.Index(cl[off:], m); j >= 0 {
					next[k] = off + j
				} else {
					next[k] = -1
				}
			}
			if next[k] >= 0 && (i < 0 || next[k] < i) {
				i, mlen = next[k], len(m)
			}
		}
		if i < 0 {
			break
		}
		rest := firstRunes(cl[i+mlen:], figureWindow)
		off = i + mlen
		// The claim runs to the next marker.
		for _, m := range zeroMarkers {
			if j := strings.Index(rest, m); j >= 0 {
				rest = rest[:j]
			}
		}
		add := func(k stmtKind) { out = append(out, statement{kind: k, part: part, quote: quote(cl)}) }
		review, suit := strings.Contains(rest, "复议"), strings.Contains(rest, "诉讼")
		if review {
			add(stNoReview)
		}
		if suit {
			add(stNoSuit)
		}
		if !review && !suit && containsAny(rest, asksWords) && !containsAny(rest, notApplications) && !oneWayOnly(rest) {
			add(stNoNew)
		}
	}
	return out
}

// channelWords name a way of applying (通过邮件、信函等方式, 当面). A
// 未收到 claim that names one says that no application came that way (the
// seed: 未收到申请人通过邮件、信函等方式提交的…请求), nothing of those that
// came another way; allWays make it every way again (通过任何方式).
var (
	channelWords = []string{"通过", "方式", "渠道", "途径", "形式", "邮件", "信函", "邮寄", "传真", "当面", "现场", "网上", "网络", "在线", "电话"}
	allWays      = []string{"任何", "所有", "一切", "各种", "各类", "全部"}
)

// oneWayOnly reports whether the words of a 未收到 claim before its 申请
// (or 请求; 申请人 is who applies) restrict it to some ways of applying.
func oneWayOnly(rest string) bool {
	end := len(rest)
	for _, w := range asksWords {
		for off := 0; off < end; {
			i := strings.Index(rest[off:], w)
			if i < 0 {
				break
			}
			i += off
			if !strings.HasPrefix(rest[i+len(w):], "人") {
				end = min(end, i)
				break
			}
			off = i + len(w)
		}
	}
	return containsAny(rest[:end], channelWords) && !containsAny(rest[:end], allWays)
}

var doneWords = []string{"办结", "办理完毕"}

var notAllApplications = []string{"结转", "除", "建议", "提案", "议案", "工单", "咨询", "来信", "信件", "投诉", "举报"}

// parseAllDone finds 均已按时办结 / 全部办结 in a sentence about
// applications (not in one about 建议提案, and not 除…结转…外均已办结).
func parseAllDone(part, sent string, out []statement) []statement {
	if !strings.Contains(sent, "申请") || !containsAny(sent, doneWords) || containsAny(sent, notAllApplications) {
		return out
	}
	for _, w := range doneWords {
		for off := 0; ; {
			i := strings.Index(sent[off:], w)
			if i < 0 {
				break
			}
			i += off
			off = i + len(w)
			win := lastRunes(sent[:i], 10)
			j, alen := strings.LastIndex(win, "均"), len("均")
			if k := strings.LastIndex(win, "全部"); k > j {
				j, alen = k, len("全部")
			}
			if j < 0 || strings.ContainsAny(win[j+alen:], "未没不") {
				continue
			}
			if r, _ := utf8.DecodeLastRuneInString(win[:j]); r == '未' || r == '尚' || r == '不' {
				continue
			}
			return append(out, statement{kind: stAllDone, part: part, quote: quote(sent)})
		}
	}
	return out
}

// figureWindow is how many runes around a figure or a claim are read.
const figureWindow = 40

// firstRunes is s cut after n runes.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// lastRunes is the last n runes of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// quote shortens a clause for a message to at most 60 runes, in time
// independent of the clause's length.
func quote(s string) string {
	s = strings.TrimSpace(s)
	if t := firstRunes(s, 60); len(t) == len(s) {
		return s
	}
	return firstRunes(s, 59) + "…"
}
