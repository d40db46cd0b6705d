package importer

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"nianbao/export"
	"nianbao/model"
)

// seqWant is what mdConverterOutput prints: input cells numbered 1, 2, …
// in reading order (二 1–9 and 10.5, 三 11–154 row by row, 四 155–166),
// the fee figures 0.
func seqWant() map[model.CellAddr]string {
	want := map[model.CellAddr]string{}
	n := 0
	for _, c := range model.InputCells() {
		switch {
		case c.Table == model.S6:
			want[c.Addr] = "0"
			continue
		case c.Addr == "s2.fees.amount":
			want[c.Addr] = "10.5"
		default:
			want[c.Addr] = strconv.Itoa(n + 1)
		}
		n++
	}
	want["s6.fee.billed"] = ""
	return want
}

func TestMarkdownConverterOutput(t *testing.T) {
	for _, name := range []string{"report.md", "report.txt"} {
		t.Run(name, func(t *testing.T) {
			res := mustImport(t, []byte(mdConverterOutput), name)
			if res.Source != "md" {
				t.Errorf("Source = %q", res.Source)
			}
			r := res.Report
			if r.Agency != "某区某局" || r.Year != 2023 || r.Preface != "本报告依据《中华人民共和国政府信息公开条例》编制。" {
				t.Errorf("report %q/%d preface %q", r.Agency, r.Year, r.Preface)
			}
			if r.S5 != "问题一|附注。" {
				t.Errorf("S5 = %q (the escaped pipe reads as a pipe)", r.S5)
			}
			checkCells(t, r, seqWant())
			// The printed （七）总计 row is not the sum of the rows above it:
			// each column is reported, the figures are kept.
			notes := strings.Join(res.Notes, "\n")
			if !strings.Contains(notes, "表三「（七）总计」自然人：原文印的合计是 2，按各项计算是 1743，少 1741") {
				t.Errorf("notes:\n%s", notes)
			}
		})
	}
}

func TestDocxMergedCellsAndRuns(t *testing.T) {
	res := mustImport(t, makeDocx(t, smallDocxBody), "unit.docx")
	if res.Source != "docx" {
		t.Errorf("Source = %q", res.Source)
	}
	r := res.Report
	if r.Agency != "某区某局" || r.Year != 2023 || r.S5 != "问题。" || r.S6 != "无。" {
		t.Errorf("report %q/%d s5 %q s6 %q", r.Agency, r.Year, r.S5, r.S6)
	}
	for addr, v := range map[model.CellAddr]string{
		"s4.review.upheld": "1", "s4.review.corrected": "2", "s4.review.other": "3", "s4.review.pending": "4",
		"s4.suit_direct.upheld": "5", "s4.suit_direct.corrected": "6", "s4.suit_direct.other": "7", "s4.suit_direct.pending": "8",
		"s4.suit_after.upheld": "9", "s4.suit_after.corrected": "11", "s4.suit_after.other": "12", "s4.suit_after.pending": "13",
	} {
		if got, ok := r.Get(addr); !ok || got.String() != v {
			t.Errorf("%s = %v (%v), want %s", addr, got, ok, v)
		}
	}
	// Printed totals 10, 26, 45 all hold: no note about them.
	for _, n := range res.Notes {
		if strings.Contains(n, "表四") {
			t.Errorf("note %q", n)
		}
	}
}

// TestDocxListNumbers: headings numbered by Word's lists (the number is
// not in the text) are recognised by the number Word shows.
func TestDocxListNumbers(t *testing.T) {
	numbered := func(text string, level int) string {
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + strconv.Itoa(level) + `"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := wp("某区某局2023年政府信息公开工作年度报告") + numbered("总体情况", 0) + numbered("主动公开", 1) + wp("正文甲。") +
		numbered("依申请公开", 1) + wp("正文乙。") + numbered("主动公开政府信息情况", 0)
	numberingXML := `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	d := makeDocx(t, body)
	d = addZipPart(t, d, "word/numbering.xml", numberingXML)
	res := mustImport(t, d, "list.docx")
	p := res.Report.S1.Parts
	if len(p) != 2 || p[0].Title != "主动公开" || p[0].Body != "正文甲。" || p[1].Title != "依申请公开" {
		t.Errorf("parts = %+v", p)
	}
}

func TestRunTogetherCells(t *testing.T) {
	base := "某区某局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n三、收到和处理政府信息公开申请情况\n"
	// 12 | 0 | 0 | 0 | 0 | 0 | 12 printed without separators: only one
	// cutting of 12000012 makes the total the sum of the rest.
	res := mustImport(t, []byte(base+"一、本年新收政府信息公开申请数量 1200000 12\n"), "x.txt")
	if v, ok := res.Report.Get("s3.new.natural"); !ok || v != model.Int(12) {
		t.Errorf("natural = %v %v", v, ok)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "只有一种拆分能使合计相符，已读作 12、0、0、0、0、0、12") {
		t.Errorf("notes %q", res.Notes)
	}
	// 0 0 0 0 11213: 1 | 12 | 13 and 11 | 2 | 13 both hold: left empty.
	res = mustImport(t, []byte(base+"一、本年新收政府信息公开申请数量 0 0 0 0 11213\n"), "x.txt")
	for _, c := range model.S3.Inputs() {
		if v, ok := res.Report.Get(c.Addr); ok {
			t.Errorf("%s = %v, want empty", c.Addr, v)
		}
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "表三「一、本年新收政府信息公开申请数量」这一行原文的数字连在一起（「0 0 0 0 11213」），有 2 种以上拆分都能使合计相符，无法确定，该行未导入，已留空") {
		t.Errorf("notes %q", res.Notes)
	}
}

func TestFormErrors(t *testing.T) {
	noMap, err := os.ReadFile("testdata/gen/numbered.chromium-no-tounicode.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"Type 3 fonts without ToUnicode", "r.pdf", noMap, "使用的字体没有说明对应哪个汉字或数字"},
		{"old Word", "r.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), "另存为」Word 文档（.docx）"},
		{"old Word named .docx", "r.docx", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), "旧版 Word"},
		{"text named .docx", "r.docx", []byte("hello"), "内容不是 Word 文档"},
		{"text named .pdf", "r.pdf", []byte("hello"), "内容不是 PDF"},
		{"zip without a document", "r.docx", zipOf(t, "a.txt", "x"), "压缩文件"},
		{"broken PDF", "r.pdf", []byte("%PDF-1.4\n1 0 obj<<>>endobj\n"), "PDF"},
		{"PDF without text", "r.pdf", noTextPDF(), "没有可以读取的文字"},
		{"image", "r.png", []byte("\x89PNG\r\n\x1a\nxxxx"), "图片"},
		{"broken workbook", "r.xlsx", zipOf(t, "xl/workbook.xml", "<x/>"), "无法读取表格文件"},
		{"zip named .xlsx", "r.xlsx", zipOf(t, "a.txt", "x"), "不是有效的 .xlsx"},
		{"old spreadsheet", "r.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, "另存为 .xlsx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Import(tc.data, tc.file, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v (result %v), want one containing %q", err, res != nil, tc.want)
			}
		})
	}
}

// TestPDFTable: a small PDF with a ruled table of one row (the figures
// 1–5 in 四's first five cells) is read cell by cell.
func TestPDFSmall(t *testing.T) {
	res, err := Import(smallPDF(), "x.pdf", Options{Agency: "某局", Year: 2023})
	if err == nil {
		t.Logf("notes %q", res.Notes)
	}
	// The page has no heading: nothing is a report. Its error is Chinese.
	if err != nil && !hasHan(err.Error()) {
		t.Errorf("err = %v", err)
	}
}

func TestExtensions(t *testing.T) {
	want := ".txt .md .html .htm .docx .pdf .json .xlsx .text .markdown .xhtml .shtml"
	if got := strings.Join(Extensions(), " "); got != want {
		t.Errorf("Extensions = %s, want %s", got, want)
	}
}

// TestHTMLTooDeep: x/net/html refuses a page nested too deeply in English;
// the officer reads Chinese.
func TestHTMLTooDeep(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 600) + "一、总体情况" + "</body></html>"
	_, err := Import([]byte(page), "deep.html", Options{})
	if err == nil {
		t.Skip("the parser accepted the page")
	}
	for _, r := range err.Error() {
		if r < 0x80 && (r >= 'a' && r <= 'z') {
			t.Fatalf("error has English in it: %v", err)
		}
	}
}

// TestBadInput: control characters in what is imported are removed and
// said, never stored; an agency name that would break a line, more than
// 50 sub-parts of 一 and a text part above the cap are refused with the
// model's Chinese message.
func TestBadInput(t *testing.T) {
	seed := readSeed(t)
	res := mustImport(t, []byte(strings.Replace(seed, "编制本报告。", "编制本\x1b[31m报告\a。", 1)), "seed.txt")
	if res.Report.Preface != "依据《中华人民共和国政府信息公开条例》（以下简称《政府信息公开条例》）第五十条规定，编制本[31m报告。" {
		t.Errorf("Preface = %q", res.Report.Preface)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "原文中有 2 个控制字符（不可见的特殊字符），已删去") {
		t.Errorf("notes %q", res.Notes)
	}
	if _, err := Import([]byte(seed), "seed.txt", Options{Agency: "某局\n2023"}); err == nil || !strings.Contains(err.Error(), "机关名称不能换行") {
		t.Errorf("agency with a line break: %v", err)
	}
	var parts strings.Builder
	for i := 1; i <= 51; i++ {
		fmt.Fprintf(&parts, "（%s）小标题\n正文。\n", model.ChineseNumber(i))
	}
	many := strings.Replace(seed, "（一）领导组织有力", parts.String()+"（五十二）领导组织有力", 1)
	if _, err := Import([]byte(many), "seed.txt", Options{}); err == nil || !strings.Contains(err.Error(), "小标题太多") {
		t.Errorf("52 sub-parts: %v", err)
	}
	long := strings.Replace(seed, "编制本报告。", strings.Repeat("长", model.MaxTextChars+1), 1)
	if _, err := Import([]byte(long), "seed.txt", Options{}); err == nil || !strings.Contains(err.Error(), "太长") {
		t.Errorf("long preface: %v", err)
	}
}

// TestTitlesAsPublished: the title in the ways reports print it.
func TestTitlesAsPublished(t *testing.T) {
	seed := readSeed(t)
	head := "北京市密云区科学技术委员会\n\n2023年政府信息公开工作年度报告\n"
	if !strings.HasPrefix(seed, head) {
		t.Fatal("the seed's title changed")
	}
	body := seed[len(head):]
	for _, tc := range []struct {
		name, title string
		date        model.Date
	}{
		{"年度 in the title", "北京市密云区科学技术委员会2023年度政府信息公开工作年度报告\n", ""},
		{"agency under a generic title", "2023年度政府信息公开工作年度报告\n北京市密云区科学技术委员会\n", ""},
		{"a date line under the title", "北京市密云区科学技术委员会2023年政府信息公开工作年度报告\n2024年1月19日\n", "2024-01-19"},
		{"page chrome around it", "首页 > 政务公开 > 年度报告\n北京市密云区科学技术委员会2023年政府信息公开工作年度报告\n发布时间：2024-01-19 来源：区科委\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustImport(t, []byte(tc.title+body), "x.txt")
			r := res.Report
			if r.Agency != "北京市密云区科学技术委员会" || r.Year != 2023 || r.Date != tc.date {
				t.Errorf("agency %q year %d date %q", r.Agency, r.Year, r.Date)
			}
			if !strings.HasPrefix(r.Preface, "依据《中华人民共和国政府信息公开条例》") {
				t.Errorf("Preface = %q", r.Preface)
			}
			checkCells(t, r, seedWant())
		})
	}
}

// TestLargePDF: a PDF larger than a text file may be (fonts, a scanned
// seal) is read; one above its own limit is refused before it is read.
func TestLargePDF(t *testing.T) {
	big := paddedPDF(strings.Repeat("x", MaxSize))
	if len(big) <= MaxSize {
		t.Fatal("not large")
	}
	// It is read: its one page has no report on it, and that is what is said.
	if _, err := Import(big, "big.pdf", Options{Agency: "某局", Year: 2023}); err == nil || !strings.Contains(err.Error(), "没有找到年度报告的内容") {
		t.Errorf("a 9 MB PDF: %v", err)
	}
	path := t.TempDir() + "/huge.pdf"
	if f, err := os.Create(path); err != nil {
		t.Fatal(err)
	} else {
		f.Close()
	}
	if err := os.Truncate(path, MaxPackageSize+1); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportFile(path, Options{}); err == nil || !strings.Contains(err.Error(), "文件太大（约 65 MB，最多 64 MB）") {
		t.Errorf("huge PDF: %v", err)
	}
}

// TestDocxTrackedChanges: a .docx saved with revisions shows (insertions
// read, deletions not), as Word shows the text with changes accepted.
func TestDocxTrackedChanges(t *testing.T) {
	cell := `<w:tc><w:p><w:del w:id="1" w:author="a"><w:r><w:delText>9</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>8</w:t></w:r></w:ins></w:p></w:tc>`
	body := strings.Replace(smallDocxBody, wtc("1", 1, ""), cell, 1)
	if body == smallDocxBody {
		t.Fatal("the cell was not replaced")
	}
	res := mustImport(t, makeDocx(t, body), "revised.docx")
	if v, ok := res.Report.Get("s4.review.upheld"); !ok || v != model.Int(8) {
		t.Errorf("upheld = %v %v, want 8", v, ok)
	}
}

// TestPDFKeepsDrawnSpaces: the spaces an officer typed (信息 1234 条, & 符号,
// 1. 列表) are drawn by LibreOffice as space characters; the PDF of our
// Word export reads back with them, and its undated 落款 as the signer.
func TestPDFKeepsDrawnSpaces(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("NIANBAO_E2E") == "1" {
			t.Fatal("NIANBAO_E2E=1 but soffice is not installed")
		}
		t.Skip("soffice is not installed: skipping (NIANBAO_E2E=1 makes this a failure)")
	}
	r := spacedReport(t)
	docx, err := export.Render(r, export.DOCX, export.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(in, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "report.pdf"))
	if err != nil {
		t.Fatalf("LibreOffice did not convert the document: %v", err)
	}
	got := mustImport(t, pdf, "report.pdf").Report
	for _, c := range []struct{ name, got, want string }{
		{"preface", got.Preface, r.Preface},
		{"一（一）", got.S1.Parts[0].Body, r.S1.Parts[0].Body},
		{"五", got.S5, r.S5},
		{"六", got.S6, r.S6},
		{"落款", got.Signer, r.Signer},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}
