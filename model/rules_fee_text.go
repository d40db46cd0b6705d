package model

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// s6.fee_text: 六's fee sentence is generated from the three fee figures
// and printed after the officer's own text of 六. A figure the officer also
// wrote in that text either contradicts the cells (an error) or prints
// twice (a warning). The text is parsed once per change (parseFeeText);
// the rules compare what it states with the cells on every run.

// feeStmt is one fee figure stated in 六's text.
type feeStmt struct {
	cell  int // 0 notices, 1 billed, 2 collected (see feeRef)
	n     Dec
	quote string
}

// feeRef returns the cell a statement is about.
func (f *cellRefs) feeRef(i int) *cellRef {
	switch i {
	case 0:
		return &f.feeNotices
	case 1:
		return &f.feeBilled
	}
	return &f.feeCollected
}

// Words that show what an amount is. An amount after a collecting word (in
// the stretch since the previous figure) is 实际收取; after 金额 in a
// sentence about notices, or after 收费通知 or 应收, it is the notices'
// total. 每/标准/减免 amounts are neither.
var (
	feeCollectWords = []string{"收取", "实收", "收缴", "缴纳", "实际收到", "已收"}
	feeBillWords    = []string{"收费通知", "缴费通知", "应收", "应缴"}
	feeNotFee       = []string{"每", "标准", "减免", "免收", "免除", "退还", "退回", "退费", "不超过", "以上", "以下"}
	feeNotNotices   = []string{"补正", "逾期", "未缴", "不再处理", "申请"}
)

// parseFeeText finds the fee figures 六's text states: 发出收费通知 N 件
// (份), 总金额 X 元 (万元), 实际收取 Y 元. A clause of 未收取 states no
// figure: the rule is about figures that would print twice.
func parseFeeText(text string) []feeStmt {
	if !strings.Contains(text, "费") && !strings.Contains(text, "通知") {
		return nil // the common 六: nothing on fees
	}
	var out []feeStmt
	for sent := range sentenceSeq(text) {
		notices := strings.Contains(sent, "通知")
		fee := strings.Contains(sent, "费")
		if !notices && !fee {
			continue
		}
		for cl := range clauses(sent) {
			out = parseFeeClause(cl, notices, fee, out)
			if len(out) >= maxStatements {
				return out
			}
		}
	}
	return out
}

func parseFeeClause(cl string, sentNotices, sentFee bool, out []feeStmt) []feeStmt {
	last := 0 // end of the previous figure in cl
	for i := 0; i < len(cl); {
		r, size := utf8.DecodeRuneInString(cl[i:])
		unitEnd := i + size
		if r != '件' && r != '份' && r != '元' {
			i = unitEnd
			continue
		}
		numEnd, scale := i, Dec(1)
		if r == '元' && strings.HasSuffix(cl[:i], "万") {
			numEnd, scale = i-len("万"), 10000
		}
		start, n, ok := amountBefore(cl[:numEnd])
		if !ok || start < last {
			i = unitEnd
			continue
		}
		seg := lastRunes(cl[last:start], figureWindow) // what was said since the previous figure
		last = unitEnd
		i = unitEnd
		st := feeStmt{cell: -1, quote: quote(cl)}
		if strings.HasSuffix(st.quote, "…") {
			st.quote = "…" + strings.TrimSpace(lastRunes(cl[:unitEnd], figureWindow))
		}
		switch {
		case r != '元':
			if !n.IsInt() || !sentFee && !strings.Contains(seg, "收费") {
				continue
			}
			if k := strings.LastIndex(seg, "通知"); k >= 0 && !containsAny(seg, feeNotNotices) {
				st.cell = 0
			}
		case containsAny(seg, feeNotFee):
		case containsAny(seg, feeBillWords):
			st.cell = 1
		case containsAny(seg, feeCollectWords):
			st.cell = 2
		case strings.Contains(seg, "金额") && sentNotices:
			st.cell = 1
		}
		if st.cell < 0 || n > Int(MaxValue)/scale {
			continue
		}
		st.n = n * scale
		out = append(out, st)
	}
	return out
}

// amountBefore reads the number s ends with (spaces allowed): 12, 1,200.50,
// １２, or Chinese numerals (三百); false when there is none or it is too
// long to be a figure.
func amountBefore(s string) (start int, n Dec, ok bool) {
	s = strings.TrimRight(s, " \u3000\u00a0\t")
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isDigit(r) && r != ',' && r != '.' && r != '．' {
			break
		}
		i -= size
	}
	for i < len(s) && (s[i] == ',' || s[i] == '.') {
		i++ // a figure starts with a digit
	}
	if i == len(s) {
		st, v, ok := numberBefore(s) // Chinese numerals
		return st, Int(v), ok && v < MaxValue
	}
	var b strings.Builder
	for _, c := range s[i:] {
		switch {
		case c >= '０' && c <= '９':
			b.WriteRune(c - '０' + '0')
		case c == '．':
			b.WriteByte('.')
		case c != ',':
			b.WriteRune(c)
		}
	}
	if b.Len() > 20 {
		return 0, 0, false
	}
	d, err := parseDec(b.String())
	return i, d, err == nil && d <= Int(MaxValue)
}

func ruleFeeTextDiffers(in *checkInput, out []Finding) []Finding {
	return ruleFeeText(in, out, false)
}

func ruleFeeTextSame(in *checkInput, out []Finding) []Finding {
	return ruleFeeText(in, out, true)
}

func ruleFeeText(in *checkInput, out []Finding, same bool) []Finding {
	for i := range in.text.fee {
		st := &in.text.fee[i]
		ref := in.refs.feeRef(st.cell)
		v, ok := ref.get(in.r)
		if !ok || (st.n == v) != same {
			continue
		}
		unit := "件"
		if ref.spec.Unit != Count {
			unit = "元"
		}
		var msg string
		if same {
			msg = fmt.Sprintf("%s：正文「%s」与%s %s 相同；六的收费情况由这些数字自动生成并印在正文之后，这一句会重复，请从正文中删去",
				SectionHeadings[5], st.quote, ref.spec.ShortLabel(), v)
		} else {
			msg = fmt.Sprintf("%s：正文「%s」为 %s %s，%s为 %s，相差 %s；六的收费情况按收费数字生成，请改正正文或数字",
				SectionHeadings[5], st.quote, st.n, unit, ref.spec.ShortLabel(), v, absDec(st.n-v))
		}
		out = append(out, Finding{Cells: []CellAddr{ref.addr()}, Part: "s6", Message: msg,
			Arith: arith("正文所述 = 六的收费数字", st.n, v)})
	}
	return out
}
