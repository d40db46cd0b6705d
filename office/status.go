package office

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"nianbao/export"
	"nianbao/model"
	"nianbao/store"
)

// This file is what the collecting office (政务公开办) sees of a year: one
// row per unit with its state, the year's sums and whether they are stale,
// and one figure or row of every unit side by side.

// UnitStatus is one unit's row of the status table.
type UnitStatus struct {
	ID, Agency string
	Year       int
	// Filled and Total count the input cells.
	Filled, Total int
	// Counts are the findings against last year's report (model.Tally).
	Counts model.Counts
	// FirstError is the message of the first error that is not an empty
	// cell or text ("" when there is none): what to look at first.
	FirstError string
	// Notes is the number of notes still open (from its import, or a
	// paste): 0 is a clean import.
	Notes   int
	Updated time.Time
}

// SumStatus is one area sum of the year.
type SumStatus struct {
	ID, Agency string
	Units      int
	State      *Staleness
}

// YearStatus is the status of every unit of a year.
type YearStatus struct {
	Year  int
	Units []UnitStatus
	Sums  []SumStatus
	// Damaged are the reports of the year that cannot be read
	// (*store.ReportError): listed apart, never silently left out.
	Damaged []error
}

// Status reads every live report of the year: the units (scope 本机关),
// each checked against last year's report, and the area sums with whether
// each still equals the sums of its units.
func (o *Office) Status(year int) (*YearStatus, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	list, err := db.List()
	if err != nil {
		return nil, err
	}
	reports, prevs, damaged, err := o.readYears(list, year)
	if err != nil {
		return nil, err
	}
	out := &YearStatus{Year: year, Damaged: damaged}
	updated := make(map[string]time.Time, len(list))
	for _, s := range list {
		updated[s.ID] = s.Updated
	}
	byID := make(map[string]*model.Report, len(reports))
	var mine []int
	for i, r := range reports {
		byID[r.ID] = r
		if r.Year == year {
			mine = append(mine, i)
		}
	}
	rows := make([]UnitStatus, len(mine))
	parallel(len(mine), func(j int) {
		r := reports[mine[j]]
		fs := model.Check(r, prevs[mine[j]])
		st := UnitStatus{ID: r.ID, Agency: r.Agency, Year: r.Year, Counts: model.Tally(fs),
			Notes: len(r.Notes), Updated: updated[r.ID]}
		st.Filled, st.Total = r.FilledCount(nil)
		for _, f := range fs {
			if f.Severity == model.SevError && !f.IsMissing() {
				st.FirstError = f.Message
				break
			}
		}
		rows[j] = st
	})
	for j, i := range mine {
		r := reports[i]
		if r.Scope != model.ScopeArea {
			out.Units = append(out.Units, rows[j])
			continue
		}
		if len(r.Units) == 0 {
			continue // an area report typed by hand: no sum to keep up
		}
		st, err := o.sumState(r, list, byID)
		if err != nil {
			return nil, err
		}
		out.Sums = append(out.Sums, SumStatus{ID: r.ID, Agency: r.Agency, Units: len(r.Units), State: st})
	}
	return out, nil
}

// readYears reads the live reports of the year and of the year before (to
// pair each with last year's), in the list's order, on every core.
func (o *Office) readYears(list []store.Summary, year int) (reports, prevs []*model.Report, damaged []error, err error) {
	db, err := o.store()
	if err != nil {
		return nil, nil, nil, err
	}
	var ids []store.Summary
	for _, s := range list {
		if s.Year == year || s.Year == year-1 {
			ids = append(ids, s)
		}
	}
	all := make([]*model.Report, len(ids))
	errs := make([]error, len(ids))
	parallel(len(ids), func(i int) { all[i], errs[i] = db.Get(ids[i].ID) })
	for i, err := range errs {
		switch {
		case errors.Is(err, store.ErrDamagedReport):
			if ids[i].Year == year {
				damaged = append(damaged, err)
			}
		case err != nil:
			return nil, nil, nil, err
		default:
			reports = append(reports, all[i])
		}
	}
	// A link to a report of another year than year − 1 is the model's
	// business (LastYear); PairPrevious finds it among these or not at
	// all, and then the cross-year rules stay silent, as in check --all.
	return reports, PairPrevious(reports), damaged, nil
}

// ofYears reads the live reports of the year (and the year before).
func (o *Office) ofYears(year int) ([]*model.Report, []error, error) {
	db, err := o.store()
	if err != nil {
		return nil, nil, err
	}
	list, err := db.List()
	if err != nil {
		return nil, nil, err
	}
	reports, _, damaged, err := o.readYears(list, year)
	return reports, damaged, err
}

// Figures is one cell, or one row, of every unit of a year side by side,
// with last year's figure, so that an outlier stands out.
type Figures struct {
	Year int
	// Cells are the columns: one cell, or every cell of a row (its total
	// last).
	Cells []*model.CellSpec
	// Key is the cell compared with last year's: the cell, or the row's
	// total (its last cell of a computed column), else its first.
	Key   *model.CellSpec
	Units []FigureRow
	// Sum is what the units add up to, a cell empty wherever a unit's is.
	Sum FigureRow
}

// FigureRow is one unit's figures.
type FigureRow struct {
	ID, Agency string
	Values     []model.Dec
	States     []model.CellState
	// Last is last year's figure of the key cell (LastState Empty when
	// there is no last year's report or the figure is empty there).
	Last      model.Dec
	LastState model.CellState
	// Jump: the key figure is over 5× or under 1/5 of last year's, both
	// at least 10 (the prev.jump rule's measure).
	Jump bool
}

// FiguresOf reads the cell or the row what (s3.new.natural, s3.new,
// s2.fees.amount) of every unit of the year.
func (o *Office) FiguresOf(year int, what string) (*Figures, error) {
	cells, err := FigureCells(what)
	if err != nil {
		return nil, err
	}
	reports, damaged, err := o.ofYears(year)
	if err != nil {
		return nil, err
	}
	if len(damaged) > 0 {
		return nil, damaged[0]
	}
	prevs := PairPrevious(reports)
	f := &Figures{Year: year, Cells: cells, Key: cells[0]}
	if last := cells[len(cells)-1]; last.Computed {
		f.Key = last
	}
	var units []*model.Report
	for i, r := range reports {
		if r.Year != year || r.Scope == model.ScopeArea {
			continue
		}
		units = append(units, r)
		row := FigureRow{ID: r.ID, Agency: r.Agency}
		for _, c := range cells {
			v, st := r.ValueOf(c)
			row.Values = append(row.Values, v)
			row.States = append(row.States, st)
		}
		if p := prevs[i]; p != nil {
			row.Last, row.LastState = p.ValueOf(f.Key)
		}
		if k := slices.Index(cells, f.Key); row.States[k] == model.Filled && row.LastState == model.Filled {
			row.Jump = Jump(row.Values[k], row.Last)
		}
		f.Units = append(f.Units, row)
	}
	// The sum row is what a sum of these units holds: the same rule, so
	// that the view and the sum never disagree.
	s := model.New("", year, model.KindCountyGov, model.ScopeArea)
	SumCells(s, units)
	f.Sum.Agency = txtSumRow
	for _, c := range cells {
		v, st := s.ValueOf(c)
		f.Sum.Values = append(f.Sum.Values, v)
		f.Sum.States = append(f.Sum.States, st)
	}
	return f, nil
}

// Jump reports whether v is over 5× or under 1/5 of last, both at least
// 10: the measure of the prev.jump rule.
func Jump(v, last model.Dec) bool {
	const factor, minimum = 5, 10
	if v < model.Int(minimum) || last < model.Int(minimum) {
		return false
	}
	return v > last*factor || v*factor < last
}

// FigureError: what names no cell or row of the format.
type FigureError struct{ What string }

func (e *FigureError) Error() string { return txtBadFigure + e.What }

// FigureCells are the cells of what: a cell address, or a row (s3.new:
// every cell of the row, its total last).
func FigureCells(what string) ([]*model.CellSpec, error) {
	if c, ok := model.Cell(model.CellAddr(what)); ok {
		return []*model.CellSpec{c}, nil
	}
	var out []*model.CellSpec
	for _, c := range model.AllCells() {
		if string(c.Addr[:len(c.Addr)-len(c.ColSpec().Key)-1]) == what {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, &FigureError{What: what}
	}
	return out, nil
}

// FigureRows lists the rows FiguresOf takes, in the order of the format:
// each as its address (s3.new) and its label, for a chooser.
func FigureRows() []FigureChoice {
	var out []FigureChoice
	for _, t := range model.Tables {
		for _, b := range t.Blocks {
			for _, r := range b.Rows {
				label := fmt.Sprintf(txtFigureRow, t.Number, r.Label)
				if t == model.S6 {
					label = fmt.Sprintf(txtFigureRowS6, t.Number, r.Label)
				}
				out = append(out, FigureChoice{What: t.ID + "." + r.Key, Label: label})
			}
		}
	}
	return out
}

// FigureChoice is a row FiguresOf takes, as a chooser lists it.
type FigureChoice struct{ What, Label string }

// Name names what the figures are of: a row (表三「一、本年新收…」) or a
// cell (its short label).
func (f *Figures) Name() string {
	if len(f.Cells) == 1 {
		return f.Cells[0].ShortLabel()
	}
	c := f.Cells[0]
	if c.Table == model.S6 {
		return fmt.Sprintf(txtFigureRowS6, c.Table.Number, c.RowSpec().Label)
	}
	return fmt.Sprintf(txtFigureRowName, c.Table.Number, c.RowSpec().Label)
}

// Heads are the columns' names: 单位, each cell's column, last year's key
// figure and how this year's compares.
func (f *Figures) Heads() []string {
	out := []string{txtColUnit}
	for _, c := range f.Cells {
		if len(f.Cells) == 1 {
			out = append(out, txtColThisYear)
		} else {
			out = append(out, c.ColSpec().Label)
		}
	}
	return append(out, txtColLastYear, txtColRatio)
}

// Ratio says how the key figure compares with last year's: 2.5 倍, with
// the jump marked; "" without last year's figure (or with 0 there).
func (f *Figures) Ratio(row FigureRow) string {
	k := slices.Index(f.Cells, f.Key)
	if row.LastState != model.Filled || row.States[k] != model.Filled || row.Last == 0 {
		return ""
	}
	s := fmt.Sprintf(txtRatio, float64(row.Values[k])/float64(row.Last))
	if row.Jump {
		s += txtJumpMark
	}
	return s
}

// Table is the figures as a table for the export (spreadsheet, CSV).
func (f *Figures) Table() *export.Table {
	t := &export.Table{Title: fmt.Sprintf(txtFiguresTitle, f.Year, f.Name()), Head: f.Heads(), Sums: len(f.Cells)}
	row := func(r FigureRow, last bool) export.TableRow {
		tr := export.TableRow{Name: r.Agency}
		for i := range f.Cells {
			tr.Cells = append(tr.Cells, export.TableCell{Value: r.Values[i], Filled: r.States[i] == model.Filled})
		}
		if last {
			tr.Cells = append(tr.Cells, export.TableCell{Value: r.Last, Filled: r.LastState == model.Filled}, export.TableCell{Text: f.Ratio(r)})
		}
		return tr
	}
	for _, r := range f.Units {
		t.Rows = append(t.Rows, row(r, true))
	}
	t.SumRow = row(f.Sum, false)
	return t
}

// FiguresFileName is the default name of the figures' export (without
// its extension's dot): 2024年各单位表三「一、本年新收…」.
func (f *Figures) FileName(ext string) string {
	return export.SafeFileName(fmt.Sprintf(txtFiguresTitle, f.Year, f.Name())) + "." + ext
}
