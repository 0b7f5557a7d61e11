package spectrum

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// Truth: withSpectrum builds A = Q diag(λ) Qᵀ with Q orthogonal, so its
// eigenvalues are λ.
func TestDenseEigenvaluesRecoverTheConstruction(t *testing.T) {
	lam := bulkAndOutliers(64, 3, 7)
	got := DenseEigenvalues(withSpectrum(lam, 40))
	for i, l := range lam {
		if math.Abs(got[i]-l) > 1e-13 {
			t.Errorf("eigenvalue %d: %.16g, want %.16g", i, got[i], l)
		}
	}
}

// Truth: gonum's MulVec (Dsymv) as an independent implementation of the
// product, and DenseOf as its inverse.
func TestDenseOperator(t *testing.T) {
	a := spikedWishart(37, 50, []float64{4}, 0.5, 41) // odd order exercises the loop tails
	x := ProbeVector(37, 1, 0, Gaussian)
	got := make([]float64, 37)
	Dense{a}.MulVecTo(got, x)
	var want mat.VecDense
	want.MulVec(a, mat.NewVecDense(37, x))
	for i := range got {
		if math.Abs(got[i]-want.AtVec(i)) > 1e-13 {
			t.Errorf("entry %d: %.16g, gonum %.16g", i, got[i], want.AtVec(i))
		}
	}
	if b := DenseOf(Dense{a}); !mat.EqualApprox(a, b, 1e-14) {
		t.Errorf("DenseOf(Dense{A}) differs from A")
	}
}

// Truth: W₁ between point masses is the distance moved (hand values).
func TestWasserstein1(t *testing.T) {
	cases := []struct {
		name           string
		nodes, weights []float64
		exact          []float64
		want           float64
	}{
		{"identical measures are at distance 0", []float64{0, 1}, []float64{0.5, 0.5}, []float64{1, 0}, 0},
		{"a point mass moved by 1", []float64{0}, []float64{1}, []float64{1}, 1},
		{"a shift by c moves every atom by c", []float64{1, 2, 3}, []float64{1, 1, 1}, []float64{1.5, 2.5, 3.5}, 0.5},
		// Half the mass moves from 0 to 2: W₁ = 0.5·2.
		{"half the mass moved by 2", []float64{0}, []float64{2}, []float64{0, 2}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Wasserstein1(c.nodes, c.weights, c.exact); math.Abs(got-c.want) > 1e-15 {
				t.Errorf("W1 = %v, want %v", got, c.want)
			}
		})
	}
	mustPanic(t, "Wasserstein1 with mismatched lengths", func() { Wasserstein1([]float64{1}, nil, []float64{1}) })
	mustPanic(t, "Wasserstein1 with no exact values", func() { Wasserstein1([]float64{1}, []float64{1}, nil) })
	mustPanic(t, "Wasserstein1 with zero total weight", func() { Wasserstein1([]float64{1}, []float64{0}, []float64{1}) })
}
