package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// smallPaths holds flags for a paths run that takes a fraction of a second:
// a 10-6-5 pair on 100 mixture samples and mean-field widths 8 and 16.
var smallPaths = []string{
	"-samples", "100", "-test", "50", "-hidden", "6", "-epochs", "8",
	"-steps", "8", "-sharpness", "3", "-resolution", "20",
	"-widths", "8,16", "-width", "16", "-seeds", "2",
	"-mfsamples", "80", "-mftest", "40", "-mfepochs", "2", "-quiet",
}

func pathsArgs(extra ...string) []string {
	return append(append([]string{"paths"}, smallPaths...), extra...)
}

// pathsJSON is the -json output as README.md specifies it ("overparam
// paths and overparam doubledescent"), declared here so
// that a renamed key fails the tests.
type pathsJSON struct {
	Spec  map[string]json.RawMessage `json:"spec"`
	Paths []struct {
		Name      string    `json:"name"`
		Alpha     []float64 `json:"alpha"`
		TrainLoss []float64 `json:"train_loss"`
		TestLoss  []float64 `json:"test_loss"`
		TrainAcc  []float64 `json:"train_acc"`
		TestAcc   []float64 `json:"test_acc"`
		Segments  []float64 `json:"segments"`
		Sharpness []struct {
			Alpha float64 `json:"alpha"`
			Top   float64 `json:"top"`
		} `json:"sharpness"`
		Barrier *float64 `json:"barrier"`
	} `json:"paths"`
	Widths []struct {
		Width          int      `json:"width"`
		LinearBarrier  *float64 `json:"linear_barrier"`
		DropoutBarrier *float64 `json:"dropout_barrier"`
		DropoutDelta   *float64 `json:"dropout_delta"`
		DeltaQ1        *float64 `json:"delta_q1"`
		DeltaQ3        *float64 `json:"delta_q3"`
		Seeds          int      `json:"seeds"`
	} `json:"widths"`
	Dropout []struct {
		Width int       `json:"width"`
		M     []int     `json:"m"`
		Delta []float64 `json:"delta"`
	} `json:"dropout"`
}

// widthKeys are the snake_case keys of a widths entry.
var widthKeys = []string{"width", "linear_barrier", "dropout_barrier", "dropout_delta", "linear_q1", "linear_q3", "dropout_q1", "dropout_q3", "delta_q1", "delta_q3", "seeds"}

func TestPathsJSONFollowsTheSchema(t *testing.T) {
	for _, c := range []struct {
		name, pathName string
		args           []string
		acc            bool
	}{
		{"small vs large batch on a mixture", "linear (small vs large batch)", nil, true},
		{"two seeds on teacher–student regression", "linear (two seeds)", []string{"-pair", "seeds", "-data", "teacher", "-loss", "mse"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := mustRun(t, pathsArgs(append(c.args, "-json")...)...)
			var r pathsJSON
			if err := decodeOne(o.stdout, &r); err != nil {
				t.Fatalf("stdout is not one JSON object: %v\n%.300s", err, o.stdout)
			}
			var raw struct {
				Widths []map[string]json.RawMessage `json:"widths"`
			}
			json.Unmarshal([]byte(o.stdout), &raw)
			for _, k := range widthKeys {
				if _, ok := raw.Widths[0][k]; !ok {
					t.Errorf("widths[0] has no key %q", k)
				}
			}
			for _, k := range []string{"pair", "widths", "seeds", "width", "smallbatch", "largebatch", "resolution", "sharpness"} {
				if _, ok := r.Spec[k]; !ok {
					t.Errorf("spec has no key %q", k)
				}
			}
			names := []string{c.pathName, "linear", "piecewise"}
			lens := []int{41, 11, 11} // 2·20+1 on [−½, 3/2]; 20/2+1 on [0, 1]
			if len(r.Paths) != 3 {
				t.Fatalf("%d paths, want 3", len(r.Paths))
			}
			for i, p := range r.Paths {
				if p.Name != names[i] || len(p.Alpha) != lens[i] || len(p.TrainLoss) != lens[i] || len(p.TestLoss) != lens[i] || p.Barrier == nil {
					t.Errorf("path %d: %q with %d α, %d and %d losses, barrier %v; want %q with %d", i, p.Name, len(p.Alpha), len(p.TrainLoss), len(p.TestLoss), p.Barrier, names[i], lens[i])
				}
				if wantAcc := c.acc && i == 0; (p.TrainAcc != nil) != wantAcc || (p.TestAcc != nil) != wantAcc {
					t.Errorf("path %d: accuracies present = %v, want %v", i, p.TrainAcc != nil, wantAcc)
				}
			}
			if s := r.Paths[0].Sharpness; len(s) != 3 || s[0].Alpha != 0 || s[1].Alpha != 0.5 || s[2].Alpha != 1 {
				t.Errorf("sharpness %+v, want α = 0, ½, 1 (-sharpness 3)", s)
			}
			if seg := r.Paths[2].Segments; len(seg) != 6 || seg[0] != 0 || seg[5] != 1 {
				t.Errorf("piecewise segments %v, want 6 boundaries from 0 to 1", seg)
			}
			if len(r.Widths) != 2 || r.Widths[1].Width != 16 || r.Widths[1].Seeds != 2 || r.Widths[1].DropoutDelta == nil {
				t.Errorf("widths %+v", r.Widths)
			}
			if len(r.Dropout) != 2 || fmt.Sprint(r.Dropout[1].M) != "[2 4 8]" || len(r.Dropout[1].Delta) != 3 {
				t.Errorf("dropout %+v, want width 16 with M = 2, 4, 8", r.Dropout)
			}
		})
	}
}

func TestPathsTextReportAgreesWithJSON(t *testing.T) {
	var r pathsJSON
	if err := decodeOne(mustRun(t, pathsArgs("-json")...).stdout, &r); err != nil {
		t.Fatal(err)
	}
	o := mustRun(t, pathsArgs()...)
	want := []string{
		"linear (small vs large batch): 10-6-5 tanh ce on mixture",
		fmt.Sprintf("barrier %.4g on [0, 1]", *r.Paths[0].Barrier),
		fmt.Sprintf("linear barrier %.4g, piecewise barrier %.4g", *r.Paths[1].Barrier, *r.Paths[2].Barrier),
		fmt.Sprintf("%.6g", r.Paths[0].Sharpness[2].Top),
		fmt.Sprintf("%.4g [%.4g, %.4g]", *r.Widths[1].DropoutDelta, *r.Widths[1].DeltaQ1, *r.Widths[1].DeltaQ3),
		fmt.Sprintf("%.4g", r.Dropout[0].Delta[0]),
	}
	for _, w := range want {
		if !strings.Contains(o.stdout, w) {
			t.Errorf("the text report does not contain %q:\n%s", w, o.stdout)
		}
	}
}

func TestPathsBadInputExitsTwoNamingTheFlag(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"a width out of range", []string{"-widths", "8,4096"}, "widths: entry 4096 is out of range; allowed: up to 12 entries, each in [4, 2048]"},
		{"an odd width", []string{"-widths", "8,15", "-width", "8"}, "widths: 15 is odd"},
		{"an unknown pair", []string{"-pair", "three"}, `pair = "three" is not allowed; choose one of batch, seeds`},
		{"too many seeds", []string{"-seeds", "17"}, "seeds = 17 is out of range; allowed: [1, 16]"},
		{"a width not swept", []string{"-width", "32"}, "width = 32 is not one of widths"},
		{"a malformed list", []string{"-widths", "8;16"}, "widths"},
		{"an unknown flag", []string{"-depth", "3"}, "-depth"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := run(t, pathsArgs(c.args...)...)
			if o.code != 2 || !strings.Contains(o.stderr, c.want) {
				t.Errorf("exit status %d, stderr %q; want 2 and %q", o.code, o.stderr, c.want)
			}
			if o.stdout != "" {
				t.Errorf("printed %.200q on stdout", o.stdout)
			}
		})
	}
}

func TestPathsFailureExitsOneNamingWhere(t *testing.T) {
	// An SGD step of 10·N on every neuron's gradient overflows the loss.
	o := run(t, pathsArgs("-mflr", "10", "-json")...)
	if o.code != 1 || !strings.Contains(o.stderr, "width 8: seed 1") || !strings.Contains(o.stderr, "diverged at step") {
		t.Errorf("exit status %d, stderr %q; want 1 naming the width, seed and step", o.code, o.stderr)
	}
	if o.stdout != "" {
		t.Errorf("printed %.200q on stdout, want nothing on an error", o.stdout)
	}
}

func TestPathsHelpListsEveryFlag(t *testing.T) {
	o := run(t, "paths", "-h")
	if o.code != 0 {
		t.Fatalf("exit status %d", o.code)
	}
	for _, f := range []string{"-pair", "-widths", "-width", "-seeds", "-data", "-hidden", "-epochs", "-lr", "-smallbatch", "-largebatch", "-momentum", "-seed", "-mflr", "-json"} {
		if !strings.Contains(o.stderr, f+" ") && !strings.Contains(o.stderr, f+"\n") {
			t.Errorf("-h does not list %s", f)
		}
	}
}
