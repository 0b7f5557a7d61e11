package kernel

import "sync/atomic"

// maxSplit caps the goroutines one AVX2 product is split between; 0 means
// GOMAXPROCS.
var maxSplit atomic.Int32

// SetSplit caps the goroutines that one product is split between at n
// (n = 1: none, each product runs on its caller's goroutine; n ≤ 0: up to
// GOMAXPROCS, the default) and returns the previous cap. A program that
// runs several products at once on its own goroutines (the CLI's pool of
// jobs, `overparam -workers`) lowers it so as not to run more goroutines
// than cores. The split never changes the bits (each element's sum stays on
// one goroutine in the contract's order). Only the AVX2 kernel splits.
func SetSplit(n int) (previous int) {
	return int(maxSplit.Swap(int32(max(n, 0))))
}

// splitWorkers returns how many goroutines a product may use, given
// GOMAXPROCS procs.
func splitWorkers(procs int) int {
	if m := int(maxSplit.Load()); m > 0 {
		return min(procs, m)
	}
	return procs
}
