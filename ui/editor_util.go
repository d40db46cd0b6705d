package ui

import (
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// dw is the display width of s (styles ignored), with ambiguous-width
// characters counted as 1, as the renderer does. Text of printable ASCII,
// CJK ideographs and full-width punctuation, with SGR styles (nearly every
// line of the screen) is measured here rune by rune; anything else (a
// combining mark, an emoji, another escape) by ansi.StringWidth's grapheme
// clusters. View measures every line of every frame.
func dw(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c == 0x1b:
			j := sgrEnd(s, i)
			if j < 0 {
				return ansi.StringWidth(s)
			}
			i = j
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !wideRune(r) {
				return ansi.StringWidth(s)
			}
			n += 2
			i += size
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// wideRune: r is two columns wide however it is measured, and forms no
// cluster with what follows unless a combining mark follows (which dw
// hands to ansi.StringWidth): a CJK ideograph, CJK punctuation or a
// full-width form.
func wideRune(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3001 && r <= 0x3029 || r >= 0xff01 && r <= 0xff60
}

// sgrEnd is the index after the SGR sequence (ESC [ params m) at s[i], or
// -1 when s[i] starts another sequence.
func sgrEnd(s string, i int) int {
	j := i + 1
	if j >= len(s) || s[j] != '[' {
		return -1
	}
	for j++; j < len(s); j++ {
		switch c := s[j]; {
		case c == 'm':
			return j + 1
		case c >= '0' && c <= '9' || c == ';' || c == ':':
		default:
			return -1
		}
	}
	return -1
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
			// The last place to break where the line, without the
			// spaces it ends with, fits. upTo is the width of
			// rs[from:j] as j steps back from i, counted down rather
			// than measured again for each j (this runs for every line
			// of every text on screen, each frame).
			bp, upTo := -1, lw
			for j := i; j > from; j-- {
				if canBreak(j) {
					t := j
					for t > from && rs[t-1] == ' ' {
						t--
					}
					if upTo-(j-t) <= w { // a space is one column wide
						bp = j
						break
					}
				}
				upTo -= runeWidth(rs[j-1])
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

// trimTail drops the blanks at the end of a line that nothing shows: plain
// ones, or ones styled only by what a blank does not show (bold, faint, a
// foreground colour, italic), padding a styled text to the width of its
// pane. Bubble Tea clears the frame each time and the renderer skips the
// blank end of a line, but not blanks that carry a style: each costs a byte
// to the terminal on every frame. Blanks under reverse video, an underline,
// a strike-through, an overline or a background stay.
func trimTail(line string) string {
	body, reset := line, ""
	for strings.HasSuffix(body, "\x1b[m") {
		body, reset = body[:len(body)-3], "\x1b[m"
	}
	t := strings.TrimRight(body, " ")
	if len(t) == len(body) {
		return line
	}
	if blankShows(t) {
		return line
	}
	return t + reset
}

// blankShows reports whether a blank written after s (which may carry
// SGR styles) would show: the style in effect at its end has reverse
// video, an underline, a strike-through, an overline or a background.
func blankShows(s string) bool {
	const (
		reverse = 1 << iota
		underline
		strike
		overline
		background
	)
	on := 0
	for i := strings.IndexByte(s, 0x1b); i >= 0; {
		j := sgrEnd(s, i)
		if j < 0 {
			j = i + 1 // another sequence: not a style
		} else {
			ps := strings.Split(s[i+2:j-1], ";")
			for p := 0; p < len(ps); p++ {
				a, _, _ := strings.Cut(ps[p], ":")
				switch a {
				case "", "0":
					on = 0
				case "7":
					on |= reverse
				case "27":
					on &^= reverse
				case "4", "21":
					on |= underline
					if ps[p] == "4:0" {
						on &^= underline
					}
				case "24":
					on &^= underline
				case "9":
					on |= strike
				case "29":
					on &^= strike
				case "53":
					on |= overline
				case "55":
					on &^= overline
				case "49":
					on &^= background
				case "38", "48", "58":
					if a == "48" {
						on |= background
					}
					if !strings.Contains(ps[p], ":") && p+1 < len(ps) {
						switch ps[p+1] {
						case "5":
							p += 2
						case "2":
							p += 4
						}
					}
				default:
					if n := len(a); n == 2 && a[0] == '4' || n == 3 && a[:2] == "10" {
						on |= background // 40–47, 100–107
					}
				}
			}
		}
		k := strings.IndexByte(s[j:], 0x1b)
		if k < 0 {
			break
		}
		i = j + k
	}
	return on != 0
}
