package store

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"runtime/debug"
	"sync"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// keyRules holds the fingerprint of the rules the stored counts were made
// with.
var keyRules = []byte("rules")

// currentRules is this program's rules fingerprint, computed once.
var currentRules = sync.OnceValue(rulesFingerprint)

// rulesFingerprint identifies the check rules of this program: the rule
// table (ids and severities) and, where the build records it, the version
// and commit, since a rule can change without changing its id.
func rulesFingerprint() []byte {
	h := fnv.New64a()
	for _, r := range model.Rules() {
		fmt.Fprintf(h, "%s/%d;", r.ID, r.Severity)
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprint(h, bi.Main.Version)
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				fmt.Fprint(h, s.Key, s.Value)
			}
		}
	}
	return fmt.Appendf(nil, "%016x", h.Sum64())
}

// recountIfRulesChanged recounts every report's errors and warnings
// when the file's counts were made by other rules (another version of
// nianbao), so that the list never shows counts the program would not
// find. A failure leaves the old counts, which a save refreshes anyway.
func (s *Store) recountIfRulesChanged() {
	fp := currentRules()
	var same bool
	s.db.View(func(tx *bolt.Tx) error {
		same = bytes.Equal(tx.Bucket(bucketMeta).Get(keyRules), fp)
		return nil
	})
	if same {
		return
	}
	s.db.Update(func(tx *bolt.Tx) error {
		var ids []string
		tx.Bucket(bucketInfo).ForEach(func(k, _ []byte) error { ids = append(ids, string(k)); return nil })
		for _, id := range ids {
			if err := recount(tx, id); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keyRules, fp)
	})
}
