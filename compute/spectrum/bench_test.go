package spectrum

import "testing"

// diagonal is the operator diag(d), the cheapest non-trivial operator: it
// isolates the cost of the Lanczos step itself.
type diagonal []float64

func (d diagonal) Dim() int { return len(d) }
func (d diagonal) MulVecTo(dst, x []float64) {
	for i, v := range x {
		dst[i] = d[i] * v
	}
}

// BenchmarkLanczosStep times step 41 of 80 at n = 26,000 (the parameter count
// of the largest preset network) with a diagonal operator, so the time is the
// recurrence plus full reorthogonalization: two classical Gram–Schmidt passes
// against 41 basis vectors, 8·41·n ≈ 8.5 Mflop reading the 8.3 MB of basis
// four times. SetBytes counts those basis reads, so MB/s is the streaming
// rate. Compare native and js/wasm with
//
//	go test -run '^$' -bench LanczosStep ./compute/spectrum
//	GOOS=js GOARCH=wasm go test -run '^$' -bench LanczosStep ./compute/spectrum
func BenchmarkLanczosStep(b *testing.B) {
	const n, steps, at = 26000, 80, 40
	op := make(diagonal, n)
	for i := range op {
		op[i] = 1 + float64(i)/n
	}
	l, err := NewLanczos(n, LanczosSettings{Steps: steps, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	aq := make([]float64, n)
	for l.Iter() < at {
		op.MulVecTo(aq, l.Vector())
		l.Step(aq)
	}
	op.MulVecTo(aq, l.Vector())
	b.SetBytes(int64(2 * 2 * (at + 1) * n * 8))
	b.ResetTimer()
	for b.Loop() {
		l.k, l.done = at, false // retake the same step
		l.Step(aq)
	}
}

// BenchmarkDenseMulVec times Sym.MulVecTo at n = 1024, the product behind
// the SLQ accuracy test.
func BenchmarkDenseMulVec(b *testing.B) {
	a := withSpectrum(semicircle(1024), 1)
	x, y := ProbeVector(1024, 1, 0, Gaussian), make([]float64, 1024)
	b.SetBytes(1024 * 1024 * 8 / 2)
	for b.Loop() {
		a.MulVecTo(y, x)
	}
}

// BenchmarkEstimateDensity times a default SLQ run (10 probes × 80 steps) on a
// diagonal operator of 26,000 parameters: the package's own cost per density.
func BenchmarkEstimateDensity(b *testing.B) {
	const n = 26000
	op := make(diagonal, n)
	for i := range op {
		op[i] = float64(i%100) / 100
	}
	for b.Loop() {
		if _, err := EstimateDensity(op, DensitySettings{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDenseEigenvalues times DenseEigenvalues at n = 1024: the
// Householder reduction (4n³/3 flops, which dominate) and the tridiagonal
// QL/QR iteration.
func BenchmarkDenseEigenvalues(b *testing.B) {
	a := withSpectrum(semicircle(1024), 1)
	for b.Loop() {
		DenseEigenvalues(a)
	}
}
