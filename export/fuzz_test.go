package export

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"

	"nianbao/model"
)

// FuzzMarkdownText: a line of officer text, escaped for a paragraph, a
// heading or a table cell, reads back from a GFM renderer as exactly the
// characters typed: nothing became markup, no backslash shows.
func FuzzMarkdownText(f *testing.F) {
	for _, l := range hostile {
		f.Add(l)
	}
	for _, l := range []string{"1~3月", "中_文", "（_x_）", "a\\b", "标题 #", "x  y", "&copy;", "<!-- x", "*a*b", "__init__"} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, func(c rune) bool {
			// Control characters never reach an export (the model cleans
			// text), and a renderer folds runs of white space.
			return unicode.IsControl(c) || unicode.IsSpace(c) && c != ' ' || c == utf8.RuneError
		}) || strings.Contains(s, "  ") {
			return
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		for _, c := range []struct {
			name string
			src  string
			tag  atom.Atom
		}{
			{"paragraph", mdText(s, mdBlock) + "\n", atom.P},
			{"heading", "## " + mdText(s, mdHeading) + "\n", atom.H2},
			{"cell", "| a |\n| --- |\n| " + mdText(s, mdCell) + " |\n", atom.Td},
		} {
			doc := mdToHTML(t, []byte(c.src))
			got := findAll(doc, c.tag)
			if len(got) != 1 {
				t.Fatalf("%s %q: %d <%s> from %q", c.name, s, len(got), c.tag, c.src)
			}
			if text := textOf(got[0]); text != s {
				t.Fatalf("%s %q reads back as %q (Markdown %q)", c.name, s, text, c.src)
			}
			for _, a := range []atom.Atom{atom.Em, atom.Strong, atom.Code, atom.Del, atom.A, atom.Img} {
				if n := findAll(got[0], a); len(n) > 0 {
					t.Fatalf("%s %q became <%s> (Markdown %q)", c.name, s, a, c.src)
				}
			}
		}
	})
}

// FuzzDOCXText: whatever an officer's text holds, the document stays
// well-formed XML (Word refuses to open anything else) and each line reads
// back as typed, less the characters XML cannot hold.
func FuzzDOCXText(f *testing.F) {
	for _, l := range hostile {
		f.Add(l)
	}
	f.Add("a\x00b\x1bc\uFFFEd\xffe\tf")
	r := completeReport(f)
	f.Fuzz(func(t *testing.T, s string) {
		r.S5 = s
		doc, _ := docxDocumentXML(t, r)
		ps := docxParagraphs(doc)
		i := slices.Index(ps, "Heading1|"+model.SectionHeadings[4])
		if i < 0 {
			t.Fatal("no 五")
		}
		for k, l := range lines(s) {
			want := "|" + strings.Map(func(c rune) rune {
				if c == '\t' || c >= 0x20 && c < 0x7f || c >= 0xa0 && c != 0xfffe && c != 0xffff && c != utf8.RuneError {
					return c
				}
				return -1
			}, l)
			if got := ps[i+1+k]; got != want && want != "|" {
				t.Fatalf("line %d %q reads back as %q", k, want, got)
			}
		}
	})
}
