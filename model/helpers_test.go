package model

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// mustSet fills cells given as address → decimal text, failing the test on
// a bad address or value.
func mustSet(tb testing.TB, r *Report, cells map[CellAddr]string) {
	tb.Helper()
	for a, s := range cells {
		v, err := parseDec(s)
		if err != nil {
			tb.Fatalf("value %q for %s: %v", s, a, err)
		}
		if err := r.Set(a, v); err != nil {
			tb.Fatalf("set %s: %v", a, err)
		}
	}
}

// zeroAll fills every input cell with 0.
func zeroAll(tb testing.TB, r *Report) {
	tb.Helper()
	for _, c := range InputCells() {
		if err := r.Set(c.Addr, 0); err != nil {
			tb.Fatal(err)
		}
	}
}

// baseReport is a complete 2024 report that passes every rule against
// prevReport: consistent tables, texts that agree with them.
func baseReport(tb testing.TB) *Report {
	tb.Helper()
	r := New("某县某局", 2024, KindCountyDept, ScopeSelf)
	zeroAll(tb, r)
	mustSet(tb, r, map[CellAddr]string{
		"s2.normative.issued": "2", "s2.normative.repealed": "1", "s2.normative.in_force": "7",
		"s2.licensing.decisions": "30", "s2.punishment.decisions": "12", "s2.fees.amount": "0.5",
		"s3.new.natural": "10", "s3.new.business": "2",
		"s3.carried.natural": "1",
		"s3.granted.natural": "6", "s3.granted.business": "1",
		"s3.partial.natural":       "2",
		"s3.unable_nohold.natural": "1",
		"s3.other_unpaid.business": "1",
		"s3.forward.natural":       "2",
		"s4.review.upheld":         "1",
		"s6.fee.notices":           "1", "s6.fee.billed": "100", "s6.fee.collected": "100",
	})
	r.S1.Intro = "2024年，本局认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开。"
	bodies := []string{
		"全年主动公开政府信息109条，其中工作动态69条。",
		"本年度共收到政府信息公开申请12件，上年结转1件，结转下年度继续办理2件。",
		"严格落实信息发布保密审查制度。",
		"持续完善政府网站栏目。",
		"加强监督保障，因政府信息公开被申请行政复议1件。",
	}
	for i := range r.S1.Parts {
		r.S1.Parts[i].Body = bodies[i]
	}
	r.S5 = "针对上年存在的问题，已逐项整改。下一步将继续加强培训。"
	r.S6 = "无其他需要报告的事项。"
	return r
}

// prevReport is last year's report for baseReport.
func prevReport(tb testing.TB) *Report {
	tb.Helper()
	p := New("某县某局", 2023, KindCountyDept, ScopeSelf)
	zeroAll(tb, p)
	mustSet(tb, p, map[CellAddr]string{
		"s2.normative.in_force": "6", "s2.licensing.decisions": "20", "s2.punishment.decisions": "10",
		"s3.new.natural": "8", "s3.granted.natural": "7", "s3.forward.natural": "1",
		"s4.review.upheld": "2",
	})
	p.S1.Intro = "2023年，本局全面落实政务公开各项要求。"
	for i := range p.S1.Parts {
		p.S1.Parts[i].Body = "去年的" + DefaultPartTitles[i] + "工作情况。"
	}
	p.S5 = "培训不足。"
	p.S6 = "无其他需要报告的事项。" // the same short text each year is fine
	return p
}

var seedPartTitle = regexp.MustCompile(`^（[一二三四五六七八九十]+）(.{1,20})$`)

// seedReport enters the seed (北京市密云区科学技术委员会 2023) by hand: its
// figures are all 0 except 行政规范性文件 现行有效 6; 收费通知总金额, which
// the seed omits, is entered as 0. Its texts are read from the copy in
// testdata, as an importer would leave them (六 without its fee sentence).
func seedReport(tb testing.TB) *Report {
	tb.Helper()
	data, err := os.ReadFile("testdata/miyun-kejiwei-2023.txt")
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	r := New("北京市密云区科学技术委员会", 2023, KindCountyDept, ScopeSelf)
	r.Preface = lines[4]
	r.S1.Parts = nil
	var i int
	for i = 7; !strings.HasPrefix(lines[i], "主动公开政府信息情况"); i++ {
		l := strings.TrimSpace(lines[i])
		switch m := seedPartTitle.FindStringSubmatch(l); {
		case l == "":
		case m != nil:
			r.S1.Parts = append(r.S1.Parts, Part{Title: m[1]})
		case len(r.S1.Parts) == 0:
			r.S1.Intro = l
		default:
			p := &r.S1.Parts[len(r.S1.Parts)-1]
			if p.Body != "" {
				p.Body += "\n"
			}
			p.Body += l
		}
	}
	for ; !strings.HasPrefix(lines[i], "五、"); i++ {
	}
	var s5 []string
	for i++; !strings.HasPrefix(lines[i], "六、"); i++ {
		if l := strings.TrimSpace(lines[i]); l != "" {
			s5 = append(s5, l)
		}
	}
	r.S5 = strings.Join(s5, "\n")
	r.S6 = "2023年度政府信息公开工作过程中未发生收取信息处理费情况。"
	if len(r.S1.Parts) != 6 || r.S1.Intro == "" || !strings.Contains(r.Preface, "条例") {
		tb.Fatalf("seed texts not found: %d parts, intro %q, preface %q", len(r.S1.Parts), r.S1.Intro, r.Preface)
	}
	zeroAll(tb, r)
	mustSet(tb, r, map[CellAddr]string{"s2.normative.in_force": "6", "s6.fee.billed": "0"})
	return r
}

// only keeps the findings of one rule.
func only(fs []Finding, id string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.ID == id {
			out = append(out, f)
		}
	}
	return out
}
