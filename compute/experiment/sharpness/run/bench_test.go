package run

import (
	"testing"

	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
)

// BenchmarkTrackedStep measures one tracked step of the default spec (200
// spiral points, 2-32-32-2 tanh, MSE, η = 0.2) at the edge of stability:
// the curvature set-up at θ_t, a warm-started Lanczos computation of the top
// two eigenvalues at tol 1e-6, and the gradient step. It reports the
// Hessian-vector products per computation.
func BenchmarkTrackedStep(b *testing.B) {
	s := specOf("")
	set := Spirals(s.Samples, s.Noise, s.Seed)
	a := s.Arch()
	theta := make([]float64, a.NumParams())
	nn.Initialize(theta, a, nn.InitDefault, 1, rng.New(s.Seed, rng.Init))
	st := newStepper(&s, 0.2, &set, theta)
	for t := range 400 { // past t* ≈ 300: at the edge
		st.step(t)
	}
	tr, err := newTracker(len(theta), s.Eigs, s.Tol, s.Seed)
	if err != nil {
		b.Fatal(err)
	}
	products := 0
	b.ResetTimer()
	for i := range b.N {
		_, _, k, err := tr.top(nn.NewCurvature(st.obj, theta, nn.Hessian))
		if err != nil {
			b.Fatal(err)
		}
		products += k
		st.step(400 + i)
	}
	b.ReportMetric(float64(products)/float64(b.N), "hvp/op")
}

// BenchmarkStep measures one plain gradient-descent step of the same spec,
// the cost that tracking adds to.
func BenchmarkStep(b *testing.B) {
	s := specOf("")
	set := Spirals(s.Samples, s.Noise, s.Seed)
	a := s.Arch()
	theta := make([]float64, a.NumParams())
	nn.Initialize(theta, a, nn.InitDefault, 1, rng.New(s.Seed, rng.Init))
	st := newStepper(&s, 0.2, &set, theta)
	b.ResetTimer()
	for i := range b.N {
		st.step(i)
	}
}
