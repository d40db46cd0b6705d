package ui

import (
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"nianbao/model"
	"nianbao/store"
)

// breakBalance types figures into 三's 自然人 column so that
// new + carried ≠ handled + forward (3 + 1 ≠ 2 + 1).
func breakBalance(d *driver) {
	e := d.ed()
	e.grids[model.S3].setAddr("s3.new.natural")
	d.keys("3", "enter")
	e.grids[model.S3].setAddr("s3.carried.natural")
	d.keys("1", "enter")
	e.grids[model.S3].setAddr("s3.granted.natural")
	d.keys("2", "enter")
	e.grids[model.S3].setAddr("s3.forward.natural")
	d.keys("1", "enter")
	// Fill the other result rows of the column with 0 so 总计 is complete.
	for _, c := range model.S3.Inputs() {
		if c.ColSpec().Key == "natural" {
			if _, ok := d.ed().r.Get(c.Addr); !ok {
				_ = d.ed().r.Set(c.Addr, 0)
			}
		}
	}
	d.ed().runChecks()
	e.grids[model.S3].setAddr("s3.new.natural")
}

func TestEditorBalanceErrorShownAndFixed(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	breakBalance(d)
	if got := d.cell("s3.new.natural"); got != "3" {
		t.Fatalf("s3.new.natural = %q", got)
	}
	d.wantScreen("错误 1", "! 三、自然人列：新收 3 + 上年结转 1 = 4，办理结果 2 + 结转下年度 1 = 3，办理结果与结转少 1 件", "3!")
	// The list marks 三 with the error.
	if !regexpLine(d.screen(), `^>三、依申请公开 +!1\|`) {
		t.Fatalf("list does not mark 三 with its error:\n%s", d.screen())
	}
	// Fix it: F2 on forward, type 2.
	d.ed().grids[model.S3].setAddr("s3.forward.natural")
	d.keys("f2", "backspace", "2", "enter")
	if got := d.cell("s3.forward.natural"); got != "2" {
		t.Fatalf("after fix forward = %q", got)
	}
	d.wantScreen("错误 0")
	if strings.Contains(d.screen(), "相差") {
		t.Fatalf("error still shown:\n%s", d.screen())
	}
	if r := d.db.stored(testReportID); r == nil {
		t.Fatal("nothing saved")
	} else if v, _ := r.Get("s3.forward.natural"); v != model.Int(2) {
		t.Fatalf("saved forward = %s", v)
	}
}

func TestEditorBadInputShowsParserMessage(t *testing.T) {
	for _, tc := range []struct{ typed, want string }{
		{"-3", "不能填负数"},
		{"abc", "不是数字"},
		{"1.5", "必须是整数"},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			d := newDriver(t, newTestReport(), 120, 40)
			d.keys(tc.typed, "enter")
			d.wantScreen(tc.want)
			if got := d.cell("s3.new.natural"); got != "" {
				t.Fatalf("bad input written: %q", got)
			}
			if d.ed().edit == nil {
				t.Fatal("cell closed after a bad value")
			}
			d.keys("esc")
			if d.ed().edit != nil || d.cell("s3.new.natural") != "" {
				t.Fatal("Esc did not cancel")
			}
		})
	}
}

func TestEditorFullWidthDigitsAccepted(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	d.keys("１２", "enter")
	if got := d.cell("s3.new.natural"); got != "12" {
		t.Fatalf("got %q", got)
	}
	// Enter moved down the column, as in Excel.
	if a := d.ed().grids[model.S3].addr(); a != "s3.carried.natural" {
		t.Fatalf("cursor at %s", a)
	}
}

func TestEditorWalkThroughToNextSection(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	g := d.ed().grids[model.S3]
	g.setAddr("s3.forward.other")
	d.keys("5", "enter")
	if d.ed().item().kind != secS4 {
		t.Fatalf("after the last cell of 三: section %v", d.ed().item())
	}
	d.wantScreen("四、政府信息公开行政复议、行政诉讼情况", "结果维持")
	// Tab skips computed cells: from review.pending to suit_direct.upheld.
	g4 := d.ed().grids[model.S4]
	g4.setAddr("s4.review.pending")
	d.keys("tab")
	if a := g4.addr(); a != "s4.suit_direct.upheld" {
		t.Fatalf("tab went to %s", a)
	}
	// Typing on a computed cell does nothing but explain.
	g4.setAddr("s4.review.total")
	d.keys("7")
	d.wantScreen(strComputed)
}

func TestEditorClearAndUndoRedo(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	d.keys("4", "enter", "up", "delete")
	if d.cell("s3.new.natural") != "" {
		t.Fatal("Delete did not clear")
	}
	d.keys("ctrl+z")
	if d.cell("s3.new.natural") != "4" {
		t.Fatal("undo of clear failed")
	}
	d.keys("ctrl+z")
	if d.cell("s3.new.natural") != "" {
		t.Fatal("undo of edit failed")
	}
	d.keys("ctrl+y", "ctrl+y")
	if d.cell("s3.new.natural") != "" {
		t.Fatal("redo of clear failed")
	}
	d.keys("ctrl+z")
	if d.cell("s3.new.natural") != "4" {
		t.Fatal("undo after redo failed")
	}
}

func TestEditorUndoDepth(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	for i := 0; i < 120; i++ {
		e.grids[model.S3].setAddr("s3.new.natural")
		d.keys(itoa(i+1), "enter")
	}
	for i := 0; i < 119; i++ {
		d.keys("ctrl+z")
	}
	if got := d.cell("s3.new.natural"); got != "1" {
		t.Fatalf("after 119 undos: %q", got)
	}
}

func TestEditorFillZeroAfterConfirm(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	d.keys("9", "enter")
	d.keys("ctrl+o")
	d.wantScreen("143 个单元格都填为 0")
	d.keys("esc")
	if d.cell("s3.carried.natural") != "" {
		t.Fatal("filled without confirmation")
	}
	d.keys("ctrl+o", "enter")
	f, tot := d.ed().r.FilledCount(model.S3)
	if f != tot || d.cell("s3.new.natural") != "9" || d.cell("s3.forward.other") != "0" {
		t.Fatalf("fill: %d/%d new=%s", f, tot, d.cell("s3.new.natural"))
	}
	d.keys("ctrl+z")
	if f, _ := d.ed().r.FilledCount(model.S3); f != 1 {
		t.Fatalf("one undo should revert the fill, filled %d", f)
	}
}

func TestEditorPasteBlock(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	// Two rows of 三 copied with their labels and the 总计 column.
	block := "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t4\r\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t2\r\n"
	d.send(tea.PasteMsg{Content: block})
	if d.cell("s3.new.natural") != "3" || d.cell("s3.new.business") != "1" || d.cell("s3.carried.natural") != "1" {
		t.Fatalf("paste not written: %s %s %s", d.cell("s3.new.natural"), d.cell("s3.new.business"), d.cell("s3.carried.natural"))
	}
	d.wantScreen("已粘贴 12 个数字", "粘贴的总计与计算不符")
	// The difference stays listed in the findings as a note on the total.
	d.wantScreen("? 粘贴的「表三 二、上年结转政府信息公开申请数量/总计」为 2，按各项计算为 1")
	if n := d.ed().r.Notes; len(n) != 1 || n[0].Cells[0] != "s3.carried.total" {
		t.Fatalf("notes %+v", n)
	}
	d.keys("ctrl+z")
	if f, _ := d.ed().r.FilledCount(nil); f != 0 {
		t.Fatalf("undo left %d cells", f)
	}
}

func TestEditorPasteRejectsAndWritesNothing(t *testing.T) {
	for _, tc := range []struct{ name, block, want string }{
		{"bad value", "1\t2\tx3\n", "「表三 一、本年新收政府信息公开申请数量/科研机构」中的「x3」"},
		{"too wide", "1\t2\t3\t4\t5\t6\t7\t8\n", "粘贴的内容有 8 列"},
		{"negative", "1\t-2\n", "不能填负数"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDriver(t, newTestReport(), 120, 40)
			d.send(tea.PasteMsg{Content: tc.block})
			if m := d.ed().msg; !strings.Contains(m, tc.want) || !strings.Contains(m, "没有写入任何数字") {
				t.Fatalf("message %q", m)
			}
			if f, _ := d.ed().r.FilledCount(nil); f != 0 {
				t.Fatalf("%d cells written", f)
			}
		})
	}
}

func TestEditorPasteS4OfficialRow(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	e.sel = e.itemIndex(navItem{kind: secS4})
	e.loadForm()
	d.send(tea.PasteMsg{Content: "件数\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t2\t0\t0\t0\t2\n"})
	if d.cell("s4.review.upheld") != "1" || d.cell("s4.suit_after.upheld") != "2" {
		t.Fatalf("四 row not spread: %s %s", d.cell("s4.review.upheld"), d.cell("s4.suit_after.upheld"))
	}
	d.wantScreen("已粘贴 12 个数字", "粘贴的总计与计算一致")
}

func TestEditorFindingsPanelAndF8(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	breakBalance(d)
	d.ed().grids[model.S3].setAddr("s3.granted.business")
	d.keys("f6")
	if d.ed().focus != paneFinds {
		t.Fatalf("focus %v", d.ed().focus)
	}
	d.keys("enter")
	if d.ed().focus != paneMain || d.ed().grids[model.S3].addr() != "s3.new.natural" {
		t.Fatalf("Enter on the finding: focus %v at %s", d.ed().focus, d.ed().grids[model.S3].addr())
	}
	// F8 from the cover page lands on the error first.
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secCover}))
	d.keys("f8")
	if e.item().kind != secS3 || e.grids[model.S3].addr() != "s3.new.natural" {
		t.Fatalf("F8 went to %v %s", e.item(), e.grids[model.S3].addr())
	}
	d.wantScreen("第 1/")
	d.keys("f8")
	if e.item().kind != secS2 {
		t.Fatalf("second F8 (missing in 二) went to %v", e.item())
	}
	d.keys("shift+f8")
	if e.item().kind != secS3 {
		t.Fatalf("Shift+F8 went to %v", e.item())
	}
}

func TestEditorTextChineseAndIMECursor(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 0}))
	d.keys("tab") // title -> body
	d.keys("本机关主动公开信息")
	d.send(textIdleMsg{seq: e.textSeq})
	if got := e.r.S1.Parts[0].Body; got != "本机关主动公开信息" {
		t.Fatalf("body %q", got)
	}
	// The real cursor sits right after the 9 ideographs (18 columns).
	if c := d.a.View().Cursor; c == nil {
		t.Fatal("no real cursor while typing")
	} else if c.X != e.lay.mainX+18 {
		t.Fatalf("cursor x %d, want %d", c.X, e.lay.mainX+18)
	}
	if got := d.db.stored(testReportID).S1.Parts[0].Body; got != "本机关主动公开信息" {
		t.Fatalf("saved body %q", got)
	}
	// Paste from Word with \r\n.
	d.send(tea.PasteMsg{Content: "第一段\r\n第二段"})
	d.send(textIdleMsg{seq: e.textSeq})
	if got := e.r.S1.Parts[0].Body; got != "本机关主动公开信息第一段\n第二段" {
		t.Fatalf("after paste %q", got)
	}
	// One undo step per burst of typing.
	d.keys("ctrl+z")
	if got := e.r.S1.Parts[0].Body; got != "本机关主动公开信息" {
		t.Fatalf("after undo %q", got)
	}
	// ? is text here, not help.
	d.keys("?")
	if len(d.a.dialogs) != 0 {
		t.Fatal("? opened help while typing")
	}
}

func TestEditorPartsAddMoveDelete(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 4}))
	d.keys("ctrl+t")
	d.keys("工作考核")
	d.send(textIdleMsg{seq: e.textSeq})
	if n := len(e.r.S1.Parts); n != 6 || e.r.S1.Parts[5].Title != "工作考核" {
		t.Fatalf("parts %d %+v", n, e.r.S1.Parts)
	}
	d.wantScreen("（六）工作考核")
	d.keys("ctrl+up")
	if e.r.S1.Parts[4].Title != "工作考核" || e.item().part != 4 {
		t.Fatalf("move up: %+v", e.r.S1.Parts)
	}
	d.keys("ctrl+d")
	d.wantScreen("删除小节 （五）「工作考核」")
	d.keys("enter")
	if n := len(e.r.S1.Parts); n != 5 || e.r.S1.Parts[4].Title != "监督保障" {
		t.Fatalf("delete: %+v", e.r.S1.Parts)
	}
	d.keys("ctrl+z")
	if len(e.r.S1.Parts) != 6 {
		t.Fatal("undo of delete failed")
	}
}

func TestEditorCoverFields(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secCover}))
	d.keys("end", "（试）")
	d.send(textIdleMsg{seq: e.textSeq})
	if e.r.Agency != "北京市密云区科学技术委员会（试）" {
		t.Fatalf("agency %q", e.r.Agency)
	}
	d.keys("enter", "backspace", "backspace", "backspace", "backspace", "20x4")
	d.wantScreen(strYearBad)
	if e.r.Year != 2023 {
		t.Fatalf("bad year written: %d", e.r.Year)
	}
	d.keys("backspace", "backspace", "24")
	d.send(textIdleMsg{seq: e.textSeq})
	if e.r.Year != 2024 {
		t.Fatalf("year %d", e.r.Year)
	}
	d.keys("enter", "right")
	if e.r.Kind == model.KindCountyDept {
		t.Fatal("kind did not change")
	}
}

func TestEditorS6FeeSentence(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS6}))
	d.keys("2", "enter", "100", "enter", "50.5", "enter")
	d.wantScreen("本年度发出收费通知2件，总金额100元，实际收取总金额50.5元。")
	if e.form.cur().kind != fText {
		t.Fatal("after the last fee figure the text of 六 should have focus")
	}
}

func TestAutosaveFailureShownRetriedAndQuitAsks(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	d.db.fail = errors.New("磁盘已满")
	d.keys("5", "enter")
	d.wantScreen("保存失败：磁盘已满")
	d.keys("ctrl+q")
	if d.quit || !d.a.confirmQuit {
		t.Fatal("quit without asking after a failed save")
	}
	d.wantScreen(strQuitUnsaved)
	d.keys("esc")
	d.db.fail = nil
	d.send(retrySaveMsg{})
	d.wantScreen("已保存 14:02:33")
	if v, _ := d.db.stored(testReportID).Get("s3.new.natural"); v != model.Int(5) {
		t.Fatal("retry did not save")
	}
	d.keys("ctrl+q")
	if !d.quit {
		t.Fatal("did not quit")
	}
}

// TestWithRealStore opens a report from a real draft file, edits it, goes
// back to the start screen with Esc and finds the edit saved.
func TestWithRealStore(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "d.db"), store.Options{Now: edNow})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := newTestReport()
	if err := db.Create(r, "新建"); err != nil {
		t.Fatal(err)
	}
	a := New(testConfig(Config{Store: db, Now: edNow})).(*app)
	d := &driver{t: t, a: a}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.send(openReportMsg{id: r.ID})
	if _, ok := d.a.cur.(*editor); !ok {
		t.Fatalf("editor not open:\n%s", d.screen())
	}
	d.keys("8", "enter", "esc")
	if _, ok := d.a.cur.(*editor); ok {
		t.Fatal("Esc did not leave the editor")
	}
	got, err := db.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := got.Get("s3.new.natural"); !ok || v != model.Int(8) {
		t.Fatalf("stored %s %v", v, ok)
	}
}

func regexpLine(s, re string) bool {
	return regexp.MustCompile("(?m)" + re).MatchString(s)
}

// TestS3GridAligned: every data line of 三 has its cells at the same
// columns, the row with the ambiguous-width quotes included.
func TestS3GridAligned(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		d := newDriver(t, newTestReport(), size[0], size[1])
		e := d.ed()
		e.grids[model.S3].setAddr("s3.denied_law.natural")
		d.keys("5", "enter")
		e.grids[model.S3].setAddr("s3.denied_safety.natural")
		d.keys("7", "enter")
		e.grids[model.S3].setAddr("s3.denied_third.business")
		lines := strings.Split(d.screen(), "\n")
		found := false
		var pos []int
		for _, l := range lines {
			// At 80 columns the section list is hidden: no separator.
			main := l
			if _, m, ok := strings.Cut(l, "|"); ok {
				main = m
			}
			if strings.Contains(main, "3.危及") {
				found = true
				if strings.ContainsAny(main, "“”") {
					t.Fatalf("ambiguous quotes on screen: %q", main)
				}
			}
			pos = append(pos, dw(l))
		}
		if !found {
			t.Fatalf("%v: label row not shown:\n%s", size, d.screen())
		}
		for _, p := range pos {
			if p > size[0] {
				t.Fatalf("%v: a line is %d wide", size, p)
			}
		}
		// The 7 sits in the same column as the 5 of the row above, whose
		// label has no ambiguous-width characters.
		col := func(label, digit string) int {
			for _, l := range lines {
				if strings.Contains(l, label) && !strings.Contains(l, "表三：") {
					i := strings.Index(l, digit)
					if i < 0 {
						t.Fatalf("%v: no %s in %q", size, digit, l)
					}
					return dw(l[:i])
				}
			}
			t.Fatalf("%v: no row %s", size, label)
			return 0
		}
		if a, b := col("3.危及", "7"), col("2.其他法律", "5"); a != b {
			t.Fatalf("%v: 三 misaligned: column %d vs %d\n%s", size, a, b, d.screen())
		}
	}
}

func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		name := itoa(size[0]) + "x" + itoa(size[1])
		t.Run("s3_error_"+name, func(t *testing.T) {
			d := newDriver(t, newTestReport(), size[0], size[1])
			breakBalance(d)
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run("findings_"+name, func(t *testing.T) {
			d := newDriver(t, newTestReport(), size[0], size[1])
			breakBalance(d)
			d.keys("f6")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run("s4_"+name, func(t *testing.T) {
			// One row of 15 at 120 columns, three rows of five at 80; an
			// error (a negative figure) and a warning (五 says there were
			// no cases) marked on their cells.
			d := newDriver(t, newTestReport(), size[0], size[1])
			openS4(d)
			d.send(tea.PasteMsg{Content: "件数\t1\t0\t2\t0\t3\t0\t0\t0\t1\t1\t12\t3\t0\t0\t15\n"})
			d.ed().r.S5 = "本年度未发生行政复议、行政诉讼。"
			_ = d.ed().r.Set("s4.suit_direct.corrected", model.Int(-1)) // as imported
			d.ed().grids[model.S4].setAddr("s4.suit_direct.corrected")
			d.ed().commitText()
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run("text_"+name, func(t *testing.T) {
			d := newDriver(t, newTestReport(), size[0], size[1])
			e := d.ed()
			e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 0}))
			d.keys("tab", "本机关严格落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息 120 条，")
			d.send(tea.PasteMsg{Content: "其中机构职能类 12 条。\r\n二是加强平台建设。"})
			golden.RequireEqual(t, []byte(d.screen()))
		})
	}
}

// BenchmarkKeystrokeS3: a cursor move in 三 (Update plus View at
// 120×40) on a report with last year's beside it, so that each frame puts
// last year's value of the new cell on the line under the grid.
func BenchmarkKeystrokeS3(b *testing.B) {
	d := newDriverPrev(b, newTestReport(), lastYear(), 120, 40)
	breakBalance(d)
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	up := tea.KeyPressMsg{Code: tea.KeyUp}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := down
		if i%20 >= 10 {
			k = up
		}
		d.a.Update(k)
		_ = d.a.View()
	}
}

// BenchmarkKeystrokeS3Compare: a move in the comparison view (F9) of 三.
func BenchmarkKeystrokeS3Compare(b *testing.B) {
	d := newDriverPrev(b, thisYear(), lastYear(), 120, 40)
	d.keys("f9")
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	up := tea.KeyPressMsg{Code: tea.KeyUp}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := down
		if i%20 >= 10 {
			k = up
		}
		d.a.Update(k)
		_ = d.a.View()
	}
}

// Mixed Chinese and Latin text wraps like the rest of the screen, not at
// the last space: 「政府信息 120 条」 does not leave a gap at the end of a
// line. The real cursor follows the drawn lines, and Up/Down move by them.
func TestEditorTextWrapsMixedText(t *testing.T) {
	d := newDriver(t, newTestReport(), 80, 24)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 0}))
	d.keys("tab") // title -> body
	// The run of Chinese after "120 " does not fit on the first line: the
	// textarea would move all of it down and leave the line 14 columns short.
	text := strings.Repeat("本机关严格落实条例", 3)[:75] + "全年主动公开政府信息 120 条其中机构职能类十二条法规文件类三十条" + "，二是加强平台建设。"
	d.send(tea.PasteMsg{Content: text})
	if got := e.r.S1.Parts[0].Body; got != text {
		t.Fatalf("body %q", got)
	}
	var body []string
	lines := strings.Split(d.screen(), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "本机关") {
			body = lines[i : i+3]
			break
		}
	}
	if body == nil {
		t.Fatalf("text not shown:\n%s", d.screen())
	}
	first := strings.TrimRight(body[0], " ")
	if dw(first) < 77 || !strings.Contains(first, "120 条") {
		t.Fatalf("first line %q is %d wide: broken at the space\n%s", first, dw(first), d.screen())
	}
	if got := strings.TrimRight(body[0], " ") + strings.TrimRight(body[1], " "); got != text {
		t.Fatalf("lines %q do not make the text", body[:2])
	}
	// The caret is after the last character, on the second line.
	c := d.a.View().Cursor
	y0 := e.lay.mainY + 2 // title field, body's name
	if c == nil || c.Y != y0+1 || c.X != e.lay.mainX+dw(strings.TrimRight(body[1], " ")) {
		t.Fatalf("cursor %+v, want line %d after %q", c, y0+1, body[1])
	}
	// Up goes to the line above as drawn, at the same column; typing there
	// inserts at that place in the text.
	x := c.X - e.lay.mainX
	d.keys("up")
	c = d.a.View().Cursor
	if c == nil || c.Y != y0 || c.X-e.lay.mainX > x || c.X-e.lay.mainX < x-1 {
		t.Fatalf("after Up cursor %+v, want line %d near column %d", c, y0, x)
	}
	d.keys("甲")
	at := 0
	for w := 0; w+dw(string([]rune(text)[at])) <= c.X-e.lay.mainX; at++ {
		w += dw(string([]rune(text)[at]))
	}
	want := string([]rune(text)[:at]) + "甲" + string([]rune(text)[at:])
	if got := e.r.S1.Parts[0].Body; got != want {
		t.Fatalf("typed after Up: %q, want %q", got, want)
	}
	// Down comes back to the last line.
	d.keys("down")
	if c2 := d.a.View().Cursor; c2 == nil || c2.Y != y0+1 {
		t.Fatalf("after Down cursor %+v, want line %d", c2, y0+1)
	}
}

// The wheel over the section list changes section like Up/Down there:
// text still within the typing pause is committed and saved first.
func TestEditorWheelOnListSavesText(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secPart, part: 0}))
	d.keys("tab", "甲")
	if !e.textDirty {
		t.Fatal("typing did not start a pause")
	}
	d.screen() // lays out the frame the pointer is over
	d.send(tea.MouseWheelMsg{X: 2, Y: 5, Button: tea.MouseWheelDown})
	if e.item().kind != secPart || e.item().part != 1 {
		t.Fatalf("wheel went to %+v", e.item())
	}
	if got := d.db.stored(testReportID).S1.Parts[0].Body; got != "甲" {
		t.Fatalf("saved body %q, want 甲", got)
	}
}

// The help bar shows only keys that act where the focus is: F2 and Delete
// act on a cell of the main pane, 删除小节 on a sub-part.
func TestEditorHelpBarFollowsFocus(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	bar := func() string {
		l := strings.Split(d.screen(), "\n")
		return l[len(l)-1]
	}
	if b := bar(); !strings.Contains(b, "F2 修改") || !strings.Contains(b, "Delete 清除") {
		t.Fatalf("grid bar %q", b)
	}
	d.keys("shift+f6") // the section list
	if b := bar(); strings.Contains(b, "F2 修改") || strings.Contains(b, "Delete 清除") || !strings.Contains(b, "Ctrl+O 全部填 0") {
		t.Fatalf("list bar %q", b)
	}
	// F2 there does nothing: no cell opens.
	d.keys("f2")
	if d.ed().edit != nil {
		t.Fatal("F2 in the section list opened a cell")
	}
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS1}))
	if b := bar(); strings.Contains(b, "删除小节") || !strings.Contains(b, "Ctrl+T 添加小节") {
		t.Fatalf("一 bar %q", b)
	}
}

// A section's ✓ follows the model's missing rule: 一's opening paragraph
// may stay empty once a sub-part is written, 五 needs its text.
func TestEditorSectionDoneFollowsModel(t *testing.T) {
	r := newTestReport()
	r.S1.Parts[0].Body = "本机关主动公开信息 120 条。"
	d := newDriver(t, r, 120, 40)
	e := d.ed()
	if mark, _ := e.sectionState(navItem{kind: secS1}); mark != strSecDone {
		t.Fatalf("一 with a written sub-part: mark %q", mark)
	}
	if mark, _ := e.sectionState(navItem{kind: secS5}); mark == strSecDone {
		t.Fatal("empty 五 marked done")
	}
	r2 := newTestReport()
	e2 := newDriver(t, r2, 120, 40).ed()
	if mark, _ := e2.sectionState(navItem{kind: secS1}); mark == strSecDone {
		t.Fatal("empty 一 marked done")
	}
}

// BenchmarkKeystrokeLongText: one character typed into 五 holding 3,000
// characters of mixed text (Update plus View at 120×40): the text is
// wrapped again on every frame.
func BenchmarkKeystrokeLongText(b *testing.B) {
	r := newTestReport()
	r.S5 = strings.Repeat("本机关全年主动公开政府信息 120 条，其中机构职能类 12 条；", 100)
	d := newDriver(b, r, 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS5}))
	k := tea.KeyPressMsg{Code: '甲', Text: "甲"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.a.Update(k)
		_ = d.a.View()
	}
}

// A text part over the cap the store keeps (model.MaxTextChars) is refused
// where it is typed or pasted: the text stays as it was, nothing is saved,
// and the status says why in Chinese.
func TestEditorTextCap(t *testing.T) {
	r := newTestReport()
	r.S5 = "原有的内容。"
	d := newDriver(t, r, 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS5}))
	saves := len(d.db.saves)
	d.send(tea.PasteMsg{Content: strings.Repeat("字", model.MaxTextChars)})
	if got := e.r.S5; got != "原有的内容。" {
		t.Fatalf("text over the cap taken: %d characters", len([]rune(got)))
	}
	if len(d.db.saves) != saves {
		t.Fatal("saved a text over the cap")
	}
	d.wantScreen("太长", "最多 200000 个字")
	// Within the cap it is taken.
	d.send(tea.PasteMsg{Content: "补充一句。"})
	if !strings.Contains(e.r.S5, "补充一句。") {
		t.Fatalf("text within the cap refused: %q", e.r.S5)
	}
}

// A character typed into a text at the cap is refused wherever the caret
// is: the report and the field keep the text as it was.
func TestEditorTextCapTyped(t *testing.T) {
	full := "开头" + strings.Repeat("字", model.MaxTextChars-4) + "结尾"
	r := newTestReport()
	r.S5 = full
	d := newDriver(t, r, 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS5}))
	fl := e.form.cur()
	fl.ta.MoveToBegin()
	fl.ta.SetCursorColumn(1)
	saves := len(d.db.saves)
	d.send(tea.KeyPressMsg{Code: '甲', Text: "甲"})
	if e.r.S5 != full || fl.ta.Value() != full {
		t.Fatalf("a character typed at the cap changed the text (report %d, field %d characters)", len([]rune(e.r.S5)), len([]rune(fl.ta.Value())))
	}
	if len(d.db.saves) != saves {
		t.Fatal("saved a text over the cap")
	}
	d.wantScreen("太长")
	// One character fewer, and the same key is taken where the caret is.
	d.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	d.send(tea.KeyPressMsg{Code: '甲', Text: "甲"})
	if want := "甲头" + strings.Repeat("字", model.MaxTextChars-4) + "结尾"; e.r.S5 != want {
		t.Fatalf("after deleting one character, typing gave %q…", string([]rune(e.r.S5)[:4]))
	}
}

// Enter on a finding of 六's text (here: the text not written) goes to the
// text, not to the fee figures above it; on a fee figure's finding, to
// the figure.
func TestJumpToS6Text(t *testing.T) {
	r := newTestReport()
	r.S6 = ""
	d := newDriver(t, r, 120, 40)
	e := d.ed()
	e.focus = paneFinds
	pick := func(match func(findItem) bool) {
		t.Helper()
		for i, it := range e.fp.items {
			if match(it) {
				e.fp.sel = i
				d.keys("enter")
				return
			}
		}
		t.Fatalf("no such finding in %+v", e.fp.items)
	}
	pick(func(it findItem) bool { return it.part == "s6" && it.cell == "" })
	if e.item().kind != secS6 || e.form == nil || e.form.cur().name != strS6Text || e.focus != paneMain {
		t.Fatalf("Enter on 六's missing text went to %v, field %q", e.item().kind, e.form.cur().name)
	}
	e.focus = paneFinds
	pick(func(it findItem) bool { return strings.HasPrefix(string(it.cell), "s6.fee.") })
	if e.form.cur().kind != fGrid || !strings.HasPrefix(string(e.grids[model.S6].addr()), "s6.fee.") {
		t.Fatalf("Enter on a fee figure's finding went to field %q", e.form.cur().name)
	}
}
