package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// migrations[v] turns layout v into the current one inside one write
// transaction.
var migrations = map[int]func(tx *bolt.Tx, now time.Time) error{
	1: migrate1,
	2: migrate2,
	3: migrate3,
}

// migrate copies the file beside itself (<file>.v<N>.bak) and then brings it
// to SchemaVersion in one transaction; on any failure the file is as before.
func (s *Store) migrate(from int) error {
	bak := fmt.Sprintf("%s.v%d.bak", s.path, from)
	err := s.copyTo(bak)
	if errors.Is(err, fs.ErrExist) {
		bak = fmt.Sprintf("%s.v%d.%s.bak", s.path, from, s.opt.Now().Format("20060102-150405"))
		err = s.copyTo(bak)
	}
	if err != nil {
		return &FileError{Problem: NotWritable, Path: s.path, Migrating: true, Reason: fmt.Sprintf(txtMigrateCopy, ioReason(bak, err)), Copy: bak, Err: err, Detail: err.Error()}
	}
	now := s.opt.Now()
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := migrations[from](tx, now); err != nil {
			return err
		}
		if err := tx.Bucket(bucketMeta).Put(keyCollation, collationStamp()); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(strconv.Itoa(SchemaVersion)))
	})
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			return err
		}
		return &FileError{Problem: NotWritable, Path: s.path, Migrating: true, Reason: err.Error(), Copy: bak, Err: err, Detail: err.Error()}
	}
	return nil
}

// migrate1 builds the summaries, the (机关名称, 年度) index and a first
// revision of every report. A report whose (机关名称, 年度) is already taken,
// or has no agency, goes to the trash, so that nothing is lost.
func migrate1(tx *bolt.Tx, now time.Time) error {
	for _, b := range [][]byte{bucketInfo, bucketIndex, bucketRevs} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	rb := tx.Bucket(bucketReports)
	if rb == nil {
		var err error
		if rb, err = tx.CreateBucket(bucketReports); err != nil {
			return err
		}
	}
	var reps []*model.Report
	err := rb.ForEach(func(k, v []byte) error {
		r, err := model.Decode(v)
		if err != nil {
			return fmt.Errorf(txtMigrateUnreadable, k, err)
		}
		r.ID = string(k)
		reps = append(reps, r)
		return nil
	})
	if err != nil {
		return err
	}
	// Older years first, so that each report's last year is indexed before it.
	sort.SliceStable(reps, func(i, j int) bool {
		if reps[i].Year != reps[j].Year {
			return reps[i].Year < reps[j].Year
		}
		return reps[i].ID < reps[j].ID
	})
	ix := tx.Bucket(bucketIndex)
	for _, r := range reps {
		js, err := model.Encode(r)
		if err != nil {
			return err
		}
		if err := rb.Put([]byte(r.ID), seal(domReports, []byte(r.ID), packRecord(js))); err != nil {
			return err
		}
		in := &info{Agency: r.Agency, Year: r.Year, Previous: r.Previous, Updated: now}
		key := indexKey(r.Agency, r.Year)
		if strings.TrimSpace(r.Agency) == "" || ix.Get(key) != nil {
			in.Deleted = now
		} else if err := indexPut(tx, key, []byte(r.ID)); err != nil {
			return err
		}
		prev, err := previousTx(tx, r)
		if err != nil {
			return err
		}
		in.Errors, in.Missing, in.Warnings = countFindings(r, prev)
		if err := putInfo(tx, r.ID, in); err != nil {
			return err
		}
		if err := addRevision(tx, r.ID, now, sumMigrated, js, true); err != nil {
			return err
		}
	}
	return nil
}

// migrate2 seals every record with its checksum (checksum.go), stores the
// summaries in their binary form with sort keys, compresses every revision
// (revcodec.go) and applies the bounded retention. Records that cannot be
// read are kept as they are, so that they stay damaged, never silently
// changed: a report's bytes are sealed as they were (it still fails to
// decode), an unreadable summary or revision is left unsealed (it fails its
// checksum).
func migrate2(tx *bolt.Tx, now time.Time) error {
	reseal := func(b *bolt.Bucket, conv func(k, v []byte) []byte) error {
		type kv struct{ k, v []byte }
		var out []kv
		err := b.ForEach(func(k, v []byte) error {
			if v == nil {
				return nil // a nested bucket
			}
			if nv := conv(k, v); nv != nil {
				out = append(out, kv{append([]byte(nil), k...), nv})
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, x := range out {
			if err := b.Put(x.k, x.v); err != nil {
				return err
			}
		}
		return nil
	}
	if err := reseal(tx.Bucket(bucketReports), func(k, v []byte) []byte {
		if _, err := model.Decode(v); err != nil {
			return seal(domReports, k, v) // damaged: sealed as it is
		}
		return seal(domReports, k, packRecord(v))
	}); err != nil {
		return err
	}
	if err := reseal(tx.Bucket(bucketIndex), func(k, v []byte) []byte { return seal(domIndex, k, v) }); err != nil {
		return err
	}
	var ids [][]byte
	tx.Bucket(bucketRevs).ForEach(func(k, v []byte) error {
		if v == nil {
			ids = append(ids, append([]byte(nil), k...))
		}
		return nil
	})
	for _, id := range ids {
		b := tx.Bucket(bucketRevs).Bucket(id)
		b.FillPercent = 0.95
		err := reseal(b, func(k, v []byte) []byte {
			h, js, err := decodeRevV2(v)
			if err != nil {
				return nil
			}
			h.Pinned = h.Sealed
			nv, err := encodeRev(string(id), k, h, js)
			if err != nil {
				return nil
			}
			return nv
		})
		if err != nil {
			return err
		}
		if err := prune(b, string(id), now); err != nil {
			return err
		}
	}
	return reseal(tx.Bucket(bucketInfo), func(k, v []byte) []byte {
		var in infoV2
		if err := json.Unmarshal(v, &in); err != nil {
			return nil
		}
		n := &info{Agency: in.Agency, Year: in.Year, Previous: in.Previous, Updated: in.Updated,
			Errors: in.Errors, Missing: in.Missing, Warnings: in.Warnings, Deleted: in.Deleted,
			SortKey: sortKey(in.Agency)}
		return seal(domInfo, k, n.marshal())
	})
}

// migrate3 packs every report's record and rewrites every revision in
// format 2 (revpack.go, revcodec.go): the same JSON, byte for byte, in half
// the space. A record or revision that cannot be read is left as it is.
func migrate3(tx *bolt.Tx, now time.Time) error {
	rb := tx.Bucket(bucketReports)
	type kv struct{ k, v []byte }
	var recs []kv
	rb.ForEach(func(k, v []byte) error {
		if rec, ok := unseal(domReports, k, v); ok && (len(rec) == 0 || rec[0] != recordPacked) {
			recs = append(recs, kv{bytes.Clone(k), seal(domReports, k, packRecord(rec))})
		}
		return nil
	})
	for _, x := range recs {
		if err := rb.Put(x.k, x.v); err != nil {
			return err
		}
	}
	var ids [][]byte
	tx.Bucket(bucketRevs).ForEach(func(k, v []byte) error {
		if v == nil {
			ids = append(ids, bytes.Clone(k))
		}
		return nil
	})
	for _, id := range ids {
		b := tx.Bucket(bucketRevs).Bucket(id)
		var revs []kv
		b.ForEach(func(k, v []byte) error {
			if _, format, _, err := revHead(string(id), k, v); err != nil || format != revFormat1 {
				return nil
			}
			h, js, err := decodeRev(string(id), k, v)
			if err != nil {
				return nil
			}
			nv, err := encodeRev(string(id), k, h, js)
			if err == nil {
				revs = append(revs, kv{bytes.Clone(k), nv})
			}
			return nil
		})
		for _, x := range revs {
			if err := b.Put(x.k, x.v); err != nil {
				return err
			}
		}
	}
	return nil
}

// infoV2 is a summary as layout 2 stored it.
type infoV2 struct {
	Agency   string    `json:"agency"`
	Year     int       `json:"year"`
	Previous string    `json:"previous,omitempty"`
	Updated  time.Time `json:"updated"`
	Errors   int       `json:"errors"`
	Missing  int       `json:"missing"`
	Warnings int       `json:"warnings"`
	Deleted  time.Time `json:"deleted,omitzero"`
}

// decodeRevV2 reads a revision as layout 2 stored it: uvarint(len(header)),
// the header JSON, then the report JSON.
func decodeRevV2(v []byte) (*revRec, []byte, error) {
	n, k := binary.Uvarint(v)
	if k <= 0 || uint64(len(v)-k) < n {
		return nil, nil, errRevDamaged
	}
	var h struct {
		Start     time.Time `json:"start"`
		Time      time.Time `json:"time"`
		Summaries []string  `json:"summaries"`
		More      int       `json:"more,omitempty"`
		Sealed    bool      `json:"sealed,omitempty"`
	}
	if err := json.Unmarshal(v[k:k+int(n)], &h); err != nil {
		return nil, nil, errRevDamaged
	}
	return &revRec{Start: h.Start, Time: h.Time, Summaries: h.Summaries, More: h.More, Sealed: h.Sealed},
		append([]byte(nil), v[k+int(n):]...), nil
}
