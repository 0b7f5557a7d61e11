package run

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
)

// Spec, Result and Point are the compression experiment's types.
type (
	Spec   = compression.Compression
	Result = compression.Result
	Point  = compression.Point
)

func orTrue(progress func(experiment.Progress) bool) func(experiment.Progress) bool {
	if progress == nil {
		return func(experiment.Progress) bool { return true }
	}
	return progress
}

// RunPoint computes point index of s: 0 is the single-layer law, index ≥ 1
// the network of s.PointAt(index). progress, if not nil, is called as the
// point advances and cancels it by returning false.
func RunPoint(s Spec, a experiment.Assets, index int, progress func(experiment.Progress) bool) (*Point, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if index < 0 || index >= s.Points() {
		return nil, fmt.Errorf("point %d does not exist; this spec has points 0 … %d", index, s.Points()-1)
	}
	progress = orTrue(progress)
	if s.Model == "sparse" {
		return SparsePoint(&s, a, index, progress)
	}
	if index == 0 {
		law, err := Law(&s, progress)
		if err != nil {
			return nil, err
		}
		return &Point{Index: 0, Law: law}, nil
	}
	split, err := Digits(&s, a)
	if err != nil {
		return nil, err
	}
	width, repeat := s.PointAt(index)
	phase := fmt.Sprintf("width %d: ", width)
	net, err := TrainNet(&s, &split, width, s.Seed+uint64(repeat), func(done, total int) bool {
		return progress(experiment.Progress{Phase: phase + "train", Done: done, Total: total})
	})
	if err != nil {
		return nil, err
	}
	p := &Point{Index: index, Width: width, Repeat: repeat, Steps: net.Steps, Float: Accuracy(net.Arch, net.Theta, &split.Test)}
	cal := Calibrate(net, s.Calib)
	for k, b := range s.Bits {
		if !progress(experiment.Progress{Phase: phase + "quantize", Done: k, Total: len(s.Bits)}) {
			return nil, errCanceled
		}
		g := QuantizeNet(net, cal, b, s.Scale, false)
		m := QuantizeNet(net, cal, b, s.Scale, true)
		p.Quant = append(p.Quant, compression.BitsStat{Bits: b,
			GPFQ: Accuracy(net.Arch, g.Theta, &split.Test), MSQ: Accuracy(net.Arch, m.Theta, &split.Test),
			GPFQLayers: g.Layers, MSQLayers: m.Layers})
	}
	if repeat == 0 {
		p.Histogram = WeightHistogram(net, width, s.Bits[0], s.Scale)
	}
	return p, nil
}

// Assemble combines the points of s (in any order) into the result: the
// law, the per-width means over repeats, and the widest network's
// histogram.
func Assemble(s Spec, parts []*Point) (*Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if len(parts) != s.Points() {
		return nil, fmt.Errorf("assemble: %d points, want %d", len(parts), s.Points())
	}
	byIndex := make([]*Point, len(parts))
	for _, p := range parts {
		if p == nil || p.Index < 0 || p.Index >= len(parts) || byIndex[p.Index] != nil {
			return nil, fmt.Errorf("assemble: points missing or repeated")
		}
		byIndex[p.Index] = p
	}
	if s.Model == "sparse" {
		res := &Result{Spec: s}
		for _, p := range byIndex {
			if p.Sparse == nil {
				return nil, fmt.Errorf("assemble: point %d has no sparse run", p.Index)
			}
			res.Sparse = append(res.Sparse, *p.Sparse)
		}
		return res, nil
	}
	res := &Result{Spec: s, Law: byIndex[0].Law}
	for i, w := range s.Widths {
		ws := compression.WidthStat{Width: w, Seeds: s.Seeds}
		ws.Quant = make([]compression.BitsStat, len(s.Bits))
		n := float64(s.Seeds)
		for r := range s.Seeds {
			p := byIndex[s.PointOf(i, r)]
			if len(p.Quant) != len(s.Bits) {
				return nil, fmt.Errorf("assemble: point %d has %d bit-widths, want %d", p.Index, len(p.Quant), len(s.Bits))
			}
			ws.Float += p.Float / n
			for k, q := range p.Quant {
				t := &ws.Quant[k]
				t.Bits = q.Bits
				t.GPFQ += q.GPFQ / n
				t.MSQ += q.MSQ / n
				t.GPFQLayers = addScaled(t.GPFQLayers, q.GPFQLayers, 1/n)
				t.MSQLayers = addScaled(t.MSQLayers, q.MSQLayers, 1/n)
			}
			if r == 0 && i == len(s.Widths)-1 {
				res.Histogram = p.Histogram
			}
		}
		res.Widths = append(res.Widths, ws)
	}
	return res, nil
}

// addScaled returns dst + k·src, dst grown to src's length.
func addScaled(dst, src []float64, k float64) []float64 {
	if dst == nil {
		dst = make([]float64, len(src))
	}
	for i, x := range src {
		dst[i] += float64(k * x)
	}
	return dst
}

// Run computes every point of s in order on one goroutine and assembles
// them: the same bits as the points computed on separate workers.
func Run(s Spec, a experiment.Assets, progress func(experiment.Progress) bool) (*Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	parts := make([]*Point, s.Points())
	for i := range parts {
		p, err := RunPoint(s, a, i, progress)
		if err != nil {
			return nil, err
		}
		parts[i] = p
	}
	return Assemble(s, parts)
}

func itoa(i int) string { return fmt.Sprint(i) }

func ftoa(x float64) string { return fmt.Sprint(x) }
