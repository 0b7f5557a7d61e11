package run

import (
	"errors"
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
)

// errCanceled is returned when progress asks a run to stop.
var errCanceled = errors.New("canceled")

func orTrue(progress func(experiment.Progress) bool) func(experiment.Progress) bool {
	if progress == nil {
		return func(experiment.Progress) bool { return true }
	}
	return progress
}

// Point runs point index of s: seed s.Seed + index of the attention model.
// progress counts its training steps.
func Point(s implicitbias.Spec, _ experiment.Assets, index int, progress func(experiment.Progress) bool) (*implicitbias.Point, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if index < 0 || index >= s.Points() {
		return nil, fmt.Errorf("point %d is out of range; this spec has %d points", index, s.Points())
	}
	progress = orTrue(progress)
	if s.Model == "ssm" {
		n := s.States[index]
		run, err := trainSSM(&s, newSSMData(&s), n, func(step int) bool {
			return progress(experiment.Progress{Phase: fmt.Sprintf("N = %d: gradient descent", n), Done: step, Total: s.Steps})
		})
		if err != nil {
			return nil, err
		}
		return &implicitbias.Point{Index: index, SSM: run}, nil
	}
	if s.Model == "cogo" {
		run, err := cogoPoint(&s, index, progress)
		if err != nil {
			return nil, err
		}
		return &implicitbias.Point{Index: index, Cogo: run}, nil
	}
	seed := s.Seed + uint64(index)
	a, err := attentionSeed(&s, seed, func(step int) bool {
		return progress(experiment.Progress{Phase: fmt.Sprintf("seed %d: normalized GD", seed), Done: step, Total: s.Iters})
	})
	if err != nil {
		return nil, fmt.Errorf("seed %d: %w", seed, err)
	}
	return &implicitbias.Point{Index: index, Attention: a}, nil
}

// attentionSeed trains W and (K, Q) on seed's data, solves the SVMs of the
// tokens each selects and compares them along the way.
func attentionSeed(s *implicitbias.Spec, seed uint64, progress func(int) bool) (*implicitbias.AttentionSeed, error) {
	p := newProblem(s.N, s.Tokens, s.Dim, seed)
	tr, err := p.train(s.Iters, s.LR, seed, progress)
	if err != nil {
		return nil, err
	}
	d := s.Dim
	// The SVMs of the tokens each model selects: Frobenius for W, nuclear
	// for KQᵀ, and the crossed ones for the comparison.
	froOf := map[string][]float64{}
	nucOf := map[string][]float64{}
	solve := func(ids []int, nuclear bool) ([]float64, implicitbias.SVMSolution, error) {
		cs := constraints(p, ids)
		w, alpha, sweeps, err := solveFro(cs, d)
		if err != nil {
			return nil, implicitbias.SVMSolution{}, err
		}
		if !nuclear {
			sol := froSolution(cs, w, alpha, sweeps, d)
			return sol.W, sol, nil
		}
		sol := solveNuc(cs, w, d, implicitbias.NuclearIters)
		return sol.W, sol, nil
	}
	out := &implicitbias.AttentionSeed{Seed: seed, Iters: tr.iters}
	var err1 error
	key := func(ids []int) string { return fmt.Sprint(ids) }
	get := func(ids []int, nuclear bool, dst *implicitbias.SVMSolution) []float64 {
		cache := froOf
		if nuclear {
			cache = nucOf
		}
		if w, ok := cache[key(ids)]; ok && dst == nil {
			return w
		}
		w, sol, err := solve(ids, nuclear)
		if err != nil {
			err1 = err
			return make([]float64, d*d)
		}
		cache[key(ids)] = w
		if dst != nil {
			*dst = sol
		}
		return w
	}
	fro := get(tr.finW.ids, false, &out.Fro)
	nuc := get(tr.finK.ids, true, &out.Nuc)
	crossW := get(tr.finW.ids, true, nil)   // W against the nuclear SVM of its own tokens
	crossKQ := get(tr.finK.ids, false, nil) // KQᵀ against the Frobenius SVM of its own tokens
	if err1 != nil {
		return nil, err1
	}
	for c := range tr.iters {
		w, kq := tr.w[c], tr.kq[c]
		out.CorrW = append(out.CorrW, corr(w, fro))
		out.CorrKQ = append(out.CorrKQ, corr(kq, nuc))
		out.CrossW = append(out.CrossW, corr(w, crossW))
		out.CrossKQ = append(out.CrossKQ, corr(kq, crossKQ))
		out.ProbW = append(out.ProbW, tr.evW[c].prob)
		out.ProbKQ = append(out.ProbKQ, tr.evKQ[c].prob)
		out.NormW = append(out.NormW, frob(w))
		out.NormKQ = append(out.NormKQ, frob(kq))
		out.LossW = append(out.LossW, tr.evW[c].loss)
		out.LossKQ = append(out.LossKQ, tr.evKQ[c].loss)
	}
	for i := range s.N {
		if tr.finW.ids[i] == p.opt[i] {
			out.OptW++
		}
		if tr.finK.ids[i] == p.opt[i] {
			out.OptKQ++
		}
	}
	return out, nil
}

// Assemble checks the points of s and gathers them, with the means over
// seeds.
func Assemble(s implicitbias.Spec, parts []*implicitbias.Point) (*implicitbias.Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if len(parts) != s.Points() {
		return nil, fmt.Errorf("assemble: %d points for a spec with %d", len(parts), s.Points())
	}
	byIndex := make([]*implicitbias.Point, len(parts))
	for _, p := range parts {
		if p == nil || p.Index < 0 || p.Index >= len(parts) || byIndex[p.Index] != nil || (p.Attention == nil) != (s.Model != "attention") || (p.SSM == nil) != (s.Model != "ssm") || (p.Cogo == nil) != (s.Model != "cogo") {
			return nil, fmt.Errorf("assemble: points are missing, repeated, out of range or of another model")
		}
		byIndex[p.Index] = p
	}
	switch s.Model {
	case "ssm":
		return assembleSSM(s, byIndex)
	case "cogo":
		return assembleCogo(s, byIndex)
	}
	iters := Checkpoints(s.Iters)
	res := &implicitbias.AttentionResult{Iters: iters, MinCorrW: 1, MinCorrKQ: 1}
	res.MeanCorrW, res.MeanCorrKQ = make([]float64, len(iters)), make([]float64, len(iters))
	res.MeanCrossW, res.MeanCrossK = make([]float64, len(iters)), make([]float64, len(iters))
	res.MeanProbW, res.MeanProbKQ = make([]float64, len(iters)), make([]float64, len(iters))
	for _, p := range byIndex {
		a := p.Attention
		if len(a.Iters) != len(iters) || len(a.CorrW) != len(iters) || len(a.CorrKQ) != len(iters) || len(a.CrossW) != len(iters) ||
			len(a.CrossKQ) != len(iters) || len(a.ProbW) != len(iters) || len(a.ProbKQ) != len(iters) {
			return nil, fmt.Errorf("assemble: point %d has %d checkpoints; the spec has %d", p.Index, len(a.Iters), len(iters))
		}
		for c := range iters {
			res.MeanCorrW[c] += a.CorrW[c]
			res.MeanCorrKQ[c] += a.CorrKQ[c]
			res.MeanCrossW[c] += a.CrossW[c]
			res.MeanCrossK[c] += a.CrossKQ[c]
			res.MeanProbW[c] += a.ProbW[c]
			res.MeanProbKQ[c] += a.ProbKQ[c]
		}
		last := len(iters) - 1
		res.MinCorrW, res.MinCorrKQ = min(res.MinCorrW, a.CorrW[last]), min(res.MinCorrKQ, a.CorrKQ[last])
		if a.CorrW[last] >= a.CrossW[last]+implicitbias.SeparationMargin && a.CorrKQ[last] >= a.CrossKQ[last]+implicitbias.SeparationMargin {
			res.Separated++
		}
		if a.Nuc.Rank < a.Fro.Rank {
			res.LowerRank++
		}
		res.Seeds = append(res.Seeds, *a)
	}
	k := float64(len(byIndex))
	for _, series := range [][]float64{res.MeanCorrW, res.MeanCorrKQ, res.MeanCrossW, res.MeanCrossK, res.MeanProbW, res.MeanProbKQ} {
		for c := range series {
			series[c] /= k
		}
	}
	return &implicitbias.Result{Spec: s, Attention: res}, nil
}

// Run validates s and runs every point in turn, then assembles them; it
// gives the same bits as Point on separate workers followed by Assemble.
func Run(s implicitbias.Spec, a experiment.Assets, progress func(experiment.Progress) bool) (*implicitbias.Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	parts := make([]*implicitbias.Point, s.Points())
	for i := range parts {
		p, err := Point(s, a, i, progress)
		if err != nil {
			return nil, err
		}
		parts[i] = p
	}
	return Assemble(s, parts)
}

// ssmFrequencies is the number of frequencies of the |H(ω)| curves.
const ssmFrequencies = 65

// assembleSSM gathers the state sizes with the data's statistics and
// checks, and the transfer functions.
func assembleSSM(s implicitbias.Spec, byIndex []*implicitbias.Point) (*implicitbias.Result, error) {
	d := newSSMData(&s)
	res := &implicitbias.SSMResult{Sigma: d.sigma, Eta: d.eta}
	res.ConvError, res.ParsevalError = d.frequencyCheck(&s)
	res.Slope = -math.Ln2 / (2 * d.sigma * s.SSMLR)
	for i := range ssmFrequencies {
		res.Omega = append(res.Omega, math.Pi*float64(i)/(ssmFrequencies-1))
	}
	res.Teacher = transfer(d.sigma/d.eta, s.Pole, res.Omega)
	for i, p := range byIndex {
		r := *p.SSM
		if r.N != s.States[i] || len(r.W) == 0 {
			return nil, fmt.Errorf("assemble: point %d is N = %d with %d samples; the spec has N = %d", i, r.N, len(r.W), s.States[i])
		}
		r.Learned = transfer(r.W[len(r.W)-1], s.Pole, res.Omega)
		res.Runs = append(res.Runs, r)
	}
	return &implicitbias.Result{Spec: s, SSM: res}, nil
}

// cogoRecord is about how many points of the loss curve a CoGO run keeps.
const cogoRecord = 100

// cogoPoint trains width and repeat of point index on the split of
// s.Seed, from the initialisation of s.Seed + repeat.
func cogoPoint(s *implicitbias.Spec, index int, progress func(experiment.Progress) bool) (*implicitbias.CogoRun, error) {
	h, rep := s.CogoPoint(index)
	data := newCogoData(s.Modulus, s.Seed)
	net := newCogoNet(s.Modulus, h, s.Seed+uint64(rep))
	losses, epochs, err := trainCogo(net, data, s.Epochs, s.AdamLR, s.Decay, max(1, s.Epochs/cogoRecord), func(e int) bool {
		return progress(experiment.Progress{Phase: fmt.Sprintf("h = %d, repeat %d: Adam", h, rep+1), Done: e, Total: s.Epochs})
	})
	if err != nil {
		return nil, fmt.Errorf("h = %d, repeat %d: %w", h, rep+1, err)
	}
	r := &implicitbias.CogoRun{Width: h, Repeat: rep, Epochs: epochs, Loss: losses, FinalLoss: losses[len(losses)-1]}
	_, r.TrainAcc = net.lossGrad(data.train, nil, nil, nil)
	_, r.TestAcc = net.lossGrad(data.test, nil, nil, nil)
	st := net.stats()
	r.Orders, r.Rkkk, r.RaacK, r.Raac, r.RaacAll, r.Energy, r.Magnitude = st.orders, st.rkkk, st.raacK, st.raac, st.raacAll, st.energy, st.mag
	for _, o := range st.orders {
		r.Active += o
	}
	return r, nil
}

// assembleCogo gathers the points and pools the orders of the largest
// width's repeats.
func assembleCogo(s implicitbias.Spec, byIndex []*implicitbias.Point) (*implicitbias.Result, error) {
	res := &implicitbias.CogoResult{}
	largest := s.Widths[len(s.Widths)-1]
	var good, all int
	for i, p := range byIndex {
		h, rep := s.CogoPoint(i)
		r := *p.Cogo
		if r.Width != h || r.Repeat != rep {
			return nil, fmt.Errorf("assemble: point %d is h = %d, repeat %d; the spec has h = %d, repeat %d", i, r.Width, r.Repeat, h, rep)
		}
		if h == largest {
			for _, o := range r.Orders {
				all++
				if o == 4 || o == 6 {
					good++
				}
			}
		}
		res.Runs = append(res.Runs, r)
	}
	if all > 0 {
		res.OrderShare = float64(good) / float64(all)
	}
	return &implicitbias.Result{Spec: s, Cogo: res}, nil
}
