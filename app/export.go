package app

import (
	"strconv"
	"strings"

	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/curve"
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
func curveCSV(points []curve.Point) string {
	var b strings.Builder
	b.WriteString("step,epoch,train_loss,train_acc,test_loss,test_acc,grad_norm\n")
	for _, p := range points {
		b.WriteString(strings.Join([]string{strconv.Itoa(p.Step), strconv.Itoa(p.Epoch), csvNum(p.TrainLoss), csvNum(p.TrainAcc), csvNum(p.TestLoss), csvNum(p.TestAcc), csvNum(p.GradNorm)}, ",") + "\n")
	}
	return b.String()
}

// densityCSV is the SLQ density on its grid as CSV.
func densityCSV(res *spectrum.Result) string {
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
func resultCSV(res *spectrum.Result) string {
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

// csvText quotes a CSV field when it needs it (RFC 4180: a comma, quote
// or line break), doubling its quotes.
func csvText(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// pathsResultCSV is a paths result as one long-format CSV table, rows
// (series, index, x, y): for the pair ("pair"), its Bézier curve
// ("bezier") and the mean-field paths ("mf_linear", "mf_piecewise"), the
// series "<path> train_loss", "test_loss", "train_acc" and "test_acc"
// against α, and "pair sharpness" (the top Hessian eigenvalue) against α;
// per width (x = N) "linear_barrier", "linear_q1", "linear_q3",
// "dropout_barrier", "dropout_q1", "dropout_q3", "dropout_delta",
// "delta_q1", "delta_q3" and "seeds"; and "dropout N=<width>" (x = M
// neurons kept, y = ΔL).
func pathsResultCSV(res *paths.Result) string {
	var b strings.Builder
	b.WriteString("series,index,x,y\n")
	if res == nil {
		return b.String()
	}
	row := func(series string, i int, x, y float64) {
		b.WriteString(csvText(series) + "," + strconv.Itoa(i) + "," + csvNum(x) + "," + csvNum(y) + "\n")
	}
	for i, p := range res.Paths {
		name := "pair"
		switch {
		case i == 0:
		case p.Name == paths.BezierName:
			name = "bezier"
		default:
			name = "mf_" + p.Name
		}
		cols := []struct {
			col string
			y   []float64
		}{{"train_loss", p.TrainLoss}, {"test_loss", p.TestLoss}, {"train_acc", p.TrainAcc}, {"test_acc", p.TestAcc}}
		for _, c := range cols {
			for j, y := range c.y {
				row(name+" "+c.col, j, p.Alpha[j], y)
			}
		}
		for j, s := range p.Sharpness {
			row(name+" sharpness", j, s.Alpha, s.Top)
		}
	}
	for i, w := range res.Widths {
		x := float64(w.Width)
		for _, c := range []struct {
			col string
			y   float64
		}{{"linear_barrier", w.LinearBarrier}, {"linear_q1", w.LinearQ1}, {"linear_q3", w.LinearQ3},
			{"dropout_barrier", w.DropoutBarrier}, {"dropout_q1", w.DropoutQ1}, {"dropout_q3", w.DropoutQ3},
			{"dropout_delta", w.DropoutDelta}, {"delta_q1", w.DeltaQ1}, {"delta_q3", w.DeltaQ3}, {"seeds", float64(w.Seeds)}} {
			row(c.col, i, x, c.y)
		}
	}
	for _, d := range res.Dropout {
		for j, m := range d.M {
			row("dropout N="+strconv.Itoa(d.Width), j, float64(m), d.Delta[j])
		}
	}
	return b.String()
}
