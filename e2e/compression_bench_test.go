package e2e

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkCompressionDefaults times each model's default preset on the
// compression page, from the click on Run to done, with the pool the page
// sizes for this machine. It reports s/run and load/run, the one-minute
// load average (/proc/loadavg) at the end of each run: on a shared machine
// the time means little without it.
func BenchmarkCompressionDefaults(b *testing.B) {
	for _, model := range []string{"gpfq", "sparse"} {
		b.Run("model="+model, func(b *testing.B) {
			tt := newTab(b)
			tt.open("/compression?v=1&model=" + model)
			tt.waitStatus("done", runTimeout) // warm-up: the run opening starts, which starts the workers
			var total time.Duration
			var load float64
			b.ResetTimer()
			for range b.N {
				t, _ := tt.timeRun()
				total += t
				l := loadAverage(b)
				load += l
				b.Logf("%s: %.2f s at load %.2f", model, t.Seconds(), l)
			}
			b.StopTimer()
			b.ReportMetric(total.Seconds()/float64(b.N), "s/run")
			b.ReportMetric(load/float64(b.N), "load/run")
		})
	}
}

// loadAverage returns the one-minute load average of /proc/loadavg.
func loadAverage(tb testing.TB) float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		tb.Fatal(err)
	}
	f, err := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}
