//go:build linux

package ui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"nianbao/model"
	"nianbao/store"
)

// The first-frame benchmarks run whole programs in a pseudo-terminal of
// 120×40, as an officer starts them, and time from the start of the
// process to its first frame on the terminal: nianbao's start screen
// listing the draft file's reports (found by the first agency's name), and
// the least Bubble Tea v2 program (testdata/minimal) beside it. Goal: with
// 1,000 reports and 10,000 revisions, ≤ 1.2 × the least program. One op is
// one start; the process is killed once its frame is there.

var benchBinaries = sync.OnceValues(func() (map[string]string, error) {
	// One folder, emptied at each run's first use.
	dir := filepath.Join(os.TempDir(), "nianbao-ui-bench-bin")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for name, pkg := range map[string]string{"nianbao": ".", "minimal": "./ui/testdata/minimal"} {
		bin := filepath.Join(dir, name)
		cmd := exec.Command("go", "build", "-o", bin, pkg)
		cmd.Dir = ".."
		if msg, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build %s: %v\n%s", pkg, err, msg)
		}
		out[name] = bin
	}
	return out, nil
})

// uiBenchFile is a draft file of n full reports with 10 revisions each,
// made once and kept in the temporary folder between runs (its name says
// the layout), with today's backup made.
func uiBenchFile(b *testing.B, n int) string {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("nianbao-ui-bench-v%d-%d", store.SchemaVersion, n), "drafts.db")
	if _, err := os.Stat(path + ".ok"); err != nil {
		os.RemoveAll(filepath.Dir(path))
		clock := time.Date(2025, 1, 6, 9, 0, 0, 0, time.Local)
		db, err := store.Open(path, store.Options{Now: func() time.Time { return clock }})
		if err != nil {
			b.Fatal(err)
		}
		r0 := seedReport(b)
		for i := range n {
			r := r0.Clone()
			r.ID = model.NewID()
			r.Agency = fmt.Sprintf("某市某区第%04d委员会", i)
			if err := db.Create(r, "基准"); err != nil {
				b.Fatal(err)
			}
			for k := range 9 {
				clock = clock.Add(10 * time.Minute)
				r.Set("s3.new.natural", model.Int(int64(k)))
				if err := db.Save(r, "修改"); err != nil {
					b.Fatal(err)
				}
			}
		}
		db.Close()
		os.WriteFile(path+".ok", nil, 0o600)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	db.DailyBackup() // not the first start's business here
	db.Close()
	return path
}

// firstFrame starts bin with args in a new pseudo-terminal and returns how
// long its output took to show want, and the CPU time the process had
// used by then (it is killed at once: the CPU time of the moments after
// is small).
func firstFrame(b *testing.B, bin string, want []byte, args ...string) (wall, cpu time.Duration) {
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		b.Skipf("no pseudo-terminals here (%v)", err)
	}
	defer ptmx.Close()
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		b.Skipf("pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		b.Skipf("pseudo-terminal: %v", err)
	}
	tty, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		b.Skipf("pseudo-terminal: %v", err)
	}
	defer tty.Close()
	unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120})
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	done := false
	defer func() {
		if !done {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	var seen []byte
	buf := make([]byte, 64<<10)
	for !bytes.Contains(seen, want) {
		ptmx.SetReadDeadline(time.Now().Add(20 * time.Second))
		k, err := ptmx.Read(buf)
		if err != nil {
			b.Fatalf("%s: no first frame (%v); it wrote %q", filepath.Base(bin), err, seen)
		}
		seen = append(seen, buf[:k]...)
	}
	wall = time.Since(start)
	cmd.Process.Kill()
	cmd.Wait()
	done = true
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

func BenchmarkFirstFrame(b *testing.B) {
	bins, err := benchBinaries()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 100, 1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			db := uiBenchFile(b, n)
			benchFirstFrame(b, bins["nianbao"], "某市某区第0000委员会", "--db", db)
		})
	}
}

// BenchmarkMinimalCJKFirstFrame is the least program drawing one line of
// Chinese instead: what any Bubble Tea program showing Chinese pays at its
// first frame. Bubble Tea's renderer measures a character beyond ASCII
// with go-runewidth (ansi.WcWidth, unless the terminal reports Unicode
// core mode 2027), which builds its lookup table of every code point, two
// tables of 1.1 MB, at the first such character.
func BenchmarkMinimalCJKFirstFrame(b *testing.B) {
	bins, err := benchBinaries()
	if err != nil {
		b.Fatal(err)
	}
	line := "政府信息公开工作年度报告"
	benchFirstFrame(b, bins["minimal"], line, line)
}

func BenchmarkMinimalFirstFrame(b *testing.B) {
	bins, err := benchBinaries()
	if err != nil {
		b.Fatal(err)
	}
	benchFirstFrame(b, bins["minimal"], "minimal first frame")
}

// benchFirstFrame times starts of bin with args until want is on the
// screen, after one start that warms the page cache, and reports the
// wall and CPU time of one.
func benchFirstFrame(b *testing.B, bin, want string, args ...string) {
	firstFrame(b, bin, []byte(want), args...)
	var wall, cpu time.Duration
	for b.Loop() {
		w, c := firstFrame(b, bin, []byte(want), args...)
		wall, cpu = wall+w, cpu+c
	}
	b.ReportMetric(float64(wall.Microseconds())/float64(b.N)/1000, "frame-ms/op")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N)/1000, "cpu-ms/op")
}
