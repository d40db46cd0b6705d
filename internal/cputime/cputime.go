// Package cputime reads the CPU time the process has used, for benchmarks
// on a shared machine: wall time there depends on what else runs, CPU time
// much less, so the ratios of the performance goals are taken from it.
package cputime

import "time"

// Now is the user and system CPU time of the process so far (0 where the
// system does not say).
func Now() time.Duration { return now() }

// Per is the CPU time in milliseconds per op since start, over n ops, for
// b.ReportMetric(cputime.Per(start, b.N), "cpu-ms/op").
func Per(start time.Duration, n int) float64 {
	if n <= 0 {
		return 0
	}
	return float64(Now()-start) / float64(n) / 1e6
}
