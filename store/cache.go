package store

import (
	"bytes"
	"sync"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// A save counts the report's findings against last year's report, and
// recounts next year's report against it: three JSON decodes (0.3 ms each)
// and two rule runs for one cell. Each open file keeps the reports it
// decoded last, with the exact bytes they were decoded from (a hit is a
// byte-for-byte match with the verified record, never a guess), and a rule
// checker per report, which keeps its parse of the texts while they do not
// change. Both are bounded.

const maxCached = 64

type dbCache struct {
	mu       sync.Mutex
	reports  map[string]cachedReport
	checkers map[string]*model.Checker
}

type cachedReport struct {
	rec []byte        // the record the report was decoded from (packRecord)
	r   *model.Report // never changed once cached
}

var caches sync.Map // *bolt.DB → *dbCache

func cacheOf(tx *bolt.Tx) *dbCache {
	db := tx.DB()
	if c, ok := caches.Load(db); ok {
		return c.(*dbCache)
	}
	c, _ := caches.LoadOrStore(db, &dbCache{reports: map[string]cachedReport{}, checkers: map[string]*model.Checker{}})
	return c.(*dbCache)
}

// dropCache forgets what was cached for db (closed, or replaced).
func dropCache(db *bolt.DB) {
	if db != nil {
		caches.Delete(db)
	}
}

// lookup returns the cached report decoded from record rec, nil if none.
func (c *dbCache) lookup(id string, rec []byte) *model.Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.reports[id]; ok && bytes.Equal(e.rec, rec) {
		return e.r
	}
	return nil
}

// remember caches r as decoded from record rec; r must not change
// afterwards.
func (c *dbCache) remember(id string, rec []byte, r *model.Report) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.reports[id]; !ok && len(c.reports) >= maxCached {
		for k := range c.reports {
			delete(c.reports, k)
			break
		}
	}
	c.reports[id] = cachedReport{rec: bytes.Clone(rec), r: r}
}

// count counts r's findings against prev with r's own checker.
func (c *dbCache) count(r, prev *model.Report) (errs, missing, warns int) {
	c.mu.Lock()
	ch := c.checkers[r.ID]
	if ch == nil {
		if len(c.checkers) >= maxCached {
			for k := range c.checkers {
				delete(c.checkers, k)
				break
			}
		}
		ch = new(model.Checker)
		c.checkers[r.ID] = ch
	}
	c.mu.Unlock()
	// Writes are serialized by bbolt; a checker is only used in them.
	return tally(ch.Run(r, prev))
}

// sharedReport reads report id like getReport, from the cache when its
// record is unchanged. The report is shared: the caller must not change it.
func sharedReport(tx *bolt.Tx, id string) (*model.Report, error) {
	rec, err := reportRecord(tx, id)
	if err != nil {
		return nil, err
	}
	c := cacheOf(tx)
	if r := c.lookup(id, rec); r != nil {
		return r, nil
	}
	js, err := recordJSON(rec)
	if err != nil {
		return nil, damagedReport(tx, id, detailReportPacked)
	}
	r, err := model.Decode(js)
	if err != nil {
		return nil, damagedReport(tx, id, "report: "+err.Error())
	}
	r.ID = id
	c.remember(id, rec, r)
	return r, nil
}
