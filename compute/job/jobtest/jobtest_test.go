package jobtest

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/job"
)

// A toy sweep: "jobtest.run" returns the sum of 1..n, "jobtest.point" returns
// index+1 and "jobtest.assemble" sums its parts, so the staged path equals
// the one-process run by arithmetic.
func init() {
	n := func(r job.Request) int { v, _ := strconv.Atoi(string(r.Spec)); return v }
	job.Register("jobtest.run", func(r job.Request, _ job.Env, _ func(experiment.Progress) bool) (any, error) {
		return n(r) * (n(r) + 1) / 2, nil
	})
	job.Register("jobtest.point", func(r job.Request, _ job.Env, _ func(experiment.Progress) bool) (any, error) {
		return r.Index + 1, nil
	})
	job.Register("jobtest.assemble", func(r job.Request, _ job.Env, _ func(experiment.Progress) bool) (any, error) {
		sum := 0
		for _, p := range r.Parts {
			var v int
			if err := json.Unmarshal(p, &v); err != nil {
				return nil, err
			}
			sum += v
		}
		return sum, nil
	})
}

func request(kind string, index int, parts []json.RawMessage) []byte {
	return job.Request{Kind: kind, Spec: json.RawMessage("4"), Index: index, Parts: parts}.Encode()
}

// Truth: the protocol as compute/job's Handle documents it, and 1+2+3+4 = 10.
func TestHelpersFollowTheProtocol(t *testing.T) {
	if got := string(Result(t, "run", request("jobtest.run", 0, nil), job.Env{})); got != "10" {
		t.Errorf("Result(jobtest.run, n = 4) = %s; want 10", got)
	}
	PointsEqualRun(t, request, job.Env{}, "jobtest.run", "jobtest.point", "jobtest.assemble", []int{2, 0, 3, 1})
	Error(t, request("jobtest.nosuchkind", 0, nil), job.Env{}, `unknown kind "jobtest.nosuchkind"`)
	msgs := Run(t, request("jobtest.run", 0, nil), job.Env{})
	if end := Terminal(t, msgs); end.Type != job.TypeResult || len(msgs) == 0 {
		t.Errorf("the last of %d messages is %s %s; want the result", len(msgs), end.Type, end.Body)
	}
	type point struct{ Index, Value int }
	parts := PointsThroughJSON(t, []int{2, 0}, func(i int) (*point, error) { return &point{i, 10 * i}, nil })
	if len(parts) != 2 || *parts[0] != (point{2, 20}) || *parts[1] != (point{0, 0}) {
		t.Errorf("PointsThroughJSON in order 2, 0 = %+v, %+v; want {2 20}, {0 0}", parts[0], parts[1])
	}
}
