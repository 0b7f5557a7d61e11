package paths

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
)

// Tolerances.
const (
	// rescaleTol bounds the difference of two evaluations of one network
	// output in different summation orders: a sum of n = O(100) terms of
	// size O(1) reordered differs by at most about n·ε ≈ 2e-14 (Higham,
	// "Accuracy and Stability of Numerical Algorithms", 2nd ed., §4.2), so
	// 1e-12 leaves a factor 50 of slack.
	rescaleTol = 1e-12
	// constantTol bounds the loss variation on segments 2 and 4 of the
	// piecewise path, where only weights of neurons with aᵢ = 0 move.
	constantTol = 1e-12
)

// problem returns a mean-field network of width n on d-dimensional inputs
// with random (untrained) parameters θ and θ′, and a random regression set.
func problem(d, n int, seed uint64) (*nn.Arch, []float64, []float64, *data.Set) {
	arch := MeanField(d, n, nn.ReLU, nn.Squared)
	theta := make([]float64, arch.NumParams())
	prime := make([]float64, arch.NumParams())
	nn.Initialize(theta, arch, nn.InitMeanField, 0, rng.New(seed, rng.Init))
	nn.Initialize(prime, arch, nn.InitMeanField, 0, rng.New(seed+1, rng.Init))
	r := rand.New(rand.NewPCG(seed, 7))
	set := &data.Set{N: 40, Dim: d, X: make([]float64, 40*d), Out: 1, Targets: make([]float64, 40)}
	for i := range set.X {
		set.X[i] = r.NormFloat64()
	}
	for i := range set.Targets {
		set.Targets[i] = r.NormFloat64()
	}
	return arch, theta, prime, set
}

// dropoutLoss is the reference: the mean of ½(f_A(x) − y)² with
// f_A(x) = (1/M) Σ_{i∈A} aᵢ relu(wᵢᵀx), written out from the definition of
// Shevchenko & Mondelli (2020) without package nn.
func dropoutLoss(theta []float64, d, n int, keep []int, set *data.Set) float64 {
	w, a := theta[:n*d], theta[n*d:]
	var loss float64
	for s := 0; s < set.N; s++ {
		x := set.Row(s)
		var f float64
		for _, i := range keep {
			var z float64
			for j := range x {
				z += w[i*d+j] * x[j]
			}
			f += a[i] * max(z, 0)
		}
		f /= float64(len(keep))
		loss += 0.5 * (f - set.Targets[s]) * (f - set.Targets[s])
	}
	return loss / float64(set.N)
}

func TestDropoutIsTheRescaledSubnetwork(t *testing.T) {
	// Truth: dropoutLoss, the definition. Half-dropout doubles a_{≤h} and
	// zeroes a_{>h}; a random subset rescales by N/M.
	const d, n = 5, 12
	arch, theta, _, set := problem(d, n, 3)
	obj := &nn.Objective{Arch: arch, Data: set}
	cases := map[string][]int{
		"half-dropout of the first half":  Half(n, false),
		"half-dropout of the second half": Half(n, true),
		"5 random neurons of 12":          RandomKeep(rand.New(rand.NewPCG(1, 2)), n, 5),
		"every neuron":                    RandomKeep(rand.New(rand.NewPCG(1, 3)), n, n),
	}
	for name, keep := range cases {
		t.Run(name, func(t *testing.T) {
			want := dropoutLoss(theta, d, n, keep, set)
			kept := make([]float64, len(theta))
			KeepTo(kept, arch, theta, keep)
			sub, st := Subnetwork(arch, theta, keep)
			got := []float64{obj.Loss(kept), (&nn.Objective{Arch: sub, Data: set}).Loss(st)}
			for i, g := range got {
				if math.Abs(g-want) > rescaleTol*max(1, want) {
					t.Errorf("%s (%s): loss %.17g, the definition gives %.17g", name, []string{"KeepTo", "Subnetwork"}[i], g, want)
				}
			}
			if len(keep) == n/2 && keep[0] == 0 {
				_, a := kept[:n*d], kept[n*d:]
				for i := range a {
					if want := 2 * theta[n*d+i] * float64(1-i/(n/2)); a[i] != want {
						t.Fatalf("half-dropout a[%d] = %v, want %v", i, a[i], want)
					}
				}
			}
		})
	}
}

func TestPiecewisePathIsContinuousWithConstantSegmentsTwoAndFour(t *testing.T) {
	// Truth: Shevchenko & Mondelli (2020), the connectivity proof. On segments 2
	// and 4 only neurons with aᵢ = 0 move, so the loss is constant; on 1, 3
	// and 5 the output is a convex combination of the ends' outputs, so for
	// the squared loss the barrier is at most the worse half-dropout loss
	// change. Vertices 1 and 3 are the two half-dropout networks.
	const d, n = 4, 16
	arch, theta, prime, set := problem(d, n, 5)
	obj := &nn.Objective{Arch: arch, Data: set}
	poly := Piecewise(arch, theta, prime)
	if len(poly) != 6 || !slices.Equal(poly.Segments(), []float64{0, 0.2, 0.4, 0.6, 0.8, 1}) {
		t.Fatalf("%d vertices at %v, want 6 at 0, 0.2, …, 1", len(poly), poly.Segments())
	}
	l := func(v []float64) float64 { return obj.Loss(v) }
	half := []float64{dropoutLoss(theta, d, n, Half(n, false), set), dropoutLoss(prime, d, n, Half(n, true), set)}
	for i, k := range []int{1, 3} {
		if g := l(poly[k]); math.Abs(g-half[i]) > rescaleTol {
			t.Errorf("vertex %d: loss %.17g, the half-dropout network's %.17g", k, g, half[i])
		}
	}
	dst := make([]float64, len(theta))
	alpha := UnitGrid(100)
	loss := make([]float64, len(alpha))
	for i, a := range alpha {
		poly.PointTo(dst, a)
		loss[i] = l(dst)
	}
	for _, seg := range []int{2, 4} { // α ∈ [0.2, 0.4] and [0.6, 0.8]
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := 20 * (seg - 1); i <= 20*seg; i++ {
			lo, hi = min(lo, loss[i]), max(hi, loss[i])
		}
		if hi-lo > constantTol {
			t.Errorf("segment %d: the loss varies by %.3g, want constant", seg, hi-lo)
		}
	}
	// Continuity: a step of 1e-9 in α moves θ by at most 1e-9 × the longest
	// segment's length × 5 (each segment spans 1/5 of α).
	var longest float64
	for k := 1; k < len(poly); k++ {
		var ss float64
		for i := range poly[k] {
			ss += (poly[k][i] - poly[k-1][i]) * (poly[k][i] - poly[k-1][i])
		}
		longest = max(longest, math.Sqrt(ss))
	}
	left, right := make([]float64, len(theta)), make([]float64, len(theta))
	for _, b := range poly.Segments()[1:5] {
		poly.PointTo(left, b-1e-9)
		poly.PointTo(right, b+1e-9)
		var ss float64
		for i := range left {
			ss += (left[i] - right[i]) * (left[i] - right[i])
		}
		if jump := math.Sqrt(ss); jump > 2*1e-9*5*longest*(1+1e-6) {
			t.Errorf("at α = %v the path jumps by %.3g", b, jump)
		}
	}
	bound := max(half[0]-l(theta), half[1]-l(prime), 0)
	if b := Barrier(alpha, loss); b > bound+constantTol {
		t.Errorf("barrier %.6g exceeds the worse half-dropout loss change %.6g", b, bound)
	}
}

func TestRandomKeepDrawsUniformSubsets(t *testing.T) {
	// Truth: a uniform m-subset of n holds each index with probability m/n;
	// over 4000 draws the count of an index is Binomial(4000, 3/10), std ≈ 29,
	// so 5σ = 145 bounds every one of the 10 counts by chance with
	// probability about 1 − 6e-6.
	r := rand.New(rand.NewPCG(11, 12))
	const n, m, draws = 10, 3, 4000
	count := make([]int, n)
	for range draws {
		keep := RandomKeep(r, n, m)
		if len(keep) != m || keep[0] < 0 || keep[m-1] >= n {
			t.Fatalf("keep %v is not %d indices in [0, %d)", keep, m, n)
		}
		for j := 1; j < m; j++ {
			if keep[j] <= keep[j-1] {
				t.Fatalf("keep %v is not strictly increasing", keep)
			}
		}
		for _, i := range keep {
			count[i]++
		}
	}
	for i, c := range count {
		if math.Abs(float64(c)-draws*m/n) > 145 {
			t.Errorf("index %d kept %d times of %d, want about %d", i, c, draws, draws*m/n)
		}
	}
}

func TestMisuseIsAProgrammersErrorAndPanics(t *testing.T) {
	arch, theta, _, _ := problem(3, 6, 1)
	cases := map[string]func(){
		"odd half-dropout":      func() { Half(7, false) },
		"repeated kept neuron":  func() { KeepTo(make([]float64, len(theta)), arch, theta, []int{1, 1}) },
		"no kept neuron":        func() { Subnetwork(arch, theta, nil) },
		"not a mean-field arch": func() { Piecewise(&nn.Arch{Sizes: []int{3, 6, 1}}, theta, theta) },
		"α outside [0, 1]":      func() { Piecewise(arch, theta, theta).PointTo(make([]float64, len(theta)), 1.5) },
		"LinearTo length":       func() { LinearTo(make([]float64, 2), theta, theta, 0) },
		"RandomKeep m > n":      func() { RandomKeep(rand.New(rand.NewPCG(1, 1)), 3, 4) },
		"θ of the wrong length": func() { KeepTo(theta[:5], arch, theta[:5], []int{0}) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		})
	}
}

// Truth: the native run. The piecewise path's vertices and the random
// subsets must be the same bits in js/wasm.
func TestJSWasmPathsAreTheNativeBits(t *testing.T) {
	arch, theta, prime, set := problem(6, 20, 9)
	poly := Piecewise(arch, theta, prime)
	obj := &nn.Objective{Arch: arch, Data: set}
	dst := make([]float64, len(theta))
	var losses []float64
	for _, a := range UnitGrid(50) {
		poly.PointTo(dst, a)
		losses = append(losses, obj.Loss(dst))
	}
	r := rng.New(3, rng.Dropout)
	var keeps []float64
	for m := 1; m <= 20; m++ {
		for _, i := range RandomKeep(r, 20, m) {
			keeps = append(keeps, float64(i))
		}
	}
	parity.Check(t, "paths-piecewise", parity.Floats(append(poly, losses, keeps)...))
}
