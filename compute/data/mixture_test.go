package data

import (
	"fmt"
	"math"
	"testing"

	"github.com/overparam/overparam/compute/rng"
)

func TestMixtureIsDeterministicGivenItsSeed(t *testing.T) {
	s := MixtureSettings{Classes: 5, Dim: 7, Train: 60, Test: 40, Seed: 11}
	a, _ := Mixture(s)
	b, _ := Mixture(s)
	if splitFingerprint(a) != splitFingerprint(b) {
		t.Errorf("two runs with seed 11 differ")
	}
	s.Seed = 12
	c, _ := Mixture(s)
	if fingerprint(&a.Train) == fingerprint(&c.Train) || fingerprint(&a.Test) == fingerprint(&c.Test) {
		t.Errorf("seeds 11 and 12 give the same data")
	}
}

func TestMixtureHasTheRequestedShapeAndBalancedClasses(t *testing.T) {
	for _, s := range []MixtureSettings{
		{},
		{Classes: 10, Dim: 1, Train: 95, Test: 7},
		{Classes: 100, Dim: 3, Train: 1000, Test: 1},
		{Classes: 2, Dim: 4096, Train: 3, Test: 2},
	} {
		sp, err := Mixture(s)
		if err != nil {
			t.Fatalf("%+v: %v", s, err)
		}
		d := s.WithDefaults()
		name := fmt.Sprintf("C=%d d=%d", d.Classes, d.Dim)
		checkValid(t, name+" train", &sp.Train, d.Train, d.Dim)
		checkValid(t, name+" test", &sp.Test, d.Test, d.Dim)
		if sp.Train.Classes != d.Classes || sp.Test.Classes != d.Classes {
			t.Errorf("%s: Classes = %d, %d", name, sp.Train.Classes, sp.Test.Classes)
		}
		checkBalanced(t, name+" train", &sp.Train)
		checkBalanced(t, name+" test", &sp.Test)
	}
}

// Truth: the documented construction, μ_c = s·u_c with u_0 … u_{C−1} the
// first C unit vectors of stream rng.Data, redrawn here, and Monte Carlo:
// each coordinate of a class's sample mean is N(μ_c, 1/n_c), and each
// coordinate's within-class sample variance has standard error √(2/n_c).
// Tolerance: 5 standard errors, so a correct generator fails with
// probability < 10⁻⁴ over the 4·5·2 checks of each kind.
func TestMixtureRecoversClassMeansAndUnitWithinClassVariance(t *testing.T) {
	const tolSE = 5
	s := MixtureSettings{Classes: 4, Dim: 5, Separation: 2.5, Train: 8000, Test: 4000, Seed: 3}
	sp, err := Mixture(s)
	if err != nil {
		t.Fatal(err)
	}
	r := rng.New(s.Seed, rng.Data)
	mu := make([]float64, s.Dim)
	for c := 0; c < s.Classes; c++ {
		rng.UnitSphere(r, mu)
		for _, set := range []*Set{&sp.Train, &sp.Test} {
			var nc float64
			sum := make([]float64, s.Dim)
			sq := make([]float64, s.Dim)
			for i, y := range set.Labels {
				if y != c {
					continue
				}
				nc++
				for j, x := range set.Row(i) {
					sum[j] += x
					sq[j] += (x - s.Separation*mu[j]) * (x - s.Separation*mu[j])
				}
			}
			for j := range sum {
				mean, variance := sum[j]/nc, sq[j]/nc
				if d := math.Abs(mean - s.Separation*mu[j]); d > tolSE/math.Sqrt(nc) {
					t.Errorf("class %d n=%d coordinate %d: mean %.4f, want %.4f ± %.4f",
						c, set.N, j, mean, s.Separation*mu[j], tolSE/math.Sqrt(nc))
				}
				if d := math.Abs(variance - 1); d > tolSE*math.Sqrt(2/nc) {
					t.Errorf("class %d n=%d coordinate %d: within-class variance %.4f, want 1 ± %.4f",
						c, set.N, j, variance, tolSE*math.Sqrt(2/nc))
				}
			}
		}
	}
}

// Truth: the documented meaning of Separation — every class mean lies at
// distance s from the origin — checked on the sample means of a large set,
// whose norms are within 5·√(d/n_c) of s.
func TestMixtureSeparationIsTheDistanceOfEachMeanFromTheOrigin(t *testing.T) {
	for _, sep := range []float64{0.5, 4, 20} {
		s := MixtureSettings{Classes: 3, Dim: 8, Separation: sep, Train: 6000, Test: 1, Seed: 5}
		sp, err := Mixture(s)
		if err != nil {
			t.Fatal(err)
		}
		means := make([]float64, s.Classes*s.Dim)
		n := classCounts(&sp.Train)
		for i, y := range sp.Train.Labels {
			for j, x := range sp.Train.Row(i) {
				means[y*s.Dim+j] += x / float64(n[y])
			}
		}
		for c := 0; c < s.Classes; c++ {
			m := means[c*s.Dim : (c+1)*s.Dim]
			tol := 5 * math.Sqrt(float64(s.Dim)/float64(n[c]))
			if norm := math.Sqrt(dot(m, m)); math.Abs(norm-sep) > tol {
				t.Errorf("s=%v class %d: ‖mean‖ = %.4f, want %v ± %.4f", sep, c, norm, sep, tol)
			}
		}
	}
}
