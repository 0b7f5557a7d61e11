package nn

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/fmath"
)

// Truth: the losses' definitions (package doc): ½‖f − y‖² for squared error
// and log Σ e^{f_j} − f_y for cross-entropy, averaged over the samples,
// recomputed from the outputs OutputsTo returns, equal Loss (to rounding:
// the sums run in another order here).
func TestOutputsGiveTheLossByItsDefinition(t *testing.T) {
	for _, tc := range derivativeCases() {
		t.Run(tc.name, func(t *testing.T) {
			o := &Objective{Arch: &tc.arch, Data: &tc.set}
			theta := params(&tc.arch, 1)
			c := tc.arch.Sizes[len(tc.arch.Sizes)-1]
			f := make([]float64, tc.set.N*c)
			o.OutputsTo(f, theta)
			var sum float64
			for i := 0; i < tc.set.N; i++ {
				row := f[i*c : (i+1)*c]
				if tc.arch.Loss == Squared {
					for j, v := range row {
						y := 0.0
						if tc.set.Targets != nil {
							y = tc.set.Targets[i*c+j]
						} else if j == tc.set.Labels[i] {
							y = 1
						}
						sum += 0.5 * (v - y) * (v - y)
					}
					continue
				}
				var z float64
				for _, v := range row {
					z += fmath.Exp(v)
				}
				sum += fmath.Log(z) - row[tc.set.Labels[i]]
			}
			want := o.Loss(theta)
			if got := sum / float64(tc.set.N); math.Abs(got-want) > 1e-12*math.Abs(want) {
				t.Errorf("loss from the outputs %.15g, Loss %.15g", got, want)
			}
		})
	}
}
