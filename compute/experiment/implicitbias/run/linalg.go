package run

import "math"

// dot returns Σ a_i b_i in index order.
func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += float64(a[i] * b[i])
	}
	return s
}

// frob returns ‖a‖_F.
func frob(a []float64) float64 { return math.Sqrt(dot(a, a)) }

// corr returns ⟨a, b⟩/(‖a‖‖b‖), or 0 if either is zero.
func corr(a, b []float64) float64 {
	na, nb := frob(a), frob(b)
	if na == 0 || nb == 0 {
		return 0
	}
	return dot(a, b) / (na * nb)
}

// mulTo writes the d×d product a·b into dst (dst must not alias a or b).
func mulTo(dst, a, b []float64, d int) {
	for i := range d {
		for j := range d {
			var s float64
			for k := range d {
				s += float64(a[i*d+k] * b[k*d+j])
			}
			dst[i*d+j] = s
		}
	}
}

// mulTTo writes a·bᵀ (d×d) into dst.
func mulTTo(dst, a, b []float64, d int) {
	for i := range d {
		for j := range d {
			var s float64
			for k := range d {
				s += float64(a[i*d+k] * b[j*d+k])
			}
			dst[i*d+j] = s
		}
	}
}

// tMulTo writes aᵀ·b (d×d) into dst.
func tMulTo(dst, a, b []float64, d int) {
	for i := range d {
		for j := range d {
			var s float64
			for k := range d {
				s += float64(a[k*d+i] * b[k*d+j])
			}
			dst[i*d+j] = s
		}
	}
}

// svd is a singular value decomposition A = B Vᵀ of a d×d matrix by the
// one-sided Jacobi method (Demmel & Veselić 1992): B = AV has orthogonal
// columns, whose norms are the singular values σ_j, and V is orthogonal.
// Its V persists between calls, so a call on a matrix close to the last
// one starts from the last rotation and needs a sweep or two.
type svd struct {
	d     int
	b, v  []float64 // column j of B is b[i*d+j]
	sigma []float64
	calls int
}

func newSVD(d int) *svd {
	s := &svd{d: d, b: make([]float64, d*d), v: make([]float64, d*d), sigma: make([]float64, d)}
	s.resetV()
	return s
}

func (s *svd) resetV() {
	for i := range s.v {
		s.v[i] = 0
	}
	for i := 0; i < s.d; i++ {
		s.v[i*s.d+i] = 1
	}
}

// jacobiTol is the relative orthogonality at which a column pair is left
// alone: |b_pᵀb_q| ≤ jacobiTol·‖b_p‖‖b_q‖.
const jacobiTol = 1e-15

// maxSweeps bounds the Jacobi sweeps (the method converges quadratically;
// a 24×24 matrix needs about ten from the identity).
const maxSweeps = 60

// restartEvery restarts V from the identity every so many calls, so the
// rounding of many rotations never accumulates in V's orthogonality.
const restartEvery = 100

// factor decomposes a: afterwards s.sigma holds the singular values (in
// column order, unsorted), s.b the columns σ_j u_j and s.v the right
// singular vectors as columns.
func (s *svd) factor(a []float64) {
	d := s.d
	if s.calls%restartEvery == 0 {
		s.resetV()
	}
	s.calls++
	mulTo(s.b, a, s.v, d)
	for sweep := 0; sweep < maxSweeps; sweep++ {
		rotated := false
		for p := 0; p < d-1; p++ {
			for q := p + 1; q < d; q++ {
				var alpha, beta, gamma float64
				for i := range d {
					bp, bq := s.b[i*d+p], s.b[i*d+q]
					alpha += float64(bp * bp)
					beta += float64(bq * bq)
					gamma += float64(bp * bq)
				}
				if alpha == 0 || beta == 0 || math.Abs(gamma) <= jacobiTol*math.Sqrt(alpha)*math.Sqrt(beta) {
					continue
				}
				rotated = true
				// The rotation that zeroes the pair's inner product:
				// ζ = (β − α)/(2γ), t = sign(ζ)/(|ζ| + √(1+ζ²)).
				zeta := (beta - alpha) / (2 * gamma)
				t := 1 / (math.Abs(zeta) + math.Sqrt(1+float64(zeta*zeta)))
				if zeta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(1+float64(t*t))
				sn := float64(c * t)
				rotate(s.b, d, p, q, c, sn)
				rotate(s.v, d, p, q, c, sn)
			}
		}
		if !rotated {
			break
		}
	}
	for j := range d {
		var ss float64
		for i := range d {
			ss += float64(s.b[i*d+j] * s.b[i*d+j])
		}
		s.sigma[j] = math.Sqrt(ss)
	}
}

// rotate replaces columns p and q of the d×d matrix m by
// (c·m_p − s·m_q, s·m_p + c·m_q).
func rotate(m []float64, d, p, q int, c, s float64) {
	for i := range d {
		mp, mq := m[i*d+p], m[i*d+q]
		m[i*d+p] = float64(c*mp) - float64(s*mq)
		m[i*d+q] = float64(s*mp) + float64(c*mq)
	}
}

// singularValues returns the singular values of a, largest first.
func singularValues(a []float64, d int) []float64 {
	s := newSVD(d)
	s.factor(a)
	out := append([]float64(nil), s.sigma...)
	for i := 1; i < len(out); i++ { // insertion sort, descending
		for j := i; j > 0 && out[j] > out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// nuclearNorm returns Σ σ_j(a) and opNorm max σ_j(a).
func nuclearNorm(a []float64, d int) float64 {
	var s float64
	for _, x := range singularValues(a, d) {
		s += x
	}
	return s
}

func opNorm(a []float64, d int) float64 { return singularValues(a, d)[0] }

// svtTo writes the singular value thresholding of a at level tau,
// Σ_j max(σ_j − τ, 0) u_j v_jᵀ (the proximal map of τ‖·‖_*; Cai, Candès &
// Shen 2010, Theorem 2.1), into dst, using s's decomposition.
func (s *svd) svtTo(dst, a []float64, tau float64) {
	d := s.d
	s.factor(a)
	scale := make([]float64, d)
	for j := range d {
		if s.sigma[j] > tau {
			scale[j] = (s.sigma[j] - tau) / s.sigma[j]
		}
	}
	// dst = B diag(scale) Vᵀ: row i, column k is Σ_j b_ij scale_j v_kj.
	for i := range d {
		for k := range d {
			var acc float64
			for j := range d {
				acc += float64(float64(s.b[i*d+j]*scale[j]) * s.v[k*d+j])
			}
			dst[i*d+k] = acc
		}
	}
}
