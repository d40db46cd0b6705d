package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"nianbao/model"
)

// needTools skips the test where a program it drives is not installed, or
// fails it when NIANBAO_E2E=1 (CI installs them all).
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("NIANBAO_E2E") == "1" {
				t.Fatalf("NIANBAO_E2E=1 but %s is not installed", tool)
			}
			t.Skipf("%s is not installed: skipping (NIANBAO_E2E=1 makes this a failure)", tool)
		}
	}
}

// sofficePDF converts a .docx to PDF with LibreOffice, in a profile of its
// own so that it never meets a LibreOffice the user has open.
func sofficePDF(t *testing.T, docx []byte) string {
	t.Helper()
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
	pdf := filepath.Join(dir, "report.pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("LibreOffice did not convert the document: %v", err)
	}
	return pdf
}

// pdfPages is the text of each page (pdftotext, reading order).
func pdfPages(t *testing.T, pdf string, layout bool) []string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	out, err := exec.Command("pdftotext", append(args, pdf, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// TestDOCXInLibreOffice opens the DOCX in LibreOffice and reads the PDF it
// prints: the body on the official grid (22 lines of 28 characters a
// page), 「— N —」 on every page, 四's 15 figures on one line in the
// official order, and the complete report on 4 pages.
func TestDOCXInLibreOffice(t *testing.T) {
	needTools(t, "soffice", "pdftotext")
	r := uniqueReport(t)
	// 一's opening long enough to fill a whole page with plain body lines.
	r.S1.Intro = strings.Repeat("政", 28*22*3)
	b, err := Render(r, DOCX, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, sofficePDF(t, b), true)
	full := 0
	for i, p := range pages {
		var lines []string
		plain := true
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "—") {
				continue
			}
			lines = append(lines, l)
			plain = plain && strings.Trim(l, "政") == ""
		}
		if !plain {
			continue
		}
		full++
		if len(lines) != 22 {
			t.Errorf("page %d has %d body lines, want 22:\n%s", i+1, len(lines), p)
		}
		for _, l := range lines {
			if n := len([]rune(l)); n != 28 {
				t.Errorf("page %d: a body line of %d characters, want 28", i+1, n)
				break
			}
		}
	}
	if full == 0 {
		t.Errorf("no page of plain body text:\n%s", strings.Join(pages, "\f"))
	}
	for i, p := range pages {
		if !strings.Contains(p, "— "+strconv.Itoa(i+1)+" —") && !strings.Contains(p, "—"+strconv.Itoa(i+1)+"—") {
			t.Errorf("page %d has no page number 「— %d —」:\n%s", i+1, i+1, p)
		}
	}
	var figs []string
	for _, row := range model.S4.Blocks[0].Rows {
		for _, col := range model.S4.Blocks[0].Cols {
			figs = append(figs, regexp.QuoteMeta(want(r, model.S4.Addr(row.Key, col.Key))))
		}
	}
	if !regexp.MustCompile(`(?m)^\s*` + strings.Join(figs, `\s+`) + `\s*$`).MatchString(strings.Join(pages, "\n")) {
		t.Errorf("四's figures are not on one line in order %v", figs)
	}

	complete, err := Render(completeReport(t), DOCX, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pdfPages(t, sofficePDF(t, complete), false)); n != 4 {
		t.Errorf("the complete report prints on %d pages, want 4", n)
	}
}
