package e2e

import (
	"encoding/json"
	"fmt"
	"testing"

	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

// shardQuery is sharedQuery with one probe: on w workers the app splits its
// Hessian-vector products over all w (app.shardsFor), each taking its share
// of the spec's four sample blocks (experiment.SampleBlocks).
const shardQuery = "v=1&classes=3&samples=300&test=200&hidden=16&epochs=40&steps=30&probes=1&topk=8&seed=7"

// TestShardedProbeIsTheCLIBitForBit: with one probe on 1, 2, 3 and 4
// workers — the probe unsplit, then split over 2, 3 and 4 of them — the
// exported result is the same bits as `overparam run -link`, so a link
// gives the same numbers whatever the viewer's core count. Truth: the
// native run of the same query in this process, with the calls of
// cmd/overparam/run.go.
func TestShardedProbeIsTheCLIBitForBit(t *testing.T) {
	spec := spectrum.Default()
	if n := experiment.ParseQuery(shardQuery, &spec); len(n) > 0 {
		t.Fatalf("the query needs corrections: %v", n)
	}
	res, err := spectrumrun.Run(spec, experiment.Assets{Digits: web.DigitsGz}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	for workers := 1; workers <= 4; workers++ {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			tt := newTab(t, script(fmt.Sprintf(`Object.defineProperty(navigator, 'hardwareConcurrency', {get: () => %d});`, workers)))
			defer tt.checkClean(t)
			dir := tt.allowDownloads(t)
			tt.open("/spectrum?" + shardQuery)
			tt.waitStatus("done", runTimeout)
			if n := len(tt.targets(t, "worker")); n != workers {
				t.Errorf("the tab runs %d compute workers, want %d", n, workers)
			}
			tt.click("#export-json")
			got := waitJSONFile(t, dir, "overparam-spectrum.json")
			d, err := compareJSON(got, want)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range d.problems {
				t.Errorf("browser on %d workers vs CLI: %s", workers, p)
			}
			if d.numbers < 100 {
				t.Errorf("only %d numbers compared; the export looks incomplete", d.numbers)
			}
			t.Logf("browser on %d workers vs CLI: %d numbers, %d bit-identical", workers, d.numbers, d.identical)
		})
	}
}
