#!/usr/bin/env bash
# Times W1's full-batch Hessian-vector product in PyTorch (hvp.py, float64,
# CPU, 1 and 2 threads) and in Overparam natively (compute/bench's
# BenchmarkHVP and BenchmarkHVPCold on W1 with the AVX2 and gonum kernels),
# on 1 and 2 threads (GOMAXPROCS 1 and 2: -test.cpu), interleaved over
# ROUNDS rounds (default 5) so that both see the same load. Take the best of
# each. PyTorch is not part of `make test`: install it for
# the benchmark only (Debian: apt-get install python3-torch
# libopenblas0-pthread; without OpenBLAS, Debian's torch uses the reference
# BLAS).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
rounds=${ROUNDS:-5}
py=${PYTHON:-/usr/bin/python3}
go test -c -o /tmp/overparam-bench.test ./compute/bench
echo "# $(date -u +%FT%TZ) $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$py" -c 'import torch; print("# torch", torch.__version__)'
for r in $(seq "$rounds"); do
	echo "## round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
	(cd compute/bench && /tmp/overparam-bench.test -test.run '^$' -test.bench '^BenchmarkHVP(Cold)?$/^W1/(avx2|gonum)$' -test.benchtime 20x -test.cpu 1,2 | grep '^Benchmark')
	for t in 1 2; do
		# Passive waiting: on a loaded machine OpenMP's default spinning at
		# each barrier made 2 threads 20–50× slower than 1.
		OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t "$py" bench/torch/hvp.py --threads "$t" --runs 20
	done
done
