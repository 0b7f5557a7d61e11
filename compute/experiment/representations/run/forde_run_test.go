package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
)

// Truth: Trinh et al. 2024, §5 and Fig. 1 (the 2-D classification
// illustration): repulsion in input-gradient space makes the members'
// input gradients less alike than a deep ensemble's — here the mean
// pairwise cosine on the training points falls by at least 20%
// (3-seed means) — at the same accuracy (within 2 points), and the
// ensemble disagrees more away from the data (higher mutual information
// on the ring at 3× the data's radius).
func TestFoRDEDiversifiesInputGradientsAtTheSameAccuracy(t *testing.T) {
	s := representations.DefaultFor("forde")
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := r.FoRDE
	if f.Reduction < 0.2 {
		t.Errorf("input-gradient cosine %.3f (deep ensemble) → %.3f (FoRDE): %.0f%% lower; want at least 20%%", f.DE.Cosine, f.FoRDE.Cosine, 100*f.Reduction)
	}
	if d := math.Abs(f.FoRDE.Accuracy - f.DE.Accuracy); d > 0.02 {
		t.Errorf("test accuracy %.3f (deep ensemble) vs %.3f (FoRDE); want within 2 points", f.DE.Accuracy, f.FoRDE.Accuracy)
	}
	if !(f.FoRDE.OOD > f.DE.OOD) {
		t.Errorf("mutual information on the OOD ring %.4f (FoRDE) is not above %.4f (deep ensemble)", f.FoRDE.OOD, f.DE.OOD)
	}
	g := representations.GridSize
	if len(f.MapDE.Mutual) != g*g || len(f.MapFoRDE.Decisions) != s.Members || len(f.Points) != 3*s.Samples {
		t.Errorf("maps: %d MI values, %d members' decisions, %d point numbers", len(f.MapDE.Mutual), len(f.MapFoRDE.Decisions), len(f.Points))
	}
	t.Logf("cosine %.3f → %.3f, accuracy %.3f → %.3f, OOD MI %.4f → %.4f", f.DE.Cosine, f.FoRDE.Cosine, f.DE.Accuracy, f.FoRDE.Accuracy, f.DE.OOD, f.FoRDE.OOD)
}

// Truth: the definitions of entropy (−Σp log p, log 3 for the uniform
// three-way split) and the median (the middle value, or the mean of the
// middle two).
func TestEntropyAndMedianFollowTheirDefinitions(t *testing.T) {
	if h := entropyOf([]float64{1. / 3, 1. / 3, 1. / 3}); math.Abs(h-math.Log(3)) > 1e-15 {
		t.Errorf("entropy of the uniform = %v; want log 3", h)
	}
	if m := median([]float64{3, 1, 2}); m != 2 {
		t.Errorf("median(3, 1, 2) = %v", m)
	}
	if m := median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Errorf("median(4, 1, 3, 2) = %v", m)
	}
}
