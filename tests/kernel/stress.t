#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stress: the model-driven walk finds nothing on an unmodified kernel, a
# seed replays the same walk, threads keep the model right, and the
# shrinker reduces a planted finding to the lines that make it.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"
scratch
T=$SCRATCH

run $J stress --seed 1 --ops 3000
is "one thread, 3000 operations: exit 0" "$rc" 0
jq_ok "... no finding, every operation done, the kernel log watched" \
	'.[0] | .ok and .ops == 3000 and .findings == [] and .klog'
jq_ok "... with valid and invalid transitions: successes and refusals" \
	'.[0].per_op | (.destroy.errno.EBUSY > 0) and (."ioas.map".errno.EEXIST > 0)
	 and (."bad-id".errno.ENOENT > 0) and (."ioas.unmap".errno.ok > 0)
	 and (."access.rw".errno.ok > 0) and (."access.rw".errno.ENOENT > 0)'
jq_ok "... latency summary per operation, in order" \
	'[.[0].per_op[] | .min_ns <= .max_ns and .p50_ns <= .p99_ns and .n > 0] | all'

steps() {
	$J stress --seed "$1" --ops 400 --per-op | jq -r 'select(.step) | "\(.step) \(.errno)"'
}
a=$(steps 5)
b=$(steps 5)
c=$(steps 6)
is "the same seed walks the same steps with the same answers" "$a" "$b"
ok "... and it is a walk of some length" test "$(printf '%s\n' "$a" | wc -l)" -ge 400
ok "another seed walks another way" test "$a" != "$c"

# Only allocations: the table of objects fills up and nothing can start.
# The round must end early (not spin) and the next start afresh.
run timeout 300 $J stress --seed 2 --ops 300 --weights ioas.alloc=1
is "a walk that can only allocate: exit 0" "$rc" 0
jq_ok "... every operation done, rounds that filled up ended early" \
	'.[0] | .ok and .ops == 300 and .stuck_rounds >= 2 and .rounds > .stuck_rounds - 1'
run timeout 300 $J stress --seed 2 --ops 300 --threads 3 --fds 2 --weights ioas.alloc=1
is "... with 3 threads on 2 iommufds as well" "$rc" 0
jq_ok "... every operation done" '.[0] | .ok and .ops == 300 and .stuck_rounds >= 2'

run $J stress --seed 3 --ops 4000 --threads 4 --fds 2
is "4 threads on 2 iommufds: exit 0" "$rc" 0
jq_ok "... no finding" '.[0] | .ok and .findings == [] and .threads == 4'

run $J stress --seed 4 --ops 300 --per-op --threads 2
jq_ok "--per-op: a judged record per operation, then the summary" \
	'(.[:-1] | length >= 300 and all(.ok and (.step | type) == "string"
	  and (.thread == 0 or .thread == 1))) and .[-1].op == "stress"'

run $J stress --seed 2 --ops 500 --weights ioas.map=1,ioas.unmap=1
jq_ok "--weights: only the chosen operations run (an IOAS for them, and the teardown)" \
	'.[0].per_op | keys - ["ioas.alloc", "ioas.map", "ioas.unmap", "destroy"] == [] and
	 ."ioas.map".n > 100'
expect_exit "--weights with an unknown operation: usage, exit 2" 2 \
	$J stress --weights ioas.bogus=1
expect_exit "every weight 0: usage, exit 2" 2 $J stress --weights ioas.map=0

# SIGINT: the walk stops, tears down, prints its summary, exits 130
$J stress --seed 8 --duration 60s > "$T/stress-int.json" &
pid=$!
sleep 2
kill -INT $pid
wait $pid
is "SIGINT: exit 130" "$?" 130
out=$(cat "$T/stress-int.json")
jq_ok "... after a summary that says so, with no finding" \
	'.[0] | .interrupted and .findings == [] and .ops > 0'

# A kernel log line names no iommufd: with two, both histories are written
# and each is replayed. The line is planted from user space, at debug
# level, below what the console shows (the boot's own log check).
$J stress --seed 9 --duration 60s --threads 2 --fds 2 --repro "$T/klog.ictl" \
	> "$T/klog.json" &
pid=$!
sleep 3
echo "<7>iommufd-ctl test: WARNING: planted from user space" > /dev/kmsg
wait $pid
is "a kernel log line planted during a walk on 2 iommufds: exit 1" "$?" 1
out=$(cat "$T/klog.json")
jq_ok "... a finding that quotes it, names the other iommufd's history, replayed both" \
	'.[0].findings[0] | (.what | test("WARNING: planted from user space")) and
	 (.other_full | length) == 1 and (.reproduces | not) and .replays == 2 and
	 .full_steps > 0'
fd=$(printf '%s' "$out" | jq -s '.[0].findings[0].fd')
for f in "$T/klog.ictl.full" "$T/klog.ictl.fd$((1 - fd)).full"; do
	ok "... $(basename "$f"): a reproducer's history of steps" sh -c \
		"head -n 1 '$f' | grep -q 'stress finding' && test \$(wc -l < '$f') -gt 2"
done

cp "$top_srcdir/tests/scripts/planted.ictl" "$T/planted.ictl"
run $J run "$T/planted.ictl"
is "the planted script fails" "$rc" 1
run $J shrink "$T/planted.ictl" -o "$T/planted.min"
is "shrink: exit 0" "$rc" 0
is "... down to the three lines that make the finding" "$(cat "$T/planted.min")" \
"ioas alloc --name b
mock create @b --name d
destroy @b --expect ENOENT"
jq_ok "... the summary says from what to what" \
	'.[0] | .steps_before == 11 and .steps_after == 3 and .errno_name == "EBUSY"'
run $J run "$T/planted.min"
jq_ok "... and the shrunk script fails the same way" \
	'[.[] | select(.op == "destroy" and .line == 3)][0] | .errno_name == "EBUSY" and (.ok | not)'
printf 'ioas alloc\n' > "$T/passes.ictl"
expect_exit "shrink of a script that passes: usage, exit 2" 2 $J shrink "$T/passes.ictl"
done_testing
