package model

// LastYear picks last year's report for r: the report r links to
// (r.Previous) when byID finds it, else the same agency's report for year −
// 1 as byName finds it; never r itself. The lookups return nil, nil when
// there is no such report (or, for byID, none that may be used: one in the
// trash). The store, the use-case package and the command line's check of
// JSON files all pair reports by this one rule.
func LastYear(r *Report, byID func(id string) (*Report, error), byName func(agency string, year int) (*Report, error)) (*Report, error) {
	if r.Previous != "" && r.Previous != r.ID {
		if p, err := byID(r.Previous); p != nil || err != nil {
			return p, err
		}
	}
	p, err := byName(r.Agency, r.Year-1)
	if p != nil && (p == r || (p.ID != "" && p.ID == r.ID)) {
		return nil, nil
	}
	return p, err
}
