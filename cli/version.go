package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"nianbao/internal/buildinfo"
)

// versionText is what nianbao --version and nianbao version print: the
// version, the commit (with its time, and whether the tree had changes),
// when a release was built, and the Go that built it. Times are in UTC, so
// that two offices reading the same build see the same text.
func versionText(in buildinfo.Info) string {
	const layout = "2006-01-02 15:04:05 UTC"
	var b strings.Builder
	fmt.Fprintf(&b, txtVersionLine, in.Version)
	switch {
	case in.Commit == "":
		b.WriteString(txtVersionNoCommit)
	case in.CommitTime.IsZero():
		fmt.Fprintf(&b, txtVersionCommit, in.Commit)
	default:
		fmt.Fprintf(&b, txtVersionCommitAt, in.Commit, in.CommitTime.UTC().Format(layout))
	}
	if in.Modified {
		b.WriteString(txtVersionModified)
	}
	b.WriteString("\n")
	if in.BuildTime.IsZero() {
		b.WriteString(txtVersionNoBuildTime)
	} else {
		fmt.Fprintf(&b, txtVersionBuilt, in.BuildTime.UTC().Format(layout))
	}
	fmt.Fprintf(&b, txtVersionGo, in.Go, in.Platform)
	return b.String()
}

// versionCmd is nianbao version, the same text as nianbao --version.
func (a *app) versionCmd() *cobra.Command {
	return command(helpVersion, argsExact(0, argsNone), func(cmd *cobra.Command, args []string) error {
		fmt.Fprint(a.stdout, versionText(a.build))
		return nil
	})
}

// setVersionFlag makes --version print versionText (cobra's own flag,
// with a Chinese description and the text as it is).
func (a *app) setVersionFlag(root *cobra.Command) {
	root.Version = versionText(a.build)
	root.SetVersionTemplate("{{.Version}}")
	root.Flags().Bool("version", false, flagVersion)
}

// generator names this build in what it exports (the HTML document's
// generator meta, the Word document's properties).
func (a *app) generator() string { return a.build.Line() }
