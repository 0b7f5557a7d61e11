package experiment

import (
	"fmt"
	"slices"
)

// PathsResult is the outcome of a Paths run. Losses are mean per-sample
// training or test losses, without weight decay.
type PathsResult struct {
	Spec Paths `json:"spec"`
	// Paths holds the pair's linear path, named "linear (small vs large
	// batch)" or "linear (two seeds)", then the mean-field paths "linear"
	// and "piecewise" of width Spec.Width and repeat 0.
	Paths []Path `json:"paths"`
	// Widths holds one entry per width of Spec.Widths, in order.
	Widths []WidthStat `json:"widths"`
	// Dropout holds the loss change ΔL against the kept-neuron count M,
	// one curve per width.
	Dropout []DropoutCurve `json:"dropout"`
}

// Path is a path θ(α) between two solutions, sampled at Alpha, with the
// losses and accuracies (classification only) along it.
type Path struct {
	Name      string    `json:"name"`
	Alpha     []float64 `json:"alpha"`
	TrainLoss []float64 `json:"train_loss"`
	TestLoss  []float64 `json:"test_loss"`
	TrainAcc  []float64 `json:"train_acc,omitempty"`
	TestAcc   []float64 `json:"test_acc,omitempty"`
	// Segments holds the α at the boundaries of a piecewise path's segments,
	// 0 and 1 included.
	Segments []float64 `json:"segments,omitempty"`
	// Sharpness holds the top Hessian eigenvalue of the training loss at a
	// few α.
	Sharpness []Sharp `json:"sharpness,omitempty"`
	// Barrier is max_{α∈[0,1]} TrainLoss − max(TrainLoss(0), TrainLoss(1)),
	// in loss units (see paths.Barrier).
	Barrier float64 `json:"barrier"`
}

// Sharp is the top eigenvalue of the Hessian of the training loss at θ(α),
// by Lanczos, with its Ritz residual, a bound on its distance to an
// eigenvalue (loss per parameter²).
type Sharp struct {
	Alpha    float64 `json:"alpha"`
	Top      float64 `json:"top"`
	Residual float64 `json:"residual"`
}

// WidthStat summarises the repeats of one mean-field width N: medians and
// quartiles (Q1, Q3) over the repeats of the linear path's barrier
// (Linear…), the piecewise-linear path's barrier (Dropout…) and the
// half-dropout loss change ΔL(N/2) of the dropout curve (Delta…), in
// training-loss units.
type WidthStat struct {
	Width          int     `json:"width"`
	LinearBarrier  float64 `json:"linear_barrier"`
	DropoutBarrier float64 `json:"dropout_barrier"`
	DropoutDelta   float64 `json:"dropout_delta"`
	LinearQ1       float64 `json:"linear_q1"`
	LinearQ3       float64 `json:"linear_q3"`
	DropoutQ1      float64 `json:"dropout_q1"`
	DropoutQ3      float64 `json:"dropout_q3"`
	DeltaQ1        float64 `json:"delta_q1"`
	DeltaQ3        float64 `json:"delta_q3"`
	Seeds          int     `json:"seeds"`
}

// DropoutCurve is the training-loss change ΔL(M) = L(θ_A) − L(θ) when only
// M of Width neurons are kept (rescaled by 1/M), each value the median over
// repeats of the mean over random subsets and both networks.
type DropoutCurve struct {
	Width int       `json:"width"`
	M     []int     `json:"m"`
	Delta []float64 `json:"delta"`
}

// PathsPoint is the outcome of one point of a Paths run: the pair (Index 0)
// or one repeat of one mean-field width.
type PathsPoint struct {
	Index  int `json:"index"`
	Width  int `json:"width"`  // 0 for the pair
	Repeat int `json:"repeat"` // r: networks of seeds seed+2r and seed+2r+1
	// Paths holds the pair's linear path, or the mean-field "linear" and
	// "piecewise" paths.
	Paths []Path `json:"paths"`
	// HalfDelta holds the loss changes of the piecewise path's two
	// half-dropout networks, L(θ_A) − L(θ) and L(θ′_B) − L(θ′); the
	// piecewise barrier is at most the larger (paths.Piecewise).
	HalfDelta []float64 `json:"half_delta,omitempty"`
	// M and Delta are the dropout curve of this repeat.
	M     []int     `json:"m,omitempty"`
	Delta []float64 `json:"delta,omitempty"`
	// Steps counts the SGD steps of the point's two trainings.
	Steps int `json:"steps"`

	nets [2][]float64 // the two trained networks, θ(0) and θ(1)
}

// AssemblePaths combines the points of s (all s.Points() of them, in any
// order) into its result. It fails if the spec is invalid or a point is
// missing, repeated, or does not belong to s.
func AssemblePaths(s Paths, parts []*PathsPoint) (*PathsResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	byIndex := make([]*PathsPoint, s.Points())
	if len(parts) != len(byIndex) {
		return nil, fmt.Errorf("assemble: %d points for a spec with %d", len(parts), len(byIndex))
	}
	for _, p := range parts {
		if p == nil || p.Index < 0 || p.Index >= len(byIndex) || byIndex[p.Index] != nil || !s.fits(p) {
			return nil, fmt.Errorf("assemble: a point is repeated, malformed or not of this spec")
		}
		byIndex[p.Index] = p
	}
	res := &PathsResult{Spec: s, Paths: byIndex[0].Paths}
	for wi, width := range s.Widths {
		reps := byIndex[1+wi*s.Seeds : 1+(wi+1)*s.Seeds]
		if width == s.Width {
			res.Paths = append(res.Paths, reps[0].Paths...)
		}
		// Quartiles of the columns linear barrier, piecewise barrier and
		// ΔL(M) for each M; the last M is N/2, the half-dropout ΔL.
		ms := reps[0].M
		q := make([][3]float64, 2+len(ms))
		col := make([]float64, len(reps))
		for c := range q {
			for i, p := range reps {
				if c < 2 {
					col[i] = p.Paths[c].Barrier
				} else {
					col[i] = p.Delta[c-2]
				}
			}
			q[c] = quartiles(col)
		}
		lin, pw, half := q[0], q[1], q[len(q)-1]
		res.Widths = append(res.Widths, WidthStat{width, lin[1], pw[1], half[1], lin[0], lin[2], pw[0], pw[2], half[0], half[2], s.Seeds})
		curve := DropoutCurve{Width: width, M: ms}
		for _, x := range q[2:] {
			curve.Delta = append(curve.Delta, x[1])
		}
		res.Dropout = append(res.Dropout, curve)
	}
	return res, nil
}

// fits reports whether p has the shape of point p.Index of s.
func (s *Paths) fits(p *PathsPoint) bool {
	if p.Index == 0 {
		curves := 1
		if s.Bezier > 0 {
			curves = 2 // and the Bézier curve, on [0, 1]
		}
		return p.Width == 0 && len(p.Paths) == curves && len(p.Paths[0].Alpha) == 2*s.Resolution+1
	}
	width, repeat := s.point(p.Index)
	n := s.Resolution/2 + 1
	return p.Width == width && p.Repeat == repeat && len(p.Paths) == 2 && len(p.Paths[0].Alpha) == n && len(p.Paths[1].Alpha) == n &&
		slices.Equal(p.M, dropoutMs(width)) && len(p.Delta) == len(p.M) && len(p.HalfDelta) == 2
}

// quartiles returns the first quartile, the median and the third quartile
// of x (type-7 quantiles, see sampleQuantile). It does not modify x.
func quartiles(x []float64) (q [3]float64) {
	s := slices.Clone(x)
	slices.Sort(s)
	for k := range q {
		q[k] = sampleQuantile(s, float64(k+1)/4)
	}
	return q
}
