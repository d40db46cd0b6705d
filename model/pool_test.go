package model

import (
	"reflect"
	"testing"
)

// Check lends its Checkers' buffers from one call to the next (checkers);
// the findings it returns are still the caller's: later checks of other
// reports, with and without last year's, leave them as they were.
func TestCheckFindingsOwned(t *testing.T) {
	a, pa := seedReport(t), seedReport(t)
	a.Year, pa.Year = 2024, 2023
	a.S5 = pa.S5 // prev.copied and text.year
	a.Date = "2207-01-02"
	fa := Check(a, pa)
	if len(fa) < 3 {
		t.Fatalf("only %d findings to keep", len(fa))
	}
	keep := make([]Finding, len(fa))
	for i, f := range fa {
		keep[i] = f
		keep[i].Cells = append([]CellAddr(nil), f.Cells...)
	}
	b := seedReport(t)
	b.S5, b.S6, b.S1.Intro = "完全不同的文字。2023年如何。", "另一段", "第三段 12 件"
	for range 20 {
		Check(b, a)
		Check(pa, nil)
	}
	if !reflect.DeepEqual(fa, keep) {
		t.Fatalf("the findings of a check changed when other reports were checked after it")
	}
}
