package experiment

import (
	"reflect"
	"strings"
	"testing"
)

func TestDoubleDescentPresetsHaveUniqueIDsAndEveryModelsDefault(t *testing.T) {
	// Truth: DoubleDescentPresets' documentation — ids name buttons, files
	// and -preset values, so they are unique; each model's default is among
	// the presets, the first being the page's default.
	seen := map[string]bool{}
	queries := map[string]bool{}
	for _, p := range DoubleDescentPresets() {
		if seen[p.ID] || p.ID == "" || p.Title == "" || p.Claim == "" || p.Cite == "" || !strings.HasPrefix(p.URL, "https://") {
			t.Errorf("preset %q: a repeated or empty id, or a missing title, claim, citation or link: %+v", p.ID, p)
		}
		seen[p.ID] = true
		queries[p.Query] = true
		if p.Thumbnail() != p.ID+".svg" {
			t.Errorf("preset %s: thumbnail %q", p.ID, p.Thumbnail())
		}
	}
	for _, model := range []string{"linear", "features", "mlp", "lstd"} {
		s := DefaultDoubleDescentFor(model)
		if !queries[Query(&s)] {
			t.Errorf("the %s model's default is not a preset", model)
		}
	}
	first := DoubleDescentPresetSpec(DoubleDescentPresets()[0])
	if !reflect.DeepEqual(first, DefaultDoubleDescent()) {
		t.Errorf("the first preset is not the page's default")
	}
}

func TestTheCLIsEarlierPresetNamesGiveTheirFormerSpecs(t *testing.T) {
	// Truth: the CLI's preset list before the merge (compute/experiment/
	// doubledescent_spec.go at commit a288668): each model's
	// DefaultDoubleDescentFor, the digits variant and the full-coverage
	// trajectory, written out here.
	digits := DefaultDoubleDescentFor("mlp")
	digits.Data, digits.N, digits.Epochs, digits.Repeats = "digits", 500, 200, 3
	digits.Sizes = []int{2, 4, 8, 12, 16, 24, 32, 48, 64, 128}
	coverage := DefaultDoubleDescentFor("lstd")
	coverage.N = 3000
	former := map[string]DoubleDescent{
		"linear": DefaultDoubleDescentFor("linear"), "features": DefaultDoubleDescentFor("features"),
		"mlp": DefaultDoubleDescentFor("mlp"), "mlp-digits": digits,
		"lstd": DefaultDoubleDescentFor("lstd"), "lstd-coverage": coverage,
	}
	for name, want := range former {
		p, ok := FindDoubleDescentPreset(name)
		if !ok {
			t.Errorf("-preset %s is no longer found", name)
			continue
		}
		if got := DoubleDescentPresetSpec(p); !reflect.DeepEqual(got, want) {
			t.Errorf("-preset %s (now %s): spec %+v, want %+v", name, p.ID, got, want)
		}
	}
	for _, p := range DoubleDescentPresets() {
		if got, ok := FindDoubleDescentPreset(" " + strings.ToUpper(p.ID)); !ok || got.ID != p.ID {
			t.Errorf("FindDoubleDescentPreset(%q) = %q, %v", p.ID, got.ID, ok)
		}
	}
	if _, ok := FindDoubleDescentPreset("nope"); ok {
		t.Error("an unknown name was found")
	}
}
