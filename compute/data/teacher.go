package data

import (
	"errors"
	"math"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// Teacher is a two-layer ReLU network in mean-field form,
//
//	f*(x) = (1/k) Σᵢ aᵢ·relu(wᵢ·x),  i = 1 … k,
//
// the target function of teacher–student regression. The rows wᵢ of W are
// unit vectors, so for x ~ N(0, I_d) every pre-activation wᵢ·x is standard
// normal whatever d is. [NewTeacher] scales the output weights A so that
// Var f*(x) = 1 for x ~ N(0, I_d): targets are O(1) and a noise standard
// deviation σ means a signal-to-noise ratio of 1/σ².
type Teacher struct {
	// Dim is the input dimension d and Hidden the number of neurons k.
	Dim, Hidden int
	// W holds the k input weight vectors, row-major (k×d).
	W []float64
	// A holds the k output weights.
	A []float64
}

// NewTeacher draws a teacher with the given input dimension and number of
// hidden neurons from stream rng.Teacher of seed: first w₁ … w_k uniform on
// the unit sphere (rng.UnitSphere), then a₁ … a_k standard normal, and
// finally one common positive factor applied to all aᵢ so that the variance
// of f*(x) over x ~ N(0, I_d) is 1 (see [Teacher.Variance]). It panics if
// dim or hidden is less than 1, a programmer's error; [TeacherSettings]
// validates user input.
func NewTeacher(dim, hidden int, seed uint64) Teacher {
	if dim < 1 || hidden < 1 {
		panic("data: NewTeacher needs dim ≥ 1 and hidden ≥ 1")
	}
	r := rng.New(seed, rng.Teacher)
	t := Teacher{Dim: dim, Hidden: hidden, W: make([]float64, hidden*dim), A: make([]float64, hidden)}
	for i := 0; i < hidden; i++ {
		rng.UnitSphere(r, t.W[i*dim:(i+1)*dim])
	}
	for {
		rng.NormalVec(r, t.A)
		if v := t.Variance(); v > 0 {
			scale := 1 / math.Sqrt(v)
			for i := range t.A {
				t.A[i] *= scale
			}
			return t
		}
		// Var f* = 0 only if a lies in the kernel's null space, which has
		// probability zero; draw again.
	}
}

// Eval returns f*(x) = (1/k) Σᵢ aᵢ·relu(wᵢ·x). It panics if len(x) ≠ Dim.
func (t *Teacher) Eval(x []float64) float64 {
	if len(x) != t.Dim {
		panic("data: Teacher.Eval input length mismatch")
	}
	var f float64
	for i, a := range t.A {
		w := t.W[i*t.Dim : (i+1)*t.Dim]
		var z float64
		for j, xj := range x {
			z += float64(w[j] * xj)
		}
		if z > 0 {
			f += float64(a * z)
		}
	}
	return f / float64(t.Hidden)
}

// Mean returns E f*(x) over x ~ N(0, I_d): relu(wᵢ·x) has mean ‖wᵢ‖/√(2π),
// so E f* = (1/k) Σᵢ aᵢ‖wᵢ‖ / √(2π).
func (t *Teacher) Mean() float64 {
	var s float64
	for i, a := range t.A {
		w := t.W[i*t.Dim : (i+1)*t.Dim]
		s += float64(a * math.Sqrt(dot(w, w)))
	}
	return s / float64(t.Hidden) / math.Sqrt(2*math.Pi)
}

// Variance returns Var f*(x) over x ~ N(0, I_d) in closed form,
//
//	Var f* = (1/k²) Σᵢⱼ aᵢ aⱼ κ(ρᵢⱼ),  ρᵢⱼ = wᵢ·wⱼ/(‖wᵢ‖‖wⱼ‖),
//	κ(ρ) = ‖wᵢ‖‖wⱼ‖ (√(1−ρ²) + (π − arccos ρ)·ρ − 1) / (2π),
//
// the covariance of relu(wᵢ·x) and relu(wⱼ·x): the degree-1 arc-cosine
// kernel of Cho & Saul (2009) minus the product of the means. It is 1 for a
// teacher made by [NewTeacher], up to rounding.
func (t *Teacher) Variance() float64 {
	k, d := t.Hidden, t.Dim
	norm := make([]float64, k)
	for i := range norm {
		w := t.W[i*d : (i+1)*d]
		norm[i] = math.Sqrt(dot(w, w))
	}
	var v float64
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			nn := norm[i] * norm[j]
			if nn == 0 {
				continue
			}
			rho := dot(t.W[i*d:(i+1)*d], t.W[j*d:(j+1)*d]) / nn
			rho = math.Max(-1, math.Min(1, rho))
			cov := nn * (math.Sqrt(1-float64(rho*rho)) + float64((math.Pi-fmath.Acos(rho))*rho) - 1) / (2 * math.Pi)
			v += float64(t.A[i] * t.A[j] * cov)
		}
	}
	return v / float64(k*k)
}

// Sample draws n samples x ~ N(0, I_d) with targets y = f*(x) + noise·ε,
// ε ~ N(0, 1), from r: sample by sample, the d coordinates of x, then ε
// (drawn even when noise is 0). The result is a regression set with Out = 1.
// Online SGD can call it for fresh batches. It panics if n < 0.
func (t *Teacher) Sample(r *rand.Rand, n int, noise float64) Set {
	if n < 0 {
		panic("data: Teacher.Sample of a negative count")
	}
	set := Set{X: make([]float64, n*t.Dim), N: n, Dim: t.Dim, Out: 1, Targets: make([]float64, n)}
	for i := 0; i < n; i++ {
		x := set.Row(i)
		rng.NormalVec(r, x)
		set.Targets[i] = t.Eval(x) + float64(noise*rng.Normal(r))
	}
	return set
}

// dot returns Σ aᵢbᵢ, summed in index order.
func dot(a, b []float64) float64 {
	var s float64
	for i, v := range a {
		s += float64(v * b[i])
	}
	return s
}

// TeacherSettings describes teacher–student regression data. Zero fields
// mean the defaults given below: a teacher of 4 ReLUs in d = 10, the
// dropout-stability setup after Shevchenko & Mondelli (2020).
type TeacherSettings struct {
	// Dim is the input dimension d, 1…4096 (default 10).
	Dim int
	// Hidden is the number of teacher neurons k, 1…1024 (default 4).
	Hidden int
	// Noise is the standard deviation of the additive target noise, in units
	// of the teacher's output standard deviation (which is 1), 0…100
	// (default 0: noiseless targets).
	Noise float64
	// Train and Test are the sample counts of the two sets, each 1…100,000
	// (defaults 1,000 and 1,000), with (Train + Test)·Dim ≤ MaxElements.
	Train, Test int
	// Seed selects the random streams; every value, including 0, is a seed.
	Seed uint64
}

// Defaults of TeacherSettings.
const (
	defaultTeacherDim    = 10
	defaultTeacherHidden = 4
	defaultTeacherTrain  = 1000
	maxTeacherHidden     = 1024
)

// WithDefaults returns s with every zero field replaced by its default.
func (s TeacherSettings) WithDefaults() TeacherSettings {
	s.Dim = orDefault(s.Dim, defaultTeacherDim)
	s.Hidden = orDefault(s.Hidden, defaultTeacherHidden)
	s.Train = orDefault(s.Train, defaultTeacherTrain)
	s.Test = orDefault(s.Test, defaultTest)
	return s
}

// Validate returns an error naming every field of s that is out of range,
// or nil. Zero fields are valid: they mean the default.
func (s TeacherSettings) Validate() error {
	const typ = "TeacherSettings"
	err := errors.Join(
		intField(typ, "Dim", s.Dim, 1, maxDim, defaultTeacherDim),
		intField(typ, "Hidden", s.Hidden, 1, maxTeacherHidden, defaultTeacherHidden),
		floatField(typ, "Noise", s.Noise, 0, maxNoise, math.NaN()),
		intField(typ, "Train", s.Train, 1, maxSamples, defaultTeacherTrain),
		intField(typ, "Test", s.Test, 1, maxSamples, defaultTest),
	)
	if err != nil {
		return err
	}
	d := s.WithDefaults()
	return budget(typ, d.Train, d.Test, d.Dim)
}

// TeacherStudent draws a teacher with [NewTeacher] (stream rng.Teacher) and
// a training and a test set from it with [Teacher.Sample] (stream rng.Data
// of s.Seed, training set first). Both sets are regression sets with Out = 1;
// the test targets carry the same noise as the training targets. The teacher
// is returned so that callers can evaluate the noiseless target or draw
// fresh samples.
//
// TeacherStudent returns an error, and no data, if s is invalid.
func TeacherStudent(s TeacherSettings) (Split, Teacher, error) {
	if err := s.Validate(); err != nil {
		return Split{}, Teacher{}, err
	}
	s = s.WithDefaults()
	t := NewTeacher(s.Dim, s.Hidden, s.Seed)
	r := rng.New(s.Seed, rng.Data)
	train := t.Sample(r, s.Train, s.Noise)
	test := t.Sample(r, s.Test, s.Noise)
	return Split{Train: train, Test: test}, t, nil
}
