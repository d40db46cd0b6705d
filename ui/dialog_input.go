package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// lineInput is the one-line text field of the start screen's dialogs (机关名称,
// 年度, file paths). It exists instead of bubbles' textinput because
// textinput.Cursor() counts runes, not screen columns (bubbles#906), so the
// real cursor — and with it the IME's candidate window — lands in the wrong
// place after Chinese text. Here the caret's column is the display width of
// the text before it, and the field scrolls horizontally by display width.
type lineInput struct {
	keys  *lineKeyMap
	text  []rune
	pos   int // caret, in runes
	limit int // maximum length in characters (runes); 0: none
	off   int // first rune shown (horizontal scroll)
	// fresh: the value is shown selected (the field was just reached):
	// typing or pasting replaces it, as in a spreadsheet cell; any
	// editing key keeps it and edits it in place.
	fresh bool
}

// selectAll shows a prefilled value selected, so that typing replaces it
// (a field with nothing in it has nothing to select).
func (in *lineInput) selectAll() { in.fresh = len(in.text) > 0 }

// selected reports whether the value is shown selected.
func (in *lineInput) selected() bool { return in.fresh }

func newLineInput(keys *lineKeyMap, value string, limit int) lineInput {
	in := lineInput{keys: keys, limit: limit}
	in.setValue(value)
	return in
}

func (in *lineInput) value() string { return string(in.text) }

// setValue replaces the text and puts the caret at its end.
func (in *lineInput) setValue(s string) {
	in.text = []rune(s)
	if in.limit > 0 && len(in.text) > in.limit {
		in.text = in.text[:in.limit]
	}
	in.pos = len(in.text)
	in.off = 0
}

// insert types s at the caret. Line breaks, tabs and control characters
// become nothing (typedLine): a one-line field keeps one line (a pasted
// path from Windows ends in "\r\n").
func (in *lineInput) insert(s string) {
	add := []rune(typedLine(s))
	if in.limit > 0 && len(in.text)+len(add) > in.limit {
		add = add[:max(0, in.limit-len(in.text))]
	}
	if len(add) == 0 {
		return
	}
	t := make([]rune, 0, len(in.text)+len(add))
	t = append(t, in.text[:in.pos]...)
	t = append(t, add...)
	t = append(t, in.text[in.pos:]...)
	in.text = t
	in.pos += len(add)
}

// update handles the editing keys and paste; it reports whether the
// message was consumed, so that the dialog can treat the rest (Enter, Tab,
// Esc, arrows up and down) itself.
func (in *lineInput) update(msg tea.Msg) bool {
	if in.fresh {
		in.fresh = false
		if replaces(msg) {
			in.text, in.pos, in.off = nil, 0, 0
		}
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		// Only the first line of a multi-line paste: the rest cannot be
		// part of a name or a path.
		c := strings.ReplaceAll(msg.Content, "\r\n", "\n")
		if i := strings.IndexByte(c, '\n'); i >= 0 {
			c = c[:i]
		}
		in.insert(c)
		return true
	case tea.KeyPressMsg:
		lineKeys := in.keys
		switch {
		case key.Matches(msg, lineKeys.Left):
			if in.pos > 0 {
				in.pos--
			}
		case key.Matches(msg, lineKeys.Right):
			if in.pos < len(in.text) {
				in.pos++
			}
		case key.Matches(msg, lineKeys.Home):
			in.pos = 0
		case key.Matches(msg, lineKeys.End):
			in.pos = len(in.text)
		case key.Matches(msg, lineKeys.Backspace):
			if in.pos > 0 {
				in.text = append(in.text[:in.pos-1], in.text[in.pos:]...)
				in.pos--
			}
		case key.Matches(msg, lineKeys.Delete):
			if in.pos < len(in.text) {
				in.text = append(in.text[:in.pos], in.text[in.pos+1:]...)
			}
		case key.Matches(msg, lineKeys.KillBefore):
			in.text = append([]rune(nil), in.text[in.pos:]...)
			in.pos = 0
		case key.Matches(msg, lineKeys.KillAfter):
			in.text = in.text[:in.pos]
		default:
			if msg.Text == "" || msg.Mod.Contains(tea.ModCtrl) || msg.Mod.Contains(tea.ModAlt) {
				return false
			}
			in.insert(msg.Text)
		}
		return true
	}
	return false
}

// render shows the field in w columns and returns the caret's column in
// that rendering. The visible window follows the caret; the caret may sit
// one column past the last character.
func (in *lineInput) render(w int) (string, int) {
	if w < 2 {
		w = 2
	}
	if in.off > in.pos {
		in.off = in.pos
	}
	// Scroll right until the text from off to the caret, plus the caret
	// cell, fits.
	for in.off < in.pos && dw(string(in.text[in.off:in.pos]))+1 > w {
		in.off++
	}
	var b strings.Builder
	used := 0
	for _, r := range in.text[in.off:] {
		rw := dw(string(r))
		if used+rw > w {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return b.String(), dw(string(in.text[in.off:in.pos]))
}

// copyLine is what Ctrl+C copies from a dialog's focused one-line field.
func copyLine(name string, in *lineInput) (text, what string) {
	t := in.value()
	return t, strf(strCopyLine, name, len([]rune(t)))
}
