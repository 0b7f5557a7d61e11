package job

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/overparam/overparam/compute/experiment"
)

// Env gives a handler what it loads on demand.
type Env struct {
	// Digits returns the MNIST subset asset, web/data/digits.bin.gz.
	Digits func() ([]byte, error)
	// Peers are the direct channels of a sharded probe: for its lead, one
	// per helper in shard order; for a helper, one, to the lead. In the
	// browser they are MessagePorts between workers (wasm/worker/serve).
	Peers []Peer
	// Data is the float64 payload that came with the request: for the
	// probe, shard and assemble stages of a spectrum, the trained θ that
	// the train stage's result carried as its data (see Post).
	Data []float64
}

// Peer is a channel between the workers of a sharded probe.
type Peer = experiment.Peer

// Post sends one message of type typ with a JSON body and a float64
// payload, data, which is nil except for a result that carries a vector too
// large for JSON on the page: the spectrum train stage's θ. In the browser
// data travels as a transferred ArrayBuffer, which the page passes on to
// the next stages' workers without copying it into Go or reading it.
type Post func(typ string, body []byte, data []float64)

// attached is a handler's result whose vector travels as the result
// message's data instead of inside its JSON.
type attached struct {
	value any
	data  []float64
}

// Attach returns a handler's result whose vector data travels as the result
// message's float64 payload instead of inside its JSON (see Post): the
// spectrum train stage's θ.
func Attach(value any, data []float64) any { return attached{value, data} }

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
	var data []float64
	if a, ok := result.(attached); ok {
		result, data = a.value, a.data
	}
	body, err := json.Marshal(result)
	if err != nil {
		r.fail(fmt.Errorf("encoding the result: %w", err))
		return
	}
	post(TypeResult, body, data)
}

func handle(request []byte, env Env, r *reporter) (any, error) {
	var req Request
	if err := strictDecode(request, &req); err != nil {
		return nil, fmt.Errorf("bad request: %w", err)
	}
	h, ok := handlers[req.Kind]
	if !ok {
		return nil, fmt.Errorf("bad request: unknown kind %q", req.Kind)
	}
	return h(req, env, r.progress)
}

// Handler runs one kind of request, reporting progress through progress.
type Handler func(req Request, env Env, progress func(experiment.Progress) bool) (any, error)

// handlers maps request kinds to their handlers; each experiment registers
// its kinds from its run package (compute/experiment/<name>/run/jobs.go).
var handlers = map[string]Handler{}

// RegisterAll registers every experiment family whose run package called
// Provide, for tests and tools (a program that imports
// compute/experiment/all/runs has them all).
func RegisterAll() {
	providersMu.Lock()
	list := append([]func(){}, providers...)
	providersMu.Unlock()
	for _, registerJobs := range list {
		registerJobs()
	}
}

var (
	providersMu sync.Mutex
	providers   []func()
)

// Provide records registerJobs, the function that registers one
// experiment's request kinds (once, however often it is called), so that
// RegisterAll registers them. An experiment's run package calls it from its
// init; a worker module calls only its own experiment's registerJobs
// (wasm/worker/serve.Main), so it links only that experiment's code.
func Provide(registerJobs func()) {
	providersMu.Lock()
	defer providersMu.Unlock()
	providers = append(providers, registerJobs)
}

// Register registers the handler of one request kind. It panics if the
// kind is taken: a declaration error, found when the program starts.
func Register(kind string, h Handler) {
	if _, dup := handlers[kind]; dup {
		panic("job: kind registered twice: " + kind)
	}
	handlers[kind] = h
}

// DecodeSpec reads a request's spec strictly (unknown keys are an error)
// and validates it.
func DecodeSpec(raw json.RawMessage, spec interface{ Validate() error }) error {
	if err := strictDecode(raw, spec); err != nil {
		return fmt.Errorf("bad spec: %w", err)
	}
	return spec.Validate()
}

// LoadAssets loads the digits asset when digits is true.
func LoadAssets(env Env, digits bool) (experiment.Assets, error) {
	var a experiment.Assets
	if !digits {
		return a, nil
	}
	if env.Digits == nil {
		return a, fmt.Errorf("data = digits needs the digits asset, which this worker cannot load")
	}
	b, err := env.Digits()
	if err != nil {
		return a, fmt.Errorf("loading the digits asset: %w", err)
	}
	a.Digits = b
	return a, nil
}

func strictDecode(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// Serves reports whether a handler is registered for kind.
func Serves(kind string) bool {
	_, ok := handlers[kind]
	return ok
}
