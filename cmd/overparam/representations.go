package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
	representationsrun "github.com/overparam/overparam/compute/experiment/representations/run"
	"github.com/overparam/overparam/web"
)

const representationsSynopsis = `Looks inside networks as they train. With -model svcca (the default) it
trains a deep ReLU MLP with SGD for each of -seeds seeds, snapshots the hidden
layers' activations on a fixed probe set every -every steps, and prints each
layer's SVCCA similarity to its own final representation (Raghu et al. 2017):
the mean canonical correlation after truncating each representation to the
SVD directions that keep -variance of its variance. Lower layers converge
first. With -model mhe it trains a network with the minimum-hyperspherical-
energy penalty λ·E_s on its first layer's normalised units over a sweep of λ
(Liu et al. 2018) and prints the energy, the smallest angle between units
and the accuracy per λ. With -model forde it trains a deep ensemble and a
FoRDE ensemble (members repelling in input-gradient space, Trinh et al. 2024)
on blobs in the plane and prints their accuracy, the mean cosine of the
members' input gradients and the mutual information off the data. Each
model starts from its own defaults. Flags start from the default preset, or from -preset, one of the
page's presets by id; later flags override it.`

var repPresetFlag = presetFlag[representations.Spec]{
	presets:  representations.Presets(),
	defaults: representations.DefaultForQuery,
	unset:    func(s representations.Spec) representations.Spec { return representations.DefaultFor(s.Model) },
}

func init() {
	registerCLI(representations.Name, runRepresentations, specRunFrom(representations.DefaultForQuery, func(s representations.Spec) (any, error) {
		return representationsrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
	}))
}

func runRepresentations(args []string, stdout, stderr io.Writer) int {
	spec, err := repPresetFlag.base(args, func(fs *flag.FlagSet, s *representations.Spec) *string {
		preset, _, _ := repFlags(fs, s)
		return preset
	})
	if err != nil {
		fmt.Fprintf(stderr, "overparam representations: %v\n", err)
		return 2
	}
	fs := newFlagSet(representations.Name, representationsSynopsis, stderr)
	_, asJSON, quiet := repFlags(fs, &spec)
	if status := parseFlags(fs, args, representationsSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam representations: %v\n", err)
		return 2
	}
	progress, done := progressPrinter(stderr, *quiet)
	res, err := runJobs[*representations.Result](representations.Name, spec, fs, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam representations: %v\n", err)
		return 1
	}
	return output(representations.Name, res, *asJSON, stdout, stderr, printRepresentations)
}

// repFlags registers the command's flags: one per spec key, bound to spec,
// and -preset, -json and -quiet.
func repFlags(fs *flag.FlagSet, spec *representations.Spec) (preset *string, asJSON, quiet *bool) {
	bindSpec(fs, spec)
	preset = repPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	workersFlag(fs)
	return preset, asJSON, quiet
}

// printRepresentations writes a readable summary: the mean similarity of
// each layer to its final self at every snapshot, then each network's
// distances A_l and t90.
func printRepresentations(w io.Writer, r *representations.Result) {
	if r.MHE != nil {
		printMHE(w, r)
		return
	}
	if r.FoRDE != nil {
		printFoRDE(w, r)
		return
	}
	s, sv := r.Spec, r.SVCCA
	fmt.Fprintf(w, "SVCCA to the final representation: ReLU MLP %v on %s, SGD lr %g batch %d, %d probe points, %.3g of the variance kept, mean over %d networks\n",
		s.Sizes(), s.Data, s.LR, s.Batch, s.Probe, s.Variance, s.Seeds)
	fmt.Fprintf(w, "%8s", "step")
	for l := range sv.Mean {
		fmt.Fprintf(w, "  %8s", fmt.Sprintf("layer %d", l+1))
	}
	fmt.Fprintln(w)
	for t, step := range sv.Steps {
		fmt.Fprintf(w, "%8d", step)
		for _, y := range sv.Mean {
			fmt.Fprintf(w, "  %8.4f", y[t])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\ndistance A_l = mean over snapshots before the last of 1 − SVCCA, and t90 (first step from which SVCCA stays ≥ 0.9):")
	for k, d := range sv.Distance {
		a, t := make([]string, len(d)), make([]string, len(d))
		for l := range d {
			a[l], t[l] = fmt.Sprintf("%.3f", d[l]), fmt.Sprint(sv.T90[k][l])
		}
		fmt.Fprintf(w, "  seed %d: A = %s   t90 = %s\n", s.Seed+uint64(k), strings.Join(a, " "), strings.Join(t, " "))
	}
	fmt.Fprintf(w, "bottom up (A increasing with depth, top layer within %.3g): %d of %d networks; Spearman(depth, t90) = %.2f (mean)\n",
		representations.TopTie, sv.BottomUp, len(sv.Distance), sv.Spearman)
	dirs := make([]string, len(sv.First.Layers))
	for l, tr := range sv.First.Layers {
		dirs[l] = fmt.Sprintf("%d/%d", tr.Directions, tr.Neurons)
	}
	fmt.Fprintf(w, "SVD directions keeping %.3g of the final variance (first network), by layer: %s\n", s.Variance, strings.Join(dirs, " "))
}

// printMHE writes the λ sweep: per λ the mean energy, smallest angle,
// share of nearly (anti)parallel pairs and accuracy, then each seed's
// energy.
func printMHE(w io.Writer, r *representations.Result) {
	s, m := r.Spec, r.MHE
	variant := ""
	if s.HalfSpace {
		variant = ", half space (±ŵ)"
	}
	fmt.Fprintf(w, "minimum hyperspherical energy: ReLU MLP %v on %s, E_%d of the %d first-layer units on S^%d%s, SGD lr %g batch %d, %d steps, mean over %d networks\n",
		s.Sizes(), s.Data, s.Power, s.Width, m.Dim-1, variant, s.LR, s.Batch, s.Steps, s.Seeds)
	fmt.Fprintf(w, "energy at initialisation %.6g", m.Initial)
	if m.Minimum != 0 {
		fmt.Fprintf(w, "; least possible %.6g", m.Minimum)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "        λ      energy   smallest angle   |cos| > 0.9   accuracy")
	for k, l := range m.Lambdas {
		fmt.Fprintf(w, "  %7g  %10.5g  %13.2f°  %11.1f%%  %8.1f%%\n", l, m.Energy[k], m.MinAngle[k], 100*m.Duplicates[k], 100*m.Accuracy[k])
	}
	mono := "falls"
	if !m.Monotone {
		mono = "does not fall"
	}
	fmt.Fprintf(w, "the mean energy %s at every larger λ\n", mono)
}

// printFoRDE compares the deep ensemble with FoRDE: accuracies, the mean
// pairwise cosine of the members' input gradients and the mutual
// information on the OOD ring, means over seeds, then per seed.
func printFoRDE(w io.Writer, r *representations.Result) {
	s, f := r.Spec, r.FoRDE
	fmt.Fprintf(w, "FoRDE vs deep ensemble: %d tanh MLPs %v on %d blobs in the plane, SGD lr %g batch %d, %d steps, repulsion %g, mean over %d seeds\n",
		s.Members, s.Sizes(), s.Classes, s.LR, s.Batch, s.Steps, s.Repulsion, s.Seeds)
	fmt.Fprintln(w, "                 test accuracy   member accuracy   input-gradient cosine   OOD mutual information")
	for _, row := range []struct {
		name string
		st   representations.EnsembleStats
	}{{"deep ensemble", f.DE}, {"FoRDE", f.FoRDE}} {
		fmt.Fprintf(w, "  %-13s  %12.1f%%  %15.1f%%  %22.4f  %23.4f\n", row.name, 100*row.st.Accuracy, 100*row.st.MemberAccuracy, row.st.Cosine, row.st.OOD)
	}
	fmt.Fprintf(w, "the repulsion lowers the input-gradient cosine by %.0f%%\n", 100*f.Reduction)
	for k := range f.DE.Cosines {
		fmt.Fprintf(w, "  seed %d: cosine %.4f → %.4f, accuracy %.1f%% → %.1f%%\n", s.Seed+uint64(k), f.DE.Cosines[k], f.FoRDE.Cosines[k], 100*f.DE.Accuracies[k], 100*f.FoRDE.Accuracies[k])
	}
}
