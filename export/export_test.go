package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nianbao/importer"
	"nianbao/model"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// seedReport is the seed's report exactly as the importer leaves it
// (testdata/miyun-kejiwei-2023.txt, the published page): every figure 0
// except 现行有效 行政规范性文件 6, and 收费通知总金额 empty because the
// published sentence did not state it. Importing it here, rather than typing
// the report out again, keeps the goldens honest about "as imported". The ID
// is fixed so that the JSON golden does not change from run to run.
func seedReport(t testing.TB) *model.Report {
	t.Helper()
	res, err := importer.ImportFile(filepath.Join("testdata", "miyun-kejiwei-2023.txt"), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Report
	r.ID = "5eed0000000000000000000000002023"
	return r
}

func set(t testing.TB, r *model.Report, a model.CellAddr, v model.Dec) {
	t.Helper()
	if err := r.Set(a, v); err != nil {
		t.Fatal(err)
	}
}

// completeReport has a non-zero figure in every table, balances in every
// column of 三, and has no errors.
func completeReport(t testing.TB) *model.Report {
	t.Helper()
	r := model.New("示例市科学技术局", 2024, model.KindCityDept, model.ScopeSelf)
	r.ID = "c0ffee00000000000000000000002024"
	r.Date = model.DateOf(2025, time.January, 20)
	r.S1.Intro = "2024年，示例市科学技术局认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。"
	bodies := []string{
		"全年主动公开政府信息356条。\n其中政策文件48条，工作动态210条。",
		"全年新收政府信息公开申请，均依法按时答复。",
		"健全信息发布审查制度，落实保密审查。",
		"优化政府网站信息公开专栏，及时更新公开指南。",
		"开展信息公开培训2次，主动接受社会监督。",
	}
	for i := range r.S1.Parts {
		r.S1.Parts[i].Body = bodies[i]
	}
	r.S5 = "一是公开内容的解读还不够深入。\n二是上年提出的栏目整改已全部完成。\n下一步，将进一步加强政策解读。"
	r.S6 = "无其他需要报告的事项。"
	for a, v := range map[model.CellAddr]int64{
		"s2.rules.issued": 0, "s2.rules.repealed": 0, "s2.rules.in_force": 0,
		"s2.normative.issued": 12, "s2.normative.repealed": 3, "s2.normative.in_force": 48,
		"s2.licensing.decisions": 356, "s2.punishment.decisions": 27, "s2.coercion.decisions": 4,
		"s4.review.upheld": 2, "s4.review.corrected": 1, "s4.review.other": 0, "s4.review.pending": 1,
		"s4.suit_direct.upheld": 1, "s4.suit_direct.corrected": 0, "s4.suit_direct.other": 1, "s4.suit_direct.pending": 0,
		"s4.suit_after.upheld": 0, "s4.suit_after.corrected": 1, "s4.suit_after.other": 0, "s4.suit_after.pending": 1,
		"s6.fee.notices": 2,
	} {
		set(t, r, a, model.Int(v))
	}
	set(t, r, "s2.fees.amount", 125_000)                   // 0.125 万元
	set(t, r, "s6.fee.billed", 150*model.DecScale+500_000) // 150.5 元
	set(t, r, "s6.fee.collected", 100*model.DecScale)      // 100 元
	// 三: each result row j of applicant column k holds (j+k)%3; carried and
	// forward vary by column, and new is what makes the column balance.
	b := model.S3.Blocks[0]
	for k, col := range b.Cols {
		if col.Computed {
			continue
		}
		var sum int64
		j := 0
		for _, row := range b.Rows {
			if row.Computed || len(row.Parents) == 0 {
				continue
			}
			v := int64((j + k) % 3)
			set(t, r, model.S3.Addr(row.Key, col.Key), model.Int(v))
			sum += v
			j++
		}
		carried, forward := int64(1+k%2), int64(k+1)
		set(t, r, model.S3.Addr("carried", col.Key), model.Int(carried))
		set(t, r, model.S3.Addr("forward", col.Key), model.Int(forward))
		set(t, r, model.S3.Addr("new", col.Key), model.Int(sum+forward-carried))
	}
	return r
}

// uniqueReport gives every input cell a different figure (its reading
// position + 1, the fees amounts with decimals), so that a number printed
// in the wrong place cannot pass for the right one. It does not balance.
func uniqueReport(t testing.TB) *model.Report {
	t.Helper()
	r := completeReport(t)
	for i, c := range model.InputCells() {
		v := model.Int(int64(i + 1))
		if c.Unit != model.Count {
			v += 250_000 // .25
		}
		set(t, r, c.Addr, v)
	}
	return r
}

func goldenCheck(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run go test ./export/ -update if the change is intended)", name, i+1, g, w)
			}
		}
	}
}

func TestGolden(t *testing.T) {
	reports := map[string]func(testing.TB) *model.Report{"seed": seedReport, "complete": completeReport}
	cases := []struct {
		suffix string
		f      Format
		opt    Options
	}{
		{"html", HTML, Options{}},
		{"fragment.html", HTML, Options{Fragment: true}},
		{"md", Markdown, Options{}},
		{"json", JSON, Options{}},
	}
	for name, mk := range reports {
		for _, c := range cases {
			t.Run(name+"."+c.suffix, func(t *testing.T) {
				got, err := Render(mk(t), c.f, c.opt)
				if err != nil {
					t.Fatal(err)
				}
				goldenCheck(t, name+"."+c.suffix, got)
			})
		}
	}
}
