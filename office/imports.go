package office

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"nianbao/importer"
	"nianbao/model"
	"nianbao/store"
)

// Import is a file read for import, not stored yet.
type Import struct {
	Report *model.Report
	// Notes are the importer's notes for the officer (Chinese, one fact
	// each).
	Notes []string
	File  string // the file's base name
	// Existing is the stored report of the same agency and year, if any:
	// storing replaces it only when asked to.
	Existing *model.Report
	// KindDefaulted: the file did not tell the agency's kind, which was set
	// to 其他机关 (StoreImport sets it; each front end says where to change it).
	KindDefaulted bool
}

// MissingError: the file does not say the report's agency (Year false) or
// year (Year true), and none was given.
type MissingError struct {
	File string
	Year bool
}

func (e *MissingError) Error() string {
	if e.Year {
		return fmt.Sprintf(txtNoYear, e.File)
	}
	return fmt.Sprintf(txtNoAgency, e.File)
}

// ExistsError: a report of the file's agency and year is already stored and
// replacing it was not asked for.
type ExistsError struct{ Existing *model.Report }

func (e *ExistsError) Error() string { return fmt.Sprintf(txtExists, e.Existing.Title()) }

// ImportableExtensions are the extensions of the files the importer reads
// (for a file dialog's completion); the importer decides each file's form by
// its content and extension.
func ImportableExtensions() []string { return importer.Extensions() }

// ReadImport reads the file at path (opt overriding its agency and year).
// It needs no draft file. The importer's error (Chinese, naming the file) is
// returned as it is; a file that says no agency or year gives a
// *MissingError.
func ReadImport(path string, opt importer.Options) (*Import, error) {
	res, err := importer.ImportFile(path, opt)
	if err != nil {
		return nil, err
	}
	imp := &Import{Report: res.Report, Notes: res.Notes, File: filepath.Base(path)}
	// What a file brings in passes the model's rules for what comes in:
	// texts lose control characters (said in a note), a name with one is
	// refused, naming the field.
	removed, err := imp.Report.Sanitize()
	if err != nil {
		return nil, err
	}
	if removed > 0 {
		imp.Notes = append(imp.Notes, fmt.Sprintf(txtControlsRemoved, removed))
	}
	switch r := imp.Report; {
	case strings.TrimSpace(r.Agency) == "":
		return nil, &MissingError{File: path}
	case r.Year == 0:
		return nil, &MissingError{File: path, Year: true}
	}
	return imp, nil
}

// FindExisting sets imp.Existing: the stored report of the same agency and
// year, if any (for a front end to ask before replacing it).
func (o *Office) FindExisting(imp *Import) error {
	db, err := o.store()
	if err != nil {
		return err
	}
	old, err := db.Find(imp.Report.Agency, imp.Report.Year)
	switch {
	case err == nil:
		imp.Existing = old
	case errors.Is(err, store.ErrNotFound):
		imp.Existing = nil
	default:
		return err
	}
	return nil
}

// StoreImport stores a report read by ReadImport. Over an existing report
// (found again now: FindExisting) it
// needs replace (else *ExistsError): the stored report keeps its identity,
// its link to last year and, where the file says nothing, its kind and scope,
// and its state before is kept as a revision. A new report gets a fresh id
// when the file's is taken (the JSON of a report still stored under another
// name, or a copy of it), kind 其他机关 when the file does not tell
// (KindDefaulted), and scope 本机关. imp.Report.ID is the stored report's.
func (o *Office) StoreImport(imp *Import, replace bool) error {
	file := shownName(imp.File)
	return o.storeImport(imp, replace, fmt.Sprintf(sumImport, file), fmt.Sprintf(sumImportReplace, file))
}

// storeImport is StoreImport recording the new report's first revision as
// created and a replacing one as replaced.
func (o *Office) storeImport(imp *Import, replace bool, created, replaced string) error {
	db, err := o.store()
	if err != nil {
		return err
	}
	if err := o.FindExisting(imp); err != nil {
		return err
	}
	r := imp.Report.Clone()
	if ex := imp.Existing; ex != nil {
		if !replace {
			return &ExistsError{Existing: ex}
		}
		r.ID = ex.ID
		if r.Previous == "" {
			r.Previous = ex.Previous
		}
		if r.Kind == "" {
			r.Kind = ex.Kind
		}
		if r.Scope == "" {
			r.Scope = ex.Scope
		}
		if err := db.Replace(r, replaced); err != nil {
			return err
		}
		imp.Report.ID = r.ID
		return nil
	}
	if r.ID == "" {
		r.ID = model.NewID()
	} else if _, err := db.Get(r.ID); err == nil || errors.Is(err, store.ErrDamagedReport) {
		r.ID = model.NewID()
	}
	if r.Kind == "" {
		r.Kind = model.KindOther
		imp.KindDefaulted = true
	}
	if r.Scope == "" {
		r.Scope = model.ScopeSelf
	}
	if err := db.Create(r, created); err != nil {
		return err
	}
	imp.Report.ID, imp.Report.Kind, imp.Report.Scope = r.ID, r.Kind, r.Scope
	return nil
}

// shownName is a file name as a revision's summary keeps it: a name on disk
// may hold any byte, a summary no control character (model.CleanText).
func shownName(name string) string {
	clean, _ := model.CleanText(name)
	return clean
}
