package model

// MissingID is the id of the rule that reports what is still empty: an input
// cell, or a required text. While a report is being filled its findings are
// progress, not mistakes, so every screen counts them apart (Tally).
const MissingID = "missing"

// IsMissing reports whether f says that something is still empty.
func (f Finding) IsMissing() bool { return f.ID == MissingID }

// Counts is what a list of findings amounts to, counted the one way every
// front end shows it: errors and warnings, and apart from them the empty
// cells and texts (「错误 2（其中未填写 5）」, 「未填 3 格、1 段文字」).
type Counts struct {
	Errors       int // errors other than missing
	Warnings     int
	MissingCells int // missing findings on an input cell
	MissingTexts int // missing findings on a required text
}

// Tally counts findings (the result of Check or Checker.Run).
func Tally(fs []Finding) Counts {
	var n Counts
	for _, f := range fs {
		switch {
		case f.IsMissing() && len(f.Cells) > 0:
			n.MissingCells++
		case f.IsMissing():
			n.MissingTexts++
		case f.Severity == SevError:
			n.Errors++
		default:
			n.Warnings++
		}
	}
	return n
}

// Missing is the number of empty cells and texts.
func (n Counts) Missing() int { return n.MissingCells + n.MissingTexts }

// AllErrors counts every error, the empty cells and texts included, as the
// rule table's severities do: what `check` reports as errors.
func (n Counts) AllErrors() int { return n.Errors + n.Missing() }

// Draft reports whether a report with these findings is still a draft (an
// export of it is marked as one).
func (n Counts) Draft() bool { return n.AllErrors() > 0 }
