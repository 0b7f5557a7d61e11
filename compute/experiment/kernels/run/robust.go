package run

import (
	"errors"
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment/kernels"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/lstsq"
	"github.com/overparam/overparam/compute/rng"
)

// ErrCanceled is returned, wrapped, when the progress callback stops a run.
var ErrCanceled = errors.New("kernels: canceled")

// activation returns φ(u), φ'(u) and φ”(u) for the named activation:
// square φ = u²/2, cos, tanh and softplus φ = log(1 + eᵘ).
func activation(name string) func(u float64) (f, d1, d2 float64) {
	switch name {
	case "square":
		return func(u float64) (float64, float64, float64) { return float64(u*u) * 0.5, u, 1 }
	case "cos":
		return func(u float64) (float64, float64, float64) { return fmath.Cos(u), -fmath.Sin(u), -fmath.Cos(u) }
	case "tanh":
		return func(u float64) (float64, float64, float64) {
			t := fmath.Tanh(u)
			d := 1 - float64(t*t)
			return t, d, -2 * float64(t*d)
		}
	case "softplus":
		return func(u float64) (float64, float64, float64) {
			s := fmath.Sigmoid(u)
			var f float64
			if u > 0 { // log(1 + eᵘ) = u + log(1 + e⁻ᵘ), without overflow
				f = u + fmath.Log(1+fmath.Exp(-u))
			} else {
				f = fmath.Log(1 + fmath.Exp(u))
			}
			return f, s, float64(s * (1 - s))
		}
	}
	panic("kernels: unknown activation " + name)
}

// problem is one seed's draw of a robustness point: inputs X (N×d,
// row-major), pure-noise labels Y, first-layer weights W (d×k, N(0, 1/d))
// and test points Z (tests×d).
type problem struct {
	n, d, k int
	x, y, w []float64
	z       [][]float64
}

// newProblem draws the data of seed (streams Data: X then Y; Init: W;
// Probes: the test points), so that every curve and width of one seed
// sees the same X, Y and test points, and nested features.
func newProblem(seed uint64, n, d, k, tests int) *problem {
	p := &problem{n: n, d: d, k: k, x: make([]float64, n*d), y: make([]float64, n), w: make([]float64, d*k)}
	r := rng.New(seed, rng.Data)
	rng.NormalVec(r, p.x)
	rng.NormalVec(r, p.y)
	// Feature j's d weights are drawn together, features in order, so the
	// first k features of a seed are the same at every width: the widths
	// of a curve grow one pool of features (common random numbers).
	rw := rng.New(seed, rng.Init)
	scale := 1 / math.Sqrt(float64(d))
	for j := range k {
		for a := range d {
			p.w[a*k+j] = rng.Normal(rw) * scale
		}
	}
	rz := rng.New(seed, rng.Probes)
	for range tests {
		z := make([]float64, d)
		rng.NormalVec(rz, z)
		p.z = append(p.z, z)
	}
	return p
}

// interpolator is the minimum-norm interpolator of a problem in the
// random-features (rf) or NTK (ntk) model, in the kernel form of Bombari et
// al. (2023), §5: K = FFᵀ with F = φ(XW) for random features, K =
// (XXᵀ)∘(DDᵀ) with D = φ'(XW) for the NTK (its features x ⊗ φ'(Wᵀx) are
// never formed), and α = K⁻¹Y.
type interpolator struct {
	p     *problem
	model string
	act   func(float64) (float64, float64, float64)
	theta []float64 // rf: θ = Fᵀα (k); ntk: Θ = Xᵀdiag(α)D (d×k)
	// residual is max_i |f(x_i) − y_i| = max_i |(Kα − Y)_i|.
	residual float64
}

// fit computes the interpolator. It fails when the kernel matrix is not
// positive definite to working precision (too few parameters to
// interpolate).
func fit(p *problem, model, act string) (*interpolator, error) {
	n, d, k := p.n, p.d, p.k
	phi := activation(act)
	pre := make([]float64, n*k) // XW
	kernel.MulTo(pre, p.x, p.w, n, d, k)
	feat := make([]float64, n*k) // F = φ(XW) or D = φ'(XW)
	for i, u := range pre {
		f, d1, _ := phi(u)
		if model == "ntk" {
			feat[i] = d1
		} else {
			feat[i] = f
		}
	}
	ft := make([]float64, k*n)
	kernel.TransposeTo(ft, feat, n, k)
	km := make([]float64, n*n)
	kernel.MulTo(km, feat, ft, n, k, n)
	if model == "ntk" {
		xt := make([]float64, d*n)
		kernel.TransposeTo(xt, p.x, n, d)
		g := make([]float64, n*n)
		kernel.MulTo(g, p.x, xt, n, d, n)
		for i := range km {
			km[i] = float64(km[i] * g[i])
		}
	}
	chol := append([]float64(nil), km...)
	if err := lstsq.Cholesky(chol, n); err != nil {
		return nil, fmt.Errorf("the %d×%d kernel matrix of %s with k = %d is singular (%w): too few parameters to interpolate", n, n, model, k, err)
	}
	alpha := append([]float64(nil), p.y...)
	lstsq.CholeskySolve(chol, n, alpha)
	in := &interpolator{p: p, model: model, act: phi}
	for i := range n {
		s := -p.y[i]
		for j, a := range alpha {
			s += float64(km[i*n+j] * a)
		}
		in.residual = max(in.residual, math.Abs(s))
	}
	if model == "ntk" { // Θ = Xᵀ (diag(α) D)
		ad := make([]float64, n*k)
		for i := range n {
			for j := range k {
				ad[i*k+j] = float64(alpha[i] * feat[i*k+j])
			}
		}
		xt := make([]float64, d*n)
		kernel.TransposeTo(xt, p.x, n, d)
		in.theta = make([]float64, d*k)
		kernel.MulTo(in.theta, xt, ad, d, n, k)
	} else { // θ = Fᵀα, summed over i ascending
		in.theta = make([]float64, k)
		for i := range n {
			for j := range k {
				in.theta[j] += float64(feat[i*k+j] * alpha[i])
			}
		}
	}
	return in, nil
}

// eval returns f(z) and writes ∇_z f(z) into grad (length d):
//
//	rf:  f = Σ_j θ_j φ(w_jᵀz),     ∇f = W(φ'(Wᵀz) ⊙ θ)
//	ntk: f = Σ_j φ'(w_jᵀz) Θ_jᵀz,  ∇f = Θφ'(Wᵀz) + W(φ''(Wᵀz) ⊙ Θᵀz)
//
// with every sum over the input index a, then the unit j, ascending.
func (in *interpolator) eval(z, grad []float64) float64 {
	d, k, w := in.p.d, in.p.k, in.p.w
	u := make([]float64, k) // Wᵀz
	for a := range d {
		row := w[a*k : a*k+k]
		for j, v := range row {
			u[j] += float64(v * z[a])
		}
	}
	f1, f2 := make([]float64, k), make([]float64, k)
	var f float64
	if in.model == "rf" {
		for j := range k {
			phi, d1, _ := in.act(u[j])
			f += float64(in.theta[j] * phi)
			f1[j] = float64(d1 * in.theta[j])
		}
		for a := range d {
			s := 0.0
			for j, v := range w[a*k : a*k+k] {
				s += float64(v * f1[j])
			}
			grad[a] = s
		}
		return f
	}
	t := make([]float64, k) // Θᵀz
	for a := range d {
		for j, v := range in.theta[a*k : a*k+k] {
			t[j] += float64(v * z[a])
		}
	}
	for j := range k {
		_, d1, d2 := in.act(u[j])
		f += float64(d1 * t[j])
		f1[j], f2[j] = d1, float64(d2*t[j])
	}
	for a := range d {
		th, wr := in.theta[a*k:a*k+k], w[a*k:a*k+k]
		s := 0.0
		for j := range k {
			s += float64(th[j] * f1[j])
			s += float64(wr[j] * f2[j])
		}
		grad[a] = s
	}
	return f
}

// sensitivity returns S(z) = √d ‖∇_z f(z)‖.
func (in *interpolator) sensitivity(z []float64) float64 {
	g := make([]float64, in.p.d)
	in.eval(z, g)
	s := 0.0
	for _, v := range g {
		s += float64(v * v)
	}
	return math.Sqrt(float64(in.p.d)) * math.Sqrt(s)
}

// robustPoint measures one curve at one width: for each seed r (seed
// s.Seed + r), the interpolator's sensitivity at every test point.
func robustPoint(s *kernels.Spec, index int, progress func(Progress) bool) (*kernels.RobustPoint, error) {
	c, k := s.CurveAt(index)
	pt := &kernels.RobustPoint{Model: c.Model, Act: c.Act, Width: k, Params: c.Params(s.Dim, k)}
	pt.Bound = math.Sqrt(float64(s.Samples*s.Dim) / float64(pt.Params))
	for r := range s.Seeds {
		p := newProblem(s.Seed+uint64(r), s.Samples, s.Dim, k, s.Tests)
		in, err := fit(p, c.Model, c.Act)
		if err != nil {
			return nil, fmt.Errorf("%s, k = %d, seed %d: %w", c.Name(), k, s.Seed+uint64(r), err)
		}
		pt.MaxResidual = max(pt.MaxResidual, in.residual)
		for _, z := range p.z {
			pt.Values = append(pt.Values, in.sensitivity(z))
		}
		if !progress(Progress{Phase: c.Name() + ", k = " + fmt.Sprint(k), Done: r + 1, Total: s.Seeds}) {
			return nil, fmt.Errorf("%s, k = %d: %w", c.Name(), k, ErrCanceled)
		}
	}
	pt.S, pt.SE = meanSE(pt.Values)
	if math.IsNaN(pt.S) || math.IsInf(pt.S, 0) {
		return nil, fmt.Errorf("%s, k = %d: the sensitivity is not finite", c.Name(), k)
	}
	return pt, nil
}

// meanSE returns the mean of xs (summed in order) and its standard error,
// the sample standard deviation over √n (0 for one value).
func meanSE(xs []float64) (mean, se float64) {
	n := float64(len(xs))
	for _, x := range xs {
		mean += x
	}
	mean /= n
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += float64((x - mean) * (x - mean))
	}
	return mean, math.Sqrt(ss/(n-1)) / math.Sqrt(n)
}
