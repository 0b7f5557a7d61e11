package app

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/job"
)

// groupJobs is fakeJobs with groups: a group's helpers run on goroutines
// while its lead runs, linked by Go channels in place of MessagePorts.
type groupJobs struct {
	fakeJobs
	workers int
	groups  int
}

func (g *groupJobs) Workers() int { return g.workers }

func (g *groupJobs) SubmitGroup(lead string, helpers []string, on func(typ, body string)) Job {
	g.groups++
	j := &fakeJob{body: lead, on: on, helpers: helpers}
	g.queue = append(g.queue, j)
	return j
}

// chanPeer is an in-process job.Peer; sends never block, like postMessage.
type chanPeer struct{ in, out chan []float64 }

func (p chanPeer) Send(v []float64) error { p.out <- append([]float64{}, v...); return nil }
func (p chanPeer) Recv() ([]float64, error) {
	v, ok := <-p.in
	if !ok {
		return nil, errors.New("closed")
	}
	return v, nil
}

// runGroup runs a group's helpers on goroutines and returns the lead's
// peers and a wait for the helpers.
func runGroup(helpers []string) ([]job.Peer, func()) {
	var leads []job.Peer
	var wg sync.WaitGroup
	for _, h := range helpers {
		x, y := make(chan []float64, 64), make(chan []float64, 64)
		leads = append(leads, chanPeer{x, y})
		wg.Add(1)
		go func() {
			defer wg.Done()
			job.Handle([]byte(h), job.Env{Peers: []job.Peer{chanPeer{y, x}}}, func(string, []byte) {})
		}()
	}
	return leads, wg.Wait
}

// scaleRel returns max|a−b| / max|b| over two equally long vectors.
func scaleRel(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	d, s := 0.0, 0.0
	for i := range a {
		d, s = max(d, math.Abs(a[i]-b[i])), max(s, math.Abs(b[i]))
	}
	if d == 0 {
		return 0
	}
	return d / s
}

// Truth: experiment.RunSpectrum in one process, as the CLI runs it. With
// one probe and three workers the pooled run shards the probe three ways
// and equals it to 1e-12 relative to each curve's scale; with as many
// probes as workers it does not shard and stays bit-identical.
func TestFewProbesShardOverTheWorkers(t *testing.T) {
	const tol = 1e-12
	spec := smallSpectrum()
	spec.Probes = 1
	want, err := experiment.RunSpectrum(spec, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &groupJobs{fakeJobs: fakeJobs{rnd: rand.New(rand.NewPCG(1, 0))}, workers: 3}
	var st RunState
	startSpectrum(f, 1, spec, record(&st), time.Now)
	for f.step() {
	}
	if st.Status != Done || f.groups != 1 {
		t.Fatalf("status %v (%s), %d groups; want done with the probe in one group", st.Status, st.Message, f.groups)
	}
	var got experiment.SpectrumResult
	if err := json.Unmarshal([]byte(st.ResultJSON), &got); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		a, b []float64
	}{
		{"top", got.Top, want.Top}, {"bottom", got.Bottom, want.Bottom},
		{"density", got.Density.Values, want.Density.Values}, {"grid", got.Density.Grid, want.Density.Grid},
		{"trace", []float64{got.Trace}, []float64{want.Trace}},
	} {
		if r := scaleRel(c.a, c.b); r > tol {
			t.Errorf("%s differs from RunSpectrum by %.3g relative; want ≤ %g", c.name, r, tol)
		}
	}
	if got.Stats.Products != want.Stats.Products || got.Outliers != want.Outliers {
		t.Errorf("products, outliers = %d, %d; want %d, %d", got.Stats.Products, got.Outliers, want.Stats.Products, want.Outliers)
	}

	spec.Probes = 3
	f = &groupJobs{fakeJobs: fakeJobs{rnd: rand.New(rand.NewPCG(1, 0))}, workers: 3}
	startSpectrum(f, 1, spec, record(&st), time.Now)
	for f.step() {
	}
	if f.groups != 0 {
		t.Errorf("3 probes on 3 workers made %d groups; want none", f.groups)
	}
}
