// Package store keeps every report draft in one local bbolt file so that an
// officer's work survives crashes, power cuts, a second window and a damaged
// file: reports under stable ids with (机关名称, 年度) unique, coalesced
// revisions, a trash, roll-forward to next year, schema migration and daily
// backups. Every file is validated by hand before bbolt maps it, because a
// damaged or truncated file can crash the process inside bbolt.
package store
