package importer

import (
	"path/filepath"
	"strings"
)

// extForms are the file extensions the importer reads and the form each
// names, the common ones first (the order the front ends offer them); a
// file without one of them is read by its content (sniff). A PDF or a
// .docx is told by its content even under another name.
var extForms = []struct{ ext, form string }{
	{".txt", "text"}, {".md", "md"}, {".html", "html"}, {".htm", "html"},
	{".docx", "docx"}, {".pdf", "pdf"}, {".json", "json"}, {".xlsx", "xlsx"},
	{".text", "text"}, {".markdown", "md"}, {".xhtml", "html"}, {".shtml", "html"},
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
