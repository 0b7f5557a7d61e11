package main

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
)

// ddSmall holds flags per model for a double-descent run that takes a
// fraction of a second.
var ddSmall = map[string][]string{
	"linear":   {"-model", "linear", "-n", "20", "-sizes", "5,19,20,21,40", "-repeats", "3"},
	"features": {"-model", "features", "-n", "30", "-dim", "10", "-test", "40", "-sizes", "10,30,60", "-ridge", "0.01", "-repeats", "2"},
	"mlp":      {"-model", "mlp", "-n", "60", "-test", "40", "-epochs", "5", "-sizes", "2,8", "-repeats", "2"},
	"digits":   {"-model", "mlp", "-data", "digits", "-n", "60", "-test", "40", "-epochs", "3", "-sizes", "2,8", "-repeats", "2"},
	"lstd":     {"-model", "lstd", "-states", "30", "-n", "20", "-dim", "4", "-sizes", "5,16,40", "-repeats", "2"},
}

func ddArgs(model string, extra ...string) []string {
	args := append([]string{"doubledescent", "-quiet"}, ddSmall[model]...)
	return append(args, extra...)
}

// ddStatJSON and ddResultJSON are the -json output as README.md specifies
// it ("overparam paths and overparam doubledescent"), declared here rather than reusing doubledescent.Result so that a
// renamed JSON key fails the tests.
type ddStatJSON struct {
	Size       int       `json:"size"`
	X          float64   `json:"x"`
	Mean       float64   `json:"mean"`
	Median     float64   `json:"median"`
	Q1         float64   `json:"q1"`
	Q3         float64   `json:"q3"`
	Theory     *float64  `json:"theory"`
	Asymptotic *float64  `json:"asymptotic"`
	Values     []float64 `json:"values"`
}

type ddResultJSON struct {
	Spec struct {
		Model   string `json:"model"`
		Sizes   []int  `json:"sizes"`
		Repeats int    `json:"repeats"`
	} `json:"spec"`
	XLabel string       `json:"x_label"`
	Points []ddStatJSON `json:"points"`
	Curves []struct {
		Name   string       `json:"name"`
		Points []ddStatJSON `json:"points"`
	} `json:"curves"`
	Threshold *float64 `json:"threshold"`
}

func TestDoubleDescentJSONFollowsTheSchema(t *testing.T) {
	cases := []struct {
		model, xLabel string
		curves        []string
		theory        bool
	}{
		{"linear", "p/n", []string{"ridge λ=0.1", "optimal ridge"}, true},
		{"features", "N/n", []string{"ridge λ=0.01"}, true},
		{"mlp", "width", []string{"train error", "kNN recognition"}, false},
		{"digits", "width", []string{"train error", "kNN recognition"}, false},
		{"lstd", "N/m", []string{"empirical MSBE"}, false},
	}
	for _, c := range cases {
		t.Run(c.model, func(t *testing.T) {
			o := mustRun(t, ddArgs(c.model, "-json")...)
			var r ddResultJSON
			if err := decodeOne(o.stdout, &r); err != nil {
				t.Fatalf("stdout is not exactly one JSON object: %v\n%.500s", err, o.stdout)
			}
			if r.XLabel != c.xLabel || len(r.Points) != len(r.Spec.Sizes) || len(r.Curves) != len(c.curves) {
				t.Fatalf("x_label %q, %d points for %d sizes, %d curves; want %q, one point per size, %d curves", r.XLabel, len(r.Points), len(r.Spec.Sizes), len(r.Curves), c.xLabel, len(c.curves))
			}
			for i, name := range c.curves {
				if r.Curves[i].Name != name || len(r.Curves[i].Points) != len(r.Points) {
					t.Errorf("curve %d is %q with %d points; want %q with %d", i, r.Curves[i].Name, len(r.Curves[i].Points), name, len(r.Points))
				}
			}
			for i, p := range r.Points {
				if p.Size != r.Spec.Sizes[i] || len(p.Values) != r.Spec.Repeats {
					t.Errorf("point %d: size %d with %d values; want size %d with one value per repeat (%d)", i, p.Size, len(p.Values), r.Spec.Sizes[i], r.Spec.Repeats)
				}
				if !(p.Q1 <= p.Median && p.Median <= p.Q3) || math.IsNaN(p.Mean) {
					t.Errorf("size %d: q1 %g, median %g, q3 %g, mean %g: want ordered finite statistics", p.Size, p.Q1, p.Median, p.Q3, p.Mean)
				}
				if c.theory && p.Theory == nil && math.Abs(p.X-1) > 0.1 {
					t.Errorf("size %d: no theory away from the threshold", p.Size)
				}
			}
			if c.model != "mlp" && c.model != "digits" && (r.Threshold == nil || *r.Threshold != 1) {
				t.Errorf("threshold %v, want 1", r.Threshold)
			}
		})
	}
}

func TestDoubleDescentLinearTheoryIsAbsentOnlyWhereTheMeanIsInfinite(t *testing.T) {
	// Truth: theory.MinNormRisk: the exact mean is infinite for p ∈ {n−1,
	// n, n+1} (here 19, 20, 21 with n = 20) and finite elsewhere.
	var r ddResultJSON
	if err := decodeOne(mustRun(t, ddArgs("linear", "-json")...).stdout, &r); err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Points {
		if infinite := p.Size >= 19 && p.Size <= 21; infinite != (p.Theory == nil) {
			t.Errorf("p=%d: theory %v", p.Size, p.Theory)
		}
	}
}

func TestDoubleDescentBadInputExitsTwoNamingTheFlag(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"too few repeats", []string{"-repeats", "0"}, []string{"repeats", "[1, 64]"}},
		{"an unknown model", []string{"-model", "svm"}, []string{"model", "linear, features, mlp, lstd"}},
		{"negative noise", []string{"-noise", "-1"}, []string{"noise", "[0, 100]"}},
		{"unsorted sizes", []string{"-sizes", "40,20"}, []string{"sizes", "strictly increasing"}},
		{"a size that is not a number", []string{"-sizes", "4,x"}, []string{"sizes", "whole numbers"}},
		{"label noise above one", []string{"-model", "mlp", "-noise", "2"}, []string{"noise", "[0, 1]"}},
		{"an unknown preset", []string{"-preset", "nope"}, []string{"preset", "lstd-coverage"}},
		{"an unknown flag", []string{"-bogus", "1"}, []string{"bogus"}},
		{"a sweep too large for a browser", []string{"-n", "10000", "-sizes", "5000,10000", "-repeats", "64"}, []string{"limit"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := run(t, append([]string{"doubledescent", "-quiet"}, c.args...)...)
			if o.code != 2 {
				t.Fatalf("exit status %d, want 2; stderr:\n%s", o.code, o.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(o.stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, o.stderr)
				}
			}
			if o.stdout != "" {
				t.Errorf("printed %.200q on stdout, want nothing", o.stdout)
			}
		})
	}
}

func TestDoubleDescentFailedRunExitsOne(t *testing.T) {
	// With one feature, one transition and seed 4, the only feature is 0 at
	// the only visited state (φ(s₀) = max(w e_s₀, 0) = 0), so A = 0 and
	// unregularised LSTD has no solution: the run fails naming the size
	// and repeat.
	o := run(t, "doubledescent", "-quiet", "-json", "-model", "lstd", "-states", "2", "-n", "1", "-dim", "1", "-sizes", "1", "-ridge", "0", "-repeats", "1", "-seed", "4")
	if o.code != 1 || !strings.Contains(o.stderr, "size 1, repeat 1") || !strings.Contains(o.stderr, "singular") {
		t.Fatalf("exit status %d, stderr %q; want 1 and a message naming size 1, repeat 1 and the singular system", o.code, o.stderr)
	}
	if o.stdout != "" {
		t.Errorf("printed %.200q on stdout, want nothing on an error", o.stdout)
	}
}

func TestDoubleDescentIsDeterministicAndFollowsTheSeed(t *testing.T) {
	for model := range ddSmall {
		t.Run(model, func(t *testing.T) {
			a, b := mustRun(t, ddArgs(model, "-json")...), mustRun(t, ddArgs(model, "-json")...)
			if a.stdout != b.stdout {
				t.Error("two runs with the same flags printed different JSON")
			}
			if c := mustRun(t, ddArgs(model, "-json", "-seed", "2")...); c.stdout == a.stdout {
				t.Error("seeds 1 and 2 printed the same JSON")
			}
		})
	}
}

func TestDoubleDescentTextReportAgreesWithJSON(t *testing.T) {
	for _, model := range []string{"linear", "lstd"} {
		t.Run(model, func(t *testing.T) {
			var r ddResultJSON
			if err := decodeOne(mustRun(t, ddArgs(model, "-json")...).stdout, &r); err != nil {
				t.Fatal(err)
			}
			o := mustRun(t, ddArgs(model, "-quiet=false")...)
			want := []string{r.XLabel, "interpolation threshold"}
			for _, p := range r.Points {
				want = append(want, fmt.Sprintf("%.5g", p.Median), fmt.Sprintf("%.5g", p.Q3))
			}
			for _, c := range r.Curves {
				want = append(want, c.Name, fmt.Sprintf("%.5g", c.Points[0].Mean))
			}
			for _, w := range want {
				if !strings.Contains(o.stdout, w) {
					t.Errorf("the text report does not contain %q:\n%s", w, o.stdout)
				}
			}
			if !strings.Contains(o.stderr, "done in") {
				t.Errorf("without -quiet, stderr does not report progress:\n%s", o.stderr)
			}
		})
	}
}

func TestDoubleDescentModelFlagStartsFromItsPreset(t *testing.T) {
	// Truth: doubledescent.DefaultFor("lstd"); a later flag
	// overrides the preset, in either order.
	want := doubledescent.DefaultFor("lstd")
	for _, args := range [][]string{{"-model", "lstd", "-repeats", "1"}, {"-repeats", "1", "--model=lstd"}, {"-preset", "lstd", "-repeats", "1"}} {
		var r struct {
			Spec struct {
				States  int   `json:"states"`
				Sizes   []int `json:"sizes"`
				Repeats int   `json:"repeats"`
			} `json:"spec"`
		}
		o := mustRun(t, append([]string{"doubledescent", "-quiet", "-json"}, args...)...)
		if err := decodeOne(o.stdout, &r); err != nil {
			t.Fatal(err)
		}
		if r.Spec.States != want.States || !slices.Equal(r.Spec.Sizes, want.Sizes) || r.Spec.Repeats != 1 {
			t.Errorf("%v: spec %+v; want the lstd preset with repeats 1", args, r.Spec)
		}
	}
}
