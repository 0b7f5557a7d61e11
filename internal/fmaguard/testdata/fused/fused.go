// Package fused is a fixture for fmaguard's tests: code that arm64 fuses, and
// the same code with the products rounded.
package fused

import "math"

// MulAdd is x*y + z, which arm64 computes with one FMADDD.
func MulAdd(x, y, z float64) float64 { return x*y + z }

// MulSub is z − x*y, which arm64 computes with one FMSUBD.
func MulSub(x, y, z float64) float64 { return z - x*y }

// Rounded is x*y + z with the product rounded first: two instructions.
func Rounded(x, y, z float64) float64 { return float64(x*y) + z }

// Wave calls math.Sin, pure Go on arm64 and fused there (its polynomial).
func Wave(x float64) float64 { return math.Sin(x) }
