package importer_test

import (
	"bytes"
	"testing"

	"nianbao/export"
	"nianbao/importer"
	"nianbao/internal/testunits"
	"nianbao/model"
)

// TestXLSXRoundTrip: the workbook nianbao writes reads back with every
// cell equal (empty ones empty), its header too, and no note.
func TestXLSXRoundTrip(t *testing.T) {
	for _, i := range []int{0, 3, testunits.WithEmpty, 7} {
		want := testunits.Unit(i)
		data, err := export.Render(want, export.XLSX, export.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := importer.Import(data, "unit.xlsx", importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := res.Report
		if got.Agency != want.Agency || got.Year != want.Year || got.Kind != want.Kind || got.Scope != want.Scope {
			t.Errorf("unit %d: header %s/%d %s %s, want %s/%d %s %s", i, got.Agency, got.Year, got.Kind, got.Scope, want.Agency, want.Year, want.Kind, want.Scope)
		}
		sameCells(t, got, want)
		if len(res.Notes) != 0 {
			t.Errorf("unit %d: notes %q", i, res.Notes)
		}
		if res.Source != "xlsx" {
			t.Errorf("source %q", res.Source)
		}
	}
}

func sameCells(t *testing.T, got, want *model.Report) {
	t.Helper()
	for _, c := range model.InputCells() {
		g, gok := got.Get(c.Addr)
		w, wok := want.Get(c.Addr)
		if g != w || gok != wok {
			t.Errorf("%s: got %s (%v), want %s (%v)", c.Addr, g, gok, w, wok)
		}
	}
}

var _ = bytes.Equal
