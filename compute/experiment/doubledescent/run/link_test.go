package run

import (
	"reflect"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
)

// Truth: doubledescent.DefaultForQuery's contract — a short link starts from
// the preset of the model it names, and a full link (every key, as the page
// writes it) reads the same whatever the starting defaults.
func TestDoubleDescentLinksStartFromTheirModel(t *testing.T) {
	for _, model := range []string{"linear", "features", "mlp", "lstd"} {
		want := doubledescent.DefaultFor(model)
		got := doubledescent.DefaultForQuery("v=1&model=" + model)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("model=%s: defaults %+v, want the model's preset", model, got)
		}
		full := experiment.Query(&want)
		a, b := doubledescent.Default(), doubledescent.DefaultForQuery(full)
		experiment.ParseQuery(full, &a)
		experiment.ParseQuery(full, &b)
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, want) {
			t.Errorf("model=%s: a full link depends on the starting defaults", model)
		}
	}
	if got := doubledescent.DefaultForQuery("v=1&model=%3Cscript%3E"); !reflect.DeepEqual(got, doubledescent.Default()) {
		t.Error("an unknown model did not fall back to the default preset")
	}
}
