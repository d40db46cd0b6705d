package ui

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"nianbao/importer"
	"nianbao/model"
)

// frames replays a program's frames through ultraviolet's terminal
// renderer, driven as Bubble Tea v2's renderer drives it in the alternate
// screen (cursed_renderer.go, flush): each frame the cell buffer is
// cleared and the view drawn into it again, rendered, the cursor moved,
// flushed; the cursor is hidden while a frame with a visible cursor is
// written. What grows in buf is what the terminal receives: the bytes per
// frame an officer's link carries. Nothing of the renderer is copied or
// changed; this is its caller's sequence of calls.
type frames struct {
	buf        bytes.Buffer
	scr        *uv.TerminalRenderer
	cells      uv.ScreenBuffer
	lastCursor bool
	n          int // frames rendered
}

func newFrames(w, h int) *frames {
	f := &frames{}
	f.scr = uv.NewTerminalRenderer(&f.buf, []string{"TERM=xterm-256color"})
	f.scr.SetColorProfile(colorprofile.TrueColor)
	f.scr.SetFullscreen(true) // the alternate screen, as our View asks
	f.scr.SetRelativeCursor(false)
	f.scr.SetTabStops(-1)
	f.scr.SetScrollOptim(true)
	f.cells = uv.NewScreenBuffer(w, h)
	f.scr.Erase()
	return f
}

// frame writes v and returns the bytes it cost.
func (f *frames) frame(v tea.View) int {
	start := f.buf.Len()
	f.cells.Clear()
	uv.NewStyledString(v.Content).Draw(f.cells, f.cells.Bounds())
	f.scr.Render(f.cells.RenderBuffer)
	if v.Cursor != nil {
		f.scr.MoveTo(v.Cursor.X, v.Cursor.Y)
	}
	f.scr.Flush()
	n := f.buf.Len() - start
	if n > 0 && v.Cursor != nil && f.lastCursor {
		n += len(ansi.ResetModeTextCursorEnable) + len(ansi.SetModeTextCursorEnable)
	}
	f.lastCursor = v.Cursor != nil
	f.buf.Reset()
	f.n++
	return n
}

// seedReport is the seed's published report, complete: every cell of
// 三 filled, the prose of a real agency.
func seedReport(t testing.TB) *model.Report {
	t.Helper()
	res, err := importer.ImportFile(seedFile, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Report
	r.ID = testReportID
	if r.Kind == "" {
		r.Kind = model.KindCountyDept
	}
	if r.Scope == "" {
		r.Scope = model.ScopeSelf
	}
	return r
}

// keystroke is one key through the whole program: Update, View, and the
// renderer's flush; it returns the bytes sent. The key's command (a save,
// which runs beside the screen) is not run.
func keystroke(d *driver, f *frames, k tea.KeyPressMsg) int {
	d.a.Update(k)
	return f.frame(d.a.View())
}

// BenchmarkKeystrokeE2E is a keystroke as the officer feels it, through
// Update, View and Bubble Tea's renderer, on the complete seed report in
// 三: moving the cursor (Down and Up in turn), and committing a cell (a
// digit typed, outside the timer, then Enter, timed), at 120×40 and 80×24.
// The metric bytes/frame is what the terminal receives per key.
func BenchmarkKeystrokeE2E(b *testing.B) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		for _, what := range []string{"move", "commit"} {
			b.Run(fmt.Sprintf("%s/%dx%d", what, size[0], size[1]), func(b *testing.B) {
				d := newDriver(b, seedReport(b), size[0], size[1])
				e := d.ed()
				e.gotoSection(e.itemIndex(navItem{kind: secS3}))
				g := e.grids[model.S3]
				g.setAddr("s3.new.natural")
				f := newFrames(size[0], size[1])
				f.frame(d.a.View())
				down, up := tea.KeyPressMsg{Code: tea.KeyDown}, tea.KeyPressMsg{Code: tea.KeyUp}
				enter := tea.KeyPressMsg{Code: tea.KeyEnter}
				bytes, i := 0, 0
				for b.Loop() {
					i++
					switch what {
					case "move":
						k := down
						if i%20 >= 10 {
							k = up
						}
						bytes += keystroke(d, f, k)
					case "commit":
						b.StopTimer()
						if i%20 == 0 {
							g.setAddr("s3.new.natural") // back to the top of the column
						}
						digit := rune('1' + i%9)
						keystroke(d, f, tea.KeyPressMsg{Code: digit, Text: string(digit)})
						b.StartTimer()
						bytes += keystroke(d, f, enter)
					}
				}
				b.ReportMetric(float64(bytes)/float64(b.N), "bytes/frame")
			})
		}
	}
}

// BenchmarkLipglossTable is the yardstick of the keystroke: the same grid
// (三 of the seed report, its labels and figures) rendered by a lipgloss/v2
// table, in the same run. Goal: a committed cell end to end ≤ 1/8 of it.
func BenchmarkLipglossTable(b *testing.B) {
	r := seedReport(b)
	var rows [][]string
	bl := model.S3.Blocks[0]
	for _, row := range bl.Rows {
		line := []string{strings.Join(row.Path(), "·")}
		for _, c := range bl.Cols {
			v, ok := r.Get(model.S3.Addr(row.Key, c.Key))
			s := ""
			if ok {
				s = v.String()
			}
			line = append(line, s)
		}
		rows = append(rows, line)
	}
	var headers []string
	headers = append(headers, "项目")
	for _, c := range bl.Cols {
		headers = append(headers, c.Label)
	}
	sel := lipgloss.NewStyle().Reverse(true)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		t := table.New().Headers(headers...).Rows(rows...).Width(120).
			StyleFunc(func(row, col int) lipgloss.Style {
				if row == i%len(rows) && col == 1 {
					return sel
				}
				return lipgloss.NewStyle()
			})
		_ = t.String()
	}
}

// BenchmarkLongTextE2E is a character typed into 五 holding 3,300
// characters of mixed text, end to end at 120×40, with the caret at the
// text's end (where an officer writing goes on) and at its start (the
// whole text after the caret is wrapped again). The character is deleted
// again outside the timer, so the text keeps its length however many
// rounds run. Goal: ≤ 1 ms a key.
func BenchmarkLongTextE2E(b *testing.B) {
	for _, at := range []string{"end", "start"} {
		b.Run(at, func(b *testing.B) {
			r := seedReport(b)
			r.S5 = strings.Repeat("本机关全年主动公开政府信息 120 条，其中机构职能类 12 条；", 100)
			d := newDriver(b, r, 120, 40)
			e := d.ed()
			e.gotoSection(e.itemIndex(navItem{kind: secS5}))
			if at == "start" {
				e.form.cur().ta.MoveToBegin()
			}
			f := newFrames(120, 40)
			f.frame(d.a.View())
			k := tea.KeyPressMsg{Code: '甲', Text: "甲"}
			del := tea.KeyPressMsg{Code: tea.KeyBackspace}
			bytes := 0
			for b.Loop() {
				bytes += keystroke(d, f, k)
				b.StopTimer()
				keystroke(d, f, del)
				b.StartTimer()
			}
			if got := e.r.S5; len([]rune(got)) != 3300 {
				b.Fatalf("五 holds %d characters, not 3,300", len([]rune(got)))
			}
			b.ReportMetric(float64(bytes)/float64(b.N), "bytes/frame")
		})
	}
}

// wideLines is the upstream behaviour alone: 38 lines with a highlight
// moving down them, in plain ASCII or with one wide character 「中」 a
// line. The renderer (ultraviolet's paintLine) repaints a touched line
// whole when it holds a wide cell, and Bubble Tea touches every line each
// frame (charmbracelet/ultraviolet#163).
func wideLines(wide bool, sel int) string {
	var b strings.Builder
	hl := lipgloss.NewStyle().Reverse(true)
	for i := range 38 {
		line := "row " + strconv.Itoa(i) + strings.Repeat(" .", 20)
		if wide {
			line = "中" + line
		}
		if i == sel {
			line = hl.Render(line)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// BenchmarkUpstreamWideRepaint reports the bytes a frame costs with and
// without wide characters on otherwise identical screens: the day an
// upstream release stops repainting wide lines whole, the two meet, and
// BenchmarkKeystrokeE2E's bytes/frame drops with them.
func BenchmarkUpstreamWideRepaint(b *testing.B) {
	for _, wide := range []bool{false, true} {
		b.Run(map[bool]string{false: "ascii", true: "wide"}[wide], func(b *testing.B) {
			f := newFrames(120, 40)
			f.frame(tea.NewView(wideLines(wide, 0)))
			bytes, i := 0, 0
			for b.Loop() {
				i++
				bytes += f.frame(tea.NewView(wideLines(wide, i%38)))
			}
			b.ReportMetric(float64(bytes)/float64(b.N), "bytes/frame")
		})
	}
}

// TestUpstreamWideRepaint keeps the upstream behaviour in sight: a frame
// that moves a highlight costs far more bytes when the lines hold a wide
// character. When this fails, upstream has fixed it (ultraviolet#163):
// update the README's performance section with the new bytes/frame.
func TestUpstreamWideRepaint(t *testing.T) {
	cost := func(wide bool) int {
		f := newFrames(120, 40)
		f.frame(tea.NewView(wideLines(wide, 0)))
		n := 0
		for i := 1; i <= 10; i++ {
			n += f.frame(tea.NewView(wideLines(wide, i)))
		}
		return n / 10
	}
	ascii, wide := cost(false), cost(true)
	t.Logf("bytes per frame: ASCII lines %d, lines with a wide character %d", ascii, wide)
	if wide < 5*ascii {
		t.Errorf("lines with a wide character cost %d bytes a frame, ASCII %d: upstream no longer repaints them whole (ultraviolet#163 fixed?) — update the README's figures", wide, ascii)
	}
}

// TestKeystrokeBytes holds the bytes a keystroke sends to the terminal in
// 三 of the complete seed report (BenchmarkKeystrokeE2E's keys, replayed
// through the same renderer): deterministic, so a budget rather than a
// time. Most of it is upstream's (every line holding a Chinese character is
// repainted whole, TestUpstreamWideRepaint); what the program adds, blanks
// carrying a style at the ends of lines, is gone: here 6,193 bytes a
// commit and 6,220 a move at 120×40 before, 5,903 and 5,930 after.
func TestKeystrokeBytes(t *testing.T) {
	for _, tc := range []struct {
		w, h         int
		commit, move int // budgets, bytes per frame
	}{{120, 40, 6020, 6050}, {80, 24, 2670, 2700}} {
		d := newDriver(t, seedReport(t), tc.w, tc.h)
		e := d.ed()
		e.gotoSection(e.itemIndex(navItem{kind: secS3}))
		g := e.grids[model.S3]
		g.setAddr("s3.new.natural")
		f := newFrames(tc.w, tc.h)
		f.frame(d.a.View())
		commit, move := 0, 0
		for i := range 10 {
			digit := rune('1' + i%9)
			keystroke(d, f, tea.KeyPressMsg{Code: digit, Text: string(digit)})
			commit += keystroke(d, f, tea.KeyPressMsg{Code: tea.KeyEnter})
		}
		for range 10 {
			move += keystroke(d, f, tea.KeyPressMsg{Code: tea.KeyUp})
		}
		t.Logf("%dx%d: %d bytes a commit, %d a move", tc.w, tc.h, commit/10, move/10)
		if commit/10 > tc.commit || move/10 > tc.move {
			t.Errorf("%dx%d: %d bytes a commit (budget %d), %d a move (budget %d)", tc.w, tc.h, commit/10, tc.commit, move/10, tc.move)
		}
	}
}
