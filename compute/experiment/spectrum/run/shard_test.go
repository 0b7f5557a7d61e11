package run

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/runkit"

	"github.com/overparam/overparam/compute/nn"
)

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
func runSharded(t *testing.T, s spectrum.Spec, theta []float64, index, shards int) (*spectrum.ProbeResult, []*experiment.ShardResult) {
	t.Helper()
	peers := make([]experiment.Peer, shards-1)
	helpers := make([]*experiment.ShardResult, shards-1)
	errs := make([]error, shards-1)
	var wg sync.WaitGroup
	for i := range peers {
		lead, helper := pipe()
		peers[i] = lead
		wg.Add(1)
		go func() {
			defer wg.Done()
			helpers[i], errs[i] = ServeShard(s, experiment.Assets{}, theta, i+1, shards, helper)
		}()
	}
	res, err := ProbeSharded(s, experiment.Assets{}, theta, index, peers, nil)
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

// equalBits reports the first index where a and b differ in any bit (NaN
// patterns included), or −1 if they are the same bits.
func equalBits(a, b []float64) int {
	if len(a) != len(b) {
		return 0
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return i
		}
	}
	return -1
}

// Truth: Probe, the one-worker probe, which Run and the CLI
// use. The curvature's products are summed over the spec's fixed sample
// blocks in ascending order however the blocks are shared (spectrum_shard.go),
// so a probe split over 1, 2, 3 or 4 workers gives the same bits: Ritz
// values, residuals, quadrature nodes and weights, product count and dense
// spectrum, for both curvatures and uneven block sizes (121 samples).
func TestShardedProbeIsTheSameBitsAsTheOneWorkerProbe(t *testing.T) {
	for _, curvature := range []string{"hessian", "ggn"} {
		s := small()
		s.Samples, s.Curvature, s.Steps, s.TopK = 121, curvature, 40, 8
		tr, err := Train(s, experiment.Assets{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, index := range []int{0, 1} {
			dense := s
			dense.Dense = index == 0
			want, err := Probe(dense, experiment.Assets{}, tr.Theta, index, nil)
			if err != nil {
				t.Fatal(err)
			}
			for shards := 1; shards <= experiment.MaxShards; shards++ {
				name := fmt.Sprintf("%s probe %d shards=%d", curvature, index, shards)
				t.Run(name, func(t *testing.T) {
					got, helpers := runSharded(t, dense, tr.Theta, index, shards)
					for _, c := range []struct {
						name string
						a, b []float64
					}{
						{"top", got.Top, want.Top}, {"bottom", got.Bottom, want.Bottom},
						{"residuals", got.Residuals, want.Residuals}, {"bottom residuals", got.BottomResiduals, want.BottomResiduals},
						{"nodes", got.Nodes, want.Nodes}, {"weights", got.Weights, want.Weights},
						{"dense", got.Dense, want.Dense},
					} {
						if i := equalBits(c.a, c.b); i >= 0 {
							t.Errorf("%s: %s differ at %d (%d values vs %d); want the same bits", name, c.name, i, len(c.a), len(c.b))
						}
					}
					if got.Products != want.Products || got.Steps != want.Steps || got.Dim != want.Dim {
						t.Errorf("%s: products, steps, dim = %d, %d, %d; want %d, %d, %d", name, got.Products, got.Steps, got.Dim, want.Products, want.Steps, want.Dim)
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

// Truth: the order documented in spectrum_shard.go, written out here with
// one nn.Curvature per block of ShardRange(N, B, b): the probe operator's
// product is ((H₀v + H₁v) + H₂v) + H₃v, bit for bit, and differs from the
// whole-batch product only by rounding (1e-13 of its scale).
func TestTheBlockedProductIsTheDocumentedSum(t *testing.T) {
	s := small()
	s.Samples = 121
	st, err := runkit.SetupSpectrum(&s, experiment.Assets{})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := trainSpectrum(&s, st, runkit.OrTrue(nil))
	if err != nil {
		t.Fatal(err)
	}
	n := len(tr.Theta)
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Sin(float64(i) + 0.5)
	}
	got := make([]float64, n)
	newBlockedCurvature(&s, st, tr.Theta, nil).MulVecTo(got, v)

	blocks := experiment.SampleBlocks(s.Samples)
	if blocks != 4 {
		t.Fatalf("SampleBlocks(%d) = %d, want min(MaxShards, samples) = 4", s.Samples, blocks)
	}
	want := make([]float64, n)
	part := make([]float64, n)
	for b := range blocks {
		lo, hi := experiment.ShardRange(s.Samples, blocks, b)
		idx := make([]int, 0, hi-lo)
		for i := lo; i < hi; i++ {
			idx = append(idx, i)
		}
		obj := &nn.Objective{Arch: st.Arch, Data: &st.Split.Train, Idx: idx, Scale: 1 / float64(s.Samples)}
		nn.NewCurvature(obj, tr.Theta, nn.Hessian).MulVecTo(part, v)
		for i := range want {
			if b == 0 {
				want[i] = part[i]
			} else {
				want[i] += part[i]
			}
		}
	}
	if i := equalBits(got, want); i >= 0 {
		t.Fatalf("entry %d: the probe operator gives %v, the documented sum %v", i, got[i], want[i])
	}
	whole := make([]float64, n)
	spectrumCurvature(&s, st, tr.Theta).MulVecTo(whole, v)
	diff, scale := 0.0, 0.0
	for i := range whole {
		diff, scale = max(diff, math.Abs(whole[i]-got[i])), max(scale, math.Abs(whole[i]))
	}
	const roundingTol = 1e-13 // a few ulps of reordered sums of 30 samples' terms
	if diff > roundingTol*scale {
		t.Errorf("the blocked product differs from the whole-batch one by %.3g of its scale; want ≤ %g", diff/scale, roundingTol)
	}
}

// Truth: the definition of a partition — ShardRange's ranges tile [0, n)
// in order, with sizes differing by at most one.
func TestShardRangesTileTheSamples(t *testing.T) {
	for _, n := range []int{1, 7, 120, 1001} {
		for shards := 1; shards <= min(n, experiment.MaxShards); shards++ {
			next, small, big := 0, n, 0
			for s := range shards {
				lo, hi := experiment.ShardRange(n, shards, s)
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

// Truth: the contract of ProbeSharded — a helper that dies makes
// the lead fail with an error naming the shard, instead of hanging or
// returning numbers.
func TestAHelperThatDiesFailsTheLead(t *testing.T) {
	s := small()
	tr, err := Train(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lead, helper := pipe()
	lo, hi := experiment.ShardRange(experiment.SampleBlocks(s.Samples), 2, 1) // the helper's blocks
	go func() {
		for range 3 { // answer three products with zeros, then die
			v, err := helper.Recv()
			if err != nil || len(v) == 0 {
				return
			}
			_ = helper.Send(make([]float64, (hi-lo)*len(v)))
		}
		helper.close()
	}()
	_, err = ProbeSharded(s, experiment.Assets{}, tr.Theta, 0, []experiment.Peer{lead}, nil)
	if err == nil || !strings.Contains(err.Error(), "shard 1 of 2") || !errors.Is(err, errBroken) {
		t.Fatalf("got %v; want an error naming shard 1 of 2 that wraps the broken channel", err)
	}
}

// Truth: checkShards' documented range.
func TestBadShardCountsAreRejected(t *testing.T) {
	s := small()
	tr, err := Train(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lead, _ := pipe()
	if _, err := ServeShard(s, experiment.Assets{}, tr.Theta, 2, 2, lead); err == nil || !strings.Contains(err.Error(), "shard 2 of 2 is out of range") {
		t.Errorf("shard 2 of 2: got %v", err)
	}
	if _, err := ServeShard(s, experiment.Assets{}, tr.Theta, 1, experiment.MaxShards+1, lead); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("shard 1 of %d is out of range", experiment.MaxShards+1)) {
		t.Errorf("shards = %d: got %v", experiment.MaxShards+1, err)
	}
}
