package bench

import (
	"math"
	"testing"
)

// TestWorkloads checks that every workload has the network, data and
// parameter count the package documentation promises, and that its loss and
// gradient at θ are finite.
func TestWorkloads(t *testing.T) {
	tests := []struct {
		name             string
		params           int // hand count from the layer sizes
		samples, classes int
		dim              int
	}{
		{"W0", 2*10 + 10 + 10*5 + 5 + 5*2 + 2, 100, 2, 2},                // 97
		{"W1", 64*128 + 128 + 128*128 + 128 + 128*10 + 10, 1000, 10, 64}, // 26,122: README.md, "Benchmarks"
		{"W2", 784*100 + 100 + 100*10 + 10, 1000, 10, 28 * 28},           // 79,510
	}
	for _, tt := range tests {
		t.Run(tt.name+" has its documented shape and a finite loss", func(t *testing.T) {
			obj, theta := Workload(tt.name, digitsAsset)
			if got := obj.Arch.NumParams(); got != tt.params || len(theta) != tt.params {
				t.Errorf("%s: NumParams = %d, len(θ) = %d, want %d", tt.name, got, len(theta), tt.params)
			}
			d := obj.Data
			if d.N != tt.samples || d.Classes != tt.classes || d.Dim != tt.dim {
				t.Errorf("%s: data has N = %d, Classes = %d, Dim = %d; want %d, %d, %d",
					tt.name, d.N, d.Classes, d.Dim, tt.samples, tt.classes, tt.dim)
			}
			grad := make([]float64, len(theta))
			loss := obj.LossGrad(grad, theta)
			if math.IsNaN(loss) || math.IsInf(loss, 0) || loss <= 0 {
				t.Errorf("%s: loss at θ = %v, want finite and positive", tt.name, loss)
			}
			for i, g := range grad {
				if math.IsNaN(g) || math.IsInf(g, 0) {
					t.Fatalf("%s: gradient[%d] = %v", tt.name, i, g)
				}
			}
		})
	}
}

// TestWorkloadIsFresh checks that two calls share no parameters: a benchmark
// may change its θ without affecting the next.
func TestWorkloadIsFresh(t *testing.T) {
	_, a := Workload("W0", nil)
	_, b := Workload("W0", nil)
	if &a[0] == &b[0] {
		t.Fatal("Workload returned the same θ twice")
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("θ[%d] differs between calls: %v and %v", i, a[i], b[i])
		}
	}
}

func TestWorkloadPanicsOnUnknownName(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Workload(\"W9\") did not panic")
		}
	}()
	Workload("W9", nil)
}

// TestFlopCounts checks the flop formulas of the package documentation
// against W1's matrix products listed one by one from nn's passes (n = 1000
// samples, 2 flops per multiply-add; layer products 64·128 = 8192,
// 128·128 = 16384 and 128·10 = 1280 multiply-adds per sample).
func TestFlopCounts(t *testing.T) {
	obj, _ := Workload("W1", nil)
	const n = 1000
	tests := []struct {
		name      string
		got, want float64
	}{
		// forward a_{l−1}W_lᵀ; weights δ_lᵀa_{l−1}; errors δ_l W_l for l = 3, 2
		{"gradient", gradientFlops(obj), 2 * n * ((8192 + 16384 + 1280) + (1280 + 16384 + 8192) + (1280 + 16384))},
		// R-forward a_{l−1}V_lᵀ and R{a_{l−1}}W_lᵀ; weights R{δ_l}ᵀa_{l−1} and
		// δ_lᵀR{a_{l−1}}; R-errors R{δ_l}W_l and δ_l V_l for l = 3, 2
		{"Hessian product", hessianFlops(obj), 2 * n * ((8192 + 2*16384 + 2*1280) + (2*1280 + 2*16384 + 8192) + 2*(1280+16384))},
		// as the Hessian product without δ_lᵀR{a_{l−1}} and δ_l V_l
		{"Gauss-Newton product", gaussNewtonFlops(obj), 2 * n * ((8192 + 2*16384 + 2*1280) + (1280 + 16384 + 8192) + (1280 + 16384))},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("W1 %s: %v flops, want %v", tt.name, tt.got, tt.want)
		}
	}
}
