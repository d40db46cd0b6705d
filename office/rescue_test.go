package office

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nianbao/model"
)

// TestRescueFirstPlaceThatTakesIt: the unsaved report goes to the first
// folder that takes it, as JSON that ReadImport reads back as it was; a
// second rescue in the same second does not overwrite the first; with no
// folder taking it, every folder is named with its reason, in Chinese.
func TestRescueFirstPlaceThatTakesIt(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	missing := filepath.Join(tmp, "missing")
	good := filepath.Join(tmp, "good")
	os.Mkdir(good, 0o755)

	r := model.New("甲县科学技术局", 2024, model.KindCountyDept, model.ScopeSelf)
	r.ID = model.NewID()
	r.S5 = "粘贴到五的文字，尚未保存。"
	_ = r.Set("s3.new.natural", model.Int(23))
	data, _ := model.Encode(r)
	now := time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)

	p, err := SaveAside([]string{file, missing, good}, "甲县科学技术局2024年政府信息公开工作年度报告.json", data, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(good, "甲县科学技术局2024年政府信息公开工作年度报告（未保存-20250310-093000）.json"); p != want {
		t.Fatalf("written to %s, want %s", p, want)
	}
	p2, err := SaveAside([]string{good}, "甲县科学技术局2024年政府信息公开工作年度报告.json", data, now)
	if err != nil || p2 == p || !strings.HasSuffix(p2, "-2.json") {
		t.Fatalf("second rescue: %s %v", p2, err)
	}
	imp, err := ReadImport(p, importerOptions("", 0))
	if err != nil {
		t.Fatal(err)
	}
	if got := imp.Report; got.ID != r.ID || got.S5 != r.S5 || got.Agency != r.Agency {
		t.Fatalf("read back %+v", got)
	}
	if v, ok := imp.Report.Get("s3.new.natural"); !ok || v != model.Int(23) {
		t.Fatalf("s3.new.natural read back as %v %v", v, ok)
	}

	_, err = SaveAside([]string{file, missing}, "x.json", data, now)
	var re *RescueError
	if !errors.As(err, &re) || len(re.Tried) != 2 {
		t.Fatalf("%#v", err)
	}
	for _, want := range []string{"在以下位置都无法另存", file, "路径中有一段是文件而不是文件夹", missing, "文件夹不存在"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
}

// TestRescuePlaces: beside the draft file, then home, then the temporary
// folder, each once.
func TestRescuePlaces(t *testing.T) {
	home, tmp := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TMP", tmp)
	got := RescuePlaces(filepath.Join("/srv/nianbao", "drafts.db"))
	if want := []string{"/srv/nianbao", home, tmp}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("%v, want %v", got, want)
	}
	if got := RescuePlaces(filepath.Join(home, "drafts.db")); len(got) != 2 {
		t.Fatalf("home twice: %v", got)
	}
}
