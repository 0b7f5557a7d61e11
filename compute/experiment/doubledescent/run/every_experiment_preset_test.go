package run

import (
	"reflect"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

func TestEveryPresetListHasUniqueIDsAndValidSpecsThatRoundTrip(t *testing.T) {
	// Truth: Preset's documentation — an id names a button, a file and a
	// -preset value, so ids are unique across the lists; Query is the whole
	// spec, so reading it into the defaults gives a spec whose Query is
	// Query again, without corrections; every preset passes Validate; the
	// first preset of each list is the page's default.
	type list struct {
		name    string
		presets []experiment.Preset
		// spec reads a preset's query into the defaults and validates it.
		spec func(q string) (query string, notices []string, err error)
		// isDefault reports whether the query is the page's default.
		isDefault func(q string) bool
	}
	lists := []list{
		{"spectrum", spectrum.Presets(),
			func(q string) (string, []string, error) {
				s := spectrum.Default()
				n := experiment.ParseQuery(q, &s)
				return experiment.Query(&s), n, s.Validate()
			},
			func(q string) bool { d := spectrum.Default(); return experiment.Query(&d) == q }},
		{"paths", paths.Presets(),
			func(q string) (string, []string, error) {
				s := paths.Default()
				n := experiment.ParseQuery(q, &s)
				return experiment.Query(&s), n, s.Validate()
			},
			func(q string) bool { d := paths.Default(); return experiment.Query(&d) == q }},
		{"doubledescent", doubledescent.Presets(),
			func(q string) (string, []string, error) {
				s := doubledescent.Default()
				n := experiment.ParseQuery(q, &s)
				return experiment.Query(&s), n, s.Validate()
			},
			func(q string) bool { d := doubledescent.Default(); return experiment.Query(&d) == q }},
	}
	seen := map[string]string{}
	for _, l := range lists {
		if len(l.presets) == 0 || !l.isDefault(l.presets[0].Query) {
			t.Errorf("%s: the first preset is not the page's default", l.name)
		}
		for _, p := range l.presets {
			if other, dup := seen[p.ID]; dup || p.ID == "" {
				t.Errorf("%s preset %q: id empty or also used by %s", l.name, p.ID, other)
			}
			seen[p.ID] = l.name
			if p.Title == "" || p.Claim == "" || p.Cite == "" || !strings.HasPrefix(p.URL, "https://") || p.Thumbnail() != p.ID+".svg" {
				t.Errorf("%s preset %s: a missing title, claim, citation or link: %+v", l.name, p.ID, p)
			}
			q, notices, err := l.spec(p.Query)
			if err != nil || len(notices) != 0 || q != p.Query {
				t.Errorf("%s preset %s: Validate %v, notices %q, query %q → %q", l.name, p.ID, err, notices, p.Query, q)
			}
		}
	}
}

func TestDoubleDescentPresetsHoldEveryModelsDefault(t *testing.T) {
	// Truth: doubledescent.Presets' documentation — each model's
	// doubledescent.DefaultFor is among the presets.
	queries := map[string]bool{}
	for _, p := range doubledescent.Presets() {
		queries[p.Query] = true
	}
	for _, model := range []string{"linear", "features", "mlp", "lstd"} {
		s := doubledescent.DefaultFor(model)
		if !queries[experiment.Query(&s)] {
			t.Errorf("the %s model's default is not a preset", model)
		}
	}
	if first := doubledescent.PresetSpec(doubledescent.Presets()[0]); !reflect.DeepEqual(first, doubledescent.Default()) {
		t.Errorf("DoubleDescentPresetSpec of the first preset is not the page's default")
	}
}
