package model

import (
	"strings"
	"unicode/utf8"
)

// SplitSection1 splits the text of 一、总体情况 (its lines, or the paragraphs
// of a published page) into its untitled opening and its sub-parts. Every
// way a text reaches 一 (the command line's `text s1`, an import) goes
// through here, so that they cannot split the same text differently.
//
// A sub-part starts at a line that begins with the next number in sequence,
// （一）, （二）, … (full-width or ASCII brackets, spaces allowed inside);
// numbers out of sequence stay in the body, so a list inside a body does not
// start a new part. The numbers are never kept: they follow from the
// position. A heading line that runs on into its body after 。 or ： is
// split there (「深化主动公开。全年…」); a line too long to be a title is
// body text of an untitled part.
func SplitSection1(lines []string) Section1 {
	var s Section1
	var intro, body []string
	flush := func() {
		if len(s.Parts) > 0 {
			s.Parts[len(s.Parts)-1].Body = strings.Trim(strings.Join(body, "\n"), "\n")
		}
		body = nil
	}
	for _, line := range lines {
		if rest, ok := cutPartNumber(strings.TrimLeft(line, " \t\u3000"), len(s.Parts)+1); ok {
			flush()
			title, first := splitPartTitle(strings.TrimSpace(rest))
			s.Parts = append(s.Parts, Part{Title: title})
			if first != "" {
				body = append(body, first)
			}
			continue
		}
		if len(s.Parts) == 0 {
			intro = append(intro, line)
		} else {
			body = append(body, line)
		}
	}
	flush()
	s.Intro = strings.Trim(strings.Join(intro, "\n"), "\n")
	return s
}

// cutPartNumber strips the number n, written （一） or (一), spaces allowed
// inside the brackets, from the start of s.
func cutPartNumber(s string, n int) (string, bool) {
	var rest string
	switch {
	case strings.HasPrefix(s, "（"):
		rest = s[len("（"):]
	case strings.HasPrefix(s, "("):
		rest = s[1:]
	default:
		return "", false
	}
	rest, ok := strings.CutPrefix(strings.TrimLeft(rest, " \u3000"), ChineseNumber(n))
	if !ok {
		return "", false
	}
	rest = strings.TrimLeft(rest, " \u3000")
	for _, close := range []string{"）", ")"} {
		if after, ok := strings.CutPrefix(rest, close); ok {
			return after, true
		}
	}
	return "", false
}

// maxPartTitle is the longest sub-part title, in characters: a longer lead
// is a sentence, not a title.
const maxPartTitle = 30

// splitPartTitle separates a sub-part's title from body text on the same
// line: 「主动公开情况。2023年，我委……」 → 「主动公开情况」 and 「2023年，我委……」.
func splitPartTitle(s string) (title, body string) {
	if i := strings.IndexAny(s, "。：:"); i > 0 {
		head := s[:i]
		_, size := utf8.DecodeRuneInString(s[i:])
		if utf8.RuneCountInString(head) <= maxPartTitle {
			return head, strings.TrimSpace(s[i+size:])
		}
	}
	if utf8.RuneCountInString(s) <= maxPartTitle {
		return strings.TrimRight(s, "。：:"), ""
	}
	return "", s
}
