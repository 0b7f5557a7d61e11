package run

import (
	"encoding/json"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// Truth: the definition of Before — the initial spectrum is the run of the
// same spec with epochs = 0, which starts from the same seeded θ₀.
func TestBeforeAddsTheSpectrumAtInitialisation(t *testing.T) {
	s := spectrum.Default()
	s.Classes, s.Dim, s.Samples, s.Test, s.Hidden = 3, 4, 120, 40, []int{10}
	s.Epochs, s.Steps, s.Probes, s.TopK, s.Before = 20, 20, 2, 5, true
	got, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Initial == nil {
		t.Fatal("before = true gave no initial spectrum")
	}
	want, err := Run(s.Initial(), experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(got.Initial)
	b, _ := json.Marshal(want)
	if string(a) != string(b) {
		t.Errorf("initial spectrum differs from the epochs = 0 run:\n%.300s\n%.300s", a, b)
	}
	if got.Initial.Train[0] != got.Train[0] {
		t.Errorf("the trained run starts at %+v but the initial spectrum is at %+v", got.Train[0], got.Initial.Train[0])
	}
	if got.Top[0] == got.Initial.Top[0] {
		t.Errorf("training left the top eigenvalue unchanged (%g): the two spectra are not of different θ", got.Top[0])
	}
}

// Truth: the definition of Repeats — repeat r is the run of the same spec
// with seed + r, alone.
func TestRepeatsRunTheNextSeeds(t *testing.T) {
	s := spectrum.Default()
	s.Classes, s.Dim, s.Samples, s.Test, s.Hidden = 3, 4, 120, 40, []int{10}
	s.Epochs, s.Steps, s.Probes, s.TopK, s.Repeats, s.Seed = 10, 15, 2, 4, 3, 5
	got, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Seeds) != 2 {
		t.Fatalf("repeats = 3 gave %d other seeds", len(got.Seeds))
	}
	for i, sr := range got.Seeds {
		want, err := Run(s.Repeat(i+1), experiment.Assets{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(sr)
		b, _ := json.Marshal(want)
		if string(a) != string(b) || sr.Spec.Seed != 6+uint64(i) {
			t.Errorf("repeat %d (seed %d) differs from its own run", i+1, sr.Spec.Seed)
		}
	}
	s.Seed = 1<<32 - 2
	if err := s.Validate(); err == nil {
		t.Error("seed 2³²−2 with 3 repeats passed, but needs seeds beyond 2³²−1")
	}
}
