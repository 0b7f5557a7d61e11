package kernel

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// The layer shapes of workload W1 (MLP 64-128-128-10 on 1,000 samples): the
// forward products (batch×in)·(in×out) and the weight-gradient products
// (out×batch)·(batch×in).
var benchShapes = []struct {
	name    string
	m, k, n int
}{
	{"W1fwd1_1000x64x128", 1000, 64, 128},
	{"W1fwd2_1000x128x128", 1000, 128, 128},
	{"W1fwd3_1000x128x10", 1000, 128, 10},
	{"W1grad2_128x1000x128", 128, 1000, 128},
}

func BenchmarkMulTo(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	defer Use(Current())
	for _, impl := range implementations() {
		for _, s := range benchShapes {
			b.Run(fmt.Sprintf("%v/%s", impl, s.name), func(b *testing.B) {
				Use(impl)
				x, y, z := randMat(r, s.m, s.k, 0), randMat(r, s.k, s.n, 0), make([]float64, s.m*s.n)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					MulTo(z, x, y, s.m, s.k, s.n)
				}
				flops := 2 * float64(s.m*s.k*s.n) * float64(b.N)
				b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
