package kernels

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
)

// Spec is the spec of the kernels experiment. Model chooses the part that
// runs; the other model's keys are kept (and checked) but unused. Default
// gives the defaults; tags give each field's key and range.
type Spec struct {
	Model string `json:"model" key:"model" enum:"robustness,qnn" help:"robustness: sensitivity of random-features and NTK interpolators against p; qnn: a quantum neural network trained by gradient descent"`

	Dim      int    `json:"dim" key:"dim" min:"2" max:"1000" help:"input dimension d of the Gaussian inputs x ~ N(0, I_d)"`
	Samples  int    `json:"samples" key:"samples" min:"2" max:"400" help:"training samples N, with pure-noise labels y ~ N(0, 1)"`
	NTK      string `json:"ntk" key:"ntk" help:"comma-separated activations of the NTK curves (square, cos, tanh, softplus), or none"`
	NTKWidth []int  `json:"ntkwidths" key:"ntkwidths" min:"1" max:"4000" maxlen:"12" help:"comma-separated hidden widths k of the NTK curves, increasing; p = dk parameters"`
	RF       string `json:"rf" key:"rf" help:"comma-separated activations of the random-features curves (square, cos, tanh, softplus), or none"`
	RFWidth  []int  `json:"rfwidths" key:"rfwidths" min:"2" max:"50000" maxlen:"12" help:"comma-separated numbers of random features k, increasing, each at least samples and below d²/2; p = k parameters"`
	Seeds    int    `json:"seeds" key:"seeds" min:"1" max:"8" help:"independent draws of data and weights per point; S is the mean over seeds and test points"`
	Tests    int    `json:"tests" key:"tests" min:"1" max:"32" help:"test points z ~ N(0, I_d) per seed at which the gradient is measured"`

	Qubits   int     `json:"qubits" key:"qubits" min:"2" max:"6" help:"qubits n of the circuit (a statevector of 2ⁿ amplitudes)"`
	Depths   []int   `json:"depths" key:"depths" min:"1" max:"64" maxlen:"8" help:"comma-separated depths L, increasing: layers of RY and RZ on every qubit then a CNOT chain; 2nL parameters"`
	Gammas   string  `json:"gammas" key:"gammas" help:"comma-separated measurement scales γ ≥ 1 of the output ⟨γZ₀⟩, increasing, e.g. 1,1.5"`
	QSamples int     `json:"qsamples" key:"qsamples" min:"1" max:"64" help:"training samples of the circuit: 1 (random angles), or up to 2ⁿ orthogonal computational-basis inputs"`
	Steps    int     `json:"steps" key:"steps" min:"10" max:"20000" help:"gradient-descent steps of the circuit"`
	LR       float64 `json:"lr" key:"lr" min:"1e-4" max:"1" help:"learning rate η; each step moves θ by −(η/L)∇loss, so the rate per layer stays fixed as L grows"`

	Seed uint64 `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of the data, weights and circuit; repeat r of a robustness point uses seed + r"`
}

// Default returns the spec the page opens with: the robustness law at
// d = 200, N = 50, the NTK with the square (even) and tanh activations and
// random tanh features, 2 seeds × 4 test points (the minimal experiment of
// Bombari et al. 2023, §5, scaled to a browser).
func Default() Spec {
	return Spec{
		Model: "robustness",
		Dim:   200, Samples: 50,
		NTK: "square,tanh", NTKWidth: []int{2, 5, 10, 25, 50, 100, 200, 400},
		RF: "tanh", RFWidth: []int{250, 500, 1000, 2000, 4000, 8000},
		Seeds: 2, Tests: 4,
		Qubits: 3, Depths: []int{4, 16}, Gammas: "1,1.5", QSamples: 1, Steps: 3000, LR: 0.02,
		Seed: 1,
	}
}

// DefaultQNN returns the spec of the qnn model's default preset: 3 qubits,
// depths 4 and 16, γ = 1 and 1.5, one sample, 3000 steps.
func DefaultQNN() Spec {
	s := Default()
	s.Model = "qnn"
	return s
}

// Activations are the activations φ of the robustness curves.
var Activations = []string{"square", "cos", "tanh", "softplus"}

// Even reports whether activation act is even, φ(−x) = φ(x): the case in
// which the NTK meets the universal bound (Bombari et al. 2023, Thm. 4.1).
func Even(act string) bool { return act == "square" || act == "cos" }

// Curve is one curve of the robustness chart: a model, "ntk" or "rf", with
// an activation and its widths.
type Curve struct {
	Model, Act string
	Widths     []int
}

// Name is the curve's legend text, e.g. "NTK, square".
func (c Curve) Name() string {
	if c.Model == "ntk" {
		return "NTK, " + c.Act
	}
	return "random features, " + c.Act
}

// Params is the number of parameters p of width k: dk for the NTK (the
// first layer's weights), k for random features.
func (c Curve) Params(d, k int) int {
	if c.Model == "ntk" {
		return d * k
	}
	return k
}

// Curves lists the robustness curves: the NTK's activations, then the
// random features'. It assumes valid activation lists.
func (s *Spec) Curves() []Curve {
	var cs []Curve
	for _, a := range splitList(s.NTK) {
		cs = append(cs, Curve{Model: "ntk", Act: a, Widths: s.NTKWidth})
	}
	for _, a := range splitList(s.RF) {
		cs = append(cs, Curve{Model: "rf", Act: a, Widths: s.RFWidth})
	}
	return cs
}

// GammaList returns the parsed measurement scales. It assumes a valid spec.
func (s *Spec) GammaList() []float64 {
	var gs []float64
	for _, t := range splitList(s.Gammas) {
		g, _ := strconv.ParseFloat(t, 64)
		gs = append(gs, g)
	}
	return gs
}

// Points returns the number of sweep points: one per curve and width
// (robustness) or per γ and depth (qnn).
func (s *Spec) Points() int {
	if s.Model == "qnn" {
		return len(splitList(s.Gammas)) * len(s.Depths)
	}
	n := 0
	for _, c := range s.Curves() {
		n += len(c.Widths)
	}
	return n
}

// CurveAt returns the curve and width of robustness point index: curves in
// order, widths within a curve.
func (s *Spec) CurveAt(index int) (Curve, int) {
	for _, c := range s.Curves() {
		if index < len(c.Widths) {
			return c, c.Widths[index]
		}
		index -= len(c.Widths)
	}
	panic("kernels: point index out of range")
}

// RunAt returns the γ and depth of qnn point index: γ in order, depths
// within a γ.
func (s *Spec) RunAt(index int) (gamma float64, depth int) {
	return s.GammaList()[index/len(s.Depths)], s.Depths[index%len(s.Depths)]
}

// Uses reports whether key applies to the spec's model (the page hides the
// other model's controls).
func (s *Spec) Uses(key string) bool {
	switch key {
	case "model", "seed":
		return true
	case "qubits", "depths", "gammas", "qsamples", "steps", "lr":
		return s.Model == "qnn"
	}
	return s.Model == "robustness"
}

// splitList splits a comma-separated list, dropping blanks; "none" is the
// empty list.
func splitList(text string) []string {
	var out []string
	for _, t := range strings.Split(text, ",") {
		if t = strings.TrimSpace(t); t != "" && t != "none" {
			out = append(out, t)
		}
	}
	return out
}

// Validate reports the first problem with s: a value out of its range (with
// the range), a combination that cannot run, or a job too large for the
// browser (with the limit).
func (s *Spec) Validate() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	if err := s.validateRobustness(); err != nil {
		return err
	}
	if err := s.validateQNN(); err != nil {
		return err
	}
	return experiment.CheckCost(s.Cost(), "fewer samples, widths, seeds, test points, depths or steps",
		"fewer samples, a smaller dimension or narrower widths")
}

func (s *Spec) validateRobustness() error {
	for _, key := range []struct{ name, list string }{{"ntk", s.NTK}, {"rf", s.RF}} {
		seen := map[string]bool{}
		for _, a := range splitList(key.list) {
			if !contains(Activations, a) {
				return fmt.Errorf("%s: %q is not an activation; choose among %s (comma-separated), or none", key.name, a, strings.Join(Activations, ", "))
			}
			if seen[a] {
				return fmt.Errorf("%s names %s twice", key.name, a)
			}
			seen[a] = true
		}
	}
	if s.Model == "robustness" && len(s.Curves()) == 0 {
		return fmt.Errorf("ntk and rf are both none; name at least one activation, e.g. ntk=square")
	}
	if err := increasing("ntkwidths", s.NTKWidth); err != nil {
		return err
	}
	if err := increasing("rfwidths", s.RFWidth); err != nil {
		return err
	}
	if len(splitList(s.NTK)) > 0 && s.Dim*s.NTKWidth[0] < s.Samples {
		return fmt.Errorf("ntkwidths: k = %d gives p = dk = %d parameters, fewer than samples = %d; the NTK cannot interpolate: use k ≥ %d",
			s.NTKWidth[0], s.Dim*s.NTKWidth[0], s.Samples, (s.Samples+s.Dim-1)/s.Dim)
	}
	if len(splitList(s.RF)) > 0 {
		if k := s.RFWidth[0]; k < s.Samples {
			return fmt.Errorf("rfwidths: k = %d random features are fewer than samples = %d; random features cannot interpolate: use k ≥ %d", k, s.Samples, s.Samples)
		}
		// Above d(d+1)/2 features, square features span every quadratic
		// form of the input and the model becomes the NTK's (Bombari et
		// al. 2023, §4); below d²/2 every activation stays random features.
		if k, most := s.RFWidth[len(s.RFWidth)-1], s.Dim*s.Dim/2; k >= most {
			return fmt.Errorf("rfwidths: k = %d is not below d²/2 = %d; with more features, square features span all quadratic forms of x and behave like the NTK, so keep k < %d or raise dim", k, most, most)
		}
	}
	return nil
}

func (s *Spec) validateQNN() error {
	gs := splitList(s.Gammas)
	if len(gs) == 0 || len(gs) > 4 {
		return fmt.Errorf("gammas = %q: give 1 to 4 comma-separated scales γ in [1, 4], e.g. 1,1.5", s.Gammas)
	}
	prev := 0.0
	for _, t := range gs {
		g, err := strconv.ParseFloat(t, 64)
		if err != nil || !(g >= 1 && g <= 4) {
			return fmt.Errorf("gammas: %q is not a number in [1, 4]; with γ < 1 the output ⟨γZ₀⟩ cannot reach the labels ±1", t)
		}
		if g <= prev {
			return fmt.Errorf("gammas must increase, but %s follows %g", t, prev)
		}
		prev = g
	}
	if err := increasing("depths", s.Depths); err != nil {
		return err
	}
	if most := 1 << s.Qubits; s.QSamples > most {
		return fmt.Errorf("qsamples = %d: %d qubits have only %d orthogonal computational-basis inputs; use qsamples ≤ %d", s.QSamples, s.Qubits, most, most)
	}
	return nil
}

// increasing checks that a width list is non-empty and increasing.
func increasing(key string, xs []int) error {
	if len(xs) == 0 {
		return fmt.Errorf("%s is empty; give at least one value", key)
	}
	for i := 1; i < len(xs); i++ {
		if xs[i] <= xs[i-1] {
			return fmt.Errorf("%s must increase, but %d follows %d", key, xs[i], xs[i-1])
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
