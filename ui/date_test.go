package ui

import (
	"strings"
	"testing"

	"nianbao/model"
)

// dateDriver opens a report dated 2024-01-02 on its 成文日期 field.
func dateDriver(t *testing.T, w, h int) (*driver, *editor) {
	t.Helper()
	r := newTestReport()
	r.Date = "2024-01-02"
	d := newDriver(t, r, w, h)
	e := d.ed()
	e.gotoSection(e.itemIndex(navItem{kind: secCover}))
	e.form.idx = e.form.fieldIndex(strFieldDate)
	e.form.focus(true)
	return d, e
}

// Issue 14: a date typed in the wrong form keeps the date the report had,
// says so in Chinese, and leaves what was typed in the field to correct.
func TestDateTypedWrongKeepsTheDate(t *testing.T) {
	for _, sz := range sizes {
		d, e := dateDriver(t, sz.w, sz.h)
		d.keys("2024-13-01")
		if e.r.Date != "2024-01-02" {
			t.Fatalf("%dx%d: the report's date is %q while 2024-13-01 is typed", sz.w, sz.h, e.r.Date)
		}
		if got := d.db.stored(testReportID).Date; got != "2024-01-02" {
			t.Fatalf("%dx%d: the stored date is %q", sz.w, sz.h, got)
		}
		wantFlat(t, d, "月份不对", "报告中仍为原来的日期 2024年1月2日，请改正（Esc 恢复原日期）")
		if got := e.form.cur().ta.Value(); got != "2024-13-01" {
			t.Fatalf("%dx%d: the field holds %q, not what was typed", sz.w, sz.h, got)
		}
		// Enter does not leave a field that cannot be saved.
		d.keys("enter")
		if e.form.cur().name != strFieldDate || e.form.cur().ta.Value() != "2024-13-01" {
			t.Fatalf("%dx%d: Enter left the wrong date: field %q %q", sz.w, sz.h, e.form.cur().name, e.form.cur().ta.Value())
		}
		d.wantScreen("月份不对")
		// Corrected in place: the caret is after the text.
		d.keys("backspace", "backspace", "backspace", "backspace", "backspace", "02-03", "enter")
		if e.r.Date != "2024-02-03" || d.db.stored(testReportID).Date != "2024-02-03" {
			t.Fatalf("%dx%d: corrected date %q, stored %q", sz.w, sz.h, e.r.Date, d.db.stored(testReportID).Date)
		}
		if e.form.cur().name == strFieldDate {
			t.Fatalf("%dx%d: Enter on a good date stayed in the field", sz.w, sz.h)
		}
	}
}

// A date whose first characters make another date (2024-02-3 on the way to
// 2024-02-30) never stays in the report: while the text is wrong the report
// has the date from before the typing, and so has the draft file.
func TestDateWrongAfterAValidPrefix(t *testing.T) {
	d, e := dateDriver(t, 120, 40)
	d.keys("2024-02-30")
	d.wantScreen("2024年2月只有 29 天")
	if e.r.Date != "2024-01-02" || d.db.stored(testReportID).Date != "2024-01-02" {
		t.Fatalf("date %q, stored %q while 2024-02-30 is typed", e.r.Date, d.db.stored(testReportID).Date)
	}
	// Esc puts the kept date back in the field, and stays there.
	d.keys("esc")
	if got := e.form.cur().ta.Value(); got != "2024-01-02" || e.focus != paneMain || e.form.cur().name != strFieldDate {
		t.Fatalf("after Esc the field holds %q (focus %v, field %q)", got, e.focus, e.form.cur().name)
	}
	wantFlat(t, d, "成文日期已恢复为原来的日期 2024年1月2日")
	// Leaving by another pane puts the kept date back too: the field
	// never shows what the report does not hold.
	d.keys("2024-02-30", "f6")
	if got := e.form.cur().ta.Value(); got != "2024-01-02" {
		t.Fatalf("after F6 the field holds %q", got)
	}
	wantFlat(t, d, "成文日期「2024-02-30」无法保存，已恢复为原来的日期 2024年1月2日")
}

// An empty date is no error: the report has no date.
func TestDateCleared(t *testing.T) {
	d, e := dateDriver(t, 120, 40)
	for range len("2024-01-02") {
		d.keys("backspace")
	}
	d.keys("enter")
	if e.r.Date != "" {
		t.Fatalf("date %q after clearing it", e.r.Date)
	}
}

// Quitting with a wrong date asks first; the draft keeps the old date.
func TestQuitWithWrongDate(t *testing.T) {
	d, e := dateDriver(t, 120, 40)
	d.keys("2024年13月1日", "ctrl+q")
	if d.quit {
		t.Fatal("quit at once with a wrong date typed")
	}
	s := d.screen()
	if !strings.Contains(flat(s), "成文日期中的「2024年13月1日」无法保存") || !strings.Contains(flat(s), "2024年1月2日") {
		t.Fatalf("no question:\n%s", s)
	}
	_ = e
	if got := d.db.stored(testReportID).Date; got != model.Date("2024-01-02") {
		t.Fatalf("stored %q", got)
	}
}

// wantFlat wants each text on the screen, where it may be wrapped.
func wantFlat(t *testing.T, d *driver, sub ...string) {
	t.Helper()
	s := d.screen()
	for _, x := range sub {
		if !strings.Contains(flat(s), x) {
			t.Fatalf("screen lacks %q:\n%s", x, s)
		}
	}
}

// A report with no date yet: a wrong one says the date is still not filled
// in (not 「原来的日期 （未填）」), and Esc leaves the field empty.
func TestDateWrongWhenNoneYet(t *testing.T) {
	d, e := dateDriver(t, 120, 40)
	e.r.Date = ""
	e.form.cur().kept = ""
	d.keys("2025-02-30")
	wantFlat(t, d, "2025年2月只有 28 天；报告中的日期仍未填写，请改正（Esc 恢复原日期）")
	if e.r.Date != "" {
		t.Fatalf("the report's date is %q while 2025-02-30 is typed", e.r.Date)
	}
	d.keys("esc")
	if got := e.form.cur().ta.Value(); got != "" {
		t.Fatalf("after Esc the field holds %q", got)
	}
	wantFlat(t, d, "成文日期已恢复为未填写")
}
