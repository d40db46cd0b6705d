package model

// Severity says whether a finding blocks a finished report.
type Severity int

const (
	// SevError is a real contradiction; a finished report has none.
	SevError Severity = iota
	// SevWarning is something unusual, shown beside the cells, never blocking.
	SevWarning
)

// String is the severity's name in JSON output: "error" or "warning".
func (s Severity) String() string {
	if s == SevError {
		return "error"
	}
	return "warning"
}

// Name is the severity's Chinese name: 错误 or 提示.
func (s Severity) Name() string {
	if s == SevError {
		return "错误"
	}
	return "提示"
}

// Arith is the arithmetic behind a finding of an arithmetic rule.
type Arith struct {
	Formula     string // e.g. "新收 + 上年结转 = 办理结果总计 + 结转下年度"
	Left, Right Dec
	Diff        Dec // Left − Right
}

// Finding is one result of a check.
type Finding struct {
	ID       string     // rule id, e.g. "s3.balance"
	Severity Severity   //
	Cells    []CellAddr // the cells it concerns, in reading order
	Part     string     // the text it concerns, if any: "preface", "s1", "s1.intro", "s1.parts.2", "s5", "s6"; "date" for the 落款 date
	Message  string     // Chinese, complete, ending with the rule's source in （）
	Source   string     // where the rule comes from, e.g. "表三勾稽关系"
	Arith    *Arith     // for arithmetic rules
	note     int        // "note" findings: 1 + the note's index in Report.Notes, for DismissNote
}
