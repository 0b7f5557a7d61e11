// Package bench defines the reference workloads on which Overparam measures
// the cost of its second-order machinery — gradients, Hessian-vector
// products, Gauss-Newton products, Lanczos steps and SLQ probes — natively
// and in js/wasm, and holds the benchmarks that measure them. BENCHMARKS.md
// at the repository root records the numbers and the commands.
//
// # Workloads
//
// Every workload is a full-batch mean training loss (softmax cross-entropy)
// of a fully connected network at its initial parameters, drawn with
// nn.InitDefault from rng.New(1, rng.Init). Data come from seed 1; the test
// sets are drawn but unused.
//
//	W0  2-10-5-2 ReLU, 100 points of a 2-class mixture in ℝ² (separation 3):
//	    Sagun's toy setup, 97 parameters.
//	W1  64-128-128-10 tanh, 1,000 points of a 10-class mixture in ℝ⁶⁴
//	    (separation 3): 26,122 parameters.
//	W2  784-100-10 tanh, 1,000 MNIST digits at 28×28: 79,510 parameters.
//
// # Counting flops
//
// The benchmarks report MFLOP/op and GFLOP/s counting only the dense matrix
// products of package kernel, 2·n·in·out flops for an n-sample product with an
// in×out weight matrix (one multiply and one add per term). With P_l = in_l·out_l
// for layer l = 1 … L and P = Σ_l P_l, read off nn's passes:
//
//	gradient            forward P, weight gradients P, errors P − P₁:   2n(3P − P₁)
//	Hessian product     R-forward 2P − P₁, weight terms 2P − P₁,
//	                    R-errors 2(P − P₁):                             2n(6P − 4P₁)
//	Gauss-Newton        R-forward 2P − P₁, weight terms P, errors P − P₁: 2n(4P − 2P₁)
//
// so a warm Hessian product is 2(6P − 4P₁)/(2(3P − P₁)) ≈ 1.8 gradients of
// arithmetic on W1. Activations, the softmax, transposes and bias sums are not
// counted. A Lanczos step at 0-based step j adds 8(j+1)·d flops of full
// reorthogonalization (two classical Gram–Schmidt passes, each a product with
// Q_jᵀ and one with Q_j) on d parameters.
//
// # References
//
//   - L. Sagun, L. Bottou & Y. LeCun, "Eigenvalues of the Hessian in deep
//     learning: singularity and beyond", arXiv:1611.07476, 2016: the small
//     ReLU network on a 2-D Gaussian mixture that W0 follows.
//   - Y. LeCun, L. Bottou, Y. Bengio & P. Haffner, "Gradient-based learning
//     applied to document recognition", Proc. IEEE 86(11), 1998: MNIST.
//   - B. A. Pearlmutter, "Fast exact multiplication by the Hessian", Neural
//     Computation 6(1), 1994: the product whose cost is measured.
//   - B. Ghorbani, S. Krishnan & Y. Xiao, "An investigation into neural net
//     optimization via Hessian eigenvalue density", ICML 2019: 80-step SLQ.
package bench
