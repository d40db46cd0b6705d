package ui

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/bubbles/v2/textarea"
)

// The wrapping of every text on screen (wrapStarts) counts a line's width
// down as it looks for a place to break rather than measuring each
// candidate again. wrapStartsBefore is the rule as it was written first,
// measuring each candidate afresh; the two must break every text at the
// same places.
func wrapStartsBefore(rs []rune, w int) []int {
	starts := []int{0}
	if w <= 0 {
		return starts
	}
	width := func(rs []rune) int {
		n := 0
		for _, r := range rs {
			n += runeWidth(r)
		}
		return n
	}
	canBreak := func(i int) bool { // between rs[i-1] and rs[i]
		if i <= 0 || i >= len(rs) || rs[i] == ' ' || strings.ContainsRune(noLineStart, rs[i]) {
			return false
		}
		a, b := rs[i-1], rs[i]
		return a == ' ' || runeWidth(a) == 2 || runeWidth(b) == 2
	}
	from, lw := 0, 0 // the line being filled starts at from, lw wide so far
	for i, r := range rs {
		rw := runeWidth(r)
		if r != ' ' && lw+rw > w && i > from {
			bp := -1
			for j := i; j > from; j-- {
				if canBreak(j) && width([]rune(strings.TrimRight(string(rs[from:j]), " "))) <= w {
					bp = j
					break
				}
			}
			if bp < 0 {
				bp = i // one long word: cut it
				for bp > from+1 && width(rs[from:bp]) > w {
					bp--
				}
			}
			starts = append(starts, bp)
			from, lw = bp, width(rs[bp:i])
		}
		lw += rw
	}
	return starts
}

// wrapCases mix what officers type: Chinese with closing punctuation,
// figures and Latin words, runs of spaces, a word longer than the line.
var wrapCases = []string{
	"",
	"本机关全年主动公开政府信息 120 条，其中机构职能类 12 条；",
	"政府信息公开申请   12 件，比上年增加 3 件。",
	"Supercalifragilisticexpialidocious 与 abc def ghi 一起",
	"，，，。。。“引号”（括号）",
	"     前面有空格     后面也有     ",
	"a b c d e f g h i j k l m n o p q r s t u v w x y z",
	"2025年1月20日 http://www.example.gov.cn/xxgk/2025/01/20/art_1234_5678.html 完",
}

func FuzzWrapStarts(f *testing.F) {
	for _, s := range wrapCases {
		for _, w := range []int{1, 2, 3, 7, 20, 40} {
			f.Add(s, w)
		}
	}
	f.Fuzz(func(t *testing.T, s string, w int) {
		if w > 200 || w < -1 {
			return
		}
		rs := []rune(s)
		got, want := wrapStarts(rs, w), wrapStartsBefore(rs, w)
		if !slices.Equal(got, want) {
			t.Fatalf("wrapStarts(%q, %d) = %v, the rule gives %v", s, w, got, want)
		}
	})
}

func TestWrapStartsLongText(t *testing.T) {
	s := []rune(strings.Repeat(wrapCases[1]+wrapCases[2]+wrapCases[3], 40))
	for w := 1; w <= 120; w++ {
		if got, want := wrapStarts(s, w), wrapStartsBefore(s, w); !slices.Equal(got, want) {
			t.Fatalf("width %d: %v, the rule gives %v", w, got, want)
		}
	}
}

// A character typed into a text is inserted without copying the text out
// first; the text before it is the text after with the insertion (from
// the caret's old place to its new one) taken out. FuzzTypedBefore checks
// that on the textarea itself, for any text, caret and insertion (several
// characters from an input method, a tab, a line break, control bytes).
func FuzzTypedBefore(f *testing.F) {
	f.Add("本机关全年主动公开政府信息 120 条。\n第二段", 3, 5, "甲")
	f.Add("abc", 0, 0, "政府\t信息")
	f.Add("一\n二\n三", 2, 1, "x\ny")
	f.Add("", 0, 0, "\x1b[31m红")
	f.Fuzz(func(t *testing.T, text string, row, col int, ins string) {
		if !utf8.ValidString(text) || !utf8.ValidString(ins) || len(text) > 2000 || len(ins) > 50 {
			return
		}
		ta := textarea.New()
		ta.MaxHeight = 0
		ta.CharLimit = 0
		ta.SetValue(text)
		text = ta.Value() // as the textarea keeps it
		for ta.Line() > 0 {
			ta.CursorUp()
		}
		for i := 0; i < row%50 && ta.Line() < strings.Count(text, "\n"); i++ {
			ta.CursorDown()
		}
		ta.SetCursorColumn(max(0, col%200))
		r0, c0 := ta.Line(), ta.Column()
		ta.InsertString(ins)
		if ta.Line() == r0 && ta.Column() == c0 {
			if ta.Value() != text {
				t.Fatalf("the caret did not move, yet the text changed: %q → %q", text, ta.Value())
			}
			return
		}
		after := ta.Value()
		from, to := textOffset(after, r0, c0), textOffset(after, ta.Line(), ta.Column())
		if got := after[:from] + after[to:]; got != text {
			t.Fatalf("inserting %q at %d:%d into %q: the text before is %q, taken out again %q", ins, r0, c0, text, text, got)
		}
	})
}
