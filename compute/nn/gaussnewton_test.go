package nn

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/rng"
)

// Tolerance of the finite-difference Gauss-Newton check. Each Jacobian
// entry is a central difference of an O(1) output with step h = gnStep: its
// truncation error is h²|f‴|/6 ≈ 2e-11 and its rounding error ε|f|/h ≈
// 2e-11, so J is good to about 4e-11 relative. G = Jᵀ H_f J is bilinear in J
// (H_f is exact), so its relative error is about twice that, ≈ 1e-10; the
// tolerance allows 100× that for larger third derivatives and for the
// cancellation in H_f = diag(p) − ppᵀ, while a wrong or missing term of G is
// an O(1) error.
const (
	gnStep   = 1e-5
	gnRelTol = 1e-8
)

// fdJacobian returns the c×P Jacobian ∂f(x; θ)/∂θ of the network output at
// one input by central differences of plainForward, column by column.
func fdJacobian(a *Arch, x, theta []float64) []float64 {
	c, n := a.Sizes[len(a.Sizes)-1], len(theta)
	jac := make([]float64, c*n)
	th := append([]float64(nil), theta...)
	for k := range n {
		th[k] = theta[k] + gnStep
		fp := plainForward(a, x, th)
		th[k] = theta[k] - gnStep
		fm := plainForward(a, x, th)
		th[k] = theta[k]
		for j := range c {
			jac[j*n+k] = (fp[j] - fm[j]) / (2 * gnStep)
		}
	}
	return jac
}

// outputHessian returns H_f = ∂²ℓ/∂f², written from the loss's closed form:
// for ℓ = log Σ e^{f_j} − f_y it is diag(p) − ppᵀ with p = softmax(f); for
// ℓ = ½‖f − y‖² it is the identity.
func outputHessian(loss Loss, f []float64) []float64 {
	c := len(f)
	h := make([]float64, c*c)
	if loss == Squared {
		for j := range c {
			h[j*c+j] = 1
		}
		return h
	}
	top := math.Inf(-1)
	for _, v := range f {
		top = math.Max(top, v)
	}
	p := make([]float64, c)
	var sum float64
	for j, v := range f {
		p[j] = math.Exp(v - top)
		sum += p[j]
	}
	for j := range p {
		p[j] /= sum
	}
	for j := range c {
		for k := range c {
			h[j*c+k] = -p[j] * p[k]
		}
		h[j*c+j] += p[j]
	}
	return h
}

// fdGaussNewton returns the dense P×P matrix (1/n) Σᵢ Jᵢᵀ H_f(fᵢ) Jᵢ, the
// Gauss-Newton matrix of the mean loss, from finite-difference Jacobians.
func fdGaussNewton(a *Arch, set *data.Set, theta []float64) []float64 {
	c, n := a.Sizes[len(a.Sizes)-1], len(theta)
	g := make([]float64, n*n)
	for i := range set.N {
		x := set.Row(i)
		jac := fdJacobian(a, x, theta)
		hf := outputHessian(a.Loss, plainForward(a, x, theta))
		hj := make([]float64, c*n) // H_f J
		for j := range c {
			for k := range n {
				var s float64
				for l := range c {
					s += hf[j*c+l] * jac[l*n+k]
				}
				hj[j*n+k] = s
			}
		}
		for r := range n {
			for k := range n {
				var s float64
				for j := range c {
					s += jac[j*n+r] * hj[j*n+k]
				}
				g[r*n+k] += s / float64(set.N)
			}
		}
	}
	return g
}

func TestGaussNewtonEqualsJacobianTransposeOutputHessianJacobian(t *testing.T) {
	// Holds README.md, "Numbers you can trust", Derivatives: Jᵀ H_f J "to
	// 1e-8 relative; about 1e-10 achieved" (gnRelTol; the log shows 1e-11–1e-10).
	// Truth: the definition G = (1/n) Σᵢ Jᵢᵀ H_f Jᵢ (Schraudolph 2002, the
	// generalised Gauss-Newton matrix), built independently of nn's
	// R-operator: Jᵢ by central differences of a scalar-by-scalar forward
	// pass, H_f from the closed form of the loss, on networks with two hidden
	// layers. nn's matrix is DenseCurvature of its GaussNewton products.
	r := rng.New(21, rng.Data)
	cases := []struct {
		name string
		arch Arch
		set  data.Set
	}{
		{"tanh/ce", Arch{Sizes: []int{3, 5, 4, 3}, Act: Tanh, Loss: CrossEntropy}, randomSet(r, 6, 3, 3, 0)},
		{"sigmoid/ce", Arch{Sizes: []int{3, 4, 5, 4}, Act: Sigmoid, Loss: CrossEntropy}, randomSet(r, 5, 3, 4, 0)},
		{"relu/ce", Arch{Sizes: []int{2, 6, 4, 3}, Act: ReLU, Loss: CrossEntropy}, randomSet(r, 6, 2, 3, 0)},
		{"tanh/mse", Arch{Sizes: []int{3, 5, 4, 2}, Act: Tanh, Loss: Squared}, randomSet(r, 6, 3, 0, 2)},
		{"tanh/ce/output-scale", Arch{Sizes: []int{3, 5, 4, 3}, Act: Tanh, Loss: CrossEntropy, OutScale: 0.5}, randomSet(r, 6, 3, 3, 0)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := &Objective{Arch: &tc.arch, Data: &tc.set}
			if err := o.Check(); err != nil {
				t.Fatal(err)
			}
			theta := params(&tc.arch, 22)
			got, _, err := DenseCurvature(NewCurvature(o, theta, GaussNewton))
			if err != nil {
				t.Fatal(err)
			}
			want := fdGaussNewton(&tc.arch, &tc.set, theta)
			if e := relErr(got, want); e > gnRelTol {
				t.Errorf("%d parameters: ‖G_nn − Jᵀ H_f J‖/‖Jᵀ H_f J‖ = %.3g > %g", len(theta), e, gnRelTol)
			} else {
				t.Logf("%d parameters: relative Frobenius error %.3g", len(theta), e)
			}
			// The products themselves, not only the dense assembly.
			v := randomVec(len(theta), 23)
			gv, wv := make([]float64, len(theta)), make([]float64, len(theta))
			NewCurvature(o, theta, GaussNewton).MulVecTo(gv, v)
			for i := range wv {
				for k, vk := range v {
					wv[i] += want[i*len(theta)+k] * vk
				}
			}
			if e := relErr(gv, wv); e > gnRelTol {
				t.Errorf("G·v: relative error %.3g > %g", e, gnRelTol)
			}
		})
	}
}

// The output Hessian closed form is itself checked against second central
// differences of the loss in its outputs, so the reference above stands on
// finite differences alone.
func TestOutputHessianMatchesSecondDifferencesOfTheLoss(t *testing.T) {
	// Truth: ∂²ℓ/∂f_j∂f_k ≈ [ℓ(f+h e_j+h e_k) − ℓ(f+h e_j−h e_k) −
	// ℓ(f−h e_j+h e_k) + ℓ(f−h e_j−h e_k)]/4h², with error O(h²) + O(ε/h²):
	// at h = 1e-4 about 1e-8 + 2e-8, so 1e-6 absolute on entries ≤ ¼.
	const h, tol = 1e-4, 1e-6
	f := []float64{0.3, -1.2, 2.0, 0.1}
	const label = 2
	ce := func(g []float64) float64 {
		var s float64
		for _, v := range g {
			s += math.Exp(v)
		}
		return math.Log(s) - g[label]
	}
	hf := outputHessian(CrossEntropy, f)
	c := len(f)
	for j := range c {
		for k := range c {
			at := func(sj, sk float64) float64 {
				g := append([]float64(nil), f...)
				g[j] += sj * h
				g[k] += sk * h
				return ce(g)
			}
			fd := (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * h)
			if d := math.Abs(fd - hf[j*c+k]); d > tol {
				t.Errorf("H_f[%d][%d] = %.9g, second differences %.9g", j, k, hf[j*c+k], fd)
			}
		}
	}
}
