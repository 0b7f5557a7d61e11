package run

import (
	"strings"
	"testing"
	"time"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"
	pathsrun "github.com/overparam/overparam/compute/experiment/paths/run"
	"github.com/overparam/overparam/compute/experiment/spectrum"
	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

	"github.com/overparam/overparam/compute/kernel"
)

// measureMulAdds returns the kernel multiply-adds run performs, as
// kernel.MulAdds counts them (m·k·n per product call).
func measureMulAdds(t *testing.T, run func() error) int64 {
	t.Helper()
	before := kernel.MulAdds()
	if err := run(); err != nil {
		t.Fatal(err)
	}
	return kernel.MulAdds() - before
}

// runSpectrumStages runs s as the browser's worker pool does: the training
// job, one job per probe (each rebuilding the data and the curvature at θ),
// and the assembly. It returns the total curvature products the probes
// report.
func runSpectrumStages(s spectrum.Spec) (products int, err error) {
	one := func(s spectrum.Spec) error {
		tr, err := spectrumrun.Train(s, experiment.Assets{}, nil)
		if err != nil {
			return err
		}
		probes := make([]*spectrum.ProbeResult, s.Probes)
		for i := range probes {
			if probes[i], err = spectrumrun.Probe(s, experiment.Assets{}, tr.Theta, i, nil); err != nil {
				return err
			}
			products += probes[i].Products
		}
		_, err = spectrumrun.Assemble(s, tr, probes)
		return err
	}
	if err := one(s); err != nil {
		return 0, err
	}
	if s.Before && s.Epochs > 0 {
		if err := one(s.Initial()); err != nil {
			return 0, err
		}
	}
	for r := 1; r < s.Repeats; r++ {
		if err := one(s.Repeat(r)); err != nil {
			return 0, err
		}
	}
	return products, nil
}

// TestSpectrumCostCountsEveryProduct: the estimate's curvature products and
// kernel multiply-adds equal what the staged run performs, counted by
// spectrum.ProbeResult.Products and kernel.MulAdds, for full-batch and minibatch
// training, Hessian and Gauss-Newton, several layers, the dense matrix,
// the spectrum before training and repeats. Truth: the counters, which
// the run increments as it computes; the estimate is a formula of the
// spec alone (mlpCost, trainPasses).
func TestSpectrumCostCountsEveryProduct(t *testing.T) {
	cases := []struct{ name, query string }{
		{"full batch", "classes=3&dim=5&samples=60&test=40&hidden=8&epochs=7&steps=12&probes=3&topk=4"},
		{"minibatch, two layers, ggn", "classes=4&dim=6&samples=50&test=30&hidden=8,5&epochs=3&batch=16&steps=10&probes=2&topk=3&curvature=ggn"},
		{"many steps, dense, before, repeats", "classes=3&dim=4&samples=40&test=20&hidden=6&epochs=450&steps=20&probes=2&topk=4&dense=true&before=true&repeats=2"},
		{"teacher, no training", "data=teacher&loss=mse&dim=3&teacher=2&samples=30&test=10&hidden=7,7&epochs=0&steps=15&probes=1&topk=3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := spectrum.Default()
			if n := experiment.ParseQuery("v=1&"+c.query, &s); len(n) > 0 {
				t.Fatalf("query corrected: %v", n)
			}
			est := s.Cost()
			var products int
			got := measureMulAdds(t, func() (err error) { products, err = runSpectrumStages(s); return err })
			if int64(products) != est.Products {
				t.Errorf("%d curvature products measured, %d estimated", products, est.Products)
			}
			if got != est.MatMul {
				t.Errorf("%d kernel multiply-adds measured, %d estimated (%+.2f%%)", got, est.MatMul, 100*float64(est.MatMul-got)/float64(got))
			}
			t.Logf("%d products, %d multiply-adds measured; estimate %v", products, got, est)
			if est.Ops <= est.MatMul {
				t.Errorf("Ops %d does not exceed the products' %d: Lanczos and elementwise work are missing", est.Ops, est.MatMul)
			}
		})
	}
}

// TestPathsCostCountsEveryProduct: the paths estimate's kernel
// multiply-adds equal what pathsrun.Run performs (kernel.MulAdds), with the
// batch and the seeds pair, sharpness, the Bézier curve and two
// mean-field widths. Truth: the counter.
func TestPathsCostCountsEveryProduct(t *testing.T) {
	for _, q := range []string{
		"epochs=3&samples=60&test=30&hidden=6&smallbatch=10&largebatch=0&widths=8,16&width=16&seeds=2&mfsamples=40&mftest=20&mfepochs=2&mfbatch=5&sharpness=3&resolution=20&steps=8",
		"pair=seeds&epochs=2&samples=50&test=20&hidden=5,4&smallbatch=7&widths=4,12&width=12&seeds=1&mfsamples=30&mftest=10&mfepochs=1&mfbatch=4&sharpness=5&resolution=30&steps=6&bezier=25",
	} {
		s := paths.Default()
		if n := experiment.ParseQuery("v=1&"+q, &s); len(n) > 0 {
			t.Fatalf("%s: query corrected: %v", q, n)
		}
		est := s.Cost()
		got := measureMulAdds(t, func() error { _, err := pathsrun.Run(s, experiment.Assets{}, nil); return err })
		if got != est.MatMul {
			t.Errorf("%s: %d kernel multiply-adds measured, %d estimated (%+.2f%%)", q, got, est.MatMul, 100*float64(est.MatMul-got)/float64(got))
		}
	}
}

// TestDoubleDescentMLPCostCountsEveryProduct: the mlp sweep's estimate
// equals the kernel multiply-adds of Run, with and without
// label noise (the kNN recognition's products). Truth: kernel.MulAdds.
func TestDoubleDescentMLPCostCountsEveryProduct(t *testing.T) {
	for _, q := range []string{
		"model=mlp&n=40&test=20&dim=5&classes=3&sizes=2,5,9&epochs=4&batch=8&noise=0.2&repeats=2",
		"model=mlp&n=30&test=10&dim=4&classes=2&sizes=3,6&epochs=6&batch=0&noise=0&repeats=1",
	} {
		s := doubledescent.DefaultForQuery(q)
		if n := experiment.ParseQuery("v=1&"+q, &s); len(n) > 0 {
			t.Fatalf("%s: query corrected: %v", q, n)
		}
		est := s.Cost()
		got := measureMulAdds(t, func() error { _, err := Run(s, experiment.Assets{}, nil); return err })
		if got != est.MatMul {
			t.Errorf("%s: %d kernel multiply-adds measured, %d estimated (%+.2f%%)", q, got, est.MatMul, 100*float64(est.MatMul-got)/float64(got))
		}
	}
}

// TestCostOfIssueLinkIsRefused: the link that was accepted although it
// takes hours (hidden 256 on 1024 inputs, 5000 samples, 100 probes × 300
// Lanczos steps) is refused, with the estimate and the limit stated. Its
// curvature products are probes × steps = 30,000, and each Hessian product
// on 5000 samples costs 5000·(6F − 4F₁) multiply-adds with F₁ = 1024·256,
// F = F₁ + 256·10 (compute/bench's documentation): 2.7e9, so the products
// alone are 8.1e13.
func TestCostOfIssueLinkIsRefused(t *testing.T) {
	s := spectrum.Default()
	experiment.ParseQuery("v=1&epochs=0&hidden=256&dim=1024&samples=5000&steps=300&probes=100&topk=100", &s)
	c := s.Cost()
	f1, f := 1024.0*256, 1024.0*256+256*10
	if want := 30000 * 5000 * (6*f - 4*f1); float64(c.MatMul) < want {
		t.Errorf("estimated %.3g multiply-adds in products, below the curvature products' %.3g", float64(c.MatMul), want)
	}
	err := s.Validate()
	if err == nil {
		t.Fatalf("Validate accepted a run estimated at %v", c)
	}
	// Holds README.md, "Sharing" and "overparam spectrum": "over 10 minutes
	// of estimated compute (6·10¹¹ multiply-adds …)".
	for _, want := range []string{"h of computing", "the limit is 10 min (6e+11 multiply-adds)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
}

// BenchmarkEstimateRate measures the rate OpsPerSecond documents: it times
// whole runs of mid-sized specs and reports each run's estimated Ops per
// second of wall time as ops/s (natively, or as js/wasm under node):
//
//	go test -run '^$' -bench EstimateRate -benchtime 1x ./compute/experiment
//	GOOS=js GOARCH=wasm PATH="$PATH:$(go env GOROOT)/lib/wasm" \
//	  go test -run '^$' -bench EstimateRate -benchtime 1x ./compute/experiment
func BenchmarkEstimateRate(b *testing.B) {
	type run struct {
		name string
		cost experiment.Cost
		do   func() error
	}
	var runs []run
	for _, q := range []string{"", "hidden=256&epochs=100", "probes=2&hidden=64,64&epochs=100&steps=150"} {
		s := spectrum.Default()
		experiment.ParseQuery(q, &s)
		runs = append(runs, run{"spectrum?" + q, s.Cost(), func() error { _, err := spectrumrun.Run(s, experiment.Assets{}, nil); return err }})
	}
	p := paths.Default()
	runs = append(runs, run{"paths", p.Cost(), func() error { _, err := pathsrun.Run(p, experiment.Assets{}, nil); return err }})
	for _, model := range []string{"linear", "features", "mlp", "lstd"} {
		d := doubledescent.DefaultFor(model)
		runs = append(runs, run{"doubledescent/" + model, d.Cost(), func() error { _, err := Run(d, experiment.Assets{}, nil); return err }})
	}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			start := time.Now()
			for range b.N {
				if err := r.do(); err != nil {
					b.Fatalf("%s: %v", r.name, err)
				}
			}
			sec := time.Since(start).Seconds() / float64(b.N)
			b.ReportMetric(float64(r.cost.Ops)/sec, "ops/s")
			b.ReportMetric(r.cost.Seconds/sec, "estimate/actual")
		})
	}
}
