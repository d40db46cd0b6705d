package export

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
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
