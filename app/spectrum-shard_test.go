package app

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

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

func (g *groupJobs) SubmitGroup(lead string, helpers []string, data any, on func(typ, body string, data any)) Job {
	g.groups++
	j := &fakeJob{body: lead, data: data, on: on, helpers: helpers}
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

// runGroup runs a group's helpers, with payload theta, on goroutines and
// returns the lead's peers and a wait for the helpers.
func runGroup(helpers []string, theta []float64) ([]job.Peer, func()) {
	var leads []job.Peer
	var wg sync.WaitGroup
	for _, h := range helpers {
		x, y := make(chan []float64, 64), make(chan []float64, 64)
		leads = append(leads, chanPeer{x, y})
		wg.Add(1)
		go func() {
			defer wg.Done()
			job.Handle([]byte(h), job.Env{Peers: []job.Peer{chanPeer{y, x}}, Data: theta}, func(string, []byte, []float64) {})
		}()
	}
	return leads, wg.Wait
}

// Truth: spectrumrun.Run in one process, as the CLI runs it. With
// one probe on 1, 2, 3 and 4 workers the pooled run splits the probe over
// all of them (none on one worker) and its result JSON is the same bytes —
// so the same bits — as spectrumrun.Run's; with as many probes as workers it
// does not shard.
func TestFewProbesShardOverTheWorkersWithTheSameBits(t *testing.T) {
	spec := smallSpectrum()
	spec.Probes = 1
	res, err := spectrumrun.Run(spec, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(res)
	for workers := 1; workers <= 4; workers++ {
		f := &groupJobs{fakeJobs: fakeJobs{rnd: rand.New(rand.NewPCG(uint64(workers), 0))}, workers: workers}
		var st RunState
		startSpectrum(f, 1, spec, record(&st), time.Now)
		for f.step() {
		}
		if groups := min(workers-1, 1); st.Status != Done || f.groups != groups {
			t.Fatalf("workers=%d: status %v (%s), %d groups; want done with %d", workers, st.Status, st.Message, f.groups, groups)
		}
		if st.ResultJSON != string(want) {
			t.Errorf("workers=%d: the pooled result differs from RunSpectrum's:\n%.400s\nwant\n%.400s", workers, st.ResultJSON, want)
		}
	}

	spec.Probes = 3
	f := &groupJobs{fakeJobs: fakeJobs{rnd: rand.New(rand.NewPCG(1, 0))}, workers: 3}
	var st RunState
	startSpectrum(f, 1, spec, record(&st), time.Now)
	for f.step() {
	}
	if f.groups != 0 {
		t.Errorf("3 probes on 3 workers made %d groups; want none", f.groups)
	}
}
