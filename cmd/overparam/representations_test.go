package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// smallRep holds flags for a representations run of a fraction of a
// second: a 20-12×3-10 MLP, 200 steps, two seeds.
var smallRep = []string{"-samples", "400", "-width", "12", "-layers", "3", "-steps", "200", "-every", "50", "-probe", "100", "-seeds", "2", "-quiet"}

func repArgs(extra ...string) []string {
	return append(append([]string{"representations"}, smallRep...), extra...)
}

// Truth: the result's JSON as README.md's "overparam representations"
// names its keys, and the definitions of the result (one similarity curve
// per layer ending at 1, one row of distances per seed).
func TestRepresentationsJSONFollowsTheSchema(t *testing.T) {
	o := mustRun(t, repArgs("-json")...)
	var r struct {
		Spec  map[string]json.RawMessage `json:"spec"`
		SVCCA struct {
			Steps    []int       `json:"steps"`
			Mean     [][]float64 `json:"mean"`
			Distance [][]float64 `json:"distance"`
			T90      [][]int     `json:"t90"`
			BottomUp *int        `json:"bottom_up"`
			Spearman *float64    `json:"spearman"`
			First    struct {
				Layers []struct {
					Similarity []float64 `json:"similarity"`
					Rho        []float64 `json:"rho"`
					Directions int       `json:"directions"`
				} `json:"layers"`
				Grids []struct {
					Step int         `json:"step"`
					Sim  [][]float64 `json:"sim"`
				} `json:"grids"`
			} `json:"first"`
		} `json:"svcca"`
	}
	if err := decodeOne(o.stdout, &r); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%.300s", err, o.stdout)
	}
	sv := r.SVCCA
	if len(sv.Steps) != 5 || len(sv.Mean) != 3 || len(sv.Distance) != 2 || len(sv.T90) != 2 || sv.BottomUp == nil || sv.Spearman == nil {
		t.Fatalf("steps %v, %d curves, %d distance rows, %d t90 rows; want 5 snapshots, 3 layers, 2 seeds", sv.Steps, len(sv.Mean), len(sv.Distance), len(sv.T90))
	}
	for l, y := range sv.Mean {
		if y[len(y)-1] != 1 {
			t.Errorf("layer %d: similarity of the final snapshot to itself = %v; want 1", l+1, y[len(y)-1])
		}
	}
	if len(sv.First.Layers) != 3 || len(sv.First.Grids) != 3 || len(sv.First.Grids[2].Sim) != 3 {
		t.Errorf("first network: %d layers, %d grids; want 3 and 3 (3×3)", len(sv.First.Layers), len(sv.First.Grids))
	}
	if string(r.Spec["model"]) != `"svcca"` {
		t.Errorf("spec.model = %s", r.Spec["model"])
	}
}

// Truth: the page's link and the command's flags are one spec, so `run
// -link` prints the command's -json result byte for byte.
func TestRepresentationsLinkRunEqualsTheCommand(t *testing.T) {
	o := mustRun(t, repArgs("-json")...)
	link := "/representations?samples=400&width=12&layers=3&steps=200&every=50&probe=100&seeds=2"
	l := mustRun(t, "run", "-quiet", "-link", link)
	if l.stdout != o.stdout {
		t.Errorf("run -link %s printed a different result from the command's -json", link)
	}
}

// Truth: the spec's ranges (tags) and Validate's rules, stated in its
// messages.
func TestRepresentationsRefusesBadSpecs(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-layers", "1"}, "at least 2"},
		{[]string{"-every", "500"}, "every = 500"},
		{[]string{"-batch", "1000"}, "batch = 1000"},
		{[]string{"-steps", "100000", "-seeds", "8", "-width", "256", "-every", "10"}, "limit"},
		{[]string{"-preset", "nope"}, "representations-svcca"},
	} {
		o := run(t, repArgs(c.args...)...)
		if o.code != 2 || !strings.Contains(o.stderr, c.want) {
			t.Errorf("%v: status %d, %q; want 2 and %q", c.args, o.code, o.stderr, c.want)
		}
	}
}

// Truth: the command's own summary format: one row per snapshot and one
// line per seed.
func TestRepresentationsSummaryShowsEveryLayerAndSeed(t *testing.T) {
	o := mustRun(t, repArgs()...)
	for _, want := range []string{"layer 1", "layer 3", "     200    1.0000    1.0000    1.0000", "seed 1: A = ", "seed 2: A = ", "networks; Spearman(depth, t90)"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, o.stdout)
		}
	}
}

// Truth: the command's own output. README.md's example of the default
// run ("overparam representations") shows lines it prints, character for
// character ("..." marks lines left out).
func TestREADMEExampleIsWhatTheDefaultRepresentationsPrints(t *testing.T) {
	checkREADMEExample(t, "representations")
}

// Truth: `-model mhe` starts from the MHE defaults (as the page link
// "model=mhe" does), so the command and `run -link` give the same bytes,
// and the summary prints one row per λ.
func TestRepresentationsMHECommandAndLinkAgree(t *testing.T) {
	args := []string{"representations", "-model", "mhe", "-steps", "100", "-samples", "200", "-lambdas", "3", "-seeds", "2", "-quiet"}
	o := mustRun(t, append(args, "-json")...)
	l := mustRun(t, "run", "-quiet", "-link", "/representations?model=mhe&steps=100&samples=200&lambdas=3&seeds=2")
	if l.stdout != o.stdout {
		t.Error("run -link printed a different result from the command's -json")
	}
	var r struct {
		MHE struct {
			Lambdas []float64 `json:"lambdas"`
			Energy  []float64 `json:"energy"`
			Units0  []float64 `json:"units0"`
			Minimum float64   `json:"minimum"`
		} `json:"mhe"`
	}
	if err := decodeOne(o.stdout, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.MHE.Lambdas) != 3 || len(r.MHE.Energy) != 3 || len(r.MHE.Units0) != 36 || r.MHE.Minimum != 49.165253058 {
		t.Errorf("mhe: λ %v, energy %v, %d unit numbers, minimum %v; want 3 λ, 12 units in R³ and the icosahedron's energy", r.MHE.Lambdas, r.MHE.Energy, len(r.MHE.Units0), r.MHE.Minimum)
	}
	s := mustRun(t, args...)
	for _, want := range []string{"least possible 49.1653", "\n        0  ", "\n      0.1  ", "\n        1  "} {
		if !strings.Contains(s.stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, s.stdout)
		}
	}
}
