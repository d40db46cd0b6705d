package importer

import (
	"os"
	"strings"
	"testing"

	"nianbao/model"
)

// FuzzImport: no input panics or hangs, and each returns either a report or
// a clear (Chinese) error. Run it locally for a short while:
//
//	go test ./importer/ -run '^$' -fuzz FuzzImport -fuzztime 20s -fuzzminimizetime 50x
//
// (without -fuzzminimizetime the engine spends the whole run minimising the
// first new input, the seed corpus being whole reports).
func FuzzImport(f *testing.F) {
	seed := readSeed(f)
	html, err := os.ReadFile("testdata/miyun-word.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(seed), "text")
	f.Add([]byte(renderRows(seedRows(seed), func(c []string) string { return strings.Join(c, "\t") }, true)), "text")
	f.Add([]byte(strings.Replace(seed, "主动公开政府信息情况\n", table2019, 1)), "text")
	f.Add([]byte(seed[:len(seed)/2]), "text")
	f.Add(html, "html")
	f.Add([]byte(`<table><tr><td rowspan=99999 colspan=99999>一、总体情况</td></tr><tr><td>六、其他需要报告的事项</td></tr></table>`), "html")
	f.Add([]byte(`{"schema":1,"agency":"某局","year":2023,"cells":{"s3.new.natural":1}}`), "json")
	// The crawler forms of a table with a cell per line (cells.go).
	numbered := readReport(f, "gen/numbered.json")
	for _, form := range []string{"cellline", "pipeline", "pipeline-bare", "blankline", "splitrows"} {
		page := crawlerForm(crawlPage(f, numbered), form)
		f.Add([]byte(page), "text")
		f.Add([]byte(page[:len(page)*2/3]), "text") // an excerpt cut in a table
		f.Add([]byte(page[:strings.Index(page, "6.属于四类过程性信息")+40]), "text")
	}
	f.Fuzz(func(t *testing.T, data []byte, kind string) {
		if len(data) > 1<<20 {
			return
		}
		name := "x.txt"
		switch kind {
		case "html":
			name = "x.html"
		case "json":
			name = "x.json"
		case "text":
		default:
			name = "x"
		}
		res, err := Import(data, name, Options{})
		if err != nil {
			if res != nil {
				t.Fatal("both a result and an error")
			}
			if !hasHan(err.Error()) {
				t.Fatalf("error is not in Chinese: %v", err)
			}
			return
		}
		if res == nil || res.Report == nil {
			t.Fatal("neither a report nor an error")
		}
		if _, err := model.Encode(res.Report); err != nil {
			t.Fatalf("imported report cannot be encoded: %v", err)
		}
		if len(res.Notes) > maxNotes {
			t.Fatalf("%d notes", len(res.Notes))
		}
	})
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func BenchmarkImportSeed(b *testing.B) {
	data := []byte(readSeed(b))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import(data, "seed.txt", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/miyun-word.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import(data, "a.html", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchFile(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import(data, path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// The seed's report (with a figure in every cell) as nianbao's Markdown
// export, as a .docx (LibreOffice), and as PDFs from LibreOffice and
// Chromium (Type 3 fonts, one per few glyphs).
func BenchmarkImportMarkdown(b *testing.B) { benchFile(b, "testdata/gen/numbered.md") }
func BenchmarkImportDOCX(b *testing.B)     { benchFile(b, "testdata/gen/numbered.libreoffice.docx") }
func BenchmarkImportPDF(b *testing.B)      { benchFile(b, "testdata/gen/numbered-long2.libreoffice.pdf") }
func BenchmarkImportPDFChromium(b *testing.B) {
	benchFile(b, "testdata/gen/numbered.chromium.pdf")
}
func BenchmarkImportPDFText(b *testing.B) {
	benchFile(b, "testdata/gen/numbered.chromium.pdftotext-layout.txt")
}

// The order reader (pdftotext without -layout of LibreOffice's PDF of a
// .docx): a different figure in every cell, over two pages; and a small
// agency's zeros, whose readings are many and all alike.
func BenchmarkImportPDFTextOrder(b *testing.B) {
	benchFile(b, "testdata/gen/numbered-long4.nianbao-docx-split.libreoffice.pdftotext.txt")
}

func BenchmarkImportPDFTextOrderZeros(b *testing.B) {
	benchFile(b, "testdata/gen/typical.nianbao-docx.libreoffice.pdftotext.txt")
}

// fuzzResult checks what every fuzz target asks of an import: a report or
// a Chinese error, never both, never a panic, a report that encodes, and a
// bounded number of notes.
func fuzzResult(t *testing.T, res *Result, err error) {
	t.Helper()
	if err != nil {
		if res != nil {
			t.Fatal("both a result and an error")
		}
		if !hasHan(err.Error()) {
			t.Fatalf("error is not in Chinese: %v", err)
		}
		return
	}
	if res == nil || res.Report == nil {
		t.Fatal("neither a report nor an error")
	}
	if _, err := model.Encode(res.Report); err != nil {
		t.Fatalf("imported report cannot be encoded: %v", err)
	}
	if len(res.Notes) > maxNotes+1 {
		t.Fatalf("%d notes", len(res.Notes))
	}
}

// FuzzMarkdown: Markdown (nianbao's export and converter output) never
// panics or hangs.
//
//	go test ./importer/ -run '^$' -fuzz FuzzMarkdown -fuzztime 20s -fuzzminimizetime 50x
func FuzzMarkdown(f *testing.F) {
	md, err := os.ReadFile("testdata/gen/numbered.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(md))
	f.Add(mdConverterOutput)
	f.Add("# 某局2023年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n| a \\| b | 1 |\n|---|---|\n| 一、本年新收政府信息公开申请数量 | 1 |\n")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<18 {
			return
		}
		res, err := Import([]byte(s), "x.md", Options{})
		fuzzResult(t, res, err)
	})
}

// FuzzDocx: any bytes named .docx, and broken .docx packages, never panic
// or hang. The seeds are a real .docx (LibreOffice's) and a small one.
//
//	go test ./importer/ -run '^$' -fuzz FuzzDocx -fuzztime 20s -fuzzminimizetime 50x
func FuzzDocx(f *testing.F) {
	d, err := os.ReadFile("testdata/gen/numbered.libreoffice.docx")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(d)
	f.Add(makeDocx(f, smallDocxBody))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import(data, "x.docx", Options{})
		fuzzResult(t, res, err)
	})
}

// FuzzDocxXML: the body of a .docx, packed into a valid package, so that
// the fuzzer mutates the XML rather than the zip's compressed bytes.
//
//	go test ./importer/ -run '^$' -fuzz FuzzDocxXML -fuzztime 20s -fuzzminimizetime 50x
func FuzzDocxXML(f *testing.F) {
	f.Add(smallDocxBody)
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 1<<18 {
			return
		}
		res, err := Import(makeDocx(t, body), "x.docx", Options{})
		fuzzResult(t, res, err)
	})
}

// FuzzPDF: any bytes that look like a PDF never panic or hang. The seeds
// are a small PDF with a ruled table and LibreOffice's PDF of the report.
//
//	go test ./importer/ -run '^$' -fuzz FuzzPDF -fuzztime 20s -fuzzminimizetime 50x
func FuzzPDF(f *testing.F) {
	f.Add(smallPDF())
	d, err := os.ReadFile("testdata/gen/numbered.docx.libreoffice.pdf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(d)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			return
		}
		res, err := Import(data, "x.pdf", Options{})
		fuzzResult(t, res, err)
	})
}

// FuzzExtractedText: text extracted from PDFs (pages separated by form
// feeds) never panics or hangs.
//
//	go test ./importer/ -run '^$' -fuzz FuzzExtractedText -fuzztime 20s -fuzzminimizetime 50x
func FuzzExtractedText(f *testing.F) {
	for _, name := range []string{"numbered.chromium.pdftotext.txt", "numbered-long2.libreoffice.pdftotext-layout.txt",
		// The order reader's inputs: LibreOffice's bands and a page's
		// staircase, a small agency's zeros, -layout with blank cells.
		"numbered-long4.nianbao-docx-split.libreoffice.pdftotext.txt", "typical.nianbao-docx.libreoffice.pdftotext.txt",
		"blanks.nianbao-docx.libreoffice.pdftotext-layout.txt"} {
		d, err := os.ReadFile("testdata/gen/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(d))
	}
	f.Add("某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n\f2\n")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<18 {
			return
		}
		res, err := Import([]byte(s), "x.txt", Options{})
		fuzzResult(t, res, err)
	})
}
