package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
	implicitbiasrun "github.com/overparam/overparam/compute/experiment/implicitbias/run"
)

const implicitBiasSynopsis = `Shows where gradient descent goes. -model attention trains one-layer
attention f(X) = vᵀXᵀsoftmax(XWz) by normalized gradient descent, on W and on
its factorization W = KQᵀ, on -seeds data sets, and prints the correlation of
W with the Frobenius-norm max-margin SVM of the tokens it selects, and of KQᵀ
with the nuclear-norm one (Tarzanagh, Li, Thrampoulidis & Oymak 2023,
Theorems 2 and 3), with the SVMs' ranks and optimality certificates.
-model ssm trains linear state-space models with -states N latent states
(A = aI fixed, b and c learned) on a teacher's outputs by gradient descent
and prints each N's half-time beside the closed form (Smékal et al. 2024):
the logistic for -init balanced, the exact 1-D reduction for -init random,
with the transfer-function (FFT) and Parseval checks. -model cogo trains
a two-layer network with quadratic activation on a + b mod -modulus by Adam
for each of -widths, and prints, per width and repeat, its loss and
accuracies and the algebraic structure of its weights in the Fourier basis
(Tian 2024, CoGO): nodes per frequency (the orders 4 and 6 of the paper's
constructions), r_kkk·2d (1 at zero loss), the potentials that must vanish
and the energy concentration. Flags
start from the default preset, or from -preset, one of the page's presets by
id (e.g. -preset ib-attention-one); later flags override it.`

var implicitBiasPresetFlag = presetFlag[implicitbias.Spec]{
	presets:  implicitbias.Presets(),
	defaults: func(string) implicitbias.Spec { return implicitbias.Default() },
}

func init() {
	registerCLI("implicitbias", runImplicitBias, specRun(implicitbias.Default, func(s implicitbias.Spec) (any, error) {
		return implicitbiasrun.Run(s, experiment.Assets{}, nil)
	}))
}

func runImplicitBias(args []string, stdout, stderr io.Writer) int {
	spec, err := implicitBiasPresetFlag.base(args, func(fs *flag.FlagSet, s *implicitbias.Spec) *string {
		preset, _, _ := implicitBiasFlags(fs, s)
		return preset
	})
	if err != nil {
		fmt.Fprintf(stderr, "overparam implicitbias: %v\n", err)
		return 2
	}
	fs := newFlagSet("implicitbias", implicitBiasSynopsis, stderr)
	_, asJSON, quiet := implicitBiasFlags(fs, &spec)
	if status := parseFlags(fs, args, implicitBiasSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam implicitbias: %v\n", err)
		return 2
	}
	progress, done := progressPrinter(stderr, *quiet)
	res, err := runJobs[*implicitbias.Result]("implicitbias", spec, fs, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam implicitbias: %v\n", err)
		return 1
	}
	return output("implicitbias", res, *asJSON, stdout, stderr, printImplicitBias)
}

// implicitBiasFlags registers the command's flags: one per spec key, bound
// to spec, and -preset, -json and -quiet.
func implicitBiasFlags(fs *flag.FlagSet, spec *implicitbias.Spec) (preset *string, asJSON, quiet *bool) {
	bindSpec(fs, spec)
	preset = implicitBiasPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object (every seed's series, SVM solutions and certificates)")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	workersFlag(fs)
	return preset, asJSON, quiet
}

// printImplicitBias writes a readable summary: the mean correlations at a
// few checkpoints, then each seed's final state and certificates.
func printImplicitBias(w io.Writer, r *implicitbias.Result) {
	if r.SSM != nil {
		printSSM(w, r)
		return
	}
	if r.Cogo != nil {
		printCogo(w, r)
		return
	}
	s, a := r.Spec, r.Attention
	fmt.Fprintf(w, "attention: n = %d sequences of T = %d tokens in d = %d, normalized GD η = %g for %d steps, %d seeds from %d\n\n",
		s.N, s.Tokens, s.Dim, s.LR, s.Iters, s.Seeds, s.Seed)
	fmt.Fprintf(w, "%7s %12s %12s %12s %12s %10s\n", "step", "W→W^mm_F", "KQᵀ→W^mm_*", "W vs W^mm_*", "KQᵀ vs W^mm_F", "top prob")
	for c, step := range a.Iters {
		if c%4 != 0 && c != len(a.Iters)-1 {
			continue
		}
		fmt.Fprintf(w, "%7d %12.4f %12.4f %12.4f %12.4f %10.4f\n", step, a.MeanCorrW[c], a.MeanCorrKQ[c], a.MeanCrossW[c], a.MeanCrossK[c], a.MeanProbW[c])
	}
	fmt.Fprintf(w, "(means over seeds)\n\n%6s %9s %9s %9s %9s %6s %6s %8s %10s %10s\n", "seed", "corr W", "corr KQᵀ", "cross W", "cross KQᵀ", "rank F", "rank *", "opt W/KQ", "KKT F", "gap *")
	for _, sd := range a.Seeds {
		l := len(sd.Iters) - 1
		fmt.Fprintf(w, "%6d %9.4f %9.4f %9.4f %9.4f %6d %6d %5d/%-2d %10.1e %10.1e\n", sd.Seed, sd.CorrW[l], sd.CorrKQ[l], sd.CrossW[l], sd.CrossKQ[l],
			sd.Fro.Rank, sd.Nuc.Rank, sd.OptW, sd.OptKQ, sd.Fro.Gap, sd.Nuc.Gap)
	}
	fmt.Fprintf(w, "\nmin corr(W, W^mm_F) = %.4f, min corr(KQᵀ, W^mm_*) = %.4f; matched beats crossed by %g on %d of %d seeds; rank(W^mm_*) < rank(W^mm_F) on %d of %d\n",
		a.MinCorrW, a.MinCorrKQ, implicitbias.SeparationMargin, a.Separated, len(a.Seeds), a.LowerRank, len(a.Seeds))
}

// printSSM writes an SSM run: the data's statistics and checks, then each
// state size's half-time beside the closed form.
func printSSM(w io.Writer, r *implicitbias.Result) {
	s, m := r.Spec, r.SSM
	fmt.Fprintf(w, "ssm: teacher pole a = %g, gain w* = %g; %d sequences of length %d; %s init u₀ = %g, lr = %g, %d steps\n",
		s.Pole, s.Gain, s.Sequences, s.Length, s.Init, s.Scale, s.SSMLR, s.Steps)
	fmt.Fprintf(w, "σ = %.6g, η = %.6g, σ/η = %.12g\n", m.Sigma, m.Eta, m.Sigma/m.Eta)
	fmt.Fprintf(w, "recurrence vs transfer function (FFT): max difference %.1e; σ, η time vs frequency domain: %.1e\n\n", m.ConvError, m.ParsevalError)
	fmt.Fprintf(w, "%6s %12s %14s %10s %12s %14s\n", "N", "t½ GD", "t½ closed form", "final w", "difference", "reduction err")
	for _, x := range m.Runs {
		fmt.Fprintf(w, "%6d %12g %14.1f %10.6f %12.2g %14.1e\n", x.N, x.HalfTime, x.HalfPredicted, x.W[len(x.W)-1], x.HalfTime-x.HalfPredicted, x.Conservation)
	}
	fmt.Fprintf(w, "\npredicted change of the balanced half-time per doubling of N: %.1f steps\n", m.Slope)
}

// printCogo writes a CoGO run: one line per width and repeat.
func printCogo(w io.Writer, r *implicitbias.Result) {
	s, c := r.Spec, r.Cogo
	fmt.Fprintf(w, "cogo: a + b mod %d, Adam lr %g, weight decay %g, %d epochs, widths %v × %d repeats\n\n", s.Modulus, s.AdamLR, s.Decay, s.Epochs, s.Widths, s.Repeats)
	fmt.Fprintf(w, "%5s %6s %10s %9s %8s %6s %-20s %-14s %12s %12s %8s\n", "h", "repeat", "loss", "train acc", "test acc", "active", "orders (k = 1, 2, …)", "r_kkk·2d", "max r_aac·2d", "max A²,B²·2d", "energy")
	for _, x := range c.Runs {
		lo, hi := 1e300, -1e300
		for _, v := range x.Rkkk {
			lo, hi = min(lo, v), max(hi, v)
		}
		fmt.Fprintf(w, "%5d %6d %10.3g %9.3f %8.3f %6d %-20s %-14s %12.3g %12.3g %8.4f\n", x.Width, x.Repeat+1, x.FinalLoss, x.TrainAcc, x.TestAcc, x.Active,
			fmt.Sprint(x.Orders), fmt.Sprintf("%.3f–%.3f", lo, hi), x.Raac, x.RaacAll, x.Energy)
	}
	fmt.Fprintf(w, "\nfrequencies with order 4 or 6 at h = %d (pooled over repeats): %.0f%%\n", s.Widths[len(s.Widths)-1], 100*c.OrderShare)
}
