package export

import (
	"strings"
	"testing"

	"nianbao/model"
)

// TestChoices: every format of the registry is a choice, its plain form
// first and with a label, and renders; the fragment is HTML's alone and
// gets a file name of its own.
func TestChoices(t *testing.T) {
	r := model.New("某机关", 2023, model.KindOther, model.ScopeSelf)
	cs := Choices()
	for _, fi := range Formats {
		c, ok := ChoiceOf(fi.Format, Options{})
		if !ok || !strings.HasPrefix(c.Label, fi.Label) || c.Suffix != "" {
			t.Errorf("%s: plain choice %+v %v", fi.Format, c, ok)
		}
	}
	for _, c := range cs {
		if data, err := Render(r, c.Format, c.Options); err != nil || len(data) == 0 {
			t.Errorf("%s: %v", c.Label, err)
		}
	}
	if got := FragmentFormats(); len(got) != 1 || got[0] != HTML {
		t.Errorf("fragment formats %v", got)
	}
	if c, ok := ChoiceOf(HTML, Options{Fragment: true}); !ok || c.Suffix == "" {
		t.Errorf("fragment choice %+v %v", c, ok)
	}
	if _, ok := ChoiceOf(Markdown, Options{Fragment: true}); ok {
		t.Error("a Markdown fragment")
	}
	if len(cs) != len(Formats)+1 {
		t.Errorf("%d choices for %d formats", len(cs), len(Formats))
	}
}
