package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/xuri/excelize/v2"

	"nianbao/internal/testunits"
	"nianbao/model"
	"nianbao/office"
)

func init() {
	namedKeys["f8"] = tea.KeyPressMsg{Code: tea.KeyF8}
	namedKeys["f9"] = tea.KeyPressMsg{Code: tea.KeyF9}
	namedKeys["ctrl+e"] = tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl}
}

// unitsFolder writes the sixty units in their mixed forms into a folder.
func unitsFolder(t *testing.T) (string, []*model.Report) {
	t.Helper()
	dir := t.TempDir()
	units := testunits.Units(testunits.N)
	if _, err := testunits.WriteAll(dir, units); err != nil {
		t.Fatal(err)
	}
	return dir, units
}

// dataRows are the lines of the screen below the status table's header.
func dataRows(s string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, txtColFirstError) {
			in = true
			continue
		}
		if in && strings.Contains(l, testunits.Agency(0)[:len("示例县")]) {
			out = append(out, l)
		}
	}
	return out
}

// TestRootCollectStatusSumFigures: an officer collects the sixty units'
// folder from the start screen (F8), opens the year's status (F9), sorts it
// by errors (the two units with errors first), opens one and comes back to
// the status with Esc, makes the sum (F3) and sees it fresh, sees it stale
// after a unit changes and refreshes it, then looks at one row of every unit
// (F4), walks to the next row and exports it as a spreadsheet.
func TestRootCollectStatusSumFigures(t *testing.T) {
	db := openStore(t)
	dir, units := unitsFolder(t)
	out := t.TempDir()
	d := newRootDriver(t, Config{Store: db, Now: fixedNow, ExportDir: out}, 120, 40)
	if s := d.screen(); !strings.Contains(s, "F8 汇集文件夹") || !strings.Contains(s, "F9 汇总情况") {
		t.Fatalf("the start screen does not offer 汇集:\n%s", s)
	}
	d.press("f8")
	d.typeText(dir)
	d.press("enter")
	if s := d.screen(); !strings.Contains(s, "共 60 个文件：新读入 60") {
		t.Fatalf("after collecting:\n%s", s)
	}
	d.press("f9")
	s := d.screen()
	if !strings.Contains(s, "2024 年度汇总情况（60 个单位）") || !strings.Contains(s, "还没有汇总报告") {
		t.Fatalf("status:\n%s", s)
	}
	// Sort by 错误, descending: the two units with errors first.
	d.press("right", "right", "f9")
	s = d.screen()
	if !strings.Contains(s, "按「错误」降序排列") {
		t.Fatalf("sorted:\n%s", s)
	}
	rows := dataRows(s)
	if len(rows) < 3 {
		t.Fatalf("rows:\n%s", s)
	}
	bad := map[string]bool{testunits.Agency(7): true, testunits.Agency(23): true}
	for i, r := range rows[:3] {
		found := false
		for a := range bad {
			found = found || strings.Contains(r, a)
		}
		if found != (i < 2) {
			t.Errorf("row %d %q: units with errors should come first", i, r)
		}
	}
	if !strings.Contains(rows[0], "三、") {
		t.Errorf("the first error is not shown: %q", rows[0])
	}
	// Sort by 已填, ascending: the unit with the empty cell first.
	d.press("left", "f9")
	if rows := dataRows(d.screen()); !strings.Contains(rows[0], testunits.Agency(testunits.WithEmpty)) || !strings.Contains(rows[0], "168/169") {
		t.Errorf("by 已填: %q", rows[0])
	}
	// Enter opens the unit; leaving it comes back to the status. (A sort
	// keeps the selected unit selected: Home goes to the first row.)
	d.press("home", "enter")
	if s := d.screen(); !strings.Contains(s, testunits.Agency(testunits.WithEmpty)) || strings.Contains(s, "汇总情况（60") {
		t.Fatalf("the unit did not open:\n%s", s)
	}
	d.press("esc")
	if s := d.screen(); !strings.Contains(s, "2024 年度汇总情况（60 个单位）") {
		t.Fatalf("leaving the unit did not come back to the status:\n%s", s)
	}
	// The sum.
	d.press("f3")
	d.typeText("示例县人民政府")
	d.press("enter")
	if s := d.screen(); !strings.Contains(s, "已汇总 60 个单位的报告") || !strings.Contains(s, "1 个单元格因有单位未填写而留空") {
		t.Fatalf("sum:\n%s", s)
	}
	d.press("esc")
	if s := d.screen(); !strings.Contains(s, "汇总报告「示例县人民政府」（60 个单位）：与单位报告一致") {
		t.Fatalf("after the sum:\n%s", s)
	}
	// A unit changes: stale, then refreshed.
	o := office.New(db)
	u, _ := db.Find(units[3].Agency, testunits.Year)
	u.Set("s3.new.natural", model.Int(777))
	if err := db.Save(u, "edit"); err != nil {
		t.Fatal(err)
	}
	d.send(statusReloadMsg{})
	if s := d.screen(); !strings.Contains(s, "需要更新，1 个单元格与单位报告之和不符") {
		t.Fatalf("stale sum not shown:\n%s", s)
	}
	d.press("f3")
	if s := d.screen(); !strings.Contains(s, "示例县人民政府（需要更新）") {
		t.Fatalf("sum dialog:\n%s", s)
	}
	d.press("enter")
	if s := d.screen(); !strings.Contains(s, "已按 60 个单位的报告更新汇总，1 个单元格有变化") {
		t.Fatalf("refresh:\n%s", s)
	}
	d.press("esc")
	sum, _ := db.Find("示例县人民政府", testunits.Year)
	if st, _ := o.SumState(sum); st.Stale() {
		t.Errorf("still stale: %+v", st)
	}
	// The figures of one row of every unit, the next row, the export.
	d.press("f4")
	s = d.screen()
	if !strings.Contains(s, "各单位数字：表二：规章") || !strings.Contains(s, "合计") || !strings.Contains(s, testunits.Agency(59)[:9]) {
		t.Fatalf("figures:\n%s", s)
	}
	d.press("right")
	if s := d.screen(); !strings.Contains(s, "表二：行政规范性文件") {
		t.Fatalf("next row:\n%s", s)
	}
	d.press("ctrl+e", "enter")
	if s := d.screen(); !strings.Contains(s, "已导出到") {
		t.Fatalf("export:\n%s", s)
	}
	matches, _ := filepath.Glob(filepath.Join(out, "*.xlsx"))
	if len(matches) != 1 {
		t.Fatalf("exported %v", matches)
	}
	f, err := excelize.OpenFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rowsX, _ := f.GetRows(f.GetSheetList()[0])
	if len(rowsX) != 2+testunits.N+1 {
		t.Errorf("%d rows in the workbook", len(rowsX))
	}
	d.press("enter", "esc")
	if s := d.screen(); !strings.Contains(s, "汇总情况") {
		t.Fatalf("back from the figures:\n%s", s)
	}
}

// TestRootCollectConflict: a unit's report changed here and its file
// changed too: the collect dialog says so and replaces it only when asked.
func TestRootCollectConflict(t *testing.T) {
	db := openStore(t)
	dir, units := unitsFolder(t)
	o := office.New(db)
	if _, _, err := o.Collect(dir, false); err != nil {
		t.Fatal(err)
	}
	r, _ := db.Find(units[9].Agency, testunits.Year)
	r.Set("s2.punishment.decisions", model.Int(5))
	if err := db.Save(r, "edit"); err != nil {
		t.Fatal(err)
	}
	u := units[9].Clone()
	u.Set("s2.licensing.decisions", model.Int(6))
	forms := testunits.Forms()
	if _, err := testunits.Write(dir, u, forms[9%len(forms)]); err != nil {
		t.Fatal(err)
	}
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 120, 40)
	d.press("f8")
	d.typeText(dir)
	d.press("enter")
	s := d.screen()
	if !strings.Contains(s, "未替换 1") || !strings.Contains(s, "未变 59") {
		t.Fatalf("second collect:\n%s", s)
	}
	// Walk to the conflict and replace it.
	for range testunits.N {
		if strings.Contains(d.screen(), "Enter 替换") {
			break
		}
		d.press("down")
	}
	if s := d.screen(); !strings.Contains(s, "本机改动过这份报告，文件也有变化") {
		t.Fatalf("conflict not selected:\n%s", s)
	}
	d.press("enter")
	if s := d.screen(); !strings.Contains(s, "用文件替换它吗") {
		t.Fatalf("no question:\n%s", s)
	}
	d.press("enter")
	if s := d.screen(); !strings.Contains(s, "已替换") {
		t.Fatalf("not replaced:\n%s", s)
	}
	got, _ := db.Find(units[9].Agency, testunits.Year)
	if v, _ := got.Get("s2.licensing.decisions"); v != model.Int(6) {
		t.Errorf("replaced report: %s", v)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
}
