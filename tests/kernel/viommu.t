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

printf '%s\n' "ioas alloc" "mock create @ioas0" "hwpt alloc @dev0 @ioas0 --nest-parent --name p" \
	"viommu alloc @dev0 @p --name v" "vdevice alloc @v @dev0" \
	"hwpt alloc @dev0 @v --data selftest:iotlb=1" > "$SCRATCH/viommu.ictl"
run $J run "$SCRATCH/viommu.ictl"
jq_ok "run: cleanup takes it all down newest first" \
	'.[-1] | .ok and .steps == 12 and .passed == 12'
done_testing
