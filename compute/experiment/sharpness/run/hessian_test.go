package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/spectrum"
)

// smallNet returns a small spirals network of spec query, its objective
// and an initial θ.
func smallNet(query string) (*sharpness.Spec, *nn.Objective, []float64) {
	s := specOf("samples=40&hidden=6,5&" + query)
	set := Spirals(s.Samples, s.Noise, s.Seed)
	a := s.Arch()
	theta := make([]float64, a.NumParams())
	nn.Initialize(theta, a, nn.InitDefault, 1, rng.New(s.Seed, rng.Init))
	return &s, &nn.Objective{Arch: a, Data: &set}, theta
}

// Truth: central differences of the gradient, (∇L(θ+εv) − ∇L(θ−εv))/2ε with
// ε = 1e-5 (error O(ε²)), and the symmetry uᵀHv = vᵀHu of the exact
// R-operator product, for MSE and cross-entropy, tanh and ReLU.
func TestHessianProductsMatchDifferencesOfTheGradientAndAreSymmetric(t *testing.T) {
	for _, q := range []string{"loss=mse&activation=tanh", "loss=ce&activation=tanh", "loss=mse&activation=relu", "loss=ce&activation=relu"} {
		_, o, theta := smallNet(q)
		n := len(theta)
		u, v := make([]float64, n), make([]float64, n)
		r := rng.New(5, rng.Probes)
		rng.UnitSphere(r, u)
		rng.UnitSphere(r, v)
		c := nn.NewCurvature(o, theta, nn.Hessian)
		hv, hu := make([]float64, n), make([]float64, n)
		c.MulVecTo(hv, v)
		c.MulVecTo(hu, u)
		const eps = 1e-5
		gp, gm, tp := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range tp {
			tp[i] = theta[i] + eps*v[i]
		}
		o.LossGrad(gp, tp)
		for i := range tp {
			tp[i] = theta[i] - eps*v[i]
		}
		o.LossGrad(gm, tp)
		var diff, ref float64
		for i := range hv {
			fd := (gp[i] - gm[i]) / (2 * eps)
			diff += (fd - hv[i]) * (fd - hv[i])
			ref += hv[i] * hv[i]
		}
		if rel := math.Sqrt(diff / ref); rel > 1e-7 {
			t.Errorf("%s: ‖Hv − FD‖/‖Hv‖ = %.3g, want < 1e-7", q, rel)
		}
		if d := math.Abs(dot(u, hv) - dot(v, hu)); d > 1e-12*norm(u)*norm(hv) {
			t.Errorf("%s: |uᵀHv − vᵀHu| = %.3g", q, d)
		}
	}
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// Truth: the dense Hessian's eigenvalues (spectrum.DenseEigenvalues on
// nn.DenseCurvature) at several points of a gradient-descent run: the
// tracker's warm-started top-k Ritz values agree with the top-k
// eigenvalues to 1e-6 relative (its tolerance; the Ritz residual bounds the
// error), as the tracked Hessian changes under it.
func TestTrackedEigenvaluesMatchTheDenseHessianAlongTraining(t *testing.T) {
	s, o, theta := smallNet("eigs=3&tol=1e-9")
	tr, err := newTracker(len(theta), s.Eigs, s.Tol, s.Seed)
	if err != nil {
		t.Fatal(err)
	}
	g := make([]float64, len(theta))
	products := 0
	for step := 0; step <= 300; step++ {
		if step%50 == 0 {
			c := nn.NewCurvature(o, theta, nn.Hessian)
			vals, res, k, err := tr.top(c)
			if err != nil {
				t.Fatal(err)
			}
			products += k
			h, _, err := nn.DenseCurvature(nn.NewCurvature(o, theta, nn.Hessian))
			if err != nil {
				t.Fatal(err)
			}
			dense := spectrum.DenseEigenvalues(spectrum.Sym{N: len(theta), Data: h})
			for i, v := range vals {
				want := dense[len(dense)-1-i]
				if math.Abs(v-want) > 1e-6*math.Abs(want) || math.Abs(v-want) > 2*res[i]+1e-12 {
					t.Errorf("step %d: λ_%d = %.12g, dense %.12g, residual %.2g", step, i+1, v, want, res[i])
				}
			}
		}
		o.LossGrad(g, theta)
		for i := range theta {
			theta[i] -= 0.5 * g[i]
		}
	}
	t.Logf("%d products over 7 computations", products)
}

// Truth: Dinh et al. (2017), §4: for ReLU, f(D_α θ) = f(θ) — bit for bit
// when α is a power of two, whose products are exact — and hence
// H(D_α θ) = D_α⁻¹ H(θ) D_α⁻¹, checked as hvp(D_α θ, v) = D_α⁻¹ hvp(θ, D_α⁻¹ v).
func TestRescalingKeepsTheFunctionAndTransformsTheHessianByCongruence(t *testing.T) {
	_, o, theta := smallNet("activation=relu")
	a := o.Arch
	n := len(theta)
	out0 := make([]float64, o.Count()*2)
	o.OutputsTo(out0, theta)
	for _, alpha := range []float64{0.25, 2, 8, 3} {
		th := make([]float64, n)
		RescaleTo(th, a, theta, alpha)
		out := make([]float64, len(out0))
		o.OutputsTo(out, th)
		for i := range out {
			exact := alpha == 0.25 || alpha == 2 || alpha == 8
			if (exact && out[i] != out0[i]) || math.Abs(out[i]-out0[i]) > 1e-12 {
				t.Fatalf("α = %g: output %d changed from %.17g to %.17g", alpha, i, out0[i], out[i])
			}
		}
		// d = diagonal of D_α: 1 everywhere except layer 1 (α) and W₂ (1/α).
		d := make([]float64, n)
		for i := range d {
			d[i] = 1
		}
		RescaleTo(d, a, d, alpha)
		v := make([]float64, n)
		rng.UnitSphere(rng.New(7, rng.Probes), v)
		lhs, rhs, dv := make([]float64, n), make([]float64, n), make([]float64, n)
		nn.NewCurvature(o, th, nn.Hessian).MulVecTo(lhs, v)
		for i := range v {
			dv[i] = v[i] / d[i]
		}
		nn.NewCurvature(o, theta, nn.Hessian).MulVecTo(rhs, dv)
		var diff, ref float64
		for i := range rhs {
			rhs[i] /= d[i]
			diff += (lhs[i] - rhs[i]) * (lhs[i] - rhs[i])
			ref += rhs[i] * rhs[i]
		}
		if rel := math.Sqrt(diff / ref); rel > 1e-12 {
			t.Errorf("α = %g: ‖H(Dθ)v − D⁻¹H(θ)D⁻¹v‖ relative %.3g, want < 1e-12", alpha, rel)
		}
	}
}

// Truth: SAM's definition (Foret et al. 2021, eq. 2–3): one step from θ is
// θ − η∇L(θ + ρ∇L(θ)/‖∇L(θ)‖), recomputed here from the objective's
// gradients; with chunks (m-sharpness, §4.1) each chunk's ascent uses its
// own gradient and the perturbed chunk gradients are averaged with weights
// n_c/n.
func TestSAMStepsFollowTheirDefinition(t *testing.T) {
	for _, q := range []string{"optimizer=sam&rho=0.05", "optimizer=usam&rho=0.05", "optimizer=sam&rho=0.1&chunk=16"} {
		s, o, theta := smallNet(q)
		eta := 0.1
		st := newStepper(s, eta, o.Data, append([]float64(nil), theta...))
		st.step(0)
		n := len(theta)
		want := append([]float64(nil), theta...)
		m := s.Chunk
		if m == 0 {
			m = o.Data.N
		}
		for lo := 0; lo < o.Data.N; lo += m {
			var idx []int
			for i := lo; i < min(lo+m, o.Data.N); i++ {
				idx = append(idx, i)
			}
			part := &nn.Objective{Arch: o.Arch, Data: o.Data, Idx: idx} // the chunk's mean loss
			g := make([]float64, n)
			part.LossGrad(g, theta)
			scale := s.Rho
			if s.Optimizer == "sam" {
				scale /= norm(g)
			}
			p := make([]float64, n)
			for i := range p {
				p[i] = theta[i] + scale*g[i]
			}
			part.LossGrad(g, p)
			w := float64(len(idx)) / float64(o.Data.N)
			for i := range want {
				want[i] -= eta * w * g[i]
			}
		}
		for i := range want {
			if math.Abs(st.theta[i]-want[i]) > 1e-12 {
				t.Fatalf("%s: θ₁[%d] = %.15g, the definition gives %.15g", q, i, st.theta[i], want[i])
			}
		}
	}
}
