package experiment

import (
	"fmt"

	"github.com/overparam/overparam/compute/arch"
)

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
func (s *Spectrum) CheckShards(shard, shards int) error {
	if shards < 1 || shards > SampleBlocks(s.Samples) || shard < 0 || shard >= shards {
		return fmt.Errorf("shard %d of %d is out of range; a probe has at most %d shards, and no more than samples", shard, shards, MaxShards)
	}
	return nil
}

// blockedCurvatureBytes estimates the memory of the block curvatures of a
// network on n samples: arch.CurvatureBytes of each block.
func blockedCurvatureBytes(a *arch.Arch, n int) int64 {
	blocks := SampleBlocks(n)
	var b int64
	for k := range blocks {
		lo, hi := ShardRange(n, blocks, k)
		b += arch.CurvatureBytes(a, hi-lo)
	}
	return b
}
