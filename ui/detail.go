package ui

import "nianbao/model"

// The lines under a grid: the focused cell's full label path and unit,
// last year's value beside this year's, its row's guide (on tall screens)
// and every finding that touches it, each wrapped whole, so that nothing
// the grid had to cut is hidden behind a "~".

type detailKey struct {
	addr model.CellAddr
	gen  int
	w, h int
	sgen int
}

// detail is the detail of g's cell for a pane w wide and h high (cached:
// it changes only with the cell, the report and its findings).
func (e *editor) detail(g *gridState, w, h int) []string {
	k := detailKey{g.addr(), e.gen, w, h, e.styleGen}
	if k == e.detailK && e.detailLines != nil {
		return e.detailLines
	}
	e.detailK, e.detailLines = k, e.drawDetail(g, w, h)
	return e.detailLines
}

// unitName is how the label line names a cell's unit.
func unitName(u model.Unit) string {
	switch u {
	case model.Wan:
		return strUnitWan
	case model.Yuan:
		return strUnitYuan
	}
	return strUnitCount
}

func (e *editor) drawDetail(g *gridState, w, h int) []string {
	c := g.spec()
	label := strf(strCellLabel, c.Table.Number, onScreen(c.Label()))
	if c.Table == model.S6 {
		label = strf(strFeeLabel, onScreen(c.Label())) // three figures, not a table
	}
	// The unit stays whole: after the label's last line, or on its own.
	ls := wrapWidth(label, w)
	if unit := unitName(c.Unit); dw(ls[len(ls)-1])+2+dw(unit) <= w {
		ls[len(ls)-1] += "  " + unit
	} else {
		ls = append(ls, unit)
	}
	var out []string
	for _, l := range ls {
		out = append(out, e.st.w.Bold.render(l))
	}
	if e.prev != nil {
		cmp := e.compareText(c) + "  " + e.hints(e.keys.Compare)
		for _, l := range wrapWidth(cmp, w) {
			out = append(out, e.st.w.Dim.render(l))
		}
	}
	short := h < 24
	if !short {
		guide := strf(strGuide, onScreen(c.RowSpec().Guide))
		if c.Computed {
			guide = strComputed
			if _, stt := e.r.ValueOf(c); stt == model.Incomplete {
				guide += strSep + strIncomplete
			}
		}
		out = append(out, e.st.w.Dim.render(cut(guide, w)))
	}
	// Findings on the cell, and those the cell just changed is part of
	// (a balance broken by a result row): each whole, however long, as
	// far as half the pane; the findings pane has the rest.
	type styled struct {
		text string
		st   ansiWrap
	}
	var fl []styled
	for _, f := range e.cellFindings(c.Addr) {
		sym, st := strSymWarning, e.st.w.Warning
		if f.Severity == model.SevError {
			sym, st = strSymError, e.st.w.Error
		}
		for _, l := range wrapWidth(sym+" "+onScreen(f.Message), w) {
			fl = append(fl, styled{l, st})
		}
	}
	if room := max(1, max(3, h/2)-len(out)); len(fl) > room {
		fl = fl[:room]
		fl[room-1].text = cut(fl[room-1].text, w-1) + strSymIncomp
	}
	for _, l := range fl {
		out = append(out, l.st.render(l.text))
	}
	if len(fl) == 0 {
		out = append(out, "")
	}
	return out
}

// cellFindings are the findings (missing apart) on cell a, and those whose
// totals a, just changed, feeds.
func (e *editor) cellFindings(a model.CellAddr) []model.Finding {
	var out []model.Finding
	for i, f := range e.finds {
		if f.IsMissing() {
			continue
		}
		if e.related[a] != nil && e.related[a][i] {
			out = append(out, f)
			continue
		}
		for _, x := range f.Cells {
			if x == a {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// compareText puts last year's value of c beside this year's:
// 上年 12，本年 15，增加 3（+25%）.
func (e *editor) compareText(c *model.CellSpec) string {
	now, nst := e.r.ValueOf(c)
	before, bst := e.prev.ValueOf(c)
	switch {
	case bst != model.Filled && nst != model.Filled:
		return strCmpNeither
	case bst != model.Filled:
		return strf(strCmpNoPrev, now.String())
	case nst != model.Filled:
		return strf(strCmpNoNow, before.String())
	}
	return strf(strCmpBoth, before.String(), now.String(), change(before, now))
}

// change says how now differs from before: 增加 3（+25%）, 减少 2（-10%）,
// 持平; no percentage from 0.
func change(before, now model.Dec) string {
	d := now - before
	switch {
	case d == 0:
		return strCmpSame
	case before == 0:
		if d > 0 {
			return strf(strCmpUp, d.String())
		}
		return strf(strCmpDown, (-d).String())
	}
	pct := percentChange(before, now)
	if d > 0 {
		return strf(strCmpUpPct, d.String(), pct)
	}
	return strf(strCmpDownPct, (-d).String(), pct)
}

// percentChange is (now − before) / before as a whole percentage with its
// sign, rounded half away from zero, in integer arithmetic (figures never
// pass through a float).
func percentChange(before, now model.Dec) string {
	if now == before {
		return "0%"
	}
	num, den := int64(now-before)*100, int64(before)
	neg := (num < 0) != (den < 0)
	if num < 0 {
		num = -num
	}
	if den < 0 {
		den = -den
	}
	p := (2*num + den) / (2 * den)
	if neg {
		return "-" + itoa(int(p)) + "%"
	}
	return "+" + itoa(int(p)) + "%"
}
