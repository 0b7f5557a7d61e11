package run

import "math"

// Small dense helpers on row-major matrices. Every reduction sums in index
// order and rounds each product, float64(a*b), so no platform fuses a
// multiply-add (the repository's same-bits rule).

// frob returns ‖a‖_F, summing squares in index order.
func frob(a []float64) float64 {
	var s float64
	for _, x := range a {
		s += float64(x * x)
	}
	return math.Sqrt(s)
}

// frobDiff returns ‖a − b‖_F.
func frobDiff(a, b []float64) float64 {
	var s float64
	for i := range a {
		d := a[i] - b[i]
		s += float64(d * d)
	}
	return math.Sqrt(s)
}

// axpy sets y ← y − h·x.
func axpy(y []float64, h float64, x []float64) {
	for i := range y {
		y[i] -= float64(h * x[i])
	}
}

// orthonormalize makes the columns of a (rows×cols) orthonormal by modified
// Gram–Schmidt, run twice for accuracy. It panics on a dependent column,
// which a Gaussian matrix has with probability 0.
func orthonormalize(a []float64, rows, cols int) {
	for pass := 0; pass < 2; pass++ {
		for j := 0; j < cols; j++ {
			for i := 0; i < j; i++ {
				var d float64
				for r := 0; r < rows; r++ {
					d += float64(a[r*cols+i] * a[r*cols+j])
				}
				for r := 0; r < rows; r++ {
					a[r*cols+j] -= float64(d * a[r*cols+i])
				}
			}
			var s float64
			for r := 0; r < rows; r++ {
				s += float64(a[r*cols+j] * a[r*cols+j])
			}
			if !(s > 0) {
				panic("sensing: orthonormalize: dependent column")
			}
			s = 1 / math.Sqrt(s)
			for r := 0; r < rows; r++ {
				a[r*cols+j] *= s
			}
		}
	}
}

// eigSym returns the eigenvalues (ascending) and eigenvectors (the columns
// of v, row-major k×k) of the symmetric k×k matrix a, by the cyclic Jacobi
// method (Golub & Van Loan, Matrix Computations, 4th ed., Algorithm 8.5.3),
// which is accurate to a few ulps of the largest eigenvalue. a is not
// changed.
func eigSym(a []float64, k int) (vals, v []float64) {
	m := append([]float64(nil), a[:k*k]...)
	v = make([]float64, k*k)
	for i := 0; i < k; i++ {
		v[i*k+i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		var off float64
		for p := 0; p < k; p++ {
			for q := p + 1; q < k; q++ {
				off += float64(m[p*k+q] * m[p*k+q])
			}
		}
		if off == 0 {
			break
		}
		for p := 0; p < k; p++ {
			for q := p + 1; q < k; q++ {
				apq := m[p*k+q]
				if apq == 0 {
					continue
				}
				theta := (m[q*k+q] - m[p*k+p]) / (2 * apq)
				t := 1 / (math.Abs(theta) + math.Sqrt(float64(theta*theta)+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(float64(t*t)+1)
				s := float64(t * c)
				// m ← Jᵀ m J, rotating rows and columns p and q.
				for i := 0; i < k; i++ {
					mip, miq := m[i*k+p], m[i*k+q]
					m[i*k+p] = float64(c*mip) - float64(s*miq)
					m[i*k+q] = float64(s*mip) + float64(c*miq)
				}
				for j := 0; j < k; j++ {
					mpj, mqj := m[p*k+j], m[q*k+j]
					m[p*k+j] = float64(c*mpj) - float64(s*mqj)
					m[q*k+j] = float64(s*mpj) + float64(c*mqj)
				}
				m[p*k+q], m[q*k+p] = 0, 0
				for i := 0; i < k; i++ {
					vip, viq := v[i*k+p], v[i*k+q]
					v[i*k+p] = float64(c*vip) - float64(s*viq)
					v[i*k+q] = float64(s*vip) + float64(c*viq)
				}
			}
		}
	}
	vals = make([]float64, k)
	for i := range vals {
		vals[i] = m[i*k+i]
	}
	// Sort ascending (insertion sort, swapping eigenvector columns too).
	for i := 1; i < k; i++ {
		for j := i; j > 0 && vals[j] < vals[j-1]; j-- {
			vals[j], vals[j-1] = vals[j-1], vals[j]
			for r := 0; r < k; r++ {
				v[r*k+j], v[r*k+j-1] = v[r*k+j-1], v[r*k+j]
			}
		}
	}
	return vals, v
}

// symPow returns V diag(λᵢ^p) Vᵀ for the symmetric positive definite k×k
// matrix a = V diag(λ) Vᵀ, or ok = false if an eigenvalue is not positive.
func symPow(a []float64, k int, p float64) (out []float64, ok bool) {
	vals, v := eigSym(a, k)
	d := make([]float64, k)
	for i, l := range vals {
		if !(l > 0) {
			return nil, false
		}
		switch p {
		case 0.5:
			d[i] = math.Sqrt(l)
		case -0.5:
			d[i] = 1 / math.Sqrt(l)
		default:
			panic("sensing: symPow supports p = ±½")
		}
	}
	out = make([]float64, k*k)
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			var s float64
			for l := 0; l < k; l++ {
				s += float64(float64(v[i*k+l]*d[l]) * v[j*k+l])
			}
			out[i*k+j] = s
		}
	}
	return out, true
}
