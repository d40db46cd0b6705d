package pdftext

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// onePage is a PDF of one page with the given content stream and a
// Helvetica font (WinAnsi) as F1, built with a correct cross-reference table.
func onePage(content string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" + strings.Repeat("500 ", 95) + "] >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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

func TestReadGlyphsAndLines(t *testing.T) {
	doc, err := Read(onePage("BT /F1 10 Tf 100 742 Td (A1) Tj ET\n50 700 200 0.5 re f\n60 600 m 60 700 l S\n"), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 1 {
		t.Fatalf("%d pages", len(doc.Pages))
	}
	p := doc.Pages[0]
	if len(p.Glyphs) != 2 || p.Glyphs[0].Text != "A" || p.Glyphs[1].Text != "1" {
		t.Fatalf("glyphs = %+v", p.Glyphs)
	}
	g := p.Glyphs[0]
	// Top-left origin: baseline 742 from the bottom is 100 from the top.
	if g.X != 100 || g.Y != 100 || g.Size != 10 || g.W != 5 {
		t.Errorf("glyph = %+v", g)
	}
	if p.Glyphs[1].X != 105 {
		t.Errorf("second glyph at %v, want 105 (advance 500/1000 × 10)", p.Glyphs[1].X)
	}
	var h, v int
	for _, s := range p.Segs {
		if s.Horizontal() {
			h++
		} else {
			v++
		}
	}
	if h != 1 || v != 1 {
		t.Errorf("segs = %+v", p.Segs)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		data []byte
		want error
	}{
		{[]byte("not a pdf"), ErrNotPDF},
		{[]byte("%PDF-1.4\nbroken"), ErrNotPDF},
	} {
		if _, err := Read(tc.data, DefaultLimits); err != tc.want && err != ErrDamaged {
			t.Errorf("Read(%q) = %v", tc.data, err)
		}
	}
	// A content stream longer than the limit is refused, not read for ever.
	lim := DefaultLimits
	lim.Operators = 10
	if _, err := Read(onePage(strings.Repeat("q Q ", 20)), lim); err != ErrTooBig {
		t.Errorf("over the limit: %v", err)
	}
}

// FuzzRead: no input panics or hangs.
//
//	go test ./internal/pdftext/ -run '^$' -fuzz FuzzRead -fuzztime 20s
func FuzzRead(f *testing.F) {
	f.Add(onePage("BT /F1 10 Tf 100 742 Td (A1) Tj ET\n50 700 200 0.5 re f\n"))
	f.Add(onePage("BI /W 1 /H 1 ID \x00\x01 EI BT /F1 1 Tf [(a) -100 (b)] TJ ET q 1 0 0 1 5 5 cm Q"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			return
		}
		doc, err := Read(data, DefaultLimits)
		if err != nil {
			if doc != nil {
				t.Fatal("both a document and an error")
			}
			return
		}
		if doc == nil {
			t.Fatal("neither a document nor an error")
		}
	})
}

// TestDeepNesting: objects nested without end are refused, not read
// recursively until the stack runs out.
func TestDeepNesting(t *testing.T) {
	deep := onePage(strings.Repeat("[", 100000) + " BT ET")
	if _, err := Read(deep, DefaultLimits); err != nil && err != ErrDamaged {
		t.Errorf("content: %v", err)
	}
	obj := bytes.Replace(onePage("BT ET"), []byte("<< /Type /Catalog"), append(bytes.Repeat([]byte("["), 100000), []byte("<< /Type /Catalog")...), 1)
	if _, err := Read(obj, DefaultLimits); err != ErrDamaged {
		t.Errorf("objects: %v", err)
	}
}

// pdfWith is a one-page PDF whose font F1 is the given dictionary, with
// more objects after it (numbered from 6), and the given content.
func pdfWith(content, font string, more ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
		font,
	}
	objs = append(objs, more...)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
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

func stream(s string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s)+1, s)
}

// TestCIDFonts: the fonts Word and WPS embed (Type 0, Identity-H, a
// ToUnicode map with bfchar and bfrange, widths from /W), and CJK fonts
// named by a predefined GB CMap without a ToUnicode map.
func TestCIDFonts(t *testing.T) {
	toUnicode := `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfchar
<0001> <4E00>
<0002> <0031>
endbfchar
1 beginbfrange
<0003> <0005> <4E8C>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`
	for _, tc := range []struct {
		name, font, content, want string
		more                      []string
		xs                        []float64
	}{
		{"Identity-H with ToUnicode", "<< /Type /Font /Subtype /Type0 /BaseFont /ABC+SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
			"BT /F1 10 Tf 100 742 Td <0001000200030005> Tj ET", "一1二于",
			[]string{"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABC+SimSun /DW 1000 /W [2 [500]] >>", stream(toUnicode)},
			[]float64{100, 110, 115, 125}},
		{"GBK-EUC-H without ToUnicode", "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [6 0 R] >>",
			"BT /F1 10 Tf 100 742 Td <D6D0CEC431> Tj ET", "中文1",
			[]string{"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /DW 1000 >>"}, nil},
		{"UniGB-UCS2-H without ToUnicode", "<< /Type /Font /Subtype /Type0 /BaseFont /STSong /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
			"BT /F1 10 Tf 100 742 Td <4E2D6587> Tj ET", "中文",
			[]string{"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong >>"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Read(pdfWith(tc.content, tc.font, tc.more...), DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for i, g := range doc.Pages[0].Glyphs {
				got.WriteString(g.Text)
				if g.Unmapped {
					t.Errorf("glyph %d unmapped", i)
				}
				if tc.xs != nil && (i >= len(tc.xs) || g.X != tc.xs[i]) {
					t.Errorf("glyph %d at %v, want %v", i, g.X, tc.xs)
				}
			}
			if got.String() != tc.want {
				t.Errorf("text %q, want %q", got.String(), tc.want)
			}
		})
	}
}
