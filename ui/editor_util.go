package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// dw is the display width of s (styles ignored), with ambiguous-width
// characters counted as 1, as the renderer does.
func dw(s string) int { return ansi.StringWidth(s) }

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

// fitLines splits s into exactly h lines of at most w columns.
func fitLines(s string, w, h int) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = cut(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// onScreen shows an official label on screen: its “ ” are of ambiguous
// width and drawn 2 wide by some terminals, so they become 「」 (exports keep
// the official text).
var onScreen = strings.NewReplacer("“", "「", "”", "」").Replace

// wrapWidth breaks s into lines of at most w columns, keeping words of
// Latin text whole where it can and breaking Chinese anywhere.
func wrapWidth(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		out = append(out, strings.Split(ansi.Wrap(para, w, ""), "\n")...)
	}
	return out
}
