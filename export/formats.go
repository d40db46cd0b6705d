package export

import "strings"

// Choice is one way the front ends offer to export a report: a format with
// its options, under a label for menus.
type Choice struct {
	Format  Format
	Options Options
	Label   string // Chinese, for menus and the revision recorded before an export
	// Suffix goes after the default file name's stem, so that two choices
	// of one format (an HTML document and its fragment) keep two files.
	Suffix string
}

// FormatInfo describes a format for the command line and the menus.
type FormatInfo struct {
	Format  Format
	Aliases []string // other names the command line accepts
	// Choices are the ways to export in this format; the first is the
	// format itself, without options.
	Choices []Choice
}

// Formats lists every export format in menu order. The command line (its
// --format names and help) and the UI's export dialog are built from it: a
// format added here, with its case in Render, appears in both.
var Formats = []FormatInfo{
	{Format: HTML, Aliases: []string{"htm"}, Choices: []Choice{
		{Format: HTML, Label: labelHTML},
		{Format: HTML, Options: Options{Fragment: true}, Label: labelFragment, Suffix: suffixFragment},
	}},
	{Format: Markdown, Aliases: []string{"markdown"}, Choices: []Choice{{Format: Markdown, Label: labelMarkdown}}},
	{Format: JSON, Choices: []Choice{{Format: JSON, Label: labelJSON}}},
}

// Choices lists every choice of every format, in menu order.
func Choices() []Choice {
	var out []Choice
	for _, f := range Formats {
		out = append(out, f.Choices...)
	}
	return out
}

// Names are the formats' command-line names, in menu order.
func Names() []string {
	out := make([]string, len(Formats))
	for i, f := range Formats {
		out[i] = string(f.Format)
	}
	return out
}

// FragmentFormats are the formats that have a fragment choice (HTML).
func FragmentFormats() []Format {
	var out []Format
	for _, f := range Formats {
		for _, c := range f.Choices {
			if c.Options.Fragment {
				out = append(out, f.Format)
				break
			}
		}
	}
	return out
}

// ChoiceOf is the choice of format f with options opt; ok is false when f
// has no such choice (a fragment of Markdown).
func ChoiceOf(f Format, opt Options) (Choice, bool) {
	for _, fi := range Formats {
		if fi.Format != f {
			continue
		}
		for _, c := range fi.Choices {
			if c.Options == opt {
				return c, true
			}
		}
	}
	return Choice{}, false
}

// lookupFormat finds a format by name or alias, in any case, with or without
// a leading dot.
func lookupFormat(s string) (Format, bool) {
	s = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "."))
	for _, f := range Formats {
		if s == string(f.Format) {
			return f.Format, true
		}
		for _, a := range f.Aliases {
			if s == a {
				return f.Format, true
			}
		}
	}
	return "", false
}
