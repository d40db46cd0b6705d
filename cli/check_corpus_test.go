package cli

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"nianbao/model"
	"nianbao/office"
)

// The check corpus pins what `check` prints (text and --json, stderr, exit
// code) and every field of every finding model.Check makes, on several
// hundred varied reports with findings of every rule, by digests recorded in
// testdata/check_corpus.golden from the code before the check's path was
// made faster. Work on the speed of the check or its output must leave the
// digests as they are; a change of a message or a rule changes them on
// purpose: then run `UPDATE_CORPUS=1 go test ./cli -run TestCheckCorpus` and
// say so in the commit.

// testdataDir is the package's testdata, found before a test changes
// directory.
var testdataDir = func() string {
	d, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return d
}()

// corpusRand is a small deterministic generator (splitmix64), so that the
// corpus is the same on every Go release and system.
type corpusRand uint64

func (g *corpusRand) next() uint64 {
	*g += 0x9e3779b97f4a7c15
	z := uint64(*g)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (g *corpusRand) n(k int) int { return int(g.next() % uint64(k)) }

func (g *corpusRand) pick(xs []string) string { return xs[g.n(len(xs))] }

var (
	corpusIntros = []string{
		"本年度共收到政府信息公开申请%d件，上年结转%d件，结转下年度继续办理%d件。",
		"全年共受理政府信息公开申请%d件。其中，自然人申请%d件。",
		"%d年，本局认真贯彻《中华人民共和国政府信息公开条例》，扎实推进政务公开，主动公开政府信息，加强平台建设和监督保障。",
		"本年度未收到政府信息公开申请，未发生行政复议和行政诉讼。",
		"收到政府信息公开申请%d件，均已按时办结。因政府信息公开被申请行政复议%d件，行政诉讼%d件。",
		"全年主动公开政府信息%d条，依申请公开工作平稳有序，严格保密审查，完善政府网站栏目，强化监督考核。",
		"共收到群众来信%d件，其中咨询%d件。",
		"",
	}
	corpusBodies = []string{
		"全年主动公开政府信息%d条，其中工作动态%d条。",
		"本年度共收到政府信息公开申请%d件，上年结转%d件，结转下年度继续办理%d件。",
		"严格落实信息发布保密审查制度，做好文件清理和公开属性动态调整。",
		"持续完善政府网站栏目，用好新媒体和公众号。",
		"加强监督保障，因政府信息公开被申请行政复议%d件，行政诉讼%d件。",
		"%d年全年未收到申请人通过邮件、信函等方式提交的政府信息公开请求，依申请公开工作平稳有序。",
		"%d年，本单位政府信息公开平台建设工作依法有序开展，网站运行平稳，没有发生安全事故。",
		"本年度政府信息公开平台建设工作依法有序开展。",
		"申请均已按时办结，未发生行政诉讼。",
		"",
	}
	corpusS5 = []string{
		"存在的问题是公开的及时性有待提高。上年问题已整改。下一步将加强培训。",
		"公开内容不够全面。下一步将加强培训。",
		"针对%d年度报告指出的问题，已逐项整改。",
		"",
	}
	corpusS6 = []string{
		"无其他需要报告的事项。",
		"本年度发出收费通知%d件，总金额%d元，实际收取%d元。",
		"%d年度政府信息公开工作过程中未发生收取信息处理费情况。",
		"",
	}
	corpusPrefaces = []string{
		"本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。",
		"本报告依据国办公开办函〔2019〕60号要求编制。",
		"现将本年度工作情况报告如下。",
		"",
	}
	corpusAgencies = []string{"某市某区第%d委员会", "北京市某区科学技术委员会%d", "某县人民政府%d", "某市 某局 %d 分局", "某镇街道办事处%d"}
)

// fill formats a template with figures drawn from g (a template without
// verbs is returned as it is).
func fill(g *corpusRand, tmpl string) string {
	n := strings.Count(tmpl, "%d")
	args := make([]any, n)
	for i := range args {
		args[i] = g.n(25)
		if g.n(5) == 0 {
			args[i] = 2020 + g.n(5)
		}
	}
	return fmt.Sprintf(tmpl, args...)
}

// corpusReport is one varied report of agency and year: every cell filled
// with figures that mostly balance, then disturbed at random (a cell
// changed, cleared, made fractional, negative or huge), texts from the
// phrases above, any kind, a 落款 date, notes.
func corpusReport(g *corpusRand, agency string, year int) *model.Report {
	r := model.New(agency, year, model.Kinds[g.n(len(model.Kinds))], model.ScopeSelf)
	cells := model.InputCells()
	for _, c := range cells {
		v := model.Int(0)
		if g.n(4) == 0 {
			v = model.Int(int64(g.n(30)))
		}
		if err := r.Set(c.Addr, v); err != nil {
			panic(err)
		}
	}
	// A balanced 三 column now and then, so that s3.balance is not always on.
	for _, col := range []string{"natural", "business", "legal"} {
		n := int64(g.n(40))
		set := func(a string, v int64) {
			if err := r.Set(model.CellAddr(a), model.Int(v)); err != nil {
				panic(err)
			}
		}
		for _, c := range cells {
			if strings.HasPrefix(string(c.Addr), "s3.") && strings.HasSuffix(string(c.Addr), "."+col) {
				set(string(c.Addr), 0)
			}
		}
		set("s3.new."+col, n)
		set("s3.granted."+col, n)
	}
	for range g.n(6) {
		c := cells[g.n(len(cells))]
		var v model.Dec
		switch g.n(6) {
		case 0:
			if err := r.Clear(c.Addr); err != nil {
				panic(err)
			}
			continue
		case 1:
			v = model.Dec(g.n(3_000_000)) // fractional
		case 2:
			v = -model.Int(int64(g.n(5) + 1))
		case 3:
			v = model.Int(model.MaxValue + int64(g.n(3)) + 1)
		default:
			v = model.Int(int64(g.n(200)))
		}
		if err := r.Set(c.Addr, v); err != nil {
			panic(err)
		}
	}
	r.Preface = fill(g, g.pick(corpusPrefaces))
	r.S1.Intro = fill(g, g.pick(corpusIntros))
	for i := range r.S1.Parts {
		r.S1.Parts[i].Body = fill(g, g.pick(corpusBodies))
		if g.n(3) == 0 {
			r.S1.Parts[i].Body += "\n" + fill(g, g.pick(corpusBodies))
		}
	}
	r.S5 = fill(g, g.pick(corpusS5))
	r.S6 = fill(g, g.pick(corpusS6))
	if g.n(3) == 0 {
		y, m, d := year+g.n(2), []time.Month{1, 3, 12}[g.n(3)], []int{1, 15, 31}[g.n(3)]
		if y > year && m == 3 && d == 31 {
			y = year + 5 // a year mistyped (date.late), with no draw more: the rest of the corpus stays as it was
		}
		r.Date = model.DateOf(y, m, d)
	}
	for range g.n(3) {
		r.AddNote(fmt.Sprintf("导入时单元格的值「%d」无法识别，已留空", g.n(100)), cells[g.n(len(cells))].Addr)
	}
	if g.n(8) == 0 {
		r.AddNote("导入时未找到落款日期")
	}
	return r
}

// corpusReports: pairs of last year's and this year's reports of one
// agency (this year's at times copying last year's texts), and reports
// alone.
func corpusReports(n int) []*model.Report {
	g := corpusRand(15)
	var out []*model.Report
	for i := 0; len(out) < n; i++ {
		agency := fmt.Sprintf(g.pick(corpusAgencies), i)
		year := 2021 + g.n(4)
		switch g.n(4) {
		case 0: // alone
			out = append(out, corpusReport(&g, agency, year))
		default:
			last, this := corpusReport(&g, agency, year-1), corpusReport(&g, agency, year)
			if g.n(3) == 0 { // carried over from last year's
				this.Preface, this.S1.Intro, this.S5, this.S6 = last.Preface, last.S1.Intro, last.S5, last.S6
				this.S1.Parts = slices.Clone(last.S1.Parts)
				if g.n(2) == 0 {
					this.S1.Parts[2].Body = strings.Repeat("本单位严格执行政府信息公开制度，持续完善政府网站栏目，强化监督保障和考核评议。", 3)
					last.S1.Parts[2].Body = this.S1.Parts[2].Body
				}
			}
			if g.n(2) == 0 {
				this.Previous = last.ID
			}
			out = append(out, last, this)
		}
	}
	return out[:n]
}

// dumpFindings writes every field of every finding, for the digest.
func dumpFindings(w *bufio.Writer, name string, fs []model.Finding) {
	for _, f := range fs {
		fmt.Fprintf(w, "%s|%s|%d|%q|%q|%q|%q", name, f.ID, f.Severity, f.Cells, f.Part, f.Message, f.Source)
		if f.Arith != nil {
			fmt.Fprintf(w, "|%q %d %d %d", f.Arith.Formula, f.Arith.Left, f.Arith.Right, f.Arith.Diff)
		}
		w.WriteString("\n")
	}
}

func digest(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:12])
}

func TestCheckCorpus(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	reports := corpusReports(600)
	var names []string
	for i, r := range reports {
		name := fmt.Sprintf("报告 %03d.json", i)
		if i%7 == 0 {
			name = fmt.Sprintf("单位%03d.JSON", i)
		}
		writeJSON(t, ".", name, r)
		names = append(names, name)
	}
	// Files that cannot be checked are reported among the others.
	if err := os.WriteFile("坏的.json", []byte(`{"schema": 1, "cells": {`), 0o644); err != nil {
		t.Fatal(err)
	}
	args := slices.Insert(slices.Clone(names), 100, "坏的.json", "没有这个文件.json")

	var lines []string
	// Every field of every finding, with last year's paired as check pairs it.
	var decoded []*model.Report
	for _, n := range names {
		r, err := readJSONReport(filepath.Join(".", n))
		if err != nil {
			t.Fatal(err)
		}
		decoded = append(decoded, r)
	}
	var all strings.Builder
	w := bufio.NewWriter(&all)
	counts := map[string]int{}
	for i, prev := range office.PairPrevious(decoded) {
		fs := model.Check(decoded[i], prev)
		for _, f := range fs {
			counts[f.ID+"/"+f.Severity.String()]++
		}
		dumpFindings(w, names[i], fs)
	}
	w.Flush()
	lines = append(lines, fmt.Sprintf("findings %s %d", digest(all.String()), strings.Count(all.String(), "\n")))
	for _, form := range [][]string{nil, {"--json"}} {
		var out, errs strings.Builder
		code := Run(append(append([]string{"check"}, form...), args...), strings.NewReader(""), &out, &errs)
		lines = append(lines, fmt.Sprintf("check%s exit %d stdout %s %d stderr %s %d", strings.Join(form, ""), code,
			digest(out.String()), len(out.String()), digest(errs.String()), len(errs.String())))
	}
	// Every rule (and both lines of s6.fee_text) has findings here, so that
	// the digest holds each kind of message.
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		lines = append(lines, fmt.Sprintf("%s %d", k, counts[k]))
	}
	for _, rl := range model.Rules() {
		if counts[rl.ID+"/"+rl.Severity.String()] == 0 {
			t.Errorf("the corpus has no finding of %s (%s)", rl.ID, rl.Severity)
		}
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join(testdataDir, "check_corpus.golden")
	if os.Getenv("UPDATE_CORPUS") != "" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("check's findings or output changed on the corpus:\n got:\n%s\nwant:\n%s", got, want)
	}
}
