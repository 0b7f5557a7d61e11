package experiment

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
)

// shardTol is the relative tolerance between a sharded probe and the
// one-worker probe: their products differ only by the rounding of reordered
// sums over samples (≈1e-16), which Lanczos amplifies by far less than 1e4.
const shardTol = 1e-12

// pipeEnd is one end of an in-process channel between a lead and a helper.
type pipeEnd struct {
	in, out chan []float64
	closeMu *sync.Once
}

// pipe returns two connected Peers. Closing one end (close) makes the
// other end's Recv fail, as a dead worker's port would after the page
// terminates the group.
func pipe() (lead, helper *pipeEnd) {
	a, b := make(chan []float64, 64), make(chan []float64, 64) // postMessage never blocks
	return &pipeEnd{in: a, out: b, closeMu: &sync.Once{}}, &pipeEnd{in: b, out: a, closeMu: &sync.Once{}}
}

var errBroken = errors.New("channel broken")

func (p *pipeEnd) Send(v []float64) (err error) {
	defer func() {
		if recover() != nil {
			err = errBroken
		}
	}()
	p.out <- append([]float64{}, v...)
	return nil
}

func (p *pipeEnd) Recv() ([]float64, error) {
	v, ok := <-p.in
	if !ok {
		return nil, errBroken
	}
	return v, nil
}

// close breaks the channel in the direction this end sends.
func (p *pipeEnd) close() { p.closeMu.Do(func() { close(p.out) }) }

// runSharded runs probe index of s split into shards, with the helpers
// ServeShard on goroutines, and returns the lead's result and the helpers'.
func runSharded(t *testing.T, s Spectrum, theta []float64, index, shards int) (*ProbeResult, []*ShardResult) {
	t.Helper()
	peers := make([]Peer, shards-1)
	helpers := make([]*ShardResult, shards-1)
	errs := make([]error, shards-1)
	var wg sync.WaitGroup
	for i := range peers {
		lead, helper := pipe()
		peers[i] = lead
		wg.Add(1)
		go func() {
			defer wg.Done()
			helpers[i], errs[i] = ServeShard(s, Assets{}, theta, i+1, shards, helper)
		}()
	}
	res, err := ProbeSpectrumSharded(s, Assets{}, theta, index, peers, nil)
	wg.Wait()
	if err != nil {
		t.Fatalf("shards=%d probe %d: %v", shards, index, err)
	}
	for i, err := range errs {
		if err != nil {
			t.Fatalf("shards=%d: helper %d: %v", shards, i+1, err)
		}
	}
	return res, helpers
}

// maxRel returns max_i |a_i − b_i| / max_i |b_i|, the difference relative
// to the vector's scale (0 if they are equal), and fails if the lengths
// differ. Entry by entry the relative difference is not a fair measure: an
// eigenvalue of a near-singular curvature is ~1e-6 of the largest, and
// rounding of the same absolute size is then 1e-6 times larger relative to
// it than to the spectrum.
func maxRel(t *testing.T, name string, a, b []float64) float64 {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d values vs %d", name, len(a), len(b))
	}
	worst, scale := 0.0, 0.0
	for i := range a {
		worst = max(worst, math.Abs(a[i]-b[i]))
		scale = max(scale, math.Abs(b[i]))
	}
	if worst == 0 {
		return 0
	}
	return worst / scale
}

// Truth: ProbeSpectrum, the one-worker probe, which RunSpectrum and the CLI
// use. A sharded probe must give its top-k and bottom-k Ritz values and
// quadrature nodes and weights to 1e-12 relative to their scale (maxRel), for both curvatures and
// uneven shard sizes; and its product count and dense spectrum exactly.
func TestShardedProbeEqualsTheOneWorkerProbe(t *testing.T) {
	for _, curvature := range []string{"hessian", "ggn"} {
		s := small()
		s.Samples, s.Curvature, s.Steps, s.TopK = 121, curvature, 40, 8
		tr, err := TrainSpectrum(s, Assets{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, index := range []int{0, 1} {
			dense := s
			dense.Dense = index == 0
			want, err := ProbeSpectrum(dense, Assets{}, tr.Theta, index, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, shards := range []int{1, 2, 3, 5} {
				name := fmt.Sprintf("%s probe %d shards=%d", curvature, index, shards)
				t.Run(name, func(t *testing.T) {
					got, helpers := runSharded(t, dense, tr.Theta, index, shards)
					worst := 0.0
					for _, c := range []struct {
						name string
						a, b []float64
					}{
						{"top", got.Top, want.Top}, {"bottom", got.Bottom, want.Bottom},
						{"nodes", got.Nodes, want.Nodes}, {"weights", got.Weights, want.Weights},
					} {
						r := maxRel(t, c.name, c.a, c.b)
						if r > shardTol {
							t.Errorf("%s: %s differ by %.3g relative; want ≤ %g", name, c.name, r, shardTol)
						}
						worst = max(worst, r)
					}
					t.Logf("%s: largest relative difference %.3g", name, worst)
					if got.Products != want.Products || got.Steps != want.Steps || got.Dim != want.Dim {
						t.Errorf("%s: products, steps, dim = %d, %d, %d; want %d, %d, %d", name, got.Products, got.Steps, got.Dim, want.Products, want.Steps, want.Dim)
					}
					if r := maxRel(t, "dense", got.Dense, want.Dense); r != 0 {
						t.Errorf("%s: the dense eigenvalues differ by %.3g; they come from the whole batch and must be the same bits", name, r)
					}
					for i, h := range helpers {
						if h.Shard != i+1 || h.Products != got.Steps {
							t.Errorf("%s: helper %d reports shard %d with %d products; the lead took %d steps", name, i+1, h.Shard, h.Products, got.Steps)
						}
					}
				})
			}
		}
	}
}

// Truth: the definition of a partition — ShardRange's ranges tile [0, n)
// in order, with sizes differing by at most one.
func TestShardRangesTileTheSamples(t *testing.T) {
	for _, n := range []int{1, 7, 120, 1001} {
		for shards := 1; shards <= min(n, MaxShards); shards++ {
			next, small, big := 0, n, 0
			for s := range shards {
				lo, hi := ShardRange(n, shards, s)
				if lo != next || hi < lo {
					t.Fatalf("n=%d shards=%d: shard %d is [%d, %d) after %d", n, shards, s, lo, hi, next)
				}
				next, small, big = hi, min(small, hi-lo), max(big, hi-lo)
			}
			if next != n || big-small > 1 {
				t.Errorf("n=%d shards=%d: the shards end at %d with sizes %d…%d", n, shards, next, small, big)
			}
		}
	}
}

// Truth: the contract of ProbeSpectrumSharded — a helper that dies makes
// the lead fail with an error naming the shard, instead of hanging or
// returning numbers.
func TestAHelperThatDiesFailsTheLead(t *testing.T) {
	s := small()
	tr, err := TrainSpectrum(s, Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lead, helper := pipe()
	go func() {
		for range 3 { // answer three products with zeros, then die
			v, err := helper.Recv()
			if err != nil || len(v) == 0 {
				return
			}
			_ = helper.Send(make([]float64, len(v)))
		}
		helper.close()
	}()
	_, err = ProbeSpectrumSharded(s, Assets{}, tr.Theta, 0, []Peer{lead}, nil)
	if err == nil || !strings.Contains(err.Error(), "shard 1 of 2") || !errors.Is(err, errBroken) {
		t.Fatalf("got %v; want an error naming shard 1 of 2 that wraps the broken channel", err)
	}
}

// Truth: checkShards' documented range.
func TestBadShardCountsAreRejected(t *testing.T) {
	s := small()
	tr, err := TrainSpectrum(s, Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lead, _ := pipe()
	if _, err := ServeShard(s, Assets{}, tr.Theta, 2, 2, lead); err == nil || !strings.Contains(err.Error(), "shard 2 of 2 is out of range") {
		t.Errorf("shard 2 of 2: got %v", err)
	}
	if _, err := ServeShard(s, Assets{}, tr.Theta, 1, MaxShards+1, lead); err == nil || !strings.Contains(err.Error(), "shard 1 of 9 is out of range") {
		t.Errorf("shards = %d: got %v", MaxShards+1, err)
	}
}
