package protocol

import (
	"encoding/json"

	"github.com/overparam/overparam/compute/curve"
)

// Message types a worker posts.
const (
	TypeProgress = "progress"
	TypePartial  = "partial"
	TypeResult   = "result"
	TypeError    = "error"
)

// Request is one job for a worker. Spec is the experiment's spec; the other
// fields carry earlier stages' results as the worker sent them, so the UI
// forwards them without decoding. The trained θ of a spectrum's stages is
// not in spectrum.Trained's JSON but travels beside the request as Env.Data, a
// binary payload the page never decodes. Index selects one part of a staged run (a
// probe, a sweep point), and Parts carries the parts to assemble.
type Request struct {
	Kind    string          `json:"kind"`
	Spec    json.RawMessage `json:"spec"`
	Trained json.RawMessage `json:"trained,omitempty"`
	Index   int             `json:"index,omitempty"`
	// Shards > 1 splits a probe's training samples over that many workers:
	// the probe request is the lead (shard 0), and one "spectrum.shard"
	// request per other Shard serves its partial products (see Env.Peers).
	Shard  int               `json:"shard,omitempty"`
	Shards int               `json:"shards,omitempty"`
	Probes []json.RawMessage `json:"probes,omitempty"`
	Parts  []json.RawMessage `json:"parts,omitempty"`
}

// Encode returns the request as JSON.
func (r Request) Encode() []byte {
	b, err := json.Marshal(r)
	if err != nil {
		panic("job: encoding a request: " + err.Error()) // RawMessage fields hold JSON already
	}
	return b
}

// Status is the body of a progress message.
type Status struct {
	Phase string `json:"phase"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
	// ElapsedMs is the time since the request arrived; EtaMs estimates the
	// time left in this phase from its rate so far (−1 when unknown).
	ElapsedMs int64 `json:"elapsed_ms"`
	EtaMs     int64 `json:"eta_ms"`
}

// Partial is the body of a partial message.
type Partial struct {
	Points []curve.Point `json:"points"`
}

// Failure is the body of an error message.
type Failure struct {
	Error string `json:"error"`
}

// Request kinds of the spectrum experiment: train, then one probe job per
// probe vector (in parallel), then assemble; run does it all in one worker.
const (
	KindSpectrumTrain    = "spectrum.train"
	KindSpectrumProbe    = "spectrum.probe"
	KindSpectrumAssemble = "spectrum.assemble"
	KindSpectrumRun      = "spectrum.run"
	// KindSpectrumShard is a helper of a probe split into Shards: it serves
	// the partial products of shard Shard to its lead over Env.Peers[0]
	// until the lead is done, then ends with an experiment.ShardResult.
	KindSpectrumShard = "spectrum.shard"
)

// Sweep request kinds are name + one of these suffixes: ".point" runs
// point Index of a sweep (one model size, one width …), ".assemble"
// combines the points in Parts (any order) into the result, and ".run"
// does it all in one worker. The UI submits every point as its own job, so
// points run in parallel on the pool and stream in as they finish.
const (
	SuffixPoint    = ".point"
	SuffixAssemble = ".assemble"
	SuffixRun      = ".run"
)

// Request kinds of the double-descent experiment (see registerSweep):
// "doubledescent.point" runs every repeat at size Index, one job per size;
// "doubledescent.assemble" combines Parts into the doubledescent.Result; and
// "doubledescent.run" does it all in one worker. All give the bits of
// doubledescentrun.Run.
const (
	KindDoubleDescentPoint    = "doubledescent" + SuffixPoint
	KindDoubleDescentAssemble = "doubledescent" + SuffixAssemble
	KindDoubleDescentRun      = "doubledescent" + SuffixRun
)

// Request kinds of the paths experiment (see registerSweep): "paths.point"
// runs point Index — 0 the pair of solutions and their linear path, then
// one per mean-field width and repeat — "paths.assemble" combines Parts,
// and "paths.run" does it all in one worker. All give the bits of
// pathsrun.Run.
const (
	KindPathsPoint    = "paths" + SuffixPoint
	KindPathsAssemble = "paths" + SuffixAssemble
	KindPathsRun      = "paths" + SuffixRun
)
