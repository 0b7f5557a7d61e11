// Package fmath provides the elementary functions that compute/ uses in its
// numerics, implemented in pure Go so that they return the same bits on every
// platform.
//
// The standard library's math.Exp (and with it math.Tanh) uses assembly on
// amd64, arm64 and s390x and pure Go elsewhere, including js/wasm; the two
// differ in the last bit for some inputs. Overparam promises that a shared link
// gives the same numbers in the browser (js/wasm) and in the native CLI, so
// every transcendental function on a numerical path goes through this package.
// Functions that are correctly rounded by IEEE 754 (math.Sqrt) or exact
// (math.Abs, math.Ldexp, math.Frexp, math.Copysign) may be used directly.
//
// # No fused multiply-add
//
// On arm64 (and ppc64le, s390x, riscv64, and amd64 built with GOAMD64=v3)
// the Go compiler computes x*y + z, x*y − z and z − x*y with one fused
// instruction and one rounding, unless an explicit conversion rounds the
// product: float64(x*y) + z is never fused (the Go specification,
// "Arithmetic operators"). amd64 at the default GOAMD64=v1 and js/wasm never
// fuse. compute/ therefore follows one rule:
// every floating-point product that feeds an addition or subtraction is
// written float64(...), including products hidden in a variable (t := x*y
// later added), in an inlined call (rng.Uniform, Hypot) or in a division by a
// power of two (x/2 compiles to x*0.5). The conversion changes nothing on
// amd64 and js/wasm. The standard library's pure-Go Expm1, Sin, Cos, Acos
// and Hypot are fused on arm64, so this package has its own (Expm1, Sin, Cos,
// Acos, Hypot), which return exactly the bits of math's on amd64. The test in
// internal/fmaguard cross-builds compute/ for arm64 and fails, naming the
// functions, if their disassembly holds FMADDD, FMSUBD, FNMADDD or FNMSUBD;
// `make test-arm64` runs the compute suite under qemu-aarch64 against the
// amd64 parity fingerprints.
//
// # References
//
// The exponential follows the classic argument reduction and rational
// approximation of Sun Microsystems' fdlibm (e_exp.c, 1993): x = k·ln2 + r with
// |r| ≤ ln2/2, then exp(r) = 1 + 2r/(R(r) − r) with a degree-5 Remez
// polynomial, accurate to under 1 ulp. Expm1 follows fdlibm's s_expm1.c, Sin
// and Cos the Cephes Math Library's sin.c (Moshier 1989) with Cody & Waite's
// three-part reduction by π/4, Acos Cephes' asin.c and atan.c; these are the
// algorithms of Go's math package, which fix their bits.
package fmath
