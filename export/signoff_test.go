package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"nianbao/model"
)

// TestSignLayout: the 落款 after GB/T 9704 7.3.5.2: the name two characters
// in from the right, the date starting two characters right of the name's
// first character; a date longer than that keeps two characters from the
// right and moves the name left.
func TestSignLayout(t *testing.T) {
	for _, tc := range []struct {
		signer, date string
		sr, dr       float64
	}{
		// 13 characters over 6.5 (2025 and 20 are half-width).
		{"北京市密云区科学技术委员会", "2025年1月20日", 2, 6.5},
		// 8 over 6.5: the date would stand 0.5 from the edge.
		{"示例市科学技术局", "2025年1月20日", 2.5, 2},
		{"示例局", "2025年12月31日", 8, 2},
		{"示例市科学技术局", "", 2, 0},
	} {
		sr, dr := signLayout(tc.signer, tc.date)
		if sr != tc.sr || dr != tc.dr {
			t.Errorf("signLayout(%q, %q) = %v, %v; want %v, %v", tc.signer, tc.date, sr, dr, tc.sr, tc.dr)
		}
		if tc.date != "" {
			// The date's first character two to the right of the name's.
			if d := (sr + ems(tc.signer)) - (dr + ems(tc.date)); d != 2 {
				t.Errorf("%q / %q: the date starts %v characters right of the name", tc.signer, tc.date, d)
			}
		}
	}
}

// TestSignOffGolden: the end of every format, 六 to the 落款, for a report
// signed by another office than the agency and dated; and the agency's
// own name when no signer is set, the date left out while it is not set.
func TestSignOffGolden(t *testing.T) {
	r := completeReport(t)
	r.Signer = "示例市人民政府办公室"
	r.Date = model.DateOf(2025, time.January, 5)
	var b bytes.Buffer
	for _, c := range []struct {
		name string
		f    Format
		opt  Options
		from string
	}{
		{"html", HTML, Options{}, "<h2>六、"},
		{"fragment", HTML, Options{Fragment: true}, "六、其他需要报告的事项</h2>"},
		{"md", Markdown, Options{}, "## 六、"},
		{"docx", DOCX, Options{}, "六、其他需要报告的事项"},
	} {
		out, err := Render(r, c.f, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if c.f == DOCX {
			out = docxParts(t, out)["word/document.xml"]
			out = out[:bytes.Index(out, []byte("<w:sectPr>"))]
		}
		i := bytes.LastIndex(out, []byte(c.from))
		if i < 0 {
			t.Fatalf("%s: no %q", c.name, c.from)
		}
		if j := bytes.LastIndexByte(out[:i], '\n'); j >= 0 {
			i = j + 1
		}
		b.WriteString("== " + c.name + "\n")
		b.Write(out[i:])
		if !bytes.HasSuffix(out, []byte("\n")) {
			b.WriteString("\n")
		}
		text := string(out[i:])
		if !strings.Contains(text, "示例市人民政府办公室") || !strings.Contains(text, "2025年1月5日") {
			t.Errorf("%s does not end with the 落款", c.name)
		}
		if strings.Index(text, "示例市人民政府办公室") > strings.Index(text, "2025年1月5日") {
			t.Errorf("%s: the date before the signer", c.name)
		}
	}
	goldenCheck(t, "signoff", b.Bytes())

	// No signer: the agency signs; no date: none printed.
	r = completeReport(t)
	r.Date = ""
	for _, f := range []Format{HTML, Markdown, DOCX} {
		out, _ := Render(r, f, Options{})
		if f == DOCX {
			out = docxParts(t, out)["word/document.xml"]
		}
		s := string(out)
		if !strings.Contains(s[strings.LastIndex(s, "实际收取总金额"):], r.Agency) || strings.Contains(s, "2025年") {
			t.Errorf("%s: the undated report's 落款 is not the agency alone", f)
		}
	}
}
