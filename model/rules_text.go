package model

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// The rules that read narrative text. text.numbers and text.all_done compare
// the statements a Checker parsed once per text with the cells, on every run;
// the others read only text and their findings are kept until a text changes.

// ruleTextNumbers: a figure stated in 一 or 五 contradicts the tables.
func ruleTextNumbers(in *checkInput, out []Finding) []Finding {
	r, f := in.r, in.refs
	for i := range in.text.stmts {
		st := &in.text.stmts[i]
		switch st.kind {
		case stNew:
			v, ok := f.s3NewTotal.get(r)
			if !ok || st.n == v {
				continue
			}
			if c, ok := f.s3CarriedTotal.get(r); ok && st.withCarried && st.n == v+c {
				continue // 共收到 12 件（含上年结转 2 件）
			}
			out = append(out, figureFinding(r, st, "表三新收申请总计", v, f.s3NewTotal.addr()))
		case stAccepted:
			v, ok1 := f.s3NewTotal.get(r)
			c, ok2 := f.s3CarriedTotal.get(r)
			if !ok1 || !ok2 || st.n == v || st.n == v+c {
				continue
			}
			fd := figureFinding(r, st, "表三新收申请总计", v, f.s3NewTotal.addr(), f.s3CarriedTotal.addr())
			fd.Message = fmt.Sprintf("%s：正文「%s」为 %s 件，表三新收申请总计 %s，加上年结转为 %s，都不相符",
				partName(r, st.part), st.quote, st.n, v, v+c)
			out = append(out, fd)
		case stCarried:
			if v, ok := f.s3CarriedTotal.get(r); ok && st.n != v {
				out = append(out, figureFinding(r, st, "表三上年结转申请总计", v, f.s3CarriedTotal.addr()))
			}
		case stForward:
			if v, ok := f.s3FwdTotal.get(r); ok && st.n != v {
				out = append(out, figureFinding(r, st, "表三结转下年度继续办理总计", v, f.s3FwdTotal.addr()))
			}
		case stReview:
			if v, ok := f.s4Total[0].get(r); ok && st.n != v {
				out = append(out, figureFinding(r, st, "表四行政复议总计", v, f.s4Total[0].addr()))
			}
		case stSuit:
			a, ok1 := f.s4Total[1].get(r)
			b, ok2 := f.s4Total[2].get(r)
			if ok1 && ok2 && st.n != a+b {
				out = append(out, figureFinding(r, st, "表四行政诉讼总计", a+b, f.s4Total[1].addr(), f.s4Total[2].addr()))
			}
		case stNoNew:
			if v, ok := f.s3NewTotal.get(r); ok && v != 0 {
				out = append(out, zeroFinding(r, st, "表三新收申请总计", v, f.s3NewTotal.addr()))
			}
		case stNoReview:
			if v, ok := f.s4Total[0].get(r); ok && v != 0 {
				out = append(out, zeroFinding(r, st, "表四行政复议总计", v, f.s4Total[0].addr()))
			}
		case stNoSuit:
			a, ok1 := f.s4Total[1].get(r)
			b, ok2 := f.s4Total[2].get(r)
			if ok1 && ok2 && a+b != 0 {
				out = append(out, zeroFinding(r, st, "表四行政诉讼总计", a+b, f.s4Total[1].addr(), f.s4Total[2].addr()))
			}
		}
	}
	return out
}

func figureFinding(r *Report, st *statement, what string, v Dec, cells ...CellAddr) Finding {
	// "%s：正文「%s」为 %s 件，%s为 %s，相差 %s", built in one allocation:
	// the finding the texts make most.
	var buf [320]byte
	b := appendPartName(buf[:0], r, st.part)
	b = append(b, "：正文「"...)
	b = append(b, st.quote...)
	b = appendDec(append(b, "」为 "...), st.n)
	b = append(b, " 件，"...)
	b = append(b, what...)
	b = appendDec(append(b, "为 "...), v)
	b = appendDec(append(b, "，相差 "...), absDec(st.n-v))
	return Finding{Cells: cells, Part: st.part, Message: string(b),
		Arith: arith("正文所述 = 表格", st.n, v),
	}
}

func zeroFinding(r *Report, st *statement, what string, v Dec, cells ...CellAddr) Finding {
	return Finding{Cells: cells, Part: st.part,
		Message: fmt.Sprintf("%s：正文「%s」，但%s为 %s", partName(r, st.part), st.quote, what, v),
		Arith:   arith("正文所述 = 表格", 0, v),
	}
}

// ruleTextAllDone: the narrative says every application was finished while
// some are carried into next year.
func ruleTextAllDone(in *checkInput, out []Finding) []Finding {
	f := in.refs
	for i := range in.text.stmts {
		st := &in.text.stmts[i]
		if st.kind != stAllDone {
			continue
		}
		if v, ok := f.s3FwdTotal.get(in.r); ok && v != 0 {
			out = append(out, Finding{Cells: []CellAddr{f.s3FwdTotal.addr()}, Part: st.part,
				Message: fmt.Sprintf("%s：正文「%s」说申请均已办结，但表三结转下年度继续办理总计为 %s",
					partName(in.r, st.part), st.quote, v),
			})
		}
	}
	return out
}

// ruleS1Coverage: 一 should speak of every aspect the format names.
func ruleS1Coverage(in *checkInput, out []Finding) []Finding {
	r := in.r
	if s1Blank(r) {
		return out // empty: missing's business
	}
	var lacking []string
	for _, a := range s1Aspects {
		if a.gov && !r.Kind.IsPeoplesGov() {
			continue
		}
		if !s1Mentions(r, a.cues) {
			lacking = append(lacking, a.name)
		}
	}
	if lacking == nil {
		return out
	}
	return append(out, Finding{Part: "s1",
		Message: fmt.Sprintf("一、总体情况未提及%s；年度报告格式要求总体情况写明主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面%s",
			strings.Join(lacking, "、"), govAspectsNote(r.Kind)),
	})
}

// s1Mentions reports whether 一 (its opening, the titles and bodies of its
// parts) holds one of the cues. No cue holds a line break, so looking in
// each text is looking in them joined by line breaks, without joining them.
// The short titles come first: they usually name the aspects.
func s1Mentions(r *Report, cues []string) bool {
	for _, p := range r.S1.Parts {
		if containsAny(p.Title, cues) {
			return true
		}
	}
	if containsAny(r.S1.Intro, cues) {
		return true
	}
	for _, p := range r.S1.Parts {
		if containsAny(p.Body, cues) {
			return true
		}
	}
	return false
}

func govAspectsNote(k Kind) string {
	if k.IsPeoplesGov() {
		return "，人民政府还应写明工作考核、社会评议和责任追究结果情况"
	}
	return ""
}

// s1Aspects are the aspects of 一 with the words that show each is covered.
// The cues are generous on purpose: the rule is to catch an aspect left out,
// not to prescribe wording.
var s1Aspects = []struct {
	name string
	cues []string
	gov  bool // asked of people's governments only
}{
	{name: "主动公开", cues: []string{"主动公开"}},
	{name: "依申请公开", cues: []string{"依申请", "信息公开申请", "公开申请"}},
	{name: "政府信息管理", cues: []string{"信息管理", "保密审查", "属性审查", "公开属性", "动态调整", "文件清理"}},
	{name: "政府信息公开平台建设", cues: []string{"平台", "网站", "新媒体", "公众号", "公报"}},
	{name: "监督保障", cues: []string{"监督", "保障"}},
	{name: "工作考核", cues: []string{"考核"}, gov: true},
	{name: "社会评议", cues: []string{"评议"}, gov: true},
	{name: "责任追究", cues: []string{"追究", "问责"}, gov: true},
}

// ruleS5LastYear: 五 should say how last year's problems were remedied.
func ruleS5LastYear(in *checkInput, out []Finding) []Finding {
	r := in.r
	if blank(r.S5) {
		return out
	}
	if containsAny(r.S5, lastYearCues) || (r.Year > 1 && strings.Contains(r.S5, strconv.Itoa(r.Year-1)+"年")) {
		return out
	}
	return append(out, Finding{Part: "s5",
		Message: "五、存在的主要问题及改进情况未说明上年度存在问题的整改情况（未见“上年”“整改”等字样）；年度报告格式要求写明上年度问题的改进情况",
	})
}

var lastYearCues = []string{"上年", "上一年", "去年", "整改", "往年"}

// foldCite appends s to b without the brackets and spaces that vary in how
// a document number is written (国办公开办函〔2019〕60号, [2019]60号,
// （2019）60 号), so that every form of it reads as 201960号: 〔〕[]【】（）()
// and the ASCII and ideographic spaces. It gives what a strings.Replacer of
// each of them to "" gives (FuzzFoldCite), as each is a whole UTF-8
// sequence and none starts another, without a new string per report.
func foldCite(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '[', ']', '(', ')', ' ':
			continue
		case 0xE3: // 〔 〕 【 】 U+3000: E3 80 94, 95, 90, 91, 80
			if i+2 < len(s) && s[i+1] == 0x80 {
				if d := s[i+2]; d == 0x94 || d == 0x95 || d == 0x90 || d == 0x91 || d == 0x80 {
					i += 2
					continue
				}
			}
		case 0xEF: // （ ）: EF BC 88, 89
			if i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x88 || s[i+2] == 0x89) {
				i += 2
				continue
			}
		}
		b = append(b, s[i])
	}
	return b
}

// rulePrefaceBasis: the opening should cite the 条例 or the 2021 format, and
// never the superseded 2019 one.
func rulePrefaceBasis(in *checkInput, out []Finding) []Finding {
	var buf [1024]byte // an opening paragraph is rarely longer
	p := foldCite(buf[:0], in.r.Preface)
	var msg string
	switch {
	case bytes.Contains(p, []byte("201960号")):
		msg = "开头段落引用了已被取代的 2019 年报告格式（国办公开办函〔2019〕60号），应改为 2021 年的《中华人民共和国政府信息公开工作年度报告格式》"
	case !bytes.Contains(p, []byte("政府信息公开条例")) && !bytes.Contains(p, []byte("年度报告格式")) && !bytes.Contains(p, []byte("202130号")):
		msg = "开头段落未说明编制依据：应引用《中华人民共和国政府信息公开条例》或《中华人民共和国政府信息公开工作年度报告格式》"
	default:
		return out
	}
	return append(out, Finding{Part: "preface", Message: msg})
}

// wholeCopied: a text 90 % or more the same as last year's, long enough to
// tell (prev.copied lists it).
func wholeCopied(s string, set *shingleSet) bool {
	pct, n := copiedPercent(s, set)
	return n >= minCopiedCount && pct >= 90
}

// rulePrevCopied: a narrative text 90 % or more the same as last year's.
func rulePrevCopied(in *checkInput, out []Finding) []Finding {
	ps := in.text.prev
	if ps == nil || ps.set.n == 0 {
		return out
	}
	r := in.r
	check := func(part, s string) {
		if !wholeCopied(s, &ps.set) {
			return
		}
		pct, _ := copiedPercent(s, &ps.set)
		out = append(out, Finding{Part: part,
			Message: fmt.Sprintf("%s与上年报告的正文 %d%% 相同，请按本年度的实际情况撰写", partName(r, part), pct),
		})
	}
	check("s1.intro", r.S1.Intro)
	for i, p := range r.S1.Parts {
		check(partID(i), p.Body)
	}
	check("s5", r.S5)
	check("s6", r.S6)
	return out
}
