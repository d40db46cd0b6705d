package model

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"nianbao/internal/termsafe"
)

// What may come in. Every way in (the CLI, the UI, the importer, Decode)
// passes what it is given through these functions, so that a crafted file
// or paste cannot put a control byte into a report, nor a size that makes
// every later screen and check crawl:
//
//   - texts (preface, 一's opening and bodies, 五, 六, note texts) go through
//     CleanText: line ends become \n, and every other control character
//     (C0 except \n and \t, DEL, C1) and every invalid UTF-8 byte is removed;
//   - names (机关名称, 落款机关, 一's sub-part titles) go through CheckName:
//     a control character, a line break or a tab is refused, not removed,
//     because a name is printed in titles, file names and the CLI's
//     tab-separated output, where a silent change would surprise;
//   - sizes: CheckText and CheckParts refuse a text above MaxTextChars and more
//     than MaxParts sub-parts of 一;
//   - ids: ValidID accepts only what NewID makes.
//
// Report.Sanitize applies all of them to a whole report (Decode uses it);
// Report.Validate only checks.

// Size caps. A real report's longest part is a few thousand characters and
// its 一 has five to eight sub-parts; the caps are far above that and far
// below what would make editing or checking slow.
const (
	MaxTextChars = 200_000 // characters in one text part (and in all notes together)
	MaxParts     = 50      // sub-parts of 一
	MaxNameChars = 200     // characters in a name: agency, signer, a sub-part title
	MaxNotes     = 1000    // notes kept with a report
	MaxUnits     = 10_000  // unit reports an area sum is made from
)

// FieldError says in Chinese what is wrong with one field of a report.
type FieldError struct {
	Field  string // the JSON name of the field: "agency", "s1.parts.2.title", "notes.3.cells"
	Reason string // complete Chinese sentence naming the field
}

func (e *FieldError) Error() string { return e.Reason }

// isLineBreak: the characters that break a line, control or not.
func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == '\v' || r == '\f'
}

// CleanText gives text the form a report keeps: \r\n and \r become \n, and
// every control character other than \n and \t and every byte that is not
// UTF-8 is removed. It says how many characters it removed, so that an
// importer can say so in a note. Clean text is returned as it is.
func CleanText(s string) (clean string, removed int) {
	s = lineEnds(s)
	if termsafe.Safe(s) {
		return s, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || termsafe.IsControl(r) {
			removed++
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String(), removed
}

// CheckName refuses a name (机关名称, 落款机关, a sub-part title) that holds a
// control character, a line break or a tab, or is longer than MaxNameChars.
// what is the field's Chinese name, used in the message. Blank names are
// allowed here; whether a name is required is the caller's business.
func CheckName(what, s string) error {
	if len(s) <= MaxNameChars && termsafe.Safe(s) && !strings.ContainsAny(s, "\n\t\u2028\u2029") {
		return nil // the common case, without counting characters
	}
	pos := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		pos++
		switch {
		case r == utf8.RuneError && n == 1:
			return fmt.Errorf("%s中有无法识别的字节（第 %d 个字 %s），请检查文件的编码", what, pos, termsafe.String(s[i:i+1]))
		case isLineBreak(r):
			return fmt.Errorf("%s不能换行（第 %d 个字是换行符 %s），请写在一行内", what, pos, printable(r))
		case r == '\t':
			return fmt.Errorf("%s不能包含制表符（第 %d 个字是 \\t），请删去", what, pos)
		case termsafe.IsControl(r):
			return fmt.Errorf("%s不能包含控制字符（第 %d 个字是 %s），请删去", what, pos, termsafe.Rune(r))
		}
		i += n
	}
	if pos > MaxNameChars {
		return fmt.Errorf("%s太长（%d 个字），最多 %d 个字", what, pos, MaxNameChars)
	}
	return nil
}

func printable(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\u2028', '\u2029':
		return fmt.Sprintf(`\u%04x`, r)
	}
	return termsafe.Rune(r)
}

// CheckText refuses a text part longer than MaxTextChars; what is its
// Chinese name. It does not look for control characters: CleanText removes
// them.
func CheckText(what, s string) error {
	if len(s) <= MaxTextChars { // bytes ≥ characters: no need to count
		return nil
	}
	if n := utf8.RuneCountInString(s); n > MaxTextChars {
		return fmt.Errorf("%s太长（%d 个字），每部分最多 %d 个字；请检查是否粘贴了多余的内容", what, n, MaxTextChars)
	}
	return nil
}

// CheckParts refuses more than MaxParts sub-parts of 一.
func CheckParts(n int) error {
	if n > MaxParts {
		return fmt.Errorf("一、总体情况的小标题太多（%d 个），最多 %d 个", n, MaxParts)
	}
	return nil
}

// ValidID reports whether s is an id as NewID makes them: 32 lowercase
// hexadecimal digits. Ids are printed by the CLI and used as keys; anything
// else in a file is refused rather than trusted.
func ValidID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// shownID is an id as a message may quote it: visible and short.
func shownID(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = firstRunes(s, 40) + "…"
	}
	return termsafe.String(s)
}

// Sanitize gives every text of r the form CleanText gives (saying how many
// characters it removed), then checks the rest as Validate does. Decode,
// the importer, the CLI and the UI all call it (or its parts) on what comes
// in.
func (r *Report) Sanitize() (removed int, err error) {
	clean := func(s *string) {
		c, n := CleanText(*s)
		*s, removed = c, removed+n
	}
	clean(&r.Preface)
	clean(&r.S1.Intro)
	for i := range r.S1.Parts {
		clean(&r.S1.Parts[i].Body)
	}
	clean(&r.S5)
	clean(&r.S6)
	for i := range r.Notes {
		clean(&r.Notes[i].Text)
	}
	return removed, r.Validate()
}

// Validate checks what Sanitize does not change: names, ids, the date, the
// notes' cells, and the size caps; and that the texts are clean. The error
// is a *FieldError naming the field in Chinese.
func (r *Report) Validate() error {
	ferr := func(field string, err error) error {
		return &FieldError{Field: field, Reason: err.Error()}
	}
	if err := checkID("编号 id", r.ID, true); err != nil {
		return ferr("id", err)
	}
	if err := checkID("上年报告编号 previous", r.Previous, true); err != nil {
		return ferr("previous", err)
	}
	if err := CheckName("机关名称", r.Agency); err != nil {
		return ferr("agency", err)
	}
	if err := CheckName("落款机关", r.Signer); err != nil {
		return ferr("signer", err)
	}
	if r.Date != "" && !r.Date.Valid() {
		return ferr("date", fmt.Errorf("成文日期 date「%s」不对：应为 YYYY-MM-DD 形式的真实日期，例如 2025-01-20", termsafe.String(string(r.Date))))
	}
	if len(r.Units) > MaxUnits {
		return ferr("units", fmt.Errorf("汇总的单位报告太多（%d 份），最多 %d 份", len(r.Units), MaxUnits))
	}
	seen := make(map[string]bool, len(r.Units))
	for i, u := range r.Units {
		if err := checkID("汇总的单位报告编号 units", u, false); err != nil {
			return ferr(fmt.Sprintf("units.%d", i), err)
		}
		if seen[u] {
			return ferr(fmt.Sprintf("units.%d", i), fmt.Errorf("汇总的单位报告 %s 列出了两次", u))
		}
		seen[u] = true
	}
	if err := CheckParts(len(r.S1.Parts)); err != nil {
		return ferr("s1.parts", err)
	}
	// Names of fields are built only for a message: Decode validates every
	// report the store reads.
	for i, p := range r.S1.Parts {
		if err := CheckName("一、"+PartNumber(i)+"的小标题", p.Title); err != nil {
			return ferr(fmt.Sprintf("s1.parts.%d.title", i), err)
		}
		if checkClean("", p.Body) != nil {
			return ferr(fmt.Sprintf("s1.parts.%d.body", i), checkClean(partName(r, partID(i)), p.Body))
		}
	}
	for _, t := range [...]struct{ field, s string }{{"preface", r.Preface}, {"s1.intro", r.S1.Intro}, {"s5", r.S5}, {"s6", r.S6}} {
		if checkClean("", t.s) != nil {
			return ferr(t.field, checkClean(partName(r, t.field), t.s))
		}
	}
	if len(r.Notes) > MaxNotes {
		return ferr("notes", fmt.Errorf("说明太多（%d 条），最多 %d 条", len(r.Notes), MaxNotes))
	}
	total := 0
	for i, n := range r.Notes {
		for _, a := range n.Cells {
			if _, ok := cellSpecs[a]; !ok {
				return ferr(fmt.Sprintf("notes.%d.cells", i), fmt.Errorf("第 %d 条说明中有不认识的单元格地址「%s」", i+1, shownID(string(a))))
			}
		}
		if checkClean("", n.Text) != nil {
			return ferr(fmt.Sprintf("notes.%d.text", i), checkClean(fmt.Sprintf("第 %d 条说明", i+1), n.Text))
		}
		total += len(n.Text)
	}
	if total > MaxTextChars {
		var all strings.Builder
		for _, n := range r.Notes {
			all.WriteString(n.Text)
		}
		if err := CheckText("全部说明", all.String()); err != nil {
			return ferr("notes", err)
		}
	}
	return nil
}

// checkClean refuses a text with a control character (CleanText would have
// removed it) or above the size cap.
func checkClean(what, s string) error {
	if err := CheckText(what, s); err != nil {
		return err
	}
	if c, n := CleanText(s); n > 0 || c != s {
		return fmt.Errorf("%s中有控制字符或无法识别的字节，不能保存", what)
	}
	return nil
}

func checkID(what, s string, emptyOK bool) error {
	if s == "" && emptyOK || ValidID(s) {
		return nil
	}
	return fmt.Errorf("%s「%s」不是 nianbao 生成的编号（应为 32 位小写十六进制数字）", what, shownID(s))
}
