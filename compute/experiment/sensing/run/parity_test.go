package run

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sensing"
	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/kernel"
)

// parityCases are small specs that take every path of the run: fully
// observed XXᵀ with theory lines, measured FGᵀ with outliers and a
// rebalancing step, and the robust ℓ1 against ℓ2 comparison.
var parityCases = map[string]string{
	"symmetric-full":      "k=3,5&steps=2000&n=20",
	"asymmetric-measured": "param=asymmetric&n=8&r=2&k=2,4&measurements=60&outliers=0.1&init=0.1,0.03&rebalance=300&steps=600",
	"robust":              "loss=l1&n=8&r=2&rankover=6&measurements=150&init=0.001&lr=0.1&decay=0.995&steps=500&outliers=0,0.3",
}

func paritySpec(t *testing.T, q string) sensing.Spec {
	s := sensing.Default()
	if n := experiment.ParseQuery("v=1&"+q, &s); len(n) > 0 {
		t.Fatalf("%s: %v", q, n)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// Truth: the native run of the same spec. A shared link must give the same
// numbers in the browser (js/wasm) and the CLI, so the whole JSON result
// must match bit for bit.
func TestJSWasmRunsGiveTheNativeResult(t *testing.T) {
	for name, q := range parityCases {
		t.Run(name, func(t *testing.T) {
			res, err := Run(paritySpec(t, q), experiment.Assets{}, nil)
			parity.CheckResult(t, "experiment-sensing-"+name, res, err)
		})
	}
}

// Truth: Run's documentation. The page runs each curve as its own job
// (Point, in any order, on any worker) and assembles them; the CLI runs
// Run. Both must give the same JSON, byte for byte.
func TestPointsAndAssemblyGiveTheRunsResult(t *testing.T) {
	s := paritySpec(t, parityCases["asymmetric-measured"])
	whole, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := len(s.Curves())
	parts := make([]*sensing.CurveResult, n)
	for i := n - 1; i >= 0; i-- { // the pool finishes them in any order
		if parts[i], err = Point(s, experiment.Assets{}, i, nil); err != nil {
			t.Fatal(err)
		}
	}
	joined, err := Assemble(s, parts)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(whole)
	b, _ := json.Marshal(joined)
	if !bytes.Equal(a, b) {
		t.Errorf("assembled points differ from Run:\n%s\n%s", a, b)
	}
	if _, err := Assemble(s, parts[:n-1]); err == nil {
		t.Error("Assemble accepted a missing curve")
	}
}

// Truth: package kernel's multiply-add counter, kernel.MulAdds. Cost's
// MatMul counts the products every curve makes (the gradient and the
// recorded errors); the run's problem (M*, 𝒜(M*)) adds a little, and a
// curve records at most 2·Records + 2 iterations.
func TestCostCountsTheKernelsProducts(t *testing.T) {
	for name, q := range parityCases {
		t.Run(name, func(t *testing.T) {
			s := paritySpec(t, q)
			before := kernel.MulAdds()
			if _, err := Run(s, experiment.Assets{}, nil); err != nil {
				t.Fatal(err)
			}
			got, est := float64(kernel.MulAdds()-before), float64(s.Cost().MatMul)
			if got > 1.02*est || got < 0.8*est {
				t.Errorf("kernel multiply-adds %.4g, Cost's MatMul %.4g: want within [0.8, 1.02] of the estimate", got, est)
			}
		})
	}
}

// Truth: RecordSteps' documentation: ascending, no repeats, from 0 to T,
// including the rebalancing iteration.
func TestRecordedIterationsAreAscendingAndIncludeTheEnds(t *testing.T) {
	for _, c := range [][2]int{{1, 0}, {7, 0}, {10_000, 0}, {2000, 1000}, {1_000_000, 3}} {
		r := RecordSteps(c[0], c[1])
		if r[0] != 0 || r[len(r)-1] != c[0] {
			t.Errorf("T = %d: records run from %d to %d", c[0], r[0], r[len(r)-1])
		}
		for i := 1; i < len(r); i++ {
			if r[i] <= r[i-1] {
				t.Errorf("T = %d: records %d then %d", c[0], r[i-1], r[i])
			}
		}
		if len(r) > 3*sensing.Records+3 {
			t.Errorf("T = %d: %d records", c[0], len(r))
		}
		if c[1] > 0 {
			found := false
			for _, x := range r {
				found = found || x == c[1]
			}
			if !found {
				t.Errorf("T = %d: rebalancing iteration %d not recorded", c[0], c[1])
			}
		}
	}
}

// BenchmarkRunDefault runs the page's default spec (four curves of 10⁴
// iterations, n = 50), one after another as the CLI does.
func BenchmarkRunDefault(b *testing.B) {
	s := sensing.Default()
	for range b.N {
		if _, err := Run(s, experiment.Assets{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunRobust runs the ℓ1 preset's two curves at 30% outliers
// (n = 20, m = 1,200, 3,000 iterations each).
func BenchmarkRunRobust(b *testing.B) {
	s := sensing.Default()
	experiment.ParseQuery("v=1&loss=l1&n=20&r=3&rankover=20&measurements=1200&init=0.001&lr=0.1&decay=0.998&steps=3000&outliers=0.3", &s)
	for range b.N {
		if _, err := Run(s, experiment.Assets{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
