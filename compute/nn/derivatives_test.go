package nn

import (
	"math"
	"testing"
)

// Tolerances of the finite-difference checks. A central difference with step
// h has truncation error O(h²·|f‴|) and rounding error O(ε_mach·|f|/h); with
// h = 1e-5 both are near 1e-10 relative for these O(1) problems, so 1e-6
// leaves a wide margin yet catches any wrong term (those are O(1) errors).
const (
	fdStep    = 1e-5
	fdRelTol  = 1e-6
	symRelTol = 1e-12
)

func TestGradientMatchesCentralDifferencesOfTheLoss(t *testing.T) {
	for _, tc := range derivativeCases() {
		t.Run(tc.name, func(t *testing.T) {
			o := &Objective{Arch: &tc.arch, Data: &tc.set}
			if err := o.Check(); err != nil {
				t.Fatal(err)
			}
			theta := params(&tc.arch, 1)
			grad := make([]float64, len(theta))
			o.LossGrad(grad, theta)
			fd := make([]float64, len(theta))
			for i := range theta {
				x := theta[i]
				theta[i] = x + fdStep
				lp := o.Loss(theta)
				theta[i] = x - fdStep
				lm := o.Loss(theta)
				theta[i] = x
				fd[i] = (lp - lm) / (2 * fdStep)
			}
			if e := relErr(grad, fd); e > fdRelTol {
				t.Errorf("gradient vs central differences: relative error %.3g > %g", e, fdRelTol)
			}
		})
	}
}

func TestHessianVectorProductMatchesDifferencesOfTheGradient(t *testing.T) {
	for _, tc := range derivativeCases() {
		t.Run(tc.name, func(t *testing.T) {
			o := &Objective{Arch: &tc.arch, Data: &tc.set}
			theta := params(&tc.arch, 2)
			n := len(theta)
			v := randomVec(n, 3)
			hv := make([]float64, n)
			NewCurvature(o, theta, Hessian).MulVecTo(hv, v)

			// Truth: (∇L(θ + hv) − ∇L(θ − hv)) / 2h.
			gp, gm, tp := make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range theta {
				tp[i] = theta[i] + fdStep*v[i]
			}
			o.LossGrad(gp, tp)
			for i := range theta {
				tp[i] = theta[i] - fdStep*v[i]
			}
			o.LossGrad(gm, tp)
			fd := make([]float64, n)
			for i := range fd {
				fd[i] = (gp[i] - gm[i]) / (2 * fdStep)
			}
			if e := relErr(hv, fd); e > fdRelTol {
				t.Errorf("Hv vs central differences of ∇L: relative error %.3g > %g", e, fdRelTol)
			}
		})
	}
}

func TestDenseHessianMatchesFiniteDifferenceHessianAndIsSymmetric(t *testing.T) {
	for _, tc := range derivativeCases() {
		t.Run(tc.name, func(t *testing.T) {
			o := &Objective{Arch: &tc.arch, Data: &tc.set}
			theta := params(&tc.arch, 4)
			n := len(theta)
			h, asym, err := DenseCurvature(NewCurvature(o, theta, Hessian))
			if err != nil {
				t.Fatal(err)
			}
			// Truth: column j of the Hessian is the central difference of the
			// (finite-difference-checked) gradient along e_j.
			gp, gm := make([]float64, n), make([]float64, n)
			var num, den, scale float64
			for j := 0; j < n; j++ {
				x := theta[j]
				theta[j] = x + fdStep
				o.LossGrad(gp, theta)
				theta[j] = x - fdStep
				o.LossGrad(gm, theta)
				theta[j] = x
				for i := 0; i < n; i++ {
					fd := (gp[i] - gm[i]) / (2 * fdStep)
					d := h[i*n+j] - fd
					num += d * d
					den += fd * fd
					scale = math.Max(scale, math.Abs(fd))
				}
			}
			if e := math.Sqrt(num / den); e > fdRelTol {
				t.Errorf("dense Hessian vs finite differences: relative Frobenius error %.3g > %g", e, fdRelTol)
			}
			if asym > symRelTol*scale {
				t.Errorf("Hessian asymmetry max|Hij − Hji| = %.3g, want ≤ %.3g", asym, symRelTol*scale)
			}
			// Truth: the documented layout, both triangles of (H + Hᵀ)/2.
			if len(h) != n*n {
				t.Fatalf("len(h) = %d, want n² = %d", len(h), n*n)
			}
			for i := range n {
				for j := range i {
					if h[i*n+j] != h[j*n+i] {
						t.Fatalf("h[%d,%d] = %v but h[%d,%d] = %v, want equal", i, j, h[i*n+j], j, i, h[j*n+i])
					}
				}
			}
		})
	}
}
