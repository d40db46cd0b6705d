package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// A dialog renders as a box drawn with plain ASCII (+ - |), centred in the
// area it is given: the box characters of lipgloss's normal border (│ ─) are
// of ambiguous width and drawn two columns wide by some Chinese terminals.

// box is a laid-out dialog box: its lines and where it sits in its area, so
// that a dialog can place the real cursor inside it.
type box struct {
	lines     []string
	left, top int // offset of the box's top-left corner in the area
}

// boxPadX is the space between the border and the text on each side.
const boxPadX = 2

// layoutBox frames body (lines that may carry ANSI styles) under title,
// inner width innerW columns (clamped to the area), centred in w×h. Lines
// longer than the box are truncated; when the area is too low for every
// line, the last lines give way, so keep what matters (help, errors) near
// the top or make the body short.
func layoutBox(w, h int, title string, body []string, innerW int) box {
	maxInner := w - 2 - 2*boxPadX
	if innerW > maxInner {
		innerW = maxInner
	}
	if innerW < 10 {
		innerW = 10
	}
	if maxBody := h - 4; len(body) > maxBody && maxBody > 0 {
		body = body[:maxBody]
	}
	full := innerW + 2*boxPadX
	var lines []string
	top := "+" + strings.Repeat("-", full) + "+"
	if title != "" {
		t := " " + ansi.Truncate(title, full-4, "...") + " "
		top = "+-" + t + strings.Repeat("-", max(0, full-1-dw(t))) + "+"
	}
	lines = append(lines, top)
	pad := strings.Repeat(" ", boxPadX)
	blank := "|" + strings.Repeat(" ", full) + "|"
	lines = append(lines, blank)
	for _, l := range body {
		l = ansi.Truncate(l, innerW, "")
		lines = append(lines, "|"+pad+l+strings.Repeat(" ", innerW-dw(l))+pad+"|")
	}
	lines = append(lines, blank)
	lines = append(lines, "+"+strings.Repeat("-", full)+"+")
	b := box{lines: lines}
	b.left = max(0, (w-(full+2))/2)
	b.top = max(0, (h-len(lines))/2)
	return b
}

// render places the box in a w×h area of blanks.
func (b box) render(w, h int) string {
	out := make([]string, 0, h)
	for range b.top {
		out = append(out, "")
	}
	indent := strings.Repeat(" ", b.left)
	for _, l := range b.lines {
		out = append(out, indent+l)
	}
	for len(out) < h {
		out = append(out, "")
	}
	return strings.Join(out[:min(len(out), max(h, 1))], "\n")
}

// cursorAt converts a position inside the body (line index, column) to a
// cursor in the area.
func (b box) cursorAt(line, col int) *tea.Cursor {
	return tea.NewCursor(b.left+1+boxPadX+col, b.top+2+line)
}

// confirmDialog asks a yes/no question. Enter answers the highlighted button
// (确定 at first), Esc is always 取消, ←/→ move between the buttons.
type confirmDialog struct {
	*shared
	question string
	yes      tea.Cmd
	ask      yesNo
	b        box
}

// newConfirmDialog asks question; on 确定 it closes and then runs yes (so
// that yes's result reaches the screen below).
func newConfirmDialog(sh *shared, question string, yes tea.Cmd) screen {
	return &confirmDialog{shared: sh, question: question, yes: yes}
}

// newCautiousDialog asks a question whose 确定 loses something (quitting
// drops a half-typed entry): Enter answers 取消 until the officer moves to
// 确定.
func newCautiousDialog(sh *shared, question string, yes tea.Cmd) screen {
	return &confirmDialog{shared: sh, question: question, yes: yes, ask: yesNo{no: true}}
}

func (d *confirmDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return d, nil
	}
	switch d.ask.key(&d.steps, k) {
	case answerNo:
		return d, send(popDialogMsg{})
	case answerYes:
		if d.yes == nil {
			return d, send(popDialogMsg{})
		}
		return d, tea.Sequence(send(popDialogMsg{}), d.yes)
	}
	return d, nil
}

func (d *confirmDialog) view(w, h int) string {
	inner := min(60, w-8)
	body := wrapWidth(d.question, inner)
	body = append(body, "", d.ask.view(d.st))
	d.b = layoutBox(w, h, txtConfirmTitle, body, max(inner, 30))
	return d.b.render(w, h)
}

// answer is what a key did to a 确定/取消 question.
type answer int

const (
	unanswered answer = iota // no answer yet (perhaps the highlight moved)
	answerYes
	answerNo
)

// yesNo is the pair of buttons [ 确定 ]  [ 取消 ] under a question, shared
// by every dialog that asks one so that all answer to the same keys: Enter
// answers the highlighted button (确定 at first), Esc is always 取消, and
// Left/Right, Tab/Shift+Tab move between the buttons.
type yesNo struct {
	no bool // the 取消 button is highlighted
}

// key reads k as an answer, or moves the highlight.
func (q *yesNo) key(sk *stepKeyMap, k tea.KeyPressMsg) answer {
	switch {
	case key.Matches(k, sk.Switch):
		q.no = !q.no
	case key.Matches(k, sk.Yes) && !q.no:
		return answerYes
	case key.Matches(k, sk.No, sk.Yes):
		return answerNo
	}
	return unanswered
}

// question is the keys of a question, for its hint and the help bar: Enter
// is named after the button it answers now (「Enter 取消」 while 取消 is
// highlighted), so the hint never says the opposite of what Enter does.
func (sk *stepKeyMap) question(q yesNo) []key.Binding {
	yes := sk.Yes
	if q.no {
		yes.SetHelp(yes.Help().Key, strConfirmNo)
	}
	return []key.Binding{yes, sk.No, sk.Switch}
}

// view draws the buttons with the highlighted one marked.
func (q yesNo) view(st *styles) string {
	yes, cancel := "[ "+strConfirmYes+" ]", "[ "+strConfirmNo+" ]"
	if q.no {
		cancel = st.Cursor.Render(cancel)
	} else {
		yes = st.Cursor.Render(yes)
	}
	return yes + "  " + cancel
}

func (d *confirmDialog) cursor() *tea.Cursor     { return nil }
func (d *confirmDialog) typing() bool            { return false }
func (d *confirmDialog) bindings() []key.Binding { return d.steps.question(d.ask) }
