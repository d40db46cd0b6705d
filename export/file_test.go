package export

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"nianbao/model"
)

func TestFeeSentence(t *testing.T) {
	const n, x, y = "s6.fee.notices", "s6.fee.billed", "s6.fee.collected"
	for _, tc := range []struct {
		name string
		set  map[model.CellAddr]model.Dec
		want string
	}{
		{"all three", map[model.CellAddr]model.Dec{n: model.Int(3), x: 1_500_000, y: 2 * model.DecScale},
			"本年度发出收费通知3件，总金额1.5元，实际收取总金额2元。"},
		{"seed: total missing", map[model.CellAddr]model.Dec{n: 0, y: 0},
			"本年度发出收费通知0件，实际收取总金额0元。"},
		{"only amounts", map[model.CellAddr]model.Dec{x: 120_500_000, y: 100 * model.DecScale},
			"本年度收费通知总金额120.5元，实际收取总金额100元。"},
		{"only count", map[model.CellAddr]model.Dec{n: model.Int(1)}, "本年度发出收费通知1件。"},
		{"only collected", map[model.CellAddr]model.Dec{y: 50_000}, "本年度实际收取总金额0.05元。"},
		{"none", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := model.New("某局", 2024, model.KindCountyDept, model.ScopeSelf)
			for a, v := range tc.set {
				set(t, r, a, v)
			}
			if got := FeeSentence(r); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSeedFeeSentenceInExports(t *testing.T) {
	r := seedReport(t)
	const want = "本年度发出收费通知0件，实际收取总金额0元。"
	for _, f := range []Format{HTML, Markdown} {
		out, _ := Render(r, f, Options{})
		if !strings.Contains(string(out), want) || strings.Contains(string(out), "，总金额") {
			t.Errorf("%s: fee sentence wrong", f)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"html": HTML, "HTML": HTML, ".htm": HTML, " md ": Markdown, "Markdown": Markdown, "json": JSON, "docx": DOCX, ".DOCX": DOCX, "word": DOCX} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "pdf", "doc", "wps"} {
		_, err := ParseFormat(in)
		if err == nil || !strings.Contains(err.Error(), "不认识的导出格式") || !strings.Contains(err.Error(), "docx、html、md、json") {
			t.Errorf("ParseFormat(%q): %v", in, err)
		}
	}
	if _, err := Render(seedReport(t), Format("pdf"), Options{}); err == nil {
		t.Error("Render accepted an unknown format")
	}
}

func TestDefaultFileName(t *testing.T) {
	r := seedReport(t)
	for f, want := range map[Format]string{
		HTML:     "北京市密云区科学技术委员会2023年政府信息公开工作年度报告.html",
		Markdown: "北京市密云区科学技术委员会2023年政府信息公开工作年度报告.md",
		JSON:     "北京市密云区科学技术委员会2023年政府信息公开工作年度报告.json",
	} {
		if got := DefaultFileName(r, f); got != want {
			t.Errorf("%s: %q, want %q", f, got, want)
		}
	}
	r.Agency = `某市/某区:局*"?<>|`
	if got := DefaultFileName(r, HTML); got != "某市_某区_局______2023年政府信息公开工作年度报告.html" {
		t.Errorf("unsafe agency name gives %q", got)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DefaultFileName(seedReport(t), HTML))
	if err := WriteFile(path, []byte("first"), false); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, []byte("second"), false)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("writing over an existing file without force: %v, want ErrExists", err)
	}
	if want := "目标文件已存在：" + path; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("refused write changed the file: %q", b)
	}
	if err := WriteFile(path, []byte("second"), true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second" {
		t.Errorf("forced write left %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %d entries", len(entries))
	}

	err = WriteFile(filepath.Join(dir, "没有这个文件夹", "a.html"), []byte("x"), false)
	if err == nil || !strings.HasPrefix(err.Error(), "无法写入 ") || !strings.Contains(err.Error(), "文件夹不存在") {
		t.Errorf("missing folder: %v", err)
	}
	for _, force := range []bool{false, true} {
		// A folder is never "a file that exists": replacing will not help.
		err = WriteFile(dir, []byte("x"), force)
		if err == nil || errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "这是一个文件夹") {
			t.Errorf("writing onto a folder, force=%v: %v", force, err)
		}
		if err2 := CheckTarget(dir, force); err2 == nil || err2.Error() != err.Error() {
			t.Errorf("CheckTarget(folder, %v) = %v, want WriteFile's %v", force, err2, err)
		}
	}
	if err := CheckTarget(path, false); !errors.Is(err, ErrExists) {
		t.Errorf("CheckTarget(existing file) = %v, want ErrExists", err)
	}
	for _, p := range []string{path, filepath.Join(dir, "新文件.md"), filepath.Join(dir, "没有这个文件夹", "a.md")} {
		if err := CheckTarget(p, p == path); err != nil {
			t.Errorf("CheckTarget(%s) = %v, want nil (WriteFile would try)", p, err)
		}
	}
	// A file where a folder should be, and a name longer than any file
	// system takes: still a Chinese reason, and nothing written.
	err = WriteFile(filepath.Join(path, "a.html"), []byte("x"), false)
	if err == nil || !strings.Contains(err.Error(), "不是文件夹") {
		t.Errorf("a file as the folder: %v", err)
	}
	err = WriteFile(filepath.Join(dir, strings.Repeat("报告", 60)+".html"), []byte("x"), false)
	if err == nil || !strings.Contains(err.Error(), "太长") {
		t.Errorf("a name of 360 bytes: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("failed writes left %d entries", len(entries))
	}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		err = WriteFile(filepath.Join(ro, "a.md"), []byte("x"), false)
		if err == nil || !strings.Contains(err.Error(), "没有写入权限") {
			t.Errorf("read-only folder: %v", err)
		}
	}
}

func TestJSONIsTheModelForm(t *testing.T) {
	r := completeReport(t)
	out, err := Render(r, JSON, Options{})
	if err != nil {
		t.Fatal(err)
	}
	back, err := model.Decode(out)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Render(back, JSON, Options{})
	if string(again) != string(out) {
		t.Error("JSON does not round-trip to the same bytes")
	}
	if !strings.Contains(string(out), `"s2.fees.amount": 0.125`) && !strings.Contains(string(out), `"s2.fees.amount":0.125`) {
		t.Errorf("amount not in shortest form")
	}
}

func BenchmarkHTML(b *testing.B) {
	r := completeReport(b)
	for b.Loop() {
		if _, err := Render(r, HTML, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarkdown(b *testing.B) {
	r := completeReport(b)
	for b.Loop() {
		if _, err := Render(r, Markdown, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSON(b *testing.B) {
	r := completeReport(b)
	for b.Loop() {
		if _, err := Render(r, JSON, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
