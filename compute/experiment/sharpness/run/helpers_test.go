package run

import (
	"strings"

	"github.com/overparam/overparam/compute/experiment"
)

// parseInto reads query into s, returning any notice except the schema
// version's.
func parseInto(query string, s any) string {
	for _, n := range experiment.ParseQuery(query, s) {
		if !strings.Contains(n, "schema version") {
			return n
		}
	}
	return ""
}
