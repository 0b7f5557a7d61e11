package kernel

// pureMulAdd sets C += A·B with 4×4 register blocking. Each accumulator
// starts from the old C[i,j] and adds A[i,p]·B[p,j] for p ascending; the
// float64 conversions forbid the compiler from fusing a multiply and an add
// (the Go spec allows fusion on platforms with FMA, such as arm64).
func pureMulAdd(c, a, b []float64, m, k, n int) {
	// Pack four rows of A as panel[p*4+r] = A[i+r, p], so the inner loop reads
	// A contiguously.
	panel := make([]float64, 4*k)
	i := 0
	for ; i+4 <= m; i += 4 {
		for p := 0; p < k; p++ {
			panel[p*4] = a[i*k+p]
			panel[p*4+1] = a[(i+1)*k+p]
			panel[p*4+2] = a[(i+2)*k+p]
			panel[p*4+3] = a[(i+3)*k+p]
		}
		j := 0
		for ; j+4 <= n; j += 4 {
			block4x4(c, panel, b, i, j, k, n)
		}
		for ; j < n; j++ {
			for r := 0; r < 4; r++ {
				s := c[(i+r)*n+j]
				for p := 0; p < k; p++ {
					s += float64(panel[p*4+r] * b[p*n+j])
				}
				c[(i+r)*n+j] = s
			}
		}
	}
	for ; i < m; i++ {
		rowMulAdd(c[i*n:(i+1)*n], a[i*k:(i+1)*k], b, n)
	}
}

// block4x4 accumulates the 4×4 block of C at (i, j) from the packed panel.
func block4x4(c, panel, b []float64, i, j, k, n int) {
	r0 := c[i*n+j : i*n+j+4 : i*n+j+4]
	r1 := c[(i+1)*n+j : (i+1)*n+j+4 : (i+1)*n+j+4]
	r2 := c[(i+2)*n+j : (i+2)*n+j+4 : (i+2)*n+j+4]
	r3 := c[(i+3)*n+j : (i+3)*n+j+4 : (i+3)*n+j+4]
	c00, c01, c02, c03 := r0[0], r0[1], r0[2], r0[3]
	c10, c11, c12, c13 := r1[0], r1[1], r1[2], r1[3]
	c20, c21, c22, c23 := r2[0], r2[1], r2[2], r2[3]
	c30, c31, c32, c33 := r3[0], r3[1], r3[2], r3[3]
	panel = panel[:4*k]
	for p := 0; p < k; p++ {
		ap := panel[p*4 : p*4+4 : p*4+4]
		bp := b[p*n+j : p*n+j+4 : p*n+j+4]
		a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		c00 += float64(a0 * b0)
		c01 += float64(a0 * b1)
		c02 += float64(a0 * b2)
		c03 += float64(a0 * b3)
		c10 += float64(a1 * b0)
		c11 += float64(a1 * b1)
		c12 += float64(a1 * b2)
		c13 += float64(a1 * b3)
		c20 += float64(a2 * b0)
		c21 += float64(a2 * b1)
		c22 += float64(a2 * b2)
		c23 += float64(a2 * b3)
		c30 += float64(a3 * b0)
		c31 += float64(a3 * b1)
		c32 += float64(a3 * b2)
		c33 += float64(a3 * b3)
	}
	r0[0], r0[1], r0[2], r0[3] = c00, c01, c02, c03
	r1[0], r1[1], r1[2], r1[3] = c10, c11, c12, c13
	r2[0], r2[1], r2[2], r2[3] = c20, c21, c22, c23
	r3[0], r3[1], r3[2], r3[3] = c30, c31, c32, c33
}

// rowMulAdd sets c += a·B for one row a (length k) and B (k×n), in the
// contract's order: for each p ascending, c[j] += a[p]·B[p,j].
func rowMulAdd(c, a, b []float64, n int) {
	for p, ap := range a {
		bp := b[p*n : p*n+n]
		for j, bv := range bp {
			c[j] += float64(ap * bv)
		}
	}
}
