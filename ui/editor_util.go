package ui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// dw is the display width of s (styles ignored), with ambiguous-width
// characters counted as 1, as the renderer does.
func dw(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == 0x1b {
			return ansi.StringWidth(s)
		}
	}
	return len(s) // plain ASCII: the common case of figures
}

// ansiWrap is a style reduced to the escape codes around its text, so a
// grid of 175 cells costs a few string joins instead of 175 Render calls
// (View runs after every keystroke).
type ansiWrap struct{ pre, post string }

func wrapOf(s lipgloss.Style) ansiWrap {
	r := s.Render("\x00")
	i := strings.IndexByte(r, 0)
	if i < 0 {
		return ansiWrap{}
	}
	return ansiWrap{r[:i], r[i+1:]}
}

func (w ansiWrap) render(s string) string {
	if w.pre == "" && w.post == "" {
		return s
	}
	return w.pre + s + w.post
}

// cut truncates s (which may carry styles) to w columns, marking a cut with
// "~" (ASCII: "…" is of ambiguous width).
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if dw(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "~")
}

// pad cuts or pads s to exactly w columns.
func pad(s string, w int) string {
	s = cut(s, w)
	return s + strings.Repeat(" ", max(0, w-dw(s)))
}

// padL right-aligns s in w columns.
func padL(s string, w int) string {
	s = cut(s, w)
	return strings.Repeat(" ", max(0, w-dw(s))) + s
}

// center centres s in w columns.
func center(s string, w int) string {
	s = cut(s, w)
	l := (w - dw(s)) / 2
	return strings.Repeat(" ", l) + s + strings.Repeat(" ", max(0, w-l-dw(s)))
}

// fitLines splits s into exactly h lines. Screens draw lines of at most w
// columns themselves (measuring every line again here would double the
// cost of a frame).
func fitLines(s string, w, h int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// onScreen shows an official label on screen: its “ ” are of ambiguous
// width and drawn 2 wide by some terminals, so they become 「」 (exports keep
// the official text).
var onScreen = strings.NewReplacer(screenQuotes...).Replace

// wrapWidth breaks s into lines of at most w columns. Chinese text breaks
// between any two characters (but not before closing punctuation), Latin
// words and figures stay whole where they fit: a generic word wrapper would
// treat a run of Chinese as one long word and break at the nearest space.
func wrapWidth(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		if strings.IndexByte(para, 0x1b) >= 0 {
			out = append(out, strings.Split(ansi.Wrap(para, w, ""), "\n")...)
			continue
		}
		out = append(out, wrapPlain(para, w)...)
	}
	return out
}

var narrowCond = &runewidth.Condition{EastAsianWidth: false}

// runeWidth is narrowCond.RuneWidth with the two common cases first: a
// printable ASCII character, and a CJK ideograph or full-width punctuation,
// whose widths need no table search (wrapping a long text calls it for
// every character on every frame).
func runeWidth(r rune) int {
	switch {
	case r >= 0x20 && r < 0x7f:
		return 1
	case r >= 0x4e00 && r <= 0x9fff, r >= 0x3001 && r <= 0x3029, r >= 0xff01 && r <= 0xff60:
		return 2
	}
	return narrowCond.RuneWidth(r)
}

func wrapPlain(s string, w int) []string {
	rs := []rune(s)
	starts := wrapStarts(rs, w)
	out := make([]string, 0, len(starts))
	for i, st := range starts {
		end := len(rs)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		out = append(out, strings.TrimRight(string(rs[st:end]), " "))
	}
	return out
}

// wrapStarts is where each line of rs starts when it is wrapped to w
// columns (the first is 0). Spaces at a break stay at the end of the line
// before it, so every rune belongs to exactly one line: the text editor
// uses it to place the caret. Chinese text breaks between any two
// characters except before closing punctuation; Latin words and figures
// stay whole where they fit.
func wrapStarts(rs []rune, w int) []int {
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
