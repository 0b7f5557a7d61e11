#!/bin/sh
# Fans a run out over this machine's cores with GNU parallel, stage by stage,
# and prints its result: the bytes `overparam run -link LINK` prints.
#
#   deploy/parallel.sh LINK [WORKDIR]
#
# OVERPARAM is the overparam binary (default: overparam on PATH); JOBS is
# parallel's -j (default 100%: one job per core). Jobs and results are kept
# in WORKDIR (default: a new temporary folder): rerunning with the same
# WORKDIR runs only the jobs that have no result yet.
set -eu
op=${OVERPARAM:-overparam}
link=$1
work=${2:-$(mktemp -d)}
mkdir -p "$work/results"
stage=0
while "$op" jobs -quiet -link "$link" -results "$work/results" > "$work/jobs.jsonl" && [ -s "$work/jobs.jsonl" ]; do
	stage=$((stage + 1))
	n=$(wc -l < "$work/jobs.jsonl")
	# Line i of the stage's jobs writes results/s<stage>-<i>.json, whole or not at all.
	seq 1 "$n" | parallel --will-cite --halt now,fail=1 -j "${JOBS:-100%}" \
		"$op" job -quiet -line {} -out "$work/results/s$stage-{}.json" "$work/jobs.jsonl"
done
"$op" assemble -link "$link" "$work/results"
