// Package fusedasm is a fixture for fmaguard's tests: amd64 assembly with a
// fused multiply-add, and the same arithmetic as a separate multiply and add.
package fusedasm

// Fused returns x*y + z with one VFMADD231SD (one rounding).
func Fused(x, y, z float64) float64

// Separate returns x*y + z with MULSD then ADDSD (two roundings).
func Separate(x, y, z float64) float64

// pad is one NOP, written as a raw byte.
func pad()
