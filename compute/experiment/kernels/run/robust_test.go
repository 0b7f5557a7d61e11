package run

import (
	"fmt"
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/kernels"
	"gonum.org/v1/gonum/mat"
)

var models = []string{"ntk", "rf"}

// small draws a problem small enough for dense references.
func small(k int) *problem { return newProblem(3, 12, 6, k, 3) }

// Truth: the definition of an interpolator — f(x_i) = y_i for every
// training sample, to rounding (Bombari et al. 2023 study the min-norm
// interpolator of noise labels).
func TestInterpolatorsFitTheirNoiseLabels(t *testing.T) {
	const tol = 1e-8
	for _, model := range models {
		for _, act := range kernels.Activations {
			in, err := fit(small(40), model, act)
			if err != nil {
				t.Fatalf("%s %s: %v", model, act, err)
			}
			if in.residual > tol {
				t.Errorf("%s %s: max |f(x_i) − y_i| = %.3g; want < %g", model, act, in.residual, tol)
			}
			// The residual eval reports agrees with the kernel's.
			g := make([]float64, in.p.d)
			for i := range in.p.n {
				if r := math.Abs(in.eval(in.p.x[i*in.p.d:(i+1)*in.p.d], g) - in.p.y[i]); r > tol {
					t.Errorf("%s %s: sample %d: |f(x) − y| = %.3g through eval; want < %g", model, act, i, r, tol)
				}
			}
		}
	}
}

// Truth: central finite differences, (f(z + he_a) − f(z − he_a))/2h with
// h = 1e-5, whose error is O(h²·f”') ≈ 1e-10 relative here.
func TestInputGradientMatchesCentralDifferences(t *testing.T) {
	const h, tol = 1e-5, 1e-6
	for _, model := range models {
		for _, act := range kernels.Activations {
			in, err := fit(small(40), model, act)
			if err != nil {
				t.Fatal(err)
			}
			for zi, z := range in.p.z {
				g := make([]float64, in.p.d)
				in.eval(z, g)
				fd := make([]float64, in.p.d)
				scratch := make([]float64, in.p.d)
				for a := range z {
					zp, zm := append([]float64(nil), z...), append([]float64(nil), z...)
					zp[a] += h
					zm[a] -= h
					fd[a] = (in.eval(zp, scratch) - in.eval(zm, scratch)) / (2 * h)
				}
				if e := relErr(g, fd); e > tol {
					t.Errorf("%s %s z%d: relative error of ∇f against central differences %.3g; want < %g", model, act, zi, e, tol)
				}
			}
		}
	}
}

// Truth: the explicit features and a dense minimum-norm solve (gonum's LQ
// solve of the wide system Φθ = Y): the kernel form must give the same
// parameters, θ = Fᵀα for random features and Θ = Xᵀdiag(α)D, the NTK
// features x ⊗ φ'(Wᵀx) reshaped to d×k.
func TestKernelFormEqualsExplicitFeatures(t *testing.T) {
	const tol = 1e-8
	for _, model := range models {
		for _, act := range []string{"square", "tanh"} {
			p := small(30)
			in, err := fit(p, model, act)
			if err != nil {
				t.Fatal(err)
			}
			phi := activation(act)
			cols := p.k
			if model == "ntk" {
				cols = p.d * p.k
			}
			feats := mat.NewDense(p.n, cols, nil)
			for i := range p.n {
				x := p.x[i*p.d : (i+1)*p.d]
				for j := range p.k {
					u := 0.0
					for a := range p.d {
						u += x[a] * p.w[a*p.k+j]
					}
					f, d1, _ := phi(u)
					if model == "rf" {
						feats.Set(i, j, f)
						continue
					}
					for a := range p.d {
						feats.Set(i, a*p.k+j, x[a]*d1)
					}
				}
			}
			var theta mat.Dense
			if err := theta.Solve(feats, mat.NewDense(p.n, 1, append([]float64(nil), p.y...))); err != nil {
				t.Fatalf("%s %s: dense solve: %v", model, act, err)
			}
			want := mat.Col(nil, 0, &theta)
			if e := relErr(in.theta, want); e > tol {
				t.Errorf("%s %s: kernel-form parameters differ from the dense min-norm solution by %.3g (relative); want < %g", model, act, e, tol)
			}
		}
	}
}

// Truth: Gaussian integrals. For u = wᵀx, v = wᵀx′ with w ~ N(0, I/d), u
// and v are centred Gaussians with variances a = |x|²/d, b = |x′|²/d and
// covariance c = xᵀx′/d, so E[u²v²]/4 = (ab + 2c²)/4 (Isserlis),
// E[cos u cos v] = (e^{−(a+b−2c)/2} + e^{−(a+b+2c)/2})/2, and E[uv] = c.
// The random-features and NTK kernels' feature averages must agree with
// them within 4 Monte Carlo standard errors.
func TestFeatureAveragesMatchGaussianClosedForms(t *testing.T) {
	const k = 20000
	p := newProblem(5, 2, 8, k, 0)
	x, xp := p.x[:p.d], p.x[p.d:]
	var a, b, c float64
	for i := range x {
		a += x[i] * x[i] / float64(p.d)
		b += xp[i] * xp[i] / float64(p.d)
		c += x[i] * xp[i] / float64(p.d)
	}
	cases := []struct {
		name, act string
		deriv     bool
		want      float64
	}{
		{"random features, square", "square", false, (a*b + 2*c*c) / 4},
		{"random features, cos", "cos", false, (math.Exp(-(a+b-2*c)/2) + math.Exp(-(a+b+2*c)/2)) / 2},
		{"NTK, square (φ' = u)", "square", true, c},
	}
	for _, tc := range cases {
		phi := activation(tc.act)
		vals := make([]float64, k)
		for j := range k {
			var u, v float64
			for i := range p.d {
				u += p.w[i*k+j] * x[i]
				v += p.w[i*k+j] * xp[i]
			}
			fu, du, _ := phi(u)
			fv, dv, _ := phi(v)
			if tc.deriv {
				vals[j] = du * dv
			} else {
				vals[j] = fu * fv
			}
		}
		mean, se := meanSE(vals)
		if math.Abs(mean-tc.want) > 4*se {
			t.Errorf("%s: feature average %.5g ± %.2g (SE); closed form %.5g", tc.name, mean, se, tc.want)
		}
	}
}

// robustSpec is a robustness spec at d = 200, N = 50, the minimal
// experiment's size, with the given curves.
func robustSpec(ntk, rf string, ntkWidths, rfWidths []int, seeds, tests int) kernels.Spec {
	s := kernels.Default()
	s.NTK, s.RF, s.NTKWidth, s.RFWidth, s.Seeds, s.Tests = ntk, rf, ntkWidths, rfWidths, seeds, tests
	return s
}

// Truth: Bombari, Kiyani & Mondelli (2023), arXiv:2302.01629, abstract:
// "for even activations, the NTK model meets the universal lower bound", S ≍ √(Nd/p), so over p
// in [Nd/10, Nd] log S falls with slope near −1/2 (measured −0.47 to −0.53
// at N = 50, d = 200, seeds 1, 11 and 21; the band allows for 64 draws'
// Monte Carlo error) and S stays within a constant of √(Nd/p); with tanh,
// not even, the interaction term holds S up and the slope is near 0.
func TestNTKWithAnEvenActivationFollowsTheUniversalLaw(t *testing.T) {
	s := robustSpec("square,cos,tanh", "none", []int{5, 10, 25, 50}, []int{250}, 8, 8)
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Curves {
		if c.Slope == nil || c.Ratio == nil {
			t.Fatalf("%s: no fit over p in [Nd/10, Nd]", c.Name)
		}
		slope, ratio := *c.Slope, *c.Ratio
		if kernels.Even(c.Act) {
			if slope < -0.55 || slope > -0.35 {
				t.Errorf("%s: log-log slope %.3f over p in [Nd/10, Nd]; want −0.45 ± 0.1", c.Name, slope)
			}
			if ratio < 1.3 || ratio > 2.2 {
				t.Errorf("%s: S/√(Nd/p) = %.3f on average; want in [1.3, 2.2]", c.Name, ratio)
			}
		} else if slope <= -0.15 {
			t.Errorf("%s: log-log slope %.3f; want above −0.15 (not robust)", c.Name, slope)
		}
		for _, p := range c.Points {
			if p.MaxResidual > 1e-8 {
				t.Errorf("%s k=%d: max residual %.3g; want < 1e-8", c.Name, p.Width, p.MaxResidual)
			}
		}
	}
}

// Truth: Bombari, Kiyani & Mondelli (2023), arXiv:2302.01629, abstract:
// "for random features, the model is not robust for any degree of
// over-parameterization"; S stays of order √N. Measured here:
// S(8000)/S(2000) = 0.95–0.97 and S/√N = 0.96–1.08 at N = 50, d = 200,
// seeds 1, 11 and 21 (the reference numpy run: S/√N = 1.10–1.12).
func TestRandomFeaturesPlateauNearSqrtN(t *testing.T) {
	s := robustSpec("none", "tanh", []int{5}, []int{2000, 8000}, 2, 4)
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Curves[0]
	if c.Plateau == nil || *c.Plateau < 0.9 || *c.Plateau > 1.02 {
		t.Errorf("%s: S(8000)/S(2000) = %v; want in [0.9, 1.02]", c.Name, fmtPtr(c.Plateau))
	}
	if r := c.Points[1].S / res.SqrtN; r < 0.9 || r > 1.4 {
		t.Errorf("%s: S/√N = %.3f at k = 8000; want in [0.9, 1.4]", c.Name, r)
	}
}

func fmtPtr(p *float64) string {
	if p == nil {
		return "none"
	}
	return fmt.Sprintf("%.3f", *p)
}

// relErr returns ‖a − b‖/‖b‖.
func relErr(a, b []float64) float64 {
	var num, den float64
	for i := range a {
		num += (a[i] - b[i]) * (a[i] - b[i])
		den += b[i] * b[i]
	}
	return math.Sqrt(num / den)
}
