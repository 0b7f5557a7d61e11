package main

import (
	"strings"
	"testing"
)

// smallCompression holds flags for a compression run of about a second.
var smallCompression = []string{
	"-bits", "1,3", "-n0s", "16,64", "-trials", "2", "-widths", "8,24",
	"-samples", "300", "-test", "100", "-calib", "50", "-epochs", "2", "-quiet",
}

// compressionJSON is the -json output as README.md specifies it ("overparam
// compression"), declared here so that a renamed key fails the tests.
type compressionJSON struct {
	Spec struct {
		Model string `json:"model"`
		Bits  []int  `json:"bits"`
	} `json:"spec"`
	Law []struct {
		Bits      int       `json:"bits"`
		Levels    int       `json:"levels"`
		N0        []int     `json:"n0"`
		GPFQ      []float64 `json:"gpfq"`
		GPFQSE    []float64 `json:"gpfq_se"`
		MSQ       []float64 `json:"msq"`
		MSQSE     []float64 `json:"msq_se"`
		Reference []float64 `json:"reference"`
		GPFQSlope *float64  `json:"gpfq_slope"`
		MSQSlope  *float64  `json:"msq_slope"`
	} `json:"law"`
	Widths []struct {
		Width int      `json:"width"`
		Float *float64 `json:"float"`
		Quant []struct {
			Bits       int       `json:"bits"`
			GPFQ       *float64  `json:"gpfq"`
			MSQ        *float64  `json:"msq"`
			GPFQLayers []float64 `json:"gpfq_layers"`
			MSQLayers  []float64 `json:"msq_layers"`
		} `json:"quant"`
	} `json:"widths"`
	Histogram *struct {
		Edges  []float64 `json:"edges"`
		Counts []float64 `json:"counts"`
		Levels []float64 `json:"levels"`
	} `json:"histogram"`
}

// Truth: the schema README.md states for `overparam compression -json`,
// and the flags given: two bit-widths (2^b+1 levels), two N₀, two widths
// with two layers each.
func TestCompressionJSONFollowsTheSchema(t *testing.T) {
	o := mustRun(t, append(append([]string{"compression"}, smallCompression...), "-json")...)
	var r compressionJSON
	if err := decodeOne(o.stdout, &r); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%.300s", err, o.stdout)
	}
	if r.Spec.Model != "gpfq" || len(r.Law) != 2 || r.Law[1].Bits != 3 || r.Law[1].Levels != 9 {
		t.Fatalf("spec %+v, law %+v; want bits 1 and 3 with 3 and 9 levels", r.Spec, r.Law)
	}
	for _, l := range r.Law {
		if len(l.N0) != 2 || len(l.GPFQ) != 2 || len(l.GPFQSE) != 2 || len(l.MSQ) != 2 || len(l.MSQSE) != 2 || len(l.Reference) != 2 || l.GPFQSlope == nil || l.MSQSlope == nil {
			t.Errorf("law entry %+v; want two N₀ with errors, standard errors, reference and slopes", l)
		}
	}
	if len(r.Widths) != 2 || r.Widths[1].Width != 24 || r.Widths[1].Float == nil {
		t.Fatalf("widths %+v", r.Widths)
	}
	for _, w := range r.Widths {
		for _, q := range w.Quant {
			if q.GPFQ == nil || q.MSQ == nil || len(q.GPFQLayers) != 2 || len(q.MSQLayers) != 2 {
				t.Errorf("width %d: quant %+v; want accuracies and two layer errors", w.Width, q)
			}
		}
	}
	if r.Histogram == nil || len(r.Histogram.Edges) != len(r.Histogram.Counts)+1 || len(r.Histogram.Levels) == 0 {
		t.Errorf("histogram %+v", r.Histogram)
	}
}

// Truth: the command's documented behaviour (README.md, "The CLI"): a text
// summary by default, -preset starting from a page preset, and a range
// error naming the flag with exit status 2.
func TestCompressionTextPresetAndErrors(t *testing.T) {
	o := mustRun(t, append([]string{"compression"}, smallCompression...)...)
	for _, want := range []string{"log-log slope: GPFQ", "MLPs 196–width–10"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, o.stdout)
		}
	}
	bad := run(t, "compression", "-bits", "9", "-quiet")
	if bad.code != 2 || !strings.Contains(bad.stderr, "bits") || !strings.Contains(bad.stderr, "[1, 8]") {
		t.Errorf("-bits 9: status %d, stderr %q; want 2 and the range", bad.code, bad.stderr)
	}
	unknown := run(t, "compression", "-preset", "nope", "-quiet")
	if unknown.code != 2 || !strings.Contains(unknown.stderr, "compression-gpfq") {
		t.Errorf("-preset nope: status %d, stderr %q; want 2 and the list", unknown.code, unknown.stderr)
	}
}

// Truth: README.md, "overparam compression": -model sparse starts from the
// sparse defaults (4,000 digits) and prints SET, RigL and one DST-EE run
// per c, whose -json holds a run each with step, accuracy and coverage
// series of equal length.
func TestCompressionSparseModel(t *testing.T) {
	args := []string{"compression", "-model", "sparse", "-steps", "120", "-every", "40", "-hidden", "20", "-logc", "-3", "-quiet"}
	o := mustRun(t, args...)
	if !strings.Contains(o.stdout, "on 4000 digits") || !strings.Contains(o.stdout, "DST-EE c=0.001") || !strings.Contains(o.stdout, "RigL") {
		t.Errorf("the sparse summary:\n%s", o.stdout)
	}
	var r struct {
		Sparse []struct {
			Method   string    `json:"method"`
			C        float64   `json:"c"`
			Step     []int     `json:"step"`
			Accuracy []float64 `json:"accuracy"`
			Coverage []float64 `json:"coverage"`
			Updates  int       `json:"updates"`
			Moved    int       `json:"moved"`
			Active   []int     `json:"active"`
			Mask     []int     `json:"mask"`
		} `json:"sparse"`
	}
	if err := decodeOne(mustRun(t, append(args, "-json")...).stdout, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Sparse) != 3 || r.Sparse[2].C != 0.001 {
		t.Fatalf("runs %+v; want SET, RigL and DST-EE at c = 0.001", r.Sparse)
	}
	for _, run := range r.Sparse {
		if len(run.Step) != 4 || len(run.Accuracy) != 4 || len(run.Coverage) != 4 || run.Updates != 2 || len(run.Active) != 2 || len(run.Mask) != run.Active[0] {
			t.Errorf("%s: %+v; want 4 points (steps 0, 40, 80, 120) and 2 updates (40, 80 < 90)", run.Method, run)
		}
	}
}
