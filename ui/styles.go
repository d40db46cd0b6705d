package ui

import (
	"image/color"

	"charm.land/bubbles/v2/textarea"
	"charm.land/lipgloss/v2"
)

// styles holds every lipgloss style of the program. Colours are the 16 ANSI
// colours only, so they work on the Windows console and follow the
// terminal's own palette; light and dark backgrounds differ only where a
// colour would be unreadable. Nothing relies on colour alone: errors carry
// "!", warnings "?", incomplete totals "~", the cursor is reverse video, so
// the screen still reads under NO_COLOR. Decorations use ASCII only (no
// ambiguous-width box drawing).
type styles struct {
	dark bool

	Title     lipgloss.Style
	Dim       lipgloss.Style
	Bold      lipgloss.Style
	Error     lipgloss.Style
	Warning   lipgloss.Style
	OK        lipgloss.Style
	Cursor    lipgloss.Style // the focused cell / list item in a focused pane
	CursorOff lipgloss.Style // the same when the pane has no focus
	Header    lipgloss.Style // grid column headers
	Label     lipgloss.Style // grid row labels
	Computed  lipgloss.Style
	Editing   lipgloss.Style // a cell being typed into
	Status    lipgloss.Style
	StatusErr lipgloss.Style
	HelpKey   lipgloss.Style
	HelpDesc  lipgloss.Style
	PaneTitle lipgloss.Style // title of a focused pane
	PaneOff   lipgloss.Style // title of an unfocused pane
	Dialog    lipgloss.Style // dialog box

	// w holds the one-line styles reduced to their escape codes: the
	// editor's frame uses them instead of Render (View runs after every
	// keystroke, and Render re-measures and re-wraps its text each time).
	w wraps
}

// wraps are the styles of styles as ansiWraps, for one-line text.
type wraps struct {
	Title, Dim, Bold, Error, Warning, OK, Cursor, CursorOff, Header, Label, Computed, Editing, Status, StatusErr, HelpKey, HelpDesc, PaneTitle, PaneOff ansiWrap
}

func newStyles(dark bool) styles {
	ld := lipgloss.LightDark(dark)
	var (
		red    color.Color = lipgloss.Red
		yellow             = ld(lipgloss.Color("3"), lipgloss.Color("11"))
		green  color.Color = lipgloss.Green
		blue               = ld(lipgloss.Color("4"), lipgloss.Color("12"))
	)
	s := styles{dark: dark}
	s.Title = lipgloss.NewStyle().Bold(true)
	s.Dim = lipgloss.NewStyle().Faint(true)
	s.Bold = lipgloss.NewStyle().Bold(true)
	s.Error = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.Warning = lipgloss.NewStyle().Foreground(yellow)
	s.OK = lipgloss.NewStyle().Foreground(green)
	s.Cursor = lipgloss.NewStyle().Reverse(true)
	s.CursorOff = lipgloss.NewStyle().Underline(true)
	s.Header = lipgloss.NewStyle().Bold(true)
	s.Label = lipgloss.NewStyle()
	s.Computed = lipgloss.NewStyle().Faint(true)
	s.Editing = lipgloss.NewStyle().Underline(true).Bold(true)
	s.Status = lipgloss.NewStyle()
	s.StatusErr = lipgloss.NewStyle().Foreground(red).Bold(true)
	s.HelpKey = lipgloss.NewStyle().Foreground(blue).Bold(true)
	s.HelpDesc = lipgloss.NewStyle().Faint(true)
	s.PaneTitle = lipgloss.NewStyle().Bold(true).Reverse(true)
	s.PaneOff = lipgloss.NewStyle().Bold(true)
	s.Dialog = lipgloss.NewStyle().Border(lipgloss.ASCIIBorder()).Padding(0, 1)
	s.w = wraps{
		Title:     wrapOf(s.Title),
		Dim:       wrapOf(s.Dim),
		Bold:      wrapOf(s.Bold),
		Error:     wrapOf(s.Error),
		Warning:   wrapOf(s.Warning),
		OK:        wrapOf(s.OK),
		Cursor:    wrapOf(s.Cursor),
		CursorOff: wrapOf(s.CursorOff),
		Header:    wrapOf(s.Header),
		Label:     wrapOf(s.Label),
		Computed:  wrapOf(s.Computed),
		Editing:   wrapOf(s.Editing),
		Status:    wrapOf(s.Status),
		StatusErr: wrapOf(s.StatusErr),
		HelpKey:   wrapOf(s.HelpKey),
		HelpDesc:  wrapOf(s.HelpDesc),
		PaneTitle: wrapOf(s.PaneTitle),
		PaneOff:   wrapOf(s.PaneOff),
	}
	return s
}

// textarea is the style of the text editors: the textarea's own, without
// a highlighted cursor line, placeholders dimmed.
func (s styles) textarea() textarea.Styles {
	ts := textarea.DefaultStyles(s.dark)
	ts.Focused.CursorLine = ts.Focused.Text
	ts.Focused.Placeholder = s.Dim
	ts.Blurred.Placeholder = s.Dim
	return ts
}
