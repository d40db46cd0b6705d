package model

import (
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/width"
)

// MaxValue is the largest figure a cell may hold.
const MaxValue = 1_000_000_000

// InputError explains in Chinese why typed text is not a valid cell value.
type InputError struct {
	Input  string
	Reason string
}

func (e *InputError) Error() string { return e.Reason }

// inputPunct maps the IME's full-width punctuation that width.Narrow does not
// turn into what a number needs. Built once: it is used for every cell.
var inputPunct = strings.NewReplacer("，", ",", "。", ".", "－", "-")

// NormalizeInput turns what an officer typed into plain ASCII: full-width
// digits and signs (as an IME sends them) become narrow, surrounding spaces
// and thousands separators go.
func NormalizeInput(s string) string {
	// Before narrowing: width.Narrow turns 。 into the half-width ｡, not '.'.
	s = inputPunct.Replace(s)
	s = width.Narrow.String(s)
	s = strings.TrimSpace(s)
	return s
}

// ParseInput reads what an officer typed into a cell of the given unit:
// "12", " 12 ", "１２", "1,200", "12.5" in an amount. An empty text is an
// error too; callers that allow clearing check for it first.
func ParseInput(u Unit, text string) (Dec, error) {
	s := NormalizeInput(text)
	fail := func(format string, a ...any) (Dec, error) {
		return 0, &InputError{Input: text, Reason: fmt.Sprintf(format, a...)}
	}
	if s == "" {
		return fail("没有输入数字：请输入数字，留空请按 Delete 清除")
	}
	if strings.Contains(s, ",") {
		if !thousandsOK(s) {
			return fail("「%s」的千位分隔符位置不对：请直接输入数字，例如 1200", text)
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	neg := strings.HasPrefix(s, "-")
	if sciNotation.MatchString(s) {
		// 1e3, 1.2E+05 as Excel shows a wide number: whatever its size,
		// the same answer, and never a figure read from a rounded display.
		return fail("「%s」是科学计数法：请写出完整的数字，例如 1000", text)
	}
	d, err := parseDec(s)
	switch {
	case err == errDecPlaces:
		if u == Count {
			return fail("%s必须是整数：「%s」带有小数", u.Name(), text)
		}
		return fail("%s最多保留 %d 位小数：「%s」", u.Name(), u.Places(), text)
	case err == errDecRange:
		return fail("数值过大：「%s」超过了 %d", text, MaxValue)
	case err != nil:
		return fail("「%s」不是数字：请只输入阿拉伯数字，例如 12", text)
	}
	if neg && d != 0 {
		return fail("不能填负数：「%s」，%s应为 0 或正数", text, u.Name())
	}
	if msg := RangeProblem(u, d); msg != "" {
		return fail("%s", msg)
	}
	return d, nil
}

// RangeProblem says in Chinese what is wrong with v as a value of unit u, or
// returns "" when it is in range. It is shared by input parsing and the
// value.range check so that both say the same thing.
func RangeProblem(u Unit, v Dec) string {
	switch {
	case v < 0:
		return fmt.Sprintf("%s不能为负数（%s）", u.Name(), v)
	case u == Count && !v.IsInt():
		return fmt.Sprintf("%s必须是整数（%s）", u.Name(), v)
	case v.Places() > u.Places():
		return fmt.Sprintf("%s最多保留 %d 位小数（%s）", u.Name(), u.Places(), v)
	case v > Int(MaxValue):
		return fmt.Sprintf("数值过大（%s），不能超过 %d", v, MaxValue)
	}
	return ""
}

// sciNotation is a number in scientific notation: 1e3, -2.5E+04.
var sciNotation = regexp.MustCompile(`^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$`)

// thousandsOK accepts 1,200 and 12,345,678.5 but not 1,2 or ,100.
func thousandsOK(s string) bool {
	s = strings.TrimPrefix(s, "-")
	ip, _, _ := strings.Cut(s, ".")
	groups := strings.Split(ip, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}
