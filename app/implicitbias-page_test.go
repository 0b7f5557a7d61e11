package app

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/implicitbias"
)

// TestImplicitBiasChartsDrawWhatTheResultHolds: the correlation chart
// draws the seed means of the four correlations (matched solid, crossed
// dashed), the singular values are normalised by the largest, the SSM's
// half-time chart puts N on a log axis beside the closed form, and the
// streamed parts come in the spec's order. Truth: the result's own series.
func TestImplicitBiasChartsDrawWhatTheResultHolds(t *testing.T) {
	seeds := []implicitbias.AttentionSeed{
		{Iters: []int{1, 2}, CorrW: []float64{0.2, 0.8}, CorrKQ: []float64{0.4, 0.6}, CrossW: []float64{0, 0.5}, CrossKQ: []float64{0, 0.5}},
		{Iters: []int{1, 2}, CorrW: []float64{0.4, 1.0}, CorrKQ: []float64{0.6, 0.8}, CrossW: []float64{0, 0.3}, CrossKQ: []float64{0, 0.3}},
	}
	c := ibCorrPlot(seeds, Done)
	if len(c.Series) != 4 || c.Series[0].Y[1] != 0.9 || c.Series[1].Y[0] != 0.5 || !c.Series[2].Dashed || c.Series[0].Dashed || !c.X.Log {
		t.Errorf("the correlation chart draws %+v", c.Series)
	}
	seeds[0].Fro = implicitbias.SVMSolution{Singular: []float64{4, 2, 0}, Rank: 2}
	seeds[0].Nuc = implicitbias.SVMSolution{Singular: []float64{5, 0, 0}, Rank: 1}
	sv := ibSingularPlot(seeds)
	if got := sv.Series[0].Y; got[0] != 1 || got[1] != 0.5 || !strings.Contains(sv.Series[1].Name, "rank 2") {
		t.Errorf("the singular values are drawn as %v (%q)", got, sv.Series[1].Name)
	}
	h := ibSSMHalfPlot([]implicitbias.SSMRun{{N: 1, HalfTime: 100, HalfPredicted: 99}, {N: 4, HalfTime: 60, HalfPredicted: 61}})
	if !h.X.Log || len(h.Series) != 2 || h.Series[0].Y[1] != 61 || h.Series[1].Y[0] != 100 {
		t.Errorf("the half-time chart draws %+v", h.Series)
	}
	spec := implicitbias.DefaultSSM()
	spec.States = []int{1, 4, 16}
	parts := map[int]*implicitbias.Point{2: {Index: 2, SSM: &implicitbias.SSMRun{N: 16}}, 0: {Index: 0, SSM: &implicitbias.SSMRun{N: 1}}}
	if runs := ibSSMRuns(nil, parts, spec); len(runs) != 2 || runs[0].N != 1 || runs[1].N != 16 {
		t.Errorf("the streamed SSM runs are %+v", runs)
	}
}

// TestImplicitBiasControlsFollowTheModel: each model shows its own keys
// and not the others'. Truth: implicitbias.Spec.Uses.
func TestImplicitBiasControlsFollowTheModel(t *testing.T) {
	for model, keys := range map[string][2]string{"attention": {"tokens", "states"}, "ssm": {"states", "widths"}, "cogo": {"widths", "tokens"}} {
		s := implicitbias.Default()
		s.Model = model
		if !ibDef.relevant(&s, keys[0]) || ibDef.relevant(&s, keys[1]) {
			t.Errorf("model %s: %s shown %v, %s shown %v", model, keys[0], ibDef.relevant(&s, keys[0]), keys[1], ibDef.relevant(&s, keys[1]))
		}
	}
}
