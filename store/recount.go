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

// refreshSummaries makes the summaries again when the file's were made by
// another version of nianbao: the counts when the rules changed (so that
// the list never shows counts the program would not find), the sort keys
// when the collation did. Reading every report, it is the one time a
// writable open reads them all. A failure leaves the old summaries, which
// a save refreshes anyway and the list sorts correctly regardless.
func (s *Store) refreshSummaries() {
	fp, coll := currentRules(), collationStamp()
	var rules, keys bool
	s.view(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		rules, keys = !bytes.Equal(m.Get(keyRules), fp), !bytes.Equal(m.Get(keyCollation), coll)
		return nil
	})
	if !rules && !keys {
		return
	}
	s.update(func(tx *bolt.Tx) error {
		var ids []string
		tx.Bucket(bucketInfo).ForEach(func(k, _ []byte) error { ids = append(ids, string(k)); return nil })
		for _, id := range ids {
			if rules {
				if err := recount(tx, id); err != nil {
					return err
				}
			}
			if in, err := getInfo(tx, id); err == nil && keys {
				if err := putInfo(tx, id, in); err != nil { // a new sort key
					return err
				}
			}
		}
		m := tx.Bucket(bucketMeta)
		if err := m.Put(keyCollation, coll); err != nil {
			return err
		}
		return m.Put(keyRules, fp)
	})
}
