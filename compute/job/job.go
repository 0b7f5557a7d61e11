package job

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/train"
)

// Request kinds.
const (
	KindSpectrumTrain    = "spectrum.train"
	KindSpectrumProbe    = "spectrum.probe"
	KindSpectrumAssemble = "spectrum.assemble"
	KindSpectrumRun      = "spectrum.run"
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
// forwards them without decoding.
type Request struct {
	Kind    string            `json:"kind"`
	Spec    json.RawMessage   `json:"spec"`
	Trained json.RawMessage   `json:"trained,omitempty"`
	Index   int               `json:"index,omitempty"`
	Probes  []json.RawMessage `json:"probes,omitempty"`
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
	Points []train.Point `json:"points"`
}

// Failure is the body of an error message.
type Failure struct {
	Error string `json:"error"`
}

// Env gives a handler what it loads on demand.
type Env struct {
	// Digits returns the MNIST subset asset, web/data/digits.bin.gz.
	Digits func() ([]byte, error)
}

// Post sends one message of type typ with a JSON body.
type Post func(typ string, body []byte)

// ProgressInterval is the least time between two progress messages; the
// first and last of each phase are always sent.
const ProgressInterval = 100 * time.Millisecond

// Handle runs one request and posts its messages, ending with exactly one
// result or error. It never panics: a panic inside compute becomes an error
// message naming it.
func Handle(request []byte, env Env, post Post) {
	r := newReporter(post)
	defer func() {
		if p := recover(); p != nil {
			r.fail(fmt.Errorf("internal error: %v\n%s", p, debug.Stack()))
		}
	}()
	result, err := handle(request, env, r)
	if err != nil {
		r.fail(err)
		return
	}
	r.flush()
	body, err := json.Marshal(result)
	if err != nil {
		r.fail(fmt.Errorf("encoding the result: %w", err))
		return
	}
	post(TypeResult, body)
}

func handle(request []byte, env Env, r *reporter) (any, error) {
	var req Request
	if err := strictDecode(request, &req); err != nil {
		return nil, fmt.Errorf("bad request: %w", err)
	}
	switch req.Kind {
	case KindSpectrumTrain, KindSpectrumProbe, KindSpectrumAssemble, KindSpectrumRun:
		return handleSpectrum(req, env, r)
	}
	return nil, fmt.Errorf("bad request: unknown kind %q", req.Kind)
}

func handleSpectrum(req Request, env Env, r *reporter) (any, error) {
	var spec experiment.Spectrum
	if err := strictDecode(req.Spec, &spec); err != nil {
		return nil, fmt.Errorf("bad spec: %w", err)
	}
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	var assets experiment.Assets
	if spec.Data == "digits" {
		if env.Digits == nil {
			return nil, fmt.Errorf("data = digits needs the digits asset, which this worker cannot load")
		}
		b, err := env.Digits()
		if err != nil {
			return nil, fmt.Errorf("loading the digits asset: %w", err)
		}
		assets.Digits = b
	}
	switch req.Kind {
	case KindSpectrumTrain:
		return experiment.TrainSpectrum(spec, assets, r.progress)
	case KindSpectrumProbe:
		var tr experiment.Trained
		if err := json.Unmarshal(req.Trained, &tr); err != nil {
			return nil, fmt.Errorf("bad request: trained: %w", err)
		}
		return experiment.ProbeSpectrum(spec, assets, tr.Theta, req.Index, r.progress)
	case KindSpectrumAssemble:
		var tr experiment.Trained
		if err := json.Unmarshal(req.Trained, &tr); err != nil {
			return nil, fmt.Errorf("bad request: trained: %w", err)
		}
		probes := make([]*experiment.ProbeResult, len(req.Probes))
		for i, raw := range req.Probes {
			if err := json.Unmarshal(raw, &probes[i]); err != nil {
				return nil, fmt.Errorf("bad request: probe %d: %w", i, err)
			}
		}
		return experiment.AssembleSpectrum(spec, &tr, probes)
	default:
		return experiment.RunSpectrum(spec, assets, r.progress)
	}
}

func strictDecode(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(v)
}
