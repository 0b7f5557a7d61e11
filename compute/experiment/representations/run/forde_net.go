package run

import (
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/nn"
)

// tanhNet evaluates one tanh MLP (nn's parameter layout) sample by sample:
// its logits, the input gradient of one logit, the cross-entropy gradient,
// and the θ-gradient of a directional derivative of a logit along the
// input (double backpropagation, exact). Scratch buffers make it unfit for
// concurrent use.
type tanhNet struct {
	a    *nn.Arch
	z, t [][]float64 // pre-activations z_l and activations t_l (t_0 = x)
	zd   [][]float64 // tangents ż_l
	ad   [][]float64 // tangents ȧ_l (ȧ_0 = v)
	dl   [][]float64 // adjoints
	dz   [][]float64 // second adjoints (of the primal z through σ')
	tmp  []float64
	tmp2 []float64
}

func newTanhNet(a *nn.Arch) *tanhNet {
	L := a.Layers()
	n := &tanhNet{a: a}
	mk := func() [][]float64 {
		s := make([][]float64, L+1)
		for l := range s {
			s[l] = make([]float64, a.Sizes[l])
		}
		return s
	}
	n.z, n.t, n.zd, n.ad, n.dl, n.dz = mk(), mk(), mk(), mk(), mk(), mk()
	w := 0
	for _, s := range a.Sizes {
		w = max(w, s)
	}
	n.tmp, n.tmp2 = make([]float64, w), make([]float64, w)
	return n
}

// forward sets z and t for input x and returns the logits z_L (a view).
func (n *tanhNet) forward(theta, x []float64) []float64 {
	L := n.a.Layers()
	copy(n.t[0], x)
	for l := 1; l <= L; l++ {
		w, b := n.a.Layer(theta, l)
		in, out := n.a.Sizes[l-1], n.a.Sizes[l]
		for o := range out {
			s := b[o]
			for i := range in {
				s += float64(w[o*in+i] * n.t[l-1][i])
			}
			n.z[l][o] = s
			if l < L {
				n.t[l][o] = fmath.Tanh(s)
			} else {
				n.t[l][o] = s
			}
		}
	}
	return n.z[L]
}

// backTo sets dst = W_lᵀ g (length Sizes[l−1]).
func (n *tanhNet) backTo(dst, theta []float64, l int, g []float64) {
	w, _ := n.a.Layer(theta, l)
	in, out := n.a.Sizes[l-1], n.a.Sizes[l]
	for i := range in {
		var s float64
		for o := range out {
			s += float64(w[o*in+i] * g[o])
		}
		dst[i] = s
	}
}

// inputGradTo sets s = ∇_x z_L[y] after forward.
func (n *tanhNet) inputGradTo(s, theta []float64, y int) {
	L := n.a.Layers()
	g := n.dl[L]
	clear(g)
	g[y] = 1
	for l := L; l >= 1; l-- {
		if l == 1 {
			n.backTo(s, theta, 1, g)
			return
		}
		prev := n.dl[l-1]
		n.backTo(prev, theta, l, g)
		for i, t := range n.t[l-1] {
			prev[i] *= 1 - float64(t*t)
		}
		g = prev
	}
}

// addGrad adds scale · (δ_l a_{l−1}ᵀ, δ_l) to layer l of grad (the bias
// part only with bias).
func (n *tanhNet) addGrad(grad []float64, l int, delta, a []float64, scale float64, bias bool) {
	gw, gb := n.a.Layer(grad, l)
	in := n.a.Sizes[l-1]
	for o, d := range delta {
		sd := float64(scale * d)
		for i := range in {
			gw[o*in+i] += float64(sd * a[i])
		}
		if bias {
			gb[o] += sd
		}
	}
}

// addCEGrad adds scale·∇_θ of the cross-entropy of label y after forward,
// and returns the loss −log softmax(z_L)_y.
func (n *tanhNet) addCEGrad(grad, theta []float64, y int, scale float64) float64 {
	L := n.a.Layers()
	zl := n.z[L]
	m := zl[0]
	for _, v := range zl {
		m = max(m, v)
	}
	var sum float64
	for _, v := range zl {
		sum += fmath.Exp(v - m)
	}
	g := n.dl[L]
	for c, v := range zl {
		g[c] = fmath.Exp(v-m) / sum
	}
	g[y] -= 1
	loss := m + fmath.Log(sum) - zl[y]
	for l := L; l >= 1; l-- {
		n.addGrad(grad, l, g, n.t[l-1], scale, true)
		if l == 1 {
			break
		}
		prev := n.dl[l-1]
		n.backTo(prev, theta, l, g)
		for i, t := range n.t[l-1] {
			prev[i] *= 1 - float64(t*t)
		}
		g = prev
	}
	return loss
}

// addDirectionalGrad adds scale·∇_θ D to grad, where D = vᵀ∇_x z_L[y] is
// the derivative of logit y along v at the input of the last forward (the
// R-operator forward pass with R{x} = v, then its reverse pass;
// Pearlmutter 1994, eqs. 3–6, for tanh with σ' = 1 − t², σ” = −2tσ').
func (n *tanhNet) addDirectionalGrad(grad, theta, v []float64, y int, scale float64) {
	L := n.a.Layers()
	copy(n.ad[0], v)
	for l := 1; l <= L; l++ {
		w, _ := n.a.Layer(theta, l)
		in, out := n.a.Sizes[l-1], n.a.Sizes[l]
		for o := range out {
			var s float64
			for i := range in {
				s += float64(w[o*in+i] * n.ad[l-1][i])
			}
			n.zd[l][o] = s
			if l < L {
				t := n.t[l][o]
				n.ad[l][o] = float64((1 - float64(t*t)) * s)
			}
		}
	}
	zdb, zb := n.dl[L], n.dz[L] // adjoints of ż_L and z_L
	clear(zdb)
	clear(zb)
	zdb[y] = 1
	for l := L; l >= 1; l-- {
		n.addGrad(grad, l, zdb, n.ad[l-1], scale, false) // from ż_l = W_l ȧ_{l−1}
		n.addGrad(grad, l, zb, n.t[l-1], scale, true)    // from z_l = W_l t_{l−1} + b_l
		in := n.a.Sizes[l-1]
		if l == 1 {
			return
		}
		ab, bb := n.tmp[:in], n.tmp2[:in]
		n.backTo(ab, theta, l, zdb) // adjoint of ȧ_{l−1}
		n.backTo(bb, theta, l, zb)  // adjoint of t_{l−1}
		nzdb, nzb := n.dl[l-1], n.dz[l-1]
		for i, t := range n.t[l-1] {
			d1 := 1 - float64(t*t)
			d2 := float64(-2*t) * d1
			nzdb[i] = float64(d1 * ab[i])
			nzb[i] = float64(d1*bb[i]) + float64(float64(d2*n.zd[l-1][i])*ab[i])
		}
		zdb, zb = nzdb, nzb
	}
}
