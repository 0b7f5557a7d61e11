package experiment

import (
	"errors"
	"fmt"
	"math"

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

// MaxShards is the number of sample blocks of a spectrum with at least that
// many training samples, and so the most workers a probe can be split over.
// It equals the pool's default cap on workers (app/pool.DefaultSize).
const MaxShards = 4

// SampleBlocks returns the number of sample blocks B of a spectrum with n
// training samples: min(MaxShards, n).
func SampleBlocks(n int) int { return max(1, min(MaxShards, n)) }

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

// ShardRange returns the half-open range [lo, hi) of the items of shard s
// (0 ≤ s < shards) among n: contiguous ranges whose sizes differ by at most
// one. It gives both the samples of a block and the blocks of a shard. It
// panics if s or shards is out of range.
func ShardRange(n, shards, s int) (lo, hi int) {
	if shards < 1 || s < 0 || s >= shards {
		panic("experiment: shard out of range")
	}
	return s * n / shards, (s + 1) * n / shards
}

// checkShards validates a shard and the shard count against the spec.
func (s *Spectrum) checkShards(shard, shards int) error {
	if shards < 1 || shards > SampleBlocks(s.Samples) || shard < 0 || shard >= shards {
		return fmt.Errorf("shard %d of %d is out of range; a probe has at most %d shards, and no more than samples", shard, shards, MaxShards)
	}
	return nil
}

// blockCurvatures returns the curvatures at θ of the sample blocks of
// shard (of shards), in ascending block order, each scaled by 1/N like the
// whole-batch objective.
func (s *Spectrum) blockCurvatures(st *spectrumSetup, theta []float64, shard, shards int) []*nn.Curvature {
	n := st.split.Train.N
	blocks := SampleBlocks(n)
	first, last := ShardRange(blocks, shards, shard)
	kind := nn.Hessian
	if s.Curvature == "ggn" {
		kind = nn.GaussNewton
	}
	var cs []*nn.Curvature
	for b := first; b < last; b++ {
		lo, hi := ShardRange(n, blocks, b)
		idx := make([]int, hi-lo)
		for i := range idx {
			idx[i] = lo + i
		}
		obj := &nn.Objective{Arch: st.arch, Data: &st.split.Train, Idx: idx, Scale: 1 / float64(n)}
		cs = append(cs, nn.NewCurvature(obj, theta, kind))
	}
	return cs
}

// blockedCurvatureBytes estimates the memory of the block curvatures of a
// network on n samples: nn.CurvatureBytes of each block.
func blockedCurvatureBytes(arch *nn.Arch, n int) int64 {
	blocks := SampleBlocks(n)
	var b int64
	for k := range blocks {
		lo, hi := ShardRange(n, blocks, k)
		b += nn.CurvatureBytes(arch, hi-lo)
	}
	return b
}

// blockedCurvature is the operator of a probe: the sum of the blocks'
// curvatures in ascending order, its own blocks computed here and the
// others' (the helpers', in shard order) received over peers. After a
// helper fails, err is set and every product is NaN, which stops Lanczos.
type blockedCurvature struct {
	local    []*nn.Curvature
	peers    []Peer
	helpers  []int // blocks of each helper
	tmp      []float64
	products int
	err      error
}

// newBlockedCurvature returns the lead's operator of a probe split into
// len(peers)+1 shards (no peers: the one-worker operator).
func (s *Spectrum) newBlockedCurvature(st *spectrumSetup, theta []float64, peers []Peer) *blockedCurvature {
	shards := len(peers) + 1
	c := &blockedCurvature{local: s.blockCurvatures(st, theta, 0, shards), peers: peers}
	blocks := SampleBlocks(st.split.Train.N)
	for h := 1; h < shards; h++ {
		lo, hi := ShardRange(blocks, shards, h)
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

// ProbeSpectrumSharded is ProbeSpectrum (which calls it without peers)
// with the sample blocks split into len(peers)+1 shards: this worker
// computes shard 0's blocks and peers[s−1] is the channel to the helper of
// shard s, which runs ServeShard. When the probe ends, with a result or an
// error, it tells every helper it is done. Its result is the same bits as
// ProbeSpectrum's (see the note above); the dense spectrum, if asked, is
// computed from the whole batch here. It fails as ProbeSpectrum does, and
// when a helper fails, naming the shard.
func ProbeSpectrumSharded(s Spectrum, assets Assets, theta []float64, index int, peers []Peer, progress func(Progress) bool) (res *ProbeResult, err error) {
	defer func() {
		for _, p := range peers {
			_ = p.Send(nil) // done; a helper that is gone needs no word
		}
	}()
	st, err := s.shardSetup(assets, theta, 0, len(peers)+1)
	if err != nil {
		return nil, err
	}
	if err := s.checkProbe(st, theta, index); err != nil {
		return nil, err
	}
	op := s.newBlockedCurvature(st, theta, peers)
	return s.probe(op, func() *nn.Curvature { return s.curvature(st, theta) }, index, orTrue(progress))
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
// partial products H_b·v of its blocks b, in ascending order, one after
// another in one vector, until the lead sends an empty vector. It fails
// when the channel breaks or a vector has the wrong length.
func ServeShard(s Spectrum, assets Assets, theta []float64, shard, shards int, lead Peer) (*ShardResult, error) {
	st, err := s.shardSetup(assets, theta, shard, shards)
	if err != nil {
		return nil, err
	}
	blocks := s.blockCurvatures(st, theta, shard, shards)
	n := blocks[0].Dim()
	out := make([]float64, len(blocks)*n)
	for {
		v, err := lead.Recv()
		if err == nil && len(v) == 0 {
			return &ShardResult{Shard: shard, Products: blocks[0].Products()}, nil
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
