package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/kernels"
	kernelsrun "github.com/overparam/overparam/compute/experiment/kernels/run"
)

const kernelsSynopsis = `With -model robustness (the default), interpolates pure-noise labels of
Gaussian inputs with random-features regression (p = k parameters) and with
the NTK of a two-layer network (p = dk), for each activation and width, and
prints the sensitivity S = √d‖∇_z f(z)‖ at random test points, mean ± standard
error, beside the universal bound √(Nd/p) (Bombari, Kiyani & Mondelli 2023):
the NTK with an even activation follows the bound, random features stay near
√N. With -model qnn, trains a statevector quantum neural network (angle
encoding, layers of RY and RZ rotations and a CNOT chain, output ⟨γZ₀⟩) by
gradient descent with adjoint gradients, and prints its residual and tangent
kernel (You et al. 2023): γ = 1 converges sublinearly, γ > 1 linearly. Flags
start from the default preset, or from -preset, one of the page's presets by
id (e.g. -preset kernels-qnn); later flags override it.`

var kernelsPresetFlag = presetFlag[kernels.Spec]{
	presets:  kernels.Presets(),
	defaults: func(string) kernels.Spec { return kernels.Default() },
}

func init() {
	registerCLI("kernels", runKernels, specRun(kernels.Default, func(s kernels.Spec) (any, error) {
		return kernelsrun.Run(s, experiment.Assets{}, nil)
	}))
}

func runKernels(args []string, stdout, stderr io.Writer) int {
	spec, err := kernelsPresetFlag.base(args, func(fs *flag.FlagSet, s *kernels.Spec) *string {
		preset, _, _ := kernelsFlags(fs, s)
		return preset
	})
	if err != nil {
		fmt.Fprintf(stderr, "overparam kernels: %v\n", err)
		return 2
	}
	fs := newFlagSet("kernels", kernelsSynopsis, stderr)
	_, asJSON, quiet := kernelsFlags(fs, &spec)
	if status := parseFlags(fs, args, kernelsSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam kernels: %v\n", err)
		return 2
	}
	progress, done := progressPrinter(stderr, *quiet)
	res, err := runJobs[*kernels.Result]("kernels", spec, fs, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam kernels: %v\n", err)
		return 1
	}
	return output("kernels", res, *asJSON, stdout, stderr, printKernels)
}

// kernelsFlags registers the command's flags: one per spec key, bound to
// spec, and -preset, -json and -quiet.
func kernelsFlags(fs *flag.FlagSet, spec *kernels.Spec) (preset *string, asJSON, quiet *bool) {
	bindSpec(fs, spec)
	preset = kernelsPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	workersFlag(fs)
	return preset, asJSON, quiet
}

// printKernels writes a readable summary: each curve's sensitivities and fit
// (robustness), or each training run's residuals and kernel (qnn).
func printKernels(w io.Writer, r *kernels.Result) {
	s := r.Spec
	if s.Model == "qnn" {
		fmt.Fprintf(w, "quantum network: %d qubits, %d sample(s), %d steps of gradient descent at η/L = %g/L\n", s.Qubits, s.QSamples, s.Steps, s.LR)
		fmt.Fprintln(w, "     γ     L   params   ‖ŷ − y‖ at t = 10%, 30%, 100%        late slope   R² (2nd half)   K/(γ²−ŷ²) first → last")
		for _, run := range r.Runs {
			at := func(frac float64) float64 {
				target := int(frac * float64(s.Steps))
				for i, t := range run.Steps {
					if t >= target {
						return run.Residual[i]
					}
				}
				return run.Final
			}
			fmt.Fprintf(w, "  %4g  %4d   %6d   %-10.3g %-10.3g %-10.3g   %10.3f   %13.5f   %.3g → %.3g\n",
				run.Gamma, run.Depth, run.Params, at(0.1), at(0.3), run.Final, run.Slope, run.R2, run.KStart, run.KEnd)
		}
		return
	}
	fmt.Fprintf(w, "noise interpolators: d = %d, N = %d, Nd = %g, √N = %.3g; S = √d‖∇_z f(z)‖, mean ± SE over %d seeds × %d test points\n",
		s.Dim, s.Samples, r.ND, r.SqrtN, s.Seeds, s.Tests)
	for _, c := range r.Curves {
		fmt.Fprintf(w, "\n%s", c.Name)
		if c.Slope != nil {
			fmt.Fprintf(w, ": log-log slope %.3f over p in [Nd/10, Nd], S/√(Nd/p) %.3g there", *c.Slope, *c.Ratio)
		}
		if c.Plateau != nil {
			fmt.Fprintf(w, "; S(widest)/S(quarter width) %.3f", *c.Plateau)
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "       k         p   S               √(Nd/p)   S/√(Nd/p)   max |f(x_i) − y_i|")
		for _, p := range c.Points {
			fmt.Fprintf(w, "  %6d  %8d   %-14s  %-8.3g  %-10.3g  %.2g\n", p.Width, p.Params, fmt.Sprintf("%.4g ± %.2g", p.S, p.SE), p.Bound, p.S/p.Bound, p.MaxResidual)
		}
	}
}
