package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes, as issue 7 fixes them. Where several apply the largest wins.
const (
	exitOK       = 0
	exitFindings = 1 // check found errors
	exitUsage    = 2 // bad usage, input or output
	exitDraft    = 3 // the draft file cannot be used
)

// cliError is an error with the exit code it calls for. Its message is
// Chinese and complete; it is printed as 「错误：message」.
type cliError struct {
	code  int
	msg   string
	cause error // the store's error, kept for errors.Is/As
}

func (e *cliError) Error() string { return e.msg }

func (e *cliError) Unwrap() error { return e.cause }

func usageErr(format string, a ...any) error {
	return &cliError{code: exitUsage, msg: fmt.Sprintf(format, a...)}
}

func draftErr(format string, a ...any) error {
	return &cliError{code: exitDraft, msg: fmt.Sprintf(format, a...)}
}

// app is one run of the command line: its streams, its global flags and the
// exit code so far (raised, never lowered).
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	db             string // --db
	code           int
}

// run executes the command line args and returns the exit code. Everything
// the program prints goes to stdout (results) or stderr (notes and errors),
// so tests run it in-process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		a.fail(err)
	}
	return a.code
}

// raise records an exit code; the largest wins.
func (a *app) raise(code int) {
	if code > a.code {
		a.code = code
	}
}

// fail prints err in Chinese on stderr and raises the exit code it calls for.
func (a *app) fail(err error) {
	var ce *cliError
	if errors.As(err, &ce) {
		fmt.Fprintf(a.stderr, "错误：%s\n", ce.msg)
		a.raise(ce.code)
		return
	}
	// Anything else comes from cobra or pflag before a command ran: bad usage.
	fmt.Fprintf(a.stderr, "错误：%s\n", translateCobra(err.Error()))
	a.raise(exitUsage)
}

// note prints a note for the user on stderr.
func (a *app) note(format string, args ...any) {
	fmt.Fprintf(a.stderr, format+"\n", args...)
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "nianbao",
		Short: "政府信息公开工作年度报告填报工具",
		Long: `nianbao 帮助行政机关填报《政府信息公开工作年度报告》（国办公开办函〔2021〕30号格式）：
边填边核对表格勾稽关系和上下年衔接，草稿保存在本机文件中，可导出为 HTML、Markdown 或 JSON。

不带命令运行时打开全屏填报界面；带命令时在命令行中完成单项操作，便于脚本调用。
报告（REPORT）写作「机关名称/年度」，例如 北京市密云区科学技术委员会/2023；
check 和 export 也接受一个 .json 报告文件。

退出码：0 成功（包括只有提示的检查、带错误的导出）；1 检查发现错误；
2 用法、输入或输出有误；3 草稿文件无法使用（被另一窗口占用、已损坏、不可写）。`,
		Example: `  nianbao                                   打开填报界面
  nianbao new --agency 北京市密云区科学技术委员会 --year 2024 --kind county_dept
  nianbao check --all
  nianbao export --format html 北京市密云区科学技术委员会/2024`,
		Args:          a.rootArgs,
		RunE:          func(cmd *cobra.Command, args []string) error { return a.runUI() },
		SilenceUsage:  true,
		SilenceErrors: true,
		// cobra only sets its default distance inside its own (English) lookup.
		SuggestionsMinimumDistance: 2,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().StringVar(&a.db, "db", "", "草稿文件的路径 `FILE`（优先于环境变量 NIANBAO_DB 和默认位置）")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr("%s（用 %s --help 查看用法）", translateCobra(err.Error()), c.CommandPath())
	})
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [命令]",
		Short: "显示某个命令的帮助",
		Long:  "显示某个命令的帮助，例如 nianbao help export。",
		Args:  cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || cmd == nil || len(rest) > 0 {
				return usageErr("没有这个命令：%s（用 nianbao --help 查看全部命令）", strings.Join(args, " "))
			}
			return cmd.Help()
		},
	})
	root.AddCommand(
		a.newCmd(), a.metaCmd(), a.listCmd(), a.setCmd(), a.textCmd(), a.checkCmd(),
		a.exportCmd(), a.importCmd(), a.historyCmd(), a.restoreCmd(), a.deleteCmd(),
		a.trashCmd(), a.undeleteCmd(), a.backupsCmd(), a.recoverCmd(), a.compactCmd(),
	)
	// Chinese help flags on every command, added before cobra adds its own.
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().BoolP("help", "h", false, "显示本帮助")
		c.Flags().SortFlags = false
		c.SilenceUsage, c.SilenceErrors = true, true
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return root
}

// rootArgs refuses a first argument that is no command, in Chinese and with
// cobra's suggestions.
func (a *app) rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("没有这个命令：%s", args[0])
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "。您是不是想用：" + strings.Join(s, "、")
	}
	return usageErr("%s（用 nianbao --help 查看全部命令）", msg)
}

// argsRange and argsExact check the number of arguments (max < 0: any) with a
// Chinese message that names what is expected.
func argsRange(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || (max >= 0 && len(args) > max) {
			return usageErr("参数个数不对：%s 的参数应为「%s」，收到 %d 个（用 %s --help 查看用法）",
				cmd.CommandPath(), what, len(args), cmd.CommandPath())
		}
		return nil
	}
}

func argsExact(n int, what string) cobra.PositionalArgs { return argsRange(n, n, what) }

var (
	reUnknownFlag  = regexp.MustCompile(`^unknown flag: (\S+)`)
	reUnknownShort = regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)`)
	reNeedsArg     = regexp.MustCompile(`^flag needs an argument: (?:'(.)' in )?(\S+)`)
	reInvalidArg   = regexp.MustCompile(`^invalid argument "(.*)" for "(.+?)" flag`)
	reBadSyntax    = regexp.MustCompile(`^bad flag syntax: (\S+)`)
	reUnknownCmd   = regexp.MustCompile(`^unknown command "(.*?)" for "(.*?)"`)
	reRequired     = regexp.MustCompile(`^required flag\(s\) (.*) not set`)
)

// translateCobra turns cobra's and pflag's English messages into Chinese.
func translateCobra(msg string) string {
	if m := reUnknownFlag.FindStringSubmatch(msg); m != nil {
		return "没有这个选项：" + m[1]
	}
	if m := reUnknownShort.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("没有这个选项：-%s（在 %s 中）", m[1], m[2])
	}
	if m := reNeedsArg.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			return fmt.Sprintf("选项 -%s 后面需要一个值", m[1])
		}
		return fmt.Sprintf("选项 %s 后面需要一个值", m[2])
	}
	if m := reInvalidArg.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("选项 %s 的值「%s」不对（应为数字）", m[2], m[1])
	}
	if m := reBadSyntax.FindStringSubmatch(msg); m != nil {
		return "选项写法不对：" + m[1]
	}
	if m := reUnknownCmd.FindStringSubmatch(msg); m != nil {
		return "没有这个命令：" + m[1]
	}
	if m := reRequired.FindStringSubmatch(msg); m != nil {
		return "缺少必需的选项：" + m[1]
	}
	return msg
}

// usageTemplate is cobra's usage template in Chinese. The flag lists go
// through zhFlags, which translates pflag's "(default …)".
const usageTemplate = `用法：{{if .Runnable}}
  {{zhUseLine .}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if .HasExample}}

示例：
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

命令：{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{zhFlags .LocalFlags}}{{end}}{{if .HasAvailableInheritedFlags}}

全局选项：
{{zhFlags .InheritedFlags}}{{end}}{{if .HasAvailableSubCommands}}

用 "{{.CommandPath}} [命令] --help" 查看某个命令的详细说明。{{end}}
`

func init() {
	cobra.EnableCommandSorting = false // keep the order of the issue: new, meta, list…
	cobra.AddTemplateFunc("zhUseLine", func(c *cobra.Command) string {
		line := c.CommandPath()
		if _, rest, ok := strings.Cut(c.Use, " "); ok {
			line += " " + rest
		}
		if c.HasAvailableFlags() {
			line += " [选项]"
		}
		return line
	})
	cobra.AddTemplateFunc("zhFlags", func(fs *pflag.FlagSet) string {
		s := strings.TrimRight(fs.FlagUsages(), " \n")
		return reDefault.ReplaceAllString(s, "（默认 $1）")
	})
}

var reDefault = regexp.MustCompile(`(?m)\(default (.*?)\)$`)
