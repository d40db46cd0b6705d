package model

import "testing"

// TestTally: empty cells and texts are counted apart from the errors, each
// kind once, with distinct numbers so that a swapped field cannot pass.
func TestTally(t *testing.T) {
	fs := []Finding{
		{ID: "s3.balance", Severity: SevError, Cells: []CellAddr{"s3.new.natural"}},
		{ID: "value.range", Severity: SevError, Cells: []CellAddr{"s2.fees.amount"}},
		{ID: "prev.jump", Severity: SevWarning},
		{ID: "s5.last_year", Severity: SevWarning},
		{ID: "s1.coverage", Severity: SevWarning},
		{ID: MissingID, Severity: SevError, Cells: []CellAddr{"s3.new.business"}},
		{ID: MissingID, Severity: SevError, Cells: []CellAddr{"s3.new.research"}},
		{ID: MissingID, Severity: SevError, Cells: []CellAddr{"s3.new.legal"}},
		{ID: MissingID, Severity: SevError, Cells: []CellAddr{"s3.new.other"}},
		{ID: MissingID, Severity: SevError, Part: "s5"},
	}
	got := Tally(fs)
	want := Counts{Errors: 2, Warnings: 3, MissingCells: 4, MissingTexts: 1}
	if got != want {
		t.Fatalf("Tally = %+v, want %+v", got, want)
	}
	if got.Missing() != 5 || got.AllErrors() != 7 || !got.Draft() {
		t.Fatalf("missing %d, all errors %d, draft %v", got.Missing(), got.AllErrors(), got.Draft())
	}
	if (Counts{Warnings: 4}).Draft() {
		t.Fatal("warnings alone make a draft")
	}
	// The rule table's missing rule is the one Tally counts.
	r := New("某机关", 2023, KindCountyDept, ScopeSelf)
	n := Tally(Check(r, nil))
	if n.MissingCells != len(InputCells()) || n.Errors != 0 {
		t.Fatalf("an empty report: %+v, want %d missing cells and no other error", n, len(InputCells()))
	}
}
