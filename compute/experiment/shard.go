package experiment

import "github.com/overparam/overparam/compute/curve"

// Assets are the data files a run may need, loaded by the caller: the CLI
// embeds them, the browser fetches them.
type Assets struct {
	// Digits is the MNIST subset asset (web/data/digits.bin.gz).
	Digits []byte
}

// Progress reports a running experiment's phase and how far it is.
type Progress struct {
	// Phase names what runs, for a progress line. A spectrum run reports
	// "train", "lanczos" (the first probe), "density" (the others) and
	// "dense", prefixed by "initial " for the spectrum at initialisation or
	// by "seed N " for a repeat; a paths run "train", "sharpness",
	// "bezier", "path" and "bezier path", and for its mean-field networks
	// "width N: " before "train", "dropout" and "<path name> path"; a
	// double-descent point "repeats".
	Phase string `json:"phase"`
	// Done and Total count steps of the phase: training steps while
	// training, Lanczos steps, grid points of a path, repeats of a point.
	Done  int `json:"done"`
	Total int `json:"total"`
	// Point is the newest training-curve point, while training.
	Point *curve.Point `json:"point,omitempty"`
}

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
