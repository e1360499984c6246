#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fail-nth sweeps: every fault site of a script reached, the kernel's unwind
# clean after each (objects destroyable, no pinned pages, no splat), and the
# debugfs knobs put back.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
scratch
need_root
need_dev_iommu
[ -e /proc/self/fail-nth ] || [ -e /proc/thread-self/fail-nth ] ||
	skip_all "no fail-nth (kernel without CONFIG_FAULT_INJECTION)"

knob=/sys/kernel/debug/failslab/ignore-gfp-wait
before=$(cat $knob)

cd "$top_srcdir" || exit 1
run "$ICTL" -j fail-nth tests/scripts/basic.ictl
is "the sweep of basic.ictl finds nothing" "$rc" 0
jq_ok "the sweep completes and reaches many fault sites" \
	'.[-1] | .op == "fail-nth.summary" and .complete and .findings == 0 and .sites >= 10'
jq_ok "iteration 0 injects nothing and passes" '.[0] | .n == 0 and .fired == false and .ok'
jq_ok "most fired sites fail a step, and the record names its line and errno" \
	'[.[] | select(.fired and .failed_line)] | length > 5 and all(.errno_name != null)'
jq_ok "the last iteration reaches no site" '.[-2].fired == false'
is "the debugfs knobs are put back" "$(cat $knob)" "$before"

run "$ICTL" -j fail-nth --from 5 tests/scripts/basic.ictl
jq_ok "--from sweeps only the later steps: fewer sites" \
	'.[-1] | .complete and .findings == 0 and .sites >= 1'

scenarios='basic domain paging nested access fault abort'
if [ "$SERIES" = 6.12 ]; then
	for sc in viommu viommu-abort; do
		skip "scenario $sc" "6.12 has no vIOMMU, vEVENTQ or HW queue"
	done
else
	scenarios="$scenarios viommu viommu-abort"
fi
# the fault scenario's trigger-iopf after its mock create: with
# CONFIG_IOMMUFD_NOIOMMU its sweep starts after the create (see
# noiommu_built_in), which leaves fewer sites
noiommu_built_in && noiommu=1 || noiommu=0
for sc in $scenarios; do
	from= sites=20
	[ "$sc" = fault ] && [ "$noiommu" = 1 ] && from="--from 3" sites=5
	run "$ICTL" -j fail-nth $from $sc
	jq_ok "scenario $sc${from:+ ($from)}: complete sweep, no findings" \
		".[-1] | .op == \"fail-nth.summary\" and .complete and .findings == 0 and .sites >= $sites"
	jq_ok "scenario $sc: every step of the script reached in iteration 0, none failed" \
		'.[0] | .fired == false and .failed_line == null and .ok'
	jq_ok "scenario $sc: a run ends early only by an injected failure" \
		'[.[] | select(.failed_line and .op == "fail-nth")] | all(.errno_name != null)'
done

printf 'ioas alloc\ndestroy 999999\n' > "$SCRATCH/bad.ictl"
run "$ICTL" -j fail-nth "$SCRATCH/bad.ictl"
is "a script that fails without injection is a finding: exit 1" "$rc" 1
jq_ok "... and nothing is swept" 'length == 2 and .[0].ok == false'

done_testing
