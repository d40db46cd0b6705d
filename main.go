// Command nianbao helps an officer of a Chinese government agency fill in the
// statutory annual report on government information disclosure
// (政府信息公开工作年度报告): a terminal UI that checks every figure as it is
// typed, drafts kept in a local bbolt file, and exports as Markdown, HTML or
// JSON. Without arguments it opens the UI; with a command it works as a
// script-friendly command line (see `nianbao --help`, all in Chinese).
//
// This file only wires the program together: the command line is package
// cli, the UI package ui (see ARCHITECTURE.md).
package main

import (
	"os"

	"github.com/mattn/go-runewidth"

	"nianbao/cli"
)

func main() {
	// Under a zh_CN locale go-runewidth counts ambiguous characters (“ ” …)
	// as two columns while lipgloss counts one, and the bubbles textarea uses
	// both: count them as one, once, before anything is drawn.
	runewidth.DefaultCondition.EastAsianWidth = false
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
