package spectrum

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"testing"
)

// goldenLanczos and goldenDensity are the FNV-1a hashes of the float64 bits of
// the runs below, recorded on linux/amd64 (Go 1.26, GOAMD64=v1). The test runs
// natively and as js/wasm under node; STYLE.md requires the numbers to agree,
// so both must reproduce these bits.
const (
	goldenLanczos uint64 = 0xbf0ca805a08b795a
	goldenDensity uint64 = 0x4680b975790436a5
)

// bitsHash returns the FNV-1a hash of the IEEE 754 bits of the slices.
func bitsHash(slices ...[]float64) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for _, s := range slices {
		for _, v := range s {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
			h.Write(b[:])
		}
	}
	return h.Sum64()
}

// Truth: bits recorded on linux/amd64 (see goldenLanczos).
func TestSameBitsOnEveryPlatform(t *testing.T) {
	a := Dense{withSpectrum(bulkAndOutliers(128, 5, 9), 50)}
	t.Run("Lanczos gives the recorded bits", func(t *testing.T) {
		res, err := RunLanczos(a, LanczosSettings{Steps: 40, Seed: 3}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if h := bitsHash(res.Values, res.Weights, res.Residuals); h != goldenLanczos {
			t.Errorf("hash %#x, want %#x (top value %.17g)", h, goldenLanczos, res.Values[len(res.Values)-1])
		}
	})
	t.Run("SLQ with Gaussian probes gives the recorded bits", func(t *testing.T) {
		d, err := EstimateDensity(a, DensitySettings{Probes: 3, Steps: 30, Kind: Gaussian, Seed: 4}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if h := bitsHash(d.Nodes, d.Weights, d.Grid, d.Values, []float64{d.Trace, d.Mass}); h != goldenDensity {
			t.Errorf("hash %#x, want %#x (trace %.17g)", h, goldenDensity, d.Trace)
		}
	})
}
