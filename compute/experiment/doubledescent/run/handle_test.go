package run

import (
	"runtime"
	"testing"
)

// The tests of this package send requests to its job kinds.
func init() { RegisterJobs() }

func skipUnderWasm(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("seed-averaged property test: run natively; js/wasm parity is checked bit for bit")
	}
}
