package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// Truth: README.md, "overparam implicitbias": the -json keys it names, the
// summary lines, -preset and the refusal of a bad flag with its range.
func TestImplicitBiasPrintsItsSummaryAndJSON(t *testing.T) {
	o := mustRun(t, "implicitbias", "-seeds", "2", "-iters", "300", "-quiet")
	for _, want := range []string{"attention: n = 6 sequences of T = 8 tokens in d = 10", "W→W^mm_F", "min corr(W, W^mm_F) = ", "of 2 seeds"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, o.stdout)
		}
	}
	o = mustRun(t, "implicitbias", "-preset", "ib-attention-one", "-seeds", "1", "-iters", "200", "-json", "-quiet")
	var r struct {
		Spec      map[string]json.RawMessage `json:"spec"`
		Attention struct {
			Iters     []int     `json:"iters"`
			MeanCorrW []float64 `json:"mean_corr_w"`
			Seeds     []struct {
				CorrW, CorrKQ []float64
				Fro, Nuc      struct {
					Singular  []float64 `json:"singular"`
					Rank      int       `json:"rank"`
					MinMargin float64   `json:"min_margin"`
					Gap       float64   `json:"gap"`
				}
			} `json:"seeds"`
		} `json:"attention"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &r); err != nil {
		t.Fatal(err)
	}
	if string(r.Spec["n"]) != "1" || len(r.Attention.Seeds) != 1 || len(r.Attention.Iters) != len(r.Attention.MeanCorrW) {
		t.Errorf("-preset ib-attention-one -seeds 1: spec n = %s, %d seeds, %d steps for %d correlations", r.Spec["n"], len(r.Attention.Seeds), len(r.Attention.Iters), len(r.Attention.MeanCorrW))
	}
	if sd := r.Attention.Seeds[0]; sd.Fro.Rank != 1 || sd.Nuc.Rank != 1 {
		t.Errorf("one sequence: ranks %d and %d; the SVM solution u zᵀ has rank 1", sd.Fro.Rank, sd.Nuc.Rank)
	}
	bad := run(t, "implicitbias", "-tokens", "99", "-quiet")
	if bad.code != 2 || !strings.Contains(bad.stderr, "tokens = 99 is out of range; allowed: [2, 32]") {
		t.Errorf("-tokens 99: exit %d, stderr %q", bad.code, bad.stderr)
	}
}

// Truth: README.md, "overparam implicitbias": -model ssm and -model cogo
// print their summaries, and their -json keys are the README's.
func TestImplicitBiasSSMAndCogoPrintTheirSummaries(t *testing.T) {
	o := mustRun(t, "implicitbias", "-model", "ssm", "-states", "1,4", "-steps", "300", "-quiet")
	for _, want := range []string{"ssm: teacher pole a = 0.8, gain w* = 1.5", "recurrence vs transfer function (FFT)", "predicted change of the balanced half-time per doubling of N"} {
		if !strings.Contains(o.stdout, want) {
			t.Errorf("the SSM summary lacks %q:\n%s", want, o.stdout)
		}
	}
	o = mustRun(t, "implicitbias", "-model", "cogo", "-modulus", "7", "-widths", "8", "-repeats", "1", "-epochs", "50", "-json", "-quiet")
	var r struct {
		Cogo struct {
			OrderShare *float64 `json:"order_share"`
			Runs       []struct {
				Width     int         `json:"width"`
				Orders    []int       `json:"orders"`
				Rkkk      []float64   `json:"rkkk"`
				Raac      *float64    `json:"raac"`
				Energy    *float64    `json:"energy"`
				TestAcc   *float64    `json:"test_acc"`
				Magnitude [][]float64 `json:"magnitude"`
			} `json:"runs"`
		} `json:"cogo"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Cogo.Runs) != 1 || r.Cogo.OrderShare == nil || len(r.Cogo.Runs[0].Orders) != 3 || len(r.Cogo.Runs[0].Rkkk) != 3 || len(r.Cogo.Runs[0].Magnitude) != 8 ||
		r.Cogo.Runs[0].Raac == nil || r.Cogo.Runs[0].Energy == nil || r.Cogo.Runs[0].TestAcc == nil {
		t.Errorf("-model cogo -json: %s", o.stdout)
	}
	bad := run(t, "implicitbias", "-model", "cogo", "-modulus", "12", "-quiet")
	if bad.code != 2 || !strings.Contains(bad.stderr, "modulus = 12 is even") {
		t.Errorf("-modulus 12: exit %d, stderr %q", bad.code, bad.stderr)
	}
}
