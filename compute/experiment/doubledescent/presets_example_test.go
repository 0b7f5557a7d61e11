package doubledescent

import "fmt"

func ExamplePresets() {
	for _, p := range Presets() {
		fmt.Println(p.ID)
	}
	// Output:
	// dd-linear
	// dd-features
	// dd-mlp-noise
	// dd-mlp-clean
	// dd-mlp-digits
	// dd-lstd
	// dd-lstd-ridge
	// dd-lstd-coverage
}
