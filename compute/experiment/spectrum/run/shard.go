package run

import (
	"errors"
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/runkit"

	"github.com/overparam/overparam/compute/nn"
)

// The curvature of a spectrum is summed over a fixed number of sample
// blocks, so that its products are the same bits however many workers
// compute them. The loss is a scaled sum over samples,
//
//	L(θ) = (1/N) Σ_b Σ_{i ∈ block b} ℓ_i(θ),
//
// so its curvature is the sum of the blocks' curvatures, each an
// nn.Objective over its samples with the common scale 1/N, and
//
//	H·v = (((H₀·v + H₁·v) + H₂·v) + …) + H_{B−1}·v,
//
// added in ascending block order, one block at a time, exactly as written.
// There are B = SampleBlocks(N) = min(MaxShards, N) blocks of contiguous
// samples (ShardRange(N, B, b)); B depends on the spec alone. Every
// spectrum product — the CLI's, a one-worker probe's and a probe split over
// workers — is this sum, so they are the same bits.
//
// A probe's Lanczos run can be spread over up to B workers by giving each a
// contiguous range of blocks (ShardRange(B, shards, s)), shard 0 to the
// lead. For each product the lead sends v to every helper, computes its own
// blocks' sum, then adds the helpers' blocks one by one in ascending order:
// a helper returns each of its blocks' products separately (one message,
// the blocks one after another), never their sum, so the additions are the
// ones written above. Only the dense matrix (Dense) is built from the
// whole-batch curvature, on every path alike.

// blockCurvatures returns the curvatures at θ of the sample blocks of
// shard (of shards), in ascending block order, each scaled by 1/N like the
// whole-batch objective.
func blockCurvatures(s *spectrum.Spec, st *runkit.SpectrumSetup, theta []float64, shard, shards int) []*nn.Curvature {
	n := st.Split.Train.N
	blocks := experiment.SampleBlocks(n)
	first, last := experiment.ShardRange(blocks, shards, shard)
	kind := nn.Hessian
	if s.Curvature == "ggn" {
		kind = nn.GaussNewton
	}
	var cs []*nn.Curvature
	for b := first; b < last; b++ {
		lo, hi := experiment.ShardRange(n, blocks, b)
		idx := make([]int, hi-lo)
		for i := range idx {
			idx[i] = lo + i
		}
		obj := &nn.Objective{Arch: st.Arch, Data: &st.Split.Train, Idx: idx, Scale: 1 / float64(n)}
		cs = append(cs, nn.NewCurvature(obj, theta, kind))
	}
	return cs
}

// blockedCurvature is the operator of a probe: the sum of the blocks'
// curvatures in ascending order, its own blocks computed here and the
// others' (the helpers', in shard order) received over peers. After a
// helper fails, err is set and every product is NaN, which stops Lanczos.
type blockedCurvature struct {
	local    []*nn.Curvature
	peers    []experiment.Peer
	helpers  []int // blocks of each helper
	tmp      []float64
	products int
	err      error
}

// newBlockedCurvature returns the lead's operator of a probe split into
// len(peers)+1 shards (no peers: the one-worker operator).
func newBlockedCurvature(s *spectrum.Spec, st *runkit.SpectrumSetup, theta []float64, peers []experiment.Peer) *blockedCurvature {
	shards := len(peers) + 1
	c := &blockedCurvature{local: blockCurvatures(s, st, theta, 0, shards), peers: peers}
	blocks := experiment.SampleBlocks(st.Split.Train.N)
	for h := 1; h < shards; h++ {
		lo, hi := experiment.ShardRange(blocks, shards, h)
		c.helpers = append(c.helpers, hi-lo)
	}
	if len(c.local) > 1 || len(peers) > 0 {
		c.tmp = make([]float64, c.Dim())
	}
	return c
}

func (c *blockedCurvature) Dim() int      { return c.local[0].Dim() }
func (c *blockedCurvature) Products() int { return c.products }

// MulVecTo sets dst = Σ_b H_b·v in ascending block order, the helpers
// computing their blocks while the lead computes its own.
func (c *blockedCurvature) MulVecTo(dst, v []float64) {
	c.products++
	for s := 0; s < len(c.peers) && c.err == nil; s++ {
		c.fail(s, c.peers[s].Send(v))
	}
	if c.err == nil {
		c.local[0].MulVecTo(dst, v)
		for _, b := range c.local[1:] {
			b.MulVecTo(c.tmp, v)
			addTo(dst, c.tmp)
		}
	}
	n := len(dst)
	for s := 0; s < len(c.peers) && c.err == nil; s++ {
		part, err := c.peers[s].Recv()
		if err == nil && len(part) != c.helpers[s]*n {
			err = errBadProduct
		}
		if c.fail(s, err) {
			break
		}
		for k := 0; k < c.helpers[s]; k++ {
			addTo(dst, part[k*n:(k+1)*n])
		}
	}
	if c.err != nil {
		for i := range dst {
			dst[i] = math.NaN()
		}
	}
}

// addTo sets dst += x.
func addTo(dst, x []float64) {
	for i, xi := range x {
		dst[i] += xi
	}
}

// errBadProduct is a partial product of the wrong length.
var errBadProduct = errors.New("a partial product of the wrong length")

// fail records err, if not nil, as the failure of helper s (shard s+1).
func (c *blockedCurvature) fail(s int, err error) bool {
	if err != nil {
		c.err = fmt.Errorf("shard %d of %d: %w", s+1, len(c.peers)+1, err)
	}
	return err != nil
}

// ProbeSharded is Probe (which calls it without peers)
// with the sample blocks split into len(peers)+1 shards: this worker
// computes shard 0's blocks and peers[s−1] is the channel to the helper of
// shard s, which runs ServeShard. When the probe ends, with a result or an
// error, it tells every helper it is done. Its result is the same bits as
// Probe's (see the note above); the dense spectrum, if asked, is
// computed from the whole batch here. It fails as Probe does, and
// when a helper fails, naming the shard.
func ProbeSharded(s spectrum.Spec, assets experiment.Assets, theta []float64, index int, peers []experiment.Peer, progress func(experiment.Progress) bool) (res *spectrum.ProbeResult, err error) {
	defer func() {
		for _, p := range peers {
			_ = p.Send(nil) // done; a helper that is gone needs no word
		}
	}()
	st, err := setupShard(&s, assets, theta, 0, len(peers)+1)
	if err != nil {
		return nil, err
	}
	if err := checkProbe(&s, st, theta, index); err != nil {
		return nil, err
	}
	op := newBlockedCurvature(&s, st, theta, peers)
	return runProbe(&s, op, func() *nn.Curvature { return spectrumCurvature(&s, st, theta) }, index, runkit.OrTrue(progress))
}

// shardSetup validates a shard of a probe at θ and rebuilds its setup.
func setupShard(s *spectrum.Spec, assets experiment.Assets, theta []float64, shard, shards int) (*runkit.SpectrumSetup, error) {
	if err := s.CheckShards(shard, shards); err != nil {
		return nil, err
	}
	st, err := runkit.SetupSpectrum(s, assets)
	if err != nil {
		return nil, err
	}
	return st, checkProbe(s, st, theta, 0)
}

// ServeShard is the helper of shard (1 ≤ shard < shards) of a sharded probe
// at the trained θ of s: it answers every vector v the lead sends with the
// partial products H_b·v of its blocks b, in ascending order, one after
// another in one vector, until the lead sends an empty vector. It fails
// when the channel breaks or a vector has the wrong length.
func ServeShard(s spectrum.Spec, assets experiment.Assets, theta []float64, shard, shards int, lead experiment.Peer) (*experiment.ShardResult, error) {
	st, err := setupShard(&s, assets, theta, shard, shards)
	if err != nil {
		return nil, err
	}
	blocks := blockCurvatures(&s, st, theta, shard, shards)
	n := blocks[0].Dim()
	out := make([]float64, len(blocks)*n)
	for {
		v, err := lead.Recv()
		if err == nil && len(v) == 0 {
			return &experiment.ShardResult{Shard: shard, Products: blocks[0].Products()}, nil
		}
		if err == nil && len(v) != n {
			err = errBadProduct
		}
		if err == nil {
			for k, b := range blocks {
				b.MulVecTo(out[k*n:(k+1)*n], v)
			}
			err = lead.Send(out)
		}
		if err != nil {
			return nil, fmt.Errorf("shard %d: %w", shard, err)
		}
	}
}
