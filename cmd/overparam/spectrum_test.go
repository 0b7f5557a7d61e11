package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Tolerances.
const (
	// densityMassTol bounds |∫φ − 1| for the trapezoid rule on the printed
	// grid: the SLQ weights sum to 1 (Σ τᵢ² = 1 per probe, averaged over
	// probes) and each Gaussian kernel has unit mass, padded by PadSigmas·σ
	// (compute/spectrum/slq.go), so the printed density loses far less than
	// 2% to the tails and the trapezoid rule; 2% catches a wrong
	// normalisation (a factor of the probe count or the grid spacing).
	densityMassTol = 0.02
	// lanczosExactTol bounds the relative distance of the extreme Ritz
	// values from the dense eigenvalues when Lanczos runs for as many steps
	// as there are parameters: with full reorthogonalisation the Ritz values
	// are then eigenvalues up to rounding, ε·‖H‖ times a small factor.
	lanczosExactTol = 1e-8
	// psdTol bounds how far below 0 a Ritz value of a positive semidefinite
	// operator may fall, relative to its largest: Ritz values lie in
	// [λ_min, λ_max] (Cauchy interlacing), up to rounding.
	psdTol = 1e-9
	// traceSigmas is how many reported standard errors the SLQ trace may be
	// from the dense trace: Hutchinson's estimator is unbiased and its mean
	// over probes is close to normal, so 4σ fails by chance with
	// probability about 6e-5 for a fixed seed. With 100 Rademacher probes
	// the standard error is a few per cent of the trace, so this check is
	// loose: it catches a wrong scale or sign, not a small bias.
	traceSigmas = 4
)

// requiredKeys are the top-level keys of the -json object that README.md
// lists for `overparam spectrum -json` (the table of flags, row -json).
var requiredKeys = []string{"params", "top", "bottom", "residuals", "outliers", "density", "trace", "train"}

func TestSpectrumJSONFollowsTheSchema(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		params int // Σ in·out + out over the layers the flags describe
		steps  int // training steps: epochs × ⌈samples/batch⌉
		psd    bool
	}{
		{"a tanh network on a Gaussian mixture", nil, paramCount(20, 8, 10), 20, false},
		{"a ReLU network on moons with the Gauss-Newton matrix",
			[]string{"-data", "moons", "-activation", "relu", "-curvature", "ggn"}, paramCount(2, 8, 2), 20, true},
		{"a sigmoid regression with two hidden layers and momentum minibatches",
			[]string{"-data", "teacher", "-loss", "mse", "-activation", "sigmoid", "-dim", "5", "-hidden", "8,6", "-batch", "16", "-momentum", "0.9"},
			paramCount(5, 8, 6, 1), 20 * 4, false},
		{"a network on 14-pixel digits",
			[]string{"-data", "digits", "-pixels", "14", "-activation", "relu"}, paramCount(14*14, 8, 10), 20, false},
	}
	const topk = 5 // from the small flags
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := mustRun(t, spectrumArgs(append(c.args, "-json")...)...)
			var raw map[string]json.RawMessage
			if err := decodeOne(o.stdout, &raw); err != nil {
				t.Fatalf("%s: stdout is not exactly one JSON object: %v\n%.500s", c.name, err, o.stdout)
			}
			for _, k := range requiredKeys {
				if _, ok := raw[k]; !ok {
					t.Errorf("%s: key %q is missing", c.name, k)
				}
			}
			if _, ok := raw["dense"]; ok {
				t.Errorf("%s: key \"dense\" is present without -dense", c.name)
			}
			var density map[string]json.RawMessage
			if err := json.Unmarshal(raw["density"], &density); err != nil {
				t.Fatalf("%s: density is not an object: %v", c.name, err)
			}
			for _, k := range []string{"grid", "values"} {
				if _, ok := density[k]; !ok {
					t.Errorf("%s: key density.%s is missing", c.name, k)
				}
			}
			var r resultJSON
			if err := json.Unmarshal([]byte(o.stdout), &r); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}

			if r.Params != c.params {
				t.Errorf("%s: params = %d, want %d", c.name, r.Params, c.params)
			}
			checkExtremes(t, c.name, r, topk)
			if c.psd && r.Bottom[0] < -psdTol*r.Top[0] {
				t.Errorf("%s: the Gauss-Newton matrix is positive semidefinite, but bottom[0] = %g (top[0] = %g)", c.name, r.Bottom[0], r.Top[0])
			}
			if r.Outliers < 0 || r.Outliers > topk {
				t.Errorf("%s: outliers = %d, want a count in [0, %d]", c.name, r.Outliers, topk)
			}
			checkDensity(t, c.name, r)
			if math.IsNaN(r.Trace) || math.IsInf(r.Trace, 0) {
				t.Errorf("%s: trace = %g, want a finite number", c.name, r.Trace)
			}

			if len(r.Train) == 0 {
				t.Fatalf("%s: train is empty", c.name)
			}
			if r.Train[0].Step != 0 {
				t.Errorf("%s: the training curve starts at step %d, want 0 (the initialisation)", c.name, r.Train[0].Step)
			}
			last := r.Train[len(r.Train)-1]
			if last.Step != c.steps || r.Stats.TrainSteps != c.steps {
				t.Errorf("%s: the last curve point is at step %d and stats.train_steps = %d, want %d", c.name, last.Step, r.Stats.TrainSteps, c.steps)
			}
			if r.Final.TrainLoss == nil || last.TrainLoss == nil || *r.Final.TrainLoss != *last.TrainLoss {
				t.Errorf("%s: final.train_loss %v differs from the last curve point's %v", c.name, r.Final.TrainLoss, last.TrainLoss)
			}
		})
	}
}

// checkExtremes checks the shape and order of top, bottom and residuals.
func checkExtremes(t *testing.T, name string, r resultJSON, topk int) {
	t.Helper()
	if len(r.Top) != topk || len(r.Bottom) != topk || len(r.Residuals) != topk || len(r.BottomResiduals) != topk {
		t.Fatalf("%s: len(top, bottom, residuals, bottom_residuals) = %d, %d, %d, %d, want %d each",
			name, len(r.Top), len(r.Bottom), len(r.Residuals), len(r.BottomResiduals), topk)
	}
	for i := 1; i < topk; i++ {
		if r.Top[i] > r.Top[i-1] {
			t.Errorf("%s: top is not descending: top[%d] = %g > top[%d] = %g", name, i, r.Top[i], i-1, r.Top[i-1])
		}
		if r.Bottom[i] < r.Bottom[i-1] {
			t.Errorf("%s: bottom is not ascending: bottom[%d] = %g < bottom[%d] = %g", name, i, r.Bottom[i], i-1, r.Bottom[i-1])
		}
	}
	if r.Top[0] < r.Bottom[0] {
		t.Errorf("%s: top[0] = %g is below bottom[0] = %g", name, r.Top[0], r.Bottom[0])
	}
	for i, res := range append(slices.Clone(r.Residuals), r.BottomResiduals...) {
		if !(res >= 0) || math.IsInf(res, 0) {
			t.Errorf("%s: residual %d = %g, want a finite bound ≥ 0", name, i, res)
		}
	}
}

// checkDensity checks that the density is a probability density on its grid,
// and that the grid covers the extreme Ritz values.
func checkDensity(t *testing.T, name string, r resultJSON) {
	t.Helper()
	g, v := r.Density.Grid, r.Density.Values
	if len(g) < 2 || len(g) != len(v) {
		t.Fatalf("%s: density has %d grid points and %d values, want the same number ≥ 2", name, len(g), len(v))
	}
	var mass float64
	for i := range g {
		if !(v[i] >= 0) || math.IsInf(v[i], 0) {
			t.Errorf("%s: density value %d = %g, want finite and ≥ 0", name, i, v[i])
		}
		if i > 0 {
			if g[i] <= g[i-1] {
				t.Fatalf("%s: density grid is not increasing at %d: %g after %g", name, i, g[i], g[i-1])
			}
			mass += (g[i] - g[i-1]) * (v[i] + v[i-1]) / 2 // trapezoid rule
		}
	}
	if math.Abs(mass-1) > densityMassTol {
		t.Errorf("%s: the density integrates to %.4f over its grid, want 1 ± %g", name, mass, densityMassTol)
	}
	if g[0] > r.Bottom[0] || g[len(g)-1] < r.Top[0] {
		t.Errorf("%s: density grid [%g, %g] does not cover the extreme eigenvalues [%g, %g]", name, g[0], g[len(g)-1], r.Bottom[0], r.Top[0])
	}
}

func TestSpectrumLanczosMatchesDenseEigenvalues(t *testing.T) {
	// Tiny networks with at most 300 parameters and -steps 300 ≥ params,
	// so Lanczos (clipped to the dimension) spans the whole space the probe
	// sees. The reference is the dense matrix's full eigendecomposition.
	cases := []struct {
		name   string
		args   []string
		params int
	}{
		{"the Hessian of a tanh network on moons",
			[]string{"-data", "moons"}, paramCount(2, 8, 2)},
		{"the Gauss-Newton matrix of a ReLU network on a 3-class mixture",
			[]string{"-dim", "4", "-classes", "3", "-hidden", "10", "-activation", "relu", "-curvature", "ggn"}, paramCount(4, 10, 3)},
		{"the Hessian of a sigmoid network with squared error on circles",
			[]string{"-data", "circles", "-loss", "mse", "-activation", "sigmoid", "-hidden", "6,5"}, paramCount(2, 6, 5, 2)},
		{"the Hessian of a linear teacher regression",
			[]string{"-data", "teacher", "-loss", "mse", "-activation", "linear", "-dim", "3", "-hidden", "4", "-topk", "2"}, paramCount(3, 4, 1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"-steps", "300", "-probes", "100", "-dense"}, c.args...)
			r := runJSON(t, spectrumArgs(args...)...)
			if r.Params != c.params || len(r.Dense) != c.params {
				t.Fatalf("%s: params = %d and len(dense) = %d, want %d each", c.name, r.Params, len(r.Dense), c.params)
			}
			if !slices.IsSorted(r.Dense) {
				t.Errorf("%s: dense eigenvalues are not ascending", c.name)
			}
			lo, hi := r.Dense[0], r.Dense[len(r.Dense)-1]
			scale := max(math.Abs(lo), math.Abs(hi))
			if len(r.Top) == 0 || len(r.Bottom) == 0 {
				t.Fatalf("%s: no extreme eigenvalues", c.name)
			}
			if d := math.Abs(r.Top[0] - hi); d > lanczosExactTol*math.Abs(hi) {
				t.Errorf("%s: top[0] = %.15g, dense maximum %.15g: relative error %.3g > %g", c.name, r.Top[0], hi, d/math.Abs(hi), lanczosExactTol)
			}
			if d := math.Abs(r.Bottom[0] - lo); d > lanczosExactTol*scale {
				t.Errorf("%s: bottom[0] = %.15g, dense minimum %.15g: error %.3g > %g·‖H‖", c.name, r.Bottom[0], lo, d/scale, lanczosExactTol)
			}
			var trace float64
			for _, l := range r.Dense {
				trace += l
			}
			if d := math.Abs(r.Trace - trace); d > traceSigmas*r.TraceStdErr+lanczosExactTol*scale*float64(c.params) {
				t.Errorf("%s: SLQ trace %.6g ± %.2g, dense trace %.6g: %.1f standard errors apart, want at most %d",
					c.name, r.Trace, r.TraceStdErr, trace, d/r.TraceStdErr, traceSigmas)
			}
		})
	}
}

func TestSpectrumIsDeterministic(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"a full-batch run on a mixture", nil},
		{"a minibatch run with momentum and label noise", []string{"-batch", "16", "-momentum", "0.9", "-labelnoise", "0.2"}},
		{"a run on digits", []string{"-data", "digits", "-pixels", "14"}},
	}
	for _, c := range cases {
		t.Run(c.name+" prints the same bytes twice and changes with the seed", func(t *testing.T) {
			args := spectrumArgs(append(c.args, "-json")...)
			a, b := mustRun(t, args...), mustRun(t, args...)
			if a.stdout != b.stdout {
				t.Errorf("%s: two runs with the same flags printed different JSON", c.name)
			}
			var r1, r2 resultJSON
			other := mustRun(t, append(args, "-seed", "2")...)
			if err := json.Unmarshal([]byte(a.stdout), &r1); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(other.stdout), &r2); err != nil {
				t.Fatal(err)
			}
			if slices.Equal(r1.Top, r2.Top) {
				t.Errorf("%s: seeds 1 and 2 gave the same top eigenvalues %v; the seed drives the data, initialisation and probes", c.name, r1.Top)
			}
		})
	}
}

func TestSpectrumReportsDivergence(t *testing.T) {
	// With squared error and η = 100, gradient descent overshoots by a
	// factor |1 − ηλ| ≫ 1 along every direction with curvature λ ≫ 2/η, so
	// the loss grows geometrically until it overflows. (Cross-entropy is
	// no good here: its loss grows only linearly in the logits and can
	// stay finite.)
	cases := []struct {
		name string
		args []string
	}{
		{"a linear network with squared error and lr 100", []string{"-activation", "linear", "-loss", "mse", "-lr", "100"}},
		{"a ReLU network with squared error and lr 100", []string{"-activation", "relu", "-loss", "mse", "-lr", "100"}},
		{"a linear teacher regression with lr 100", []string{"-data", "teacher", "-activation", "linear", "-loss", "mse", "-lr", "100"}},
	}
	for _, c := range cases {
		t.Run(c.name+" fails with the step", func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "model.json")
			o := run(t, spectrumArgs(append(c.args, "-json", "-export", file)...)...)
			if o.code != 1 {
				t.Fatalf("%s: exit status %d, want 1 (run failed); stderr:\n%s", c.name, o.code, o.stderr)
			}
			if !strings.Contains(o.stderr, "diverged at step") {
				t.Errorf("%s: stderr does not say where training diverged:\n%s", c.name, o.stderr)
			}
			if o.stdout != "" {
				t.Errorf("%s: printed %.200q on stdout, want nothing on an error", c.name, o.stdout)
			}
			if _, err := os.Stat(file); err == nil {
				t.Errorf("%s: a diverged run exported a model to %s", c.name, file)
			}
		})
	}
}

// An export path that cannot be written is a usage error, refused before
// training (status 2), naming the file.
func TestSpectrumExportToAMissingDirectoryFails(t *testing.T) {
	file := filepath.Join(t.TempDir(), "no-such-dir", "model.json")
	o := run(t, spectrumArgs("-json", "-export", file)...)
	if o.code != 2 {
		t.Fatalf("exit status %d, want 2 (refused up front); stderr:\n%s", o.code, o.stderr)
	}
	if !strings.Contains(o.stderr, file) {
		t.Errorf("stderr does not name the file %s:\n%s", file, o.stderr)
	}
	if o.stdout != "" {
		t.Errorf("printed %.200q on stdout, want nothing on an error", o.stdout)
	}
}

func TestSpectrumTextReportAgreesWithJSON(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"a mixture run", nil},
		{"a dense run on moons", []string{"-data", "moons", "-dense"}},
	}
	for _, c := range cases {
		t.Run(c.name+" prints the JSON's numbers as text", func(t *testing.T) {
			r := runJSON(t, spectrumArgs(c.args...)...)
			o := mustRun(t, spectrumArgs(append(c.args, "-quiet=false")...)...)
			want := []string{fmt.Sprintf("%d parameters", r.Params), "outliers", "trace"}
			for _, v := range append(slices.Clone(r.Top), r.Bottom...) {
				want = append(want, fmt.Sprintf("%.8g", v))
			}
			if r.Dense != nil {
				want = append(want, fmt.Sprintf("dense: %d eigenvalues", len(r.Dense)))
			}
			for _, w := range want {
				if !strings.Contains(o.stdout, w) {
					t.Errorf("%s: the text report does not contain %q:\n%s", c.name, w, o.stdout)
				}
			}
			if !strings.Contains(o.stderr, "done in") {
				t.Errorf("%s: without -quiet, stderr does not report progress:\n%s", c.name, o.stderr)
			}
			q := mustRun(t, spectrumArgs(c.args...)...)
			if q.stderr != "" {
				t.Errorf("%s: with -quiet, stderr is %q, want empty", c.name, q.stderr)
			}
			if !bytes.Equal([]byte(q.stdout), []byte(o.stdout)) {
				t.Errorf("%s: -quiet changed stdout", c.name)
			}
		})
	}
}

// TestSpectrumZeroEpochsTrainsNothing checks the epochs flag at its minimum.
// Its range is [0, 100000] and its help says "passes over the training
// set", so -epochs 0 must mean no training (or be rejected), and the work
// limit epochs × samples × parameters must describe the run that happens.
func TestSpectrumZeroEpochsTrainsNothing(t *testing.T) {
	o := run(t, spectrumArgs("-epochs", "0", "-json")...)
	switch o.code {
	case 2:
		if !strings.Contains(o.stderr, "epochs") {
			t.Errorf("-epochs 0 was rejected without naming epochs:\n%s", o.stderr)
		}
	case 0:
		var r resultJSON
		if err := decodeOne(o.stdout, &r); err != nil {
			t.Fatal(err)
		}
		if r.Stats.TrainSteps != 0 || len(r.Train) != 1 {
			t.Errorf("-epochs 0 took %d training steps with %d curve points, want 0 steps and the initial point only", r.Stats.TrainSteps, len(r.Train))
		}
	default:
		t.Errorf("-epochs 0: exit status %d, want 0 or 2; stderr:\n%s", o.code, o.stderr)
	}
}

// TestSpectrumValidRunHasMemoryForLanczos checks that a spec within the
// memory limit never fails for memory once it runs: README.md ("The CLI")
// makes the memory limit a usage error (status 2), checked before training.
func TestSpectrumValidRunHasMemoryForLanczos(t *testing.T) {
	// 20-1024-1024-1024-1024-10 has 3,180,554 parameters; 20 Lanczos
	// vectors of them (plus two work vectors) take 8·22·3180554 B ≈ 534 MiB,
	// within the spec's 1024 MiB limit for the whole run, and two samples
	// keep training and products cheap. If the run is allowed, it takes
	// about 700 MB and 3 s.
	args := spectrumArgs("-samples", "2", "-test", "1", "-hidden", "1024,1024,1024,1024", "-epochs", "1", "-steps", "20", "-probes", "1", "-json")
	o := run(t, args...)
	switch o.code {
	case 0:
	case 2:
		if !strings.Contains(o.stderr, "MiB") {
			t.Errorf("the run was rejected without naming the memory it needs in MiB:\n%s", o.stderr)
		}
	default:
		t.Errorf("exit status %d, want 0 (the run fits) or 2 (rejected before training); stderr:\n%s", o.code, o.stderr)
	}
}
