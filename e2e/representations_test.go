package e2e

import (
	"encoding/json"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
	representationsrun "github.com/overparam/overparam/compute/experiment/representations/run"
	"github.com/overparam/overparam/web"
)

// repQuery is a small representations link, about a second.
const repQuery = "v=1&samples=600&width=16&layers=4&steps=300&every=50&probe=150&seeds=2&seed=4"

// TestRepresentationsPageRunsAndMatchesTheCLI: the page runs a link, draws
// every chart and the layer grids, and exports the numbers of the native
// run of the same link, bit for bit; the address bar keeps the link.
// Truth: the native run in this process (as cmd/overparam's run -link
// calls it) and the charts app/representations-page.go documents.
func TestRepresentationsPageRunsAndMatchesTheCLI(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)
	want := nativeJSON(t, func() (any, error) {
		s := representations.Default()
		experiment.ParseQuery(repQuery, &s)
		return representationsrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
	})
	tt.open("/representations?" + repQuery)
	tt.waitStatus("done", runTimeout)
	tt.checkCharts(t, "", map[string]string{"convergence": "path", "distance": "path", "rho": "path", "directions": "path, rect"})
	if n := eval[int](tt, `document.querySelectorAll('#grids table.grid').length`); n != representations.GridTimes {
		t.Errorf("%d layer grids; want %d", n, representations.GridTimes)
	}
	tt.exportMatchesNative(t, dir, "overparam-representations.json", want)
	if q := eval[string](tt, `location.search.slice(1)`); q == "" {
		t.Error("the address bar lost the link")
	}
}

// TestRepresentationsPresetRunsAndItsLinkRoundTrips: for each study, the
// page's default runs when it opens, a preset of that study runs on a
// click and draws its first chart, and its link, opened again, restores
// the same controls. Truth: representations.Presets and
// experiment.Query/ParseQuery (a link is the spec).
func TestRepresentationsPresetRunsAndItsLinkRoundTrips(t *testing.T) {
	for _, c := range []struct{ preset, chart string }{
		{"representations-svcca-digits", "convergence"},
		{"representations-mhe-halfspace", "energy"},
		{"representations-forde-strong", "cosine"},
	} {
		t.Run(c.preset, func(t *testing.T) {
			tt := newTab(t)
			defer tt.checkClean(t)
			tt.open("/representations?v=1")
			tt.waitStatus("done", runTimeout)
			tt.clickRun("#preset-" + c.preset)
			tt.checkCharts(t, "preset "+c.preset+": ", chartsOf("path", c.chart))
			tt.linkRestoresControls(t, c.preset)
		})
	}
}

// mheQuery is a small MHE link, about a second.
const mheQuery = "v=1&model=mhe&steps=300&samples=200&lambdas=3&seeds=2"

// TestRepresentationsMHEPageRunsTurnsAndMatchesTheCLI: the MHE page runs a
// link, draws its charts and the units on two spheres, turns them with the
// slider, and exports the native run's numbers bit for bit. Truth: the
// native run in this process and app/representations-mhe.go's charts.
func TestRepresentationsMHEPageRunsTurnsAndMatchesTheCLI(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)
	want := nativeJSON(t, func() (any, error) {
		s := representations.DefaultForQuery(mheQuery)
		experiment.ParseQuery(mheQuery, &s)
		return representationsrun.Run(s, experiment.Assets{}, nil)
	})
	tt.open("/representations?" + mheQuery)
	tt.waitStatus("done", runTimeout)
	tt.checkCharts(t, "", chartsOf("path", "energy", "angle"))
	if n := eval[int](tt, `document.querySelectorAll('#sphere svg circle.unit').length`); n != 24 {
		t.Errorf("%d units on the spheres; want 2 × 12", n)
	}
	pos := `Array.from(document.querySelectorAll('#sphere svg circle.unit')).map(c => c.getAttribute('cx')).join(',')`
	before := eval[string](tt, pos)
	eval[bool](tt, `(() => { const s = document.getElementById('sphere-turn'); s.value = 90; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`)
	tt.waitFor("the spheres to turn", pos+` !== `+jsString(before), pageLoadTimeout)
	tt.exportMatchesNative(t, dir, "overparam-representations.json", want)
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

// fordeQuery is a small FoRDE link, about a second.
const fordeQuery = "v=1&model=forde&steps=150&samples=150&seeds=1&members=3"

// TestRepresentationsFoRDEPageRunsAndMatchesTheCLI: the FoRDE page runs a
// link, draws the cosine chart and the maps of both ensembles (entropy,
// mutual information and one map per member each), and exports the native
// run's numbers bit for bit. Truth: the native run in this process and
// app/representations-forde.go's charts.
func TestRepresentationsFoRDEPageRunsAndMatchesTheCLI(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)
	want := nativeJSON(t, func() (any, error) {
		s := representations.DefaultForQuery(fordeQuery)
		experiment.ParseQuery(fordeQuery, &s)
		return representationsrun.Run(s, experiment.Assets{}, nil)
	})
	tt.open("/representations?" + fordeQuery)
	tt.waitStatus("done", runTimeout)
	tt.checkCharts(t, "", map[string]string{"cosine": "path, rect"})
	if n := eval[int](tt, `document.querySelectorAll('#maps svg.map').length`); n != 2*(2+3) {
		t.Errorf("%d maps; want 2 ensembles × (entropy, mutual information, 3 members)", n)
	}
	tt.exportMatchesNative(t, dir, "overparam-representations.json", want)
}
