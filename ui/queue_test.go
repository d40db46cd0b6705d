package ui

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// gatedStore is a fakeStore whose saves wait until the test opens the gate,
// like a slow disk. A save that starts waiting says so on entered, so that
// a driver (blocked) knows, rather than guesses, that it will not return;
// a save that waited says on through that it is in the store.
type gatedStore struct {
	*fakeStore
	gate    chan struct{}
	entered chan struct{}
	through chan struct{}
}

func newGatedStore(rs ...*model.Report) *gatedStore {
	return &gatedStore{fakeStore: newFakeStore(rs...), gate: make(chan struct{}),
		entered: make(chan struct{}, 64), through: make(chan struct{}, 64)}
}

func (g *gatedStore) Save(r *model.Report, summary string) error {
	select {
	case <-g.gate:
		return g.fakeStore.Save(r, summary)
	default:
		g.entered <- struct{}{}
		<-g.gate
		defer func() { g.through <- struct{}{} }()
		return g.fakeStore.Save(r, summary)
	}
}

// passed waits until a save that waited at the gate is in the store, and
// checks that it put want into the cell addr.
func (g *gatedStore) passed(t *testing.T, addr model.CellAddr, want model.Dec) {
	t.Helper()
	<-g.through
	if v, ok := g.stored(testReportID).Get(addr); !ok || v != want {
		t.Fatalf("%s = %v (%v) after the save, want %s", addr, v, ok, want)
	}
}

// gatedDriver opens r in the editor at 120×40 over a gatedStore.
func gatedDriver(t *testing.T, r *model.Report) (*driver, *gatedStore) {
	gs := newGatedStore(r)
	a := newApp(testConfig(Config{Now: edNow}), gs, nil)
	a.setCur(newEditor(r.Clone(), nil, a.shared))
	d := &driver{t: t, a: a, db: gs.fakeStore, blocked: gs.entered}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	return d, gs
}

// TestSaveQueue: the queue on its own, step by step: a request starts a
// save when idle and waits behind a running one, the newest waiting request
// wins (keeping a summary when it has none), a job waits for the saves
// before it and holds the queue, a failure is kept and retried when nothing
// newer waits, and a restore's job drops the stale saves of its report.
func TestSaveQueue(t *testing.T) {
	r := newTestReport()
	other := newTestReport()
	other.ID = "other"
	v := func(n int64) *model.Report { c := r.Clone(); _ = c.Set("s3.new.natural", model.Int(n)); return c }
	type step struct {
		do   func(q *saveQueue) tea.Cmd
		cmd  bool   // a command comes back
		want string // the queue's state after the step
	}
	job := send(statusMsg{text: "job"})
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"idle request starts", []step{
			{func(q *saveQueue) tea.Cmd { return q.request(v(1), "a") }, true, "running"},
			{func(q *saveQueue) tea.Cmd { return q.saved(edNow()) }, false, "idle saved"},
		}},
		{"newest waiting wins", []step{
			{func(q *saveQueue) tea.Cmd { return q.request(v(1), "a") }, true, "running"},
			{func(q *saveQueue) tea.Cmd { return q.request(v(2), "b") }, false, "running pending=2/b"},
			{func(q *saveQueue) tea.Cmd { return q.request(v(3), "") }, false, "running pending=3/b"},
			{func(q *saveQueue) tea.Cmd { return q.saved(edNow()) }, true, "running"},
			{func(q *saveQueue) tea.Cmd { return q.saved(edNow()) }, false, "idle saved"},
		}},
		{"job after the saves", []step{
			{func(q *saveQueue) tea.Cmd { return q.request(v(1), "a") }, true, "running"},
			{func(q *saveQueue) tea.Cmd { return q.after(job, "") }, false, "running jobs=1"},
			{func(q *saveQueue) tea.Cmd { return q.request(v(2), "b") }, false, "running pending=2/b jobs=1"},
			{func(q *saveQueue) tea.Cmd { return q.saved(edNow()) }, true, "running jobs=1"},
			{func(q *saveQueue) tea.Cmd { return q.saved(edNow()) }, true, "running"}, // the job runs
			{func(q *saveQueue) tea.Cmd { return q.request(v(3), "c") }, false, "running pending=3/c"},
			{func(q *saveQueue) tea.Cmd { return q.jobDone(nil) }, true, "running"},
		}},
		{"failure kept and retried", []step{
			{func(q *saveQueue) tea.Cmd { return q.request(v(1), "a") }, true, "running"},
			{func(q *saveQueue) tea.Cmd { return q.saveFailed(saveReq{v(1), "a"}, errors.New("磁盘已满")) }, true, "idle failed=1 retrying"},
			{func(q *saveQueue) tea.Cmd { return q.retry() }, true, "running failed=1"},
			{func(q *saveQueue) tea.Cmd { return q.saved(edNow()) }, false, "idle saved"},
		}},
		{"a newer request replaces the failed one", []step{
			{func(q *saveQueue) tea.Cmd { return q.request(v(1), "a") }, true, "running"},
			{func(q *saveQueue) tea.Cmd { return q.request(v(2), "b") }, false, "running pending=2/b"},
			{func(q *saveQueue) tea.Cmd { return q.saveFailed(saveReq{v(1), "a"}, errors.New("磁盘已满")) }, true, "running failed=1"},
			{func(q *saveQueue) tea.Cmd { return q.saved(edNow()) }, false, "idle saved"},
		}},
		{"restore drops stale saves of its report", []step{
			{func(q *saveQueue) tea.Cmd { return q.request(v(1), "a") }, true, "running"},
			{func(q *saveQueue) tea.Cmd { return q.request(v(2), "b") }, false, "running pending=2/b"},
			{func(q *saveQueue) tea.Cmd { return q.after(job, r.ID) }, false, "running jobs=1"},
			{func(q *saveQueue) tea.Cmd { return q.saved(edNow()) }, true, "running"},
		}},
		{"a restore drops a failed save of its report, not of another", []step{
			{func(q *saveQueue) tea.Cmd { return q.request(other, "x") }, true, "running"},
			{func(q *saveQueue) tea.Cmd { return q.saveFailed(saveReq{other, "x"}, errors.New("磁盘已满")) }, true, "idle failed=0 retrying"},
			{func(q *saveQueue) tea.Cmd { return q.after(job, r.ID) }, true, "running failed=0 retrying"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := newSaveQueue(newFakeStore(r), edNow, testTick)
			for i, st := range tc.steps {
				cmd := st.do(q)
				if (cmd != nil) != st.cmd {
					t.Fatalf("step %d: command %v, want %v", i, cmd != nil, st.cmd)
				}
				if got := queueState(q); got != st.want {
					t.Fatalf("step %d: state %q, want %q", i, got, st.want)
				}
			}
		})
	}
}

// queueState describes the queue for TestSaveQueue: running or idle, the
// waiting save (its s3.new.natural and summary), the jobs, the failed save,
// a scheduled retry, whether a save was written.
func queueState(q *saveQueue) string {
	fig := func(r *model.Report) string { v, _ := r.Get("s3.new.natural"); return v.String() }
	s := "idle"
	if q.running {
		s = "running"
	}
	if q.pending != nil {
		s += " pending=" + fig(q.pending.r) + "/" + q.pending.summary
	}
	if len(q.jobs) > 0 {
		s += strf(" jobs=%d", len(q.jobs))
	}
	if q.failed != nil {
		s += " failed=" + fig(q.failed.r)
	}
	if q.retrying {
		s += " retrying"
	}
	if !q.running && q.pending == nil && q.failed == nil && !q.lastSaved.IsZero() {
		s += " saved"
	}
	return s
}

// TestExportOpensAfterTheLastSave: Ctrl+E while a figure is still being
// typed commits it and opens the export dialog only once that save is in
// the draft file (the dialog records the stored report as a revision).
func TestExportOpensAfterTheLastSave(t *testing.T) {
	r := newTestReport()
	d, gs := gatedDriver(t, r)
	a := d.a
	d.keys("7", "ctrl+e") // the save waits at the gate
	if len(a.dialogs) != 0 {
		t.Fatal("export dialog opened before the last edit was saved")
	}
	if !a.saves.running || len(a.saves.jobs) != 1 {
		t.Fatalf("running %v, jobs %d", a.saves.running, len(a.saves.jobs))
	}
	close(gs.gate)
	// The blocked save finishes; its message was dropped by the driver,
	// so deliver what it reports.
	gs.passed(t, "s3.new.natural", model.Int(7))
	d.send(savedMsg{at: edNow()})
	if len(a.dialogs) != 1 {
		t.Fatalf("dialogs %d after the save", len(a.dialogs))
	}
	if _, ok := a.dialogs[0].(*exportDialog); !ok {
		t.Fatalf("top dialog is %T", a.dialogs[0])
	}
	d.wantScreen("导出")
}

// TestRestoreDropsStaleSaves: a restore confirmed in the history dialog
// while a save of the old text waits at the gate runs once that save is
// done, drops the waiting save of that report, and nothing is saved after
// it.
func TestRestoreDropsStaleSaves(t *testing.T) {
	r := newTestReport()
	d, gs := gatedDriver(t, r)
	d.keys("7", "enter", "8", "enter") // 7 waits at the gate, 8 waits behind it
	if d.a.saves.pending == nil {
		t.Fatal("second save not waiting")
	}
	restored := false
	restore := func() tea.Msg { restored = true; return statusMsg{text: "已恢复"} }
	d.send(afterSavesMsg{run: restore, drop: r.ID})
	if restored || d.a.saves.pending != nil {
		t.Fatalf("restored %v, pending %v", restored, d.a.saves.pending)
	}
	close(gs.gate)
	gs.passed(t, "s3.new.natural", model.Int(7))
	d.send(savedMsg{at: edNow()})
	if !restored {
		t.Fatal("the restore did not run after the save")
	}
	if got := gs.saves; len(got) != 1 {
		t.Fatalf("saves after the restore: %v", got)
	}
}

// TestStatusShowsSaveStateFromOpening: the status line says when the
// report was last saved from the moment it is opened, then 保存中 while a
// save runs, and empty cells do not count as errors.
func TestStatusShowsSaveStateFromOpening(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	// fakeStore.List says the report was saved an hour before edNow.
	d.wantScreen("已保存 13:02:33  错误 0 提示 0  已填 0/169")
	d.keys("5", "enter")
	d.wantScreen("已保存 14:02:33  错误 0 提示 0  已填 1/169")
	// A save held by a slow disk: 保存中 until it is through.
	g, gs := gatedDriver(t, newTestReport())
	g.keys("6", "enter")
	g.wantScreen("保存中  错误 0 提示 0  已填 1/169")
	close(gs.gate)
	gs.passed(t, "s3.new.natural", model.Int(6))
	g.send(savedMsg{at: edNow()})
	g.wantScreen("已保存 14:02:33")
}

// TestNarrowScreenHidesList: at 80 columns the section list gives its room
// to the grid (all seven columns of 三 show) and F6 brings it back.
func TestNarrowScreenHidesList(t *testing.T) {
	d := newDriver(t, newTestReport(), 80, 24)
	d.wantScreen("三、收到和处理政府信息公开申请情况  已填 0/144  F6 章节", "总计", "其他")
	if strings.Contains(d.screen(), "封面与说明") {
		t.Fatalf("list shown on a narrow screen:\n%s", d.screen())
	}
	d.keys("shift+f6")
	d.wantScreen(">三、依申请公开", "封面与说明")
	d.keys("up", "enter") // 二, back to the main pane
	if d.ed().item().kind != secS2 || d.ed().focus != paneMain {
		t.Fatalf("section %v focus %v", d.ed().item(), d.ed().focus)
	}
	if strings.Contains(d.screen(), "封面与说明") {
		t.Fatalf("list still shown:\n%s", d.screen())
	}
	// Every line fits, and the grid uses the height: the detail sits
	// right above the findings panel.
	lines := strings.Split(d.screen(), "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		if dw(l) > 80 {
			t.Fatalf("line %d wide: %q", dw(l), l)
		}
	}
}

// TestStartScreenHasNoSaveTime: back on the start screen the status line
// does not speak of a report that is no longer open.
func TestStartScreenHasNoSaveTime(t *testing.T) {
	d := newDriver(t, newTestReport(), 120, 40)
	d.keys("5", "enter")
	d.wantScreen("已保存 14:02:33")
	d.keys("esc")
	if _, ok := d.a.cur.(*editor); ok {
		t.Fatal("Esc did not leave the editor")
	}
	if strings.Contains(d.screen(), "已保存") {
		t.Fatalf("save time on the start screen:\n%s", d.screen())
	}
}

// TestMouseHitsMatchTheScreen: at both sizes (the list hidden at 80
// columns) a click lands on the cell drawn under the pointer.
func TestMouseHitsMatchTheScreen(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		d := newDriver(t, newTestReport(), size[0], size[1])
		d.ed().grids[model.S3].setAddr("s3.carried.business")
		d.keys("77", "enter")
		lines := strings.Split(d.screen(), "\n")
		var hit *cellHit
		for i, h := range d.ed().lay.hits {
			if h.addr == "s3.carried.business" {
				hit = &d.ed().lay.hits[i]
			}
		}
		if hit == nil {
			t.Fatalf("%v: no hit for the cell", size)
		}
		row := lines[hit.y]
		// Columns x0..x1 of the line hold the cell's value.
		var b strings.Builder
		x := 0
		for _, r := range row {
			if x >= hit.x0 && x < hit.x1 {
				b.WriteRune(r)
			}
			x += dw(string(r))
		}
		if !strings.Contains(b.String(), "77") {
			t.Fatalf("%v: under the hit %q, line %q", size, b.String(), row)
		}
		d.send(tea.MouseClickMsg{X: hit.x0 + 2, Y: hit.y, Button: tea.MouseLeft})
		if a := d.ed().grids[model.S3].addr(); a != "s3.carried.business" {
			t.Fatalf("%v: click went to %s", size, a)
		}
	}
}

// TestS6FeesShownAsFeesNotATable: 六's figures are named as what they are
// in the findings panel, and the focused figure's label and guide show
// below the form with the generated sentence.
func TestS6FeesShownAsFeesNotATable(t *testing.T) {
	d := newDriver(t, newTestReport(), 80, 24)
	d.keys("f6", "end")
	d.wantScreen("六、信息处理费 还有 3 项未填（已填 0/3）")
	if strings.Contains(d.screen(), "表六") {
		t.Fatalf("六 called a table:\n%s", d.screen())
	}
	// The fees line is above the lines of the texts not written.
	for e, i := d.ed(), 0; !strings.Contains(e.fp.items[e.fp.sel].text, "六、信息处理费"); i++ {
		if i > 5 {
			t.Fatalf("no fees line above the end: at %q", e.fp.items[e.fp.sel].text)
		}
		d.keys("up")
	}
	d.keys("enter")
	if it := d.ed().item(); it.kind != secS6 {
		t.Fatalf("Enter on the fees line went to %v", it)
	}
	d.wantScreen("（收费数字尚未填写）", "六、信息处理费 / 发出收费通知件数")
	d.keys("3", "enter")
	d.wantScreen("本年度发出收费通知3件。", "六、信息处理费 / 收费通知总金额")
	d.keys("12", "enter")
	d.wantScreen("本年度发出收费通知3件，总金额12元。")
	if strings.Contains(d.screen(), "表六") {
		t.Fatalf("六 called a table:\n%s", d.screen())
	}
}

// TestF8MessageShowsQuotesAsCornerBrackets: the finding quoted in the help
// line uses 「」 like the panel (“” are of ambiguous width).
func TestF8MessageShowsQuotesAsCornerBrackets(t *testing.T) {
	r := newTestReport()
	r.S5 = "今年没有问题。"
	d := newDriver(t, r, 120, 40)
	for i := 0; i < len(d.ed().fp.items); i++ {
		d.keys("f8")
		if strings.ContainsAny(d.ed().msg, "“”") {
			t.Fatalf("ambiguous quotes in %q", d.ed().msg)
		}
	}
}
