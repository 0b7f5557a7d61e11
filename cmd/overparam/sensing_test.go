package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// sensingJSON is the -json output as README.md specifies it ("overparam
// sensing"), declared here so that a renamed key fails the tests.
type sensingJSON struct {
	Spec   map[string]json.RawMessage `json:"spec"`
	Norm   *float64                   `json:"norm"`
	Curves []struct {
		K           int       `json:"k"`
		Alpha       float64   `json:"alpha"`
		Outliers    *float64  `json:"outliers"`
		Method      string    `json:"method"`
		Step        []int     `json:"step"`
		Error       []float64 `json:"error"`
		Relative    []float64 `json:"relative"`
		Final       *float64  `json:"final"`
		LogLog      *float64  `json:"loglog_slope"`
		Late        *float64  `json:"late_slope"`
		Predicted   float64   `json:"predicted_slope"`
		Spurious    float64   `json:"spurious_slope"`
		Rebalanced  int       `json:"rebalanced"`
		Change      *float64  `json:"rebalance_change"`
		TheoryStep  []int     `json:"theory_step"`
		TheoryError []float64 `json:"theory_error"`
	} `json:"curves"`
}

// Truth: README.md, "overparam sensing": every key it names is in the
// JSON, one curve per α of the preset, with the rebalancing it asks for;
// and run -link of the preset's link prints the same bytes.
func TestSensingJSONHasTheKeysTheREADMENames(t *testing.T) {
	o := mustRun(t, "sensing", "-quiet", "-json", "-preset", "sensing-rebalance", "-steps", "1200")
	var r sensingJSON
	if err := decodeOne(o.stdout, &r); err != nil {
		t.Fatal(err)
	}
	if r.Norm == nil || len(r.Curves) != 3 || r.Spec["init"] == nil {
		t.Fatalf("norm %v, %d curves, spec %v", r.Norm, len(r.Curves), r.Spec)
	}
	for _, c := range r.Curves {
		if c.Method != "gd" || c.K != 5 || len(c.Step) == 0 || len(c.Step) != len(c.Error) || len(c.Step) != len(c.Relative) ||
			c.Final == nil || c.LogLog == nil || c.Late == nil || c.Outliers == nil {
			t.Errorf("α = %g: a curve lacks keys or series: %+v", c.Alpha, c)
		}
		if c.Rebalanced != 1000 || c.Change == nil || c.Predicted == 0 || c.Spurious == 0 || len(c.TheoryStep) != len(c.TheoryError) {
			t.Errorf("α = %g: rebalanced %d, change %v, predicted %g, spurious %g", c.Alpha, c.Rebalanced, c.Change, c.Predicted, c.Spurious)
		}
	}
	link := mustRun(t, "run", "-quiet", "-link", "/sensing?v=1&param=asymmetric&k=5&init=0.1,0.03,0.01&rebalance=1000&steps=1200").stdout
	if link != o.stdout {
		t.Errorf("run -link differs from sensing -json:\n%.300s\n%.300s", link, o.stdout)
	}
}

// Truth: the command's own output, as README.md shows it ("$ bin/overparam
// sensing"; its "..." marks lines left out).
func TestREADMEExampleIsWhatTheDefaultSensingPrints(t *testing.T) {
	checkREADMEExample(t, "sensing")
}

// Truth: the spec's ranges and Validate: a bad flag or a refused
// combination exits with status 2 and a message naming the key.
func TestSensingRefusesBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-n", "1000"}, "n = 1000 is out of range; allowed: [2, 200]"},
		{[]string{"-init", "0.1,x"}, "init: \"0.1,x\" is not a comma-separated list of finite numbers"},
		{[]string{"-loss", "l1"}, "loss = l1 needs measurements > 0"},
		{[]string{"-preset", "nope"}, "-preset \"nope\" is not a preset"},
	} {
		o := run(t, append([]string{"sensing", "-quiet"}, c.args...)...)
		if o.code != 2 || !strings.Contains(o.stderr, c.want) {
			t.Errorf("sensing %v: status %d, stderr %q; want 2 and %q", c.args, o.code, o.stderr, c.want)
		}
	}
}
