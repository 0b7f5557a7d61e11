package run

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/compute/job/jobtest"
)

// smallDoubleDescent returns a spec of model that runs in a fraction of a
// second.
func smallDoubleDescent(model string) doubledescent.Spec {
	s := doubledescent.DefaultFor(model)
	s.Repeats = 2
	switch model {
	case "linear":
		s.N, s.Sizes = 20, []int{5, 20, 40}
	case "features":
		s.N, s.Dim, s.Test, s.Sizes = 30, 10, 40, []int{10, 30, 60}
	case "mlp":
		s.Data, s.N, s.Test, s.Epochs, s.Sizes = "digits", 50, 30, 3, []int{2, 6}
	case "lstd":
		s.States, s.N, s.Dim, s.Sizes = 30, 20, 4, []int{5, 16, 40}
	}
	return s
}

func ddRequest(kind string, spec doubledescent.Spec, index int, parts []json.RawMessage) []byte {
	b, _ := json.Marshal(spec)
	return job.Request{Kind: kind, Spec: b, Index: index, Parts: parts}.Encode()
}

// The truth here is Run in one process
// ("doubledescent.run"): the points run as separate requests in a shuffled
// order, each result passed through JSON as the UI forwards it, then
// assembled, must give the same bytes.
func TestDoubleDescentPointsThroughJSONEqualOneProcessRun(t *testing.T) {
	digits, err := os.ReadFile("../../../../web/data/digits.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	env := job.Env{Digits: func() ([]byte, error) { return digits, nil }}
	for _, model := range []string{"linear", "features", "mlp", "lstd"} {
		t.Run(model, func(t *testing.T) {
			spec := smallDoubleDescent(model)
			request := func(kind string, index int, parts []json.RawMessage) []byte {
				return ddRequest(kind, spec, index, parts)
			}
			order := rand.New(rand.NewPCG(4, 4)).Perm(spec.Points())
			jobtest.PointsEqualRun(t, request, env, job.KindDoubleDescentRun, job.KindDoubleDescentPoint, job.KindDoubleDescentAssemble, order)
		})
	}
}

// Truth: Validate and the protocol's contract — every bad double-descent
// request ends in one error naming the problem.
func TestBadDoubleDescentRequestsEndInOneClearError(t *testing.T) {
	spec := smallDoubleDescent("linear")
	unsorted := spec
	unsorted.Sizes = []int{20, 5}
	digits := smallDoubleDescent("mlp")
	cases := []struct{ name, request, want string }{
		{"a point out of range", string(ddRequest(job.KindDoubleDescentPoint, spec, 9, nil)), "point 9 is out of range"},
		{"unsorted sizes", string(ddRequest(job.KindDoubleDescentRun, unsorted, 0, nil)), "strictly increasing"},
		{"assemble without points", string(ddRequest(job.KindDoubleDescentAssemble, spec, 0, nil)), "0 points"},
		{"a malformed point", string(ddRequest(job.KindDoubleDescentAssemble, spec, 0, []json.RawMessage{json.RawMessage(`{"index":"x"}`)})), "bad request: part 0"},
		{"a non-finite value", string(ddRequest(job.KindDoubleDescentAssemble, spec, 0, []json.RawMessage{json.RawMessage(`{"index":0,"size":5,"values":[[1,"NaN"]]}`)})), "bad request: part 0"},
		{"digits without the asset", string(ddRequest(job.KindDoubleDescentPoint, digits, 0, nil)), "digits asset"},
		{"an unknown key", `{"kind":"doubledescent.run","spec":{"model":"linear","script":1}}`, "bad spec"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { jobtest.Error(t, []byte(c.request), job.Env{}, c.want) })
	}
}
