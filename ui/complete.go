package ui

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"nianbao/office"
)

// completion is the result of completing a typed path with Tab, the way a
// shell does: the common part of every match is filled in, and the matches
// are listed when there are several.
type completion struct {
	input   string   // the text that was completed (stale results are dropped)
	value   string   // the text after completion
	matches []string // names that match, folders ending in the separator
	more    int      // matches not listed
	err     string   // why nothing could be completed
}

// maxMatches is how many matches a dialog lists.
const maxMatches = 8

// importable reports whether a file name has an extension the importer
// reads (its own list: a form it learns is offered here without change).
func importable(name string) bool {
	return slices.Contains(office.ImportableExtensions(), strings.ToLower(filepath.Ext(name)))
}

// expandHome turns a leading ~ into the home folder.
func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, p[1:])
		}
	}
	return p
}

// cleanPath is a typed or pasted path as the file system wants it: without
// surrounding blanks or the quotes Windows' "copy as path" adds.
func cleanPath(p string) string {
	// The opening quote alone is there while the path is being typed.
	p = strings.TrimSpace(p)
	p = strings.TrimPrefix(strings.TrimPrefix(p, `"`), "'")
	p = strings.TrimSuffix(strings.TrimSuffix(p, `"`), "'")
	return expandHome(p)
}

// completePath completes input against the folder it names. It reads the
// disk, so dialogs call it from a command. Only folders and importable
// files are offered, unless no importable file matches; names are matched
// without regard to case (Windows file names ignore it, and users do).
func completePath(input string) completion {
	c := completion{input: input, value: input}
	p := cleanPath(input)
	dir, base := filepath.Split(p)
	if strings.HasSuffix(p, "/") || strings.HasSuffix(p, string(filepath.Separator)) {
		dir, base = p, ""
	}
	read := dir
	if read == "" {
		read = "."
	}
	entries, err := os.ReadDir(read)
	if err != nil {
		c.err = txtNoSuchDir + read
		return c
	}
	type match struct {
		name string
		dir  bool
	}
	var files, others []match
	lb := strings.ToLower(base)
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(strings.ToLower(n), lb) {
			continue
		}
		if strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") {
			continue // hidden, unless asked for
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(read, n)); err == nil {
				isDir = fi.IsDir()
			}
		}
		switch {
		case isDir || importable(n):
			files = append(files, match{n, isDir})
		default:
			others = append(others, match{n, false})
		}
	}
	if len(files) == 0 {
		files = others
	}
	if len(files) == 0 {
		c.err = txtNoMatch
		return c
	}
	// Folders first, then files, each by name.
	sort.Slice(files, func(i, j int) bool {
		if files[i].dir != files[j].dir {
			return files[i].dir
		}
		return files[i].name < files[j].name
	})
	sep := string(filepath.Separator)
	if len(files) == 1 {
		c.value = dir + files[0].name
		if files[0].dir {
			c.value += sep
		}
		return c
	}
	common := files[0].name
	for _, f := range files[1:] {
		common = commonPrefixFold(common, f.name)
	}
	if utf8.RuneCountInString(common) > utf8.RuneCountInString(base) {
		c.value = dir + common
	} else if dir != "" || base != "" {
		c.value = dir + base
	}
	for i, f := range files {
		if i == maxMatches {
			c.more = len(files) - maxMatches
			break
		}
		n := f.name
		if f.dir {
			n += sep
		}
		c.matches = append(c.matches, n)
	}
	return c
}

// commonPrefixFold is the longest common prefix of a and b ignoring case,
// spelled as in a.
func commonPrefixFold(a, b string) string {
	ar, br := []rune(a), []rune(b)
	n := 0
	for n < len(ar) && n < len(br) && strings.EqualFold(string(ar[n]), string(br[n])) {
		n++
	}
	return string(ar[:n])
}
