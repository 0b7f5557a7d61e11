package app

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/overparam/overparam/compute/job/protocol"
)

// sweepRun drives a sweep experiment through the workers: every point is
// its own job (they run in parallel on the pool and stream in as they
// finish, as EvPart events), then one job assembles them. decode turns the
// assembled JSON into the page's result type.
type sweepRun struct {
	runCore
	name   string
	spec   json.RawMessage
	decode func(string) (any, error)

	started  time.Time
	parts    []json.RawMessage
	left     int
	progress map[int]float64 // fraction done of each running point
}

// startSweep submits the points of the sweep experiment name (its job
// kinds are name.point and name.assemble) with the given spec.
func startSweep(jobs Jobs, id int, name string, spec any, points int, decode func(string) (any, error), emit func(Event), now func() time.Time) *sweepRun {
	raw, _ := json.Marshal(spec)
	r := &sweepRun{runCore: runCore{jobs: jobs, id: id, emit: emit, now: now}, name: name, spec: raw, decode: decode,
		parts: make([]json.RawMessage, points), left: points, progress: map[int]float64{}}
	r.started = now()
	r.send(Event{Kind: EvStart})
	r.send(Event{Kind: EvProgress, Phase: "points", Done: 0, Total: points, EtaMs: -1})
	for i := range points {
		r.submit(protocol.Request{Kind: name + protocol.SuffixPoint, Spec: raw, Index: i}, fmt.Sprintf("point %d of %d", i+1, points), i, r.onPoint(i))
	}
	if points == 0 {
		r.assemble()
	}
	return r
}

// submit sends req; point ≥ 0 names the sweep point it computes, whose
// progress counts towards the sweep's.
func (r *sweepRun) submit(req protocol.Request, stage string, point int, done func(string, any)) {
	if r.ended {
		return
	}
	progress := func(s protocol.Status) {
		if point >= 0 && s.Total > 0 {
			r.progress[point] = float64(s.Done) / float64(s.Total)
			r.report()
		}
	}
	var partial func(protocol.Partial)
	if point >= 0 { // curve points a point streams while it runs (sharpness)
		partial = func(p protocol.Partial) { r.send(Event{Kind: EvLive, PartIndex: point, Points: p.Points}) }
	}
	r.track(r.jobs.Submit(string(req.Encode()), nil, r.handler(stage, progress, partial, done)))
}

// report sends the sweep's progress: finished points plus the fractions of
// the running ones, with an ETA from the rate so far.
func (r *sweepRun) report() {
	total := len(r.parts)
	done := float64(total - r.left)
	for _, f := range r.progress {
		done += f
	}
	eta := int64(-1)
	if done > 0 {
		elapsed := r.now().Sub(r.started)
		eta = int64(float64(elapsed.Milliseconds()) * (float64(total) - done) / done)
	}
	r.send(Event{Kind: EvProgress, Phase: "points", Done: total - r.left, Total: total, EtaMs: eta})
}

func (r *sweepRun) onPoint(i int) func(string, any) {
	return func(body string, _ any) {
		r.parts[i] = json.RawMessage(body)
		delete(r.progress, i)
		r.left--
		r.send(Event{Kind: EvPart, PartIndex: i, Part: body})
		r.report()
		if r.left == 0 {
			r.assemble()
		}
	}
}

func (r *sweepRun) assemble() {
	r.submit(protocol.Request{Kind: r.name + protocol.SuffixAssemble, Spec: r.spec, Parts: r.parts}, "assembling the sweep", -1, func(body string, _ any) {
		res, err := r.decode(body)
		if err != nil {
			r.fail("reading the result", err.Error())
			return
		}
		r.finish(res, body)
	})
}
