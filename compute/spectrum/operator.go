package spectrum

// Operator is a symmetric linear operator on ℝⁿ: the Hessian of a loss, its
// Gauss-Newton approximation, or a dense symmetric matrix. Lanczos and the
// estimators in this package depend only on this interface.
type Operator interface {
	// Dim returns n, the dimension of the space the operator acts on.
	Dim() int
	// MulVecTo sets dst = A·x. dst and x have length Dim and do not alias.
	MulVecTo(dst, x []float64)
}

// Sym is a dense symmetric N×N matrix stored row-major in Data, entry (i, j)
// at Data[i·N+j]. It is an Operator. The zero value is the 0×0 matrix.
//
// Only the upper triangle (j ≥ i) is read: by At, MulVecTo and
// DenseEigenvalues. SetSym also writes the mirror entry, so a matrix built
// with it holds the full symmetric matrix in Data; one filled by hand needs
// only its upper triangle.
//
// The methods panic if len(Data) ≠ N·N or an index is out of range.
type Sym struct {
	N    int
	Data []float64
}

// NewSym returns the n×n zero matrix. It panics if n < 0.
func NewSym(n int) Sym {
	if n < 0 {
		panic(msgSymOrder)
	}
	return Sym{N: n, Data: make([]float64, n*n)}
}

// check panics unless Data holds N·N entries.
func (a Sym) check() {
	if a.N < 0 || len(a.Data) != a.N*a.N {
		panic(msgSymData)
	}
}

// index returns the offset of entry (min(i,j), max(i,j)) in Data.
func (a Sym) index(i, j int) int {
	a.check()
	if uint(i) >= uint(a.N) || uint(j) >= uint(a.N) {
		panic(msgSymIndex)
	}
	if i > j {
		i, j = j, i
	}
	return i*a.N + j
}

// At returns entry (i, j), read from the upper triangle.
func (a Sym) At(i, j int) float64 { return a.Data[a.index(i, j)] }

// SetSym sets entries (i, j) and (j, i) to v.
func (a Sym) SetSym(i, j int, v float64) {
	a.index(i, j) // panics on a bad index
	a.Data[i*a.N+j] = v
	a.Data[j*a.N+i] = v
}

// Dim returns the order N of the matrix.
func (a Sym) Dim() int { return a.N }

// MulVecTo sets dst = A·x. It panics if len(dst) or len(x) differs from N.
//
// It reads the upper triangle row by row, in plain Go with a fixed order of
// operations, rather than calling gonum's Dsymv (assembly on amd64, pure Go in
// js/wasm), so the product has the same bits in the browser and natively:
//
//	y_i += Σ_{j≥i} a_ij x_j,   y_j += a_ij x_i (j > i)
func (a Sym) MulVecTo(dst, x []float64) {
	a.check()
	n := a.N
	if len(dst) != n || len(x) != n {
		panic(msgSymLen)
	}
	clear(dst)
	for i := range n {
		row := a.Data[i*n+i : i*n+n]
		xi := x[i]
		s0 := float64(row[0] * xi)
		var s1 float64
		r := row[1:]
		xs, ys := x[i+1:][:len(r)], dst[i+1:][:len(r)]
		j := 0
		for ; j+2 <= len(r); j += 2 {
			a, u, v := r[j:j+2:j+2], xs[j:j+2:j+2], ys[j:j+2:j+2]
			s0 += float64(a[0] * u[0])
			s1 += float64(a[1] * u[1])
			v[0] += float64(a[0] * xi)
			v[1] += float64(a[1] * xi)
		}
		if j < len(r) {
			s0 += float64(r[j] * xs[j])
			ys[j] += float64(r[j] * xi)
		}
		dst[i] += s0 + s1
	}
}
