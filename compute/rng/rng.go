// Package rng hands out the random streams of an experiment. Every stream is a
// PCG generator seeded from the experiment's seed and a named stream constant,
// so that changing one part of an experiment (say, the number of Lanczos
// probes) never changes the random numbers another part draws, and the same
// seed gives the same bits on every platform.
package rng

import (
	"math"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/fmath"
)

// Stream names one independent use of randomness within an experiment.
type Stream uint64

// The streams of an experiment. Values are part of the reproducibility
// contract of shared links: never renumber them.
const (
	Data       Stream = 1 // sampling the training and test sets
	Init       Stream = 2 // initial network parameters
	Batches    Stream = 3 // minibatch order in SGD
	Probes     Stream = 4 // Lanczos start and SLQ/Hutchinson probe vectors
	LabelNoise Stream = 5 // which labels are corrupted, and to what
	Teacher    Stream = 6 // the teacher network of teacher–student data
	Dropout    Stream = 7 // which neurons a dropout experiment keeps
	Sweep      Stream = 8 // per-point seeds of a sweep
)

// New returns the generator for stream s of an experiment seeded with seed.
func New(seed uint64, s Stream) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x9E3779B97F4A7C15^uint64(s)))
}

// Uniform returns r.Float64(), a uniform variate in [0, 1), rounded
// explicitly. Float64 computes n·2⁻⁵³, a product that the compiler could fuse
// into the caller's next addition on arm64 (x+x for 2x, say). The product is
// exact, so this changes no number; it keeps fused instructions out of
// compute/ (see package fmath's doc on fused multiply-add).
func Uniform(r *rand.Rand) float64 { return float64(r.Float64()) }

// Normal returns a standard normal variate drawn with Marsaglia's polar method.
// Unlike rand.NormFloat64, whose tail path calls math.Exp (assembly on amd64,
// pure Go in js/wasm), it depends only on fmath.Log and math.Sqrt (correctly
// rounded by IEEE 754), so one generator state gives the same bits everywhere.
func Normal(r *rand.Rand) float64 {
	for {
		u := float64(2*Uniform(r)) - 1
		v := float64(2*Uniform(r)) - 1
		s := float64(u*u) + float64(v*v)
		if s > 0 && s < 1 {
			return u * math.Sqrt(-2*fmath.Log(s)/s)
		}
	}
}

// NormalVec fills dst with independent standard normal variates.
func NormalVec(r *rand.Rand, dst []float64) {
	for i := range dst {
		dst[i] = Normal(r)
	}
}

// Rademacher fills dst with independent ±1 entries, each with probability ½.
func Rademacher(r *rand.Rand, dst []float64) {
	for i := range dst {
		if r.Uint64()&1 == 0 {
			dst[i] = 1
		} else {
			dst[i] = -1
		}
	}
}

// UnitSphere fills dst with a point drawn uniformly from the unit sphere.
func UnitSphere(r *rand.Rand, dst []float64) {
	for {
		NormalVec(r, dst)
		var ss float64
		for _, v := range dst {
			ss += float64(v * v)
		}
		if ss > 0 {
			inv := 1 / math.Sqrt(ss)
			for i := range dst {
				dst[i] *= inv
			}
			return
		}
	}
}
