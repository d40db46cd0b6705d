package office

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"nianbao/importer"
	"nianbao/internal/fsreason"
	"nianbao/model"
	"nianbao/store"
)

// This file is 汇集: reading every unit's report in a folder into the draft
// file, in every form the importer reads, and again later without losing
// what the officer changed since.

// CollectOutcome is what collecting did with one file.
type CollectOutcome int

const (
	// CollectFailed: the file could not be read (Err says why), or the
	// report could not be stored.
	CollectFailed CollectOutcome = iota
	// CollectAdded: a new report.
	CollectAdded
	// CollectUpdated: the file changed since it was last collected and the
	// report had not been changed here: replaced by the file's (the state
	// before kept in its history).
	CollectUpdated
	// CollectUnchanged: the stored report is what the file holds.
	CollectUnchanged
	// CollectKept: the file is as it was last collected; the report was
	// changed here since, and is kept as it is.
	CollectKept
	// CollectConflict: the file changed and so did the report here (or the
	// report was not collected from a file): not replaced. Asked again with
	// replace, it is (CollectReplaced), its state before kept.
	CollectConflict
	// CollectReplaced: a conflict replaced as asked.
	CollectReplaced
	// CollectSame: another file of the folder holds the same report
	// (Other names it): read once.
	CollectSame
	// CollectDuplicate: another file of the folder (Other) holds a
	// different report of the same agency and year: neither is guessed
	// right, this one is not stored.
	CollectDuplicate
)

// OK reports whether the file was read and its report is in the draft
// file as the file holds it, or kept as the officer changed it: everything
// but a failure, a conflict not replaced and a duplicate.
func (c CollectOutcome) OK() bool {
	return c != CollectFailed && c != CollectConflict && c != CollectDuplicate
}

// CollectItem is one file of a collected folder.
type CollectItem struct {
	Path string // as found in the folder
	File string // its base name
	// Import is the file read (nil when it could not be): the report as
	// stored, its notes kept in the report's notes too.
	Import  *Import
	Outcome CollectOutcome
	Err     error
	Other   string // CollectSame, CollectDuplicate: the other file's name
}

// FolderError: the folder to collect cannot be read.
type FolderError struct {
	Path string
	Err  error
}

func (e *FolderError) Error() string {
	if errors.Is(e.Err, errNotFolder) {
		return fmt.Sprintf(txtFolderIsFile, e.Path)
	}
	var pe *os.PathError
	if errors.As(e.Err, &pe) {
		switch {
		case errors.Is(pe.Err, os.ErrNotExist):
			return fmt.Sprintf(txtNoFolder, e.Path)
		case errors.Is(pe.Err, os.ErrPermission):
			return fmt.Sprintf(txtFolderDenied, e.Path)
		}
	}
	return fmt.Sprintf(txtFolderUnreadable, e.Path, fsreason.Reason(e.Path, e.Err))
}

func (e *FolderError) Unwrap() error { return e.Err }

// ReadFolder reads every file of the folder dir (not its subfolders, not
// hidden files or an office suite's lock files), each through the
// importer's one entry point, on every core. It needs no draft file.
// skipped names the subfolders left out.
func ReadFolder(dir string) (items []*CollectItem, skipped []string, err error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, nil, &FolderError{Path: dir, Err: err}
	}
	if !st.IsDir() {
		return nil, nil, &FolderError{Path: dir, Err: errNotFolder}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, &FolderError{Path: dir, Err: err}
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			skipped = append(skipped, name)
			continue
		}
		items = append(items, &CollectItem{Path: p, File: name})
	}
	parallel(len(items), func(i int) {
		it := items[i]
		imp, err := ReadImport(it.Path, importer.Options{})
		if err != nil {
			it.Err = err
			return
		}
		keepNotes(imp)
		it.Import = imp
	})
	// Two files of one agency and year: the same report (a .docx and its
	// PDF) is read once, from the first by name; different figures are
	// neither read, since neither can be told right.
	groups := map[string][]*CollectItem{}
	var keys []string
	for _, it := range items {
		if it.Import == nil {
			continue
		}
		r := it.Import.Report
		k := fmt.Sprintf("%s\x00%d", strings.TrimSpace(r.Agency), r.Year)
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], it)
	}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		same := true
		for _, it := range g[1:] {
			same = same && sameCells(g[0].Import.Report, it.Import.Report)
		}
		for i, it := range g {
			switch {
			case same && i > 0:
				it.Outcome, it.Other = CollectSame, g[0].File
			case !same:
				var others []string
				for _, o := range g {
					if o != it {
						others = append(others, o.File)
					}
				}
				it.Outcome, it.Other = CollectDuplicate, strings.Join(others, txtFileSep)
			}
		}
	}
	return items, skipped, nil
}

var errNotFolder = errors.New(txtNotFolder)

// keepNotes keeps the importer's notes with the report: the notes on cells
// are there already; the others go in as notes on the report as a whole,
// so that the collecting office sees them in every list of findings.
func keepNotes(imp *Import) {
	r := imp.Report
	for _, n := range imp.Notes {
		if !slices.ContainsFunc(r.Notes, func(x model.Note) bool { return x.Text == n }) {
			r.AddNote(n)
		}
	}
}

// Collect reads the folder and stores what it read (CollectItems).
func (o *Office) Collect(dir string, replace bool) ([]*CollectItem, []string, error) {
	if _, err := o.store(); err != nil {
		return nil, nil, err
	}
	items, skipped, err := ReadFolder(dir)
	if err != nil {
		return nil, nil, err
	}
	return items, skipped, o.CollectItems(items, replace)
}

// CollectItems stores the reports ReadFolder read, one file at a time in
// the folder's order. A file's report is stored under its agency and year;
// over a report there already it is replaced only when that report is as
// the file held it when last collected (CollectUpdated), else left as it is
// (CollectConflict), unless replace (CollectReplaced). Every replaced state
// is kept in the report's history. An error is returned only when the
// draft file itself fails; a report that cannot be stored is that file's
// CollectFailed.
func (o *Office) CollectItems(items []*CollectItem, replace bool) error {
	db, err := o.store()
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Import == nil || it.Outcome == CollectSame || it.Outcome == CollectDuplicate {
			continue
		}
		if it.Outcome != CollectFailed && it.Outcome != CollectConflict {
			continue // done in an earlier call
		}
		if err := o.collectOne(db, it, replace); err != nil {
			if store.Unusable(err) {
				return err
			}
			it.Outcome, it.Err = CollectFailed, err
		}
	}
	return nil
}

func (o *Office) collectOne(db *store.Store, it *CollectItem, replace bool) error {
	imp := it.Import
	if err := o.FindExisting(imp); err != nil {
		return err
	}
	sum := fmt.Sprintf(sumCollected, shownName(it.File))
	ex := imp.Existing
	if ex == nil {
		if err := o.storeImport(imp, false, sum, sum); err != nil {
			return err
		}
		it.Outcome = CollectAdded
		return nil
	}
	// The officer's header stays: the kind and scope the collecting
	// office set, and the link to last year.
	imp.Report.Kind, imp.Report.Scope = ex.Kind, ex.Scope
	if sameReport(imp.Report, ex) {
		it.Outcome = CollectUnchanged
		return nil
	}
	base, err := o.collectedState(db, ex.ID)
	if err != nil {
		return err
	}
	switch {
	case base != nil && sameReport(imp.Report, base):
		it.Outcome = CollectKept
		return nil
	case base != nil && sameReport(ex, base):
		it.Outcome = CollectUpdated
	case replace:
		it.Outcome = CollectReplaced
	default:
		it.Outcome = CollectConflict
		return nil
	}
	return o.storeImport(imp, true, sum, sum)
}

// collectedState is the report id as it was last collected from a file:
// its newest revision recorded by a collect, or nil.
func (o *Office) collectedState(db *store.Store, id string) (*model.Report, error) {
	revs, err := db.History(id)
	if err != nil {
		return nil, err
	}
	for _, rv := range revs {
		if strings.HasPrefix(rv.Summary, sumCollectedMark) {
			r, err := db.Revision(id, rv.N)
			if err != nil {
				return nil, nil // a damaged revision: as if never collected
			}
			return r, nil
		}
	}
	return nil, nil
}

// sameReport reports whether a and b hold the same report, whatever their
// ids, links, kinds and scopes (the draft file's own business).
func sameReport(a, b *model.Report) bool {
	norm := func(r *model.Report) []byte {
		c := r.Clone()
		c.ID, c.Previous, c.Kind, c.Scope = "x", "", model.KindOther, model.ScopeSelf
		js, err := model.Encode(c)
		if err != nil {
			return nil
		}
		return js
	}
	x, y := norm(a), norm(b)
	return x != nil && bytes.Equal(x, y)
}

// sameCells reports whether a and b hold the same figures.
func sameCells(a, b *model.Report) bool {
	for _, c := range model.InputCells() {
		va, oka := a.Get(c.Addr)
		vb, okb := b.Get(c.Addr)
		if oka != okb || va != vb {
			return false
		}
	}
	return true
}
