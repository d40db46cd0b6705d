package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is the 成文日期 of the 落款 in its stored form, YYYY-MM-DD, or ""
// while it is not set. Make one with ParseDate (or DateOf); Decode refuses
// any other form, so a Date read from a file is always valid.
type Date string

// DateOf returns the Date of a calendar day.
func DateOf(year int, month time.Month, day int) Date {
	return Date(fmt.Sprintf("%04d-%02d-%02d", year, int(month), day))
}

// parts splits a well-formed date into numbers; ok is false for "" and for
// anything not YYYY-MM-DD of a real day.
func (d Date) parts() (y, m, day int, ok bool) {
	s := string(d)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(s[:4])
	m, _ = strconv.Atoi(s[5:7])
	day, _ = strconv.Atoi(s[8:])
	if y < 1000 || m < 1 || m > 12 || day < 1 || day > daysIn(y, m) {
		return 0, 0, 0, false
	}
	return y, m, day, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Valid reports whether d is a real day written YYYY-MM-DD. The empty Date
// is not valid, but it is allowed: it means not set.
func (d Date) Valid() bool { _, _, _, ok := d.parts(); return ok }

// Chinese is the date as the 落款 prints it: 2024年1月20日 (Arabic numerals,
// no leading zeros); "" while not set.
func (d Date) Chinese() string {
	y, m, day, ok := d.parts()
	if !ok {
		return string(d)
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, day)
}

// dateSeps are the separators an officer may type between year, month and
// day; 年 and 月 are handled apart (the 日 at the end is dropped).
var dateFold = strings.NewReplacer("年", "-", "月", "-", "/", "-", ".", "-", "－", "-", "—", "-", "．", "-", "／", "-", "。", "-")

// ParseDate reads a date as an officer types it or a published report
// prints it: 2025-01-20, 2025-1-20, 2025/1/20, 2025.1.20, 2025年1月20日,
// with full-width digits too. Blank text is the empty Date (not set). A
// date that is not a real day is an *InputError in Chinese.
func ParseDate(text string) (Date, error) {
	s := strings.TrimSpace(NormalizeInput(text))
	if s == "" {
		return "", nil
	}
	fail := func(reason string) (Date, error) {
		return "", &InputError{Input: text, Reason: reason}
	}
	s = strings.TrimSuffix(dateFold.Replace(s), "日")
	f := strings.Split(s, "-")
	if len(f) != 3 {
		return fail(fmt.Sprintf("「%s」不是日期：请写作 2025-01-20 或 2025年1月20日", text))
	}
	var n [3]int
	for i, x := range f {
		x = strings.TrimSpace(x)
		if x == "" || len(x) > 4 || !allDigits(x) || i > 0 && len(x) > 2 {
			return fail(fmt.Sprintf("「%s」不是日期：请写作 2025-01-20 或 2025年1月20日", text))
		}
		n[i], _ = strconv.Atoi(x)
	}
	y, m, day := n[0], n[1], n[2]
	switch {
	case len(strings.TrimSpace(f[0])) != 4 || y < 1000:
		return fail(fmt.Sprintf("「%s」的年份应为四位数字，例如 2025", text))
	case m < 1 || m > 12:
		return fail(fmt.Sprintf("「%s」的月份不对：应为 1 至 12", text))
	case day < 1 || day > daysIn(y, m):
		return fail(fmt.Sprintf("「%s」的日不对：%d年%d月只有 %d 天", text, y, m, daysIn(y, m)))
	}
	return DateOf(y, time.Month(m), day), nil
}
