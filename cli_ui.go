package main

import (
	"strings"
	"time"

	"nianbao/store"
	"nianbao/ui"
)

// runUI opens the full-screen UI on the draft file, which it holds for the
// whole session (a second window gets the store's "held" message: exit 3).
func (a *app) runUI() error {
	return a.withStore(func(s *store.Store) error {
		err := ui.Run(ui.Config{Store: s, Now: time.Now, ExportDir: "."})
		switch {
		case err == nil:
			return nil
		case strings.Contains(strings.ToLower(err.Error()), "tty"):
			// Started from a script or a pipe: Bubble Tea found no terminal.
			return usageErr("填报界面需要在终端（命令行窗口）中运行，这里没有可用的终端；在脚本中请使用 nianbao 的命令（见 nianbao --help）")
		}
		return usageErr("填报界面出错：%s", err.Error())
	})
}
