package model

// This file is the check engine's public face. The rules themselves live in
// one table (rules.go); each is a small function.

// Input to the rules: this year's report and, optionally, last year's.
type checkInput struct {
	r, prev *Report
}

// Rule is one entry of the rule table.
type Rule struct {
	ID       string
	Severity Severity
	OnText   bool // reads narrative text: run when a text changes, results cached
	Source   string
	run      func(in *checkInput, out []Finding) []Finding
}

// Check runs every rule on r, with last year's report prev (may be nil), and
// returns the findings: errors first, then warnings, then missing.
func Check(r, prev *Report) []Finding {
	var c Checker
	return c.Run(r, prev)
}

// Checker runs the rules and keeps the results of the text rules until a text
// they read changes, so that a cell edit only pays for the cell rules.
type Checker struct {
	textKey   string
	textFinds []Finding
}

// Run checks r against prev (may be nil).
func (c *Checker) Run(r, prev *Report) []Finding {
	in := &checkInput{r: r, prev: prev}
	var out []Finding
	for i := range rules {
		if !rules[i].OnText {
			out = rules[i].run(in, out)
		}
	}
	key := textKey(r, prev)
	if key != c.textKey || c.textFinds == nil {
		var tf []Finding
		for i := range rules {
			if rules[i].OnText {
				tf = rules[i].run(in, tf)
			}
		}
		if tf == nil {
			tf = []Finding{}
		}
		c.textKey, c.textFinds = key, tf
	}
	out = append(out, c.textFinds...)
	sortFindings(out)
	return out
}

// Rules lists the rule table (read-only).
func Rules() []Rule { return rules }
