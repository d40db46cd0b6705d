package model

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// text.year: a report made from last year's keeps last year's words. Two
// things are listed, each paragraph at most once:
//
//   - a paragraph that names year N−1 as the report's own year: it opens
//     with 「N−1年，」, or says 「N−1年度」 other than in a comparison
//     (上年/去年/与…相比), a cited report (《…》, 2023年度报告), last year's
//     problems (问题/整改) or a range of years (2022—2023年度), or gives the
//     statistics period as N−1年1月1日 … N−1年12月31日. Plans for N+1 are
//     what a report should say and are never flagged;
//   - a paragraph carried over unchanged from last year's report (until it
//     is edited). Short paragraphs without a figure (无。, 无其他需要报告的
//     事项。) may well be the same each year, and the opening paragraph is
//     boilerplate by design: neither is listed.

// Words that show a mention of N−1年度 is not the report's own year: just
// before it (a comparison, 上年…) or after it in the same sentence (a cited
// report, last year's problems, a comparison).
var (
	yearJustBefore = []string{"与", "较", "比", "自", "从", "《", "“", "对照", "针对"}
	yearBefore     = []string{"上年", "去年", "上一年", "前一年", "同比", "相比"}
	yearAfter      = []string{"报告", "年报", "相比", "同比", "持平", "比较", "以来", "问题", "整改", "指出", "》", "”"}
	yearRange      = []string{"-", "—", "－", "–", "至", "到", "~", "～", "、", "和", "及"}
)

// minCarriedRunes: a paragraph without a figure shorter than this may be the
// same every year.
const minCarriedRunes = 20

func ruleTextYear(in *checkInput, out []Finding) []Finding {
	r := in.r
	if r.Year <= 1000 || r.Year > 9999 {
		return out
	}
	last := newYearWords(r.Year - 1)
	var paras map[string]bool
	if in.text.prev != nil {
		paras = in.text.prev.paras
	}
	check := func(part, text string, carried bool) {
		// A text prev.copied lists as a whole is not listed again
		// paragraph by paragraph as carried over (its paragraphs naming
		// last year's year still are).
		if carried && in.text.prev != nil && wholeCopied(text, &in.text.prev.set) {
			carried = false
		}
		n, found := 0, 0
		for para := range strings.SplitSeq(text, "\n") {
			p := trimPara(para)
			if p == "" {
				continue
			}
			n++
			if found >= maxStatements {
				return
			}
			// "%s第 %d 段写的是 %s 年度的情况（「%s」），本报告是 %d 年度：…"
			// or "%s第 %d 段与上年报告中的一段相同（「%s」）：…", each built
			// in one allocation.
			ownYear := yearOf(p, &last)
			if !ownYear && !(carried && paras[p] && significant(p)) {
				continue
			}
			var buf [320]byte
			b := appendPartName(buf[:0], r, part)
			b = strconv.AppendInt(append(b, "第 "...), int64(n), 10)
			if ownYear {
				b = append(append(b, " 段写的是 "...), last.year...)
				b = append(append(b, " 年度的情况（「"...), quote(p)...)
				b = strconv.AppendInt(append(b, "」），本报告是 "...), int64(r.Year), 10)
				b = append(b, " 年度：请改为本年度的情况"...)
			} else {
				b = append(append(b, " 段与上年报告中的一段相同（「"...), quote(p)...)
				b = append(b, "」）：请按本年度的情况修改"...)
			}
			found++
			out = append(out, Finding{Part: part, Message: string(b)})
		}
	}
	check("preface", r.Preface, false)
	check("s1.intro", r.S1.Intro, true)
	for i, p := range r.S1.Parts {
		check(partID(i), p.Body, true)
	}
	check("s5", r.S5, true)
	check("s6", r.S6, true)
	return out
}

// significant: a paragraph whose repetition from last year is worth
// listing: one with a figure, or a long one.
func significant(p string) bool {
	for _, r := range p {
		if isDigit(r) {
			return true
		}
	}
	return utf8.RuneCountInString(p) >= minCarriedRunes
}

// yearWords are the forms of a year yearOf looks for, made once per check:
// the year itself at once, the others when a paragraph holds the year (most
// reports never name last year as their own).
type yearWords struct {
	year                  string // 2023
	nian, jan1, dec31, du string // 2023年, 2023年1月1日, 2023年12月31日, 2023年度, once complete
}

func newYearWords(y int) yearWords { return yearWords{year: strconv.Itoa(y)} }

func (w *yearWords) complete() {
	if w.nian == "" {
		s := w.year
		w.nian, w.jan1, w.dec31, w.du = s+"年", s+"年1月1日", s+"年12月31日", s+"年度"
	}
}

// yearOf reports whether paragraph p names year last (N−1, as digits) as
// the report's own year.
func yearOf(p string, last *yearWords) bool {
	if !strings.Contains(p, last.year) && !hasWideDigit(p) {
		return false // the common case, without copying
	}
	last.complete()
	p = narrowDigits(p)
	if !strings.Contains(p, last.nian) {
		return false
	}
	if rest, ok := strings.CutPrefix(p, last.nian); ok && (strings.HasPrefix(rest, "，") || strings.HasPrefix(rest, ",")) {
		return true // 2023年，本局…
	}
	if strings.Contains(p, last.jan1) && strings.Contains(p, last.dec31) {
		return true // the statistics period
	}
	word := last.du
	for off := 0; ; {
		i := strings.Index(p[off:], word)
		if i < 0 {
			return false
		}
		i += off
		off = i + len(word)
		before, after := p[:i], p[off:]
		if r, _ := utf8.DecodeLastRuneInString(before); isDigit(r) {
			continue // part of a longer number
		}
		if hasSuffixAny(strings.TrimRight(before, " "), yearRange) ||
			hasPrefixAny(after, yearRange) ||
			containsAny(lastRunes(before, 2), yearJustBefore) ||
			containsAny(lastRunes(before, 12), yearBefore) {
			continue
		}
		end := strings.IndexFunc(after, isSentenceSep)
		if end < 0 {
			end = len(after)
		}
		if containsAny(firstRunes(after[:end], 30), yearAfter) {
			continue
		}
		return true
	}
}

func hasSuffixAny(s string, xs []string) bool {
	for _, x := range xs {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, xs []string) bool {
	for _, x := range xs {
		if strings.HasPrefix(s, x) {
			return true
		}
	}
	return false
}

// narrowDigits writes full-width digits as ASCII, so that ２０２３年 reads
// as 2023年; text without them is returned as it is.
func narrowDigits(s string) string {
	if !hasWideDigit(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// hasWideDigit reports whether s holds a full-width digit (U+FF10–U+FF19,
// in UTF-8 EF BC 90–99), by its bytes: ContainsAny would decode every rune.
func hasWideDigit(s string) bool {
	for {
		i := strings.Index(s, "\xef\xbc")
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if c := s[i+2]; c >= 0x90 && c <= 0x99 {
			return true
		}
		s = s[i+2:]
	}
}
