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

// textsBut compares got's texts with want's after taking out of both the
// comma LibreOffice drops where it would hang at a line's end (its PDF
// does not show it, so no import of it can have it).
func textsBut(got, want *model.Report) []string {
	g, w := got.Clone(), want.Clone()
	for _, r := range []*model.Report{g, w} {
		r.S5 = strings.ReplaceAll(r.S5, "，", "")
	}
	return textsEqual(g, w)
}

// The texts a form keeps.
const (
	textsAll   = iota // every text as exported
	textsComma        // all but a comma LibreOffice hangs at a line's end
	textsNone         // not compared (the form joins or splits paragraphs)
)

// TestForms imports the reports of make.sh in every form made from them
// (browser copy, .docx, PDFs, text extracted from PDFs): exactly so many
// figures read, the rest empty, never a wrong figure; the 落款 (signer and
// date) read back; and every text where the form keeps them.
func TestForms(t *testing.T) {
	for _, tc := range []struct {
		file    string
		right   int  // input cells read (of 169); the rest must be empty
		texts   int  // textsAll, textsComma or textsNone
		noTitle bool // the form has lost the title: agency and year given
	}{
		{"gen/numbered.md", 169, textsAll, false},
		{"gen/numbered.html", 169, textsAll, false},
		{"gen/numbered.chromium-copy.txt", 169, textsAll, false},
		{"gen/seed.chromium-copy.txt", 168, textsAll, false}, // the seed does not state 收费通知总金额
		// LibreOffice's conversion of the HTML export splits two paragraphs
		// of 一 in two (the .docx itself has two w:p).
		{"gen/numbered.libreoffice.docx", 169, textsNone, false},
		// nianbao's own Word export, and LibreOffice's PDF of it: 三 on a
		// page of its own after text of several lengths, or (without
		// keep-with-next, as an office's own Word file) over two pages.
		{"gen/numbered.docx", 169, textsAll, false},
		{"gen/numbered.nianbao-docx.libreoffice.pdf", 169, textsComma, false},
		{"gen/numbered-long4.nianbao-docx.libreoffice.pdf", 169, textsComma, false},
		{"gen/numbered.nianbao-docx-split.libreoffice.pdf", 169, textsComma, false},
		{"gen/numbered-long4.nianbao-docx-split.libreoffice.pdf", 169, textsComma, false},
		{"gen/blanks.nianbao-docx.libreoffice.pdf", 136, textsComma, false},
		{"gen/numbered.libreoffice.pdf", 169, textsAll, false},
		{"gen/numbered-long2.libreoffice.pdf", 169, textsAll, false},
		{"gen/numbered-long4.libreoffice.pdf", 169, textsAll, false},
		{"gen/numbered-long6.libreoffice.pdf", 169, textsAll, false},
		{"gen/numbered.docx.libreoffice.pdf", 169, textsNone, false},
		{"gen/numbered.chromium.pdf", 169, textsAll, false},
		{"gen/numbered.libreoffice-truetype.pdf", 169, textsAll, false},
		{"gen/numbered.ghostscript.pdf", 169, textsAll, false},
		{"gen/numbered.chromium-headers.pdf", 169, textsAll, false},
		// Cells of 三 left blank (the 科研机构 column, and more): every
		// figure printed is read, the blank cells are left empty. Without
		// borders, each figure goes to the column it stands under.
		{"gen/blanks.chromium.pdf", 136, textsAll, false},
		{"gen/blanks.chromium-noborders.pdf", 136, textsAll, false},
		// LibreOffice's Writer/Web sets the figures of one column at
		// different places in different rows: no reading holds for the
		// whole table, and the rows with blanks are left empty.
		{"gen/blanks.libreoffice-noborders.pdf", 25, textsAll, false},
		{"gen/numbered-long2.libreoffice-noborders.pdf", 169, textsAll, false},
		{"gen/numbered-long4.libreoffice-noborders.pdf", 169, textsAll, false},

		// pdftotext -layout: the columns by their places. Characters are
		// counted as pdftotext sets them (one each, wide or narrow); a row
		// with blank cells is placed by the figures' own columns where
		// every column has a figure in some row of the page's part of the
		// table, else by the header's names where they place every figure.
		{"gen/numbered.nianbao-docx.libreoffice.pdftotext-layout.txt", 169, textsComma, false},
		{"gen/numbered-long2.nianbao-docx.libreoffice.pdftotext-layout.txt", 169, textsComma, false},
		{"gen/numbered-long6.nianbao-docx.libreoffice.pdftotext-layout.txt", 169, textsComma, false},
		{"gen/numbered.nianbao-docx-split.libreoffice.pdftotext-layout.txt", 169, textsComma, false},
		{"gen/numbered-long4.nianbao-docx-split.libreoffice.pdftotext-layout.txt", 169, textsComma, false},
		{"gen/seed.nianbao-docx.libreoffice.pdftotext-layout.txt", 168, textsComma, false},
		{"gen/typical.nianbao-docx.libreoffice.pdftotext-layout.txt", 169, textsComma, false},
		{"gen/typical.nianbao-docx-split.libreoffice.pdftotext-layout.txt", 169, textsComma, false},
		{"gen/blanks.nianbao-docx.libreoffice.pdftotext-layout.txt", 136, textsComma, false},
		// Over two pages, the first page's part (four rows, 科研机构 and
		// 总计 blank throughout) has neither all its columns nor a header
		// that places every figure: its rows with blanks stay empty.
		{"gen/blanks.nianbao-docx-split.libreoffice.pdftotext-layout.txt", 118, textsComma, false},
		// 四 with a blank cell is one row of 13 figures for 15 places.
		{"gen/sparse.nianbao-docx.libreoffice.pdftotext-layout.txt", 153, textsComma, false},
		{"gen/sparse.nianbao-docx-split.libreoffice.pdftotext-layout.txt", 153, textsComma, false},
		{"gen/numbered-long2.libreoffice.pdftotext-layout.txt", 169, textsAll, false},
		{"gen/numbered.chromium.pdftotext-layout.txt", 169, textsAll, false},
		{"gen/numbered.chromium-headers.pdftotext-layout.txt", 169, textsAll, false},
		{"gen/numbered.docx.libreoffice.pdftotext-layout.txt", 169, textsNone, false},
		{"gen/numbered-long2.libreoffice-noborders.pdftotext-layout.txt", 169, textsAll, true},
		// Chromium's -layout packs a row's figures with one space between
		// them and a few more for a blank: where a blank column is blank
		// in every row, nothing tells which it is.
		{"gen/blanks.chromium.pdftotext-layout.txt", 25, textsAll, false},
		{"gen/blanks.libreoffice-noborders.pdftotext-layout.txt", 25, textsAll, true},

		// pdftotext without -layout: a cell per line, in the order of
		// pdftotext's reading (see orderRead). 三 and 四 are read by the
		// order and their printed sums; 二, which has none, by the order
		// within pdftotext's flows, and where that leaves two readings
		// (LibreOffice puts each column of 规章 / 行政规范性文件 in a flow
		// of its own) only the cells they agree on: 4 cells stay empty.
		{"gen/numbered.nianbao-docx.libreoffice.pdftotext.txt", 165, textsComma, false},
		{"gen/numbered.nianbao-docx-split.libreoffice.pdftotext.txt", 165, textsComma, false},
		{"gen/numbered-long4.nianbao-docx-split.libreoffice.pdftotext.txt", 165, textsNone, false},
		{"gen/numbered-long2.nianbao-docx.libreoffice.pdftotext.txt", 165, textsNone, false},
		{"gen/numbered-long6.nianbao-docx.libreoffice.pdftotext.txt", 165, textsNone, false},
		// The seed as exported: its draft note above a title wrapped
		// inside a word; every figure (all 0 but one) placed.
		{"gen/seed.nianbao-docx.libreoffice.pdftotext.txt", 168, textsComma, false},
		// A small agency's zeros: 新收 and 上年结转 printed as a band keep
		// every printed sum read in two ways (only the 勾稽关系, which a
		// report may break, would choose): 5 of their cells stay empty.
		{"gen/typical.nianbao-docx.libreoffice.pdftotext.txt", 160, textsComma, false},
		{"gen/typical.nianbao-docx-split.libreoffice.pdftotext.txt", 160, textsComma, false},
		// Blank cells print nothing: which of a row's cells are blank
		// cannot be told from the order. 三 stays empty (and 四 with one).
		{"gen/blanks.nianbao-docx.libreoffice.pdftotext.txt", 21, textsComma, false},
		{"gen/blanks.nianbao-docx-split.libreoffice.pdftotext.txt", 21, textsComma, false},
		{"gen/sparse.nianbao-docx.libreoffice.pdftotext.txt", 9, textsComma, false},
		{"gen/sparse.nianbao-docx-split.libreoffice.pdftotext.txt", 9, textsComma, false},
		// Chromium's PDF: row by row, 二 in one flow: every figure.
		{"gen/numbered.chromium.pdftotext.txt", 169, textsAll, false},
		{"gen/numbered.chromium-headers.pdftotext.txt", 169, textsAll, false},
		// Copied out of a PDF viewer: no page breaks, so no flows (the
		// blank lines are not pdftotext's): 二 as far as the order goes.
		{"gen/numbered.chromium.viewer-copy.txt", 165, textsAll, false},
		{"gen/numbered.nianbao-docx.viewer-copy.txt", 169, textsComma, false},
		// LibreOffice's PDF of the HTML export: its tables' cells are not
		// in an order pdftotext's rules keep (a cell of 科研机构 before the
		// one above it): 三 has no reading and stays empty.
		{"gen/numbered-long2.libreoffice.pdftotext.txt", 21, textsNone, false},
		{"gen/numbered.docx.libreoffice.pdftotext.txt", 21, textsNone, false},
		{"gen/numbered-long2.libreoffice-noborders.pdftotext.txt", 21, textsNone, true},
		{"gen/blanks.chromium.pdftotext.txt", 25, textsAll, false},
		{"gen/blanks.libreoffice-noborders.pdftotext.txt", 21, textsAll, false},
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
			if right != tc.right || empty != model.NumInputs-tc.right {
				t.Errorf("%d cells right and %d empty, want %d and %d; notes:\n%s", right, empty, tc.right, model.NumInputs-tc.right, strings.Join(res.Notes, "\n"))
			}
			if r := res.Report; r.Signer != want.Signer || r.Date != want.Date {
				t.Errorf("落款 %q %q, want %q %q", r.Signer, r.Date, want.Signer, want.Date)
			}
			var diff []string
			switch tc.texts {
			case textsAll:
				diff = textsEqual(res.Report, want)
			case textsComma:
				diff = textsBut(res.Report, want)
			}
			for _, d := range diff {
				t.Errorf("text differs: %s", d)
			}
		})
	}
}
