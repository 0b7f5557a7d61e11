package e2e

import (
	"encoding/json"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
	compressionrun "github.com/overparam/overparam/compute/experiment/compression/run"
	"github.com/overparam/overparam/web"
)

// compressionQuery is a small link of the compression page, a few seconds.
const compressionQuery = "v=1&model=gpfq&bits=1,2&n0s=16,64,256&trials=4&widths=16,48&samples=600&test=300&calib=100&epochs=3&seeds=1"

// TestCompressionPageRunsAndMatchesTheCLI: the compression page runs a
// link, draws its three charts, exports the same JSON as the native run
// of the link, and then a preset runs and its link, opened again, restores
// the same controls. Truth: the native run in this process with the calls
// of cmd/overparam/compression.go; the charts app/compression-page.go
// documents; experiment.Query/ParseQuery (a link is the spec).
func TestCompressionPageRunsAndMatchesTheCLI(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)
	want := make(chan []byte, 1)
	go func() {
		s := compression.DefaultCompression()
		experiment.ParseQuery(compressionQuery, &s)
		res, err := compressionrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
		if err != nil {
			t.Errorf("native run: %v", err)
			want <- nil
			return
		}
		b, _ := json.Marshal(res)
		want <- b
	}()
	tt.open("/compression?" + compressionQuery)
	tt.waitStatus("done", runTimeout)
	for id, sel := range map[string]string{"law": "path", "accuracy": "path", "histogram": "rect"} {
		if n := eval[int](tt, `document.querySelectorAll('#chart-`+id+` svg `+sel+`').length`); n == 0 {
			t.Errorf("chart %s draws no %s", id, sel)
		}
	}
	tt.click("#export-json")
	got := waitJSONFile(t, dir, "overparam-compression.json")
	if nat := <-want; nat != nil {
		d, err := compareJSON(got, nat)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range d.problems {
			t.Errorf("browser vs CLI: %s", p)
		}
		if d.numbers == 0 || d.identical != d.numbers {
			t.Errorf("browser vs CLI: %d of %d numbers bit-identical", d.identical, d.numbers)
		}
		t.Logf("browser vs CLI: %d numbers, %d bit-identical", d.numbers, d.identical)
	}

	tt.clickRun("#preset-compression-ternary")
	for _, id := range []string{"law", "accuracy", "histogram"} {
		if n := eval[int](tt, `document.querySelectorAll('#chart-`+id+` svg path, #chart-`+id+` svg rect').length`); n == 0 {
			t.Errorf("preset compression-ternary: chart %s is empty", id)
		}
	}
	link := eval[string](tt, `location.href`)
	controls := `Array.from(document.querySelectorAll('.controls input, .controls select')).map(e => e.id + '=' + (e.type === 'checkbox' ? e.checked : e.value)).join('&')`
	before := eval[string](tt, controls)
	tt.do("reopening the link", chromedpNavigate(link))
	tt.waitFor("the app to start again", `!document.getElementById('app-wasm-loader')`, pageLoadTimeout)
	tt.waitFor("the preset to be recognised", `document.querySelector('#preset-compression-ternary.primary') !== null`, pageLoadTimeout)
	if after := eval[string](tt, controls); after != before {
		t.Errorf("the link did not restore the controls:\nbefore %s\nafter  %s", before, after)
	}
	tt.waitStatus("done", runTimeout)
}

// sparseQuery is a small link of the compression page's sparse model.
const sparseQuery = "v=1&model=sparse&samples=600&test=300&hidden=30&steps=200&every=40&logc=-3"

// TestCompressionSparseRunsAndMatchesTheCLI: the sparse model's link runs,
// draws its three charts and exports the native run's JSON bit for bit.
// Truth: the native run of the link (cmd/overparam/compression.go's
// calls) and the charts app/compression-sparse.go documents.
func TestCompressionSparseRunsAndMatchesTheCLI(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)
	s := compression.DefaultForQuery(sparseQuery)
	experiment.ParseQuery(sparseQuery, &s)
	res, err := compressionrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
	if err != nil {
		t.Fatal(err)
	}
	nat, _ := json.Marshal(res)
	tt.open("/compression?" + sparseQuery)
	tt.waitStatus("done", runTimeout)
	for _, id := range []string{"sparse-accuracy", "sparse-coverage", "sparse-tradeoff", "sparse-mask"} {
		if n := eval[int](tt, `document.querySelectorAll('#chart-`+id+` svg path, #chart-`+id+` svg circle').length`); n == 0 {
			t.Errorf("chart %s is empty", id)
		}
	}
	tt.click("#export-json")
	got := waitJSONFile(t, dir, "overparam-compression.json")
	d, err := compareJSON(got, nat)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.problems {
		t.Errorf("browser vs CLI: %s", p)
	}
	if d.numbers == 0 || d.identical != d.numbers {
		t.Errorf("browser vs CLI: %d of %d numbers bit-identical", d.identical, d.numbers)
	}
}
