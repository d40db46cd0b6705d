package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Rule sources, as the messages cite them.
const (
	srcBalance  = "表三勾稽关系"
	srcRange    = "填报数值要求"
	srcMissing  = "填报完整性"
	srcCarry    = "跨年度衔接"
	srcCompare  = "跨年度对比"
	srcLegis    = "《中华人民共和国立法法》"
	srcFee      = "《政府信息公开信息处理费管理办法》"
	srcText     = "正文与表格一致"
	srcFormat   = "国办公开办函〔2021〕30号"
	srcFeeInS2  = "信息处理费属于行政事业性收费"
	srcFeeText  = "收费情况由六的收费数字生成"
	srcDate     = "《中华人民共和国政府信息公开条例》第四十九条"
	srcYear     = "正文应写本年度的情况"
	srcNote     = "导入或粘贴时的说明"
	jumpFactor  = 5
	jumpMinimum = 10
)

// rules is the rule table: one line per rule, in the order findings of the
// same severity are listed. Adding, relaxing (SevError → SevWarning) or
// dropping a rule, or citing another source, is a change of one line here:
// the rule functions below say only what is wrong, and the engine stamps
// each finding with its entry's id, severity and source.
var rules = []Rule{
	{ID: "s3.balance", Severity: SevError, Source: srcBalance, run: ruleS3Balance},
	{ID: "value.range", Severity: SevError, Source: srcRange, run: ruleValueRange},
	{ID: "missing", Severity: SevError, Source: srcMissing, run: ruleMissing},
	{ID: "prev.carried", Severity: SevWarning, Source: srcCarry, run: rulePrevCarried},
	{ID: "prev.in_force", Severity: SevWarning, Source: srcCarry, run: rulePrevInForce},
	{ID: "prev.jump", Severity: SevWarning, Source: srcCompare, run: rulePrevJump},
	{ID: "prev.copied", Severity: SevWarning, Source: srcCompare, OnText: true, textOnly: true, run: rulePrevCopied},
	{ID: "s2.rules_power", Severity: SevWarning, Source: srcLegis, run: ruleRulesPower},
	{ID: "s6.collected", Severity: SevWarning, Source: srcFee, run: ruleFeeCollected},
	{ID: "s6.unpaid", Severity: SevWarning, Source: srcFee, run: ruleFeeUnpaid},
	{ID: "s6.notices_amount", Severity: SevWarning, Source: srcFee, run: ruleFeeNoticesAmount},
	{ID: "s6.fee_in_s2", Severity: SevWarning, Source: srcFeeInS2, run: ruleFeeInS2},
	// s6.fee_text has two lines: a figure in 六's text that differs from the
	// cells is a contradiction; the same figure would only print twice.
	{ID: "s6.fee_text", Severity: SevError, Source: srcFeeText, OnText: true, run: ruleFeeTextDiffers},
	{ID: "s6.fee_text", Severity: SevWarning, Source: srcFeeText, OnText: true, run: ruleFeeTextSame},
	{ID: "date.early", Severity: SevWarning, Source: srcDate, run: ruleDateEarly},
	{ID: "date.late", Severity: SevWarning, Source: srcDate, run: ruleDateLate},
	{ID: "text.numbers", Severity: SevWarning, Source: srcText, OnText: true, run: ruleTextNumbers},
	{ID: "text.all_done", Severity: SevWarning, Source: srcText, OnText: true, run: ruleTextAllDone},
	{ID: "s1.coverage", Severity: SevWarning, Source: srcFormat, OnText: true, textOnly: true, run: ruleS1Coverage},
	{ID: "s5.last_year", Severity: SevWarning, Source: srcFormat, OnText: true, textOnly: true, run: ruleS5LastYear},
	{ID: "preface.basis", Severity: SevWarning, Source: srcFormat, OnText: true, textOnly: true, run: rulePrefaceBasis},
	{ID: "text.year", Severity: SevWarning, Source: srcYear, OnText: true, textOnly: true, run: ruleTextYear},
	{ID: NoteRuleID, Severity: SevWarning, Source: srcNote, run: ruleNotes},
}

// NoteRuleID is the id of the findings that list the report's notes.
const NoteRuleID = "note"

func absDec(d Dec) Dec {
	if d < 0 {
		return -d
	}
	return d
}

func arith(formula string, l, r Dec) *Arith {
	return &Arith{Formula: formula, Left: l, Right: r, Diff: l - r}
}

// ruleS3Balance: for each applicant column, 新收 + 上年结转 = 办理结果总计 +
// 结转下年度 (the note in 三's corner). 总计 balances once the six do.
func ruleS3Balance(in *checkInput, out []Finding) []Finding {
	f := in.refs
	for i := range f.s3Cols {
		n, ok1 := f.s3New[i].get(in.r)
		c, ok2 := f.s3Carried[i].get(in.r)
		h, ok3 := f.s3Handled[i].get(in.r)
		fw, ok4 := f.s3Forward[i].get(in.r)
		if !(ok1 && ok2 && ok3 && ok4) || n+c == h+fw {
			continue
		}
		l, r := n+c, h+fw
		// Say which side is larger and where the officer should look: more
		// results than applications means a result counted twice or a
		// wrong 结转; fewer, a result left out or a wrong 新收.
		// The message is "三、%s列：新收 %s + 上年结转 %s = %s，办理结果 %s +
		// 结转下年度 %s = %s，%s" with how, built in one allocation.
		var buf [320]byte
		b := append(buf[:0], "三、"...)
		b = append(b, f.s3Cols[i].Label...)
		b = appendDec(append(b, "列：新收 "...), n)
		b = appendDec(append(b, " + 上年结转 "...), c)
		b = appendDec(append(b, " = "...), l)
		b = appendDec(append(b, "，办理结果 "...), h)
		b = appendDec(append(b, " + 结转下年度 "...), fw)
		b = appendDec(append(b, " = "...), r)
		if l > r {
			b = appendDec(append(b, "，办理结果与结转少 "...), l-r)
			b = append(b, " 件：请核对（一）至（六）是否漏计，或新收、上年结转数"...)
		} else {
			b = appendDec(append(b, "，办理结果与结转多 "...), r-l)
			b = append(b, " 件：请核对（一）至（六）各项或结转数"...)
		}
		out = append(out, Finding{
			Cells:   []CellAddr{f.s3New[i].addr(), f.s3Carried[i].addr(), f.s3Handled[i].addr(), f.s3Forward[i].addr()},
			Message: string(b),
			Arith:   arith("新收 + 上年结转 = 办理结果总计 + 结转下年度", l, r),
		})
	}
	return out
}

// ruleValueRange: a filled value the format does not allow (kept as typed
// or imported so that nothing is lost, but reported).
func ruleValueRange(in *checkInput, out []Finding) []Finding {
	for i, c := range inputCells {
		if !in.r.filled[i] {
			continue
		}
		v := in.r.cells[i]
		if v >= 0 && v.IsInt() && v <= Int(MaxValue) {
			continue // fits every unit; the common case, kept cheap
		}
		if msg := RangeProblem(c.Unit, v); msg != "" {
			out = append(out, Finding{Cells: []CellAddr{c.Addr},
				Message: c.ShortLabel() + "：" + msg})
		}
	}
	return out
}

// ruleMissing names each empty input cell and each empty required text: 一
// (its opening and every body empty), 五, and 六 unless its three fee
// figures are filled (their generated sentence is then its content).
func ruleMissing(in *checkInput, out []Finding) []Finding {
	r := in.r
	text := func(part string) Finding {
		return Finding{Part: part,
			Message: "未填写：" + partName(r, part)}
	}
	if s1Blank(r) {
		out = append(out, text("s1"))
	}
	texts := false
	for i, c := range inputCells {
		if c.Table == S6 && !texts {
			out = appendTextMissing(in, out, text)
			texts = true
		}
		if !r.filled[i] {
			out = append(out, Finding{Cells: []CellAddr{c.Addr},
				Message: "未填写：" + c.ShortLabel()})
		}
	}
	if !texts {
		out = appendTextMissing(in, out, text)
	}
	return out
}

func appendTextMissing(in *checkInput, out []Finding, text func(string) Finding) []Finding {
	r, f := in.r, in.refs
	if blank(r.S5) {
		out = append(out, text("s5"))
	}
	if blank(r.S6) {
		_, a := f.feeNotices.get(r)
		_, b := f.feeBilled.get(r)
		_, c := f.feeCollected.get(r)
		if !(a && b && c) {
			out = append(out, text("s6"))
		}
	}
	return out
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func s1Blank(r *Report) bool {
	if !blank(r.S1.Intro) {
		return false
	}
	for _, p := range r.S1.Parts {
		if !blank(p.Body) {
			return false
		}
	}
	return true
}

// rulePrevCarried: this year's 上年结转 should be last year's 结转下年度,
// column by column.
func rulePrevCarried(in *checkInput, out []Finding) []Finding {
	if in.prev == nil {
		return out
	}
	f := in.refs
	for i := range f.s3Cols {
		c, ok1 := f.s3Carried[i].get(in.r)
		p, ok2 := f.s3Forward[i].get(in.prev)
		if !ok1 || !ok2 || c == p {
			continue
		}
		out = append(out, Finding{Cells: []CellAddr{f.s3Carried[i].addr()},
			Message: fmt.Sprintf("三、%s列：上年结转 %s，上年报告的结转下年度继续办理 %s，相差 %s",
				f.s3Cols[i].Label, c, p, absDec(c-p)),
			Arith: arith("本年上年结转 = 上年结转下年度继续办理", c, p),
		})
	}
	return out
}

// rulePrevInForce: 现行有效 = 上年现行有效 + 本年制发 − 本年废止 (soft:
// revisions count as 制发, lapses as 废止, so only a warning).
func rulePrevInForce(in *checkInput, out []Finding) []Finding {
	if in.prev == nil {
		return out
	}
	for i := range in.refs.s2InForce {
		x := &in.refs.s2InForce[i]
		is, ok1 := x.issued.get(in.r)
		re, ok2 := x.repealed.get(in.r)
		now, ok3 := x.inForce.get(in.r)
		before, ok4 := x.inForce.get(in.prev)
		if !(ok1 && ok2 && ok3 && ok4) {
			continue
		}
		want := before + is - re
		if now == want {
			continue
		}
		out = append(out, Finding{Cells: []CellAddr{x.issued.addr(), x.repealed.addr(), x.inForce.addr()},
			Message: fmt.Sprintf("二、%s：现行有效 %s，上年现行有效 %s + 本年制发 %s − 本年废止 %s = %s，相差 %s；修订计为制发、失效计为废止时可能不一致，请核实",
				x.label, now, before, is, re, want, absDec(now-want)),
			Arith: arith("现行有效 = 上年现行有效 + 本年制发 − 本年废止", now, want),
		})
	}
	return out
}

// rulePrevJump: a total over 5× or under 1/5 of last year's, both ≥ 10.
func rulePrevJump(in *checkInput, out []Finding) []Finding {
	if in.prev == nil {
		return out
	}
	lim := Int(jumpMinimum)
	for i := range in.refs.jump {
		c := &in.refs.jump[i]
		now, ok1 := c.get(in.r)
		before, ok2 := c.get(in.prev)
		if !ok1 || !ok2 || now < lim || before < lim {
			continue
		}
		var how string
		switch {
		case now > before*jumpFactor:
			how = fmt.Sprintf("超过上年的 %d 倍", jumpFactor)
		case now*jumpFactor < before:
			how = "不到上年的五分之一"
		default:
			continue
		}
		out = append(out, Finding{Cells: []CellAddr{c.addr()},
			Message: fmt.Sprintf("%s：本年 %s，上年 %s，%s，请核实", c.spec.ShortLabel(), now, before, how),
			Arith:   arith(fmt.Sprintf("上年的五分之一 ≤ 本年 ≤ 上年的 %d 倍", jumpFactor), now, before),
		})
	}
	return out
}

// ruleRulesPower: only 国务院部门、省级和设区的市级人民政府 make 规章.
func ruleRulesPower(in *checkInput, out []Finding) []Finding {
	k := in.r.Kind
	if !k.Valid() || k.CanMakeRules() {
		return out
	}
	var cells []CellAddr
	var said []string
	for i := range in.refs.s2Rules {
		c := &in.refs.s2Rules[i]
		if v, ok := c.get(in.r); ok && v != 0 {
			cells = append(cells, c.addr())
			said = append(said, c.spec.ColSpec().Label+" "+v.String())
		}
	}
	if cells == nil {
		return out
	}
	return append(out, Finding{Cells: cells,
		Message: fmt.Sprintf("二、规章：%s，但%s不能制定规章，规章各项应填 0；执行上级机关的规章不计入",
			strings.Join(said, "、"), k.Name()),
	})
}

// ruleFeeCollected: 实际收取 > 收费通知总金额 (possible only when a notice of
// last year was paid this year).
func ruleFeeCollected(in *checkInput, out []Finding) []Finding {
	f := in.refs
	b, ok1 := f.feeBilled.get(in.r)
	c, ok2 := f.feeCollected.get(in.r)
	if !ok1 || !ok2 || c <= b {
		return out
	}
	return append(out, Finding{Cells: []CellAddr{f.feeBilled.addr(), f.feeCollected.addr()},
		Message: fmt.Sprintf("六、实际收取总金额 %s 元多于收费通知总金额 %s 元，相差 %s 元；只有上年发出的收费通知在本年缴费时才会如此",
			c, b, c-b),
		Arith: arith("实际收取总金额 ≤ 收费通知总金额", c, b),
	})
}

// ruleFeeUnpaid: every application dropped for an unpaid fee had a notice.
func ruleFeeUnpaid(in *checkInput, out []Finding) []Finding {
	f := in.refs
	u, ok1 := f.s3UnpaidTotal.get(in.r)
	n, ok2 := f.feeNotices.get(in.r)
	if !ok1 || !ok2 || u <= n {
		return out
	}
	return append(out, Finding{Cells: []CellAddr{f.s3UnpaidTotal.addr(), f.feeNotices.addr()},
		Message: fmt.Sprintf("三、逾期未缴纳费用不再处理的申请总计 %s 件，多于六、发出收费通知 %s 件，相差 %s；每件这样的申请都应发过收费通知，除非通知在上年发出",
			u, n, u-n),
		Arith: arith("逾期未缴费不再处理 ≤ 发出收费通知件数", u, n),
	})
}

// ruleFeeNoticesAmount: notices without an amount, or an amount without
// notices.
func ruleFeeNoticesAmount(in *checkInput, out []Finding) []Finding {
	f := in.refs
	n, ok1 := f.feeNotices.get(in.r)
	b, ok2 := f.feeBilled.get(in.r)
	if !ok1 || !ok2 || (n == 0) == (b == 0) {
		return out
	}
	msg := fmt.Sprintf("六、发出收费通知 %s 件，但收费通知总金额为 0 元", n)
	if n == 0 {
		msg = fmt.Sprintf("六、收费通知总金额 %s 元，但发出收费通知 0 件", b)
	}
	return append(out, Finding{Cells: []CellAddr{f.feeNotices.addr(), f.feeBilled.addr()}, Message: msg})
}

// ruleFeeInS2: the 信息处理费 is a 行政事业性收费, so collecting it shows in 二.
func ruleFeeInS2(in *checkInput, out []Finding) []Finding {
	f := in.refs
	c, ok1 := f.feeCollected.get(in.r)
	a, ok2 := f.fees.get(in.r)
	if !ok1 || !ok2 || c == 0 || a != 0 {
		return out
	}
	return append(out, Finding{Cells: []CellAddr{f.fees.addr(), f.feeCollected.addr()},
		Message: fmt.Sprintf("六、实际收取信息处理费 %s 元，但二、行政事业性收费本年收费金额为 0 万元", c),
	})
}

// ruleDateEarly: a report of year N is written after N ends; a 落款 date
// before 12月31日 of N is most likely last year's date left in place or a
// typing slip.
func ruleDateEarly(in *checkInput, out []Finding) []Finding {
	r := in.r
	y, m, d, ok := r.Date.parts()
	if !ok || r.Year == 0 || y > r.Year || y == r.Year && m == 12 && d == 31 {
		return out
	}
	return append(out, Finding{Part: "date",
		Message: fmt.Sprintf("落款日期 %s 早于 %d 年度结束（%d年12月31日）：年度报告在年度结束后编制，请核对日期",
			r.Date.Chinese(), r.Year, r.Year),
	})
}

// ruleDateLate: a 落款 dated after the end of the year following the
// report's is a slip of the keyboard (2205 for 2025) or a date carried
// from a much later report; the report is published by 31 January of the
// next year, and a late or revised one within that year is left alone.
func ruleDateLate(in *checkInput, out []Finding) []Finding {
	r := in.r
	y, _, _, ok := r.Date.parts()
	if !ok || r.Year == 0 || y <= r.Year+1 {
		return out
	}
	return append(out, Finding{Part: "date",
		Message: fmt.Sprintf("落款日期 %s 晚于 %d年12月31日：%d 年度的报告应在 %d 年 1 月 31 日前公布，请核对日期",
			r.Date.Chinese(), r.Year+1, r.Year, r.Year+1),
	})
}

// ruleNotes lists the notes an import or a paste left, each as a finding,
// so that every list of findings shows them without more code.
func ruleNotes(in *checkInput, out []Finding) []Finding {
	for i, n := range in.r.Notes {
		out = append(out, Finding{Cells: slices.Clone(n.Cells), Message: n.Text, note: i + 1})
	}
	return out
}

// noteMessage is the message of the finding a note with text gives.
func noteMessage(text string) string {
	for _, rl := range rules {
		if rl.ID == NoteRuleID {
			return text + "（" + rl.Source + "）"
		}
	}
	return text
}

// s1IntroName is partName's "s1.intro", made once.
var s1IntroName = SectionHeadings[0] + "开头"

// partName names a text of the report for messages.
func partName(r *Report, part string) string {
	switch part {
	case "preface":
		return "开头段落"
	case "s1":
		return SectionHeadings[0]
	case "s1.intro":
		return s1IntroName
	case "s5":
		return SectionHeadings[4]
	case "s6":
		return SectionHeadings[5]
	case "date":
		return "落款日期"
	}
	if n, ok := strings.CutPrefix(part, "s1.parts."); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 {
			return part
		}
		name := "一、" + PartNumber(i)
		if i < len(r.S1.Parts) {
			name += strings.TrimSpace(r.S1.Parts[i].Title)
		}
		return name
	}
	return part
}

// appendPartName appends partName(r, part) to b: a sub-part of 一 is
// named without the strings partName makes.
func appendPartName(b []byte, r *Report, part string) []byte {
	n, ok := strings.CutPrefix(part, "s1.parts.")
	if !ok {
		return append(b, partName(r, part)...)
	}
	i, err := strconv.Atoi(n)
	if err != nil || i < 0 {
		return append(b, part...)
	}
	b = append(b, "一、（"...)
	b = append(b, ChineseNumber(i+1)...)
	b = append(b, "）"...)
	if i < len(r.S1.Parts) {
		b = append(b, strings.TrimSpace(r.S1.Parts[i].Title)...)
	}
	return b
}

// appendDec appends d as %s prints it.
func appendDec(b []byte, d Dec) []byte { return d.appendTo(b) }

// partID is the Finding.Part of the i-th (0-based) sub-part of 一.
func partID(i int) string {
	if i >= 0 && i < len(partIDs) {
		return partIDs[i]
	}
	return "s1.parts." + strconv.Itoa(i)
}

// partIDs are the ids of the first sub-parts, made once: every text check
// names them.
var partIDs = func() (ids [MaxParts]string) {
	for i := range ids {
		ids[i] = "s1.parts." + strconv.Itoa(i)
	}
	return
}()
