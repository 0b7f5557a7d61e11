package kernels

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// rebuild is the command that builds kernels.wasm, as `make kernels` runs it.
const rebuild = "make kernels (wat2wasm kernels.wat -o kernels.wasm && sha256sum kernels.wat > kernels.wat.sha256)"

func TestSourceHasTheHashTheBinaryWasBuiltFrom(t *testing.T) {
	// Truth: kernels.wat.sha256, written by `make kernels` together with the
	// binary, in sha256sum's format "<hex>  kernels.wat".
	src, err := os.ReadFile("kernels.wat")
	if err != nil {
		t.Fatal(err)
	}
	record, err := os.ReadFile("kernels.wat.sha256")
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(record))
	if len(fields) != 2 || fields[1] != "kernels.wat" {
		t.Fatalf("kernels.wat.sha256 = %q, want \"<sha256>  kernels.wat\"", record)
	}
	sum := sha256.Sum256(src)
	if got := hex.EncodeToString(sum[:]); got != fields[0] {
		t.Fatalf("kernels.wat has SHA-256 %s, but kernels.wasm was built from %s: rebuild with %s", got, fields[0], rebuild)
	}
}

func TestBinaryIsWhatWat2wasmBuildsFromTheSource(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("js/wasm cannot run wat2wasm; the native run checks the binary")
	}
	tool, err := exec.LookPath("wat2wasm")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("wat2wasm is not installed, so the committed kernels.wasm cannot be checked against kernels.wat: install Debian's wabt package")
		}
		t.Skip("wat2wasm is not installed (Debian package wabt); only the source hash is checked")
	}
	out := filepath.Join(t.TempDir(), "kernels.wasm")
	if msg, err := exec.Command(tool, "kernels.wat", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("wat2wasm kernels.wat: %v\n%s", err, msg)
	}
	built, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(built, Wasm) {
		version, _ := exec.Command(tool, "--version").Output()
		t.Fatalf("kernels.wasm (%d bytes) differs from what wat2wasm %s builds from kernels.wat (%d bytes): rebuild with %s",
			len(Wasm), strings.TrimSpace(string(version)), len(built), rebuild)
	}
}

func TestBinaryIsAWebAssemblyModule(t *testing.T) {
	// Truth: the WebAssembly binary format, §5.5.16: magic "\0asm", version 1.
	if !bytes.HasPrefix(Wasm, []byte("\x00asm\x01\x00\x00\x00")) {
		t.Fatalf("kernels.wasm starts with % x, want the WebAssembly magic and version 1", Wasm[:min(8, len(Wasm))])
	}
}

func TestBinaryIsTheSizeTheREADMEStates(t *testing.T) {
	// Holds README.md, "How it works": "a 1.5 kB f64x2 kernel". Truth: that
	// sentence, read as 1.5 kB rounded to a tenth, [1450, 1550) bytes; a
	// changed kernel changes the README too.
	if n := len(Wasm); n < 1450 || n >= 1550 {
		t.Errorf("kernels.wasm has %d bytes; README.md says 1.5 kB", n)
	}
}
