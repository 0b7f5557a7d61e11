package run

import (
	"math"

	"github.com/overparam/overparam/compute/experiment/sensing"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/rng"
)

// Problem is the ground truth and the measurements of a spec, shared by
// all its curves: the same seed gives every curve the same M*, the same
// operator and the same (nested) corrupted measurements.
type Problem struct {
	N, R  int
	U     []float64 // n×r, orthonormal columns
	Sigma []float64 // σ₁ ≥ … ≥ σ_r > 0
	UT    []float64 // r×n, Uᵀ
	MStar []float64 // n×n, U diag(σ) Uᵀ
	Norm  float64   // ‖M*‖_F
	// M is the number of measurements (0 = fully observed). A is m×N with
	// N = n(n+1)/2: row i packs the symmetric Aᵢ's upper triangle row by
	// row, off-diagonal entries doubled, so that ⟨Aᵢ, P⟩ = Σ A[i,·]·pack(P)
	// for symmetric P (see pack); AT is its transpose. Clean is 𝒜(M*).
	M     int
	A, AT []float64
	Clean []float64
	// Order lists the measurements in the order they are corrupted, and
	// Noise the outlier sᵢ of each measurement.
	Order []int
	Noise []float64
}

// NewProblem draws the ground truth and the measurements of s. U is the
// Gram–Schmidt orthonormalisation of an n×r standard Gaussian matrix
// (stream rng.Teacher); each Aᵢ is symmetric with N(0, 1) diagonal and
// N(0, ½) off-diagonal entries, the law of (B + Bᵀ)/2 for a standard
// Gaussian B, so E⟨Aᵢ, S⟩² = ‖S‖²_F for symmetric S (stream rng.Data, the
// upper triangle row by row); the corruption order is a permutation and
// the outliers are N(0, outlierscale²) (stream rng.LabelNoise).
func NewProblem(s sensing.Spec) *Problem {
	n, r := s.N, s.R
	p := &Problem{N: n, R: r, Sigma: s.Sigma(), M: s.Measurements}
	g := rng.New(s.Seed, rng.Teacher)
	p.U = make([]float64, n*r)
	rng.NormalVec(g, p.U)
	orthonormalize(p.U, n, r)
	p.UT = make([]float64, r*n)
	kernel.TransposeTo(p.UT, p.U, n, r)
	us := make([]float64, n*r) // U diag(σ)
	for i := 0; i < n; i++ {
		for j := 0; j < r; j++ {
			us[i*r+j] = float64(p.U[i*r+j] * p.Sigma[j])
		}
	}
	p.MStar = make([]float64, n*n)
	kernel.MulTo(p.MStar, us, p.UT, n, r, n)
	p.Norm = frob(p.MStar)
	if p.M == 0 {
		return p
	}
	m, np := p.M, Packed(n)
	p.A = make([]float64, m*np)
	g = rng.New(s.Seed, rng.Data)
	half := math.Sqrt(0.5)
	for i := 0; i < m; i++ {
		a := p.A[i*np : (i+1)*np]
		j := 0
		for row := 0; row < n; row++ {
			a[j] = rng.Normal(g)
			j++
			for col := row + 1; col < n; col++ {
				a[j] = 2 * float64(half*rng.Normal(g)) // 2A_{row,col}: exact
				j++
			}
		}
	}
	p.AT = make([]float64, np*m)
	kernel.TransposeTo(p.AT, p.A, m, np)
	p.Clean = make([]float64, m)
	p.Forward(p.Clean, p.MStar, make([]float64, np))
	g = rng.New(s.Seed, rng.LabelNoise)
	p.Order = g.Perm(m)
	p.Noise = make([]float64, m)
	for i := range p.Noise {
		p.Noise[i] = float64(s.OutlierScale * rng.Normal(g))
	}
	return p
}

// Corrupted returns the measurements with the first round(frac·m) of
// Order corrupted: yᵢ = ⟨Aᵢ, M*⟩ + sᵢ.
func (p *Problem) Corrupted(frac float64) []float64 {
	y := append([]float64(nil), p.Clean...)
	c := int(math.Round(frac * float64(p.M)))
	for _, i := range p.Order[:c] {
		y[i] += p.Noise[i]
	}
	return y
}

// Packed returns N = n(n+1)/2, the length of a packed symmetric n×n matrix.
func Packed(n int) int { return n * (n + 1) / 2 }

// pack writes the upper triangle of the symmetric part of the n×n matrix
// p, (p + pᵀ)/2, row by row into dst (length Packed(n)): for symmetric
// Aᵢ, ⟨Aᵢ, p⟩ = ⟨Aᵢ, (p + pᵀ)/2⟩, and FGᵀ is not symmetric. A symmetric
// p is copied exactly ((x + x)/2 = x).
func pack(dst, p []float64, n int) {
	j := 0
	for row := 0; row < n; row++ {
		dst[j] = p[row*n+row]
		j++
		for col := row + 1; col < n; col++ {
			dst[j] = (p[row*n+col] + p[col*n+row]) / 2
			j++
		}
	}
}

// unpack sets the symmetric n×n matrix dst from s = Σ wᵢ A[i,·]: the
// diagonal as it is, the off-diagonal entries halved (the rows of A hold
// them doubled), so that dst = Σ wᵢAᵢ.
func unpack(dst, s []float64, n int) {
	j := 0
	for row := 0; row < n; row++ {
		dst[row*n+row] = s[j]
		j++
		for col := row + 1; col < n; col++ {
			x := s[j] / 2
			dst[row*n+col], dst[col*n+row] = x, x
			j++
		}
	}
}

// Forward sets dst (length m) to 𝒜(P) = (⟨Aᵢ, P⟩)ᵢ for the n×n P, using
// work (length Packed(n)): pack(P)ᵀ·Aᵀ, a row vector times the
// N×m matrix AT, through package kernel.
func (p *Problem) Forward(dst, P, work []float64) {
	pack(work, P, p.N)
	kernel.MulTo(dst, work, p.AT, 1, Packed(p.N), p.M)
}

// Adjoint sets the symmetric n×n dst to 𝒜*(w) = Σ wᵢAᵢ, using work
// (length Packed(n)): wᵀ·A through package kernel, then unpacked.
func (p *Problem) Adjoint(dst, w, work []float64) {
	kernel.MulTo(work, w, p.A, 1, p.M, Packed(p.N))
	unpack(dst, work, p.N)
}
