package bench

import (
	"os"
	"testing"

	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/nn"
)

// implementations returns the kernels available on this platform: PureGo
// everywhere, Gonum natively, and AVX2 on amd64 CPUs that have it.
func implementations() []kernel.Impl {
	var impls []kernel.Impl
	for _, impl := range []kernel.Impl{kernel.PureGo, kernel.Gonum, kernel.AVX2} {
		if kernel.Available(impl) {
			impls = append(impls, impl)
		}
	}
	return impls
}

// forEach runs f as the sub-benchmarks <workload>/<kernel>, for example
// W1/purego, on a fresh objective and θ of the workload, with that kernel
// selected. It restores the kernel in use before it returns.
func forEach(b *testing.B, f func(b *testing.B, obj *nn.Objective, theta []float64)) {
	defer kernel.Use(kernel.Current())
	for _, name := range Names() {
		for _, impl := range implementations() {
			b.Run(name+"/"+impl.String(), func(b *testing.B) {
				kernel.Use(impl)
				obj, theta := Workload(name, digitsAsset)
				f(b, obj, theta)
			})
		}
	}
}

// reportFlops reports flops, the matrix-product flops of one operation, as
// MFLOP/op, and the rate they ran at as GFLOP/s. Call it after the loop.
func reportFlops(b *testing.B, flops float64) {
	b.ReportMetric(flops/1e6, "MFLOP/op")
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(flops*float64(b.N)/s/1e9, "GFLOP/s")
	}
}

// layerSums returns n, the sample count, P = Σ_l in_l·out_l and P₁ =
// in_1·out_1, the quantities of the flop counts in the package documentation.
func layerSums(obj *nn.Objective) (n, p, p1 float64) {
	s := obj.Arch.Sizes
	for l := 1; l < len(s); l++ {
		p += float64(s[l-1] * s[l])
	}
	return float64(obj.Count()), p, float64(s[0] * s[1])
}

// gradientFlops is 2n(3P − P₁): the forward products, the weight gradients
// and the backpropagated errors of every layer but the first.
func gradientFlops(obj *nn.Objective) float64 {
	n, p, p1 := layerSums(obj)
	return 2 * n * (3*p - p1)
}

// hessianFlops is 2n(6P − 4P₁), the products of one nn.Curvature.MulVecTo of
// kind nn.Hessian.
func hessianFlops(obj *nn.Objective) float64 {
	n, p, p1 := layerSums(obj)
	return 2 * n * (6*p - 4*p1)
}

// gaussNewtonFlops is 2n(4P − 2P₁), the products of one MulVecTo of kind
// nn.GaussNewton.
func gaussNewtonFlops(obj *nn.Objective) float64 {
	n, p, p1 := layerSums(obj)
	return 2 * n * (4*p - 2*p1)
}

// reorthFlops is 8(j+1)·d, the full reorthogonalization of 0-based Lanczos
// step j on d parameters: twice c = Q_jᵀr and r −= Q_j c with j+1 vectors.
func reorthFlops(j float64, d int) float64 {
	return 8 * (j + 1) * float64(d)
}

// diagonal is the operator diag(d). It builds a Lanczos basis cheaply up to
// the step a benchmark times: the cost of a Lanczos step depends on the step
// number and the dimension, not on the operator that built the basis.
type diagonal []float64

func (d diagonal) Dim() int { return len(d) }

func (d diagonal) MulVecTo(dst, x []float64) {
	for i, v := range x {
		dst[i] = d[i] * v
	}
}

// spread returns diag(1, 1 + 1/n, …, 2 − 1/n): n distinct eigenvalues, so a
// Lanczos run on it does not break down early.
func spread(n int) diagonal {
	d := make(diagonal, n)
	for i := range d {
		d[i] = 1 + float64(i)/float64(n)
	}
	return d
}

// digitsAsset is the MNIST asset that workload W2 trains on, read from the
// repository (this path also works under node for js/wasm tests).
var digitsAsset = func() []byte {
	b, err := os.ReadFile("../../web/data/digits.bin.gz")
	if err != nil {
		panic("bench: " + err.Error())
	}
	return b
}()
