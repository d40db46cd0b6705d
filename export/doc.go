// Package export turns a report into the files an agency publishes: an HTML
// document in the official layout (self-contained, printable on A4), an HTML
// fragment with inline styles for a website's editor, GitHub-flavoured
// Markdown, and the JSON interchange form. Every table is drawn from the
// model's description of the tables, so no official label is typed twice.
package export
