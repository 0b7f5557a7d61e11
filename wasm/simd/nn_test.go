//go:build js && wasm

package simd

import (
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/overparam/overparam/compute/bench"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/spectrum"
)

// digits is the MNIST asset that workload W2 trains on (node's file system
// reaches the repository).
var digits = func() []byte {
	b, err := os.ReadFile("../../web/data/digits.bin.gz")
	if err != nil {
		panic("simd tests: " + err.Error())
	}
	return b
}()

// relTol is the agreement reported for SIMD and pure-Go gradients and
// curvature products, relative to the largest magnitude: a few ulps of
// reordering over sums of O(100) terms (n·ε ≈ 2e-14). The contract gives
// bit-identical results, which assertClose checks first; relTol only
// decides how a difference is reported.
const relTol = 1e-12

// assertClose fails if got and want differ in any bit (±0 aside), saying
// whether the difference is within relTol.
func assertClose(t *testing.T, name string, got, want []float64) {
	t.Helper()
	var scale, worst float64
	differ := 0
	for i := range want {
		scale = max(scale, math.Abs(want[i]))
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] == 0 && want[i] == 0) {
			differ++
			worst = max(worst, math.Abs(got[i]-want[i]))
		}
	}
	if differ > 0 {
		t.Errorf("%s: %d of %d elements differ from pure Go, by up to %.3g relative (tolerance %g; the contract asks for equal bits)",
			name, differ, len(want), worst/scale, relTol)
	}
}

// withKernel runs f with impl selected and returns its results.
func withKernel[T any](impl kernel.Impl, f func() T) T {
	defer kernel.Use(kernel.Use(impl))
	return f()
}

// passResults is what one kernel computes on a workload: the loss and
// gradient, a Hessian and a Gauss-Newton product (each cold, from
// NewCurvature), and a second, warm Hessian product of another vector.
type passResults struct {
	loss                  float64
	grad, hv, gv, hvWarm2 []float64
}

func computePass(name string) passResults {
	obj, theta := bench.Workload(name, digits)
	d := len(theta)
	var r passResults
	r.grad = make([]float64, d)
	r.loss = obj.LossGrad(r.grad, theta)
	v := spectrum.ProbeVector(d, 1, 0, spectrum.Gaussian)
	h := nn.NewCurvature(obj, theta, nn.Hessian)
	r.hv = make([]float64, d)
	h.MulVecTo(r.hv, v)
	r.hvWarm2 = make([]float64, d)
	h.MulVecTo(r.hvWarm2, spectrum.ProbeVector(d, 1, 1, spectrum.Rademacher))
	r.gv = make([]float64, d)
	nn.NewCurvature(obj, theta, nn.GaussNewton).MulVecTo(r.gv, v)
	return r
}

func TestWorkloadsGiveTheSameGradientsAndCurvatureProductsAsPureGo(t *testing.T) {
	// Truth: the pure-Go kernel, whose results compute/nn checks against
	// finite differences and the parity tests against native gonum runs.
	for _, name := range bench.Names() {
		before := calls
		want := withKernel(kernel.PureGo, func() passResults { return computePass(name) })
		got := withKernel(kernel.SIMD, func() passResults { return computePass(name) })
		if name != "W0" && calls == before { // W0's products are all below MinWork
			t.Fatalf("%s: no product reached the module", name)
		}
		if math.Float64bits(got.loss) != math.Float64bits(want.loss) {
			t.Errorf("%s: loss %v, want %v", name, got.loss, want.loss)
		}
		assertClose(t, name+" gradient", got.grad, want.grad)
		assertClose(t, name+" Hessian product", got.hv, want.hv)
		assertClose(t, name+" second (warm) Hessian product", got.hvWarm2, want.hvWarm2)
		assertClose(t, name+" Gauss-Newton product", got.gv, want.gv)
	}
}

func TestSpectralDensityIsTheSameAsPureGo(t *testing.T) {
	// A short SLQ run on W1's Hessian: 20 Lanczos steps, 2 probes. Lanczos
	// amplifies any difference in the products, so equal bits here mean
	// equal products all along.
	run := func() spectrum.Density {
		obj, theta := bench.Workload("W1", digits)
		c := nn.NewCurvature(obj, theta, nn.Hessian)
		d, err := spectrum.EstimateDensity(c, spectrum.DensitySettings{Steps: 20, Probes: 2, Grid: 64, Seed: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	want := withKernel(kernel.PureGo, run)
	got := withKernel(kernel.SIMD, run)
	for _, part := range []struct {
		name      string
		got, want []float64
	}{
		{"nodes", got.Nodes, want.Nodes},
		{"weights", got.Weights, want.Weights},
		{"grid", got.Grid, want.Grid},
		{"values", got.Values, want.Values},
	} {
		if len(part.got) != len(part.want) {
			t.Fatalf("W1 SLQ %s: %d values, want %d", part.name, len(part.got), len(part.want))
		}
		assertClose(t, fmt.Sprintf("W1 SLQ %s", part.name), part.got, part.want)
	}
}
