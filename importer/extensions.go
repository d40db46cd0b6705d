package importer

import (
	"path/filepath"
	"strings"
)

// extForms are the file extensions the importer reads and the form each
// names; a file without one of them is read by its content (sniff).
var extForms = []struct{ ext, form string }{
	{".txt", "text"}, {".text", "text"},
	{".html", "html"}, {".htm", "html"}, {".xhtml", "html"}, {".shtml", "html"},
	{".json", "json"},
}

// Extensions are the extensions (with the dot, lower case) of the files
// Import reads, for the front ends' file choosers: a new form added to
// extForms is offered by them without change.
func Extensions() []string {
	out := make([]string, len(extForms))
	for i, e := range extForms {
		out[i] = e.ext
	}
	return out
}

// formOfName is the form a file name's extension names, or "".
func formOfName(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range extForms {
		if e.ext == ext {
			return e.form
		}
	}
	return ""
}
