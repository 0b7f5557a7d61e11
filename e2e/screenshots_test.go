package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// TestScreenshots is not a check: with OVERPARAM_SCREENSHOTS=<dir> it
// writes PNGs of the pages in their states (for the README and for review)
// into dir. It fails only when it cannot take them.
func TestScreenshots(t *testing.T) {
	requireEnv(t)
	dir := os.Getenv("OVERPARAM_SCREENSHOTS")
	if dir == "" {
		t.Skip("set OVERPARAM_SCREENSHOTS=<dir> to write screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	desktop := chromedp.EmulateViewport(1280, 900)
	shots := []struct {
		name  string
		setup []tabSetup
		take  func(tt *tab) []byte
	}{
		{"home.png", []tabSetup{desktop}, func(tt *tab) []byte {
			tt.open("/")
			return tt.fullPage()
		}},
		{"spectrum-running.png", []tabSetup{desktop}, func(tt *tab) []byte {
			tt.open("/spectrum")
			tt.waitStatus("running", pageLoadTimeout)
			tt.waitFor("some training", `document.querySelector('#run-status progress')?.value > 0.3`, runTimeout)
			return tt.viewport()
		}},
		{"spectrum-done.png", []tabSetup{desktop}, doneShot},
		{"failed.png", []tabSetup{desktop}, func(tt *tab) []byte {
			tt.open("/spectrum?v=1&data=teacher&loss=mse&lr=100&activation=linear")
			tt.waitStatus("failed", runTimeout)
			return tt.viewport()
		}},
		{"canceled.png", []tabSetup{desktop}, func(tt *tab) []byte {
			tt.open("/spectrum?v=1&epochs=20000")
			tt.waitStatus("running", pageLoadTimeout)
			time.Sleep(2 * time.Second)
			tt.click("#cancel")
			tt.waitStatus("canceled", cancelWithin)
			return tt.viewport()
		}},
		{"link-notices.png", []tabSetup{desktop}, func(tt *tab) []byte {
			tt.open("/spectrum?" + hostileQuery)
			tt.waitStatus("running", pageLoadTimeout)
			b := tt.viewport()
			tt.click("#cancel")
			return b
		}},
		{"phone-done.png", []tabSetup{chromedp.Emulate(device.IPhone12)}, doneShot},
		{"paths-done.png", []tabSetup{desktop}, pageShot("/paths")},
		{"paths-phone.png", []tabSetup{chromedp.Emulate(device.IPhone12)}, pageShot("/paths")},
		{"doubledescent-done.png", []tabSetup{desktop}, pageShot("/doubledescent")},
		{"doubledescent-mlp-dark.png", []tabSetup{desktop, darkMode()}, pageShot("/doubledescent?" + ddMLPQuery)},
		{"dark-done.png", []tabSetup{desktop, darkMode()}, doneShot},
	}
	for _, s := range shots {
		t.Run(s.name, func(t *testing.T) {
			tt := newTab(t, s.setup...)
			png := s.take(tt)
			path := filepath.Join(dir, s.name)
			if err := os.WriteFile(path, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d KB)", path, len(png)>>10)
		})
	}
}

// ddMLPQuery is the double-descent page's label-noise network preset.
const ddMLPQuery = "v=1&model=mlp"

// pageShot opens a page, waits for its run to finish and takes the full page.
func pageShot(path string) func(tt *tab) []byte {
	return func(tt *tab) []byte {
		tt.open(path)
		tt.waitStatus("done", runTimeout)
		return tt.fullPage()
	}
}

// doneShot is the default spectrum run, finished, as a full page.
func doneShot(tt *tab) []byte {
	tt.open("/spectrum")
	tt.waitStatus("done", runTimeout)
	return tt.fullPage()
}

// darkMode emulates a system that prefers a dark colour scheme.
func darkMode() tabSetup {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
		})
		return err
	})
}

// fullPage is a PNG of the whole page, beyond the viewport.
func (tt *tab) fullPage() []byte {
	tt.tb.Helper()
	tt.settle()
	b, err := chromedp.Run(tt.ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		tt.tb.Fatalf("full-page screenshot: %v", err)
	}
	return b
}

// viewport is a PNG of the top of the page, as far as the window shows.
func (tt *tab) viewport() []byte {
	tt.tb.Helper()
	eval[bool](tt, `(window.scrollTo(0, 0), true)`) // a click may have scrolled
	tt.settle()
	b, err := chromedp.Run(tt.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tt.tb.Fatalf("screenshot: %v", err)
	}
	return b
}

// settle waits for images and web fonts and one more frame, so a
// screenshot shows the page as a person sees it.
func (tt *tab) settle() {
	tt.tb.Helper()
	tt.waitFor("images to load", `[...document.images].every(i => i.complete)`, 10*time.Second)
	chromedp.Run(tt.ctx, chromedp.Evaluate[bool](
		`document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => r(true))))`, chromedp.EvalAwaitPromise))
}
