package importer

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"nianbao/model"
)

const feeNum = `([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)`

var (
	feeNotices   = lazyRegexp(`(?:发出|开具|发送)?(?:信息处理费)?收费通知(?:书|单)?(?:共|的件数为|件数为|件数|数量为|数量)?\s*` + feeNum + `\s*(?:件|份|次)`)
	feeBilled    = lazyRegexp(`(?:收费通知(?:书|单)?(?:的)?)?总金额(?:为|共|共计)?\s*` + feeNum + `\s*(万)?元`)
	feeCollected = lazyRegexp(`实际(?:收取|收缴|收到)(?:信息处理费)?(?:的)?(?:总)?(?:金额)?(?:为|共|共计)?\s*` + feeNum + `\s*(万)?元`)
)

type feeHit struct {
	start, end int
	text       string
	wan        bool
}

// readFees reads the fee figures of 六 from sentences like
// 「发出收费通知0件，实际收取总金额0元」, removes the clauses that state them
// (nianbao generates that sentence from the figures) and returns the rest of
// the text. A figure the text does not state is left empty and noted.
func (a *assembler) readFees(r *model.Report, text string) string {
	cols := model.S6.Blocks[0].Cols
	found := map[string][]feeHit{}
	collect := func(key string, re *regexp.Regexp) {
		for _, m := range re.FindAllStringSubmatchIndex(text, 20) {
			h := feeHit{start: m[0], end: m[1], text: text[m[2]:m[3]]}
			if len(m) > 5 && m[4] >= 0 {
				h.wan = true
			}
			found[key] = append(found[key], h)
		}
	}
	collect("notices", feeNotices())
	collect("collected", feeCollected())
	// 实际收取总金额 also contains 总金额; those belong to collected.
	for _, m := range feeBilled().FindAllStringSubmatchIndex(text, 20) {
		before := text[:m[0]]
		if strings.HasSuffix(before, "实际收取") || strings.HasSuffix(before, "实际收取的") ||
			strings.HasSuffix(before, "实际收缴") || strings.HasSuffix(before, "实际收到") || strings.HasSuffix(before, "收取") {
			continue
		}
		h := feeHit{start: m[0], end: m[1], text: text[m[2]:m[3]], wan: m[4] >= 0}
		found["billed"] = append(found["billed"], h)
	}

	var spans [][2]int
	for _, c := range cols {
		spec, _ := model.Cell(model.S6.Addr("fee", c.Key))
		hits := found[c.Key]
		if len(hits) == 0 {
			a.cellNote([]model.CellAddr{spec.Addr}, "原文未写明%s，已留空", c.Label)
			continue
		}
		var val model.Dec
		ok := true
		for i, h := range hits {
			v, err := feeValue(spec.Unit, h)
			if err != nil {
				a.cellNote([]model.CellAddr{spec.Addr}, "六、其他需要报告的事项中的%s「%s」无法读取（%s），已留空", c.Label, h.text, err)
				ok = false
				break
			}
			if i > 0 && v != val {
				a.cellNote([]model.CellAddr{spec.Addr}, "六、其他需要报告的事项中%s出现了多次且不一致，已留空", c.Label)
				ok = false
				break
			}
			val = v
		}
		if !ok {
			continue
		}
		_ = r.Set(spec.Addr, val)
		for _, h := range hits {
			spans = append(spans, [2]int{h.start, h.end})
		}
	}
	return removeClauses(text, spans)
}

func feeValue(u model.Unit, h feeHit) (model.Dec, error) {
	if h.wan {
		v, err := model.ParseInput(model.Wan, h.text)
		if err != nil {
			return 0, err
		}
		v *= 10000
		if msg := model.RangeProblem(u, v); msg != "" {
			return 0, &model.InputError{Input: h.text, Reason: msg}
		}
		return v, nil
	}
	return model.ParseInput(u, h.text)
}

func isClauseSep(r rune) bool   { return strings.ContainsRune("，,；;", r) }
func isSentenceEnd(r rune) bool { return strings.ContainsRune("。！？!?\n", r) }
func isOpenParen(r rune) bool   { return r == '（' || r == '(' }
func isCloseParen(r rune) bool  { return r == '）' || r == ')' }

// timePhrase is what is left of a sentence like 「2023年度，发出收费通知0件，
// …」 once its fee clauses are gone: an opening phrase of time that says
// nothing by itself.
var timePhrase = lazyRegexp(`^(?:[0-9０-９]{4}年度?|本年度?|今年|全年|年内|报告期内)(?:内|中)?$`)

// removeClauses deletes the clauses (text between commas, or between a
// bracket and a comma) that contain the given spans, with one adjacent comma.
// What a sentence keeps is kept as written; a sentence left with nothing, or
// with only an opening phrase of time, goes entirely, and brackets left empty
// go too.
func removeClauses(text string, spans [][2]int) string {
	if len(spans) == 0 {
		return text
	}
	rs := []rune(text)
	// Byte offsets to rune offsets.
	idx := make([]int, 0, len(rs)+1)
	for i := range text {
		idx = append(idx, i)
	}
	idx = append(idx, len(text))
	toRune := func(b int) int { return sort.SearchInts(idx, b) }
	drop := make([]bool, len(rs))
	for _, sp := range spans {
		s, e := toRune(sp[0]), toRune(sp[1])
		for s > 0 && !isClauseSep(rs[s-1]) && !isSentenceEnd(rs[s-1]) && !isOpenParen(rs[s-1]) {
			s--
		}
		for e < len(rs) && !isClauseSep(rs[e]) && !isSentenceEnd(rs[e]) && !isCloseParen(rs[e]) {
			e++
		}
		switch {
		case s > 0 && isClauseSep(rs[s-1]):
			s-- // take the comma before
		case e < len(rs) && isClauseSep(rs[e]):
			e++ // first clause of its sentence: take the comma after
		}
		for i := s; i < e; i++ {
			drop[i] = true
		}
	}
	// Rebuild sentence by sentence; only a sentence that lost a clause is
	// tidied, so the rest of the text stays exactly as published.
	var b strings.Builder
	start := 0
	for start < len(rs) {
		end := start
		for end < len(rs) && !isSentenceEnd(rs[end]) {
			end++
		}
		if end < len(rs) {
			end++ // with its end mark
		}
		touched := false
		var kept []rune
		for i := start; i < end; i++ {
			if drop[i] {
				touched = true
			} else {
				kept = append(kept, rs[i])
			}
		}
		start = end
		if !touched {
			b.WriteString(string(kept))
			continue
		}
		sentence := strings.NewReplacer("（）", "", "()", "", "（，", "（", "(,", "(").Replace(string(kept))
		mark := ""
		if r, n := utf8.DecodeLastRuneInString(sentence); n > 0 && isSentenceEnd(r) {
			sentence, mark = sentence[:len(sentence)-n], string(r)
		}
		sentence = strings.TrimFunc(sentence, func(r rune) bool { return isClauseSep(r) || r == ' ' || r == '\u3000' })
		if sentence == "" || timePhrase().MatchString(sentence) {
			if mark == "\n" {
				b.WriteString(mark)
			}
			continue
		}
		b.WriteString(sentence + mark)
	}
	lines := strings.Split(b.String(), "\n")
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
