package spectrum

import (
	"math"

	"github.com/overparam/overparam/compute/fmath"
)

// tridiagEigen computes the eigenvalues of the symmetric tridiagonal matrix T
// with diagonal d (length n) and off-diagonal e (length n−1), overwriting d
// with them in ascending order and e with rounding residue. If z is not nil
// (length n²) it also returns the unit eigenvectors: column i of the
// row-major z, z[j*n+i], belongs to d[i]. It reports false if an eigenvalue
// has not converged after 30n QR steps (not seen for finite input).
//
// It is the implicit symmetric QR iteration with Wilkinson's shift (Golub &
// Van Loan 2013, Alg. 8.3.2 and §8.3.5; Parlett 1998, ch. 8): while T has an
// unreduced block, one step chases the bulge of a Givens rotation from the
// block's top to its bottom, so that T ← GᵀTG for the product G of rotations,
// and an off-diagonal entry below ε(|d_i| + |d_{i+1}|) splits the block. It
// is written for this package (it replaced gonum's Dsteqr) so that every
// product is rounded before it is added: the same bits natively on amd64 and
// arm64 and in js/wasm (see package fmath on fused multiply-add).
func tridiagEigen(d, e, z []float64) bool {
	n := len(d)
	if len(e) < n-1 || (z != nil && len(z) < n*n) {
		panic("spectrum: tridiagEigen shape mismatch")
	}
	// w holds Zᵀ row-major: row k is column k of Z, so that a rotation of
	// columns k, k+1 of Z updates two contiguous rows.
	var w []float64
	if z != nil {
		w = make([]float64, n*n)
		for i := range n {
			w[i*n+i] = 1
		}
	}
	const eps = 0x1p-53
	negligible := func(i int) bool { // is e_i small enough to split T at i?
		return math.Abs(e[i]) <= eps*(math.Abs(d[i])+math.Abs(d[i+1])) || math.Abs(e[i]) < 0x1p-1022
	}
	budget := 30 * n
	for hi := n - 1; hi > 0; {
		if negligible(hi - 1) {
			e[hi-1] = 0
			hi--
			continue
		}
		lo := hi - 1
		for lo > 0 && !negligible(lo-1) {
			lo--
		}
		if lo > 0 {
			e[lo-1] = 0
		}
		if budget == 0 {
			return false
		}
		budget--
		qrStep(d, e, w, n, lo, hi)
	}
	sortEigen(d, w, n)
	if z != nil {
		for i := range n {
			for j := range n {
				z[j*n+i] = w[i*n+j]
			}
		}
	}
	return true
}

// qrStep applies one implicit QR step with Wilkinson's shift to the unreduced
// block lo…hi of T, and its rotations to the rows of w (Zᵀ) if w is not nil.
func qrStep(d, e, w []float64, n, lo, hi int) {
	// Wilkinson's shift: the eigenvalue of the trailing 2×2 block
	// [a b; b c] nearer to c, μ = c − b²/(δ + sign(δ)√(δ² + b²)), δ = (a − c)/2.
	a, b, c := d[hi-1], e[hi-1], d[hi]
	delta := float64((a - c) / 2) // x/2 compiles to x·0.5, a product
	r := fmath.Hypot(delta, b)
	if delta < 0 {
		r = -r
	}
	mu := c - float64(b*(b/(delta+r)))
	if delta+r == 0 { // δ = b = 0 cannot happen in an unreduced block; be safe
		mu = c
	}
	x, y := d[lo]-mu, e[lo] // first column of T − μI
	for k := lo; k < hi; k++ {
		// The rotation R = [c s; −s c] with R·(x, y)ᵀ = (ρ, 0)ᵀ.
		rho := fmath.Hypot(x, y)
		cs, sn := 1.0, 0.0
		if rho != 0 {
			cs, sn = x/rho, y/rho
		}
		if k > lo {
			e[k-1] = rho // the bulge is annihilated
		}
		// T ← R T Rᵀ on rows and columns k, k+1:
		//	d_k'   = c²a + 2csb + s²c₂
		//	e_k'   = cs(c₂ − a) + (c² − s²)b
		//	d_k+1' = s²a − 2csb + c²c₂
		// with a = d_k, b = e_k, c₂ = d_{k+1}; row k gains the bulge s·e_{k+1}
		// at column k+2 and e_{k+1} becomes c·e_{k+1}.
		dk, ek, dk1 := d[k], e[k], d[k+1]
		cc, ss, csp := float64(cs*cs), float64(sn*sn), float64(cs*sn)
		twoCSB := float64(2 * csp * ek)
		d[k] = float64(cc*dk) + twoCSB + float64(ss*dk1)
		d[k+1] = float64(ss*dk) - twoCSB + float64(cc*dk1)
		e[k] = float64(csp*(dk1-dk)) + float64((cc-ss)*ek)
		if k+1 < hi {
			x, y = e[k], float64(sn*e[k+1])
			e[k+1] = float64(cs * e[k+1])
		}
		if w != nil { // Z ← Z Rᵀ: rows k, k+1 of Zᵀ
			wk, wk1 := w[k*n:k*n+n], w[(k+1)*n:(k+1)*n+n]
			for j := range wk {
				u, v := wk[j], wk1[j]
				wk[j] = float64(cs*u) + float64(sn*v)
				wk1[j] = float64(cs*v) - float64(sn*u)
			}
		}
	}
}

// sortEigen sorts d ascending by selection, moving the rows of w (if not
// nil) with it; ties keep their order.
func sortEigen(d, w []float64, n int) {
	for i := range n - 1 {
		m := i
		for j := i + 1; j < n; j++ {
			if d[j] < d[m] {
				m = j
			}
		}
		if m == i {
			continue
		}
		d[i], d[m] = d[m], d[i]
		if w != nil {
			a, b := w[i*n:i*n+n], w[m*n:m*n+n]
			for j := range a {
				a[j], b[j] = b[j], a[j]
			}
		}
	}
}
