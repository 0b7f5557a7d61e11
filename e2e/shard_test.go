package e2e

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

// shardQuery is sharedQuery with one probe: on two workers the app splits
// its Hessian-vector products over both (app.shardsFor).
const shardQuery = "v=1&classes=3&samples=300&test=200&hidden=16&epochs=40&steps=30&probes=1&topk=8&seed=7"

// shardTol is the tolerance of a sharded run against the CLI's, relative to
// each curve's scale (max |x|): the sharded products differ from the
// one-worker ones by the rounding of reordered sums (see
// experiment.ProbeSpectrumSharded).
const shardTol = 1e-12

// TestShardedProbeMatchesCLI: with one probe on two workers, the probe is
// split over both, and the exported result equals `overparam run -link` to
// 1e-12 relative. Truth: the native run of the same query in this process.
func TestShardedProbeMatchesCLI(t *testing.T) {
	tt := newTab(t, script(`Object.defineProperty(navigator, 'hardwareConcurrency', {get: () => 2});`))
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)
	spec := experiment.DefaultSpectrum()
	if n := experiment.ParseQuery(shardQuery, &spec); len(n) > 0 {
		t.Fatalf("the query needs corrections: %v", n)
	}
	want, err := experiment.RunSpectrum(spec, experiment.Assets{Digits: web.DigitsGz}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tt.open("/spectrum?" + shardQuery)
	tt.waitStatus("done", runTimeout)
	if n := len(tt.targets(t, "worker")); n != 2 {
		t.Errorf("the tab runs %d compute workers, want 2", n)
	}
	tt.click("#export-json")
	var got experiment.SpectrumResult
	if err := json.Unmarshal(waitJSONFile(t, dir, "overparam-spectrum.json"), &got); err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for _, c := range []struct {
		name string
		a, b []float64
	}{
		{"top", got.Top, want.Top}, {"bottom", got.Bottom, want.Bottom},
		{"density", got.Density.Values, want.Density.Values}, {"grid", got.Density.Grid, want.Density.Grid},
		{"trace", []float64{got.Trace}, []float64{want.Trace}},
	} {
		if len(c.a) != len(c.b) || len(c.a) == 0 {
			t.Errorf("%s: %d values in the browser, %d natively", c.name, len(c.a), len(c.b))
			continue
		}
		d, s := 0.0, 0.0
		for i := range c.a {
			d, s = max(d, math.Abs(c.a[i]-c.b[i])), max(s, math.Abs(c.b[i]))
		}
		if d > shardTol*s {
			t.Errorf("%s: the browser differs from the CLI by %.3g of its scale; want ≤ %g", c.name, d/s, shardTol)
		}
		worst = max(worst, d/s)
	}
	if got.Stats.Products != want.Stats.Products || got.Outliers != want.Outliers || got.Final != want.Final {
		t.Errorf("products, outliers, final = %d, %d, %+v; want %d, %d, %+v", got.Stats.Products, got.Outliers, got.Final, want.Stats.Products, want.Outliers, want.Final)
	}
	t.Logf("sharded browser run vs CLI: largest difference %.3g of the scale", worst)
}
