#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Planted bugs (see stress-planted.t) for the VFIO device of stress
# --device: its detach, and its cdev closed and bound again. No mock device
# joins in (see stress-device.t).
# profiles: vtd

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
[ -n "${VFIO_PCI_ADDR:-}" ] || skip_all "no VFIO device in this boot"
. "$top_srcdir/tests/lib/planted.sh"

A=$VFIO_PCI_ADDR

# A device detached by itself: what it was on is free while the model
# still has it held (the shrunk script keeps only the destroy that expects
# EBUSY, which fails alone). Only first attaches (device.attach) and no replace, so
# that nothing the walk does puts the device where the model thinks it is.
planted device-detach "destroy @[ip][0-9]+.*predicted EBUSY, the kernel said success" \
	ioas.alloc=1,hwpt.alloc=4,device.attach=3,destroy=6 \
	"device detach @r" -- --device "$A" --meddle-after 10

# A device bound again comes attached: r1 is the first bound after a close,
# which the model holds to be on nothing. No device.attach, so the walk
# never attaches it itself.
planted device-rebind "destroy @i[0-9]+.*predicted success, the kernel said EBUSY" \
	ioas.alloc=2,ioas.map=2,destroy=4,device.rebind=3 \
	"device attach @r1 @i" -- --device "$A"

run $J list --device "$A"
jq_ok "the device is still bound to vfio-pci after the walks" \
	'[.. | objects | select(.driver? == "vfio-pci")] | length > 0'
done_testing
