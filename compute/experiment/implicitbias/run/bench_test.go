package run

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
)

// BenchmarkAttentionDefault runs the page's default attention spec (10
// seeds × 2000 steps, both SVMs per seed) in one goroutine; BENCHMARKS.md
// records it natively and as js/wasm under node.
func BenchmarkAttentionDefault(b *testing.B) {
	for range b.N {
		if _, err := Run(implicitbias.Default(), experiment.Assets{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSSMDefault runs the page's default SSM spec (N = 1 … 64, 4000
// gradient-descent steps each, the closed forms and the FFT checks).
func BenchmarkSSMDefault(b *testing.B) {
	for range b.N {
		if _, err := Run(implicitbias.DefaultSSM(), experiment.Assets{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCogoDefault runs the page's default CoGO spec (a + b mod 13,
// widths 12, 24, 48 × 1 repeat, 3000 Adam epochs each, the Fourier
// analysis).
func BenchmarkCogoDefault(b *testing.B) {
	for range b.N {
		if _, err := Run(implicitbias.DefaultCogo(), experiment.Assets{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
