package office

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"nianbao/internal/testunits"
	"nianbao/model"
)

// collectUnits writes the sixty units into a folder in their mixed forms,
// collects it and returns the office, the folder and the units.
func collectUnits(t *testing.T) (*Office, string, []*model.Report) {
	t.Helper()
	o := New(openStore(t))
	dir := t.TempDir()
	units := testunits.Units(testunits.N)
	if _, err := testunits.WriteAll(dir, units); err != nil {
		t.Fatal(err)
	}
	items, skipped, err := o.Collect(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != testunits.N || len(skipped) != 0 {
		t.Fatalf("%d files read, %v skipped", len(items), skipped)
	}
	for _, it := range items {
		if it.Outcome != CollectAdded {
			t.Fatalf("%s: outcome %d, err %v", it.File, it.Outcome, it.Err)
		}
	}
	return o, dir, units
}

// stored is unit i as stored in the draft file.
func stored(t *testing.T, o *Office, i int) *model.Report {
	t.Helper()
	r, err := o.Store().Find(testunits.Agency(i), testunits.Year)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wantCells(t *testing.T, what string, got, want *model.Report) {
	t.Helper()
	for _, c := range model.InputCells() {
		g, gok := got.Get(c.Addr)
		w, wok := want.Get(c.Addr)
		if g != w || gok != wok {
			t.Errorf("%s %s: %s (%v), want %s (%v)", what, c.Addr, g, gok, w, wok)
		}
	}
}

// TestCollectSixtyUnits: sixty unit reports in mixed forms (JSON, HTML,
// the spreadsheet …) are read into the draft file under their own agency
// and year, every figure as the unit wrote it, the empty cell empty; every
// form of the importer is among them.
func TestCollectSixtyUnits(t *testing.T) {
	o, dir, units := collectUnits(t)
	forms := map[string]bool{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		forms[filepath.Ext(e.Name())] = true
	}
	for _, f := range testunits.Forms() {
		if !forms["."+f.Ext] {
			t.Errorf("no unit sent a .%s", f.Ext)
		}
	}
	if len(forms) < 3 {
		t.Errorf("only %d forms", len(forms))
	}
	for i, u := range units {
		r := stored(t, o, i)
		wantCells(t, u.Agency, r, u)
		if r.Scope != model.ScopeSelf {
			t.Errorf("%s: scope %s", u.Agency, r.Scope)
		}
	}
	if _, ok := stored(t, o, testunits.WithEmpty).Get(testunits.EmptyCell); ok {
		t.Error("the empty cell was filled")
	}
}

// TestCollectAgain: a second run changes nothing; a file that changed
// updates its report when the officer had not changed it, is a conflict
// when they had (kept, replaced only when asked, the officer's state kept
// in the history), and an officer's change to a report whose file did not
// change is kept. A file that cannot be read, two files of one report and
// a subfolder are said as such.
func TestCollectAgain(t *testing.T) {
	o, dir, units := collectUnits(t)
	items, _, err := o.Collect(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Outcome != CollectUnchanged {
			t.Fatalf("second run: %s: outcome %d (%v)", it.File, it.Outcome, it.Err)
		}
	}
	forms := testunits.Forms()
	rewrite := func(i int, cell model.CellAddr, v int64) {
		t.Helper()
		u := units[i].Clone()
		u.Set(cell, model.Int(v))
		units[i] = u
		if _, err := testunits.Write(dir, u, forms[i%len(forms)]); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(i int, cell model.CellAddr, v int64) {
		t.Helper()
		r := stored(t, o, i)
		r.Set(cell, model.Int(v))
		if err := o.Store().Save(r, "test edit"); err != nil {
			t.Fatal(err)
		}
	}
	rewrite(5, "s2.licensing.decisions", 77001) // the unit corrected its file
	rewrite(9, "s2.licensing.decisions", 77002) // … and so did this one,
	edit(9, "s2.punishment.decisions", 88001)   // whose report was changed here
	edit(11, "s2.coercion.decisions", 88002)    // changed here, file as before
	os.WriteFile(filepath.Join(dir, "说明.json"), []byte("{not json"), 0o644)
	// A second file of unit 2 with other figures, and a copy of unit 3's.
	other := units[2].Clone()
	other.Set("s2.licensing.decisions", model.Int(99))
	b, _ := model.Encode(other)
	os.WriteFile(filepath.Join(dir, "zz-second.json"), b, 0o644)
	b, _ = model.Encode(units[3])
	os.WriteFile(filepath.Join(dir, "zz-copy.json"), b, 0o644)
	os.Mkdir(filepath.Join(dir, "旧文件"), 0o755)
	os.WriteFile(filepath.Join(dir, ".hidden.json"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "~$lock.xlsx"), []byte("x"), 0o644)

	items, skipped, err := o.Collect(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(skipped, []string{"旧文件"}) {
		t.Errorf("skipped %v", skipped)
	}
	byAgency := map[string]CollectOutcome{}
	var failed, second, copied *CollectItem
	for _, it := range items {
		switch it.File {
		case "说明.json":
			failed = it
		case "zz-second.json":
			second = it
		case "zz-copy.json":
			copied = it
		default:
			byAgency[it.Import.Report.Agency] = it.Outcome
		}
	}
	want := map[int]CollectOutcome{5: CollectUpdated, 9: CollectConflict, 11: CollectKept, 0: CollectUnchanged, 59: CollectUnchanged}
	for i, w := range want {
		if got := byAgency[testunits.Agency(i)]; got != w {
			t.Errorf("unit %d: outcome %d, want %d", i, got, w)
		}
	}
	if failed == nil || failed.Outcome != CollectFailed || failed.Err == nil || failed.Outcome.OK() {
		t.Errorf("bad file: %+v", failed)
	}
	if second == nil || second.Outcome != CollectDuplicate || second.Other == "" {
		t.Errorf("a second report of unit 2: %+v", second)
	}
	// A copy of unit 3's file: read once (from the first by name), the
	// other said to be the same.
	var same, read int
	for _, it := range items {
		if it.Import != nil && it.Import.Report.Agency == testunits.Agency(3) {
			switch it.Outcome {
			case CollectSame:
				same++
			case CollectUnchanged:
				read++
			}
		}
	}
	if copied == nil || same != 1 || read != 1 || !CollectSame.OK() {
		t.Errorf("a copy of unit 3: %d same, %d read", same, read)
	}
	if v, _ := stored(t, o, 5).Get("s2.licensing.decisions"); v != model.Int(77001) {
		t.Errorf("unit 5 not updated: %s", v)
	}
	if v, _ := stored(t, o, 9).Get("s2.punishment.decisions"); v != model.Int(88001) {
		t.Errorf("unit 9's edit lost: %s", v)
	}
	if v, _ := stored(t, o, 11).Get("s2.coercion.decisions"); v != model.Int(88002) {
		t.Errorf("unit 11's edit lost: %s", v)
	}
	if v, _ := stored(t, o, 2).Get("s2.licensing.decisions"); v == model.Int(99) {
		t.Error("the second file of unit 2 was taken")
	}
	for _, it := range items {
		if it.Import != nil && it.Import.Report.Agency == testunits.Agency(2) && it.Outcome != CollectDuplicate {
			t.Errorf("%s: unit 2's files disagree, yet %d", it.File, it.Outcome)
		}
	}

	// Asked to replace: the conflict is replaced, the officer's state kept.
	if err := o.CollectItems(items, true); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Import != nil && it.Import.Report.Agency == testunits.Agency(9) && it.File != "zz-second.json" && it.Outcome != CollectReplaced {
			t.Errorf("unit 9 after replace: %d", it.Outcome)
		}
	}
	r9 := stored(t, o, 9)
	if v, _ := r9.Get("s2.licensing.decisions"); v != model.Int(77002) {
		t.Errorf("unit 9 not replaced: %s", v)
	}
	revs, _ := o.Store().History(r9.ID)
	found := false
	for _, rv := range revs {
		old, err := o.Store().Revision(r9.ID, rv.N)
		if err == nil {
			if v, _ := old.Get("s2.punishment.decisions"); v == model.Int(88001) {
				found = true
			}
		}
	}
	if !found {
		t.Error("the officer's edit of unit 9 is in no revision")
	}
	// And the next run sees unit 9 as collected, unchanged.
	items, _, _ = o.Collect(dir, false)
	for _, it := range items {
		if it.Import != nil && it.Import.Report.Agency == testunits.Agency(9) && it.File != "zz-second.json" && it.Outcome != CollectUnchanged {
			t.Errorf("unit 9 on the run after: %d", it.Outcome)
		}
	}
}

// TestCollectFolderErrors: a missing folder and a file given as folder.
func TestCollectFolderErrors(t *testing.T) {
	o := New(openStore(t))
	var fe *FolderError
	if _, _, err := o.Collect(filepath.Join(t.TempDir(), "nope"), false); !errors.As(err, &fe) || !strings.Contains(err.Error(), "找不到文件夹") {
		t.Errorf("missing folder: %v", err)
	}
	f := filepath.Join(t.TempDir(), "a.json")
	os.WriteFile(f, []byte("{}"), 0o644)
	if _, _, err := o.Collect(f, false); !errors.As(err, &fe) {
		t.Errorf("a file: %v", err)
	}
}

// TestStatusSixtyUnits: one row per unit; the two with errors say so with
// the first error, the one with an empty cell has one cell unfilled, the
// others neither.
func TestStatusSixtyUnits(t *testing.T) {
	o, _, _ := collectUnits(t)
	st, err := o.Status(testunits.Year)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Units) != testunits.N || len(st.Sums) != 0 || len(st.Damaged) != 0 {
		t.Fatalf("%d units, %d sums, %d damaged", len(st.Units), len(st.Sums), len(st.Damaged))
	}
	for _, u := range st.Units {
		i := slices.IndexFunc(make([]int, testunits.N), func(int) bool { return false })
		for j := range testunits.N {
			if testunits.Agency(j) == u.Agency {
				i = j
			}
		}
		col, bad := testunits.WithErrors[i]
		switch {
		case bad:
			c, _ := model.Cell(model.S3.Addr("new", col))
			if u.Counts.Errors != 1 || !strings.Contains(u.FirstError, "三、"+c.ColSpec().Label+"列") {
				t.Errorf("%s: %d errors, first %q", u.Agency, u.Counts.Errors, u.FirstError)
			}
		case u.Counts.Errors != 0 || u.FirstError != "":
			t.Errorf("%s: %d errors (%s)", u.Agency, u.Counts.Errors, u.FirstError)
		}
		wantFilled := model.NumInputs
		if i == testunits.WithEmpty {
			wantFilled--
		}
		if u.Filled != wantFilled || u.Total != model.NumInputs {
			t.Errorf("%s: filled %d/%d", u.Agency, u.Filled, u.Total)
		}
		if u.Updated.IsZero() {
			t.Errorf("%s: no time", u.Agency)
		}
	}
}

// TestSumSixtyUnits: the sum of every unit of the year: each cell the
// exact sum of the sixty, the cell one unit left empty empty with a note
// naming it, the 勾稽关系 failing where the units' do, units kept.
func TestSumSixtyUnits(t *testing.T) {
	o, _, units := collectUnits(t)
	res, err := o.Sum(SumRequest{Agency: "示例县人民政府", Year: testunits.Year, AllOfYear: true})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Report
	if !res.Created || s.Scope != model.ScopeArea || s.Kind != model.KindCountyGov || res.KindGuessed {
		t.Fatalf("sum: created %v scope %s kind %s guessed %v", res.Created, s.Scope, s.Kind, res.KindGuessed)
	}
	if len(s.Units) != testunits.N || res.Empty != 1 {
		t.Fatalf("%d units, %d empty", len(s.Units), res.Empty)
	}
	for _, c := range model.InputCells() {
		var want model.Dec
		for _, u := range units {
			v, _ := u.Get(c.Addr)
			want += v
		}
		got, ok := s.Get(c.Addr)
		if c.Addr == testunits.EmptyCell {
			if ok {
				t.Errorf("%s summed over an empty cell: %s", c.Addr, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("%s: %s (%v), want %s", c.Addr, got, ok, want)
		}
	}
	if v, _ := s.Get("s2.fees.amount"); v.String() != "1831.83183" { // Σ (i+1)·1.001001, i < 60
		t.Errorf("万元 sum %s", v)
	}
	fs := model.Check(s, nil)
	var balance []string
	noted := false
	for _, f := range fs {
		if f.ID == "s3.balance" {
			balance = append(balance, string(f.Cells[0]))
		}
		if f.ID == model.NoteRuleID && slices.Contains(f.Cells, testunits.EmptyCell) {
			noted = strings.Contains(f.Message, testunits.Agency(testunits.WithEmpty)) && strings.Contains(f.Message, "未填写")
		}
	}
	slices.Sort(balance)
	if !slices.Equal(balance, []string{"s3.new.business", "s3.new.natural"}) {
		t.Errorf("balance findings on %v", balance)
	}
	if !noted {
		t.Errorf("no note names the unit that left the cell empty: %v", s.Notes)
	}
	// Stored as it is.
	got, err := o.Store().Get(s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := model.Encode(got); string(a) != string(must(model.Encode(s))) {
		t.Error("stored sum differs")
	}
	// Never over a report of the agency itself.
	self := model.New("示例县交通局", testunits.Year, model.KindCountyDept, model.ScopeSelf)
	o.Store().Create(self, "t")
	var se *SelfExistsError
	if _, err := o.Sum(SumRequest{Agency: self.Agency, Year: testunits.Year, AllOfYear: true}); !errors.As(err, &se) {
		t.Errorf("sum over a self report: %v", err)
	}
	// Explicit units: of another year, twice, the sum itself.
	var ue *UnitError
	if _, err := o.Sum(SumRequest{Agency: "示例县人民政府", Year: testunits.Year, Units: []string{units[0].ID, s.ID}}); !errors.As(err, &ue) {
		t.Errorf("the sum as its own unit: %v", err)
	}
	if _, err := o.Sum(SumRequest{Agency: "示例县人民政府", Year: 2023, Units: []string{stored(t, o, 1).ID}}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "2023") {
		t.Errorf("a unit of another year: %v", err)
	}
	if _, err := o.Sum(SumRequest{Agency: "空县人民政府", Year: 1999, AllOfYear: true}); !errors.Is(err, ErrNoUnits) {
		t.Errorf("no units: %v", err)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestRefreshAfterChange: a unit changed after the sum makes it stale,
// naming the unit and the cells; refreshing sums again in place, keeping
// the officer's texts; filling the empty cell fills the sum's and drops
// its note.
func TestRefreshAfterChange(t *testing.T) {
	o, _, units := collectUnits(t)
	res, err := o.Sum(SumRequest{Agency: "示例县人民政府", Year: testunits.Year, AllOfYear: true})
	if err != nil {
		t.Fatal(err)
	}
	sum := res.Report
	sum.S5 = "汇总报告的文字，由政务公开办撰写。"
	if err := o.Store().Save(sum, "text"); err != nil {
		t.Fatal(err)
	}
	if st, err := o.SumState(sum); err != nil || st.Stale() {
		t.Fatalf("fresh sum stale: %+v %v", st, err)
	}
	u3 := stored(t, o, 3)
	u3.Set("s3.new.natural", model.Int(123456))
	u41 := stored(t, o, testunits.WithEmpty)
	u41.Set(testunits.EmptyCell, model.Int(5))
	for _, u := range []*model.Report{u3, u41} {
		if err := o.Store().Save(u, "edit"); err != nil {
			t.Fatal(err)
		}
	}
	st, err := o.SumState(sum)
	if err != nil || !st.Stale() || st.Cells != 2 || !st.Notes || len(st.Changed) != 2 {
		t.Fatalf("after a change: %+v %v", st, err)
	}
	ys, err := o.Status(testunits.Year)
	if err != nil || len(ys.Sums) != 1 || !ys.Sums[0].State.Stale() {
		t.Fatalf("status of the sums: %+v %v", ys.Sums, err)
	}
	res, err = o.Refresh(sum.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed != 2 || res.Empty != 0 {
		t.Errorf("refresh changed %d, left %d empty", res.Changed, res.Empty)
	}
	got, _ := o.Store().Get(sum.ID)
	old3, _ := units[3].Get("s3.new.natural")
	before, _ := sum.Get("s3.new.natural")
	if v, _ := got.Get("s3.new.natural"); v != before-old3+model.Int(123456) {
		t.Errorf("refreshed cell %s", v)
	}
	if v, ok := got.Get(testunits.EmptyCell); !ok || v == 0 {
		t.Errorf("the cell once empty: %s %v", v, ok)
	}
	if len(got.Notes) != 0 || got.S5 != sum.S5 {
		t.Errorf("notes %v, text %q", got.Notes, got.S5)
	}
	if st, _ := o.SumState(got); st.Stale() {
		t.Errorf("stale after refresh: %+v", st)
	}
	// The state before is a revision of its own.
	revs, _ := o.Store().History(sum.ID)
	if len(revs) < 2 || !strings.Contains(revs[0].Summary, "更新汇总") {
		t.Errorf("history %+v", revs)
	}
	// A unit gone: refresh refuses, staleness names it.
	if err := o.Store().Delete(u3.ID); err != nil {
		t.Fatal(err)
	}
	var ue *UnitError
	if _, err := o.Refresh(sum.ID); !errors.As(err, &ue) {
		t.Errorf("refresh without a unit: %v", err)
	}
	if st, _ := o.SumState(got); len(st.Gone) != 1 || !st.Stale() {
		t.Errorf("gone unit: %+v", st)
	}
	if _, err := o.Refresh(u41.ID); !errors.Is(err, ErrNotSum) {
		t.Errorf("refresh of a unit: %v", err)
	}
}

// TestFiguresPerUnit: one row of 三 of every unit side by side, each
// unit's own figures, the sum row as the sum gives it (empty where a unit
// left the cell empty), and the unit whose applications jumped to over 5×
// last year's marked.
func TestFiguresPerUnit(t *testing.T) {
	o, _, units := collectUnits(t)
	// Last year's reports of two units: one with a fifth of this year's
	// new applications, one close to this year's.
	for _, i := range []int{4, 6} {
		p := model.New(testunits.Agency(i), testunits.Year-1, testunits.Kind(i), model.ScopeSelf)
		now, _ := units[i].Value("s3.new.total")
		for _, c := range model.S3.Blocks[0].Cols[:6] {
			v, _ := units[i].Get(model.S3.Addr("new", c.Key))
			if i == 4 {
				v = v/6 - model.Int(1)
			}
			p.Set(model.S3.Addr("new", c.Key), v)
		}
		_ = now
		if err := o.Store().Create(p, "last year"); err != nil {
			t.Fatal(err)
		}
	}
	f, err := o.FiguresOf(testunits.Year, "s3.denied_third")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Units) != testunits.N || len(f.Cells) != 7 || f.Key.Addr != "s3.denied_third.total" {
		t.Fatalf("%d rows, %d cells, key %s", len(f.Units), len(f.Cells), f.Key.Addr)
	}
	for _, row := range f.Units {
		var u *model.Report
		for _, x := range units {
			if x.Agency == row.Agency {
				u = x
			}
		}
		for k, c := range f.Cells {
			v, st := u.ValueOf(c)
			if row.Values[k] != v || row.States[k] != st {
				t.Errorf("%s %s: %s, want %s", row.Agency, c.Addr, row.Values[k], v)
			}
		}
	}
	legal := slices.IndexFunc(f.Cells, func(c *model.CellSpec) bool { return c.Addr == testunits.EmptyCell })
	if f.Sum.States[legal] != model.Empty || f.Sum.States[len(f.Cells)-1] == model.Filled {
		t.Errorf("sum row over the empty cell: %v", f.Sum.States)
	}
	if f.Sum.States[0] != model.Filled {
		t.Errorf("sum row: %v", f.Sum.States)
	}
	f, err = o.FiguresOf(testunits.Year, "s3.new")
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range f.Units {
		jump := row.Agency == testunits.Agency(4)
		if row.Jump != jump {
			t.Errorf("%s: jump %v", row.Agency, row.Jump)
		}
		hasLast := row.Agency == testunits.Agency(4) || row.Agency == testunits.Agency(6)
		if (row.LastState == model.Filled) != hasLast {
			t.Errorf("%s: last year %v", row.Agency, row.LastState)
		}
	}
	// A single cell, and a name that is none.
	if f, err := o.FiguresOf(testunits.Year, "s2.fees.amount"); err != nil || len(f.Cells) != 1 {
		t.Errorf("one cell: %v", err)
	}
	var fe *FigureError
	if _, err := o.FiguresOf(testunits.Year, "s3.nothing"); !errors.As(err, &fe) {
		t.Errorf("bad name: %v", err)
	}
}
