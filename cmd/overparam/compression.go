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

const compressionSynopsis = `With -model gpfq (the default), quantizes weights to the alphabet {kδ : |k| ≤ 2^(b−1)} of b bits (b = 1 is
ternary) with GPFQ, the greedy path-following quantizer (Lybrand & Saab 2021;
Zhang, Zhou & Saab 2023), and by rounding each weight (MSQ). First, on one
neuron with N₀ Gaussian inputs and m Gaussian data points, it prints the
relative error ‖Xw − Xq‖²/‖Xw‖² against N₀ (means ± standard errors over
random neurons) with its log-log slope: about −1 for GPFQ, 0 for rounding.
Then it trains an MLP pixels²–width–10 on MNIST digits for each hidden width,
quantizes it layer by layer with both methods, and prints the test accuracy of
the float, GPFQ and rounded networks. With -model sparse, trains a sparse MLP
at a fixed density with SET (random regrowth), RigL (gradient regrowth) and
DST-EE (gradient plus an exploration bonus, one run per c = 10^logc), and
prints test accuracy and coverage (the fraction of weights ever active)
against step (Huang et al. 2023). Flags start from the default preset, or
from -preset, one of the page's presets by id (e.g. -preset
compression-ternary); later flags override it.`

var compressionPresetFlag = presetFlag[compression.Compression]{
	presets:  compression.Presets(),
	defaults: compression.DefaultForQuery,
	// -model sparse without -preset starts from the sparse defaults.
	unset: func(s compression.Compression) compression.Compression { return compression.DefaultFor(s.Model) },
}

func init() {
	registerCLI("compression", runCompression, specRunFrom(compression.DefaultForQuery, func(s compression.Compression) (any, error) {
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
	res, err := runJobs[*compression.Result]("compression", spec, fs, progress)
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
	workersFlag(fs)
	return preset, asJSON, quiet
}

// printCompression writes a human-readable summary: the law's errors by N₀
// and bit-width, then the networks' accuracies by width.
func printCompression(w io.Writer, r *compression.Result) {
	s := r.Spec
	if s.Model == "sparse" {
		printSparse(w, r)
		return
	}
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

// printSparse writes the sparse runs: accuracy and coverage at each
// recorded step per method, then the final values.
func printSparse(w io.Writer, r *compression.Result) {
	s := r.Spec
	fmt.Fprintf(w, "sparse MLP %d–%d–10 at density %g on %d digits, %d SGD steps, masks updated every %d steps until step %d:\n",
		s.Pixels*s.Pixels, s.Hidden, s.Density, s.Samples, s.Steps, s.Every, int(0.75*float64(s.Steps)))
	fmt.Fprintln(w, "  method            step   test accuracy   coverage")
	for _, run := range r.Sparse {
		name := run.Method
		if name == "DST-EE" {
			name = fmt.Sprintf("DST-EE c=%g", run.C)
		}
		for i, step := range run.Step {
			fmt.Fprintf(w, "  %-16s %5d   %12.1f%%   %7.2f%%\n", name, step, 100*run.Accuracy[i], 100*run.Coverage[i])
		}
	}
	fmt.Fprintln(w, "\nfinal:")
	for _, run := range r.Sparse {
		n := len(run.Step) - 1
		fmt.Fprintf(w, "  %-6s c=%-8g accuracy %5.1f%%  coverage %6.2f%%  (%d updates moved %d weights; active per layer %v)\n",
			run.Method, run.C, 100*run.Accuracy[n], 100*run.Coverage[n], run.Updates, run.Moved, run.Active)
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
