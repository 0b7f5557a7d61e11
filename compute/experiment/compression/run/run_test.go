package run

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
	"github.com/overparam/overparam/compute/internal/parity"
)

func digitsAsset(t testing.TB) experiment.Assets {
	b, err := os.ReadFile("../../../../web/data/digits.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	return experiment.Assets{Digits: b}
}

// small is a spec of two seconds: two widths, three seeds, 2 and 3 bits.
func small() Spec {
	s := compression.DefaultCompression()
	s.Bits = []int{2, 3}
	s.N0s = []int{16, 64, 256}
	s.Trials = 3
	s.Widths = []int{32, 128}
	s.Samples, s.Test, s.Calib, s.Epochs = 1000, 500, 200, 10
	s.Seeds = 3
	return s
}

// Points within which the widest quantized network's test accuracy must
// come to the float network's.
const accuracyPoints = 0.02

// Truth: Zhang, Zhou & Saab 2023, Section 5 (experiments): GPFQ's
// quantized networks lose little accuracy, and less than rounding's at the
// same bits; the single-layer analysis (Section 3) says the loss shrinks as
// layers widen. Averaged over three seeds, at 2 and 3 bits: GPFQ ≥ MSQ at
// every width, and at the widest width GPFQ within 2 points of the float
// network. (Ternary weights lose more at these small widths: 2.3 points at
// width 128.)
func TestQuantizedNetworksOnDigits(t *testing.T) {
	s := small()
	res, err := Run(s, digitsAsset(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range res.Widths {
		for _, q := range w.Quant {
			t.Logf("width %d, b = %d: float %.3f, GPFQ %.3f, MSQ %.3f; layer errors GPFQ %.3g, MSQ %.3g", w.Width, q.Bits, w.Float, q.GPFQ, q.MSQ, q.GPFQLayers, q.MSQLayers)
			if q.GPFQ < q.MSQ {
				t.Errorf("width %d, b = %d: GPFQ accuracy %.3f below MSQ's %.3f", w.Width, q.Bits, q.GPFQ, q.MSQ)
			}
			if i == len(res.Widths)-1 && q.GPFQ < w.Float-accuracyPoints {
				t.Errorf("widest width %d, b = %d: GPFQ accuracy %.3f, more than %g below the float network's %.3f", w.Width, q.Bits, q.GPFQ, accuracyPoints, w.Float)
			}
		}
	}
	h := res.Histogram
	var n float64
	for _, c := range h.Counts {
		n += c
	}
	if h == nil || h.Width != 128 || int(n) != 128*196 || len(h.Edges) != len(h.Counts)+1 {
		t.Errorf("histogram %+v; want the 128 × 196 first-layer weights of the widest network", h)
	}
}

// Truth: the points computed separately (as the workers compute them) and
// assembled in any order are the same bits as Run, and the JSON of the run
// is the same on every platform (compute/internal/parity: the native run
// records it, js/wasm and arm64 verify it).
func TestPointsAssembleToTheRunAndGiveTheNativeResult(t *testing.T) {
	s := small()
	s.Widths, s.Seeds, s.Samples, s.Test, s.Epochs = []int{16, 48}, 1, 400, 200, 2
	a := digitsAsset(t)
	res, err := Run(s, a, nil)
	if err != nil {
		t.Fatal(err)
	}
	parts := make([]*Point, s.Points())
	for i := range parts {
		if parts[i], err = RunPoint(s, a, i, nil); err != nil {
			t.Fatal(err)
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	again, err := Assemble(s, parts)
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := json.Marshal(res)
	b2, _ := json.Marshal(again)
	if string(b1) != string(b2) {
		t.Error("the points assembled in shuffled order differ from Run")
	}
	parity.Check(t, "experiment-compression-gpfq", parity.Bytes(b1))
	if _, err := Assemble(s, parts[1:]); err == nil {
		t.Error("Assemble accepted a missing point")
	}
}

// Truth: the documented ranges and rules of Compression.Validate, and its
// Cost refusal above experiment.OpsLimit.
func TestValidateNamesTheProblem(t *testing.T) {
	for _, c := range []struct {
		change func(*Spec)
		want   string
	}{
		{func(s *Spec) { s.Bits = []int{0} }, "[1, 8]"},
		{func(s *Spec) { s.Bits = []int{2, 1} }, "must increase"},
		{func(s *Spec) { s.Widths = nil }, "widths is empty"},
		{func(s *Spec) { s.Calib = s.Samples + 1 }, "calib"},
		{func(s *Spec) { s.Batch = s.Samples + 1 }, "batch"},
		{func(s *Spec) { s.Seed, s.Seeds = 4294967295, 2 }, "largest seed"},
		{func(s *Spec) { s.Widths, s.Samples, s.Epochs, s.Seeds = []int{1024}, 10000, 200, 10 }, "limit"},
	} {
		s := compression.DefaultCompression()
		c.change(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v; want one naming %q", s, err, c.want)
		}
	}
	s := compression.DefaultCompression()
	if err := s.Validate(); err != nil {
		t.Errorf("the defaults: %v", err)
	}
	if _, err := RunPoint(s, experiment.Assets{}, s.Points(), nil); err == nil {
		t.Error("RunPoint accepted a point index past the last")
	}
}

// Truth: every preset's link gives a valid spec.
func TestPresetsAreValid(t *testing.T) {
	for _, p := range compression.Presets() {
		s := compression.DefaultForQuery(p.Query)
		if n := experiment.ParseQuery(p.Query, &s); len(n) > 0 {
			t.Errorf("%s: notices %v", p.ID, n)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if c := s.Cost(); c.Seconds > 15 {
			t.Logf("%s: estimate %s", p.ID, c.Text())
		}
	}
}
