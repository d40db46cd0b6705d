package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"nianbao/model"
)

// clock is a fake Options.Now that tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)} }

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *clock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }

func openAt(t testing.TB, path string, c *clock) *Store {
	t.Helper()
	opt := Options{}
	if c != nil {
		opt.Now = c.Now
	}
	s, err := Open(path, opt)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func tempDB(t testing.TB) string { return filepath.Join(t.TempDir(), "drafts.db") }

var seedParas = sync.OnceValue(func() []string {
	data, err := os.ReadFile(filepath.Join("testdata", "miyun-kejiwei-2023.txt"))
	if err != nil {
		panic(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); len([]rune(l)) > 40 {
			out = append(out, l)
		}
	}
	return out
})

// fullReport is a report with every input cell filled and the narratives of
// the seed report: the size of a real finished report.
func fullReport(t testing.TB, agency string, year int) *model.Report {
	t.Helper()
	r := model.New(agency, year, model.KindCountyDept, model.ScopeSelf)
	paras := seedParas()
	r.S1.Intro = paras[0]
	for i := range r.S1.Parts {
		r.S1.Parts[i].Body = strings.Join(paras[1+i%(len(paras)-1):min(len(paras), 3+i%(len(paras)-1))], "\n")
	}
	r.S5 = strings.Join(paras[len(paras)-3:], "\n")
	r.S6 = paras[len(paras)-1]
	for i, c := range model.InputCells() {
		v := model.Int(int64(i % 7))
		if c.Unit == model.Wan {
			v = model.Dec(12_345_600) // 12.3456
		} else if c.Unit == model.Yuan {
			v = model.Dec(120_500_000) // 120.5
		}
		if err := r.Set(c.Addr, v); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func encode(t testing.TB, r *model.Report) []byte {
	t.Helper()
	b, err := model.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameReport(t testing.TB, got, want *model.Report) {
	t.Helper()
	if g, w := encode(t, got), encode(t, want); !bytes.Equal(g, w) {
		t.Fatalf("report differs:\ngot  %s\nwant %s", g, w)
	}
}

func wantErr(t testing.TB, err, target error, contains ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", target)
	}
	if target != nil && !errors.Is(err, target) {
		t.Fatalf("error %q is not %v", err, target)
	}
	for _, c := range contains {
		if !strings.Contains(err.Error(), c) {
			t.Fatalf("error %q does not say %q", err, c)
		}
	}
	noFrontEnd(t, err.Error())
}

// frontEndWords are what only a front end may say: the command line's
// commands and options, the UI's keys.
var frontEndWords = regexp.MustCompile(`--[a-z]+|nianbao (new|meta|list|set|text|check|export|import|history|restore|delete|trash|undelete|backups|recover)\b|\bF[0-9]+\b|Ctrl\+|界面|按键|按 `)

// noFrontEnd fails when a store message names a command, an option or a key:
// the store states facts, each front end says what to do in its own terms.
func noFrontEnd(t testing.TB, msg string) {
	t.Helper()
	if m := frontEndWords.FindString(msg); m != "" {
		t.Errorf("store message names %q, a front end's business: %s", m, msg)
	}
}

func set(t testing.TB, r *model.Report, addr string, n int64) {
	t.Helper()
	if err := r.Set(model.CellAddr(addr), model.Int(n)); err != nil {
		t.Fatal(err)
	}
}

var latin = regexp.MustCompile(`[A-Za-z]+`)

// chineseOnly fails when msg has Latin letters beyond the words allowed
// (paths, command names, file names an officer types as they are).
func chineseOnly(t testing.TB, msg string, allowed ...string) {
	t.Helper()
	rest := msg
	for _, a := range append(allowed, "nianbao") {
		rest = strings.ReplaceAll(rest, a, "")
	}
	if w := latin.FindAllString(rest, -1); len(w) > 0 {
		t.Errorf("message has English %q: %s", w, msg)
	}
}
