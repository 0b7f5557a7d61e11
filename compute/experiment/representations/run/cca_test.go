package run

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/overparam/overparam/compute/rng"
	"gonum.org/v1/gonum/mat"
)

func gaussian(r *rand.Rand, n, p int) []float64 {
	x := make([]float64, n*p)
	rng.NormalVec(r, x)
	return x
}

// mul returns the n×m product of a (n×k) and b (k×m), naively.
func mul(a, b []float64, n, k, m int) []float64 {
	c := make([]float64, n*m)
	for i := range n {
		for j := range m {
			var s float64
			for t := range k {
				s += float64(a[i*k+t] * b[t*m+j])
			}
			c[i*m+j] = s
		}
	}
	return c
}

// Truth: gonum's mat.EigenSym (LAPACK dsyev) on the same matrix, and the
// eigen-equation residual ‖Av − λv‖.
func TestJacobiMatchesADenseEigensolver(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{1, 2, 5, 17, 40} {
		b := gaussian(r, n, n)
		a := make([]float64, n*n)
		for i := range n {
			for j := range n {
				a[i*n+j] = b[i*n+j] + b[j*n+i]
			}
		}
		orig := append([]float64(nil), a...)
		vals, vecs := symEigen(a, n)
		var es mat.EigenSym
		if !es.Factorize(mat.NewSymDense(n, append([]float64(nil), orig...)), false) {
			t.Fatal("gonum failed")
		}
		want := es.Values(nil) // ascending
		scale := math.Max(math.Abs(want[0]), math.Abs(want[n-1]))
		for k := range n {
			if d := math.Abs(vals[k] - want[n-1-k]); d > 1e-12*scale {
				t.Errorf("n=%d: eigenvalue %d = %.17g; gonum %.17g", n, k, vals[k], want[n-1-k])
			}
			v := vecs[k*n : (k+1)*n]
			av := mul(orig, v, n, n, 1)
			var res float64
			for i := range n {
				res = math.Max(res, math.Abs(av[i]-vals[k]*v[i]))
			}
			if res > 1e-12*scale {
				t.Errorf("n=%d: eigenvector %d residual %.3g", n, k, res)
			}
		}
	}
}

// Truth: an invertible linear map plus a constant, Y = XA + c, spans the
// same centered column space as X, so every canonical correlation is 1
// (Hotelling 1936; CCA is affine invariant).
func TestCCAOfAnAffineImageIsOne(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 1))
	const n, p = 300, 12
	x := gaussian(r, n, p)
	a := gaussian(r, p, p)
	y := mul(x, a, n, p, p)
	for i := range n {
		for j := range p {
			y[i*p+j] += 3 + float64(j)
		}
	}
	rho := Correlations(NewBasis(x, n, p, 1), NewBasis(y, n, p, 1))
	if len(rho) != p {
		t.Fatalf("%d correlations; want %d", len(rho), p)
	}
	for i, v := range rho {
		if math.Abs(v-1) > 1e-12 {
			t.Errorf("ρ_%d = %.17g; want 1 to 1e-12", i, v)
		}
	}
}

// Truth: the SVD truncation of 2.5·XQ with Q orthogonal keeps the same
// directions (rotated) with the same variance fractions, so SVCCA is 1
// (Raghu et al. 2017, §2: invariance to orthogonal maps and isotropic
// scaling).
func TestSVCCAIsInvariantToRotationAndScaling(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 1))
	const n, p = 400, 16
	// Columns of decaying scale, so the 99% truncation drops some.
	x := gaussian(r, n, p)
	for i := range n {
		for j := range p {
			x[i*p+j] *= math.Pow(0.6, float64(j))
		}
	}
	q := gaussian(r, p, p) // orthogonalised: a random p×p orthogonal Q
	orthonormalize(q, p, p)
	orthonormalize(q, p, p)
	y := mul(x, q, n, p, p)
	for i := range y {
		y[i] *= 2.5
	}
	bx, by := NewBasis(x, n, p, 0.99), NewBasis(y, n, p, 0.99)
	if bx.K != by.K || bx.K >= p {
		t.Fatalf("kept %d and %d directions of %d; want equal and fewer than %d", bx.K, by.K, p, p)
	}
	if s := Similarity(bx, by); math.Abs(s-1) > 1e-12 {
		t.Errorf("SVCCA(X, 2.5·XQ) = %.17g; want 1", s)
	}
}

// Truth: Anderson (2003) §12 / the trace of the projection Hotelling's
// statistic: for Y with iid Gaussian rows independent of X, N samples
// centered, E Σρ² = pq/(N−1). Monte Carlo within 3 standard errors.
func TestNullCanonicalCorrelationsMatchTheirExpectation(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 1))
	const n, p, q, trials = 500, 20, 30, 300
	want := float64(p*q) / float64(n-1) // 1.2024…
	var sum, sum2 float64
	for range trials {
		rho := Correlations(NewBasis(gaussian(r, n, p), n, p, 1), NewBasis(gaussian(r, n, q), n, q, 1))
		var s float64
		for _, v := range rho {
			s += v * v
		}
		sum += s
		sum2 += s * s
	}
	mean := sum / trials
	se := math.Sqrt((sum2/trials - mean*mean) / (trials - 1))
	if math.Abs(mean-want) > 3*se {
		t.Errorf("E Σρ² = %.4f ± %.4f (MC); want %.4f within 3 standard errors", mean, se, want)
	}
}

// Truth: columns Y_j = ρ_j Z_j + √(1−ρ_j²) E_j with Z, E independent
// standard normal have canonical correlations ρ_j with X = Z (population
// values), and mixing either side by an invertible map changes none of
// them; at N = 20 000 the sample bias is about (p+q)/N = 5e-4.
func TestPlantedCorrelationsAreRecovered(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 1))
	planted := []float64{0.9, 0.7, 0.5, 0.3, 0.1}
	const n, p = 20000, 5
	z, e := gaussian(r, n, p), gaussian(r, n, p)
	y := make([]float64, n*p)
	for i := range n {
		for j, rho := range planted {
			y[i*p+j] = rho*z[i*p+j] + math.Sqrt(1-rho*rho)*e[i*p+j]
		}
	}
	x := mul(z, gaussian(r, p, p), n, p, p)
	y = mul(y, gaussian(r, p, p), n, p, p)
	rho := Correlations(NewBasis(x, n, p, 1), NewBasis(y, n, p, 1))
	for j, want := range planted {
		if math.Abs(rho[j]-want) > 0.02 {
			t.Errorf("ρ_%d = %.4f; planted %.1f (tolerance 0.02)", j, rho[j], want)
		}
	}
	t.Log("recovered", fmt.Sprintf("%.4f", rho))
}
