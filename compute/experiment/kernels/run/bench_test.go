package run

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/kernels"
)

// BenchmarkDefaultRuns times the two models' default presets (kernels-robust
// and kernels-qnn) on one goroutine, as `overparam kernels` runs them.
func BenchmarkDefaultRuns(b *testing.B) {
	for name, s := range map[string]kernels.Spec{"robustness": kernels.Default(), "qnn": kernels.DefaultQNN()} {
		b.Run(name, func(b *testing.B) {
			for range b.N {
				if _, err := Run(s, experiment.Assets{}, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
