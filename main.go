// Command nianbao helps an officer of a Chinese government agency fill in the
// statutory annual report on government information disclosure
// (政府信息公开工作年度报告): a terminal UI that checks every figure as it is
// typed, drafts kept in a local bbolt file, and exports as Markdown, HTML or
// JSON. Without arguments it opens the UI; with a command it works as a
// script-friendly command line (see `nianbao --help`, all in Chinese).
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
