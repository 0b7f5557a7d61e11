// Package kernel holds the dense matrix products that the network code spends
// nearly all its time in, with one numerical contract across implementations.
//
// Matrices are row-major float64 slices with no padding: an m×n matrix C has
// element (i, j) at C[i*n+j].
//
// # The summation-order contract
//
// Every implementation computes each element of C = A·B (or C += A·B) as the
// sequential sum over p = 0, 1, …, k−1, in ascending order, of the rounded
// products A[i,p]·B[p,j], starting from 0 (or from the old C[i,j]), with no
// fused multiply-add and no reassociation. Floating-point addition is not
// associative, so this contract is what makes the pure-Go kernel (used in
// js/wasm) and gonum's assembly-assisted Dgemm (used natively) return the same
// bits, and with them the browser and the CLI. The test suite checks that the
// implementations agree bit for bit.
//
// Gonum skips products whose A element is zero; the pure-Go kernel adds them.
// The results are still identical: starting from +0, a round-to-nearest sum of
// finite values never becomes −0, and adding ±0 to anything else changes
// nothing. They differ only when B holds an Inf or NaN, which the training loop
// reports as divergence before any product is used.
//
// # Implementations
//
// PureGo is a 4×4 register-blocked kernel, the fastest pure-Go kernel in
// js/wasm, where Go has no SIMD and gonum no assembly; it is the fallback
// everywhere and the reference in tests. AVX2 (amd64 only) is assembly that
// keeps a 6×8 block of C in twelve 4-lane registers and adds each product
// with a separate VMULPD and VADDPD (never a fused multiply-add, which
// internal/fmaguard checks in the assembly source); it blocks k and the
// columns for the caches and splits large products between GOMAXPROCS
// goroutines by rows or columns of C, which leaves each element's sum to one
// goroutine in the contract's order. Gonum (amd64 only) calls gonum's Dgemm,
// which parallelises over blocks of C and uses SSE2 axpy kernels. SIMD is a
// WebAssembly module with f64x2 instructions (web/kernels), which a js/wasm
// program registers with Register — package wasm/simd does, so that this
// package never imports syscall/js — when the engine supports WebAssembly
// SIMD. amd64 builds use AVX2 when the CPU has it (CPUID, and the operating
// system saves the YMM registers) and Gonum otherwise; js/wasm builds use
// PureGo until a program selects SIMD; every other native build (arm64, …)
// uses PureGo, because gonum's pure-Go loops there are compiled to fused
// multiply-adds (see package fmath). Use switches, also for tests and
// benchmarks.
package kernel
