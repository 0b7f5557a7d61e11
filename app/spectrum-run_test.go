package app

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/job"
)

// fakeJobs runs requests in-process with job.Handle, the code the workers
// run, in a seeded random order, like a pool whose workers finish in any
// order.
type fakeJobs struct {
	queue []*fakeJob
	rnd   *rand.Rand
	ran   int
}

type fakeJob struct {
	body     string
	data     any // the request's payload: nil or []float64
	on       func(typ, body string, data any)
	canceled bool
	helpers  []string // a group's helpers (groupJobs)
}

func (f *fakeJobs) Submit(body string, data any, on func(typ, body string, data any)) Job {
	j := &fakeJob{body: body, data: data, on: on}
	f.queue = append(f.queue, j)
	return j
}

func (j *fakeJob) Cancel() {
	if !j.canceled {
		j.canceled = true
		j.on("canceled", "{}", nil)
	}
}

// step runs one queued job chosen at random; false when none is left.
func (f *fakeJobs) step() bool {
	if len(f.queue) == 0 {
		return false
	}
	i := f.rnd.IntN(len(f.queue))
	j := f.queue[i]
	f.queue = append(f.queue[:i], f.queue[i+1:]...)
	if !j.canceled {
		f.ran++
		theta, _ := j.data.([]float64)
		peers, wait := runGroup(j.helpers, theta)
		job.Handle([]byte(j.body), job.Env{Peers: peers, Data: theta}, func(typ string, body []byte, data []float64) {
			var payload any // a nil slice is no payload, as in the pool
			if data != nil {
				payload = data
			}
			j.on(typ, string(body), payload)
		})
		wait()
	}
	return true
}

func smallSpectrum() spectrum.Spec {
	s := spectrum.Default()
	s.Classes, s.Dim, s.Samples, s.Test, s.Hidden = 3, 4, 120, 40, []int{10}
	s.Epochs, s.Steps, s.Probes, s.TopK = 20, 20, 3, 5
	return s
}

func record(state *RunState) func(Event) {
	return func(e Event) { *state = state.Apply(e) }
}

// Truth: spectrumrun.Run in one process. The pooled run, with jobs
// finishing in random orders and every stage crossing JSON, must give the
// same bytes — this is what makes a link's numbers equal in the browser
// and the CLI.
func TestPooledSpectrumEqualsOneProcessRun(t *testing.T) {
	for _, c := range []struct {
		before  bool
		repeats int
	}{{false, 1}, {true, 1}, {true, 3}} {
		spec := smallSpectrum()
		spec.Before, spec.Repeats = c.before, c.repeats
		before := c.before
		want, err := spectrumrun.Run(spec, experiment.Assets{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, _ := json.Marshal(want)
		for seed := uint64(1); seed <= 3; seed++ {
			f := &fakeJobs{rnd: rand.New(rand.NewPCG(seed, 0))}
			var st RunState
			startSpectrum(f, 1, spec, record(&st), time.Now)
			for f.step() {
			}
			if st.Status != Done {
				t.Fatalf("before=%v seed=%d: status %v (%s)", before, seed, st.Status, st.Message)
			}
			if st.ResultJSON != string(wantJSON) {
				t.Errorf("before=%v seed=%d: pooled result differs from RunSpectrum:\n%.300s\n%.300s", before, seed, st.ResultJSON, wantJSON)
			}
			if wantJobs := (1 + spec.Probes + 1) * (map[bool]int{false: 1, true: 2}[before] + c.repeats - 1); f.ran != wantJobs {
				t.Errorf("before=%v repeats=%d: ran %d jobs; want train + %d probes + assemble per pipeline = %d", before, c.repeats, f.ran, spec.Probes, wantJobs)
			}
		}
	}
}

// Truth: the run-state contract — after Cancel no job runs and no event
// changes the state, which reads "canceled".
func TestCancelStopsEveryJob(t *testing.T) {
	f := &fakeJobs{rnd: rand.New(rand.NewPCG(1, 1))}
	var st RunState
	r := startSpectrum(f, 7, smallSpectrum(), record(&st), time.Now)
	f.step() // training finishes; the probes are queued
	if len(f.queue) != smallSpectrum().Probes {
		t.Fatalf("%d jobs queued after training; want one per probe", len(f.queue))
	}
	r.Cancel()
	for f.step() {
	}
	if st.Status != Canceled || f.ran != 1 {
		t.Errorf("after cancel: status %v, %d jobs ran; want canceled and 1", st.Status, f.ran)
	}
}

// Truth: Validate's messages; a failing stage fails the run with a message
// naming the stage, and stops the other jobs.
func TestFailureNamesTheStage(t *testing.T) {
	spec := smallSpectrum()
	spec.LR, spec.Data, spec.Loss, spec.Activation = 100, "teacher", "mse", "linear"
	f := &fakeJobs{rnd: rand.New(rand.NewPCG(1, 1))}
	var st RunState
	startSpectrum(f, 1, spec, record(&st), time.Now)
	for f.step() {
	}
	if st.Status != Failed || !strings.HasPrefix(st.Message, "training") || !strings.Contains(st.Message, "step") {
		t.Errorf("status %v, message %q; want failed in training, naming the step", st.Status, st.Message)
	}
}
