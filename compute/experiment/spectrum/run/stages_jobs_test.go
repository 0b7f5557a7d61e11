package run

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/compute/job/jobtest"
)

func smallSpec() spectrum.Spec {
	s := spectrum.Default()
	s.Classes, s.Dim, s.Samples, s.Test = 3, 5, 150, 60
	s.Hidden = []int{12}
	s.Epochs, s.Steps, s.Probes, s.TopK = 30, 24, 4, 6
	return s
}

func request(kind string, spec spectrum.Spec, trained json.RawMessage, index int, probes []json.RawMessage) []byte {
	b, _ := json.Marshal(spec)
	return job.Request{Kind: kind, Spec: b, Trained: trained, Index: index, Probes: probes}.Encode()
}

// The truth here is Run in one process: the staged
// protocol, with every intermediate result passed through JSON and the
// probes finishing in a shuffled order, must give the same bytes.
func TestStagesThroughJSONEqualOneProcessRun(t *testing.T) {
	for _, curvature := range []string{"hessian", "ggn"} {
		spec := smallSpec()
		spec.Curvature = curvature
		want := jobtest.Terminal(t, jobtest.Run(t, request(job.KindSpectrumRun, spec, nil, 0, nil), job.Env{}))
		if want.Type != job.TypeResult {
			t.Fatalf("%s: one-process run failed: %s", curvature, want.Body)
		}

		tr := jobtest.Terminal(t, jobtest.Run(t, request(job.KindSpectrumTrain, spec, nil, 0, nil), job.Env{}))
		if tr.Type != job.TypeResult {
			t.Fatalf("%s: train stage failed: %s", curvature, tr.Body)
		}
		order := rand.New(rand.NewPCG(7, 7)).Perm(spec.Probes)
		var probes []json.RawMessage
		for _, i := range order {
			p := jobtest.Terminal(t, jobtest.Run(t, request(job.KindSpectrumProbe, spec, tr.Body, i, nil), job.Env{Data: tr.Data}))
			if p.Type != job.TypeResult {
				t.Fatalf("%s: probe %d failed: %s", curvature, i, p.Body)
			}
			probes = append(probes, p.Body)
		}
		got := jobtest.Terminal(t, jobtest.Run(t, request(job.KindSpectrumAssemble, spec, tr.Body, 0, probes), job.Env{Data: tr.Data}))
		if got.Type != job.TypeResult || !bytes.Equal(got.Body, want.Body) {
			t.Errorf("%s: staged result differs from the one-process run:\nstaged %.300s\nwhole  %.300s", curvature, got.Body, want.Body)
		}
	}
}

// Truth: the protocol's own contract (doc.go) — progress is monotone within
// a phase, its ETA is −1 or non-negative, and training points arrive as
// partial messages before the result.
func TestProgressStreamsPointsAndStatus(t *testing.T) {
	spec := smallSpec()
	msgs := jobtest.Run(t, request(job.KindSpectrumTrain, spec, nil, 0, nil), job.Env{})
	end := jobtest.Terminal(t, msgs)
	var trained spectrum.Trained
	if err := json.Unmarshal(end.Body, &trained); err != nil {
		t.Fatal(err)
	}
	var points int
	last := -1
	for _, m := range msgs[:len(msgs)-1] {
		switch m.Type {
		case job.TypePartial:
			var p job.Partial
			if err := json.Unmarshal(m.Body, &p); err != nil {
				t.Fatal(err)
			}
			points += len(p.Points)
		case job.TypeProgress:
			var s job.Status
			if err := json.Unmarshal(m.Body, &s); err != nil {
				t.Fatal(err)
			}
			if s.Phase != "train" || s.Done < last || s.Done > s.Total || s.EtaMs < -1 || s.ElapsedMs < 0 {
				t.Fatalf("bad status %+v after done=%d", s, last)
			}
			last = s.Done
		}
	}
	// train.Run reports each curve point through the callback except the
	// initial measurement.
	if points == 0 || points > len(trained.Train) {
		t.Errorf("streamed %d points; the curve has %d", points, len(trained.Train))
	}
	if last != trained.Steps {
		t.Errorf("last progress done = %d; training took %d steps", last, trained.Steps)
	}
}

// Truth: Validate and the protocol's contract; every bad request ends in
// exactly one error naming the problem, never a panic or a result.
func TestBadRequestsEndInOneClearError(t *testing.T) {
	spec := smallSpec()
	good, _ := json.Marshal(spec)
	huge := spec
	huge.Hidden, huge.Samples, huge.Steps = []int{1024, 1024, 1024, 1024}, 10000, 1000
	hugeJSON, _ := json.Marshal(huge)
	diverge := spec
	diverge.LR, diverge.Loss, diverge.Data, diverge.Activation = 100, "mse", "teacher", "linear"
	divergeJSON, _ := json.Marshal(diverge)
	digits := spec
	digits.Data = "digits"
	digitsJSON, _ := json.Marshal(digits)
	cases := []struct {
		name, request, want string
		env                 job.Env
	}{
		{"not JSON", `{"kind":`, "bad request", job.Env{}},
		{"unknown kind", `{"kind":"rm -rf","spec":{}}`, `unknown kind "rm -rf"`, job.Env{}},
		{"unknown field", `{"kind":"spectrum.run","spec":{},"evil":1}`, "unknown field", job.Env{}},
		{"unknown spec key", `{"kind":"spectrum.run","spec":{"classes":3,"script":"<script>"}}`, "bad spec", job.Env{}},
		{"out of range", strings.Replace(string(job.Request{Kind: job.KindSpectrumRun, Spec: good}.Encode()), `"classes":3`, `"classes":1000`, 1), "classes = 1000 is out of range", job.Env{}},
		{"too large for the browser", string(job.Request{Kind: job.KindSpectrumRun, Spec: hugeJSON}.Encode()), "limit", job.Env{}},
		{"diverging training", string(job.Request{Kind: job.KindSpectrumTrain, Spec: divergeJSON}.Encode()), "step", job.Env{}},
		{"probe out of range", string(request(job.KindSpectrumProbe, spec, json.RawMessage(`{"theta":[1,2]}`), 0, nil)), "θ has 2 entries", job.Env{}},
		{"assemble without probes", string(request(job.KindSpectrumAssemble, spec, json.RawMessage(`{"theta":[1],"train":[{}]}`), 0, nil)), "0 probes", job.Env{}},
		{"digits without the asset", string(job.Request{Kind: job.KindSpectrumRun, Spec: digitsJSON}.Encode()), "digits asset", job.Env{}},
		{"asset loader fails", string(job.Request{Kind: job.KindSpectrumRun, Spec: digitsJSON}.Encode()), "loading the digits asset: offline", job.Env{Digits: func() ([]byte, error) { return nil, fmt.Errorf("offline") }}},
		{"asset loader panics", string(job.Request{Kind: job.KindSpectrumRun, Spec: digitsJSON}.Encode()), "internal error: boom", job.Env{Digits: func() ([]byte, error) { panic("boom") }}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { jobtest.Error(t, []byte(c.request), c.env, c.want) })
	}
}

// Truth: Post's contract (job.go) — the train stage's result carries θ as
// its data, with the network's parameter count (spectrum.Spec.Arch),
// and not in its JSON, which the page handles; no other message has data.
func TestTheTrainedThetaTravelsAsDataNotJSON(t *testing.T) {
	spec := smallSpec()
	msgs := jobtest.Run(t, request(job.KindSpectrumTrain, spec, nil, 0, nil), job.Env{})
	end := jobtest.Terminal(t, msgs)
	if n := spec.Arch().NumParams(); end.Type != job.TypeResult || len(end.Data) != n {
		t.Fatalf("the train result is %s with %d data values; want a result with θ's %d", end.Type, len(end.Data), n)
	}
	var trained spectrum.Trained
	if err := json.Unmarshal(end.Body, &trained); err != nil || len(trained.Theta) != 0 || len(trained.Train) == 0 {
		t.Errorf("the train result's JSON has %d θ values and %d curve points (err %v); want none and the curve", len(trained.Theta), len(trained.Train), err)
	}
	for _, m := range msgs[:len(msgs)-1] {
		if m.Data != nil {
			t.Errorf("a %s message carries %d data values; only the result may", m.Type, len(m.Data))
		}
	}
}

// The tests of this package send requests to its job kinds.
func init() { RegisterJobs() }
