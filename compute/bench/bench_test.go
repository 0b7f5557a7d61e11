package bench

import (
	"github.com/overparam/overparam/compute/experiment"
	"testing"

	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/spectrum"
)

// Run every benchmark, natively and in js/wasm under node, with
//
//	go test -run '^$' -bench . -benchtime 1s ./compute/bench ./compute/kernel
//	GOOS=js GOARCH=wasm PATH="$PATH:$(go env GOROOT)/lib/wasm" go test -run '^$' -bench . -benchtime 1s ./compute/bench ./compute/kernel
//
// Sub-benchmarks are named <workload>/<kernel>; js/wasm has only purego.
// BENCHMARKS.md at the repository root records the results.

// BenchmarkGradient times the full-batch loss and gradient, Objective.LossGrad.
func BenchmarkGradient(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		grad := make([]float64, len(theta))
		obj.LossGrad(grad, theta) // allocate the pass buffers outside the timer
		for b.Loop() {
			obj.LossGrad(grad, theta)
		}
		reportFlops(b, gradientFlops(obj))
	})
}

// BenchmarkHVP times a warm Hessian-vector product: MulVecTo on a Curvature
// whose pass at θ is already cached, the unit of every Lanczos step.
func BenchmarkHVP(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		benchmarkProduct(b, nn.NewCurvature(obj, theta, nn.Hessian), hessianFlops(obj))
	})
}

// BenchmarkHVPBlocked times the product a spectrum probe computes: the warm
// Hessian-vector products of the spec's fixed sample blocks
// (experiment.SampleBlocks, experiment.ShardRange), added in ascending block
// order as compute/experiment/spectrum_shard.go documents, on one worker.
// Against BenchmarkHVP it shows what the fixed reduction order costs.
func BenchmarkHVPBlocked(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		n := obj.Count()
		blocks := experiment.SampleBlocks(n)
		cs := make([]*nn.Curvature, blocks)
		for k := range cs {
			lo, hi := experiment.ShardRange(n, blocks, k)
			idx := make([]int, 0, hi-lo)
			for i := lo; i < hi; i++ {
				idx = append(idx, i)
			}
			cs[k] = nn.NewCurvature(&nn.Objective{Arch: obj.Arch, Data: obj.Data, Idx: idx, Scale: 1 / float64(n)}, theta, nn.Hessian)
		}
		v := spectrum.ProbeVector(len(theta), 1, 0, spectrum.Gaussian)
		hv, tmp := make([]float64, len(theta)), make([]float64, len(theta))
		for b.Loop() {
			cs[0].MulVecTo(hv, v)
			for _, c := range cs[1:] {
				c.MulVecTo(tmp, v)
				for i, x := range tmp {
					hv[i] += x
				}
			}
		}
		reportFlops(b, hessianFlops(obj))
	})
}

// BenchmarkGaussNewton times a warm Gauss-Newton product Jᵀ H_f J v.
func BenchmarkGaussNewton(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		benchmarkProduct(b, nn.NewCurvature(obj, theta, nn.GaussNewton), gaussNewtonFlops(obj))
	})
}

// benchmarkProduct times c.MulVecTo on a fixed Gaussian unit vector.
func benchmarkProduct(b *testing.B, c *nn.Curvature, flops float64) {
	v := spectrum.ProbeVector(c.Dim(), 1, 0, spectrum.Gaussian)
	hv := make([]float64, c.Dim())
	timed(b, func() { c.MulVecTo(hv, v) })
	reportFlops(b, flops)
}

// BenchmarkHVPCold times a Hessian-vector product from scratch: NewCurvature
// (a forward and backward pass at θ, cached, and the buffers allocated) and
// one MulVecTo, the cost of a single product at a new θ.
func BenchmarkHVPCold(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		v := spectrum.ProbeVector(len(theta), 1, 0, spectrum.Gaussian)
		hv := make([]float64, len(theta))
		timed(b, func() { nn.NewCurvature(obj, theta, nn.Hessian).MulVecTo(hv, v) })
		reportFlops(b, gradientFlops(obj)+hessianFlops(obj))
	})
}

// Lanczos steps timed by BenchmarkLanczosStep: 0-based steps stepFrom …
// stepTo−1 of an 80-step run, around the middle.
const (
	lanczosSteps = 80
	stepFrom     = 36
	stepTo       = 44
)

// BenchmarkLanczosStep times one step of an 80-step Lanczos run on the
// Hessian with full reorthogonalization, around step 40: a warm
// Hessian-vector product of the current basis vector and Lanczos.Step
// (the recurrence and two Gram–Schmidt passes against about 40 vectors).
//
// Building the basis up to step 36 with real products would cost 36 products
// per timed window, so outside the timer the basis is built with a cheap
// diagonal operator instead; the arithmetic of a step does not depend on
// which operator built the basis. Steps 37–44 are then timed with the
// Hessian, and the run is rewound.
func BenchmarkLanczosStep(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		c := nn.NewCurvature(obj, theta, nn.Hessian)
		n := c.Dim()
		start := spectrum.ProbeVector(n, 1, 0, spectrum.Rademacher)
		l, err := spectrum.NewLanczos(n, spectrum.LanczosSettings{Steps: lanczosSteps, Start: start})
		if err != nil {
			b.Fatal(err)
		}
		ramp, aq := spread(n), make([]float64, n)
		rewind := func() {
			if err := l.Reset(start); err != nil {
				b.Fatal(err)
			}
			for l.Iter() < stepFrom && !l.Done() {
				ramp.MulVecTo(aq, l.Vector())
				l.Step(aq)
			}
			if l.Done() {
				b.Fatalf("Lanczos stopped at step %d of the diagonal ramp: %v", l.Iter(), l.Err())
			}
		}
		rewind()
		for b.Loop() {
			if l.Iter() == stepTo || l.Done() {
				b.StopTimer()
				rewind()
				b.StartTimer()
			}
			c.MulVecTo(aq, l.Vector())
			l.Step(aq)
		}
		// The mean 0-based step of the window is (stepFrom + stepTo − 1)/2.
		reportFlops(b, hessianFlops(obj)+reorthFlops(float64(stepFrom+stepTo-1)/2, n))
	})
}

// BenchmarkSLQ80 times one SLQ probe as the spectrum page runs it: an 80-step
// Lanczos run with full reorthogonalization on a warm Hessian and its Gauss
// quadrature, through EstimateDensity with one probe. It reports the seconds
// per probe, the steps actually taken (fewer than 80 only if the Krylov space
// became invariant) and the mean time per step.
func BenchmarkSLQ80(b *testing.B) {
	forEach(b, func(b *testing.B, obj *nn.Objective, theta []float64) {
		c := nn.NewCurvature(obj, theta, nn.Hessian)
		s := spectrum.DensitySettings{Steps: lanczosSteps, Probes: 1, Seed: 1}
		var d spectrum.Density
		for b.Loop() {
			var err error
			if d, err = spectrum.EstimateDensity(c, s, nil); err != nil {
				b.Fatal(err)
			}
		}
		perProbe := b.Elapsed().Seconds() / float64(b.N)
		b.ReportMetric(perProbe, "s/probe")
		b.ReportMetric(float64(d.Stats.Steps), "steps/probe")
		b.ReportMetric(1e3*perProbe/float64(d.Stats.Steps), "ms/step")
	})
}
