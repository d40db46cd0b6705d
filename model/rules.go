package model

import (
	"fmt"
	"sort"
	"strings"
)

// rules is the rule table. (Being completed: only s3.balance and missing so far.)
var rules = []Rule{
	{ID: "s3.balance", Severity: SevError, Source: "表三勾稽关系", run: ruleS3Balance},
	{ID: "missing", Severity: SevError, Source: "填报完整性", run: ruleMissing},
}

func ruleS3Balance(in *checkInput, out []Finding) []Finding {
	for _, col := range S3.Blocks[0].Cols {
		if col.Computed {
			continue
		}
		get := func(row string) (Dec, bool) {
			v, st := in.r.Value(S3.Addr(row, col.Key))
			return v, st == Filled
		}
		n, ok1 := get("new")
		c, ok2 := get("carried")
		h, ok3 := get("handled")
		f, ok4 := get("forward")
		if !(ok1 && ok2 && ok3 && ok4) {
			continue
		}
		if n+c == h+f {
			continue
		}
		l, r := n+c, h+f
		d := l - r
		if d < 0 {
			d = -d
		}
		out = append(out, Finding{
			ID: "s3.balance", Severity: SevError,
			Cells:   []CellAddr{S3.Addr("new", col.Key), S3.Addr("carried", col.Key), S3.Addr("handled", col.Key), S3.Addr("forward", col.Key)},
			Message: fmt.Sprintf("三、%s列：新收 %s + 上年结转 %s = %s，办理结果总计 %s + 结转下年度 %s = %s，相差 %s（表三勾稽关系）", col.Label, n, c, l, h, f, r, d),
			Source:  "表三勾稽关系",
			Arith:   &Arith{Formula: "新收 + 上年结转 = 办理结果总计 + 结转下年度", Left: l, Right: r, Diff: l - r},
		})
	}
	return out
}

func ruleMissing(in *checkInput, out []Finding) []Finding {
	for _, c := range inputCells {
		if !in.r.filled[c.Index] {
			out = append(out, Finding{ID: "missing", Severity: SevError, Cells: []CellAddr{c.Addr},
				Message: "未填写：" + c.ShortLabel() + "（填报完整性）", Source: "填报完整性"})
		}
	}
	return out
}

func textKey(r, prev *Report) string {
	var b strings.Builder
	b.WriteString(r.Preface)
	b.WriteString(r.S1.Intro)
	for _, p := range r.S1.Parts {
		b.WriteString(p.Title)
		b.WriteString(p.Body)
	}
	b.WriteString(r.S5)
	b.WriteString(r.S6)
	return b.String()
}

func sortFindings(f []Finding) {
	rank := func(x Finding) int {
		switch {
		case x.ID == "missing":
			return 2
		case x.Severity == SevError:
			return 0
		}
		return 1
	}
	sort.SliceStable(f, func(i, j int) bool { return rank(f[i]) < rank(f[j]) })
}
