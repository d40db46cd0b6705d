package ui

import (
	"strings"

	"nianbao/internal/termsafe"
	"nianbao/model"
)

// The ways in and the way out of the UI for text from outside (issue 10.1).
//
// In: every key typed and every paste, into any field, passes through
// typedText or typedLine, which use the model's CleanText: no control
// character (ESC, BEL, NUL, DEL, C1 …) reaches a report, a file name or a
// path typed in a dialog.
//
// Out: the whole frame passes through termsafe.Styled in View, once: the
// frame's own colours pass, and any control byte still in what is drawn (a
// file name listed from disk, a message quoting one) is shown as \x1b
// rather than sent to the terminal.

// typedText is text as it may enter a multi-line field: \n line ends, no
// control character other than \n and \t.
func typedText(s string) string {
	c, _ := model.CleanText(s)
	return c
}

// typedLine is typedText for a one-line field (a name, a path, a figure):
// line breaks and tabs go too; a path pasted from Windows ends in "\r\n".
func typedLine(s string) string {
	s = typedText(s)
	if !strings.ContainsAny(s, "\n\t\u2028\u2029") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\t', '\u2028', '\u2029':
			return -1
		}
		return r
	}, s)
}

// drawn is a frame as it may reach the terminal.
func drawn(frame string) string { return termsafe.Styled(frame) }
