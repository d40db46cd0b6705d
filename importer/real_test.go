package importer

import (
	"fmt"
	"strings"
	"testing"

	"nianbao/model"
)

// shanghaiWant is what the real report testdata/real/shanghai-bgt-2019.html
// prints in its tables: every figure of 三 and 四 (a blank cell is not a
// figure: it stays empty), and nothing of 二, which is in the 2019 trial
// layout.
func shanghaiWant() map[model.CellAddr]string {
	want := map[model.CellAddr]string{}
	cols := []string{"natural", "business", "research", "nonprofit", "legal", "other"}
	rows := map[string][]string{
		"new":             {"821", "35", "", "", "2", "1"},
		"carried":         {"18"},
		"granted":         {"258", "12", "", "", "1", "1"},
		"partial":         {"3"},
		"denied_secret":   {"14"},
		"denied_internal": {"5"},
		"denied_process":  {"3", "1"},
		"denied_query":    {"10", "2"},
		"unable_nohold":   {"252", "12", "", "", "1"},
		"unable_create":   {"44", "3"},
		"unable_unclear":  {"25"},
		"reject_petition": {"148", "1"},
		"reject_repeat":   {"5", "4"},
		"forward":         {"72"},
	}
	for row, vals := range rows {
		for i, v := range vals {
			if v != "" {
				want[model.S3.Addr(row, cols[i])] = v
			}
		}
	}
	want["s4.review.upheld"] = "5"
	want["s4.review.pending"] = "2"
	want["s4.suit_direct.upheld"] = "8"
	want["s4.suit_direct.pending"] = "1"
	return want
}

// realScore compares an import with what a real report prints: figures
// read right, figures left empty, and cells that hold a figure the report
// does not print there (never allowed).
func realScore(r *model.Report, want map[model.CellAddr]string) (right, missed int, wrong []string) {
	for _, c := range model.InputCells() {
		if c.Table == model.S6 {
			continue
		}
		v, ok := r.Get(c.Addr)
		w, printed := want[c.Addr]
		switch {
		case printed && ok && v.String() == w:
			right++
		case printed && !ok:
			missed++
		case ok:
			wrong = append(wrong, fmt.Sprintf("%s = %s, want %q", c.Addr, v, w))
		}
	}
	return right, missed, wrong
}

// TestRealReport reads a real published report (its tables as published:
// blank cells, the 2019 layout of 二, （六）其他处理 in one row) in the forms
// made from it with real tools: every printed figure of 三 and 四 in its
// cell, and nothing else.
func TestRealReport(t *testing.T) {
	want := shanghaiWant()
	for _, tc := range []struct {
		file     string
		minRight int
		noTitle  bool // the form has lost the title: agency and year given
	}{
		{"real/shanghai-bgt-2019.html", 31, false},
		{"gen/shanghai.chromium-copy.txt", 31, false},
		{"gen/shanghai.chromium.pdf", 31, false},
		// LibreOffice lays the page's nowrap table out wider than the
		// page: the left columns fall off it, and with them the labels.
		{"gen/shanghai.libreoffice.pdf", 4, false},
		// The report leaves most cells blank; in extracted text a blank
		// is nothing at all, so a row's figures cannot be told apart.
		{"gen/shanghai.chromium.pdftotext-layout.txt", 0, false},
		{"gen/shanghai.libreoffice.pdftotext-layout.txt", 0, false},
		{"gen/shanghai.chromium.pdftotext.txt", 0, true},
		{"gen/shanghai.libreoffice.pdftotext.txt", 0, false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var opt Options
			if tc.noTitle {
				opt = Options{Agency: "上海市人民政府办公厅", Year: 2019}
			}
			res, err := ImportFile("testdata/"+tc.file, opt)
			if err != nil {
				t.Fatal(err)
			}
			r := res.Report
			if r.Agency != "上海市人民政府办公厅" || r.Year != 2019 {
				t.Errorf("agency/year = %q/%d", r.Agency, r.Year)
			}
			right, missed, wrong := realScore(r, want)
			for _, w := range wrong {
				t.Errorf("wrong figure: %s", w)
			}
			t.Logf("%d of %d printed figures read, %d left empty", right, len(want), missed)
			if right < tc.minRight {
				t.Errorf("%d figures read, want %d; notes:\n%s", right, tc.minRight, strings.Join(res.Notes, "\n"))
			}
		})
	}
}

// TestRealCrawlerExcerpt reads a real page as a crawler stored it: cells
// separated by " | ", the excerpt stopping in the middle of table 二.
func TestRealCrawlerExcerpt(t *testing.T) {
	res, err := ImportFile("testdata/real/shanghai-css-2022.excerpt.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Report
	if r.Agency != "上海市人民政府参事室" || r.Year != 2022 || len(r.S1.Parts) != 5 || r.S1.Parts[4].Title != "监督保障" {
		t.Errorf("report = %q/%d, parts %+v", r.Agency, r.Year, r.S1.Parts)
	}
	for _, c := range model.InputCells() {
		v, ok := r.Get(c.Addr)
		switch c.Addr {
		case "s2.rules.issued", "s2.rules.repealed", "s2.rules.in_force", "s2.normative.issued",
			"s2.normative.repealed", "s2.normative.in_force", "s2.licensing.decisions":
			if !ok || v != 0 {
				t.Errorf("%s = %v (%v), want 0", c.Addr, v, ok)
			}
		default:
			if ok {
				t.Errorf("%s = %v, want empty (the excerpt stops before it)", c.Addr, v)
			}
		}
	}
	notes := strings.Join(res.Notes, "\n")
	for _, n := range []string{"原文中没有找到表二「行政处罚」这一行，该行留空", "原文中没有找到表三（收到和处理政府信息公开申请情况）的数字"} {
		if !strings.Contains(notes, n) {
			t.Errorf("no note %q in\n%s", n, notes)
		}
	}
}
