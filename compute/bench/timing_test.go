package bench

import (
	"testing"
	"time"
)

// timed runs op in b's loop and reports, beside ns/op (the mean wall time),
// the fastest single op's wall time (best-ms) and the process's CPU time per
// op (cpu-ms/op, every thread's, where the platform reports it). On a shared
// machine the best op and the CPU time are steadier than the mean: other
// work stretches wall time, not the CPU time an op consumes.
func timed(b *testing.B, op func()) {
	var best time.Duration
	cpu0, ok := processCPU()
	for b.Loop() {
		t := time.Now()
		op()
		if d := time.Since(t); best == 0 || d < best {
			best = d
		}
	}
	b.ReportMetric(best.Seconds()*1e3, "best-ms")
	if cpu1, ok1 := processCPU(); ok && ok1 && b.N > 0 {
		b.ReportMetric((cpu1-cpu0).Seconds()*1e3/float64(b.N), "cpu-ms/op")
	}
}
