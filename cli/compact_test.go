package cli

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"nianbao/model"
	"nianbao/store"
)

// TestCompactCLI: a draft file whose pruned history left most of it free
// is rewritten smaller by nianbao compact, its reports as they were.
func TestCompactCLI(t *testing.T) {
	c := newCLI(t)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local)
	s, err := store.Open(c.db, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	r := fullReport(agency, 2024)
	if err := s.Create(r, ""); err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 40 {
		now = now.Add(10 * time.Minute)
		var b strings.Builder
		for range 30000 {
			b.WriteRune(rune(0x4E00 + rnd.IntN(0x5000)))
		}
		r.S5 = b.String()
		if err := s.Save(r, "长文"); err != nil {
			t.Fatal(err)
		}
	}
	now = now.Add(60 * 24 * time.Hour)
	r.S5 = "五的内容"
	if err := s.Save(r, "短文"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	fi, _ := os.Stat(c.db)
	res := c.ok("compact")
	if !strings.Contains(res.err, "已压缩草稿文件 "+c.db) || !strings.Contains(res.err, "MB →") {
		t.Fatalf("compact said %q", res.err)
	}
	after, _ := os.Stat(c.db)
	t.Logf("%d → %d bytes: %s", fi.Size(), after.Size(), res.err)
	if after.Size() > fi.Size()/3 {
		t.Fatalf("%d → %d bytes", fi.Size(), after.Size())
	}
	got := c.report(agency + "/2024")
	g, _ := model.Encode(got)
	w, _ := model.Encode(r)
	if string(g) != string(w) {
		t.Fatalf("after compaction:\n%s\nwant\n%s", g, w)
	}
}
