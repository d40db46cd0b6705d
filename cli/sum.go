package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"nianbao/export"
	"nianbao/importer"
	"nianbao/model"
	"nianbao/office"
	"nianbao/store"
)

// The collecting office's commands (汇集 and 汇总): collect, status, sum
// and figures. Each asks office for the work and says the result.

func (a *app) collectCmd() *cobra.Command {
	var replace bool
	h := helpCollect
	h.long = fmt.Sprintf(h.long, strings.Join(importer.Extensions(), txtListSep))
	cmd := command(h, argsExact(1, argsFolder), func(cmd *cobra.Command, args []string) error {
		dir := args[0]
		// The folder is read before the draft file is opened: a wrong
		// folder is a usage error, whatever the draft file's state.
		items, skipped, err := office.ReadFolder(dir)
		if err != nil {
			return usageErr("%s", err.Error())
		}
		return a.withOffice(func(o *office.Office) error {
			if err := o.CollectItems(items, replace); err != nil {
				return storeErr(err)
			}
			a.printCollect(items, skipped)
			return nil
		})
	})
	cmd.Flags().BoolVar(&replace, "replace", false, flagCollectReplace)
	return cmd
}

// printCollect prints one line per file on stdout, what went wrong on
// stderr, and the count; a file not read (or not taken) raises exit code 2.
func (a *app) printCollect(items []*office.CollectItem, skipped []string) {
	counts := map[office.CollectOutcome]int{}
	for _, it := range items {
		counts[it.Outcome]++
		name := "-"
		notes := 0
		if it.Import != nil {
			r := it.Import.Report
			name, notes = reportName(r.Agency, r.Year), len(r.Notes)
		}
		fmt.Fprintf(a.stdout, txtCollectLine, collectWords[it.Outcome], it.File, name, notes)
		switch it.Outcome {
		case office.CollectFailed:
			a.note(txtCollectFailed, it.File, collectError(it.Err))
		case office.CollectConflict:
			a.note(txtCollectConflict, it.File, name)
		case office.CollectDuplicate:
			a.note(txtCollectDuplicate, it.File, it.Other, name)
		case office.CollectSame:
			a.note(txtCollectSame, it.File, it.Other)
		}
		if !it.Outcome.OK() {
			a.raise(exitUsage)
		}
	}
	for _, s := range skipped {
		a.note(txtCollectSkipped, s)
	}
	var parts []string
	for _, oc := range collectOrder {
		if n := counts[oc]; n > 0 {
			parts = append(parts, fmt.Sprintf(txtCountOf, collectWords[oc], n))
		}
	}
	a.note(txtCollectTotal, len(items), strings.Join(parts, txtListSep))
}

// collectError is why a file could not be read or stored.
func collectError(err error) string {
	var me *office.MissingError
	switch {
	case errors.As(err, &me):
		return me.Error() + txtCollectGiveNames
	case store.Unusable(err), errors.Is(err, store.ErrDuplicate), errors.Is(err, store.ErrNotFound):
		return storeMessage(err)
	case err != nil:
		return err.Error()
	}
	return ""
}

// The outcomes in the order their counts are said, and their words.
var collectOrder = []office.CollectOutcome{office.CollectAdded, office.CollectUpdated, office.CollectReplaced,
	office.CollectUnchanged, office.CollectKept, office.CollectSame, office.CollectConflict, office.CollectDuplicate, office.CollectFailed}

var collectWords = map[office.CollectOutcome]string{
	office.CollectAdded: wordAdded, office.CollectUpdated: wordUpdated, office.CollectReplaced: wordReplaced,
	office.CollectUnchanged: wordUnchanged, office.CollectKept: wordKept, office.CollectSame: wordSame,
	office.CollectConflict: wordConflict, office.CollectDuplicate: wordDuplicate, office.CollectFailed: wordFailed,
}

func (a *app) statusCmd() *cobra.Command {
	var year int
	var jsonOut bool
	cmd := command(helpStatus, argsExact(0, argsNone), func(cmd *cobra.Command, args []string) error {
		if err := checkYear(year); err != nil {
			return err
		}
		return a.withOffice(func(o *office.Office) error {
			st, err := o.Status(year)
			if err != nil {
				return storeErr(err)
			}
			for _, d := range st.Damaged {
				a.fail(storeErr(d))
			}
			if err := a.printStatus(st, jsonOut); err != nil {
				return err
			}
			for _, u := range st.Units {
				if u.Counts.AllErrors() > 0 { // as check: empty cells and texts are errors
					a.raise(exitFindings)
				}
			}
			return nil
		})
	})
	cmd.Flags().IntVar(&year, "year", 0, flagStatusYear)
	cmd.Flags().BoolVar(&jsonOut, "json", false, flagStatusJSON)
	cmd.MarkFlagRequired("year")
	return cmd
}

func (a *app) printStatus(st *office.YearStatus, jsonOut bool) error {
	if jsonOut {
		type item struct {
			ID         string `json:"id"`
			Agency     string `json:"agency"`
			Year       int    `json:"year"`
			Filled     int    `json:"filled"`
			Errors     int    `json:"errors"`
			Missing    int    `json:"missing"`
			Warnings   int    `json:"warnings"`
			Updated    string `json:"updated"`
			FirstError string `json:"first_error"`
		}
		out := []item{}
		for _, u := range st.Units {
			// errors counts what `check` counts as errors: empty cells and texts too.
			out = append(out, item{u.ID, u.Agency, u.Year, u.Filled, u.Counts.AllErrors(), u.Counts.Missing(),
				u.Counts.Warnings, u.Updated.Format(time.RFC3339), u.FirstError})
		}
		if err := a.writeJSON(out); err != nil {
			return err
		}
	} else {
		if len(st.Units) == 0 {
			a.note(txtStatusEmpty, st.Year)
		}
		for _, u := range st.Units {
			fmt.Fprintf(a.stdout, txtStatusLine, reportName(u.Agency, u.Year), u.Filled, u.Total,
				u.Counts.AllErrors(), u.Counts.Missing(), u.Counts.Warnings, u.Notes, u.Updated.Local().Format(timeLayout), u.FirstError)
		}
	}
	errs, empty := 0, 0
	for _, u := range st.Units {
		if u.Counts.Errors > 0 {
			errs++
		}
		if u.Counts.Missing() > 0 {
			empty++
		}
	}
	if len(st.Units) > 0 {
		a.note(txtStatusTotal, len(st.Units), errs, empty)
	}
	for _, s := range st.Sums {
		a.note("%s", sumStateLine(s.Agency, st.Year, s.Units, s.State))
	}
	return nil
}

// sumStateLine says whether a sum is up to date with its units.
func sumStateLine(agency string, year, units int, st *office.Staleness) string {
	name := reportName(agency, year)
	switch {
	case !st.Stale():
		return fmt.Sprintf(txtSumFresh, name, units)
	case len(st.Gone) > 0:
		return fmt.Sprintf(txtSumGone, name, units, len(st.Gone))
	}
	line := fmt.Sprintf(txtSumStale, name, units, st.Cells)
	if len(st.Changed) > 0 {
		line += fmt.Sprintf(txtSumChanged, strings.Join(st.Changed, txtListSep))
	}
	return line + fmt.Sprintf(txtSumRefreshHint, name)
}

func (a *app) sumCmd() *cobra.Command {
	var agency, kindS string
	var year int
	var all, refresh bool
	cmd := command(helpSum, nil, func(cmd *cobra.Command, args []string) error {
		fl := cmd.Flags()
		if refresh {
			if len(args) != 1 || fl.Changed("agency") || fl.Changed("year") || all || fl.Changed("kind") {
				return usageErr(txtSumRefreshArgs)
			}
			return a.withOffice(func(o *office.Office) error {
				r, err := a.resolveArg(o.Store(), args[0])
				if err != nil {
					return err
				}
				res, err := o.Refresh(r.ID)
				if err != nil {
					return sumErr(err)
				}
				fmt.Fprintln(a.stdout, reportName(r.Agency, r.Year))
				if res.Changed == 0 {
					a.note(txtSumNothingChanged, len(res.Units))
				} else {
					a.note(txtSumRefreshed, len(res.Units), res.Changed)
				}
				a.sumNotes(res)
				return nil
			})
		}
		if !fl.Changed("agency") || !fl.Changed("year") {
			return usageErr(txtSumNeedAgencyYear)
		}
		ag, err := checkAgency(agency)
		if err != nil {
			return err
		}
		if err := checkYear(year); err != nil {
			return err
		}
		if all == (len(args) > 0) {
			return usageErr(txtSumWhichUnits)
		}
		req := office.SumRequest{Agency: ag, Year: year, AllOfYear: all}
		if fl.Changed("kind") {
			if req.Kind, err = parseKind(kindS); err != nil {
				return err
			}
		}
		return a.withOffice(func(o *office.Office) error {
			for _, arg := range args {
				r, err := a.resolveArg(o.Store(), arg)
				if err != nil {
					return err
				}
				req.Units = append(req.Units, r.ID)
			}
			res, err := o.Sum(req)
			if err != nil {
				return sumErr(err)
			}
			r := res.Report
			fmt.Fprintln(a.stdout, reportName(r.Agency, r.Year))
			if res.Created {
				a.note(txtSumMade, len(res.Units), r.Kind.Name())
			} else {
				a.note(txtSumRemade, len(res.Units), res.Changed)
			}
			if res.KindGuessed {
				a.note(txtSumKindGuessed, r.Kind.Name(), reportName(r.Agency, r.Year))
			}
			a.sumNotes(res)
			return nil
		})
	})
	fl := cmd.Flags()
	fl.StringVar(&agency, "agency", "", flagSumAgency)
	fl.IntVar(&year, "year", 0, flagSumYear)
	fl.StringVar(&kindS, "kind", "", flagSumKind)
	fl.BoolVar(&all, "all-of-year", false, flagSumAll)
	fl.BoolVar(&refresh, "refresh", false, flagSumRefresh)
	return cmd
}

// sumNotes says what the sum left empty and what the check finds in it.
func (a *app) sumNotes(res *office.SumResult) {
	r := res.Report
	for _, n := range r.Notes {
		a.note(txtSumNoteLine, n.Text)
	}
	counts := model.Tally(model.Check(r, nil))
	a.note(txtSumCounts, res.Empty, counts.Errors, counts.Warnings, reportName(r.Agency, r.Year))
}

// sumErr gives the sum's refusals their words and exit codes.
func sumErr(err error) error {
	var se *office.SelfExistsError
	var ue *office.UnitError
	switch {
	case errors.Is(err, office.ErrNoUnits), errors.Is(err, office.ErrNotSum), errors.As(err, &se), errors.As(err, &ue):
		return usageErr("%s", err.Error())
	}
	return storeErr(err)
}

func (a *app) figuresCmd() *cobra.Command {
	var year int
	var format, out string
	var force bool
	cmd := command(helpFigures, argsExact(1, argsFigures), func(cmd *cobra.Command, args []string) error {
		if err := checkYear(year); err != nil {
			return err
		}
		if _, err := office.FigureCells(args[0]); err != nil {
			return usageErr(txtFiguresBadWhat, err.Error())
		}
		if format == "" && out != "" && out != "-" {
			format = strings.TrimPrefix(filepath.Ext(out), ".")
		}
		format = strings.ToLower(strings.TrimPrefix(format, "."))
		switch format {
		case "", "csv", "xlsx":
		default:
			return usageErr(txtFiguresBadFormat, format)
		}
		if format == "xlsx" && out == "-" && isTerminal(a.rawStdout) {
			return usageErr(txtBinaryToTerminal, format)
		}
		return a.withOffice(func(o *office.Office) error {
			f, err := o.FiguresOf(year, args[0])
			if err != nil {
				return storeErr(err)
			}
			if len(f.Units) == 0 {
				a.note(txtStatusEmpty, year)
			}
			if format == "" {
				a.printFigures(f)
				return nil
			}
			var data []byte
			if format == "csv" {
				data, err = export.TableCSV(f.Table())
			} else {
				data, err = export.TableXLSX(f.Table())
			}
			if err != nil {
				return usageErr("%s", err.Error())
			}
			if out == "-" {
				return a.writeData(data)
			}
			path := out
			if path == "" {
				path = f.FileName(format)
			}
			err = export.WriteFile(path, data, force)
			switch {
			case errors.Is(err, export.ErrExists):
				return usageErr(txtTargetExists, err.Error())
			case err != nil:
				return usageErr("%s", err.Error())
			}
			a.note(txtFiguresWritten, path)
			return nil
		})
	})
	fl := cmd.Flags()
	fl.IntVar(&year, "year", 0, flagStatusYear)
	fl.StringVar(&format, "format", "", flagFiguresFormat)
	fl.StringVarP(&out, "output", "o", "", flagFiguresOut)
	fl.BoolVar(&force, "force", false, flagForce)
	cmd.MarkFlagRequired("year")
	return cmd
}

// printFigures prints the figures as a table, tab-separated, the sum last.
func (a *app) printFigures(f *office.Figures) {
	fmt.Fprintf(a.stdout, "%s\n", strings.Join(f.Heads(), "\t"))
	line := func(r office.FigureRow, last bool) {
		cells := []string{r.Agency}
		for i := range f.Cells {
			cells = append(cells, figureText(r.Values[i], r.States[i]))
		}
		if last {
			cells = append(cells, figureText(r.Last, r.LastState), f.Ratio(r))
		}
		fmt.Fprintln(a.stdout, strings.Join(cells, "\t"))
	}
	for _, r := range f.Units {
		line(r, true)
	}
	line(f.Sum, false)
}

// figureText is a figure as printed: blank while empty or incomplete.
func figureText(v model.Dec, st model.CellState) string {
	if st != model.Filled {
		return ""
	}
	return v.String()
}
