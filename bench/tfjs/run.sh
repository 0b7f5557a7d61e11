#!/usr/bin/env bash
# Times one full-batch Hessian-vector product on workload W1 in TensorFlow.js
# 4.22's wasm backend under node (hvp.mjs), and with --go also Overparam's
# own W1 products in js/wasm under node, for the ratio. See README.md.
#
#   bench/tfjs/run.sh          # npm ci (when needed), then hvp.mjs twice:
#                              # TF.js's own matMul gradients, then --transpose
#   bench/tfjs/run.sh --go     # the same, then Overparam's W1 benchmarks
#
# hvp.mjs reads RUNS (default 30), WARMUP (5) and TFJS_WASM_SIMD=0 (force
# the non-SIMD binary) from the environment. It exits non-zero if its H·v
# disagrees with finite differences.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

# Install exactly the locked packages, unless node_modules already matches
# the lock file (npm ci deletes and rebuilds node_modules, about 300 MB).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund
fi
node hvp.mjs
node hvp.mjs --transpose

if [ "${1:-}" = "--go" ]; then
	cd "$here/../.."
	export GOOS=js GOARCH=wasm PATH="$PATH:$(go env GOROOT)/lib/wasm"
	# W1's gradient, warm and cold HVP: SIMD and pure-Go kernels, then
	# compute/bench's pure-Go suite (the BENCHMARKS.md numbers).
	go test -run '^$' -bench '^Benchmark(Gradient|HVP|HVPCold)$/^W1$' -benchtime 20x ./wasm/simd
	go test -run '^$' -bench '^Benchmark(Gradient|HVP|HVPCold)$/^W1$' -benchtime 20x ./compute/bench
fi
