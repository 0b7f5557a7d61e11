package e2e

import (
	"encoding/json"
	"testing"
)

// The steps every experiment family's page test takes: run a link natively
// to have the CLI's numbers, check the charts a run draws, export the JSON
// and compare it with the native run number by number, and reopen a
// preset's link.

// nativeJSON runs run (the native run of a link, with the calls of
// cmd/overparam's run -link) in the background, while the browser runs the
// same link, and delivers its JSON result; nil after reporting its error.
func nativeJSON(t testing.TB, run func() (any, error)) <-chan []byte {
	want := make(chan []byte, 1)
	go func() {
		res, err := run()
		if err != nil {
			t.Errorf("native run: %v", err)
			want <- nil
			return
		}
		b, _ := json.Marshal(res)
		want <- b
	}()
	return want
}

// exportMatchesNative clicks the page's JSON export, waits for file in the
// download folder dir, and checks that every number in it is bit for bit
// the native run's (nativeJSON).
func (tt *tab) exportMatchesNative(t *testing.T, dir, file string, native <-chan []byte) {
	t.Helper()
	tt.click("#export-json")
	got := waitJSONFile(t, dir, file)
	nat := <-native
	if nat == nil {
		return
	}
	d, err := compareJSON(got, nat)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.problems {
		t.Errorf("browser vs CLI: %s", p)
	}
	t.Logf("browser vs CLI: %d numbers, %d bit-identical", d.numbers, d.identical)
}

// drawn counts the elements matching the CSS selector list sel (such as
// "path" or "path, rect") inside chart id's SVG.
func (tt *tab) drawn(id, sel string) int {
	tt.tb.Helper()
	return eval[int](tt, `document.querySelectorAll('#chart-`+id+` svg :is(`+sel+`)').length`)
}

// checkCharts checks that each chart (id → CSS selector) draws at least one
// element its selector matches; what (such as "preset x: ") starts each
// error.
func (tt *tab) checkCharts(t *testing.T, what string, charts map[string]string) {
	t.Helper()
	for id, sel := range charts {
		if tt.drawn(id, sel) == 0 {
			t.Errorf("%schart %s draws no %s", what, id, sel)
		}
	}
}

// chartsOf maps each chart id to sel, for checkCharts.
func chartsOf(sel string, ids ...string) map[string]string {
	m := make(map[string]string, len(ids))
	for _, id := range ids {
		m[id] = sel
	}
	return m
}

// controlsJS lists every control of the page as id=value (checked for a
// checkbox), the state a link must restore.
const controlsJS = `Array.from(document.querySelectorAll('.controls input, .controls select')).map(e => e.id + '=' + (e.type === 'checkbox' ? e.checked : e.value)).join('&')`

// linkRestoresControls reopens the page's current link (that of preset,
// just run) and checks that the preset is recognised and every control
// comes back as it was; it then waits for the run the link starts.
// Truth: experiment.Query/ParseQuery (a link is the spec).
func (tt *tab) linkRestoresControls(t *testing.T, preset string) {
	t.Helper()
	link := eval[string](tt, `location.href`)
	before := eval[string](tt, controlsJS)
	tt.do("reopening the link", chromedpNavigate(link))
	tt.waitFor("the app to start again", `!document.getElementById('app-wasm-loader')`, pageLoadTimeout)
	tt.waitFor("the preset to be recognised", `document.querySelector('#preset-`+preset+`.primary') !== null`, pageLoadTimeout)
	if after := eval[string](tt, controlsJS); after != before {
		t.Errorf("the link did not restore the controls:\nbefore %s\nafter  %s", before, after)
	}
	tt.waitStatus("done", runTimeout)
}
