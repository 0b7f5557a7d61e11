package app

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"testing"
	"time"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/job"
)

// Truth: the arithmetic of spectrumWork.eta (run-eta.go) by hand, for the
// default preset on two workers: 300 training steps, 10 probes × 80
// Lanczos products on 2 lanes, one assembly.
func TestTheETACountsEveryStage(t *testing.T) {
	w := newSpectrumWork([]spectrum.Spec{spectrum.Default()}, 2, 1)
	if w.trainSteps != 300 || w.products != 800 || w.lanes != 2 || w.assemblies != 1 || w.trainRounds != 1 {
		t.Fatalf("work %+v; want 300 steps, 800 products on 2 lanes, 1 assembly, 1 training round", w)
	}
	for _, c := range []struct {
		name                       string
		trainDone, productsDone    int
		stepTime, productTime, eta time.Duration
	}{
		// 150 steps × 10 ms + (800/2 + 1) products × 0.65 × 10 ms.
		{"half-way through training", 150, 0, 10 * time.Millisecond, 0, 1500*time.Millisecond + 2606500*time.Microsecond},
		// 2 s / 400 products = 5 ms a product; (400 left + 1 assembly × 2 lanes) × 5 ms.
		{"half-way through the probes", 300, 400, 10 * time.Millisecond, 2 * time.Second, 2010 * time.Millisecond},
		{"before any rate is known", 0, 0, 0, 0, -1},
	} {
		if got := w.eta(c.trainDone, c.stepTime, c.productsDone, c.productTime); got != c.eta {
			t.Errorf("%s: eta = %v, want %v", c.name, got, c.eta)
		}
	}
}

// scriptJobs is a Jobs on which the test plays the workers: it records each
// submitted job, and the test calls the job's callback at times it chooses.
type scriptJobs struct {
	workers int
	jobs    []*scriptJob
}

type scriptJob struct {
	req job.Request
	on  func(typ, body string, data any)
}

func (s *scriptJobs) Submit(body string, _ any, on func(typ, body string, data any)) Job {
	j := &scriptJob{on: on}
	if err := json.Unmarshal([]byte(body), &j.req); err != nil {
		panic(err)
	}
	s.jobs = append(s.jobs, j)
	return j
}

func (s *scriptJobs) Workers() int { return s.workers }

func (s *scriptJobs) SubmitGroup(lead string, _ []string, data any, on func(typ, body string, data any)) Job {
	return s.Submit(lead, data, on)
}

func (*scriptJob) Cancel() {}

func (j *scriptJob) progress(phase string, done, total int) {
	b, _ := json.Marshal(job.Status{Phase: phase, Done: done, Total: total})
	j.on(job.TypeProgress, string(b), nil)
}

// Truth: the simulated run's own clock. On a fake clock the workers take
// 1 s to start, train 300 steps at 10 ms, then run 10 probes of 80
// products at 5.5 ms on 2 workers (5 rounds of 440 ms), then assemble in
// 10 ms: done at 6.21 s. The page's ETA is the whole run's: during
// training it includes the probes, within 20% of the true time left (the
// a-priori product cost, 0.65 steps, is 18% above this run's 0.55); during
// the probes, from their measured rate, within 5% plus one progress report
// per running probe (10 products each, which arrive one probe at a time).
// The ETA of the training phase alone (the old estimate) is off by more
// than half at mid-training.
func TestTheETAIsForTheWholeRunOnAFakeClock(t *testing.T) {
	spec := spectrum.Default()
	const (
		startup  = time.Second
		step     = 10 * time.Millisecond
		product  = 5500 * time.Microsecond
		assembly = 10 * time.Millisecond
	)
	t0 := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	now := t0
	f := &scriptJobs{workers: 2}
	var st RunState
	startSpectrum(f, 1, spec, record(&st), func() time.Time { return now })

	trainEnd := startup + 300*step
	probesEnd := trainEnd + 5*80*product
	end := probesEnd + assembly
	check := func(what string, tol float64, slack time.Duration) {
		t.Helper()
		left := t0.Add(end).Sub(now)
		eta := time.Duration(st.EtaMs) * time.Millisecond
		if st.EtaMs < 0 || math.Abs(float64(eta-left)) > tol*float64(left)+float64(slack+time.Millisecond) {
			t.Errorf("%s at %v: ETA %v, but %v are left; want within %.0f%%", what, now.Sub(t0), eta, left, 100*tol)
		}
	}

	train := f.jobs[0]
	for done := 10; done <= 300; done += 10 {
		now = t0.Add(startup + time.Duration(done)*step)
		train.progress("train", done, 300)
		if done >= 30 {
			check(fmt.Sprintf("training step %d", done), 0.20, 0)
		}
		if done == 150 {
			if phaseOnly := time.Duration(150) * step; float64(phaseOnly) > 0.5*float64(t0.Add(end).Sub(now)) {
				t.Fatalf("the simulation is too gentle: the training phase alone leaves %v of %v", phaseOnly, t0.Add(end).Sub(now))
			}
		}
	}
	now = t0.Add(trainEnd)
	train.on(job.TypeResult, `{"train":[{}],"steps":300}`, nil)
	probes := f.jobs[1:]
	if len(probes) != 10 {
		t.Fatalf("%d probe jobs, want 10", len(probes))
	}

	// Each probe reports every 10 products; two run at a time.
	type report struct {
		at          time.Duration
		probe, done int
	}
	var reports []report
	for i := range probes {
		start := trainEnd + time.Duration(i/2)*80*product
		for done := 10; done <= 80; done += 10 {
			reports = append(reports, report{start + time.Duration(done)*product, i, done})
		}
	}
	sort.SliceStable(reports, func(a, b int) bool { return reports[a].at < reports[b].at })
	for _, r := range reports {
		now = t0.Add(r.at)
		probes[r.probe].progress("density", r.done, 80)
		if r.at >= trainEnd+80*product {
			check(fmt.Sprintf("probe %d product %d", r.probe+1, r.done), 0.05, 2*10*product)
		}
		if r.done == 80 {
			probes[r.probe].on(job.TypeResult, fmt.Sprintf(`{"index":%d}`, r.probe), nil)
		}
	}
	if len(f.jobs) != 12 || f.jobs[11].req.Kind != job.KindSpectrumAssemble {
		t.Fatalf("%d jobs after the probes; want the assembly as the 12th", len(f.jobs))
	}
	now = t0.Add(end)
	f.jobs[11].on(job.TypeResult, `{}`, nil)
	if st.Status != Done {
		t.Fatalf("status %v (%s), want done", st.Status, st.Message)
	}
}
