package run

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
)

// sparseSpec is a sparse run of about a second per method.
func sparseSpec() compression.Compression {
	s := compression.DefaultFor("sparse")
	s.Samples, s.Test, s.Hidden, s.Steps, s.Every = 1000, 300, 40, 400, 40
	return s
}

func sparseDigits(t testing.TB, s *compression.Compression) *data.Split {
	split, err := data.Digits(digitsAsset(t).Digits, data.DigitsSettings{Train: s.Samples, Test: s.Test, Size: s.Pixels, Seed: s.Seed})
	if err != nil {
		t.Fatal(err)
	}
	return &split
}

// Truth: nn's dense forward and backward passes on the same θ with the
// inactive weights zero (nn.Objective.LossGrad), to 1e-12: the loss, and
// the gradient at every active weight and bias.
func TestSparsePassesEqualTheDenseOnesWithMaskedWeights(t *testing.T) {
	s := sparseSpec()
	split := sparseDigits(t, &s)
	a := &nn.Arch{Sizes: []int{196, 30, 10}, Act: nn.ReLU, Loss: nn.CrossEntropy}
	theta := make([]float64, a.NumParams())
	nn.Initialize(theta, a, nn.InitDefault, 0, rng.New(2, rng.Init))
	net := NewSparseNet(a, theta, RandomMasks(a, 0.2, rng.New(2, rng.Dropout)))
	batch := []int{3, 1, 4, 15, 9, 26, 5, 35}
	grad := make([]float64, len(theta))
	loss := net.LossGradTo(grad, &split.Train, batch)
	dense := make([]float64, len(theta))
	want := (&nn.Objective{Arch: a, Data: &split.Train, Idx: batch}).LossGrad(dense, theta)
	if math.Abs(loss-want) > 1e-12*want {
		t.Errorf("sparse loss %v, dense %v", loss, want)
	}
	for l := 1; l <= 2; l++ {
		gs, bs := a.Layer(grad, l)
		gd, bd := a.Layer(dense, l)
		for i, on := range net.Mask[l-1] {
			if on && math.Abs(gs[i]-gd[i]) > 1e-12 {
				t.Fatalf("layer %d weight %d: sparse gradient %v, dense %v", l, i, gs[i], gd[i])
			}
			if !on && gs[i] != 0 {
				t.Fatalf("layer %d weight %d is inactive but has gradient %v", l, i, gs[i])
			}
		}
		for j := range bs {
			if math.Abs(bs[j]-bd[j]) > 1e-12 {
				t.Fatalf("layer %d bias %d: sparse gradient %v, dense %v", l, j, bs[j], bd[j])
			}
		}
	}
	if _, acc := (&nn.Objective{Arch: a, Data: &split.Test}).Evaluate(theta); net.Accuracy(&split.Test) != acc {
		t.Errorf("sparse accuracy %v, dense %v", net.Accuracy(&split.Test), acc)
	}
}

// Truth: a mask update moves weights, it never adds or removes any: after
// every update each layer has as many active weights as before, grown =
// dropped, and the run's counts say so (Evci et al. 2020, Section 3: RigL,
// and SET, keep the nonzero count of every layer fixed).
func TestMaskUpdatesKeepTheNonzeroCount(t *testing.T) {
	s := sparseSpec()
	split := sparseDigits(t, &s)
	for _, grow := range []Grower{GrowRandom, GrowGradient, GrowExplore} {
		run, net, err := SparseTrain(&s, split, grow, 1e-3, func(int, int) bool { return true })
		if err != nil {
			t.Fatal(err)
		}
		for l := 1; l <= 2; l++ {
			want := int(math.Round(s.Density * float64(len(net.Mask[l-1]))))
			if net.Active(l) != want || run.Active[l-1] != want {
				t.Errorf("%s: layer %d has %d active weights (run says %d); want %d", run.Method, l, net.Active(l), run.Active[l-1], want)
			}
			c := 0
			for _, on := range net.Mask[l-1] {
				if on {
					c++
				}
			}
			if c != want {
				t.Errorf("%s: layer %d mask has %d entries on; want %d", run.Method, l, c, want)
			}
		}
		if run.Updates != 7 || run.Moved == 0 { // steps 40 … 280 < T_end = 300
			t.Errorf("%s: %d updates moving %d weights; want 7 updates", run.Method, run.Updates, run.Moved)
		}
	}
	// One update by hand: grown = dropped in each layer, exactly.
	a := &nn.Arch{Sizes: []int{20, 8, 3}, Act: nn.ReLU, Loss: nn.CrossEntropy}
	theta := make([]float64, a.NumParams())
	r := rand.New(rand.NewPCG(1, 1))
	rng.NormalVec(r, theta)
	net := NewSparseNet(a, theta, RandomMasks(a, 0.3, r))
	before := []int{net.Active(1), net.Active(2)}
	old := [][]bool{slices.Clone(net.Mask[0]), slices.Clone(net.Mask[1])}
	g := make([]float64, len(theta))
	rng.NormalVec(r, g)
	moved := NewExplorer(net, GrowGradient, 0, LogBonus, r).Update(net, g, 10, 0.5)
	for l := 1; l <= 2; l++ {
		var dropped, grown int
		for i, was := range old[l-1] {
			now := net.Mask[l-1][i]
			if was && !now {
				dropped++
			}
			if !was && now {
				grown++
			}
		}
		if net.Active(l) != before[l-1] || dropped != grown || moved[l-1] != int(math.Round(0.5*float64(before[l-1]))) {
			t.Errorf("layer %d: %d → %d active, %d dropped, %d grown, %d moved", l, before[l-1], net.Active(l), dropped, grown, moved[l-1])
		}
	}
}

// Truth: DST-EE's score is |∂L/∂w| + c·bonus, so at c = 0 it is RigL's:
// with the same seed and batches the masks and the whole run are the same
// bits.
func TestExplorationAtCZeroIsRigL(t *testing.T) {
	s := sparseSpec()
	split := sparseDigits(t, &s)
	rig, rnet, err := SparseTrain(&s, split, GrowGradient, 0, func(int, int) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	ee, enet, err := SparseTrain(&s, split, GrowExplore, 0, func(int, int) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	for l := range rnet.Mask {
		if !slices.Equal(rnet.Mask[l], enet.Mask[l]) {
			t.Errorf("layer %d: the masks differ", l+1)
		}
	}
	if !slices.Equal(rnet.Theta, enet.Theta) || !slices.Equal(rig.Accuracy, ee.Accuracy) || !slices.Equal(rig.Coverage, ee.Coverage) {
		t.Error("DST-EE at c = 0 and RigL differ")
	}
}

// Truth: SET grows k_t weights uniformly from the P − A + k_t inactive
// ones (just-dropped included), so the never-active count U follows
// E[U_{t+1} | U_t] = U_t(1 − k_t/(P − A + k_t)) (the hypergeometric mean),
// and E[U_T] = U_0 Π_t (1 − k_t/(P − A + k_t)). Monte Carlo: 20 runs of
// the mask updates, the mean within 3 standard errors of that value.
func TestSETCoverageMatchesTheHypergeometricMean(t *testing.T) {
	a := &nn.Arch{Sizes: []int{196, 100, 10}, Act: nn.ReLU, Loss: nn.CrossEntropy}
	const density, alpha, steps, every = 0.1, 0.3, 1500, 100
	tEnd := int(0.75 * steps)
	var finals []float64
	var want float64
	for run := range 20 {
		r := rng.New(uint64(run), rng.Dropout)
		theta := make([]float64, a.NumParams())
		rng.NormalVec(r, theta)
		net := NewSparseNet(a, theta, RandomMasks(a, density, r))
		e := NewExplorer(net, GrowRandom, 0, LogBonus, r)
		expect := 0.0 // E[U_T], summed over the layers
		for l := 1; l <= 2; l++ {
			p := float64(len(net.Mask[l-1]))
			act := float64(net.Active(l))
			u := p - act
			for t := every; t < tEnd; t += every {
				k := math.Round(UpdateFraction(alpha, t, tEnd) * act)
				u *= 1 - k/(p-act+k)
			}
			expect += u
		}
		for t := every; t < tEnd; t += every {
			e.Update(net, nil, t, UpdateFraction(alpha, t, tEnd))
			rng.NormalVec(r, theta) // fresh magnitudes: drops are not what SET's growth depends on
			net.Reindex()
		}
		var never float64
		for _, v := range e.Visited {
			for _, b := range v {
				if !b {
					never++
				}
			}
		}
		finals = append(finals, never)
		want = expect
	}
	mean, se := MeanSE(finals)
	if math.Abs(mean-want) > 3*se {
		t.Errorf("never-active weights after SET: %.1f ± %.1f over 20 runs; the closed form gives %.1f", mean, se, want)
	}
	t.Logf("never-active weights: Monte Carlo %.1f ± %.1f, closed form %.1f", mean, se, want)
}

// Truth: with c → ∞ every growth takes never-active weights while there
// are any (their bonus, c·ln t/(0 + 1), beats every weight's that was
// active), so the coverage is exactly min(1, (A + Σ_t k_t)/P) with A the
// active weights and k_t the weights moved at update t, over all layers;
// and the coverage grows with c (means over 3 seeds).
func TestCoverageGrowsWithExploration(t *testing.T) {
	s := sparseSpec()
	split := sparseDigits(t, &s)
	run, net, err := SparseTrain(&s, split, GrowExplore, 1e12, func(int, int) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	p := len(net.Mask[0]) + len(net.Mask[1])
	a := run.Active[0] + run.Active[1]
	if got, want := run.Coverage[len(run.Coverage)-1], min(1, float64(a+run.Moved)/float64(p)); got != want {
		t.Errorf("coverage at c = 10¹² is %v; want min(1, (A + Σk)/P) = %v", got, want)
	}
	var prev float64
	for _, c := range []float64{0, 1e-4, 1e-3, 1e-2, 1e12} {
		var cov float64
		for seed := range uint64(3) {
			s2 := s
			s2.Seed = 1 + seed
			run, _, err := SparseTrain(&s2, split, GrowExplore, c, func(int, int) bool { return true })
			if err != nil {
				t.Fatal(err)
			}
			cov += run.Coverage[len(run.Coverage)-1] / 3
		}
		if cov < prev {
			t.Errorf("c = %g: mean coverage %.4f, below %.4f at the smaller c", c, cov, prev)
		}
		t.Logf("c = %g: mean coverage %.4f", c, cov)
		prev = cov
	}
}

// Truth: the sparse points computed separately and assembled equal Run,
// and the run is the same bits on every platform
// (compute/internal/parity).
func TestSparsePointsAssembleToTheRunAndGiveTheNativeResult(t *testing.T) {
	s := sparseSpec()
	s.Steps, s.Every, s.LogC = 160, 40, []int{-3}
	a := digitsAsset(t)
	res, err := Run(s, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	parts := make([]*Point, s.Points())
	for i := range parts {
		if parts[i], err = RunPoint(s, a, i, nil); err != nil {
			t.Fatal(err)
		}
	}
	slices.Reverse(parts)
	again, err := Assemble(s, parts)
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := json.Marshal(res)
	b2, _ := json.Marshal(again)
	if string(b1) != string(b2) {
		t.Error("the sparse points assembled in reverse differ from Run")
	}
	if len(res.Sparse) != 3 || res.Sparse[0].Method != "SET" || res.Sparse[1].Method != "RigL" || res.Sparse[2].C != 1e-3 {
		t.Errorf("runs %+v; want SET, RigL and DST-EE at c = 10⁻³", res.Sparse)
	}
	parity.Check(t, "experiment-compression-sparse", parity.Bytes(b1))
}

// Truth: README.md's compression section: the sparse default runs SET,
// RigL and DST-EE at c = 10⁻³ and 10⁻² for 1,000 steps (four points, two
// per worker on two cores), and the preset compression-sparse98 runs 1,500
// steps and four values of c.
func TestSparseDefaultsAreTheDocumentedOnes(t *testing.T) {
	s := compression.DefaultFor("sparse")
	if s.Steps != 1000 || !slices.Equal(s.LogC, []int{-3, -2}) || s.Points() != 4 {
		t.Errorf("sparse default: steps %d, logc %v, %d points; want 1000, [-3 -2], 4", s.Steps, s.LogC, s.Points())
	}
	for _, p := range compression.Presets() {
		if p.ID != "compression-sparse98" {
			continue
		}
		q := compression.DefaultForQuery(p.Query)
		experiment.ParseQuery(p.Query, &q)
		if q.Steps != 1500 || len(q.LogC) != 4 {
			t.Errorf("compression-sparse98: steps %d, logc %v; want 1500 steps and four c", q.Steps, q.LogC)
		}
	}
}
