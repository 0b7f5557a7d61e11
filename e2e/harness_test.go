// Package e2e drives the real site in Debian's headless Chromium: it starts
// `overparam serve` on a free loopback port, opens pages in fresh browser
// contexts, and checks what a person would see and do against the DOM
// contract of the pages (ids such as #run-status, #f-<key>, #notices).
//
// The tests run only when OVERPARAM_E2E=1, and need the built
// web/app.wasm and web/worker-*.wasm ('make build'):
//
//	OVERPARAM_E2E=1 go test -count=1 -v ./e2e
//	OVERPARAM_E2E=1 go test -run '^$' -bench SLQPool -benchtime 3x ./e2e
package e2e

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Timeouts. A page load compiles an 8 MB wasm module and a default run
// takes 5–20 s on a 2-core machine, so they are generous.
const (
	serverStartTimeout = 60 * time.Second
	pageLoadTimeout    = 60 * time.Second
	runTimeout         = 120 * time.Second
	tabTimeout         = 5 * time.Minute
)

// chromiumPath is Debian's Chromium; CHROMIUM overrides it.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// env is what TestMain set up for every test: the site's base URL and a
// running browser. err says why setup failed, for each test to report.
var env struct {
	enabled bool
	base    string          // http://127.0.0.1:PORT
	root    string          // the repository root
	browser context.Context // a chromedp context holding the browser
	err     error
}

func TestMain(m *testing.M) {
	env.enabled = os.Getenv("OVERPARAM_E2E") == "1"
	if !env.enabled {
		os.Exit(m.Run())
	}
	stop, err := setup()
	env.err = err
	code := m.Run()
	stop()
	os.Exit(code)
}

// requireEnv skips the test unless OVERPARAM_E2E=1, and fails it when the
// server or the browser could not start.
func requireEnv(tb testing.TB) {
	tb.Helper()
	if !env.enabled {
		tb.Skip("set OVERPARAM_E2E=1 to run the Chromium end-to-end tests (after 'make build')")
	}
	if env.err != nil {
		tb.Fatalf("end-to-end setup failed: %v", env.err)
	}
}

// setup builds and starts the server and starts Chromium. stop undoes
// whatever part of it succeeded.
func setup() (stop func(), err error) {
	var undo []func()
	stop = func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	if env.root, err = filepath.Abs(".."); err != nil {
		return stop, err
	}
	for _, f := range []string{"app.wasm", "worker-spectrum.wasm", "worker-paths.wasm", "worker-doubledescent.wasm"} {
		if _, err := os.Stat(filepath.Join(env.root, "web", f)); err != nil {
			return stop, fmt.Errorf("web/%s is missing: run make build first", f)
		}
	}
	if _, err := os.Stat(chromiumPath()); err != nil {
		return stop, fmt.Errorf("Chromium is missing (%v): install Debian's chromium package or set CHROMIUM to its path", err)
	}
	tmp, err := os.MkdirTemp("", "overparam-e2e-")
	if err != nil {
		return stop, err
	}
	undo = append(undo, func() { removeAll(tmp) })

	base, kill, err := startServer(tmp)
	if err != nil {
		return stop, err
	}
	undo = append(undo, kill)
	env.base = base

	browser, closeBrowser, err := startBrowser(filepath.Join(tmp, "profile"))
	if err != nil {
		return stop, err
	}
	undo = append(undo, closeBrowser)
	env.browser = browser
	return stop, nil
}

// serverLine is what `overparam serve` prints once it listens.
var serverLine = regexp.MustCompile(`Overparam is at http://\S+:(\d+)`)

// startServer builds cmd/overparam into dir, runs `serve` on a free
// loopback port and returns its base URL.
func startServer(dir string) (base string, kill func(), err error) {
	bin := filepath.Join(dir, "overparam")
	build := exec.Command("go", "build", "-o", bin, "./cmd/overparam")
	build.Dir = env.root
	if out, err := build.CombinedOutput(); err != nil {
		return "", nil, fmt.Errorf("go build ./cmd/overparam: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-web", filepath.Join(env.root, "web"))
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	kill = func() { cmd.Process.Kill(); cmd.Wait() }
	port := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := serverLine.FindStringSubmatch(sc.Text()); m != nil {
				port <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stdout)
		close(port)
	}()
	select {
	case p, ok := <-port:
		if !ok {
			kill()
			return "", nil, errors.New("overparam serve exited without printing its address")
		}
		// The listener is 127.0.0.1; "localhost" could resolve to ::1 first.
		return "http://127.0.0.1:" + p, kill, nil
	case <-time.After(serverStartTimeout):
		kill()
		return "", nil, errors.New("overparam serve printed no address within a minute")
	}
}

// startBrowser starts headless Chromium with a fresh profile. The flags
// keep it from reaching Google's services, which this machine refuses.
func startBrowser(profile string) (context.Context, func(), error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath()),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no deadline of its own
		cancel()
		cancelAlloc()
		return nil, nil, fmt.Errorf("starting %s: %w", chromiumPath(), err)
	}
	return ctx, func() {
		chromedp.Cancel(ctx) // closes the browser gracefully
		cancel()
		cancelAlloc()
	}, nil
}

// removeAll removes dir, retrying while Chromium's child processes may
// still write into it.
func removeAll(dir string) {
	for range 50 {
		if err := os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pageURL is the absolute URL of a site path such as "/spectrum?v=1".
func pageURL(path string) string { return env.base + path }

// isLocal reports whether a request URL stays on this machine.
func isLocal(u string) bool {
	for _, p := range []string{"data:", "blob:", "http://127.0.0.1:", "http://localhost:", "ws://127.0.0.1:", "ws://localhost:"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return u == "about:blank"
}
