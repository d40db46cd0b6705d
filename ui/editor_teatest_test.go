package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"nianbao/model"
)

// TestTeatestFlow runs the real program loop: a figure typed (Enter goes
// down the column, as in Excel) and a row pasted under it, then Ctrl+Q,
// which waits for the autosave queue before quitting.
func TestTeatestFlow(t *testing.T) {
	r := newTestReport()
	db := newFakeStore(r)
	a := newApp(Config{Now: edNow}, db, nil)
	a.setCur(newEditor(r.Clone(), nil, a.shared))
	tm := teatest.NewTestModel(t, a, teatest.WithInitialTermSize(120, 40))
	tm.Type("12")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.PasteMsg{Content: "4\t0\t0\r\n"})
	tm.Send(tea.KeyPressMsg{Code: 'q', Mod: tea.ModCtrl})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*app)
	e := fm.cur.(*editor)
	want := map[model.CellAddr]string{"s3.new.natural": "12", "s3.new.business": "", "s3.carried.natural": "4", "s3.carried.business": "0", "s3.granted.natural": ""}
	for addr, w := range want {
		v, ok := e.r.Get(addr)
		got := ""
		if ok {
			got = v.String()
		}
		if got != w {
			t.Errorf("%s = %q, want %q", addr, got, w)
		}
	}
	saved := db.stored(r.ID)
	if v, ok := saved.Get("s3.carried.research"); !ok || v != 0 {
		t.Errorf("paste not saved before quitting: %v %v", v, ok)
	}
	if fm.saves.failed != nil || !fm.saves.idle() {
		t.Error("quit with the save queue not empty")
	}
}
