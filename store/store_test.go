package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"nianbao/model"
)

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name, goos string
		env        map[string]string
		home, want string
	}{
		{"linux XDG", "linux", map[string]string{"XDG_DATA_HOME": "/data/x"}, "/home/a", "/data/x/nianbao/drafts.db"},
		{"linux default", "linux", nil, "/home/a", "/home/a/.local/share/nianbao/drafts.db"},
		{"linux relative XDG ignored", "linux", map[string]string{"XDG_DATA_HOME": "rel"}, "/home/a", "/home/a/.local/share/nianbao/drafts.db"},
		{"windows local not roaming", "windows", map[string]string{"LocalAppData": `C:\Users\a\AppData\Local`, "AppData": `\\server\roaming`}, `C:\Users\a`,
			filepath.Join(`C:\Users\a\AppData\Local`, "nianbao", "drafts.db")},
		{"macOS", "darwin", map[string]string{"XDG_DATA_HOME": "/data/x"}, "/Users/a", "/Users/a/Library/Application Support/nianbao/drafts.db"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := defaultPathFor(tc.goos, env(tc.env), tc.home)
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if _, err := defaultPathFor("linux", env(nil), ""); !errors.Is(err, ErrNoDataDir) {
		t.Fatalf("no home: %v", err)
	}
}

func TestResolvePath(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
	t.Setenv(EnvDB, filepath.Join(dir, "env.db"))
	if got, _ := ResolvePath(filepath.Join(dir, "flag.db")); got != filepath.Join(dir, "flag.db") {
		t.Errorf("flag: %s", got)
	}
	if got, _ := ResolvePath(""); got != filepath.Join(dir, "env.db") {
		t.Errorf("env: %s", got)
	}
	t.Setenv(EnvDB, "")
	if got, _ := ResolvePath(""); got != filepath.Join(dir, "xdg", "nianbao", "drafts.db") {
		t.Errorf("default: %s", got)
	}
}

func TestSaveLoadFullReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "drafts.db")
	s := openAt(t, path, nil)
	r := fullReport(t, "北京市密云区科学技术委员会", 2023)
	if err := s.Create(r, ""); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, %v; want 0600", fi.Mode(), err)
	}
	s.Close()

	s = openAt(t, path, nil)
	got, err := s.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameReport(t, got, r)
	if f, _ := got.FilledCount(nil); f != model.NumInputs {
		t.Fatalf("filled %d cells, want %d", f, model.NumInputs)
	}
	found, err := s.Find(" 北京市密云区科学技术委员会", 2023)
	if err != nil || found.ID != r.ID {
		t.Fatalf("Find: %v %v", found, err)
	}
	list, err := s.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("List: %v %v", list, err)
	}
	if l := list[0]; l.ID != r.ID || l.Agency != r.Agency || l.Year != 2023 || l.Updated.IsZero() {
		t.Fatalf("summary %+v", l)
	}
	wantCounts(t, s, r, nil)
	_, err = s.Get("nope")
	wantErr(t, err, ErrNotFound)
	wantErr(t, s.Create(fullReport(t, "北京市密云区科学技术委员会", 2023), ""), ErrDuplicate, "北京市密云区科学技术委员会2023年")
}

func TestListOrder(t *testing.T) {
	s := openAt(t, tempDB(t), nil)
	for _, a := range []struct {
		agency string
		year   int
	}{{"张家口市", 2023}, {"北京市", 2023}, {"北京市", 2025}, {"安庆市", 2024}, {"北京市", 2024}} {
		if err := s.Create(model.New(a.agency, a.year, model.KindCityGov, model.ScopeSelf), ""); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.List()
	var got []string
	for _, l := range list {
		got = append(got, fmt.Sprint(l.Agency, l.Year))
	}
	// pinyin order: an(qing) < bei(jing) < zhang(jiakou)
	if want := "安庆市2024 北京市2025 北京市2024 北京市2023 张家口市2023"; strings.Join(got, " ") != want {
		t.Fatalf("order %v, want %s", got, want)
	}
}

// TestListConcurrent: List is safe from several goroutines, as Store says
// (the UI's commands and check --all's readers call it at once); run with
// -race, a collator shared between sorts is a data race.
func TestListConcurrent(t *testing.T) {
	s := openAt(t, tempDB(t), nil)
	names := []string{"张家口市", "北京市", "安庆市", "重庆市", "长沙市", "厦门市", "西安市", "哈尔滨市"}
	for i, n := range names {
		if err := s.Create(model.New(n, 2020+i, model.KindCityGov, model.ScopeSelf), ""); err != nil {
			t.Fatal(err)
		}
	}
	want, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got, err := s.List()
				if err != nil {
					errs <- err
					return
				}
				for i := range got {
					if got[i].ID != want[i].ID {
						errs <- fmt.Errorf("order differs at %d: %s, want %s", i, got[i].Agency, want[i].Agency)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestHistoryCoalesceRestore(t *testing.T) {
	c := newClock()
	s := openAt(t, tempDB(t), c)
	r := model.New("某区科委", 2025, model.KindCountyDept, model.ScopeSelf)
	if err := s.Create(r, ""); err != nil {
		t.Fatal(err)
	}
	// A session of edits: at most one revision per five minutes.
	for i, step := range []time.Duration{time.Minute, time.Minute, 2 * time.Minute, 30 * time.Second} {
		c.Add(step)
		set(t, r, "s3.new.natural", int64(i+1))
		if err := s.Save(r, fmt.Sprintf("修改表三 %d", i+1)); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := s.History(r.ID)
	if len(h) != 2 || h[0].Summary != "修改表三 1；修改表三 2；修改表三 3等 4 项修改" || h[1].Summary != "新建报告" {
		t.Fatalf("history after one session: %+v", h)
	}
	c.Add(5 * time.Minute) // now 5.5 minutes after the revision started: a new one
	set(t, r, "s3.new.natural", 10)
	if err := s.Save(r, "改为10"); err != nil {
		t.Fatal(err)
	}
	// Saving the same content again changes nothing.
	if err := s.Save(r, "没有变化"); err != nil {
		t.Fatal(err)
	}
	h, _ = s.History(r.ID)
	if len(h) != 3 || h[0].Summary != "改为10" || h[0].N != 3 {
		t.Fatalf("history: %+v", h)
	}

	// Restore revision 2 (s3.new.natural = 4); the state before is kept and
	// the restore is itself a revision.
	c.Add(time.Minute)
	got, err := s.Restore(r.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := got.Get("s3.new.natural"); v != model.Int(4) {
		t.Fatalf("restored value %v", v)
	}
	stored, _ := s.Get(r.ID)
	sameReport(t, stored, got)
	h, _ = s.History(r.ID)
	if len(h) != 4 || !strings.HasPrefix(h[0].Summary, "恢复到第 2 版") || !strings.Contains(h[1].Summary, "恢复第 2 版之前的版本") {
		t.Fatalf("history after restore: %+v", h)
	}
	// An edit right after a restore starts a revision of its own.
	c.Add(time.Second)
	set(t, got, "s3.new.natural", 5)
	if err := s.Save(got, "改为5"); err != nil {
		t.Fatal(err)
	}
	h, _ = s.History(r.ID)
	if len(h) != 5 || !strings.HasPrefix(h[1].Summary, "恢复到第 2 版") {
		t.Fatalf("edit after restore coalesced into it: %+v", h)
	}
	// Undo the restore: back to 10.
	back, err := s.Restore(r.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := back.Get("s3.new.natural"); v != model.Int(10) {
		t.Fatalf("undo restore: %v", v)
	}
	_, err = s.Restore(r.ID, 99)
	wantErr(t, err, ErrNotFound, "第 99 版")

	// Export marks a revision that later edits do not overwrite.
	if err := s.MarkExport(r.ID, "HTML"); err != nil {
		t.Fatal(err)
	}
	h, _ = s.History(r.ID)
	if !strings.Contains(h[0].Summary, "导出 HTML 时的版本") {
		t.Fatalf("export mark: %+v", h[0])
	}
	n := len(h)
	set(t, back, "s3.new.natural", 11)
	s.Save(back, "改为11")
	if h, _ = s.History(r.ID); len(h) != n+1 {
		t.Fatalf("edit after export coalesced into the export revision: %+v", h)
	}
}

// TestHistoryPrune: half a year of editing twice a day, with an export.
// Kept: every revision of the last 7 days, the last of each day for 90
// days, the last of each month before, the creation and the export; each
// kept revision holds exactly what was saved then, on its own.
func TestHistoryPrune(t *testing.T) {
	c := newClock()
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.Local) }
	c.Set(at(1, 1, 10))
	s := openAt(t, tempDB(t), c)
	r := model.New("某区科委", 2025, model.KindCountyDept, model.ScopeSelf)
	if err := s.Create(r, ""); err != nil {
		t.Fatal(err)
	}
	saved := map[int]int64{} // revision number → s3.new.natural it holds
	newest := func() Revision {
		h, err := s.History(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		return h[0]
	}
	n := int64(0)
	for day := at(1, 2, 0); !day.After(at(6, 30, 0)); day = day.AddDate(0, 0, 1) {
		for _, hour := range []int{10, 15} {
			c.Set(day.Add(time.Duration(hour) * time.Hour))
			n++
			set(t, r, "s3.new.natural", n)
			if err := s.Save(r, ""); err != nil {
				t.Fatal(err)
			}
			saved[newest().N] = n
		}
		if day.Equal(at(2, 10, 0)) {
			// The state of 15:00 exported: that revision is pinned.
			c.Set(at(2, 10, 16))
			if err := s.MarkExport(r.ID, "HTML"); err != nil {
				t.Fatal(err)
			}
		}
	}
	h, err := s.History(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 15 of the last 7 days (since 23 June 15:00), 83 daily (1 April to
	// 22 June), the last of March, February and January, the creation
	// and the export.
	if len(h) != 15+83+3+2 {
		t.Fatalf("%d revisions kept", len(h))
	}
	var times []string
	for _, rev := range h {
		times = append(times, rev.Time.Format("01-02 15"))
	}
	want := []string{"06-30 15", "06-30 10"}
	for i, tm := range want {
		if times[i] != tm {
			t.Fatalf("newest: %v", times[:4])
		}
	}
	if tail := strings.Join(times[len(times)-7:], ","); tail != "04-02 15,04-01 15,03-31 15,02-28 15,02-10 15,01-31 15,01-01 10" {
		t.Fatalf("oldest kept: %s", tail)
	}
	if times[14] != "06-23 15" || times[15] != "06-22 15" || times[16] != "06-21 15" {
		t.Fatalf("7-day edge: %v", times[12:18])
	}
	for _, rev := range h {
		got, err := s.Revision(r.ID, rev.N)
		if err != nil {
			t.Fatalf("revision %d: %v", rev.N, err)
		}
		v, _ := got.Get("s3.new.natural")
		pinned := rev.Time.Equal(at(1, 1, 10)) || rev.Time.Equal(at(2, 10, 15))
		if rev.Pinned != pinned {
			t.Errorf("revision %d (%s): pinned %v", rev.N, rev.Time, rev.Pinned)
		}
		if want, ok := saved[rev.N]; ok && v != model.Int(want) {
			t.Fatalf("revision %d (%s) holds %v, want %d", rev.N, rev.Time, v, want)
		}
	}
	// Long idle, then an export of the same state (which pins the newest
	// revision): the newest, the last of each month and the pinned ones.
	c.Add(400 * 24 * time.Hour)
	if err := s.MarkExport(r.ID, "JSON"); err != nil {
		t.Fatal(err)
	}
	h, _ = s.History(r.ID)
	times = times[:0]
	for _, rev := range h {
		times = append(times, rev.Time.Format("01-02 15"))
	}
	if got := strings.Join(times, ","); got != "06-30 15,05-31 15,04-30 15,03-31 15,02-28 15,02-10 15,01-31 15,01-01 10" || !h[0].Pinned {
		t.Fatalf("after a year idle: %s", got)
	}
}

func TestTrashUndelete(t *testing.T) {
	c := newClock()
	s := openAt(t, tempDB(t), c)
	r := fullReport(t, "某区科委", 2024)
	s.Create(r, "")
	if err := s.Delete(r.ID); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.List(); len(l) != 0 {
		t.Fatalf("deleted report still listed: %+v", l)
	}
	tr, _ := s.Trash()
	if len(tr) != 1 || tr[0].ID != r.ID || !tr[0].Deleted.Equal(c.Now()) {
		t.Fatalf("trash: %+v", tr)
	}
	_, err := s.Find("某区科委", 2024)
	wantErr(t, err, ErrNotFound)
	wantErr(t, s.Save(r, ""), ErrNotFound, "回收站")
	// The (agency, year) is free again; a new report takes it.
	other := model.New("某区科委", 2024, model.KindCountyDept, model.ScopeSelf)
	if err := s.Create(other, ""); err != nil {
		t.Fatal(err)
	}
	wantErr(t, s.Undelete(r.ID), ErrDuplicate, "不能从回收站恢复", "某区科委2024年")
	s.Delete(other.ID)
	if err := s.Undelete(r.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.Find("某区科委", 2024)
	if err != nil || got.ID != r.ID {
		t.Fatalf("after undelete: %v %v", got, err)
	}
	sameReport(t, got, r)
	if tr, _ := s.Trash(); len(tr) != 1 || tr[0].ID != other.ID {
		t.Fatalf("trash: %+v", tr)
	}
}

func TestRenameAndLink(t *testing.T) {
	s := openAt(t, tempDB(t), nil)
	old := fullReport(t, "某县科学技术委员会", 2023)
	s.Create(old, "")
	next, err := s.RollForward(old.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 机构改革: last year's report renamed; the id and the link stay.
	old.Agency = "某县科学技术局"
	if err := s.Save(old, "改名"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Find("某县科学技术委员会", 2023); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old name still found: %v", err)
	}
	got, err := s.Find("某县科学技术局", 2023)
	if err != nil || got.ID != old.ID {
		t.Fatalf("new name: %v %v", got, err)
	}
	p, err := s.Previous(next)
	if err != nil || p == nil || p.ID != old.ID || p.Agency != "某县科学技术局" {
		t.Fatalf("link broken by rename: %v %v", p, err)
	}
	// Renaming onto another report's (agency, year) is refused.
	x := model.New("另一机关", 2023, model.KindCountyDept, model.ScopeSelf)
	s.Create(x, "")
	x.Agency = "某县科学技术局"
	wantErr(t, s.Save(x, ""), ErrDuplicate, "某县科学技术局2023年")

	// Two reports made separately, linked (office.ChangeHeader checks
	// the link and saves it).
	a := model.New("甲", 2022, model.KindCountyDept, model.ScopeSelf)
	b := model.New("乙", 2023, model.KindCountyDept, model.ScopeSelf)
	s.Create(a, "导入")
	s.Create(b, "导入")
	if p, _ := s.Previous(b); p != nil {
		t.Fatalf("unexpected previous %v", p.Title())
	}
	b.Previous = a.ID
	if err := s.Save(b, "关联"); err != nil {
		t.Fatal(err)
	}
	b, _ = s.Get(b.ID)
	if p, _ := s.Previous(b); b.Previous != a.ID || p == nil || p.ID != a.ID {
		t.Fatalf("linked: %v", p)
	}
	// Without a link: same agency, year − 1.
	c := model.New("甲", 2023, model.KindCountyDept, model.ScopeSelf)
	s.Create(c, "")
	if p, _ := s.Previous(c); p == nil || p.ID != a.ID {
		t.Fatalf("fallback previous: %v", p)
	}
}

func TestRollForward(t *testing.T) {
	s := openAt(t, tempDB(t), nil)
	src := fullReport(t, "北京市密云区科学技术委员会", 2023)
	set(t, src, "s3.forward.natural", 3)
	src.Clear("s3.forward.legal")
	src.Signer, src.Date = "北京市密云区科学技术委员会办公室", "2024-01-15"
	s.Create(src, "")
	r, err := s.RollForward(src.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The same office signs; the new year has no date yet.
	if r.Signer != src.Signer || r.Date != "" {
		t.Fatalf("落款: signer %q, date %q", r.Signer, r.Date)
	}
	if r.Year != 2024 || r.Agency != src.Agency || r.Kind != src.Kind || r.Scope != src.Scope || r.Previous != src.ID || r.ID == src.ID {
		t.Fatalf("header: %+v", r)
	}
	if r.Preface != src.Preface || r.S1.Intro != src.S1.Intro || len(r.S1.Parts) != len(src.S1.Parts) || r.S1.Parts[2] != src.S1.Parts[2] || r.S5 != src.S5 || r.S6 != src.S6 {
		t.Fatal("narratives not copied")
	}
	for _, c := range model.InputCells() {
		v, ok := r.Get(c.Addr)
		row := c.RowSpec().Key
		if c.Table == model.S3 && row == "carried" {
			sv, sok := src.Get(model.S3.Addr("forward", c.ColSpec().Key))
			if ok != sok || v != sv {
				t.Errorf("%s = %v,%v; want last year's forward %v,%v", c.Addr, v, ok, sv, sok)
			}
		} else if ok {
			t.Errorf("%s should be empty, is %v", c.Addr, v)
		}
	}
	stored, _ := s.Find(src.Agency, 2024)
	sameReport(t, stored, r)
	_, err = s.RollForward(src.ID)
	wantErr(t, err, ErrDuplicate, "2024年")
	// Renamed next year: still refused, since one was started from it.
	r.Agency = "北京市密云区科学技术局"
	s.Save(r, "改名")
	_, err = s.RollForward(src.ID)
	wantErr(t, err, ErrDuplicate, "已从")
	h, _ := s.History(src.ID)
	if !strings.Contains(h[0].Summary, "创建 2024 年度报告之前的版本") {
		t.Fatalf("no revision before roll-forward: %+v", h)
	}
	h, _ = s.History(r.ID)
	if len(h) != 2 || !strings.Contains(h[1].Summary, "从上年报告") {
		t.Fatalf("new report history: %+v", h)
	}
}

func TestReplace(t *testing.T) {
	s := openAt(t, tempDB(t), nil)
	r := fullReport(t, "某区科委", 2024)
	s.Create(r, "")
	imp := model.New("某区科委", 2024, model.KindCountyDept, model.ScopeSelf)
	imp.ID = ""
	if err := s.Replace(imp, "从 HTML 导入"); err != nil {
		t.Fatal(err)
	}
	if imp.ID != r.ID {
		t.Fatalf("Replace did not take the existing id: %s", imp.ID)
	}
	got, _ := s.Get(r.ID)
	sameReport(t, got, imp)
	h, _ := s.History(r.ID)
	if len(h) != 2 || h[0].Summary != "从 HTML 导入" || !strings.Contains(h[1].Summary, "导入覆盖之前的版本") {
		t.Fatalf("history: %+v", h)
	}
	before, _ := s.Revision(r.ID, h[1].N)
	sameReport(t, before, r)
	wantErr(t, s.Replace(model.New("没有的机关", 2024, model.KindOther, model.ScopeSelf), ""), ErrNotFound)
}

func TestSaveErrors(t *testing.T) {
	path := tempDB(t)
	s := openAt(t, path, nil)
	r := model.New("", 2024, model.KindOther, model.ScopeSelf)
	wantErr(t, s.Create(r, ""), nil, "机关名称")
	r.Agency = "某机关"
	// What could not be read back is refused while it is still in memory.
	r.Kind = "county"
	wantErr(t, s.Create(r, ""), nil, "机关类型", "county")
	r.Kind, r.Scope = model.KindOther, "all"
	wantErr(t, s.Create(r, ""), nil, "范围", "all")
	r.Scope = model.ScopeSelf
	r.Year = 23
	wantErr(t, s.Create(r, ""), nil, "年度 23 不对")
	r.Year = 2024
	if l, _ := s.List(); len(l) != 0 {
		t.Fatalf("refused reports stored: %+v", l)
	}
	if err := s.Create(r, ""); err != nil {
		t.Fatal(err)
	}
	// A failed save leaves the caller's report as it was, and a retry on a
	// usable file stores it.
	s.Close()
	set(t, r, "s3.new.natural", 7)
	want := encode(t, r)
	err := s.Save(r, "")
	wantErr(t, err, nil, "报告没有保存", "已经关闭")
	if string(encode(t, r)) != string(want) {
		t.Fatal("failed save changed the report")
	}
	s = openAt(t, path, nil)
	if err := s.Save(r, ""); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(r.ID)
	sameReport(t, got, r)

	tests := []struct {
		err  error
		want []string
	}{
		{fmt.Errorf("write: %w", syscall.ENOSPC), []string{"报告没有保存：磁盘已满", path}},
		{&os.PathError{Op: "open", Path: path, Err: syscall.EROFS}, []string{"报告没有保存：不能写入草稿文件 " + path + "：磁盘（分区）是只读的"}},
		// The file is there: it is the file, not its folder, that is read-only.
		{fmt.Errorf("sync: %w", syscall.EACCES), []string{"文件是只读的，或当前用户没有权限写入这个文件"}},
		{fmt.Errorf("write: %w", syscall.EIO), []string{"报告没有保存：写入草稿文件时出错", "磁盘读写错误"}},
	}
	for _, tc := range tests {
		err := saveError(path, tc.err)
		wantErr(t, err, tc.err, tc.want...)
		// Facts only: each front end adds what to do.
		chineseOnly(t, err.Error(), path)
		if fe := (*FileError)(nil); !errors.As(err, &fe) || fe.Problem != SaveFailed {
			t.Errorf("%v: %#v", tc.err, err)
		}
		if strings.Contains(err.Error(), "窗口") {
			t.Errorf("%q speaks of a window", err)
		}
		if !Unusable(err) {
			t.Errorf("%v: a file that cannot be written must be Unusable (exit 3)", tc.err)
		}
	}
	// The store's own refusals pass unchanged and are not about the file.
	if err := saveError(path, duplicateError("某机关", 2024)); !errors.Is(err, ErrDuplicate) || Unusable(err) {
		t.Errorf("duplicate: %#v", err)
	}
}

// TestSummaryFollowsLastYear: the list's counts include the cross-year
// warnings, so they change when last year's report is edited, deleted,
// restored from the trash or renamed away, without touching this year's.
func TestSummaryFollowsLastYear(t *testing.T) {
	s := openAt(t, tempDB(t), nil)
	last := fullReport(t, "某县科学技术委员会", 2023)
	s.Create(last, "")
	next, err := s.RollForward(last.ID)
	if err != nil {
		t.Fatal(err)
	}
	set(t, next, "s3.carried.natural", 99) // prev.carried: last year forwarded less
	if err := s.Save(next, ""); err != nil {
		t.Fatal(err)
	}
	withPrev := wantCounts(t, s, next, last)
	if withPrev.Warnings == 0 {
		t.Fatal("fixture: no cross-year warning")
	}
	set(t, last, "s3.forward.natural", 99) // last year's edit settles it
	s.Save(last, "")
	if got := wantCounts(t, s, next, last); got.Warnings >= withPrev.Warnings {
		t.Fatalf("warnings %d after last year agreed, were %d", got.Warnings, withPrev.Warnings)
	}
	set(t, last, "s3.forward.natural", 1)
	s.Save(last, "")
	wantCounts(t, s, next, last)
	if err := s.Delete(last.ID); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s, next, nil)
	if err := s.Undelete(last.ID); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s, next, last)

	// Not linked, found by the same name: a rename of last year's report
	// ends that, and the one renamed onto the name starts it.
	a := fullReport(t, "甲", 2023)
	b := model.New("甲", 2024, model.KindCountyDept, model.ScopeSelf)
	b.S1 = a.S1 // prev.copied with last year
	s.Create(a, "")
	s.Create(b, "")
	wantCounts(t, s, b, a)
	a.Agency = "乙"
	s.Save(a, "改名")
	wantCounts(t, s, b, nil)
	a.Agency = "甲"
	s.Save(a, "改回")
	wantCounts(t, s, b, a)
}

// wantCounts checks the listed counts of r against model.Check with prev,
// and returns them.
func wantCounts(t *testing.T, s *Store, r, prev *model.Report) Summary {
	t.Helper()
	var want Summary
	for _, f := range model.Check(r, prev) {
		switch {
		case f.ID == "missing":
			want.Missing++
		case f.Severity == model.SevError:
			want.Errors++
		default:
			want.Warnings++
		}
	}
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range list {
		if l.ID == r.ID {
			if l.Errors != want.Errors || l.Missing != want.Missing || l.Warnings != want.Warnings {
				t.Fatalf("%s: listed errors %d missing %d warnings %d; want %d %d %d", r.Title(), l.Errors, l.Missing, l.Warnings, want.Errors, want.Missing, want.Warnings)
			}
			return l
		}
	}
	t.Fatalf("%s not listed", r.Title())
	return want
}

// TestRollForwardRenamed: after a 机构改革 next year's report is started
// under the new name in one step: the old name's slot is not needed, the
// new one's is checked, and the link holds.
func TestRollForwardRenamed(t *testing.T) {
	s := openAt(t, tempDB(t), nil)
	src := fullReport(t, "某县科学技术委员会", 2023)
	set(t, src, "s3.forward.natural", 4)
	src.Signer = "某县科学技术委员会办公室"
	s.Create(src, "")
	// Someone imported a report under the old name for 2024 already.
	s.Create(model.New("某县科学技术委员会", 2024, model.KindCountyDept, model.ScopeSelf), "导入")
	_, err := s.RollForward(src.ID)
	wantErr(t, err, ErrDuplicate, "某县科学技术委员会2024年")
	taken := model.New("某县科学技术局", 2024, model.KindCountyDept, model.ScopeSelf)
	s.Create(taken, "")
	_, err = s.RollForwardAs(src.ID, NextHeader{Agency: "某县科学技术局"})
	wantErr(t, err, ErrDuplicate, "某县科学技术局2024年")
	s.Delete(taken.ID)

	r, err := s.RollForwardAs(src.ID, NextHeader{Agency: " 某县科学技术局 ", Kind: model.KindCountyGov, Scope: model.ScopeArea})
	if err != nil {
		t.Fatal(err)
	}
	if r.Agency != "某县科学技术局" || r.Year != 2024 || r.Kind != model.KindCountyGov || r.Scope != model.ScopeArea || r.Previous != src.ID {
		t.Fatalf("header: %+v", r)
	}
	if v, _ := r.Get("s3.carried.natural"); v != model.Int(4) {
		t.Fatalf("carried %v", v)
	}
	if r.Signer != "" { // the old name's office does not sign for the new agency
		t.Fatalf("signer %q after a rename", r.Signer)
	}
	stored, err := s.Find("某县科学技术局", 2024)
	if err != nil {
		t.Fatal(err)
	}
	sameReport(t, stored, r)
	if p, _ := s.Previous(stored); p == nil || p.ID != src.ID {
		t.Fatalf("link: %v", p)
	}
	if h, _ := s.History(r.ID); len(h) != 1 {
		t.Fatalf("one step, one revision: %+v", h)
	}
	_, err = s.RollForwardAs(src.ID, NextHeader{Agency: "又一个名称"})
	wantErr(t, err, ErrDuplicate, "已从")
}

// TestRecountAfterUpgrade: counts stored by another version of nianbao
// (other rules) are made again at the first open, so the list shows what
// this program finds.
func TestRecountAfterUpgrade(t *testing.T) {
	path := tempDB(t)
	s := openAt(t, path, nil)
	last := fullReport(t, "某机关", 2023)
	s.Create(last, "")
	r, _ := s.RollForward(last.ID)
	set(t, r, "s3.carried.natural", 99)
	s.Save(r, "")
	gone := model.New("某机关", 2022, model.KindOther, model.ScopeSelf)
	s.Create(gone, "")
	s.Delete(gone.ID)
	// What an older version left: other counts under another fingerprint.
	stale := func(fp string) {
		err := s.db.Update(func(tx *bolt.Tx) error {
			for _, id := range []string{last.ID, r.ID, gone.ID} {
				in, _ := getInfo(tx, id)
				in.Errors, in.Missing, in.Warnings = 50, 50, 50
				putInfo(tx, id, in)
			}
			return tx.Bucket(bucketMeta).Put(keyRules, []byte(fp))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	stale(string(currentRules()))
	s.Close()
	s = openAt(t, path, nil)
	if l, _ := s.List(); l[0].Errors != 50 {
		t.Fatalf("recounted though the rules are the same: %+v", l)
	}
	stale("older")
	s.Close()
	s = openAt(t, path, nil)
	wantCounts(t, s, r, last)
	wantCounts(t, s, last, nil)
	if tr, _ := s.Trash(); tr[0].Errors == 50 {
		t.Fatalf("a report in the trash was not recounted: %+v", tr)
	}
}

// TestOpenErrorKinds: each way bbolt can refuse a file gets its own
// Chinese message naming the file; only real damage says 已损坏.
func TestOpenErrorKinds(t *testing.T) {
	path := tempDB(t)
	tests := []struct {
		err     error
		problem FileProblem
		says    string
	}{
		{berrors.ErrTimeout, Held, "正被另一个 nianbao 窗口使用"},
		{fmt.Errorf("flock: %w", syscall.ENOLCK), NoLocks, "不支持文件锁"},
		{&os.PathError{Op: "open", Path: path, Err: syscall.EROFS}, NotWritable, "磁盘（分区）是只读的"},
		{&os.PathError{Op: "open", Path: path, Err: syscall.EACCES}, NotWritable, "文件夹 " + filepath.Dir(path) + " 只读"},
		// The path leads nowhere: not writable there, never 已损坏.
		{&os.PathError{Op: "open", Path: path, Err: syscall.ENOENT}, NotWritable, "文件不存在"},
		{&os.PathError{Op: "open", Path: path, Err: syscall.ELOOP}, NotWritable, "循环指向自己"},
		{&os.PathError{Op: "open", Path: path, Err: syscall.ENOTDIR}, NotWritable, "路径中有一段是文件而不是文件夹"},
		{fmt.Errorf("write: %w", syscall.ENOSPC), NotWritable, "磁盘已满"},
		{errors.New("invalid database"), Damaged, "已损坏"},
	}
	for _, tc := range tests {
		err := openError(path, tc.err)
		var fe *FileError
		if !errors.As(err, &fe) || fe.Problem != tc.problem || !strings.Contains(err.Error(), tc.says) || !strings.Contains(err.Error(), path) {
			t.Errorf("%v: %#v", tc.err, err)
		}
		chineseOnly(t, err.Error(), path, filepath.Dir(path), filepath.Base(path), "nianbao")
		noFrontEnd(t, err.Error())
		if fe != nil && fe.Detail == "" {
			t.Errorf("%v: the technical cause is not kept in Detail", tc.err)
		}
	}
	// A held file: the words the issue asks for; what to do is the front
	// end's (the command line's --db, the UI's nothing: it never opens one).
	held := openError(path, berrors.ErrTimeout).Error()
	if held != "草稿文件正被另一个 nianbao 窗口使用："+path+"。" {
		t.Errorf("held: %q", held)
	}
}

// TestDamagedSummary: a summary that cannot be read does not hide the
// other reports; it is made again from the report, and a save stores it.
func TestDamagedSummary(t *testing.T) {
	c := newClock()
	s := openAt(t, tempDB(t), c)
	a := fullReport(t, "甲", 2024)
	b := model.New("乙", 2024, model.KindOther, model.ScopeSelf)
	gone := model.New("丙", 2024, model.KindOther, model.ScopeSelf)
	for _, r := range []*model.Report{a, b, gone} {
		s.Create(r, "")
	}
	s.Delete(gone.ID)
	s.db.Update(func(tx *bolt.Tx) error {
		for _, id := range []string{a.ID, gone.ID} {
			tx.Bucket(bucketInfo).Put([]byte(id), []byte("{garbage"))
		}
		return nil
	})
	list, err := s.List()
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %+v %v", list, err)
	}
	wantCounts(t, s, a, nil)
	if list[0].ID != a.ID || !list[0].Updated.Equal(c.Now()) { // 甲 (jia) before 乙 (yi)
		t.Fatalf("rebuilt summary: %+v", list)
	}
	if tr, err := s.Trash(); err != nil || len(tr) != 1 || tr[0].ID != gone.ID || tr[0].Deleted.IsZero() {
		t.Fatalf("trash: %+v %v", tr, err)
	}
	set(t, a, "s3.new.natural", 1)
	if err := s.Save(a, ""); err != nil {
		t.Fatal(err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		if _, err := getInfo(tx, a.ID); err != nil {
			t.Errorf("not stored again: %v", err)
		}
		return nil
	})
	// Both summary and report unreadable: listed from its newest
	// revision; reading it says which report and how to repair it.
	s.db.Update(func(tx *bolt.Tx) error {
		tx.Bucket(bucketInfo).Put([]byte(b.ID), []byte("{"))
		return tx.Bucket(bucketReports).Put([]byte(b.ID), []byte("{"))
	})
	if list, err = s.List(); err != nil || len(list) != 2 || list[1].Agency != "乙" || list[1].Damaged {
		t.Fatalf("list: %+v %v", list, err)
	}
	_, err = s.Get(b.ID)
	wantErr(t, err, ErrDamagedReport, "乙/2024", "可以从历史版本恢复")
	// Its revisions gone too: still listed, under the index's name, and
	// marked damaged; the other reports are not hidden.
	s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketRevs).DeleteBucket([]byte(b.ID)) })
	if list, err = s.List(); err != nil || len(list) != 2 || list[1].Agency != "乙" || list[1].Year != 2024 || !list[1].Damaged {
		t.Fatalf("list: %+v %v", list, err)
	}
	if bad, _ := s.Damaged(); len(bad) != 1 || bad[0].ID != b.ID || bad[0].Agency+"/2024" != "乙/2024" {
		t.Fatalf("damaged: %+v", bad)
	}
}

// TestHistoryRepack: a busy report's history (full reports, two revisions a
// day, thinned as it ages) is rewritten with full pages when its pages run
// sparse, and every revision kept is still there, with its number and its
// content, and numbering goes on after it.
func TestHistoryRepack(t *testing.T) {
	c := newClock()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local)
	c.Set(start)
	s := openAt(t, tempDB(t), c)
	r := fullReport(t, "某市某区第一委员会", 2025)
	if err := s.Create(r, ""); err != nil {
		t.Fatal(err)
	}
	saved := map[int]int64{}
	n := int64(0)
	for day := range 120 {
		for _, hour := range []int{9, 15} {
			c.Set(start.AddDate(0, 0, day).Add(time.Duration(hour) * time.Hour))
			n++
			set(t, r, "s3.new.natural", 7000+n)
			if err := s.Save(r, ""); err != nil {
				t.Fatal(err)
			}
			h, _ := s.History(r.ID)
			saved[h[0].N] = 7000 + n
		}
	}
	var st bolt.BucketStats
	s.db.View(func(tx *bolt.Tx) error {
		st = tx.Bucket(bucketRevs).Bucket([]byte(r.ID)).Stats()
		return nil
	})
	// Left to bbolt, appending fills these pages four-fifths and thinning
	// leaves them half used. Repacked, they are at most one page (the
	// one the last append split) above the fewest they can be.
	if packed := leavesFor(revSizes(t, s, r.ID), PageSize); st.LeafPageN > packed+1 {
		t.Fatalf("revisions in %d pages, %d when full", st.LeafPageN, packed)
	}
	h, err := s.History(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, rev := range h[:len(h)-1] { // the last: the creation
		got, err := s.Revision(r.ID, rev.N)
		if err != nil {
			t.Fatalf("revision %d: %v", rev.N, err)
		}
		if v, _ := got.Get("s3.new.natural"); v != model.Int(saved[rev.N]) {
			t.Fatalf("revision %d (%s) holds %v, want %d", rev.N, rev.Time, v, saved[rev.N])
		}
	}
	c.Add(time.Hour)
	set(t, r, "s3.new.natural", 1)
	if err := s.Save(r, ""); err != nil {
		t.Fatal(err)
	}
	if h2, _ := s.History(r.ID); h2[0].N != h[0].N+1 {
		t.Fatalf("after revision %d comes %d", h[0].N, h2[0].N)
	}
	if bad, err := s.Damaged(); err != nil || len(bad) != 0 {
		t.Fatal(bad, err)
	}
}

// revSizes is the sizes of report id's revisions as leaf elements.
func revSizes(t *testing.T, s *Store, id string) []int {
	t.Helper()
	var els []int
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRevs).Bucket([]byte(id)).ForEach(func(k, v []byte) error {
			els = append(els, boltLeafElement+len(k)+len(v))
			return nil
		})
	})
	return els
}

// TestPackedLeaves: the pages packedLeaves counts for a bucket's items are
// the leaf pages bbolt writes when they are put in order into a new bucket
// with FillPercent 1 (what repack does), for items of a revision's size and
// of sizes from a few bytes to half a page, few and many, in 8 and 4 KiB
// pages.
func TestPackedLeaves(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 8))
	for _, ps := range []int{PageSize, 4096} {
		db, err := bolt.Open(filepath.Join(t.TempDir(), "p.db"), 0o600, &bolt.Options{PageSize: ps})
		if err != nil {
			t.Fatal(err)
		}
		for c := range 61 {
			n := 1 + rnd.IntN(200)
			lo, hi := 1400, 1600 // revisions
			switch c % 3 {
			case 1:
				lo, hi = 1, ps/2
			case 2:
				lo, hi = 200, 900
			}
			if c == 60 { // eight items of exactly a page: bbolt splits it
				n, lo = 8, (ps-boltPageHeader)/8-boltLeafElement-8
				hi = lo + 1
			}
			name := []byte(fmt.Sprint(c))
			var got, want int
			err := db.Update(func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket(name)
				if err != nil {
					return err
				}
				b.FillPercent = 1
				for i := range n {
					if err := b.Put(seqKey(uint64(i+1)), make([]byte, lo+rnd.IntN(hi-lo))); err != nil {
						return err
					}
				}
				return nil
			})
			if err == nil {
				err = db.View(func(tx *bolt.Tx) error {
					b := tx.Bucket(name)
					got, want = b.Stats().LeafPageN, packedLeaves(b)
					return nil
				})
			}
			if err != nil {
				t.Fatal(err)
			}
			// A bucket of less than a quarter page is kept inline, in
			// no page of its own.
			if got != want && !(got == 0 && want == 1) {
				t.Errorf("%d KiB pages, %d items of %d–%d bytes: bbolt wrote %d leaf pages, packedLeaves says %d", ps>>10, n, lo, hi, got, want)
			}
		}
		db.Close()
	}
}
