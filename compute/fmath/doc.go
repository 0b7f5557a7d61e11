// Package fmath provides the elementary functions that compute/ uses in its
// numerics, implemented in pure Go so that they return the same bits on every
// platform.
//
// The standard library's math.Exp (and with it math.Tanh) uses assembly on
// amd64, arm64 and s390x and pure Go elsewhere, including js/wasm; the two
// differ in the last bit for some inputs. Overparam promises that a shared link
// gives the same numbers in the browser (js/wasm) and in the native CLI, so
// every transcendental function on a numerical path goes through this package.
// Functions that are correctly rounded by IEEE 754 (math.Sqrt) or pure Go on
// every platform (math.Log1p, math.Expm1, math.Ldexp) may be used directly.
//
// # References
//
// The exponential follows the classic argument reduction and rational
// approximation of Sun Microsystems' fdlibm (e_exp.c, 1993): x = k·ln2 + r with
// |r| ≤ ln2/2, then exp(r) = 1 + 2r/(R(r) − r) with a degree-5 Remez
// polynomial, accurate to under 1 ulp.
package fmath
