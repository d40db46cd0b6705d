package importer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

const seedFile = "testdata/miyun-kejiwei-2023.txt"

func readSeed(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustImport(t testing.TB, data []byte, name string) *Result {
	t.Helper()
	res, err := Import(data, name, Options{})
	if err != nil {
		t.Fatalf("Import(%s): %v", name, err)
	}
	return res
}

// encodeStable is the JSON form with the random id fixed, for comparing two
// imports.
func encodeStable(t testing.TB, r *model.Report) string {
	t.Helper()
	c := r.Clone()
	c.ID = "fixed"
	b, err := model.Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s", name, got)
	}
}

// seedWant is what the seed says: every figure 0 except 行政规范性文件现行有效
// 6, and 收费通知总金额 not stated.
func seedWant() map[model.CellAddr]string {
	want := map[model.CellAddr]string{}
	for _, c := range model.InputCells() {
		want[c.Addr] = "0"
	}
	want["s2.normative.in_force"] = "6"
	want["s6.fee.billed"] = ""
	return want
}

// checkCells asserts every input cell: "" means empty.
func checkCells(t *testing.T, r *model.Report, want map[model.CellAddr]string) {
	t.Helper()
	bad := 0
	for _, c := range model.InputCells() {
		v, ok := r.Get(c.Addr)
		got := ""
		if ok {
			got = v.String()
		}
		w, listed := want[c.Addr]
		if !listed {
			t.Fatalf("test does not say what %s should be", c.Addr)
		}
		if got != w && bad < 10 {
			bad++
			t.Errorf("%s = %q, want %q", c.Addr, got, w)
		}
	}
}

const billedNote = "原文未写明收费通知总金额（元），已留空"

// group is one row of the seed's tables: the cells of a blank-line
// separated group of tab-indented lines, continuation lines merged.
type seedLine struct {
	text  string
	cells []string // set for a table row group
}

// seedRows splits the seed into plain lines and table row groups.
func seedRows(s string) []seedLine {
	var out []seedLine
	var cur []string
	inGroup := false
	flush := func() {
		if inGroup {
			out = append(out, seedLine{cells: cur})
		}
		cur, inGroup = nil, false
	}
	for _, l := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(l, "\t"):
			cur = append(cur, strings.TrimSpace(l[1:]))
			inGroup = true
		case inGroup && l != "":
			cur[len(cur)-1] += strings.TrimSpace(l)
		default:
			flush()
			out = append(out, seedLine{text: l})
		}
	}
	flush()
	return out
}

// renderRows writes the seed back with each table row rendered by row
// (nil: dropped); blank lines are kept unless dropBlank.
func renderRows(lines []seedLine, row func(cells []string) string, dropBlankInTables bool) string {
	var b strings.Builder
	inTable := false
	for _, l := range lines {
		if l.cells != nil {
			inTable = true
			if s := row(l.cells); s != "" {
				b.WriteString(s)
				b.WriteString("\n")
			}
			continue
		}
		if l.text != "" {
			inTable = false
		}
		if l.text == "" && inTable && dropBlankInTables {
			continue
		}
		b.WriteString(l.text)
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// seedStyle renders cells as the seed does: one tab-indented line each.
func seedStyle(cells []string) string {
	var b strings.Builder
	for i, c := range cells {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("\t" + c)
	}
	return b.String()
}

// editRows applies edit to the cells of every table row and renders them in
// the seed's style.
func editRows(s string, edit func(cells []string) []string) string {
	return renderRows(seedRows(s), func(c []string) string {
		c = edit(append([]string(nil), c...))
		if c == nil {
			return ""
		}
		return seedStyle(c)
	}, false)
}

func hasLabel(cells []string, label string) bool {
	for _, c := range cells {
		if c == label {
			return true
		}
	}
	return false
}

// checkNotes asserts the import notes, in order.
func checkNotes(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
