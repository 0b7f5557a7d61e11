package experiment

import (
	"strings"
	"testing"
)

// LiftTimeLimit lifts the compute-time limit only: a run of 10× OpsLimit
// passes, one over MemoryLimit is still refused (the limits are the
// constants of limits.go and cost.go).
func TestLiftTimeLimitKeepsTheMemoryLimit(t *testing.T) {
	defer func() { timeUnlimited = false }()
	long := Cost{Ops: 10 * OpsLimit, Bytes: 1 << 20}
	big := Cost{Ops: 1, Bytes: 2 * MemoryLimit}
	if err := CheckCost(long, "less", "smaller"); err == nil || !strings.Contains(err.Error(), "would take") {
		t.Fatalf("before LiftTimeLimit, a run of 10× the limit gives %v, want the time limit's error", err)
	}
	LiftTimeLimit()
	if err := CheckCost(long, "less", "smaller"); err != nil {
		t.Errorf("after LiftTimeLimit, a run of 10× the time limit is refused: %v", err)
	}
	if err := CheckCost(big, "less", "smaller"); err == nil || !strings.Contains(err.Error(), "memory") {
		t.Errorf("after LiftTimeLimit, a run over the memory limit gives %v, want the memory limit's error", err)
	}
}
