package store

import (
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

// migrations[v] turns layout v into v+1 inside one write transaction.
var migrations = map[int]func(tx *bolt.Tx, now time.Time) error{
	1: migrate1to2,
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
		for v := from; v < SchemaVersion; v++ {
			if err := migrations[v](tx, now); err != nil {
				return err
			}
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

// migrate1to2 builds the summaries, the (机关名称, 年度) index and a first
// revision of every report. A report whose (机关名称, 年度) is already taken,
// or has no agency, goes to the trash, so that nothing is lost.
func migrate1to2(tx *bolt.Tx, now time.Time) error {
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
		if err := rb.Put([]byte(r.ID), js); err != nil {
			return err
		}
		in := &info{Agency: r.Agency, Year: r.Year, Previous: r.Previous, Updated: now}
		key := indexKey(r.Agency, r.Year)
		if strings.TrimSpace(r.Agency) == "" || ix.Get(key) != nil {
			in.Deleted = now
		} else if err := ix.Put(key, []byte(r.ID)); err != nil {
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
