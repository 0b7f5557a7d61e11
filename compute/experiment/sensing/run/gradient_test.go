package run

import (
	"fmt"
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment/sensing"
	"github.com/overparam/overparam/compute/rng"
)

// small is a spec with a small problem, for exact checks.
func small(param string, m int, outliers float64) sensing.Spec {
	s := sensing.Default()
	s.Param, s.N, s.R, s.K, s.Measurements = param, 6, 2, []int{3}, m
	if outliers > 0 {
		s.Outliers = []float64{outliers}
	}
	return s
}

// denseA returns the measurement matrices of p, unpacked: Aᵢ as n×n.
func denseA(p *Problem) [][]float64 {
	n, np := p.N, Packed(p.N)
	out := make([][]float64, p.M)
	for i := range out {
		a := make([]float64, n*n)
		unpack(a, p.A[i*np:(i+1)*np], n)
		out[i] = a
	}
	return out
}

// loss evaluates the loss the descent minimises straight from its
// definition (see descent.gradient), with dense Aᵢ: the reference of the
// finite differences.
func loss(p *Problem, dense [][]float64, y []float64, l1 bool, x, g []float64, k int) float64 {
	n := p.N
	if g == nil {
		g = x
	}
	prod := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			for l := 0; l < k; l++ {
				prod[i*n+j] += x[i*k+l] * g[j*k+l]
			}
		}
	}
	scale := 0.25 // ¼ symmetric, ½ asymmetric
	if &g[0] != &x[0] {
		scale = 0.5
	}
	var f float64
	if p.M == 0 {
		for i := range prod {
			d := prod[i] - p.MStar[i]
			f += d * d
		}
		return scale * f
	}
	for i, a := range dense {
		var r float64
		for j := range a {
			r += a[j] * prod[j]
		}
		r -= y[i]
		if l1 {
			f += math.Abs(r)
		} else {
			f += scale * r * r
		}
	}
	return f / float64(p.M)
}

// Truth: central finite differences of the loss, evaluated from its
// definition with the dense measurement matrices (so they also check the
// packed operator and its adjoint), at every entry of X (and G); the ℓ1
// loss is differentiable where no residual is zero, which the check
// asserts for a step h (away from kinks).
func TestGradientsMatchFiniteDifferences(t *testing.T) {
	cases := []struct {
		name     string
		spec     sensing.Spec
		method   string
		outliers float64
	}{
		{"fully observed, symmetric", small("symmetric", 0, 0), "gd", 0},
		{"fully observed, asymmetric", small("asymmetric", 0, 0), "gd", 0},
		{"measured ℓ2, symmetric, with outliers", small("symmetric", 40, 0.2), "gd", 0.2},
		{"measured ℓ2, asymmetric", small("asymmetric", 40, 0), "gd", 0},
		{"measured ℓ1 sub-gradient, with outliers", small("symmetric", 40, 0.2), "subgradient", 0.2},
	}
	const h = 1e-6
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := NewProblem(c.spec)
			k := c.spec.K[0]
			var y []float64
			if p.M > 0 {
				y = p.Corrupted(c.outliers)
			}
			d := newDescent(p, k, c.method == "subgradient", y)
			g := rng.New(7, rng.Init)
			d.X = make([]float64, p.N*k)
			rng.NormalVec(g, d.X)
			if c.spec.Param == "asymmetric" {
				d.G, d.gg = make([]float64, p.N*k), make([]float64, p.N*k)
				rng.NormalVec(g, d.G)
			}
			dense := denseA(p)
			if d.l1 { // away from kinks: every residual must keep its sign within ±h·‖∂r/∂x‖
				d.product()
				w := make([]float64, p.M)
				p.Forward(w, d.nn, make([]float64, Packed(p.N)))
				for i := range w {
					if math.Abs(w[i]-y[i]) < 1e-3 {
						t.Fatalf("residual %d is %.2g, too near a kink for the check", i, w[i]-y[i])
					}
				}
			}
			d.gradient()
			f := func() float64 { return loss(p, dense, y, d.l1, d.X, d.G, k) }
			check := func(name string, v, grad []float64) {
				for i := range v {
					old := v[i]
					v[i] = old + h
					fp := f()
					v[i] = old - h
					fm := f()
					v[i] = old
					fd := (fp - fm) / (2 * h)
					if math.Abs(fd-grad[i]) > 1e-6*(1+math.Abs(fd)) {
						t.Errorf("∂f/∂%s[%d]: gradient %.9g, finite difference %.9g", name, i, grad[i], fd)
					}
				}
			}
			gx := append([]float64(nil), d.gx...)
			check("X", d.X, gx)
			if d.G != nil {
				check("G", d.G, append([]float64(nil), d.gg...))
			}
		})
	}
}

// Truth: algebra. One gradient step on the fully observed asymmetric loss,
// F′ = F − η∇_F, G′ = G − η∇_G with ∇_F = EG, ∇_G = EᵀF, changes the
// imbalance by exactly η²(∇_Fᵀ∇_F − ∇_Gᵀ∇_G): the first-order terms,
// −η(FᵀEG + GᵀEᵀF), are the same for both Gram matrices and cancel. So
// the per-step drift is bounded by η²(‖∇_F‖²_F + ‖∇_G‖²_F).
func TestImbalanceDriftsOnlyAtSecondOrder(t *testing.T) {
	s := small("asymmetric", 0, 0)
	p := NewProblem(s)
	k := 3
	for _, eta := range []float64{0.1, 0.01} {
		d := newDescent(p, k, false, nil)
		g := rng.New(3, rng.Init)
		d.X, d.G, d.gg = make([]float64, p.N*k), make([]float64, p.N*k), make([]float64, p.N*k)
		rng.NormalVec(g, d.X)
		rng.NormalVec(g, d.G)
		before := d.imbalance()
		d.gradient()
		gf, gg := append([]float64(nil), d.gx...), append([]float64(nil), d.gg...)
		d.step(eta)
		after := d.imbalance()
		fwd, gwd := d.gram(gf), d.gram(gg)
		var drift, pred, dev float64
		for i := range before {
			x := after[i] - before[i]
			q := eta * eta * (fwd[i] - gwd[i])
			drift += x * x
			pred += q * q
			dev += (x - q) * (x - q)
		}
		bound := eta * eta * (frob(gf)*frob(gf) + frob(gg)*frob(gg))
		drift, pred, dev = math.Sqrt(drift), math.Sqrt(pred), math.Sqrt(dev)
		if drift > bound {
			t.Errorf("η = %g: drift ‖ΔD‖ = %.3g above the bound η²(‖∇_F‖² + ‖∇_G‖²) = %.3g", eta, drift, bound)
		}
		if dev > 1e-10*(1+pred) {
			t.Errorf("η = %g: drift differs from η²(∇_Fᵀ∇_F − ∇_Gᵀ∇_G) by %.3g (drift %.3g)", eta, dev, drift)
		}
	}
}

// Truth: the definitions. The rebalanced factors satisfy F′ᵀF′ = I and
// F′G′ᵀ = FGᵀ (their definition: (FᵀF)^{-1/2}(FᵀF)^{1/2} = I), and the
// Jacobi eigen-decomposition reconstructs its matrix with orthonormal
// eigenvectors.
func TestRebalancingAndEigenvectorsSatisfyTheirDefinitions(t *testing.T) {
	s := small("asymmetric", 0, 0)
	p := NewProblem(s)
	for _, k := range []int{1, 3, 5} {
		t.Run(fmt.Sprintf("k=%d", k), func(t *testing.T) {
			d := newDescent(p, k, false, nil)
			g := rng.New(5, rng.Init)
			d.X, d.G, d.gg = make([]float64, p.N*k), make([]float64, p.N*k), make([]float64, p.N*k)
			rng.NormalVec(g, d.X)
			rng.NormalVec(g, d.G)
			c := d.gram(d.X)
			vals, v := eigSym(c, k)
			for i := 0; i < k; i++ {
				for j := 0; j < k; j++ {
					var rec, orth float64
					for l := 0; l < k; l++ {
						rec += v[i*k+l] * vals[l] * v[j*k+l]
						orth += v[l*k+i] * v[l*k+j]
					}
					if math.Abs(rec-c[i*k+j]) > 1e-12*vals[k-1] {
						t.Errorf("V Λ Vᵀ [%d,%d] = %.15g, want %.15g", i, j, rec, c[i*k+j])
					}
					if want := float64(b2i(i == j)); math.Abs(orth-want) > 1e-13 {
						t.Errorf("VᵀV [%d,%d] = %.3g, want %g", i, j, orth, want)
					}
				}
			}
			change, err := d.rebalance()
			if err != nil {
				t.Fatal(err)
			}
			if change > 1e-12 {
				t.Errorf("‖F′G′ᵀ − FGᵀ‖ = %.3g, want ≤ 1e-12", change)
			}
			ff := d.gram(d.X)
			for i := 0; i < k; i++ {
				for j := 0; j < k; j++ {
					if want := float64(b2i(i == j)); math.Abs(ff[i*k+j]-want) > 1e-12 {
						t.Errorf("F′ᵀF′ [%d,%d] = %.3g, want %g", i, j, ff[i*k+j], want)
					}
				}
			}
		})
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Truth: E⟨Aᵢ, S⟩² = ‖S‖²_F for the symmetrised Gaussian Aᵢ (the law of
// (B + Bᵀ)/2), so (1/m)‖𝒜(S)‖² estimates ‖S‖²_F with relative standard
// error √(2/m) (a χ² with m degrees of freedom).
func TestMeasurementsPreserveTheFrobeniusNormOnAverage(t *testing.T) {
	s := small("symmetric", 4000, 0)
	s.N = 8
	p := NewProblem(s)
	var sum float64
	for _, v := range p.Clean {
		sum += v * v
	}
	got, want := sum/float64(p.M), p.Norm*p.Norm
	se := want * math.Sqrt(2/float64(p.M))
	if math.Abs(got-want) > 4*se {
		t.Errorf("(1/m)‖𝒜(M*)‖² = %.4g, want ‖M*‖²_F = %.4g within 4 standard errors (%.2g)", got, want, se)
	}
}
