package main

import (
	"time"

	"nianbao/store"
	"nianbao/ui"
)

// runUI opens the full-screen UI on the draft file, which it holds for the
// whole session (a second window gets the store's "held" message: exit 3).
func (a *app) runUI() error {
	return a.withStore(func(s *store.Store) error {
		if err := ui.Run(ui.Config{Store: s, Now: time.Now, ExportDir: "."}); err != nil {
			return usageErr("填报界面出错：%s", err.Error())
		}
		return nil
	})
}
