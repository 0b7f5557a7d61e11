package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	pathsrun "github.com/overparam/overparam/compute/experiment/paths/run"

	"github.com/overparam/overparam/compute/experiment/paths"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

const pathsSynopsis = `Trains two solutions of an MLP — small- vs large-batch SGD from one
initialisation (Sagun et al. 2017), or two seeds — and prints the losses along
the linear path θ(α) = (1−α)θ_A + αθ_B for α in [−0.5, 1.5], with the top
Hessian eigenvalue at a few α. Then, for each width N, trains pairs of
two-layer mean-field networks f(x) = (1/N) Σ aᵢ relu(wᵢᵀx) on teacher–student
data and prints the loss change when only M of N neurons are kept, and the
barriers of the linear path and of the five-segment piecewise-linear path
through the half-dropout networks (Shevchenko & Mondelli 2020), as medians
[quartiles] over the repeats. Flags start from the default preset, or from
-preset, one of the page's presets by id (e.g. -preset paths-seeds); later
flags override it.`

func init() {
	registerCLI("paths", runPaths, specRun(paths.Default, func(s paths.Spec) (any, error) {
		return pathsrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
	}))
}

func runPaths(args []string, stdout, stderr io.Writer) int {
	spec, err := pathsPresetFlag.base(args, func(fs *flag.FlagSet, s *paths.Spec) *string {
		preset, _, _ := pathsFlags(fs, s)
		return preset
	})
	if err != nil {
		fmt.Fprintf(stderr, "overparam paths: %v\n", err)
		return 2
	}
	fs := newFlagSet("paths", pathsSynopsis, stderr)
	_, asJSON, quiet := pathsFlags(fs, &spec)
	if status := parseFlags(fs, args, pathsSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam paths: %v\n", err)
		return 2
	}

	progress, done := progressPrinter(stderr, *quiet)
	res, err := runJobs[*paths.Result]("paths", spec, fs, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam paths: %v\n", err)
		return 1
	}
	return output("paths", res, *asJSON, stdout, stderr, printPaths)
}

// pathsFlags registers the command's flags: one per spec key, bound to
// spec, and -preset, -json and -quiet.
func pathsFlags(fs *flag.FlagSet, spec *paths.Spec) (preset *string, asJSON, quiet *bool) {
	bindSpec(fs, spec)
	preset = pathsPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	workersFlag(fs)
	return preset, asJSON, quiet
}

// printPaths writes a human-readable summary of a result: the pair's path,
// the drawn width's mean-field paths, the barriers by width and the dropout
// curves.
func printPaths(w io.Writer, r *paths.Result) {
	s := r.Spec
	pair := r.Paths[0]
	arch := s.PairArch()
	fmt.Fprintf(w, "%s: %s on %s, barrier %.4g on [0, 1]\n", pair.Name, arch, s.Data, pair.Barrier)
	sharp := map[float64]float64{}
	for _, p := range pair.Sharpness {
		sharp[p.Alpha] = p.Top
	}
	fmt.Fprintln(w, "      α   train loss    test loss   train acc   test acc   top Hessian eigenvalue")
	for i, a := range pair.Alpha {
		_, isSharp := sharp[a]
		if !isSharp && !onStep(a, 0.1) {
			continue
		}
		row := fmt.Sprintf("  %5.2f   %-11.5g   %-11.5g", a, pair.TrainLoss[i], pair.TestLoss[i])
		if pair.TrainAcc != nil {
			row += fmt.Sprintf("  %-10.4g  %-9.4g", pair.TrainAcc[i], pair.TestAcc[i])
		} else {
			row += fmt.Sprintf("  %-10s  %-9s", "–", "–")
		}
		if isSharp {
			row += fmt.Sprintf("  %.6g", sharp[a])
		}
		fmt.Fprintln(w, strings.TrimRight(row, " "))
	}
	fmt.Fprintf(w, "\nmean-field networks f(x) = (1/N) Σ aᵢ relu(wᵢᵀx), teacher of %d ReLUs in d = %d, %d training samples\n", s.Teacher, s.MFDim, s.MFSamples)
	lin, pw := r.Paths[1], r.Paths[2]
	fmt.Fprintf(w, "paths at N = %d (seeds %d and %d): linear barrier %.4g, piecewise barrier %.4g (segments at α = %s)\n",
		s.Width, s.Seed, s.Seed+1, lin.Barrier, pw.Barrier, joinFloats(pw.Segments))
	vertices := []string{"θ, seed %d", "first half of θ kept, a doubled", "w of the second half → θ′'s", "second half of θ′ kept", "w of the first half → θ′'s", "θ′, seed %d"}
	fmt.Fprintln(w, "      α   linear train loss   piecewise train loss   piecewise vertex")
	for i, a := range lin.Alpha {
		if k := slices.Index(pw.Segments, a); k >= 0 {
			label := vertices[k]
			if strings.Contains(label, "%d") {
				label = fmt.Sprintf(label, s.Seed+uint64(k/5))
			}
			fmt.Fprintf(w, "  %5.2f   %-17.5g   %-20.5g   %s\n", a, lin.TrainLoss[i], pw.TrainLoss[i], label)
		}
	}
	fmt.Fprintf(w, "\nby width, median [Q1, Q3] over %d repeats:\n", s.Seeds)
	fmt.Fprintln(w, "      N   linear barrier               piecewise barrier            half-dropout ΔL")
	for _, ws := range r.Widths {
		fmt.Fprintf(w, "  %5d   %-27s  %-27s  %s\n", ws.Width, spread(ws.LinearBarrier, ws.LinearQ1, ws.LinearQ3),
			spread(ws.DropoutBarrier, ws.DropoutQ1, ws.DropoutQ3), spread(ws.DropoutDelta, ws.DeltaQ1, ws.DeltaQ3))
	}
	var ms []int
	for _, d := range r.Dropout {
		ms = append(ms, d.M...)
	}
	slices.Sort(ms)
	ms = slices.Compact(ms)
	fmt.Fprintf(w, "\ntraining-loss change ΔL(M) with M of N neurons kept (median over repeats):\n      N")
	for _, m := range ms {
		fmt.Fprintf(w, "  %9s", fmt.Sprintf("M=%d", m))
	}
	fmt.Fprintln(w)
	for _, d := range r.Dropout {
		row := fmt.Sprintf("  %5d", d.Width)
		for _, m := range ms {
			if j := slices.Index(d.M, m); j >= 0 {
				row += fmt.Sprintf("  %9.4g", d.Delta[j])
			} else {
				row += fmt.Sprintf("  %9s", "")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(row, " "))
	}
}

// onStep reports whether a is a multiple of step, up to rounding.
func onStep(a, step float64) bool {
	q := a / step
	return math.Abs(q-math.Round(q)) < 1e-9
}

func spread(median, q1, q3 float64) string {
	return fmt.Sprintf("%.4g [%.4g, %.4g]", median, q1, q3)
}

func joinFloats(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf("%g", x)
	}
	return strings.Join(parts, ", ")
}
