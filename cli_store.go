package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"nianbao/model"
	"nianbao/store"
)

// openStore opens the draft file chosen by --db, $NIANBAO_DB or the default
// for a command that changes it, and makes the day's backup first (after
// checking the whole file; a failed backup is said on stderr, the command
// goes on). Any failure to open it means the draft file cannot be used:
// exit code 3.
func (a *app) openStore() (*store.Store, error) {
	path, err := store.ResolvePath(a.db)
	if err != nil {
		return nil, draftErr("%s", err.Error())
	}
	_, statErr := os.Stat(path)
	s, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, &cliError{code: exitDraft, msg: err.Error(), cause: err}
	}
	if errors.Is(statErr, fs.ErrNotExist) {
		// A mistyped --db would otherwise look like an empty draft file.
		a.note("已新建草稿文件：%s", path)
	}
	if err := s.DailyBackup(); err != nil {
		a.note("%s", err.Error())
	}
	return s, nil
}

// openReader opens the draft file read-only, for a command that only reads
// it: nothing is written (no backup, no upgrade), and a read-only file or
// folder works. A draft file that does not exist yet, or is of an older
// layout, is opened as openStore opens it (made, or upgraded) when that is
// possible.
func (a *app) openReader() (*store.Store, error) {
	path, err := store.ResolvePath(a.db)
	if err != nil {
		return nil, draftErr("%s", err.Error())
	}
	s, err := store.Open(path, store.Options{ReadOnly: true})
	var fe *store.FileError
	if errors.As(err, &fe) && (fe.Problem == store.Missing || fe.Problem == store.Older) {
		if s, werr := a.openStore(); werr == nil {
			return s, nil
		}
	}
	if err != nil {
		return nil, &cliError{code: exitDraft, msg: err.Error(), cause: err}
	}
	return s, nil
}

// withExporter opens the draft file for export: writable, so that the
// export is recorded in the history, or read-only when the file cannot be
// written (a read-only file, folder or disk, a full disk), for the export
// does not need it.
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

// markExport records the export of r in its history. When it cannot be
// recorded (a read-only draft file, a full disk) the export goes on and
// says so.
func (a *app) markExport(s *store.Store, r *model.Report, what string) error {
	if s.ReadOnly() {
		a.note("草稿文件不能写入，这次导出没有记入历史版本。")
		return nil
	}
	err := s.MarkExport(r.ID, what)
	if store.Unusable(err) {
		a.note("这次导出没有记入历史版本：%s", err.Error())
		return nil
	}
	return storeErr(err)
}

// dbPath is the draft file's path without opening it (backups, recover).
func (a *app) dbPath() (string, error) {
	path, err := store.ResolvePath(a.db)
	if err != nil {
		return "", draftErr("%s", err.Error())
	}
	return path, nil
}

// storeErr gives a store error its exit code: 3 when the draft file itself
// cannot be used, else 2 (unknown report, duplicate, bad request). The
// store's messages are Chinese already.
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
	return &cliError{code: code, msg: err.Error(), cause: err}
}

// resolveID is resolveArg for the commands that must reach a damaged report
// too (history, restore, delete: the officer's way to repair it). They need
// only its id and name, which the store still knows.
func (a *app) resolveID(s *store.Store, arg string) (id, name string, err error) {
	r, err := a.resolveArg(s, arg)
	var re *store.ReportError
	if errors.As(err, &re) {
		return re.ID, re.Name(), nil
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
		return "nianbao undelete " + id
	}
	return "nianbao undelete " + reportName(agency, year)
}

// resolve finds the report a REPORT argument names in the draft file.
func (a *app) resolve(s *store.Store, ref reportRef) (*model.Report, error) {
	if ref.isFile() {
		return nil, usageErr("%s 是 JSON 文件：这个命令只作用于草稿文件中的报告（要把文件放进草稿文件，请用 nianbao import %s）", ref.file, ref.file)
	}
	if ref.id != "" {
		r, err := s.Get(ref.id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, usageErr("草稿文件中没有 ID 为 %s 的报告（用 nianbao list 查看全部报告）", ref.id)
		}
		if err != nil {
			return nil, storeErr(err)
		}
		// Get also finds reports in the trash, which no command but
		// undelete may touch.
		if live, err := s.Find(r.Agency, r.Year); err != nil || live.ID != r.ID {
			return nil, usageErr("ID 为 %s 的报告在回收站中（用 nianbao undelete %s 恢复）", ref.id, ref.id)
		}
		return r, nil
	}
	r, err := s.Find(ref.agency, ref.year)
	if errors.Is(err, store.ErrNotFound) {
		msg := fmt.Sprintf("草稿文件中没有报告 %s（用 nianbao list 查看全部报告）", reportName(ref.agency, ref.year))
		if trash, terr := s.Trash(); terr == nil {
			for _, t := range trash {
				if t.Agency == ref.agency && t.Year == ref.year {
					msg = fmt.Sprintf("报告 %s 在回收站中（用 %s 恢复）", reportName(ref.agency, ref.year), undeleteHint(s, t.Agency, t.Year, t.ID))
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

func (a *app) closeAfter(s *store.Store, f func(s *store.Store) error) error {
	ferr := f(s)
	if cerr := s.Close(); cerr != nil && ferr == nil {
		ferr = storeErr(cerr)
	}
	return ferr
}

// checkItemsFromStore loads the reports `check` was given by name (or every
// live report with --all) with last year's report of each. A name that
// cannot be found is reported and leaves a nil item.
func (a *app) checkItemsFromStore(refs []reportRef, all bool) ([]*checkItem, error) {
	var items []*checkItem
	err := a.withReader(func(s *store.Store) error {
		if all {
			sums, err := s.List()
			if err != nil {
				return storeErr(err)
			}
			// Decoding is most of the work: bbolt allows concurrent readers, so
			// load on every core, and find last year's report among those loaded
			// rather than decoding it a second time.
			reports := make([]*model.Report, len(sums))
			errs := make([]error, len(sums))
			parallel(len(sums), func(i int) { reports[i], errs[i] = s.Get(sums[i].ID) })
			// A damaged report is reported and skipped: the others are
			// still worth checking (exit code 3 says the file needs care).
			live := reports[:0]
			for i, err := range errs {
				switch {
				case errors.Is(err, store.ErrDamagedReport):
					a.fail(storeErr(err))
				case err != nil:
					return storeErr(err)
				default:
					live = append(live, reports[i])
				}
			}
			reports = live
			type key struct {
				agency string
				year   int
			}
			byID := make(map[string]*model.Report, len(reports))
			byKey := make(map[key]*model.Report, len(reports))
			for _, r := range reports {
				byID[r.ID] = r
				byKey[key{r.Agency, r.Year}] = r
			}
			for _, r := range reports {
				// As the store's Previous: the linked report if it is live, else
				// the same agency's report for year − 1.
				prev := byKey[key{r.Agency, r.Year - 1}]
				if p, ok := byID[r.Previous]; ok && r.Previous != "" {
					prev = p
				}
				if prev == r {
					prev = nil
				}
				items = append(items, &checkItem{name: reportName(r.Agency, r.Year), r: r, prev: prev})
			}
			return nil
		}
		for _, ref := range refs {
			r, err := a.resolve(s, ref)
			if err != nil {
				var ce *cliError
				if errors.As(err, &ce) && ce.code == exitDraft {
					return err
				}
				a.fail(err)
				items = append(items, nil)
				continue
			}
			prev, err := s.Previous(r)
			if err != nil {
				return storeErr(err)
			}
			items = append(items, &checkItem{name: reportName(r.Agency, r.Year), r: r, prev: prev})
		}
		return nil
	})
	return items, err
}

// countFindings counts the errors (and among them the missing ones) and
// warnings of r.
func countFindings(r, prev *model.Report) (errs, missing, warns int) {
	for _, f := range model.Check(r, prev) {
		switch {
		case f.Severity != model.SevError:
			warns++
		case f.ID == "missing":
			errs++
			missing++
		default:
			errs++
		}
	}
	return
}
