package model

import (
	"strings"
	"testing"
)

// benchReports: a complete, consistent report with the seed's real prose
// (about 2,500 runes of narrative) in which every rule passes. With copied,
// last year's report has the same prose, so that prev.copied has work to do
// (and findings to make).
func benchReports(b *testing.B, copied bool) (r, prev *Report) {
	seed := seedReport(b)
	r, prev = baseReport(b), prevReport(b)
	// The seed is of 2023; this year's report speaks of 2024 (text.year).
	r.S1.Intro = strings.ReplaceAll(seed.S1.Intro, "2023", "2024")
	r.S1.Parts = append([]Part(nil), seed.S1.Parts...)
	for i := range r.S1.Parts {
		r.S1.Parts[i].Body = strings.ReplaceAll(r.S1.Parts[i].Body, "2023", "2024")
	}
	r.S1.Parts[2].Body = strings.Replace(r.S1.Parts[2].Body, "全年未收到申请人通过邮件、信函等方式提交的政府信息公开请求",
		"本年度共收到政府信息公开申请12件，上年结转1件，结转下年度继续办理2件", 1)
	r.S5 = "针对上年问题已整改。" + seed.S5
	if copied {
		prev.S1.Intro, prev.S1.Parts, prev.S5 = seed.S1.Intro, append([]Part(nil), seed.S1.Parts...), seed.S5
	}
	if fs := Check(r, prev); !copied && len(fs) != 0 {
		b.Fatalf("bench report not clean: %v", fs)
	}
	return r, prev
}

// BenchmarkCheckCells is what every cell edit costs: all rules on a
// complete report whose texts did not change (the parsed text is reused).
func BenchmarkCheckCells(b *testing.B) {
	r, prev := benchReports(b, false)
	benchCells(b, r, prev)
}

// benchCells times runs of one Checker on unchanged texts, after a first
// run has parsed them.
func benchCells(b *testing.B, r, prev *Report) {
	var c Checker
	c.Run(r, prev)
	b.ReportAllocs()
	for b.Loop() {
		c.Run(r, prev)
	}
}

// BenchmarkCheckCellsFindings is the same with an unbalanced column, an
// out-of-range value, contradicting text and copied prose, so that findings
// are built and sorted.
func BenchmarkCheckCellsFindings(b *testing.B) {
	r, prev := benchReports(b, true)
	set(b, r, "s3.forward.natural", "3")
	set(b, r, "s3.granted.business", "1.5")
	benchCells(b, r, prev)
}

// BenchmarkCheckText is what a text edit costs: every rule, with the texts
// parsed anew each time (last year's shingles are kept).
func BenchmarkCheckText(b *testing.B) {
	r, prev := benchReports(b, true)
	bodies := [2]string{r.S1.Parts[3].Body, r.S1.Parts[3].Body + "新增一句。"}
	var c Checker
	c.Run(r, prev)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		r.S1.Parts[3].Body = bodies[i%2]
		c.Run(r, prev)
	}
}
