#!/bin/sh
# Fans a run out on a Slurm cluster as one job array per stage
# (sbatch --array), waits for each, and prints the run's result: the bytes
# `overparam run -link LINK` prints.
#
#   deploy/slurm.sh LINK WORKDIR
#
# WORKDIR must be on a file system that every node shares (jobs.jsonl and
# results/ live there); OVERPARAM is the overparam binary, by a path every
# node can run (default: overparam on PATH). SBATCH_ARGS adds sbatch flags
# (partition, time limit, --cpus-per-task …). A stage of more jobs than the
# cluster's MaxArraySize (1001 by default) needs a larger MaxArraySize.
# Rerunning with the same WORKDIR runs only the jobs that have no result.
set -eu
op=${OVERPARAM:-overparam}
link=$1
work=$(cd "$2" && pwd)
mkdir -p "$work/results" "$work/logs"
while "$op" jobs -quiet -link "$link" -results "$work/results" > "$work/jobs.jsonl" && [ -s "$work/jobs.jsonl" ]; do
	n=$(wc -l < "$work/jobs.jsonl")
	# Task i runs line i; --wait returns when every task has ended, and
	# fails if one failed.
	# shellcheck disable=SC2086
	sbatch --wait --quiet --array=1-"$n" ${SBATCH_ARGS:-} --job-name=overparam \
		--output="$work/logs/%A_%a.out" \
		--wrap="'$op' job -quiet -line \$SLURM_ARRAY_TASK_ID -out '$work/results/'\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}.json '$work/jobs.jsonl'"
done
"$op" assemble -link "$link" "$work/results"
