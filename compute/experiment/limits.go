package experiment

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/overparam/overparam/compute/data"
)

// checkDataSize checks, in the link's terms, the limits package data's
// generators enforce, so that a spec Validate accepts never fails while
// drawing its data: the digits asset holds data.MaxDigitsTrain training
// and data.MaxDigitsTest test images, and a generator holds at most
// data.MaxElements input values, (train + test)·dim. trainKey and testKey
// are the spec's keys for the two sample counts; dim is the input width.
func checkDataSize(kind, trainKey string, train int, testKey string, test, dim int) error {
	if kind == "digits" {
		if train > data.MaxDigitsTrain {
			return fmt.Errorf("%s = %d: the bundled digits hold %d training images; allowed with data = digits: [1, %d]", trainKey, train, data.MaxDigitsTrain, data.MaxDigitsTrain)
		}
		if test > data.MaxDigitsTest {
			return fmt.Errorf("%s = %d: the bundled digits hold %d test images; allowed with data = digits: [1, %d]", testKey, test, data.MaxDigitsTest, data.MaxDigitsTest)
		}
	}
	if n := int64(train+test) * int64(dim); n > data.MaxElements {
		most := data.MaxElements/dim - test
		hint := fmt.Sprintf("at most %s = %d with %s = %d", trainKey, max(most, 0), testKey, test)
		if most < 1 {
			hint = fmt.Sprintf("fewer %s or a smaller input dimension", testKey)
		}
		return fmt.Errorf("%s = %d and %s = %d at input dimension %d are %d input values; the limit is %d (%d MiB of data): use %s",
			trainKey, train, testKey, test, dim, n, data.MaxElements, data.MaxElements*8>>20, hint)
	}
	return nil
}

// intsText writes a list of whole numbers as a link does: "4,2048".
func intsText(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ",")
}
