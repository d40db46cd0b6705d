package model

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHasWideDigit: the byte scan says what ContainsAny says.
func FuzzHasWideDigit(f *testing.F) {
	for _, s := range []string{"", "２０２３年", "2023年", "ｂ", "\xef\xbc", "\xef\xbc\x99", "全角：９", "\xef\xbc\x8f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasWideDigit(s), strings.ContainsAny(s, "０１２３４５６７８９"); got != want {
			t.Fatalf("hasWideDigit(%q) = %v, want %v", s, got, want)
		}
	})
}

// splitClausesRunes is splitClauses as it was, rune by rune: the reference.
func splitClausesRunes(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if !isClauseSep(r) {
			continue
		}
		if r == ',' && i > 0 && i+1 < len(s) && isDigit(rune(s[i-1])) && isDigit(rune(s[i+1])) {
			continue
		}
		if i > start {
			out = append(out, s[start:i])
		}
		start = i + utf8.RuneLen(r)
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// FuzzSplitters: sentences and splitClauses, which find separators by
// their bytes, cut exactly where the rune-by-rune functions cut.
func FuzzSplitters(f *testing.F) {
	for _, s := range []string{"", "。", "本年度收到申请12件。其中，自然人1,200件；法人（企业）3件！", "“好”【注】：a,b;c?d!e\r\nf", "\xe3\x80", "\xe3\xe3\x80\x82x", "1,2,,3", "？？", "\xef\xbc\x8c\xef\xbc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := sentences(s), strings.FieldsFunc(s, isSentenceSep); !slices.Equal(got, want) {
			t.Fatalf("sentences(%q) = %q, want %q", s, got, want)
		}
		if got, want := splitClauses(s), splitClausesRunes(s); !slices.Equal(got, want) {
			t.Fatalf("splitClauses(%q) = %q, want %q", s, got, want)
		}
	})
}

// citeFold is the Replacer foldCite replaced: the reference.
var citeFold = strings.NewReplacer("〔", "", "〕", "", "[", "", "]", "", "【", "", "】", "", "（", "", "）", "",
	"(", "", ")", "", " ", "", "\u3000", "")

// FuzzFoldCite: foldCite drops exactly what the Replacer drops, whatever
// the bytes (cut sequences included).
func FuzzFoldCite(f *testing.F) {
	for _, s := range []string{"", "国办公开办函〔2019〕60号", "[2019]60号", "（2019）60 号", "【】\u3000", "\xe3\x80", "\xe3\xe3\x80\x94x", "\xef\xbc\x88\xef\xbc", "《条例》 (2021) 30号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(foldCite(nil, s)), citeFold.Replace(s); got != want {
			t.Fatalf("foldCite(%q) = %q, want %q", s, got, want)
		}
	})
}

// nearestKeywordSearch is nearestKeyword as it was, one search per
// keyword: the reference.
func nearestKeywordSearch(s string) (kind stmtKind, start, end int, ok bool) {
	best := -1
	for _, kw := range figureKeywords {
		i := strings.LastIndex(s, kw.s)
		if i < 0 {
			continue
		}
		e := i + len(kw.s)
		if e > best || e == best && i < start {
			best, start, end, kind = e, i, e, kw.kind
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

// FuzzNearestKeyword: the look back finds what one search per keyword
// found, whatever the bytes.
func FuzzNearestKeyword(f *testing.F) {
	for _, s := range []string{"", "本年度共收到政府信息公开申请", "上一年度结转", "2022年结转", "本年度结转", "受理行政复议和行政诉讼", "收到\xe6\x94", "\xb6收到", "接收到新收", "去年结转结转"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k1, s1, e1, ok1 := nearestKeyword(s)
		k2, s2, e2, ok2 := nearestKeywordSearch(s)
		if k1 != k2 || s1 != s2 || e1 != e2 || ok1 != ok2 {
			t.Fatalf("nearestKeyword(%q) = %v %d %d %v, want %v %d %d %v", s, k1, s1, e1, ok1, k2, s2, e2, ok2)
		}
	})
}

// FuzzWordList: wordList.in is containsAny, whatever the bytes.
func FuzzWordList(f *testing.F) {
	for _, s := range []string{"", "其中自然人", "政府信息公开申请", "\xe5其中", "同比增加", "各", "\xef\xbf\xbd占"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := notTheTotalList.in(s), containsAny(s, notTheTotal); got != want {
			t.Fatalf("in(%q) = %v, want %v", s, got, want)
		}
	})
}
