package cli

import (
	"github.com/spf13/cobra"

	"nianbao/store"
)

func (a *app) compactCmd() *cobra.Command {
	return command(helpCompact, argsExact(0, argsNone), func(cmd *cobra.Command, args []string) error {
		return a.withStore(func(s *store.Store) error {
			before, after, err := s.Compact()
			if err != nil {
				return storeErr(err)
			}
			a.note(txtCompacted, s.Path(), humanSize(before), humanSize(after))
			return nil
		})
	})
}
