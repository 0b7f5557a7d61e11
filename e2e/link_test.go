package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

// sharedQuery is a small spectrum link: three classes, a narrow network
// and few Lanczos steps, so it runs in seconds.
const sharedQuery = "v=1&classes=3&samples=300&test=200&hidden=16&epochs=40&steps=30&probes=4&topk=8&seed=7"

// TestSharedLinkMatchesCLI: a shared link restores its controls, runs, and
// its JSON export equals what `overparam run -link` computes, bit for bit. Truth: the
// native run of the same query in this process, with the same calls as
// cmd/overparam/run.go (ParseQuery on the defaults, then spectrumrun.Run with
// the embedded digits asset).
func TestSharedLinkMatchesCLI(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)

	// The native result, computed while the browser loads.
	type native struct {
		json []byte
		err  error
	}
	want := make(chan native, 1)
	go func() {
		spec := spectrum.Default()
		if n := experiment.ParseQuery(sharedQuery, &spec); len(n) > 0 {
			want <- native{err: &notices{n}}
			return
		}
		if err := spec.Validate(); err != nil {
			want <- native{err: err}
			return
		}
		res, err := spectrumrun.Run(spec, experiment.Assets{Digits: web.DigitsGz}, nil)
		if err != nil {
			want <- native{err: err}
			return
		}
		b, err := json.Marshal(res)
		want <- native{b, err}
	}()

	tt.open("/spectrum?" + sharedQuery)
	for key, v := range map[string]string{"classes": "3", "seed": "7", "hidden": "16", "probes": "4"} {
		if got := eval[string](tt, `document.getElementById('f-`+key+`').value`); got != v {
			t.Errorf("#f-%s is %q, want %q from the link", key, got, v)
		}
	}
	if eval[bool](tt, `document.getElementById('notices') !== null`) {
		t.Errorf("a valid link shows #notices: %q", eval[string](tt, `document.getElementById('notices').textContent`))
	}
	tt.waitStatus("done", runTimeout)
	tt.click("#export-json")
	got := waitJSONFile(t, dir, "overparam-spectrum.json")

	nat := <-want
	if nat.err != nil {
		t.Fatalf("the native run of %s: %v", sharedQuery, nat.err)
	}
	d, err := compareJSON(got, nat.json)
	if err != nil {
		t.Fatalf("decoding the JSON: %v", err)
	}
	for _, p := range d.problems {
		t.Errorf("browser vs CLI: %s", p)
	}
	t.Logf("browser vs CLI: %d numbers, %d bit-identical, largest relative difference %.3g %s",
		d.numbers, d.identical, d.maxRel, d.maxAt)
	if d.numbers < 100 {
		t.Errorf("only %d numbers compared; the export looks incomplete", d.numbers)
	}
	var exported struct {
		Spec spectrum.Spec `json:"spec"`
	}
	if err := json.Unmarshal(got, &exported); err != nil || exported.Spec.Classes != 3 || exported.Spec.Seed != 7 {
		t.Errorf("the export's spec field is %+v (err %v), want classes 3 and seed 7", exported.Spec, err)
	}

	// Changing a control keeps the link in step without new history entries.
	before := eval[int](tt, `history.length`)
	tt.setControl("seed", "8")
	tt.waitFor("the address to follow the seed control", `new URLSearchParams(location.search).get('seed') === '8'`, pageLoadTimeout)
	if after := eval[int](tt, `history.length`); after != before {
		t.Errorf("history.length went from %d to %d on a control change; want replaceState", before, after)
	}
	if q := eval[string](tt, `location.search`); !strings.Contains(q, "classes=3") {
		t.Errorf("after the change the address %q lost classes=3", q)
	}
}

// notices is ParseQuery's corrections of a link that should need none.
type notices struct{ list []string }

func (n *notices) Error() string { return "the link needed corrections: " + strings.Join(n.list, "; ") }
