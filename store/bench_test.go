package store

import (
	"strconv"
	"testing"

	"nianbao/model"
)

// BenchmarkSave is one save of a full report, committed with fsync, as the
// UI does after each committed cell edit (coalesced into the open revision).
func BenchmarkSave(b *testing.B) {
	s := openAt(b, tempDB(b), nil)
	r := fullReport(b, "北京市密云区科学技术委员会", 2023)
	if err := s.Create(r, ""); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := int64(0)
	for b.Loop() {
		i++
		r.Set("s3.new.natural", model.Int(i)) // a real change each time
		if err := s.Save(r, "修改表三"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDamaged is the deeper check Open runs (every report and summary
// decoded), for a file of 20 full reports.
func BenchmarkDamaged(b *testing.B) {
	s := openAt(b, tempDB(b), nil)
	for i := range 20 {
		if err := s.Create(fullReport(b, "机关"+strconv.Itoa(i), 2024), ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if bad, err := s.Damaged(); err != nil || len(bad) != 0 {
			b.Fatal(bad, err)
		}
	}
}
