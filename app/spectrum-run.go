package app

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/job/protocol"
)

// Jobs runs worker requests; the browser's is the worker pool, tests use
// an in-process fake. A request is a JSON body and a binary payload, data,
// which the page passes between jobs without reading it: the trained θ of a
// spectrum, which the train job's result carries and the probe and
// assemble jobs take (in the browser an ArrayBuffer that never enters the
// page's Go heap; nil for none). on receives the job's messages (see
// compute/job), each with its payload, and ends with one of "result",
// "error" or "canceled".
type Jobs interface {
	Submit(body string, data any, on func(typ, body string, data any)) Job
}

// Job is a submitted request.
type Job interface{ Cancel() }

// GroupJobs are Jobs that can also run a lead job with helpers, all at once
// on distinct workers linked by direct channels (pool.Pool.SubmitGroup);
// on sees the lead's messages, and canceling the returned Job cancels them
// all. Workers is the number of workers.
type GroupJobs interface {
	Jobs
	Workers() int
	SubmitGroup(lead string, helpers []string, data any, on func(typ, body string, data any)) Job
}

// spectrumRun drives one spectrum run through the workers: train, then one
// job per probe (in parallel), then assemble; with Before, a pipeline for
// the spectrum at initialisation runs beside it, and with Repeats one per
// further seed. It turns the workers' messages into Events.
type spectrumRun struct {
	runCore
	spec spectrum.Spec

	pipelines   []*pipeline
	probeDone   map[[2]int]int // (pipeline, probe) → products done
	probeTotal  int
	probesStart time.Time
	initial     bool // pipeline 1 is the spectrum at initialisation
	// shards > 1 splits each probe's Hessian-vector products over that many
	// workers, when there are fewer probes than workers.
	shards int

	// work is the whole run's work, for the ETA; trainAt and trainFrom are
	// the time and step of the first training report, stepTime the measured
	// time of a training step since then, trainDone the steps done.
	work      spectrumWork
	trainAt   time.Time
	trainFrom int
	trainDone int
	stepTime  time.Duration
}

// pipeline is one spectrum computation: its spec and what came back. theta
// is the trained θ as the train job's payload, passed on to the probe and
// assemble jobs unread.
type pipeline struct {
	index   int
	spec    spectrum.Spec
	specRaw json.RawMessage
	trained json.RawMessage
	theta   any
	probes  []json.RawMessage
	left    int
	result  *spectrum.Result
}

// startSpectrum submits the run of spec and returns it; emit receives its
// events, stamped with id.
func startSpectrum(jobs Jobs, id int, spec spectrum.Spec, emit func(Event), now func() time.Time) *spectrumRun {
	r := &spectrumRun{runCore: runCore{jobs: jobs, id: id, emit: emit, now: now}, spec: spec, probeDone: map[[2]int]int{}}
	// Pipelines, in the order spectrumrun.Run computes them: the run, the run at
	// initialisation, the other seeds.
	specs := []spectrum.Spec{spec}
	r.initial = spec.Before && spec.Epochs > 0
	if r.initial {
		specs = append(specs, spec.Initial())
	}
	for i := 1; i < spec.Repeats; i++ {
		specs = append(specs, spec.Repeat(i))
	}
	for i, s := range specs {
		raw, _ := json.Marshal(s)
		steps := min(s.Steps, s.Arch().NumParams())
		r.probeTotal += steps * s.Probes
		r.pipelines = append(r.pipelines, &pipeline{index: i, spec: s, specRaw: raw, probes: make([]json.RawMessage, s.Probes), left: s.Probes})
	}
	r.shards = shardsFor(jobs, r.pipelines)
	workers := 1
	if g, ok := jobs.(GroupJobs); ok {
		workers = g.Workers()
	}
	r.work = newSpectrumWork(specs, workers, r.shards)
	r.send(Event{Kind: EvStart})
	for _, p := range r.pipelines {
		r.submit(p, protocol.Request{Kind: protocol.KindSpectrumTrain, Spec: p.specRaw}, nil, "training", r.onTrained(p))
	}
	return r
}

// shardsFor returns how many workers each probe of pipelines gets: all the
// workers split evenly among the probes when they are fewer, else 1, and
// never more than a spec's sample blocks (experiment.SampleBlocks). The
// curvature is summed over those fixed blocks in one order however they are
// shared (spectrumrun.ProbeSharded), so the result is the same bits
// on any number of workers, and the same as the CLI's.
func shardsFor(jobs Jobs, pipelines []*pipeline) int {
	g, ok := jobs.(GroupJobs)
	if !ok {
		return 1
	}
	probes, blocks := 0, experiment.MaxShards
	for _, p := range pipelines {
		probes += p.spec.Probes
		blocks = min(blocks, experiment.SampleBlocks(p.spec.Samples))
	}
	return max(min(g.Workers()/max(probes, 1), blocks), 1)
}

// submit sends req and routes its messages: progress and partial to the
// run, the result to done, failures to fail.
func (r *spectrumRun) submit(p *pipeline, req protocol.Request, data any, stage string, done func(body string, data any)) {
	if r.ended {
		return
	}
	r.track(r.jobs.Submit(string(req.Encode()), data, r.route(p, req, stage, done)))
}

// submitSharded submits probe req split over r.shards workers: req leads
// and one "spectrum.shard" job per other shard helps.
func (r *spectrumRun) submitSharded(p *pipeline, req protocol.Request, data any, stage string, done func(body string, data any)) {
	if r.ended {
		return
	}
	req.Shards = r.shards
	var helpers []string
	for s := 1; s < r.shards; s++ {
		h := protocol.Request{Kind: protocol.KindSpectrumShard, Spec: req.Spec, Trained: req.Trained, Index: req.Index, Shard: s, Shards: r.shards}
		helpers = append(helpers, string(h.Encode()))
	}
	g := r.jobs.(GroupJobs)
	r.track(g.SubmitGroup(string(req.Encode()), helpers, data, r.route(p, req, stage, done)))
}

// route returns the callback of job req: progress and (the main
// pipeline's) training points go to the run, the result to done.
func (r *spectrumRun) route(p *pipeline, req protocol.Request, stage string, done func(body string, data any)) func(typ, body string, data any) {
	return r.handler(stage, func(s protocol.Status) { r.progress(p, req, s) }, func(part protocol.Partial) {
		if p.index == 0 {
			r.send(Event{Kind: EvPoints, Points: part.Points})
		}
	}, done)
}

// progress reports the main pipeline's training progress and the probes'
// progress summed over all probes of all pipelines, each with the time left
// for the whole run (spectrumWork.eta), not only for the current phase.
func (r *spectrumRun) progress(p *pipeline, req protocol.Request, s protocol.Status) {
	now := r.now()
	if s.Phase == "train" {
		if p.index != 0 {
			return
		}
		if r.trainAt.IsZero() {
			r.trainAt, r.trainFrom = now, s.Done
		} else if s.Done > r.trainFrom {
			r.stepTime = now.Sub(r.trainAt) / time.Duration(s.Done-r.trainFrom)
		}
		r.trainDone = s.Done
		r.send(Event{Kind: EvProgress, Phase: "training", Done: s.Done, Total: s.Total, EtaMs: ms(r.work.eta(s.Done, r.stepTime, 0, 0))})
		return
	}
	if s.Phase == "dense" {
		r.send(Event{Kind: EvProgress, Phase: "dense eigenvalues", Done: 0, Total: 1, EtaMs: -1})
		return
	}
	r.probeDone[[2]int{p.index, req.Index}] = s.Done
	done := 0
	for _, d := range r.probeDone {
		done += d
	}
	eta := r.work.eta(r.trainDone, r.stepTime, done, now.Sub(r.probesStart))
	r.send(Event{Kind: EvProgress, Phase: "Lanczos", Done: done, Total: r.probeTotal, EtaMs: ms(eta)})
}

// ms returns d in milliseconds, keeping −1 (unknown) as it is.
func ms(d time.Duration) int64 {
	if d < 0 {
		return -1
	}
	return d.Milliseconds()
}

func (r *spectrumRun) onTrained(p *pipeline) func(string, any) {
	return func(body string, theta any) {
		p.trained, p.theta = json.RawMessage(body), theta
		if r.probesStart.IsZero() {
			r.probesStart = r.now()
		}
		for i := range p.probes {
			stage := fmt.Sprintf("Lanczos probe %d of %d", i+1, len(p.probes))
			req := protocol.Request{Kind: protocol.KindSpectrumProbe, Spec: p.specRaw, Trained: p.trained, Index: i}
			if r.shards > 1 {
				r.submitSharded(p, req, p.theta, stage, r.onProbe(p, i))
			} else {
				r.submit(p, req, p.theta, stage, r.onProbe(p, i))
			}
		}
	}
}

func (r *spectrumRun) onProbe(p *pipeline, i int) func(string, any) {
	return func(body string, _ any) {
		p.probes[i] = json.RawMessage(body)
		if p.left--; p.left > 0 {
			return
		}
		r.submit(p, protocol.Request{Kind: protocol.KindSpectrumAssemble, Spec: p.specRaw, Trained: p.trained, Probes: p.probes}, p.theta, "assembling the density", r.onAssembled(p))
	}
}

func (r *spectrumRun) onAssembled(p *pipeline) func(string, any) {
	return func(body string, _ any) {
		var res spectrum.Result
		if err := json.Unmarshal([]byte(body), &res); err != nil {
			r.fail("reading the result", err.Error())
			return
		}
		p.result = &res
		for _, q := range r.pipelines {
			if q.result == nil {
				return
			}
		}
		final := r.pipelines[0].result
		seeds := r.pipelines[1:]
		if r.initial {
			final.Initial, seeds = r.pipelines[1].result, r.pipelines[2:]
		}
		for _, q := range seeds {
			final.Seeds = append(final.Seeds, q.result)
		}
		raw, err := json.Marshal(final)
		if err != nil {
			r.fail("encoding the result", err.Error())
			return
		}
		r.finish(final, string(raw))
	}
}
