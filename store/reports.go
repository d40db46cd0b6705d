package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// Summary is one line of the report list.
type Summary struct {
	ID, Agency string
	Year       int
	Updated    time.Time
	// Errors, Missing and Warnings count model.Check's findings (against
	// last year's report) at the last save. Errors leaves out the empty
	// cells and texts, which Missing counts: while a report is being filled
	// they are progress, not mistakes.
	Errors, Missing, Warnings int
	Deleted                   time.Time // zero unless in the trash
	// Damaged is set when the list had to rebuild the summary and the
	// report could not be read either (Agency and Year may then be empty);
	// Store.Damaged finds every damaged report.
	Damaged bool

	sortKey []byte // collation key of Agency
}

func (in *info) summary(id string) Summary {
	return Summary{ID: id, Agency: in.Agency, Year: in.Year, Updated: in.Updated,
		Errors: in.Errors, Missing: in.Missing, Warnings: in.Warnings, Deleted: in.Deleted, sortKey: in.SortKey}
}

func indexKey(agency string, year int) []byte {
	return []byte(strings.TrimSpace(agency) + "\x00" + strconv.Itoa(year))
}

// indexGet is the id of the live report filed under key (indexKey), nil
// when there is none. The index can be made again from the summaries, so a
// damaged entry is looked up there instead.
func indexGet(tx *bolt.Tx, key []byte) []byte {
	v := tx.Bucket(bucketIndex).Get(key)
	if v == nil {
		return nil
	}
	if id, ok := unseal(domIndex, key, v); ok {
		return id
	}
	var found []byte
	tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
		if in, err := decodeInfo(k, v); err == nil && in.Deleted.IsZero() && bytes.Equal(indexKey(in.Agency, in.Year), key) {
			found = append([]byte(nil), k...)
		}
		return nil
	})
	return found
}

func indexPut(tx *bolt.Tx, key, id []byte) error {
	return tx.Bucket(bucketIndex).Put(key, seal(domIndex, key, id))
}

func getInfo(tx *bolt.Tx, id string) (*info, error) {
	v := tx.Bucket(bucketInfo).Get([]byte(id))
	if v == nil {
		return nil, fmt.Errorf(txtWithID, ErrNotFound, id)
	}
	in, err := decodeInfo([]byte(id), v)
	if err != nil {
		return nil, damagedReport(tx, id, err.Error())
	}
	return in, nil
}

// loadInfo is getInfo that makes a damaged summary again from the report
// (or its newest readable revision), so that a damaged summary stops no
// operation; the next write stores it again.
func loadInfo(tx *bolt.Tx, id string) (*info, error) {
	in, err := getInfo(tx, id)
	if err == nil || errors.Is(err, ErrNotFound) {
		return in, err
	}
	if rebuilt, rerr := rebuildInfo(tx, id); rerr == nil {
		return rebuilt, nil
	}
	return nil, err
}

// damagedReport names the report id whose record cannot be read, from
// whatever is still readable: its summary, the (机关名称, 年度) index, or
// its newest readable revision.
func damagedReport(tx *bolt.Tx, id, detail string) *ReportError {
	e := &ReportError{ID: id, Detail: detail}
	if v := tx.Bucket(bucketInfo).Get([]byte(id)); v != nil {
		if in, err := decodeInfo([]byte(id), v); err == nil {
			e.Agency, e.Year = in.Agency, in.Year
			return e
		}
	}
	tx.Bucket(bucketIndex).ForEach(func(k, v []byte) error {
		if owner, ok := unseal(domIndex, k, v); ok && string(owner) == id {
			if i := bytes.LastIndexByte(k, 0); i > 0 {
				if y, err := strconv.Atoi(string(k[i+1:])); err == nil {
					e.Agency, e.Year = string(k[:i]), y
				}
			}
		}
		return nil
	})
	if e.Agency != "" {
		return e
	}
	if r, _ := newestRevision(tx, id); r != nil {
		e.Agency, e.Year = r.Agency, r.Year
	}
	return e
}

// newestRevision is the report as in its newest revision that can be read,
// with its header; nil when none can.
func newestRevision(tx *bolt.Tx, id string) (*model.Report, *revRec) {
	b := tx.Bucket(bucketRevs).Bucket([]byte(id))
	if b == nil {
		return nil, nil
	}
	c := b.Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		h, js, err := decodeRev(id, k, v)
		if err != nil {
			continue
		}
		if r, err := model.Decode(js); err == nil {
			r.ID = id
			return r, h
		}
	}
	return nil, nil
}

// reportJSON is the stored JSON of report id, its checksum verified. A
// report with a summary and no record of its own (a flipped key byte) is
// damaged, not missing.
func reportJSON(tx *bolt.Tx, id string) ([]byte, error) {
	rec, err := reportRecord(tx, id)
	if err != nil {
		return nil, err
	}
	js, err := recordJSON(rec)
	if err != nil {
		return nil, damagedReport(tx, id, detailReportPacked)
	}
	return js, nil
}

// reportRecord is the stored record of report id (packRecord), its
// checksum verified.
func reportRecord(tx *bolt.Tx, id string) ([]byte, error) {
	v := tx.Bucket(bucketReports).Get([]byte(id))
	if v == nil {
		if tx.Bucket(bucketInfo).Get([]byte(id)) != nil {
			return nil, damagedReport(tx, id, detailRecordMissing)
		}
		return nil, fmt.Errorf(txtWithID, ErrNotFound, id)
	}
	rec, ok := unseal(domReports, []byte(id), v)
	if !ok {
		return nil, damagedReport(tx, id, detailReportChecksum)
	}
	return rec, nil
}

// getReport reads report id, verifying its checksum and decoding it; a
// record that fails either is a *ReportError. The report is the caller's.
func getReport(tx *bolt.Tx, id string) (*model.Report, error) {
	r, err := sharedReport(tx, id)
	if err != nil {
		return nil, err
	}
	return r.Clone(), nil
}

// liveInfo is loadInfo refusing a report in the trash.
func liveInfo(tx *bolt.Tx, id string) (*info, error) {
	in, err := loadInfo(tx, id)
	if err != nil {
		return nil, err
	}
	if !in.Deleted.IsZero() {
		return nil, inTrashError(id, in)
	}
	return in, nil
}

// inTrashError refuses to change a report in the trash. It names the
// report by its id too: the trash may hold several of the same (机关名称,
// 年度), and only the id tells which one to bring back.
func inTrashError(id string, in *info) error {
	return fmt.Errorf(txtInTrash, ErrNotFound, model.TitleOf(in.Agency, in.Year), id)
}

func duplicateError(agency string, year int) error {
	return fmt.Errorf(txtDuplicateTitle, ErrDuplicate, model.TitleOf(strings.TrimSpace(agency), year))
}

// checkHeader refuses a report that cannot be filed under (机关名称, 年度).
func checkHeader(r *model.Report) error {
	if r.ID == "" {
		return errors.New(txtNoID)
	}
	if strings.TrimSpace(r.Agency) == "" {
		return errors.New(txtNoAgency)
	}
	if r.Year < 1000 || r.Year > 9999 {
		return fmt.Errorf(txtBadYear, r.Year)
	}
	// model.Decode refuses these, so a report stored with them could not
	// be read back: refuse it here, while it is still in memory.
	if r.Kind != "" && !r.Kind.Valid() {
		return fmt.Errorf(txtBadKind, string(r.Kind))
	}
	if r.Scope != "" && !r.Scope.Valid() {
		return fmt.Errorf(txtBadScope, string(r.Scope))
	}
	// The same way in as Decode: texts lose control characters; a bad name,
	// id, date or size is refused.
	if _, err := r.Sanitize(); err != nil {
		return err
	}
	return nil
}

// previousTx finds last year's report: the linked one if it is live, else
// the same agency's report for year − 1. The report is shared (sharedReport):
// not to be changed.
func previousTx(tx *bolt.Tx, r *model.Report) (*model.Report, error) {
	byID := func(id string) (*model.Report, error) {
		if in, err := getInfo(tx, id); err != nil || !in.Deleted.IsZero() {
			return nil, nil
		}
		return sharedReport(tx, id)
	}
	byName := func(agency string, year int) (*model.Report, error) {
		id := indexGet(tx, indexKey(agency, year))
		if id == nil || string(id) == r.ID {
			return nil, nil
		}
		return sharedReport(tx, string(id))
	}
	return model.LastYear(r, byID, byName)
}

// countFindings is what the summary keeps of the findings: the errors, the
// empty cells and texts apart from them, and the warnings (model.Tally).
func countFindings(r, prev *model.Report) (errs, missing, warns int) {
	return tally(model.Check(r, prev))
}

// tally counts findings as the summary keeps them (model.Tally).
func tally(fs []model.Finding) (errs, missing, warns int) {
	n := model.Tally(fs)
	return n.Errors, n.Missing(), n.Warnings
}

// writeReport stores a live report: its JSON, the (机关名称, 年度) index
// (moved on a rename; the id and links stay) and its summary, then refreshes
// the summaries of the reports that take it as last year's. It returns the
// JSON written and whether anything changed.
func writeReport(tx *bolt.Tx, r *model.Report, now time.Time) ([]byte, bool, error) {
	if err := checkHeader(r); err != nil {
		return nil, false, err
	}
	js, err := model.Encode(r)
	if err != nil {
		return nil, false, err
	}
	id := []byte(r.ID)
	old, _ := loadInfo(tx, r.ID)
	if old != nil && !old.Deleted.IsZero() {
		return nil, false, inTrashError(r.ID, old)
	}
	if old != nil {
		if cur, err := reportJSON(tx, r.ID); err == nil && bytes.Equal(cur, js) {
			return js, false, nil
		}
	}
	ix := tx.Bucket(bucketIndex)
	key := indexKey(r.Agency, r.Year)
	if owner := indexGet(tx, key); owner != nil && !bytes.Equal(owner, id) {
		return nil, false, duplicateError(r.Agency, r.Year)
	}
	if old != nil {
		if ok := indexKey(old.Agency, old.Year); !bytes.Equal(ok, key) {
			if err := ix.Delete(ok); err != nil {
				return nil, false, err
			}
		}
	}
	if got, ok := unseal(domIndex, key, ix.Get(key)); !ok || !bytes.Equal(got, id) {
		if err := indexPut(tx, key, id); err != nil {
			return nil, false, err
		}
	}
	rec := packRecord(js)
	if err := tx.Bucket(bucketReports).Put(id, seal(domReports, id, rec)); err != nil {
		return nil, false, err
	}
	prev, err := previousTx(tx, r)
	if err != nil && !errors.Is(err, ErrDamagedReport) {
		return nil, false, err
	}
	// A damaged last-year report must not stop this year's save: the
	// counts leave the cross-year rules out until it is repaired.
	in := &info{Agency: r.Agency, Year: r.Year, Previous: r.Previous, Updated: now}
	c := cacheOf(tx)
	in.Errors, in.Missing, in.Warnings = c.count(r, prev)
	if err := putInfo(tx, r.ID, in); err != nil {
		return nil, false, err
	}
	c.remember(r.ID, rec, r.Clone())
	keys := [][]byte{indexKey(r.Agency, r.Year+1)}
	if old != nil {
		keys = append(keys, indexKey(old.Agency, old.Year+1))
	}
	return js, true, refreshNext(tx, r.ID, keys...)
}

// refreshNext recounts the findings of the live reports that may read the
// report id as last year's, since the cross-year rules depend on it: those
// linked to it, and those the index holds under keys (the next year of its
// (机关名称, 年度), before and after a rename). Each is recounted against the
// last year's report it has now, which after a rename, delete or undelete
// may be another one or none.
func refreshNext(tx *bolt.Tx, id string, keys ...[]byte) error {
	var ids []string
	tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
		if bytes.Contains(v, []byte(id)) { // cheap filter before decoding
			if in, err := decodeInfo(k, v); err == nil && in.Previous == id && in.Deleted.IsZero() {
				ids = append(ids, string(k))
			}
		}
		return nil
	})
	for _, k := range keys {
		if v := indexGet(tx, k); v != nil && !slices.Contains(ids, string(v)) {
			ids = append(ids, string(v))
		}
	}
	for _, next := range ids {
		if next == id {
			continue
		}
		if err := recount(tx, next); err != nil {
			return err
		}
	}
	return nil
}

// recount refreshes the stored counts of a report. A report that cannot be
// read is left alone: a damaged neighbour must not stop this save.
func recount(tx *bolt.Tx, id string) error {
	in, err := getInfo(tx, id)
	if err != nil {
		return nil
	}
	r, err := sharedReport(tx, id)
	if err != nil {
		return nil
	}
	prev, err := previousTx(tx, r)
	if err != nil && !errors.Is(err, ErrDamagedReport) {
		return nil
	}
	in.Errors, in.Missing, in.Warnings = cacheOf(tx).count(r, prev)
	return putInfo(tx, id, in)
}

// sortSummaries sorts by agency in pinyin order, then year, newest first,
// by the collation keys stored with the summaries; fresh says they are this
// program's (else they are made again here). It returns the sorted list.
func sortSummaries(list []Summary, fresh bool) []Summary {
	// Sorted by reference, then moved once: a Summary is too big to be
	// swapped about.
	type ref struct {
		key  []byte
		year int
		i    int
	}
	refs := make([]ref, len(list))
	for i := range list {
		if !fresh || list[i].sortKey == nil {
			list[i].sortKey = sortKey(list[i].Agency)
		}
		refs[i] = ref{list[i].sortKey, list[i].Year, i}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if c := bytes.Compare(a.key, b.key); c != 0 {
			return c
		}
		if a.year != b.year {
			return b.year - a.year
		}
		return a.i - b.i // stable
	})
	sorted := make([]Summary, len(list))
	for j, r := range refs {
		sorted[j] = list[r.i]
	}
	return sorted
}

// summaries reads the stored summaries, not the reports: a few dozen bytes
// each, each verified by its checksum; one that fails is made again from
// its report. The live ones come sorted (sortSummaries). On a read-only
// open of a file whose counts were made by other rules, the counts are made
// again here (a writable open stores them again instead).
func (s *Store) summaries(trash bool) (list []Summary, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		fresh := bytes.Equal(meta.Get(keyCollation), collationStamp())
		stale := s.opt.ReadOnly && !bytes.Equal(meta.Get(keyRules), currentRules())
		list = make([]Summary, 0, 64)
		tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
			var sm Summary
			if stale || decodeSummary(k, v, &sm) != nil {
				sm = s.slowSummary(tx, k, v, stale)
			}
			if sm.Deleted.IsZero() != trash {
				list = append(list, sm)
			}
			return nil
		})
		if !trash {
			list = sortSummaries(list, fresh)
		}
		for i := range list {
			list[i].sortKey = nil // points into the transaction's pages
		}
		return nil
	})
	return list, err
}

// slowSummary is a list entry made otherwise than from a sound summary:
// from the report when the summary is damaged (a damaged summary must not
// hide every other report), and with the counts made again when stale.
func (s *Store) slowSummary(tx *bolt.Tx, k, v []byte, stale bool) Summary {
	in, err := decodeInfo(k, v)
	damaged := false
	if err != nil {
		if rebuilt, err := rebuildInfo(tx, string(k)); err == nil {
			in = rebuilt
		} else {
			// Nothing readable is left of it but its name, if the
			// index has it; listed so it can be seen.
			e := damagedReport(tx, string(k), "")
			in = &info{Agency: e.Agency, Year: e.Year}
			damaged = true
			if owner := indexGet(tx, indexKey(e.Agency, e.Year)); e.Agency == "" || string(owner) != string(k) {
				in.Deleted = time.Unix(0, 0)
			}
		}
	} else if stale {
		if r, err := sharedReport(tx, string(k)); err == nil {
			prev, err := previousTx(tx, r)
			if err == nil || errors.Is(err, ErrDamagedReport) {
				in.Errors, in.Missing, in.Warnings = countFindings(r, prev)
			}
		}
	}
	sm := in.summary(string(k))
	sm.Damaged = damaged
	return sm
}

// rebuildInfo makes a report's summary again from the report itself, or
// when that is damaged too from its newest readable revision, for a summary
// that cannot be read (the next save stores it again). A report the index
// does not hold is in the trash; the time of its newest revision stands for
// when it changed and was deleted.
func rebuildInfo(tx *bolt.Tx, id string) (*info, error) {
	r, err := getReport(tx, id)
	if err != nil {
		if r, _ = newestRevision(tx, id); r == nil {
			return nil, err
		}
	}
	in := &info{Agency: r.Agency, Year: r.Year, Previous: r.Previous}
	if b := tx.Bucket(bucketRevs).Bucket([]byte(id)); b != nil {
		if _, h, err := lastRevision(b, id); err == nil && h != nil {
			in.Updated = h.Time
		}
	}
	if owner := indexGet(tx, indexKey(r.Agency, r.Year)); string(owner) != id {
		in.Deleted = in.Updated
	}
	prev, err := previousTx(tx, r)
	if err != nil && !errors.Is(err, ErrDamagedReport) {
		return nil, err
	}
	in.Errors, in.Missing, in.Warnings = countFindings(r, prev)
	return in, nil
}

// List returns the live reports, sorted by agency (pinyin order) then year,
// newest first. It reads the stored summaries, not the reports.
func (s *Store) List() ([]Summary, error) {
	return s.summaries(false)
}

// Trash returns the reports in the trash, most recently deleted first.
func (s *Store) Trash() ([]Summary, error) {
	list, err := s.summaries(true)
	sort.SliceStable(list, func(i, j int) bool { return list[i].Deleted.After(list[j].Deleted) })
	return list, err
}

// Get returns the report with that id, live or in the trash.
func (s *Store) Get(id string) (*model.Report, error) {
	var r *model.Report
	err := s.view(func(tx *bolt.Tx) (err error) { r, err = getReport(tx, id); return err })
	return r, err
}

// Lookup returns the summary of the live report of that agency and year
// without reading the report itself, so that it also finds a report whose
// content is damaged (to list or restore its history, or delete it).
func (s *Store) Lookup(agency string, year int) (Summary, error) {
	var sm Summary
	err := s.view(func(tx *bolt.Tx) error {
		id := indexGet(tx, indexKey(agency, year))
		if id == nil {
			return fmt.Errorf(txtNoSuchReport, ErrNotFound, model.TitleOf(strings.TrimSpace(agency), year))
		}
		in, err := loadInfo(tx, string(id))
		if err != nil {
			if e := (*ReportError)(nil); errors.As(err, &e) {
				sm = Summary{ID: string(id), Agency: e.Agency, Year: e.Year, Damaged: true}
				return nil
			}
			return err
		}
		sm = in.summary(string(id))
		return nil
	})
	return sm, err
}

// Find returns the live report of that agency and year. A report whose
// content cannot be read gives a *ReportError (ErrDamagedReport).
func (s *Store) Find(agency string, year int) (*model.Report, error) {
	var r *model.Report
	err := s.view(func(tx *bolt.Tx) (err error) {
		id := indexGet(tx, indexKey(agency, year))
		if id == nil {
			return fmt.Errorf(txtNoSuchReport, ErrNotFound, model.TitleOf(strings.TrimSpace(agency), year))
		}
		r, err = getReport(tx, string(id))
		return err
	})
	return r, err
}

// Previous returns last year's report for r: the linked one (r.Previous),
// else the same agency's report for year − 1; nil, nil if there is none.
func (s *Store) Previous(r *model.Report) (*model.Report, error) {
	var p *model.Report
	err := s.view(func(tx *bolt.Tx) (err error) { p, err = previousTx(tx, r); return err })
	if p != nil {
		p = p.Clone()
	}
	return p, err
}

// Create stores a new report (giving it an id if it has none) and records
// its first revision. It refuses a second live report for the same
// (机关名称, 年度) with ErrDuplicate.
func (s *Store) Create(r *model.Report, summary string) error {
	if r.ID == "" {
		r.ID = model.NewID()
	}
	now := s.opt.Now()
	return s.update(func(tx *bolt.Tx) error { return createTx(tx, r, summary, now) })
}

func createTx(tx *bolt.Tx, r *model.Report, summary string, now time.Time) error {
	if in, _ := getInfo(tx, r.ID); in != nil {
		return fmt.Errorf(txtIDTaken, ErrDuplicate, r.ID, model.TitleOf(in.Agency, in.Year))
	}
	js, _, err := writeReport(tx, r, now)
	if err != nil {
		return err
	}
	if summary == "" {
		summary = sumCreated
	}
	// The first state is kept as it was (imported or rolled forward):
	// later edits start a revision of their own.
	return addRevision(tx, r.ID, now, summary, js, true)
}

// Save stores r in one transaction (committed with fsync) and records the
// change in its history, coalescing revisions to at most one per five
// minutes of editing. A report not stored yet is created. On failure the
// error says in Chinese what to do; r is not modified, so the caller keeps
// it and saves again.
func (s *Store) Save(r *model.Report, summary string) error {
	if r.ID == "" {
		return s.Create(r, summary)
	}
	now := s.opt.Now()
	return s.update(func(tx *bolt.Tx) error {
		in, err := loadInfo(tx, r.ID)
		if errors.Is(err, ErrNotFound) {
			return createTx(tx, r, summary, now)
		}
		if err != nil {
			return err
		}
		if !in.Deleted.IsZero() {
			return inTrashError(r.ID, in)
		}
		js, changed, err := writeReport(tx, r, now)
		if err != nil || !changed {
			return err
		}
		return recordEdit(tx, r.ID, now, summary, js)
	})
}

// Replace stores r over an existing live report (an import): the report's
// state before is kept as a revision of its own. The existing report is
// found by r.ID, else by (机关名称, 年度), in which case r.ID is set to it.
func (s *Store) Replace(r *model.Report, summary string) error {
	now := s.opt.Now()
	return s.update(func(tx *bolt.Tx) error {
		id := r.ID
		if in, _ := getInfo(tx, id); id == "" || in == nil {
			owner := indexGet(tx, indexKey(r.Agency, r.Year))
			if owner == nil {
				return fmt.Errorf(txtNothingToRepl, ErrNotFound, model.TitleOf(strings.TrimSpace(r.Agency), r.Year))
			}
			id = string(owner)
		}
		in, err := liveInfo(tx, id)
		if err != nil {
			return err
		}
		// Importing over a damaged report repairs it: there is no state
		// before worth a revision, and the link comes from the summary.
		old, err := getReport(tx, id)
		if err != nil && !errors.Is(err, ErrDamagedReport) {
			return err
		}
		if old != nil {
			if err := sealCurrent(tx, id, now, sumBeforeImport); err != nil {
				return err
			}
		}
		c := r.Clone()
		c.ID = id
		if c.Previous == "" || tx.Bucket(bucketInfo).Get([]byte(c.Previous)) == nil {
			// An imported file knows nothing of this file's links: keep ours.
			c.Previous = in.Previous
		}
		js, changed, err := writeReport(tx, c, now)
		if err != nil {
			return err
		}
		r.ID = id
		if !changed {
			return nil
		}
		if summary == "" {
			summary = sumImported
		}
		return addRevision(tx, id, now, summary, js, true)
	})
}

// Delete moves a report to the trash; its history is kept.
func (s *Store) Delete(id string) error {
	now := s.opt.Now()
	return s.update(func(tx *bolt.Tx) error {
		in, err := liveInfo(tx, id)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketIndex).Delete(indexKey(in.Agency, in.Year)); err != nil {
			return err
		}
		in.Deleted = now
		if err := putInfo(tx, id, in); err != nil {
			return err
		}
		return refreshNext(tx, id, indexKey(in.Agency, in.Year+1))
	})
}

// Undelete brings a report back from the trash, refusing (ErrDuplicate) if
// its (机关名称, 年度) has been taken again meanwhile.
func (s *Store) Undelete(id string) error {
	return s.update(func(tx *bolt.Tx) error {
		in, err := loadInfo(tx, id)
		if err != nil {
			return err
		}
		if in.Deleted.IsZero() {
			return nil
		}
		key := indexKey(in.Agency, in.Year)
		if indexGet(tx, key) != nil {
			return fmt.Errorf(txtUndeleteTaken, ErrDuplicate, model.TitleOf(in.Agency, in.Year))
		}
		if err := indexPut(tx, key, []byte(id)); err != nil {
			return err
		}
		in.Deleted = time.Time{}
		if err := putInfo(tx, id, in); err != nil {
			return err
		}
		return refreshNext(tx, id, indexKey(in.Agency, in.Year+1))
	})
}

// NextHeader is what a report started from last year's changes in the
// header, e.g. the agency's new name after a 机构改革; empty fields keep
// last year's.
type NextHeader struct {
	Agency string
	Kind   model.Kind
	Scope  model.Scope
}

// RollForward starts next year's report from the report fromID (从上年报告
// 创建): year + 1, linked to it, s3.carried taken from its s3.forward, the
// header and the narratives copied as a starting draft, every other cell
// empty. It refuses if that agency already has a report for that year, or
// one was already started from this report.
func (s *Store) RollForward(fromID string) (*model.Report, error) {
	return s.RollForwardAs(fromID, NextHeader{})
}

// RollForwardAs is RollForward with the header changes h applied to the new
// report in the same transaction, so that a renamed agency's report is
// filed under its new name at once and (机关名称, 年度) is checked for that
// name, not the old one.
func (s *Store) RollForwardAs(fromID string, h NextHeader) (*model.Report, error) {
	now := s.opt.Now()
	var out *model.Report
	err := s.update(func(tx *bolt.Tx) error {
		if _, err := liveInfo(tx, fromID); err != nil {
			return err
		}
		src, err := getReport(tx, fromID)
		if err != nil {
			return err
		}
		year := src.Year + 1
		agency, kind, scope := src.Agency, src.Kind, src.Scope
		if strings.TrimSpace(h.Agency) != "" {
			agency = strings.TrimSpace(h.Agency)
		}
		if h.Kind != "" {
			kind = h.Kind
		}
		if h.Scope != "" {
			scope = h.Scope
		}
		if indexGet(tx, indexKey(agency, year)) != nil {
			return duplicateError(agency, year)
		}
		var taken error
		tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
			if in, err := decodeInfo(k, v); err == nil && in.Previous == fromID && in.Deleted.IsZero() {
				taken = fmt.Errorf(txtRolledAlready, ErrDuplicate, src.Title(), model.TitleOf(in.Agency, in.Year))
			}
			return nil
		})
		if taken != nil {
			return taken
		}
		r := model.New(agency, year, kind, scope)
		r.Previous = src.ID
		r.Preface = src.Preface
		r.S1.Intro = src.S1.Intro
		r.S1.Parts = append([]model.Part(nil), src.S1.Parts...)
		r.S5, r.S6 = src.S5, src.S6
		// The 落款: the same office signs next year (a renamed agency signs
		// with its new name, the default); the date is the new year's own.
		if agency == src.Agency {
			r.Signer = src.Signer
		}
		for _, c := range model.S3.Blocks[0].Cols {
			if c.Computed {
				continue
			}
			if v, ok := src.Get(model.S3.Addr("forward", c.Key)); ok {
				if err := r.Set(model.S3.Addr("carried", c.Key), v); err != nil {
					return err
				}
			}
		}
		if err := sealCurrent(tx, fromID, now, fmt.Sprintf(sumBeforeRoll, year)); err != nil {
			return err
		}
		if err := createTx(tx, r, fmt.Sprintf(sumRolledFrom, src.Title()), now); err != nil {
			return err
		}
		out = r
		return nil
	})
	return out, err
}

// MarkExport records the report's current state as a revision before an
// export (what: e.g. "HTML"), so that what was sent out can be found again.
func (s *Store) MarkExport(id string, what string) error {
	now := s.opt.Now()
	return s.update(func(tx *bolt.Tx) error {
		if _, err := loadInfo(tx, id); err != nil {
			return err
		}
		return sealCurrent(tx, id, now, fmt.Sprintf(sumExported, what))
	})
}
