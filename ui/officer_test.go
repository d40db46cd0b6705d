package ui

// Tests of issue 14: an office worker's hands and eyes. Each point has its
// behaviour asserted and its screen kept as golden files at 120×40 and
// 80×24 (testdata/TestOfficerGolden).

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"nianbao/model"
)

// fakeClip is the system clipboard in tests: native or not, what was
// written, what a read gives.
type fakeClip struct {
	mu       sync.Mutex
	isNative bool
	wrote    []string
	content  string
}

func (c *fakeClip) native() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.isNative }
func (c *fakeClip) write(s string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.wrote = append(c.wrote, s)
	return nil
}
func (c *fakeClip) read() (string, error) { c.mu.Lock(); defer c.mu.Unlock(); return c.content, nil }

// flat is the screen with its line breaks taken out, for a text wrapped
// over lines (at 80 columns, where no section list stands beside it).
func flat(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString(strings.TrimRight(l, " "))
	}
	return b.String()
}

// column lists the input cells of 三's column col, top to bottom.
func column(col string) []model.CellAddr {
	var out []model.CellAddr
	for _, c := range model.S3.Inputs() {
		if c.ColSpec().Key == col {
			out = append(out, c.Addr)
		}
	}
	return out
}

// 1. Enter goes down a column and on to the top of the next; Shift+Enter
// up; Tab and Shift+Tab across; Ctrl+Home and Ctrl+End to the first and
// last input cell.
func TestExcelMovement(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	g := d.ed().grids[model.S3]
	natural := column("natural")
	if len(natural) != 24 {
		t.Fatalf("%d input rows", len(natural))
	}
	for i, a := range natural {
		if g.addr() != a {
			t.Fatalf("figure %d typed at %s, want %s", i, g.addr(), a)
		}
		d.keys(itoa(11+i), "enter")
	}
	for i, a := range natural {
		if got := d.cell(a); got != itoa(11+i) {
			t.Errorf("%s = %q, want %d", a, got, 11+i)
		}
	}
	if g.addr() != "s3.new.business" {
		t.Fatalf("past the last row of 自然人: %s, want the top of 商业企业", g.addr())
	}
	d.keys("shift+enter")
	if g.addr() != "s3.forward.natural" {
		t.Fatalf("Shift+Enter at the top: %s, want the bottom of 自然人", g.addr())
	}
	d.keys("shift+enter") // over （七）总计, which is computed
	if g.addr() != "s3.other_other.natural" {
		t.Fatalf("Shift+Enter: %s", g.addr())
	}
	d.keys("7", "tab")
	if g.addr() != "s3.other_other.business" || d.cell("s3.other_other.natural") != "7" {
		t.Fatalf("Tab after typing: at %s, natural %q", g.addr(), d.cell("s3.other_other.natural"))
	}
	d.keys("8", "shift+tab")
	if g.addr() != "s3.other_other.natural" || d.cell("s3.other_other.business") != "8" {
		t.Fatalf("Shift+Tab after typing: at %s", g.addr())
	}
	d.keys("5", "shift+enter")
	if g.addr() != "s3.other_unpaid.natural" || d.cell("s3.other_other.natural") != "5" {
		t.Fatalf("Shift+Enter after typing: at %s", g.addr())
	}
	d.keys("ctrl+end")
	if g.addr() != "s3.forward.other" {
		t.Fatalf("Ctrl+End: %s", g.addr())
	}
	d.keys("ctrl+home")
	if g.addr() != "s3.new.natural" {
		t.Fatalf("Ctrl+Home: %s", g.addr())
	}
	// 二: down each column of a block, then the block's next column, then
	// the next block.
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS2}))
	g2 := e.grids[model.S2]
	var walked []string
	for range 10 {
		walked = append(walked, string(g2.addr()))
		d.keys("enter")
	}
	want := "s2.rules.issued s2.normative.issued s2.rules.repealed s2.normative.repealed s2.rules.in_force " +
		"s2.normative.in_force s2.licensing.decisions s2.punishment.decisions s2.coercion.decisions s2.fees.amount"
	if got := strings.Join(walked, " "); got != want {
		t.Fatalf("Enter through 二:\n got %s\nwant %s", got, want)
	}
	if e.item().kind != secS3 {
		t.Fatalf("past the last cell of 二: %v", e.item())
	}
}

// 2. Ctrl+C copies (the cell, the paragraph, the finding), never quits;
// natively where the clipboard is reachable, through the terminal (OSC 52)
// elsewhere, and the status line says which; Ctrl+V pastes what the
// clipboard holds; Ctrl+Q quits from anywhere.
func TestCopyAndPaste(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	clip := &fakeClip{isNative: true}
	d.a.clip = clip
	d.keys("12", "enter", "up", "ctrl+c")
	if d.quit {
		t.Fatal("Ctrl+C quit")
	}
	if len(clip.wrote) != 1 || clip.wrote[0] != "12" {
		t.Fatalf("clipboard got %q", clip.wrote)
	}
	d.wantScreen("已复制到剪贴板：「表三 一、本年新收政府信息公开申请数量/自然人」的 12")

	// No clipboard here: the terminal is asked, and the status says so.
	clip.isNative = false
	d.keys("ctrl+c")
	if len(clip.wrote) != 1 {
		t.Fatal("wrote natively without a native clipboard")
	}
	d.wantScreen("已请终端复制到剪贴板：「表三 一、本年新收政府信息公开申请数量/自然人」的 12（终端不支持时剪贴板不变")
	_, cmd := d.a.Update(copiedMsg{text: "12", what: "x"})
	if v := reflect.ValueOf(cmd()); v.Kind() != reflect.String || v.String() != "12" {
		t.Fatalf("the terminal was not asked to set the clipboard to 12: %#v", cmd())
	}

	// A paragraph of text: the one the caret is in.
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS5}))
	d.send(tea.PasteMsg{Content: "第一段说明。\n第二段说明文字。"})
	d.keys("ctrl+c")
	d.wantScreen("五、存在的主要问题及改进情况第 2 段（8 字）")

	// A finding.
	breakBalance(d)
	d.keys("f6")
	for e.focus != paneFinds {
		d.keys("f6")
	}
	clip.isNative = true
	d.keys("ctrl+c")
	if got := clip.wrote[len(clip.wrote)-1]; !strings.HasPrefix(got, "三、自然人列：新收 ") || !strings.HasSuffix(got, "（表三勾稽关系）") {
		t.Fatalf("copied finding %q", got)
	}

	// Ctrl+C in a question copies nothing and quits nothing.
	e.setFocus(paneMain)
	e.gotoSection(e.itemIndex(navItem{kind: secS3}))
	d.keys("ctrl+o")
	d.keys("ctrl+c")
	if d.quit || len(d.a.dialogs) != 1 {
		t.Fatalf("Ctrl+C in a question: quit %v, dialogs %d", d.quit, len(d.a.dialogs))
	}
	d.wantScreen(strNothingToCopy)
	d.keys("esc")
	if strings.Contains(d.screen(), strNothingToCopy) {
		t.Fatal("the note of a copy outlived the next key")
	}

	// Ctrl+V: the clipboard's block pasted at the cursor.
	clip.content = "31\t32\r\n33\t34\r\n"
	e.grids[model.S3].setAddr("s3.granted.business")
	d.keys("ctrl+v")
	for a, v := range map[model.CellAddr]string{"s3.granted.business": "31", "s3.granted.research": "32", "s3.partial.business": "33", "s3.partial.research": "34"} {
		if got := d.cell(a); got != v {
			t.Errorf("after Ctrl+V %s = %q, want %s", a, got, v)
		}
	}
	// Without a reachable clipboard: how to paste instead.
	clip.isNative = false
	d.keys("ctrl+v")
	d.wantScreen("请用终端的粘贴（Ctrl+Shift+V 或鼠标右键）")

	// Ctrl+Q quits from a dialog.
	d.keys("ctrl+o", "ctrl+q")
	if !d.quit {
		t.Fatal("Ctrl+Q in a dialog did not quit")
	}
}

// 2, in the real program loop: Ctrl+C sends OSC 52 to the terminal and the
// program goes on; Ctrl+Q ends it with the figures saved.
func TestTeatestCopyThroughTerminal(t *testing.T) {
	r := newTestReport()
	db := newFakeStore(r)
	a := newApp(Config{Now: edNow, clip: &fakeClip{}}, db, nil)
	a.setCur(newEditor(r.Clone(), nil, a.shared))
	tm := teatest.NewTestModel(t, a, teatest.WithInitialTermSize(120, 40))
	tm.Type("12")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Type("13")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyUp})
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	// The terminal is asked to set its clipboard to 13 (OSC 52, base64);
	// the program goes on.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "\x1b]52;c;MTM=") },
		teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyPressMsg{Code: 'q', Mod: tea.ModCtrl})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*app)
	saved := db.stored(r.ID)
	for addr, want := range map[model.CellAddr]int64{"s3.new.natural": 12, "s3.carried.natural": 13} {
		if v, ok := saved.Get(addr); !ok || v != model.Int(want) {
			t.Errorf("%s saved %v %v, want %d", addr, v, ok, want)
		}
	}
	if fm.saves.failed != nil || !fm.saves.idle() {
		t.Error("quit with the save queue not empty")
	}
}

// 3. Nothing hidden behind "~": the full label path and unit under the
// grid, a cut column head whole in the cursor's column, the selected
// finding wrapped whole, a balance error's difference and rule at 80×24.
func TestNothingHidden(t *testing.T) {
	d := newDriver(t, newTestReport(), 80, 24)
	e := d.ed()
	e.grids[model.S3].setAddr("s3.other_unpaid.legal")
	f := flat(d.screen())
	for _, want := range []string{
		"表三：三、本年度办理结果 > （六）其他处理 > 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 / 法人或其他组织 > 法律服务机构",
		"单位：件",
	} {
		if !strings.Contains(f, want) {
			t.Fatalf("the line under the grid lacks %q:\n%s", want, d.screen())
		}
	}
	e.grids[model.S3].setAddr("s3.new.nonprofit")
	if !strings.Contains(d.screen(), " 社会公益组织 ") {
		t.Fatalf("the cursor's column head is cut:\n%s", d.screen())
	}
	e.gotoSection(e.itemIndex(navItem{kind: secS2}))
	e.grids[model.S2].setAddr("s2.fees.amount")
	if !strings.Contains(d.screen(), "本年收费金额（单位：万元）") {
		t.Fatalf("二's 万元 head is cut:\n%s", d.screen())
	}
	e.gotoSection(e.itemIndex(navItem{kind: secS3}))
	breakBalance(d)
	const msg = "三、自然人列：新收 3 + 上年结转 1 = 4，办理结果 2 + 结转下年度 1 = 3，办理结果与结转少 1 件：请核对（一）至（六）是否漏计，或新收、上年结转数（表三勾稽关系）"
	if !strings.Contains(flat(d.screen()), msg) {
		t.Fatalf("at 80×24 the balance error is not whole under the grid:\n%s", d.screen())
	}
	d.keys("f6")
	if e.focus != paneFinds {
		t.Fatal("F6 did not focus the findings")
	}
	// In the pane: the selected finding wrapped (its lines indented).
	var pane strings.Builder
	in := false
	for _, l := range strings.Split(d.screen(), "\n") {
		if strings.HasPrefix(l, strPaneFinds) {
			in = true
			continue
		}
		if in {
			pane.WriteString(strings.TrimSpace(l))
		}
	}
	if !strings.Contains(pane.String(), msg) {
		t.Fatalf("the focused findings pane does not show the selected finding whole:\n%s", d.screen())
	}
}

// 3. The history shows the selected revision's summary whole.
func TestHistoryShowsWholeSummary(t *testing.T) {
	clock := fixedNow()
	db := openStoreClock(t, func() time.Time { return clock })
	r := addReport(t, db, "北京市密云区科学技术委员会", 2024)
	clock = clock.Add(time.Hour) // a revision of its own
	_ = r.Set("s3.new.natural", model.Int(3))
	long := "导入：北京市密云区科学技术委员会2023年政府信息公开工作年度报告（网页另存的 .html，表三按位置放置，另有两条说明）"
	if err := db.Save(r, long); err != nil {
		t.Fatal(err)
	}
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 80, 24)
	d.press("f5")
	inBox := strings.NewReplacer("|", "", " ", "").Replace(flat(d.screen()))
	if !strings.Contains(inBox, "（网页另存的.html，表三按位置放置，另有两条说明）") {
		t.Fatalf("the selected summary is cut:\n%s", d.screen())
	}
}

// 4. The balance error says which side is larger and what to check, and
// marks the cell just typed as well as the sums.
func TestBalanceMarksTheChangedCell(t *testing.T) {
	d := newDriver(t, newTestReport(), 80, 24)
	e := d.ed()
	for _, c := range column("natural") {
		_ = e.r.Set(c, 0)
	}
	_ = e.r.Set("s3.new.natural", model.Int(5))
	_ = e.r.Set("s3.granted.natural", model.Int(5))
	e.runChecks()
	e.grids[model.S3].setAddr("s3.partial.natural")
	d.keys("2", "enter")
	if e.markOf("s3.partial.natural") != '!' {
		t.Fatal("the cell just typed is not marked")
	}
	d.keys("up")
	if !strings.Contains(flat(d.screen()), "办理结果与结转多 2 件：请核对（一）至（六）各项或结转数（表三勾稽关系）") {
		t.Fatalf("the balance error is not under the cell just typed:\n%s", d.screen())
	}
	// The row (（二）部分公开) carries the mark beside its 2.
	if !regexpLine(d.screen(), `（二）部分公开.*2!`) {
		t.Fatalf("no mark at the typed 2:\n%s", d.screen())
	}
	// Another cell typed: the mark moves with it.
	e.grids[model.S3].setAddr("s3.denied_secret.business")
	d.keys("4", "enter")
	if e.markOf("s3.partial.natural") != 0 {
		t.Fatal("the mark stayed on a cell no longer just typed")
	}
}

// 5. A report made from last year's: F4, then the text.year warning.
func TestTextYearAfterRollForward(t *testing.T) {
	for _, sz := range sizes {
		db := openStore(t)
		r := model.New("北京市密云区科学技术委员会", 2023, model.KindCountyDept, model.ScopeSelf)
		r.S5 = "2023年，本机关政府信息公开工作存在的问题是解读不够深入，下一步将加强培训。"
		r.S6 = "2023年度本机关未发生收取信息处理费的情况。"
		if err := db.Create(r, "test"); err != nil {
			t.Fatal(err)
		}
		d := newRootDriver(t, Config{Store: db, Now: fixedNow}, sz.w, sz.h)
		d.press("f4")
		ed, ok := d.m.(*app).cur.(*editor)
		if !ok || ed.r.Year != 2024 {
			t.Fatalf("next year's report not open:\n%s", d.screen())
		}
		if !strings.Contains(d.screen(), "? 五、存在的主要问题及改进情况第 1 段写的是 2023 年度的情况") {
			t.Fatalf("%dx%d: no text.year warning after F4:\n%s", sz.w, sz.h, d.screen())
		}
		golden.RequireEqual(namedTB{t, "TestOfficerGolden/textyear_" + itoa(sz.w) + "x" + itoa(sz.h)}, []byte(d.screen()))
		d.press("f8")
		if ed.item().kind != secS5 {
			t.Fatalf("F8 went to %v, not 五", ed.item())
		}
	}
}

// 6. A block from Excel with dashes, slashes and blanks: those cells empty
// (never 0, a cell that held a figure cleared), counted and named; a pasted
// total that differs kept as a note until its cells change or it is
// dismissed.
func TestPasteDashesAndBlanks(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	_ = e.r.Set("s3.new.business", model.Int(9)) // "—" empties it
	e.runChecks()
	block := "一、本年新收政府信息公开申请数量\t13\t—\t15\t-\t\t/\t40\r\n" +
		"二、上年结转政府信息公开申请数量\t2\t3\t－\t4\t5\t6\t21\r\n"
	d.send(tea.PasteMsg{Content: block})
	want := map[model.CellAddr]string{
		"s3.new.natural": "13", "s3.new.business": "", "s3.new.research": "15", "s3.new.nonprofit": "", "s3.new.legal": "", "s3.new.other": "",
		"s3.carried.natural": "2", "s3.carried.business": "3", "s3.carried.research": "", "s3.carried.nonprofit": "4", "s3.carried.legal": "5", "s3.carried.other": "6",
	}
	for a, v := range want {
		if got := d.cell(a); got != v {
			t.Errorf("%s = %q, want %q", a, got, v)
		}
	}
	msg := e.msg
	for _, w := range []string{"已粘贴 7 个数字（2 行 7 列）", "5 格为空白、横线或斜线，已留空（不是 0）",
		"「表三 一、本年新收政府信息公开申请数量/商业企业」、「表三 一、本年新收政府信息公开申请数量/社会公益组织」、「表三 一、本年新收政府信息公开申请数量/法律服务机构」等",
		"粘贴的总计与计算不符"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q: %s", w, msg)
		}
	}
	if n := e.r.Notes; len(n) != 2 || n[0].Cells[0] != "s3.new.total" || n[1].Cells[0] != "s3.carried.total" {
		t.Fatalf("notes %+v", n)
	}
	d.wantScreen("? 粘贴的「表三 一、本年新收政府信息公开申请数量/总计」为 40，按各项计算为 28（不完整）")
	// Another key does not take them away; a change of their cells does.
	d.keys("down", "up")
	d.wantScreen("按各项计算为 28（不完整）")
	e.grids[model.S3].setAddr("s3.new.business")
	d.keys("9", "enter")
	if strings.Contains(d.screen(), "按各项计算为 28") || len(e.r.Notes) != 1 {
		t.Fatalf("the note on 一's total stayed after its cells changed:\n%s", d.screen())
	}
	// Dismissed from the findings pane, and back with undo.
	d.keys("f6")
	for e.focus != paneFinds {
		d.keys("f6")
	}
	for i, it := range e.fp.items {
		if it.note {
			e.fp.sel = i
		}
	}
	d.keys("delete")
	if len(e.r.Notes) != 0 || strings.Contains(d.screen(), "按各项计算为 20") {
		t.Fatalf("Delete did not dismiss the note:\n%s", d.screen())
	}
	d.keys("ctrl+z")
	if len(e.r.Notes) != 1 {
		t.Fatal("undo did not bring the note back")
	}
	if r := d.db.stored(testReportID); len(r.Notes) != 1 {
		t.Fatalf("the note is not saved: %+v", r.Notes)
	}
}

// 6. A label merged over three columns (the official layout in a
// spreadsheet) is read as labels; blanks that could be either are refused,
// never guessed.
func TestPasteMergedLabels(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	d.send(tea.PasteMsg{Content: "一、本年新收政府信息公开申请数量\t\t\t31\t32\t33\t34\t35\t36\t201\n"})
	for i, col := range []string{"natural", "business", "research", "nonprofit", "legal", "other"} {
		if got := d.cell(model.S3.Addr("new", col)); got != itoa(31+i) {
			t.Errorf("%s = %q, want %d", col, got, 31+i)
		}
	}
	d.wantScreen("粘贴的总计与计算一致")
	d2 := newDriver(t, newTestReport(), 120, 40)
	d2.send(tea.PasteMsg{Content: "一、本年新收政府信息公开申请数量\t\t\t3\t1\n"})
	d2.wantScreen("无法确定是合并的标签格还是空着的数字", "没有写入任何数字")
	if f, _ := d2.ed().r.FilledCount(nil); f != 0 {
		t.Fatalf("%d cells written from an ambiguous block", f)
	}
}

// 7. Typing into a field reached with a value replaces the value.
func TestTypingReplacesPrefilled(t *testing.T) {
	db := openStore(t)
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 80, 24)
	d.press("enter") // welcome: 新建报告
	d.typeText("北京市密云区科学技术委员会")
	d.press("enter")
	nd := d.m.(*app).top().(*newReportForm)
	if !nd.year.selected() || nd.year.value() != "2024" {
		t.Fatalf("the year field: %q selected %v", nd.year.value(), nd.year.selected())
	}
	d.typeText("2023")
	if got := nd.year.value(); got != "2023" {
		t.Fatalf("typing over 2024 gave %q", got)
	}
	// An editing key keeps the value: Backspace takes one character.
	d.press("shift+tab", "tab", "backspace")
	if got := nd.year.value(); got != "202" {
		t.Fatalf("Backspace on the selected year gave %q", got)
	}
	// The cover page of an open report: the year, the 落款.
	e := newDriver(t, newTestReport(), 120, 40)
	ed := e.ed()
	ed.gotoSection(ed.itemIndex(navItem{kind: secCover}))
	e.keys("enter", "2024")
	e.send(textIdleMsg{seq: ed.textSeq})
	if ed.r.Year != 2024 {
		t.Fatalf("year %d after typing 2024 over 2023", ed.r.Year)
	}
	e.keys("enter", "enter", "enter", "北京市密云区人民政府办公室", "enter", "2024年1月2日")
	if ed.r.Signer != "北京市密云区人民政府办公室" || ed.r.Date != "2024-01-02" {
		t.Fatalf("落款 %q %q", ed.r.Signer, ed.r.Date)
	}
	e.keys("enter", "shift+tab", "2024-02-30")
	e.wantScreen("2024年2月只有 29 天")
	if ed.r.Date != "2024-01-02" {
		t.Fatalf("the report has %q while 2024-02-30 is typed, not the date it had", ed.r.Date)
	}
}

// 8. The start screen always shows F1 帮助 and Ctrl+Q 退出; typing filters
// the list by agency.
func TestStartHelpAndFilter(t *testing.T) {
	for _, sz := range sizes {
		db := openStore(t)
		for _, a := range []string{"北京市密云区科学技术委员会", "北京市密云区人民政府办公室", "北京市怀柔区教育委员会"} {
			addReport(t, db, a, 2024)
		}
		d := newRootDriver(t, Config{Store: db, Now: fixedNow}, sz.w, sz.h)
		if first := strings.Split(d.screen(), "\n")[0]; !strings.Contains(first, "F1 帮助") || !strings.Contains(first, "Ctrl+Q 退出") {
			t.Fatalf("%dx%d: first line %q", sz.w, sz.h, first)
		}
		d.typeText("密云")
		s := d.screen()
		if !strings.Contains(s, "筛选：密云（2/3 份）") || strings.Contains(s, "怀柔") {
			t.Fatalf("filter 密云:\n%s", s)
		}
		// The draft file is in a temporary folder: its line is not kept.
		ls := strings.Split(s, "\n")
		ls[1] = " " + txtDraftFile
		golden.RequireEqual(namedTB{t, "TestOfficerGolden/start_filter_" + itoa(sz.w) + "x" + itoa(sz.h)}, []byte(strings.Join(ls, "\n")))
		d.typeText("区科")
		if st := d.m.(*app).cur.(*startScreen); len(st.shown) != 1 || st.selected().Agency != "北京市密云区科学技术委员会" {
			t.Fatalf("filter 密云区科: %d shown", len(st.shown))
		}
		d.press("esc")
		if s := d.screen(); !strings.Contains(s, "怀柔") || strings.Contains(s, "筛选") {
			t.Fatalf("Esc did not clear the filter:\n%s", s)
		}
	}
}

// 9. Quitting with an entry that cannot be saved asks, with 取消 first.
func TestQuitBadEntryStartsOnCancel(t *testing.T) {
	d := newDriver(t, newTestReport(), 80, 24)
	d.keys("1.5", "ctrl+q")
	q, ok := d.a.top().(*confirmDialog)
	if !ok || !q.ask.no {
		t.Fatalf("the question does not start on 取消: %T", d.a.top())
	}
	// The hint names what Enter does now, not 确定.
	if s := d.screen(); !strings.Contains(s, "Enter 取消") || strings.Contains(s, "Enter 确定") {
		t.Fatalf("the hint does not say Enter answers 取消:\n%s", s)
	}
	d.keys("right")
	if s := d.screen(); !strings.Contains(s, "Enter 确定") {
		t.Fatalf("with 确定 highlighted the hint does not say Enter 确定:\n%s", s)
	}
	d.keys("left")
	d.keys("ctrl+q") // again: still one question
	if len(d.a.dialogs) != 1 {
		t.Fatalf("%d questions after Ctrl+Q twice", len(d.a.dialogs))
	}
	d.keys("enter")
	if d.quit || d.ed().edit == nil {
		t.Fatal("Enter on the question dropped the entry")
	}
}

// 10. 六's fee sentence under 六 as it prints, and s6.fee_text on a text
// that states the figures too.
func TestS6FeeSentenceAsPrinted(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS6}))
	d.keys("2", "enter", "150.5", "enter", "100", "enter")
	d.send(tea.PasteMsg{Content: "本年度共发出收费通知2件。"})
	d.send(textIdleMsg{seq: e.textSeq})
	d.wantScreen("打印时接在正文之后的一句", "本年度发出收费通知2件，总金额150.5元，实际收取总金额100元。", "? 六")
}

// The line under the grid puts last year's value beside this year's; F9
// shows the table beside last year's.
func TestCompareWithLastYear(t *testing.T) {
	prev := lastYear()
	d := newDriverPrev(t, thisYear(), prev, 120, 40)
	e := d.ed()
	e.grids[model.S3].setAddr("s3.carried.business")
	d.wantScreen("上年 0，本年 2，增加 2  F9 对比上年")
	e.grids[model.S3].setAddr("s3.carried.research")
	d.wantScreen("上年 1，本年 3，增加 2（+200%）")
	e.grids[model.S3].setAddr("s3.granted.business")
	d.wantScreen("上年 6，本年 3，减少 3（-50%）")
	e.grids[model.S3].setAddr("s3.carried.business")
	d.keys("f9")
	if !e.compare {
		t.Fatal("F9 did not show the comparison")
	}
	d.wantScreen("对比上年：表三「商业企业」列（上年为 2022 年报告", "本年", "上年", "增减")
	if !regexpLine(d.screen(), `二、上年结转政府信息公开申请数量 +2 +0 +\+2 +\?`) {
		t.Fatalf("the carried row with its prev.carried mark:\n%s", d.screen())
	}
	d.keys("right")
	d.wantScreen("对比上年：表三「科研机构」列")
	d.keys("7")
	d.wantScreen("对比视图只能查看")
	d.keys("esc")
	if e.compare {
		t.Fatal("Esc did not leave the comparison")
	}
	// 二 lists every cell.
	e.gotoSection(e.itemIndex(navItem{kind: secS2}))
	d.keys("f9")
	d.wantScreen("对比上年：表二", "本年制发件数", "本年收费金额（单位：万元）")
	// Without last year's report F9 says why.
	d2 := newDriver(t, newTestReport(), 120, 40)
	d2.keys("f9")
	d2.wantScreen("没有上年的报告可对比")
}

// lastYear and thisYear are two years of 三 with a figure in every cell,
// each different, so that a shifted column cannot pass.
func lastYear() *model.Report {
	r := model.New("北京市密云区科学技术委员会", 2022, model.KindCountyDept, model.ScopeSelf)
	r.ID = "1a57000000000000000000000002022"
	for i, c := range model.S3.Inputs() {
		_ = r.Set(c.Addr, model.Int(int64(i%7)))
	}
	for i, c := range model.S2.Inputs() {
		_ = r.Set(c.Addr, model.Int(int64(10+i)))
	}
	return r
}

func thisYear() *model.Report {
	r := newTestReport()
	for i, c := range model.S3.Inputs() {
		_ = r.Set(c.Addr, model.Int(int64(i%5)))
	}
	for i, c := range model.S2.Inputs() {
		_ = r.Set(c.Addr, model.Int(int64(20+2*i)))
	}
	return r
}

// completeReport is export's complete report (its golden JSON, copied).
func completeReport(t *testing.T) *model.Report {
	b, err := os.ReadFile("testdata/complete.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The preview: the report as it prints, from the editor and from the
// export dialog.
func TestPreview(t *testing.T) {
	d := newDriver(t, completeReport(t), 80, 24)
	d.keys("ctrl+p")
	p, ok := d.a.top().(*previewDialog)
	if !ok {
		t.Fatalf("Ctrl+P opened %T", d.a.top())
	}
	d.wantScreen("示例市科学技术局2024年政府信息公开工作年度报告", "预览：打印效果")
	d.keys("end")
	s := d.screen()
	lines := strings.Split(s, "\n")
	var signer, date string
	for _, l := range lines {
		switch strings.TrimSpace(l) {
		case "示例市科学技术局":
			signer = l
		case "2025年1月20日":
			date = l
		}
	}
	if signer == "" || date == "" {
		t.Fatalf("no 落款 at the end:\n%s", s)
	}
	// The date starts two characters right of the signer's first.
	if a, b := dw(signer)-dw("示例市科学技术局"), dw(date)-dw("2025年1月20日"); b != a+4 {
		t.Fatalf("落款 placed at %d and %d:\n%s", a, b, s)
	}
	for _, l := range p.lines {
		for _, r := range l {
			if r >= 0x2500 && r <= 0x257F {
				t.Fatalf("box drawing in the preview: %q", l)
			}
		}
	}
	d.keys("esc")
	if len(d.a.dialogs) != 0 {
		t.Fatal("Esc did not close the preview")
	}
	// The export dialog's line.
	d.keys("ctrl+e", "up", "enter") // up from the first format: the line under the last
	if _, ok := d.a.top().(*previewDialog); !ok || len(d.a.dialogs) != 2 {
		t.Fatalf("the export dialog's preview line opened %T", d.a.top())
	}
}

// TestOfficerGolden keeps the screens of the points above at both sizes.
func TestOfficerGolden(t *testing.T) {
	for _, sz := range sizes {
		name := func(s string) string { return s + "_" + itoa(sz.w) + "x" + itoa(sz.h) }
		t.Run(name("excel"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			for i := range 5 {
				d.keys(itoa(11+i), "enter")
			}
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("copy"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			d.a.clip = &fakeClip{}
			d.keys("12", "enter", "up", "ctrl+c")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("label"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			d.ed().grids[model.S3].setAddr("s3.other_unpaid.legal")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("head"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			d.ed().grids[model.S3].setAddr("s3.new.nonprofit")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("findings"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			breakBalance(d)
			d.keys("f6")
			for d.ed().focus != paneFinds {
				d.keys("f6")
			}
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("balance"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			e := d.ed()
			for _, c := range column("natural") {
				_ = e.r.Set(c, 0)
			}
			_ = e.r.Set("s3.new.natural", model.Int(5))
			_ = e.r.Set("s3.granted.natural", model.Int(5))
			e.runChecks()
			e.grids[model.S3].setAddr("s3.partial.natural")
			d.keys("2", "enter", "up")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("paste_dashes"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			d.send(tea.PasteMsg{Content: "一、本年新收政府信息公开申请数量\t13\t—\t15\t-\t\t/\t40\r\n二、上年结转政府信息公开申请数量\t2\t3\t－\t4\t5\t6\t21\r\n"})
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("cover"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			e := d.ed()
			e.gotoSection(e.itemIndex(navItem{kind: secCover}))
			d.keys("enter") // the year, selected
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("new_year"), func(t *testing.T) {
			d := newRootDriver(t, Config{Store: openStore(t), Now: fixedNow}, sz.w, sz.h)
			d.press("enter")
			d.typeText("北京市密云区科学技术委员会")
			d.press("enter")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("quit_bad"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			d.keys("1.5", "ctrl+q")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("s6_fee"), func(t *testing.T) {
			d := newDriver(t, newTestReport(), sz.w, sz.h)
			e := d.ed()
			e.gotoSection(e.itemIndex(navItem{kind: secS6}))
			d.keys("2", "enter", "150.5", "enter", "100", "enter")
			d.send(tea.PasteMsg{Content: "本年度共发出收费通知2件。"})
			d.send(textIdleMsg{seq: e.textSeq})
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("compare_line"), func(t *testing.T) {
			d := newDriverPrev(t, thisYear(), lastYear(), sz.w, sz.h)
			d.ed().grids[model.S3].setAddr("s3.carried.business")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("compare"), func(t *testing.T) {
			d := newDriverPrev(t, thisYear(), lastYear(), sz.w, sz.h)
			d.ed().grids[model.S3].setAddr("s3.carried.business")
			d.keys("f9")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("preview"), func(t *testing.T) {
			d := newDriver(t, completeReport(t), sz.w, sz.h)
			d.keys("ctrl+p")
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("preview_s3"), func(t *testing.T) {
			d := newDriver(t, completeReport(t), sz.w, sz.h)
			d.keys("ctrl+p")
			p := d.a.top().(*previewDialog)
			d.screen() // lays the page out
			for i, l := range p.lines {
				if strings.Contains(l, model.SectionHeadings[2]) {
					p.scroll = i
				}
			}
			golden.RequireEqual(t, []byte(d.screen()))
		})
		t.Run(name("preview_end"), func(t *testing.T) {
			d := newDriver(t, completeReport(t), sz.w, sz.h)
			d.keys("ctrl+p", "end")
			golden.RequireEqual(t, []byte(d.screen()))
		})
	}
}

// 3. The start list cuts a long agency to its column; the selected one is
// shown whole under the list.
func TestStartShowsSelectedAgencyWhole(t *testing.T) {
	db := openStore(t)
	const long = "北京市密云区人民政府办公室（北京市密云区人民政府外事办公室、北京市密云区人民政府港澳事务办公室）"
	addReport(t, db, long, 2024)
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 80, 24)
	if !strings.Contains(strings.ReplaceAll(flat(d.screen()), " ", ""), "选中："+long+"2024年") {
		t.Fatalf("the selected agency is not whole:\n%s", d.screen())
	}
}

// The 落款 date's warning (date.early) leads to the date field.
func TestDateWarningLeadsToTheDateField(t *testing.T) {
	r := newTestReport()
	r.Date = "2023-06-01"
	d := newDriver(t, r, 120, 40)
	d.wantScreen("落款日期 2023年6月1日 早于 2023 年度结束")
	d.keys("f8")
	e := d.ed()
	if e.item().kind != secCover || e.form.cur().name != strFieldDate {
		t.Fatalf("F8 went to %v, field %q", e.item(), e.form.cur().name)
	}
	d.keys("2024年1月20日")
	if e.r.Date != "2024-01-20" {
		t.Fatalf("date %q after typing over it", e.r.Date)
	}
}
