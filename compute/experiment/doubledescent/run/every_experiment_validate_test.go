package run

// The every_experiment_*_test.go files test all three experiments at once
// (links, limits, presets, cost estimates, the README's numbers). They live
// in this run package because it is the one that may import the other two
// run packages (paths/run imports spectrum/run) while still reaching its own
// internals; the per-experiment tests sit beside each run.

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	pathsrun "github.com/overparam/overparam/compute/experiment/paths/run"
	"github.com/overparam/overparam/compute/runkit"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/experiment/spectrum"
	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

	"github.com/overparam/overparam/compute/train"
)

// validator is what every spec satisfies.
type validator interface{ Validate() error }

// linkSpec reads a page link into a fresh spec of the page, as the page
// and `overparam run -link` do, and returns it with the notices.
func linkSpec(page, query string) (validator, []string) {
	switch page {
	case "spectrum":
		s := spectrum.Default()
		return &s, experiment.ParseQuery(query, &s)
	case "paths":
		s := paths.Default()
		return &s, experiment.ParseQuery(query, &s)
	}
	s := doubledescent.DefaultForQuery(query)
	return &s, experiment.ParseQuery(query, &s)
}

// TestDataLimitsAreRefusedUpFront: links whose data the generators of
// package data would refuse mid-run are refused by Validate, with a
// message naming the keys and the allowed values. Truth: data.MaxElements
// (2²⁴ input values per generator call) and data.MaxDigitsTrain/Test
// (10,000 and 2,000 images in web/data/digits.bin.gz).
func TestDataLimitsAreRefusedUpFront(t *testing.T) {
	cases := []struct {
		page, query string
		want        []string
	}{
		// (10000 + 10000)·1024 = 20,480,000 > 16,777,216 = 2²⁴; at most
		// 16777216/1024 − 10000 = 6384 training samples fit.
		{"spectrum", "v=1&dim=1024&samples=10000&test=10000&hidden=8&probes=100&epochs=1",
			[]string{"samples = 10000", "test = 10000", "the limit is 16777216", "at most samples = 6384"}},
		{"spectrum", "v=1&data=teacher&loss=mse&dim=1024&samples=9000&test=9000&hidden=4&epochs=1",
			[]string{"samples = 9000", "at most samples = 7384"}},
		{"spectrum", "v=1&data=digits&test=3000&epochs=1", []string{"test = 3000", "[1, 2000]"}},
		{"paths", "v=1&dim=1024&samples=10000&test=10000&hidden=4&epochs=1", []string{"samples = 10000", "the limit is 16777216"}},
		{"doubledescent", "v=1&model=mlp&dim=1024&n=10000&test=10000&sizes=2&epochs=1&repeats=1", []string{"n = 10000", "test = 10000", "at most n = 6384"}},
		{"doubledescent", "v=1&model=mlp&data=digits&test=2500&sizes=2&epochs=1", []string{"test = 2500", "[1, 2000]"}},
	}
	for _, c := range cases {
		spec, notices := linkSpec(c.page, c.query)
		if len(notices) > 0 {
			t.Fatalf("/%s?%s: the link was corrected (%v); the case wants it read as written", c.page, c.query, notices)
		}
		err := spec.Validate()
		if err == nil {
			t.Errorf("/%s?%s: Validate accepted it", c.page, c.query)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("/%s?%s: %q does not say %q", c.page, c.query, err, w)
			}
		}
	}
}

// randomQuery draws a link for spec: each key with probability ½, its
// value at either end of its range, log-uniform inside it (sizes small:
// at most maxSize), an enum value, or now and then a hostile text.
func randomQuery(r *rand.Rand, spec any, maxSize float64) string {
	parts := []string{"v=1"}
	hostile := []string{"", "-1", "0", "1e9", "NaN", "0,0,0", "1,1000000", "x", "%5B1%5D", "99999999999999999999"}
	for _, p := range experiment.Params(spec) {
		if r.IntN(2) == 0 {
			continue
		}
		var v string
		switch {
		case r.IntN(10) == 0:
			v = hostile[r.IntN(len(hostile))]
		case p.Enum != nil:
			v = p.Enum[r.IntN(len(p.Enum))]
		case p.Kind == reflect.Bool:
			v = strconv.FormatBool(r.IntN(2) == 0)
		default:
			lo, hi := p.Min, math.Min(p.Max, maxSize)
			if lo > hi {
				hi = lo
			}
			x := func() float64 {
				switch r.IntN(4) {
				case 0:
					return lo
				case 1:
					return hi
				}
				if lo > 0 {
					return math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo)))
				}
				return lo + r.Float64()*(hi-lo)
			}
			if p.Kind == reflect.Float64 {
				v = strconv.FormatFloat(x(), 'g', 4, 64)
			} else if p.Kind == reflect.Slice {
				n := 1 + r.IntN(4)
				xs := make([]string, n)
				for i := range xs {
					xs[i] = strconv.Itoa(int(x()))
				}
				v = strings.Join(xs, ",")
			} else {
				v = strconv.Itoa(int(x()))
			}
		}
		parts = append(parts, p.Key+"="+v)
	}
	return strings.Join(parts, "&")
}

// goFormatting matches what Go's fmt writes for values a person should
// never see: slices ("[4 4 4]"), maps, pointers to structs, and verb
// errors ("%!d(string=…)").
var goFormatting = regexp.MustCompile(`\[-?\d+( -?\d+)+\]|\[\]|map\[|&\{|%!|0x[0-9a-f]{6,}`)

// TestCorrectedLinksEndValidOrRefusedPlainly: for random and hostile
// links of every page, the spec ParseQuery corrects either passes
// Validate, or Validate's message (and every notice) is plain text with no
// Go value formatting. Truth: the regular expression goFormatting, which
// matches fmt's renderings of slices, maps, struct pointers and bad verbs.
func TestCorrectedLinksEndValidOrRefusedPlainly(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	fixed := []struct{ page, query string }{
		{"paths", "v=1&widths=0,0,0"},
		{"paths", "v=1&widths=1,1000000"},
		{"doubledescent", "v=1&sizes=0,0,0"},
	}
	for _, c := range fixed {
		spec, notices := linkSpec(c.page, c.query)
		if err := spec.Validate(); err != nil {
			t.Errorf("/%s?%s (corrected: %v) is refused: %v; a clamped list should end valid", c.page, c.query, notices, err)
		}
	}
	pages := []string{"spectrum", "paths", "doubledescent"}
	accepted := map[string]int{}
	for i := 0; i < 600; i++ {
		page := pages[i%3]
		spec, _ := linkSpec(page, "")
		query := randomQuery(r, spec, 1e9)
		spec, notices := linkSpec(page, query)
		for _, n := range notices {
			if goFormatting.MatchString(n) {
				t.Errorf("/%s?%s: notice %q shows Go formatting", page, query, n)
			}
		}
		err := spec.Validate()
		if err == nil {
			accepted[page]++
			continue
		}
		if goFormatting.MatchString(err.Error()) {
			t.Errorf("/%s?%s: refusal %q shows Go formatting", page, query, err)
		}
	}
	t.Logf("accepted of 200 random links per page: %v", accepted)
}

// TestAcceptedSpecsDrawTheirData: every spec Validate accepts, among random
// links with small sizes, draws its data without error, so no run fails
// mid-way on a limit of package data. Truth: the generators themselves
// (data.Mixture, Moons, Circles, TeacherStudent, Digits, AddLabelNoise),
// each of which validates its settings.
func TestAcceptedSpecsDrawTheirData(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	assets := ddDigits(t)
	drawn := map[string]int{}
	for i := 0; i < 300; i++ {
		page := []string{"spectrum", "paths", "doubledescent"}[i%3]
		spec, _ := linkSpec(page, "")
		query := randomQuery(r, spec, 3000)
		spec, _ = linkSpec(page, query)
		if spec.Validate() != nil {
			continue
		}
		var err error
		switch s := spec.(type) {
		case *spectrum.Spec:
			_, err = runkit.BuildSpectrumData(s, assets)
		case *paths.Spec:
			sp := s.PairSpec()
			if _, err = runkit.BuildSpectrumData(&sp, assets); err == nil {
				_, err = pathsrun.MeanFieldData(s)
			}
		case *doubledescent.Spec:
			if s.Model == "mlp" {
				var e *mlpEnv
				if e, err = newMLPEnv(s, assets); err == nil {
					_, err = ddSplit(s, e, 0)
				}
			}
		}
		if err != nil {
			t.Errorf("/%s?%s: accepted by Validate, but drawing its data fails: %v", page, query, err)
		}
		drawn[page]++
	}
	t.Logf("data drawn for accepted random links: %v", drawn)
	for _, page := range []string{"spectrum", "paths", "doubledescent"} {
		if drawn[page] < 10 {
			t.Errorf("only %d random %s links were accepted; the test checks too little", drawn[page], page)
		}
	}
}

// TestFiniteBlowUpFailsTheRun: the link whose loss reached 9.3e137 with
// lr = 100 and a ReLU network now fails, naming the step, instead of
// reporting a spectrum. Truth: train.DivergenceFactor's rule (the loss
// above 10⁶ × its initial value) and the loss's start, ln 10 ≈ 2.3 for ten
// balanced classes at a near-uniform initial softmax.
func TestFiniteBlowUpFailsTheRun(t *testing.T) {
	s := spectrum.Default()
	experiment.ParseQuery("v=1&activation=relu&lr=100&epochs=50", &s)
	_, err := spectrumrun.Run(s, experiment.Assets{}, nil)
	var div *train.DivergedError
	if !errors.As(err, &div) {
		t.Fatalf("err = %v, want a *train.DivergedError", err)
	}
	if div.Initial < 1 || div.Initial > 4 || !(div.Value > train.DivergenceFactor*div.Initial) {
		t.Errorf("diverged from %v to %v; want a start near ln 10 and a loss above %g times it", div.Initial, div.Value, float64(train.DivergenceFactor))
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("step %d", div.Step)) {
		t.Errorf("message %q does not name the step", err)
	}
}
