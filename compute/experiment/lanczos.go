package experiment

import (
	"math"

	"github.com/overparam/overparam/compute/arch"
)

// LanczosSteps is the default number of Lanczos steps (spectrum.DefaultSteps,
// as in Ghorbani, Krishnan & Xiao, 2019); a test of package experiment checks
// that they are equal.
const LanczosSteps = 80

// LanczosBytes returns the bytes a Lanczos run of steps steps on dimension n
// allocates, as spectrum.LanczosBytes counts them (a test of package
// experiment checks that the two agree): the basis (steps vectors of n
// float64), two work vectors, the steps×steps eigenvectors of the
// tridiagonal matrix and a few length-steps arrays. steps is clipped to n;
// 0 means LanczosSteps. The count saturates at math.MaxInt64.
func LanczosBytes(n, steps int) int64 {
	if steps == 0 {
		steps = LanczosSteps
	}
	steps = max(0, min(steps, n))
	words := float64(float64(steps+2)*float64(max(n, 0))) + float64(float64(steps)*float64(steps)) + float64(8*float64(steps))
	if b := 8 * words; b < math.MaxInt64/2 {
		return int64(b)
	}
	return math.MaxInt64
}

// MeanFieldArch is the two-layer mean-field network of the paths
// experiment, f(x) = (1/N) Σᵢ aᵢ relu(wᵢᵀx) with squared loss: Sizes
// [d, n, 1], OutScale 1/n and no biases, as paths.MeanField builds it (a
// test of package experiment checks that they agree).
func MeanFieldArch(d, n int) *arch.Arch {
	if d < 1 || n < 1 {
		panic("spec: MeanFieldArch needs d ≥ 1 and n ≥ 1")
	}
	return &arch.Arch{Sizes: []int{d, n, 1}, Act: arch.ReLU, Loss: arch.Squared, OutScale: 1 / float64(n), NoBias: true}
}
