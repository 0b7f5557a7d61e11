package spectrum

import (
	"errors"
	"math"
	"testing"
)

// Truth: for a diagonal D and a Rademacher v (v_i² = 1), vᵀDv = Σ d_i = tr D
// exactly, for every probe, so the estimate is exact with zero spread.
func TestTraceOfADiagonalMatrixIsExact(t *testing.T) {
	const n = 64
	d := NewSym(n)
	var exact float64
	for i := range n {
		v := float64(i%7) - 2.5
		d.SetSym(i, i, v)
		exact += v
	}
	est, err := Trace(d, 5, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if est.Mean != exact || est.StdErr != 0 || est.Probes != 5 || est.Stats.MatVecs != 5 {
		t.Errorf("estimate %+v, want mean %v with StdErr 0 from 5 probes", est, exact)
	}
}

// Truth: counted products; the documented argument checks.
func TestTraceCancellationAndErrors(t *testing.T) {
	a := spikedWishart(40, 60, nil, 0, 30)
	t.Run("progress returning false stops after the requested products", func(t *testing.T) {
		op := &counting{Operator: a}
		est, err := Trace(op, 10, 1, func(done, total int) bool { return done < 3 })
		if !errors.Is(err, ErrCanceled) || op.products != 3 || est.Probes != 3 {
			t.Errorf("error %v, %d products, %d probes; want ErrCanceled after 3", err, op.products, est.Probes)
		}
	})
	t.Run("zero probes is an error", func(t *testing.T) {
		if _, err := Trace(a, 0, 1, nil); !errors.Is(err, ErrSettings) {
			t.Errorf("error %v, want ErrSettings", err)
		}
	})
	t.Run("a zero-dimensional operator is an error", func(t *testing.T) {
		if _, err := Trace(scaled{}, 3, 1, nil); !errors.Is(err, ErrSettings) {
			t.Errorf("error %v, want ErrSettings", err)
		}
	})
	t.Run("a NaN product is reported with its probe", func(t *testing.T) {
		est, err := Trace(&poisoned{Operator: a, at: 2}, 4, 1, nil)
		if !errors.Is(err, ErrNotFinite) || est.Probes != 1 || math.IsNaN(est.Mean) {
			t.Errorf("error %v, estimate %+v; want ErrNotFinite keeping the first probe", err, est)
		}
	})
}
