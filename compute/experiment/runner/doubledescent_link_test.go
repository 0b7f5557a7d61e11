package runner

import (
	"reflect"
	"testing"
)

// Truth: DefaultDoubleDescentForQuery's contract — a short link starts from
// the preset of the model it names, and a full link (every key, as the page
// writes it) reads the same whatever the starting defaults.
func TestDoubleDescentLinksStartFromTheirModel(t *testing.T) {
	for _, model := range []string{"linear", "features", "mlp", "lstd"} {
		want := DefaultDoubleDescentFor(model)
		got := DefaultDoubleDescentForQuery("v=1&model=" + model)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("model=%s: defaults %+v, want the model's preset", model, got)
		}
		full := Query(&want)
		a, b := DefaultDoubleDescent(), DefaultDoubleDescentForQuery(full)
		ParseQuery(full, &a)
		ParseQuery(full, &b)
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, want) {
			t.Errorf("model=%s: a full link depends on the starting defaults", model)
		}
	}
	if got := DefaultDoubleDescentForQuery("v=1&model=%3Cscript%3E"); !reflect.DeepEqual(got, DefaultDoubleDescent()) {
		t.Error("an unknown model did not fall back to the default preset")
	}
}
