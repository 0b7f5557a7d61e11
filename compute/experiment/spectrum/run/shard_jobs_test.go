package run

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/compute/job/jobtest"

	"github.com/overparam/overparam/compute/experiment"
)

// chanPeer is an in-process Peer: Go channels in place of the browser's
// MessagePorts. Sends never block, like postMessage.
type chanPeer struct{ in, out chan []float64 }

func peerPair() (a, b chanPeer) {
	x, y := make(chan []float64, 64), make(chan []float64, 64)
	return chanPeer{x, y}, chanPeer{y, x}
}

func (p chanPeer) Send(v []float64) error { p.out <- append([]float64{}, v...); return nil }
func (p chanPeer) Recv() ([]float64, error) {
	v, ok := <-p.in
	if !ok {
		return nil, errors.New("the peer's worker is gone")
	}
	return v, nil
}

// Truth: the one-worker "spectrum.probe" request. The same probe led by one
// request and served by two "spectrum.shard" requests, all through Handle
// and JSON as the workers run them, gives the same result, byte for byte
// (Go's JSON writes each float64 in its shortest form that reads back to the
// same bits, so equal bytes are equal bits), and each helper ends with its
// ShardResult.
func TestAProbeShardedOverThreeWorkersIsTheOneWorkerProbe(t *testing.T) {
	spec := smallSpec()
	tr := jobtest.Terminal(t, jobtest.Run(t, request(job.KindSpectrumTrain, spec, nil, 0, nil), job.Env{}))
	raw, _ := json.Marshal(spec)
	want := jobtest.Terminal(t, jobtest.Run(t, request(job.KindSpectrumProbe, spec, tr.Body, 0, nil), job.Env{Data: tr.Data}))

	const shards = 3
	var leads []job.Peer
	helpers := make([]jobtest.Message, shards-1)
	var wg sync.WaitGroup
	for s := 1; s < shards; s++ {
		lead, helper := peerPair()
		leads = append(leads, lead)
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := job.Request{Kind: job.KindSpectrumShard, Spec: raw, Trained: tr.Body, Shard: s, Shards: shards}.Encode()
			var msgs []jobtest.Message
			job.Handle(req, job.Env{Peers: []job.Peer{helper}, Data: tr.Data}, func(typ string, body []byte, data []float64) {
				msgs = append(msgs, jobtest.Message{Type: typ, Body: body, Data: data})
			})
			helpers[s-1] = msgs[len(msgs)-1]
		}()
	}
	req := job.Request{Kind: job.KindSpectrumProbe, Spec: raw, Trained: tr.Body, Index: 0, Shards: shards}.Encode()
	got := jobtest.Terminal(t, jobtest.Run(t, req, job.Env{Peers: leads, Data: tr.Data}))
	wg.Wait()
	if got.Type != job.TypeResult {
		t.Fatalf("the sharded probe failed: %s", got.Body)
	}
	if !bytes.Equal(got.Body, want.Body) {
		t.Errorf("the sharded probe's result differs from the one-worker probe's:\n%.300s\nwant\n%.300s", got.Body, want.Body)
	}
	var a spectrum.ProbeResult
	if json.Unmarshal(got.Body, &a) != nil {
		t.Fatal("cannot decode the probe result")
	}
	for s, h := range helpers {
		var r experiment.ShardResult
		if h.Type != job.TypeResult || json.Unmarshal(h.Body, &r) != nil || r.Shard != s+1 || r.Products != a.Steps {
			t.Errorf("helper %d ended with %s %s; want its ShardResult with %d products", s+1, h.Type, h.Body, a.Steps)
		}
	}
}

// Truth: the protocol's contract — a sharded request without its channels
// ends in one clear error.
func TestShardedRequestsWithoutPeersFailClearly(t *testing.T) {
	spec := smallSpec()
	raw, _ := json.Marshal(spec)
	trained := json.RawMessage(`{"theta":[1]}`)
	for _, c := range []struct {
		name string
		req  job.Request
		want string
	}{
		{"a lead without peers", job.Request{Kind: job.KindSpectrumProbe, Spec: raw, Trained: trained, Shards: 2}, "needs one channel per other shard"},
		{"a helper without its lead", job.Request{Kind: job.KindSpectrumShard, Spec: raw, Trained: trained, Shard: 1, Shards: 2}, "needs one channel per other shard"},
	} {
		t.Run(c.name, func(t *testing.T) {
			end := jobtest.Terminal(t, jobtest.Run(t, c.req.Encode(), job.Env{}))
			if end.Type != job.TypeError || !strings.Contains(string(end.Body), c.want) {
				t.Errorf("got %s %s; want an error containing %q", end.Type, end.Body, c.want)
			}
		})
	}
}
