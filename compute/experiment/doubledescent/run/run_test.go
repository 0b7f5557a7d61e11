package run

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/runkit"

	"github.com/overparam/overparam/compute/experiment/doubledescent"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/job/jobtest"
	"github.com/overparam/overparam/compute/nn"
)

var ddModels = []string{"linear", "features", "mlp", "lstd"}

// ddSmall returns a spec of model that runs in a fraction of a second.
func ddSmall(model string) doubledescent.Spec {
	s := doubledescent.DefaultFor(model)
	s.Repeats = 3
	switch model {
	case "linear":
		s.N, s.Sizes = 20, []int{5, 19, 20, 21, 40}
	case "features":
		s.N, s.Dim, s.Test, s.Ridge, s.Sizes = 30, 10, 50, 0.01, []int{10, 30, 60}
	case "mlp":
		s.N, s.Test, s.Epochs, s.Sizes = 60, 40, 5, []int{2, 8}
	case "lstd":
		s.States, s.N, s.Dim, s.Noise, s.Sizes = 30, 20, 4, 0.5, []int{5, 16, 40}
	}
	return s
}

func ddDigits(t *testing.T) experiment.Assets {
	t.Helper()
	b, err := os.ReadFile("../../../../web/data/digits.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	return experiment.Assets{Digits: b}
}

// Truth: Validate and Query's contract; every preset runs as shipped and a
// link restores it.
func TestDoubleDescentPresetsAreValidAndRoundTripThroughLinks(t *testing.T) {
	for _, p := range doubledescent.Presets() {
		s := doubledescent.PresetSpec(p)
		if err := s.Validate(); err != nil {
			t.Errorf("preset %s: %v", p.ID, err)
		}
		if s.Points() != len(s.Sizes) {
			t.Errorf("preset %s: Points() = %d for %d sizes", p.ID, s.Points(), len(s.Sizes))
		}
		got := doubledescent.Default()
		if n := experiment.ParseQuery(experiment.Query(&s), &got); len(n) != 0 || !reflect.DeepEqual(got, s) {
			t.Errorf("preset %s: a link gave notices %q and spec %+v", p.ID, n, got)
		}
	}
	if !reflect.DeepEqual(doubledescent.Default(), doubledescent.DefaultFor("linear")) {
		t.Error("the default is not the linear preset")
	}
}

// Truth: the combination rules documented on DoubleDescent and Validate.
func TestDoubleDescentValidateNamesTheProblem(t *testing.T) {
	cases := []struct {
		name   string
		change func(s *doubledescent.Spec)
		want   string
	}{
		{"unsorted sizes", func(s *doubledescent.Spec) { s.Sizes = []int{10, 5} }, "strictly increasing"},
		{"repeated size", func(s *doubledescent.Spec) { s.Sizes = []int{10, 10} }, "strictly increasing"},
		{"no sizes", func(s *doubledescent.Spec) { s.Sizes = nil }, "sizes is empty"},
		{"too many sizes", func(s *doubledescent.Spec) { s.Sizes = make([]int, 41) }, "at most 40"},
		{"unknown model", func(s *doubledescent.Spec) { s.Model = "svm" }, "model"},
		{"too many repeats", func(s *doubledescent.Spec) { s.Repeats = 65 }, "repeats = 65 is out of range"},
		{"label noise above 1", func(s *doubledescent.Spec) { s.Model, s.Noise = "mlp", 1.5 }, "label-noise fraction"},
		{"too many digits", func(s *doubledescent.Spec) { s.Model, s.Data, s.N = "mlp", "digits", 10001 }, "n = 10001 is out of range"},
		{"too many test digits", func(s *doubledescent.Spec) { s.Model, s.Data, s.Test = "mlp", "digits", 3000 }, "test = 3000: the bundled digits hold 2000"},
		{"identical mixture classes", func(s *doubledescent.Spec) { s.Model, s.Data, s.Sep = "mlp", "mixture", 0 }, "sep = 0"},
		{"too much work", func(s *doubledescent.Spec) { s.N, s.Sizes, s.Repeats = 3000, []int{1500, 3000}, 64 }, "the limit is 10 min"},
		{"too much memory", func(s *doubledescent.Spec) { s.Model, s.States, s.Sizes, s.Repeats = "lstd", 2000, []int{100000}, 1 }, "MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := doubledescent.Default()
			c.change(&s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Validate() = %v; want an error containing %q", err, c.want)
			}
		})
	}
}

// Truth: Run in one process. Points computed separately, in a
// shuffled order, passed through JSON and assembled must give the same
// bytes, and a point must not depend on the other sizes of the spec.
func TestDoubleDescentStagesThroughJSONEqualTheWholeRun(t *testing.T) {
	assets := ddDigits(t)
	for _, model := range ddModels {
		t.Run(model, func(t *testing.T) {
			s := ddSmall(model)
			whole, err := Run(s, assets, nil)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(whole)
			parts := jobtest.PointsThroughJSON(t, rand.New(rand.NewPCG(1, 2)).Perm(s.Points()), func(i int) (*doubledescent.Point, error) { return Point(s, assets, i, nil) })
			res, err := Assemble(s, parts)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := json.Marshal(res); string(got) != string(want) {
				t.Errorf("staged result differs:\nstaged %.300s\nwhole  %.300s", got, want)
			}
			// The last size alone, as the only point of another spec.
			alone := s
			alone.Sizes = s.Sizes[len(s.Sizes)-1:]
			p, err := Point(alone, assets, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			if last := parts[0]; !reflect.DeepEqual(p.Values, byIndex(parts, len(s.Sizes)-1).Values) {
				t.Errorf("size %d computed alone gives %v, in the sweep %v", p.Size, p.Values, last.Values)
			}
		})
	}
}

// Truth: the progress contract of Run — repeats are counted
// up to the total, and returning false cancels with an error naming where.
func TestDoubleDescentProgressCountsRepeatsAndCancels(t *testing.T) {
	for _, model := range ddModels {
		s := ddSmall(model)
		last := -1
		if _, err := Run(s, ddDigits(t), func(p experiment.Progress) bool {
			if p.Phase != "repeats" || p.Done < last || p.Done > p.Total || p.Total != s.Points()*s.Repeats {
				t.Errorf("%s: progress %+v after done = %d", model, p, last)
			}
			last = p.Done
			return true
		}); err != nil {
			t.Fatal(err)
		}
		if last != s.Points()*s.Repeats {
			t.Errorf("%s: the last progress says %d repeats of %d", model, last, s.Points()*s.Repeats)
		}
		calls := 0
		_, err := Run(s, ddDigits(t), func(experiment.Progress) bool { calls++; return calls < 3 })
		if err == nil || !strings.Contains(err.Error(), "canceled") || !strings.Contains(err.Error(), "size") {
			t.Errorf("%s: a canceled run returned %v; want an error naming the size and saying canceled", model, err)
		}
	}
}

func byIndex(parts []*doubledescent.Point, i int) *doubledescent.Point {
	for _, p := range parts {
		if p.Index == i {
			return p
		}
	}
	return nil
}

// Truth: Assemble's contract: every malformed set of parts is
// an error, never a result.
func TestAssembleDoubleDescentRejectsBadParts(t *testing.T) {
	s := ddSmall("linear")
	good := make([]*doubledescent.Point, s.Points())
	for i := range good {
		p, err := Point(s, experiment.Assets{}, i, nil)
		if err != nil {
			t.Fatal(err)
		}
		good[i] = p
	}
	clone := func() []*doubledescent.Point {
		out := make([]*doubledescent.Point, len(good))
		for i, p := range good {
			q := *p
			q.Values = make([][]float64, len(p.Values))
			for c := range p.Values {
				q.Values[c] = append([]float64(nil), p.Values[c]...)
			}
			out[i] = &q
		}
		return out
	}
	cases := []struct {
		name   string
		change func(ps []*doubledescent.Point) []*doubledescent.Point
		want   string
	}{
		{"a missing point", func(ps []*doubledescent.Point) []*doubledescent.Point { return ps[1:] }, "points for a spec"},
		{"a repeated point", func(ps []*doubledescent.Point) []*doubledescent.Point { ps[1] = ps[0]; return ps }, "repeated"},
		{"a nil point", func(ps []*doubledescent.Point) []*doubledescent.Point { ps[2] = nil; return ps }, "missing"},
		{"a wrong size", func(ps []*doubledescent.Point) []*doubledescent.Point { ps[0].Size = 7; return ps }, "its size"},
		{"a missing curve", func(ps []*doubledescent.Point) []*doubledescent.Point { ps[0].Values = ps[0].Values[1:]; return ps }, "curves"},
		{"a missing repeat", func(ps []*doubledescent.Point) []*doubledescent.Point {
			ps[0].Values[0] = ps[0].Values[0][1:]
			return ps
		}, "repeats = 3"},
		{"a value that is not finite", func(ps []*doubledescent.Point) []*doubledescent.Point { ps[1].Values[0][2] = math.Inf(1); return ps }, "repeat 3 has the value +Inf"},
		{"a visited count for linear", func(ps []*doubledescent.Point) []*doubledescent.Point { ps[0].Visited = 3; return ps }, "visited"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Assemble(s, c.change(clone())); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v; want an error containing %q", err, c.want)
			}
		})
	}
	if _, err := Assemble(s, clone()); err != nil {
		t.Errorf("the good parts fail: %v", err)
	}
}

func TestSampleQuantileInterpolatesOrderStatistics(t *testing.T) {
	// Truth: R's quantile(x, type = 7), e.g. quantile(1:4, 0.25) = 1.75.
	cases := []struct {
		x       []float64
		q, want float64
	}{
		{[]float64{1, 2, 3, 4}, 0.25, 1.75},
		{[]float64{1, 2, 3, 4}, 0.5, 2.5},
		{[]float64{1, 2, 3, 4}, 0.75, 3.25},
		{[]float64{1, 2, 3, 4, 100}, 0.5, 3},
		{[]float64{7}, 0.25, 7},
	}
	for _, c := range cases {
		if got := runkit.SampleQuantile(c.x, c.q); got != c.want {
			t.Errorf("sampleQuantile(%v, %g) = %g, want %g", c.x, c.q, got, c.want)
		}
	}
}

func TestKNNRecognitionVotesOnCleanNeighbours(t *testing.T) {
	// A 2-2-2 network with W₁ = I and b₁ = 0: the hidden features are
	// max(x, 0), so the truth is the vote by hand. Clean points: class 0
	// along (1, 0.1·i), class 1 along (0.1·i, 1). Mislabelled points:
	// (1, 0.05) was class 0 (its 5 neighbours are class 0: recognised),
	// (0.05, 1) was class 0 too (its neighbours are class 1: not), and
	// (−1, −1) has all-zero features (similarity 0 to all; the 5 first
	// clean points, 3 of class 0 and 2 of class 1, vote 0: recognised).
	set := data.Set{N: 13, Dim: 2, Classes: 2}
	for i := range 5 {
		set.X = append(set.X, 1, 0.1*float64(i))
		set.Labels = append(set.Labels, 0)
		set.X = append(set.X, 0.1*float64(i), 1)
		set.Labels = append(set.Labels, 1)
	}
	set.X = append(set.X, 1, 0.05, 0.05, 1, -1, -1)
	set.Labels = append(set.Labels, 1, 1, 1)
	set.Original = append(append([]int(nil), set.Labels[:10]...), 0, 0, 0)
	set.Noisy = make([]bool, 13)
	set.Noisy[10], set.Noisy[11], set.Noisy[12] = true, true, true
	arch := &nn.Arch{Sizes: []int{2, 2, 2}, Act: nn.ReLU, Loss: nn.CrossEntropy}
	theta := make([]float64, arch.NumParams())
	w, _ := arch.Layer(theta, 1)
	w[0], w[3] = 1, 1
	if got := ddKNNRecognition(arch, theta, &set, 5); got != 2.0/3 {
		t.Errorf("recognition = %g, want 2/3", got)
	}
}

// Truth: the help texts of the tags, which say which model reads a key.
func TestUsesNamesTheKeysEachModelReads(t *testing.T) {
	cases := []struct {
		model, data string
		uses, not   []string
	}{
		{"linear", "", []string{"n", "sizes", "noise", "signal", "ridge"}, []string{"dim", "test", "epochs", "states"}},
		{"features", "", []string{"dim", "noise", "signal", "ridge", "test"}, []string{"epochs", "gamma", "data"}},
		{"mlp", "mixture", []string{"dim", "classes", "sep", "epochs", "lr", "batch", "momentum", "test"}, []string{"pixels", "ridge", "signal"}},
		{"mlp", "digits", []string{"pixels", "epochs", "noise"}, []string{"dim", "classes", "sep"}},
		{"lstd", "", []string{"dim", "states", "gamma", "ridge", "noise"}, []string{"signal", "test", "epochs"}},
	}
	for _, c := range cases {
		s := doubledescent.DefaultFor(c.model)
		if c.data != "" {
			s.Data = c.data
		}
		for _, k := range c.uses {
			if !s.Uses(k) {
				t.Errorf("%s %s: Uses(%q) = false", c.model, c.data, k)
			}
		}
		for _, k := range c.not {
			if s.Uses(k) {
				t.Errorf("%s %s: Uses(%q) = true", c.model, c.data, k)
			}
		}
	}
	s := doubledescent.Default()
	for _, p := range experiment.Params(&s) { // every key is read by some model
		used := false
		for _, m := range ddModels {
			for _, data := range []string{"mixture", "digits"} {
				u := doubledescent.DefaultFor(m)
				u.Data = data
				used = used || u.Uses(p.Key)
			}
		}
		if !used {
			t.Errorf("no model uses %q", p.Key)
		}
	}
}

// Truth: the native run of the same spec. A shared double-descent link
// must give the same numbers in the browser and the CLI, so the whole JSON
// result of a small run of each model must match bit for bit.
func TestDoubleDescentJSWasmRunsGiveTheNativeResult(t *testing.T) {
	assets := ddDigits(t)
	specs := map[string]doubledescent.Spec{}
	for _, model := range ddModels {
		specs[model] = ddSmall(model)
	}
	digits := ddSmall("mlp")
	digits.Data, digits.Momentum, digits.Batch = "digits", 0.5, 0
	specs["mlp-digits"] = digits
	for name, s := range specs {
		t.Run(name, func(t *testing.T) {
			res, err := Run(s, assets, nil)
			parity.CheckResult(t, "experiment-doubledescent-"+name, res, err)
		})
	}
}
