// AVX2 micro-kernels for package kernel (see avx2_amd64.go).
//
// Each lane of each accumulator is one element of C. It starts from the old
// C[i,j] and, for p = 0, 1, …, k−1 in turn, adds the rounded product
// A[i,p]·B[p,j]: one VMULPD, then one VADDPD. There is no fused multiply-add
// (internal/fmaguard fails the build of compute/ if one appears here) and no
// reassociation, so every element gets the bits of the summation contract.

#include "textflag.h"

// func kern6x8(c *float64, ldc int, a *float64, sr, sp int, b *float64, ldb, k int)
//
// C[0:6, 0:8] += A[0:6, 0:k]·B[0:k, 0:8], where C[r,j] is c[r*ldc+j],
// A[r,p] is a[r*sr+p*sp] and B[p,j] is b[p*ldb+j] (strides in elements).
// k ≥ 1.
TEXT ·kern6x8(SB), NOSPLIT, $0-64
	MOVQ c+0(FP), CX
	MOVQ ldc+8(FP), DX
	SHLQ $3, DX
	LEAQ (CX)(DX*2), R8
	ADDQ DX, R8          // R8 = row 3 of C
	MOVQ a+16(FP), SI
	MOVQ sr+24(FP), R9
	SHLQ $3, R9
	LEAQ (SI)(R9*2), R10
	ADDQ R9, R10         // R10 = row 3 of A
	MOVQ sp+32(FP), R11
	SHLQ $3, R11
	MOVQ b+40(FP), BX
	MOVQ ldb+48(FP), R12
	SHLQ $3, R12
	MOVQ k+56(FP), R13

	VMOVUPD (CX), Y0
	VMOVUPD 32(CX), Y1
	VMOVUPD (CX)(DX*1), Y2
	VMOVUPD 32(CX)(DX*1), Y3
	VMOVUPD (CX)(DX*2), Y4
	VMOVUPD 32(CX)(DX*2), Y5
	VMOVUPD (R8), Y6
	VMOVUPD 32(R8), Y7
	VMOVUPD (R8)(DX*1), Y8
	VMOVUPD 32(R8)(DX*1), Y9
	VMOVUPD (R8)(DX*2), Y10
	VMOVUPD 32(R8)(DX*2), Y11

loop6x8:
	VMOVUPD (BX), Y12
	VMOVUPD 32(BX), Y13

	VBROADCASTSD (SI), Y14
	VMULPD Y12, Y14, Y15
	VADDPD Y15, Y0, Y0
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y1, Y1

	VBROADCASTSD (SI)(R9*1), Y14
	VMULPD Y12, Y14, Y15
	VADDPD Y15, Y2, Y2
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y3, Y3

	VBROADCASTSD (SI)(R9*2), Y14
	VMULPD Y12, Y14, Y15
	VADDPD Y15, Y4, Y4
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y5, Y5

	VBROADCASTSD (R10), Y14
	VMULPD Y12, Y14, Y15
	VADDPD Y15, Y6, Y6
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y7, Y7

	VBROADCASTSD (R10)(R9*1), Y14
	VMULPD Y12, Y14, Y15
	VADDPD Y15, Y8, Y8
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y9, Y9

	VBROADCASTSD (R10)(R9*2), Y14
	VMULPD Y12, Y14, Y15
	VADDPD Y15, Y10, Y10
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y11, Y11

	ADDQ R11, SI
	ADDQ R11, R10
	ADDQ R12, BX
	DECQ R13
	JNZ  loop6x8

	VMOVUPD Y0, (CX)
	VMOVUPD Y1, 32(CX)
	VMOVUPD Y2, (CX)(DX*1)
	VMOVUPD Y3, 32(CX)(DX*1)
	VMOVUPD Y4, (CX)(DX*2)
	VMOVUPD Y5, 32(CX)(DX*2)
	VMOVUPD Y6, (R8)
	VMOVUPD Y7, 32(R8)
	VMOVUPD Y8, (R8)(DX*1)
	VMOVUPD Y9, 32(R8)(DX*1)
	VMOVUPD Y10, (R8)(DX*2)
	VMOVUPD Y11, 32(R8)(DX*2)
	VZEROUPPER
	RET

// func kern6x4(c *float64, ldc int, a *float64, sr, sp int, b *float64, ldb, k int, mask *[4]int64)
//
// Like kern6x8 for the columns 0:w of C and B, w ≤ 4, where mask[j] is −1
// for j < w and 0 otherwise: masked loads and stores (VMASKMOVPD) neither
// read nor write the columns from w on, so C's neighbours stay untouched.
TEXT ·kern6x4(SB), NOSPLIT, $0-72
	MOVQ c+0(FP), CX
	MOVQ ldc+8(FP), DX
	SHLQ $3, DX
	LEAQ (CX)(DX*2), R8
	ADDQ DX, R8
	MOVQ a+16(FP), SI
	MOVQ sr+24(FP), R9
	SHLQ $3, R9
	LEAQ (SI)(R9*2), R10
	ADDQ R9, R10
	MOVQ sp+32(FP), R11
	SHLQ $3, R11
	MOVQ b+40(FP), BX
	MOVQ ldb+48(FP), R12
	SHLQ $3, R12
	MOVQ k+56(FP), R13
	MOVQ mask+64(FP), AX
	VMOVDQU (AX), Y12

	VMASKMOVPD (CX), Y12, Y0
	VMASKMOVPD (CX)(DX*1), Y12, Y1
	VMASKMOVPD (CX)(DX*2), Y12, Y2
	VMASKMOVPD (R8), Y12, Y3
	VMASKMOVPD (R8)(DX*1), Y12, Y4
	VMASKMOVPD (R8)(DX*2), Y12, Y5

loop6x4:
	VMASKMOVPD (BX), Y12, Y13

	VBROADCASTSD (SI), Y14
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y0, Y0
	VBROADCASTSD (SI)(R9*1), Y14
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y1, Y1
	VBROADCASTSD (SI)(R9*2), Y14
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y2, Y2
	VBROADCASTSD (R10), Y14
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y3, Y3
	VBROADCASTSD (R10)(R9*1), Y14
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y4, Y4
	VBROADCASTSD (R10)(R9*2), Y14
	VMULPD Y13, Y14, Y15
	VADDPD Y15, Y5, Y5

	ADDQ R11, SI
	ADDQ R11, R10
	ADDQ R12, BX
	DECQ R13
	JNZ  loop6x4

	VMASKMOVPD Y0, Y12, (CX)
	VMASKMOVPD Y1, Y12, (CX)(DX*1)
	VMASKMOVPD Y2, Y12, (CX)(DX*2)
	VMASKMOVPD Y3, Y12, (R8)
	VMASKMOVPD Y4, Y12, (R8)(DX*1)
	VMASKMOVPD Y5, Y12, (R8)(DX*2)
	VZEROUPPER
	RET

// func cpuid(leaf, sub uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv0() (eax uint32)
//
// The low half of XCR0: which register states the operating system saves.
TEXT ·xgetbv0(SB), NOSPLIT, $0-4
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	RET
