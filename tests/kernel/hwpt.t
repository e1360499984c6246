#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# hwpt alloc | invalidate | set-dirty | get-dirty on CONFIG_IOMMUFD_TEST mock
# devices: paging and nested HW pagetables, their invalidation and dirty
# tracking. Every errno asserted here is the kernel's answer.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"
DEV="ioas alloc , mock create @ioas0"

# ---- paging and nest parent ------------------------------------------------

run $J $DEV , hwpt alloc @dev0 @ioas0 , hwpt alloc @dev0 @ioas0 --nest-parent --name s2
is "paging and nest-parent alloc: exit 0" "$rc" 0
jq_ok "a paging HWPT on an IOAS" \
	'.[2] | .ok and .ids.hwpt > 0 and .kind == "paging" and .flags == []
	 and .data_type == "none" and .data_len == 0 and .name == "hwpt0"'
jq_ok "the record names device and IOAS" '.[2].ids.dev == .[1].ids.dev and .[2].ids.pt == .[0].ids.ioas'
jq_ok "a nest parent carries its flag" '.[3] | .ok and .flags == ["nest_parent"] and .name == "s2"'

run $J $DEV , hwpt alloc @dev0 @ioas0 , destroy @dev0 , destroy @ioas0 --expect EBUSY , \
	destroy @hwpt0 , destroy @ioas0
is "an IOAS with a HWPT on it: destroy EBUSY, then it goes" "$rc" 0

# ---- nested: selftest data, replace, invalidate, IOTLB ---------------------

S1="hwpt alloc @dev0 @ioas0 --nest-parent --name s2 , hwpt alloc @dev0 @s2 --data selftest:iotlb=0x1234 --name s1"
run $J $DEV , $S1 , mock replace @dev0 @s1 , \
	mock check-iotlb @s1 --id 0 --value 0x1234 , mock check-iotlb @s1 --id 3 --value 0x1234 , \
	hwpt invalidate @s1 --type selftest --entry iotlb=2 , \
	mock check-iotlb @s1 --id 2 --value 0 , mock check-iotlb @s1 --id 1 --value 0x1234 , \
	hwpt invalidate @s1 --type selftest --entry flags=all , \
	mock check-iotlb @s1 --id 1 --value 0 , mock check-iotlb @s1 --id 3 --value 0 , \
	hwpt invalidate @s1 --type selftest , \
	destroy @s2 --expect EBUSY , mock replace @dev0 @ioas0 , \
	destroy @s1 , destroy @s2 , destroy @dev0 , destroy @ioas0
is "nested alloc, replace, invalidate and checks: exit 0" "$rc" 0
jq_ok "every step passed" 'length == 20 and all(.[]; .ok)'
jq_ok "nested: selftest data of 4 bytes on the nest parent" \
	'.[3].kind == "nested" and .[3].ids.pt == .[2].ids.hwpt and .[3].data_type == "selftest" and .[3].data_len == 4'
jq_ok "replace ends on the nested HWPT" '.[4].ids.hwpt == .[3].ids.hwpt'
jq_ok "one entry asked, one done" '.[7] | .entries == 1 and .entries_done == 1 and .entry_len == 8'
jq_ok "zero entries probe the type" '.[13] | .entries == 0 and .entries_done == 0'
jq_ok "the nest parent is busy while the nested HWPT exists" '.[14].errno_name == "EBUSY"'
jq_ok "replace back onto the IOAS ends on another HWPT" \
	'.[15].ids.hwpt > 0 and .[15].ids.hwpt != .[3].ids.hwpt'

run $J $DEV , $S1 , mock check-iotlb @s1 --id 0 --value 0x4321
is "a check the kernel does not confirm: exit 1" "$rc" 1
jq_ok "... with its EINVAL" '.[4].ok == false and .[4].errno_name == "EINVAL"'

run $J -k $DEV , $S1 , \
	hwpt invalidate @s1 --type selftest --entry iotlb=1 --entry iotlb=9 --entry iotlb=2 , \
	mock check-iotlb @s1 --id 1 --value 0 , mock check-iotlb @s1 --id 2 --value 0x1234 , \
	hwpt invalidate @s1 --type selftest --entry iotlb=3 --entry flags=4 --entry iotlb=0
jq_ok "a bad IOTLB id mid-batch: EINVAL" '.[4].errno_name == "EINVAL"'
jq_ok "... after the one entry before it" '.[4] | .entries == 3 and .entries_done == 1'
jq_ok "... which took effect, unlike the one after" '.[5].ok and .[6].ok'
jq_ok "an unknown entry flag mid-batch: EOPNOTSUPP, one done" \
	'.[7] | .errno_name == "EOPNOTSUPP" and .entries_done == 1'

# The kernel copies an entry only if entry_len is between the first version
# of its struct and the one it knows; zeroed bytes past it do not help.
run $J -k $DEV , $S1 , hwpt invalidate @s1 --type selftest --entry iotlb=1 --entry-len 4 , \
	hwpt invalidate @s1 --type selftest --entry iotlb=1 --entry-len 16 , \
	hwpt invalidate @s1 --type raw:0xdadbeef
jq_ok "an entry shorter than the struct: EINVAL" '.[4] | .errno_name == "EINVAL" and .entries_done == 0'
jq_ok "an entry longer than the struct: EINVAL" '.[5] | .errno_name == "EINVAL" and .entries_done == 0'
jq_ok "an invalidation type the mock does not know: EINVAL" '.[6].errno_name == "EINVAL"'

# 6.12 looks the id up as a nested HWPT only, so a paging one is not found;
# 7.x takes any object and refuses the wrong type.
case $SERIES in
6.12) want=ENOENT ;;
*) want=EINVAL ;;
esac
run $J $DEV , hwpt alloc @dev0 @ioas0 , hwpt invalidate @hwpt0 --type selftest --expect $want
is "invalidate on a paging HWPT: $want" "$rc" 0

# ---- refusals --------------------------------------------------------------

run $J $DEV , hwpt alloc @dev0 @ioas0 , \
	hwpt alloc @dev0 @hwpt0 --data selftest:iotlb=1 --expect EINVAL , \
	hwpt alloc @dev0 @ioas0 --nest-parent --name s2 , \
	hwpt alloc @dev0 @s2 --data raw:0xdead: --expect EINVAL , \
	hwpt alloc @dev0 @ioas0 --data raw:0xdead: --expect EINVAL , \
	hwpt alloc @dev0 @s2 --data selftest:iotlb=1 --nest-parent --expect EOPNOTSUPP , \
	hwpt alloc @dev0 @s2 --data raw:0xbeef:00000000 --expect EOPNOTSUPP
is "nested on a plain paging HWPT: EINVAL; a data type without data: EINVAL" "$rc" 0
jq_ok "... a paging flag on a nested HWPT, an unknown data type: EOPNOTSUPP" \
	'.[7].expect == "EOPNOTSUPP" and .[8].data_type == "0xbeef" and .[8].ok'

run $J $DEV , hwpt alloc @dev0 @ioas0 --flags 0x80000000
is "an unknown flag: exit 3 (not supported)" "$rc" 3
jq_ok "... EOPNOTSUPP, the flag listed as a number" \
	'.[2] | .errno_name == "EOPNOTSUPP" and .flags == ["0x80000000"]'

run $J $DEV , hwpt alloc 4000000 @ioas0
jq_ok "a device id that does not exist: ENOENT" '.[2].errno_name == "ENOENT"'
# iommufd_hwpt_alloc() turns a failed PT lookup into EINVAL, not ENOENT.
run $J $DEV , hwpt alloc @dev0 4000000
jq_ok "a PT id that does not exist: EINVAL" '.[2].errno_name == "EINVAL"'

run $J $DEV --flags no-dirty , hwpt alloc @dev0 @ioas0 --dirty-tracking --expect EOPNOTSUPP
is "dirty tracking for a device without it: EOPNOTSUPP" "$rc" 0

# Driver data and PASID on a paging HWPT came with the generic page table
# mock and ALLOC_PASID (6.15); 6.12 refuses both. A selftest payload longer
# than 6.12's struct (iotlb only) is refused where 7.x reads it.
if [ "$SERIES" = 6.12 ]; then
	run $J $DEV , hwpt alloc @dev0 @ioas0 --data selftest:pagetable_type=huge --expect EOPNOTSUPP , \
		hwpt alloc @dev0 @ioas0 --pasid --expect EOPNOTSUPP , $S1 , \
		hwpt alloc @dev0 @s2 --data selftest:iotlb=1,pagetable_type=default --expect EINVAL
	is "6.12: paging data and --pasid EOPNOTSUPP, 8 bytes of nested data EINVAL" "$rc" 0
else
	run $J $DEV , hwpt alloc @dev0 @ioas0 --data selftest:pagetable_type=huge , \
		hwpt alloc @dev0 @ioas0 --pasid , $S1 , \
		hwpt alloc @dev0 @s2 --data selftest:iotlb=1,pagetable_type=default
	is "7.x: paging data, --pasid and 8 bytes of nested data are taken" "$rc" 0
fi
jq_ok "... data on an IOAS makes a paging HWPT" '.[2].kind == "paging" and .[2].data_len == 8'

# ---- dirty tracking ----------------------------------------------------------

# Eight 4K pages, each its own mapping: the 7.x mock page table reports dirt
# per IO page table entry, and one mapping of physically contiguous pages
# may become one larger entry.
MAPS=
for k in 0 1 2 3 4 5 6 7; do
	MAPS="$MAPS , ioas map @ioas0 --iova $((0x1000000 + k * 0x1000)) --length 4K"
done
# 6.12's mock indexes its entries by IOVA / 2K whatever page size it is
# given, so pages are marked in 2K units: 0, 4 and 10 are the 4K pages 0, 2
# and 5, and read back at 4K they come out the same on both kernels.
GET="hwpt get-dirty @d --iova 16M --length 32K --page-size 4K"
run $J $DEV $MAPS , hwpt alloc @dev0 @ioas0 --dirty-tracking --name d , \
	hwpt set-dirty @d --enable , mock dirty @d --iova 16M --length 32K --pages 0,4,10 , \
	$GET --no-clear , $GET , $GET , hwpt set-dirty @d --disable
is "dirty tracking sequence: exit 0" "$rc" 0
jq_ok "the HWPT tracks dirty pages" '.[10].flags == ["dirty_tracking"] and .[11].enable'
jq_ok "three pages marked, all mapped" '.[12] | .marked == 3 and .nr_dirty == 3'
D='["0x1000000","0x1002000","0x1005000"]'
jq_ok "get-dirty reports exactly those IOVAs" ".[13] | .dirty == $D and .dirty_count == 3 and .no_clear"
jq_ok "--no-clear kept them" ".[14].dirty == $D"
jq_ok "reading without it cleared them" '.[15] | .dirty == [] and .dirty_count == 0'

run $J $DEV , hwpt alloc @dev0 @ioas0 , hwpt set-dirty @hwpt0 --enable
jq_ok "set-dirty on a HWPT without dirty tracking: EOPNOTSUPP" '.[3].errno_name == "EOPNOTSUPP"'
run $J -k $DEV , ioas map @ioas0 --iova 16M --length 64K , \
	hwpt alloc @dev0 @ioas0 --dirty-tracking --name d , hwpt set-dirty @d --enable , \
	hwpt get-dirty @d --iova 16M --length 64K --page-size 0 , \
	hwpt get-dirty @d --iova 0x1000800 --length 4K , \
	hwpt get-dirty 4000000 --iova 16M --length 64K
jq_ok "get-dirty with page size 0: EINVAL" '.[5].errno_name == "EINVAL"'
jq_ok "... with an IOVA off the IOAS alignment: EINVAL" '.[6].errno_name == "EINVAL"'
jq_ok "... on an id that does not exist: ENOENT" '.[7].errno_name == "ENOENT"'

done_testing
