package ui

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"nianbao/export"
	"nianbao/model"
)

// Sections with text are forms: a column of fields (one-line text, a
// multi-line text, a choice, or 六's small grid), one focused at a time.
// Text fields are bubbles textareas with the virtual cursor off: the real
// terminal cursor is placed at the caret so an IME's candidate window
// follows it.

type fieldKind int

const (
	fLine   fieldKind = iota // one-line text (机关名称, a sub-part's title)
	fText                    // multi-line text
	fChoice                  // 机关类型, 范围: Left/Right cycle
	fGrid                    // 六's fee figures
)

type field struct {
	kind  fieldKind
	name  string
	ta    textarea.Model
	get   func(r *model.Report) string
	set   func(r *model.Report, s string) string // returns a problem, or ""
	opts  []string                               // fChoice: names
	pick  func(r *model.Report) int
	apply func(r *model.Report, i int)

	// fText is drawn by the form, not by the textarea (see drawText):
	// top is the first line shown, wrapW the width last drawn at.
	top, wrapW int

	// fresh: a one-line field just reached with its value shown
	// selected; the first character typed (or a paste) replaces the
	// value, as typing into a spreadsheet cell does, and any other key
	// starts editing it in place.
	fresh bool
	// placeholder is shown dimmed while the field is empty (落款机关:
	// the agency's name, which an empty field means).
	placeholder func(r *model.Report) string
	// validated: what is typed is valid only as a whole (the date, where
	// 2024-02-3 on the way to 2024-02-30 is another date). While the text
	// is no valid value (bad says why) the report keeps kept, the value it
	// had when the officer came to the field; the text stays in the field
	// to be corrected, the form's keys do not leave it, Esc puts kept
	// back, and any other way out (another pane, a jump) puts kept back
	// too, so the field never shows what the report does not hold.
	validated bool
	kept      string
	keptSet   bool
	bad       string
}

// restore puts the kept value back into a field holding a wrong one;
// false when it held none.
func (fl *field) restore() bool {
	if fl.bad == "" {
		return false
	}
	fl.ta.SetValue(fl.kept)
	fl.bad = ""
	return true
}

func (f *field) isText() bool { return f.kind == fLine || f.kind == fText }

type form struct {
	fields []*field
	idx    int
}

func (f *form) cur() *field { return f.fields[f.idx] }

func (f *form) focus(on bool) {
	for i, fl := range f.fields {
		if fl.isText() {
			if on && i == f.idx {
				if !fl.ta.Focused() && fl.kind == fLine && fl.ta.Value() != "" {
					fl.fresh = true
				}
				fl.ta.Focus()
			} else {
				fl.ta.Blur()
				fl.fresh = false
				fl.restore()
				fl.keptSet = false
			}
		}
	}
}

// fieldIndex is the index of the field named name (0 when none is).
func (f *form) fieldIndex(name string) int {
	for i, fl := range f.fields {
		if fl.name == name {
			return i
		}
	}
	return 0
}

// next moves to the next field; false at the last one.
func (f *form) next(e *editor) bool {
	if f.idx+1 >= len(f.fields) {
		return false
	}
	f.idx++
	f.focus(e.focus == paneMain)
	return true
}

func (f *form) prevField(e *editor) bool {
	if f.idx == 0 {
		return false
	}
	f.idx--
	f.focus(e.focus == paneMain)
	return true
}

func newTextArea(st *styles, value string, oneLine bool) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0 // counts display width; limits are the model's business
	ta.MaxHeight = 0
	ta.SetVirtualCursor(false)
	ta.SetStyles(st.textarea())
	if oneLine {
		ta.SetHeight(1)
	}
	ta.SetValue(value)
	ta.MoveToEnd() // go on where the text ends
	return ta
}

// loadForm builds the form of the section shown, from the report.
func (e *editor) loadForm() {
	e.edit = nil
	it := e.item()
	var fs []*field
	text := func(name string, get func(r *model.Report) string, set func(r *model.Report, s string)) *field {
		return &field{kind: fText, name: name, get: get, set: func(r *model.Report, s string) string {
			// The cap the store keeps (model.MaxTextChars): refused here,
			// where the officer is, not as a save that keeps failing.
			if err := model.CheckText(strTextPart, s); err != nil {
				return err.Error()
			}
			set(r, s)
			return ""
		}}
	}
	switch it.kind {
	case secCover:
		fs = append(fs,
			&field{kind: fLine, name: strFieldAgency,
				get: func(r *model.Report) string { return r.Agency },
				set: func(r *model.Report, s string) string {
					s = strings.TrimSpace(s)
					switch {
					case s == "":
						return strAgencyEmpty
					case len([]rune(s)) > maxAgency:
						return strf(strAgencyLong, maxAgency)
					}
					r.Agency = s
					return ""
				}},
			&field{kind: fLine, name: strFieldYear,
				get: func(r *model.Report) string { return strconv.Itoa(r.Year) },
				set: func(r *model.Report, s string) string {
					y, err := strconv.Atoi(model.NormalizeInput(s))
					if err != nil || y < 1000 || y > 9999 {
						return strYearBad
					}
					r.Year = y
					return ""
				}},
			&field{kind: fChoice, name: strFieldKind, opts: kindNames(),
				pick: func(r *model.Report) int {
					for i, k := range model.Kinds {
						if k == r.Kind {
							return i
						}
					}
					return len(model.Kinds) - 1
				},
				apply: func(r *model.Report, i int) { r.Kind = model.Kinds[i] }},
			&field{kind: fChoice, name: strFieldScope, opts: []string{model.ScopeSelf.Name(), model.ScopeArea.Name()},
				pick: func(r *model.Report) int {
					if r.Scope == model.ScopeArea {
						return 1
					}
					return 0
				},
				apply: func(r *model.Report, i int) { r.Scope = model.Scopes[i] }},
			// The 落款: the signing agency (empty: the agency's name at
			// printing) and the 成文日期, as the exports print them.
			&field{kind: fLine, name: strFieldSigner,
				get: func(r *model.Report) string { return r.Signer },
				set: func(r *model.Report, s string) string {
					s = strings.TrimSpace(s)
					if len([]rune(s)) > maxAgency {
						return strf(strAgencyLong, maxAgency)
					}
					r.Signer = s
					return ""
				},
				placeholder: func(r *model.Report) string { return strf(strSignerDefault, r.Agency) }},
			&field{kind: fLine, name: strFieldDate,
				get: func(r *model.Report) string { return string(r.Date) },
				set: func(r *model.Report, s string) string {
					d, err := model.ParseDate(s)
					if err != nil {
						return err.Error()
					}
					r.Date = d
					return ""
				},
				placeholder: func(*model.Report) string { return strDateEmpty }, validated: true},
			text(strFieldPreface, func(r *model.Report) string { return r.Preface }, func(r *model.Report, s string) { r.Preface = s }),
		)
	case secS1:
		fs = append(fs, text(strS1Intro, func(r *model.Report) string { return r.S1.Intro }, func(r *model.Report, s string) { r.S1.Intro = s }))
	case secPart:
		i := it.part
		fs = append(fs,
			&field{kind: fLine, name: strPartTitle,
				get: func(r *model.Report) string { return r.S1.Parts[i].Title },
				set: func(r *model.Report, s string) string { r.S1.Parts[i].Title = strings.TrimSpace(s); return "" }},
			text(strPartBody, func(r *model.Report) string { return r.S1.Parts[i].Body }, func(r *model.Report, s string) { r.S1.Parts[i].Body = s }),
		)
	case secS5:
		fs = append(fs, text(strS5Text, func(r *model.Report) string { return r.S5 }, func(r *model.Report, s string) { r.S5 = s }))
	case secS6:
		fs = append(fs, &field{kind: fGrid, name: model.S6.Title},
			text(strS6Text, func(r *model.Report) string { return r.S6 }, func(r *model.Report, s string) { r.S6 = s }))
	default:
		e.form = nil
		return
	}
	for _, f := range fs {
		if f.isText() {
			f.ta = newTextArea(e.st, f.get(e.r), f.kind == fLine)
		}
	}
	idx := 0
	if e.form != nil && e.formFor == it && e.form.idx < len(fs) {
		idx = e.form.idx
	}
	e.form = &form{fields: fs, idx: idx}
	e.formFor = it
	e.form.focus(e.focus == paneMain)
}

// maxAgency is the longest agency name accepted, in characters.
const maxAgency = 60

func kindNames() []string {
	var out []string
	for _, k := range model.Kinds {
		out = append(out, k.Name())
	}
	return out
}

// key handles a key in the form (the main pane has focus).
func (f *form) key(e *editor, k tea.KeyPressMsg) tea.Cmd {
	fl := f.cur()
	switch fl.kind {
	case fGrid:
		g := e.grids[model.S6]
		if key.Matches(k, e.keys.Down) {
			f.next(e)
			return nil
		}
		return e.gridKey(g, k)
	case fChoice:
		n := len(fl.opts)
		switch {
		case key.Matches(k, e.keys.Left), key.Matches(k, e.keys.Right):
			if e.refused() {
				return nil
			}
			i := fl.pick(e.r)
			if key.Matches(k, e.keys.Left) {
				i = (i + n - 1) % n
			} else {
				i = (i + 1) % n
			}
			e.change(e.r.Clone(), strEditCover)
			fl.apply(e.r, i)
			return e.committed(sumCover)
		case key.Matches(k, e.keys.Up), key.Matches(k, e.keys.PrevCell), key.Matches(k, e.keys.CommitUp):
			f.prevField(e)
		case key.Matches(k, e.keys.Down), key.Matches(k, e.keys.NextCell), key.Matches(k, e.keys.Commit):
			f.nextOrSection(e)
		}
		return nil
	}
	// Text fields.
	if fl.bad != "" && key.Matches(k, e.keys.NextCell, e.keys.PrevCell, e.keys.Commit, e.keys.CommitUp, e.keys.Up, e.keys.Down) {
		// What is typed cannot be saved: the field stays, with why.
		e.setMsg(e.keptMsg(fl), true)
		return nil
	}
	switch {
	case fl.kind == fText && key.Matches(k, e.keys.Up) && fl.moveLine(-1):
		return nil
	case fl.kind == fText && key.Matches(k, e.keys.Down) && fl.moveLine(1):
		return nil
	case key.Matches(k, e.keys.NextCell):
		return tea.Batch(e.flush(), f.nextOrSection(e))
	case key.Matches(k, e.keys.PrevCell):
		cmd := e.flush()
		f.prevField(e)
		return cmd
	case fl.kind == fLine && (key.Matches(k, e.keys.Commit) || key.Matches(k, e.keys.Down)):
		return tea.Batch(e.flush(), f.nextOrSection(e))
	case fl.kind == fLine && (key.Matches(k, e.keys.Up) || key.Matches(k, e.keys.CommitUp)):
		cmd := e.flush()
		f.prevField(e)
		return cmd
	}
	return e.textInput(fl, k)
}

// nextOrSection moves to the next field, or past the last one to the next
// section.
func (f *form) nextOrSection(e *editor) tea.Cmd {
	if f.next(e) {
		return nil
	}
	if e.sel+1 < len(e.items) {
		return e.gotoSection(e.sel + 1)
	}
	return nil
}

// passThrough gives other messages (the textarea's own) to the focused
// text field.
func (f *form) passThrough(msg tea.Msg) tea.Cmd {
	fl := f.cur()
	if !fl.isText() {
		return nil
	}
	var cmd tea.Cmd
	fl.ta, cmd = fl.ta.Update(msg)
	return cmd
}

// textInput feeds a message to a text field and, when the text changed,
// writes it into the report and asks the queue to save it at once, as a
// cell is saved: at most the keystrokes of the save in progress are at risk
// if the power fails. Typing is an undo step per burst; the text rules run
// when typing pauses for textIdle (or every textMaxWait of steady typing).
func (e *editor) textInput(fl *field, msg tea.Msg) tea.Cmd {
	if e.readOnly != "" {
		return e.textInputReadOnly(fl, msg)
	}
	k, isKey := msg.(tea.KeyPressMsg)
	typed := isKey && fl.kind == fText && plainText(k) && !fl.ta.HasSelection() && !fl.fresh
	var before, after string
	var unTyped func() string // the text before a typed insertion
	var cmd tea.Cmd
	row, col := fl.ta.Line(), fl.ta.Column()
	if typed {
		// A character typed into a text: inserted as the textarea's
		// Update inserts it, without the rest of its Update, which
		// wraps and renders the whole paragraph again for a view the
		// form does not use (drawText draws the text): 3–5 ms a key
		// in a text of 3,300 characters. The text before it is not
		// copied out of the textarea (a tenth of a millisecond in such
		// a text): the insertion runs from the caret's old place to its
		// new one, so taking it out again gives the text before, which
		// only a refused insertion needs (unTyped).
		fl.ta.InsertString(k.Text)
		if fl.ta.Line() == row && fl.ta.Column() == col {
			return nil // nothing inserted (the textarea's sanitiser dropped it all)
		}
		after = fl.ta.Value()
		from, to := textOffset(after, row, col), textOffset(after, fl.ta.Line(), fl.ta.Column())
		ins := after // after may be cleaned below; the offsets are into this
		unTyped = func() string { return ins[:from] + ins[to:] }
	} else {
		before = fl.ta.Value()
		if fl.fresh {
			fl.fresh = false
			if replaces(msg) {
				fl.ta.SetValue("")
			}
		}
		fl.ta, cmd = fl.ta.Update(msg)
		after = fl.ta.Value()
		if after == before {
			return cmd
		}
	}
	if fl.validated && !fl.keptSet {
		fl.kept, fl.keptSet = fl.get(e.r), true
	}
	// What enters the report is what the model accepts, however it came
	// (the textarea drops most control characters itself).
	clean := typedText(after)
	if fl.kind == fLine {
		clean = typedLine(after)
	}
	if clean != after {
		after = clean
		fl.ta.SetValue(after)
	}
	if !e.textDirty {
		e.change(e.r.Clone(), strf(strEditText, fl.name))
		e.textDirty = true
		e.textSince = e.now()
	}
	var save tea.Cmd
	if p := fl.set(e.r, after); p != "" {
		if fl.kind == fText {
			// Too long: the keystroke or paste is refused, the text
			// and the caret stay as they were.
			if unTyped != nil {
				before = unTyped()
			}
			fl.putBack(before, row, col)
		}
		e.setMsg(strf(strFieldProblem, fl.name, p), true)
		if fl.validated {
			// The report goes back to the value from before the typing
			// (not the date the first characters made), and the text
			// stays to be corrected.
			fl.bad = p
			if fl.get(e.r) != fl.kept {
				fl.set(e.r, fl.kept)
				save = e.save(strf(sumText, e.sectionName(e.item())))
			}
			e.setMsg(e.keptMsg(fl), true)
		}
	} else {
		fl.bad = ""
		e.msg = ""
		save = e.save(strf(sumText, e.sectionName(e.item())))
	}
	e.textSeq++
	if e.now().Sub(e.textSince) >= textMaxWait {
		// Typing without a pause: check now rather than when it stops
		// (the burst goes on as a new undo step).
		e.commitText()
		return tea.Batch(cmd, save)
	}
	seq := e.textSeq
	return tea.Batch(cmd, save, e.tick(textIdle, func(time.Time) tea.Msg { return textIdleMsg{seq} }))
}

// keptMsg says what is wrong with a validated field's text and that the
// report keeps the value it had.
func (e *editor) keptMsg(fl *field) string {
	return strf(strFieldKept, fl.name, strings.TrimSuffix(fl.bad, strFullStop), keptIs(fl), e.keys.Back.Help().Key)
}

// keptIs says what the report holds while a field's text is wrong:
// 「仍为原来的日期 2024年1月2日」, or that it still has none.
func keptIs(fl *field) string {
	if fl.kept == "" {
		return strKeptIsNone
	}
	return strf(strKeptIsValue, shownValue(fl))
}

// keptValue names the value a field was put back to.
func keptValue(fl *field) string {
	if fl.kept == "" {
		return strKeptNone
	}
	return strf(strKeptValue, shownValue(fl))
}

// shownValue is a validated field's kept value as the officer reads it.
func shownValue(fl *field) string {
	if d, err := model.ParseDate(fl.kept); err == nil && fl.name == strFieldDate {
		return d.Chinese()
	}
	return fl.kept
}

// textInputReadOnly gives a text field of a read-only draft file the keys
// that move the caret, and refuses any that would change the text: the
// text and the caret are put back as they were.
func (e *editor) textInputReadOnly(fl *field, msg tea.Msg) tea.Cmd {
	if fl.fresh && replaces(msg) {
		e.refused()
		return nil
	}
	before, row, col := fl.ta.Value(), fl.ta.Line(), fl.ta.Column()
	var cmd tea.Cmd
	fl.ta, cmd = fl.ta.Update(msg)
	if fl.ta.Value() == before {
		fl.fresh = false
		return cmd
	}
	fl.putBack(before, row, col)
	e.refused()
	return cmd
}

// putBack sets the field's text to s with the caret at line row, column
// col, where it was before a change that is refused (SetValue alone
// leaves the caret at the text's end). The textarea moves up by lines as
// wrapped: at most one step per character.
func (fl *field) putBack(s string, row, col int) {
	fl.ta.SetValue(s)
	for i := 0; fl.ta.Line() > row && i <= len(s); i++ {
		fl.ta.CursorUp()
	}
	fl.ta.SetCursorColumn(col)
}

// textOffset is the byte offset in s of the rune at column col of line row
// (lines split at "\n", as the textarea counts them); past a line's end
// it is the line's end.
func textOffset(s string, row, col int) int {
	off := 0
	for ; row > 0; row-- {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return len(s)
		}
		off += i + 1
	}
	for ; col > 0 && off < len(s) && s[off] != '\n'; col-- {
		_, n := utf8.DecodeRuneInString(s[off:])
		off += n
	}
	return off
}

// plainText reports whether k is text typed (a character, or an IME's
// committed text), not a key with a binding.
func plainText(k tea.KeyPressMsg) bool { return k.Text != "" && k.Mod&^tea.ModShift == 0 }

// replaces reports whether msg, arriving in a field whose value is shown
// selected, replaces the value: typed text or a paste does; a key that
// moves the caret or deletes does not.
func replaces(msg tea.Msg) bool {
	switch m := msg.(type) {
	case tea.PasteMsg:
		return true
	case tea.KeyPressMsg:
		return m.Text != "" && m.Mod&^tea.ModShift == 0
	}
	return false
}

// renderForm draws the form into w×h; it records the caret for the real
// cursor (relative to the form's corner) in cx, cy (-1 when none).
func (e *editor) renderForm(w, h int) (lines []string, cx, cy int) {
	cx, cy = -1, -1
	f := e.form
	focused := e.focus == paneMain
	// Fixed-height fields first; multi-line text takes what is left.
	fixed := 0
	nText := 0
	for _, fl := range f.fields {
		switch fl.kind {
		case fText:
			nText++
			fixed++ // its name line
		case fGrid:
			fixed += 4
		default:
			fixed++
		}
	}
	var tail []string
	if e.item().kind == secS6 {
		tail = e.feeTail(w)
	}
	extra := len(tail)
	textH := max(3, (h-fixed-extra)/max(1, nText))
	nameW := 10
	for i, fl := range f.fields {
		cur := i == f.idx
		name := fl.name
		nameSt := e.st.Bold
		if cur && focused {
			nameSt = e.st.PaneTitle
		}
		switch fl.kind {
		case fLine:
			fl.ta.SetWidth(max(10, w-nameW-1))
			val := fl.ta.View()
			switch {
			case fl.fresh && cur && focused:
				// Selected: typing replaces it.
				val = e.st.Cursor.Render(cut(fl.ta.Value(), max(10, w-nameW-2)))
			case fl.ta.Value() == "" && fl.placeholder != nil:
				val = e.st.Dim.Render(cut(fl.placeholder(e.r), max(10, w-nameW-2)))
			}
			lines = append(lines, nameSt.Render(pad(name, nameW))+" "+val)
			if cur && focused {
				if c := fl.ta.Cursor(); c != nil {
					cx, cy = nameW+1+c.X, len(lines)-1+c.Y
				}
			}
		case fChoice:
			v := fl.opts[fl.pick(e.r)]
			line := nameSt.Render(pad(name, nameW)) + " [ " + v + " ]"
			if cur && focused {
				line += "  " + e.st.Dim.Render(e.hints(e.steps.Cycle))
			}
			lines = append(lines, line)
		case fText:
			lines = append(lines, nameSt.Render(name))
			// The textarea's height is not set: drawText draws the
			// text, and SetHeight would have the textarea wrap the
			// whole paragraph again (O(length × width)) on every frame.
			if fl.ta.Width() != max(10, w) {
				fl.ta.SetWidth(max(10, w))
			}
			top := len(lines)
			tl, tx, ty := fl.drawText(max(10, w), textH, cur && focused)
			lines = append(lines, tl...)
			if ty >= 0 {
				cx, cy = tx, top+ty
			}
		case fGrid:
			lines = append(lines, nameSt.Render(name))
			g := e.grids[model.S6]
			gl, hits, gx, gy := g.render(gridView{st: e.st, sgen: e.styleGen, gen: e.gen, r: e.r, marks: e.markOf, focused: focused && cur, edit: e.editFor(model.S6)}, w, 3)
			top := len(lines)
			for _, h := range hits {
				h.y += top
				e.lay.hits = append(e.lay.hits, h)
			}
			if gx >= 0 {
				cx, cy = gx, top+gy
			}
			lines = append(lines, gl...)
		}
	}
	return append(lines, tail...), cx, cy
}

// feeTail is what prints after 六's text: the fee sentence generated from
// the three figures, as the exports print it, and what the s6.fee_text
// rule says of a text that states the figures too (they would print
// twice, or contradict the cells).
func (e *editor) feeTail(w int) []string {
	out := []string{""}
	for _, l := range wrapWidth(strS6Fees, w) { // never cut: the officer reads all of it
		out = append(out, e.st.Dim.Render(l))
	}
	s := export.FeeSentence(e.r)
	if s == "" {
		out = append(out, e.st.Dim.Render(strS6FeesNone))
	} else {
		out = append(out, wrapWidth(s, w)...)
	}
	for _, f := range e.finds {
		if f.ID != ruleFeeText {
			continue
		}
		sym, st := strSymWarning, e.st.w.Warning
		if f.Severity == model.SevError {
			sym, st = strSymError, e.st.w.Error
		}
		for _, l := range wrapWidth(sym+" "+onScreen(f.Message), w) {
			out = append(out, st.render(l))
		}
	}
	return out
}

// ruleFeeText is the id of the rule on fee figures stated in 六's text.
const ruleFeeText = "s6.fee_text"

// Multi-line text is drawn here rather than by the textarea's View: the
// textarea wraps at spaces only (its wrap is private to bubbles), so in
// mixed text like 「政府信息 120 条」 a run of Chinese after a space is
// treated as one long word and moved whole to the next line, leaving a gap
// at the end of the line. The textarea still holds the text and the caret
// (typing, deleting, IME input, paste, undo); the form wraps its lines with
// the same rule as every other text on screen (wrapStarts), places the real
// cursor on that layout, and moves Up/Down by the lines the officer sees.

// textLine is one line on screen of a text field: runes [start, end) of
// the textarea's logical line row.
type textLine struct{ row, start, end int }

// layout wraps the field's text to w columns; one column is kept free so
// the caret can stand after a full line.
func (fl *field) layout(w int) ([][]rune, []textLine) {
	ww := max(1, w-1)
	var rows [][]rune
	var out []textLine
	for i, l := range strings.Split(fl.ta.Value(), "\n") {
		rs := []rune(l)
		rows = append(rows, rs)
		starts := wrapStarts(rs, ww)
		for j, st := range starts {
			end := len(rs)
			if j+1 < len(starts) {
				end = starts[j+1]
			}
			out = append(out, textLine{row: i, start: st, end: end})
		}
	}
	return rows, out
}

// caretAt is the line on screen and the column of the textarea's caret.
func (fl *field) caretAt(rows [][]rune, tl []textLine, w int) (line, x int) {
	row, col := fl.ta.Line(), fl.ta.Column()
	for i, t := range tl {
		if t.row == row && t.start <= col {
			line = i
		}
	}
	t := tl[line]
	col = min(col, len(rows[t.row]))
	return line, min(dw(string(rows[t.row][t.start:col])), max(0, w-1))
}

// drawText draws the field in w×h, scrolled so that the caret is in view,
// and returns the caret's place (-1, -1 without caret).
func (fl *field) drawText(w, h int, caret bool) (lines []string, cx, cy int) {
	fl.wrapW = w
	rows, tl := fl.layout(w)
	cx, cy = -1, -1
	line, x := fl.caretAt(rows, tl, w)
	if caret {
		if line < fl.top {
			fl.top = line
		}
		if line >= fl.top+h {
			fl.top = line - h + 1
		}
	}
	fl.top = max(0, min(fl.top, len(tl)-h))
	for i := fl.top; i < len(tl) && i < fl.top+h; i++ {
		t := tl[i]
		lines = append(lines, strings.TrimRight(string(rows[t.row][t.start:t.end]), " "))
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	if caret && line >= fl.top && line < fl.top+h {
		cx, cy = x, line-fl.top
	}
	return lines, cx, cy
}

// moveLine moves the caret to the line above (dir -1) or below (+1) as
// drawn, keeping its column where that line is long enough; false when
// there is no such line or the field has not been drawn yet.
func (fl *field) moveLine(dir int) bool {
	if fl.wrapW == 0 {
		return false
	}
	rows, tl := fl.layout(fl.wrapW)
	line, x := fl.caretAt(rows, tl, fl.wrapW)
	to := line + dir
	if to < 0 || to >= len(tl) {
		return false
	}
	t := tl[to]
	rs := rows[t.row]
	last := t.end // the last line of a row may end with the caret after it
	if to+1 < len(tl) && tl[to+1].row == t.row {
		last = t.end - 1
	}
	col := t.start
	for col < last && dw(string(rs[t.start:col+1])) <= x {
		col++
	}
	// The textarea moves by lines of its own wrapping: step until the
	// logical line is reached (each step moves at least one of them).
	for i := 0; fl.ta.Line() < t.row && i < len(tl); i++ {
		fl.ta.CursorDown()
	}
	for i := 0; fl.ta.Line() > t.row && i < len(tl); i++ {
		fl.ta.CursorUp()
	}
	fl.ta.SetCursorColumn(col)
	return true
}
