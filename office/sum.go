package office

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"nianbao/model"
	"nianbao/store"
)

// This file is 汇总: an area report (scope area) whose cells are the sums of
// its units' cells, made once and refreshed when a unit changes.

// SumCells fills sum's input cells with the sums of the units' cells and
// replaces the notes an earlier sum left with new ones. A cell is summed
// only when every unit has it filled with a value the format allows: a sum
// over an empty cell (or one the check reports as out of range) would be a
// wrong figure, so it stays empty, with a note naming the units that left
// it so. Amounts are exact (model.Dec). Texts, header and 落款 are left as
// they are: they are the officer's. It returns the number of cells left
// empty.
func SumCells(sum *model.Report, units []*model.Report) int {
	// One pass per cell over the units: cells outer, so that a cell's
	// units that left it empty are collected together.
	type gap struct {
		cells []model.CellAddr
		why   string
	}
	var gaps []gap // grouped by table and by the same units left empty
	byKey := map[string]int{}
	empty := 0
	var blank, bad []string
	for _, c := range model.InputCells() {
		blank, bad = blank[:0], bad[:0]
		var total model.Dec
		over := false
		for _, u := range units {
			v, ok := u.Get(c.Addr)
			switch {
			case !ok:
				blank = append(blank, unitName(u))
			case model.RangeProblem(c.Unit, v) != "":
				bad = append(bad, unitName(u))
			default:
				total += v
				over = over || total > model.Int(sumCeiling)
			}
		}
		if len(blank) == 0 && len(bad) == 0 && !over {
			sum.Set(c.Addr, total) // an input cell of the model: never fails
			continue
		}
		sum.Clear(c.Addr)
		empty++
		var why string
		switch {
		case len(blank) > 0 && len(bad) > 0:
			why = fmt.Sprintf(txtSumBlankAndBad, names(blank), names(bad))
		case len(blank) > 0:
			why = fmt.Sprintf(txtSumBlank, names(blank))
		case len(bad) > 0:
			why = fmt.Sprintf(txtSumBad, names(bad))
		default:
			why = fmt.Sprintf(txtSumOver, sumCeiling)
		}
		k := c.Table.ID + "\x00" + why
		i, ok := byKey[k]
		if !ok {
			i = len(gaps)
			byKey[k] = i
			gaps = append(gaps, gap{why: why})
		}
		gaps[i].cells = append(gaps[i].cells, c.Addr)
	}
	// The notes of the last sum spoke of the cells as they were.
	sum.Notes = slices.DeleteFunc(slices.Clone(sum.Notes), func(n model.Note) bool {
		return strings.HasPrefix(n.Text, txtSumNotePrefix)
	})
	if len(sum.Notes) == 0 {
		sum.Notes = nil
	}
	for _, g := range gaps {
		what := cellsName(g.cells)
		sum.AddNote(txtSumNotePrefix+fmt.Sprintf(txtSumNote, what, g.why), g.cells...)
	}
	sum.Units = make([]string, len(units))
	for i, u := range units {
		sum.Units[i] = u.ID
	}
	return empty
}

// sumCeiling bounds a summed figure far above any legal one (the check
// allows 1e9): past it the sum is not held, so that it can never overflow.
const sumCeiling = 1_000_000_000_000

// unitName names a unit in the notes: its agency.
func unitName(u *model.Report) string { return strings.TrimSpace(u.Agency) }

// names lists units for a note, at most maxNamed of them by name.
func names(ns []string) string {
	const maxNamed = 5
	if len(ns) <= maxNamed {
		return fmt.Sprintf(txtQuoted, strings.Join(ns, txtQuoteSep))
	}
	return fmt.Sprintf(txtQuoted, strings.Join(ns[:maxNamed], txtQuoteSep)) + fmt.Sprintf(txtSumMoreUnits, len(ns))
}

// cellsName names the cells of a note: one by its label, several by their
// table and count.
func cellsName(cells []model.CellAddr) string {
	c, _ := model.Cell(cells[0])
	if len(cells) == 1 {
		return c.ShortLabel()
	}
	if c.Table == model.S6 {
		return fmt.Sprintf(txtSumCellsS6, len(cells))
	}
	return fmt.Sprintf(txtSumCells, c.Table.Number, len(cells))
}

// SumRequest asks for an area sum of the units (ids), or of every report
// of the year with scope 本机关 (AllOfYear).
type SumRequest struct {
	Agency    string
	Year      int
	Kind      model.Kind // "": from the agency's name (AreaKind)
	Units     []string
	AllOfYear bool
}

// SumResult is what Sum or Refresh did.
type SumResult struct {
	Report *model.Report
	Units  []*model.Report
	// Empty is the number of cells left empty; Changed, on a refresh or a
	// sum made again, the number of cells whose value or state changed.
	Empty, Changed int
	Created        bool
	// KindGuessed: the kind was not given and the agency's name did not
	// tell it: 县级人民政府 was taken (each front end says how to change it).
	KindGuessed bool
}

// Errors of Sum and Refresh. Each is a fact; the front ends say what to do.
var (
	ErrNoUnits = errors.New(txtNoUnits)
	// ErrNotSum: Refresh was asked of a report that is no sum (scope 本机关,
	// or an area report typed by hand, without units).
	ErrNotSum = errors.New(txtNotSum)
)

// SelfExistsError: the agency and year of the sum are taken by a report
// with scope 本机关, which a sum must never overwrite.
type SelfExistsError struct{ Existing *model.Report }

func (e *SelfExistsError) Error() string { return fmt.Sprintf(txtSumSelfExists, e.Existing.Title()) }

// UnitError: a unit cannot go into the sum (of another year, the sum
// itself, given twice, no longer in the draft file).
type UnitError struct {
	Name   string // 机关名称/年度 or the id
	Reason string
}

func (e *UnitError) Error() string { return fmt.Sprintf(txtUnitError, e.Name, e.Reason) }

// AreaKind is the kind an area sum of agency takes when none is given: what
// the name says (…省人民政府 → provincial_gov, …州/盟人民政府 → city_gov,
// …县/区/旗人民政府 → county_gov, …乡/镇人民政府 or 街道办事处 →
// township_gov), else 县级人民政府 with ok false. A …市人民政府 may be a
// city with districts or a county-level city, so it is never guessed.
func AreaKind(agency string) (kind model.Kind, ok bool) {
	name := strings.TrimSpace(agency)
	for _, t := range townSuffixes {
		if strings.HasSuffix(name, t) {
			return model.KindTownshipGov, true
		}
	}
	place, gov := strings.CutSuffix(name, govSuffix)
	if !gov {
		return model.KindCountyGov, false
	}
	if slices.Contains(provinceNames, place) {
		return model.KindProvincialGov, true
	}
	for _, p := range placeSuffixes {
		if strings.HasSuffix(place, p.suffix) {
			return p.kind, true
		}
	}
	return model.KindCountyGov, false
}

// Sum makes the area sum of the units asked for, or makes it again over
// the same agency and year's earlier sum (its texts and 落款 kept, its
// state before kept in its history). Every unit is read first: one that
// cannot be read stops the sum, which would otherwise be short of it.
func (o *Office) Sum(req SumRequest) (*SumResult, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	agency := strings.TrimSpace(req.Agency)
	if err := model.CheckName(fieldAgency, agency); err != nil {
		return nil, err
	}
	old, err := db.Find(agency, req.Year)
	switch {
	case errors.Is(err, store.ErrNotFound):
		old = nil
	case err != nil:
		return nil, err
	case old.Scope != model.ScopeArea:
		return nil, &SelfExistsError{Existing: old}
	}
	var units []*model.Report
	if req.AllOfYear {
		units, err = o.unitsOfYear(req.Year, old)
	} else {
		units, err = o.unitsByID(req.Units, req.Year, old)
	}
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, ErrNoUnits
	}
	res := &SumResult{Units: units}
	kind := req.Kind
	if kind == "" {
		var ok bool
		kind, ok = AreaKind(agency)
		if old != nil {
			kind, ok = old.Kind, true
		}
		res.KindGuessed = !ok
	}
	if old == nil {
		r := model.New(agency, req.Year, kind, model.ScopeArea)
		res.Empty = SumCells(r, units)
		if err := db.Create(r, fmt.Sprintf(sumSumMade, len(units))); err != nil {
			return nil, err
		}
		res.Report, res.Created = r, true
		return res, nil
	}
	r := old.Clone()
	r.Kind = kind
	res.Empty = SumCells(r, units)
	res.Changed = changedCells(old, r)
	if err := db.ReplaceAs(r, sumBeforeSum, fmt.Sprintf(sumSumRemade, len(units))); err != nil {
		return nil, err
	}
	res.Report = r
	return res, nil
}

// Refresh sums the units of the sum id again (after a unit changed), in
// place: texts, header and 落款 kept, the state before kept in its history.
// A unit no longer in the draft file stops it (*UnitError): summing without
// it would change what the sum covers, which only a new sum may do.
func (o *Office) Refresh(id string) (*SumResult, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	old, err := db.Get(id)
	if err != nil {
		return nil, err
	}
	if old.Scope != model.ScopeArea || len(old.Units) == 0 {
		return nil, ErrNotSum
	}
	units, err := o.unitsByID(old.Units, old.Year, old)
	if err != nil {
		return nil, err
	}
	r := old.Clone()
	res := &SumResult{Report: r, Units: units}
	res.Empty = SumCells(r, units)
	res.Changed = changedCells(old, r)
	if res.Changed == 0 && slices.EqualFunc(old.Notes, r.Notes, noteEqual) {
		res.Report = old
		return res, nil
	}
	if err := db.ReplaceAs(r, sumBeforeRefresh, fmt.Sprintf(sumRefreshed, res.Changed)); err != nil {
		return nil, err
	}
	return res, nil
}

func noteEqual(a, b model.Note) bool { return a.Text == b.Text && slices.Equal(a.Cells, b.Cells) }

// changedCells counts the input cells whose value or state differ.
func changedCells(a, b *model.Report) int {
	n := 0
	for _, c := range model.InputCells() {
		va, oka := a.Get(c.Addr)
		vb, okb := b.Get(c.Addr)
		if oka != okb || va != vb {
			n++
		}
	}
	return n
}

// unitsOfYear reads every live report of the year with scope 本机关, in
// the order of the list (agency, pinyin); never an area report, never sum.
func (o *Office) unitsOfYear(year int, sum *model.Report) ([]*model.Report, error) {
	reports, damaged, err := o.ofYears(year)
	if err != nil {
		return nil, err
	}
	if len(damaged) > 0 {
		return nil, damaged[0]
	}
	var out []*model.Report
	for _, r := range reports {
		if r.Year == year && r.Scope != model.ScopeArea && (sum == nil || r.ID != sum.ID) {
			out = append(out, r)
		}
	}
	return out, nil
}

// unitsByID reads the units given by id, in that order.
func (o *Office) unitsByID(ids []string, year int, sum *model.Report) ([]*model.Report, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := make([]*model.Report, 0, len(ids))
	for _, id := range ids {
		r, err := db.Get(id)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return nil, &UnitError{Name: id, Reason: txtUnitGone}
		case err != nil:
			return nil, err
		}
		name := reportName(r)
		if live, err := db.Find(r.Agency, r.Year); err != nil || live.ID != r.ID {
			return nil, &UnitError{Name: name, Reason: txtUnitInTrash}
		}
		switch {
		case sum != nil && r.ID == sum.ID:
			return nil, &UnitError{Name: name, Reason: txtUnitIsSum}
		case r.Year != year:
			return nil, &UnitError{Name: name, Reason: fmt.Sprintf(txtUnitYear, year)}
		case seen[r.ID]:
			return nil, &UnitError{Name: name, Reason: txtUnitTwice}
		}
		seen[r.ID] = true
		out = append(out, r)
	}
	return out, nil
}

// reportName is 机关名称/年度, as both front ends name a report.
func reportName(r *model.Report) string { return fmt.Sprintf("%s/%d", r.Agency, r.Year) }

// Staleness says whether a sum still equals the sums of its units.
type Staleness struct {
	// Cells is the number of cells whose value or state the units would
	// change now; Notes, whether the notes on empty cells would change.
	Cells int
	Notes bool
	// Changed names the units saved since the sum was (机关名称/年度);
	// Gone the units no longer in the draft file (their ids).
	Changed, Gone []string
}

// Stale reports whether the sum needs refreshing.
func (s *Staleness) Stale() bool { return s.Cells > 0 || s.Notes || len(s.Gone) > 0 }

// SumState compares a stored sum with the sums of its units now; nil, nil
// for a report that is no sum.
func (o *Office) SumState(sum *model.Report) (*Staleness, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	if sum.Scope != model.ScopeArea || len(sum.Units) == 0 {
		return nil, nil
	}
	list, err := db.List()
	if err != nil {
		return nil, err
	}
	return o.sumState(sum, list, nil)
}

// sumState is SumState with the list of summaries read already, and the
// reports read already by id (may be nil).
func (o *Office) sumState(sum *model.Report, list []store.Summary, byID map[string]*model.Report) (*Staleness, error) {
	db, _ := o.store()
	live := make(map[string]store.Summary, len(list))
	for _, s := range list {
		live[s.ID] = s
	}
	st := &Staleness{}
	sumUpdated := live[sum.ID].Updated
	var units []*model.Report
	for _, id := range sum.Units {
		s, ok := live[id]
		if !ok {
			st.Gone = append(st.Gone, id)
			continue
		}
		u := byID[id]
		if u == nil {
			var err error
			if u, err = db.Get(id); err != nil {
				return nil, err
			}
		}
		units = append(units, u)
		if s.Updated.After(sumUpdated) {
			st.Changed = append(st.Changed, reportName(u))
		}
	}
	if len(st.Gone) > 0 {
		return st, nil
	}
	fresh := sum.Clone()
	SumCells(fresh, units)
	st.Cells = changedCells(sum, fresh)
	st.Notes = !slices.EqualFunc(sum.Notes, fresh.Notes, noteEqual)
	return st, nil
}
