//go:build amd64

package kernel

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// defaultImpl is AVX2 where the CPU has it, Gonum otherwise.
func defaultImpl() Impl {
	if hasAVX2 {
		return AVX2
	}
	return Gonum
}

// Available reports whether impl can run on this platform: on amd64 PureGo
// and Gonum always, AVX2 if the CPU has it, SIMD once registered.
func Available(impl Impl) bool {
	return impl == PureGo || impl == Gonum || impl == AVX2 && hasAVX2 || registered(impl)
}

// gonumMulAdd sets C += A·B with gonum's Dgemm (α = β = 1). For β = 1 Dgemm
// leaves C unscaled and, for each row, adds A[i,p]·B[p,:] for p ascending:
// the contract's order. On amd64 its inner loops are SSE2 assembly with
// separate multiplies and adds (MULPD, ADDPD), so nothing is fused.
func gonumMulAdd(c, a, b []float64, m, k, n int) {
	gonum.Implementation{}.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, max(k, 1), b, max(n, 1), 1, c, max(n, 1))
}
