package run

import (
	"fmt"
	"math"
	"sort"

	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// cogoNet is the two-layer network of Tian 2024 (CoGO) on a + b mod d:
// o(a, b) = C (A e_a + B e_b)^∘2 with A, B ∈ R^{h×d}, C ∈ R^{d×h}, no
// biases, quadratic activation. Row-major: a[j*d+x], c[z*h+j].
type cogoNet struct {
	d, h    int
	a, b, c []float64
}

// cogoData is the split of the d² pairs (a, b) into training and test.
type cogoData struct {
	d           int
	train, test [][2]int
}

// newCogoData shuffles the d² pairs with the Data stream of seed and
// keeps the first ⌊0.9d²⌋ for training (Tian's test_size 0.1).
func newCogoData(d int, seed uint64) *cogoData {
	r := rng.New(seed, rng.Data)
	pairs := make([][2]int, 0, d*d)
	for a := range d {
		for b := range d {
			pairs = append(pairs, [2]int{a, b})
		}
	}
	for i := len(pairs) - 1; i > 0; i-- {
		j := int(r.Uint64N(uint64(i + 1)))
		pairs[i], pairs[j] = pairs[j], pairs[i]
	}
	n := d * d * 9 / 10
	return &cogoData{d: d, train: pairs[:n], test: pairs[n:]}
}

// newCogoNet draws A, B ~ U(±1/√d) and C ~ U(±1/√h) from the Init stream.
func newCogoNet(d, h int, seed uint64) *cogoNet {
	r := rng.New(seed, rng.Init)
	n := &cogoNet{d: d, h: h, a: make([]float64, h*d), b: make([]float64, h*d), c: make([]float64, d*h)}
	for _, m := range []struct {
		w     []float64
		bound float64
	}{{n.a, 1 / math.Sqrt(float64(d))}, {n.b, 1 / math.Sqrt(float64(d))}, {n.c, 1 / math.Sqrt(float64(h))}} {
		for i := range m.w {
			m.w[i] = float64(2*rng.Uniform(r)-1) * m.bound
		}
	}
	return n
}

// lossGrad returns the centered squared error averaged over pairs,
// L = (1/n) Σ_i ‖o_i − mean_z(o_i) − (e_{y_i} − 1/d)‖², with
// y = a + b mod d, and, if ga is not nil, writes its gradient into ga, gb,
// gc. It also returns the accuracy (argmax_z o = y). The first layer is a
// column gather, A[:, a] + B[:, b].
func (n *cogoNet) lossGrad(pairs [][2]int, ga, gb, gc []float64) (loss, acc float64) {
	d, h := n.d, n.h
	pre, sq, o, ds := make([]float64, h), make([]float64, h), make([]float64, d), make([]float64, h)
	for _, g := range [][]float64{ga, gb, gc} {
		for i := range g {
			g[i] = 0
		}
	}
	scale := 2 / float64(len(pairs))
	for _, p := range pairs {
		a, b := p[0], p[1]
		y := (a + b) % d
		for j := range h {
			pre[j] = n.a[j*d+a] + n.b[j*d+b]
			sq[j] = float64(pre[j] * pre[j])
		}
		var mean float64
		for z := range d {
			o[z] = dot(n.c[z*h:(z+1)*h], sq)
			mean += o[z]
		}
		mean /= float64(d)
		best := 0
		for z := range d {
			if o[z] > o[best] {
				best = z
			}
		}
		for z := range d {
			t := -1 / float64(d)
			if z == y {
				t += 1
			}
			o[z] = o[z] - mean - t // the residual r_z; Σ_z r_z = 0
			loss += float64(o[z] * o[z])
		}
		if best == y {
			acc++
		}
		if ga == nil {
			continue
		}
		// ∂L/∂o = scale·r (the centering's Jacobian keeps r, whose mean is 0).
		for j := range h {
			ds[j] = 0
		}
		for z := range d {
			g := float64(scale * o[z])
			for j := range h {
				gc[z*h+j] += float64(g * sq[j])
				ds[j] += float64(g * n.c[z*h+j])
			}
		}
		for j := range h {
			dh := float64(2 * float64(pre[j]*ds[j]))
			ga[j*d+a] += dh
			gb[j*d+b] += dh
		}
	}
	return loss / float64(len(pairs)), acc / float64(len(pairs))
}

// adam is Adam (Kingma & Ba 2015, Algorithm 1) with L2 weight decay added
// to the gradient, as torch.optim.Adam's weight_decay.
type adam struct {
	lr, decay, b1, b2, eps float64
	m, v                   [][]float64
	p1, p2                 float64 // β₁^t, β₂^t
}

func newAdam(lr, decay float64, sizes ...int) *adam {
	o := &adam{lr: lr, decay: decay, b1: 0.9, b2: 0.999, eps: 1e-8, p1: 1, p2: 1}
	for _, s := range sizes {
		o.m, o.v = append(o.m, make([]float64, s)), append(o.v, make([]float64, s))
	}
	return o
}

// step updates params with grads (one slice per tensor, as in newAdam).
func (o *adam) step(params, grads [][]float64) {
	o.p1, o.p2 = float64(o.p1*o.b1), float64(o.p2*o.b2)
	c1, c2 := 1-o.p1, 1-o.p2
	for k, w := range params {
		g, m, v := grads[k], o.m[k], o.v[k]
		for i := range w {
			gi := g[i] + float64(o.decay*w[i])
			m[i] = float64(o.b1*m[i]) + float64((1-o.b1)*gi)
			v[i] = float64(o.b2*v[i]) + float64(float64((1-o.b2)*gi)*gi)
			w[i] -= float64(o.lr*(m[i]/c1)) / (math.Sqrt(v[i]/c2) + o.eps)
		}
	}
}

// coolShare and coolFactor set the cool-down: the last epochs/coolShare
// epochs run at lr/coolFactor. At a constant learning rate Adam's step stays
// near lr however small the gradient (Kingma & Ba 2015, §2.1: |Δ| ≈ lr), so
// near a minimum the weights jitter at that scale and the loss floats on a
// floor near 10⁻⁴ at lr = 0.01 with occasional spikes: on a + b mod 13 at
// h = 48 two of six initialisations end 3000 epochs above 10⁻⁴ (1.3 and
// 1.7·10⁻⁴) although they were below it 500 epochs earlier. The last 10%
// at lr/10 lowers that floor; all six then end at 1.3–1.8·10⁻⁵.
const (
	coolShare  = 10
	coolFactor = 10
)

// trainCogo trains the network by full-batch Adam for epochs epochs, the
// last epochs/coolShare of them at lr/coolFactor, and returns it with its
// losses every record epochs (and the last).
func trainCogo(net *cogoNet, data *cogoData, epochs int, lr, decay float64, record int, progress func(int) bool) (losses []float64, epochsAt []int, err error) {
	ga, gb, gc := make([]float64, len(net.a)), make([]float64, len(net.b)), make([]float64, len(net.c))
	opt := newAdam(lr, decay, len(net.a), len(net.b), len(net.c))
	for e := 0; e <= epochs; e++ {
		if e == epochs-epochs/coolShare {
			opt.lr = lr / coolFactor
		}
		loss, _ := net.lossGrad(data.train, ga, gb, gc)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return nil, nil, fmt.Errorf("cogo: the loss is %g at epoch %d", loss, e)
		}
		if e%record == 0 || e == epochs {
			losses, epochsAt = append(losses, loss), append(epochsAt, e)
		}
		if e == epochs {
			break
		}
		opt.step([][]float64{net.a, net.b, net.c}, [][]float64{ga, gb, gc})
		if progress != nil && e%50 == 0 && !progress(e) {
			return nil, nil, errCanceled
		}
	}
	return losses, epochsAt, nil
}

// fourier holds the network's weights in the Fourier basis of Z_d, as
// Tian's analyze_util.py: Â = A·conj(F)/d, B̂ likewise, Ĉ = CᵀF/d, with
// F[x, k] = e^{2πixk/d}; re and im are h×d, [j*d+k].
type fourier struct {
	are, aim, bre, bim, cre, cim []float64
}

// dft returns (1/d) Σ_x w[j,x] e^{∓2πixk/d} for every row j of the h×d
// matrix w (sign −1: conj(F), +1: F), summed explicitly in x order, with
// fmath's cos and sin of the angle 2π(xk mod d)/d.
func dft(w []float64, h, d int, sign float64) (re, im []float64) {
	re, im = make([]float64, h*d), make([]float64, h*d)
	for j := range h {
		for k := range d {
			var sr, si float64
			for x := range d {
				ang := 2 * math.Pi * float64(x*k%d) / float64(d)
				cs, sn := fmath.Cos(ang), fmath.Sin(ang)
				sr += float64(w[j*d+x] * cs)
				si += float64(w[j*d+x] * float64(sign*sn))
			}
			re[j*d+k], im[j*d+k] = sr/float64(d), si/float64(d)
		}
	}
	return re, im
}

func (n *cogoNet) fourier() *fourier {
	d, h := n.d, n.h
	ct := make([]float64, h*d) // Cᵀ
	for z := range d {
		for j := range h {
			ct[j*d+z] = n.c[z*h+j]
		}
	}
	f := &fourier{}
	f.are, f.aim = dft(n.a, h, d, -1)
	f.bre, f.bim = dft(n.b, h, d, -1)
	f.cre, f.cim = dft(ct, h, d, 1)
	return f
}

// cogoStats is the algebraic structure of a trained network.
type cogoStats struct {
	dominant []int       // per node: argmax_{k ≤ (d−1)/2} |Â_jk|, −1 if ≤ activeThreshold
	orders   []int       // per frequency k = 1 … (d−1)/2: nodes whose dominant frequency is k
	rkkk     []float64   // per k = 1 … (d−1)/2: |Σ_j Â_kj B̂_kj Ĉ_kj|·2d, 1 at zero loss
	raacK    []float64   // per k = 1 … (d−1)/2: max of |Σ_j Â_kj Â_kj Ĉ_kj|·2d and |Σ_j B̂_kj B̂_kj Ĉ_kj|·2d
	raac     float64     // the largest raacK
	raacAll  float64     // every A², B² coefficient: max over m and k₃ ≠ 0 of |Σ_{k₁+k₂≡m} Σ_j Â_k₁j Â_k₂j Ĉ_k₃j|·2d (and B̂B̂Ĉ)
	energy   float64     // median over active nodes of the share of Σ_k |Â_jk|² in ±(dominant k)
	mag      [][]float64 // |Â_jk| for k = 0 … (d−1)/2, nodes sorted by dominant frequency
}

// activeThreshold is Tian's absolute threshold on |Â_jk| below which a
// node has no dominant frequency.
const activeThreshold = 0.05

func (n *cogoNet) stats() *cogoStats {
	d, h := n.d, n.h
	f := n.fourier()
	kmax := (d - 1) / 2
	st := &cogoStats{dominant: make([]int, h), orders: make([]int, kmax)}
	mod := func(re, im []float64, j, k int) float64 { return fmath.Hypot(re[j*d+k], im[j*d+k]) }
	var energies []float64
	for j := range h {
		best := 0
		for k := 1; k <= kmax; k++ {
			if mod(f.are, f.aim, j, k) > mod(f.are, f.aim, j, best) {
				best = k
			}
		}
		st.dominant[j] = -1
		if mod(f.are, f.aim, j, best) > activeThreshold {
			st.dominant[j] = best
			if best > 0 {
				st.orders[best-1]++
			}
			var tot float64
			for k := range d {
				tot += float64(mod(f.are, f.aim, j, k) * mod(f.are, f.aim, j, k))
			}
			in := mod(f.are, f.aim, j, best)
			share := float64(in * in)
			if best > 0 {
				share *= 2 // k and −k: |Â_{−k}| = |Â_k| for real A
			}
			energies = append(energies, share/tot)
		}
	}
	sort.Float64s(energies)
	if len(energies) > 0 {
		st.energy = energies[len(energies)/2]
	}
	// r_kkk = Σ_j Â_kj B̂_kj Ĉ_kj (complex).
	for k := 1; k <= kmax; k++ {
		var re, im float64
		for j := range h {
			pr := float64(f.are[j*d+k]*f.bre[j*d+k]) - float64(f.aim[j*d+k]*f.bim[j*d+k])
			pi := float64(f.are[j*d+k]*f.bim[j*d+k]) + float64(f.aim[j*d+k]*f.bre[j*d+k])
			re += float64(pr*f.cre[j*d+k]) - float64(pi*f.cim[j*d+k])
			im += float64(pr*f.cim[j*d+k]) + float64(pi*f.cre[j*d+k])
		}
		st.rkkk = append(st.rkkk, fmath.Hypot(re, im)*float64(2*d))
	}
	// The a·a·c and b·b·c potentials, the analogues of r_kkk with A (or B)
	// in place of B (or A): r_aac,k = Σ_j Â_kj Â_kj Ĉ_kj, which must vanish
	// at zero loss for a network whose nodes each live on one frequency
	// pair ±k (then it is the whole Fourier coefficient of C·(A e_a)^∘2 at
	// input frequency 2k and output frequency k, where the target has none).
	// For real weights r_aac,−k is the conjugate of r_aac,k.
	st.raacK = make([]float64, kmax)
	for _, x := range [][2][]float64{{f.are, f.aim}, {f.bre, f.bim}} {
		xr, xi := x[0], x[1]
		for k := 1; k <= kmax; k++ {
			var re, im float64
			for j := range h {
				pr := float64(xr[j*d+k]*xr[j*d+k]) - float64(xi[j*d+k]*xi[j*d+k])
				pi := float64(xr[j*d+k]*xi[j*d+k]) + float64(xi[j*d+k]*xr[j*d+k])
				re += float64(pr*f.cre[j*d+k]) - float64(pi*f.cim[j*d+k])
				im += float64(pr*f.cim[j*d+k]) + float64(pi*f.cre[j*d+k])
			}
			st.raacK[k-1] = max(st.raacK[k-1], fmath.Hypot(re, im)*float64(2*d))
			st.raac = max(st.raac, st.raacK[k-1])
		}
	}
	// The whole set: every coefficient of C·(A e_a)^∘2 (and of the B
	// term) at input frequency m and output frequency k₃ ≠ 0,
	// Σ_{k₁+k₂≡m} Σ_j Â_k₁j Â_k₂j Ĉ_k₃j, A and B separately.
	for _, x := range [][2][]float64{{f.are, f.aim}, {f.bre, f.bim}} {
		xr, xi := x[0], x[1]
		for m := range d {
			for k3 := 1; k3 < d; k3++ {
				var re, im float64
				for k1 := range d {
					k2 := ((m-k1)%d + d) % d
					for j := range h {
						pr := float64(xr[j*d+k1]*xr[j*d+k2]) - float64(xi[j*d+k1]*xi[j*d+k2])
						pi := float64(xr[j*d+k1]*xi[j*d+k2]) + float64(xi[j*d+k1]*xr[j*d+k2])
						re += float64(pr*f.cre[j*d+k3]) - float64(pi*f.cim[j*d+k3])
						im += float64(pr*f.cim[j*d+k3]) + float64(pi*f.cre[j*d+k3])
					}
				}
				st.raacAll = max(st.raacAll, fmath.Hypot(re, im)*float64(2*d))
			}
		}
	}
	// Heatmap rows, nodes sorted by dominant frequency (inactive last).
	order := make([]int, h)
	for j := range order {
		order[j] = j
	}
	key := func(j int) int {
		if st.dominant[j] < 0 {
			return d
		}
		return st.dominant[j]
	}
	sort.SliceStable(order, func(x, y int) bool { return key(order[x]) < key(order[y]) })
	for _, j := range order {
		row := make([]float64, kmax+1)
		for k := range row {
			row[k] = mod(f.are, f.aim, j, k)
		}
		st.mag = append(st.mag, row)
	}
	return st
}
