package run

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/compute/job/jobtest"
)

// smallJobPaths returns a paths spec that runs in a fraction of a second.
func smallJobPaths() paths.Spec {
	s := paths.Default()
	s.Samples, s.Test, s.Hidden, s.Epochs = 100, 50, []int{6}, 8
	s.Steps, s.Sharpness, s.Resolution = 8, 3, 20
	s.Widths, s.Width, s.Seeds = []int{8, 16}, 8, 2
	s.MFSamples, s.MFTest, s.MFEpochs = 80, 40, 2
	return s
}

func pathsRequest(kind string, spec paths.Spec, index int, parts []json.RawMessage) []byte {
	b, _ := json.Marshal(spec)
	return job.Request{Kind: kind, Spec: b, Index: index, Parts: parts}.Encode()
}

// The truth here is Run in one process ("paths.run"): the
// points run as separate requests in a shuffled order, each result passed
// through JSON as the UI forwards it, then assembled, must give the same
// bytes.
func TestPathsPointsThroughJSONEqualOneProcessRun(t *testing.T) {
	spec := smallJobPaths()
	request := func(kind string, index int, parts []json.RawMessage) []byte {
		return pathsRequest(kind, spec, index, parts)
	}
	order := rand.New(rand.NewPCG(3, 3)).Perm(spec.Points())
	jobtest.PointsEqualRun(t, request, job.Env{}, job.KindPathsRun, job.KindPathsPoint, job.KindPathsAssemble, order)
}

// Truth: Validate and the protocol's contract — every bad paths request
// ends in one error naming the problem.
func TestBadPathsRequestsEndInOneClearError(t *testing.T) {
	spec := smallJobPaths()
	digits := spec
	digits.Data = "digits"
	odd := spec
	odd.Widths = []int{7}
	cases := []struct{ name, request, want string }{
		{"a point out of range", string(pathsRequest(job.KindPathsPoint, spec, 99, nil)), "point 99 is out of range"},
		{"an odd width", string(pathsRequest(job.KindPathsRun, odd, 0, nil)), "odd"},
		{"assemble without points", string(pathsRequest(job.KindPathsAssemble, spec, 0, nil)), "0 points"},
		{"a malformed point", string(pathsRequest(job.KindPathsAssemble, spec, 0, []json.RawMessage{json.RawMessage(`{"index":"x"}`)})), "bad request: part 0"},
		{"digits without the asset", string(pathsRequest(job.KindPathsPoint, digits, 0, nil)), "digits asset"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { jobtest.Error(t, []byte(c.request), job.Env{}, c.want) })
	}
}
