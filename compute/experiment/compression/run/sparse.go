package run

import (
	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/nn"
)

// SparseNet is an MLP (ReLU hidden layers, softmax cross-entropy) whose
// weights are masked: θ is in nn's layout (Arch.Layer), an inactive weight
// is exactly 0, and each layer's active weights are listed row by row and
// column by column, so the forward and backward passes touch only them.
// Biases are always active and do not count in the density.
//
// The forward pass and the weight gradient run column by column over the
// nonzero inputs of each sample only (a digit is mostly blank, and ReLU
// zeroes about half the hidden units): a skipped term w·0 is ±0, and
// adding ±0 to a sum that starts at +0 never changes it (a round-to-nearest
// sum of finite values is never −0), so the sums are bit for bit those of
// the row-by-row loops over every active weight, in the same order.
type SparseNet struct {
	Arch  *nn.Arch
	Theta []float64
	// Mask[l-1][j*in+k] says whether weight (j, k) of layer l is active.
	Mask [][]bool
	// rows[l-1][j] lists the active inputs k of unit j of layer l, increasing.
	rows [][][]int32
	// cols[l-1] lists the active weights of layer l column by column.
	cols []colList
	// buf holds the passes' buffers between calls, by name and layer.
	buf map[[2]int][]float64
}

// scratch returns a zeroed buffer of length n for (name, layer), reused
// between calls so that training allocates nothing per step.
func (n *SparseNet) scratch(name, layer, size int) []float64 {
	if n.buf == nil {
		n.buf = map[[2]int][]float64{}
	}
	key := [2]int{name, layer}
	b := n.buf[key]
	if cap(b) < size {
		b = make([]float64, size)
		n.buf[key] = b
	}
	b = b[:size]
	clear(b)
	return b
}

// colList lists a layer's active weights by input k, k increasing: those
// of input k are at[start[k]:start[k+1]], units j increasing.
type colList struct {
	start []int32
	at    []colEntry
}

// colEntry is an active weight: its unit j and its position j·in + k in
// the layer's weights.
type colEntry struct {
	unit, pos int32
}

// The names of scratch buffers.
const (
	bufActs = iota
	bufDelta
	bufBack
)

// NewSparseNet wraps θ and masks; it zeroes the inactive weights and lists
// the active ones.
func NewSparseNet(a *nn.Arch, theta []float64, mask [][]bool) *SparseNet {
	n := &SparseNet{Arch: a, Theta: theta, Mask: mask}
	n.Reindex()
	return n
}

// Reindex zeroes the inactive weights and rebuilds the row lists after the
// masks changed.
func (n *SparseNet) Reindex() {
	n.rows = make([][][]int32, n.Arch.Layers())
	n.cols = make([]colList, n.Arch.Layers())
	for l := 1; l <= n.Arch.Layers(); l++ {
		w, _ := n.Arch.Layer(n.Theta, l)
		in, out := n.Arch.Sizes[l-1], n.Arch.Sizes[l]
		m := n.Mask[l-1]
		rows := make([][]int32, out)
		for j := range out {
			for k := range in {
				if m[j*in+k] {
					rows[j] = append(rows[j], int32(k))
				} else {
					w[j*in+k] = 0
				}
			}
		}
		n.rows[l-1] = rows
		c := colList{start: make([]int32, in+1)}
		for k := range in {
			c.start[k] = int32(len(c.at))
			for j := range out {
				if m[j*in+k] {
					c.at = append(c.at, colEntry{int32(j), int32(j*in + k)})
				}
			}
		}
		c.start[in] = int32(len(c.at))
		n.cols[l-1] = c
	}
}

// SGDStep takes one gradient step θ ← θ − lr·grad on the active weights
// and the biases; the inactive weights stay 0, as a step over all of θ
// would leave them (their gradient is 0, and 0 − lr·0 = +0).
func (n *SparseNet) SGDStep(grad []float64, lr float64) {
	for l := 1; l <= n.Arch.Layers(); l++ {
		w, b := n.Arch.Layer(n.Theta, l)
		gw, gb := n.Arch.Layer(grad, l)
		for _, e := range n.cols[l-1].at {
			w[e.pos] -= float64(lr * gw[e.pos])
		}
		for j, g := range gb {
			b[j] -= float64(lr * g)
		}
	}
}

// Active returns the number of active weights of layer l.
func (n *SparseNet) Active(l int) int {
	c := 0
	for _, r := range n.rows[l-1] {
		c += len(r)
	}
	return c
}

// sparsePass holds the activations of a batch: acts[0] the inputs,
// acts[l] the outputs of layer l (after ReLU for hidden layers, the
// logits for the last), each B×width row-major.
type sparsePass struct {
	acts [][]float64
}

// forward computes the activations of the samples idx of set. Each unit's
// pre-activation is Σ_k w_jk x_k over its active inputs in increasing k
// (those with x_k = 0 skipped, which changes no bit: see SparseNet), then
// + b_j.
func (n *SparseNet) forward(set *data.Set, idx []int) *sparsePass {
	a := n.Arch
	bsz := len(idx)
	p := &sparsePass{acts: make([][]float64, a.Layers()+1)}
	x := n.scratch(bufActs, 0, bsz*set.Dim)
	for i, s := range idx {
		copy(x[i*set.Dim:(i+1)*set.Dim], set.Row(s))
	}
	p.acts[0] = x
	for l := 1; l <= a.Layers(); l++ {
		w, b := a.Layer(n.Theta, l)
		in, out := a.Sizes[l-1], a.Sizes[l]
		prev := p.acts[l-1]
		h := n.scratch(bufActs, l, bsz*out)
		c := &n.cols[l-1]
		for i := range bsz {
			xi := prev[i*in : (i+1)*in]
			hi := h[i*out : (i+1)*out]
			for k, xk := range xi {
				if xk == 0 {
					continue
				}
				for _, e := range c.at[c.start[k]:c.start[k+1]] {
					hi[e.unit] += float64(w[e.pos] * xk)
				}
			}
			for j := range hi {
				z := hi[j] + b[j]
				if l < a.Layers() {
					z = max(0, z)
				}
				hi[j] = z
			}
		}
		p.acts[l] = h
	}
	return p
}

// Accuracy returns the fraction of set's samples whose largest logit is
// their label (the first largest on ties).
func (n *SparseNet) Accuracy(set *data.Set) float64 {
	idx := make([]int, set.N)
	for i := range idx {
		idx[i] = i
	}
	p := n.forward(set, idx)
	out := n.Arch.Sizes[n.Arch.Layers()]
	f := p.acts[len(p.acts)-1]
	correct := 0
	for i := range set.N {
		row := f[i*out : (i+1)*out]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		if best == set.Labels[i] {
			correct++
		}
	}
	return float64(correct) / float64(set.N)
}

// LossGradTo writes into grad (nn's layout, zero at inactive weights) the
// gradient of the mean cross-entropy over the samples idx, and returns the
// loss. Weight gradients sum over the batch in sample order; the errors
// sent back to a unit sum over the units of the layer above in order.
func (n *SparseNet) LossGradTo(grad []float64, set *data.Set, idx []int) float64 {
	a := n.Arch
	L := a.Layers()
	p := n.forward(set, idx)
	bsz := len(idx)
	out := a.Sizes[L]
	inv := 1 / float64(bsz)
	// δ = (softmax(f) − e_y)/B at the output.
	delta := n.scratch(bufDelta, L, bsz*out)
	var loss float64
	for i := range bsz {
		f := p.acts[L][i*out : (i+1)*out]
		m := f[0]
		for _, v := range f[1:] {
			m = max(m, v)
		}
		var sum float64
		d := delta[i*out : (i+1)*out]
		for j, v := range f {
			d[j] = fmath.Exp(v - m)
			sum += d[j]
		}
		y := set.Labels[idx[i]]
		loss += fmath.Log(sum) + m - f[y]
		for j := range d {
			d[j] = d[j] / sum
		}
		d[y] -= 1
		for j := range d {
			d[j] *= inv
		}
	}
	clear(grad)
	for l := L; l >= 1; l-- {
		gw, gb := a.Layer(grad, l)
		w, _ := a.Layer(n.Theta, l)
		in, units := a.Sizes[l-1], a.Sizes[l]
		prev := p.acts[l-1]
		c := &n.cols[l-1]
		for i := range bsz {
			d := delta[i*units : (i+1)*units]
			xi := prev[i*in : (i+1)*in]
			for k, xk := range xi {
				if xk == 0 {
					continue
				}
				for _, e := range c.at[c.start[k]:c.start[k+1]] {
					gw[e.pos] += float64(d[e.unit] * xk)
				}
			}
			for j := range gb {
				gb[j] += d[j]
			}
		}
		if l == 1 {
			break
		}
		back := n.scratch(bufBack, l-1, bsz*in)
		for i := range bsz {
			d := delta[i*units : (i+1)*units]
			bi := back[i*in : (i+1)*in]
			for j, ks := range n.rows[l-1] {
				wj := w[j*in : (j+1)*in]
				for _, k := range ks {
					bi[k] += float64(wj[k] * d[j])
				}
			}
			// ReLU′: the error passes where the unit was positive.
			for k := range bi {
				if prev[i*in+k] <= 0 {
					bi[k] = 0
				}
			}
		}
		delta = back
	}
	return loss * inv
}
