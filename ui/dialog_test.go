package ui

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
	"nianbao/store"
)

// stage plays the root model's part for the start screen and the dialogs:
// a current screen under a stack of dialogs. Keys and the results of
// commands go to the top one; the navigation messages are acted on as the
// root does; every command runs at once, in order.
type stage struct {
	t         *testing.T
	cur       screen
	dialogs   []screen
	opened    []string // ids of openReportMsg, in order
	openNotes []string // their notes
	status    []statusMsg
	starts    int // showStartMsg seen
	w, h      int
}

func newStage(t *testing.T, s screen) *stage {
	t.Helper()
	g := &stage{t: t, cur: s, w: 120, h: 38}
	if in, ok := s.(initer); ok {
		g.run(in.init())
	}
	return g
}

func (g *stage) top() screen {
	if n := len(g.dialogs); n > 0 {
		return g.dialogs[n-1]
	}
	return g.cur
}

// send delivers msg and runs what it returns.
func (g *stage) send(msg tea.Msg) {
	g.t.Helper()
	switch m := msg.(type) {
	case nil:
		return
	case pushDialogMsg:
		g.dialogs = append(g.dialogs, m.d)
		if in, ok := m.d.(initer); ok {
			g.run(in.init())
		}
		return
	case popDialogMsg:
		if len(g.dialogs) == 0 {
			g.t.Fatal("popDialogMsg with no dialog open")
		}
		g.dialogs = g.dialogs[:len(g.dialogs)-1]
		return
	case openReportMsg:
		g.opened = append(g.opened, m.id)
		g.openNotes = append(g.openNotes, m.note)
		g.dialogs = nil
		return
	case showStartMsg:
		g.starts++
		g.dialogs = nil
		return
	case statusMsg:
		g.status = append(g.status, m)
		return
	case afterSavesMsg:
		// The stage has no save queue: nothing to wait for.
		g.run(m.run)
		return
	case tea.BatchMsg:
		for _, c := range m {
			g.run(c)
		}
		return
	}
	// tea.Sequence's message is an unexported slice of commands.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		for i := range v.Len() {
			g.run(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	if n := len(g.dialogs); n > 0 {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			next, cmd := g.dialogs[n-1].update(msg)
			g.dialogs[n-1] = next
			g.run(cmd)
			return
		}
	}
	// Results are offered to every dialog and the screen, as the root does.
	var cmds []tea.Cmd
	for i, d := range g.dialogs {
		next, cmd := d.update(msg)
		g.dialogs[i] = next
		cmds = append(cmds, cmd)
	}
	next, cmd := g.cur.update(msg)
	g.cur = next
	for _, c := range append(cmds, cmd) {
		g.run(c)
	}
}

func (g *stage) run(c tea.Cmd) {
	g.t.Helper()
	if c != nil {
		g.send(c())
	}
}

// keys sends key presses: a name ("enter", "down", "f2", "shift+tab") or
// text to type, one key per character.
func (g *stage) press(names ...string) {
	g.t.Helper()
	for _, n := range names {
		g.send(keyMsg(n))
	}
}

func (g *stage) typeText(s string) {
	g.t.Helper()
	for _, r := range s {
		g.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

var namedKeys = map[string]tea.KeyPressMsg{
	"enter":       {Code: tea.KeyEnter},
	"esc":         {Code: tea.KeyEscape},
	"tab":         {Code: tea.KeyTab},
	"shift+tab":   {Code: tea.KeyTab, Mod: tea.ModShift},
	"up":          {Code: tea.KeyUp},
	"down":        {Code: tea.KeyDown},
	"left":        {Code: tea.KeyLeft},
	"right":       {Code: tea.KeyRight},
	"home":        {Code: tea.KeyHome},
	"end":         {Code: tea.KeyEnd},
	"delete":      {Code: tea.KeyDelete},
	"backspace":   {Code: tea.KeyBackspace},
	"f1":          {Code: tea.KeyF1},
	"f2":          {Code: tea.KeyF2},
	"f3":          {Code: tea.KeyF3},
	"f4":          {Code: tea.KeyF4},
	"f5":          {Code: tea.KeyF5},
	"f7":          {Code: tea.KeyF7},
	"f8":          {Code: tea.KeyF8},
	"f9":          {Code: tea.KeyF9},
	"shift+enter": {Code: tea.KeyEnter, Mod: tea.ModShift},
	"ctrl+u":      {Code: 'u', Mod: tea.ModCtrl},
}

func keyMsg(name string) tea.KeyPressMsg {
	if k, ok := namedKeys[name]; ok {
		return k
	}
	panic("unknown key " + name)
}

// screenText is what the top screen shows, without styles.
func (g *stage) screenText() string { return ansi.Strip(g.top().view(g.w, g.h)) }

func (g *stage) wantScreen(subs ...string) {
	g.t.Helper()
	text := g.screenText()
	for _, s := range subs {
		if !strings.Contains(text, s) {
			g.t.Fatalf("screen lacks %q:\n%s", s, text)
		}
	}
}

// fixedNow is the clock of the tests: 2025-03-10 09:30 UTC.
func fixedNow() time.Time { return time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC) }

// openStore opens a draft file in a temporary folder with the test clock.
func openStore(t *testing.T) *store.Store { t.Helper(); return openStoreClock(t, fixedNow) }

// openStoreClock opens a draft file whose clock is now.
func openStoreClock(t *testing.T, now func() time.Time) *store.Store {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "drafts.db"), store.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// addReport stores a new report.
func addReport(t *testing.T, db *store.Store, agency string, year int) *model.Report {
	t.Helper()
	r := model.New(agency, year, model.KindCountyDept, model.ScopeSelf)
	if err := db.Create(r, "测试"); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLineInputCursorCountsColumns(t *testing.T) {
	// bubbles#906: a rune-counting cursor would put the IME window two
	// columns early after each ideograph.
	in := newLineInput(&testLineKeys, "", 0)
	for _, r := range "密云区ab" {
		in.update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	text, col := in.render(40)
	if text != "密云区ab" || col != 8 {
		t.Fatalf("render = %q, caret %d; want 密云区ab, 8", text, col)
	}
	in.update(keyMsg("left"))
	in.update(keyMsg("left"))
	in.update(keyMsg("left"))
	if _, col := in.render(40); col != 4 {
		t.Fatalf("caret after three Left = %d, want 4 (after 密云)", col)
	}
	in.update(tea.KeyPressMsg{Code: '县', Text: "县"})
	if in.value() != "密云县区ab" {
		t.Fatalf("insert in the middle: %q", in.value())
	}
	in.update(keyMsg("backspace"))
	in.update(keyMsg("delete"))
	if in.value() != "密云ab" {
		t.Fatalf("backspace + delete: %q", in.value())
	}
}

func TestLineInputScrollsByWidth(t *testing.T) {
	in := newLineInput(&testLineKeys, strings.Repeat("政府", 10), 0) // 40 columns
	text, col := in.render(11)
	if dw(text) > 11 || col > 10 || col != dw(text) || !strings.HasSuffix(text, "政府") {
		t.Fatalf("scrolled view %q (width %d), caret %d", text, dw(text), col)
	}
	in.update(keyMsg("home"))
	text, col = in.render(11)
	if col != 0 || !strings.HasPrefix(text, "政府") {
		t.Fatalf("after Home: %q caret %d", text, col)
	}
}

func TestLineInputPasteAndLimit(t *testing.T) {
	in := newLineInput(&testLineKeys, "", 5)
	in.update(tea.PasteMsg{Content: "北京市密云区\r\n第二行"})
	if in.value() != "北京市密云" {
		t.Fatalf("paste kept %q; want the first line cut to 5 characters", in.value())
	}
	in.update(keyMsg("ctrl+u"))
	if in.value() != "" {
		t.Fatalf("Ctrl+U left %q", in.value())
	}
}

func TestConfirmDialog(t *testing.T) {
	for _, tc := range []struct {
		name string
		keys []string
		yes  bool
	}{
		{"enter answers yes", []string{"enter"}, true},
		{"esc answers no", []string{"esc"}, false},
		{"right then enter is no", []string{"right", "enter"}, false},
		{"right left enter is yes", []string{"right", "left", "enter"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ran := false
			yes := func() tea.Msg { ran = true; return nil }
			g := newStage(t, newStartScreen(testShared(openStore(t), fixedNow)))
			g.send(pushDialogMsg{d: newConfirmDialog(testShared(nil, fixedNow), "删除？", yes)})
			g.wantScreen("删除？", "[ 确定 ]", "[ 取消 ]")
			g.press(tc.keys...)
			if ran != tc.yes || len(g.dialogs) != 0 {
				t.Fatalf("yes ran %v (want %v), dialogs left %d", ran, tc.yes, len(g.dialogs))
			}
		})
	}
}

func TestBoxIsASCIIAndCentred(t *testing.T) {
	b := layoutBox(80, 20, "标题", []string{"一行中文"}, 20)
	out := b.render(80, 20)
	for _, r := range out {
		if r > 0x7f && dw(string(r)) != 2 {
			t.Fatalf("box uses %q, which is not ASCII nor a wide character", r)
		}
	}
	lines := strings.Split(out, "\n")
	if len(lines) != 20 {
		t.Fatalf("box area has %d lines, want 20", len(lines))
	}
	first := lines[b.top]
	if !strings.HasPrefix(strings.TrimLeft(first, " "), "+- 标题 -") || b.left != (80-26)/2 {
		t.Fatalf("top line %q at left %d", first, b.left)
	}
}

// TestWrapWidthChinese: Chinese text breaks anywhere but before closing
// punctuation, a date or a figure stays whole, no line is too wide.
func TestWrapWidthChinese(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want []string
	}{
		{"恢复到第 1 版（2026-11-25 18:52，新建报告）？现在的内容会先保存为一个版本", 30,
			[]string{"恢复到第 1 版（2026-11-25", "18:52，新建报告）？现在的内容", "会先保存为一个版本"}},
		{"把表三中还空着的 141 个单元格都填为 0？", 20, []string{"把表三中还空着的 141", "个单元格都填为 0？"}},
		{"一二三四五六七八九，十", 18, []string{"一二三四五六七八", "九，十"}},
		{"abcdefghijklmnop", 6, []string{"abcdef", "ghijkl", "mnop"}},
	} {
		got := wrapWidth(tc.in, tc.w)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
		for _, l := range got {
			if dw(l) > tc.w {
				t.Errorf("line %q is %d wide", l, dw(l))
			}
		}
	}
}
