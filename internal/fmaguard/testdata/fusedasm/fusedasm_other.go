//go:build !amd64

package fusedasm

// Fused returns x*y + z (the fixture's assembly is for amd64 only).
func Fused(x, y, z float64) float64 { return x*y + z }

// Separate returns x*y + z with the product rounded first.
func Separate(x, y, z float64) float64 { return float64(x*y) + z }
