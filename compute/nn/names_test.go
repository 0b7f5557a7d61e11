package nn

import (
	"strings"
	"testing"
)

func TestNamesRoundTripAndUnknownNamesListTheChoices(t *testing.T) {
	// Truth: every named value parses back from its String, in any case.
	for a := Tanh; a <= Linear; a++ {
		if got, err := ParseActivation(strings.ToUpper(a.String())); err != nil || got != a {
			t.Errorf("activation %v: parsed %v, %v", a, got, err)
		}
	}
	for l := CrossEntropy; l <= Squared; l++ {
		if got, err := ParseLoss(l.String()); err != nil || got != l {
			t.Errorf("loss %v: parsed %v, %v", l, got, err)
		}
	}
	for i := InitDefault; i <= InitMeanField; i++ {
		if got, err := ParseInit(i.String()); err != nil || got != i {
			t.Errorf("init %v: parsed %v, %v", i, got, err)
		}
	}
	if _, err := ParseActivation("swish"); err == nil || !strings.Contains(err.Error(), "tanh, relu, sigmoid, linear") {
		t.Errorf("unknown activation: error %v should list the choices", err)
	}
	if s := Activation(9).String(); s != "Activation(9)" {
		t.Errorf("unnamed activation prints %q", s)
	}
}
