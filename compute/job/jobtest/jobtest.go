// Package jobtest sends requests through job.Handle for the tests of the
// run packages (compute/experiment/*/run) and checks the job protocol's
// framing, as compute/job's Handle documents it: every message's body is
// JSON, and a request ends with exactly one result or error message.
package jobtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/job"
)

// Message is one message a handled request posted.
type Message struct {
	Type string
	Body []byte
	Data []float64
}

// Run handles request with env and returns every posted message, each
// body copied.
func Run(t testing.TB, request []byte, env job.Env) []Message {
	t.Helper()
	var got []Message
	job.Handle(request, env, func(typ string, body []byte, data []float64) {
		got = append(got, Message{typ, append([]byte(nil), body...), data})
	})
	return got
}

// Terminal checks that msgs end with exactly one result or error, and that
// every body is JSON, and returns the last message.
func Terminal(t testing.TB, msgs []Message) Message {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("no messages")
	}
	for i, m := range msgs {
		end := m.Type == job.TypeResult || m.Type == job.TypeError
		if end != (i == len(msgs)-1) {
			t.Fatalf("message %d of %d has type %q: a request ends with exactly one result or error", i+1, len(msgs), m.Type)
		}
		if !json.Valid(m.Body) {
			t.Fatalf("message %d (%s) is not JSON: %.200s", i+1, m.Type, m.Body)
		}
	}
	return msgs[len(msgs)-1]
}

// Result handles request and returns the body of its result; it stops the
// test, naming what failed, if the request ends in an error.
func Result(t testing.TB, what string, request []byte, env job.Env) []byte {
	t.Helper()
	end := Terminal(t, Run(t, request, env))
	if end.Type != job.TypeResult {
		t.Fatalf("%s failed: %s", what, end.Body)
	}
	return end.Body
}

// Error handles request and checks that it ends in one error whose
// job.Failure message contains want.
func Error(t testing.TB, request []byte, env job.Env, want string) {
	t.Helper()
	end := Terminal(t, Run(t, request, env))
	var f job.Failure
	if end.Type != job.TypeError || json.Unmarshal(end.Body, &f) != nil || !strings.Contains(f.Error, want) {
		t.Fatalf("got %s %.300s; want an error containing %q", end.Type, end.Body, want)
	}
}

// Staged builds a sweep's requests: request(kind, index, parts) encodes a
// job.Request of kind for one spec.
type Staged func(kind string, index int, parts []json.RawMessage) []byte

// PointsEqualRun checks a sweep's staged path against its run in one
// process (the truth): the points run as separate pointKind requests in
// order, each result passed through JSON as the page forwards it, then
// assembled by an assembleKind request, must give the bytes of the runKind
// request's result.
func PointsEqualRun(t testing.TB, request Staged, env job.Env, runKind, pointKind, assembleKind string, order []int) {
	t.Helper()
	want := Result(t, "one-process run", request(runKind, 0, nil), env)
	var parts []json.RawMessage
	for _, i := range order {
		parts = append(parts, Result(t, fmt.Sprintf("point %d", i), request(pointKind, i, nil), env))
	}
	got := Terminal(t, Run(t, request(assembleKind, 0, parts), env))
	if got.Type != job.TypeResult || !bytes.Equal(got.Body, want) {
		t.Errorf("staged result differs from the one-process run:\nstaged %.300s\nwhole  %.300s", got.Body, want)
	}
}

// PointsThroughJSON runs point(i) for each i in order, as a sweep's workers
// run them, and returns the points each passed through JSON as the page
// forwards them to Assemble; it stops the test if a point fails.
func PointsThroughJSON[P any](t testing.TB, order []int, point func(i int) (*P, error)) []*P {
	t.Helper()
	var parts []*P
	for _, i := range order {
		p, err := point(i)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(p)
		var back P
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, &back)
	}
	return parts
}
