package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// The seed is the text of a real published report (copied from the shared
// seed, which tests must not read).
const seedFile = "testdata/dialog_import_miyun-2023.txt"

func TestImportPublishedReport(t *testing.T) {
	db := openStore(t)
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.press("down", "enter") // welcome: 导入上年已发布的报告
	if _, ok := g.top().(*importDialog); !ok {
		t.Fatalf("welcome's second action shows %T", g.top())
	}
	g.typeText("testdata/dialog_imp")
	g.press("tab")
	g.wantScreen("[" + seedFile)
	g.press("enter")
	g.wantScreen("已导入：北京市密云区科学技术委员会2023年政府信息公开工作年度报告", "表格已填")
	g.press("enter")
	r, err := db.Find("北京市密云区科学技术委员会", 2023)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.opened) != 1 || g.opened[0] != r.ID || len(g.dialogs) != 0 {
		t.Fatalf("opened %v, want %s; dialogs %d", g.opened, r.ID, len(g.dialogs))
	}
	if filled, _ := r.FilledCount(nil); filled == 0 {
		t.Fatal("the imported report has no figures")
	}

	// The same report again: asked before replacing; Esc keeps the old one.
	if err := r.Set(model.InputCells()[0].Addr, model.Int(987654)); err != nil {
		t.Fatal(err)
	}
	if err := db.Save(r, "改一个数"); err != nil {
		t.Fatal(err)
	}
	g.press("f3")
	g.typeText(seedFile)
	g.press("enter")
	g.wantScreen("草稿文件里已有「北京市密云区科学技术委员会2023年政府信息公开工作年度报告」", "替换")
	g.press("esc")
	g.wantScreen("没有导入：已有的报告保持不变")
	if got, _ := db.Get(r.ID); !sameCell(got, r) {
		t.Fatal("Esc replaced the report")
	}
	// Right highlights 取消: Enter then keeps the old report too.
	g.press("enter", "right", "enter")
	g.wantScreen("没有导入：已有的报告保持不变")
	if got, _ := db.Get(r.ID); !sameCell(got, r) {
		t.Fatal("Enter on 取消 replaced the report")
	}
	g.press("enter", "enter") // import again, and replace this time
	g.wantScreen("已导入：")
	g.press("enter")
	got, err := db.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sameCell(got, r) {
		t.Fatal("the report was not replaced")
	}
	if l, _ := db.List(); len(l) != 1 {
		t.Fatalf("replacing made %d reports", len(l))
	}
	if g.opened[len(g.opened)-1] != r.ID {
		t.Fatal("the replaced report did not keep its identity")
	}
	revs, _ := db.History(r.ID)
	var kept bool
	for _, rv := range revs {
		kept = kept || strings.Contains(rv.Summary, "导入覆盖之前")
	}
	if !kept {
		t.Fatalf("no revision of the state before the import: %v", revs)
	}
}

// sameCell reports whether a and b agree on the first input cell.
func sameCell(a, b *model.Report) bool {
	c := model.InputCells()[0].Addr
	va, fa := a.Get(c)
	vb, fb := b.Get(c)
	return va == vb && fa == fb
}

func TestImportJSONAndErrors(t *testing.T) {
	db := openStore(t)
	dir := t.TempDir()
	src := model.New("乙单位", 2022, model.KindCityDept, model.ScopeSelf)
	if err := src.Set(model.InputCells()[3].Addr, model.Int(12)); err != nil {
		t.Fatal(err)
	}
	data, err := model.Encode(src)
	if err != nil {
		t.Fatal(err)
	}
	jsonPath := filepath.Join(dir, "乙单位2022.json")
	if err := os.WriteFile(jsonPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.press("f3")
	g.press("enter")
	g.wantScreen("请输入文件路径")
	g.typeText(filepath.Join(dir, "不存在.txt"))
	g.press("enter")
	g.wantScreen("找不到文件")
	if !g.top().typing() {
		t.Fatal("after an error the path can no longer be typed")
	}
	g.press("ctrl+u")
	g.send(tea.PasteMsg{Content: `"` + jsonPath + "\"\r\n"}) // Windows' 复制文件地址 adds quotes
	g.press("enter", "enter")
	r, err := db.Find("乙单位", 2022)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := r.Get(model.InputCells()[3].Addr); !ok || v != model.Int(12) || r.Kind != model.KindCityDept {
		t.Fatalf("JSON import lost data: %v %v %s", v, ok, r.Kind)
	}
}

// Text copied without its title: the importer cannot tell the agency and
// year, and the officer gives them in the dialog.
func TestImportWithoutTitle(t *testing.T) {
	seed, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	body := string(seed)
	i := strings.Index(body, "依据")
	if i < 0 {
		t.Fatal("seed changed: no 依据 paragraph")
	}
	path := filepath.Join(t.TempDir(), "正文.txt")
	if err := os.WriteFile(path, []byte(body[i:]), 0o644); err != nil {
		t.Fatal(err)
	}
	db := openStore(t)
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.press("f3")
	g.typeText(path)
	g.press("enter")
	g.wantScreen("没有在文件中找到报告标题")
	g.press("down")
	g.typeText("北京市密云区科学技术委员会")
	lines := strings.Split(g.screenText(), "\n")
	cur := g.top().cursor()
	if cur == nil {
		t.Fatal("no cursor in the 机关名称 field")
	}
	line := lines[cur.Y]
	if open := strings.Index(line, "["); !strings.Contains(line, "机关名称") ||
		cur.X != dw(line[:open])+1+dw("北京市密云区科学技术委员会") {
		t.Fatalf("cursor (%d,%d) not after the typed name in %q", cur.X, cur.Y, line)
	}
	g.press("down")
	g.typeText("２０x３")
	g.press("enter")
	g.wantScreen("年度应为四位数字")
	g.press("backspace", "backspace")
	g.typeText("23")
	g.press("enter")
	g.wantScreen("已导入：北京市密云区科学技术委员会2023年")
	g.press("enter")
	if _, err := db.Find("北京市密云区科学技术委员会", 2023); err != nil {
		t.Fatal(err)
	}
}

// TestImportAsTheCommandLineDoes: the UI imports as the command line does
// (both through office): the JSON of a stored report, imported under
// another agency, becomes a report of its own with a fresh id instead of
// failing as a duplicate (it failed in the UI before); a file that does not
// tell the agency's kind is imported as 其他机关 with a note.
func TestImportAsTheCommandLineDoes(t *testing.T) {
	db := openStore(t)
	src := model.New("丙单位", 2022, model.KindCityDept, model.ScopeSelf)
	if err := db.Create(src, "t"); err != nil {
		t.Fatal(err)
	}
	data, err := model.Encode(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	jsonPath := filepath.Join(dir, "丙单位.json")
	if err := os.WriteFile(jsonPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.press("f3")
	g.typeText(jsonPath)
	g.press("down")
	g.typeText("丁单位")
	g.press("enter")
	g.wantScreen("已导入：丁单位2022年")
	g.press("enter")
	got, err := db.Find("丁单位", 2022)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == src.ID {
		t.Fatal("the imported copy took the stored report's id")
	}

	// Text whose agency names no kind: 其他机关, and a note.
	seed, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "某单位.txt")
	body := strings.Replace(string(seed), "北京市密云区科学技术委员会", "某某中心", 1)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	g.press("f3")
	g.typeText(path)
	g.press("enter")
	g.wantScreen("已导入：某某中心2023年")
	r, err := db.Find("某某中心", 2023)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != model.KindOther {
		t.Fatalf("kind %q", r.Kind)
	}
	g.wantScreen("无法从机关名称「某某中心」判断")
}
