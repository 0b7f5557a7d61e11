package run

import (
	"encoding/json"
	"math"
	"runtime"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/internal/parity"
)

// Plateau bands of Cohen et al. (2021, Fig. 1: λ_max "hovers right at, or
// just above" 2/η), as measured in f64 on this setup (500 spiral points,
// 2-32-32-2 tanh, MSE): the median of λ₁/edge over the second half after t*
// within 3%, and its 5–95% range within 7%.
const (
	medianBand = 0.03
	rangeBand  = 0.07
)

func runOne(t *testing.T, query string) *sharpness.Point {
	t.Helper()
	s := specOf(query)
	p, err := RunPoint(s, experiment.Assets{}, 0, nil)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return p
}

func checkPlateau(t *testing.T, query string, p *sharpness.Point) {
	t.Helper()
	pl := p.Plateau
	if p.TStar < 0 || math.Abs(pl.Median-1) > medianBand || pl.P5 < 1-rangeBand || pl.P95 > 1+rangeBand {
		t.Errorf("%s: t* = %d, λ₁/edge median %.4f, 5–95%% [%.4f, %.4f]; want the median within %g of 1 and the range within %g",
			query, p.TStar, pl.Median, pl.P5, pl.P95, medianBand, rangeBand)
	}
}

// Truth: Cohen et al. (2021), §3: under full-batch gradient descent the
// loss falls monotonically until λ_max first reaches 2/η (t*), then λ_max
// hovers at 2/η while the loss rises on some steps (here ≥ 3%) and still
// falls over long spans.
func TestGradientDescentSharpensToTwoOverEtaAndHoversThere(t *testing.T) {
	q := "samples=500&edges=10&steps=3000&every=20&zoom=0"
	p := runOne(t, q)
	checkPlateau(t, q, p)
	if p.LossUpBefore != 0 || p.LossUpAfter < 0.03 {
		t.Errorf("loss rose on %.3f of the steps before t* and %.3f after; want 0 and ≥ 0.03", p.LossUpBefore, p.LossUpAfter)
	}
	i := 0
	for p.Steps[i] < p.TStar {
		i++
	}
	if last := p.Loss[len(p.Loss)-1]; !(last < 0.2*p.Loss[i]) {
		t.Errorf("loss %.4g at t* and %.4g at the end; want it below a fifth", p.Loss[i], last)
	}
	if p.MeanProducts > 12 {
		t.Errorf("warm-started Lanczos took %.2f products per step; want about 6–9", p.MeanProducts)
	}
}

// Truth: Cohen et al. (2021), §3: at a small step size the sharpness stays
// well below 2/η (here below half of it) and the loss falls at every step,
// as under gradient flow.
func TestASmallStepSizeNeverReachesTheEdge(t *testing.T) {
	q := "edges=200&steps=1500&every=50&zoom=0"
	p := runOne(t, q)
	if p.TStar >= 0 || p.LambdaEnd > 0.5*p.Edge || p.LossUpBefore != 0 {
		t.Errorf("%s: t* = %d, λ_end = %.4g (edge %g), loss rose on %.3f of steps; want no t*, λ_end < edge/2 and a monotone loss",
			q, p.TStar, p.LambdaEnd, p.Edge, p.LossUpBefore)
	}
}

// nativeScience skips a science test of many seconds' training outside
// amd64: natively each takes seconds, under node (js/wasm) and qemu-aarch64
// minutes. make test-native runs them; the parity fingerprints
// (TestJSWasmRunsGiveTheNativeResult) hold js/wasm and arm64 to the native
// bits.
func nativeScience(t *testing.T) {
	t.Helper()
	if runtime.GOARCH != "amd64" {
		t.Skip("a long science run: the native pass (make test-native, amd64) holds it")
	}
}

// Truth: each optimizer's edge (see Edge) on the network, where the
// linearisation along the top eigenvector holds only approximately: the
// plateau median within 3% of the formula (unnormalised SAM 12.36, SAF with
// lags 1 and 3 12.5, MESA 15.385 at η = 0.1, λ = 0.3), and gradient descent
// at η = 0.1 on 500 points, the median within 3% of 2/η.
func TestOptimizersSettleAtTheirOwnEdges(t *testing.T) {
	nativeScience(t)
	for _, q := range []string{
		"samples=500&edges=20&steps=4000&every=20",
		"optimizer=usam&rho=0.05&edges=20&steps=3000",
		"optimizer=saf&lambda=0.3&lag=1&edges=20&steps=3000",
		"optimizer=saf&lambda=0.3&lag=3&edges=20&steps=3000",
		"optimizer=mesa&lambda=0.3&ema=0.99&edges=20&steps=3000",
	} {
		checkPlateau(t, q, runOne(t, q))
	}
	// Normalised SAM's edge moves with ‖g‖ (Long & Bartlett 2023), so its
	// plateau is looser: the median within [0.95, 1.08].
	q := "optimizer=sam&rho=0.05&edges=20&steps=3000"
	if pl := runOne(t, q).Plateau; pl.Median < 0.95 || pl.Median > 1.08 {
		t.Errorf("%s: λ₁/edge median %.4f, want in [0.95, 1.08]", q, pl.Median)
	}
}

// Truth: PenaltyEdge with κ measured along the top eigenvector (the KL
// penalty's analogue of SAF's 2/(η(1+2λ)), exact on a linear model:
// TestTheKLPenaltyEdgeOnALinearModel): SAF with Du et al.'s KL penalty
// (τ = 5, λ = 0.3, lag 1) on cross-entropy at η = 0.1 settles with its
// median λ₁/edge within 3% of 1 over the second half after t*, before the
// late fall of the cross-entropy's sharpness (2,000 steps).
func TestSAFWithTheKLPenaltySettlesAtItsEdge(t *testing.T) {
	nativeScience(t)
	q := "loss=ce&optimizer=saf&penalty=kl&tau=5&lambda=0.3&lag=1&edges=20&steps=2000&zoom=0"
	p := runOne(t, q)
	checkPlateau(t, q, p)
	if p.Edge > 0.9*20 {
		t.Errorf("%s: edge %.4g, want well below gradient descent's 2/η = 20", q, p.Edge)
	}
}

// Truth: Cohen et al. (2021), Fig. 1: the sharpness at the end is set by η,
// so log λ_end against log η has slope −1 (here within 0.05) over
// 2/η = 10, 20, 40.
func TestTheEdgeIsSetByEtaWithSlopeMinusOne(t *testing.T) {
	nativeScience(t)
	res, err := Run(specOf("samples=500&edges=10,20,40&steps=6000&every=20&zoom=0"), experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(res.Slope+1) > 0.05 {
		t.Errorf("slope of log λ_end on log η: %.4f, want −1 ± 0.05", res.Slope)
	}
}

// Truth: Cohen et al. (2021), §3 and Appendix (cross-entropy): λ_max
// rises to 2/η (here a peak ≥ 0.95·2/η) and then falls as the margins grow
// (here below half of 2/η after 6,000 steps at η = 0.1).
func TestCrossEntropySharpensToTheEdgeThenFlattens(t *testing.T) {
	nativeScience(t)
	p := runOne(t, "loss=ce&edges=20&steps=6000&every=20")
	peak := 0.0
	for _, e := range p.Eigs {
		peak = max(peak, e.Values[0])
	}
	if peak < 0.95*p.Edge || p.LambdaEnd > 0.5*p.Edge {
		t.Errorf("CE: peak λ₁ %.4g, final %.4g; want ≥ 0.95 and ≤ 0.5 of 2/η = %g", peak, p.LambdaEnd, p.Edge)
	}
}

// Truth: the native run of the same spec. A shared link must give the same
// numbers in the browser (js/wasm) and the CLI, bit for bit.
func TestJSWasmRunsGiveTheNativeResult(t *testing.T) {
	for name, q := range map[string]string{
		"gd-relu-rescale": "samples=40&hidden=6,5&activation=relu&edges=10,20&steps=200&zoom=10&eigs=3",
		"sam-chunks":      "samples=40&hidden=6,5&optimizer=sam&chunk=16&edges=10&steps=150&zoom=5",
		"saf-mesa":        "samples=40&hidden=6,5&optimizer=saf&lag=3&edges=10&steps=150",
		"mesa-nesterov":   "samples=40&hidden=6,5&optimizer=mesa&edges=10&steps=150",
		"nesterov-ce":     "samples=40&hidden=6,5&optimizer=nesterov&loss=ce&edges=10&steps=150",
		"flow":            "samples=40&hidden=6,5&edges=10,20&steps=100&flow=4",
		"saf-kl-ce":       "samples=40&hidden=6,5&optimizer=saf&loss=ce&penalty=kl&lag=1&edges=10&steps=150",
		"mesa-kl-ce":      "samples=40&hidden=6,5&optimizer=mesa&loss=ce&penalty=kl&tau=2&edges=10&steps=150",
	} {
		t.Run(name, func(t *testing.T) {
			res, err := Run(specOf(q), experiment.Assets{}, nil)
			parity.CheckResult(t, "experiment-sharpness-"+name, res, err)
		})
	}
}

// Truth: Run is RunPoint on each point then Assemble (a sweep's points run
// on separate workers must give the same result), and the slope of
// log λ_end on log η is −1 when λ_end = 2/η exactly.
func TestRunIsItsPointsAssembled(t *testing.T) {
	s := specOf("samples=40&hidden=6,5&edges=10,20&steps=100&flow=2")
	whole, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	parts := make([]*sharpness.Point, s.Points())
	for i := len(parts) - 1; i >= 0; i-- { // in another order
		if parts[i], err = RunPoint(s, experiment.Assets{}, i, nil); err != nil {
			t.Fatal(err)
		}
	}
	asm, err := Assemble(s, parts)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(whole)
	b, _ := json.Marshal(asm)
	if string(a) != string(b) {
		t.Error("Run differs from its points assembled")
	}
	if len(asm.Points) != 2 || asm.Flow == nil || !asm.Flow.IsFlow {
		t.Fatalf("assembled %d points and flow %v; want 2 and the reference", len(asm.Points), asm.Flow)
	}
	for _, p := range parts {
		p.LambdaEnd = 2 / p.LR
	}
	parts[2].LambdaEnd = 1 // the reference is not a step size of the fit
	asm, _ = Assemble(s, parts)
	if math.Abs(asm.Slope+1) > 1e-12 {
		t.Errorf("slope %.15g for λ_end = 2/η, want −1", asm.Slope)
	}
}

// Truth: the divergence guard (a NaN or a loss above DivergeLoss stops the
// run and says so) at η = 2 with λ₀ ≈ 3, far beyond the edge.
func TestADivergingRunStopsAndSaysWhere(t *testing.T) {
	p := runOne(t, "samples=40&hidden=6,5&edges=1&steps=500")
	if p.Diverged == "" || len(p.Steps) >= 500 {
		t.Errorf("η = 2: diverged = %q after %d steps; want a stop with a message", p.Diverged, len(p.Steps))
	}
}

// Truth: Cohen et al. (2021), §3 and their Appendix (gradient flow): before
// t*, gradient descent tracks gradient flow, so runs at η = 0.2 and 0.1,
// compared at equal η·t ≤ 0.8·η·t*, have the same sharpness within 2%, and
// η = 0.1 and the gradient-flow reference at 0.1/4 too; gradient descent is
// Euler's method on the flow, whose error falls with the step (first order),
// so η = 0.1 is the nearer to the reference. The reference stops once λ₁ passes
// 1.25·2/η_min (sharpness.FlowStop) or after Flow·Steps steps.
func TestBeforeTheEdgeGradientDescentFollowsGradientFlow(t *testing.T) {
	s := specOf("edges=10,20&steps=700&every=20&zoom=0&flow=4")
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fast, slow, flow := res.Points[0], res.Points[1], res.Flow
	if len(res.Points) != 2 || flow == nil || !flow.IsFlow || flow.LR != 0.025 {
		t.Fatalf("%d points and flow %+v; want 2 points and the reference at η = 0.025", len(res.Points), flow)
	}
	if last := flow.Eigs[len(flow.Eigs)-1]; last.Step != 2800 && last.Values[0] < sharpness.FlowStop*20 {
		t.Errorf("the reference stopped at step %d with λ₁ = %.4g; want 2,800 steps or λ₁ ≥ %g", last.Step, last.Values[0], sharpness.FlowStop*20)
	}
	if fast.TStar < 0 {
		t.Fatal("η = 0.2 never reached its edge")
	}
	at := func(p *sharpness.Point, step int) float64 {
		for _, e := range p.Eigs {
			if e.Step == step {
				return e.Values[0]
			}
		}
		t.Fatalf("η = %g: no eigenvalue at step %d", p.LR, step)
		return 0
	}
	compared := 0
	for step := 20; 10*step <= 8*fast.TStar; step += 20 { // η·t = 0.2·step = 0.1·(2·step) = 0.025·(8·step)
		a, b, f := at(fast, step), at(slow, 2*step), at(flow, 8*step)
		if math.Abs(a-b) > 0.02*b || math.Abs(b-f) > 0.02*f || !(math.Abs(a-f) > math.Abs(b-f)) {
			t.Errorf("η·t = %g: λ₁ = %.5g at η = 0.2, %.5g at η = 0.1, %.5g along the flow (η = 0.025); want the first two and the last two within 2%%, and η = 0.1 nearer the flow",
				0.2*float64(step), a, b, f)
		}
		compared++
	}
	if compared < 5 {
		t.Errorf("compared %d times before 0.8·t*; want at least 5", compared)
	}
}

// Truth: at the edge the update along the top eigenvector u₁ is the
// linearised x' = (1 − ηλ₁)x with ηλ₁ ≈ 2, so x' ≈ −x (Cohen et al. 2021,
// §3, the period-2 oscillation): in the zoom window after t* the
// components (θ_t − θ_{t−1})ᵀu₁ flip sign at most steps (here ≥ 80%).
func TestAtTheEdgeTheStepAlongTheTopEigenvectorFlipsSign(t *testing.T) {
	p := runOne(t, "edges=10&steps=600&zoom=40")
	var moves []float64
	for _, e := range p.Eigs {
		if e.Move != 0 {
			moves = append(moves, e.Move)
		}
	}
	flips := 0
	for i := 1; i < len(moves); i++ {
		if (moves[i] < 0) != (moves[i-1] < 0) {
			flips++
		}
	}
	if len(moves) < 30 || float64(flips) < 0.8*float64(len(moves)-1) {
		t.Errorf("t* = %d: %d of %d consecutive moves along u₁ flip sign; want ≥ 80%%", p.TStar, flips, len(moves)-1)
	}
}
