#!/bin/sh
# Fans a run out on Kubernetes, one Indexed Job per stage (job.yaml), waits
# for each, and prints the run's result: the bytes `overparam run -link
# LINK` prints.
#
#   deploy/k8s/run.sh LINK RESULTS
#
# RESULTS is where this machine sees the results/ folder of the pods' shared
# volume overparam-work (an NFS mount, say). OVERPARAM is the local overparam
# binary (default: overparam on PATH); kubectl must reach the cluster.
set -eu
op=${OVERPARAM:-overparam}
link=$1
results=$2
here=$(dirname "$0")
stage=0
while n=$("$op" jobs -all -quiet -link "$link" -results "$results" | wc -l) && [ "$n" -gt 0 ]; do
	# The stage's number is the one in the job lines (from 0).
	stage=$("$op" jobs -all -quiet -link "$link" -results "$results" | head -1 | sed 's/.*"stage":\([0-9]*\).*/\1/')
	esc=$(printf '%s' "$link" | sed 's/[&|\\]/\\&/g')
	sed -e "s|STAGE|$stage|g; s|COMPLETIONS|$n|; s|\"LINK\"|\"$esc\"|" "$here/job.yaml" | kubectl apply -f -
	kubectl wait --for=condition=complete --timeout=24h "job/overparam-stage-$stage"
	kubectl delete "job/overparam-stage-$stage" --wait=false
done
"$op" assemble -link "$link" "$results"
