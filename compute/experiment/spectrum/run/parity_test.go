package run

import (
	"os"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/internal/parity"
)

// Truth: the native run of the same spec. A shared link must give the same
// numbers in the browser (js/wasm) and the CLI, so the whole JSON result —
// training curve, eigenvalues, residuals, density — must match bit for bit.
func TestJSWasmRunsGiveTheNativeResult(t *testing.T) {
	digits, err := os.ReadFile("../../../../web/data/digits.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]spectrum.Spec{"mixture-tanh-ce": small()}
	s := small()
	s.Data, s.Pixels, s.Activation, s.Hidden, s.Batch, s.Momentum, s.Curvature = "digits", 14, "relu", []int{12, 6}, 32, 0.9, "ggn"
	cases["digits-relu-sgd-ggn"] = s
	s = small()
	s.Data, s.Loss, s.Activation, s.Decay = "teacher", "mse", "sigmoid", 1e-3
	cases["teacher-sigmoid-mse"] = s
	for name, spec := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := Run(spec, experiment.Assets{Digits: digits}, nil)
			parity.CheckResult(t, "experiment-spectrum-"+name, res, err)
		})
	}
}
