#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# In the test VM: a long stress run, its resident memory sampled every
# $2 seconds. Prints the summary record, then one "rss_kb N" line per
# sample, then a verdict line; exits non-zero on a finding, a crash or
# memory that keeps growing after the first sample.
#   guest.sh DURATION INTERVAL SEED

dur=$1 every=$2 seed=$3
out=/tmp/soak.json
"$ICTL" -j stress --seed "$seed" --duration "$dur" --threads 4 --fds 2 > "$out" &
pid=$!
samples=''
while kill -0 "$pid" 2>/dev/null; do
	rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
	[ -n "$rss" ] && samples="$samples $rss" && echo "rss_kb $rss"
	sleep "$every"
done
wait "$pid"
rc=$?
cat "$out"
# a finding's scripts live in the guest, which is gone after the run
for f in $(jq -r '.findings[]? | .script // empty, .full // empty, .other_full[]?' \
	"$out" 2>/dev/null); do
	echo "--- $f"
	cat "$f"
done
set -- $samples
first=${2:-${1:-0}}	# the second sample: after the threads and buffers exist
last=0 max=0
for s in "$@"; do
	last=$s
	[ "$s" -gt "$max" ] && max=$s
done
grow=$((last - first))
echo "verdict: exit=$rc rss_first_kb=$first rss_last_kb=$last rss_max_kb=$max growth_kb=$grow"
[ "$rc" -eq 0 ] && [ "$grow" -le 1024 ]
