package importer

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/model"
)

func TestImportSeed(t *testing.T) {
	res := mustImport(t, []byte(readSeed(t)), "miyun-kejiwei-2023.txt")
	r := res.Report
	if res.Source != "text" {
		t.Errorf("Source = %q, want text", res.Source)
	}
	if r.Agency != "北京市密云区科学技术委员会" || r.Year != 2023 {
		t.Errorf("agency/year = %q/%d", r.Agency, r.Year)
	}
	if r.Kind != model.KindCountyDept || r.Scope != model.ScopeSelf {
		t.Errorf("kind/scope = %s/%s, want county_dept/self", r.Kind, r.Scope)
	}
	if r.ID == "" {
		t.Error("imported report has no id")
	}
	if want := "依据《中华人民共和国政府信息公开条例》（以下简称《政府信息公开条例》）第五十条规定，编制本报告。"; r.Preface != want {
		t.Errorf("Preface = %q", r.Preface)
	}
	if !strings.HasPrefix(r.S1.Intro, "2023年，密云区科委坚持") || !strings.HasSuffix(r.S1.Intro, "不断提升政府信息公开质量和实效。") {
		t.Errorf("S1.Intro = %q", r.S1.Intro)
	}
	var titles []string
	for _, p := range r.S1.Parts {
		titles = append(titles, p.Title)
		if p.Body == "" || strings.Contains(p.Body, "\n") {
			t.Errorf("part %q body = %q, want the one paragraph under it", p.Title, p.Body)
		}
	}
	wantTitles := "领导组织有力|深化主动公开|依申请公开依法规范|提升政府信息公开效果|提升工作人员业务水平|强化监督保障"
	if got := strings.Join(titles, "|"); got != wantTitles {
		t.Errorf("part titles = %s\nwant %s", got, wantTitles)
	}
	if !strings.HasPrefix(r.S1.Parts[1].Body, "全年，主动公开政府信息109条") {
		t.Errorf("part 2 body = %q", r.S1.Parts[1].Body)
	}
	if !strings.HasPrefix(r.S5, "2023年区科委政府信息公开工作取得了一定成效") || strings.Count(r.S5, "\n") != 1 ||
		!strings.Contains(r.S5, "\n下一步，区科委将进一步加强") {
		t.Errorf("S5 = %q, want its two paragraphs", r.S5)
	}
	if want := "2023年度政府信息公开工作过程中未发生收取信息处理费情况。"; r.S6 != want {
		t.Errorf("S6 = %q, want %q", r.S6, want)
	}
	checkCells(t, r, seedWant())
	checkNotes(t, res.Notes, billedNote)
	golden(t, "seed.golden.json", []byte(encodeStable(t, r)))
}

// seedVariant is the seed with one real-world variation applied; it must
// import to exactly what the seed does.
func TestSeedVariantsImportTheSame(t *testing.T) {
	seed := readSeed(t)
	want := encodeStable(t, mustImport(t, []byte(seed), "seed.txt").Report)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(seed)
	if err != nil {
		t.Fatal(err)
	}
	sectionNumber := regexp.MustCompile(`(?m)^[一二三四五六]、`)
	fullWidth := strings.NewReplacer("0", "０", "6", "６")
	tests := []struct {
		name string
		data string
		file string
	}{
		{"UTF-8 with BOM", "\ufeff" + seed, "seed.txt"},
		{"GBK text file", gbk, "seed.txt"},
		{"Windows line ends", strings.ReplaceAll(seed, "\n", "\r\n"), "seed.txt"},
		{"no file extension", seed, "seed"},
		{"title on one line", strings.Replace(seed, "北京市密云区科学技术委员会\n\n2023年", "北京市密云区科学技术委员会 2023年", 1), "seed.txt"},
		{"title year first", strings.Replace(seed, "北京市密云区科学技术委员会\n\n2023年政府信息公开工作年度报告", "2023年北京市密云区科学技术委员会政府信息公开工作年度报告", 1), "seed.txt"},
		{"every paragraph, heading and title tab-indented", tabIndentText(seed), "seed.txt"},
		{"headings without numbers", sectionNumber.ReplaceAllString(seed, ""), "seed.txt"},
		{"cells tab-separated on one line", renderRows(seedRows(seed), func(c []string) string { return strings.Join(c, "\t") }, false), "seed.txt"},
		{"rows on one line, no blank lines", renderRows(seedRows(seed), func(c []string) string { return "\t" + strings.Join(c, "\t") }, true), "seed.txt"},
		{"cells space-separated on one line", renderRows(seedRows(seed), func(c []string) string {
			var keep []string
			for _, x := range c {
				if x != "" {
					keep = append(keep, x)
				}
			}
			return strings.Join(keep, "  ")
		}, false), "seed.txt"},
		{"labels on their own lines, figures space-separated below", renderRows(seedRows(seed), func(c []string) string {
			var labels, figures []string
			for _, x := range c {
				if kindOf(x) == vNum {
					figures = append(figures, x)
				} else {
					labels = append(labels, x)
				}
			}
			out := seedStyle(labels)
			if len(figures) > 0 {
				out += "\n" + strings.Join(figures, " ")
			}
			return out
		}, false), "seed.txt"},
		{"full-width digits", editRows(seed, func(c []string) []string {
			for i := range c {
				c[i] = fullWidth.Replace(c[i])
			}
			return c
		}), "seed.txt"},
		{"规范性文件 for 行政规范性文件", editRows(seed, func(c []string) []string {
			for i := range c {
				if c[i] == "行政规范性文件" {
					c[i] = "规范性文件"
				}
			}
			return c
		}), "seed.txt"},
		{"label quotes and spacing differ", editRows(seed, func(c []string) []string {
			for i := range c {
				c[i] = strings.NewReplacer("“三安全一稳定”", "\"三安全一稳定\"", "1.", "1． ").Replace(c[i])
			}
			return c
		}), "seed.txt"},
		{"parent label cells and placeholders missing", editRows(seed, func(c []string) []string {
			var keep []string
			for _, x := range c {
				switch x {
				case "", "三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理":
					continue
				}
				keep = append(keep, x)
			}
			return keep
		}), "seed.txt"},
		{"all row labels of 三 missing", editRows(seed, func(c []string) []string {
			if len(c) >= 7 && c[len(c)-1] == "0" && len(c) < 15 {
				return c[len(c)-7:]
			}
			return c
		}), "seed.txt"},
		{"printed totals missing", editRows(seed, func(c []string) []string {
			switch {
			case len(c) == 15: // 四 as one row: drop the three totals
				return append(append(append([]string{}, c[0:4]...), c[5:9]...), c[10:14]...)
			case len(c) >= 8 && !hasLabel(c, "（七）总计"):
				return c[:len(c)-1]
			case hasLabel(c, "（七）总计"):
				return nil // the computed row itself left out
			}
			return c
		}), "seed.txt"},
		{"corner note and headers missing", editRows(seed, func(c []string) []string {
			if hasLabel(c, "申请人情况") || hasLabel(c, "自然人") || hasLabel(c, "商业企业") {
				return nil
			}
			return c
		}), "seed.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.data == seed && tt.file == "seed.txt" {
				t.Fatal("the variation changed nothing")
			}
			res := mustImport(t, []byte(tt.data), tt.file)
			if got := encodeStable(t, res.Report); got != want {
				t.Errorf("imports differently from the seed:\n%s", firstDiff(got, want))
			}
			checkNotes(t, res.Notes, billedNote)
		})
	}
}

// tabIndentText indents every line outside the tables with a tab, as
// pages and word processors do with paragraphs.
func tabIndentText(s string) string {
	lines := seedRows(s)
	for i, l := range lines {
		if l.cells == nil && l.text != "" {
			lines[i].text = "\t" + l.text
		}
	}
	return renderRows(lines, seedStyle, false)
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "got:  " + al[i] + "\nwant: " + bl[i]
		}
	}
	return "lengths differ"
}

func TestDashesAndBlanksLeftEmpty(t *testing.T) {
	seed := editRows(readSeed(t), func(c []string) []string {
		if hasLabel(c, "（一）予以公开") {
			n := len(c)
			// natural, business, research, nonprofit, legal, other, total
			c[n-7], c[n-6], c[n-5], c[n-4], c[n-2], c[n-1] = "—", "-", "/", "", "－", "—"
		}
		if hasLabel(c, "行政许可") {
			c[len(c)-1] = "／"
		}
		if len(c) == 15 {
			// A printed total over a dash is not a difference: the dash is
			// what is reported.
			c[0], c[4] = "—", "3"
		}
		if hasLabel(c, "行政规范性文件") {
			c[len(c)-1] = "6件" // a unit in the cell is read past
		}
		return c
	})
	res := mustImport(t, []byte(seed), "seed.txt")
	want := seedWant()
	for _, k := range []string{"natural", "business", "research", "nonprofit", "other"} {
		want[model.CellAddr("s3.granted."+k)] = ""
	}
	want["s2.licensing.decisions"] = ""
	want["s4.review.upheld"] = ""
	checkCells(t, res.Report, want)
	checkNotes(t, res.Notes,
		"表二「行政许可」本年处理决定数量：原文为「／」，已留空（不当作 0）",
		"表三「（一）予以公开」自然人：原文为「—」，已留空（不当作 0）",
		"表三「（一）予以公开」商业企业：原文为「-」，已留空（不当作 0）",
		"表三「（一）予以公开」科研机构：原文为「/」，已留空（不当作 0）",
		"表三「（一）予以公开」社会公益组织：原文为空白，已留空（不当作 0）",
		"表三「（一）予以公开」其他：原文为「－」，已留空（不当作 0）",
		"表四「行政复议」结果维持：原文为「—」，已留空（不当作 0）",
		billedNote,
	)
}

func TestPrintedTotalsThatDisagree(t *testing.T) {
	seed := editRows(readSeed(t), func(c []string) []string {
		n := len(c)
		switch {
		case hasLabel(c, "一、本年新收政府信息公开申请数量"):
			c[n-7] = "3" // natural 3, printed total still 0
		case hasLabel(c, "二、上年结转政府信息公开申请数量"):
			c[n-1] = "1件" // a unit in a printed total is read past
		case hasLabel(c, "四、结转下年度继续办理"):
			c[n-1] = "0.5"
		case hasLabel(c, "（七）总计"):
			c[n-6] = "2" // business printed 2, computed 0
		case n == 15:
			c[4] = "1" // 行政复议 printed total 1 over four zeros
		}
		return c
	})
	res := mustImport(t, []byte(seed), "seed.txt")
	want := seedWant()
	want["s3.new.natural"] = "3"
	checkCells(t, res.Report, want)
	checkNotes(t, res.Notes,
		"表三「一、本年新收政府信息公开申请数量」总计：原文印的合计是 0，按各项计算是 3，少 3；已按各项导入，合计由程序计算",
		"表三「二、上年结转政府信息公开申请数量」总计：原文印的合计是 1，按各项计算是 0，多 1；已按各项导入，合计由程序计算",
		"表三「（七）总计」商业企业：原文印的合计是 2，按各项计算是 0，多 2；已按各项导入，合计由程序计算",
		"表三「四、结转下年度继续办理」总计：原文印的合计「0.5」无法读取（件数必须是整数（0.5）），合计由程序计算",
		"表四「行政复议」总计：原文印的合计是 1，按各项计算是 0，多 1；已按各项导入，合计由程序计算",
		billedNote,
	)
}

// table2019 is table 二 in the 2019 trial layout (国办公开办函〔2019〕60号).
const table2019 = `二、主动公开政府信息情况

	第二十条第（一）项
	信息内容	本年新制作数量	本年新公开数量	对外公开总数量
	规章	0	0	0
	规范性文件	1	1	6
	第二十条第（五）项
	信息内容	上一年项目数量	本年增/减	处理决定数量
	行政许可	3	0	12
	其他对外管理服务事项	0	0	0
	第二十条第（六）项
	信息内容	上一年项目数量	本年增/减	处理决定数量
	行政处罚	5	1	40
	行政强制	0	0	0
	第二十条第（八）项
	信息内容	上一年项目数量	本年增/减
	行政事业性收费	1	0
	第二十条第（九）项
	信息内容	采购项目数量	采购总金额
	政府集中采购	2	35.6

`

func TestTable2Of2019LayoutLeftEmpty(t *testing.T) {
	seed := readSeed(t)
	i := strings.Index(seed, "主动公开政府信息情况\n")
	j := strings.Index(seed, "三、收到和处理政府信息公开申请情况")
	text := seed[:i] + table2019 + seed[j:]
	res := mustImport(t, []byte(text), "seed.txt")
	want := seedWant()
	for _, c := range model.S2.Inputs() {
		want[c.Addr] = ""
	}
	checkCells(t, res.Report, want)
	if len(res.Notes) != 2 || !strings.Contains(res.Notes[0], "2019 年试行格式") || !strings.Contains(res.Notes[0], "表二的数字未导入") || res.Notes[1] != billedNote {
		t.Errorf("notes = %q", res.Notes)
	}
}

// TestWordHTMLPageInGBK reads a page saved from a browser: Word markup,
// GB2312 declared in a meta tag and the bytes in GBK, navigation and footer
// around the report, the title in an <h1> outside the content area, tables
// with rowspan and colspan, figures split across <span>s.
func TestWordHTMLPageInGBK(t *testing.T) {
	src, err := os.ReadFile("testdata/miyun-word.html")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(src)
	if err != nil {
		t.Fatal(err)
	}
	seed := mustImport(t, []byte(readSeed(t)), "seed.txt").Report
	toGBK := func(b []byte) []byte {
		out, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	noMeta := regexp.MustCompile(`<meta[^>]*>`).ReplaceAll(src, nil)
	noH1 := regexp.MustCompile(`(?s)<h1.*?</h1>`).ReplaceAll(src, nil)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"GBK", gbk},
		{"UTF-8", src},
		{"GBK without a meta charset", toGBK(noMeta)},
		{"title only in <title>", toGBK(noH1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustImport(t, tc.data, "report.html")
			r := res.Report
			if res.Source != "html" {
				t.Errorf("Source = %q", res.Source)
			}
			if r.Agency != seed.Agency || r.Year != seed.Year {
				t.Errorf("agency/year = %q/%d", r.Agency, r.Year)
			}
			// The narrative reads exactly as the text copy of the same page.
			if r.Preface != seed.Preface || r.S5 != seed.S5 || r.S6 != seed.S6 || r.S1.Intro != seed.S1.Intro {
				t.Errorf("narrative differs from the text import:\npreface %q\ns5 %q\ns6 %q", r.Preface, r.S5, r.S6)
			}
			if len(r.S1.Parts) != len(seed.S1.Parts) {
				t.Fatalf("%d parts, want %d", len(r.S1.Parts), len(seed.S1.Parts))
			}
			for i, p := range r.S1.Parts {
				if p != seed.S1.Parts[i] {
					t.Errorf("part %d = %+v\nwant %+v", i, p, seed.S1.Parts[i])
				}
			}
			checkCells(t, r, htmlWant())
			checkNotes(t, res.Notes, billedNote)
		})
	}
}

// htmlWant is what testdata/miyun-word.html holds: 三's input rows i (in
// order, 0-based, the computed row skipped) hold (i+j)%3 in column j.
func htmlWant() map[model.CellAddr]string {
	want := seedWant()
	set := func(a string, v string) { want[model.CellAddr(a)] = v }
	set("s2.normative.issued", "1")
	set("s2.normative.repealed", "2")
	set("s2.licensing.decisions", "3")
	set("s2.punishment.decisions", "14")
	set("s2.fees.amount", "12.5")
	i := 0
	for _, row := range model.S3.Blocks[0].Rows {
		if row.Computed {
			continue
		}
		for j, col := range model.S3.Blocks[0].Cols[:6] {
			set("s3."+row.Key+"."+col.Key, string(rune('0'+(i+j)%3)))
		}
		i++
	}
	set("s4.review.upheld", "1")
	set("s4.review.pending", "1")
	set("s4.suit_direct.corrected", "1")
	return want
}

func TestJSONRoundTrip(t *testing.T) {
	seed := mustImport(t, []byte(readSeed(t)), "seed.txt").Report
	data, err := model.Encode(seed)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"report.json", "report"} {
		res := mustImport(t, data, name)
		if res.Source != "json" || len(res.Notes) != 0 {
			t.Errorf("%s: source %q notes %q", name, res.Source, res.Notes)
		}
		got, _ := model.Encode(res.Report)
		if !bytes.Equal(got, data) {
			t.Errorf("%s: JSON import changed the report", name)
		}
	}
	res, err := Import(data, "r.json", Options{Agency: "北京市密云区科学技术局", Year: 2024})
	if err != nil || res.Report.Agency != "北京市密云区科学技术局" || res.Report.Year != 2024 {
		t.Errorf("options not applied to JSON: %v %+v", err, res)
	}
}

func TestOptionsOverrideTitle(t *testing.T) {
	res, err := Import([]byte(readSeed(t)), "seed.txt", Options{Agency: "北京市密云区科学技术局", Year: 2022})
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Agency != "北京市密云区科学技术局" || res.Report.Year != 2022 {
		t.Errorf("got %q %d", res.Report.Agency, res.Report.Year)
	}
	// Without a title, options make the import possible.
	seed := readSeed(t)
	body := seed[strings.Index(seed, "依据《"):]
	if _, err := Import([]byte(body), "x.txt", Options{}); err == nil || !strings.Contains(err.Error(), "没有在文件中找到报告标题") {
		t.Errorf("no title: err = %v", err)
	}
	res, err = Import([]byte(body), "x.txt", Options{Agency: "北京市密云区科学技术委员会", Year: 2023})
	if err != nil {
		t.Fatal(err)
	}
	checkCells(t, res.Report, seedWant())
}

func TestImportErrors(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"empty", "a.txt", "  \n", "文件是空的"},
		{"not a report", "a.txt", "北京市某某局2023年政府信息公开工作年度报告\n\n今天天气很好。\n", "没有找到年度报告的内容"},
		{"no title", "a.txt", "一些文字\n一、总体情况\n正文", "没有在文件中找到报告标题"},
		{"bad JSON", "a.json", "{\"schema\": 1, \"cells\": {\"s3.new.total\": 1}}", "不应有自动计算的合计"},
		{"binary", "a.txt", "\x00\x01\x02北京", "不是文本文件"},
		{"implausible year", "a.txt", "某局3023年政府信息公开工作年度报告\n一、总体情况\n正文", "不像是报告年度"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import([]byte(tt.data), tt.file, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v (result %v), want one containing %q", err, res, tt.want)
			}
		})
	}
	if _, err := Import(make([]byte, MaxSize+1), "big.txt", Options{}); err == nil || !strings.Contains(err.Error(), "文件太大") {
		t.Errorf("oversized: %v", err)
	}
	if _, err := ImportFile("testdata/no-such-file.txt", Options{}); err == nil || !strings.Contains(err.Error(), "找不到文件") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := ImportFile("testdata", Options{}); err == nil || !strings.Contains(err.Error(), "文件夹") {
		t.Errorf("directory: %v", err)
	}
	// A file too big is refused before it is read (a sparse file: no 8 MB
	// written).
	big := t.TempDir() + "/big.txt"
	if f, err := os.Create(big); err != nil {
		t.Fatal(err)
	} else {
		f.Close()
	}
	if err := os.Truncate(big, MaxSize+1); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportFile(big, Options{}); err == nil || err.Error() != "导入「big.txt」失败：文件太大（约 9 MB，最多 8 MB），不像是一份年度报告" {
		t.Errorf("big file: %v", err)
	}
}

func TestImportFile(t *testing.T) {
	res, err := ImportFile(seedFile, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkCells(t, res.Report, seedWant())
}

// TestRowOneFigureShort: when the other rows print their totals, a row one
// figure short has lost a cell somewhere; reading it as the row without its
// total would shift its figures, so it is left empty and reported.
func TestRowOneFigureShort(t *testing.T) {
	seed := editRows(readSeed(t), func(c []string) []string {
		if hasLabel(c, "一、本年新收政府信息公开申请数量") {
			n := len(c)
			return append(c[:n-7], c[n-6:]...) // 自然人 dropped
		}
		return c
	})
	res := mustImport(t, []byte(seed), "seed.txt")
	want := seedWant()
	for _, c := range model.S3.Inputs() {
		if c.RowSpec().Key == "new" {
			want[c.Addr] = ""
		}
	}
	checkCells(t, res.Report, want)
	checkNotes(t, res.Notes,
		"表三「一、本年新收政府信息公开申请数量」这一行原文有 6 个数，其他行都有 7 个（含合计），无法确定缺的是哪一栏，该行未导入，已留空",
		billedNote,
	)
}
