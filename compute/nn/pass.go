package nn

import (
	"math"

	"github.com/overparam/overparam/compute/kernel"
)

// pass holds the activations and backpropagated errors of one evaluation on
// nb samples. Slices are indexed by layer l = 0 … L; every matrix is nb rows
// by the layer's width, row-major.
type pass struct {
	arch *Arch
	nb   int

	a  [][]float64 // a[0] = inputs, a[l] = σ(z_l) for l < L, a[L] = f = s·z_L
	z  [][]float64 // pre-activations z_l, l ≥ 1
	d1 [][]float64 // σ'(z_l), l = 1 … L−1
	d2 [][]float64 // σ''(z_l), l = 1 … L−1 (only with curvature)
	g  [][]float64 // δ_l = ∂L/∂z_l (scaled), l ≥ 1
	pb [][]float64 // δ_{l+1} W_{l+1} before ⊙σ', l = 1 … L−1 (only with curvature)
	wt [][]float64 // W_lᵀ (in×out), l ≥ 1
	p  []float64   // softmax probabilities (cross-entropy)

	labels  []int     // per-sample class labels, or nil
	targets []float64 // per-sample target rows, or nil
	lossSum float64   // Σ ℓ_i, unscaled
	scale   float64   // the objective's scale
	tmp     []float64 // scratch: a transposed nb×width matrix

	xbuf []float64 // gathered inputs of a subset
	lbuf []int     // gathered labels of a subset
	tbuf []float64 // gathered targets of a subset
}

func newPass(a *Arch, nb int, withCurvature bool) *pass {
	L := a.Layers()
	p := &pass{arch: a, nb: nb}
	p.a = make([][]float64, L+1)
	p.z = make([][]float64, L+1)
	p.g = make([][]float64, L+1)
	p.wt = make([][]float64, L+1)
	p.d1 = make([][]float64, L)
	if withCurvature {
		p.d2 = make([][]float64, L)
		p.pb = make([][]float64, L)
	}
	maxw := 0
	for l := 1; l <= L; l++ {
		w := a.Sizes[l]
		maxw = max(maxw, w)
		p.z[l] = make([]float64, nb*w)
		p.a[l] = make([]float64, nb*w)
		p.g[l] = make([]float64, nb*w)
		p.wt[l] = make([]float64, a.Sizes[l-1]*w)
		if l < L {
			p.d1[l] = make([]float64, nb*w)
			if withCurvature {
				p.d2[l] = make([]float64, nb*w)
				p.pb[l] = make([]float64, nb*w)
			}
		}
	}
	if a.Loss == CrossEntropy {
		p.p = make([]float64, nb*a.Sizes[L])
	}
	p.tmp = make([]float64, nb*max(maxw, a.Sizes[0]))
	return p
}

// gather points a[0] at the objective's inputs, copying rows into the pass's
// own buffers only for subsets, and records labels and target rows.
func (p *pass) gather(o *Objective) {
	d := o.Data
	dim := d.Dim
	p.scale = o.scale()
	if o.Idx == nil {
		p.a[0] = d.X[:d.N*dim]
		p.labels = d.Labels
		p.targets = d.Targets
		return
	}
	if len(p.xbuf) != p.nb*dim {
		p.xbuf = make([]float64, p.nb*dim)
	}
	p.a[0], p.labels, p.targets = p.xbuf, nil, nil
	if d.Labels != nil {
		if len(p.lbuf) != p.nb {
			p.lbuf = make([]int, p.nb)
		}
		p.labels = p.lbuf
	}
	if d.Targets != nil {
		if len(p.tbuf) != p.nb*d.Out {
			p.tbuf = make([]float64, p.nb*d.Out)
		}
		p.targets = p.tbuf
	}
	for r, i := range o.Idx {
		copy(p.xbuf[r*dim:(r+1)*dim], d.X[i*dim:(i+1)*dim])
		if p.labels != nil {
			p.labels[r] = d.Labels[i]
		}
		if p.targets != nil {
			copy(p.targets[r*d.Out:(r+1)*d.Out], d.Targets[i*d.Out:(i+1)*d.Out])
		}
	}
}

// forward computes the activations, the loss sum and, if withErrors, the
// output errors δ_L = scale·s·∂ℓ/∂f.
func (p *pass) forward(o *Objective, theta []float64, withErrors bool) {
	p.gather(o)
	a, nb, L := p.arch, p.nb, p.arch.Layers()
	for l := 1; l <= L; l++ {
		in, out := a.Sizes[l-1], a.Sizes[l]
		w, b := a.Layer(theta, l)
		kernel.TransposeTo(p.wt[l], w, out, in)
		z := p.z[l]
		fillRows(z, b, nb, out)
		kernel.MulAddTo(z, p.a[l-1], p.wt[l], nb, in, out) // z_l = b_l + a_{l−1} W_lᵀ
		if l < L {
			var d2 []float64
			if p.d2 != nil {
				d2 = p.d2[l]
			}
			activate(a.Act, p.a[l], p.d1[l], d2, z)
		}
	}
	s := a.Scale()
	f := p.a[L]
	for i, v := range p.z[L] {
		f[i] = s * v
	}
	c := a.Sizes[L]
	gs := p.scale * s // δ_L = scale·s·∂ℓ/∂f
	var sum float64
	for i := 0; i < nb; i++ {
		row := f[i*c : (i+1)*c]
		g := p.g[L][i*c : (i+1)*c]
		var prob, y []float64
		if p.p != nil {
			prob = p.p[i*c : (i+1)*c]
		}
		if p.targets != nil {
			y = p.targets[i*c : (i+1)*c]
		}
		label := 0
		if p.labels != nil {
			label = p.labels[i]
		}
		sum += outputLoss(a.Loss, g, prob, row, label, y)
		if withErrors {
			for j := range g {
				g[j] *= gs
			}
		}
	}
	p.lossSum = sum
}

// backward backpropagates δ_L and writes ∇L into grad. With curvature
// buffers, the products δ_{l+1} W_{l+1} are kept in p.pb.
func (p *pass) backward(theta, grad []float64) {
	a, nb, L := p.arch, p.nb, p.arch.Layers()
	for l := L; l >= 1; l-- {
		in, out := a.Sizes[l-1], a.Sizes[l]
		gw, gb := a.Layer(grad, l)
		w, _ := a.Layer(theta, l)
		g := p.g[l]
		kernel.MulTransATo(gw, g, p.a[l-1], p.tmp, out, nb, in) // ∇W_l = δ_lᵀ a_{l−1}
		if gb != nil {
			colSumTo(gb, g, nb, out) // ∇b_l = Σ_i δ_l[i]
		}
		if l > 1 {
			prev := p.g[l-1]
			kernel.MulTo(prev, g, w, nb, out, in) // δ_l W_l
			if p.pb != nil {
				copy(p.pb[l-1], prev)
			}
			for i, d := range p.d1[l-1] {
				prev[i] *= d // δ_{l−1} = (δ_l W_l) ⊙ σ'(z_{l−1})
			}
		}
	}
}

// accuracy returns the fraction of samples whose arg-max output equals the
// label, or NaN without labels.
func (p *pass) accuracy(o *Objective) float64 {
	if p.labels == nil || o.Data.Classes == 0 {
		return math.NaN()
	}
	L := p.arch.Layers()
	c := p.arch.Sizes[L]
	correct := 0
	for i := 0; i < p.nb; i++ {
		row := p.a[L][i*c : (i+1)*c]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		if best == p.labels[i] {
			correct++
		}
	}
	if p.nb == 0 {
		return math.NaN()
	}
	return float64(correct) / float64(p.nb)
}

// fillRows sets every row of the nb×w matrix m to b (zeros if b is nil).
func fillRows(m, b []float64, nb, w int) {
	if b == nil {
		clear(m[:nb*w])
		return
	}
	for i := 0; i < nb; i++ {
		copy(m[i*w:(i+1)*w], b)
	}
}

// colSumTo sets dst[j] = Σ_i m[i][j] for the nb×w matrix m, summing i in
// ascending order.
func colSumTo(dst, m []float64, nb, w int) {
	clear(dst)
	for i := 0; i < nb; i++ {
		row := m[i*w : (i+1)*w]
		for j, v := range row {
			dst[j] += v
		}
	}
}
