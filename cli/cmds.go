package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"nianbao/model"
	"nianbao/office"
	"nianbao/store"
)

// timeLayout is how times are shown on the command line (local time).
const timeLayout = "2006-01-02 15:04:05"

// command builds a command from its help and what it does.
func command(h cmdHelp, args cobra.PositionalArgs, run func(cmd *cobra.Command, args []string) error) *cobra.Command {
	return &cobra.Command{Use: h.use, Short: h.short, Long: h.long, Example: h.example, Args: args, RunE: run}
}

// parseKind accepts a kind's code (county_dept) or its Chinese name.
func parseKind(s string) (model.Kind, error) {
	s = strings.TrimSpace(s)
	for _, k := range model.Kinds {
		if s == string(k) || s == k.Name() {
			return k, nil
		}
	}
	var opts []string
	for _, k := range model.Kinds {
		opts = append(opts, string(k)+" "+k.Name())
	}
	return "", usageErr(txtBadKind, s, strings.Join(opts, txtKindSep))
}

// kindFlagHelp lists the kinds for --kind's help, from the model.
func kindFlagHelp() string {
	var opts []string
	for _, k := range model.Kinds {
		opts = append(opts, string(k)+" "+k.Name())
	}
	return fmt.Sprintf(flagKind, strings.Join(opts, txtListSep))
}

// parseScope accepts self/area or 本机关/汇总.
func parseScope(s string) (model.Scope, error) {
	s = strings.TrimSpace(s)
	for _, sc := range model.Scopes {
		if s == string(sc) || s == sc.Name() {
			return sc, nil
		}
	}
	return "", usageErr(txtBadScope, s)
}

// checkAgency takes an agency name given as an option: the model's rule
// for names (no control character, line break or tab; not too long)
// refuses it with the reason rather than changing it.
func checkAgency(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", usageErr(txtAgencyEmpty)
	}
	if err := model.CheckName(nameAgency, s); err != nil {
		return "", usageErr("%s", err.Error())
	}
	return s, nil
}

func checkYear(y int) error {
	if y < 1000 || y > 9999 {
		return usageErr(txtBadYearValue, y)
	}
	return nil
}

// parseHeaderFlags reads the header options that new and meta share
// (--agency, --kind, --scope); a field stays zero when its option was not
// given, which is also what a roll forward takes as "keep last year's".
func parseHeaderFlags(fl *pflag.FlagSet, agency, kind, scope string) (store.NextHeader, error) {
	var h store.NextHeader
	var err error
	if fl.Changed("agency") {
		if h.Agency, err = checkAgency(agency); err != nil {
			return h, err
		}
	}
	if fl.Changed("kind") {
		if h.Kind, err = parseKind(kind); err != nil {
			return h, err
		}
	}
	if fl.Changed("scope") {
		if h.Scope, err = parseScope(scope); err != nil {
			return h, err
		}
	}
	return h, nil
}

// duplicateErr says that a report of that agency and year is already there.
func duplicateErr(err error, agency string, year int) error {
	if errors.Is(err, store.ErrDuplicate) {
		return usageErr(txtAlreadyThere, reportName(agency, year))
	}
	return storeErr(err)
}

func (a *app) newCmd() *cobra.Command {
	var agency, kind, scope, from string
	var year int
	cmd := command(helpNew, argsExact(0, argsNew), func(cmd *cobra.Command, args []string) error {
		fl := cmd.Flags()
		h, err := parseHeaderFlags(fl, agency, kind, scope)
		if err != nil {
			return err
		}
		k, sc := model.KindOther, model.ScopeSelf
		if fl.Changed("kind") {
			k = h.Kind
		}
		if fl.Changed("scope") {
			sc = h.Scope
		}
		if fl.Changed("year") {
			if err := checkYear(year); err != nil {
				return err
			}
		}
		if from == "" && (!fl.Changed("agency") || !fl.Changed("year")) {
			return usageErr(txtNewNeeds)
		}
		return a.withOffice(func(o *office.Office) error {
			var r *model.Report
			if from == "" {
				if r, err = o.NewReport(h.Agency, year, k, sc); err != nil {
					return duplicateErr(err, h.Agency, year)
				}
			} else {
				src, err := a.resolveArg(o.Store(), from)
				if err != nil {
					return err
				}
				if fl.Changed("year") && year != src.Year+1 {
					return usageErr(txtFromYear, reportName(src.Agency, src.Year), src.Year+1, year)
				}
				target := src.Agency
				if h.Agency != "" {
					target = h.Agency
				}
				rolled, err := o.RollForward(src.ID, h)
				if err != nil {
					if _, ferr := o.Store().Find(target, src.Year+1); ferr == nil {
						return duplicateErr(err, target, src.Year+1)
					}
					return storeErr(err) // e.g. next year's was already started from it
				}
				r = rolled.Report
			}
			fmt.Fprintln(a.stdout, reportName(r.Agency, r.Year))
			if from == "" && !fl.Changed("kind") {
				a.note(txtKindDefaulted, k.Name())
			}
			return nil
		})
	})
	f := cmd.Flags()
	f.StringVar(&agency, "agency", "", flagAgency)
	f.IntVar(&year, "year", 0, flagYear)
	f.StringVar(&kind, "kind", "", kindFlagHelp()+flagKindNew)
	f.StringVar(&scope, "scope", "", flagScope+flagScopeNew)
	f.StringVar(&from, "from", "", flagFrom)
	return cmd
}

func (a *app) metaCmd() *cobra.Command {
	var agency, kind, scope, previous, signer, date string
	cmd := command(helpMeta, argsExact(1, argsOneReport), func(cmd *cobra.Command, args []string) error {
		fl := cmd.Flags()
		if !fl.Changed("agency") && !fl.Changed("kind") && !fl.Changed("scope") && !fl.Changed("previous") &&
			!fl.Changed("signer") && !fl.Changed("date") {
			return usageErr(txtMetaNothing)
		}
		h, err := parseHeaderFlags(fl, agency, kind, scope)
		if err != nil {
			return err
		}
		return a.withOffice(func(o *office.Office) error {
			r, err := a.resolveArg(o.Store(), args[0])
			if err != nil {
				return err
			}
			var c office.HeaderChange
			if fl.Changed("agency") {
				c.Agency = &h.Agency
			}
			if fl.Changed("kind") {
				c.Kind = &h.Kind
			}
			if fl.Changed("scope") {
				c.Scope = &h.Scope
			}
			if fl.Changed("previous") {
				id := ""
				if strings.TrimSpace(previous) != "" {
					p, err := a.resolveArg(o.Store(), previous)
					if err != nil {
						return err
					}
					id = p.ID
				}
				c.Previous = &id
			}
			if fl.Changed("signer") {
				c.Signer = &signer
			}
			if fl.Changed("date") {
				c.Date = &date
			}
			name := reportName(r.Agency, r.Year)
			changed, err := o.ChangeHeader(r, c)
			var ye *office.LinkYearError
			switch {
			case errors.Is(err, office.ErrLinkSelf):
				return usageErr(txtLinkSelf)
			case errors.As(err, &ye):
				return usageErr(txtLinkYear, reportName(ye.Prev.Agency, ye.Prev.Year), r.Year-1, name)
			case err != nil:
				return duplicateErr(err, h.Agency, r.Year)
			case len(changed) == 0:
				a.note(txtNoChange)
			}
			fmt.Fprintln(a.stdout, reportName(r.Agency, r.Year))
			return nil
		})
	})
	f := cmd.Flags()
	f.StringVar(&agency, "agency", "", flagAgencyTo)
	f.StringVar(&kind, "kind", "", kindFlagHelp())
	f.StringVar(&scope, "scope", "", flagScope)
	f.StringVar(&previous, "previous", "", flagPrevious)
	f.StringVar(&signer, "signer", "", flagSigner)
	f.StringVar(&date, "date", "", flagDate)
	return cmd
}

func (a *app) listCmd() *cobra.Command {
	var jsonOut bool
	cmd := command(helpList, argsExact(0, argsNone), func(cmd *cobra.Command, args []string) error {
		return a.withReader(func(s *store.Store) error {
			sums, err := s.List()
			if err != nil {
				return storeErr(err)
			}
			if jsonOut {
				type item struct {
					ID       string `json:"id"`
					Agency   string `json:"agency"`
					Year     int    `json:"year"`
					Updated  string `json:"updated"`
					Errors   int    `json:"errors"`
					Warnings int    `json:"warnings"`
				}
				out := []item{}
				for _, x := range sums {
					// errors counts what `check` counts as errors: empty cells too.
					out = append(out, item{x.ID, x.Agency, x.Year, x.Updated.Format(time.RFC3339), x.Errors + x.Missing, x.Warnings})
				}
				return a.writeJSON(out)
			}
			if len(sums) == 0 {
				a.note(txtListEmpty)
				return nil
			}
			w := bufio.NewWriter(a.stdout) // one write, not one a line
			for _, x := range sums {
				fmt.Fprintf(w, txtListLine, reportName(x.Agency, x.Year),
					x.Errors+x.Missing, x.Missing, x.Warnings, x.Updated.Local().Format(timeLayout), x.ID)
			}
			return a.flush(w)
		})
	})
	cmd.Flags().BoolVar(&jsonOut, "json", false, flagListJSON)
	return cmd
}

// writeJSON prints v as indented JSON on stdout, Chinese unescaped.
func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return usageErr(txtCannotWrite, err)
	}
	return nil
}

func (a *app) setCmd() *cobra.Command {
	return command(helpSet, argsRange(2, -1, argsSet), func(cmd *cobra.Command, args []string) error {
		// Parse every assignment before touching the draft file, so that a
		// typo writes nothing and every typo is reported at once.
		type assign struct {
			addr  model.CellAddr
			v     model.Dec
			clear bool
		}
		var todo []assign
		var problems []string
		given := map[model.CellAddr]string{} // each cell's value as first written
		for _, kv := range args[1:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				k, v, ok = strings.Cut(kv, fullWidthEquals)
			}
			if !ok {
				problems = append(problems, fmt.Sprintf(txtSetForm, kv))
				continue
			}
			addr := model.CellAddr(strings.TrimSpace(k))
			spec, ok := model.Cell(addr)
			if !ok {
				problems = append(problems, fmt.Sprintf(txtNoCell, addr))
				continue
			}
			if spec.Computed {
				problems = append(problems, fmt.Sprintf(txtComputed, addr, spec.ShortLabel()))
				continue
			}
			next := assign{addr: addr, clear: strings.TrimSpace(v) == ""}
			if !next.clear {
				d, err := model.ParseInput(spec.Unit, v)
				if err != nil {
					problems = append(problems, fmt.Sprintf(txtCellProblem, addr, spec.ShortLabel(), err.Error()))
					continue
				}
				next.v = d
			}
			// A cell written twice is counted once; with two values, which
			// one was meant is not ours to guess.
			if first, twice := given[addr]; twice {
				for _, t := range todo {
					if t.addr == addr && (t.clear != next.clear || t.v != next.v) {
						problems = append(problems, fmt.Sprintf(txtSetTwice, addr, first, v))
					}
				}
				continue
			}
			given[addr] = v
			todo = append(todo, next)
		}
		if len(problems) > 0 {
			for _, p := range problems[:len(problems)-1] {
				a.note(txtErrorNote, p)
			}
			return usageErr(txtNothingSet, problems[len(problems)-1])
		}
		return a.withStore(func(s *store.Store) error {
			r, err := a.resolveArg(s, args[0])
			if err != nil {
				return err
			}
			for _, t := range todo {
				if t.clear {
					err = r.Clear(t.addr)
				} else {
					err = r.Set(t.addr, t.v)
				}
				if err != nil {
					return usageErr("%s", err.Error())
				}
			}
			if err := s.Save(r, fmt.Sprintf(sumSet, len(todo))); err != nil {
				return storeErr(err)
			}
			prev, _ := s.Previous(r)
			n := model.Tally(model.Check(r, prev))
			a.note(txtSetDone, len(todo), reportName(r.Agency, r.Year), n.AllErrors(), n.Missing(), n.Warnings)
			return nil
		})
	})
}

func (a *app) historyCmd() *cobra.Command {
	return command(helpHistory, argsExact(1, argsOneReport), func(cmd *cobra.Command, args []string) error {
		return a.withReader(func(s *store.Store) error {
			id, name, err := a.resolveID(s, args[0])
			if err != nil {
				return err
			}
			revs, err := s.History(id)
			if err != nil {
				return storeErr(err)
			}
			if len(revs) == 0 {
				a.note(txtNoHistory, name)
			}
			w := bufio.NewWriter(a.stdout)
			for _, v := range revs {
				fmt.Fprintf(w, "%d\t%s\t%s\n", v.N, v.Time.Local().Format(timeLayout), v.Summary)
			}
			return a.flush(w)
		})
	})
}

func (a *app) restoreCmd() *cobra.Command {
	return command(helpRestore, argsExact(2, argsRestore), func(cmd *cobra.Command, args []string) error {
		n, err := strconv.Atoi(model.NormalizeInput(args[1]))
		if err != nil || n < 0 {
			return usageErr(txtBadRevision, args[1])
		}
		return a.withStore(func(s *store.Store) error {
			id, name, err := a.resolveID(s, args[0])
			if err != nil {
				return err
			}
			got, err := s.Restore(id, n)
			if errors.Is(err, store.ErrNotFound) {
				return usageErr(txtNoSuchRevision, name, n)
			}
			if err != nil {
				return storeErr(err)
			}
			a.note(txtRestored, reportName(got.Agency, got.Year), n)
			return nil
		})
	})
}

func (a *app) deleteCmd() *cobra.Command {
	return command(helpDelete, argsExact(1, argsOneReport), func(cmd *cobra.Command, args []string) error {
		return a.withStore(func(s *store.Store) error {
			id, name, err := a.resolveID(s, args[0])
			if err != nil {
				return err
			}
			if err := s.Delete(id); err != nil {
				return storeErr(err)
			}
			var agency string
			var year int
			if sm, err := s.Trash(); err == nil {
				for _, t := range sm {
					if t.ID == id {
						agency, year = t.Agency, t.Year
					}
				}
			}
			a.note(txtDeleted, name, id, undeleteHint(s, agency, year, id))
			return nil
		})
	})
}

func (a *app) trashCmd() *cobra.Command {
	return command(helpTrash, argsExact(0, argsNone), func(cmd *cobra.Command, args []string) error {
		return a.withReader(func(s *store.Store) error {
			sums, err := s.Trash()
			if err != nil {
				return storeErr(err)
			}
			if len(sums) == 0 {
				a.note(txtTrashEmpty)
			}
			w := bufio.NewWriter(a.stdout)
			for _, x := range sums {
				fmt.Fprintf(w, txtTrashLine, reportName(x.Agency, x.Year), x.Deleted.Local().Format(timeLayout), x.ID)
			}
			return a.flush(w)
		})
	})
}

func (a *app) undeleteCmd() *cobra.Command {
	return command(helpUndelete, argsExact(1, argsUndelete), func(cmd *cobra.Command, args []string) error {
		return a.withStore(func(s *store.Store) error {
			sums, err := s.Trash()
			if err != nil {
				return storeErr(err)
			}
			var match []store.Summary
			for _, x := range sums {
				if x.ID == args[0] {
					match = []store.Summary{x}
					break
				}
			}
			if len(match) == 0 {
				ref, err := parseReportRef(args[0])
				if err != nil {
					return err
				}
				if ref.isFile() {
					return usageErr(txtUndeleteFile, args[0])
				}
				for _, x := range sums {
					if ref.id == "" && x.Agency == ref.agency && x.Year == ref.year {
						match = append(match, x)
					}
				}
			}
			switch len(match) {
			case 0:
				return usageErr(txtNotInTrash, args[0])
			case 1:
			default:
				var ids []string
				for _, x := range match {
					ids = append(ids, fmt.Sprintf(txtTrashTwin, x.ID, x.Deleted.Local().Format(timeLayout)))
				}
				return usageErr(txtTrashTwins, len(match), args[0], strings.Join(ids, txtKindSep))
			}
			if err := s.Undelete(match[0].ID); err != nil {
				return storeErr(err)
			}
			a.note(txtUndeleted, reportName(match[0].Agency, match[0].Year))
			return nil
		})
	})
}

func (a *app) backupsCmd() *cobra.Command {
	return command(helpBackups, argsExact(0, argsNone), func(cmd *cobra.Command, args []string) error {
		path, err := a.dbPath()
		if err != nil {
			return err
		}
		bs, err := store.ListBackups(path)
		if err != nil {
			return storeErr(err)
		}
		if len(bs) == 0 {
			a.note(txtNoBackups, path)
		}
		for _, b := range bs {
			kind := b.Kind
			switch b.Kind {
			case "daily":
				kind = txtDaily
			case "weekly":
				kind = txtWeekly
			}
			fmt.Fprintf(a.stdout, "%s\t%s\t%s\t%s\n", b.Name, b.Time.Local().Format(timeLayout), humanSize(b.Size), kind)
		}
		return nil
	})
}

// humanSize writes a file size for people.
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func (a *app) recoverCmd() *cobra.Command {
	return command(helpRecover, argsExact(1, argsBackup), func(cmd *cobra.Command, args []string) error {
		path, err := a.dbPath()
		if err != nil {
			return err
		}
		kept, err := store.Recover(path, args[0])
		if err != nil {
			return storeErr(err)
		}
		if kept != "" {
			a.note(txtRecoveredKept, args[0], path, kept)
		} else {
			a.note(txtRecovered, args[0], path)
		}
		return nil
	})
}

// flush writes out what a command buffered for stdout.
func (a *app) flush(w *bufio.Writer) error {
	if err := w.Flush(); err != nil {
		return usageErr(txtCannotWrite, err)
	}
	return nil
}
