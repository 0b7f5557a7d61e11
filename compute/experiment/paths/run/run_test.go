package run

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/runkit"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/paths"

	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/job/jobtest"
	"github.com/overparam/overparam/compute/nn"
	numpaths "github.com/overparam/overparam/compute/paths"
	numspectrum "github.com/overparam/overparam/compute/spectrum"
)

// smallPaths returns a paths spec that runs in a fraction of a second.
func smallPaths() paths.Spec {
	s := paths.Default()
	s.Samples, s.Test, s.Hidden, s.Epochs = 120, 60, []int{6}, 10
	s.Steps, s.Sharpness, s.Resolution = 10, 3, 20
	s.Widths, s.Width, s.Seeds = []int{8, 16}, 16, 2
	s.MFSamples, s.MFTest, s.MFEpochs = 100, 50, 2
	return s
}

// at returns v at the grid point α = a of p.
func at(t *testing.T, p paths.Path, v []float64, a float64) float64 {
	t.Helper()
	for i, x := range p.Alpha {
		if x == a {
			return v[i]
		}
	}
	t.Fatalf("%s: α = %g is not on the grid", p.Name, a)
	return 0
}

func TestPathEndpointsAreTheSolutionsOwnLosses(t *testing.T) {
	// Truth: nn.Objective.Evaluate on each trained network; θ(0) and θ(1)
	// are the networks bit for bit (numpaths.LinearTo), so the values must be
	// equal, not close.
	regression := smallPaths()
	regression.Data, regression.Loss, regression.Pair = "teacher", "mse", "seeds"
	for name, s := range map[string]paths.Spec{"small vs large batch on a mixture": smallPaths(), "two seeds on teacher–student data": regression} {
		t.Run(name, func(t *testing.T) {
			sp := s.PairSpec()
			st, err := runkit.SetupSpectrum(&sp, experiment.Assets{})
			if err != nil {
				t.Fatal(err)
			}
			pair, err := Point(s, experiment.Assets{}, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			p := pair.Paths[0]
			for k, theta := range pair.Nets {
				trL, trA := st.TrainObj.Evaluate(theta)
				teL, teA := st.TestObj.Evaluate(theta)
				a := float64(k)
				if at(t, p, p.TrainLoss, a) != trL || at(t, p, p.TestLoss, a) != teL {
					t.Errorf("α = %g: losses %v, %v; the solution's own are %v, %v", a, at(t, p, p.TrainLoss, a), at(t, p, p.TestLoss, a), trL, teL)
				}
				if s.Data != "teacher" && (at(t, p, p.TrainAcc, a) != trA || at(t, p, p.TestAcc, a) != teA) {
					t.Errorf("α = %g: accuracies differ from the solution's own %v, %v", a, trA, teA)
				}
			}
			if s.Data == "teacher" && (p.TrainAcc != nil || p.TestAcc != nil) {
				t.Errorf("a regression path has accuracies")
			}
		})
	}
	t.Run("mean-field linear and piecewise paths", func(t *testing.T) {
		s := smallPaths()
		split, _ := MeanFieldData(&s)
		obj := &nn.Objective{Arch: s.MeanField(16), Data: &split.Train}
		pt, err := Point(s, experiment.Assets{}, s.Points()-1, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pt.Paths {
			for k, theta := range pt.Nets {
				if got, want := at(t, p, p.TrainLoss, float64(k)), obj.Loss(theta); got != want {
					t.Errorf("%s path at α = %d: loss %v, the network's own %v", p.Name, k, got, want)
				}
			}
		}
		// The convexity bound of numpaths.Piecewise holds exactly up to rounding.
		if b := pt.Paths[1].Barrier; b > max(pt.HalfDelta[0], pt.HalfDelta[1], 0)+1e-12 {
			t.Errorf("piecewise barrier %v exceeds the worse half-dropout loss change %v", b, pt.HalfDelta)
		}
	})
}

func TestSharpnessIsTheTopHessianEigenvalueAtTheEnds(t *testing.T) {
	// Truth: Lanczos on each solution's own Hessian with the same settings
	// (the same bits), and for a 17-parameter network every eigenvalue of
	// the dense Hessian (numspectrum.DenseEigenvalues, itself checked against
	// gonum's mat.EigenSym in package spectrum): with steps ≥ n Lanczos with
	// full reorthogonalisation finds the top eigenvalue to rounding.
	const denseTol = 1e-9
	s := smallPaths()
	s.Dim, s.Classes, s.Hidden, s.Steps = 2, 2, []int{3}, 17 // 2·3+3 + 3·2+2 = 17 parameters
	sp := s.PairSpec()
	st, err := runkit.SetupSpectrum(&sp, experiment.Assets{})
	if err != nil {
		t.Fatal(err)
	}
	pair, err := Point(s, experiment.Assets{}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	sharp := pair.Paths[0].Sharpness
	if len(sharp) != 3 || sharp[0].Alpha != 0 || sharp[2].Alpha != 1 {
		t.Fatalf("sharpness points %+v, want α = 0, ½, 1", sharp)
	}
	for k, theta := range pair.Nets {
		op := nn.NewCurvature(st.TrainObj, theta, nn.Hessian)
		n := op.Dim()
		lz, err := numspectrum.RunLanczos(op, numspectrum.LanczosSettings{Steps: s.Steps, Start: numspectrum.ProbeVector(n, s.Seed, 0, numspectrum.Rademacher)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := sharp[2*k]
		if top := lz.Top(1)[0]; got.Top != top.Value || got.Residual != top.Residual {
			t.Errorf("α = %d: sharpness %v ± %v, Lanczos on the solution %v ± %v", k, got.Top, got.Residual, top.Value, top.Residual)
		}
		dense := numspectrum.DenseEigenvalues(numspectrum.DenseOf(op))
		if want := dense[n-1]; math.Abs(got.Top-want) > denseTol*max(1, math.Abs(want)) {
			t.Errorf("α = %d: sharpness %.12g, dense Hessian's largest eigenvalue %.12g", k, got.Top, want)
		}
	}
}

func TestPointsRunInAnyOrderThroughJSONGiveRunPaths(t *testing.T) {
	// Truth: Run in one process. Points computed separately, passed
	// through JSON and assembled in a shuffled order must give its bytes.
	s := smallPaths()
	whole, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(whole)
	parts := jobtest.PointsThroughJSON(t, rand.New(rand.NewPCG(5, 5)).Perm(s.Points()), func(i int) (*paths.Point, error) { return Point(s, experiment.Assets{}, i, nil) })
	res, err := Assemble(s, parts)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(res); string(got) != string(want) {
		t.Errorf("assembled points differ from RunPaths:\n%.300s\n%.300s", got, want)
	}
	if _, err := Assemble(s, parts[1:]); err == nil || !strings.Contains(err.Error(), "points") {
		t.Errorf("assembling a missing point: err = %v", err)
	}
	parts[0] = parts[1]
	if _, err := Assemble(s, parts); err == nil {
		t.Error("assembling a repeated point did not fail")
	}
}

func TestAPointDependsOnlyOnSeedWidthAndRepeat(t *testing.T) {
	// Truth: the contract of Point. The same width and repeat in
	// specs with other widths and at another index must give the same bits.
	a, b := smallPaths(), smallPaths()
	b.Widths, b.Width = []int{4, 16, 32}, 32
	pa, err := Point(a, experiment.Assets{}, 4, nil) // width 16, repeat 1
	if err != nil {
		t.Fatal(err)
	}
	pb, err := Point(b, experiment.Assets{}, 4, nil) // width 16, repeat 1
	if err != nil {
		t.Fatal(err)
	}
	pa.Index, pb.Index = 0, 0
	ja, _ := json.Marshal(pa)
	jb, _ := json.Marshal(pb)
	if pa.Width != 16 || pa.Repeat != 1 || string(ja) != string(jb) {
		t.Errorf("width 16 repeat 1 differs between specs:\n%.200s\n%.200s", ja, jb)
	}
}

func TestPathsValidateNamesTheProblem(t *testing.T) {
	// Truth: the spec's documented ranges and combinations.
	cases := []struct {
		name, want string
		edit       func(*paths.Spec)
	}{
		{"an odd width", "odd", func(s *paths.Spec) { s.Widths = []int{8, 15} }},
		{"decreasing widths", "must increase", func(s *paths.Spec) { s.Widths = []int{16, 8} }},
		{"a drawn width not swept", "width = 48 is not one of", func(s *paths.Spec) { s.Width = 48 }},
		{"a resolution off the segments", "multiple of 10", func(s *paths.Spec) { s.Resolution = 25 }},
		{"a small batch no smaller than the large", "smallbatch < largebatch", func(s *paths.Spec) { s.SmallBatch, s.LargeBatch = 50, 50 }},
		{"cross-entropy on a regression", "use loss = mse", func(s *paths.Spec) { s.Data = "teacher" }},
		{"too many widths", "at most 12", func(s *paths.Spec) { s.Widths = []int{4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28} }},
		{"no widths", "widths is empty", func(s *paths.Spec) { s.Widths = nil }},
		{"an unknown pair", "pair", func(s *paths.Spec) { s.Pair = "ensemble" }},
		{"seeds past the largest", "largest seed", func(s *paths.Spec) { s.Seed, s.Seeds = experiment.MaxSeed-2, 2 }},
		{"a job too large for a browser", "the limit is 10 min", func(s *paths.Spec) {
			s.Widths, s.Width, s.Seeds, s.MFSamples, s.MFEpochs = []int{2048}, 2048, 16, 10000, 1000
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := paths.Default()
			c.edit(&s)
			if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one containing %q", err, c.want)
			}
		})
	}
	s := paths.Default()
	if err := s.Validate(); err != nil {
		t.Errorf("the default spec is invalid: %v", err)
	}
	if got, want := s.Points(), 1+5*3; got != want {
		t.Errorf("Points() = %d, want the pair and 5 widths × 3 repeats = %d", got, want)
	}
	if _, err := Point(s, experiment.Assets{}, s.Points(), nil); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("point %d: err = %v", s.Points(), err)
	}
}

func TestDivergingTrainingNamesWidthSeedAndStep(t *testing.T) {
	// Truth: train.DivergedError names the step; the run adds where.
	s := smallPaths()
	s.MFLR = 10 // an SGD step of 10·N on each neuron's gradient
	_, err := Point(s, experiment.Assets{}, 1, nil)
	if err == nil || !strings.Contains(err.Error(), "width 8: seed 1") || !strings.Contains(err.Error(), "step") {
		t.Errorf("err = %v; want one naming width 8, seed 1 and the step", err)
	}
	s = smallPaths()
	s.Data, s.Loss, s.Activation, s.LR = "teacher", "mse", "linear", 100
	if _, err := Run(s, experiment.Assets{}, nil); err == nil || !strings.Contains(err.Error(), "solution A (seed 1") || !strings.Contains(err.Error(), "step") {
		t.Errorf("err = %v; want one naming solution A, its seed and the step", err)
	}
}

func TestProgressCanCancelEveryPathsPhase(t *testing.T) {
	// Truth: the Progress contract — returning false stops the run with an
	// error, in every phase.
	s := smallPaths()
	for _, phase := range []string{"train", "path", "sharpness", "width 8: train", "width 8: linear path", "width 8: piecewise path", "width 8: dropout"} {
		_, err := Run(s, experiment.Assets{}, func(p experiment.Progress) bool { return p.Phase != phase })
		if err == nil {
			t.Errorf("cancelling in phase %q did not stop the run", phase)
		}
	}
}

// Checks that the drawn mean-field paths are those of the spec's width.
func TestResultHoldsThePairAndTheDrawnWidthsPaths(t *testing.T) {
	s := smallPaths()
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"linear (small vs large batch)", "linear", "piecewise"}
	if len(res.Paths) != 3 || len(res.Widths) != 2 || len(res.Dropout) != 2 {
		t.Fatalf("%d paths, %d widths, %d dropout curves; want 3, 2, 2", len(res.Paths), len(res.Widths), len(res.Dropout))
	}
	for i, p := range res.Paths {
		if p.Name != names[i] {
			t.Errorf("path %d is %q, want %q", i, p.Name, names[i])
		}
	}
	if pw := res.Paths[2]; len(pw.Segments) != 6 || pw.Segments[5] != 1 || len(pw.Alpha) != s.Resolution/2+1 {
		t.Errorf("piecewise path: segments %v on %d points", pw.Segments, len(pw.Alpha))
	}
	if w := res.Widths[1]; w.Width != 16 || w.Seeds != 2 || !(w.LinearQ1 <= w.LinearBarrier && w.LinearBarrier <= w.LinearQ3) {
		t.Errorf("width stat %+v", w)
	}
	if d := res.Dropout[1]; d.Width != 16 || len(d.M) != 3 || d.M[2] != 8 || len(d.Delta) != 3 {
		t.Errorf("dropout curve %+v, want M = 2, 4, 8", d)
	}
	if _, err := json.Marshal(res); err != nil {
		t.Errorf("the result does not encode: %v", err)
	}
	if got := numpaths.UnitGrid(s.Resolution / 2); len(got) != len(res.Paths[1].Alpha) {
		t.Errorf("mean-field grid has %d points, want %d", len(res.Paths[1].Alpha), len(got))
	}
}

// Truth: the native run of the same spec. A shared link must give the same
// numbers in the browser (js/wasm) and the CLI, so the whole JSON result of
// a small paths run — both pairs' paths with sharpness, the mean-field
// paths, barriers and dropout curves — must match bit for bit.
func TestJSWasmPathsRunsGiveTheNativeResult(t *testing.T) {
	cases := map[string]paths.Spec{"batch-mixture": smallPaths()}
	s := smallPaths()
	s.Pair, s.Data, s.Loss, s.Activation, s.Momentum, s.LR = "seeds", "teacher", "mse", "relu", 0.5, 0.1
	cases["seeds-teacher"] = s
	for name, spec := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := Run(spec, experiment.Assets{}, nil)
			parity.CheckResult(t, "experiment-paths-"+name, res, err)
		})
	}
}
