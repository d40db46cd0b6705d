package export

import (
	"strings"
	"testing"

	"nianbao/model"
)

// TestFormatsRegistry: every format of the registry parses by its name and
// aliases, renders, and offers its plain form first; every choice has a
// label; the fragment is HTML's alone.
func TestFormatsRegistry(t *testing.T) {
	r := model.New("某机关", 2023, model.KindOther, model.ScopeSelf)
	for _, fi := range Formats {
		for _, name := range append([]string{string(fi.Format), "." + strings.ToUpper(string(fi.Format))}, fi.Aliases...) {
			if f, err := ParseFormat(name); err != nil || f != fi.Format {
				t.Errorf("ParseFormat(%q) = %q, %v", name, f, err)
			}
		}
		if len(fi.Choices) == 0 || fi.Choices[0].Options != (Options{}) || fi.Choices[0].Format != fi.Format {
			t.Errorf("%s: the first choice is not the plain format: %+v", fi.Format, fi.Choices)
		}
		for _, c := range fi.Choices {
			if c.Label == "" {
				t.Errorf("%s: a choice without label", fi.Format)
			}
			if data, err := Render(r, c.Format, c.Options); err != nil || len(data) == 0 {
				t.Errorf("%s: %v", c.Label, err)
			}
		}
	}
	if got := FragmentFormats(); len(got) != 1 || got[0] != HTML {
		t.Errorf("fragment formats %v", got)
	}
	if _, ok := ChoiceOf(Markdown, Options{Fragment: true}); ok {
		t.Error("a Markdown fragment")
	}
	if _, err := ParseFormat("pdf"); err == nil || !strings.Contains(err.Error(), "html、md、json") {
		t.Errorf("pdf: %v", err)
	}
}
