package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The whole-process benchmarks run the nianbao binary as an officer's
// script would, on a draft file of 1 report and of 1,000: the goal is that
// 1,000 reports cost at most 1.2 times 1 report (at worst 1.5), because
// the commands read the stored summaries and the one report they need,
// never every report. Each op is one run of the program; the metric
// cpu-ms/op is the CPU time of the child process, which the shared
// machine's load disturbs less than the wall time.

// nianbaoBinary builds the program once per run.
var nianbaoBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp(benchRoot(), "bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "nianbao")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".." // the module's root: package main
	out, err := build.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func BenchmarkProcess(b *testing.B) {
	bin, err := nianbaoBinary()
	if err != nil {
		b.Fatal(err)
	}
	// The report every command works on: the first 2023 report, whose
	// 2022 report is in the file too (with 1,000 reports).
	const name = "某市某区第0委员会/2023"
	out := filepath.Join(b.TempDir(), "out.html")
	cmds := []struct {
		name string
		args func(i int) []string
	}{
		{"list", func(int) []string { return []string{"list"} }},
		{"set", func(i int) []string { return []string{"set", name, "s2.rules.issued=" + strconv.Itoa(i%100)} }},
		{"check", func(int) []string { return []string{"check", name} }},
		{"export", func(int) []string { return []string{"export", "--format", "html", "--force", "-o", out, name} }},
	}
	for _, c := range cmds {
		for _, n := range []int{1, 1000} {
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				db := draftWith(b, n)
				if n == 1 {
					db = draftOne(b, name)
				}
				runBin(b, bin, db, c.args(0)) // warm the page cache
				var cpu time.Duration
				i := 0
				for b.Loop() {
					i++
					cpu += runBin(b, bin, db, c.args(i))
				}
				b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
			})
		}
	}
}

// draftOne is a draft file holding only the report name of the 1,000.
func draftOne(b *testing.B, name string) string {
	if p, ok := draftFiles.Load(name); ok {
		return p.(string)
	}
	all := draftWith(b, 1000)
	dir, err := os.MkdirTemp(benchRoot(), "draft-")
	if err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(dir, "drafts.db")
	bin, _ := nianbaoBinary()
	exp := filepath.Join(dir, "one.json")
	for _, args := range [][]string{
		{"export", "--format", "json", "-o", exp, name, "--db", all},
		{"import", exp, "--db", db},
	} {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			b.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	draftFiles.Store(name, db)
	return db
}

// runBin runs the binary once on the draft file db and returns the CPU time
// it used. Exit code 1 (check found errors) is a normal outcome.
func runBin(b *testing.B, bin, db string, args []string) time.Duration {
	cmd := exec.Command(bin, append(args, "--db", db)...)
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		b.Fatalf("nianbao %v: %v", args, err)
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}
