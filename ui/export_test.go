package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"nianbao/export"
	"nianbao/model"
)

func TestExportGolden(t *testing.T) {
	r := model.New("北京市密云区科学技术委员会", 2024, model.KindCountyDept, model.ScopeSelf)
	for _, sz := range sizes {
		name := fmt.Sprintf("export_%dx%d", sz.w, sz.h)
		t.Run(name, func(t *testing.T) {
			// Fixed counts, so that the file does not follow the rule table.
			d := newExportDialog(testShared(nil, fixedNow), r, model.Counts{Errors: 2, MissingCells: 169, MissingTexts: 3})
			golden.RequireEqual(namedTB{t, name}, area(d, sz.w, sz.h))
		})
	}
}

// The export dialog counts what the status line and the findings panel
// count: errors apart, and what is empty as cells and texts separately.
func TestExportWarnsAboutErrors(t *testing.T) {
	r := newTestReport()
	d := newDriver(t, r, 120, 40)
	// A new report: 169 empty cells; 一, 五 and 六 have no text.
	d.wantScreen("已填 0/169", "检查结果  错误 0 提示 0  未填 169 格、3 段文字")
	d.keys("ctrl+e")
	d.wantScreen("注意：未填 169 格、3 段文字，导出的文件会标为草稿。")
	d.keys("esc")
	breakBalance(d)
	n := d.ed().errs
	if n == 0 {
		t.Fatalf("no error after breaking 三's balance:\n%s", d.screen())
	}
	f, _ := d.ed().r.FilledCount(nil)
	miss := strf("未填 %d 格、3 段文字", 169-f)
	d.wantScreen(strf("已填 %d/169", f), strf("检查结果  错误 %d 提示 0  %s", n, miss))
	d.keys("ctrl+e")
	d.wantScreen(strf("注意：还有 %d 处错误，%s，导出的文件会标为草稿。", n, miss))
}

func TestExportWarningWording(t *testing.T) {
	r := model.New("甲单位", 2024, model.KindCountyDept, model.ScopeSelf)
	for _, tc := range []struct {
		n    model.Counts
		want string
	}{
		{model.Counts{MissingCells: 2}, "注意：未填 2 格，"},
		{model.Counts{MissingTexts: 1}, "注意：未填 1 段文字，"},
		{model.Counts{Errors: 3, MissingCells: 2, MissingTexts: 1}, "注意：还有 3 处错误，未填 2 格、1 段文字，"},
		{model.Counts{Errors: 3}, "注意：还有 3 处错误，导出"},
		{model.Counts{Warnings: 4}, ""},
	} {
		s := area(newExportDialog(testShared(nil, fixedNow), r, tc.n), 120, 40)
		if tc.want == "" && strings.Contains(s, "注意") || tc.want != "" && !strings.Contains(s, tc.want) {
			t.Errorf("%+v: want %q in\n%s", tc.n, tc.want, s)
		}
	}
}

func TestExportWritesAndAsksBeforeReplacing(t *testing.T) {
	db := openStore(t)
	r := addReport(t, db, "北京市密云区科学技术委员会", 2024)
	dir := t.TempDir()
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	sh := testShared(db, fixedNow)
	sh.exportDir = dir
	open := func() { g.send(pushDialogMsg{d: newExportDialog(sh, r, model.Counts{})}) }

	// The choices are the export registry's: the Word document first.
	open()
	g.wantScreen("(*) Word 文档", export.DefaultFileName(r, export.DOCX))
	g.press("esc")

	// HTML document, default name, Enter Enter.
	open()
	g.press("down")
	htmlPath := filepath.Join(dir, export.DefaultFileName(r, export.HTML))
	g.wantScreen("(*) HTML 网页", filepath.Base(htmlPath))
	g.press("enter")
	if !g.top().typing() || g.top().cursor() == nil {
		t.Fatal("the file name field does not take typing")
	}
	g.press("enter")
	g.wantScreen("已导出到：")
	// The status line names this file while the dialog still shows it
	// (not the file of an export before).
	if len(g.dialogs) != 1 || len(g.status) != 1 || g.status[0].text != "已导出到："+htmlPath {
		t.Fatalf("export done: dialogs %d, status %v", len(g.dialogs), g.status)
	}
	g.press("enter")
	if len(g.dialogs) != 0 || len(g.status) != 1 || g.status[0].text != "已导出到："+htmlPath {
		t.Fatalf("after closing: dialogs %d, status %v", len(g.dialogs), g.status)
	}
	want, err := export.Render(r, export.HTML, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(htmlPath); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("written file differs from export.Render (err %v)", err)
	}
	revs, err := db.History(r.ID)
	if err != nil || len(revs) == 0 || !strings.Contains(revs[len(revs)-1].Summary, "导出 HTML 网页") {
		t.Fatalf("no revision recorded before the export: %v (err %v)", revs, err)
	}

	// Markdown: the name follows the format.
	open()
	g.press("down", "down", "down")
	mdName := export.DefaultFileName(r, export.Markdown)
	g.wantScreen("(*) Markdown", mdName)
	g.press("enter", "enter", "enter")
	if _, err := os.Stat(filepath.Join(dir, mdName)); err != nil {
		t.Fatal(err)
	}

	// HTML again: the file exists. Esc keeps it; Enter replaces it.
	if err := os.WriteFile(htmlPath, []byte("旧文件"), 0o644); err != nil {
		t.Fatal(err)
	}
	open()
	g.press("down", "enter", "enter")
	g.wantScreen("文件已存在：", "替换这个文件吗？")
	g.press("esc")
	g.wantScreen("没有导出：原文件保持不变")
	if got, _ := os.ReadFile(htmlPath); string(got) != "旧文件" {
		t.Fatal("Esc replaced the file")
	}
	// Right highlights 取消: Enter on it keeps the file too.
	g.press("enter", "right", "enter")
	g.wantScreen("没有导出：原文件保持不变")
	if got, _ := os.ReadFile(htmlPath); string(got) != "旧文件" {
		t.Fatal("Enter on 取消 replaced the file")
	}
	g.press("enter", "enter")
	g.wantScreen("已导出到：")
	if got, _ := os.ReadFile(htmlPath); !bytes.Equal(got, want) {
		t.Fatal("confirmed replacement did not write the report")
	}
	g.press("esc")

	// The fragment gets a name of its own; a typed name keeps its stem.
	open()
	g.press("down", "down")
	g.wantScreen("（片段）.html")
	g.press("enter", "ctrl+u")
	g.typeText(filepath.Join(dir, "网站用"))
	g.press("up", "down") // back to the formats: Markdown
	g.wantScreen("网站用 ")
	g.press("tab", "end")
	g.typeText(".html")
	g.press("shift+tab", "up") // fragment again
	g.press("enter", "enter")
	g.wantScreen("已导出到：")
	frag, err := os.ReadFile(filepath.Join(dir, "网站用.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(frag, []byte("<html")) || bytes.Contains(frag, []byte("<style")) {
		t.Fatal("the fragment is a whole document")
	}

	// The history record cannot be made (the draft file is closed): the
	// file is written all the same, and the officer is told (as the
	// command line does, through office.Export).
	db.Close()
	open()
	g.press("down", "down", "down", "down") // JSON
	g.press("enter", "enter")
	g.wantScreen("已导出到：", "未能在历史中记录这次导出")
	if _, err := os.Stat(filepath.Join(dir, export.DefaultFileName(r, export.JSON))); err != nil {
		t.Fatalf("the file was not written: %v", err)
	}
}
