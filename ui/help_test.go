package ui

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// Every binding of both key maps is on the help screen: a key missing there
// is a key nobody finds.
func TestHelpListsEveryBinding(t *testing.T) {
	d := newHelpDialog(keys).(*helpDialog)
	var listed []key.Binding
	for _, g := range d.groups {
		listed = append(listed, g.bindings...)
	}
	for _, km := range []any{keys, dlgKeys, lineKeys} {
		v := reflect.ValueOf(km)
		for i := range v.NumField() {
			b, ok := v.Field(i).Interface().(key.Binding)
			if !ok {
				continue
			}
			found := false
			for _, l := range listed {
				if reflect.DeepEqual(l.Keys(), b.Keys()) && l.Help() == b.Help() {
					found = true
				}
			}
			if !found {
				t.Errorf("%s (%s %s) is not on the help screen", v.Type().Field(i).Name, b.Help().Key, b.Help().Desc)
			}
		}
	}
}

func TestHelpScrollsOnASmallScreen(t *testing.T) {
	d := newHelpDialog(keys)
	small := ansi.Strip(d.view(60, 22)) // one column
	if !strings.Contains(small, "通用") || !strings.Contains(small, "滚动") {
		t.Fatalf("small help:\n%s", small)
	}
	for range 100 {
		d.update(keyMsg("down"))
	}
	end := ansi.Strip(d.view(60, 22))
	if !strings.Contains(end, lineKeys.KillAfter.Help().Desc) || strings.Contains(end, "通用") {
		t.Fatalf("scrolled to the end:\n%s", end)
	}
	wide := ansi.Strip(newHelpDialog(keys).view(120, 38))
	for _, g := range []string{"通用", "开始页面", "对话框", "Ctrl+Q", "F7"} {
		if !strings.Contains(wide, g) {
			t.Errorf("wide help lacks %q:\n%s", g, wide)
		}
	}
}
