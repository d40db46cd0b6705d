package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestCompletePath(t *testing.T) {
	dir := t.TempDir()
	sep := string(filepath.Separator)
	for _, f := range []string{"密云2023.html", "密云2023.txt", "密云2024.json", "顺义.txt", "说明.xls", ".隐藏.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"报告", "Reports"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "报告", "a.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	in := func(s string) string { return filepath.Join(dir, s) }
	for _, tc := range []struct {
		name, input, value string
		matches            []string
		err                bool
	}{
		{"unique file", in("顺"), in("顺义.txt"), nil, false},
		{"common part, then the list", in("密"), in("密云202"), []string{"密云2023.html", "密云2023.txt", "密云2024.json"}, false},
		{"folder gets a separator", in("报"), in("报告") + sep, nil, false},
		{"case does not matter", in("rep"), in("Reports") + sep, nil, false},
		{"inside a folder", in("报告") + sep, in("报告") + sep + "a.txt", nil, false},
		{"only importable files, folders first", dir + sep, dir + sep,
			[]string{"Reports" + sep, "报告" + sep, "密云2023.html", "密云2023.txt", "密云2024.json", "顺义.txt"}, false},
		{"other files when nothing importable matches", in("说"), in("说明.xls"), nil, false},
		{"hidden files when asked", in(".隐"), in(".隐藏.txt"), nil, false},
		{"no match", in("朝阳"), in("朝阳"), nil, true},
		{"no such folder", in("无此目录") + sep + "x", in("无此目录") + sep + "x", nil, true},
		{"quotes of Windows' copy as path", `"` + in("顺"), in("顺义.txt"), nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := completePath(tc.input)
			if c.value != tc.value || !reflect.DeepEqual(c.matches, tc.matches) || (c.err != "") != tc.err {
				t.Fatalf("completePath(%q) = %q %q err %q; want %q %q err %v", tc.input, c.value, c.matches, c.err, tc.value, tc.matches, tc.err)
			}
		})
	}
}

func TestCompleteListsAtMostMaxMatches(t *testing.T) {
	dir := t.TempDir()
	for i := range maxMatches + 3 {
		if err := os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".txt"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := completePath(dir + string(filepath.Separator))
	if len(c.matches) != maxMatches || c.more != 3 {
		t.Fatalf("%d matches listed, %d more; want %d and 3", len(c.matches), c.more, maxMatches)
	}
}
