package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"nianbao/model"
	"nianbao/store"
)

// openStore opens the draft file chosen by --db, $NIANBAO_DB or the default.
// Any failure to open it means the draft file cannot be used: exit code 3.
func (a *app) openStore() (*store.Store, error) {
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
		a.note("已新建草稿文件：%s", path)
	}
	return s, nil
}

// dbPath is the draft file's path without opening it (backups, recover).
func (a *app) dbPath() (string, error) {
	path, err := store.ResolvePath(a.db)
	if errors.Is(err, store.ErrNoDataDir) {
		return "", draftErr("%s，请用 --db 指定草稿文件的位置", err.Error())
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
			msg += "请先关闭那个窗口，或用 --db 指定另一个草稿文件。"
		case store.Damaged:
			if fe.Backup != "" {
				msg += "可以用 nianbao recover " + fe.Backup + " 从备份恢复（当前文件会保留在旁边）；用 nianbao backups 可以列出全部备份。"
			} else {
				msg += "请把它交给技术人员检查，或用 --db 换一个新的草稿文件。"
			}
		case store.IsFolder:
			msg += "请用 --db 指定一个文件。"
		case store.NotDraft:
			msg += "请用 --db 指定 nianbao 的草稿文件。"
		case store.NoLocks:
			msg += "可以用 --db 指定本机磁盘上的草稿文件。"
		case store.NotWritable:
			if !fe.Migrating {
				msg += "请换一个可写的文件夹（用 --db 指定），或请管理员开放写入权限。"
			}
		case store.SaveFailed:
			switch {
			case fe.DiskFull():
				msg += "请腾出磁盘空间后再试。"
			case fe.ReadOnly():
				msg += "请让管理员开放写入权限，或用 --db 换一个可写的位置后再试。"
			}
			msg += "这次的修改没有写入草稿文件。"
		}
	case errors.As(err, &re):
		name := re.ID
		if re.Named() {
			name = reportName(re.Agency, re.Year)
		}
		msg += fmt.Sprintf("用 nianbao history %s 列出历史版本，再用 nianbao restore %s 版本号 恢复。", name, name)
	}
	return msg
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
	err := a.withStore(func(s *store.Store) error {
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

// countFindings counts the errors (the missing ones included, and also
// apart) and the warnings of r.
func countFindings(r, prev *model.Report) (errs, missing, warns int) {
	n := model.Tally(model.Check(r, prev))
	return n.AllErrors(), n.Missing(), n.Warnings
}
