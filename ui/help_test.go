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
	sh := testShared(nil, fixedNow)
	d := newHelpDialog(sh).(*helpDialog)
	var listed []key.Binding
	for _, g := range d.groups {
		listed = append(listed, g.bindings...)
	}
	for _, km := range []any{sh.keys, sh.dlgKeys, sh.lineKeys, sh.sumKeys} {
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

// TestStepKeysAreListed: the keys a step names in its hint (stepKeyMap) are
// keys of the key maps, each listed on the help screen: a hint names no key
// of its own.
func TestStepKeysAreListed(t *testing.T) {
	sh := testShared(nil, fixedNow)
	listed := map[string]bool{}
	for _, g := range sh.helpGroups() {
		for _, b := range g.bindings {
			for _, k := range b.Keys() {
				listed[k] = true
			}
		}
	}
	v := reflect.ValueOf(sh.steps)
	for i := range v.NumField() {
		b := v.Field(i).Interface().(key.Binding)
		if b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("%s has no help", v.Type().Field(i).Name)
		}
		for _, k := range b.Keys() {
			if !listed[k] {
				t.Errorf("%s names %q, a key the help screen does not list", v.Type().Field(i).Name, k)
			}
		}
	}
}

func TestHelpScrollsOnASmallScreen(t *testing.T) {
	d := newHelpDialog(testShared(nil, fixedNow))
	small := ansi.Strip(d.view(60, 22)) // one column
	if !strings.Contains(small, "通用") || !strings.Contains(small, "滚动") {
		t.Fatalf("small help:\n%s", small)
	}
	for range 100 {
		d.update(keyMsg("down"))
	}
	end := ansi.Strip(d.view(60, 22))
	if !strings.Contains(end, testLineKeys.KillAfter.Help().Desc) || strings.Contains(end, "通用") {
		t.Fatalf("scrolled to the end:\n%s", end)
	}
	// At 120×40 three columns hold all but the last few lines, which End
	// brings into view.
	wd := newHelpDialog(testShared(nil, fixedNow))
	wide := ansi.Strip(wd.view(120, 38))
	for _, g := range []string{"通用", "开始页面", "对话框", "Ctrl+Q", "Ctrl+C", "Ctrl+V"} {
		if !strings.Contains(wide, g) {
			t.Errorf("wide help lacks %q:\n%s", g, wide)
		}
	}
	wd.update(keyMsg("end"))
	if wide := ansi.Strip(wd.view(120, 38)); !strings.Contains(wide, "F7") || !strings.Contains(wide, testLineKeys.KillAfter.Help().Desc) {
		t.Errorf("wide help at its end lacks F7 or the last line:\n%s", wide)
	}
}

// TestHelpShowsTheBuild: the help screen ends with the build the program
// was given (what nianbao --version says), and still fits the window.
func TestHelpShowsTheBuild(t *testing.T) {
	const build = "nianbao 1.2.0 (0123456789ab, 2026-07-01, go1.26.8)"
	sh := newShared(testConfig(Config{Now: fixedNow, Version: build}), nil)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		v := ansi.Strip(newHelpDialog(sh).view(size[0], size[1]))
		if !strings.Contains(v, "版本："+build) {
			t.Errorf("%dx%d: no version line:\n%s", size[0], size[1], v)
		}
		if n := strings.Count(strings.TrimRight(v, "\n"), "\n") + 1; n > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], n)
		}
	}
	if v := ansi.Strip(newHelpDialog(testShared(nil, fixedNow)).view(120, 40)); strings.Contains(v, "版本：") {
		t.Errorf("a version line without a version:\n%s", v)
	}
}

// TestHelpExplainsTheMarks: 「~」 marks both a cut text and an incomplete
// total; the help screen says so on its first lines, before any key.
func TestHelpExplainsTheMarks(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		v := ansi.Strip(newHelpDialog(testShared(nil, fixedNow)).view(size[0], size[1]))
		for _, want := range []string{"12~ 合计还不完整", "文字末尾的 ~：显示不下"} {
			if !strings.Contains(v, want) {
				t.Errorf("%dx%d: the help does not show %q:\n%s", size[0], size[1], want, v)
			}
		}
	}
}
