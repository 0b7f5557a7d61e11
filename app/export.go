package app

import (
	"strconv"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/train"
)

// csvNum writes a number with full float64 precision; NaN and ±Inf as
// empty cells.
func csvNum(x float64) string {
	if x != x || x > 1.7976931348623157e308 || x < -1.7976931348623157e308 {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// curveCSV is a training curve as CSV.
func curveCSV(points []train.Point) string {
	var b strings.Builder
	b.WriteString("step,epoch,train_loss,train_acc,test_loss,test_acc,grad_norm\n")
	for _, p := range points {
		b.WriteString(strings.Join([]string{strconv.Itoa(p.Step), strconv.Itoa(p.Epoch), csvNum(p.TrainLoss), csvNum(p.TrainAcc), csvNum(p.TestLoss), csvNum(p.TestAcc), csvNum(p.GradNorm)}, ",") + "\n")
	}
	return b.String()
}

// densityCSV is the SLQ density on its grid as CSV.
func densityCSV(res *experiment.SpectrumResult) string {
	var b strings.Builder
	b.WriteString("lambda,density\n")
	if res != nil {
		for i, x := range res.Density.Grid {
			b.WriteString(csvNum(x) + "," + csvNum(res.Density.Values[i]) + "\n")
		}
	}
	return b.String()
}

// resultCSV is a spectrum result as one long-format CSV table: each row is
// (series, index, x, y), with series density (x = λ, y = density), top and
// bottom (x = λ, y = Ritz residual), initial_density when present, and
// train (x = step, y = train loss).
func resultCSV(res *experiment.SpectrumResult) string {
	var b strings.Builder
	b.WriteString("series,index,x,y\n")
	if res == nil {
		return b.String()
	}
	row := func(series string, i int, x, y float64) {
		b.WriteString(series + "," + strconv.Itoa(i) + "," + csvNum(x) + "," + csvNum(y) + "\n")
	}
	for i, x := range res.Density.Grid {
		row("density", i, x, res.Density.Values[i])
	}
	for i, x := range res.Top {
		row("top", i+1, x, res.Residuals[i])
	}
	for i, x := range res.Bottom {
		row("bottom", i+1, x, res.BottomResiduals[i])
	}
	if res.Initial != nil {
		for i, x := range res.Initial.Density.Grid {
			row("initial_density", i, x, res.Initial.Density.Values[i])
		}
	}
	for i, p := range res.Train {
		row("train", i, float64(p.Step), p.TrainLoss)
	}
	return b.String()
}
