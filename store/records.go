package store

import (
	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// Damaged verifies every stored report and summary (checksum, then
// decoding) and returns those that cannot be read, each as a *ReportError
// naming the report and saying how to repair it (restore an intact
// revision). bbolt's own check cannot see this: a page of a report's JSON
// overwritten with other bytes is still a well-formed page. The daily
// backup runs it first and is refused while anything is damaged, so that
// the good backups are not pushed out by copies of a damaged file; the file
// itself stays usable. The cost is one JSON decode per report: about 0.3 ms
// for a full one (BenchmarkDamaged), which is why Open does not run it.
func (s *Store) Damaged() ([]*ReportError, error) {
	var out []*ReportError
	err := s.view(func(tx *bolt.Tx) error {
		out = damagedRecords(tx)
		return nil
	})
	return out, err
}

func damagedRecords(tx *bolt.Tx) []*ReportError {
	var out []*ReportError
	seen := map[string]bool{}
	tx.Bucket(bucketReports).ForEach(func(k, v []byte) error {
		rec, ok := unseal(domReports, k, v)
		detail := detailReportChecksum
		if ok {
			if js, err := recordJSON(rec); err != nil {
				detail = detailReportPacked
			} else if _, err := model.Decode(js); err == nil {
				return nil
			} else {
				detail = "report: " + err.Error()
			}
		}
		out = append(out, damagedReport(tx, string(k), detail))
		seen[string(k)] = true
		return nil
	})
	// A summary that can be made again from the report is no loss (every
	// read rebuilds it, and the daily check stores it again); only one that
	// cannot is. So is a summary whose report's record is gone.
	tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
		if seen[string(k)] {
			return nil
		}
		if tx.Bucket(bucketReports).Get(k) == nil {
			out = append(out, damagedReport(tx, string(k), detailRecordMissing))
			return nil
		}
		if _, err := decodeInfo(k, v); err != nil {
			if _, rerr := rebuildInfo(tx, string(k)); rerr != nil {
				out = append(out, damagedReport(tx, string(k), err.Error()))
			}
		}
		return nil
	})
	return out
}

// repairSummaries stores again the summaries that cannot be read but can be
// made again from their reports, so that the file a backup copies decodes
// throughout. Nothing is written when every summary reads.
func (s *Store) repairSummaries() {
	var ids []string
	s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketInfo).ForEach(func(k, v []byte) error {
			if _, err := decodeInfo(k, v); err != nil {
				ids = append(ids, string(k))
			}
			return nil
		})
	})
	if len(ids) == 0 {
		return
	}
	s.update(func(tx *bolt.Tx) error {
		for _, id := range ids {
			if in, err := rebuildInfo(tx, id); err == nil {
				if err := putInfo(tx, id, in); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
