package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// smallSharpness holds flags for a sharpness run of a fraction of a second.
var smallSharpness = []string{"sharpness", "-samples", "40", "-hidden", "6,5", "-edges", "10,20", "-steps", "120", "-zoom", "10", "-quiet"}

// Truth: README.md, "overparam sharpness": the -json keys it lists, and
// the summary lines the command documents (edge, Lanczos products, slope,
// catapult table); `run -link` of the same link prints the same JSON.
func TestSharpnessPrintsItsSummaryAndItsDocumentedJSON(t *testing.T) {
	o := mustRun(t, smallSharpness...)
	for _, want := range []string{"η = 0.2: edge 10", "Hessian-vector products per tracked step", "slope of log λ_end against log η", "catapult toy"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, o.stdout)
		}
	}
	j := mustRun(t, append(smallSharpness, "-json")...)
	var res map[string]json.RawMessage
	if err := json.Unmarshal([]byte(j.stdout), &res); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"spec", "points", "slope", "catapult"} {
		if _, ok := res[k]; !ok {
			t.Errorf("-json has no key %q", k)
		}
	}
	var pts []map[string]json.RawMessage
	if err := json.Unmarshal(res["points"], &pts); err != nil || len(pts) != 2 {
		t.Fatalf("points: %v (%d)", err, len(pts))
	}
	for _, k := range []string{"lr", "edge", "steps", "loss", "eigs", "t_star", "plateau", "loss_up_before", "loss_up_after", "lambda_end", "mean_products"} {
		if _, ok := pts[0][k]; !ok {
			t.Errorf("points[0] has no key %q", k)
		}
	}
	link := mustRun(t, "run", "-quiet", "-link", "/sharpness?v=1&samples=40&hidden=6,5&edges=10,20&steps=120&zoom=10")
	if strings.TrimSpace(link.stdout) != strings.TrimSpace(j.stdout) {
		t.Error("run -link of the same spec printed other JSON than the command")
	}
}

// Truth: the spec's tagged ranges and Validate: a bad value exits 2 with
// the key and the allowed range, and so does an unknown preset.
func TestSharpnessRefusesBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-edges", "0"}, "allowed"},
		{[]string{"-optimizer", "adam"}, "choose one of"},
		{[]string{"-preset", "nope"}, "is not a preset"},
		{[]string{"-optimizer", "saf", "-loss", "ce"}, "needs loss = mse"},
	} {
		o := run(t, append([]string{"sharpness", "-quiet"}, c.args...)...)
		if o.code != 2 || !strings.Contains(o.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, o.code, o.stderr, c.want)
		}
	}
}
