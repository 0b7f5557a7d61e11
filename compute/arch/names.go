package arch

import (
	"fmt"
	"strings"
)

// enumString returns names[i], or typ(i) for a value without a name.
func enumString(names []string, i int, typ string) string {
	if i < 0 || i >= len(names) {
		return fmt.Sprintf("%s(%d)", typ, i)
	}
	return names[i]
}

// parseEnum returns the index of s in names, ignoring case, or an error that
// lists the choices.
func parseEnum(names []string, s, what string) (int, error) {
	for i, n := range names {
		if strings.EqualFold(s, n) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q (want one of %s)", what, s, strings.Join(names, ", "))
}
