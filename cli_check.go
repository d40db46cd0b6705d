package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"

	"github.com/spf13/cobra"

	"nianbao/model"
)

// checkItem is one report to check, with last year's report if known.
type checkItem struct {
	name    string // 机关名称/年度, or the file's path for a JSON file
	r, prev *model.Report
}

func (a *app) checkCmd() *cobra.Command {
	var jsonOut, all bool
	cmd := &cobra.Command{
		Use:   "check (REPORT... | --all)",
		Short: "检查报告，列出错误和提示",
		Long: `检查报告中的错误（表格勾稽关系不平、数值超出范围、未填写）和提示（与上年报告不衔接、
文字与表格数字不符等），每条一行：报告、严重程度、规则编号、说明；最后一行是合计。

REPORT 可以是草稿文件中的报告（机关名称/年度），也可以是 .json 报告文件。
只给 .json 文件时不会打开草稿文件，上年报告从给出的文件中找（按 previous 链接，
否则按同一机关名称、年度减一）。

退出码：没有错误时为 0（只有提示也是 0），有错误时为 1，有报告无法读取时为 2。`,
		Example: `  nianbao check 北京市密云区科学技术委员会/2023
  nianbao check --all
  nianbao check --json 2022.json 2023.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if all && len(args) > 0 {
				return usageErr("--all 与具体的报告不能同时给出")
			}
			if !all && len(args) == 0 {
				return usageErr("请给出要检查的报告（机关名称/年度 或 .json 文件），或用 --all 检查草稿文件中的全部报告")
			}
			return a.runCheck(args, all, jsonOut)
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "以 JSON 数组输出（只输出数组）")
	cmd.Flags().BoolVar(&all, "all", false, "检查草稿文件中的全部报告")
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
	parallel(len(fileSlots), func(j int) {
		i := fileSlots[j]
		r, err := readJSONReport(refs[i].file)
		if err != nil {
			readErrs[i] = err
			return
		}
		items[i] = &checkItem{name: refs[i].file, r: r}
	})
	var fileItems []*checkItem
	for _, i := range fileSlots {
		if readErrs[i] != nil {
			a.fail(readErrs[i])
		} else {
			fileItems = append(fileItems, items[i])
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
	pairPrevious(fileItems)

	var errs, warns, missing int
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
	parallel(len(items), func(i int) {
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
		errs, missing, warns = errs+n.AllErrors(), missing+n.Missing(), warns+n.Warnings
		for _, f := range findings[i] {
			if jsonOut {
				cells := make([]string, len(f.Cells))
				for i, c := range f.Cells {
					cells[i] = string(c)
				}
				jf = append(jf, jsonFinding{Report: it.name, ID: f.ID, Severity: f.Severity.String(), Cells: cells, Message: f.Message})
				continue
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", it.name, f.Severity.Name(), f.ID, f.Message)
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
		line := fmt.Sprintf("共检查 %d 份报告：错误 %d 个", checked, errs)
		if missing > 0 {
			line += fmt.Sprintf("（其中未填写 %d 个）", missing)
		}
		line += fmt.Sprintf("，提示 %d 个", warns)
		fmt.Fprintln(w, line)
	}
	if err := w.Flush(); err != nil {
		return usageErr("无法写出结果：%s", err)
	}
	if errs > 0 {
		a.raise(exitFindings)
	}
	return nil
}

// pairPrevious finds last year's report for each JSON file among the files
// given: by the previous link first, else by the same agency and year − 1.
func pairPrevious(items []*checkItem) {
	type key struct {
		agency string
		year   int
	}
	byID := make(map[string]*model.Report, len(items))
	byKey := make(map[key]*model.Report, len(items))
	for _, it := range items {
		if it.r.ID != "" {
			if _, dup := byID[it.r.ID]; !dup {
				byID[it.r.ID] = it.r
			}
		}
		k := key{it.r.Agency, it.r.Year}
		if _, dup := byKey[k]; !dup {
			byKey[k] = it.r
		}
	}
	for _, it := range items {
		if it.r.Previous != "" {
			if p, ok := byID[it.r.Previous]; ok && p != it.r {
				it.prev = p
				continue
			}
		}
		if p, ok := byKey[key{it.r.Agency, it.r.Year - 1}]; ok {
			it.prev = p
		}
	}
}

// parallel runs f(0..n-1) on as many goroutines as there are cores.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
