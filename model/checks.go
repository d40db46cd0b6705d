package model

import (
	"slices"
	"sync"
)

// This file is the check engine's public face. The rules themselves live in
// one table (rules.go); each is a small function.

// checkInput is what a rule reads: this year's report, last year's (may be
// nil), the precomputed cell references and the parsed narrative.
type checkInput struct {
	r, prev *Report
	refs    *cellRefs
	text    *textState
}

// Rule is one entry of the rule table.
type Rule struct {
	ID       string
	Severity Severity
	// OnText marks a rule that reads narrative text. Its costly part
	// (parsing, comparing texts) is done only when a text changes; a rule
	// that also reads cells compares the parsed text with them on every run.
	OnText bool
	Source string
	// textOnly: the rule reads no cell, so its findings are kept until a
	// text (or the kind, the year, last year's texts) changes.
	textOnly bool
	// run appends what is wrong: cells, part, message (without its source)
	// and arithmetic. The engine stamps the rest from this entry (see stamp),
	// so that the table alone decides a rule's id, severity and source.
	run func(in *checkInput, out []Finding) []Finding
}

// runRule runs rule i and stamps the findings it adds.
func runRule(i int, in *checkInput, out []Finding) []Finding {
	n := len(out)
	out = rules[i].run(in, out)
	for j := n; j < len(out); j++ {
		f := &out[j]
		f.ID, f.Severity, f.Source = rules[i].ID, rules[i].Severity, rules[i].Source
		f.Message += "（" + rules[i].Source + "）"
	}
	return out
}

// Check runs every rule on r, with last year's report prev (may be nil), and
// returns the findings: errors first, then warnings, then missing.
func Check(r, prev *Report) []Finding {
	c := checkers.Get().(*Checker)
	out := c.Run(r, prev)
	c.recycle()
	checkers.Put(c)
	return out
}

// checkers keeps the Checkers of Check between calls for their buffers
// (last year's shingle table and paragraphs, the parsed statements):
// checking a thousand files made them a thousand times, and the garbage
// collector's work grew with them.
var checkers = sync.Pool{New: func() any { return new(Checker) }}

// recycle forgets the reports c was run on (nothing of them stays
// reachable) but keeps its buffers for the next Run, which then learns
// everything anew: only Check, whose Checker nobody else holds, calls it.
func (c *Checker) recycle() {
	if c.prev != nil {
		c.prev.reset()
		c.sparePrev = c.prev
	}
	if c.text != nil {
		c.text.reset()
		c.spareText = c.text
	}
	c.prev, c.text, c.in = nil, nil, checkInput{}
}

// Checker runs the rules and keeps what it learnt from the texts (the parsed
// statements of the narrative, the findings of the rules that read only
// text) until a text changes, so that a cell edit only pays for comparing
// cells. The zero value is ready to use; a Checker is not safe for
// concurrent use.
type Checker struct {
	text *textState
	prev *prevState
	in   checkInput // reused so that a run allocates nothing when all is well
	// sparePrev and spareText are emptied states whose buffers the next
	// Run fills (see recycle); nil but in the Checkers of Check.
	sparePrev *prevState
	spareText *textState
}

// Run checks r against prev (may be nil). The returned slice is the caller's.
func (c *Checker) Run(r, prev *Report) []Finding {
	if prev == nil {
		c.prev = nil
	} else if c.prev == nil || !c.prev.matches(prev) {
		c.prev = newPrevState(prev, c.sparePrev)
		c.sparePrev = nil
	}
	if c.text == nil || !c.text.matches(r, c.prev) {
		c.text = newTextState(r, c.prev, c.spareText)
		c.spareText = nil
	}
	c.in = checkInput{r: r, prev: prev, refs: refs(), text: c.text}
	if !c.text.done {
		for i := range rules {
			if rules[i].textOnly {
				c.text.finds[i] = runRule(i, &c.in, nil)
			}
		}
		c.text.done = true
	}
	var out []Finding
	for i := range rules {
		if rules[i].textOnly {
			out = append(out, c.text.finds[i]...)
			continue
		}
		out = runRule(i, &c.in, out)
	}
	sortFindings(out)
	return out
}

// Rules lists the rule table (read-only).
func Rules() []Rule { return rules }

// sortFindings orders findings: errors, then warnings, then missing; the
// rule table's order is kept within each.
func sortFindings(f []Finding) {
	slices.SortStableFunc(f, func(a, b Finding) int { return findingRank(a) - findingRank(b) })
}

func findingRank(x Finding) int {
	switch {
	case x.IsMissing():
		return 2
	case x.Severity == SevError:
		return 0
	}
	return 1
}
