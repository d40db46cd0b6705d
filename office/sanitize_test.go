package office

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/termsafe"
	"nianbao/model"
	"nianbao/store"
)

// TestWaysInRefuseOrStrip: every operation of office that takes a name
// refuses one with a control character, naming it visibly; text loses
// them; an imported file's texts lose them with a note saying so, and its
// name with one is refused before anything is stored (issue 10.1).
func TestWaysInRefuseOrStrip(t *testing.T) {
	const bad = "甲\x1b]0;PWNED\a局"
	o := New(openStore(t))
	wantRefused := func(what string, err error) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), `\x1b`) || !termsafe.Safe(err.Error()) {
			t.Errorf("%s: %v", what, err)
		}
	}
	_, err := o.NewReport(bad, 2023, model.KindCountyDept, model.ScopeSelf)
	wantRefused("NewReport", err)
	r, err := o.NewReport("甲局", 2023, model.KindCountyDept, model.ScopeSelf)
	if err != nil {
		t.Fatal(err)
	}
	name := bad
	_, err = o.ChangeHeader(r, HeaderChange{Agency: &name})
	wantRefused("ChangeHeader", err)
	_, err = o.RollForward(r.ID, store.NextHeader{Agency: bad})
	wantRefused("RollForward", err)

	SetSection1(r, "开头\x1b[2J段落\u009b\n（一）主动公开\x07\n正文\x00")
	if s := r.S1.Intro + r.S1.Parts[0].Title + r.S1.Parts[0].Body; !termsafe.Safe(s) {
		t.Errorf("SetSection1 kept %q", s)
	}

	dir := t.TempDir()
	page := "乙局\n2023年政府信息公开工作年度报告\n依据条例编制本报告。\x1b]52;c;aGk=\a\n五、存在的主要问题及改进情况\n问题\u009b31m和\x7f改进。\n"
	p := filepath.Join(dir, "乙.txt")
	os.WriteFile(p, []byte(page), 0o644)
	imp, err := ReadImport(p, importerOptions("", 0))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(imp.Notes, "\n"), "控制字符") {
		t.Errorf("no note of the removed characters: %q", imp.Notes)
	}
	if err := o.StoreImport(imp, false); err != nil {
		t.Fatal(err)
	}
	got, _ := o.Store().Find("乙局", 2023)
	// A file name with escapes does not carry them into the history.
	evilName := filepath.Join(dir, "丙\x1b]0;x\a.txt")
	os.WriteFile(evilName, []byte(strings.Replace(page, "乙局", "丙局", 1)), 0o644)
	imp, err = ReadImport(evilName, importerOptions("", 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := o.StoreImport(imp, false); err != nil {
		t.Fatal(err)
	}
	revs, _ := o.Store().History(imp.Report.ID)
	if len(revs) == 0 || !strings.Contains(revs[0].Summary, "丙]0;x.txt") {
		t.Errorf("history %+v", revs)
	}
	for _, r := range revs {
		if !termsafe.Safe(r.Summary) {
			t.Errorf("revision summary %q", r.Summary)
		}
	}
	for _, s := range []string{got.Preface, got.S1.Intro, got.S5, got.S6} {
		if !termsafe.Safe(s) {
			t.Errorf("stored %q", s)
		}
	}
	_, err = ReadImport(p, importerOptions(bad, 2023))
	wantRefused("ReadImport", err)
}
