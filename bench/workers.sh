#!/bin/sh
# The CLI's -workers speed-up (BENCHMARKS.md, "Every core in the CLI"): the
# default spectrum preset and the dd-mlp-digits double-descent sweep, each
# at 1 and 2 workers, interleaved REPS times (default 7); prints each
# case's best and median wall time and the speed-ups of the bests. Run
# from the repository root: sh bench/workers.sh
set -eu
reps=${REPS:-7}
go build -o bin/overparam ./cmd/overparam
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$reps"); do
	for w in 1 2; do
		/usr/bin/time -f %e -a -o "$tmp/spectrum-$w" bin/overparam spectrum -quiet -workers "$w" > /dev/null
		/usr/bin/time -f %e -a -o "$tmp/dd-$w" bin/overparam doubledescent -quiet -preset dd-mlp-digits -workers "$w" > /dev/null
	done
done
for case in spectrum dd; do
	for w in 1 2; do
		sort -n "$tmp/$case-$w" | awk -v c="$case" -v w="$w" '{t[NR]=$1} END {printf "%-9s workers=%d  best %.2f s  median %.2f s  (%d runs)\n", c, w, t[1], t[int((NR+1)/2)], NR}'
	done
	b1=$(sort -n "$tmp/$case-1" | head -1); b2=$(sort -n "$tmp/$case-2" | head -1)
	awk -v a="$b1" -v b="$b2" -v c="$case" 'BEGIN {printf "%-9s speed-up of the best: %.2f×\n", c, a/b}'
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
