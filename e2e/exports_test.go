package e2e

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// The export buttons of a chart panel, by their titles (what a person
// reads when pointing at them).
const (
	svgButton = `button[title="download the chart as SVG"]`
	pngButton = `button[title="download the chart as PNG"]`
	csvButton = `button[title="download the chart's data as CSV"]`
)

// exportRound is one run of a page and what its exports must show.
type exportRound struct {
	set   map[string]string // controls changed before clicking Run (none for the first round)
	check func(t *testing.T, ex *exports)
}

// exports are the files of one round: the result JSON and result CSV, and
// each chart's SVG, PNG and CSV, downloaded by clicking their buttons.
type exports struct {
	json, csv string
	svg, png  map[string][]byte
	chartCSV  map[string][]byte
}

// TestExportsShowTheResult: on every page, after a run and after a second
// run with other settings, every export button saves the result on the
// screen: the SVGs draw the JSON's series with its number of points, the
// PNGs are those SVGs rasterised (twice the size, showing the data), the
// chart CSVs and the result's long-format CSV hold the JSON's numbers row
// for row, and the JSON holds the settings of that run. Hovering a chart
// shows its readout. Truth: the page's own JSON export, which
// TestSweepPagesRunAndMatchTheCLI and TestSharedLinkMatchesCLI check
// against native runs, and the file formats the pages document
// (app/export.go, app/chart-panel.go).
func TestExportsShowTheResult(t *testing.T) {
	cases := []struct {
		page, query string
		charts      []string
		hovers      map[string]string // chart id → how its readout starts
		rounds      []exportRound
	}{
		{"spectrum", sharedQuery, []string{"training", "density"}, map[string]string{"training": "step ", "density": "λ = "}, []exportRound{
			{nil, checkSpectrumExports(3, 7)},
			{map[string]string{"classes": "4", "seed": "9", "epochs": "30"}, checkSpectrumExports(4, 9)},
		}},
		{"paths", pathsQuery, []string{"pair", "sharpness", "mf-paths", "dropout", "barriers"}, map[string]string{"pair": "α = "}, []exportRound{
			{nil, checkPathsExports(0)},
			{map[string]string{"seed": "5", "widths": "16,24,32"}, checkPathsExports(5)},
		}},
		{"doubledescent", ddQuery, []string{"dd"}, map[string]string{"dd": "size "}, []exportRound{
			{nil, checkDDExports(4, 3)},
			{map[string]string{"repeats": "3", "seed": "11"}, checkDDExports(3, 11)},
		}},
	}
	for _, c := range cases {
		t.Run(c.page, func(t *testing.T) {
			tt := newTab(t)
			defer tt.checkClean(t)
			tt.open("/" + c.page + "?" + c.query)
			tt.waitStatus("done", runTimeout)
			for i, r := range c.rounds {
				t.Run(fmt.Sprintf("run %d", i+1), func(t *testing.T) {
					if r.set != nil {
						for k, v := range r.set {
							tt.setControl(k, v)
						}
						tt.clickRun("#run")
					}
					// A person exports what the charts show: wait until every
					// chart has drawn the result (no empty-chart note left).
					for _, id := range c.charts {
						tt.waitFor("chart "+id+" to draw the result", `(() => { const s = document.querySelector('#panel-`+id+` svg'); return s !== null && s.querySelector('text.note') === null })()`, pageLoadTimeout)
					}
					ex := tt.downloadAll(t, c.page, c.charts)
					r.check(t, ex)
					for _, id := range c.charts {
						checkPNG(t, id+".png", ex.png[id], string(ex.svg[id]), 50)
					}
					for id, prefix := range c.hovers {
						if got := tt.hover(id); !strings.HasPrefix(got, prefix) {
							t.Errorf("pointing at chart %s shows the readout %q, want one starting %q", id, got, prefix)
						}
					}
				})
			}
		})
	}
}

// downloadAll clicks every export button of the page into a new directory
// and reads the files.
func (tt *tab) downloadAll(t *testing.T, page string, charts []string) *exports {
	dir := tt.allowDownloads(t)
	ex := &exports{svg: map[string][]byte{}, png: map[string][]byte{}, chartCSV: map[string][]byte{}}
	base := "overparam-" + page
	tt.click("#export-json")
	ex.json = string(waitJSONFile(t, dir, base+".json"))
	tt.click("#export-csv")
	ex.csv = string(waitFile(t, dir, base+".csv"))
	for _, id := range charts {
		panel := "#panel-" + id + " "
		ex.svg[id] = tt.download(t, dir, panel+svgButton, "overparam-"+id+".svg")
		ex.png[id] = tt.download(t, dir, panel+pngButton, "overparam-"+id+".png")
		ex.chartCSV[id] = tt.download(t, dir, panel+csvButton, "overparam-"+id+".csv")
		for _, note := range []string{"press Run", "no spectrum yet", "no sharpness yet", "computed with the width sweep", "streams in"} {
			if strings.Contains(string(ex.svg[id]), ">"+note) || strings.Contains(string(ex.svg[id]), note+"<") {
				t.Errorf("overparam-%s.svg shows the empty chart's note %q after the run", id, note)
			}
		}
	}
	return ex
}

// download clicks the export button sel and returns the file it saves as
// name in dir. Chromium's limiter of automatic downloads may drop a
// download that follows a PNG's (saved asynchronously, after the image is
// rasterised, so without the click's user gesture) within moments, as a
// person clicking through the buttons slowly never sees; so when the
// file has not arrived within dropWait, the button is clicked once more,
// as that person would. The file's content is checked by the caller.
func (tt *tab) download(t *testing.T, dir, sel, name string) []byte {
	t.Helper()
	tt.click(sel)
	if b, ok := pollFile(dir, name, dropWait); ok {
		return b
	}
	t.Logf("%s did not arrive within %v of the click; clicking %s again", name, dropWait, sel)
	tt.click(sel)
	return waitFile(t, dir, name)
}

// dropWait is how long download waits before it takes a download for
// dropped by Chromium's limiter (a saved file arrives in well under a
// second here); a guard, not an assertion.
const dropWait = 5 * time.Second

// checkSpectrumExports checks a spectrum run with the given classes and
// seed.
func checkSpectrumExports(classes int, seed uint64) func(t *testing.T, ex *exports) {
	return func(t *testing.T, ex *exports) {
		var r spectrum.Result
		if err := json.Unmarshal([]byte(ex.json), &r); err != nil {
			t.Fatalf("the JSON export: %v", err)
		}
		if r.Spec.Classes != classes || r.Spec.Seed != seed {
			t.Errorf("the JSON is of classes=%d seed=%d, want the run's %d and %d", r.Spec.Classes, r.Spec.Seed, classes, seed)
		}
		// Training: the train-loss line has a point per curve point, and
		// the chart CSV a row per point with the JSON's numbers.
		if got := seriesPaths(string(ex.svg["training"]), "c0"); len(got) == 0 || got[0] != len(r.Train) {
			t.Errorf("training SVG: the train-loss line has %v points, want the JSON's %d", got, len(r.Train))
		}
		h, rows := readCSV(t, "training CSV", ex.chartCSV["training"])
		if len(rows) != len(r.Train) {
			t.Errorf("training CSV has %d rows, want the JSON's %d curve points", len(rows), len(r.Train))
		} else {
			step, loss := column(t, "training CSV", h, "step"), column(t, "training CSV", h, "train_loss")
			for i, p := range r.Train {
				if rows[i][step] != strconv.Itoa(p.Step) || !sameFloat(cellFloat(t, rows[i][loss]), p.TrainLoss) {
					t.Errorf("training CSV row %d is %q, want step %d train loss %v", i, rows[i], p.Step, p.TrainLoss)
					break
				}
			}
		}
		// Density: the legend counts the JSON's outliers, each top Ritz
		// value is a rug mark with its tooltip, and the CSV is the grid.
		svg := string(ex.svg["density"])
		if want := fmt.Sprintf("outliers (%d)", r.Outliers); !strings.Contains(svg, want) {
			t.Errorf("density SVG lacks the legend entry %q", want)
		}
		for i, l := range r.Top {
			if want := fmt.Sprintf("<title>λ%d = %.6g ", i+1, l); !strings.Contains(svg, want) {
				t.Errorf("density SVG has no rug mark %q for the JSON's top eigenvalue", want)
			}
		}
		h, rows = readCSV(t, "density CSV", ex.chartCSV["density"])
		if len(rows) != len(r.Density.Grid) {
			t.Errorf("density CSV has %d rows, want the JSON's %d grid points", len(rows), len(r.Density.Grid))
		} else {
			x, y := column(t, "density CSV", h, "lambda"), column(t, "density CSV", h, "density")
			for i := range rows {
				if !sameFloat(cellFloat(t, rows[i][x]), r.Density.Grid[i]) || !sameFloat(cellFloat(t, rows[i][y]), r.Density.Values[i]) {
					t.Errorf("density CSV row %d is %q, want %v, %v", i, rows[i], r.Density.Grid[i], r.Density.Values[i])
					break
				}
			}
		}
		// The result CSV: one row per number of each series.
		want := map[string][][2]float64{}
		for i, x := range r.Density.Grid {
			want["density"] = append(want["density"], [2]float64{x, r.Density.Values[i]})
		}
		for i, x := range r.Top {
			want["top"] = append(want["top"], [2]float64{x, r.Residuals[i]})
		}
		for i, x := range r.Bottom {
			want["bottom"] = append(want["bottom"], [2]float64{x, r.BottomResiduals[i]})
		}
		for _, p := range r.Train {
			want["train"] = append(want["train"], [2]float64{float64(p.Step), p.TrainLoss})
		}
		checkLongCSV(t, ex.csv, want)
	}
}

// checkLongCSV checks a long-format result CSV (series, index, x, y)
// against the series it must hold, in order.
func checkLongCSV(t *testing.T, file string, want map[string][][2]float64) {
	t.Helper()
	h, rows := readCSV(t, "result CSV", []byte(file))
	s, x, y := column(t, "result CSV", h, "series"), column(t, "result CSV", h, "x"), column(t, "result CSV", h, "y")
	got := map[string][][2]float64{}
	for _, row := range rows {
		got[row[s]] = append(got[row[s]], [2]float64{cellFloat(t, row[x]), cellFloat(t, row[y])})
	}
	total := 0
	for name, pts := range want {
		total += len(pts)
		g := got[name]
		if len(g) != len(pts) {
			t.Errorf("result CSV: series %q has %d rows, want the JSON's %d", name, len(g), len(pts))
			continue
		}
		for i := range pts {
			if !sameFloat(g[i][0], pts[i][0]) || !sameFloat(g[i][1], pts[i][1]) {
				t.Errorf("result CSV: series %q row %d is %v, want %v", name, i, g[i], pts[i])
				break
			}
		}
	}
	if len(rows) < total {
		t.Errorf("result CSV has %d rows, want at least the JSON's %d", len(rows), total)
	}
}

// checkPathsExports checks a paths run with the given seed (0: the
// default).
func checkPathsExports(seed uint64) func(t *testing.T, ex *exports) {
	return func(t *testing.T, ex *exports) {
		var r paths.Result
		if err := json.Unmarshal([]byte(ex.json), &r); err != nil {
			t.Fatalf("the JSON export: %v", err)
		}
		if seed != 0 && r.Spec.Seed != seed {
			t.Errorf("the JSON is of seed %d, want the run's %d", r.Spec.Seed, seed)
		}
		if len(r.Paths) == 0 {
			t.Fatal("the JSON has no paths")
		}
		pair := r.Paths[0]
		if got := seriesPaths(string(ex.svg["pair"]), "c0"); len(got) == 0 || got[0] != len(pair.Alpha) {
			t.Errorf("pair SVG: the train-loss line has %v points, want the JSON's %d", got, len(pair.Alpha))
		}
		rowsOf := func(id string) int { _, rows := readCSV(t, id+" CSV", ex.chartCSV[id]); return len(rows) }
		var mf, drop int
		for _, p := range r.Paths[1:] {
			if p.Name == "linear" || p.Name == "piecewise" {
				mf += len(p.Alpha)
			}
		}
		for _, d := range r.Dropout {
			drop += len(d.M)
		}
		pairRows := len(pair.Alpha)
		for _, p := range r.Paths[1:] {
			if p.Name == paths.BezierName {
				pairRows += len(p.Alpha)
			}
		}
		for id, want := range map[string]int{"pair": pairRows, "sharpness": len(pair.Sharpness), "mf-paths": mf, "dropout": drop, "barriers": len(r.Widths)} {
			if got := rowsOf(id); got != want {
				t.Errorf("%s CSV has %d rows, want the JSON's %d", id, got, want)
			}
		}
		if n := strings.Count(string(ex.svg["sharpness"]), "<title>α = "); n != len(pair.Sharpness) {
			t.Errorf("sharpness SVG marks %d points, want the JSON's %d", n, len(pair.Sharpness))
		}
		want := map[string][][2]float64{}
		for _, w := range r.Widths {
			want["linear_barrier"] = append(want["linear_barrier"], [2]float64{float64(w.Width), w.LinearBarrier})
			want["dropout_barrier"] = append(want["dropout_barrier"], [2]float64{float64(w.Width), w.DropoutBarrier})
		}
		for i, a := range pair.Alpha {
			want["pair train_loss"] = append(want["pair train_loss"], [2]float64{a, pair.TrainLoss[i]})
		}
		checkLongCSV(t, ex.csv, want)
	}
}

// checkDDExports checks a double-descent run with the given repeats and
// seed.
func checkDDExports(repeats int, seed uint64) func(t *testing.T, ex *exports) {
	return func(t *testing.T, ex *exports) {
		var r doubledescent.Result
		if err := json.Unmarshal([]byte(ex.json), &r); err != nil {
			t.Fatalf("the JSON export: %v", err)
		}
		if r.Spec.Repeats != repeats || r.Spec.Seed != seed {
			t.Errorf("the JSON is of repeats=%d seed=%d, want the run's %d and %d", r.Spec.Repeats, r.Spec.Seed, repeats, seed)
		}
		dots := 0
		for _, p := range r.Points {
			for _, v := range p.Values {
				if v > 0 && v < 1e308 { // the log axis leaves out the rest
					dots++
				}
			}
		}
		if got := dotCount(string(ex.svg["dd"]), "muted"); got != dots {
			t.Errorf("dd SVG draws %d repeat dots, want the JSON's %d", got, dots)
		}
		rows := len(r.Points)
		for _, c := range r.Curves {
			rows += len(c.Points)
		}
		for name, file := range map[string]string{"dd chart CSV": string(ex.chartCSV["dd"]), "result CSV": ex.csv} {
			h, got := readCSV(t, name, []byte(file))
			if len(got) != rows {
				t.Errorf("%s has %d rows, want the JSON's %d (points and curves)", name, len(got), rows)
				continue
			}
			med := column(t, name, h, "median")
			for i, p := range r.Points {
				if !sameFloat(cellFloat(t, got[i][med]), p.Median) {
					t.Errorf("%s row %d has median %s, want the JSON's %v", name, i, got[i][med], p.Median)
					break
				}
			}
		}
	}
}
