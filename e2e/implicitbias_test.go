package e2e

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
	implicitbiasrun "github.com/overparam/overparam/compute/experiment/implicitbias/run"
)

// ibQuery is a small attention link: two seeds of 300 steps; ibSSMQuery
// an SSM link with two state sizes and random initialisation.
const (
	ibQuery    = "v=1&model=attention&seeds=2&iters=300&seed=4"
	ibSSMQuery = "v=1&model=ssm&states=1,16&init=random&steps=1500&seed=2"
	// ibCogoQuery is a small CoGO link: a + b mod 7, widths 8 and 16.
	ibCogoQuery = "v=1&model=cogo&modulus=7&widths=8,16&repeats=1&epochs=300"
)

// TestImplicitBiasSSMAndCogoRunAndMatchTheCLI: the SSM and CoGO models of
// the page run a link each, draw their charts and export the JSON of the
// native run, then run a preset whose link, opened again, restores the same
// controls. Truth: the native run with the calls of
// cmd/overparam/implicitbias.go and the charts of app/implicitbias-ssm.go
// and app/implicitbias-cogo.go.
func TestImplicitBiasSSMAndCogoRunAndMatchTheCLI(t *testing.T) {
	for _, c := range []struct {
		query, preset, chart string
		charts               map[string]string
	}{
		{ibSSMQuery, "ib-ssm-random", "ib-ssm-w", map[string]string{"ib-ssm-w": "path", "ib-ssm-half": "path.pt", "ib-ssm-h": "path"}},
		{ibCogoQuery, "ib-cogo", "ib-cogo-fourier", map[string]string{"ib-cogo-fourier": "rect.cell", "ib-cogo-orders": "path.pt", "ib-cogo-r": "path.pt", "ib-cogo-width": "path.pt"}},
	} {
		t.Run(c.query, func(t *testing.T) {
			tt := newTab(t)
			defer tt.checkClean(t)
			dir := tt.allowDownloads(t)
			s := implicitbias.Default()
			experiment.ParseQuery(c.query, &s)
			res, err := implicitbiasrun.Run(s, experiment.Assets{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			nat, _ := json.Marshal(res)
			tt.open("/implicitbias?" + c.query)
			tt.waitStatus("done", runTimeout)
			for id, sel := range c.charts {
				if n := eval[int](tt, `document.querySelectorAll('#chart-`+id+` svg `+sel+`').length`); n == 0 {
					t.Errorf("chart %s draws no %s", id, sel)
				}
			}
			tt.click("#export-json")
			got := waitJSONFile(t, dir, "overparam-implicitbias.json")
			d, err := compareJSON(got, nat)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range d.problems {
				t.Errorf("browser vs CLI: %s", p)
			}
			t.Logf("browser vs CLI: %d numbers, %d bit-identical", d.numbers, d.identical)
			ibPresetRoundTrip(t, tt, c.preset, c.chart)
		})
	}
}

// TestImplicitBiasPageRunsMatchesTheCLIAndRoundTrips: the implicit-bias
// page runs a link, draws its four charts, exports the same JSON as the
// native run, then runs a preset whose link, opened again, restores the
// same controls. Truth: the native run in this process with the calls of
// cmd/overparam/implicitbias.go, the charts app/implicitbias-page.go
// documents, and experiment.Query/ParseQuery (a link is the spec).
func TestImplicitBiasPageRunsMatchesTheCLIAndRoundTrips(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)
	want := make(chan []byte, 1)
	go func() {
		s := implicitbias.Default()
		experiment.ParseQuery(ibQuery, &s)
		res, err := implicitbiasrun.Run(s, experiment.Assets{}, nil)
		if err != nil {
			t.Errorf("native run: %v", err)
			want <- nil
			return
		}
		b, _ := json.Marshal(res)
		want <- b
	}()
	tt.open("/implicitbias?" + ibQuery)
	tt.waitStatus("done", runTimeout)
	for id, sel := range map[string]string{"ib-corr": "path", "ib-singular": "path.pt", "ib-prob": "path", "ib-norm": "path"} {
		if n := eval[int](tt, `document.querySelectorAll('#chart-`+id+` svg `+sel+`').length`); n == 0 {
			t.Errorf("chart %s draws no %s", id, sel)
		}
	}
	if rows := eval[int](tt, `document.querySelectorAll('#ib-table tbody tr').length`); rows != 2 {
		t.Errorf("the per-seed table has %d rows; want 2", rows)
	}
	tt.click("#export-json")
	got := waitJSONFile(t, dir, "overparam-implicitbias.json")
	if nat := <-want; nat != nil {
		d, err := compareJSON(got, nat)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range d.problems {
			t.Errorf("browser vs CLI: %s", p)
		}
		t.Logf("browser vs CLI: %d numbers, %d bit-identical", d.numbers, d.identical)
	}

	ibPresetRoundTrip(t, tt, "ib-attention-one", "ib-corr")
}

// ibPresetRoundTrip clicks preset, waits for its run, checks that chart is
// drawn, then reopens the page's link and checks that it restores the same
// controls and preset. Truth: experiment.Query/ParseQuery (a link is the
// spec).
func ibPresetRoundTrip(t *testing.T, tt *tab, preset, chart string) {
	t.Helper()
	tt.clickRun("#preset-" + preset)
	if n := eval[int](tt, `document.querySelectorAll('#chart-`+chart+` svg path, #chart-`+chart+` svg rect.cell').length`); n == 0 {
		t.Errorf("preset %s: the chart %s is empty", preset, chart)
	}
	link := eval[string](tt, `location.href`)
	controls := `Array.from(document.querySelectorAll('.controls input, .controls select')).map(e => e.id + '=' + (e.type === 'checkbox' ? e.checked : e.value)).join('&')`
	before := eval[string](tt, controls)
	tt.do("reopening the link", chromedpNavigate(link))
	tt.waitFor("the app to start again", `!document.getElementById('app-wasm-loader')`, pageLoadTimeout)
	tt.waitFor("the preset to be recognised", `document.querySelector('#preset-`+preset+`.primary') !== null`, pageLoadTimeout)
	if after := eval[string](tt, controls); after != before {
		t.Errorf("preset %s: the link did not restore the controls:\nbefore %s\nafter  %s", preset, before, after)
	}
	tt.waitStatus("done", runTimeout)
}

// BenchmarkImplicitBiasCogoPreset times the CoGO default preset in the page
// on two workers, from the click on Run to done, as benchmarkPool does.
func BenchmarkImplicitBiasCogoPreset(b *testing.B) {
	tt := newTab(b, script(`Object.defineProperty(navigator, 'hardwareConcurrency', {get: () => 2});`))
	tt.open("/implicitbias?v=1&model=cogo")
	tt.waitStatus("done", runTimeout) // warm-up: the run that opening starts
	var total time.Duration
	b.ResetTimer()
	for range b.N {
		d, _ := tt.timeRun()
		total += d
	}
	b.StopTimer()
	b.ReportMetric(total.Seconds()/float64(b.N), "s/run")
}
