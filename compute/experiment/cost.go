package experiment

import (
	"fmt"
	"math"
	"time"

	"github.com/overparam/overparam/compute/arch"
)

// Cost is the estimated size of a whole run: every training step, every
// curvature product, Lanczos's reorthogonalisation, dense eigenvalues and
// every sweep point, as the browser's worker pool runs them. It is an
// upper bound when a run may stop early (gradtol, a Lanczos breakdown).
type Cost struct {
	// Ops counts arithmetic in multiply-adds: the matrix products of
	// package kernel (MatMul), Lanczos's Gram–Schmidt passes, the dense
	// Householder reduction and least-squares factorisations, and about
	// ElementwiseOps per unit and sample for each pass's activations.
	Ops int64 `json:"ops"`
	// MatMul is the part of Ops spent in kernel.MulTo and kernel.MulAddTo
	// (m·k·n per call), the part kernel.MulAdds measures.
	MatMul int64 `json:"matmul"`
	// Products counts curvature-vector products (Hessian or Gauss-Newton).
	Products int64 `json:"products"`
	// Bytes is the most memory one worker needs at once.
	Bytes int64 `json:"bytes"`
	// Seconds is Ops / OpsPerSecond: about the time the browser app takes.
	Seconds float64 `json:"seconds"`
}

// OpsPerSecond is the calibration that turns Ops into Seconds: about the
// rate at which the browser app runs a spec's whole estimate, from the
// click on Run to the result, on this repository's reference machine
// (2-core AMD EPYC VM, Debian's Chromium, the SIMD kernel, a pool of two
// workers; BENCHMARKS.md, "Cost estimates"). Measured with
//
//	make build && OVERPARAM_E2E=1 \
//	  go test -count=1 -run '^$' -bench EstimateRate -benchtime 1x ./e2e
//
// on six links (the default spectrum, hidden = 256, two 64-unit layers,
// the default paths, the mlp and features sweeps): 0.56–2.3·10⁹ ops/s,
// geometric mean 1.03·10⁹, with six other sessions loading the two cores
// (load average 15–16), so a quiet machine runs faster. Small networks (mean-field paths, the mlp
// sweep) run below it, since their elementwise work weighs more than
// ElementwiseOps says; wide ones above. Natively (gonum) the same specs run
// at 0.5–3·10⁹ ops/s (BenchmarkEstimateRate in this package), and as
// js/wasm under node with the pure-Go kernel at 1–5·10⁸.
const OpsPerSecond = 1e9

// Limits on a whole run, stated in Validate's messages.
const (
	// MemoryLimit is the most memory a run may need, in bytes: WebAssembly
	// pages are 32-bit addressed and browsers grant a tab about 2–4 GiB.
	MemoryLimit = 1 << 30
	// SecondsLimit is the longest run accepted, in Seconds of the estimate:
	// ten minutes in a browser tab.
	SecondsLimit = 600
	// OpsLimit is SecondsLimit in multiply-adds.
	OpsLimit = SecondsLimit * OpsPerSecond
	// AutoRunSeconds is the longest estimate a shared link starts without
	// a click: above it the page shows the estimate and waits for Run. The
	// pages' default specs (estimated 0.4–8.8 s; 6–12 s in the browser
	// here, including the workers' start) start at once; a link asking
	// for a minute or more waits.
	AutoRunSeconds = 10
)

// ElementwiseOps is the operation count charged per unit and sample for
// each forward, gradient or curvature pass: the activation and its
// derivatives (fmath's exp costs about a dozen multiply-adds), the softmax,
// transposes and bias sums, which the matrix products do not include.
const ElementwiseOps = 10

// Finish fills in Seconds (the counts saturate at MaxInt64 as they add).
func (c Cost) Finish() Cost {
	c.Seconds = float64(c.Ops) / OpsPerSecond
	return c
}

// Add returns c + d for the arithmetic counts, and the larger of the two
// byte counts (runs of a spec follow one another on one worker, or run on
// separate workers, each with its own memory).
func (c Cost) Add(d Cost) Cost {
	c.Ops = SatAdd(c.Ops, d.Ops)
	c.MatMul = SatAdd(c.MatMul, d.MatMul)
	c.Products = SatAdd(c.Products, d.Products)
	c.Bytes = max(c.Bytes, d.Bytes)
	return c
}

// Times returns c with the arithmetic counts multiplied by k.
func (c Cost) Times(k int) Cost {
	c.Ops = SatMul(c.Ops, float64(k))
	c.MatMul = SatMul(c.MatMul, float64(k))
	c.Products = SatMul(c.Products, float64(k))
	return c
}

// SatAdd returns a + b, or MaxInt64 if the sum does not fit.
func SatAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// SatMul returns a·k rounded, or MaxInt64 if it does not fit.
func SatMul(a int64, k float64) int64 { return ToInt(float64(a) * k) }

// ToInt rounds x to an int64, saturating at MaxInt64 (and at 0 below).
func ToInt(x float64) int64 {
	switch {
	case !(x > 0):
		return 0
	case x >= math.MaxInt64:
		return math.MaxInt64
	}
	return int64(math.Round(x))
}

// Text describes the estimate for people: "about 4 min (8.4e13
// multiply-adds, 900 MiB)".
func (c Cost) Text() string {
	return fmt.Sprintf("about %s of computing (%.2g multiply-adds, %s of memory)", Duration(c.Seconds), float64(c.Ops), bytesText(c.Bytes))
}

// Duration formats seconds for people: "0.4 s", "12 s", "3 min", "2.5 h".
func Duration(seconds float64) string {
	switch {
	case seconds < 10:
		return fmt.Sprintf("%.1f s", seconds)
	case seconds < 90:
		return fmt.Sprintf("%.0f s", seconds)
	case seconds < 90*60:
		return fmt.Sprintf("%.0f min", seconds/60)
	case seconds < 48*3600:
		return fmt.Sprintf("%.1f h", seconds/3600)
	}
	return fmt.Sprintf("%.0f days", seconds/86400)
}

// bytesText formats a byte count in MiB, rounded up.
func bytesText(b int64) string { return fmt.Sprintf("%d MiB", (b+(1<<20)-1)>>20) }

// CheckCost refuses a run whose estimate exceeds MemoryLimit or OpsLimit,
// naming the estimate, the limit and what to reduce (reduce for the
// arithmetic, reduceMemory for the memory).
func CheckCost(c Cost, reduce, reduceMemory string) error {
	if timeUnlimited && c.Bytes <= MemoryLimit {
		return nil
	}
	if c.Bytes > MemoryLimit {
		return fmt.Errorf("this run needs about %s of memory; the limit is %s (a browser tab's WebAssembly memory): use %s",
			bytesText(c.Bytes), bytesText(MemoryLimit), reduceMemory)
	}
	if c.Ops > OpsLimit {
		return fmt.Errorf("this run would take %s; the limit is %s (%.2g multiply-adds) in a browser tab: use %s",
			c.Text(), Duration(SecondsLimit), float64(OpsLimit), reduce)
	}
	return nil
}

// timeUnlimited lifts the compute-time limit (LiftTimeLimit).
var timeUnlimited bool

// LiftTimeLimit lifts the limit of SecondsLimit on a whole run's estimated
// compute, never the memory limit (which is a worker's): the CLI lifts it
// when OVERPARAM_NO_TIME_LIMIT=1, for paper-scale runs on many cores or a
// cluster. A spec's Validate reads it, so every process that plans, runs
// or assembles such a run's jobs must lift it too.
func LiftTimeLimit() { timeUnlimited = true }

// Passes counts sample passes through an MLP: gradients (forward and
// backward), forward-only evaluations and curvature products, each per
// sample.
type Passes struct {
	// Grad counts gradient passes, Eval forward-only evaluations and HVP
	// curvature products, each per sample.
	Grad, Eval, HVP float64
}

// MLPCost turns sample passes through network a into a Cost: the kernel
// multiply-adds read off nn's passes (compute/bench's documentation derives
// them) with F_l = in_l·out_l and F = Σ F_l,
//
//	gradient          3F − F₁   (forward, weight gradients, errors)
//	forward only      F
//	Hessian product   6F − 4F₁  (Gauss-Newton 4F − 2F₁)
//
// plus ElementwiseOps per unit for every pass.
func MLPCost(a *arch.Arch, p Passes, hessian bool) Cost {
	var f, f1, units float64
	for l := 1; l <= a.Layers(); l++ {
		fl := float64(float64(a.Sizes[l-1]) * float64(a.Sizes[l])) // rounded: no fused f += x·y
		f += fl
		units += float64(a.Sizes[l])
		if l == 1 {
			f1 = fl
		}
	}
	// Every product that feeds a sum is rounded, float64(x*y), so no
	// platform fuses it (compute/'s same-bits rule): the estimate decides
	// refusals and must not differ between the browser and the CLI.
	hvp := float64(4*f) - float64(2*f1)
	if hessian {
		hvp = float64(6*f) - float64(4*f1)
	}
	grad := float64(3*f) - f1
	mm := float64(p.Grad*grad) + float64(p.Eval*f) + float64(p.HVP*hvp)
	ew := float64(ElementwiseOps * units * (p.Grad + p.Eval + p.HVP))
	return Cost{MatMul: ToInt(mm), Ops: ToInt(mm + ew)}
}

// TrainPasses counts the sample passes of train.Run with the given epochs,
// samples n, test samples t (0 without a test set), batch (0 = full) and
// curve points (train.Settings.Points, 0 meaning 200): every step's
// gradient on its batch, and at each of the curve's checkpoints (every
// max(1, T/points) steps, and after the last) a full-batch gradient and a
// test evaluation; a full-batch step at a checkpoint reuses its gradient.
// epochs = 0 is train.Measure: one checkpoint.
func TrainPasses(epochs, n, t, batch, points int) Passes {
	if epochs == 0 {
		return Passes{Grad: float64(n), Eval: float64(t)}
	}
	if batch <= 0 || batch > n {
		batch = n
	}
	if points == 0 {
		points = 200
	}
	steps := epochs * ((n + batch - 1) / batch)
	every := max(1, steps/points)
	checkpoints := float64((steps-1)/every + 2)
	p := Passes{Grad: float64(float64(epochs) * float64(n)), Eval: float64(checkpoints * float64(t))}
	if batch == n {
		p.Grad += float64(n) // the last checkpoint; the others replace a step
	} else {
		p.Grad += float64(checkpoints * float64(n))
	}
	return p
}

// LanczosOps is the arithmetic of m Lanczos steps on dimension n outside the
// operator: full reorthogonalisation, two classical Gram–Schmidt passes of
// 2(j+1)·n multiply-adds at 0-based step j, about 6n for α, β and the
// updates, and the m×m tridiagonal eigenproblem at the end.
func LanczosOps(n, m int) float64 {
	nf, mf := float64(n), float64(m)
	return float64(2*mf*(mf+1)*nf) + float64(6*mf*nf) + float64(mf*mf*mf)
}

// DenseOps is the arithmetic of spectrum.DenseEigenvalues on n×n:
// Householder tridiagonalisation, about (2/3)n³ multiply-adds (LAPACK's
// dsytd2), and the implicit QL sweeps, O(n²).
func DenseOps(n int) float64 {
	nf := float64(n)
	return float64(2*nf*nf*nf/3) + float64(30*nf*nf)
}

// String renders the estimate for logs: "Cost{4.2e9 ops, 2.1 s, 16 MiB}".
func (c Cost) String() string {
	return fmt.Sprintf("Cost{%.3g ops (%.3g in products, %d curvature products), %s, %s}",
		float64(c.Ops), float64(c.MatMul), c.Products, time.Duration(c.Seconds*float64(time.Second)).Round(time.Millisecond), bytesText(c.Bytes))
}
