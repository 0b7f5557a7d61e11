package run

import (
	"reflect"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
)

func TestTheCLIsEarlierPresetNamesGiveTheirFormerSpecs(t *testing.T) {
	// Truth: the CLI's preset list before the merge (compute/experiment/
	// doubledescent_spec.go at commit a288668): each model's
	// doubledescent.DefaultFor, the digits variant and the full-coverage
	// trajectory, written out here.
	digits := doubledescent.DefaultFor("mlp")
	digits.Data, digits.N, digits.Epochs, digits.Repeats = "digits", 500, 200, 3
	digits.Sizes = []int{2, 4, 8, 12, 16, 24, 32, 48, 64, 128}
	coverage := doubledescent.DefaultFor("lstd")
	coverage.N = 3000
	former := map[string]doubledescent.Spec{
		"linear": doubledescent.DefaultFor("linear"), "features": doubledescent.DefaultFor("features"),
		"mlp": doubledescent.DefaultFor("mlp"), "mlp-digits": digits,
		"lstd": doubledescent.DefaultFor("lstd"), "lstd-coverage": coverage,
	}
	for name, want := range former {
		p, ok := doubledescent.FindPreset(name)
		if !ok {
			t.Errorf("-preset %s is no longer found", name)
			continue
		}
		if got := doubledescent.PresetSpec(p); !reflect.DeepEqual(got, want) {
			t.Errorf("-preset %s (now %s): spec %+v, want %+v", name, p.ID, got, want)
		}
	}
	for _, p := range doubledescent.Presets() {
		if got, ok := doubledescent.FindPreset(" " + strings.ToUpper(p.ID)); !ok || got.ID != p.ID {
			t.Errorf("experiment.FindDoubleDescentPreset(%q) = %q, %v", p.ID, got.ID, ok)
		}
	}
	if _, ok := doubledescent.FindPreset("nope"); ok {
		t.Error("an unknown name was found")
	}
}
