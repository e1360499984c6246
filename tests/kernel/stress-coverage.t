#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stress with its default weights reaches every operation it lists within
# 10 000 operations, and every allocation also with a read-only reply
# struct (the abort path: EFAULT). The operations of --device need a VFIO
# device (tests/kernel/stress-device.t); on 6.12 those of objects the
# kernel does not have yet are left out, each named.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"

# The operations --help lists, one a line
listed() {
	"$ICTL" stress --help |
		awk '/^Operations/ { on = 1 } on && /^  [a-z]/ && $2 ~ /^[0-9]+$/ { print $1 }'
}

# What 6.12 lacks: vIOMMU and all that hangs off one, PASIDs, map-file,
# the mock's dma-bufs; and access pins, which the walk leaves out there
# (they end in WARNs)
case $SERIES in
6.12) absent='viommu.alloc vdevice.alloc veventq.alloc mock.trigger-vevent veventq.read
	hw-queue.alloc pasid.attach pasid.replace pasid.detach ioas.map-file
	ioas.map-dmabuf mem.revoke access.pin access.unpin' ;;
*) absent='' ;;
esac
ALLOCS='ioas.alloc mock.create hwpt.alloc hwpt.nested hwpt.fault viommu.alloc vdevice.alloc
	fault.alloc veventq.alloc hw-queue.alloc access.create'

run $J stress --seed 13 --ops 10000
is "10 000 operations, default weights: exit 0" "$rc" 0
jq_ok "... no finding" '.[0] | .ok and .findings == [] and .ops == 10000'

ok "--help lists operations" test "$(listed | wc -l)" -ge 30
for op in $(listed); do
	case " $(echo $absent) " in
	*" $op "*) skip "$op: run" "not walked on $SERIES"; continue ;;
	esac
	case $op in
	device.*) skip "$op: run" "a VFIO device's (stress-device.t)"; continue ;;
	esac
	jq_ok "$op: run" ".[0].per_op[\"$op\"].n > 0"
done
for op in $ALLOCS; do
	case " $(echo $absent) " in
	*" $op "*) skip "$op: a read-only reply" "not walked on $SERIES"; continue ;;
	esac
	jq_ok "$op: a read-only reply, EFAULT" ".[0].per_op[\"$op\"].errno.EFAULT > 0"
done
# the compat ioctls meet none and the walk's own mappings
jq_ok "vfio-compat: no compat IOAS (ENODEV), a map onto a mapping (EEXIST), part of one (ENOENT)" \
	'.[0].per_op | ."vfio-ioas".errno.ENODEV > 0 and ."vfio-compat.map".errno.EEXIST > 0 and
	 ."vfio-compat.unmap".errno.ENOENT > 0'
jq_ok "... an unmap whose size cannot be written back (EFAULT), a type set-iommu refuses (EINVAL)" \
	'.[0].per_op | ."vfio-compat.unmap".errno.EFAULT > 0 and ."vfio-compat.set-iommu".errno.EINVAL > 0'
# the dma-buf: revoked (ENODEV), a slice past its end (EINVAL), no CPU
# access to its pages (EINVAL)
if [ "$SERIES" = 6.12 ]; then
	skip "dma-buf: a map while revoked, past its end; access rw of it" "6.12 has no mock dma-bufs"
else
	jq_ok "dma-buf: a map while revoked (ENODEV), past its end (EINVAL); access rw of it (EINVAL)" \
		'.[0].per_op | ."ioas.map-dmabuf".errno.ENODEV > 0 and
		 ."ioas.map-dmabuf".errno.EINVAL > 0 and ."access.rw".errno.EINVAL > 0'
fi
done_testing
