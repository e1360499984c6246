#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The CONFIG_IOMMUFD_TEST mock driver's own operations: replace, the map,
# pin, IOTLB and device cache checks, reserved ranges, the batch memory
# limit and dirty marking. The kernel's answers are the oracle.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"
DEV="ioas alloc , mock create @ioas0"

# ---- replace ---------------------------------------------------------------

run $J $DEV , hwpt alloc @dev0 @ioas0 , mock replace @dev0 @hwpt0 , \
	ioas alloc , mock replace @dev0 @ioas1 , mock replace @dev0 @hwpt0
is "replace between HWPTs and IOASes: exit 0" "$rc" 0
jq_ok "onto a HWPT it ends on that HWPT" '.[3].ids.hwpt == .[2].ids.hwpt and .[3].ids.stdev == .[1].ids.stdev'
jq_ok "onto an IOAS it ends on a HWPT the kernel made" \
	'.[5].ids.pt == .[4].ids.ioas and .[5].ids.hwpt > 0 and .[5].ids.hwpt != .[2].ids.hwpt'
jq_ok "and back" '.[6].ids.hwpt == .[2].ids.hwpt'

run $J -k $DEV , mock replace @dev0 4000000 , mock replace 4000000 @ioas0
jq_ok "replace onto an id that does not exist: ENOENT" '.[2].errno_name == "ENOENT"'
jq_ok "replace of a selftest object that does not exist: ENOENT" \
	'.[3].errno_name == "ENOENT" and .[3].ids.stdev == 4000000'

# ---- check-map, check-refs --------------------------------------------------

BUF="mem alloc --size 64K --name buf , ioas alloc , ioas map @ioas0 --iova 16M --mem @buf"
run $J $BUF , mock check-refs --mem @buf , mock create @ioas0 , \
	mock check-refs --mem @buf --refs 1 , hwpt alloc @dev0 @ioas0 , \
	mock check-refs --mem @buf --refs 1 , mock check-map @hwpt0 --iova 16M --mem @buf , \
	mock check-map @hwpt0 --iova 16M --length 8K --mem @buf , \
	ioas unmap @ioas0 --all , mock check-refs --mem @buf
is "map, pin and unpin checks: exit 0" "$rc" 0
jq_ok "no domain, no pins; one per mapped page with domains" \
	'.[3].refs == 0 and .[5].refs == 1 and .[7].refs == 1 and all(.[]; .ok)'
jq_ok "check-map covers all of --mem by default" '.[8].length == "0x10000"'

run $J -k $BUF , mock create @ioas0 , hwpt alloc @dev0 @ioas0 , \
	mock check-refs --mem @buf , mock check-map @hwpt0 --iova 0x1001000 --length 4K --mem @buf , \
	mock check-refs --mem @buf --length 100 , \
	ioas alloc , ioas map @ioas1 --iova 16M --mem @buf , mock create @ioas1 , \
	mock check-refs --mem @buf --refs 2
is "checks the kernel refuses: exit 1" "$rc" 1
jq_ok "wrong pin count: EIO" '.[5].errno_name == "EIO"'
jq_ok "a range mapped to other pages: EINVAL" '.[6].errno_name == "EINVAL"'
jq_ok "a length not in whole pages: EINVAL" '.[7].errno_name == "EINVAL"'
jq_ok "mapped in two IOASes with domains: two pins" '.[11].ok and .[11].refs == 2'

run $J $BUF , mock create @ioas0 , hwpt alloc @dev0 @ioas0 , ioas unmap @ioas0 --all , \
	mock check-map @hwpt0 --iova 16M --mem @buf
jq_ok "check-map after unmap: EINVAL" '.[6].errno_name == "EINVAL"'

# ---- check-iotlb, check-dev-cache -------------------------------------------

run $J -k $DEV , hwpt alloc @dev0 @ioas0 --nest-parent --name s2 , \
	hwpt alloc @dev0 @s2 --data selftest --name s1 , mock check-iotlb @s1 --id 0 --value 0 , \
	mock check-iotlb @s1 --id 4 --value 0 , mock check-iotlb @s2 --id 0 --value 0
jq_ok "an IOTLB seeded with 0 reads 0" '.[4].ok'
jq_ok "IOTLB id past the last: EINVAL" '.[5].errno_name == "EINVAL"'
jq_ok "check-iotlb on a paging HWPT: ENOENT" '.[6].errno_name == "ENOENT"'

# The device cache and its check came with vIOMMUs in 6.13: 6.12 does not
# know the op.
if [ "$SERIES" = 6.12 ]; then
	run $J $DEV , mock check-dev-cache @dev0 --id 0 --value 0xbaddad
	is "check-dev-cache on 6.12: exit 3 (not supported)" "$rc" 3
	jq_ok "... EOPNOTSUPP" '.[2].errno_name == "EOPNOTSUPP"'
	skip "a cache entry past the last: EINVAL" "no device cache before 6.13"
	skip "a device that does not exist: ENOENT" "no device cache before 6.13"
else
	run $J -k $DEV , mock check-dev-cache @dev0 --id 0 --value 0xbaddad , \
		mock check-dev-cache @dev0 --id 3 --value 0xbaddad , \
		mock check-dev-cache @dev0 --id 0 --value 0
	is "a wrong cache value fails the step: exit 1" "$rc" 1
	jq_ok "every entry starts as 0xbaddad; 0 is EINVAL" \
		'.[2].ok and .[3].ok and .[4].errno_name == "EINVAL"'
	run $J -k $DEV , mock check-dev-cache @dev0 --id 4 --value 0xbaddad , \
		mock check-dev-cache 4000000 --id 0 --value 0
	jq_ok "a cache entry past the last: EINVAL" '.[2].errno_name == "EINVAL"'
	jq_ok "a device that does not exist: ENOENT" '.[3].errno_name == "ENOENT"'
fi

# ---- add-reserved, memory-limit ---------------------------------------------

run $J -k $DEV , mock add-reserved @ioas0 --iova 32M --length 1M , \
	ioas map @ioas0 --iova 32M --length 4K , ioas map @ioas0 --iova 16M --length 64K , \
	mock add-reserved @ioas0 --iova 0x1008000 --length 4K , \
	mock add-reserved @ioas0 --iova 48M --length 0 , \
	mock add-reserved @ioas0 --iova 0xffffffffffffffff --length 2 , \
	mock add-reserved 4000000 --iova 48M --length 4K
jq_ok "a reserved range takes no map: EINVAL" '.[2].ok and .[3].errno_name == "EINVAL" and .[4].ok'
jq_ok "reserving a mapped range: EADDRINUSE" '.[5].errno_name == "EADDRINUSE"'
jq_ok "length 0: EINVAL; past 2^64: EOVERFLOW; no such IOAS: ENOENT" \
	'.[6].errno_name == "EINVAL" and .[7].errno_name == "EOVERFLOW" and .[8].errno_name == "ENOENT"'

# The limit is global to the kernel: restore the default of 65536 (the
# selftests' value) whatever happens before.
run $J -k mock memory-limit 4 , mock memory-limit 16 , $DEV , \
	ioas map @ioas0 --iova 16M --length 256K , mock memory-limit 65536
jq_ok "a limit below one batch element: EINVAL" '.[0].errno_name == "EINVAL"'
jq_ok "with 16 bytes of batch memory a map still works" '.[1].ok and .[4].ok and .[5].ok'
"$ICTL" mock memory-limit 65536 >/dev/null 2>&1

# ---- dirty ------------------------------------------------------------------

TRACK="ioas map @ioas0 --iova 16M --length 32K , hwpt alloc @dev0 @ioas0 --dirty-tracking --name d"
run $J -k $DEV , $TRACK , mock dirty @d --iova 16M --length 32K , \
	hwpt set-dirty @d --enable , mock dirty @d --iova 16M --length 32K , \
	mock dirty @d --iova 16M --length 32K --page-size 0
jq_ok "marking before tracking is on: EINVAL" '.[4].errno_name == "EINVAL"'
jq_ok "every page by default: 16 of 2K, all dirty" '.[6] | .ok and .marked == 16 and .nr_dirty == 16'
jq_ok "page size 0: EINVAL" '.[7].errno_name == "EINVAL"'

# Marking past the mapping: 6.12 counts the marked pages it found mapped,
# 7.x every page it marked.
case $SERIES in
6.12) want=16 ;;
*) want=32 ;;
esac
run $J $DEV , $TRACK , hwpt set-dirty @d --enable , mock dirty @d --iova 16M --length 64K
jq_ok "32 pages marked over 16 mapped: nr_dirty $want" ".[5] | .marked == 32 and .nr_dirty == $want"

# 6.12 indexes its entries by IOVA / 2K whatever the page size, so 4K pages
# land on the wrong entries and nothing is dirty; 7.x marks the entry that
# maps each IOVA. One mapping per page keeps 7.x from using an entry larger
# than a page where the pages happen to be physically contiguous.
case $SERIES in
6.12) want='[]' ;;
*) want='["0x1001000","0x1003000"]' ;;
esac
MAPS=
for k in 0 1 2 3 4 5 6 7; do
	MAPS="$MAPS , ioas map @ioas0 --iova $((0x1000000 + k * 0x1000)) --length 4K"
done
run $J $DEV $MAPS , hwpt alloc @dev0 @ioas0 --dirty-tracking --name d , hwpt set-dirty @d --enable , \
	mock dirty @d --iova 16M --length 32K --page-size 4K --pages 1,3 , \
	hwpt get-dirty @d --iova 16M --length 32K --page-size 4K
jq_ok "4K pages 1 and 3 marked: $want dirty" ".[13].dirty == $want"

expect_exit "a page index past the range is a usage error" 2 \
	$J $DEV , $TRACK , mock dirty @d --iova 16M --length 8K --pages 4
expect_exit "mock dirty on an IOAS is a usage error" 2 \
	$J $DEV , mock dirty @ioas0 --iova 16M --length 8K

done_testing
