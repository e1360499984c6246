#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stress --device: the walk with a real VFIO device (the edu device behind
# the emulated VT-d), attached, replaced and given HWPTs of its own.
# No mock device joins in: on 7.3, replacing a VFIO device onto a mock
# driver's HWPT crashes the kernel (see tests/scripts/foreign-replace.ictl).
# profiles: vtd

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
[ -n "${VFIO_PCI_ADDR:-}" ] || skip_all "no VFIO device in this boot"

J="$ICTL -j --no-timing"
W=ioas.alloc=3,ioas.map=8,ioas.unmap=6,attach=6,hwpt.alloc=4,hwpt.invalidate=2,destroy=5,bad-id=1,raw.size=1

run $J stress --seed 1 --ops 1500 --device "$VFIO_PCI_ADDR" --weights "$W"
is "1500 operations with the VFIO device: exit 0" "$rc" 0
jq_ok "... no finding" '.[0] | .ok and .findings == [] and .ops == 1500'
jq_ok "... the device was attached and replaced, and given HWPTs" \
	'.[0].per_op | .attach.errno.ok > 10 and ."hwpt.alloc".errno.ok > 5'
run $J stress --seed 2 --ops 1500 --threads 2 --device "$VFIO_PCI_ADDR" --weights "$W"
is "two threads with the VFIO device: exit 0" "$rc" 0
jq_ok "... no finding" '.[0] | .ok and .findings == []'
run $J list --device "$VFIO_PCI_ADDR"
jq_ok "the device is still bound to vfio-pci after the walks" \
	'[.. | objects | select(.driver? == "vfio-pci")] | length > 0'
done_testing
