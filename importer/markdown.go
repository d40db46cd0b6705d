package importer

import (
	"bytes"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// markdown renders Markdown (CommonMark with GFM pipe tables) to HTML with
// goldmark, so that one HTML reader serves both: headings, paragraphs and
// tables come out as the HTML reader expects them, and goldmark undoes the
// backslash escapes and entities of the source exactly as a renderer would.
// Raw HTML in the source (a <br> inside a table cell, from converters) is
// passed through: it is parsed, never shown.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
})

func importMarkdown(s string, opt Options) (*Result, error) {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>")
	if err := markdown().Convert([]byte(s), &b); err != nil {
		return nil, errMarkdown
	}
	b.WriteString("</body></html>")
	r, notes, err := importHTML(b.Bytes(), opt)
	if err != nil {
		return nil, err
	}
	return &Result{Report: r, Notes: notes}, nil
}
