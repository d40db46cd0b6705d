package cli

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"nianbao/internal/buildinfo"
	"nianbao/internal/termsafe"
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
	stdin io.Reader
	// stdout and stderr are the streams given to Run seen through
	// termsafe: everything printed goes through them, so that a control
	// byte in a name, a path or a message is shown visibly (\x1b) and never
	// acts on the terminal. rawStdout is the stream itself, for a binary
	// export to a file or a pipe (never to a terminal).
	stdout, stderr io.Writer
	rawStdout      io.Writer
	db             string // --db
	code           int
	uiRefused      bool           // the UI could not start (see holdRefusal)
	build          buildinfo.Info // this build, for --version and the exports
}

// Run executes the command line args and returns the exit code. Everything
// the program prints goes to stdout (results) or stderr (notes and errors),
// so tests run it in-process. Without a command it opens the UI.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out, errw := termsafe.NewWriter(stdout), termsafe.NewWriter(stderr)
	a := &app{stdin: stdin, stdout: out, stderr: errw, rawStdout: stdout, build: buildinfo.Get()}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(out)
	root.SetErr(errw)
	if err := root.Execute(); err != nil {
		a.fail(err)
		a.holdRefusal()
	}
	// A character cut by the end of the output is written, escaped.
	out.Flush()
	errw.Flush()
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
		fmt.Fprintf(a.stderr, txtErrorLine, ce.msg)
		a.raise(ce.code)
		return
	}
	// Anything else comes from cobra or pflag before a command ran: bad usage.
	fmt.Fprintf(a.stderr, txtErrorLine, translateCobra(err.Error()))
	a.raise(exitUsage)
}

// note prints a note for the user on stderr.
func (a *app) note(format string, args ...any) {
	fmt.Fprintf(a.stderr, format+"\n", args...)
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "nianbao",
		Short:         helpRoot.short,
		Long:          fmt.Sprintf(helpRoot.long, formatList()),
		Example:       helpRoot.example,
		Args:          a.rootArgs,
		RunE:          func(cmd *cobra.Command, args []string) error { return a.runUI() },
		SilenceUsage:  true,
		SilenceErrors: true,
		// cobra only sets its default distance inside its own (English) lookup.
		SuggestionsMinimumDistance: 2,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().StringVar(&a.db, "db", "", flagDB)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErr(txtSeeHelp, translateCobra(err.Error()), c.CommandPath())
	})
	root.SetUsageFunc(usage)
	root.SetHelpCommand(&cobra.Command{
		Use:   helpHelp.use,
		Short: helpHelp.short,
		Long:  helpHelp.long,
		Args:  cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := c.Root().Find(args)
			if err != nil || cmd == nil || len(rest) > 0 {
				return usageErr(txtNoCommandSeeAll, txtNoCommand+strings.Join(args, " "))
			}
			return cmd.Help()
		},
	})
	root.AddCommand(
		a.newCmd(), a.metaCmd(), a.listCmd(), a.setCmd(), a.textCmd(), a.checkCmd(),
		a.exportCmd(), a.importCmd(), a.historyCmd(), a.restoreCmd(), a.deleteCmd(),
		a.trashCmd(), a.undeleteCmd(), a.backupsCmd(), a.recoverCmd(), a.compactCmd(),
		a.collectCmd(), a.statusCmd(), a.sumCmd(), a.figuresCmd(), a.versionCmd(),
	)
	a.setVersionFlag(root)
	// Chinese help flags on every command, added before cobra adds its own.
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().BoolP("help", "h", false, flagHelp)
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
	msg := txtNoCommand + args[0]
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += txtDidYouMean + strings.Join(s, txtListSep)
	}
	return usageErr(txtNoCommandSeeAll, msg)
}

// argsRange and argsExact check the number of arguments (max < 0: any) with a
// Chinese message that names what is expected.
func argsRange(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || (max >= 0 && len(args) > max) {
			return usageErr(txtArgCount, cmd.CommandPath(), what, len(args), cmd.CommandPath())
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
		return txtNoOption + m[1]
	}
	if m := reUnknownShort.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf(txtNoShortOption, m[1], m[2])
	}
	if m := reNeedsArg.FindStringSubmatch(msg); m != nil {
		if m[1] != "" {
			return fmt.Sprintf(txtNeedsValue, "-"+m[1])
		}
		return fmt.Sprintf(txtNeedsValue, m[2])
	}
	if m := reInvalidArg.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf(txtBadNumber, m[2], m[1])
	}
	if m := reBadSyntax.FindStringSubmatch(msg); m != nil {
		return txtBadSyntax + m[1]
	}
	if m := reUnknownCmd.FindStringSubmatch(msg); m != nil {
		return txtNoCommand + m[1]
	}
	if m := reRequired.FindStringSubmatch(msg); m != nil {
		// cobra names them "year", "agency": the officer types --year.
		var flags []string
		for f := range strings.SplitSeq(m[1], ",") {
			flags = append(flags, "--"+strings.Trim(strings.TrimSpace(f), `"`))
		}
		return txtRequired + strings.Join(flags, txtRequiredSep)
	}
	return msg
}

func init() {
	cobra.EnableCommandSorting = false // keep the order of the issue: new, meta, list…
}

// usage writes a command's usage in Chinese, in the shape of cobra's own.
// It is Go, not a cobra template: a template brings in text/template, whose
// reflective method calls keep every exported method of every type in the
// program and so make the binary (and each start) much bigger.
func usage(c *cobra.Command) error {
	var b strings.Builder
	b.WriteString(txtUsage)
	if c.Runnable() {
		b.WriteString("\n  " + useLine(c))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n  " + fmt.Sprintf(txtUsageSubcmd, c.CommandPath()))
	}
	if c.HasExample() {
		b.WriteString("\n\n" + txtUsageExamples + "\n" + c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + txtUsageCommands)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(&b, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\n\n" + txtUsageOptions + "\n" + zhFlags(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\n\n" + txtUsageGlobal + "\n" + zhFlags(c.InheritedFlags()))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + fmt.Sprintf(txtUsageMore, c.CommandPath()))
	}
	b.WriteString("\n")
	_, err := io.WriteString(c.OutOrStderr(), b.String())
	return err
}

// useLine is the command's path, its arguments as Use names them, and
// [选项] when it has options.
func useLine(c *cobra.Command) string {
	line := c.CommandPath()
	if _, rest, ok := strings.Cut(c.Use, " "); ok {
		line += " " + rest
	}
	if c.HasAvailableFlags() {
		line += txtOptionsMark
	}
	return line
}

// zhFlags lists a flag set with pflag's "(default …)" in Chinese.
func zhFlags(fs *pflag.FlagSet) string {
	s := strings.TrimRight(fs.FlagUsages(), " \n")
	return reDefault.ReplaceAllString(s, txtDefault)
}

var reDefault = regexp.MustCompile(`(?m)\(default (.*?)\)$`)
