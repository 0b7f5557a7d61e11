package kernel

import (
	"runtime"
	"sync"
)

// The AVX2 kernel: assembly micro-kernels (avx2_amd64.s) that keep a 6×8
// block of C in twelve 4-lane registers and add, for each p ascending, the
// products A[i,p]·B[p,j] with a separate VMULPD and VADDPD, so each element
// follows the summation contract. This file blocks the product around them.
//
// Blocking over k is allowed by the contract: C's partial sums are stored
// as float64 between blocks and reloaded unchanged, so each element still
// adds its products one at a time for p ascending. Splitting the rows (or
// columns) of C between goroutines changes nothing either: each element is
// computed by one goroutine, in the same order.

//go:noescape
func kern6x8(c *float64, ldc int, a *float64, sr, sp int, b *float64, ldb, k int)

//go:noescape
func kern6x4(c *float64, ldc int, a *float64, sr, sp int, b *float64, ldb, k int, mask *[4]int64)

func cpuid(leaf, sub uint32) (eax, ebx, ecx, edx uint32)

func xgetbv0() (eax uint32)

// hasAVX2 reports whether the CPU has AVX2 and the operating system saves
// the YMM registers (CPUID.1:ECX.OSXSAVE and AVX, XCR0 bits 1 and 2,
// CPUID.7.0:EBX.AVX2; Intel SDM vol. 1, §14.3 and §14.7.1). The standard
// library's internal/cpu does the same; golang.org/x/sys/cpu would too, but
// compute/ depends on the standard library and gonum only.
var hasAVX2 = detectAVX2()

func detectAVX2() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const osxsave, avx = 1 << 27, 1 << 28
	if ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if xgetbv0()&6 != 6 { // XMM and YMM state
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0
}

// Blocking sizes: a 6×kc block of A (12 kB) stays in L1 while the kernel
// sweeps a kc×nc block of B (256 kB, in L2).
const (
	mr = 6   // rows of the micro-kernel
	kc = 256 // depth of a block over k
	nc = 128 // columns of a block of B
)

// parallelWork is the smallest product (m·k·n) split between goroutines.
// Starting and joining one costs about a microsecond, but below about 10⁶
// multiply-adds the split loses more to the join and to the cores' caches
// than the second core gives: at 1 << 17 the CLI's one-worker runs of the
// default spectrum and of dd-mlp-digits took 1.38 s and 4.53 s, at 1 << 20
// 1.27 s and 4.11 s (as with no split at all), while the W1 and W2
// Hessian-vector products (compute/bench) kept their times (BENCHMARKS.md).
const parallelWork = 1 << 20

// pads recycles the padded copies of the last rows, so that a product
// allocates nothing but its goroutines.
var pads = sync.Pool{New: func() any {
	pad := make([]float64, mr*kc+mr*nc)
	return &pad
}}

// masks[w] selects the first w of four lanes.
var masks = [5][4]int64{{}, {-1}, {-1, -1}, {-1, -1, -1}, {-1, -1, -1, -1}}

// operands describes C += A·B with strides in elements: C[i,j] is
// c[i*ldc+j], A[i,p] is a[i*sr+p*sp], B[p,j] is b[p*ldb+j].
type operands struct {
	c            []float64
	ldc          int
	a            []float64
	sr, sp       int
	b            []float64
	ldb, m, k, n int
}

// avx2MulAdd sets C += A·B for row-major A (m×k), B (k×n) and C (m×n).
func avx2MulAdd(c, a, b []float64, m, k, n int) {
	avx2Run(operands{c: c, ldc: n, a: a, sr: k, sp: 1, b: b, ldb: n, m: m, k: k, n: n})
}

// avx2MulAddTransA sets C += Aᵀ·B for A stored row-major as k×m.
func avx2MulAddTransA(c, a, b []float64, m, k, n int) {
	avx2Run(operands{c: c, ldc: n, a: a, sr: 1, sp: m, b: b, ldb: n, m: m, k: k, n: n})
}

// avx2Run splits the product between up to GOMAXPROCS goroutines, by rows
// of C in multiples of mr, or by columns in multiples of 8 when C has few
// rows, and runs each part (fewer goroutines under SetSplit).
func avx2Run(o operands) {
	workers := splitWorkers(runtime.GOMAXPROCS(0))
	if o.m*o.k*o.n < parallelWork || workers < 2 {
		o.run()
		return
	}
	var parts []operands
	if rowBlocks := (o.m + mr - 1) / mr; rowBlocks >= 4*workers {
		per := (rowBlocks + workers - 1) / workers * mr
		for i := 0; i < o.m; i += per {
			p := o
			p.m = min(per, o.m-i)
			p.c = o.c[i*o.ldc:]
			p.a = o.a[i*o.sr:]
			parts = append(parts, p)
		}
	} else if colBlocks := (o.n + 7) / 8; colBlocks >= 2*workers {
		per := (colBlocks + workers - 1) / workers * 8
		for j := 0; j < o.n; j += per {
			p := o
			p.n = min(per, o.n-j)
			p.c = o.c[j:]
			p.b = o.b[j:]
			parts = append(parts, p)
		}
	} else {
		o.run()
		return
	}
	var wg sync.WaitGroup
	for _, p := range parts[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.run()
		}()
	}
	parts[0].run()
	wg.Wait()
}

// run computes the product on the calling goroutine, in blocks of nc
// columns and kc steps of p, with the micro-kernels on every full group of
// mr rows and a padded copy for the last rows.
func (o operands) run() {
	var pad []float64 // the last rows of A (mr×kc) and of C (mr×nc)
	defer func() {
		if pad != nil {
			pads.Put(&pad)
		}
	}()
	for j0 := 0; j0 < o.n; j0 += nc {
		nb := min(nc, o.n-j0)
		for p0 := 0; p0 < o.k; p0 += kc {
			kb := min(kc, o.k-p0)
			b := o.b[p0*o.ldb+j0:]
			i := 0
			for ; i+mr <= o.m; i += mr {
				rowBlock(o.c[i*o.ldc+j0:], o.ldc, o.a[i*o.sr+p0*o.sp:], o.sr, o.sp, b, o.ldb, kb, nb)
			}
			if rows := o.m - i; rows > 0 {
				if pad == nil {
					pad = *pads.Get().(*[]float64)
				}
				ap, cp := pad[:mr*kb], pad[mr*kc:mr*kc+mr*nb]
				clear(ap)
				for r := 0; r < rows; r++ {
					src := o.a[(i+r)*o.sr+p0*o.sp:]
					for p := 0; p < kb; p++ {
						ap[r*kb+p] = src[p*o.sp]
					}
					copy(cp[r*nb:(r+1)*nb], o.c[(i+r)*o.ldc+j0:])
				}
				rowBlock(cp, nb, ap, kb, 1, b, o.ldb, kb, nb)
				for r := 0; r < rows; r++ {
					copy(o.c[(i+r)*o.ldc+j0:(i+r)*o.ldc+j0+nb], cp[r*nb:(r+1)*nb])
				}
			}
		}
	}
}

// rowBlock adds to the mr×nb block of C at c the product of the mr×kb block
// of A at a and the kb×nb block of B at b.
func rowBlock(c []float64, ldc int, a []float64, sr, sp int, b []float64, ldb, kb, nb int) {
	// The slices' last elements bound what the kernels touch: index them so
	// that a wrong shape panics here rather than corrupting memory.
	_ = c[(mr-1)*ldc+nb-1]
	_ = a[(mr-1)*sr+(kb-1)*sp]
	_ = b[(kb-1)*ldb+nb-1]
	j := 0
	for ; j+8 <= nb; j += 8 {
		kern6x8(&c[j], ldc, &a[0], sr, sp, &b[j], ldb, kb)
	}
	for ; j < nb; j += 4 {
		kern6x4(&c[j], ldc, &a[0], sr, sp, &b[j], ldb, kb, &masks[min(4, nb-j)])
	}
}
