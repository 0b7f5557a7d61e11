package run

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment/compression"
)

// BenchmarkDefaultRun runs the page's default spec (every point in one
// goroutine), for BENCHMARKS.md.
func BenchmarkDefaultRun(b *testing.B) {
	a := digitsAsset(b)
	s := compression.DefaultCompression()
	for b.Loop() {
		if _, err := Run(s, a, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultSparseRun runs the sparse model's default spec (SET,
// RigL and three DST-EE runs in one goroutine), for BENCHMARKS.md.
func BenchmarkDefaultSparseRun(b *testing.B) {
	a := digitsAsset(b)
	s := compression.DefaultFor("sparse")
	for b.Loop() {
		if _, err := Run(s, a, nil); err != nil {
			b.Fatal(err)
		}
	}
}
