package office

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/export"
	"nianbao/model"
	"nianbao/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "drafts.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func writeJSON(t *testing.T, r *model.Report) string {
	t.Helper()
	b, err := model.Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), r.Agency+".json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestImportNewReplaceAndTakenID: a new report is stored as the file says;
// the same agency and year again is refused without replace and replaces
// (keeping the stored identity and link) with it; the JSON of a stored
// report imported under another name becomes a report of its own.
func TestImportNewReplaceAndTakenID(t *testing.T) {
	o := New(openStore(t))
	r := model.New("甲县科学技术局", 2023, model.KindCountyDept, model.ScopeSelf)
	_ = r.Set("s3.new.natural", model.Int(17))
	path := writeJSON(t, r)

	imp, err := ReadImport(path, importerOptions("", 0))
	if err == nil {
		err = o.FindExisting(imp)
	}
	if err != nil || imp.Existing != nil {
		t.Fatalf("read: %v, existing %v", err, imp.Existing)
	}
	if err := o.StoreImport(imp, false); err != nil {
		t.Fatal(err)
	}
	if imp.Report.ID != r.ID || imp.KindDefaulted {
		t.Fatalf("id %s, kind defaulted %v", imp.Report.ID, imp.KindDefaulted)
	}

	// Again: the stored report is found, and kept unless replacing.
	prev := model.New("甲县科学技术局", 2022, model.KindCountyDept, model.ScopeSelf)
	if err := o.Store().Create(prev, "test"); err != nil {
		t.Fatal(err)
	}
	stored, _ := o.Store().Get(r.ID)
	stored.Previous = prev.ID
	if err := o.Store().Save(stored, "link"); err != nil {
		t.Fatal(err)
	}
	_ = r.Set("s3.new.natural", model.Int(23))
	r.ID = model.NewID() // a copy made elsewhere: another id
	imp, err = ReadImport(writeJSON(t, r), importerOptions("", 0))
	if err == nil {
		err = o.FindExisting(imp)
	}
	if err != nil || imp.Existing == nil || imp.Existing.ID != stored.ID {
		t.Fatalf("existing not found: %v %+v", err, imp)
	}
	var ee *ExistsError
	if err := o.StoreImport(imp, false); !errors.As(err, &ee) || !strings.Contains(err.Error(), "甲县科学技术局2023年") {
		t.Fatalf("without replace: %v", err)
	}
	if got, _ := o.Store().Get(stored.ID); !hasCell(got, "s3.new.natural", 17) {
		t.Fatal("refused import changed the report")
	}
	if err := o.StoreImport(imp, true); err != nil {
		t.Fatal(err)
	}
	got, _ := o.Store().Get(stored.ID)
	if imp.Report.ID != stored.ID || got.Previous != prev.ID || !hasCell(got, "s3.new.natural", 23) {
		t.Fatalf("replaced: id %s previous %q", imp.Report.ID, got.Previous)
	}

	// The JSON of the stored report under another agency's name: its id is
	// taken, so it gets a fresh one instead of failing as a duplicate.
	imp, err = ReadImport(writeJSON(t, got), importerOptions("乙县科学技术局", 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := o.StoreImport(imp, false); err != nil {
		t.Fatal(err)
	}
	if imp.Report.ID == stored.ID {
		t.Fatal("a taken id was reused")
	}
	if list, _ := o.Store().List(); len(list) != 3 {
		t.Fatalf("%d reports", len(list))
	}
}

// TestImportDefaults: a report whose kind the file leaves empty is stored
// as 其他机关 with KindDefaulted set, and scope 本机关; a file without an
// agency is a *MissingError.
func TestImportDefaults(t *testing.T) {
	o := New(openStore(t))
	imp := &Import{Report: model.New("丙机关", 2023, "", ""), File: "x.txt"}
	if err := o.StoreImport(imp, false); err != nil {
		t.Fatal(err)
	}
	got, _ := o.Store().Get(imp.Report.ID)
	if !imp.KindDefaulted || got.Kind != model.KindOther || got.Scope != model.ScopeSelf {
		t.Fatalf("defaulted %v kind %q scope %q", imp.KindDefaulted, got.Kind, got.Scope)
	}
	// A file that says no agency or year.
	var me *MissingError
	if err := (&MissingError{File: "x.txt", Year: true}); !errors.As(error(err), &me) || err.Error() != "无法从 x.txt 读出年度" {
		t.Fatalf("%v", err)
	}
}

func hasCell(r *model.Report, addr model.CellAddr, n int64) bool {
	v, ok := r.Get(addr)
	return ok && v == model.Int(n)
}

// TestExport: the default path carries the choice's suffix; an existing
// file is refused before anything is recorded; the export is recorded in
// the history; when the record cannot be made the file is still written
// and RecordErr says so.
func TestExport(t *testing.T) {
	db := openStore(t)
	o := New(db)
	r, err := o.NewReport("丁市统计局", 2023, model.KindCityDept, model.ScopeSelf)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	frag, _ := export.ChoiceOf(export.HTML, export.Options{Fragment: true})
	if p := DefaultPath(r, frag, dir); filepath.Base(p) != "丁市统计局2023年政府信息公开工作年度报告（片段）.html" {
		t.Fatalf("default path %s", p)
	}
	md, _ := export.ChoiceOf(export.Markdown, export.Options{})
	out, err := o.Export(ExportJob{Report: r, Choice: md, Dir: dir, Record: true})
	if err != nil || out.RecordErr != nil {
		t.Fatal(err, out)
	}
	if !out.Counts.Draft() || out.Counts.MissingCells != len(model.InputCells()) {
		t.Fatalf("counts %+v", out.Counts)
	}
	revs, _ := db.History(r.ID)
	if n := len(revs); n == 0 || !strings.Contains(revs[n-1].Summary, "导出 Markdown 文本 到 "+out.Path) {
		t.Fatalf("history %+v", revs)
	}
	// Again without Force: refused, nothing recorded.
	_, err = o.Export(ExportJob{Report: r, Choice: md, Dir: dir, Record: true})
	if !errors.Is(err, export.ErrExists) {
		t.Fatalf("existing file: %v", err)
	}
	if again, _ := db.History(r.ID); len(again) != len(revs) {
		t.Fatal("a refused export was recorded")
	}
	// The record fails (the draft file is closed): the file is written all
	// the same, and the officer is told.
	db.Close()
	js, _ := export.ChoiceOf(export.JSON, export.Options{})
	out, err = o.Export(ExportJob{Report: r, Choice: js, Dir: dir, Record: true})
	if err != nil || out.RecordErr == nil {
		t.Fatalf("err %v, record error %v", err, out.RecordErr)
	}
	if _, err := os.Stat(out.Path); err != nil {
		t.Fatalf("file not written: %v", err)
	}
	// To standard output: the data, no file.
	out, err = New(nil).Export(ExportJob{Report: r, Choice: js, Path: "-"})
	if err != nil || len(out.Data) == 0 || out.Path != "-" {
		t.Fatalf("%v %+v", err, out)
	}
}

// TestExportGenerator: the build the front end names is the generator of
// the HTML and Word exports; a choice that names one keeps it; the JSON
// form has none, the same bytes whoever exports it.
func TestExportGenerator(t *testing.T) {
	r := model.New("己县教育局", 2023, model.KindCountyDept, model.ScopeSelf)
	const build = "nianbao 1.2.0 (0123456789ab, 2026-07-01, go1.26.8)"
	o := New(nil).WithGenerator(build)
	html, _ := export.ChoiceOf(export.HTML, export.Options{})
	out, err := o.Export(ExportJob{Report: r, Choice: html, Path: "-"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<meta name="generator" content="` + build + `">`; !strings.Contains(string(out.Data), want) {
		t.Errorf("HTML lacks %s", want)
	}
	html.Options.Generator = "nianbao 测试版"
	out, _ = o.Export(ExportJob{Report: r, Choice: html, Path: "-"})
	if !strings.Contains(string(out.Data), `content="nianbao 测试版"`) {
		t.Error("the choice's own generator was replaced")
	}
	docx, _ := export.ChoiceOf(export.DOCX, export.Options{})
	out, _ = o.Export(ExportJob{Report: r, Choice: docx, Path: "-"})
	if app := unzip(t, out.Data, "docProps/app.xml"); !strings.Contains(app, "<Application>"+build+"</Application>") {
		t.Errorf("docProps/app.xml = %s", app)
	}
	js, _ := export.ChoiceOf(export.JSON, export.Options{})
	a, _ := o.Export(ExportJob{Report: r, Choice: js, Path: "-"})
	b, _ := New(nil).Export(ExportJob{Report: r, Choice: js, Path: "-"})
	if string(a.Data) != string(b.Data) || strings.Contains(string(a.Data), "1.2.0") {
		t.Error("the JSON form depends on the build")
	}
}

func unzip(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestChangeHeaderAndLink: a rename, a link to last year's report; a link to
// itself or to a report not of year − 1 is refused and nothing is saved; a
// name taken that year is a duplicate.
func TestChangeHeaderAndLink(t *testing.T) {
	o := New(openStore(t))
	a, _ := o.NewReport("戊区科委", 2023, model.KindCountyDept, model.ScopeSelf)
	b, _ := o.NewReport("戊区科委", 2021, model.KindCountyDept, model.ScopeSelf)
	c, _ := o.NewReport("戊区科学技术局", 2024, model.KindCountyDept, model.ScopeSelf)
	self := c.ID
	if _, err := o.ChangeHeader(c, HeaderChange{Previous: &self}); !errors.Is(err, ErrLinkSelf) {
		t.Fatalf("self: %v", err)
	}
	var ye *LinkYearError
	if _, err := o.ChangeHeader(c, HeaderChange{Previous: &b.ID}); !errors.As(err, &ye) || !strings.Contains(err.Error(), "不是 2023 年度") {
		t.Fatalf("wrong year: %v", err)
	}
	if c.Previous != "" {
		t.Fatal("a refused link changed the report")
	}
	name := "戊区科委"
	kind := model.KindCountyGov
	changed, err := o.ChangeHeader(c, HeaderChange{Previous: &a.ID, Kind: &kind})
	if err != nil || len(changed) != 2 || changed[0] != FieldKind || changed[1] != FieldPrevious {
		t.Fatalf("changed %v, %v", changed, err)
	}
	if p, _ := o.Previous(c); p == nil || p.ID != a.ID {
		t.Fatalf("last year's: %v", p)
	}
	if _, err := o.ChangeHeader(a, HeaderChange{Agency: &name}); err != nil {
		t.Fatal(err) // the same name: nothing to do
	}
	taken := "戊区科委"
	d, _ := o.NewReport("己区科委", 2023, model.KindCountyDept, model.ScopeSelf)
	if _, err := o.ChangeHeader(d, HeaderChange{Agency: &taken}); !errors.Is(err, store.ErrDuplicate) {
		t.Fatalf("taken name: %v", err)
	}
}

// TestPairPrevious: by link first, else by agency and year − 1; the first of
// two with the same id or name counts; never itself.
func TestPairPrevious(t *testing.T) {
	mk := func(id, agency string, year int, prev string) *model.Report {
		r := model.New(agency, year, model.KindOther, model.ScopeSelf)
		r.ID, r.Previous = id, prev
		return r
	}
	a22 := mk("a22", "甲", 2022, "")
	a23 := mk("a23", "甲", 2023, "")
	b23 := mk("b23", "乙", 2023, "a22") // linked across a rename
	dup := mk("x", "丙", 2023, "")
	dup2 := mk("y", "丙", 2024, "x") // the first of the two x counts
	got := PairPrevious([]*model.Report{a22, a23, b23, dup, dup2})
	want := []*model.Report{nil, a22, a22, nil, dup}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %v, want %v", i, got[i], want[i])
		}
	}
}

// TestRollForwardCounts: what was carried over is counted for the note.
func TestRollForwardCounts(t *testing.T) {
	o := New(openStore(t))
	r, _ := o.NewReport("庚县政府", 2023, model.KindCountyGov, model.ScopeArea)
	_ = r.Set("s3.forward.natural", model.Int(2))
	_ = r.Set("s3.forward.legal", model.Int(5))
	if err := o.Store().Save(r, "t"); err != nil {
		t.Fatal(err)
	}
	rolled, err := o.RollForward(r.ID, store.NextHeader{})
	if err != nil {
		t.Fatal(err)
	}
	if rolled.Carried != 2 || rolled.CarryCells != 6 || rolled.Report.Year != 2024 {
		t.Fatalf("%+v", rolled)
	}
}
