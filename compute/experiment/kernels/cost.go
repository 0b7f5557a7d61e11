package kernels

import (
	"math"

	"github.com/overparam/overparam/compute/experiment"
)

// Cost estimates the whole run as the worker pool runs it, in the units of
// experiment.Cost. A robustness point, per seed: the Gaussian draws of X
// (N×d), W (d×k) and the test points (normalOps each), XW (Ndk, kernel
// product), the activations (elementwise), the N×N kernel (random
// features FFᵀ: N²k; NTK (XXᵀ)∘(DDᵀ): N²(d+k)), its Cholesky factor
// (N³/3), the NTK's Θ = Xᵀdiag(α)D (Ndk), and per test point the gradient
// (2dk for random features, 4dk for the NTK). A qnn point: per step and
// sample, the forward pass (the encoding's n rotations, 2nL rotations and
// (n−1)L CNOTs, each a pass over 2ⁿ complex amplitudes) and the adjoint
// pass (three times the forward). It assumes a valid model and lists.
func (s *Spec) Cost() experiment.Cost {
	var c experiment.Cost
	if s.Model == "qnn" {
		n, amps := float64(s.Qubits), float64(int(1)<<s.Qubits)
		for _, L := range s.Depths {
			gates := n + float64(2*n*float64(L)) + float64((n-1)*float64(L))
			perStep := float64(4*gates) * float64(amps*qnnGateOps)
			ops := float64(float64(s.Steps*s.QSamples) * perStep)
			c.Ops = satAdd(c.Ops, experiment.ToInt(float64(ops*float64(len(splitList(s.Gammas))))))
		}
		c.Bytes = int64(8 * (1 << s.Qubits) * 8 * (2*s.Qubits*64 + 4))
		return finish(c)
	}
	N, d, t := float64(s.Samples), float64(s.Dim), float64(s.Tests)
	for _, cv := range s.Curves() {
		for _, k := range cv.Widths {
			fk := float64(k)
			draws := float64(float64(float64(N*d)+float64(d*fk)+float64(t*d)) * normalOps)
			matmul := float64(float64(N*d)*fk) + float64(float64(N*N)*fk)
			grad := 2.0
			if cv.Model == "ntk" {
				matmul += float64(float64(N*N)*d) + float64(float64(N*d)*fk)
				grad = 4
			}
			elem := float64(float64(N*fk)*elementwiseOps) + float64(float64(t*fk)*elementwiseOps) + float64(grad*float64(float64(t*d)*fk))
			chol := float64(N*N) * N / 3
			seeds := float64(s.Seeds)
			c.MatMul = satAdd(c.MatMul, experiment.ToInt(float64(seeds*matmul)))
			c.Ops = satAdd(c.Ops, experiment.ToInt(float64(seeds*float64(draws+matmul+elem+chol))))
			words := float64(N*d) + float64(d*fk) + float64(2*N*fk) + float64(3*N*N)
			if cv.Model == "ntk" {
				words += float64(d * fk)
			}
			c.Bytes = max(c.Bytes, experiment.ToInt(8*words))
		}
	}
	return finish(c)
}

// Operation counts the estimate charges: a standard normal draw (Marsaglia's
// polar method: two uniforms, a logarithm and a square root, 1.27 tries on
// average; rng.Normal is 51% of the default robustness run's CPU profile,
// about as long as 100 multiply-adds of a matrix product), an activation
// with its two derivatives, and one qubit gate's work per amplitude (a
// complex 2×2 product on each pair).
const (
	normalOps      = 100
	elementwiseOps = 12
	qnnGateOps     = 8
)

func finish(c experiment.Cost) experiment.Cost {
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
