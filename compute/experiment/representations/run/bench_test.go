package run

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
)

// BenchmarkDefaultSVCCA runs the page's default spec (3 seeds, one after
// another on one goroutine; the browser runs them on its worker pool).
func BenchmarkDefaultSVCCA(b *testing.B) {
	s := representations.Default()
	for b.Loop() {
		if _, err := Run(s, experiment.Assets{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultMHE and BenchmarkDefaultFoRDE run the other models'
// defaults, points one after another.
func BenchmarkDefaultMHE(b *testing.B)   { benchmarkDefault(b, "mhe") }
func BenchmarkDefaultFoRDE(b *testing.B) { benchmarkDefault(b, "forde") }

func benchmarkDefault(b *testing.B, model string) {
	s := representations.DefaultFor(model)
	for b.Loop() {
		if _, err := Run(s, experiment.Assets{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
