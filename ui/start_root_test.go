package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nianbao/model"
)

// rootDriver runs the real root model with its commands executed in
// order, each to its end. Timers (testTick: autosave retry, idle commit)
// are not fired, as if the test ended before they did.
type rootDriver struct {
	t *testing.T
	m tea.Model
}

func newRootDriver(t *testing.T, cfg Config, w, h int) *rootDriver {
	d := &rootDriver{t: t, m: New(testConfig(cfg))}
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *rootDriver) send(msg tea.Msg) {
	d.t.Helper()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			d.run(c)
		}
		return
	}
	if v := reflect.ValueOf(msg); v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		for i := range v.Len() {
			d.run(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	m, cmd := d.m.Update(msg)
	d.m = m
	d.run(cmd)
}

func (d *rootDriver) run(c tea.Cmd) {
	d.t.Helper()
	if c == nil {
		return
	}
	switch msg := c().(type) {
	case nil:
	case timerMsg:
		// The file check after the list is drawn is part of showing
		// it; other timers are left to the tests.
		if m, ok := msg.fire(time.Time{}).(startCheckDueMsg); ok {
			d.send(m)
		}
	default:
		d.send(msg)
	}
}

func (d *rootDriver) press(names ...string) {
	for _, n := range names {
		d.send(keyMsg(n))
	}
}

func (d *rootDriver) typeText(s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (d *rootDriver) screen() string { return ansi.Strip(d.m.View().Content) }

// The start screen and its dialogs work inside the real root model: a new
// report opens the editor, and Esc comes back to the list with it.
func TestRootNewReportOpensEditor(t *testing.T) {
	db := openStore(t)
	d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 120, 40)
	if s := d.screen(); !strings.Contains(s, "新建报告") || !strings.Contains(s, "F3 导入") {
		t.Fatalf("start screen:\n%s", s)
	}
	d.press("f2")
	d.typeText("北京市密云区科学技术委员会")
	v := d.m.View()
	if v.Cursor == nil {
		t.Fatal("no real cursor while typing the agency name")
	}
	d.press("enter", "enter")
	for range 8 {
		d.press("right")
	}
	d.press("enter", "enter")
	if _, err := db.Find("北京市密云区科学技术委员会", 2024); err != nil {
		t.Fatalf("not created: %v\n%s", err, d.screen())
	}
	if s := d.screen(); !strings.Contains(s, "封面与说明") {
		t.Fatalf("the editor did not open:\n%s", s)
	}
	d.press("esc")
	if s := d.screen(); !strings.Contains(s, "草稿文件：") || !strings.Contains(s, "北京市密云区科学技术委员会") {
		t.Fatalf("Esc did not come back to the list:\n%s", s)
	}
}

// At 80 columns the start screen's help bar holds every key, F7 回收站
// included; 从上年报告创建 opens next year's report with a note saying what
// was carried over, and only what was.
func TestRootStartHelpBarAndRollNote(t *testing.T) {
	for _, tc := range []struct {
		name    string
		forward int // 三's 结转下年度 cells filled in last year's report
		want    string
	}{
		{"all carried", 7, "已创建 2024 年报告，上年结转数已带入"},
		{"some carried", 2, "已创建 2024 年报告，带入结转 2/6 格"},
		{"none carried", 0, "已创建 2024 年报告，上年结转数需补填"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := openStore(t)
			r := model.New("北京市密云区科学技术委员会", 2023, model.KindCountyDept, model.ScopeSelf)
			n := 0
			for _, c := range model.S3.Inputs() {
				if c.RowSpec().Key == "forward" && n < tc.forward {
					if err := r.Set(c.Addr, model.Int(3)); err != nil {
						t.Fatal(err)
					}
					n++
				}
			}
			if err := db.Create(r, "test"); err != nil {
				t.Fatal(err)
			}
			d := newRootDriver(t, Config{Store: db, Now: fixedNow}, 80, 24)
			lines := strings.Split(d.screen(), "\n")
			if bar := lines[len(lines)-1]; !strings.Contains(bar, "F7 回收站") || !strings.Contains(bar, "F4 从上年创建") {
				t.Fatalf("help bar at 80 columns: %q", bar)
			}
			d.press("f4")
			s := d.screen()
			lines = strings.Split(s, "\n")
			if status := lines[len(lines)-2]; !strings.Contains(status, tc.want) {
				t.Fatalf("no note %q after 从上年报告创建:\n%s", tc.want, s)
			}
			if ed, ok := d.m.(*app).cur.(*editor); !ok || ed.r.Year != 2024 {
				t.Fatalf("next year's report not open:\n%s", s)
			}
			// Back on the start screen the note, which spoke of the
			// report, is gone.
			d.press("esc")
			if s := d.screen(); strings.Contains(s, "已创建") || !strings.Contains(s, "草稿文件：") {
				t.Fatalf("back on the start screen:\n%s", s)
			}
		})
	}
}
