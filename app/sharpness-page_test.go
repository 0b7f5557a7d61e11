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
// and MESA, the lag to SAF and the EMA decay to MESA; the rest to all.
func TestSharpnessControlsShowOnlyTheOptimizersOwnKeys(t *testing.T) {
	own := map[string][]string{"momentum": {"heavyball", "nesterov"}, "rho": {"usam", "sam"}, "chunk": {"usam", "sam"},
		"lambda": {"saf", "mesa"}, "lag": {"saf"}, "ema": {"mesa"}, "edges": {"gd", "heavyball", "nesterov", "usam", "sam", "saf", "mesa"}}
	for key, opts := range own {
		for _, o := range []string{"gd", "heavyball", "nesterov", "usam", "sam", "saf", "mesa"} {
			want := strings.Contains(","+strings.Join(opts, ",")+",", ","+o+",")
			if got := sharpRelevant(o, key); got != want {
				t.Errorf("optimizer %s, key %s: shown = %v, want %v", o, key, got, want)
			}
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
