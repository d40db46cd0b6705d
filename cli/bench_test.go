package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/model"
	"nianbao/store"
)

// benchReports makes n realistic reports: every cell filled, half of them
// last year's report of another, some with a balance error.
func benchReports(n int) []*model.Report {
	out := make([]*model.Report, 0, n)
	for i := 0; len(out) < n; i++ {
		ag := fmt.Sprintf("某市某区第%d委员会", i)
		last := fullReport(ag, 2022)
		this := fullReport(ag, 2023)
		last.Set("s3.new.natural", model.Int(int64(i%40)))
		last.Set("s3.granted.natural", model.Int(int64(i%40)))
		this.Set("s3.new.natural", model.Int(int64(i%7)))
		this.Set("s3.granted.natural", model.Int(int64(i%5))) // unbalanced unless i%7 == i%5
		this.S1.Intro = strings.Repeat("本年度我委认真贯彻落实《中华人民共和国政府信息公开条例》，收到政府信息公开申请3件。", 4)
		out = append(out, last)
		if len(out) < n {
			out = append(out, this)
		}
	}
	return out
}

// BenchmarkCheck1000 is `nianbao check` over 1,000 JSON files (read, decode,
// pair with last year's among them, check, print). Target: well under 1 s.
func BenchmarkCheck1000(b *testing.B) {
	dir := b.TempDir()
	args := []string{"check", "--db", filepath.Join(dir, "unused.db")}
	for i, r := range benchReports(1000) {
		args = append(args, writeJSON(b, dir, fmt.Sprintf("r%04d.json", i), r))
	}
	for b.Loop() {
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code > exitFindings {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCheckJSON1000 is the same with --json output.
func BenchmarkCheckJSON1000(b *testing.B) {
	dir := b.TempDir()
	args := []string{"check", "--json"}
	for i, r := range benchReports(1000) {
		args = append(args, writeJSON(b, dir, fmt.Sprintf("r%04d.json", i), r))
	}
	for b.Loop() {
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code > exitFindings {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCheckAll1000 is `nianbao check --all` on a draft file holding
// 1,000 reports (open, list, load each with last year's, check, print).
func BenchmarkCheckAll1000(b *testing.B) {
	db := filepath.Join(b.TempDir(), "drafts.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range benchReports(1000) {
		if err := s.Create(r, "基准测试"); err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	args := []string{"check", "--all", "--db", db}
	for b.Loop() {
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code > exitFindings {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkSetCLI is one `nianbao set` of a cell from the command line:
// open the draft file, parse, save with fsync, check, close.
func BenchmarkSetCLI(b *testing.B) {
	db := filepath.Join(b.TempDir(), "drafts.db")
	if code := Run([]string{"new", "--agency", agency, "--year", "2023", "--db", db}, nil, io.Discard, io.Discard); code != 0 {
		b.Fatalf("new: exit %d", code)
	}
	i := 0
	for b.Loop() {
		i++
		args := []string{"set", agency + "/2023", fmt.Sprintf("s3.new.natural=%d", i), "--db", db}
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("set: exit %d", code)
		}
	}
}
