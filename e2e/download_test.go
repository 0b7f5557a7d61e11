package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// downloadTimeout bounds the wait for a file the page saves.
const downloadTimeout = 30 * time.Second

// allowDownloads makes the tab's browser context save downloads into a new
// temporary directory, under the names the page gives them, and returns it.
// It watches the browser's download events, for waitJSONFile.
func (tt *tab) allowDownloads(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	w := &downloadWatch{names: map[string]string{}, done: make(chan string, 64)}
	err := chromedp.ListenBrowser(tt.ctx, func(ev any) {
		switch e := ev.(type) {
		case *browser.EventDownloadWillBegin:
			w.names[e.GUID] = e.SuggestedFilename
		case *browser.EventDownloadProgress:
			if e.State == browser.DownloadProgressStateCompleted {
				select {
				case w.done <- w.names[e.GUID]:
				default:
				}
			}
		}
	})
	if err != nil {
		tb.Fatalf("watching the downloads: %v", err)
	}
	downloadWatches.Store(dir, w)
	tb.Cleanup(func() { downloadWatches.Delete(dir) })
	_, err = chromedp.CallBrowser(tt.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: chromedp.FromContext(tt.ctx).BrowserContextID,
		DownloadPath:     dir,
		EventsEnabled:    new(true),
	})
	if err != nil {
		tb.Fatalf("allowing downloads: %v", err)
	}
	return dir
}

// downloadWatch follows the downloads into one directory: names maps a
// download's GUID to its file name (touched only by the listener), and
// done receives the file name of each completed download.
type downloadWatch struct {
	names map[string]string
	done  chan string
}

// downloadWatches maps a download directory to its *downloadWatch.
var downloadWatches sync.Map

// waitJSONFile waits for the browser's event that the download of name into
// dir has completed, and returns the file, which must hold complete JSON.
func waitJSONFile(tb testing.TB, dir, name string) []byte {
	tb.Helper()
	v, ok := downloadWatches.Load(dir)
	if !ok {
		tb.Fatalf("no download into %s is watched: call allowDownloads first", dir)
	}
	hang := time.NewTimer(downloadTimeout) // a guard against a hang only
	defer hang.Stop()
	for {
		select {
		case got := <-v.(*downloadWatch).done:
			if got != name {
				tb.Logf("downloaded %s while waiting for %s", got, name)
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || !json.Valid(b) {
				tb.Fatalf("the browser completed the download of %s, but the file is not complete JSON (%v)", name, err)
			}
			return b
		case <-hang.C:
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			tb.Fatalf("no download of %s completed within %v; the directory holds %v", name, downloadTimeout, names)
			return nil
		}
	}
}

// numberDiff summarises how the numbers of two JSON trees compare.
type numberDiff struct {
	numbers   int      // numbers compared
	identical int      // numbers with the same shortest decimal form, so the same float64 bits
	maxRel    float64  // the largest relative difference |a−b| / max(|a|, |b|), for the report
	maxAt     string   // where maxRel occurs
	problems  []string // structural differences and numbers that are not the same bits
}

// compareJSON walks two JSON documents in step and requires every number to
// be the same float64 bits: Go's encoding/json writes a float64 in its
// shortest round-tripping form, so equal bits mean equal text and a
// different text is a different value. It also records the largest relative
// difference, to say how far apart differing numbers are.
func compareJSON(a, b []byte) (numberDiff, error) {
	var va, vb any
	for _, x := range []struct {
		doc []byte
		v   *any
	}{{a, &va}, {b, &vb}} {
		d := json.NewDecoder(bytes.NewReader(x.doc))
		d.UseNumber()
		if err := d.Decode(x.v); err != nil {
			return numberDiff{}, err
		}
	}
	var r numberDiff
	r.walk("$", va, vb)
	return r, nil
}

func (r *numberDiff) fail(format string, args ...any) {
	if len(r.problems) < 20 {
		r.problems = append(r.problems, fmt.Sprintf(format, args...))
	}
}

func (r *numberDiff) walk(path string, a, b any) {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			r.fail("%s: object vs %T", path, b)
			return
		}
		keys := make([]string, 0, len(a))
		for k := range a {
			keys = append(keys, k)
		}
		for k := range bm {
			if _, ok := a[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			r.walk(path+"."+k, a[k], bm[k])
		}
	case []any:
		bs, ok := b.([]any)
		if !ok || len(bs) != len(a) {
			r.fail("%s: array of %d vs %v", path, len(a), describe(b))
			return
		}
		for i := range a {
			r.walk(fmt.Sprintf("%s[%d]", path, i), a[i], bs[i])
		}
	case json.Number:
		bn, ok := b.(json.Number)
		if !ok {
			r.fail("%s: number %s vs %v", path, a, describe(b))
			return
		}
		r.numbers++
		if a == bn {
			r.identical++
			return
		}
		x, errA := a.Float64()
		y, errB := bn.Float64()
		if errA != nil || errB != nil {
			r.fail("%s: %s vs %s", path, a, bn)
			return
		}
		rel := math.Abs(x-y) / math.Max(math.Abs(x), math.Abs(y))
		if rel > r.maxRel || math.IsNaN(rel) {
			r.maxRel, r.maxAt = rel, fmt.Sprintf("%s (%s vs %s)", path, a, bn)
		}
		r.fail("%s: %s vs %s (relative difference %.3g)", path, a, bn, rel)
	default: // string, bool, nil
		if a != b {
			r.fail("%s: %v vs %v", path, describe(a), describe(b))
		}
	}
}

func describe(v any) string {
	s := fmt.Sprintf("%T %v", v, v)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return strings.TrimSpace(s)
}

// TestCompareJSONCanFail: the comparison behind TestSharedLinkMatchesCLI
// sees a changed last bit, a larger difference and a missing field. Truth:
// the hand-made documents below, built to differ in exactly these ways (0.1
// and 0.10000000000000002 are adjacent float64 values).
func TestCompareJSONCanFail(t *testing.T) {
	if !env.enabled {
		t.Skip("set OVERPARAM_E2E=1 to run the Chromium end-to-end tests (after 'make build')")
	}
	a := []byte(`{"x": [0.1, 2, 3.5], "s": "a", "n": 1}`)
	b := []byte(`{"x": [0.10000000000000002, 2, 3.5000001], "s": "a"}`)
	d, err := compareJSON(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if d.numbers != 3 || d.identical != 1 {
		t.Errorf("compared %d numbers, %d identical; want 3 and 1", d.numbers, d.identical)
	}
	want := []string{"$.n", "$.x[0]", "$.x[2]"}
	if len(d.problems) != len(want) {
		t.Fatalf("problems %q, want one for each of %q", d.problems, want)
	}
	for i, p := range d.problems {
		if !strings.HasPrefix(p, want[i]+":") {
			t.Errorf("problem %d is %q, want it about %s", i, p, want[i])
		}
	}
}
