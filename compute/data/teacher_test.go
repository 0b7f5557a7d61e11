package data

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/rng"
)

func TestTeacherStudentIsDeterministicAndShaped(t *testing.T) {
	s := TeacherSettings{Train: 300, Test: 100, Noise: 0.1, Seed: 2}
	a, ta, err := TeacherStudent(s)
	if err != nil {
		t.Fatal(err)
	}
	b, tb, _ := TeacherStudent(s)
	if splitFingerprint(a) != splitFingerprint(b) {
		t.Errorf("two runs with seed 2 differ")
	}
	for i := range ta.A {
		if ta.A[i] != tb.A[i] {
			t.Errorf("teacher output weight %d differs between runs", i)
		}
	}
	s.Seed = 3
	c, tc, _ := TeacherStudent(s)
	if fingerprint(&a.Train) == fingerprint(&c.Train) || ta.W[0] == tc.W[0] {
		t.Errorf("seeds 2 and 3 give the same data or teacher")
	}
	// Truth: the documented defaults d = 10, k = 4.
	if ta.Dim != 10 || ta.Hidden != 4 || len(ta.W) != 40 || len(ta.A) != 4 {
		t.Errorf("teacher %d×%d with %d and %d weights, want 4 neurons in d = 10", ta.Hidden, ta.Dim, len(ta.W), len(ta.A))
	}
	for _, set := range []*Set{&a.Train, &a.Test} {
		checkValid(t, "teacher–student", set, set.N, 10)
		if set.Classes != 0 || set.Out != 1 || set.OutDim() != 1 {
			t.Errorf("Classes = %d, Out = %d, want a regression set with Out = 1", set.Classes, set.Out)
		}
	}
	if a.Train.N != 300 || a.Test.N != 100 {
		t.Errorf("N = %d, %d, want 300, 100", a.Train.N, a.Test.N)
	}
	for i := range ta.Hidden {
		w := ta.W[i*ta.Dim : (i+1)*ta.Dim]
		if d := math.Abs(dot(w, w) - 1); d > 1e-14 {
			t.Errorf("‖w_%d‖² = 1 %+v, want unit vectors", i, d)
		}
	}
}

// Truth: Monte Carlo over x ~ N(0, I_d). The closed-form Variance and Mean
// (arc-cosine kernel) must match the sample variance and mean of f*(x) within
// 5 standard errors — √(Var/n) for the mean, √((m₄ − Var²)/n) for the
// variance, with m₄ the sample fourth central moment — and NewTeacher must
// normalize Variance to 1 within 1e-12.
func TestTeacherOutputHasUnitVarianceMatchingTheClosedForm(t *testing.T) {
	const n = 40000
	for _, c := range []struct{ dim, hidden int }{{10, 4}, {3, 7}, {50, 1}, {2, 32}} {
		for seed := uint64(1); seed <= 3; seed++ {
			teacher := NewTeacher(c.dim, c.hidden, seed)
			if v := teacher.Variance(); math.Abs(v-1) > 1e-12 {
				t.Errorf("d=%d k=%d seed=%d: closed-form variance %v, want 1", c.dim, c.hidden, seed, v)
			}
			// Unnormalized weights exercise the general formula.
			for i := range teacher.W {
				teacher.W[i] *= 1 + 0.1*float64(i%3)
			}
			set := teacher.Sample(rng.New(seed, rng.Data), n, 0)
			var mean float64
			for _, y := range set.Targets {
				mean += y / n
			}
			var m2, m4 float64
			for _, y := range set.Targets {
				d := y - mean
				m2 += d * d / n
				m4 += d * d * d * d / n
			}
			wantV, wantM := teacher.Variance(), teacher.Mean()
			if tol := 5 * math.Sqrt((m4-m2*m2)/n); math.Abs(m2-wantV) > tol {
				t.Errorf("d=%d k=%d seed=%d: sample variance %.4f, closed form %.4f ± %.4f", c.dim, c.hidden, seed, m2, wantV, tol)
			}
			if tol := 5 * math.Sqrt(m2/n); math.Abs(mean-wantM) > tol {
				t.Errorf("d=%d k=%d seed=%d: sample mean %.4f, closed form %.4f ± %.4f", c.dim, c.hidden, seed, mean, wantM, tol)
			}
		}
	}
}

// Truth: y − f*(x) = σ·ε by construction, so the residuals against the
// returned teacher have mean 0 and variance σ² within 5 standard errors.
func TestTeacherStudentTargetsCarryTheRequestedNoise(t *testing.T) {
	const sigma = 0.5
	sp, teacher, err := TeacherStudent(TeacherSettings{Noise: sigma, Train: 20000, Test: 10, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	n := float64(sp.Train.N)
	var m1, m2 float64
	for i := 0; i < sp.Train.N; i++ {
		e := (sp.Train.Targets[i] - teacher.Eval(sp.Train.Row(i))) / sigma
		m1 += e / n
		m2 += e * e / n
	}
	if math.Abs(m1) > 5/math.Sqrt(n) || math.Abs(m2-1) > 5*math.Sqrt(2/n) {
		t.Errorf("residual/σ has mean %.4f and variance %.4f, want 0 and 1", m1, m2)
	}
}

// Truth: hand evaluation. With W = [[1, 0], [0, 1]] and a = (2, −4),
// f*(x) = (2·relu(x₀) − 4·relu(x₁))/2.
func TestTeacherEvalByHand(t *testing.T) {
	teacher := Teacher{Dim: 2, Hidden: 2, W: []float64{1, 0, 0, 1}, A: []float64{2, -4}}
	for _, c := range []struct{ x, y, want float64 }{
		{1, 1, -1}, {3, -1, 3}, {-1, 0.5, -1}, {-2, -2, 0},
	} {
		if got := teacher.Eval([]float64{c.x, c.y}); got != c.want {
			t.Errorf("f*(%v, %v) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
	// Orthogonal unit rows: relu(x₀) and relu(x₁) are independent, each with
	// variance E relu(z)² − (E relu(z))² = ½ − 1/(2π) for z ~ N(0, 1), so
	// Var f* = (a₀² + a₁²)(½ − 1/(2π))/k².
	want := (4 + 16) * (0.5 - 1/(2*math.Pi)) / 4
	if got := teacher.Variance(); math.Abs(got-want) > 1e-15 {
		t.Errorf("Variance = %v, want %v", got, want)
	}
}
