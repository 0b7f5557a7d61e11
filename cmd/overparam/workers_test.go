package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// cheapestPreset returns the link of experiment e's preset with the least
// estimated cost (its spec's Cost), so that a test over every experiment
// stays short.
func cheapestPreset(t *testing.T, e experiment.Experiment) string {
	t.Helper()
	best, bestSeconds := "", 0.0
	for _, p := range e.Presets() {
		spec := e.Defaults(p.Query)
		experiment.ParseQuery(p.Query, spec)
		c, ok := spec.(interface{ Cost() experiment.Cost })
		if !ok {
			t.Fatalf("%s: the spec has no Cost method", e.Name)
		}
		if s := c.Cost().Seconds; best == "" || s < bestSeconds {
			best, bestSeconds = e.Page()+"?"+p.Query, s
		}
	}
	if best == "" {
		t.Fatalf("%s has no preset", e.Name)
	}
	return best
}

// Truth: each experiment's one-call run (the link run it registers with
// registerCLI, its run package's Run), which the browser's single worker
// and the parity fingerprints check. `run -link` with 1 or 3 workers runs
// the same jobs as the browser's pool (compute/job's plans); every
// reduction's order is fixed by the spec, so each prints the same bytes,
// for every registered experiment (its cheapest preset).
func TestRunLinkGivesTheOneCallBitsForAnyNumberOfWorkers(t *testing.T) {
	for _, e := range experiment.Experiments() {
		t.Run(e.Name, func(t *testing.T) {
			link := cheapestPreset(t, e)
			c, ok := experimentCLIs[e.Name]
			if !ok {
				t.Fatalf("%s registers no CLI", e.Name)
			}
			_, query, _ := splitLink(link)
			res, _, err := c.link(query, func(string) {})
			if err != nil {
				t.Fatalf("%s: the one-call run: %v", link, err)
			}
			var want bytes.Buffer
			if err := json.NewEncoder(&want).Encode(res); err != nil {
				t.Fatal(err)
			}
			for _, workers := range []string{"1", "3"} {
				got := mustRun(t, "run", "-quiet", "-workers", workers, "-link", link).stdout
				if got != want.String() {
					t.Errorf("run -link %s -workers %s printed %d bytes that differ from the one-call run's %d (first difference at byte %d)", link, workers, len(got), want.Len(), firstDiff(got, want.String()))
				}
			}
		})
	}
}

// firstDiff returns the index of the first byte where a and b differ.
func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// The experiment commands read -workers, and a bad count is refused.
func TestWorkersMustBePositive(t *testing.T) {
	o := run(t, append(spectrumArgs(), "-workers", "0")...)
	if o.code != 2 || !bytes.Contains([]byte(o.stderr), []byte("-workers 0")) {
		t.Errorf("spectrum -workers 0: status %d, stderr %q; want 2 and a message naming -workers 0", o.code, o.stderr)
	}
	o = run(t, "run", "-workers", "-1", "-link", "/spectrum?v=1")
	if o.code != 2 {
		t.Errorf("run -workers -1: status %d, want 2", o.code)
	}
}

// A spectrum with fewer probes than workers splits each probe over sample
// shards on goroutines (compute/job's Pool); truth: the same command with
// one worker (the shards sum the fixed sample blocks in one order).
func TestSpectrumProbesSplitOverShardsGiveTheOneWorkerBits(t *testing.T) {
	one := mustRun(t, append(spectrumArgs("-probes", "1", "-json"), "-workers", "1")...).stdout
	four := mustRun(t, append(spectrumArgs("-probes", "1", "-json"), "-workers", "4")...).stdout
	if one != four {
		t.Errorf("spectrum -probes 1: -workers 4 (probe split into 4 shards) differs from -workers 1 at byte %d", firstDiff(one, four))
	}
}
