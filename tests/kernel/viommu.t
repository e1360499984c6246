#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# vIOMMU and vDEVICE on the mock driver: who holds whom, as the kernel's
# refusals show it.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
scratch
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"
P="ioas alloc , mock create @ioas0 , hwpt alloc @dev0 @ioas0 --nest-parent --name p"

if [ "$SERIES" = 6.12 ]; then
	# IOMMU_VIOMMU_ALLOC came with 6.13
	run $J $P , viommu alloc @dev0 @p
	is "viommu alloc on 6.12: not supported, exit 3" "$rc" 3
	jq_ok "... ENOTTY" '.[3].errno_name == "ENOTTY"'
	done_testing
	exit 0
fi

run $J $P , viommu alloc @dev0 @p --name v , vdevice alloc @v @dev0 --virt-id 0x99 --name vd
is "a vIOMMU on a nest parent, a vDEVICE on it" "$rc" 0
jq_ok "... with their ids and names" \
	'.[3].ids.viommu > 0 and .[3].name == "v" and .[4].ids.vdev > 0 and .[4].virt_id == "0x99"'

run $J $P , viommu alloc @dev0 @p --name v , vdevice alloc @v @dev0 , \
	destroy @v --expect EBUSY , destroy @p --expect EBUSY , \
	vdevice alloc @v @dev0 --virt-id 1 --expect EEXIST
is "a vDEVICE holds its vIOMMU, the vIOMMU its parent; one vDEVICE per device" "$rc" 0

run $J $P , viommu alloc @dev0 @p --name v , hwpt alloc @dev0 @v --data selftest:iotlb=1
jq_ok "a nested HWPT on the vIOMMU" '.[4].ok and .[4].ids.hwpt > 0'

run $J ioas alloc , mock create @ioas0 , hwpt alloc @dev0 @ioas0 --name plain , \
	viommu alloc @dev0 @plain --expect EINVAL
is "a vIOMMU on a HWPT that is no nest parent: EINVAL" "$rc" 0
run $J $P , viommu alloc @dev0 @p --type default --expect EOPNOTSUPP
is "the default vIOMMU type: EOPNOTSUPP" "$rc" 0
expect_exit "a vDEVICE on something that is no vIOMMU: usage, exit 2" 2 \
	$J $P , vdevice alloc @p @dev0

# ---- driver data and the page the mock offers for mmap (6.17) ----
run $J $P , viommu alloc @dev0 @p --data 0xcafe --name v , viommu mmap @v --name pg , \
	mem read @pg , mem write @pg --hex 34120000 , mem read @pg , \
	mem read @pg --offset 4K --length 8 , destroy @v --expect EBUSY , destroy @pg , destroy @v
is "viommu alloc --data, mmap its page, read, write, unmap, destroy: exit 0" "$rc" 0
jq_ok "the mock echoes in_data and offers two pages at a page-aligned offset" \
	'.[3] | .in_data == "0xcafe" and .out_data == "0xcafe" and .mmap_length == "0x2000" and
	 .mmap_offset != "0x0" and (.mmap_offset | endswith("000"))'
jq_ok "viommu mmap maps what viommu alloc answered" \
	'.[4].offset == .[3].mmap_offset and .[4].length == "0x2000" and .[4].name == "pg"'
jq_ok "the page's first word holds in_data" '.[5] | .hex == "feca0000" and .value == "0xcafe"'
jq_ok "a write through the mapping reads back" '.[7].value == "0x1234"'
jq_ok "the second page is zero" '.[8].hex == "0000000000000000"'
jq_ok "the mapping holds the vIOMMU: EBUSY until it is unmapped" \
	'.[9].errno_name == "EBUSY" and .[10].ok and .[11].ok'

run $J $P , viommu alloc @dev0 @p --data 7 --name v , viommu mmap @v --private --expect EINVAL , \
	viommu mmap @v --exec --expect EPERM , viommu mmap @v --length 4K --expect ENXIO , \
	viommu mmap @v --offset 0x100000 --expect ENXIO , viommu mmap @v , viommu mmap @v
is "only the offered page, shared, not executable; mapped twice" "$rc" 0
run $J $P , viommu alloc @dev0 @p --name v , viommu mmap @v --offset 0 --length 8K --expect ENXIO
is "a vIOMMU made without data offers no page: ENXIO" "$rc" 0
expect_exit "... and viommu mmap without --offset knows none: usage, exit 2" 2 \
	$J $P , viommu alloc @dev0 @p --name v , viommu mmap @v
printf '%s\n' "ioas alloc" "mock create @ioas0" "hwpt alloc @dev0 @ioas0 --nest-parent --name p" \
	"viommu alloc @dev0 @p --data 5 --name v" "viommu mmap @v --name pg" "mem read @pg" \
	> /tmp/viommu-mmap.ictl
run $J run /tmp/viommu-mmap.ictl
jq_ok "run: cleanup unmaps the page before it destroys the vIOMMU" \
	'.[-1] | .ok and .steps == 11 and .passed == 11'

printf '%s\n' "ioas alloc" "mock create @ioas0" "hwpt alloc @dev0 @ioas0 --nest-parent --name p" \
	"viommu alloc @dev0 @p --name v" "vdevice alloc @v @dev0" \
	"hwpt alloc @dev0 @v --data selftest:iotlb=1" > "$SCRATCH/viommu.ictl"
run $J run "$SCRATCH/viommu.ictl"
jq_ok "run: cleanup takes it all down newest first" \
	'.[-1] | .ok and .steps == 12 and .passed == 12'
done_testing
