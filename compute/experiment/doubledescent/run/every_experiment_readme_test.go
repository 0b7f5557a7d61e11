package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// presetSpectrum and presetDD return the spec of a preset by id, as its
// page link gives it.
func presetSpectrum(t *testing.T, id string) spectrum.Spec {
	t.Helper()
	for _, p := range spectrum.Presets() {
		if p.ID == id {
			s := spectrum.Default()
			experiment.ParseQuery(p.Query, &s)
			return s
		}
	}
	t.Fatalf("no spectrum preset %s", id)
	return spectrum.Spec{}
}

func presetDD(t *testing.T, id string) doubledescent.Spec {
	t.Helper()
	p, ok := doubledescent.FindPreset(id)
	if !ok {
		t.Fatalf("no double-descent preset %s", id)
	}
	return doubledescent.PresetSpec(p)
}

func TestThePresetsTheREADMECompareHaveItsNumbers(t *testing.T) {
	// Holds README.md, "Hessian spectrum": pins compare "width 16 vs 256"
	// and "3 vs 10 classes"; "Double descent": the network "with 0% or 20%
	// label noise" and LSTD's peak "gone with λ = 1e-3". Truth: those
	// sentences; the presets are what a reader clicks to see them.
	if s := presetSpectrum(t, "narrow"); len(s.Hidden) != 1 || s.Hidden[0] != 16 {
		t.Errorf("narrow preset: hidden %v, want [16]", s.Hidden)
	}
	if s := presetSpectrum(t, "wide"); len(s.Hidden) != 1 || s.Hidden[0] != 256 {
		t.Errorf("wide preset: hidden %v, want [256]", s.Hidden)
	}
	if s := presetSpectrum(t, "classes10"); s.Classes != 10 {
		t.Errorf("default preset: %d classes, want 10", s.Classes)
	}
	if s := presetSpectrum(t, "classes3"); s.Classes != 3 {
		t.Errorf("classes3 preset: %d classes, want 3", s.Classes)
	}
	if s := presetDD(t, "dd-mlp-clean"); s.Model != "mlp" || s.Noise != 0 {
		t.Errorf("dd-mlp-clean: model %s, label noise %g; want mlp with 0", s.Model, s.Noise)
	}
	if s := presetDD(t, "dd-mlp-noise"); s.Model != "mlp" || s.Noise != 0.2 {
		t.Errorf("dd-mlp-noise: model %s, label noise %g; want mlp with 0.2", s.Model, s.Noise)
	}
	if s := presetDD(t, "dd-lstd-ridge"); s.Model != "lstd" || s.Ridge != 1e-3 {
		t.Errorf("dd-lstd-ridge: model %s, ridge %g; want lstd with 1e-3", s.Model, s.Ridge)
	}
}

// featuresPeak is the least bump ratio of the median test MSE at N = n for
// the random-features preset: the ridgeless risk has a pole there
// (theory.RandomFeaturesRisk, Mei & Montanari 2019, Section 2); we measured
// a median about 480× above the lower of its two sides on this preset.
const featuresPeak = 10

func TestRandomFeaturesPeakAtNEqualsN(t *testing.T) {
	// Holds README.md, "Double descent": random ReLU features, "the peak at
	// N = n". Truth: Mei & Montanari (2019), whose ridgeless test error
	// diverges at N = n (ψ₁ = ψ₂); the Monte Carlo medians of the page's
	// preset must peak there and nowhere else, by at least featuresPeak.
	skipUnderWasm(t)
	s := presetDD(t, "dd-features")
	s.Sizes = []int{30, 90, 130, 140, 150, 160, 170, 225, 300} // the preset's, up to 2n
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ratio, _ := bump(medians(res.Points))
	top := 0
	for i := range ratio {
		if ratio[i] > ratio[top] {
			top = i
		}
	}
	t.Logf("n = %d: N/n and median test MSE: %s; largest bump %.3g", s.N, ddTable(res.Points), ratio[top])
	if x := res.Points[top].X; ratio[top] < featuresPeak || math.Abs(x-1) > 1e-9 {
		t.Errorf("the largest bump is %.3g at N/n = %.3g; want ≥ %d at N/n = 1", ratio[top], x, featuresPeak)
	}
}
