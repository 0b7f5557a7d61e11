package nn

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/rng"
	"gonum.org/v1/gonum/mat"
)

func TestAffineSquaredLossHessianEqualsTheClosedForm(t *testing.T) {
	// Truth: for f = s(Wx + b) and L = (1/2n) Σ‖f − y‖², the Hessian is
	// s²·(1/n)Σ [x;1][x;1]ᵀ on each output row's (W[o], b[o]) block, and zero
	// between different outputs.
	const d, c, n, s = 3, 2, 8, 0.5
	set := randomSet(rng.New(5, rng.Data), n, d, 0, c)
	arch := Arch{Sizes: []int{d, c}, Loss: Squared, OutScale: s}
	o := &Objective{Arch: &arch, Data: &set}
	h := denseSym(t, NewCurvature(o, params(&arch, 6), Hessian))
	idxW := func(out, in int) int { return out*d + in }
	idxB := func(out int) int { return c*d + out }
	feat := func(i, k int) float64 { // [x_i; 1]
		if k == d {
			return 1
		}
		return set.X[i*d+k]
	}
	idx := func(out, k int) int {
		if k == d {
			return idxB(out)
		}
		return idxW(out, k)
	}
	for o1 := 0; o1 < c; o1++ {
		for k1 := 0; k1 <= d; k1++ {
			for o2 := 0; o2 < c; o2++ {
				for k2 := 0; k2 <= d; k2++ {
					var want float64
					if o1 == o2 {
						for i := 0; i < n; i++ {
							want += feat(i, k1) * feat(i, k2)
						}
						want *= s * s / n
					}
					if got := h.At(idx(o1, k1), idx(o2, k2)); math.Abs(got-want) > 1e-14 {
						t.Fatalf("H[(%d,%d),(%d,%d)] = %v, want %v", o1, k1, o2, k2, got, want)
					}
				}
			}
		}
	}
}

func TestGaussNewtonIsPSDAndEqualsHessianForAnAffineModel(t *testing.T) {
	for _, tc := range derivativeCases() {
		t.Run(tc.name+" Gauss-Newton is positive semi-definite", func(t *testing.T) {
			o := &Objective{Arch: &tc.arch, Data: &tc.set}
			g := denseSym(t, NewCurvature(o, params(&tc.arch, 7), GaussNewton))
			// Truth: dense eigendecomposition; Jᵀ H_f J with H_f ⪰ 0 is PSD.
			var eig mat.EigenSym
			if !eig.Factorize(g, false) {
				t.Fatal("EigenSym failed")
			}
			vals := eig.Values(nil)
			top := vals[len(vals)-1]
			if vals[0] < -1e-12*top {
				t.Errorf("smallest Gauss-Newton eigenvalue %.3g < 0 (largest %.3g)", vals[0], top)
			}
		})
	}
	// Truth: an affine model has no curvature of its own, so H = Jᵀ H_f J.
	set := randomSet(rng.New(8, rng.Data), 10, 4, 3, 0)
	arch := Arch{Sizes: []int{4, 3}, Loss: CrossEntropy}
	o := &Objective{Arch: &arch, Data: &set}
	theta := params(&arch, 9)
	h := denseSym(t, NewCurvature(o, theta, Hessian))
	g := denseSym(t, NewCurvature(o, theta, GaussNewton))
	var diff mat.Dense
	diff.Sub(h, g)
	if e := mat.Norm(&diff, 2) / mat.Norm(h, 2); e > 1e-14 {
		t.Errorf("affine model: ‖H − G‖/‖H‖ = %.3g, want ≈ 0", e)
	}
}

func TestShardedLossGradientAndProductsAddUpToTheFullBatch(t *testing.T) {
	// Truth: L is a scaled sum over samples, so disjoint shards with the full
	// set's scale add up to the full value (up to rounding of the sum order).
	const tol = 1e-13
	for _, tc := range derivativeCases() {
		t.Run(tc.name, func(t *testing.T) {
			full := &Objective{Arch: &tc.arch, Data: &tc.set}
			theta := params(&tc.arch, 10)
			n := len(theta)
			scale := 1 / float64(tc.set.N)
			shards := [][]int{{0}, {1}, {2}} // uneven, interleaved, all non-empty
			for i := 3; i < tc.set.N; i++ {
				shards[(i/2)%3] = append(shards[(i/2)%3], i)
			}
			v := randomVec(n, 11)
			gFull, hvFull := make([]float64, n), make([]float64, n)
			lFull := full.LossGrad(gFull, theta)
			NewCurvature(full, theta, Hessian).MulVecTo(hvFull, v)

			gSum, hvSum, g, hv := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
			var lSum float64
			for _, idx := range shards {
				o := &Objective{Arch: &tc.arch, Data: &tc.set, Idx: idx, Scale: scale}
				lSum += o.LossGrad(g, theta)
				NewCurvature(o, theta, Hessian).MulVecTo(hv, v)
				for i := range g {
					gSum[i] += g[i]
					hvSum[i] += hv[i]
				}
			}
			if math.Abs(lSum-lFull) > tol*math.Abs(lFull) {
				t.Errorf("loss: shards sum to %v, full batch %v", lSum, lFull)
			}
			if e := relErr(gSum, gFull); e > tol {
				t.Errorf("gradient: shards vs full batch relative error %.3g", e)
			}
			if e := relErr(hvSum, hvFull); e > tol {
				t.Errorf("Hv: shards vs full batch relative error %.3g", e)
			}
		})
	}
}

func TestResultsAreTheSameBitsWithEveryKernel(t *testing.T) {
	// Truth: package kernel's summation-order contract; this is what makes
	// native and js/wasm runs agree exactly.
	defer kernel.Use(kernel.Current())
	set := randomSet(rng.New(12, rng.Data), 50, 9, 4, 0)
	arch := Arch{Sizes: []int{9, 17, 13, 4}, Act: Tanh, Loss: CrossEntropy}
	o := &Objective{Arch: &arch, Data: &set}
	theta := params(&arch, 13)
	v := randomVec(len(theta), 14)
	var ref []float64
	for _, impl := range []kernel.Impl{kernel.PureGo, kernel.Gonum, kernel.AVX2} {
		if !kernel.Available(impl) {
			continue
		}
		kernel.Use(impl)
		g, hv := make([]float64, len(theta)), make([]float64, len(theta))
		l := o.LossGrad(g, theta)
		NewCurvature(o, theta, Hessian).MulVecTo(hv, v)
		out := append(append([]float64{l}, g...), hv...)
		if ref == nil {
			ref = out
			continue
		}
		for i := range out {
			if math.Float64bits(out[i]) != math.Float64bits(ref[i]) {
				t.Fatalf("%v: element %d = %v, pure Go gave %v", impl, i, out[i], ref[i])
			}
		}
	}
}

func TestLossMatchesAPlainPerSampleImplementation(t *testing.T) {
	// Truth: the definition of the network and the losses, evaluated sample
	// by sample with scalar loops and the standard library's math.
	for _, tc := range derivativeCases() {
		t.Run(tc.name, func(t *testing.T) {
			theta := params(&tc.arch, 15)
			o := &Objective{Arch: &tc.arch, Data: &tc.set}
			got := o.Loss(theta)
			want := plainLoss(&tc.arch, &tc.set, theta)
			if math.Abs(got-want) > 1e-13*math.Abs(want) {
				t.Errorf("loss %v, plain implementation %v", got, want)
			}
		})
	}
}

func plainLoss(a *Arch, set *data.Set, theta []float64) float64 {
	var total float64
	for i := 0; i < set.N; i++ {
		x := plainForward(a, set.Row(i), theta)
		if a.Loss == CrossEntropy {
			var se float64
			for _, v := range x {
				se += math.Exp(v)
			}
			total += math.Log(se) - x[set.Labels[i]]
		} else {
			for j, v := range x {
				y := plainTarget(set, i, j)
				total += 0.5 * (v - y) * (v - y)
			}
		}
	}
	return total / float64(set.N)
}

// plainForward returns the network output f(x; θ) = s·z_L, computed one
// scalar at a time from the formula in the package documentation.
func plainForward(a *Arch, in, theta []float64) []float64 {
	x := append([]float64(nil), in...)
	for l := 1; l <= a.Layers(); l++ {
		w, b := a.Layer(theta, l)
		in, out := a.Sizes[l-1], a.Sizes[l]
		z := make([]float64, out)
		for o := 0; o < out; o++ {
			if b != nil {
				z[o] = b[o]
			}
			for k := 0; k < in; k++ {
				z[o] += w[o*in+k] * x[k]
			}
			if l < a.Layers() {
				z[o] = plainAct(a.Act, z[o])
			} else {
				z[o] *= a.Scale()
			}
		}
		x = z
	}
	return x
}

// plainTarget returns the squared loss's target y_j of sample i: the
// regression target, or the one-hot label.
func plainTarget(set *data.Set, i, j int) float64 {
	if set.Targets != nil {
		return set.Targets[i*set.Out+j]
	}
	if set.Labels[i] == j {
		return 1
	}
	return 0
}

func plainAct(act Activation, x float64) float64 {
	switch act {
	case Tanh:
		return math.Tanh(x)
	case ReLU:
		return math.Max(x, 0)
	case Sigmoid:
		return 1 / (1 + math.Exp(-x))
	}
	return x
}

func TestEvaluateGradAgreesWithEvaluateAndLossGrad(t *testing.T) {
	// Truth: the separate single-purpose calls on the same θ.
	set := randomSet(rng.New(16, rng.Data), 30, 4, 3, 0)
	arch := Arch{Sizes: []int{4, 6, 3}, Act: Tanh, Loss: CrossEntropy}
	o := &Objective{Arch: &arch, Data: &set}
	theta := params(&arch, 17)
	g1, g2 := make([]float64, len(theta)), make([]float64, len(theta))
	loss, acc := o.EvaluateGrad(g1, theta)
	wantLoss, wantAcc := o.Evaluate(theta)
	o.LossGrad(g2, theta)
	if loss != wantLoss || acc != wantAcc || relErr(g1, g2) != 0 {
		t.Errorf("EvaluateGrad = (%v, %v), Evaluate = (%v, %v), gradients differ by %v", loss, acc, wantLoss, wantAcc, relErr(g1, g2))
	}
}

// denseSym returns DenseCurvature(c) as a gonum matrix, for mat's
// independent eigensolver and norms.
func denseSym(t *testing.T, c *Curvature) *mat.SymDense {
	t.Helper()
	h, _, err := DenseCurvature(c)
	if err != nil {
		t.Fatal(err)
	}
	return mat.NewSymDense(c.Dim(), h)
}
