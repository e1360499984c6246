#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The vIOMMU's other objects on the mock driver: the vEVENTQ and the events
# TRIGGER_VEVENT queues on it, HW queues, and vIOMMU cache invalidation
# checked through the mock device's cache. Every errno asserted is the
# kernel's answer.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
scratch
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"
DEV="ioas alloc , mock create @ioas0"
P="$DEV , hwpt alloc @dev0 @ioas0 --nest-parent --name p , viommu alloc @dev0 @p --name v"
# the device as the guest sees it (virt_id 0x99), on a nested HWPT of @v:
# the mock reports vEVENTs only for such a device
N="vdevice alloc @v @dev0 --virt-id 0x99 --name vd , hwpt alloc @dev0 @v --data selftest:iotlb=1 --name n , mock replace @dev0 @n"

if [ "$SERIES" = 6.12 ]; then
	# vIOMMUs came with 6.13, vEVENTQs with 6.15, HW queues with 6.17
	run $J ioas alloc , veventq alloc 1
	is "veventq alloc on 6.12: not supported, exit 3" "$rc" 3
	jq_ok "... ENOTTY, with the hint" \
		'.[1] | .errno_name == "ENOTTY" and .hint == "not supported by this kernel"'
	run $J ioas alloc , hw-queue alloc 1 --index 0 --base-addr 16M --length 4K
	is "hw-queue alloc on 6.12: not supported, exit 3" "$rc" 3
	jq_ok "... ENOTTY" '.[1].errno_name == "ENOTTY"'
	run $J $DEV , mock trigger-vevent @dev0
	is "mock trigger-vevent on 6.12: not supported, exit 3" "$rc" 3
	jq_ok "... the mock does not know the op: EOPNOTSUPP" '.[2].errno_name == "EOPNOTSUPP"'
	done_testing
	exit 0
fi

# ---- vEVENTQ alloc --------------------------------------------------------------

run $J $P , veventq alloc @v --depth 2 --name q , veventq alloc @v --expect EEXIST , \
	veventq alloc @v --type arm_smmuv3 , veventq read @q
is "a selftest vEVENTQ, a second one refused, one of another type: exit 0" "$rc" 0
jq_ok "the queue on its vIOMMU, with type and depth" \
	'.[3].ids.viommu as $v | .[4] | .ids.viommu == $v and .ids.veventq > 0 and .type == "selftest"
	 and .depth == 2 and .name == "q"'
jq_ok "one queue per type: EEXIST, another type is taken" '.[5].errno_name == "EEXIST" and .[6].ok'
jq_ok "an empty queue reads zero records, no error" '.[7] | .ok and .count == 0 and .records == []'

run $J -k $P , veventq alloc @v --depth 0 , veventq alloc @v --depth 0x80001 , \
	veventq alloc @v --type default , veventq alloc 4000000
jq_ok "depth 0 and past 2^19: EINVAL" '.[4].errno_name == "EINVAL" and .[5].errno_name == "EINVAL"'
jq_ok "the default type: EOPNOTSUPP" '.[6].errno_name == "EOPNOTSUPP"'
jq_ok "a vIOMMU that does not exist: ENOENT" '.[7].errno_name == "ENOENT"'

# ---- events -----------------------------------------------------------------------

run $J -k $P , $N , veventq alloc @v --depth 2 --name q , veventq read @q --bytes 7 , \
	mock trigger-vevent @dev0 , veventq read @q --bytes 8 , veventq read @q , veventq read @q
jq_ok "room for less than a header: EINVAL" '.[8].errno_name == "EINVAL"'
jq_ok "trigger-vevent queues one event" '.[9] | .ok and .triggered == 1'
jq_ok "room for the header but not its payload: EINVAL" '.[10].errno_name == "EINVAL"'
jq_ok "the event: sequence 0 and the vDEVICE's virt_id" \
	'.[11] | .ok and .count == 1 and .records == [{"flags":[],"sequence":0,"virt_id":"0x99"}]'
jq_ok "read once, it is gone" '.[12] | .ok and .count == 0'

# A full queue drops events: one lost_events header stands for them, with
# the sequence number of the last one lost, and the numbers go on from it.
run $J $P , $N , veventq alloc @v --depth 2 --name q , mock trigger-vevent @dev0 --count 3 , \
	veventq read @q , mock trigger-vevent @dev0 , veventq read @q , \
	mock trigger-vevent @dev0 --count 5 , veventq read @q --max 1 , veventq read @q
is "overflowing a queue of depth 2: exit 0" "$rc" 0
jq_ok "three events into two places: two, then lost_events" \
	'.[9].records == [{"flags":[],"sequence":0,"virt_id":"0x99"},{"flags":[],"sequence":1,"virt_id":"0x99"},
	 {"flags":["lost_events"],"sequence":2}]'
jq_ok "the next event has the next number" '.[11].records == [{"flags":[],"sequence":3,"virt_id":"0x99"}]'
jq_ok "five into two: two events, one header for the three lost" \
	'.[13].records == [{"flags":[],"sequence":4,"virt_id":"0x99"}] and
	 .[14].records == [{"flags":[],"sequence":5,"virt_id":"0x99"},{"flags":["lost_events"],"sequence":8}]'

run $J -k $P , mock trigger-vevent @dev0 , vdevice alloc @v @dev0 --virt-id 0x99 , \
	mock trigger-vevent @dev0 , hwpt alloc @dev0 @v --data selftest:iotlb=1 --name n , \
	mock replace @dev0 @n , mock trigger-vevent @dev0
jq_ok "a device without a vDEVICE: ENOENT" '.[4].errno_name == "ENOENT"'
jq_ok "a vDEVICE, but not on a nested HWPT of its vIOMMU: ENOENT" '.[6].errno_name == "ENOENT"'
jq_ok "no queue of the selftest type: EOPNOTSUPP" \
	'.[9] | .errno_name == "EOPNOTSUPP" and .triggered == 0'

# ---- destroy ------------------------------------------------------------------------

run $J $P , veventq alloc @v --name q , destroy @v --expect EBUSY , \
	destroy @q --keep-fd --expect EBUSY , destroy @q , destroy @v
is "a vEVENTQ holds its vIOMMU, its open fd holds it; closed, it goes, then the vIOMMU" "$rc" 0
jq_ok "... the fd closed by the destroy" '.[7] | .fd_closed and .ids.veventq > 0'
run $J $P , $N , veventq alloc @v --name q , mock trigger-vevent @dev0 , destroy @q , \
	mock trigger-vevent @dev0 --expect EOPNOTSUPP
is "a queue with an event in it goes; later events find no queue" "$rc" 0

# Everything of this file in one script: cleanup must take it all down, and
# so must the unwind after every fault site a fail-nth sweep reaches.
printf '%s\n' "ioas alloc" "mock create @ioas0" "hwpt alloc @dev0 @ioas0 --nest-parent --name p" \
	"viommu alloc @dev0 @p --name v" "vdevice alloc @v @dev0 --virt-id 0x99" \
	"hwpt alloc @dev0 @v --data selftest:iotlb=1 --name n" "mock replace @dev0 @n" \
	"veventq alloc @v --depth 2 --name q" "mock trigger-vevent @dev0 --count 3" \
	"veventq read @q" "ioas map @ioas0 --iova 16M --length 4K" \
	"hw-queue alloc @v --index 0 --base-addr 16M --length 4K" \
	"hwpt invalidate @v --type selftest_viommu --entry all,vdev=0x99" \
	"mock replace @dev0 @ioas0" > "$SCRATCH/veventq.ictl"
run $J run "$SCRATCH/veventq.ictl"
is "a script with a vEVENTQ and a HW queue: exit 0" "$rc" 0
jq_ok "cleanup closes the queue's fd and takes it all down" \
	'[.[] | select(.cleanup)] | length == 8 and all(.ok) and .[1].name == "q" and .[1].fd_closed'
if [ -e /proc/thread-self/fail-nth ]; then
	run $J fail-nth --from 8 "$SCRATCH/veventq.ictl"
	is "the fail-nth sweep of it from the vEVENTQ on finds nothing" "$rc" 0
	jq_ok "... complete, over many sites" \
		'.[-1] | .op == "fail-nth.summary" and .complete and .findings == 0 and .sites >= 10'
else
	skip "the fail-nth sweep of it from the vEVENTQ on finds nothing" "no CONFIG_FAULT_INJECTION"
	skip "... complete, over many sites" "no CONFIG_FAULT_INJECTION"
fi

expect_exit "veventq read of a plain id: usage, exit 2" 2 $J $P , veventq alloc @v , veventq read 8
expect_exit "veventq alloc on a HWPT: usage, exit 2" 2 $J $P , veventq alloc @p
expect_exit "an unknown --type: exit 2" 2 $J $P , veventq alloc @v --type bogus

# ---- HW queues --------------------------------------------------------------------------

# The queue's memory is a range of the nest parent's IOAS, pinned while the
# queue exists; queue i > 0 needs queue i - 1, and the mock has two.
HQ="hw-queue alloc @v --base-addr 16M --length 4K"
run $J -k $P , ioas map @ioas0 --iova 16M --length 4K , \
	$HQ --index 0 --type default , hw-queue alloc @v --index 0 --base-addr 16M --length 0 , \
	hw-queue alloc @v --index 0 --base-addr 0xffffffffffffffff --length 4K , \
	hw-queue alloc @v --index 0 --base-addr 32M --length 4K , \
	$HQ --index 1 , $HQ --index 2 , $HQ --index 0 --name q0 , $HQ --index 0 , \
	ioas unmap @ioas0 --all , \
	hw-queue alloc @v --index 1 --base-addr 0x1000800 --length 2K --name q1 , \
	destroy @q0 , destroy @v , destroy @q1 , destroy @q0 , ioas unmap @ioas0 --all
jq_ok "the default type: EOPNOTSUPP" '.[5].errno_name == "EOPNOTSUPP"'
jq_ok "length 0: EINVAL; past 2^64: EOVERFLOW" \
	'.[6].errno_name == "EINVAL" and .[7].errno_name == "EOVERFLOW"'
jq_ok "a base address the IOAS does not map: ENOENT" '.[8].errno_name == "ENOENT"'
jq_ok "index 1 before index 0: EIO; index 2, past the mock's two: EINVAL" \
	'.[9].errno_name == "EIO" and .[10].errno_name == "EINVAL"'
jq_ok "index 0: a HW queue, with what it was given" \
	'.[3].ids.viommu as $v | .[11] | .ok and .ids.hwqueue > 0 and .ids.viommu == $v and .type == "selftest"
	 and .index == 0 and .base_addr == "0x1000000" and .length == "0x1000" and .name == "q0"'
jq_ok "index 0 again: EEXIST" '.[12].errno_name == "EEXIST"'
jq_ok "its pages are pinned: unmap EBUSY" '.[13].errno_name == "EBUSY"'
jq_ok "a queue overlapping another's memory is taken" '.[14].ok'
jq_ok "queue 0 while queue 1 depends on it: EBUSY; the vIOMMU: EBUSY" \
	'.[15].errno_name == "EBUSY" and .[16].errno_name == "EBUSY"'
jq_ok "newest first they go, and the memory unmaps" '.[17].ok and .[18].ok and .[19].ok'

run $J $P , ioas map @ioas0 --iova 16M --length 4K , veventq alloc @v --readonly-arg --expect EFAULT , \
	veventq alloc @v , $HQ --index 0 --readonly-arg --expect EFAULT , $HQ --index 0 , \
	destroy @hwqueue0 , ioas unmap @ioas0 --all
is "an aborted vEVENTQ and HW queue leave nothing behind: no EEXIST, no pin" "$rc" 0

# ---- vIOMMU invalidation -------------------------------------------------------------------

# Entries name a vDEVICE by its virt_id and a cache entry of its device
# (0 to 3), which mock check-dev-cache reads: 0xbaddad until invalidated.
INV="hwpt invalidate @v --type selftest_viommu"
CC="mock check-dev-cache @dev0"
run $J -k $P , vdevice alloc @v @dev0 --virt-id 0x99 , $INV , \
	$INV --entry vdev=0x99,cache=1 , $CC --id 1 --value 0 , $CC --id 0 --value 0xbaddad , \
	$INV --entry vdev=0x99,cache=2 --entry vdev=0x98,cache=0 --entry vdev=0x99,cache=3 , \
	$CC --id 2 --value 0 , $CC --id 3 --value 0xbaddad , \
	$INV --entry vdev=0x99,cache=0 --entry vdev=0x99,cache=4 , \
	$INV --entry flags=2,vdev=0x99 , $CC --id 0 --value 0 , \
	$INV --entry all,vdev=0x99 , $CC --id 3 --value 0
jq_ok "no entries: the type is known" '.[5] | .ok and .ids.viommu > 0 and .entries == 0 and .entries_done == 0'
jq_ok "one entry: one done, that cache entry zeroed, the others kept" \
	'.[6] | .ok and .data_type == "selftest_viommu" and .entry_len == 12 and .entries_done == 1'
jq_ok "... as check-dev-cache confirms" '.[7].ok and .[8].ok'
jq_ok "a vDEVICE that does not exist mid-batch: EINVAL after one entry" \
	'.[9] | .errno_name == "EINVAL" and .entries == 3 and .entries_done == 1'
jq_ok "... which took effect, unlike the one after it" '.[10].ok and .[11].ok'
jq_ok "a cache entry past the last: EINVAL after one entry" \
	'.[12].errno_name == "EINVAL" and .[12].entries_done == 1 and .[14].ok'
jq_ok "an unknown flag: EOPNOTSUPP, nothing done" \
	'.[13] | .errno_name == "EOPNOTSUPP" and .entries_done == 0'
jq_ok "flags=all zeroes every entry" '.[15].ok and .[15].entries_done == 1 and .[16].ok'

done_testing
