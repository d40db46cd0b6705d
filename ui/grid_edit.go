package ui

import "nianbao/model"

// cellEdit is the text being typed into a cell. It is a rune buffer with a
// caret; its screen width is measured, never its rune count, so the real
// cursor lands right after full-width input.
type cellEdit struct {
	addr   model.CellAddr
	orig   string
	text   []rune
	caret  int
	fromF2 bool // opened with F2: Enter without a change just moves on
}

func (c *cellEdit) set(s string) {
	s = typedLine(s)
	c.text, c.caret = []rune(s), len([]rune(s))
}

func (c *cellEdit) insert(s string) {
	r := []rune(typedLine(s))
	c.text = append(c.text[:c.caret], append(r, c.text[c.caret:]...)...)
	c.caret += len(r)
}

func (c *cellEdit) backspace() {
	if c.caret > 0 {
		c.text = append(c.text[:c.caret-1], c.text[c.caret:]...)
		c.caret--
	}
}

func (c *cellEdit) del() {
	if c.caret < len(c.text) {
		c.text = append(c.text[:c.caret], c.text[c.caret+1:]...)
	}
}

func (c *cellEdit) left() {
	if c.caret > 0 {
		c.caret--
	}
}

func (c *cellEdit) right() {
	if c.caret < len(c.text) {
		c.caret++
	}
}

// visible returns the part of the text that fits in w columns around the
// caret, and the caret's column in it.
func (c *cellEdit) visible(w int) (string, int) {
	start := 0
	for start < c.caret && dw(string(c.text[start:c.caret])) >= w {
		start++
	}
	end := c.caret
	for end < len(c.text) && dw(string(c.text[start:end+1])) < w {
		end++
	}
	return string(c.text[start:end]), dw(string(c.text[start:c.caret]))
}
