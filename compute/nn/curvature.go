package nn

import "github.com/overparam/overparam/compute/kernel"

// Kind selects a curvature matrix of the loss.
type Kind int

const (
	// Hessian is ∇²L(θ), computed exactly with the R-operator.
	Hessian Kind = iota
	// GaussNewton is the generalised Gauss-Newton matrix Σ Jᵢᵀ H_f Jᵢ (scaled),
	// positive semi-definite for the convex losses here.
	GaussNewton
)

func (k Kind) String() string {
	if k == GaussNewton {
		return "gauss-newton"
	}
	return "hessian"
}

// Curvature is the Hessian or Gauss-Newton matrix of an Objective at a fixed
// θ, as a symmetric linear operator (it satisfies spectrum.Operator).
//
// NewCurvature runs the forward and backward pass at θ once and caches the
// activations, the derivatives σ', σ″ and the backpropagated errors; each
// MulVecTo then costs one forward and one backward pass of directional
// derivatives. A Curvature is not safe for concurrent use.
type Curvature struct {
	obj   Objective
	kind  Kind
	theta []float64
	grad  []float64
	loss  float64
	p     *pass

	rz, ra, rg [][]float64 // R{z_l}, R{a_l}, R{δ_l}
	vt         []float64   // V_lᵀ for the current layer
	gt         [][]float64 // δ_lᵀ (Hessian cross terms)
	e          [][]float64 // (δ_{l+1} W_{l+1}) ⊙ σ''(z_l)
	products   int
}

// NewCurvature returns the curvature operator of kind at θ. It copies θ, so
// later changes to theta do not affect the operator.
func NewCurvature(o *Objective, theta []float64, kind Kind) *Curvature {
	o.checkTheta(theta)
	c := &Curvature{obj: Objective{Arch: o.Arch, Data: o.Data, Idx: o.Idx, Scale: o.Scale}, kind: kind}
	c.theta = append([]float64(nil), theta...)
	c.grad = make([]float64, len(theta))
	a := o.Arch
	L := a.Layers()
	nb := c.obj.Count()
	curv := kind == Hessian && curved(a.Act)
	c.p = newPass(a, nb, curv)
	c.p.forward(&c.obj, c.theta, true)
	c.p.backward(c.theta, c.grad)
	c.loss = c.p.lossSum * c.obj.scale()

	c.rz = make([][]float64, L+1)
	c.ra = make([][]float64, L+1)
	c.rg = make([][]float64, L+1)
	maxIn := 0
	for l := 1; l <= L; l++ {
		w := a.Sizes[l]
		c.rz[l] = make([]float64, nb*w)
		c.rg[l] = make([]float64, nb*w)
		if l < L {
			c.ra[l] = make([]float64, nb*w)
		}
		maxIn = max(maxIn, a.Sizes[l-1]*w)
	}
	c.vt = make([]float64, maxIn)
	if kind == Hessian {
		c.gt = make([][]float64, L+1)
		for l := 2; l <= L; l++ {
			c.gt[l] = make([]float64, nb*a.Sizes[l])
			kernel.TransposeTo(c.gt[l], c.p.g[l], nb, a.Sizes[l])
		}
		if curv {
			c.e = make([][]float64, L)
			for l := 1; l < L; l++ {
				e := make([]float64, nb*a.Sizes[l])
				for i := range e {
					e[i] = c.p.pb[l][i] * c.p.d2[l][i]
				}
				c.e[l] = e
			}
		}
	}
	return c
}

// Dim returns the number of parameters.
func (c *Curvature) Dim() int { return len(c.theta) }

// Loss returns L(θ) at the operator's θ.
func (c *Curvature) Loss() float64 { return c.loss }

// Gradient returns ∇L(θ) at the operator's θ. The slice is shared; do not
// modify it.
func (c *Curvature) Gradient() []float64 { return c.grad }

// Products returns how many matrix-vector products MulVecTo has computed.
func (c *Curvature) Products() int { return c.products }

// MulVecTo sets dst = H·v (or G·v for Gauss-Newton). dst and v have length
// Dim and must not alias.
func (c *Curvature) MulVecTo(dst, v []float64) {
	if len(dst) != len(c.theta) || len(v) != len(c.theta) {
		panic("nn: Curvature.MulVecTo length mismatch")
	}
	c.products++
	a, p, nb, L := c.obj.Arch, c.p, c.p.nb, c.obj.Arch.Layers()
	hess := c.kind == Hessian

	// Forward: R{z_l} = c_l + a_{l−1} V_lᵀ + R{a_{l−1}} W_lᵀ, R{a_l} = σ'(z_l) ⊙ R{z_l}.
	for l := 1; l <= L; l++ {
		in, out := a.Sizes[l-1], a.Sizes[l]
		vw, vb := a.Layer(v, l)
		rz := c.rz[l]
		fillRows(rz, vb, nb, out)
		kernel.TransposeTo(c.vt, vw, out, in)
		kernel.MulAddTo(rz, p.a[l-1], c.vt[:in*out], nb, in, out)
		if l > 1 {
			kernel.MulAddTo(rz, c.ra[l-1], p.wt[l], nb, in, out)
		}
		if l < L {
			ra, d1 := c.ra[l], p.d1[l]
			for i, x := range rz {
				ra[i] = d1[i] * x
			}
		}
	}

	// Output: R{δ_L} = scale·s²·H_f R{z_L}, sample by sample.
	out := a.Sizes[L]
	s := a.Scale()
	k := p.scale * s * s
	rgL := c.rg[L]
	for i := 0; i < nb; i++ {
		var prob []float64
		if p.p != nil {
			prob = p.p[i*out : (i+1)*out]
		}
		row := rgL[i*out : (i+1)*out]
		outputHessianMul(a.Loss, row, prob, c.rz[L][i*out:(i+1)*out])
		for j := range row {
			row[j] *= k
		}
	}

	// Backward, l = L … 1:
	//   (Hv)_{W_l} = R{δ_l}ᵀ a_{l−1} + δ_lᵀ R{a_{l−1}}    (second term: Hessian only)
	//   (Hv)_{b_l} = Σ_i R{δ_l}[i]
	//   R{δ_{l−1}} = (R{δ_l} W_l + δ_l V_l) ⊙ σ'(z_{l−1}) + (δ_l W_l) ⊙ σ''(z_{l−1}) ⊙ R{z_{l−1}}
	for l := L; l >= 1; l-- {
		in, out := a.Sizes[l-1], a.Sizes[l]
		hw, hb := a.Layer(dst, l)
		w, _ := a.Layer(c.theta, l)
		rg := c.rg[l]
		kernel.MulTransATo(hw, rg, p.a[l-1], p.tmp, out, nb, in) // R{δ_l}ᵀ a_{l−1}
		if hess && l > 1 {
			kernel.MulAddTo(hw, c.gt[l], c.ra[l-1], out, nb, in)
		}
		if hb != nil {
			colSumTo(hb, rg, nb, out)
		}
		if l == 1 {
			break
		}
		prev := c.rg[l-1]
		kernel.MulTo(prev, rg, w, nb, out, in)
		if hess {
			vw, _ := a.Layer(v, l)
			kernel.MulAddTo(prev, p.g[l], vw, nb, out, in)
		}
		d1 := p.d1[l-1]
		for i := range prev {
			prev[i] *= d1[i]
		}
		if c.e != nil {
			e, rz := c.e[l-1], c.rz[l-1]
			for i := range prev {
				prev[i] += float64(e[i] * rz[i])
			}
		}
	}
}
