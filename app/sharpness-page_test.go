package app

import (
	"strings"
	"testing"

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
