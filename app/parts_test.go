package app

import "testing"

// Truth: partCache's contract — each part is decoded once per run, and a
// new run starts from nothing.
func TestPartCacheDecodesEachPartOncePerRun(t *testing.T) {
	type part struct{ Index int }
	var c partCache[part]
	st := RunState{Run: 1, Parts: map[int]string{0: `{"Index":0}`, 1: `not JSON`}}
	got := c.of(st)
	if len(got) != 1 || got[0].Index != 0 {
		t.Fatalf("decoded %v; want part 0 only (part 1 is not JSON)", got)
	}
	first := got[0]
	st.Parts = map[int]string{0: `{"Index":0}`, 2: `{"Index":2}`}
	if got = c.of(st); got[0] != first || got[2] == nil || got[2].Index != 2 {
		t.Errorf("part 0 was decoded again or part 2 is missing: %v", got)
	}
	if got = c.of(RunState{Run: 2}); len(got) != 0 {
		t.Errorf("a new run kept %d parts of the old one", len(got))
	}
}
