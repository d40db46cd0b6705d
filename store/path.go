package store

import (
	"os"
	"path/filepath"
	"runtime"
)

// FileName is the name of the draft file inside the data folder.
const FileName = "drafts.db"

// EnvDB is the environment variable that overrides the default path.
const EnvDB = "NIANBAO_DB"

// DefaultPath is the draft file in the user's local (never roaming) data
// folder: $XDG_DATA_HOME or ~/.local/share on Linux and other Unix systems,
// %LocalAppData% on Windows, ~/Library/Application Support on macOS.
func DefaultPath() (string, error) {
	home, _ := os.UserHomeDir()
	return defaultPathFor(runtime.GOOS, os.Getenv, home)
}

func defaultPathFor(goos string, getenv func(string) string, home string) (string, error) {
	var base string
	switch goos {
	case "windows":
		// The roaming profile is often redirected to a network share, where
		// memory maps and locks are unreliable: use the local one.
		base = getenv("LocalAppData")
		if base == "" && home != "" {
			base = filepath.Join(home, "AppData", "Local")
		}
	case "darwin", "ios":
		if home != "" {
			base = filepath.Join(home, "Library", "Application Support")
		}
	default:
		if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
			base = x
		} else if home != "" {
			base = filepath.Join(home, ".local", "share")
		}
	}
	if base == "" {
		return "", ErrNoDataDir
	}
	return filepath.Join(base, "nianbao", FileName), nil
}

// ResolvePath chooses the draft file: the --db flag value if given, else
// $NIANBAO_DB, else DefaultPath. The result is absolute.
func ResolvePath(flagValue string) (string, error) {
	p := flagValue
	if p == "" {
		p = os.Getenv(EnvDB)
	}
	if p == "" {
		return DefaultPath()
	}
	return filepath.Abs(p)
}
