package run

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/kernels"
	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/compute/job/jobtest"
)

// tinySpecs are one spec of each model that run in a fraction of a second.
func tinySpecs() map[string]kernels.Spec {
	r := kernels.Default()
	r.Dim, r.Samples, r.NTK, r.RF = 20, 10, "square,tanh", "cos,softplus"
	r.NTKWidth, r.RFWidth, r.Seeds, r.Tests = []int{1, 4, 16}, []int{20, 80}, 2, 2
	q := kernels.DefaultQNN()
	q.Depths, q.Steps, q.QSamples = []int{2, 5}, 300, 2
	return map[string]kernels.Spec{"robustness": r, "qnn": q}
}

// Truth: Run in one process. The points run as separate kernels.point
// requests in a shuffled order, each result passed through JSON as the
// page forwards it, then assembled by a kernels.assemble request, must
// give the same bytes.
func TestPointsThroughJSONEqualOneProcessRun(t *testing.T) {
	RegisterJobs()
	for name, spec := range tinySpecs() {
		want, err := Run(spec, experiment.Assets{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, _ := json.Marshal(want)
		raw, _ := json.Marshal(spec)
		order := rand.New(rand.NewPCG(1, 2)).Perm(spec.Points())
		parts := make([]json.RawMessage, spec.Points())
		for _, i := range order {
			parts[i] = handle(t, job.Request{Kind: "kernels.point", Spec: raw, Index: i})
		}
		got := handle(t, job.Request{Kind: "kernels.assemble", Spec: raw, Parts: parts})
		var res kernels.Result
		if err := json.Unmarshal(got, &res); err != nil {
			t.Fatal(err)
		}
		gotJSON, _ := json.Marshal(&res)
		if string(gotJSON) != string(wantJSON) {
			t.Errorf("%s: the assembled points differ from the one-process run", name)
		}
	}
}

// Truth: the protocol's contract — a bad request ends in one error that
// names the problem.
func TestBadRequestsEndInAClearError(t *testing.T) {
	RegisterJobs()
	spec := tinySpecs()["robustness"]
	bad := spec
	bad.RFWidth = []int{30000}
	for name, req := range map[string]job.Request{
		"a width past d²/2":    {Kind: "kernels.run", Spec: mustJSON(bad)},
		"a point past the end": {Kind: "kernels.point", Spec: mustJSON(spec), Index: 99},
		"too few parts":        {Kind: "kernels.assemble", Spec: mustJSON(spec), Parts: []json.RawMessage{json.RawMessage(`{"index":0}`)}},
	} {
		var errs []string
		job.Handle(req.Encode(), job.Env{}, func(typ string, body []byte, _ []float64) {
			if typ == "error" {
				errs = append(errs, string(body))
			}
		})
		if len(errs) != 1 || len(errs[0]) < 20 {
			t.Errorf("%s: errors %q; want one that names the problem", name, errs)
		}
	}
}

// Truth: the native run of the same spec. A shared link must give the same
// numbers in the browser (js/wasm) and the CLI, so the whole JSON result
// must match bit for bit.
func TestJSWasmRunsGiveTheNativeResult(t *testing.T) {
	for name, spec := range tinySpecs() {
		res, err := Run(spec, experiment.Assets{}, nil)
		parity.CheckResult(t, "experiment-kernels-"+name, res, err)
	}
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// handle runs one request through job.Handle and returns its result body.
func handle(t *testing.T, req job.Request) json.RawMessage {
	t.Helper()
	return jobtest.Result(t, fmt.Sprintf("%s %d", req.Kind, req.Index), req.Encode(), job.Env{})
}
