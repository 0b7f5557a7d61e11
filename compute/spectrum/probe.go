package spectrum

import (
	"math"
	"strconv"

	"github.com/overparam/overparam/compute/rng"
)

// ProbeKind selects the distribution of the random probe vectors of SLQ and
// Hutchinson's estimator. The zero value is Rademacher.
type ProbeKind int

const (
	// Rademacher probes have independent ±1 entries (normalized for SLQ:
	// ±1/√n). They minimise the variance of Hutchinson's estimator
	// (Hutchinson 1989).
	Rademacher ProbeKind = iota
	// Gaussian probes have independent standard normal entries (normalized
	// for SLQ: uniform on the unit sphere).
	Gaussian
)

// String returns "rademacher" or "gaussian".
func (k ProbeKind) String() string {
	switch k {
	case Rademacher:
		return "rademacher"
	case Gaussian:
		return "gaussian"
	}
	return "ProbeKind(" + strconv.Itoa(int(k)) + ")"
}

// ProbeVector returns probe number index (0, 1, …) of an experiment seeded
// with seed: a unit vector of length n with the distribution kind. It depends
// only on (n, seed, index, kind), so probe i is the same vector whichever Web
// Worker computes it and in whatever order. It panics if n ≤ 0 or kind is
// unknown.
func ProbeVector(n int, seed uint64, index int, kind ProbeKind) []float64 {
	if n <= 0 {
		panic(msgProbeLen)
	}
	v := make([]float64, n)
	ProbeTo(v, seed, index, kind)
	return v
}

// ProbeTo sets dst to ProbeVector(len(dst), seed, index, kind) without
// allocating the vector. It panics if dst is empty or kind is unknown.
func ProbeTo(dst []float64, seed uint64, index int, kind ProbeKind) {
	fillProbe(dst, seed, index, kind, true)
}

// fillProbe draws probe index into dst from the generator
// rng.New(ProbeSeed(seed, index), rng.Probes), normalized to unit length if
// unit is set (an unnormalized Rademacher probe has entries exactly ±1).
func fillProbe(dst []float64, seed uint64, index int, kind ProbeKind, unit bool) {
	if len(dst) == 0 {
		panic(msgProbeLen)
	}
	r := rng.New(ProbeSeed(seed, index), rng.Probes)
	switch kind {
	case Rademacher:
		rng.Rademacher(r, dst)
		if unit {
			s := 1 / math.Sqrt(float64(len(dst)))
			for i, v := range dst {
				dst[i] = v * s
			}
		}
	case Gaussian:
		if unit {
			rng.UnitSphere(r, dst)
		} else {
			rng.NormalVec(r, dst)
		}
	default:
		panic(msgProbeKind)
	}
}

// ProbeSeed returns the seed of the generator of probe index: the
// (index+1)-th output of the SplitMix64 generator started at seed
// (rng.SplitMix64). Distinct indices give unrelated generators, and no probe
// needs the random numbers of another.
func ProbeSeed(seed uint64, index int) uint64 {
	return rng.SplitMix64(seed, uint64(index)+1)
}
