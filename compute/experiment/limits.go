package experiment

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/overparam/overparam/compute/arch"
)

// CheckDataSize checks, in the link's terms, the limits package data's
// generators enforce, so that a spec Validate accepts never fails while
// drawing its data: the digits asset holds MaxDigitsTrain training
// and MaxDigitsTest test images, and a generator holds at most
// MaxElements input values, (train + test)·dim. trainKey and testKey
// are the spec's keys for the two sample counts; dim is the input width.
func CheckDataSize(kind, trainKey string, train int, testKey string, test, dim int) error {
	if kind == "digits" {
		if train > MaxDigitsTrain {
			return fmt.Errorf("%s = %d: the bundled digits hold %d training images; allowed with data = digits: [1, %d]", trainKey, train, MaxDigitsTrain, MaxDigitsTrain)
		}
		if test > MaxDigitsTest {
			return fmt.Errorf("%s = %d: the bundled digits hold %d test images; allowed with data = digits: [1, %d]", testKey, test, MaxDigitsTest, MaxDigitsTest)
		}
	}
	if n := int64(train+test) * int64(dim); n > MaxElements {
		most := MaxElements/dim - test
		hint := fmt.Sprintf("at most %s = %d with %s = %d", trainKey, max(most, 0), testKey, test)
		if most < 1 {
			hint = fmt.Sprintf("fewer %s or a smaller input dimension", testKey)
		}
		return fmt.Errorf("%s = %d and %s = %d at input dimension %d are %d input values; the limit is %d (%d MiB of data): use %s",
			trainKey, train, testKey, test, dim, n, MaxElements, MaxElements*8>>20, hint)
	}
	return nil
}

// IntsText writes a list of whole numbers as a link does: "4,2048".
func IntsText(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}

// The limits of package data's generators that CheckDataSize states in the
// link's terms (a test of package experiment checks that they equal package
// data's): the digits asset's training and test images, and the most input
// values, (train + test)·dim, one generator call produces (2²⁴ float64s, 128
// MiB).
const (
	MaxDigitsTrain = 10_000
	MaxDigitsTest  = 2_000
	MaxElements    = 1 << 24
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

// MaxSeed is the largest seed, the max tag of Seed: links and the CLI
// carry seeds as 32-bit numbers.
const MaxSeed = 1<<32 - 1
