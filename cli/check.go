package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"nianbao/model"
	"nianbao/office"
)

// checkItem is one report to check, with last year's report if known.
type checkItem struct {
	name    string // 机关名称/年度, or the file's path for a JSON file
	r, prev *model.Report
}

func (a *app) checkCmd() *cobra.Command {
	var jsonOut, all bool
	cmd := command(helpCheck, nil, func(cmd *cobra.Command, args []string) error {
		if all && len(args) > 0 {
			return usageErr(txtCheckAllAndNames)
		}
		if !all && len(args) == 0 {
			return usageErr(txtCheckWhat)
		}
		return a.runCheck(args, all, jsonOut)
	})
	cmd.Flags().BoolVar(&jsonOut, "json", false, flagChkJSON)
	cmd.Flags().BoolVar(&all, "all", false, flagChkAll)
	return cmd
}

func (a *app) runCheck(args []string, all, jsonOut bool) error {
	items := make([]*checkItem, len(args))
	var dbRefs []reportRef
	var dbSlots, fileSlots []int
	refs := make([]reportRef, len(args))
	for i, arg := range args {
		ref, err := parseReportRef(arg)
		if err != nil {
			a.fail(err)
			continue
		}
		refs[i] = ref
		if ref.isFile() {
			fileSlots = append(fileSlots, i)
			continue
		}
		dbRefs = append(dbRefs, ref)
		dbSlots = append(dbSlots, i)
	}
	// Reading and decoding a thousand files is most of the work: use every core.
	readErrs := make([]error, len(args))
	office.Parallel(len(fileSlots), func(j int) {
		i := fileSlots[j]
		r, err := readJSONReport(refs[i].file)
		if err != nil {
			readErrs[i] = err
			return
		}
		items[i] = &checkItem{name: refs[i].file, r: r}
	})
	var fileItems []*checkItem
	var fileReports []*model.Report
	for _, i := range fileSlots {
		if readErrs[i] != nil {
			a.fail(readErrs[i])
		} else {
			fileItems = append(fileItems, items[i])
			fileReports = append(fileReports, items[i].r)
		}
	}
	if all || len(dbRefs) > 0 {
		// Only reports named by 机关名称/年度 (or --all) need the draft file;
		// a check of JSON files alone never opens it.
		got, err := a.checkItemsFromStore(dbRefs, all)
		if err != nil {
			return err
		}
		if all {
			items = got
		} else {
			for i, slot := range dbSlots {
				items[slot] = got[i]
			}
		}
	}
	// Last year's report of a JSON file is found among the files given.
	for i, p := range office.PairPrevious(fileReports) {
		fileItems[i].prev = p
	}

	var total model.Counts
	type jsonFinding struct {
		Report   string   `json:"report"`
		ID       string   `json:"id"`
		Severity string   `json:"severity"`
		Cells    []string `json:"cells"`
		Message  string   `json:"message"`
	}
	jf := []jsonFinding{}
	w := bufio.NewWriter(a.stdout)
	findings := make([][]model.Finding, len(items))
	office.Parallel(len(items), func(i int) {
		if it := items[i]; it != nil {
			findings[i] = model.Check(it.r, it.prev)
		}
	})
	checked := 0
	for i, it := range items {
		if it == nil {
			continue // could not be read; already reported
		}
		checked++
		n := model.Tally(findings[i])
		total.Errors += n.Errors
		total.Warnings += n.Warnings
		total.MissingCells += n.MissingCells
		total.MissingTexts += n.MissingTexts
		for _, f := range findings[i] {
			if jsonOut {
				cells := make([]string, len(f.Cells))
				for i, c := range f.Cells {
					cells[i] = string(c)
				}
				jf = append(jf, jsonFinding{Report: it.name, ID: f.ID, Severity: f.Severity.String(), Cells: cells, Message: f.Message})
				continue
			}
			// One line per finding, as "%s\t%s\t%s\t%s\n" would print it,
			// without formatting thousands of lines.
			w.WriteString(it.name)
			w.WriteByte('\t')
			w.WriteString(f.Severity.Name())
			w.WriteByte('\t')
			w.WriteString(f.ID)
			w.WriteByte('\t')
			w.WriteString(f.Message)
			w.WriteByte('\n')
		}
	}
	if jsonOut {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(jf); err != nil {
			return err
		}
	} else if checked > 0 {
		// Nothing checked (every name unknown): the errors say it all.
		line := fmt.Sprintf(txtCheckedErrors, checked, total.AllErrors())
		if total.Missing() > 0 {
			line += fmt.Sprintf(txtCheckedMissing, total.Missing())
		}
		line += fmt.Sprintf(txtCheckedWarnings, total.Warnings)
		fmt.Fprintln(w, line)
	}
	if err := w.Flush(); err != nil {
		return usageErr(txtCannotWrite, err)
	}
	if total.Draft() {
		a.raise(exitFindings)
	}
	return nil
}

// checkItemsFromStore loads the reports `check` was given by name (or every
// live report with --all) with last year's report of each. A name that
// cannot be found is reported and leaves a nil item.
func (a *app) checkItemsFromStore(refs []reportRef, all bool) ([]*checkItem, error) {
	var items []*checkItem
	err := a.withOfficeReader(func(o *office.Office) error {
		if all {
			reports, prevs, damaged, err := o.All()
			if err != nil {
				return storeErr(err)
			}
			// A damaged report is reported and skipped: the others are
			// still worth checking (exit code 3 says the file needs care).
			for _, err := range damaged {
				a.fail(storeErr(err))
			}
			for i, r := range reports {
				items = append(items, &checkItem{name: reportName(r.Agency, r.Year), r: r, prev: prevs[i]})
			}
			return nil
		}
		for _, ref := range refs {
			r, err := a.resolve(o.Store(), ref)
			if err != nil {
				var ce *cliError
				if errors.As(err, &ce) && ce.code == exitDraft {
					return err
				}
				a.fail(err)
				items = append(items, nil)
				continue
			}
			prev, err := o.Previous(r)
			if err != nil {
				return storeErr(err)
			}
			items = append(items, &checkItem{name: reportName(r.Agency, r.Year), r: r, prev: prev})
		}
		return nil
	})
	return items, err
}
