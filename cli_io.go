package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"nianbao/export"
	"nianbao/importer"
	"nianbao/model"
	"nianbao/store"
)

// textParts are the narrative parts `text` replaces, with their Chinese
// names; the Chinese numerals are accepted as aliases.
var textParts = []struct {
	key, alias, name string
}{
	{"preface", "说明", "开头说明"},
	{"s1", "一", model.SectionHeadings[0]},
	{"s5", "五", model.SectionHeadings[4]},
	{"s6", "六", model.SectionHeadings[5]},
}

func (a *app) textCmd() *cobra.Command {
	var empty bool
	cmd := &cobra.Command{
		Use:   "text REPORT PART [FILE]",
		Short: "用文件或标准输入替换报告的一段文字",
		Long: `用 FILE（不给时读标准输入）的内容替换报告的一段文字。PART 为：
  preface  开头说明
  s1       一、总体情况：开头一段，以及按行首的（一）（二）……分成的小标题和正文
           （小标题行形如「（一）主动公开」，其后各行为正文；序号由程序生成，不保存在标题中）
  s5       五、存在的主要问题及改进情况
  s6       六、其他需要报告的事项（收费情况一句由表格数字生成，不必写入）
文件可以是 UTF-8（带或不带 BOM）或 GBK 编码，Windows 的换行也可以。
内容为空时不做任何修改（以免误把一段文字清空）；确要清空时加 --empty。`,
		Example: `  nianbao text 北京市密云区科学技术委员会/2023 s1 总体情况.txt
  nianbao text 北京市密云区科学技术委员会/2023 s5 < 问题.txt
  Get-Content 问题.txt | nianbao text 北京市密云区科学技术委员会/2023 s5`,
		Args: argsRange(2, 3, "一个报告、一个部分（preface、s1、s5、s6），以及可选的文件"),
		RunE: func(cmd *cobra.Command, args []string) error {
			part := ""
			for _, p := range textParts {
				if args[1] == p.key || args[1] == p.alias {
					part = p.key
				}
			}
			if part == "" {
				return usageErr("不认识的部分「%s」：应为 preface、s1、s5 或 s6", args[1])
			}
			var data []byte
			var err error
			src := "标准输入"
			if len(args) == 3 && args[2] != "-" {
				src = "文件 " + args[2]
				data, err = os.ReadFile(args[2])
				if err != nil {
					return usageErr("无法读取文件 %s：%s", args[2], fileReason(err))
				}
			} else {
				data, err = io.ReadAll(a.stdin)
				if err != nil {
					return usageErr("无法读取标准输入：%s", err)
				}
			}
			text, err := importer.DecodeText(data)
			if err != nil {
				return usageErr("无法读取%s：%s", src, err.Error())
			}
			text = cleanText(text)
			if text == "" && !empty {
				return usageErr("读到的内容为空（%s），没有修改报告；如确要清空这一段，请加 --empty", src)
			}
			return a.withStore(func(s *store.Store) error {
				r, err := a.resolveArg(s, args[0])
				if err != nil {
					return err
				}
				var name string
				switch part {
				case "preface":
					r.Preface, name = text, "开头说明"
				case "s1":
					r.S1.Intro, r.S1.Parts = splitS1(text)
					name = "一、总体情况"
				case "s5":
					r.S5, name = text, "五、存在的主要问题及改进情况"
				case "s6":
					r.S6, name = text, "六、其他需要报告的事项"
				}
				if err := s.Save(r, "命令行替换"+name); err != nil {
					return storeErr(err)
				}
				if part == "s1" {
					a.note("已替换%s：开头 %d 字，小标题 %d 个。", name, len([]rune(r.S1.Intro)), len(r.S1.Parts))
				} else {
					a.note("已替换%s（%d 字）。", name, len([]rune(text)))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&empty, "empty", false, "内容为空时清空这一段（不加时空内容不做修改）")
	return cmd
}

// cleanText makes text as typed: \n line ends, no trailing spaces on lines,
// no blank lines at either end (a file usually ends with a newline).
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\u3000")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// splitS1 splits the text of 一、总体情况 into its untitled opening and its
// sub-parts. A sub-part starts at a line that begins with the next number in
// sequence, （一）, （二）, … (or the same with ASCII brackets); the rest of
// that line is the title, unless it runs on into the body after a 。 or ：,
// in which case only what comes before is the title. Numbers out of sequence
// stay in the body, so a list inside a body does not start a new part.
// (The importer splits published text the same way but exports no helper.)
func splitS1(text string) (string, []model.Part) {
	var intro []string
	var parts []model.Part
	var body []string
	flush := func() {
		if len(parts) > 0 {
			parts[len(parts)-1].Body = strings.Trim(strings.Join(body, "\n"), "\n")
		}
		body = nil
	}
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimLeft(line, " \t\u3000")
		if rest, ok := cutPartNumber(trimmed, len(parts)+1); ok {
			flush()
			title, first := splitTitle(strings.TrimSpace(rest))
			parts = append(parts, model.Part{Title: title})
			if first != "" {
				body = append(body, first)
			}
			continue
		}
		if len(parts) == 0 {
			intro = append(intro, line)
		} else {
			body = append(body, line)
		}
	}
	flush()
	return strings.Trim(strings.Join(intro, "\n"), "\n"), parts
}

// cutPartNumber strips the number n, written （一） or (一), from the start of s.
func cutPartNumber(s string, n int) (string, bool) {
	num := model.ChineseNumber(n)
	for _, br := range [][2]string{{"（", "）"}, {"(", ")"}, {"（", ")"}, {"(", "）"}} {
		if p := br[0] + num + br[1]; strings.HasPrefix(s, p) {
			return s[len(p):], true
		}
	}
	return "", false
}

// splitTitle separates a sub-part's title from body text on the same line:
// 「主动公开情况。2023年，我委……」 → 「主动公开情况」 and 「2023年，我委……」.
func splitTitle(s string) (title, body string) {
	const maxTitle = 30 // runes; a longer lead is a sentence, not a title
	for _, sep := range []string{"。", "：", ":"} {
		if i := strings.Index(s, sep); i > 0 {
			head, tail := s[:i], strings.TrimSpace(s[i+len(sep):])
			if tail != "" && len([]rune(head)) <= maxTitle {
				return head, tail
			}
		}
	}
	return strings.TrimRight(s, "。：:"), ""
}

func (a *app) exportCmd() *cobra.Command {
	var format, out string
	var fragment, force bool
	cmd := &cobra.Command{
		Use:   "export --format html|md|json [--fragment] [-o FILE|-] [--force] REPORT",
		Short: "导出报告为 HTML、Markdown 或 JSON",
		Long: `把报告导出为 HTML 网页（--fragment：只导出正文片段，样式写在标签内，便于粘贴到网站编辑器）、
Markdown 或 JSON。REPORT 可以是草稿文件中的报告（机关名称/年度），也可以是 .json 报告文件。

不给 -o 时写到当前文件夹，文件名为「{机关名称}{年度}年政府信息公开工作年度报告.{扩展名}」；
-o - 写到标准输出。目标文件已存在时不覆盖，除非加 --force。写出的文件路径打印在标准输出。
报告还有错误时照常导出（作为草稿），并在标准错误输出警告，退出码为 0。`,
		Example: `  nianbao export --format html 北京市密云区科学技术委员会/2023
  nianbao export --format html --fragment -o 正文.html 北京市密云区科学技术委员会/2023
  nianbao export --format md -o - 北京市密云区科学技术委员会/2023
  nianbao export --format json --force -o 2023.json 北京市密云区科学技术委员会/2023`,
		Args: argsExact(1, "一个报告（机关名称/年度 或 .json 文件）"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" && out != "" && out != "-" {
				format = filepath.Ext(out) // infer from -o when --format is missing
			}
			if format == "" {
				return usageErr("请用 --format 指定导出格式：html、md 或 json")
			}
			f, err := export.ParseFormat(format)
			if err != nil {
				return usageErr("%s", err.Error())
			}
			if fragment && f != export.HTML {
				return usageErr("--fragment 只适用于 --format html")
			}
			ref, err := parseReportRef(args[0])
			if err != nil {
				return err
			}
			var r, prev *model.Report
			path := out
			if ref.isFile() {
				if r, err = readJSONReport(ref.file); err != nil {
					return err
				}
				if path == "" {
					path = export.DefaultFileName(r, f)
				}
			} else {
				err := a.withExporter(func(s *store.Store) error {
					var err error
					if r, err = a.resolve(s, ref); err != nil {
						return err
					}
					if prev, err = s.Previous(r); err != nil {
						return storeErr(err)
					}
					if path == "" {
						path = export.DefaultFileName(r, f)
					}
					where := path
					if where == "-" {
						where = "标准输出"
					} else if err := export.CheckTarget(path, force); err != nil {
						// Refuse before recording an export that will not happen.
						if errors.Is(err, export.ErrExists) {
							return usageErr("目标文件已存在：%s（加 --force 覆盖）", path)
						}
						return usageErr("%s", err.Error())
					}
					// A revision before every export, so the exported state can be found again.
					return a.markExport(s, r, fmt.Sprintf("%s 到 %s", f.Name(), where))
				})
				if err != nil {
					return err
				}
			}
			data, err := export.Render(r, f, export.Options{Fragment: fragment})
			if err != nil {
				return usageErr("%s", err.Error())
			}
			if path == "-" {
				if _, err := a.stdout.Write(data); err != nil {
					return usageErr("无法写出到标准输出：%s", err)
				}
			} else {
				if err := export.WriteFile(path, data, force); err != nil {
					if errors.Is(err, export.ErrExists) {
						return usageErr("目标文件已存在：%s（加 --force 覆盖）", path)
					}
					return usageErr("%s", err.Error())
				}
				fmt.Fprintln(a.stdout, path)
			}
			if errs, missing, _ := countFindings(r, prev); errs > 0 {
				a.note("警告：报告还有 %d 个错误（其中未填写 %d 个），导出的是草稿；用 nianbao check 查看。", errs, missing)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", "导出格式 `FMT`：html、md 或 json")
	fl.BoolVar(&fragment, "fragment", false, "只导出 HTML 正文片段（样式写在标签内）")
	fl.StringVarP(&out, "output", "o", "", "写到文件 `FILE`；- 表示标准输出")
	fl.BoolVar(&force, "force", false, "覆盖已存在的文件")
	return cmd
}

func (a *app) importCmd() *cobra.Command {
	var agency string
	var year int
	var replace bool
	cmd := &cobra.Command{
		Use:   "import [--agency NAME] [--year Y] [--replace] FILE",
		Short: "导入已发布的报告（.txt、.html）或 nianbao 的 JSON 文件",
		Long: `把一份已发布的报告（从网页复制的文字 .txt，或浏览器保存的网页 .html）或 nianbao 导出的 JSON
文件导入草稿文件，作为新报告。机关名称和年度取自标题，可用 --agency 和 --year 指定。
文件可以是 UTF-8（带或不带 BOM）或 GBK 编码。

成功后在标准输出打印新报告（机关名称/年度），在标准错误输出导入说明（与表格合计不符的数字、
未能读出的单元格等）。草稿文件中已有同一机关名称/年度的报告时，需要加 --replace 才替换，
替换前会保存一个历史版本。`,
		Example: `  nianbao import 北京市密云区科学技术委员会2022年政府信息公开工作年度报告.txt
  nianbao import --agency 北京市密云区科学技术委员会 --year 2022 年报.html
  nianbao import --replace 2023.json`,
		Args: argsExact(1, "一个文件"),
		RunE: func(cmd *cobra.Command, args []string) error {
			fl := cmd.Flags()
			var err error
			if fl.Changed("agency") {
				if agency, err = checkAgency(agency); err != nil {
					return err
				}
			}
			if fl.Changed("year") {
				if err := checkYear(year); err != nil {
					return err
				}
			}
			path := args[0]
			if st, err := os.Stat(path); err != nil {
				return usageErr("无法读取文件 %s：%s", path, fileReason(err))
			} else if st.IsDir() {
				return usageErr("无法读取 %s：这是一个文件夹，不是文件", path)
			}
			res, err := importer.ImportFile(path, importer.Options{Agency: agency, Year: year})
			if err != nil {
				// The importer's message already names the file.
				msg := err.Error()
				if strings.Contains(msg, "请指定机关名称和年度") {
					msg += "（用 --agency 和 --year）"
				}
				return usageErr("无法导入：%s", msg)
			}
			r := res.Report
			if strings.TrimSpace(r.Agency) == "" {
				return usageErr("无法从 %s 读出机关名称，请用 --agency 指定", path)
			}
			if r.Year == 0 {
				return usageErr("无法从 %s 读出年度，请用 --year 指定", path)
			}
			if err := checkYear(r.Year); err != nil {
				return err
			}
			base := filepath.Base(path)
			return a.withStore(func(s *store.Store) error {
				existing, err := s.Find(r.Agency, r.Year)
				switch {
				case err == nil:
					if !replace {
						return usageErr("草稿文件中已有报告 %s；要用导入的内容替换它，请加 --replace（替换前会保存一个历史版本）", reportName(r.Agency, r.Year))
					}
					r.ID = existing.ID
					if r.Previous == "" {
						r.Previous = existing.Previous
					}
					if r.Kind == "" {
						r.Kind = existing.Kind
					}
					if r.Scope == "" {
						r.Scope = existing.Scope
					}
					if err := s.Replace(r, "导入 "+base+" 替换"); err != nil {
						return storeErr(err)
					}
				case errors.Is(err, store.ErrNotFound):
					if r.ID == "" {
						r.ID = model.NewID()
					} else if _, err := s.Get(r.ID); err == nil {
						// The JSON of a report still in the file under another name
						// (or a copy of it): import it as a report of its own.
						r.ID = model.NewID()
					}
					if r.Kind == "" {
						r.Kind = model.KindOther
						res.Notes = append(res.Notes, fmt.Sprintf("文件中没有机关类型，暂定为「%s」，可用 nianbao meta --kind 修改", r.Kind.Name()))
					}
					if r.Scope == "" {
						r.Scope = model.ScopeSelf
					}
					if err := s.Create(r, "导入 "+base); err != nil {
						return storeErr(err)
					}
				default:
					return storeErr(err)
				}
				for _, n := range res.Notes {
					a.note("导入说明：%s", n)
				}
				fmt.Fprintln(a.stdout, reportName(r.Agency, r.Year))
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&agency, "agency", "", "机关名称 `NAME`（代替标题中的名称）")
	fl.IntVar(&year, "year", 0, "年度 `Y`（代替标题中的年度）")
	fl.BoolVar(&replace, "replace", false, "替换草稿文件中同一机关名称/年度的报告")
	return cmd
}
