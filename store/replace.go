package store

import (
	"errors"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// ReplaceAs stores r over the live report of the same id, as Replace does
// for an import, for an operation that rewrites a report whole (a sum made
// again from its units): the state before is kept as a revision labelled
// before, and the new state is a revision of its own labelled summary, so
// that neither is merged with the officer's edits. The link to last year's
// report is kept as stored when r has none.
func (s *Store) ReplaceAs(r *model.Report, before, summary string) error {
	now := s.opt.Now()
	return s.update(func(tx *bolt.Tx) error {
		in, err := liveInfo(tx, r.ID)
		if err != nil {
			return err
		}
		old, err := getReport(tx, r.ID)
		if err != nil && !errors.Is(err, ErrDamagedReport) {
			return err
		}
		if old != nil {
			if err := sealCurrent(tx, r.ID, now, before); err != nil {
				return err
			}
		}
		c := r.Clone()
		if c.Previous == "" {
			c.Previous = in.Previous
		}
		js, changed, err := writeReport(tx, c, now)
		if err != nil || !changed {
			return err
		}
		return addRevision(tx, r.ID, now, summary, js, true)
	})
}
