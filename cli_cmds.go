package main

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
	"nianbao/store"
)

// timeLayout is how times are shown on the command line (local time).
const timeLayout = "2006-01-02 15:04:05"

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
	return "", usageErr("不认识的机关类型「%s」，应为以下之一：%s", s, strings.Join(opts, "；"))
}

// parseScope accepts self/area or 本机关/汇总.
func parseScope(s string) (model.Scope, error) {
	s = strings.TrimSpace(s)
	for _, sc := range model.Scopes {
		if s == string(sc) || s == sc.Name() {
			return sc, nil
		}
	}
	return "", usageErr("不认识的范围「%s」，应为 self（本机关）或 area（汇总）", s)
}

func checkAgency(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", usageErr("机关名称不能为空")
	}
	if strings.ContainsAny(s, "\n\r\t") {
		return "", usageErr("机关名称不能包含换行或制表符")
	}
	return s, nil
}

func checkYear(y int) error {
	if y < 1000 || y > 9999 {
		return usageErr("年度「%d」不对：应为四位数字，例如 2023", y)
	}
	return nil
}

const kindHelp = "机关类型 `K`：state_council_dept 国务院部门、provincial_gov 省级人民政府、city_gov 设区的市级人民政府、county_gov 县级人民政府、township_gov 乡镇人民政府/街道办事处、provincial_dept / city_dept / county_dept 政府部门（省级/市级/县级）、other 其他机关；也可写中文名称"

// parseHeaderFlags reads the header options that new and meta share
// (--agency, --kind, --scope); a field stays zero when its option was not
// given, which is also what store.RollForwardAs takes as "keep last year's".
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

func (a *app) newCmd() *cobra.Command {
	var agency, kind, scope, from string
	var year int
	cmd := &cobra.Command{
		Use:   "new --agency 机关名称 --year 年度 [--kind K] [--scope self|area] [--from REPORT]",
		Short: "新建一份报告",
		Long: `在草稿文件中新建一份报告，所有单元格为空，一、总体情况带有五个默认小标题。
成功后在标准输出打印新报告（机关名称/年度）。

用 --from 从任意一份报告创建下一年度的报告（从上年报告创建）：新报告链接到上年报告，
上年结转数取自上年的结转下年度数，机关信息和文字部分复制为初稿，其他单元格为空。
机构改革后机关更名时，同时给出 --agency 新名称即可，链接不受影响。`,
		Example: `  nianbao new --agency 北京市密云区科学技术委员会 --year 2024 --kind county_dept
  nianbao new --from 北京市密云区科学技术委员会/2023
  nianbao new --from 北京市密云区科学技术委员会/2023 --agency 北京市密云区科学技术和信息化局`,
		Args: argsExact(0, "不带参数（用选项 --agency 和 --year）"),
		RunE: func(cmd *cobra.Command, args []string) error {
			fl := cmd.Flags()
			h, err := parseHeaderFlags(fl, agency, kind, scope)
			if err != nil {
				return err
			}
			agency = h.Agency
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
			if from == "" {
				if !fl.Changed("agency") || !fl.Changed("year") {
					return usageErr("新建报告需要 --agency 机关名称 和 --year 年度（或用 --from 从上年报告创建）")
				}
			}
			return a.withStore(func(s *store.Store) error {
				var r *model.Report
				if from == "" {
					if _, err := s.Find(agency, year); err == nil {
						return usageErr("草稿文件中已有报告 %s", reportName(agency, year))
					}
					r = model.New(agency, year, k, sc)
					if err := s.Create(r, "新建报告"); err != nil {
						return storeErr(err)
					}
				} else {
					src, err := a.resolveArg(s, from)
					if err != nil {
						return err
					}
					if fl.Changed("year") && year != src.Year+1 {
						return usageErr("--from 创建的是 %s 的下一年度（%d 年）的报告，与 --year %d 不符", reportName(src.Agency, src.Year), src.Year+1, year)
					}
					target := src.Agency
					if fl.Changed("agency") {
						target = agency
					}
					if _, err := s.Find(target, src.Year+1); err == nil {
						return usageErr("草稿文件中已有报告 %s", reportName(target, src.Year+1))
					}
					// One transaction: the new report is filed under its new
					// name and header at once, or not at all.
					if r, err = s.RollForwardAs(src.ID, h); err != nil {
						return storeErr(err)
					}
				}
				fmt.Fprintln(a.stdout, reportName(r.Agency, r.Year))
				if from == "" && !fl.Changed("kind") {
					a.note("提示：未指定 --kind，机关类型暂定为「%s」，可用 nianbao meta --kind 修改。", k.Name())
				}
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&agency, "agency", "", "机关名称 `NAME`")
	f.IntVar(&year, "year", 0, "年度 `Y`（四位数字）")
	f.StringVar(&kind, "kind", "", kindHelp+"（默认 other）")
	f.StringVar(&scope, "scope", "", "范围 `S`：self 本机关，area 汇总（默认 self）")
	f.StringVar(&from, "from", "", "从这份报告 `REPORT` 创建下一年度的报告")
	return cmd
}

func (a *app) metaCmd() *cobra.Command {
	var agency, kind, scope, previous string
	cmd := &cobra.Command{
		Use:   "meta REPORT [--agency NAME] [--kind K] [--scope S] [--previous REPORT]",
		Short: "修改报告的机关名称、机关类型、范围或上年报告链接",
		Long: `修改报告的机关信息：机关名称（机构改革更名）、机关类型、范围，
或用 --previous 把分别创建（例如分别导入）的两年报告链接起来，供跨年检查使用；
--previous "" 取消链接。成功后在标准输出打印报告（机关名称/年度）。`,
		Example: `  nianbao meta 北京市密云区科学技术委员会/2024 --agency 北京市密云区科学技术和信息化局
  nianbao meta 北京市密云区科学技术委员会/2024 --previous 北京市密云区科学技术委员会/2023
  nianbao meta 北京市密云区科学技术委员会/2024 --kind county_dept --scope self`,
		Args: argsExact(1, "一个报告（机关名称/年度）"),
		RunE: func(cmd *cobra.Command, args []string) error {
			fl := cmd.Flags()
			if !fl.Changed("agency") && !fl.Changed("kind") && !fl.Changed("scope") && !fl.Changed("previous") {
				return usageErr("没有要修改的内容：请给出 --agency、--kind、--scope 或 --previous")
			}
			h, err := parseHeaderFlags(fl, agency, kind, scope)
			if err != nil {
				return err
			}
			agency, k, sc := h.Agency, h.Kind, h.Scope
			return a.withStore(func(s *store.Store) error {
				r, err := a.resolveArg(s, args[0])
				if err != nil {
					return err
				}
				var what []string
				if fl.Changed("agency") && agency != r.Agency {
					if other, err := s.Find(agency, r.Year); err == nil && other.ID != r.ID {
						return usageErr("草稿文件中已有报告 %s", reportName(agency, r.Year))
					}
					r.Agency = agency
					what = append(what, "机关名称")
				}
				if fl.Changed("kind") && k != r.Kind {
					r.Kind = k
					what = append(what, "机关类型")
				}
				if fl.Changed("scope") && sc != r.Scope {
					r.Scope = sc
					what = append(what, "范围")
				}
				if fl.Changed("previous") {
					prevID := ""
					if strings.TrimSpace(previous) != "" {
						p, err := a.resolveArg(s, previous)
						if err != nil {
							return err
						}
						if p.ID == r.ID {
							return usageErr("报告不能链接到它自己")
						}
						if p.Year != r.Year-1 {
							return usageErr("%s 不是 %d 年度的报告，不能作为 %s 的上年报告", reportName(p.Agency, p.Year), r.Year-1, reportName(r.Agency, r.Year))
						}
						prevID = p.ID
					}
					if prevID != r.Previous {
						r.Previous = prevID
						what = append(what, "上年报告链接")
					}
				}
				if len(what) > 0 {
					if err := s.Save(r, "修改"+strings.Join(what, "、")); err != nil {
						return storeErr(err)
					}
				} else {
					a.note("没有变化。")
				}
				fmt.Fprintln(a.stdout, reportName(r.Agency, r.Year))
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&agency, "agency", "", "新的机关名称 `NAME`")
	f.StringVar(&kind, "kind", "", kindHelp)
	f.StringVar(&scope, "scope", "", "范围 `S`：self 本机关，area 汇总")
	f.StringVar(&previous, "previous", "", "上年报告 `REPORT`（机关名称/年度）；空字符串取消链接")
	return cmd
}

func (a *app) listCmd() *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "列出草稿文件中的报告",
		Long: `列出草稿文件中的全部报告（不含回收站）：报告（机关名称/年度）、错误数（含未填写）、提示数、
最后修改时间、ID。错误数和提示数与 nianbao check 的结果一致。
--json 输出 JSON 数组：[{"id", "agency", "year", "updated", "errors", "warnings"}]，时间为 RFC 3339 格式。`,
		Example: `  nianbao list
  nianbao list --json`,
		Args: argsExact(0, "不带参数"),
		RunE: func(cmd *cobra.Command, args []string) error {
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
					a.note("草稿文件中还没有报告（用 nianbao new 新建，或用 nianbao import 导入上年发布的报告）。")
					return nil
				}
				w := bufio.NewWriter(a.stdout) // one write, not one a line
				for _, x := range sums {
					fmt.Fprintf(w, "%s\t错误 %d（其中未填写 %d）\t提示 %d\t%s\t%s\n", reportName(x.Agency, x.Year),
						x.Errors+x.Missing, x.Missing, x.Warnings, x.Updated.Local().Format(timeLayout), x.ID)
				}
				return a.flush(w)
			})
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "以 JSON 数组输出")
	return cmd
}

// writeJSON prints v as indented JSON on stdout, Chinese unescaped.
func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return usageErr("无法写出结果：%s", err)
	}
	return nil
}

func (a *app) setCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "set REPORT ADDR=VALUE...",
		Short: "填写或清空单元格",
		Long: `按单元格地址（见 README「单元格地址」，例如 s3.new.natural）填写数值；ADDR= 不写数值表示清空。
先检查全部数值，只要有一个写错就一个也不修改（退出码 2），全部正确才一次保存。
合计列和（七）总计行由程序计算，不能填写。`,
		Example: `  nianbao set 北京市密云区科学技术委员会/2023 s3.new.natural=12 s3.carried.natural=1
  nianbao set 北京市密云区科学技术委员会/2023 s2.fees.amount=0.35 s6.fee.collected=
  nianbao set 北京市密云区科学技术委员会/2023 s4.review.upheld=0`,
		Args: argsRange(2, -1, "一个报告和至少一个 地址=数值"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Parse every assignment before touching the draft file, so that a
			// typo writes nothing and every typo is reported at once.
			type assign struct {
				addr  model.CellAddr
				v     model.Dec
				clear bool
			}
			var todo []assign
			var problems []string
			for _, kv := range args[1:] {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					k, v, ok = strings.Cut(kv, "＝")
				}
				if !ok {
					problems = append(problems, fmt.Sprintf("「%s」应写作 地址=数值，例如 s3.new.natural=3", kv))
					continue
				}
				addr := model.CellAddr(strings.TrimSpace(k))
				spec, ok := model.Cell(addr)
				if !ok {
					problems = append(problems, fmt.Sprintf("没有这个单元格：%s（地址形如 s3.new.natural，见 README「单元格地址」）", addr))
					continue
				}
				if spec.Computed {
					problems = append(problems, fmt.Sprintf("%s（%s）是自动计算的合计，不能填写", addr, spec.ShortLabel()))
					continue
				}
				if strings.TrimSpace(v) == "" {
					todo = append(todo, assign{addr: addr, clear: true})
					continue
				}
				d, err := model.ParseInput(spec.Unit, v)
				if err != nil {
					problems = append(problems, fmt.Sprintf("%s（%s）：%s", addr, spec.ShortLabel(), err.Error()))
					continue
				}
				todo = append(todo, assign{addr: addr, v: d})
			}
			if len(problems) > 0 {
				for _, p := range problems[:len(problems)-1] {
					a.note("错误：%s", p)
				}
				return usageErr("%s\n没有修改任何单元格。", problems[len(problems)-1])
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
				if err := s.Save(r, fmt.Sprintf("命令行填写 %d 个单元格", len(todo))); err != nil {
					return storeErr(err)
				}
				prev, _ := s.Previous(r)
				errs, missing, warns := countFindings(r, prev)
				a.note("已保存 %d 个单元格。%s 现有错误 %d 个（其中未填写 %d 个）、提示 %d 个（用 nianbao check 查看）。",
					len(todo), reportName(r.Agency, r.Year), errs, missing, warns)
				return nil
			})
		},
	}
}

func (a *app) historyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "history REPORT",
		Short: "列出报告的历史版本",
		Long:  "列出报告的历史版本，每行一个：版本号、时间、说明。用 nianbao restore 恢复其中一个版本。",
		Example: `  nianbao history 北京市密云区科学技术委员会/2023
  nianbao restore 北京市密云区科学技术委员会/2023 3`,
		Args: argsExact(1, "一个报告（机关名称/年度）"),
		RunE: func(cmd *cobra.Command, args []string) error {
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
					a.note("%s 还没有历史版本。", name)
				}
				w := bufio.NewWriter(a.stdout)
				for _, v := range revs {
					fmt.Fprintf(w, "%d\t%s\t%s\n", v.N, v.Time.Local().Format(timeLayout), v.Summary)
				}
				return a.flush(w)
			})
		},
	}
}

func (a *app) restoreCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "restore REPORT REV",
		Short:   "把报告恢复到某个历史版本",
		Long:    "把报告恢复到 nianbao history 列出的某个版本。恢复前的内容也会记为一个版本，随时可以再恢复回来。",
		Example: `  nianbao restore 北京市密云区科学技术委员会/2023 3`,
		Args:    argsExact(2, "一个报告和一个版本号"),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.Atoi(model.NormalizeInput(args[1]))
			if err != nil || n < 0 {
				return usageErr("版本号「%s」不对：应为 nianbao history 列出的数字", args[1])
			}
			return a.withStore(func(s *store.Store) error {
				id, name, err := a.resolveID(s, args[0])
				if err != nil {
					return err
				}
				got, err := s.Restore(id, n)
				if errors.Is(err, store.ErrNotFound) {
					return usageErr("%s 没有第 %d 版（用 nianbao history 查看）", name, n)
				}
				if err != nil {
					return storeErr(err)
				}
				a.note("已把 %s 恢复到第 %d 版。", reportName(got.Agency, got.Year), n)
				return nil
			})
		},
	}
}

func (a *app) deleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "delete REPORT",
		Short:   "把报告移到回收站",
		Long:    "把报告移到回收站（不会真正删除）。用 nianbao trash 查看回收站，用 nianbao undelete 恢复。",
		Example: `  nianbao delete 北京市密云区科学技术委员会/2023`,
		Args:    argsExact(1, "一个报告（机关名称/年度）"),
		RunE: func(cmd *cobra.Command, args []string) error {
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
				a.note("已把 %s 移到回收站（ID %s）；用 %s 恢复。", name, id, undeleteHint(s, agency, year, id))
				return nil
			})
		},
	}
}

func (a *app) trashCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "trash",
		Short:   "列出回收站中的报告",
		Long:    "列出回收站中的报告，每行一个：报告（机关名称/年度）、删除时间、ID。",
		Example: `  nianbao trash`,
		Args:    argsExact(0, "不带参数"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withReader(func(s *store.Store) error {
				sums, err := s.Trash()
				if err != nil {
					return storeErr(err)
				}
				if len(sums) == 0 {
					a.note("回收站是空的。")
				}
				w := bufio.NewWriter(a.stdout)
				for _, x := range sums {
					fmt.Fprintf(w, "%s\t删除于 %s\t%s\n", reportName(x.Agency, x.Year), x.Deleted.Local().Format(timeLayout), x.ID)
				}
				return a.flush(w)
			})
		},
	}
}

func (a *app) undeleteCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "undelete REPORT|ID",
		Short: "从回收站恢复报告",
		Long: `从回收站恢复报告。回收站中同一机关名称/年度有多份时，需要用 nianbao trash 列出的 ID 指定。
草稿文件中已有同一机关名称/年度的报告时不能恢复（可先把那一份改名或删除）。`,
		Example: `  nianbao undelete 北京市密云区科学技术委员会/2023
  nianbao undelete 3f2a9c0d4b5e6f708192a3b4c5d6e7f8`,
		Args: argsExact(1, "一个报告（机关名称/年度）或 ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
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
						return usageErr("%s 是文件：请给出回收站中的报告（机关名称/年度）或 ID", args[0])
					}
					for _, x := range sums {
						if ref.id == "" && x.Agency == ref.agency && x.Year == ref.year {
							match = append(match, x)
						}
					}
				}
				switch len(match) {
				case 0:
					return usageErr("回收站中没有 %s（用 nianbao trash 查看）", args[0])
				case 1:
				default:
					var ids []string
					for _, x := range match {
						ids = append(ids, fmt.Sprintf("%s（删除于 %s）", x.ID, x.Deleted.Local().Format(timeLayout)))
					}
					return usageErr("回收站中有 %d 份 %s，请用 ID 指定：%s", len(match), args[0], strings.Join(ids, "；"))
				}
				if err := s.Undelete(match[0].ID); err != nil {
					return storeErr(err)
				}
				a.note("已从回收站恢复 %s。", reportName(match[0].Agency, match[0].Year))
				return nil
			})
		},
	}
}

func (a *app) backupsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "backups",
		Short: "列出草稿文件的自动备份",
		Long: `列出草稿文件的自动备份（每天第一次打开时备份一次，保留 7 份每日备份和 4 份每周备份），
每行一个：备份名称、时间、大小、种类。不需要打开草稿文件，草稿文件损坏时也能用。
用 nianbao recover 备份名称 从备份恢复。`,
		Example: `  nianbao backups
  nianbao recover drafts-2024-01-15.db`,
		Args: argsExact(0, "不带参数"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := a.dbPath()
			if err != nil {
				return err
			}
			bs, err := store.ListBackups(path)
			if err != nil {
				return storeErr(err)
			}
			if len(bs) == 0 {
				a.note("还没有备份（草稿文件 %s）。", path)
			}
			for _, b := range bs {
				kind := b.Kind
				switch b.Kind {
				case "daily":
					kind = "每日"
				case "weekly":
					kind = "每周"
				}
				fmt.Fprintf(a.stdout, "%s\t%s\t%s\t%s\n", b.Name, b.Time.Local().Format(timeLayout), humanSize(b.Size), kind)
			}
			return nil
		},
	}
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
	return &cobra.Command{
		Use:   "recover BACKUP",
		Short: "从备份恢复草稿文件",
		Long: `用 nianbao backups 列出的某个备份替换草稿文件。现在的草稿文件不会被覆盖，而是另存在旁边，
恢复后会告诉您它的位置。恢复前请关闭所有 nianbao 窗口。`,
		Example: `  nianbao backups
  nianbao recover drafts-2024-01-15.db`,
		Args: argsExact(1, "一个备份名称"),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := a.dbPath()
			if err != nil {
				return err
			}
			kept, err := store.Recover(path, args[0])
			if err != nil {
				return storeErr(err)
			}
			if kept != "" {
				a.note("已从备份 %s 恢复草稿文件 %s；原来的草稿文件另存为 %s。", args[0], path, kept)
			} else {
				a.note("已从备份 %s 恢复草稿文件 %s。", args[0], path)
			}
			return nil
		},
	}
}

// flush writes out what a command buffered for stdout.
func (a *app) flush(w *bufio.Writer) error {
	if err := w.Flush(); err != nil {
		return usageErr("无法写出结果：%s", err)
	}
	return nil
}
