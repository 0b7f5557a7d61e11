package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"runtime/debug"
	"strings"
	"testing"
)

// small holds flags for a spectrum run that takes a fraction of a second: a
// 20-8-10 network (258 parameters) on 60 mixture samples. Later flags
// override earlier ones, so cases append their own.
var small = []string{
	"-samples", "60", "-test", "30", "-hidden", "8", "-epochs", "20",
	"-steps", "20", "-probes", "2", "-topk", "5", "-quiet",
}

// spectrumArgs returns the arguments of "overparam spectrum" with the small
// flags followed by extra.
func spectrumArgs(extra ...string) []string {
	args := append([]string{"spectrum"}, small...)
	return append(args, extra...)
}

// outcome is what one in-process run of the CLI produced.
type outcome struct {
	code           int
	stdout, stderr string
}

// run calls dispatch in-process and fails the test if it panics: the CLI must
// turn every problem into an exit status and a message.
func run(t *testing.T, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := func() int {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("overparam %s panicked: %v\n%s", strings.Join(args, " "), r, debug.Stack())
			}
		}()
		return dispatch(args, &stdout, &stderr)
	}()
	return outcome{code, stdout.String(), stderr.String()}
}

// mustRun runs the CLI and fails the test unless it exits with status 0.
func mustRun(t *testing.T, args ...string) outcome {
	t.Helper()
	o := run(t, args...)
	if o.code != 0 {
		t.Fatalf("overparam %s: exit status %d, want 0; stderr:\n%s", strings.Join(args, " "), o.code, o.stderr)
	}
	return o
}

// pointJSON is one training-curve point of the -json key "train" (README.md,
// the table of flags, row -json); NaN values are null.
type pointJSON struct {
	Step      int      `json:"step"`
	Epoch     int      `json:"epoch"`
	TrainLoss *float64 `json:"train_loss"`
	TrainAcc  *float64 `json:"train_acc"`
	TestLoss  *float64 `json:"test_loss"`
	GradNorm  *float64 `json:"grad_norm"`
}

// resultJSON is the -json output as README.md specifies it (the table of
// flags, row -json). It is declared
// here rather than reusing spectrum.Result so that a renamed JSON
// key fails the tests.
type resultJSON struct {
	Params          int       `json:"params"`
	Top             []float64 `json:"top"`
	Residuals       []float64 `json:"residuals"`
	Bottom          []float64 `json:"bottom"`
	BottomResiduals []float64 `json:"bottom_residuals"`
	Outliers        int       `json:"outliers"`
	Density         struct {
		Grid   []float64 `json:"grid"`
		Values []float64 `json:"values"`
	} `json:"density"`
	Trace       float64     `json:"trace"`
	TraceStdErr float64     `json:"trace_stderr"`
	Train       []pointJSON `json:"train"`
	Final       pointJSON   `json:"final"`
	Dense       []float64   `json:"dense"`
	Stats       struct {
		TrainSteps int `json:"train_steps"`
	} `json:"stats"`
}

// decodeOne decodes text, which must hold exactly one JSON object, into v.
func decodeOne(text string, v any) error {
	dec := json.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errTrailing
	}
	return nil
}

var errTrailing = errors.New("more than one JSON value")

// runJSON runs the CLI with -json and decodes its single JSON object.
func runJSON(t *testing.T, args ...string) resultJSON {
	t.Helper()
	o := mustRun(t, append(args, "-json")...)
	var r resultJSON
	if err := decodeOne(o.stdout, &r); err != nil {
		t.Fatalf("overparam %s -json: %v; stdout:\n%.500s", strings.Join(args, " "), err, o.stdout)
	}
	return r
}

// paramCount returns the parameter count of a fully connected network with
// biases and the given layer widths: Σ_l (in_l·out_l + out_l), the layout of
// compute/nn's doc.go.
func paramCount(sizes ...int) int {
	n := 0
	for l := 1; l < len(sizes); l++ {
		n += sizes[l-1]*sizes[l] + sizes[l]
	}
	return n
}
