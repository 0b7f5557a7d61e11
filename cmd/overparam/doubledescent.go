package main

import (
	"flag"
	"fmt"
	"io"
	"unicode/utf8"

	doubledescentrun "github.com/overparam/overparam/compute/experiment/doubledescent/run"

	"github.com/overparam/overparam/compute/experiment/doubledescent"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

const doubleDescentSynopsis = `Sweeps a model over its size, repeating each size over seeds, and prints the
test error's mean, median and quartiles with the theory that predicts it:
  linear    min-norm and ridge least squares vs p/n (Hastie et al. 2019)
  features  random ReLU features vs N/n (Mei & Montanari 2019)
  mlp       a one-hidden-layer ReLU network vs width, with label noise
            (Nakkiran et al. 2020; Gu et al. 2023)
  lstd      LSTD with random features vs N/m (Brellmann et al. 2024)
Flags start from the preset of -model (or of -preset, one of the page's
presets by id, e.g. -preset dd-lstd-ridge); later flags override it.`

func init() {
	registerCLI("doubledescent", runDoubleDescent, specRunFrom(doubledescent.DefaultForQuery, func(s doubledescent.Spec) (any, error) {
		return doubledescentrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
	}))
}

func runDoubleDescent(args []string, stdout, stderr io.Writer) int {
	spec, err := doubleDescentBase(args)
	if err != nil {
		fmt.Fprintf(stderr, "overparam doubledescent: %v\n", err)
		return 2
	}
	fs := newFlagSet("doubledescent", doubleDescentSynopsis, stderr)
	_, asJSON, quiet := doubleDescentFlags(fs, &spec)
	if status := parseFlags(fs, args, doubleDescentSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam doubledescent: %v\n", err)
		return 2
	}

	progress, done := progressPrinter(stderr, *quiet)
	res, err := runJobs[*doubledescent.Result]("doubledescent", spec, fs, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam doubledescent: %v\n", err)
		return 1
	}
	return output("doubledescent", res, *asJSON, stdout, stderr, printDoubleDescent)
}

// doubleDescentFlags registers the command's flags: one per spec key, bound
// to spec, and -preset, -json and -quiet.
func doubleDescentFlags(fs *flag.FlagSet, spec *doubledescent.Spec) (preset *string, asJSON, quiet *bool) {
	bindSpec(fs, spec)
	preset = doubleDescentPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	workersFlag(fs)
	return preset, asJSON, quiet
}

// doubleDescentBase returns the spec the flags start from: the preset named
// by -preset, else the preset of -model, else the default.
func doubleDescentBase(args []string) (doubledescent.Spec, error) {
	return doubleDescentPresetFlag.base(args, func(fs *flag.FlagSet, s *doubledescent.Spec) *string {
		preset, _, _ := doubleDescentFlags(fs, s)
		return preset
	})
}

// printDoubleDescent writes a result as a table: one row per size with the
// main curve's statistics and theory, then each other curve's mean.
func printDoubleDescent(w io.Writer, r *doubledescent.Result) {
	s := r.Spec
	fmt.Fprintf(w, "double descent: model %s, n = %d, %d repeats per size, seed %d\n", s.Model, s.N, s.Repeats, s.Seed)
	if r.Visited > 0 {
		fmt.Fprintf(w, "the trajectory visits m = %d of %d states\n", r.Visited, s.States)
	}
	fmt.Fprintf(w, "%s against %s; theory: %s\n\n", r.YLabel, r.XLabel, theoryNote(s.Model))
	fmt.Fprintf(w, "%7s %9s %11s %11s %11s %11s %11s %11s", "size", r.XLabel, "mean", "median", "q1", "q3", "theory", "asymptotic")
	for _, c := range r.Curves {
		fmt.Fprintf(w, "  %*s", curveWidth(c.Name), c.Name)
	}
	fmt.Fprintln(w)
	for i, p := range r.Points {
		fmt.Fprintf(w, "%7d %9.4g %11.5g %11.5g %11.5g %11.5g %11s %11s", p.Size, p.X, p.Mean, p.Median, p.Q1, p.Q3, optional(p.Theory), optional(p.Asymptotic))
		for _, c := range r.Curves {
			q := c.Points[i]
			text := fmt.Sprintf("%.5g", q.Mean)
			if q.Asymptotic != nil {
				text += " (" + optional(q.Asymptotic) + ")"
			}
			fmt.Fprintf(w, "  %*s", curveWidth(c.Name), text)
		}
		fmt.Fprintln(w)
	}
	if r.Threshold != nil {
		fmt.Fprintf(w, "\ninterpolation threshold at %s = %.4g\n", r.XLabel, *r.Threshold)
	} else {
		fmt.Fprintln(w, "\nno width reaches 100% training accuracy")
	}
	if pk := r.Peak; pk != nil {
		fmt.Fprintf(w, "peak at %s = %.4g: median %.5g, %.3g× the lowest before it and %.3g× the lowest after it\n", r.XLabel, pk.X, pk.Median, pk.Median/pk.Before, pk.Median/pk.After)
	} else {
		fmt.Fprintf(w, "no peak: no median is %g× both the lowest before it and the lowest after it\n", doubledescent.PeakFactor)
	}
}

// curveWidth is the width of a curve's column: its name or a value with its
// theory in parentheses, whichever is wider; the padding of %*s counts
// bytes, so a name's multi-byte runes (λ) widen it.
func curveWidth(name string) int {
	return max(len(name), 21) + len(name) - utf8.RuneCountInString(name)
}

func theoryNote(model string) string {
	switch model {
	case "linear":
		return "exact finite-n mean (Belkin, Hsu & Xu 2020) and n → ∞ limit (Hastie et al. 2019); curves show their mean (asymptotic)"
	case "features":
		return "Mei & Montanari's ridgeless limit"
	}
	return "none; curves show their mean"
}

func optional(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.5g", *v)
}
