package office

import (
	"fmt"
	"path/filepath"
	"testing"

	"nianbao/export"
	"nianbao/internal/testunits"
	"nianbao/model"
	"nianbao/store"
)

// BenchmarkCollect60JSON: collecting a folder of sixty units' JSON reports
// into a new draft file (reading, importing, storing each with its first
// revision, fsync'ed).
func BenchmarkCollect60JSON(b *testing.B) {
	dir := b.TempDir()
	for _, r := range testunits.Units(testunits.N) {
		if _, err := testunits.Write(dir, r, testunits.Form{Format: export.JSON, Ext: "json"}); err != nil {
			b.Fatal(err)
		}
	}
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		db, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("d%d.db", n)), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		o := New(db)
		b.StartTimer()
		items, _, err := o.Collect(dir, false)
		if err != nil || len(items) != testunits.N || items[0].Outcome != CollectAdded {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// units1000 is a draft file with a thousand complete unit reports of one
// year, each of its own agency.
func units1000(b *testing.B) *Office {
	b.Helper()
	db, err := store.Open(filepath.Join(b.TempDir(), "drafts.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	for i := range 1000 {
		r := testunits.Unit(i % testunits.N)
		r.ID = model.NewID()
		r.Agency = fmt.Sprintf("%s第%d分局", r.Agency, i)
		if err := db.Create(r, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	return New(db)
}

// BenchmarkStatus1000: the status of a year of a thousand units (each read
// and checked against last year's).
func BenchmarkStatus1000(b *testing.B) {
	o := units1000(b)
	for b.Loop() {
		st, err := o.Status(testunits.Year)
		if err != nil || len(st.Units) != 1000 {
			b.Fatal(err)
		}
	}
}

// BenchmarkSum1000: the sum of a thousand units (every unit read, summed,
// the sum stored over the last one with its revisions, fsync'ed).
func BenchmarkSum1000(b *testing.B) {
	o := units1000(b)
	for b.Loop() {
		res, err := o.Sum(SumRequest{Agency: "示例县人民政府", Year: testunits.Year, AllOfYear: true})
		if err != nil || len(res.Units) != 1000 {
			b.Fatal(err)
		}
	}
}
