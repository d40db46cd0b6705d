package importer

import (
	"os"
	"testing"

	"nianbao/export"
	"nianbao/model"
)

// readReport reads a report of testdata in nianbao's JSON form.
func readReport(t testing.TB, name string) *model.Report {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRoundTrip: a report exported in each of nianbao's forms imports back
// with every cell and every text equal. The seed (one cell empty, most
// figures 0) and a report with a different figure in every cell.
func TestRoundTrip(t *testing.T) {
	seed := mustImport(t, []byte(readSeed(t)), "seed.txt").Report
	for _, tc := range []struct {
		name  string
		r     *model.Report
		notes []string
	}{
		{"seed", seed, []string{billedNote}},
		{"numbered", readReport(t, "gen/numbered.json"), nil},
	} {
		want := encodeStable(t, tc.r)
		for _, f := range []struct {
			name   string
			file   string
			format export.Format
			opt    export.Options
			source string
		}{
			{"Markdown", "r.md", export.Markdown, export.Options{}, "md"},
			{"HTML", "r.html", export.HTML, export.Options{}, "html"},
			{"HTML fragment", "r.html", export.HTML, export.Options{Fragment: true}, "html"},
			{"JSON", "r.json", export.JSON, export.Options{}, "json"},
		} {
			t.Run(tc.name+"/"+f.name, func(t *testing.T) {
				data, err := export.Render(tc.r, f.format, f.opt)
				if err != nil {
					t.Fatal(err)
				}
				res := mustImport(t, data, f.file)
				if res.Source != f.source {
					t.Errorf("Source = %q, want %q", res.Source, f.source)
				}
				if got := encodeStable(t, res.Report); got != want {
					t.Errorf("imports differently:\n%s", firstDiff(got, want))
				}
				if f.format != export.JSON {
					checkNotes(t, res.Notes, tc.notes...)
				}
			})
		}
	}
}
