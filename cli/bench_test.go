package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"nianbao/internal/cputime"
	"nianbao/model"
	"nianbao/office"
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
	start := cputime.Now()
	for b.Loop() {
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code > exitFindings {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
}

// BenchmarkCheckJSON1000 is the same with --json output.
func BenchmarkCheckJSON1000(b *testing.B) {
	dir := b.TempDir()
	args := []string{"check", "--json"}
	for i, r := range benchReports(1000) {
		args = append(args, writeJSON(b, dir, fmt.Sprintf("r%04d.json", i), r))
	}
	start := cputime.Now()
	for b.Loop() {
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code > exitFindings {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
}

// BenchmarkCheckPaired1000 is the check itself within BenchmarkCheck1000:
// model.Check of the 1,000 reports, each with last year's among them, one
// after the other (decoded and paired once, outside the loop; one op = the
// 1,000 checks).
func BenchmarkCheckPaired1000(b *testing.B) {
	dir := b.TempDir()
	var reports []*model.Report
	for i, r := range benchReports(1000) {
		got, err := readJSONReport(writeJSON(b, dir, fmt.Sprintf("r%04d.json", i), r))
		if err != nil {
			b.Fatal(err)
		}
		reports = append(reports, got)
	}
	prevs := office.PairPrevious(reports)
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		for i, r := range reports {
			model.Check(r, prevs[i])
		}
	}
	b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
}

// BenchmarkCheckAll1000 is `nianbao check --all` on a draft file holding
// 1,000 reports (open, list, load each with last year's, check, print).
func BenchmarkCheckAll1000(b *testing.B) {
	db := draft1000(b)
	args := []string{"check", "--all", "--db", db}
	start := cputime.Now()
	for b.Loop() {
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code > exitFindings {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
}

// BenchmarkSetCLI is one `nianbao set` of a cell from the command line:
// open the draft file, parse, save with fsync, check, close.
func BenchmarkSetCLI(b *testing.B) {
	db := filepath.Join(b.TempDir(), "drafts.db")
	if code := Run([]string{"new", "--agency", agency, "--year", "2023", "--db", db}, nil, io.Discard, io.Discard); code != 0 {
		b.Fatalf("new: exit %d", code)
	}
	i := 0
	start := cputime.Now()
	for b.Loop() {
		i++
		args := []string{"set", agency + "/2023", fmt.Sprintf("s3.new.natural=%d", i), "--db", db}
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("set: exit %d", code)
		}
	}
	b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
}

// BenchmarkDecode1000 is the floor of BenchmarkCheck1000: reading and
// decoding the same 1,000 JSON files the same way (on every core), and
// nothing else. Goal: check ≤ 1.2 × this.
func BenchmarkDecode1000(b *testing.B) {
	dir := b.TempDir()
	var paths []string
	for i, r := range benchReports(1000) {
		paths = append(paths, writeJSON(b, dir, fmt.Sprintf("r%04d.json", i), r))
	}
	reports := make([]*model.Report, len(paths))
	start := cputime.Now()
	for b.Loop() {
		parallel(len(paths), func(i int) {
			r, err := readJSONReport(paths[i])
			if err != nil {
				b.Error(err)
			}
			reports[i] = r
		})
	}
	b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
}

// BenchmarkGetAll1000 is the floor of BenchmarkCheckAll1000: opening the
// draft file of 1,000 reports read-only, listing it and decoding each
// report once, on every core. check --all decodes each report once, so it
// costs this plus the checks and the output.
func BenchmarkGetAll1000(b *testing.B) {
	db := draft1000(b)
	reports := make([]*model.Report, 1000)
	start := cputime.Now()
	for b.Loop() {
		s, err := store.Open(db, store.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		sums, err := s.List()
		if err != nil || len(sums) != 1000 {
			b.Fatal(len(sums), err)
		}
		parallel(len(sums), func(i int) {
			r, err := s.Get(sums[i].ID)
			if err != nil {
				b.Error(err)
			}
			reports[i] = r
		})
		s.Close()
	}
	b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op")
}

// draftFiles are the draft files the benchmarks share, made once.
var draftFiles sync.Map

// draftWith is a draft file holding the first n of benchReports(1000),
// made once per run, and backed up for today (so that a writable command
// timed on it does not make the day's backup).
func draftWith(b *testing.B, n int) string {
	if p, ok := draftFiles.Load(n); ok {
		return p.(string)
	}
	dir, err := os.MkdirTemp(benchRoot(), "draft-")
	if err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(dir, "drafts.db")
	s, err := store.Open(db, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range benchReports(1000)[:n] {
		if err := s.Create(r, "基准测试"); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.DailyBackup(); err != nil {
		b.Fatal(err)
	}
	s.Close()
	draftFiles.Store(n, db)
	return db
}

func draft1000(b *testing.B) string { return draftWith(b, 1000) }

// parallel runs f(0..n-1) on every core, as the check does (office.All).
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// benchRoot holds what the benchmarks make (draft files, the binary): one
// folder, emptied at the first use of each run, so that runs leave no more
// than the last one's behind.
var benchRoot = sync.OnceValue(func() string {
	d := filepath.Join(os.TempDir(), "nianbao-cli-bench")
	os.RemoveAll(d)
	if err := os.MkdirAll(d, 0o700); err != nil {
		panic(err)
	}
	return d
})
