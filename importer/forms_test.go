package importer

import (
	"fmt"
	"strings"
	"testing"

	"nianbao/model"
)

// cellScore compares the cells of an import with the report it came from:
// how many input cells hold the right figure, how many are empty, and every
// cell that holds a different figure (never allowed).
func cellScore(got, want *model.Report) (right, empty int, wrong []string) {
	for _, c := range model.InputCells() {
		g, gok := got.Get(c.Addr)
		w, wok := want.Get(c.Addr)
		switch {
		case !gok:
			empty++
		case wok && g == w:
			right++
		default:
			wrong = append(wrong, fmt.Sprintf("%s = %s, want %s", c.Addr, g, w))
		}
	}
	return right, empty, wrong
}

// textsEqual says which texts of got differ from want.
func textsEqual(got, want *model.Report) []string {
	var bad []string
	if got.Agency != want.Agency || got.Year != want.Year {
		bad = append(bad, fmt.Sprintf("agency/year %q/%d", got.Agency, got.Year))
	}
	if got.Preface != want.Preface {
		bad = append(bad, "preface: "+got.Preface)
	}
	if got.S1.Intro != want.S1.Intro {
		bad = append(bad, "s1 intro: "+got.S1.Intro)
	}
	if len(got.S1.Parts) != len(want.S1.Parts) {
		bad = append(bad, fmt.Sprintf("%d parts", len(got.S1.Parts)))
	} else {
		for i, p := range got.S1.Parts {
			if p != want.S1.Parts[i] {
				bad = append(bad, fmt.Sprintf("part %d: %q %q", i, p.Title, p.Body))
			}
		}
	}
	if got.S5 != want.S5 {
		bad = append(bad, "s5: "+got.S5)
	}
	if got.S6 != want.S6 {
		bad = append(bad, "s6: "+got.S6)
	}
	return bad
}

// TestForms imports the numbered report in every form made from it by
// make.sh (browser copy, .docx, PDFs, text extracted from PDFs): never a
// wrong figure, and every figure and text where the form keeps them.
func TestForms(t *testing.T) {
	for _, tc := range []struct {
		file      string
		minRight  int  // input cells that must be read
		textsSame bool // every text as exported
		noTitle   bool // the form has lost the title: agency and year given
	}{
		{"gen/numbered.md", 169, true, false},
		{"gen/numbered.html", 169, true, false},
		{"gen/numbered.chromium-copy.txt", 169, true, false},
		// LibreOffice's conversion of the HTML export splits two paragraphs
		// of 一 in two (the .docx itself has two w:p): texts not compared.
		{"gen/numbered.libreoffice.docx", 169, false, false},
		// nianbao's own Word export, and LibreOffice's PDF of it (三 split
		// over pages in the longer one), and pdftotext of that PDF.
		{"gen/numbered.docx", 169, true, false},
		// (LibreOffice drops a comma it would hang at a line's end in 五:
		// the PDF does not show it, so the import cannot have it.)
		{"gen/numbered.nianbao-docx.libreoffice.pdf", 169, false, false},
		{"gen/numbered-long4.nianbao-docx.libreoffice.pdf", 169, false, false},
		{"gen/blanks.nianbao-docx.libreoffice.pdf", 136, false, false},
		{"gen/numbered.nianbao-docx.libreoffice.pdftotext-layout.txt", 169, false, false},
		{"gen/numbered.nianbao-docx.libreoffice.pdftotext.txt", 0, false, false},
		{"gen/blanks.nianbao-docx.libreoffice.pdftotext-layout.txt", 0, false, false},
		{"gen/numbered.libreoffice.pdf", 169, true, false},
		{"gen/numbered-long2.libreoffice.pdf", 169, true, false},
		{"gen/numbered-long4.libreoffice.pdf", 169, true, false},
		{"gen/numbered-long6.libreoffice.pdf", 169, true, false},
		{"gen/numbered.docx.libreoffice.pdf", 169, false, false},
		{"gen/numbered.chromium.pdf", 169, true, false},
		{"gen/numbered.libreoffice-truetype.pdf", 169, true, false},
		{"gen/numbered.ghostscript.pdf", 169, true, false},
		{"gen/numbered.chromium-headers.pdf", 169, true, false},
		// Cells of 三 left blank (the 科研机构 column, and more): every
		// figure printed is read, the blank cells are left empty. Without
		// borders, each figure goes to the column it stands under.
		{"gen/blanks.chromium.pdf", 136, true, false},
		{"gen/blanks.chromium-noborders.pdf", 136, true, false},
		// LibreOffice's Writer/Web sets the figures of one column at
		// different places in different rows: no reading holds for the
		// whole table, and the rows with blanks are left empty.
		{"gen/blanks.libreoffice-noborders.pdf", 25, true, true},
		// In extracted text a blank cell is nothing at all, and the
		// columns' places are not kept exactly enough to tell.
		{"gen/blanks.chromium.pdftotext-layout.txt", 25, true, false},
		{"gen/blanks.libreoffice-noborders.pdftotext-layout.txt", 25, true, true},
		{"gen/numbered.chromium-headers.pdftotext-layout.txt", 169, true, false},
		{"gen/numbered.chromium-headers.pdftotext.txt", 159, true, false},
		// LibreOffice's Writer/Web draws the tables without borders and
		// leaves the title out (it is in the PDF's document title).
		{"gen/numbered-long2.libreoffice-noborders.pdf", 169, true, false},
		{"gen/numbered-long4.libreoffice-noborders.pdf", 169, true, false},
		{"gen/numbered-long2.libreoffice.pdftotext-layout.txt", 169, true, false},
		{"gen/numbered.chromium.pdftotext-layout.txt", 169, true, false},
		{"gen/numbered.docx.libreoffice.pdftotext-layout.txt", 169, false, false},
		{"gen/numbered-long2.libreoffice-noborders.pdftotext-layout.txt", 169, true, true},
		// Without -layout, pdftotext writes a cell per line in the order
		// the PDF drew them: Chromium's row by row (三 and 四 read by their
		// arithmetic; 二 has none, and its labels stand before or after
		// their figures, so it is left empty), LibreOffice's column by
		// column (nothing in 三 can be placed).
		{"gen/numbered.chromium.pdftotext.txt", 159, true, false},
		// Copied out of a PDF viewer: no page breaks, lines of the page's
		// width; told from a web page's text by its wrapped lines.
		{"gen/numbered.chromium.viewer-copy.txt", 159, true, false},
		{"gen/numbered.nianbao-docx.viewer-copy.txt", 169, false, false},
		{"gen/numbered-long2.libreoffice.pdftotext.txt", 15, true, false},
		{"gen/numbered.docx.libreoffice.pdftotext.txt", 15, false, false},
		{"gen/numbered-long2.libreoffice-noborders.pdftotext.txt", 15, true, true},
	} {
		t.Run(strings.TrimPrefix(tc.file, "gen/"), func(t *testing.T) {
			// The report a file was made from: gen/numbered-long2.… from
			// gen/numbered-long2.json.
			base, _, _ := strings.Cut(strings.TrimPrefix(tc.file, "gen/"), ".")
			want := readReport(t, "gen/"+base+".json")
			var opt Options
			if tc.noTitle {
				opt = Options{Agency: want.Agency, Year: want.Year}
			}
			res, err := ImportFile("testdata/"+tc.file, opt)
			if err != nil {
				t.Fatal(err)
			}
			right, empty, wrong := cellScore(res.Report, want)
			for _, w := range wrong {
				t.Errorf("wrong figure: %s", w)
			}
			t.Logf("%d right, %d empty, %d wrong; %d notes", right, empty, len(wrong), len(res.Notes))
			if right < tc.minRight {
				t.Errorf("%d cells right, want at least %d; notes:\n%s", right, tc.minRight, strings.Join(res.Notes, "\n"))
			}
			if tc.textsSame {
				for _, d := range textsEqual(res.Report, want) {
					t.Errorf("text differs: %s", d)
				}
			}
		})
	}
}
