package buildinfo

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func settings(kv ...string) []debug.BuildSetting {
	var out []debug.BuildSetting
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

func TestFrom(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	checkout := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "nianbao", Version: "v0.0.0-20260630080000-0123456789ab+dirty"},
		Settings:  settings("vcs", "git", "vcs.revision", rev, "vcs.time", "2026-06-30T08:00:00Z", "vcs.modified", "true"),
	}
	for _, tc := range []struct {
		name                  string
		bi                    *debug.BuildInfo
		ldVersion, ldC, ldD   string
		line, version, commit string
		built, committed      string
		modified              bool
	}{
		{
			name: "go build in a checkout with changes", bi: checkout,
			line:    "nianbao 0.0.0-20260630080000-0123456789ab (0123456789ab-dirty, 2026-06-30, go1.26.8)",
			version: "0.0.0-20260630080000-0123456789ab", commit: rev, committed: "2026-06-30T08:00:00Z", modified: true,
		},
		{
			name: "a release: the linker's values win, the commit's time stays", bi: &debug.BuildInfo{
				GoVersion: "go1.26.8", Main: debug.Module{Path: "nianbao", Version: "v1.2.0"},
				Settings: settings("vcs.revision", "ffffffffffffffffffffffffffffffffffffffff", "vcs.time", "2026-06-30T08:00:00Z"),
			},
			ldVersion: "1.2.0", ldC: rev, ldD: "2026-07-01T09:10:11Z",
			line:    "nianbao 1.2.0 (0123456789ab, 2026-07-01, go1.26.8)",
			version: "1.2.0", commit: rev, built: "2026-07-01T09:10:11Z", committed: "2026-06-30T08:00:00Z",
		},
		{
			name: "go run or go test: nothing but Go's version",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "nianbao", Version: "(devel)"}},
			line: "nianbao (devel) (go1.26.8)", version: Devel,
		},
		{
			name: "no build information at all", bi: nil,
			line: "nianbao (devel) (" + runtime.Version() + ")", version: Devel,
		},
		{
			name: "a tagged module version keeps no v", bi: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v2.0.1"}},
			line: "nianbao 2.0.1 (go1.26.8)", version: "2.0.1",
		},
		{
			name: "a commit GoReleaser could not read (none) leaves the checkout's", bi: checkout,
			ldVersion: "0.0.1-snapshot+none", ldC: "none",
			line:    "nianbao 0.0.1-snapshot+none (0123456789ab-dirty, 2026-06-30, go1.26.8)",
			version: "0.0.1-snapshot+none", commit: rev, committed: "2026-06-30T08:00:00Z", modified: true,
		},
		{
			name: "a date the linker got wrong is left out", bi: &debug.BuildInfo{GoVersion: "go1.26.8"},
			ldVersion: "1.2.0", ldD: "yesterday",
			line: "nianbao 1.2.0 (go1.26.8)", version: "1.2.0",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := from(tc.bi, tc.ldVersion, tc.ldC, tc.ldD)
			if got := in.Line(); got != tc.line {
				t.Errorf("Line() = %q, want %q", got, tc.line)
			}
			if in.Version != tc.version || in.Commit != tc.commit || in.Modified != tc.modified {
				t.Errorf("version %q commit %q modified %v, want %q %q %v", in.Version, in.Commit, in.Modified, tc.version, tc.commit, tc.modified)
			}
			for _, c := range []struct {
				what string
				got  time.Time
				want string
			}{{"BuildTime", in.BuildTime, tc.built}, {"CommitTime", in.CommitTime, tc.committed}} {
				want := time.Time{}
				if c.want != "" {
					want, _ = time.Parse(time.RFC3339, c.want)
				}
				if !c.got.Equal(want) {
					t.Errorf("%s = %v, want %v", c.what, c.got, want)
				}
			}
			if in.Platform != runtime.GOOS+"/"+runtime.GOARCH {
				t.Errorf("Platform = %q", in.Platform)
			}
		})
	}
}

// TestGetInTest: a test binary has no version and no commit (go test stamps
// none), and says so rather than guessing.
func TestGetInTest(t *testing.T) {
	in := Get()
	if in.Go != runtime.Version() {
		t.Errorf("Go = %q, want %q", in.Go, runtime.Version())
	}
	if in.Version == "" {
		t.Error("empty version")
	}
}
