package importer_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nianbao/export"
	"nianbao/importer"
	"nianbao/internal/testunits"
	"nianbao/model"
)

// TestXLSXRoundTrip: the workbook nianbao writes reads back with every
// cell equal (empty ones empty), its header too, and no note.
func TestXLSXRoundTrip(t *testing.T) {
	for _, i := range []int{0, 3, testunits.WithEmpty, 7} {
		want := testunits.Unit(i)
		data, err := export.Render(want, export.XLSX, export.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := importer.Import(data, "unit.xlsx", importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := res.Report
		if got.Agency != want.Agency || got.Year != want.Year || got.Kind != want.Kind || got.Scope != want.Scope {
			t.Errorf("unit %d: header %s/%d %s %s, want %s/%d %s %s", i, got.Agency, got.Year, got.Kind, got.Scope, want.Agency, want.Year, want.Kind, want.Scope)
		}
		sameCells(t, got, want)
		if len(res.Notes) != 0 {
			t.Errorf("unit %d: notes %q", i, res.Notes)
		}
		if res.Source != "xlsx" {
			t.Errorf("source %q", res.Source)
		}
	}
}

func sameCells(t *testing.T, got, want *model.Report) {
	t.Helper()
	for _, c := range model.InputCells() {
		g, gok := got.Get(c.Addr)
		w, wok := want.Get(c.Addr)
		if g != w || gok != wok {
			t.Errorf("%s: got %s (%v), want %s (%v)", c.Addr, g, gok, w, wok)
		}
	}
}

// TestXLSXInLibreOffice: LibreOffice opens the workbook, computes its
// formulas and saves it again (as a unit that fills it in LibreOffice
// would): every total it computed is the model's (blank where an input is
// empty), every check cell says 相符 or the difference as the model's
// balance rule does, and the saved workbook reads back with every cell
// equal and no note. Also a PDF of it is printed, for a person to look at
// (NIANBAO_XLSX_PDF=folder keeps it).
func TestXLSXInLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("NIANBAO_E2E") == "1" {
			t.Fatal("NIANBAO_E2E=1 but soffice is not installed")
		}
		t.Skip("soffice is not installed: skipping (NIANBAO_E2E=1 makes this a failure)")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	os.Mkdir(in, 0o755)
	units := map[string]*model.Report{}
	for _, i := range []int{3, 7, testunits.WithEmpty} {
		r := testunits.Unit(i)
		data, err := export.Render(r, export.XLSX, export.Options{})
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("unit%d.xlsx", i)
		units[name] = r
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	for n := range units {
		names = append(names, filepath.Join(in, n))
	}
	slices.Sort(names)
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out}, names...)
	if b, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	if keep := os.Getenv("NIANBAO_XLSX_PDF"); keep != "" {
		pdfArgs := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless",
			"--convert-to", "pdf", "--outdir", keep}, names...)
		if b, err := exec.Command("soffice", pdfArgs...).CombinedOutput(); err != nil {
			t.Fatalf("soffice pdf: %v\n%s", err, b)
		}
	}
	for name, want := range units {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("LibreOffice did not save %s: %v", name, err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range model.AllCells() {
			if !c.Computed {
				continue
			}
			sheet, cell, _ := export.XLSXCell(c.Addr)
			got, _ := f.GetCellValue(sheet, cell)
			v, st := want.ValueOf(c)
			w := ""
			if st == model.Filled {
				w = v.String()
			}
			if got != w {
				t.Errorf("%s %s (%s!%s): LibreOffice computes %q, nianbao %q", name, c.Addr, sheet, cell, got, w)
			}
		}
		sheet, checks := export.XLSXChecks()
		for i, col := range model.S3.Blocks[0].Cols {
			got, _ := f.GetCellValue(sheet, checks[i])
			n, s1 := want.Value(model.S3.Addr("new", col.Key))
			cr, s2 := want.Value(model.S3.Addr("carried", col.Key))
			h, s3 := want.Value(model.S3.Addr("handled", col.Key))
			fw, s4 := want.Value(model.S3.Addr("forward", col.Key))
			switch {
			case s1 != model.Filled || s2 != model.Filled || s3 != model.Filled || s4 != model.Filled:
				if got != "" {
					t.Errorf("%s check %s: %q while a figure is missing", name, col.Key, got)
				}
			case n+cr == h+fw:
				if got != export.XLSXCheckOK {
					t.Errorf("%s check %s: %q, want %q", name, col.Key, got, export.XLSXCheckOK)
				}
			default:
				d := n + cr - h - fw
				if d < 0 {
					d = -d
				}
				if !strings.HasSuffix(got, " "+d.String()) || got == export.XLSXCheckOK {
					t.Errorf("%s check %s: %q, want the difference %s", name, col.Key, got, d)
				}
			}
		}
		f.Close()
		res, err := importer.Import(data, name, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameCells(t, res.Report, want)
		if len(res.Notes) != 0 {
			t.Errorf("%s as LibreOffice saved it: notes %q", name, res.Notes)
		}
	}
}

// FuzzXLSXCells: whatever text a workbook's cells hold (labels of the
// format, figures, dashes, anything, merged or not), reading it neither
// panics nor places a figure that is not a valid figure of its cell: every
// filled cell holds a value its unit allows, or a note says why not. The
// workbook itself is a real one (written by excelize), so that the
// fuzzing reaches the reader rather than the zip's checks.
//
//	go test ./importer/ -run '^$' -fuzz FuzzXLSXCells -fuzztime 20s
func FuzzXLSXCells(f *testing.F) {
	f.Add("自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计\n一、本年新收政府信息公开申请数量|1|2|3|4|5|6|21", false)
	f.Add("行政复议|||||未经复议直接起诉\n结果维持|结果纠正|其他结果|尚未审结|总计|结果维持\n1|2|3|4|10|5", true)
	f.Add("信息内容|本年制发件数|本年废止件数|现行有效件数\n规章|0|—|3.5\n行政规范性文件|1e3|-2|1,200", false)
	f.Add("项目|发出收费通知件数|收费通知总金额（元）|实际收取总金额（元）\n信息处理费|2|150.555|100", true)
	f.Add("机关名称|某局\n年度|二〇二四", false)
	f.Fuzz(func(t *testing.T, text string, merge bool) {
		if len(text) > 4096 {
			return
		}
		book := excelize.NewFile()
		defer book.Close()
		for r, line := range strings.Split(text, "\n") {
			if r >= 40 {
				break
			}
			for c, v := range strings.Split(line, "|") {
				if c >= 20 {
					break
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if v != "" {
					book.SetCellValue("Sheet1", cell, v)
				} else if merge && c > 0 {
					left, _ := excelize.CoordinatesToCellName(c, r+1)
					book.MergeCell("Sheet1", left, cell)
				}
			}
		}
		buf, err := book.WriteToBuffer()
		if err != nil {
			return
		}
		res, err := importer.Import(buf.Bytes(), "t.xlsx", importer.Options{Agency: "某局", Year: 2024})
		if err != nil {
			if !strings.ContainsFunc(err.Error(), func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
				t.Errorf("error not in Chinese: %v", err)
			}
			return
		}
		for _, c := range model.InputCells() {
			if v, ok := res.Report.Get(c.Addr); ok && model.RangeProblem(c.Unit, v) != "" {
				t.Errorf("%s holds %s, which its unit does not allow", c.Addr, v)
			}
		}
	})
}
