package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sharpness"
	sharpnessrun "github.com/overparam/overparam/compute/experiment/sharpness/run"
)

const sharpnessSynopsis = `Trains an MLP on two spirals with full-batch gradient descent (or heavy-ball
or Nesterov momentum, SAM, SAF or MESA) at each step size η = 2/e for e in
-edges, and tracks the top Hessian eigenvalues of the training loss with
warm-started Lanczos every -every steps (and at every one of the last -zoom
steps). Prints, for each η, the optimizer's stability edge (2/η for gradient
descent), the first step t* at which λ_max reached it, the plateau statistics
of λ_max/edge over the second half after t*, the Lanczos products per step,
and a thinned table of loss and eigenvalues; then the slope of log λ_end
against log η, the catapult toy f = vᵀu/√m at several η·λ₀, and for a ReLU
network the rescaling θ → (αW₁, αb₁, W₂/α, …) that keeps the function and
changes λ_max (Cohen et al. 2021; Foret et al. 2021; Du et al. 2022;
Lewkowycz et al. 2020; Dinh et al. 2017). Flags start from the default
preset, or from -preset, one of the page's presets by id (e.g. -preset
sharpness-sam); later flags override it.`

var sharpnessPresetFlag = presetFlag[sharpness.Spec]{
	presets:  sharpness.Presets(),
	defaults: func(string) sharpness.Spec { return sharpness.Default() },
}

func init() {
	registerCLI("sharpness", runSharpness, specRun(sharpness.Default, func(s sharpness.Spec) (any, error) {
		return sharpnessrun.Run(s, experiment.Assets{}, nil)
	}))
}

func runSharpness(args []string, stdout, stderr io.Writer) int {
	spec, err := sharpnessPresetFlag.base(args, func(fs *flag.FlagSet, s *sharpness.Spec) *string {
		preset, _, _ := sharpnessFlags(fs, s)
		return preset
	})
	if err != nil {
		fmt.Fprintf(stderr, "overparam sharpness: %v\n", err)
		return 2
	}
	fs := newFlagSet("sharpness", sharpnessSynopsis, stderr)
	_, asJSON, quiet := sharpnessFlags(fs, &spec)
	if status := parseFlags(fs, args, sharpnessSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam sharpness: %v\n", err)
		return 2
	}
	progress, done := progressPrinter(stderr, *quiet)
	res, err := runJobs[*sharpness.Result]("sharpness", spec, fs, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam sharpness: %v\n", err)
		return 1
	}
	return output("sharpness", res, *asJSON, stdout, stderr, printSharpness)
}

// sharpnessFlags registers the command's flags: one per spec key, bound to
// spec, and -preset, -json and -quiet.
func sharpnessFlags(fs *flag.FlagSet, spec *sharpness.Spec) (preset *string, asJSON, quiet *bool) {
	bindSpec(fs, spec)
	preset = sharpnessPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	workersFlag(fs)
	return preset, asJSON, quiet
}

// printSharpness writes a readable summary of a result.
func printSharpness(w io.Writer, r *sharpness.Result) {
	s := r.Spec
	a := s.Arch()
	fmt.Fprintf(w, "%s (%d parameters) on %d spiral points, optimizer %s, %d steps; λ = top eigenvalues of the training loss's Hessian\n",
		a, r.Params, s.Samples, s.Optimizer, s.Steps)
	for _, p := range r.Points {
		fmt.Fprintf(w, "\nη = %.4g: edge %.4g (2/η = %.4g)", p.LR, p.Edge, 2/p.LR)
		if p.Diverged != "" {
			fmt.Fprintf(w, "; %s\n", p.Diverged)
			continue
		}
		if p.TStar < 0 {
			fmt.Fprintf(w, "; λ_max never reached the edge (λ_end = %.4g = %.3g × edge); loss rose on %.1f%% of steps\n", p.LambdaEnd, p.LambdaEnd/p.Edge, 100*p.LossUpBefore)
		} else {
			fmt.Fprintf(w, "; t* = %d (η·t* = %.4g); λ_max/edge over the second half after t*: median %.4f, 5–95%% [%.4f, %.4f] (%d samples)\n",
				p.TStar, p.LR*float64(p.TStar), p.Plateau.Median, p.Plateau.P5, p.Plateau.P95, p.Plateau.Samples)
			fmt.Fprintf(w, "  loss rose on %.1f%% of steps before t* and %.1f%% after\n", 100*p.LossUpBefore, 100*p.LossUpAfter)
		}
		fmt.Fprintf(w, "  Lanczos: %.2f Hessian-vector products per tracked step (%d in all)\n", p.MeanProducts, p.Products)
		fmt.Fprintln(w, "    step        loss   eigenvalues (largest first)")
		every := max(1, len(p.Eigs)/12)
		loss := map[int]float64{}
		for i, t := range p.Steps {
			loss[t] = p.Loss[i]
		}
		for i, e := range p.Eigs {
			if i%every != 0 && i != len(p.Eigs)-1 {
				continue
			}
			vals := make([]string, len(e.Values))
			for j, v := range e.Values {
				vals[j] = fmt.Sprintf("%.5g", v)
			}
			l := "–"
			if v, ok := loss[e.Step]; ok {
				l = fmt.Sprintf("%.4g", v)
			}
			fmt.Fprintf(w, "  %6d  %10s   %s\n", e.Step, l, strings.Join(vals, ", "))
		}
		if p.Rescale != nil {
			fmt.Fprintln(w, "  rescaling (Dinh et al.): α   λ_max   loss   largest output change")
			for i, al := range p.Rescale.Alpha {
				fmt.Fprintf(w, "    %6g  %10.5g  %.6g  %g\n", al, p.Rescale.Top[i], p.Rescale.Loss[i], p.Rescale.MaxChange[i])
			}
		}
	}
	if f := r.Flow; f != nil {
		fmt.Fprintf(w, "\ngradient-flow reference: gradient descent at η = %.4g for %d steps (η·t = %.4g), λ₁ = %.5g at the end\n",
			f.LR, f.Steps[len(f.Steps)-1], f.LR*float64(f.Steps[len(f.Steps)-1]), f.LambdaEnd)
		fmt.Fprintln(w, "     η·t   λ₁ along the flow")
		every := max(1, len(f.Eigs)/12)
		for i, e := range f.Eigs {
			if i%every == 0 || i == len(f.Eigs)-1 {
				fmt.Fprintf(w, "  %6.4g   %.5g\n", f.LR*float64(e.Step), e.Values[0])
			}
		}
	}
	if len(r.Points) > 1 {
		fmt.Fprintf(w, "\nslope of log λ_end against log η: %.4f (−1 when λ_end ∝ 1/η)\n", r.Slope)
	}
	fmt.Fprintf(w, "\ncatapult toy f = vᵀu/√m, m = %d:\n  η·λ₀   peak L/L₀ (step)   final η·λ   outcome\n", sharpness.CatapultWidth)
	for _, c := range r.Catapult {
		final := "–"
		if c.Outcome != "diverges" {
			final = fmt.Sprintf("%.4g", c.EtaLambda[len(c.EtaLambda)-1])
		}
		fmt.Fprintf(w, "  %5.2f   %9.3g (%d)   %9s   %s\n", c.EtaLambda0, c.PeakRatio, c.PeakStep, final, c.Outcome)
	}
}
