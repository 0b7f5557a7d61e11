package e2e

import (
	"testing"

	doubledescentrun "github.com/overparam/overparam/compute/experiment/doubledescent/run"
	pathsrun "github.com/overparam/overparam/compute/experiment/paths/run"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"

	"github.com/chromedp/chromedp"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

// Small links of the sweep pages, a few seconds each.
const (
	ddQuery    = "v=1&model=linear&n=40&sizes=10,20,30,36,44,50,60,80&repeats=4&seed=3"
	pathsQuery = "v=1&epochs=5&samples=200&test=100&widths=16,32&width=32&seeds=1&mfsamples=200&mftest=100&mfepochs=2&sharpness=3&resolution=20&steps=10"
)

// sweepCase is one sweep page: its link, what its charts must show, and
// the native run of the same link.
type sweepCase struct {
	page, query, file string
	charts            map[string]string // chart id → CSS selector that must match inside it
	native            func(query string) (any, error)
}

var sweepCases = []sweepCase{
	{"doubledescent", ddQuery, "overparam-doubledescent.json",
		map[string]string{"dd": "path"},
		func(q string) (any, error) {
			s := doubledescent.DefaultForQuery(q)
			experiment.ParseQuery(q, &s)
			return doubledescentrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
		}},
	{"paths", pathsQuery, "overparam-paths.json",
		map[string]string{"pair": "path", "sharpness": "circle", "mf-paths": "path", "dropout": "path", "barriers": "path"},
		func(q string) (any, error) {
			s := paths.Default()
			experiment.ParseQuery(q, &s)
			return pathsrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
		}},
}

// TestSweepPagesRunAndMatchTheCLI: each sweep page runs its link, draws
// its charts, and exports the same numbers as the native run. Truth: the
// native run in this process with the calls of cmd/overparam/run.go, and
// the charts each page documents (app/doubledescent-page.go,
// app/paths-page.go).
func TestSweepPagesRunAndMatchTheCLI(t *testing.T) {
	for _, c := range sweepCases {
		t.Run(c.page, func(t *testing.T) {
			tt := newTab(t)
			defer tt.checkClean(t)
			dir := tt.allowDownloads(t)
			want := nativeJSON(t, func() (any, error) {
				return c.native(c.query)
			})
			tt.open("/" + c.page + "?" + c.query)
			tt.waitStatus("done", runTimeout)
			tt.checkCharts(t, "", c.charts)
			tt.exportMatchesNative(t, dir, c.file, want)
			// The link round-trips: the address bar holds the same spec.
			if q := eval[string](tt, `location.search.slice(1)`); q == "" {
				t.Error("the address bar lost the link")
			}
		})
	}
}

// TestSweepPresetsRunAndLinksRoundTrip: a preset of each sweep page runs
// and draws every chart, and its link, opened again, restores the same
// controls. Truth: the presets of app/paths-fields.go and
// app/doubledescent-fields.go, and experiment.Query/ParseQuery (a link is
// the spec).
func TestSweepPresetsRunAndLinksRoundTrip(t *testing.T) {
	for _, c := range []struct {
		page, preset string
		charts       []string
	}{
		{"paths", "paths-seeds", []string{"pair", "sharpness", "mf-paths", "dropout", "barriers"}},
		{"doubledescent", "dd-lstd", []string{"dd"}},
	} {
		t.Run(c.page, func(t *testing.T) {
			tt := newTab(t)
			defer tt.checkClean(t)
			tt.open("/" + c.page + "?v=1") // the defaults
			tt.waitStatus("done", runTimeout)
			tt.clickRun("#preset-" + c.preset)
			tt.checkCharts(t, "preset "+c.preset+": ", chartsOf("path, circle", c.charts...))
			tt.linkRestoresControls(t, c.preset)
		})
	}
}

func chromedpNavigate(url string) chromedp.Action[chromedp.Void] { return chromedp.Navigate(url) }
