package run

import (
	"testing"
	"time"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sensing"
)

func TestScratch(t *testing.T) {
	s := sensing.Default()
	s.K = []int{3, 5}
	t0 := time.Now()
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(time.Since(t0))
	for _, c := range res.Curves {
		var at2000 float64
		for i, st := range c.Step {
			if st <= 2000 {
				at2000 = c.Error[i]
			}
		}
		th := 0.0
		if len(c.TheoryError) > 0 {
			th = c.TheoryError[len(c.TheoryError)-1]
		}
		t.Logf("k=%d final err %.4g theory %.4g loglog %.4f late %.4g at2000 %.3g", c.K, c.Error[len(c.Error)-1], th, c.LogLogSlope, c.LateSlope, at2000)
	}
	s = sensing.Default()
	s.Param, s.K, s.Init, s.Steps = "asymmetric", []int{5}, []float64{0.03}, 20000
	res, err = Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Curves {
		t.Logf("asym k=%d final %.4g late %.5g [%d,%d] pred %.5g spur %.5g", c.K, c.Error[len(c.Error)-1], c.LateSlope, c.LateFrom, c.LateTo, c.PredictedSlope, c.SpuriousSlope)
	}
	s.Rebalance, s.Steps = 1000, 2000
	res, err = Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Curves {
		t.Logf("rebal k=%d final %.4g late %.5g pred %.5g post %.4g change %.3g", c.K, c.Error[len(c.Error)-1], c.LateSlope, c.PredictedSlope, c.PostSlope, c.RebalanceChange)
	}
}
