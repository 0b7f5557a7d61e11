package representations

import "github.com/overparam/overparam/compute/experiment"

// GridTimes is how many snapshots the layer × layer similarity grid is
// computed at: the first, the middle and the last.
const GridTimes = 3

// elementwiseOps is the work charged per unit and sample of a pass for the
// activation, softmax and bias sums, as compute/experiment charges it.
const elementwiseOps = 10

// jacobiOps is the work of the cyclic Jacobi eigensolver on an n×n
// symmetric matrix with its eigenvectors, per n³: about eight sweeps of
// n²/2 rotations, each updating two rows and columns of the matrix and two
// columns of the eigenvectors (8n multiply-adds).
const jacobiOps = 32

// stepOps is the fixed work charged per SGD step besides its arithmetic:
// gathering the batch, the passes' setup and the update, which dominate
// for the small networks here. The MHE default page run (30 000 steps of
// a 2-12-3 network) took 3.8 s in the browser on the reference machine
// (BENCHMARKS.md), about 10⁵ multiply-adds' worth of time per step.
const stepOps = 1e5

// Cost estimates the whole run as the worker pool runs it: for every seed,
// the SGD steps (a gradient on each batch, 3F − F₁ multiply-adds per sample
// with F = Σ in·out over layers), the probe set's forward pass at every
// snapshot, and SVCCA: one truncated SVD per layer and snapshot (the Gram
// matrix, its eigenvectors, the basis and its two Gram–Schmidt passes) and
// one CCA per pair compared (to the final snapshot, and the layer × layer
// grid at GridTimes snapshots). Bytes: the data and every snapshot's
// activations. It assumes a valid spec's enum fields.
func (s *Spec) Cost() experiment.Cost {
	switch s.Model {
	case "mhe":
		return s.mheCost()
	case "forde":
		return s.fordeCost()
	}
	sizes := s.Sizes()
	var f, f1, units float64
	for l := 1; l < len(sizes); l++ {
		fl := float64(float64(sizes[l-1]) * float64(sizes[l])) // rounded: no fused f += x·y
		f += fl
		units += float64(sizes[l])
		if l == 1 {
			f1 = fl
		}
	}
	snaps := float64(len(s.SnapshotSteps()))
	samples := float64(float64(s.Steps) * float64(s.Batch))
	probe, w, layers := float64(s.Probe), float64(s.Width), float64(s.Layers)
	train := float64(samples * (float64(3*f) - f1))
	forward := float64(float64(snaps*probe) * f)
	elementwise := float64(float64(elementwiseOps*units) * float64(samples+float64(snaps*probe)))
	w3 := float64(float64(w*w) * w)
	decomp := float64(probe*float64(w*w)) + float64(jacobiOps*w3) + float64(probe*float64(w*w)) + float64(4*float64(probe*float64(w*w)))
	pair := float64(probe*float64(w*w)) + float64(w3) + float64(jacobiOps*w3)
	cca := float64(float64(snaps*layers)*decomp) + float64(float64(float64(snaps*layers)+float64(GridTimes*layers*layers))*pair)
	perSeed := train + forward + elementwise + cca + float64(stepOps*float64(s.Steps))
	ops := float64(perSeed * float64(s.Seeds))
	bytes := 8 * (float64(float64(s.Samples)*float64(s.InputDim()+1)) + float64(float64(snaps*layers)*float64(probe*w)) + float64(2*float64(f+units)))
	mm := float64(float64(s.Seeds) * (train + forward))
	c := experiment.Cost{Ops: experiment.ToInt(ops), MatMul: experiment.ToInt(mm), Bytes: experiment.ToInt(bytes)}
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

// mheCost estimates an MHE sweep: for every λ and seed, the SGD steps
// (3F − F₁ multiply-adds per sample) plus the energy's gradient at every
// step (about 8(d+1) per pair of the N or 2N points), and a final
// full-batch evaluation. Bytes: the data and the network.
func (s *Spec) mheCost() experiment.Cost {
	sizes := s.Sizes()
	var f, f1, units float64
	for l := 1; l < len(sizes); l++ {
		fl := float64(float64(sizes[l-1]) * float64(sizes[l]))
		f += fl
		units += float64(sizes[l])
		if l == 1 {
			f1 = fl
		}
	}
	pts := float64(s.Width)
	if s.HalfSpace {
		pts *= 2
	}
	pairs := float64(float64(pts*(pts-1)) / 2)
	energy := float64(float64(8*float64(s.InputDim()+1)) * pairs)
	samples := float64(float64(s.Steps) * float64(s.Batch))
	train := float64(samples*(float64(3*f)-f1)) + float64(float64(s.Samples)*f)
	elementwise := float64(float64(elementwiseOps*units) * float64(samples+float64(s.Samples)))
	perPoint := train + elementwise + float64(float64(s.Steps)*(energy+stepOps))
	points := float64(s.Points())
	c := experiment.Cost{Ops: experiment.ToInt(float64(points * perPoint)), MatMul: experiment.ToInt(float64(points * train)),
		Bytes: experiment.ToInt(8 * (float64(float64(s.Samples)*float64(s.InputDim()+1)) + float64(4*float64(f+units))))}
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

// fordeCost estimates the ensembles: for the deep ensemble and FoRDE, each
// seed, each step, each member and batch sample, a forward pass, the input
// gradient and the cross-entropy's backward pass (4F multiply-adds, F =
// Σ in·out), and for FoRDE another forward pass and the double backward
// pass (5F more); then the evaluations (2F per member and point) on the
// test set, the training set, the OOD ring and the GridSize² grid.
func (s *Spec) fordeCost() experiment.Cost {
	sizes := s.Sizes()
	var f, units float64
	for l := 1; l < len(sizes); l++ {
		f += float64(float64(sizes[l-1]) * float64(sizes[l]))
		units += float64(sizes[l])
	}
	per := float64(float64(s.Steps)*float64(s.Batch)) * float64(s.Members)
	pass := float64(scalarFactor * (f + float64(elementwiseOps*units)))
	evals := float64(float64(2*s.Samples+OODPoints+GridSize*GridSize) * float64(s.Members))
	de := float64(per*float64(4*pass)) + float64(evals*float64(2*pass)) + float64(stepOps*float64(s.Steps))
	forde := de + float64(per*float64(5*pass))
	ops := float64(float64(s.Seeds) * (de + forde))
	c := experiment.Cost{Ops: experiment.ToInt(ops), MatMul: 0,
		Bytes: experiment.ToInt(8 * (float64(float64(3*s.Samples)*3) + float64(float64(s.Members)*float64(4*f)) + float64(GridSize*GridSize*(2+s.Members))))}
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

// scalarFactor is how much slower per counted multiply-add FoRDE's
// sample-by-sample loops (package run's tanhNet: no matrix kernel, a tanh
// per unit) run than the kernel-based passes the estimate's rate assumes:
// the browser ran 4 × 64 × 500 member-sample steps in 20 s on the
// reference machine under load (load average 14–18), where the SVCCA
// default ran at 0.73 of its estimate, about 5× the unscaled estimate's
// rate.
const scalarFactor = 5

// GridSize is the side of the grid over the plane on which the ensembles'
// predictive entropy, mutual information and members' decisions are
// drawn; OODPoints is the number of points on the out-of-distribution ring
// (radius 3× the training data's).
const (
	GridSize  = 40
	OODPoints = 64
)
