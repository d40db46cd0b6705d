// Command mkreport writes the reports the importer's tests read, in nianbao's
// own export forms, from the seed: the seed itself as imported, and the seed's
// text with a distinct figure in every cell (so that a figure read into the
// wrong cell shows). It is run by make.sh; the tests read only its output.
//
//	go run ./importer/testdata/mkreport OUTDIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"nianbao/export"
	"nianbao/importer"
	"nianbao/model"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mkreport OUTDIR")
		os.Exit(2)
	}
	out := os.Args[1]
	res, err := importer.ImportFile("importer/testdata/miyun-kejiwei-2023.txt", importer.Options{})
	if err != nil {
		fail(err)
	}
	seed := res.Report
	seed.ID = "5eed0000000000000000000000000001"
	write(out, "seed", seed)

	num := Numbered(seed)
	write(out, "numbered", num)
	// The same report with cells of 三 left blank, as many published
	// reports print zeros: the whole 科研机构 column and one cell in every
	// third row.
	blanks := num.Clone()
	cols := model.S3.Blocks[0].Cols[:6]
	for i, row := range model.S3.Blocks[0].Rows {
		if row.Computed {
			continue
		}
		_ = blanks.Clear(model.S3.Addr(row.Key, "research"))
		if i%3 == 0 {
			_ = blanks.Clear(model.S3.Addr(row.Key, cols[i%6].Key))
		}
	}
	// Signed by another body than the agency (a 落款 read back as the
	// signer), and dated.
	blanks.Signer = "北京市密云区人民政府办公室"
	blanks.Date = "2024-01-22"
	write(out, "blanks", blanks)
	// A few blank cells only, as a report that leaves a cell or two
	// blank: each row with a blank has no printed total.
	sparse := num.Clone()
	for _, a := range []model.CellAddr{"s3.new.legal", "s3.denied_third.research", "s3.denied_third.other", "s3.reject_mass.natural", "s4.suit_after.other"} {
		_ = sparse.Clear(a)
	}
	sparse.Date = "2024-01-19"
	write(out, "sparse", sparse)
	// A report as most agencies print it: 三 mostly zeros, a few small
	// figures, many equal (the reading of text without column places
	// must not take one 1 for another).
	write(out, "typical", Typical(seed))
	// The same report with longer narrative before 三, so that a PDF of it
	// breaks its pages at other rows of 三.
	for _, n := range []int{2, 4, 6} {
		long := num.Clone()
		var extra []string
		for i := 0; i < n; i++ {
			extra = append(extra, strings.Repeat("为使表三在不同位置分页，本段文字重复若干次。", 6))
		}
		long.S1.Intro += "\n" + strings.Join(extra, "\n")
		long.Date = "2024-01-20" // the 落款 under the agency's own name
		write(out, fmt.Sprintf("numbered-long%d", n), long)
	}
}

// Numbered is the seed with a figure in every input cell that no other
// input cell holds (of one to four digits, so that a figure read into the
// wrong cell shows), amounts with decimals, and table 三 balanced as a real
// report is (新收 + 上年结转 = 办理结果总计 + 结转下年度 in every column).
func Numbered(seed *model.Report) *model.Report {
	r := seed.Clone()
	r.ID = "5eed0000000000000000000000000002"
	set := func(a model.CellAddr, v model.Dec) {
		if err := r.Set(a, v); err != nil {
			fail(err)
		}
	}
	used := map[int64]bool{}
	// fresh is the smallest figure from wish up that no cell holds yet.
	fresh := func(wish int64) int64 {
		for used[wish] {
			wish++
		}
		used[wish] = true
		return wish
	}
	cols := model.S3.Blocks[0].Cols[:6]
	k := 0
	handled := make([]int64, len(cols))
	for _, row := range model.S3.Blocks[0].Rows {
		if row.Key == "new" || row.Key == "carried" || row.Key == "forward" || row.Computed {
			continue
		}
		for ci, col := range cols {
			v := fresh(int64(k + 1 + (k%3)*100))
			k++
			handled[ci] += v
			set(model.S3.Addr(row.Key, col.Key), model.Int(v))
		}
	}
	for ci, col := range cols {
		carried := fresh(int64(50 + ci*7))
		forward := fresh(int64(7 + ci*13))
		set(model.S3.Addr("carried", col.Key), model.Int(carried))
		set(model.S3.Addr("forward", col.Key), model.Int(forward))
		set(model.S3.Addr("new", col.Key), model.Int(handled[ci]+forward-carried))
	}
	others := map[model.CellAddr]model.Dec{
		"s2.rules.issued": model.Int(fresh(1)), "s2.rules.repealed": model.Int(fresh(2)), "s2.rules.in_force": model.Int(fresh(1003)),
		"s2.normative.issued": model.Int(fresh(14)), "s2.normative.repealed": model.Int(fresh(5)), "s2.normative.in_force": model.Int(fresh(336)),
		"s2.licensing.decisions": model.Int(fresh(2417)), "s2.punishment.decisions": model.Int(fresh(608)), "s2.coercion.decisions": model.Int(fresh(19)),
		"s2.fees.amount":   model.Dec(5949088667), // 5949.088667 万元: to the 分, as published
		"s6.fee.notices":   model.Int(fresh(3)),
		"s6.fee.billed":    model.Dec(1234500000), // 1234.5 元
		"s6.fee.collected": model.Dec(987650000),  // 987.65 元
	}
	for i, c := range model.S4.Inputs() {
		others[c.Addr] = model.Int(fresh(int64(1 + i*2 + (i%2)*10)))
	}
	for a, v := range others {
		set(a, v)
	}
	seen := map[model.Dec]model.CellAddr{}
	for _, c := range model.InputCells() {
		v, ok := r.Get(c.Addr)
		if !ok {
			fail(fmt.Errorf("%s is empty", c.Addr))
		}
		if o, dup := seen[v]; dup {
			fail(fmt.Errorf("%s and %s both hold %s", o, c.Addr, v))
		}
		seen[v] = c.Addr
	}
	if fs := model.Check(r, nil); len(fs) > 0 {
		for _, f := range fs {
			if f.Severity == model.SevError {
				fail(fmt.Errorf("numbered report has an error: %s", f.Message))
			}
		}
	}
	r.S6 = "本年度未发生其他需要报告的事项。"
	return r
}

// Typical is the numbered report with table 三 as a small agency's: zeros
// but for a few applications from people and companies, balanced.
func Typical(seed *model.Report) *model.Report {
	r := Numbered(seed)
	r.ID = "5eed0000000000000000000000000003"
	for _, c := range model.S3.Inputs() {
		if err := r.Set(c.Addr, 0); err != nil {
			fail(err)
		}
	}
	for a, n := range map[model.CellAddr]int64{
		"s3.new.natural": 12, "s3.new.business": 3, "s3.new.other": 1,
		"s3.carried.natural": 1,
		"s3.granted.natural": 7, "s3.granted.business": 2,
		"s3.partial.natural":       1,
		"s3.unable_nohold.natural": 2, "s3.unable_nohold.business": 1,
		"s3.reject_repeat.natural": 1, "s3.other_other.other": 1,
		"s3.forward.natural": 2,
	} {
		if err := r.Set(a, model.Int(n)); err != nil {
			fail(err)
		}
	}
	for _, f := range model.Check(r, nil) {
		if f.Severity == model.SevError {
			fail(fmt.Errorf("typical report has an error: %s", f.Message))
		}
	}
	return r
}

func write(dir, name string, r *model.Report) {
	for _, f := range []struct {
		ext    string
		format export.Format
		opt    export.Options
	}{
		{".json", export.JSON, export.Options{}},
		{".docx", export.DOCX, export.Options{}},
		{".md", export.Markdown, export.Options{}},
		{".html", export.HTML, export.Options{}},
		{".fragment.html", export.HTML, export.Options{Fragment: true}},
	} {
		b, err := export.Render(r, f.format, f.opt)
		if err != nil {
			fail(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+f.ext), b, 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "mkreport:", err)
	os.Exit(1)
}
