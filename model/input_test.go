package model

import (
	"errors"
	"testing"
)

func TestParseInput(t *testing.T) {
	ok := []struct {
		unit Unit
		in   string
		want string
	}{
		{Count, "12", "12"},
		{Count, " 12 ", "12"},
		{Count, "１２", "12"},
		{Count, "\u3000１２\u3000", "12"},
		{Count, "1,200", "1200"},
		{Count, "1，200", "1200"},
		{Count, "0", "0"},
		{Count, "007", "7"},
		{Count, "1000000000", "1000000000"},
		{Wan, "12.5", "12.5"},
		{Wan, "12.50", "12.5"},
		{Wan, "１２．５", "12.5"},
		{Wan, "12。5", "12.5"},
		{Wan, "0.1234", "0.1234"},
		{Wan, "0.12345", "0.12345"},
		{Wan, "5949.088667", "5949.088667"}, // as published, to the 分
		{Wan, "５９４９．０８８６６７", "5949.088667"},
		{Wan, "1,234.5", "1234.5"},
		{Yuan, "100.05", "100.05"},
		{Yuan, "-0", "0"},
	}
	for _, tc := range ok {
		v, err := ParseInput(tc.unit, tc.in)
		if err != nil || v.String() != tc.want {
			t.Errorf("ParseInput(%v, %q) = %v, %v; want %s", tc.unit, tc.in, v, err, tc.want)
		}
	}
	bad := []struct {
		unit Unit
		in   string
		msg  string
	}{
		{Count, "abc", "「abc」不是数字：请只输入阿拉伯数字，例如 12"},
		{Count, "-3", "不能填负数：「-3」，件数应为 0 或正数"},
		{Count, "1.5", "件数必须是整数（1.5）"},
		{Count, "1.0000001", "件数必须是整数：「1.0000001」带有小数"},
		{Wan, "0.1234567", "金额（万元）最多保留 6 位小数：「0.1234567」"},
		{Wan, "5949.0886671", "金额（万元）最多保留 6 位小数：「5949.0886671」"},
		{Yuan, "0.125", "金额（元）最多保留 2 位小数（0.125）"},
		{Count, "1000000001", "数值过大（1000000001），不能超过 1000000000"},
		{Count, "99999999999999999999", "数值过大：「99999999999999999999」超过了 1000000000"},
		{Count, "", "没有输入数字：请输入数字，留空请按 Delete 清除"},
		// Scientific notation, small or large, gets the same answer (issue
		// 10.6: 1e20 was 数值过大 but 1e3 不是数字).
		{Count, "1e3", "「1e3」是科学计数法：请写出完整的数字，例如 1000"},
		{Count, "1e20", "「1e20」是科学计数法：请写出完整的数字，例如 1000"},
		{Wan, "1.23457E+11", "「1.23457E+11」是科学计数法：请写出完整的数字，例如 1000"},
		{Count, "１ｅ３", "「１ｅ３」是科学计数法：请写出完整的数字，例如 1000"},
		{Count, "e3", "「e3」不是数字：请只输入阿拉伯数字，例如 12"},
		{Count, "1,2", "「1,2」的千位分隔符位置不对：请直接输入数字，例如 1200"},
		{Count, "5.", "「5.」不是数字：请只输入阿拉伯数字，例如 12"},
		{Count, "十二", "「十二」不是数字：请只输入阿拉伯数字，例如 12"},
	}
	for _, tc := range bad {
		v, err := ParseInput(tc.unit, tc.in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Reason != tc.msg || ie.Input != tc.in {
			t.Errorf("ParseInput(%v, %q) = %v, %v; want error %q", tc.unit, tc.in, v, err, tc.msg)
		}
	}
}

func TestDecExact(t *testing.T) {
	a, _ := ParseInput(Wan, "0.1")
	b, _ := ParseInput(Wan, "0.2")
	c, _ := ParseInput(Wan, "0.3")
	if a+b != c || (a+b).String() != "0.3" {
		t.Errorf("0.1 + 0.2 = %s", a+b)
	}
	// Sums of many amounts stay exact.
	var sum Dec
	for range 1000 {
		sum += a
	}
	if sum != Int(100) {
		t.Errorf("1000 × 0.1 = %s", sum)
	}
	for _, tc := range []struct {
		d     Dec
		s     string
		p     int
		isInt bool
	}{
		{Int(12), "12", 0, true}, {Int(12) + 500_000, "12.5", 1, false}, {1, "0.000001", 6, false},
		{100, "0.0001", 4, false}, {-Int(3), "-3", 0, true}, {-500_000, "-0.5", 1, false}, {0, "0", 0, true},
	} {
		if tc.d.String() != tc.s || tc.d.Places() != tc.p || tc.d.IsInt() != tc.isInt {
			t.Errorf("%d: %s %d %v", int64(tc.d), tc.d.String(), tc.d.Places(), tc.d.IsInt())
		}
	}
}

func TestParseDec(t *testing.T) {
	for in, want := range map[string]string{"12.5": "12.5", "1.25e1": "12.5", "-0.5": "-0.5", "1E2": "100",
		"10000000000": "10000000000", "0.000001": "0.000001", "12.500": "12.5", "0e99999": "0", "-1.5E-1": "-0.15", ".5": "0.5", "+7": "7"} {
		d, err := parseDec(in)
		if err != nil || d.String() != want {
			t.Errorf("parseDec(%s) = %s, %v", in, d, err)
		}
	}
	for in, want := range map[string]error{"": errDecSyntax, "1.": errDecSyntax, "x": errDecSyntax, "--1": errDecSyntax,
		"0.0000001": errDecPlaces, "10000000001": errDecRange, "9999999999999": errDecRange,
		"99999999999999999999": errDecRange, "1e11": errDecRange, "1e-7": errDecPlaces,
		"1e999999999": errDecRange, "1e-999999999": errDecPlaces, ".": errDecSyntax, "-": errDecSyntax, "+.": errDecSyntax,
		"1x2e99": errDecSyntax, "1.2.3": errDecSyntax} { // fast: the exponent is bounded first
		if _, err := parseDec(in); err != want {
			t.Errorf("parseDec(%q) error %v, want %v", in, err, want)
		}
	}
}

// TestComputedCells: a total holds the sum of its inputs when all are
// filled, the partial sum marked incomplete while any is empty.
func TestComputedCells(t *testing.T) {
	r := New("某局", 2024, KindOther, ScopeSelf)
	if _, st := r.Value("s3.new.total"); st != Empty {
		t.Errorf("empty total state %v", st)
	}
	mustSet(t, r, map[CellAddr]string{"s3.new.natural": "3", "s3.new.business": "2"})
	if v, st := r.Value("s3.new.total"); st != Incomplete || v != Int(5) {
		t.Errorf("partial total = %s %v", v, st)
	}
	mustSet(t, r, map[CellAddr]string{"s3.new.research": "0", "s3.new.nonprofit": "0", "s3.new.legal": "0", "s3.new.other": "1"})
	if v, st := r.Value("s3.new.total"); st != Filled || v != Int(6) {
		t.Errorf("total = %s %v", v, st)
	}
	if err := r.Set("s3.new.total", Int(1)); err == nil {
		t.Error("a computed cell accepted a value")
	}
	spec, _ := Cell("s3.handled.total")
	if len(spec.Inputs) != 21*6 {
		t.Errorf("s3.handled.total sums %d cells", len(spec.Inputs))
	}
	// The largest legal figures cannot overflow a sum.
	for _, in := range spec.Inputs {
		_ = r.Set(in, decLimit)
	}
	if v, st := r.ValueOf(spec); st != Filled || v != decLimit*126 || v*jumpFactor < 0 {
		t.Errorf("huge total = %s %v", v, st)
	}
}
