package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sensing"
	sensingrun "github.com/overparam/overparam/compute/experiment/sensing/run"
)

const sensingSynopsis = `Recovers a rank-r PSD matrix M* ∈ ℝ^{n×n}, fully observed or through m
Gaussian measurements, by gradient descent on a factored model XXᵀ (or FGᵀ)
with X ∈ ℝ^{n×k} from a small random initialisation, and prints the error
‖XXᵀ − M*‖_F against iterations for each k and α: linear for k = r, about
√(k−r)/(2ηT) for k > r (Xiong, Ding & Du 2023), linear again for FGᵀ at a
rate set by the initial imbalance, or after one rebalancing step. With
-loss l1 it runs the sub-gradient method on the ℓ1 loss against ℓ2 gradient
descent, with rank over-estimated as -rankover, for each outlier fraction
(Ma & Fattahi 2022). Flags start from the default preset, or from -preset,
one of the page's presets by id (e.g. -preset sensing-l1); later flags
override it.`

var sensingPresetFlag = presetFlag[sensing.Spec]{
	presets:  sensing.Presets(),
	defaults: func(string) sensing.Spec { return sensing.Default() },
}

func init() {
	registerCLI("sensing", runSensing, specRun(sensing.Default, func(s sensing.Spec) (any, error) {
		return sensingrun.Run(s, experiment.Assets{}, nil)
	}))
}

func runSensing(args []string, stdout, stderr io.Writer) int {
	spec, err := sensingPresetFlag.base(args, func(fs *flag.FlagSet, s *sensing.Spec) *string {
		preset, _, _ := sensingFlags(fs, s)
		return preset
	})
	if err != nil {
		fmt.Fprintf(stderr, "overparam sensing: %v\n", err)
		return 2
	}
	fs := newFlagSet("sensing", sensingSynopsis, stderr)
	_, asJSON, quiet := sensingFlags(fs, &spec)
	if status := parseFlags(fs, args, sensingSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam sensing: %v\n", err)
		return 2
	}
	progress, done := progressPrinter(stderr, *quiet)
	res, err := runJobs[*sensing.Result]("sensing", spec, fs, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam sensing: %v\n", err)
		return 1
	}
	return output("sensing", res, *asJSON, stdout, stderr, printSensing)
}

// sensingFlags registers the command's flags: one per spec key, bound to
// spec, and -preset, -json and -quiet.
func sensingFlags(fs *flag.FlagSet, spec *sensing.Spec) (preset *string, asJSON, quiet *bool) {
	bindSpec(fs, spec)
	preset = sensingPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	workersFlag(fs)
	return preset, asJSON, quiet
}

// printSensing writes one line per curve (its error at a few iterations,
// its fitted slopes and the theory), then the final error against the
// outlier fraction for a robust run.
func printSensing(w io.Writer, r *sensing.Result) {
	s := r.Spec
	obs := "fully observed"
	if s.Measurements > 0 {
		obs = fmt.Sprintf("%d Gaussian measurements", s.Measurements)
	}
	fmt.Fprintf(w, "M*: n = %d, rank r = %d, σ from 1 to %g, ‖M*‖_F = %.4g, %s; %s, η = %g (decay %g per iteration), T = %d\n",
		s.N, s.R, s.SMin, r.Norm, obs, s.Param, s.LR, s.Decay, s.Steps)
	fmt.Fprintln(w, "  method        k        α  outliers   error at T/10  error at T   relative  log-log slope  late slope (per iteration)  theory")
	for _, c := range r.Curves {
		tenth := c.Error[0]
		for i, t := range c.Step {
			if t <= s.Steps/10 {
				tenth = c.Error[i]
			}
		}
		theory := "–"
		switch {
		case c.PredictedSlope != 0:
			theory = fmt.Sprintf("slope −ηλ_min(D₀) = %.4g, on the spurious directions %.4g", c.PredictedSlope, c.SpuriousSlope)
		case len(c.TheoryError) > 0:
			theory = fmt.Sprintf("√(k−r)/(2ηT) = %.4g", c.TheoryError[len(c.TheoryError)-1])
		}
		loglog := "–"
		if c.LogLogSlope != 0 {
			loglog = fmt.Sprintf("%.4f", c.LogLogSlope)
		}
		fmt.Fprintf(w, "  %-11s %3d  %7.3g  %8.3g   %-13.4g  %-10.4g  %-8.3g  %-13s  %-26.4g  %s\n",
			c.Method, c.K, c.Alpha, c.Outliers, tenth, c.Error[len(c.Error)-1], c.Final, loglog, c.LateSlope, theory)
		if c.Rebalanced > 0 {
			fmt.Fprintf(w, "      rebalanced before iteration %d (FGᵀ changed by %.3g)", c.Rebalanced, c.RebalanceChange)
			if c.PostSlope != 0 {
				fmt.Fprintf(w, "; slope after it %.4g per iteration", c.PostSlope)
			}
			fmt.Fprintln(w)
		}
	}
}
