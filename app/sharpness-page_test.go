package app

import (
	"math"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/curve"
	"github.com/overparam/overparam/compute/experiment/sharpness"
)

// Truth: the spec's help texts (compute/experiment/sharpness): momentum
// belongs to heavyball and nesterov, ρ and chunk to the two SAMs, λ to SAF
// and MESA, the lag to SAF and the EMA decay to MESA, the penalty to SAF
// and MESA and its temperature τ to their KL penalty; the rest to all.
func TestSharpnessControlsShowOnlyTheOptimizersOwnKeys(t *testing.T) {
	own := map[string][]string{"momentum": {"heavyball", "nesterov"}, "rho": {"usam", "sam"}, "chunk": {"usam", "sam"},
		"lambda": {"saf", "mesa"}, "lag": {"saf"}, "ema": {"mesa"}, "penalty": {"saf", "mesa"},
		"edges": {"gd", "heavyball", "nesterov", "usam", "sam", "saf", "mesa"}, "flow": {"gd", "heavyball", "nesterov", "usam", "sam", "saf", "mesa"}}
	for key, opts := range own {
		for _, o := range []string{"gd", "heavyball", "nesterov", "usam", "sam", "saf", "mesa"} {
			want := strings.Contains(","+strings.Join(opts, ",")+",", ","+o+",")
			s := sharpness.Default()
			s.Optimizer = o
			if got := sharpRelevant(&s, key); got != want {
				t.Errorf("optimizer %s, key %s: shown = %v, want %v", o, key, got, want)
			}
		}
	}
	for _, c := range []struct {
		optimizer, penalty string
		want               bool
	}{{"saf", "kl", true}, {"mesa", "kl", true}, {"saf", "mse", false}, {"gd", "kl", false}} {
		s := sharpness.Default()
		s.Optimizer, s.Penalty = c.optimizer, c.penalty
		if got := sharpRelevant(&s, "tau"); got != c.want {
			t.Errorf("optimizer %s, penalty %s: τ shown = %v, want %v", c.optimizer, c.penalty, got, c.want)
		}
	}
	for key := range sharpFields {
		found := false
		for _, g := range sharpGroups {
			found = found || strings.Contains(","+strings.Join(g.Keys, ",")+",", ","+key+",")
		}
		if !found {
			t.Errorf("key %s is in no group", key)
		}
	}
}

// Truth: the CSV's documented columns (app/sharpness-page.go), one row per
// eigenvalue computation, empty cells for eigenvalues not tracked.
func TestSharpnessCSVHasOneRowPerEigenvalueComputation(t *testing.T) {
	pts := []*sharpness.Point{{LR: 0.2, Eigs: []sharpness.Eig{
		{Step: 0, Values: []float64{3, 2}, Residuals: []float64{1e-7, 1e-7}, Edge: 10, Products: 12},
		{Step: 20, Values: []float64{4, 2.5}, Residuals: []float64{1e-7, 1e-7}, Edge: 10, Products: 7, Move: -0.5},
	}}}
	lines := strings.Split(strings.TrimSpace(sharpEigsCSV(pts)), "\n")
	if len(lines) != 3 || lines[0] != "lr,step,edge,lambda1,lambda2,lambda3,residual1,products,move" {
		t.Fatalf("CSV:\n%s", strings.Join(lines, "\n"))
	}
	if lines[2] != "0.2,20,10,4,2.5,,1e-07,7,-0.5" {
		t.Errorf("row %q", lines[2])
	}
}

// Truth: the live events' contract (app/run-state.go, EvLive): the points
// each running step size streams accumulate under its index, without
// aliasing an earlier state, and become provisional points with the loss
// and the tracked eigenvalues; finished step sizes are not duplicated.
func TestLivePointsAccumulatePerStepSize(t *testing.T) {
	spec := sharpness.Default() // edges 10, 20
	s := RunState{}.Apply(Event{Kind: EvStart, Run: 1})
	nan := math.NaN()
	s = s.Apply(Event{Kind: EvLive, Run: 1, PartIndex: 1, Points: []curve.Point{{Step: 0, TrainLoss: 0.5, Eigs: [3]float64{3, 2}, Edge: 20}}})
	before := s
	s = s.Apply(Event{Kind: EvLive, Run: 1, PartIndex: 1, Points: []curve.Point{{Step: 5, TrainLoss: nan, Eigs: [3]float64{4, 2}, Edge: 20}, {Step: 6, TrainLoss: 0.4}}})
	s = s.Apply(Event{Kind: EvLive, Run: 1, PartIndex: 0, Points: []curve.Point{{Step: 0, TrainLoss: 0.5}}})
	if len(before.Live[1]) != 1 || len(s.Live[1]) != 3 || len(s.Live[0]) != 1 {
		t.Fatalf("live points: before %d, after %d and %d", len(before.Live[1]), len(s.Live[1]), len(s.Live[0]))
	}
	pts := livePoints(s.Live, map[int]*sharpness.Point{0: {Index: 0, Products: 10}}, spec)
	if len(pts) != 1 || pts[0].Index != 1 || pts[0].LR != 0.1 {
		t.Fatalf("provisional points %+v; want only step size 1 (η = 0.1)", pts)
	}
	p := pts[0]
	if len(p.Steps) != 2 || p.Loss[1] != 0.4 || len(p.Eigs) != 2 || p.Eigs[1].Values[0] != 4 || p.Edge != 20 {
		t.Errorf("provisional point %+v", p)
	}
	if !strings.Contains(sharpEigsCSV(pts), "0.1,5,20,4,2,,,0,") {
		t.Errorf("CSV of a live point:\n%s", sharpEigsCSV(pts))
	}
}

// Truth: the sweep's contract (compute/experiment/sharpness, Spec.Points):
// the gradient-flow reference streams in as the last point; it is drawn only
// on the η·t chart (a thick muted line first), never as a step size of the
// other charts.
func TestTheGradientFlowReferenceIsDrawnOnlyAgainstEtaT(t *testing.T) {
	eig := func(step int, v float64) sharpness.Eig {
		return sharpness.Eig{Step: step, Values: []float64{v}, Edge: 10}
	}
	parts := map[int]*sharpness.Point{
		0: {Index: 0, LR: 0.2, Products: 9, Eigs: []sharpness.Eig{eig(0, 3), eig(10, 4)}},
		1: {Index: 1, LR: 0.025, IsFlow: true, Products: 9, Eigs: []sharpness.Eig{eig(0, 3), eig(80, 4)}},
	}
	pts := sharpPoints(nil, parts)
	flow := sharpFlow(nil, parts)
	if len(pts) != 1 || pts[0].IsFlow || flow == nil || !flow.IsFlow {
		t.Fatalf("points %d, flow %v; want the step size apart from the reference", len(pts), flow)
	}
	c := sharpFlowPlot(pts, flow)
	if len(c.Series) != 2 || c.Series[0].Class != "muted" || c.Series[0].X[1] != 2 || c.Series[1].X[1] != 2 {
		t.Errorf("η·t chart series %+v; want the flow first, both at η·t = 2", c.Series)
	}
	if n := len(sharpEigPlot(pts).Series); n != 4 {
		t.Errorf("the eigenvalue chart draws %d series, want 4 (λ₁, λ₂, λ₃, edge) of the one step size", n)
	}
}
