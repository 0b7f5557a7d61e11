// Package parity checks that js/wasm runs produce the same bits as native
// runs. Overparam promises that a shared link gives the same numbers in the
// browser and in the native CLI; this is where tests hold it to that.
//
// A test computes a fingerprint of its results and calls Check. In a native
// test run with OVERPARAM_PARITY_DIR set, Check records the fingerprint in
// that folder; in a js/wasm run, or a native run with OVERPARAM_PARITY_VERIFY
// set, it compares against the recorded one. `make test` runs the native
// (amd64) tests first, then the js/wasm ones and the linux/arm64 ones under
// qemu-aarch64, with one folder.
package parity

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// EnvDir names the environment variable holding the fingerprint folder.
const EnvDir = "OVERPARAM_PARITY_DIR"

// EnvVerify names the environment variable that makes a native run verify
// the recorded fingerprints instead of recording its own (`make test-arm64`
// sets it for the arm64 run).
const EnvVerify = "OVERPARAM_PARITY_VERIFY"

// Check records (native) or verifies (js/wasm) the fingerprint of the result
// called name. Names must be unique across the repository's tests.
func Check(t testing.TB, name, fingerprint string) {
	t.Helper()
	dir := os.Getenv(EnvDir)
	verify := runtime.GOOS == "js" || os.Getenv(EnvVerify) != ""
	if dir == "" {
		if verify {
			t.Skipf("%s is not set: run `make test`, which records native fingerprints first", EnvDir)
		}
		return
	}
	path := filepath.Join(dir, name+".txt")
	if !verify {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(fingerprint), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: no native fingerprint (%v); run the native tests first, as `make test` does", name, err)
	}
	if string(want) != fingerprint {
		t.Errorf("%s: the %s/%s result differs from the recorded native one\nnative %s\nhere   %s", name, runtime.GOOS, runtime.GOARCH, want, fingerprint)
	}
}

// Floats returns the SHA-256 of the IEEE 754 bits of the slices, in order.
func Floats(slices ...[]float64) string {
	h := sha256.New()
	var b [8]byte
	for _, s := range slices {
		binary.LittleEndian.PutUint64(b[:], uint64(len(s)))
		h.Write(b[:])
		for _, x := range s {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
			h.Write(b[:])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Bytes returns the SHA-256 of b.
func Bytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// CheckResult checks a run's whole result, JSON-encoded as the CLI and the
// page's export write it, by the SHA-256 of that JSON (Bytes); it stops the
// test if the run failed (err) or the result does not encode.
func CheckResult(t testing.TB, name string, result any, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(result)
	if err != nil {
		t.Fatal(err)
	}
	Check(t, name, Bytes(b))
}
