package importer

import (
	"os"
	"slices"
	"strings"
	"testing"

	"nianbao/export"
	"nianbao/model"
)

// readReport reads a report of testdata in nianbao's JSON form.
func readReport(t testing.TB, name string) *model.Report {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := model.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRoundTrip: a report exported in each of nianbao's forms imports back
// with every cell and every text equal. The seed (one cell empty, most
// figures 0) and a report with a different figure in every cell.
func TestRoundTrip(t *testing.T) {
	seed := mustImport(t, []byte(readSeed(t)), "seed.txt").Report
	signed := readReport(t, "gen/numbered.json")
	signed.Signer, signed.Date = "北京市密云区科学技术局", "2024-01-19"
	dated := readReport(t, "gen/blanks.json")
	dated.Date = "2024-01-19"
	spaced := spacedReport(t)
	// Undated, signed by the agency itself (the default signer "").
	undated := readReport(t, "gen/numbered.json")
	undated.ID = "5eed0000000000000000000000000003"
	var blankNotes []string
	for _, c := range model.S3.Inputs() {
		if _, ok := dated.Get(c.Addr); !ok {
			blankNotes = append(blankNotes, c.ShortLabel()+"：原文为空白，已留空（不当作 0）")
		}
	}
	for _, tc := range []struct {
		name  string
		r     *model.Report
		notes []string
	}{
		{"seed", seed, []string{billedNote}},
		{"numbered, signed by a renamed agency", signed, nil},
		{"blank cells, dated", dated, blankNotes},
		{"spaced texts, signed without a date", spaced, []string{signerNote("某县测试局办公室")}},
		{"undated, signed by the agency", undated, nil},
	} {
		// The notes an import keeps with the report are compared as the
		// import's notes, below.
		noNotes := func(r *model.Report) *model.Report {
			c := r.Clone()
			c.Notes = nil
			return c
		}
		want := encodeStable(t, noNotes(tc.r))
		for _, f := range []struct {
			name   string
			file   string
			format export.Format
			opt    export.Options
			source string
		}{
			{"Word", "r.docx", export.DOCX, export.Options{}, "docx"},
			{"Markdown", "r.md", export.Markdown, export.Options{}, "md"},
			{"HTML", "r.html", export.HTML, export.Options{}, "html"},
			{"HTML fragment with its title", "r.html", export.HTML, export.Options{Fragment: true, Title: true}, "html"},
			{"JSON", "r.json", export.JSON, export.Options{}, "json"},
		} {
			t.Run(tc.name+"/"+f.name, func(t *testing.T) {
				data, err := export.Render(tc.r, f.format, f.opt)
				if err != nil {
					t.Fatal(err)
				}
				res := mustImport(t, data, f.file)
				if res.Source != f.source {
					t.Errorf("Source = %q, want %q", res.Source, f.source)
				}
				if got := encodeStable(t, noNotes(res.Report)); got != want {
					t.Errorf("imports differently:\n%s", firstDiff(got, want))
				}
				if f.format != export.JSON {
					checkNotes(t, res.Notes, tc.notes...)
				}
			})
		}
	}
}

// signerNote is the note of an import that took an undated last line as
// the 落款.
func signerNote(signer string) string {
	return "文末「" + signer + "」没有日期，已作为落款机关读入，不作为正文，请核对"
}

// TestUndatedSigner: a 落款 without a date is the signer, never a last
// paragraph of 六: an export imported under another agency name (import
// --agency) signs with the name it prints; a signer that names no organ
// is known by its right alignment where the form keeps it (.docx, HTML);
// a last sentence of 六 without punctuation that names no organ stays in 六.
func TestUndatedSigner(t *testing.T) {
	forms := []struct {
		name, file string
		format     export.Format
		opt        export.Options
		aligned    bool // the form keeps the 落款's right alignment
	}{
		{"Word", "r.docx", export.DOCX, export.Options{}, true},
		{"Markdown", "r.md", export.Markdown, export.Options{}, false},
		{"HTML", "r.html", export.HTML, export.Options{}, true},
		{"HTML fragment", "r.html", export.HTML, export.Options{Fragment: true, Title: true}, true},
	}
	const s6 = "全年主动公开信息 1234 条。\n本机关无其他需要报告的事项"
	for _, tc := range []struct {
		name, signer, agency string
		// wantSigner is the signer read back ("" where the form cannot
		// tell it from 六's text, which then ends with it).
		wantSigner func(aligned bool) string
	}{
		{"imported under another name", "", "某县新名称局", func(bool) string { return "北京市密云区科学技术委员会" }},
		{"an organ's office", "某县测试局办公室", "", func(bool) string { return "某县测试局办公室" }},
		{"a group named by alignment only", "某县政务公开工作领导小组", "", func(aligned bool) string {
			if aligned {
				return "某县政务公开工作领导小组"
			}
			return ""
		}},
	} {
		r := readReport(t, "gen/numbered.json")
		r.S6, r.Signer = s6, tc.signer
		for _, f := range forms {
			t.Run(tc.name+"/"+f.name, func(t *testing.T) {
				data, err := export.Render(r, f.format, f.opt)
				if err != nil {
					t.Fatal(err)
				}
				res, err := Import(data, f.file, Options{Agency: tc.agency})
				if err != nil {
					t.Fatal(err)
				}
				got, want := res.Report, tc.wantSigner(f.aligned)
				wantS6 := s6
				if want == "" {
					wantS6 += "\n" + tc.signer
				}
				if got.Signer != want || got.Date != "" || got.S6 != wantS6 {
					t.Errorf("signer %q date %q S6 %q, want signer %q S6 %q", got.Signer, got.Date, got.S6, want, wantS6)
				}
				var notes []string
				if want != "" {
					notes = []string{signerNote(want)}
				}
				for _, n := range res.Notes {
					if strings.Contains(n, "落款") {
						notes = slices.DeleteFunc(notes, func(s string) bool { return s == n })
						if !strings.Contains(n, want) || want == "" {
							t.Errorf("note %q", n)
						}
					}
				}
				if len(notes) > 0 {
					t.Errorf("missing note %q in %q", notes, res.Notes)
				}
			})
		}
	}
}

// spacedReport has spaces beside Chinese, figures and punctuation as the
// officer typed them, a line that reads like a Markdown list item, an
// ampersand, and a 落款 with a signer and no date.
func spacedReport(t testing.TB) *model.Report {
	r := readReport(t, "gen/numbered.json")
	r.Preface = "依据《中华人民共和国政府信息公开条例》 编制本报告，全年主动公开信息 1234 条。"
	r.S1.Parts[0].Body = "全年主动公开信息 1234 条，其中 A 类 56 条、B类 78条。\n1. 列表中的第一项\n2、 & 符号 与 R&D 经费"
	r.S5 = "存在问题 ：一是 …… 二是 “ 引号 ” （括号） 9 项。"
	r.S6 = "全年主动公开信息 1234 条，& 符号。\n1. 列表\n原文。"
	r.Signer = "某县测试局办公室"
	return r
}
