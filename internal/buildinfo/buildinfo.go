// Package buildinfo says which build of nianbao is running: its version,
// the commit it was built from, when, and with which Go. A build from a
// checkout (go build, go install) carries the commit in the binary's own
// build information (runtime/debug.ReadBuildInfo: vcs.revision, vcs.time,
// vcs.modified); a release adds its version and build time through the
// linker (GoReleaser's ldflags, see .goreleaser.yaml), which win.
//
// The front ends show it (nianbao --version, the UI's help screen) and hand
// Line to the exports as their generator; the exports themselves never ask,
// so that their tests stay byte-stable.
package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Set by the release build:
//
//	-X nianbao/internal/buildinfo.version={{.Version}}
//	-X nianbao/internal/buildinfo.commit={{.FullCommit}}
//	-X nianbao/internal/buildinfo.date={{.Date}}
//
// (GoReleaser's templates). Empty in a plain go build.
var (
	version string
	commit  string
	date    string
)

// Devel is the version of a build that has none (go run, go test, a build
// outside a checkout), as Go itself says it.
const Devel = "(devel)"

// Info is what is known of the running build.
type Info struct {
	Version    string    // "1.2.0", a Go pseudo-version, or Devel
	Commit     string    // the full commit hash, "" when unknown
	CommitTime time.Time // the commit's time (vcs.time), zero when unknown
	BuildTime  time.Time // when a release was built, zero for go build
	Modified   bool      // built from a checkout with uncommitted changes
	Go         string    // the Go release that built it, go1.26.8
	Platform   string    // the system it runs on: linux/amd64
}

// Get reads the running program's build information.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return from(bi, version, commit, date)
}

// from combines the binary's build information (nil when it has none) with
// the values the linker set.
func from(bi *debug.BuildInfo, ldVersion, ldCommit, ldDate string) Info {
	in := Info{Version: Devel, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if bi.GoVersion != "" {
			in.Go = bi.GoVersion
		}
		if v := bi.Main.Version; v != "" && v != Devel {
			in.Version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				in.Commit = s.Value
			case "vcs.time":
				in.CommitTime, _ = time.Parse(time.RFC3339, s.Value)
			case "vcs.modified":
				in.Modified = s.Value == "true"
			}
		}
		// The pseudo-version Go derives from the checkout says "+dirty"
		// itself; Modified says it once.
		in.Version = strings.TrimSuffix(in.Version, "+dirty")
	}
	if ldVersion != "" {
		in.Version = ldVersion
	}
	// GoReleaser says "none" when it could not read the commit: only a
	// hash is taken.
	if isHash(ldCommit) {
		in.Commit = ldCommit
	}
	if t, err := time.Parse(time.RFC3339, ldDate); err == nil {
		in.BuildTime = t
	}
	// "v1.2.0" and "1.2.0" are one version: shown without the v.
	if len(in.Version) > 1 && in.Version[0] == 'v' && in.Version[1] >= '0' && in.Version[1] <= '9' {
		in.Version = in.Version[1:]
	}
	return in
}

// ShortCommit is the commit's first 12 hex digits (as in Go's
// pseudo-versions), with "-dirty" when the tree had uncommitted changes;
// "" when the commit is unknown.
func (in Info) ShortCommit() string {
	c := in.Commit
	if len(c) > 12 {
		c = c[:12]
	}
	if c != "" && in.Modified {
		c += "-dirty"
	}
	return c
}

// Date is the build's date (a release's build time, else the commit's), as
// 2006-01-02 in UTC; "" when neither is known.
func (in Info) Date() string {
	t := in.BuildTime
	if t.IsZero() {
		t = in.CommitTime
	}
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// Line is the build in one line, the same wherever it is shown (the UI's
// help screen, an export's generator): "nianbao 1.2.0 (0123456789ab,
// 2026-07-01, go1.26.8)". Parts that are unknown are left out.
func (in Info) Line() string {
	var parts []string
	for _, p := range []string{in.ShortCommit(), in.Date(), in.Go} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	s := "nianbao " + in.Version
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

// isHash says whether s is a commit hash (7 to 64 hex digits).
func isHash(s string) bool {
	if len(s) < 7 || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
