package experiment

import (
	"errors"
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/nn"
)

// A probe's Lanczos run can be spread over several workers by splitting the
// training samples into shards. The loss is a scaled sum over samples,
//
//	L(θ) = (1/N) Σ_s Σ_{i ∈ shard s} ℓ_i(θ),
//
// so its curvature is the sum of the shards' curvatures, each an
// nn.Objective over its samples with the common scale 1/N, and
//
//	H·v = Σ_s H_s·v.
//
// The lead worker runs Lanczos: for each product it sends v to every
// helper, computes shard 0's product itself, then adds the helpers' partial
// products in ascending shard order, so the sum is deterministic. It differs
// from the one-worker product only by the rounding of the reordered sums
// over samples (about 1e-16 relative), and the probe's results equal the
// one-worker ones to about 1e-12 relative (spectrum_shard_test.go).

// MaxShards is the largest number of shards a probe may be split into.
const MaxShards = 8

// Peer is one end of a channel between the lead of a sharded probe and one
// helper. Send passes a copy of v (it does not keep v); Recv blocks until the
// other end's next vector arrives. Either fails when the channel is broken.
// A vector of length 0 tells a helper that the probe is done.
type Peer interface {
	Send(v []float64) error
	Recv() ([]float64, error)
}

// ShardResult is what a helper reports when its lead is done.
type ShardResult struct {
	Shard int `json:"shard"`
	// Products counts the partial products the helper computed.
	Products int `json:"products"`
}

// ShardRange returns the half-open range [lo, hi) of the samples of shard s
// (0 ≤ s < shards) among n: contiguous ranges whose sizes differ by at most
// one. It panics if s or shards is out of range.
func ShardRange(n, shards, s int) (lo, hi int) {
	if shards < 1 || s < 0 || s >= shards {
		panic("experiment: shard out of range")
	}
	return s * n / shards, (s + 1) * n / shards
}

// checkShards validates a shard and the shard count against the spec.
func (s *Spectrum) checkShards(shard, shards int) error {
	if shards < 1 || shards > min(MaxShards, s.Samples) || shard < 0 || shard >= shards {
		return fmt.Errorf("shard %d of %d is out of range; a probe has at most %d shards, and no more than samples", shard, shards, MaxShards)
	}
	return nil
}

// shardCurvature returns the curvature at θ of shard's samples, scaled by
// 1/N like the whole-batch objective.
func (s *Spectrum) shardCurvature(st *spectrumSetup, theta []float64, shard, shards int) *nn.Curvature {
	n := st.split.Train.N
	lo, hi := ShardRange(n, shards, shard)
	idx := make([]int, hi-lo)
	for i := range idx {
		idx[i] = lo + i
	}
	kind := nn.Hessian
	if s.Curvature == "ggn" {
		kind = nn.GaussNewton
	}
	obj := &nn.Objective{Arch: st.arch, Data: &st.split.Train, Idx: idx, Scale: 1 / float64(n)}
	return nn.NewCurvature(obj, theta, kind)
}

// shardedCurvature is the lead's operator: shard 0's curvature plus the
// helpers' partial products. After a helper fails, err is set and every
// product is NaN, which stops Lanczos.
type shardedCurvature struct {
	local    *nn.Curvature
	peers    []Peer
	products int
	err      error
}

func (c *shardedCurvature) Dim() int      { return c.local.Dim() }
func (c *shardedCurvature) Products() int { return c.products }

// MulVecTo sets dst = H₀·v + Σ_{s≥1} H_s·v, the helpers computing their
// terms while the lead computes H₀·v.
func (c *shardedCurvature) MulVecTo(dst, v []float64) {
	c.products++
	for s := 0; s < len(c.peers) && c.err == nil; s++ {
		c.fail(s, c.peers[s].Send(v))
	}
	if c.err == nil {
		c.local.MulVecTo(dst, v)
	}
	for s := 0; s < len(c.peers) && c.err == nil; s++ {
		part, err := c.peers[s].Recv()
		if err == nil && len(part) != len(dst) {
			err = errBadProduct
		}
		if c.fail(s, err) {
			break
		}
		for i, x := range part {
			dst[i] += x
		}
	}
	if c.err != nil {
		for i := range dst {
			dst[i] = math.NaN()
		}
	}
}

// errBadProduct is a partial product of the wrong length.
var errBadProduct = errors.New("a partial product of the wrong length")

// fail records err, if not nil, as the failure of helper s (shard s+1).
func (c *shardedCurvature) fail(s int, err error) bool {
	if err != nil {
		c.err = fmt.Errorf("shard %d of %d: %w", s+1, len(c.peers)+1, err)
	}
	return err != nil
}

// ProbeSpectrumSharded is ProbeSpectrum (which calls it without peers)
// with the training samples split
// into len(peers)+1 shards (ShardRange): this worker computes shard 0's
// products and peers[s−1] is the channel to the helper of shard s, which
// runs ServeShard. When the probe ends, with a result or an error, it tells
// every helper it is done. Its result equals ProbeSpectrum's to about 1e-12
// relative (see the note above); the dense spectrum, if asked, is computed
// from the whole batch here and is the same bits. It fails as ProbeSpectrum
// does, and when a helper fails, naming the shard.
func ProbeSpectrumSharded(s Spectrum, assets Assets, theta []float64, index int, peers []Peer, progress func(Progress) bool) (res *ProbeResult, err error) {
	defer func() {
		for _, p := range peers {
			_ = p.Send(nil) // done; a helper that is gone needs no word
		}
	}()
	shards := len(peers) + 1
	st, err := s.shardSetup(assets, theta, 0, shards)
	if err != nil {
		return nil, err
	}
	if err := s.checkProbe(st, theta, index); err != nil {
		return nil, err
	}
	full := func() *nn.Curvature { return s.curvature(st, theta) }
	if shards == 1 {
		op := full()
		return s.probe(op, func() *nn.Curvature { return op }, index, orTrue(progress))
	}
	op := &shardedCurvature{local: s.shardCurvature(st, theta, 0, shards), peers: peers}
	return s.probe(op, full, index, orTrue(progress))
}

// shardSetup validates a shard of a probe at θ and rebuilds its setup.
func (s *Spectrum) shardSetup(assets Assets, theta []float64, shard, shards int) (*spectrumSetup, error) {
	if err := s.checkShards(shard, shards); err != nil {
		return nil, err
	}
	st, err := s.setup(assets)
	if err != nil {
		return nil, err
	}
	return st, s.checkProbe(st, theta, 0)
}

// ServeShard is the helper of shard (1 ≤ shard < shards) of a sharded probe
// at the trained θ of s: it answers every vector v the lead sends with the
// partial product H_shard·v, until the lead sends an empty vector. It fails
// when the channel breaks or a vector has the wrong length.
func ServeShard(s Spectrum, assets Assets, theta []float64, shard, shards int, lead Peer) (*ShardResult, error) {
	st, err := s.shardSetup(assets, theta, shard, shards)
	if err != nil {
		return nil, err
	}
	c := s.shardCurvature(st, theta, shard, shards)
	out := make([]float64, c.Dim())
	for {
		v, err := lead.Recv()
		if err == nil && len(v) == 0 {
			return &ShardResult{Shard: shard, Products: c.Products()}, nil
		}
		if err == nil && len(v) != len(out) {
			err = errBadProduct
		}
		if err == nil {
			c.MulVecTo(out, v)
			err = lead.Send(out)
		}
		if err != nil {
			return nil, fmt.Errorf("shard %d: %w", shard, err)
		}
	}
}
