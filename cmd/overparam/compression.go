package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
	compressionrun "github.com/overparam/overparam/compute/experiment/compression/run"
	"github.com/overparam/overparam/web"
)

const compressionSynopsis = `Quantizes weights to the alphabet {kδ : |k| ≤ 2^(b−1)} of b bits (b = 1 is
ternary) with GPFQ, the greedy path-following quantizer (Lybrand & Saab 2021;
Zhang, Zhou & Saab 2023), and by rounding each weight (MSQ). First, on one
neuron with N₀ Gaussian inputs and m Gaussian data points, it prints the
relative error ‖Xw − Xq‖²/‖Xw‖² against N₀ (means ± standard errors over
random neurons) with its log-log slope: about −1 for GPFQ, 0 for rounding.
Then it trains an MLP pixels²–width–10 on MNIST digits for each hidden width,
quantizes it layer by layer with both methods, and prints the test accuracy of
the float, GPFQ and rounded networks. Flags start from the default preset, or
from -preset, one of the page's presets by id (e.g. -preset
compression-ternary); later flags override it.`

var compressionPresetFlag = presetFlag[compression.Compression]{
	presets:  compression.Presets(),
	defaults: func(string) compression.Compression { return compression.DefaultCompression() },
}

func init() {
	registerCLI("compression", runCompression, specRun(compression.DefaultCompression, func(s compression.Compression) (any, error) {
		return compressionrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
	}))
}

func runCompression(args []string, stdout, stderr io.Writer) int {
	spec, err := compressionPresetFlag.base(args, func(fs *flag.FlagSet, s *compression.Compression) *string {
		preset, _, _ := compressionFlags(fs, s)
		return preset
	})
	if err != nil {
		fmt.Fprintf(stderr, "overparam compression: %v\n", err)
		return 2
	}
	fs := newFlagSet("compression", compressionSynopsis, stderr)
	_, asJSON, quiet := compressionFlags(fs, &spec)
	if status := parseFlags(fs, args, compressionSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam compression: %v\n", err)
		return 2
	}
	progress, done := progressPrinter(stderr, *quiet)
	res, err := compressionrun.Run(spec, experiment.Assets{Digits: web.DigitsGz}, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam compression: %v\n", err)
		return 1
	}
	return output("compression", res, *asJSON, stdout, stderr, printCompression)
}

// compressionFlags registers the command's flags: one per spec key, bound
// to spec, and -preset, -json and -quiet.
func compressionFlags(fs *flag.FlagSet, spec *compression.Compression) (preset *string, asJSON, quiet *bool) {
	bindSpec(fs, spec)
	preset = compressionPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	return preset, asJSON, quiet
}

// printCompression writes a human-readable summary: the law's errors by N₀
// and bit-width, then the networks' accuracies by width.
func printCompression(w io.Writer, r *compression.Result) {
	s := r.Spec
	fmt.Fprintf(w, "one neuron, Gaussian data (m = %d, %d neurons per N₀), alphabet radius C = %g:\n", s.M, s.Trials, s.Scale)
	fmt.Fprintln(w, "  bits       N₀   GPFQ relative error     rounding relative error")
	for _, c := range r.Law {
		for i, n := range c.N0 {
			fmt.Fprintf(w, "  %4d  %7d   %-22s  %s\n", c.Bits, n, pm(c.GPFQ[i], c.GPFQSE[i]), pm(c.MSQ[i], c.MSQSE[i]))
		}
		fmt.Fprintf(w, "  %4d  log-log slope: GPFQ %.3f, rounding %.3f\n", c.Bits, c.GPFQSlope, c.MSQSlope)
	}
	fmt.Fprintf(w, "\nMLPs %d–width–10 on %d digits, test accuracy on %d (mean over %d network(s) per width):\n", s.Pixels*s.Pixels, s.Samples, s.Test, s.Seeds)
	fmt.Fprintln(w, "  width   float    bits   GPFQ     rounding   layer errors GPFQ / rounding")
	for _, ws := range r.Widths {
		for k, q := range ws.Quant {
			head := fmt.Sprintf("  %5d   %5.1f%%", ws.Width, 100*ws.Float)
			if k > 0 {
				head = fmt.Sprintf("  %5s   %6s", "", "")
			}
			fmt.Fprintf(w, "%s   %4d   %5.1f%%   %5.1f%%     %s / %s\n", head, q.Bits, 100*q.GPFQ, 100*q.MSQ, floats(q.GPFQLayers), floats(q.MSQLayers))
		}
	}
}

func pm(x, se float64) string { return fmt.Sprintf("%.4g ± %.2g", x, se) }

func floats(xs []float64) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ","
		}
		out += fmt.Sprintf("%.3g", x)
	}
	return out
}
