package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nianbao/model"
)

// cmsEditors are the editors government CMSs are built on, with what each
// keeps of the fragment when it is pasted in (the README says the same; a
// change of behaviour fails the test so that both are updated):
//   - border: the table's border/cellspacing/cellpadding attributes, so the
//     grid is drawn without the site's stylesheet;
//   - align: the numbers' right alignment;
//   - thead: the header rows as a thead (repeated on a printed page);
//   - styles: the inline styles (fonts, sizes, the red draft note, the
//     right-aligned 落款).
var cmsEditors = []struct {
	name                         string
	border, align, thead, styles bool
}{
	{"ckeditor4", true, false, true, false},
	{"tinymce", true, true, true, false},
	{"wangeditor", false, true, false, false},
	{"kindeditor", true, true, false, true},
}

// TestCMSEditors pastes the fragment into CKEditor 4, TinyMCE, wangEditor
// and KindEditor in headless Chromium (export/cmstest: the fragment on the
// clipboard as text/html, then Ctrl+V), reads back what each would save,
// and checks that every figure is still under its headers and beside its
// labels, every section and paragraph still a block of its own, and the
// rest as cmsEditors says. The harness needs node, Chromium and the
// editors installed by `npm ci` in export/cmstest (.ci/run does it).
// NIANBAO_SCREENSHOTS=dir keeps the screenshots of the saved HTML.
func TestCMSEditors(t *testing.T) {
	needTools(t, "node", "chromium")
	for _, pkg := range []string{"playwright-core", "ckeditor4", "tinymce", "kindeditor", "@wangeditor/editor"} {
		if _, err := os.Stat(filepath.Join("cmstest", "node_modules", pkg, "package.json")); err != nil {
			if os.Getenv("NIANBAO_E2E") == "1" {
				t.Fatalf("NIANBAO_E2E=1 but %s is not installed (cd export/cmstest && npm ci)", pkg)
			}
			t.Skipf("%s is not installed: skipping (cd export/cmstest && npm ci; NIANBAO_E2E=1 makes this a failure)", pkg)
		}
	}
	r := uniqueReport(t)
	// An empty cell: its total must stay blank, not become 0.
	if err := r.Clear("s4.suit_after.other"); err != nil {
		t.Fatal(err)
	}
	frag, err := Render(r, HTML, Options{Fragment: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "fragment.html")
	if err := os.WriteFile(in, frag, 0o644); err != nil {
		t.Fatal(err)
	}
	out := os.Getenv("NIANBAO_SCREENSHOTS")
	if out == "" {
		out = dir
	}
	cmd := exec.CommandContext(t.Context(), "node", filepath.Join("cmstest", "paste.mjs"), in, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the editor harness failed: %v\n%s", err, b)
	}
	for _, ed := range cmsEditors {
		t.Run(ed.name, func(t *testing.T) {
			saved, err := os.ReadFile(filepath.Join(out, ed.name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			doc := parseHTML(t, saved)
			trimCells(doc)
			tabs := findAll(doc, atom.Table)
			if len(tabs) != 3 {
				t.Fatalf("%d tables saved, want 3", len(tabs))
			}
			var hts []htmlTable
			for _, n := range tabs {
				hts = append(hts, expand(t, n))
			}
			checkS2Grid(t, r, hts[0], ed.align)
			checkS3Grid(t, r, hts[1], ed.thead)
			checkS4Grid(t, r, hts[2], ed.thead)
			if got := len(findAll(doc, atom.Thead)) > 0; got != ed.thead {
				t.Errorf("keeps thead: %v, want %v", got, ed.thead)
			}
			bordered := 0
			for _, tab := range tabs {
				if attr(tab, "border") == "1" && attr(tab, "cellspacing") == "0" && attr(tab, "cellpadding") == "4" {
					bordered++
				}
			}
			if got := bordered == 3; got != ed.border || (!ed.border && bordered != 0) {
				t.Errorf("%d of 3 tables keep border/cellspacing/cellpadding, want all: %v", bordered, ed.border)
			}
			// Alignment kept or dropped for every number alike.
			aligned, numbers := 0, 0
			for _, ht := range hts {
				for _, row := range ht.grid {
					for _, c := range row {
						if c.node.DataAtom == atom.Td && c.text != "" && strings.Trim(c.text, "0123456789.") == "" {
							numbers++
							if rightAligned(c.node) {
								aligned++
							}
						}
					}
				}
			}
			if want := map[bool]int{true: numbers, false: 0}[ed.align]; aligned != want {
				t.Errorf("%d of %d numbers right-aligned, want %d", aligned, numbers, want)
			}
			if got := bytes.Contains(saved, []byte("font-family:")); got != ed.styles {
				t.Errorf("keeps the fonts in styles: %v, want %v", got, ed.styles)
			}
			// The text: no title (the site's page has it), the six
			// sections as headings, each paragraph a block of its own —
			// the 落款 and the fee sentence included.
			if n := len(findAll(doc, atom.H1)); n != 0 {
				t.Errorf("%d titles saved, want none", n)
			}
			var h2 []string
			for _, h := range findAll(doc, atom.H2) {
				h2 = append(h2, strings.TrimSpace(textOf(h)))
			}
			if !slices.Equal(h2, model.SectionHeadings[:]) {
				t.Errorf("sections %q", h2)
			}
			var ps []string
			for _, p := range findAll(doc, atom.P) {
				ps = append(ps, strings.TrimSpace(textOf(p)))
			}
			signer, _ := signature(r)
			for _, want := range append(lines(r.S5), FeeSentence(r), signer, lines(r.Preface)[0]) {
				if !slices.Contains(ps, want) {
					t.Errorf("paragraph %q not saved as a paragraph of its own", want)
				}
			}
			if !bytes.Contains(saved, []byte(draftTitle)) {
				t.Error("the draft note is lost")
			}
		})
	}
}

// trimCells trims the white space editors put around a cell's text when
// they indent their HTML.
func trimCells(doc *html.Node) {
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && n.Parent != nil && (n.Parent.DataAtom == atom.Td || n.Parent.DataAtom == atom.Th) {
			n.Data = strings.TrimSpace(n.Data)
		}
	}
}
