package store

import (
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
