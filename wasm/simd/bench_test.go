//go:build js && wasm

package simd

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/overparam/overparam/compute/bench"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/spectrum"
)

// Run the benchmarks under node with
//
//	GOOS=js GOARCH=wasm PATH="$PATH:$(go env GOROOT)/lib/wasm" go test -run '^$' -bench . ./wasm/simd
//
// Sub-benchmarks are named <shape or workload>/<kernel>, kernel purego or
// simd, so benchstat can compare the two.

var impls = []kernel.Impl{kernel.PureGo, kernel.SIMD}

// The layer shapes of workload W1, as in compute/kernel's BenchmarkMulTo.
var benchShapes = []struct {
	name    string
	m, k, n int
}{
	{"W1fwd1_1000x64x128", 1000, 64, 128},
	{"W1fwd2_1000x128x128", 1000, 128, 128},
	{"W1fwd3_1000x128x10", 1000, 128, 10},
	{"W1grad2_128x1000x128", 128, 1000, 128},
}

// BenchmarkMulTo times kernel.MulTo on W1's layer shapes and reports the
// rate at the nominal 2·m·k·n flops.
func BenchmarkMulTo(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	defer kernel.Use(kernel.Current())
	for _, s := range benchShapes {
		for _, impl := range impls {
			b.Run(fmt.Sprintf("%s/%v", s.name, impl), func(b *testing.B) {
				kernel.Use(impl)
				x, y, z := randMat(r, s.m, s.k, 0), randMat(r, s.k, s.n, 0), make([]float64, s.m*s.n)
				for b.Loop() {
					kernel.MulTo(z, x, y, s.m, s.k, s.n)
				}
				b.ReportMetric(2*float64(s.m*s.k*s.n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}

// BenchmarkSmallProducts times C += A·B on small cubes, pure Go against a
// direct call of the module (bypassing MinWork), to place MinWork where a
// call into the module starts to pay.
func BenchmarkSmallProducts(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 2))
	for _, n := range []int{2, 4, 8, 12, 16, 24, 32} {
		x, y, z := randMat(r, n, n, 0), randMat(r, n, n, 0), make([]float64, n*n)
		b.Run(fmt.Sprintf("n=%d/purego", n), func(b *testing.B) {
			for b.Loop() {
				pureMulAdd(z, x, y, n, n, n)
			}
		})
		b.Run(fmt.Sprintf("n=%d/module", n), func(b *testing.B) {
			for b.Loop() {
				mulAdd(z, x, y, n, n, n)
			}
		})
	}
}

// forEach runs f as the sub-benchmarks <workload>/<kernel> on a fresh
// objective and θ, with that kernel selected.
func forEach(b *testing.B, f func(b *testing.B, obj *nn.Objective, theta []float64)) {
	defer kernel.Use(kernel.Current())
	for _, name := range bench.Names() {
		for _, impl := range impls {
			b.Run(name+"/"+impl.String(), func(b *testing.B) {
				kernel.Use(impl)
				obj, theta := bench.Workload(name, digits)
				f(b, obj, theta)
			})
		}
	}
}

// BenchmarkGradient times the full-batch loss and gradient.
func BenchmarkGradient(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		grad := make([]float64, len(theta))
		obj.LossGrad(grad, theta)
		for b.Loop() {
			obj.LossGrad(grad, theta)
		}
	})
}

// BenchmarkHVP times a warm Hessian-vector product, the unit of a Lanczos
// step.
func BenchmarkHVP(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		c := nn.NewCurvature(obj, theta, nn.Hessian)
		v, hv := spectrum.ProbeVector(c.Dim(), 1, 0, spectrum.Gaussian), make([]float64, c.Dim())
		for b.Loop() {
			c.MulVecTo(hv, v)
		}
	})
}

// BenchmarkHVPCold times NewCurvature and one Hessian-vector product.
func BenchmarkHVPCold(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		v, hv := spectrum.ProbeVector(len(theta), 1, 0, spectrum.Gaussian), make([]float64, len(theta))
		for b.Loop() {
			nn.NewCurvature(obj, theta, nn.Hessian).MulVecTo(hv, v)
		}
	})
}

// BenchmarkGaussNewton times a warm Gauss-Newton product.
func BenchmarkGaussNewton(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		c := nn.NewCurvature(obj, theta, nn.GaussNewton)
		v, gv := spectrum.ProbeVector(c.Dim(), 1, 0, spectrum.Gaussian), make([]float64, c.Dim())
		for b.Loop() {
			c.MulVecTo(gv, v)
		}
	})
}

// BenchmarkSLQ80 times one 80-step SLQ probe on a warm Hessian, as the
// spectrum page runs it, and reports the mean time per Lanczos step.
func BenchmarkSLQ80(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		c := nn.NewCurvature(obj, theta, nn.Hessian)
		s := spectrum.DensitySettings{Steps: 80, Probes: 1, Seed: 1}
		var d spectrum.Density
		for b.Loop() {
			var err error
			if d, err = spectrum.EstimateDensity(c, s, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(1e3*b.Elapsed().Seconds()/float64(b.N)/float64(d.Stats.Steps), "ms/step")
	})
}
