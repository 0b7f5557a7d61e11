package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

const spectrumSynopsis = `Trains an MLP and prints the spectrum of the Hessian (or Gauss-Newton matrix)
of its mean training loss, weight decay excluded: extreme eigenvalues by Lanczos
with full reorthogonalisation, with Ritz residuals; the outlier count; the
stochastic Lanczos quadrature density; the trace. Follows Sagun et al. 2016/2017.
Flags start from the default preset, or from -preset, one of the page's
presets by id (e.g. -preset classes3); later flags override it.`

func init() {
	registerCLI("spectrum", runSpectrum, specRun(spectrum.Default, func(s spectrum.Spec) (any, error) {
		return spectrumrun.Run(s, experiment.Assets{Digits: web.DigitsGz}, nil)
	}))
}

func runSpectrum(args []string, stdout, stderr io.Writer) int {
	spec, err := spectrumPresetFlag.base(args, func(fs *flag.FlagSet, s *spectrum.Spec) *string {
		preset, _, _, _ := spectrumFlags(fs, s)
		return preset
	})
	if err != nil {
		fmt.Fprintf(stderr, "overparam spectrum: %v\n", err)
		return 2
	}
	fs := newFlagSet("spectrum", spectrumSynopsis, stderr)
	_, asJSON, export, quiet := spectrumFlags(fs, &spec)
	if status := parseFlags(fs, args, spectrumSynopsis, stderr); status >= 0 {
		return status
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "overparam spectrum: %v\n", err)
		return 2
	}
	if *export != "" {
		if err := checkWritable(*export); err != nil {
			fmt.Fprintf(stderr, "overparam spectrum: -export %s: %v\n", *export, err)
			return 2
		}
	}

	progress, done := progressPrinter(stderr, *quiet)
	res, err := runJobs[*spectrum.Result]("spectrum", spec, fs, progress)
	done()
	if err != nil {
		fmt.Fprintf(stderr, "overparam spectrum: %v\n", err)
		return 1
	}
	if *export != "" {
		if err := writeJSON(*export, res.ExportModel()); err != nil {
			fmt.Fprintf(stderr, "overparam spectrum: %v\n", err)
			return 1
		}
	}
	return output("spectrum", res, *asJSON, stdout, stderr, printSpectrum)
}

// checkWritable reports, before a run, why a file could not be written at
// path: a directory there, or a folder that is missing or not writable. It
// leaves an existing file as it is (the run may still fail) and creates
// and removes a temporary file beside it to test the folder.
func checkWritable(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a directory; give a file name", path)
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("the folder %s does not exist", dir)
	case !st.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	}
	f, err := os.CreateTemp(dir, ".overparam-export-*")
	if err != nil {
		return fmt.Errorf("cannot write into the folder %s", dir)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// spectrumFlags registers the command's flags: one per spec key, bound to
// spec, and -preset, -json, -export and -quiet.
func spectrumFlags(fs *flag.FlagSet, spec *spectrum.Spec) (preset *string, asJSON *bool, export *string, quiet *bool) {
	bindSpec(fs, spec)
	preset = spectrumPresetFlag.register(fs)
	asJSON = fs.Bool("json", false, "print the result as one JSON object")
	export = fs.String("export", "", "write the trained model and its training data as JSON to this `file`")
	quiet = fs.Bool("quiet", false, "do not print progress to stderr")
	workersFlag(fs)
	return preset, asJSON, export, quiet
}

func writeJSON(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(f).Encode(v); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// printSpectrum writes a human-readable summary of a result.
func printSpectrum(w io.Writer, r *spectrum.Result) {
	s := r.Spec
	fmt.Fprintf(w, "network   %v, %d parameters\n", r.Spec.Arch(), r.Params)
	f := r.Final
	fmt.Fprintf(w, "training  %d steps (%s): train loss %.6g, accuracy %.4g; test loss %.6g, accuracy %.4g; ‖∇L‖ %.3g\n",
		r.Stats.TrainSteps, r.Stats.StopReason, f.TrainLoss, f.TrainAcc, f.TestLoss, f.TestAcc, f.GradNorm)
	fmt.Fprintf(w, "%s spectrum, %d Lanczos steps × %d probes (%d products)\n", s.Curvature, s.Steps, s.Probes, r.Stats.Products)
	fmt.Fprintf(w, "outliers  %d above the bulk edge %.6g (gap ratio %.3g%s)\n", r.Outliers, r.BulkEdge, r.GapRatio, weakMark(r.WeakGap))
	for _, line := range wrapWords(spectrum.OutlierRule, 70) {
		fmt.Fprintf(w, "          %s\n", line)
	}
	fmt.Fprintf(w, "trace     %.6g ± %.2g\n", r.Trace, r.TraceStdErr)
	fmt.Fprintln(w, "\n  #   top eigenvalue    residual     bottom eigenvalue  residual")
	for i := range r.Top {
		mark := " "
		if i < r.Outliers {
			mark = "*"
		}
		fmt.Fprintf(w, "%3d%s  %-16.8g  %-10.2g   %-16.8g   %.2g\n", i+1, mark, r.Top[i], r.Residuals[i], r.Bottom[i], r.BottomResiduals[i])
	}
	fmt.Fprintln(w, "  (* outlier)")
	if len(r.Seeds) > 0 {
		fmt.Fprintf(w, "\nover seeds: seed %d has %d outliers%s", s.Seed, r.Outliers, weakMark(r.WeakGap))
		for _, sr := range r.Seeds {
			fmt.Fprintf(w, "; seed %d has %d%s", sr.Spec.Seed, sr.Outliers, weakMark(sr.WeakGap))
		}
		fmt.Fprintln(w)
	}
	if r.Dense != nil {
		fmt.Fprintf(w, "\ndense: %d eigenvalues from %.8g to %.8g\n", len(r.Dense), r.Dense[0], r.Dense[len(r.Dense)-1])
	}
}

// weakMark is the note printed beside an outlier count whose gap is weak.
func weakMark(weak bool) string {
	if weak {
		return ", weak gap"
	}
	return ""
}
