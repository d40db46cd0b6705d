package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// makeDocx packs a WordprocessingML body into a minimal .docx package, as
// Word and WPS write one: [Content_Types].xml, the relationships, and
// word/document.xml.
func makeDocx(t testing.TB, body string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	files := []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`},
	}
	for _, f := range files {
		w, err := z.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func wp(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// wtc is a table cell; span > 1 sets w:gridSpan, merge "restart" or
// "continue" sets w:vMerge. A figure is split across two runs, as Word
// does after an edit.
func wtc(text string, span int, merge string) string {
	pr := ""
	if span > 1 {
		pr += fmt.Sprintf(`<w:gridSpan w:val="%d"/>`, span)
	}
	switch merge {
	case "restart":
		pr += `<w:vMerge w:val="restart"/>`
	case "continue":
		pr += `<w:vMerge/>`
	}
	runs := `<w:r><w:t>` + text + `</w:t></w:r>`
	if len(text) >= 2 && kindOf(text) == vNum {
		runs = `<w:r><w:t>` + text[:1] + `</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>` + text[1:] + `</w:t></w:r>`
	}
	return `<w:tc><w:tcPr>` + pr + `</w:tcPr><w:p>` + runs + `</w:p></w:tc>`
}

func wtr(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }

// smallDocxBody is a short report: title, headings, and table 四 with
// merged header cells.
var smallDocxBody = wp("某区某局2023年政府信息公开工作年度报告") + wp("一、总体情况") + wp("正文。") +
	wp("四、政府信息公开行政复议、行政诉讼情况") +
	"<w:tbl>" +
	wtr(wtc("行政复议", 5, "restart"), wtc("行政诉讼", 10, "")) +
	wtr(wtc("", 5, "continue"), wtc("未经复议直接起诉", 5, ""), wtc("复议后起诉", 5, "")) +
	wtr(strings.Repeat(wtc("结果维持", 1, "")+wtc("结果纠正", 1, "")+wtc("其他结果", 1, "")+wtc("尚未审结", 1, "")+wtc("总计", 1, ""), 3)) +
	wtr(wtc("1", 1, ""), wtc("2", 1, ""), wtc("3", 1, ""), wtc("4", 1, ""), wtc("10", 1, ""),
		wtc("5", 1, ""), wtc("6", 1, ""), wtc("7", 1, ""), wtc("8", 1, ""), wtc("26", 1, ""),
		wtc("9", 1, ""), wtc("11", 1, ""), wtc("12", 1, ""), wtc("13", 1, ""), wtc("45", 1, "")) +
	"</w:tbl>" + wp("五、存在的主要问题及改进情况") + wp("问题。") + wp("六、其他需要报告的事项") + wp("无。")

// smallPDF is a one-page PDF drawn as producers draw one: a title, a
// heading, and a ruled table of one row (四) in Helvetica.
func smallPDF() []byte { return paddedPDF("") }

// paddedPDF is smallPDF with a comment of pad after the header, as large
// as a test needs, its cross-reference table still right.
func paddedPDF(pad string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 12 Tf 50 800 Td (ABC 2023) Tj ET\n")
	xs := []float64{50, 100, 150, 200, 250, 300}
	for _, x := range xs {
		fmt.Fprintf(&content, "%g 700 m %g 740 l S\n", x, x)
	}
	content.WriteString("50 700 m 300 700 l S 50 720 m 300 720 l S 50 740 m 300 740 l S\n")
	for i, x := range xs[:5] {
		fmt.Fprintf(&content, "BT /F1 10 Tf %g 705 Td (%d) Tj ET\n", x+5, i+1)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len()+1, content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	if pad != "" {
		b.WriteString("%" + pad + "\n")
	}
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// zipOf is a zip package with one file.
func zipOf(t testing.TB, name, data string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(data))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// addZipPart adds a part to a package made by makeDocx.
func addZipPart(t testing.TB, pkg []byte, name, data string) []byte {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, f := range r.File {
		w, err := z.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(rc)
		rc.Close()
		w.Write(buf.Bytes())
	}
	w, err := z.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(data))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// noTextPDF is smallPDF with its text taken out: a scanned page.
func noTextPDF() []byte {
	return bytes.ReplaceAll(smallPDF(), []byte(") Tj"), []byte(") Tz"))
}
