package office

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"nianbao/model"
	"nianbao/store"
)

// Office runs the operations on the reports of one open draft file.
type Office struct {
	db        *store.Store
	generator string // names the program in exports; see WithGenerator
}

// New returns the operations on db (nil: none is open; only a JSON file's
// export works then).
func New(db *store.Store) *Office { return &Office{db: db} }

// WithGenerator sets what the exports name as the program that made them
// (export.Options.Generator: the build's version line), where an export's
// choice does not say; the front ends pass their build, tests a fixed text
// or nothing (then the export's own default).
func (o *Office) WithGenerator(g string) *Office {
	o.generator = g
	return o
}

// Store is the draft file the operations work on.
func (o *Office) Store() *store.Store { return o.db }

// ErrNoStore is returned by an operation that needs the draft file when none
// is open.
var ErrNoStore = errors.New(txtNoStore)

func (o *Office) store() (*store.Store, error) {
	if o == nil || o.db == nil {
		return nil, ErrNoStore
	}
	return o.db, nil
}

// Previous is last year's report for r in the draft file (model.LastYear),
// or nil.
func (o *Office) Previous(r *model.Report) (*model.Report, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	return db.Previous(r)
}

// PairPrevious finds last year's report for each of rs among rs (reports
// read from files, or every report of a draft file): by the previous link,
// else by the same agency and year − 1 (model.LastYear). Where two have the
// same id or the same agency and year, the first one given counts.
func PairPrevious(rs []*model.Report) []*model.Report {
	type key struct {
		agency string
		year   int
	}
	byID := make(map[string]*model.Report, len(rs))
	byKey := make(map[key]*model.Report, len(rs))
	for _, r := range rs {
		if _, dup := byID[r.ID]; r.ID != "" && !dup {
			byID[r.ID] = r
		}
		if k := (key{r.Agency, r.Year}); byKey[k] == nil {
			byKey[k] = r
		}
	}
	out := make([]*model.Report, len(rs))
	for i, r := range rs {
		out[i], _ = model.LastYear(r,
			func(id string) (*model.Report, error) {
				if p := byID[id]; p != r {
					return p, nil
				}
				return nil, nil
			},
			func(agency string, year int) (*model.Report, error) { return byKey[key{agency, year}], nil })
	}
	return out
}

// All reads every live report of the draft file, each with last year's
// report among them; a report whose record cannot be read is left out and
// its *store.ReportError returned in damaged (the others are still worth
// checking). Decoding is most of the work: bbolt allows concurrent readers,
// so it runs on every core.
func (o *Office) All() (reports, prevs []*model.Report, damaged []error, err error) {
	db, err := o.store()
	if err != nil {
		return nil, nil, nil, err
	}
	sums, err := db.List()
	if err != nil {
		return nil, nil, nil, err
	}
	all := make([]*model.Report, len(sums))
	errs := make([]error, len(sums))
	parallel(len(sums), func(i int) { all[i], errs[i] = db.Get(sums[i].ID) })
	for i, err := range errs {
		switch {
		case errors.Is(err, store.ErrDamagedReport):
			damaged = append(damaged, err)
		case err != nil:
			return nil, nil, nil, err
		default:
			reports = append(reports, all[i])
		}
	}
	return reports, PairPrevious(reports), damaged, nil
}

// parallel runs f(0..n-1) on as many goroutines as there are cores.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// Parallel runs f(0..n-1) on every core (reading many files).
func Parallel(n int, f func(i int)) { parallel(n, f) }

// NewReport creates an empty report (model.New) in the draft file. A live
// report of that agency and year already there gives an error matching
// store.ErrDuplicate.
func (o *Office) NewReport(agency string, year int, kind model.Kind, scope model.Scope) (*model.Report, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	agency = strings.TrimSpace(agency)
	if err := model.CheckName(fieldAgency, agency); err != nil {
		return nil, err
	}
	r := model.New(agency, year, kind, scope)
	if err := db.Create(r, sumNew); err != nil {
		return nil, err
	}
	return r, nil
}

// Rolled is next year's report started from last year's, with what was
// carried over: 三's 上年结转 cells filled from last year's 结转下年度, of
// CarryCells.
type Rolled struct {
	Report     *model.Report
	Carried    int
	CarryCells int
}

// RollForward starts next year's report from the report fromID (从上年报告
// 创建), with the header changes h (a renamed agency), in one transaction.
func (o *Office) RollForward(fromID string, h store.NextHeader) (*Rolled, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	if err := model.CheckName(fieldAgency, h.Agency); err != nil {
		return nil, err
	}
	r, err := db.RollForwardAs(fromID, h)
	if err != nil {
		return nil, err
	}
	out := &Rolled{Report: r}
	for _, c := range model.S3.Inputs() {
		if c.RowSpec().Key != carriedRow {
			continue
		}
		out.CarryCells++
		if _, ok := r.Get(c.Addr); ok {
			out.Carried++
		}
	}
	return out, nil
}

// SetSection1 replaces 一 with text, split into its opening and its
// sub-parts (model.SplitSection1, the splitter the importer uses too); the
// text loses any control character first (model.CleanText).
func SetSection1(r *model.Report, text string) {
	text, _ = model.CleanText(text)
	r.S1 = model.SplitSection1(strings.Split(text, "\n"))
}

// carriedRow is the key of 三's row 二、上年结转政府信息公开申请数量.
const carriedRow = "carried"

// Field is a field of a report's header that ChangeHeader may change.
type Field int

const (
	FieldAgency Field = iota + 1
	FieldKind
	FieldScope
	FieldPrevious
	FieldSigner
	FieldDate
)

// Name is the field's Chinese name.
func (f Field) Name() string {
	return [...]string{"", fieldAgency, fieldKind, fieldScope, fieldPrevious, fieldSigner, fieldDate}[f]
}

// HeaderChange is what ChangeHeader changes; a nil field stays as it is.
type HeaderChange struct {
	Agency   *string
	Kind     *model.Kind
	Scope    *model.Scope
	Previous *string // the id of last year's report; "" removes the link
	Signer   *string // the 落款机关; "" signs with the agency's name
	Date     *string // the 成文日期 as typed (model.ParseDate); "" clears it
}

// ErrLinkSelf: a report cannot be its own last year's report.
var ErrLinkSelf = errors.New(txtLinkSelf)

// LinkYearError: the report chosen as last year's is not of year − 1.
type LinkYearError struct {
	Report, Prev *model.Report
}

func (e *LinkYearError) Error() string {
	return fmt.Sprintf(txtLinkYear, e.Prev.Title(), e.Report.Year-1, e.Report.Title())
}

// ChangeHeader changes a stored report's header and its link to last year
// (for two reports made separately, e.g. both imported) in one save, and
// returns the fields that changed (none: nothing was saved). A new name
// taken that year by another report gives an error matching
// store.ErrDuplicate; a link to itself ErrLinkSelf, to a report not of year
// − 1 a *LinkYearError. r is updated.
func (o *Office) ChangeHeader(r *model.Report, c HeaderChange) ([]Field, error) {
	db, err := o.store()
	if err != nil {
		return nil, err
	}
	var changed []Field
	next := r.Clone()
	if c.Agency != nil && strings.TrimSpace(*c.Agency) != r.Agency {
		next.Agency = strings.TrimSpace(*c.Agency)
		if err := model.CheckName(fieldAgency, next.Agency); err != nil {
			return nil, err
		}
		changed = append(changed, FieldAgency)
	}
	if c.Kind != nil && *c.Kind != r.Kind {
		next.Kind = *c.Kind
		changed = append(changed, FieldKind)
	}
	if c.Scope != nil && *c.Scope != r.Scope {
		next.Scope = *c.Scope
		changed = append(changed, FieldScope)
	}
	if c.Previous != nil && *c.Previous != r.Previous {
		if id := *c.Previous; id != "" {
			if id == r.ID {
				return nil, ErrLinkSelf
			}
			p, err := db.Get(id)
			if err != nil {
				return nil, err
			}
			if p.Year != r.Year-1 {
				return nil, &LinkYearError{Report: r, Prev: p}
			}
		}
		next.Previous = *c.Previous
		changed = append(changed, FieldPrevious)
	}
	if c.Signer != nil && strings.TrimSpace(*c.Signer) != r.Signer {
		next.Signer = strings.TrimSpace(*c.Signer)
		if err := model.CheckName(fieldSigner, next.Signer); err != nil {
			return nil, err
		}
		changed = append(changed, FieldSigner)
	}
	if c.Date != nil {
		d, err := model.ParseDate(*c.Date)
		if err != nil {
			return nil, err
		}
		if d != r.Date {
			next.Date = d
			changed = append(changed, FieldDate)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	names := make([]string, len(changed))
	for i, f := range changed {
		names[i] = f.Name()
	}
	if err := db.Save(next, fmt.Sprintf(sumChanged, strings.Join(names, txtFieldSep))); err != nil {
		return nil, err
	}
	*r = *next
	return changed, nil
}
