package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment/compression"
	"github.com/overparam/overparam/compute/rng"
)

// The single-layer law's bounds on the log-log slope of the relative error
// against N₀: GPFQ's error falls like m·log N₀/N₀ (Zhang, Zhou & Saab 2023,
// Section 3, the single-layer Gaussian-data analysis; Lybrand & Saab 2021,
// Section 3, for ternary alphabets), a slope of about −1 over N₀ = 64 …
// 4096 (log N₀ bends it by +0.1 at most there); rounding's error is that of
// N₀ independent per-weight errors relative to N₀ terms, flat in N₀.
const (
	gpfqSlopeLow, gpfqSlopeHigh = -1.2, -0.8
	msqSlopeAbove               = -0.2
	gpfqAdvantage               = 10 // GPFQ at least this much better than MSQ at N₀ ≥ 1024
	standardErrors              = 3
)

// Truth: the same bound, by Monte Carlo on paired trials: for 20 random
// neurons and data at N₀ = 1024 and 4096, the mean of log₁₀(MSQ error /
// GPFQ error) on the same neuron exceeds log₁₀ 10 = 1 by 3 standard errors.
func TestGPFQIsTenTimesBetterThanRoundingAtLargeN0(t *testing.T) {
	s := compression.DefaultCompression()
	r := rng.New(11, rng.Data)
	for _, n0 := range []int{1024, 4096} {
		x := &Columns{M: s.M, N: n0, X: make([]float64, s.M*n0)}
		w := make([]float64, n0)
		ratios := make([][]float64, len(s.Bits))
		for range 20 {
			rng.NormalVec(r, x.X)
			rng.NormalVec(r, w)
			e := NeuronErrors(w, x, s.Bits, s.Scale)
			for k := range s.Bits {
				ratios[k] = append(ratios[k], math.Log10(e.MSQ[k]/e.GPFQ[k]))
			}
		}
		for k, b := range s.Bits {
			mean, se := MeanSE(ratios[k])
			if !(mean-standardErrors*se > math.Log10(gpfqAdvantage)) {
				t.Errorf("N₀ = %d, b = %d: MSQ/GPFQ error ratio 10^(%.2f ± %.2f); want above %d, %d standard errors clear", n0, b, mean, se, gpfqAdvantage, standardErrors)
			}
			t.Logf("N₀ = %d, b = %d: MSQ/GPFQ = 10^(%.2f ± %.2f)", n0, b, mean, se)
		}
	}
}

// Truth: the single-layer bound quoted above, checked by Monte Carlo: the
// errors are means over 10 random neurons and data.
func TestTheSingleLayerLaw(t *testing.T) {
	s := compression.DefaultCompression()
	s.N0s = []int{64, 256, 1024, 4096}
	s.Trials = 10
	curves, err := Law(&s, orTrue(nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range curves {
		if c.GPFQSlope < gpfqSlopeLow || c.GPFQSlope > gpfqSlopeHigh {
			t.Errorf("b = %d: GPFQ's log-log slope is %.3f; want in [%g, %g] (errors %.3g)", c.Bits, c.GPFQSlope, gpfqSlopeLow, gpfqSlopeHigh, c.GPFQ)
		}
		if !(c.MSQSlope > msqSlopeAbove) {
			t.Errorf("b = %d: MSQ's log-log slope is %.3f; want above %g (errors %.3g)", c.Bits, c.MSQSlope, msqSlopeAbove, c.MSQ)
		}
		t.Logf("b = %d: GPFQ %.3g (slope %.2f), MSQ %.3g (slope %.2f)", c.Bits, c.GPFQ, c.GPFQSlope, c.MSQ, c.MSQSlope)
	}
}
