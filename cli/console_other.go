//go:build !windows

package cli

// consoleOwned: elsewhere a terminal is opened by the officer, or by the
// desktop entry's launcher, which waits itself (packaging/linux).
func consoleOwned() bool { return false }
