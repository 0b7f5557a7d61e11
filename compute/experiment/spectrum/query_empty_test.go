package spectrum_test

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// TestEmptyListInALinkIsNoticed: "hidden=" is a valid spec (no hidden
// layer: a linear model), which a person who left the field empty by
// mistake would not guess; the link's notices say so. Truth: the spec the
// link gives, Hidden empty.
func TestEmptyListInALinkIsNoticed(t *testing.T) {
	s := spectrum.Default()
	n := experiment.ParseQuery("v=1&hidden=", &s)
	if len(s.Hidden) != 0 || len(n) != 1 || !strings.Contains(n[0], "hidden is empty") || !strings.Contains(n[0], "linear model") {
		t.Errorf("hidden= gives hidden %v and notices %q; want no hidden layer and one notice saying so", s.Hidden, n)
	}
	if n := experiment.ParseQuery("v=1&hidden=16", &s); len(n) != 0 {
		t.Errorf("hidden=16 gives notices %q", n)
	}
}
