package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"nianbao/model"
	"nianbao/office"
	"nianbao/store"
)

// openStore opens the draft file chosen by --db, $NIANBAO_DB or the default
// for a command that changes it, and makes the day's backup first (after
// checking the whole file; a backup that could not be made is said on
// stderr, and the command goes on). Any failure to open it means the draft
// file cannot be used: exit code 3.
func (a *app) openStore() (*store.Store, error) {
	s, err := a.openDraft()
	if err != nil {
		return nil, err
	}
	if err := s.DailyBackup(); err != nil {
		a.note("%s", backupMessage(err))
	}
	return s, nil
}

// openDraft is openStore without the day's backup: the UI makes it once its
// first screen is drawn.
func (a *app) openDraft() (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	_, statErr := os.Stat(path)
	s, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, &cliError{code: exitDraft, msg: storeMessage(err), cause: err}
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		// A mistyped --db would otherwise look like an empty draft file.
		a.note(txtNewDraftFile, path)
	}
	return s, nil
}

// openReader opens the draft file read-only, for a command that only reads
// it: nothing is written (no backup, no upgrade), so a read-only file or
// folder works. A draft file that does not exist yet, or is of an older
// layout, is opened as openStore opens it (made, or upgraded) where that
// is possible.
func (a *app) openReader() (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	s, err := store.Open(path, store.Options{ReadOnly: true})
	var fe *store.FileError
	if errors.As(err, &fe) && (fe.Problem == store.Missing || fe.Problem == store.Older) {
		s, werr := a.openStore()
		if werr == nil {
			return s, nil
		}
		// A path that leads nowhere (a shortcut to nothing, a file in
		// the way): why it could not be made says more than "missing".
		var we *store.FileError
		if errors.As(werr, &we) && we.Problem == store.NotWritable && !we.ReadOnly() && !we.DiskFull() {
			return nil, werr
		}
	}
	if err != nil {
		return nil, &cliError{code: exitDraft, msg: storeMessage(err), cause: err}
	}
	return s, nil
}

// backupMessage says why the day's backup was not made, and what to do.
func backupMessage(err error) string {
	msg := err.Error()
	var be *store.BackupError
	var fe *store.FileError
	if errors.As(err, &be) && errors.As(be.Err, &fe) && fe.Problem == store.Damaged {
		return storeMessage(err) // the file's facts and the way back
	}
	if errors.As(err, &be) {
		for _, re := range be.Damaged {
			name := re.ID
			if re.Named() {
				name = reportName(re.Agency, re.Year)
			}
			msg += fmt.Sprintf(adviceDamagedReport, name, name)
		}
	}
	return msg
}

// dbPath is the draft file's path without opening it (backups, recover).
func (a *app) dbPath() (string, error) {
	path, err := store.ResolvePath(a.db)
	if errors.Is(err, store.ErrNoDataDir) {
		return "", draftErr(txtNoDataDir, err.Error())
	}
	if err != nil {
		return "", draftErr("%s", err.Error())
	}
	return path, nil
}

// storeMessage is a store error as the command line says it: the store's
// facts, then what to do here, naming our commands and --db (the store
// names none).
func storeMessage(err error) string {
	msg := err.Error()
	var fe *store.FileError
	var re *store.ReportError
	switch {
	case errors.As(err, &fe):
		switch fe.Problem {
		case store.Held:
			msg += adviceHeld
		case store.Damaged:
			if fe.Backup != "" {
				msg += fmt.Sprintf(adviceRecover, fe.Backup)
			} else {
				msg += adviceNoBackup
			}
		case store.IsFolder, store.NotFile:
			msg += adviceIsFolder
		case store.NotDraft:
			msg += adviceNotDraft
		case store.NoLocks:
			msg += adviceNoLocks
		case store.NotWritable:
			switch {
			case fe.Migrating:
			case fe.DiskFull():
				msg += adviceDiskFull
			case fe.ReadOnly():
				msg += adviceNotWritable
			default:
				// The path leads nowhere (a missing folder, a broken
				// shortcut, a file in the way).
				msg += adviceOtherPath
			}
		case store.Missing, store.Older:
			msg += adviceNotWritable
		case store.Unreadable:
			msg += adviceUnreadable
		case store.SaveFailed:
			switch {
			case fe.DiskFull():
				msg += adviceDiskFull
			case fe.ReadOnly():
				msg += adviceReadOnly
			}
			msg += adviceNotSaved
		}
	case errors.As(err, &re):
		name := re.ID
		if re.Named() {
			name = reportName(re.Agency, re.Year)
		}
		msg += fmt.Sprintf(adviceDamagedReport, name, name)
	}
	return msg
}

// storeErr gives a store error its exit code: 3 when the draft file itself
// cannot be used, else 2 (unknown report, duplicate, bad request).
func storeErr(err error) error {
	if err == nil {
		return nil
	}
	var ce *cliError
	if errors.As(err, &ce) {
		return err
	}
	code := exitUsage
	// A damaged report is a damaged draft file, if only in part.
	if store.Unusable(err) || errors.Is(err, store.ErrDamagedReport) {
		code = exitDraft
	}
	return &cliError{code: code, msg: storeMessage(err), cause: err}
}

// resolveID is resolveArg for the commands that must reach a damaged report
// too (history, restore, delete: the officer's way to repair it). They need
// only its id and name, which the store still knows.
func (a *app) resolveID(s *store.Store, arg string) (id, name string, err error) {
	r, err := a.resolveArg(s, arg)
	var re *store.ReportError
	if errors.As(err, &re) {
		if re.Named() {
			return re.ID, reportName(re.Agency, re.Year), nil
		}
		return re.ID, re.ID, nil
	}
	if err != nil {
		return "", "", err
	}
	return r.ID, reportName(r.Agency, r.Year), nil
}

// undeleteHint names a deleted report the way undelete will accept: by
// 机关名称/年度 while that is unique in the trash, else by its ID.
func undeleteHint(s *store.Store, agency string, year int, id string) string {
	n := 0
	if trash, err := s.Trash(); err == nil {
		for _, t := range trash {
			if t.Agency == agency && t.Year == year {
				n++
			}
		}
	}
	if n != 1 {
		return cmdUndelete + id
	}
	return cmdUndelete + reportName(agency, year)
}

// resolve finds the report a REPORT argument names in the draft file.
func (a *app) resolve(s *store.Store, ref reportRef) (*model.Report, error) {
	if ref.isFile() {
		return nil, usageErr(txtIsJSONFile, ref.file, ref.file)
	}
	if ref.id != "" {
		r, err := s.Get(ref.id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, usageErr(txtNoSuchID, ref.id)
		}
		if err != nil {
			return nil, storeErr(err)
		}
		// Get also finds reports in the trash, which no command but
		// undelete may touch.
		if live, err := s.Find(r.Agency, r.Year); err != nil || live.ID != r.ID {
			return nil, usageErr(txtIDInTrash, ref.id, ref.id)
		}
		return r, nil
	}
	r, err := s.Find(ref.agency, ref.year)
	if errors.Is(err, store.ErrNotFound) {
		msg := fmt.Sprintf(txtNoSuchReport, reportName(ref.agency, ref.year))
		if trash, terr := s.Trash(); terr == nil {
			for _, t := range trash {
				if t.Agency == ref.agency && t.Year == ref.year {
					msg = fmt.Sprintf(txtReportInTrash, reportName(ref.agency, ref.year), undeleteHint(s, t.Agency, t.Year, t.ID))
					break
				}
			}
		}
		return nil, usageErr("%s", msg)
	}
	return r, storeErr(err)
}

// resolveArg parses and resolves a REPORT argument.
func (a *app) resolveArg(s *store.Store, arg string) (*model.Report, error) {
	ref, err := parseReportRef(arg)
	if err != nil {
		return nil, err
	}
	return a.resolve(s, ref)
}

// withStore opens the draft file, runs f and closes the file again.
func (a *app) withStore(f func(s *store.Store) error) error {
	s, err := a.openStore()
	if err != nil {
		return err
	}
	return a.closeAfter(s, f)
}

// withReader is withStore for a command that only reads (openReader).
func (a *app) withReader(f func(s *store.Store) error) error {
	s, err := a.openReader()
	if err != nil {
		return err
	}
	return a.closeAfter(s, f)
}

// withExporter is withStore for an export: writable, so that the export is
// recorded in the history, else read-only when the file cannot be written
// (a read-only file, folder or disk, a full disk): the export itself does
// not need it, and says it was not recorded.
func (a *app) withExporter(f func(s *store.Store) error) error {
	s, err := a.openStore()
	var fe *store.FileError
	if errors.As(err, &fe) && fe.Problem == store.NotWritable {
		s, err = a.openReader()
	}
	if err != nil {
		return err
	}
	return a.closeAfter(s, f)
}

func (a *app) closeAfter(s *store.Store, f func(s *store.Store) error) error {
	ferr := f(s)
	if cerr := s.Close(); cerr != nil && ferr == nil {
		ferr = storeErr(cerr)
	}
	return ferr
}

// withOffice is withStore for the operations of the use-case package.
func (a *app) withOffice(f func(o *office.Office) error) error {
	return a.withStore(func(s *store.Store) error { return f(a.office(s)) })
}

// office is the use-case package on s (nil: no draft file), naming this
// build in what it exports.
func (a *app) office(s *store.Store) *office.Office {
	return office.New(s).WithGenerator(a.generator())
}

// withOfficeReader is withReader for the use-case package.
func (a *app) withOfficeReader(f func(o *office.Office) error) error {
	return a.withReader(func(s *store.Store) error { return f(a.office(s)) })
}
