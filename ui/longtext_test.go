package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A character typed into a long text does work in proportion to the key,
// not to the text (issue 15): the bubbles textarea's Update would wrap and
// render the whole 3,300-character paragraph on every key, for a view the
// form never shows. Counted in allocations, which do not depend on the
// machine's load (BenchmarkLongTextE2E has the time).
func TestLongTextKeyWork(t *testing.T) {
	r := seedReport(t)
	r.S5 = strings.Repeat("本机关全年主动公开政府信息 120 条，其中机构职能类 12 条；", 100)
	d := newDriver(t, r, 120, 40)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secS5}))
	d.a.View()
	k := tea.KeyPressMsg{Code: '甲', Text: "甲"}
	update := testing.AllocsPerRun(20, func() { d.a.Update(k) })
	frame := testing.AllocsPerRun(20, func() { d.a.Update(k); d.a.View() })
	t.Logf("allocations a key: Update %.0f, Update+View %.0f", update, frame)
	if update > 40 {
		t.Errorf("a key into a text of 3,300 characters makes %.0f allocations in Update: the paragraph is wrapped or rendered again", update)
	}
	if frame > 300 {
		t.Errorf("a key and its frame make %.0f allocations: the paragraph is wrapped more than once", frame)
	}
	if !strings.HasSuffix(e.r.S5, strings.Repeat("甲", 40)) {
		t.Fatalf("the characters typed are not in 五: …%q", string([]rune(e.r.S5)[len([]rune(e.r.S5))-45:]))
	}
}
