package run

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
)

// Grower names how a mask update chooses the weights it grows.
type Grower int

const (
	// GrowRandom grows uniformly at random among the inactive weights, new
	// weights drawn from the layer's initialisation (SET; Mocanu et al.
	// 2018).
	GrowRandom Grower = iota
	// GrowGradient grows the largest |∂L/∂w| of the dense gradient on the
	// batch, new weights 0 (RigL; Evci et al. 2020).
	GrowGradient
	// GrowExplore grows the largest |∂L/∂w| + c·bonus(t, N), N the update
	// rounds the weight was active in, new weights 0 (DST-EE; Huang et al.
	// 2023).
	GrowExplore
)

// Bonus is an exploration bonus: t is the training step (≥ 1), n the
// update rounds a weight was active in.
type Bonus func(t, n int) float64

// LogBonus is ln t/(N + 1), DST-EE's exploration term as remembered
// (ln t/(N + ε) with ε = 1; unverified against Huang et al. 2023, whose
// text was not available: see the package doc).
func LogBonus(t, n int) float64 { return fmath.Log(float64(t)) / float64(n+1) }

// UCBBonus is √(ln t/(N + 1)), UCB1's.
func UCBBonus(t, n int) float64 { return math.Sqrt(fmath.Log(float64(t)) / float64(n+1)) }

// Explorer is the state a dynamic sparse training run keeps beside the
// network: how many update rounds each weight was active in, and whether
// it was ever active.
type Explorer struct {
	Grow  Grower
	C     float64
	Bonus Bonus
	// Rounds[l-1][i] and Visited[l-1][i] are per weight of layer l.
	Rounds  [][]int
	Visited [][]bool
	rand    *rand.Rand
}

// NewExplorer starts the bookkeeping for net's current masks; r draws
// SET's growth.
func NewExplorer(net *SparseNet, grow Grower, c float64, bonus Bonus, r *rand.Rand) *Explorer {
	e := &Explorer{Grow: grow, C: c, Bonus: bonus, rand: r}
	for _, m := range net.Mask {
		e.Rounds = append(e.Rounds, make([]int, len(m)))
		e.Visited = append(e.Visited, slices.Clone(m))
	}
	return e
}

// Coverage returns the fraction of all weights ever active.
func (e *Explorer) Coverage() float64 {
	var seen, all int
	for _, v := range e.Visited {
		all += len(v)
		for _, b := range v {
			if b {
				seen++
			}
		}
	}
	return float64(seen) / float64(all)
}

// UpdateFraction returns α_t = α/2·(1 + cos(πt/T_end)) (Evci et al. 2020,
// Section 3).
func UpdateFraction(alpha float64, t, tEnd int) float64 {
	return alpha / 2 * (1 + fmath.Cos(math.Pi*float64(t)/float64(tEnd)))
}

// Update drops and regrows k_l = round(frac·A_l) weights in every layer l
// (A_l its active count) at step t: first every active weight's round
// count N goes up by one; then the k_l active weights of smallest |w| are
// dropped (ties: the lower index first); then k_l weights are grown among
// all inactive ones, just-dropped ones included, by e.Grow. grad is the
// dense gradient on the batch at the masked θ (nil for GrowRandom). It
// returns the weights moved per layer.
func (e *Explorer) Update(net *SparseNet, grad []float64, t int, frac float64) []int {
	a := net.Arch
	moved := make([]int, a.Layers())
	for l := 1; l <= a.Layers(); l++ {
		w, _ := a.Layer(net.Theta, l)
		var g []float64
		if grad != nil {
			g, _ = a.Layer(grad, l)
		}
		mask, rounds := net.Mask[l-1], e.Rounds[l-1]
		var active, inactive []int
		for i, on := range mask {
			if on {
				rounds[i]++
				active = append(active, i)
			}
		}
		k := int(math.Round(frac * float64(len(active))))
		// active and inactive list indices increasing, so sorting by (key,
		// index) is the stable sort by key, and faster.
		slices.SortFunc(active, func(x, y int) int {
			return cmp.Or(cmp.Compare(math.Abs(w[x]), math.Abs(w[y])), cmp.Compare(x, y))
		})
		for _, i := range active[:k] {
			mask[i], w[i] = false, 0
		}
		for i, on := range mask {
			if !on {
				inactive = append(inactive, i)
			}
		}
		var grow []int
		switch e.Grow {
		case GrowRandom:
			// A partial Fisher–Yates shuffle picks k of the inactive.
			for j := range k {
				r := j + e.rand.IntN(len(inactive)-j)
				inactive[j], inactive[r] = inactive[r], inactive[j]
			}
			grow = inactive[:k]
		default:
			score := make([]float64, len(mask))
			for _, i := range inactive {
				score[i] = math.Abs(g[i])
				if e.Grow == GrowExplore && e.C != 0 {
					score[i] += float64(e.C * e.Bonus(t, rounds[i]))
				}
			}
			slices.SortFunc(inactive, func(x, y int) int { return cmp.Or(cmp.Compare(score[y], score[x]), cmp.Compare(x, y)) })
			grow = inactive[:k]
		}
		in := a.Sizes[l-1]
		bound := 1 / math.Sqrt(float64(in))
		for _, i := range grow {
			mask[i] = true
			e.Visited[l-1][i] = true
			w[i] = 0
			if e.Grow == GrowRandom {
				w[i] = float64(float64(2*rng.Uniform(e.rand))-1) * bound
			}
		}
		moved[l-1] = k
	}
	net.Reindex()
	return moved
}

// RandomMasks returns masks with round(density·in·out) active weights in
// every layer of a, drawn uniformly without replacement (partial
// Fisher–Yates) from r, layer by layer.
func RandomMasks(a *nn.Arch, density float64, r *rand.Rand) [][]bool {
	var masks [][]bool
	for l := 1; l <= a.Layers(); l++ {
		n := a.Sizes[l-1] * a.Sizes[l]
		k := max(1, int(math.Round(density*float64(n))))
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		m := make([]bool, n)
		for j := range k {
			r := j + r.IntN(n-j)
			idx[j], idx[r] = idx[r], idx[j]
			m[idx[j]] = true
		}
		masks = append(masks, m)
	}
	return masks
}

// SparseTrain trains the sparse MLP pixels²–hidden–10 with SGD for
// s.Steps steps of s.Batch digits and updates its masks every s.Every
// steps while t < T_end = 0.75·s.Steps. Every method of a spec starts from
// the same initialisation (stream rng.Init of s.Seed, PyTorch's default,
// then masked), the same masks (stream rng.Dropout) and the same batches
// (stream rng.Batches: a fresh permutation of the training digits per
// epoch); SET draws its growth from stream rng.Dropout after the masks.
// The dense gradient, for RigL and DST-EE, is computed on the step's batch
// only at mask updates.
func SparseTrain(s *compression.Compression, split *data.Split, grow Grower, c float64, progress func(done, total int) bool) (*compression.SparseRun, *SparseNet, error) {
	a := &nn.Arch{Sizes: []int{split.Train.Dim, s.Hidden, 10}, Act: nn.ReLU, Loss: nn.CrossEntropy}
	theta := make([]float64, a.NumParams())
	nn.Initialize(theta, a, nn.InitDefault, 0, rng.New(s.Seed, rng.Init))
	maskRand := rng.New(s.Seed, rng.Dropout)
	net := NewSparseNet(a, theta, RandomMasks(a, s.Density, maskRand))
	bonus := Bonus(LogBonus)
	if s.Bonus == "ucb" {
		bonus = UCBBonus
	}
	e := NewExplorer(net, grow, c, bonus, maskRand)
	names := map[Grower]string{GrowRandom: "SET", GrowGradient: "RigL", GrowExplore: "DST-EE"}
	run := &compression.SparseRun{Method: names[grow], C: c}
	for l := 1; l <= a.Layers(); l++ {
		run.Active = append(run.Active, net.Active(l))
	}
	record := func(step int) {
		run.Step = append(run.Step, step)
		run.Accuracy = append(run.Accuracy, net.Accuracy(&split.Test))
		run.Coverage = append(run.Coverage, e.Coverage())
	}
	record(0)
	tEnd := int(0.75 * float64(s.Steps))
	batchRand := rng.New(s.Seed, rng.Batches)
	n := split.Train.N
	perm := make([]int, n)
	pos := n
	grad := make([]float64, len(theta))
	dense := make([]float64, len(theta))
	obj := &nn.Objective{Arch: a, Data: &split.Train}
	for t := 1; t <= s.Steps; t++ {
		if pos+s.Batch > n {
			for i := range perm {
				perm[i] = i
			}
			batchRand.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			pos = 0
		}
		batch := perm[pos : pos+s.Batch]
		pos += s.Batch
		loss := net.LossGradTo(grad, &split.Train, batch)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return nil, nil, &divergedError{step: t, loss: loss, lr: s.LR}
		}
		net.SGDStep(grad, s.LR)
		if t%s.Every == 0 && t < tEnd {
			var g []float64
			if grow != GrowRandom {
				obj.Idx = batch
				obj.LossGrad(dense, theta)
				g = dense
			}
			moved := e.Update(net, g, t, UpdateFraction(s.Alpha, t, tEnd))
			run.Updates++
			for l, k := range moved {
				run.Moved += k
				if net.Active(l+1) != run.Active[l] {
					panic("compression: a mask update changed the number of active weights")
				}
			}
		}
		if t%s.Every == 0 || t == s.Steps {
			record(t)
			if !progress(t, s.Steps) {
				return nil, nil, errCanceled
			}
		}
	}
	for i, on := range net.Mask[0] {
		if on {
			run.Mask = append(run.Mask, i)
		}
	}
	return run, net, nil
}

type divergedError struct {
	step int
	loss float64
	lr   float64
}

func (e *divergedError) Error() string {
	return "sparse training diverged at step " + itoa(e.step) + ": the loss became " + ftoa(e.loss) + "; try a smaller learning rate than " + ftoa(e.lr)
}

// SparsePoint runs point index of a sparse spec: 0 is SET, 1 RigL, and
// 2 + i DST-EE with c = 10^LogC[i].
func SparsePoint(s *compression.Compression, a experiment.Assets, index int, progress func(experiment.Progress) bool) (*compression.Point, error) {
	split, err := Digits(s, a)
	if err != nil {
		return nil, err
	}
	grow, c := GrowRandom, 0.0
	switch {
	case index == 1:
		grow = GrowGradient
	case index >= 2:
		grow, c = GrowExplore, pow10(s.LogC[index-2])
	}
	phase := []string{"SET", "RigL"}
	name := "DST-EE"
	if index < 2 {
		name = phase[index]
	}
	run, _, err := SparseTrain(s, &split, grow, c, func(done, total int) bool {
		return progress(experiment.Progress{Phase: name + ": train", Done: done, Total: total})
	})
	if err != nil {
		return nil, err
	}
	return &compression.Point{Index: index, Sparse: run, Steps: s.Steps}, nil
}

// pow10 returns 10^e exactly for the integer exponents of a spec (a
// product or quotient of exact powers of ten below 10²³ is correctly
// rounded).
func pow10(e int) float64 {
	x := 1.0
	for range max(e, -e) {
		x *= 10
	}
	if e < 0 {
		return 1 / x
	}
	return x
}
