#!/bin/sh
# The CLI's -workers speed-up (BENCHMARKS.md, "Every core in the CLI"): the
# default spectrum preset and the dd-mlp-digits double-descent sweep, each
# with 1 and 2 workers, and with 1 worker on one core (GOMAXPROCS=1: no
# kernel split either), interleaved REPS times (default 7). Prints each
# case's best and median wall time and the speed-ups of the bests, beside
# a control (bench/spin: a plain loop on 1 and 2 goroutines) that shows
# what speed-up the machine's cores allowed at the time. Run
# from the repository root: sh bench/workers.sh
set -eu
reps=${REPS:-7}
go build -o bin/overparam ./cmd/overparam
go build -o bin/spin ./bench/spin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { # case label, then the command's arguments
	c=$1
	shift
	/usr/bin/time -f %e -a -o "$tmp/$c" "$@" > /dev/null
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$reps"); do
	for w in 1 2; do
		run "spectrum-$w" bin/overparam spectrum -quiet -workers "$w"
		run "dd-$w" bin/overparam doubledescent -quiet -preset dd-mlp-digits -workers "$w"
	done
	bin/spin 1 >> "$tmp/spin-1"
	bin/spin 2 >> "$tmp/spin-2"
	GOMAXPROCS=1 run spectrum-core bin/overparam spectrum -quiet -workers 1
	GOMAXPROCS=1 run dd-core bin/overparam doubledescent -quiet -preset dd-mlp-digits -workers 1
done
best() { sort -n "$tmp/$1" | head -1; }
for c in spectrum dd; do
	for w in core 1 2; do
		sort -n "$tmp/$c-$w" | awk -v c="$c" -v w="$w" '{t[NR]=$1} END {printf "%-9s %-20s best %.2f s  median %.2f s  (%d runs)\n", c, (w == "core" ? "1 worker, 1 core" : "workers=" w), t[1], t[int((NR+1)/2)], NR}'
	done
	awk -v a="$(best "$c-1")" -v b="$(best "$c-2")" -v o="$(best "$c-core")" -v c="$c" \
		'BEGIN {printf "%-9s speed-up of the best, 2 workers over 1: %.2f×; over 1 worker on 1 core: %.2f×\n", c, a/b, o/b}'
done
awk -v a="$(best spin-1)" -v b="$(best spin-2)" 'BEGIN {printf "control   bench/spin: 1 goroutine best %.2f s, 2 goroutines best %.2f s: %.2f× (2× on idle cores)\n", a, b, a/b}'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
