package experiment

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// trivial is the smallest experiment: one tagged parameter, a Validate and
// a preset. Declaring it is one Register call beside its spec; the lists
// that read the registry (the Makefile's workers through tools/experiments,
// the site's files, the routes, navigation and gallery, the CLI) then
// include it with no edit (tools/experiments' layout test checks that they
// name no experiment).
type trivial struct {
	N int `json:"n" key:"n" min:"1" max:"10" help:"how many"`
}

func (s *trivial) Validate() error { return CheckAll(s) }

func trivialPresets() []Preset {
	s := trivial{N: 3}
	return []Preset{{ID: "trivial-three", Title: "Three", Claim: "Three is three.", Cite: "none", Query: Query(&s)}}
}

// Truth: the registry's contract, as Register and Experiments document it.
func TestATrivialExperimentRegistersOnceAndIsListed(t *testing.T) {
	Register(Experiment{Name: "trivial", Order: 99, Title: "Trivial", Synopsis: "count to n",
		Gallery: "Trivial", Lede: "Counts.",
		Defaults: func(string) any { return &trivial{N: 1} }, Presets: trivialPresets})
	// The experiments' own packages register them (this package's tests
	// link none of them); one more, registered later with a lower Order,
	// is listed first.
	Register(Experiment{Name: "early", Order: 1, Defaults: func(string) any { return &trivial{N: 1} }, Presets: trivialPresets})
	names := []string{}
	for _, e := range Experiments() {
		names = append(names, e.Name)
	}
	if want := []string{"early", "trivial"}; !slices.Equal(names, want) {
		t.Errorf("Experiments() = %v; want %v (by Order)", names, want)
	}
	e, ok := Find("trivial")
	if !ok || e.Page() != "/trivial" || e.Worker() != "worker-trivial.wasm" {
		t.Fatalf("Find(trivial) = %+v, %v; want page /trivial and worker-trivial.wasm", e, ok)
	}
	// A preset's link query opens the same spec from the defaults, as the
	// page and the CLI read it.
	spec := e.Defaults("").(*trivial)
	if notices := ParseQuery(e.Presets()[0].Query, spec); len(notices) > 0 || spec.N != 3 {
		t.Errorf("the preset's query gives %+v (notices %v); want n = 3", spec, notices)
	}
	if err := (&trivial{N: 11}).Validate(); err == nil || !strings.Contains(err.Error(), "[1, 10]") {
		t.Errorf("n = 11: error %v; want the allowed range", err)
	}
	for _, bad := range []Experiment{
		{Name: "trivial", Defaults: e.Defaults, Presets: e.Presets}, // taken
		{Name: "", Defaults: e.Defaults, Presets: e.Presets},
		{Name: "nodefaults", Presets: e.Presets},
		{Name: "nopresets", Defaults: e.Defaults},
	} {
		if msg := panicOf(func() { Register(bad) }); msg == "" {
			t.Errorf("Register(%q) accepted a bad declaration", bad.Name)
		}
	}
}

func panicOf(f func()) (msg string) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprint(p)
		}
	}()
	f()
	return ""
}
