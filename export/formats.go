package export

// Choice is one way the front ends offer to export a report: a format of
// Formats with its options, under a label for menus. A format that takes a
// fragment (HTML) is two choices: the document and the fragment.
type Choice struct {
	Format  Format
	Options Options
	Label   string // Chinese, for menus and the revision recorded before an export
	// Suffix goes after the default file name's stem, so that two choices
	// of one format (an HTML document and its fragment) keep two files.
	Suffix string
}

// Choices lists the choices of every format, in the order of Formats: the
// command line's --format and the UI's export dialog are built from it, so
// a format added to Formats appears in both.
func Choices() []Choice {
	var out []Choice
	for _, fi := range Formats {
		out = append(out, Choice{Format: fi.Format, Label: fi.Label + labelDetail(fi.Format)})
		if fi.Fragment {
			out = append(out, Choice{Format: fi.Format, Options: Options{Fragment: true}, Label: labelFragment, Suffix: suffixFragment})
		}
	}
	return out
}

// labelDetail says in a menu what a format is for, where its name alone
// does not.
func labelDetail(f Format) string {
	switch f {
	case HTML:
		return detailHTML
	case JSON:
		return detailJSON
	case XLSX:
		return detailXLSX
	}
	return ""
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
		if f.Fragment {
			out = append(out, f.Format)
		}
	}
	return out
}

// ChoiceOf is the choice of format f with options opt (only Fragment
// matters); ok is false when f has no such choice (a fragment of Markdown).
func ChoiceOf(f Format, opt Options) (Choice, bool) {
	for _, c := range Choices() {
		if c.Format == f && c.Options.Fragment == opt.Fragment {
			return c, true
		}
	}
	return Choice{}, false
}
