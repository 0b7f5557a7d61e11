// Command screenshots takes pictures of every page after a run, on a
// laptop (1366×900) and a phone (390×844), in the light and the dark
// colour scheme, with Debian's headless Chromium, for a person to look at.
// It serves the built site itself ('make build' first):
//
//	go run ./tools/screenshots -out /tmp/shots
//	go run ./tools/screenshots -out /tmp/shots -pages spectrum -screens phone
//
// Each picture is <page>-<screen>-<scheme>.png, the full page, and on a
// phone also <page>-phone-<scheme>-top.png, the first screen. It also
// prints what a person would trip over: a page wider than the window
// (horizontal scrolling), and, on a phone, the Run button out of reach
// (below the first screen). With -readme it writes docs/screenshot.png,
// the README's picture of the spectrum page on a laptop.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/overparam/overparam/compute/experiment"
	_ "github.com/overparam/overparam/compute/experiment/all" // every experiment
)

// page is one page to photograph: its link, which runs on opening.
type sitePage struct{ name, path string }

var pages = sitePages()

// sitePages lists the home page, every registered experiment's page with
// its defaults, and the pages' other models worth a look.
func sitePages() []sitePage {
	ps := []sitePage{{"home", "/"}}
	for _, e := range experiment.Experiments() {
		ps = append(ps, sitePage{e.Name, e.Page()})
	}
	// The other models of pages that hold several.
	return append(ps,
		sitePage{"doubledescent-lstd", "/doubledescent?v=1&model=lstd"},
		sitePage{"implicitbias-ssm", "/implicitbias?v=1&model=ssm"},
		sitePage{"implicitbias-cogo", "/implicitbias?v=1&model=cogo"},
		sitePage{"representations-mhe", "/representations?v=1&model=mhe"},
		sitePage{"representations-forde", "/representations?v=1&model=forde"},
		sitePage{"kernels-qnn", "/kernels?v=1&model=qnn"},
		sitePage{"compression-sparse", "/compression?v=1&model=sparse"},
	)
}

// screen is an emulated device.
type screen struct {
	name          string
	width, height int64
	scale         float64
	mobile        bool
}

var screens = []screen{
	{"laptop", 1366, 900, 1, false},
	{"phone", 390, 844, 2, true},
}

func main() {
	out := flag.String("out", "screenshots", "directory for the PNG files")
	only := flag.String("pages", "", "comma-separated page names to take (default all: "+names()+")")
	onlyScreens := flag.String("screens", "", "comma-separated screens: laptop, phone (default both)")
	schemes := flag.String("schemes", "light,dark", "colour schemes")
	readme := flag.Bool("readme", false, "also write docs/screenshot.png (the spectrum page, laptop, light)")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the Chromium binary")
	flag.Parse()
	log.SetFlags(0)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	base, stop, err := serve()
	if err != nil {
		log.Fatal(err)
	}
	defer stop()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(*chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-extensions", true))
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		log.Fatalf("starting Chromium: %v", err)
	}
	problems := 0
	for _, p := range pages {
		if !selected(*only, p.name) {
			continue
		}
		for _, sc := range screens {
			if !selected(*onlyScreens, sc.name) {
				continue
			}
			for _, scheme := range strings.Split(*schemes, ",") {
				name := fmt.Sprintf("%s-%s-%s.png", p.name, sc.name, scheme)
				wantReadme := *readme && p.name == "spectrum" && sc.name == "laptop" && scheme == "light"
				png, top, notes, err := shoot(browser, base+p.path, sc, scheme, wantReadme)
				if err != nil {
					log.Printf("%s: %v", name, err)
					problems++
					continue
				}
				if err := os.WriteFile(filepath.Join(*out, name), png, 0o644); err != nil {
					log.Fatal(err)
				}
				if top != nil {
					if err := os.WriteFile(filepath.Join(*out, strings.TrimSuffix(name, ".png")+"-top.png"), top, 0o644); err != nil {
						log.Fatal(err)
					}
				}
				fmt.Printf("%-44s %4d KB %s\n", name, len(png)>>10, strings.Join(notes, "; "))
				problems += len(notes)
				if wantReadme {
					if err := os.WriteFile("docs/screenshot.png", top, 0o644); err != nil {
						log.Fatal(err)
					}
				}
			}
		}
	}
	if problems > 0 {
		log.Fatalf("%d problems", problems)
	}
}

func names() string {
	var n []string
	for _, p := range pages {
		n = append(n, p.name)
	}
	return strings.Join(n, ", ")
}

func selected(list, name string) bool {
	if list == "" {
		return true
	}
	for _, s := range strings.Split(list, ",") {
		if strings.TrimSpace(s) == name {
			return true
		}
	}
	return false
}

// shoot opens url in a new browser context on the screen, in the colour
// scheme, waits for the run the link starts to finish, and takes the full
// page. notes lists what a person would trip over.
//
// With readme, top is instead the README's picture: the top 1330 px of the
// results column.
func shoot(browser context.Context, url string, sc screen, scheme string, readme bool) (png, top []byte, notes []string, err error) {
	limited, cancelLimit := context.WithTimeout(browser, 4*time.Minute)
	defer cancelLimit()
	ctx, cancel := chromedp.NewContext(limited, chromedp.WithNewBrowserContext())
	defer cancel()
	setup := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: sc.width, Height: sc.height, DeviceScaleFactor: sc.scale, Mobile: sc.mobile,
		}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
	if err := chromedp.Do(ctx, setup, chromedp.Navigate(url)); err != nil {
		return nil, nil, nil, err
	}
	if err := poll(ctx, `!document.getElementById('app-wasm-loader')`, time.Minute); err != nil {
		return nil, nil, nil, fmt.Errorf("the app did not start: %w", err)
	}
	if err := poll(ctx, `!document.querySelector('#run-status') || ['done','failed'].includes(document.querySelector('#run-status').dataset.status)`, 3*time.Minute); err != nil {
		return nil, nil, nil, fmt.Errorf("the run did not finish: %w", err)
	}
	if s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#run-status')?.dataset.status ?? ''`)); s == "failed" {
		notes = append(notes, "the run failed")
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))`, chromedp.EvalAwaitPromise))
	wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')).slice(0, 5)`))
	if over, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`)); over > 0 {
		notes = append(notes, fmt.Sprintf("%d px wider than the window (%s)", over, strings.Join(wide, ", ")))
	}
	if sc.mobile {
		if top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('#run')?.getBoundingClientRect().top ?? -1`)); err == nil && top > float64(sc.height) {
			notes = append(notes, fmt.Sprintf("Run is %.0f px down, below the first screen", top))
		}
	}
	if sc.mobile {
		if top, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
			return nil, nil, nil, err
		}
	}
	if readme {
		r, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const r = document.querySelector('.results').getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, Math.min(r.height, 1330)] })()`))
		if err != nil {
			return nil, nil, nil, err
		}
		beyond := true
		res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, CaptureBeyondViewport: &beyond,
			Clip: &page.Viewport{X: r[0], Y: r[1], Width: r[2], Height: r[3], Scale: 1}})
		if err != nil {
			return nil, nil, nil, err
		}
		top = res.Data
	}
	png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	return png, top, notes, err
}

// poll waits until a JavaScript condition holds.
func poll(ctx context.Context, cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")")); err == nil && ok {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("not true after %v: %s", timeout, cond)
}

var serverLine = regexp.MustCompile(`Overparam is at (http://\S+)`)

// serve builds cmd/overparam and runs `serve` on a free loopback port over
// the repository's web/ directory.
func serve() (base string, stop func(), err error) {
	for _, f := range []string{"web/app.wasm", "web/worker-spectrum.wasm"} {
		if _, err := os.Stat(f); err != nil {
			return "", nil, fmt.Errorf("%s is missing: run this from the repository root after 'make build'", f)
		}
	}
	dir, err := os.MkdirTemp("", "overparam-shots-")
	if err != nil {
		return "", nil, err
	}
	bin := filepath.Join(dir, "overparam")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/overparam").CombinedOutput(); err != nil {
		return "", nil, fmt.Errorf("go build ./cmd/overparam: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-web", "web")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop = func() { cmd.Process.Kill(); cmd.Wait(); os.RemoveAll(dir) }
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := serverLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		close(found)
		io.Copy(io.Discard, stdout)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			stop()
			return "", nil, errors.New("overparam serve exited without printing its address")
		}
		return strings.Replace(strings.TrimRight(u, "/"), "localhost", "127.0.0.1", 1), stop, nil
	case <-time.After(time.Minute):
		stop()
		return "", nil, errors.New("overparam serve printed no address within a minute")
	}
}
