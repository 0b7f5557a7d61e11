package run

import "math"

// maxSweeps bounds the cyclic Jacobi sweeps; convergence is quadratic and
// takes under ten sweeps for the matrices here.
const maxSweeps = 60

// symEigen returns the eigenvalues of the symmetric n×n matrix a
// (row-major; overwritten) in descending order, and the matching unit
// eigenvectors as the rows of vecs (n×n, row k the k-th eigenvector), by
// the cyclic Jacobi method (Golub & Van Loan §8.5.3): rotations in the
// order (0,1), (0,2), …, (n−2,n−1) per sweep, until the off-diagonal mass
// is negligible. Every product is rounded before it is added (no fused
// multiply-add), so the result is the same bits on every platform.
func symEigen(a []float64, n int) (vals, vecs []float64) {
	if len(a) != n*n {
		panic("run: symEigen: matrix is not n×n")
	}
	v := make([]float64, n*n) // columns are eigenvectors while rotating
	for i := range n {
		v[i*n+i] = 1
	}
	for range maxSweeps {
		var off, diag float64
		for p := range n {
			diag += float64(a[p*n+p] * a[p*n+p])
			for q := p + 1; q < n; q++ {
				off += float64(a[p*n+q] * a[p*n+q])
			}
		}
		if off <= 1e-32*diag || off == 0 {
			break
		}
		for p := 0; p < n-1; p++ {
			for q := p + 1; q < n; q++ {
				rotate(a, v, n, p, q)
			}
		}
	}
	vals = make([]float64, n)
	order := make([]int, n)
	for i := range n {
		vals[i], order[i] = a[i*n+i], i
	}
	// Insertion sort, descending; ties keep their index order.
	for i := 1; i < n; i++ {
		for j := i; j > 0 && vals[order[j]] > vals[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	sorted := make([]float64, n)
	vecs = make([]float64, n*n)
	for k, i := range order {
		sorted[k] = vals[i]
		for r := range n {
			vecs[k*n+r] = v[r*n+i]
		}
	}
	return sorted, vecs
}

// rotate applies the Jacobi rotation that zeroes a[p][q] to a (both
// triangles) and accumulates it into v's columns p and q (Numerical
// Recipes §11.1's update with τ = s/(1+c)).
func rotate(a, v []float64, n, p, q int) {
	apq := a[p*n+q]
	if apq == 0 {
		return
	}
	theta := (a[q*n+q] - a[p*n+p]) / (2 * apq)
	var t float64
	if math.Abs(theta) > 1e150 {
		t = 0.5 / theta
	} else {
		t = 1 / (math.Abs(theta) + math.Sqrt(float64(theta*theta)+1))
		if theta < 0 {
			t = -t
		}
	}
	c := 1 / math.Sqrt(float64(t*t)+1)
	s := float64(t * c)
	tau := s / (1 + c)
	a[p*n+p] -= float64(t * apq)
	a[q*n+q] += float64(t * apq)
	a[p*n+q], a[q*n+p] = 0, 0
	for r := range n {
		if r == p || r == q {
			continue
		}
		g, h := a[r*n+p], a[r*n+q]
		gp := g - float64(s*(h+float64(g*tau)))
		hq := h + float64(s*(g-float64(h*tau)))
		a[r*n+p], a[p*n+r] = gp, gp
		a[r*n+q], a[q*n+r] = hq, hq
	}
	for r := range n {
		g, h := v[r*n+p], v[r*n+q]
		v[r*n+p] = g - float64(s*(h+float64(g*tau)))
		v[r*n+q] = h + float64(s*(g-float64(h*tau)))
	}
}
