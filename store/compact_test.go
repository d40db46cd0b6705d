package store

import (
	"bufio"
	"bytes"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"nianbao/model"
)

// randomText is n random ideographs: text flate cannot shrink much, like
// many distinct reports' prose.
func randomText(rnd *mrand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(rune(0x4E00 + rnd.IntN(0x5000)))
	}
	return b.String()
}

// bloated makes a draft file whose history once held large texts and was
// then pruned: most of it free pages. It returns the reports.
func bloated(t *testing.T, path string, c *clock) []*model.Report {
	t.Helper()
	rnd := mrand.New(mrand.NewPCG(1, 2))
	s := openAt(t, path, c)
	var reps []*model.Report
	for i := range 3 {
		r := fullReport(t, fmt.Sprintf("某机关%d", i), 2024)
		if err := s.Create(r, ""); err != nil {
			t.Fatal(err)
		}
		reps = append(reps, r)
	}
	for k := range 20 {
		for _, r := range reps {
			c.Add(10 * time.Minute)
			r.S5 = randomText(rnd, 40000)
			set(t, r, "s3.new.natural", int64(k))
			if err := s.Save(r, "长文"); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Short texts again the same day, then a month on a save: the long
	// revisions are pruned (the day keeps its last, short, one).
	for _, when := range []time.Duration{10 * time.Minute, 40 * 24 * time.Hour} {
		c.Add(when)
		for _, r := range reps {
			r.S5 = "短" + when.String()
			if err := s.Save(r, "短文"); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.Close()
	return reps
}

// TestCompact: a file mostly free pages is due for compaction, which
// shrinks it, keeps every report, revision and summary as they were, keeps
// the lock (another process still cannot open the file), and leaves the
// store working.
func TestCompact(t *testing.T) {
	c := newClock()
	path := tempDB(t)
	reps := bloated(t, path, c)
	s := openAt(t, path, c)
	size, free, err := s.Usage()
	if err != nil || !s.CompactDue() {
		t.Fatalf("%d bytes, %d free: not due (%v)", size, free, err)
	}
	list, _ := s.List()
	hist := map[string][]Revision{}
	revs := map[string][]byte{}
	for _, r := range reps {
		hist[r.ID], _ = s.History(r.ID)
		for _, h := range hist[r.ID] {
			got, err := s.Revision(r.ID, h.N)
			if err != nil {
				t.Fatal(err)
			}
			revs[fmt.Sprint(r.ID, h.N)] = encode(t, got)
		}
	}
	before, after, err := s.Compact()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d → %d bytes (%d free before)", before, after, free)
	if before != size || after > before/3 {
		t.Fatalf("%d → %d bytes", before, after)
	}
	if s.CompactDue() {
		t.Fatal("still due after compaction")
	}
	if got, _ := s.List(); fmt.Sprint(got) != fmt.Sprint(list) {
		t.Fatalf("list changed:\n%v\n%v", got, list)
	}
	for _, r := range reps {
		got, err := s.Get(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameReport(t, got, r)
		if h, _ := s.History(r.ID); fmt.Sprint(h) != fmt.Sprint(hist[r.ID]) {
			t.Fatalf("history changed: %v", h)
		}
		for _, h := range hist[r.ID] {
			got, err := s.Revision(r.ID, h.N)
			if err != nil || !bytes.Equal(encode(t, got), revs[fmt.Sprint(r.ID, h.N)]) {
				t.Fatalf("revision %d changed: %v", h.N, err)
			}
		}
	}
	// The lock survived the rename.
	out, err := child(t, "TestOpenChild", path).Output()
	if err != nil || !strings.HasPrefix(string(out), "held") {
		t.Fatalf("another process during the session after compaction: %q %v", out, err)
	}
	// The store goes on: saves, new revisions (numbers go on), checks.
	c.Add(time.Hour)
	set(t, reps[0], "s3.new.natural", 99)
	if err := s.Save(reps[0], "压缩后"); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.History(reps[0].ID); h[0].N != hist[reps[0].ID][0].N+1 {
		t.Fatalf("revision numbers after compaction: %+v", h[:2])
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*compact*")); len(left) != 0 {
		t.Fatalf("left over: %v", left)
	}
}

// TestOpenChild tries to open the file once and says what happened.
func TestOpenChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by TestCompact")
	}
	s, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if fe := (*FileError)(nil); err != nil && asFileError(err, &fe) && fe.Problem == Held {
		fmt.Println("held")
		os.Exit(0)
	}
	if err == nil {
		s.Close()
	}
	fmt.Println("opened", err)
	os.Exit(0)
}

func asFileError(err error, fe **FileError) bool {
	e, ok := err.(*FileError)
	*fe = e
	return ok
}

// TestCompactCrashChild saves and compacts in a loop, printing the value
// of each save committed and each compaction finished.
func TestCompactCrashChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by TestCompactCrash")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	r, err := s.Find("某机关0", 2024)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	v, _ := r.Get("s3.new.natural")
	n := int64(v / model.Int(1))
	for {
		n++
		r.Set("s3.new.natural", model.Int(n))
		if err := s.Save(r, "循环"); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(n)
		if _, _, err := s.Compact(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
	}
}

// TestCompactCrash kills a process that saves and compacts at random
// moments: every time, the file opens sound with every save it reported,
// and the next open removes what an interrupted compaction left.
func TestCompactCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test")
	}
	c := newClock()
	path := tempDB(t)
	bloated(t, path, c)
	deadline := time.Now().Add(12 * time.Second)
	for round := 0; round < 12 && time.Now().Before(deadline); round++ {
		cmd := child(t, "TestCompactCrashChild", path)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1<<12)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		first, ok := <-lines
		if !ok || strings.HasPrefix(first, "error") {
			cmd.Wait()
			t.Fatalf("round %d: child: %q", round, first)
		}
		time.Sleep(time.Duration(mrand.IntN(200)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		last := first
		for l := range lines {
			last = l
		}
		want, err := strconv.ParseInt(last, 10, 64)
		if err != nil {
			t.Fatalf("round %d: child said %q", round, last)
		}
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("round %d: after kill: %v", round, err)
		}
		if err := s.Check(); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if bad, _ := s.Damaged(); len(bad) != 0 {
			t.Fatalf("round %d: damaged %v", round, bad)
		}
		r, err := s.Find("某机关0", 2024)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := r.Get("s3.new.natural"); v < model.Int(want) {
			t.Fatalf("round %d: last reported save %d lost, file has %v", round, want, v)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*compact*")); len(left) != 0 {
			t.Fatalf("round %d: left over after open: %v", round, left)
		}
		s.Close()
		t.Logf("round %d: killed after save %d", round, want)
	}
}
