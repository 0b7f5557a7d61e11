package run

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/train"
)

// Truth: Raghu et al. 2017, §4 and Fig. 4 ("networks converge bottom
// up"): over training, each layer's mean distance 1 − SVCCA from its final
// representation grows with depth. Checked on every one of three seeds of
// the page's default (a 20-32×5-10 ReLU MLP on a tanh teacher), allowing
// representations.TopTie at the top layer, where the last two layers
// settle together; and the times at which layers reach 0.9 similarity
// rank with depth (Spearman ≥ 0.8, mean over the seeds).
func TestNetworksConvergeBottomUp(t *testing.T) {
	s := representations.Default()
	r, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := r.SVCCA
	for k, a := range res.Distance {
		if !BottomUp(a) {
			t.Errorf("seed %d: A_l = %.3f do not increase with depth", s.Seed+uint64(k), a)
		}
	}
	if res.BottomUp != s.Seeds {
		t.Errorf("BottomUp = %d; want %d", res.BottomUp, s.Seeds)
	}
	if res.Spearman < 0.8 {
		t.Errorf("mean Spearman(depth, t90) = %.2f over t90 = %v; want ≥ 0.8", res.Spearman, res.T90)
	}
	for _, tr := range res.First.Layers {
		if last := tr.Similarity[len(tr.Similarity)-1]; math.Abs(last-1) > 1e-12 {
			t.Errorf("layer %d: similarity of the final representation with itself = %.17g; want 1", tr.Layer, last)
		}
		// Raghu et al. §3.1: layers need far fewer directions than neurons
		// only past the first; every layer keeps fewer than its width here.
		if tr.Directions < 1 || tr.Directions >= tr.Neurons {
			t.Errorf("layer %d keeps %d of %d directions; want fewer than its width", tr.Layer, tr.Directions, tr.Neurons)
		}
	}
	if n := len(res.First.Grids); n != representations.GridTimes {
		t.Errorf("%d grids; want %d", n, representations.GridTimes)
	}
	t.Logf("A = %.3f, t90 = %v, Spearman %.2f", res.MeanDistance, res.T90, res.Spearman)
}

// Truth: the definition of Spearman's ρ (Pearson's correlation of ranks,
// ties at their mean rank), worked by hand.
func TestSpearmanRanksTies(t *testing.T) {
	for _, c := range []struct {
		v    []int
		want float64
	}{
		{[]int{1, 2, 3, 4, 5}, 1},
		{[]int{5, 4, 3, 2, 1}, -1},
		{[]int{7, 7, 7}, 0},
		// ranks (1, 2.5, 2.5, 4): Σdxdy = 4.5, Σdx² = 5, Σdy² = 4.5 → 0.9487
		{[]int{600, 1000, 1000, 1400}, 4.5 / math.Sqrt(5*4.5)},
	} {
		if got := spearman(c.v); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("spearman(%v) = %v; want %v", c.v, got, c.want)
		}
	}
}

// Truth: the definitions of A (mean over snapshots before the last of
// 1 − similarity) and t90 (first step from which similarity stays ≥ 0.9).
func TestDistanceAndT90FollowTheirDefinitions(t *testing.T) {
	steps, sim := []int{0, 10, 20, 30}, []float64{0.5, 0.95, 0.85, 1}
	if got := distance(sim); math.Abs(got-(0.5+0.05+0.15)/3) > 1e-15 {
		t.Errorf("distance = %v", got)
	}
	if got := t90(steps, sim); got != 30 {
		t.Errorf("t90 = %d; want 30 (0.85 at step 20 breaks the run from 10)", got)
	}
	if !BottomUp([]float64{0.1, 0.2, 0.3, 0.29}) || BottomUp([]float64{0.1, 0.3, 0.2, 0.4}) || BottomUp([]float64{0.1, 0.2, 0.3, 0.28}) {
		t.Error("BottomUp disagrees with its definition (strict below the top, TopTie 0.015 at the top)")
	}
}

// Truth: the spec's statement that a diverging run stops with the step
// named, and a cancelled one with train.ErrCanceled.
func TestDivergenceAndCancelNameTheStep(t *testing.T) {
	s := representations.Default()
	s.Seeds, s.Steps, s.Every, s.LR = 1, 100, 50, 10
	_, err := Run(s, experiment.Assets{}, nil)
	if err == nil || !strings.Contains(err.Error(), "SGD step") {
		t.Errorf("lr = 10: error %v; want a non-finite loss at a named SGD step", err)
	}
	s.LR = 0.05
	_, err = Run(s, experiment.Assets{}, func(p experiment.Progress) bool { return p.Done < 50 })
	if !errors.Is(err, train.ErrCanceled) {
		t.Errorf("cancelled at step 50: error %v; want train.ErrCanceled", err)
	}
}

// Truth: compute/data.MaxDigitsTrain, which the spec repeats (it links no
// numerics).
func TestSpecConstantsMatchTheNumerics(t *testing.T) {
	if representations.MaxDigitsSamples != data.MaxDigitsTrain {
		t.Errorf("MaxDigitsSamples = %d; data.MaxDigitsTrain = %d", representations.MaxDigitsSamples, data.MaxDigitsTrain)
	}
}

// Truth: the native run of the same spec. A shared link gives the same
// numbers in the browser (js/wasm) and the CLI, so the whole JSON result
// must match bit for bit.
func TestJSWasmRunsGiveTheNativeResult(t *testing.T) {
	digits, err := os.ReadFile("../../../../web/data/digits.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	small := representations.Default()
	small.Samples, small.Steps, small.Every, small.Probe, small.Seeds, small.Width, small.Layers = 500, 200, 50, 120, 2, 16, 3
	dig := small
	dig.Data, dig.Samples, dig.Variance = "digits", 300, 1
	mhe := representations.DefaultFor("mhe")
	mhe.Steps, mhe.Samples, mhe.Seeds, mhe.Lambdas, mhe.HalfSpace, mhe.Power = 200, 200, 1, 3, true, 0
	forde := representations.DefaultFor("forde")
	forde.Steps, forde.Samples, forde.Seeds, forde.Members = 60, 120, 1, 3
	for name, spec := range map[string]representations.Spec{"svcca-teacher": small, "svcca-digits": dig, "mhe-halfspace-log": mhe, "forde": forde} {
		t.Run(name, func(t *testing.T) {
			if err := spec.Validate(); err != nil {
				t.Fatal(err)
			}
			res, err := Run(spec, experiment.Assets{Digits: digits}, nil)
			parity.CheckResult(t, "experiment-representations-"+name, res, err)
		})
	}
}
