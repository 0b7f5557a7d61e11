package run

import (
	"encoding/json"
	"runtime"
	"testing"

	"github.com/overparam/overparam/compute/job"
)

// message is one posted message.
type message struct {
	typ  string
	body []byte
	data []float64
}

// run handles request and returns every posted message.
func run(t *testing.T, request []byte, env job.Env) []message {
	t.Helper()
	var got []message
	job.Handle(request, env, func(typ string, body []byte, data []float64) {
		got = append(got, message{typ, append([]byte(nil), body...), data})
	})
	return got
}

// terminal checks that msgs end with exactly one result or error and
// returns it.
func terminal(t *testing.T, msgs []message) message {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("no messages")
	}
	for i, m := range msgs {
		end := m.typ == job.TypeResult || m.typ == job.TypeError
		if end != (i == len(msgs)-1) {
			t.Fatalf("message %d of %d has type %q: a request ends with exactly one result or error", i+1, len(msgs), m.typ)
		}
		if !json.Valid(m.body) {
			t.Fatalf("message %d (%s) is not JSON: %.200s", i+1, m.typ, m.body)
		}
	}
	return msgs[len(msgs)-1]
}

// The tests of this package send requests to its job kinds.
func init() { RegisterJobs() }

func skipUnderWasm(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("seed-averaged property test: run natively; js/wasm parity is checked bit for bit")
	}
}
