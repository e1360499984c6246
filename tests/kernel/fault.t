#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# I/O page faults on the mock driver: a fault queue, a HWPT that delivers
# to it, TRIGGER_IOPF as the device's page request, the records read from
# the queue's fd and the page responses written back. Every errno asserted
# is the kernel's answer.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"
DEV="ioas alloc , mock create @ioas0"
# A nested HWPT whose faults go to @f, the device moved onto it. 6.12 takes
# a fault queue for nested HWPTs only; paging ones came with 6.15.
F="hwpt alloc @dev0 @ioas0 --nest-parent --name p , fault alloc --name f , \
hwpt alloc @dev0 @p --data selftest:iotlb=1 --fault @f --name h , mock replace @dev0 @h"

# ---- alloc, attach, an empty queue -------------------------------------------

run $J fault alloc , fault alloc --name q
is "two fault queues: exit 0" "$rc" 0
jq_ok "each an object of its own, named" \
	'.[0].ids.fault > 0 and .[1].ids.fault > .[0].ids.fault and .[0].name == "fault0" and .[1].name == "q"'

run $J $DEV , $F , fault read @f
is "a nested HWPT with a fault queue, a device on it, a read: exit 0" "$rc" 0
jq_ok "the HWPT names its fault queue" \
	'.[3].ids.fault as $f | .[4] | .flags == ["fault_id_valid"] and .ids.fault == $f and .kind == "nested"'
jq_ok "the device ends on it" '.[5].ids.hwpt == .[4].ids.hwpt'
jq_ok "an empty queue reads zero records, no error" '.[6] | .ok and .count == 0 and .records == []'

P="fault alloc --name f , hwpt alloc @dev0 @ioas0 --fault @f --name h , mock replace @dev0 @h"
if [ "$SERIES" = 6.12 ]; then
	run $J $DEV , $P
	is "a paging HWPT with a fault queue on 6.12: exit 3" "$rc" 3
	jq_ok "... EOPNOTSUPP" '.[3].errno_name == "EOPNOTSUPP"'
	skip "... its faults delivered" "no paging HWPT with a fault queue before 6.15"
else
	run $J $DEV , $P , mock trigger-iopf @dev0 --addr 0x7000 , \
		mock trigger-iopf @dev0 --addr 0x5000 --pasid 5 , fault read @f
	is "a paging HWPT with a fault queue: exit 0" "$rc" 0
	jq_ok "... a paging HWPT, flagged" '.[3] | .kind == "paging" and .flags == ["fault_id_valid"]'
	# A fault with a PASID looks for a handler on that PASID, or (the mock
	# keeps PASID tables in the guest) a nested HWPT on the RID.
	jq_ok "... its fault delivered, the PASID one not" \
		'.[7] | .count == 1 and .records[0].addr == "0x7000"'
fi

# ---- a fault, read and answered ------------------------------------------------

run $J -k $DEV , $F , mock trigger-iopf @dev0 --addr 0xdeadbeef000 --grpid 2 --perm r,w , \
	fault read @f , fault read @f , \
	fault respond @f --cookie 1 --code 7 , fault respond @f --cookie 1 , \
	fault respond @f --cookie 1 , fault respond @f --cookie 99 --code invalid
is "a response the kernel refuses fails its step: exit 1" "$rc" 1
jq_ok "trigger-iopf reports what it asked" \
	'.[6] | .ok and .addr == "0xdeadbeef000" and .grpid == 2 and .pasid == 0 and .perm == ["read","write"]'
jq_ok "fault read returns exactly that fault, with cookie 1" \
	'.[1].ids.dev as $d | .[7] | .ok and .count == 1 and .records ==
	 [{"flags":["last_page"],"dev_id":$d,"pasid":0,"grpid":2,"perm":["read","write"],
	   "addr":"0xdeadbeef000","length":0,"cookie":1}]'
jq_ok "read once, it is not read again" '.[8] | .ok and .count == 0'
jq_ok "a response code the kernel does not know: EINVAL" \
	'.[9] | .errno_name == "EINVAL" and .code == "0x7"'
jq_ok "... which left the fault to answer: the cookie still works" '.[10] | .ok and .code == "success"'
jq_ok "a second response with that cookie: EINVAL" '.[11].errno_name == "EINVAL"'
jq_ok "a cookie never handed out: EINVAL" '.[12] | .errno_name == "EINVAL" and .code == "invalid"'

run $J $DEV , $F , mock trigger-iopf @dev0 --addr 0x1000 --grpid 1 , \
	mock trigger-iopf @dev0 --addr 0x2000 --grpid 2 --perm x,priv , \
	mock trigger-iopf @dev0 --addr 0x3000 --perm 0 , \
	fault read @f --max 1 , fault read @f , \
	fault respond @f --cookie 2 --code invalid , fault respond @f --cookie 3 , \
	fault respond @f --cookie 1
is "three faults, read one then two, answered out of order: exit 0" "$rc" 0
jq_ok "--max 1 reads the first only" \
	'.[9] | .count == 1 and .records[0].addr == "0x1000" and .records[0].cookie == 1 and .bytes == 40'
jq_ok "the next read has the other two, in order, cookies counting on" \
	'.[10] | .count == 2 and ([.records[].cookie] == [2,3]) and ([.records[].addr] == ["0x2000","0x3000"])'
jq_ok "permissions decoded: exec and priv, and none" \
	'.[10].records[0].perm == ["exec","priv"] and .[10].records[1].perm == []'

# ---- read sizes, a buffer the kernel cannot write -----------------------------

run $J -k $DEV , $F , fault read @f --bytes 0 , mock trigger-iopf @dev0 --addr 0x4000 , \
	fault read @f --bytes 41 , fault read @f --bytes 0 , fault read @f --readonly-arg , \
	fault read @f
jq_ok "zero bytes from an empty queue: zero records" '.[6] | .ok and .count == 0'
jq_ok "not a whole number of records: ESPIPE" '.[8].errno_name == "ESPIPE"'
jq_ok "no room for the queued fault: EINVAL" '.[9].errno_name == "EINVAL"'
jq_ok "a buffer the kernel cannot write: EFAULT" '.[10].errno_name == "EFAULT"'
jq_ok "... and the fault stays queued, its cookie handed out anew" \
	'.[11] | .count == 1 and .records[0].addr == "0x4000" and .records[0].cookie == 1'

# ---- PASIDs ---------------------------------------------------------------------

# The mock keeps PASID tables in the guest: the nested HWPT on the RID takes
# a fault with a PASID.
run $J $DEV , $F , mock trigger-iopf @dev0 --addr 0x6000 --pasid 7 --grpid 3 , fault read @f
is "a PASID fault on a nested HWPT: exit 0" "$rc" 0
jq_ok "... delivered: pasid_valid, the PASID" \
	'.[7] | .count == 1 and .records[0].flags == ["pasid_valid","last_page"] and .records[0].pasid == 7
	 and .records[0].grpid == 3'

# ---- refusals ---------------------------------------------------------------------

run $J -k $DEV , fault alloc --name f , hwpt alloc @dev0 @ioas0 --nest-parent --fault @f , \
	hwpt alloc @dev0 @ioas0 --nest-parent --name p , \
	hwpt alloc @dev0 @p --data selftest:iotlb=1 --fault 4000000 , \
	mock trigger-iopf 4000000 --addr 0 , fault alloc --readonly-arg , fault alloc
jq_ok "a nest parent with a fault queue: EOPNOTSUPP" '.[3].errno_name == "EOPNOTSUPP"'
jq_ok "a fault queue that does not exist: ENOENT" '.[5].errno_name == "ENOENT"'
jq_ok "a fault of a device that does not exist: ENOENT" '.[6].errno_name == "ENOENT"'
jq_ok "the reply copy failing: EFAULT, and the next alloc works" \
	'.[7].errno_name == "EFAULT" and .[8].ok'

# ---- destroy: the fd and the HWPT hold the queue ------------------------------------

run $J fault alloc --name f , destroy @f --keep-fd --expect EBUSY , destroy @f
is "an open fd holds its queue (EBUSY); closed first, it goes" "$rc" 0
jq_ok "... the record says the fd was closed" '.[2].fd_closed and (.[1] | has("fd_closed") | not)'

run $J $DEV , $F , destroy @f --expect EBUSY , fault read @f --expect EBADF , \
	mock replace @dev0 @ioas0 , destroy @h , destroy @f
is "a queue a HWPT uses: EBUSY; after the HWPT, it goes" "$rc" 0
jq_ok "the failed destroy closed the fd all the same" '.[6].fd_closed and .[7].errno_name == "EBADF"'

# Moving the device off the HWPT answers its pending faults as invalid.
run $J $DEV , $F , mock trigger-iopf @dev0 --addr 0x1000 , mock trigger-iopf @dev0 --addr 0x2000 --grpid 1 , \
	fault read @f --max 1 , mock replace @dev0 @ioas0 , fault read @f , \
	fault respond @f --cookie 1 --expect EINVAL
is "detach answers the faults, read or not: exit 0" "$rc" 0
jq_ok "... nothing left to read" '.[8].count == 1 and .[10].count == 0'

# ---- usage -------------------------------------------------------------------------------

expect_exit "fault read of a plain id: usage, exit 2 (the fd is the handle's)" 2 \
	$J fault alloc , fault read 1
expect_exit "fault respond without --cookie: exit 2" 2 $J fault alloc , fault respond @fault0
expect_exit "an unknown --code: exit 2" 2 $J fault alloc , fault respond @fault0 --cookie 1 --code maybe
expect_exit "trigger-iopf without --addr: exit 2" 2 $J $DEV , mock trigger-iopf @dev0
expect_exit "an unknown permission: exit 2" 2 $J $DEV , mock trigger-iopf @dev0 --addr 0 --perm rwx
expect_exit "hwpt alloc --fault of an IOAS: exit 2" 2 $J $DEV , hwpt alloc @dev0 @ioas0 --fault @ioas0

# ---- a script, cleanup, golden output -----------------------------------------------

cd "$top_srcdir" || exit 1
run $J run tests/scripts/fault.ictl
is "fault.ictl passes" "$rc" 0
golden "fault.ictl matches its golden output" "$out" expected/fault.jsonl
jq_ok "cleanup takes it down newest first, the queue after its HWPT" \
	'[.[] | select(.cleanup) | .name] == ["d", "h", "f", "s2", "d0", "as"] and all(.[]; .ok)'

# Every fault site of the fault path, the fd's read and write included:
# after each, what is left must go, no page stay pinned, the log stay clean.
# With CONFIG_IOMMUFD_NOIOMMU the sweep starts after the mock devices (line
# 9; see noiommu_built_in), and the fault path's own sites (9 on 7.3) are
# fewer than the whole script's.
if noiommu_built_in; then
	from="--from 9" sites=5
else
	from= sites=20
fi
if [ -e /proc/thread-self/fail-nth ]; then
	run $J fail-nth $from tests/scripts/fault.ictl
	is "the fail-nth sweep of fault.ictl ${from:+($from) }finds nothing" "$rc" 0
	jq_ok "... complete, over many sites" \
		".[-1] | .op == \"fail-nth.summary\" and .complete and .findings == 0 and .sites >= $sites"
else
	skip "the fail-nth sweep of fault.ictl finds nothing" "no CONFIG_FAULT_INJECTION"
	skip "... complete, over many sites" "no CONFIG_FAULT_INJECTION"
fi

done_testing
