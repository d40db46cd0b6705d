// Package testunits makes the unit reports the tests of 汇集 and 汇总 use:
// sixty units of one county, every cell with a figure of its own (so that a
// figure read into the wrong cell, or summed from the wrong unit, cannot
// pass), two of them with a real error in 三, one with an empty cell, in the
// forms the units send them.
package testunits

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"nianbao/export"
	"nianbao/importer"
	"nianbao/model"
)

// Year is the units' year.
const Year = 2024

// N is the number of units.
const N = 60

// WithErrors are the units whose 三 does not balance (s3.balance), by the
// given column; WithEmpty the unit with one cell left empty (EmptyCell).
var (
	WithErrors = map[int]string{7: "business", 23: "natural"}
	WithEmpty  = 41
	EmptyCell  = model.CellAddr("s3.denied_third.legal")
)

// Agency is the name of unit i.
func Agency(i int) string { return county + departments[i%len(departments)] }

// Kind is unit i's kind: a town's government or a county department.
func Kind(i int) model.Kind {
	d := departments[i%len(departments)]
	for _, town := range townSuffixes {
		if strings.HasSuffix(d, town) {
			return model.KindTownshipGov
		}
	}
	return model.KindCountyDept
}

// Value is the figure unit i has in input cell k (its index in reading
// order) before 三 is balanced: a thousand apart between units, one apart
// between cells, so every figure of the sixty reports is different.
func Value(i, k int) int64 { return int64(i+1)*1000 + int64(k) + 1 }

// Unit is unit i's report of the year, every text filled, 三 balanced
// (new = results + forward − carried, per column) except in WithErrors.
func Unit(i int) *model.Report {
	r := model.New(Agency(i), Year, Kind(i), model.ScopeSelf)
	r.Preface = preface
	r.S1.Intro = fmt.Sprintf(intro, Year, r.Agency)
	for p := range r.S1.Parts {
		r.S1.Parts[p].Body = fmt.Sprintf(body, r.Agency, r.S1.Parts[p].Title, p+1)
	}
	r.S5 = fmt.Sprintf(s5, i+1)
	r.S6 = s6
	r.Date = model.DateOf(Year+1, 1, 10+i%20)
	for k, c := range model.InputCells() {
		v := model.Int(Value(i, k))
		switch c.Unit {
		case model.Wan:
			v = model.Int(int64(i+1)) + model.Dec(int64(i+1)*1001) // 1.001001, 2.002002 … 万元 to six places
		case model.Yuan:
			v = model.Int(int64(100*(i+1)+k)) + model.Dec(250_000*int64(k%4)) // .25 .5 .75
		}
		if c.Addr == "s2.rules.issued" || c.Addr == "s2.rules.repealed" || c.Addr == "s2.rules.in_force" {
			v = 0 // a county department makes no 规章
		}
		r.Set(c.Addr, v)
	}
	// s6: a fee notice for every application dropped unpaid, and
	// collected ≤ billed, as a real year's fees.
	unpaid, _ := r.Value("s3.other_unpaid.total")
	r.Set("s6.fee.notices", unpaid+model.Int(int64(i+1)))
	billed, _ := r.Get("s6.fee.billed")
	r.Set("s6.fee.collected", billed-model.Dec(1_000_000))
	// 三 balanced per column: new = Σ results + forward − carried.
	for _, col := range model.S3.Blocks[0].Cols {
		if col.Computed {
			continue
		}
		var results model.Dec
		for _, row := range model.S3.Blocks[0].Rows {
			if len(row.Parents) > 0 && !row.Computed {
				v, _ := r.Get(model.S3.Addr(row.Key, col.Key))
				results += v
			}
		}
		fw, _ := r.Get(model.S3.Addr("forward", col.Key))
		cr, _ := r.Get(model.S3.Addr("carried", col.Key))
		nw := results + fw - cr
		if WithErrors[i] == col.Key {
			nw += model.Int(int64(i)) // off by i: a real contradiction
		}
		r.Set(model.S3.Addr("new", col.Key), nw)
	}
	if i == WithEmpty {
		r.Clear(EmptyCell)
	}
	return r
}

// Units are the n first units.
func Units(n int) []*model.Report {
	out := make([]*model.Report, n)
	for i := range out {
		out[i] = Unit(i)
	}
	return out
}

// Form is a file form a unit sends its report in: an export format of
// ours the importer reads.
type Form struct {
	Format export.Format
	Ext    string
}

// Forms are the forms the units' files take in turn: every export format
// the importer reads (JSON, HTML, the spreadsheet; once the importer reads
// them, also the Word document and Markdown).
func Forms() []Form {
	var out []Form
	for _, f := range []export.Format{export.JSON, export.HTML, export.XLSX, export.DOCX, export.Markdown} {
		if fi, ok := f.Info(); ok && slices.Contains(importer.Extensions(), "."+fi.Ext) {
			out = append(out, Form{Format: f, Ext: fi.Ext})
		}
	}
	return out
}

// FileName is the name unit r's file takes in form f.
func FileName(r *model.Report, f Form) string { return export.DefaultFileName(r, f.Format) }

// Write writes unit r in form f into dir and returns the file's path.
func Write(dir string, r *model.Report, f Form) (string, error) {
	data, err := export.Render(r, f.Format, export.Options{})
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, FileName(r, f))
	return p, os.WriteFile(p, data, 0o644)
}

// WriteAll writes the reports into dir, report i in form i mod the number of
// forms, and returns the paths.
func WriteAll(dir string, rs []*model.Report) ([]string, error) {
	forms := Forms()
	out := make([]string, len(rs))
	for i, r := range rs {
		p, err := Write(dir, r, forms[i%len(forms)])
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}
