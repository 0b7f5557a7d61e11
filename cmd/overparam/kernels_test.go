package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// smallKernels holds flags for a robustness run that takes a fraction of a
// second: d = 20, N = 10, three NTK widths and two random-feature widths.
var smallKernels = []string{"-dim", "20", "-samples", "10", "-ntkwidths", "1,4,16", "-rfwidths", "20,80", "-tests", "2", "-quiet"}

// Truth: README.md's description of `overparam kernels -json` (keys curves,
// nd, sqrt_n; runs for qnn) and `run -link`, which must print the same
// result as the command with the link's flags.
func TestKernelsJSONAndLinkAgree(t *testing.T) {
	o := mustRun(t, append(append([]string{"kernels"}, smallKernels...), "-json")...)
	var res struct {
		Curves []struct {
			Name   string `json:"name"`
			Points []struct {
				S, SE, Bound float64
				Residual     float64 `json:"max_residual"`
			} `json:"points"`
		} `json:"curves"`
		ND    float64 `json:"nd"`
		SqrtN float64 `json:"sqrt_n"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Curves) != 3 || res.ND != 200 || len(res.Curves[0].Points) != 3 {
		t.Fatalf("curves %d, nd %g; want 3 curves (NTK square, tanh; random tanh features) and nd = 200", len(res.Curves), res.ND)
	}
	for _, c := range res.Curves {
		for _, p := range c.Points {
			if !(p.S > 0) || p.Residual > 1e-8 {
				t.Errorf("%s: S = %g, max residual %g; want S > 0 and an interpolator", c.Name, p.S, p.Residual)
			}
		}
	}
	link := mustRun(t, "run", "-link", "/kernels?v=1&dim=20&samples=10&ntkwidths=1,4,16&rfwidths=20,80&tests=2")
	if strings.TrimSpace(link.stdout) != strings.TrimSpace(o.stdout) {
		t.Errorf("run -link printed a different result from the command with the same keys")
	}
}

// Truth: the qnn model's contract — the text report names each run's γ and
// depth, and a γ = 1.5 preset run converges below the γ = 1 run.
func TestKernelsQNNPresetPrintsEachRun(t *testing.T) {
	o := mustRun(t, "kernels", "-preset", "kernels-qnn", "-depths", "3", "-steps", "400", "-quiet", "-json")
	var res struct {
		Runs []struct {
			Gamma float64 `json:"gamma"`
			Final float64 `json:"final"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Runs) != 2 || res.Runs[1].Final >= res.Runs[0].Final {
		t.Errorf("runs %+v; want γ = 1 then γ = 1.5, the second with the smaller residual", res.Runs)
	}
	text := mustRun(t, "kernels", "-model", "qnn", "-depths", "3", "-steps", "400", "-quiet")
	if !strings.Contains(text.stdout, "late slope") || strings.Count(text.stdout, "\n") < 4 {
		t.Errorf("text report:\n%s\nwant a header and a row per run", text.stdout)
	}
}

// Truth: the CLI's contract — bad input exits with status 2 and a message
// naming the flag and what is allowed.
func TestKernelsBadInputExitsTwoNamingTheFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-ntk", "relu"}, "choose among"},
		{[]string{"-rfwidths", "30000"}, "d²/2"},
		{[]string{"-model", "qnn", "-gammas", "0.5"}, "gammas"},
		{[]string{"-preset", "nope"}, "kernels-robust"},
	} {
		o := run(t, append([]string{"kernels", "-quiet"}, c.args...)...)
		if o.code != 2 || !strings.Contains(o.stderr, c.want) {
			t.Errorf("kernels %v: status %d, stderr %q; want 2 and %q", c.args, o.code, o.stderr, c.want)
		}
	}
}
