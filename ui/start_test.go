package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"nianbao/model"
	"nianbao/store"
)

// namedTB gives a golden file its own name (start_…, export_…), since
// golden.RequireEqual names the file after the test.
type namedTB struct {
	*testing.T
	name string
}

func (n namedTB) Name() string { return n.name }

// sizes are the terminal sizes of the golden files; the screen area is two
// lines shorter (the root draws the status and help lines below it).
var sizes = []struct{ w, h int }{{120, 40}, {80, 24}}

// area renders s as the root does: exactly h-2 lines of at most w columns,
// without styles.
func area(s screen, w, h int) string {
	return ansi.Strip(strings.Join(fitLines(s.view(w, h-2), w, h-2), "\n"))
}

func TestStartGolden(t *testing.T) {
	at := func(d, hh int) time.Time { return time.Date(2025, 1, d, hh, 5, 0, 0, time.UTC) }
	list := []store.Summary{
		{ID: "a", Agency: "北京市密云区科学技术委员会", Year: 2024, Updated: at(20, 14), Errors: 2, Warnings: 5},
		{ID: "b", Agency: "北京市密云区科学技术委员会", Year: 2023, Updated: at(3, 9), Warnings: 1},
		{ID: "c", Agency: "北京市密云区人民政府办公室（北京市密云区人民政府外事办公室、北京市密云区人民政府港澳事务办公室）", Year: 2024, Updated: at(21, 17)},
	}
	for _, tc := range []struct {
		name string
		list []store.Summary
	}{{"reports", list}, {"welcome", nil}} {
		for _, sz := range sizes {
			name := fmt.Sprintf("start_%s_%dx%d", tc.name, sz.w, sz.h)
			t.Run(name, func(t *testing.T) {
				s := newStartScreen(testShared(nil, fixedNow))
				s.update(startListMsg{list: tc.list})
				s.update(keyMsg("down"))
				golden.RequireEqual(namedTB{t, name}, area(s, sz.w, sz.h))
			})
		}
	}
	// A damaged report: the note said once at opening, the row marked in
	// words, and Enter's explanation under the list.
	bad := &store.ReportError{ID: "b", Agency: "北京市密云区科学技术委员会", Year: 2023}
	for _, sz := range sizes {
		name := fmt.Sprintf("start_damaged_%dx%d", sz.w, sz.h)
		t.Run(name, func(t *testing.T) {
			s := newStartScreen(testShared(nil, fixedNow))
			s.opening = fmt.Sprintf(txtDamagedAtOpenFmt, 1, damagedName(bad), "F5", "Delete") + txtNoBackupToday
			s.update(startListMsg{list: list, bad: []*store.ReportError{bad}})
			s.update(keyMsg("down"))
			s.update(keyMsg("enter"))
			golden.RequireEqual(namedTB{t, name}, area(s, sz.w, sz.h))
		})
	}
}

func TestStartLoadsAndOpens(t *testing.T) {
	db := openStore(t)
	r23 := addReport(t, db, "北京市密云区科学技术委员会", 2023)
	r24 := addReport(t, db, "北京市密云区科学技术委员会", 2024)
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.wantScreen("草稿文件："+db.Path(), "北京市密云区科学技术委员会", "2024", "2023", "2025-03-10 09:30")
	g.press("enter") // newest year first
	if len(g.opened) != 1 || g.opened[0] != r24.ID {
		t.Fatalf("Enter opened %v, want the 2024 report %s", g.opened, r24.ID)
	}

	// The mouse: a click selects (never opens), the wheel moves.
	lines := strings.Split(g.screenText(), "\n")
	y := -1
	for i, l := range lines {
		if strings.Contains(l, "2023") {
			y = i
		}
	}
	g.send(tea.MouseClickMsg{X: 10, Y: y, Button: tea.MouseLeft})
	if len(g.opened) != 1 {
		t.Fatal("a click opened a report")
	}
	g.press("enter")
	if g.opened[1] != r23.ID {
		t.Fatalf("click on the 2023 row, Enter opened %s", g.opened[1])
	}
	g.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	g.press("enter")
	if g.opened[2] != r24.ID {
		t.Fatal("the wheel did not move the selection up")
	}
}

func TestStartNewReport(t *testing.T) {
	db := openStore(t)
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.wantScreen("还没有报告", "> 新建报告", "导入上年的报告（Word、PDF、网页")
	g.press("enter")
	if _, ok := g.top().(*newReportForm); !ok {
		t.Fatalf("Enter on 新建报告 shows %T", g.top())
	}
	if !g.top().typing() {
		t.Fatal("the form does not say it is typing: '?' would open help instead of being typed")
	}
	agency := "北京市密云区科学技术委员会"
	g.typeText(agency)
	// The real cursor sits right after the typed text, counted in screen
	// columns (two per ideograph), so the IME window follows the caret.
	lines := strings.Split(g.screenText(), "\n") // the root draws, then asks for the cursor
	cur := g.top().cursor()
	if cur == nil {
		t.Fatal("no cursor while typing 机关名称")
	}
	line := lines[cur.Y]
	open := strings.Index(line, "[")
	if open < 0 || !strings.Contains(line, agency) {
		t.Fatalf("cursor row %d is %q, not the 机关名称 field", cur.Y, line)
	}
	if want := dw(line[:open]) + 1 + dw(agency); cur.X != want {
		t.Fatalf("cursor X = %d, want %d (after %d columns of text)", cur.X, want, dw(agency))
	}

	g.press("enter")                   // to 年度, which defaults to last year in March
	g.wantScreen("[2024  ]")           //
	g.press("ctrl+u")                  // clear it
	g.typeText("１９９９")                 // full-width digits from an IME
	g.press("enter", "enter", "enter") // 机关类型, 范围, submit
	g.wantScreen("年度应为 2008 到 2025 之间的四位数字")
	if len(g.opened) != 0 {
		t.Fatal("a report was created with year 1999")
	}
	g.press("ctrl+u")
	g.typeText("２０２３")
	g.press("enter", "enter", "enter")
	g.wantScreen("请用 Left/Right 选择机关类型")
	for range 8 { // from 未选择 to the eighth kind
		g.press("right")
	}
	g.wantScreen("< " + model.KindCountyDept.Name() + " >")
	g.press("enter", "right", "enter") // 范围: 汇总; submit
	if len(g.opened) != 1 {
		t.Fatalf("the report was not opened; screen:\n%s", g.screenText())
	}
	r, err := db.Find(agency, 2023)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != g.opened[0] || r.Kind != model.KindCountyDept || r.Scope != model.ScopeArea {
		t.Fatalf("stored %s kind %s scope %s; opened %v", r.Title(), r.Kind, r.Scope, g.opened)
	}

	// The same agency and year again: refused in place, the form stays.
	g.press("f2")
	g.typeText(agency)
	g.press("enter", "ctrl+u")
	g.typeText("2023")
	g.press("enter", "right", "enter", "enter")
	g.wantScreen("已有"+agency, "2023", "年的报告，请在开始页面直接打")
	if len(g.opened) != 1 || len(g.dialogs) != 1 {
		t.Fatalf("duplicate: opened %v, dialogs %d", g.opened, len(g.dialogs))
	}
	g.press("esc")
	if len(g.dialogs) != 0 {
		t.Fatal("Esc did not close the form")
	}
}

func TestDefaultYear(t *testing.T) {
	for _, tc := range []struct {
		month time.Month
		want  int
	}{{time.January, 2024}, {time.April, 2024}, {time.May, 2025}, {time.December, 2025}} {
		if got := defaultYear(time.Date(2025, tc.month, 15, 0, 0, 0, 0, time.UTC)); got != tc.want {
			t.Errorf("%s 2025: default year %d, want %d", tc.month, got, tc.want)
		}
	}
}

func TestStartDeleteAndTrash(t *testing.T) {
	db := openStore(t)
	addReport(t, db, "甲单位", 2024)
	r := addReport(t, db, "乙单位", 2024)
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.press("down", "delete")
	g.wantScreen("把「乙单位2024年政府信息公开工作年度报告」移到回收站？")
	g.press("esc") // changed my mind
	if l, _ := db.List(); len(l) != 2 {
		t.Fatalf("Esc still deleted: %d left", len(l))
	}
	g.press("delete", "enter")
	g.wantScreen("已移到回收站：乙单位2024年政府信息公开工作年度报告")
	if l, _ := db.List(); len(l) != 1 {
		t.Fatalf("after delete the store lists %d reports", len(l))
	}
	if strings.Contains(g.screenText(), "乙单位") && !strings.Contains(g.screenText(), "已移到回收站") {
		t.Fatal("the list was not reloaded")
	}

	g.press("f7")
	g.wantScreen("回收站", "乙单位", "2024", "2025-03-10 09:30")
	g.press("enter")
	g.wantScreen("已恢复：乙单位2024年政府信息公开工作年度报告", "回收站是空的")
	g.press("esc")
	if g.starts != 1 || len(g.dialogs) != 0 {
		t.Fatalf("closing the trash after a restore: start reloads %d, dialogs %d", g.starts, len(g.dialogs))
	}
	if _, err := db.Get(r.ID); err != nil {
		t.Fatal(err)
	}
	if l, _ := db.List(); len(l) != 2 {
		t.Fatalf("after undelete the store lists %d reports", len(l))
	}
}

func TestStartRollForward(t *testing.T) {
	db := openStore(t)
	r23 := addReport(t, db, "北京市密云区科学技术委员会", 2023)
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.press("f4")
	if len(g.opened) != 1 {
		t.Fatalf("F4 opened %v; screen:\n%s", g.opened, g.screenText())
	}
	r24, err := db.Find(r23.Agency, 2024)
	if err != nil || r24.ID != g.opened[0] {
		t.Fatalf("2024 report %v (err %v), opened %v", r24, err, g.opened)
	}
	// The list on this screen is stale (it has no 2024): the store refuses.
	g.press("f4")
	g.wantScreen("下一年度的报告已经存在")
	// A fresh list knows at once.
	g = newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.press("down", "f4") // the 2023 row
	g.wantScreen("已有北京市密云区科学技术委员会 2024 年的报告")
	if len(g.opened) != 0 {
		t.Fatal("rolled forward over an existing year")
	}
}

func TestStartLoadError(t *testing.T) {
	db := openStore(t)
	s := newStartScreen(testShared(db, fixedNow))
	s.update(startListMsg{err: errors.New("草稿文件已损坏")})
	if got := ansi.Strip(s.view(80, 20)); !strings.Contains(got, "读取失败：草稿文件已损坏") {
		t.Fatalf("load error not shown:\n%s", got)
	}
}

// Without a draft file (a misconfigured program) nothing panics: the screens
// say so.
func TestStartWithoutDraftFile(t *testing.T) {
	g := newStage(t, newStartScreen(testShared(nil, fixedNow)))
	g.wantScreen("读取失败：没有打开草稿文件")
	g.press("f2", "f3", "f7")
	if len(g.dialogs) != 0 {
		t.Fatalf("a dialog opened without a draft file: %T", g.top())
	}
	g.send(pushDialogMsg{d: newHistoryDialog(testShared(nil, fixedNow), "x")})
	g.wantScreen("读取失败：没有打开草稿文件")
}
