#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# device bind/attach/replace/detach/hw-info and destroy (the unbind) against
# a real VFIO cdev: QEMU's edu device behind an emulated VT-d, AMD-Vi,
# virtio-iommu or SMMUv3, which the guest's init binds to vfio-pci. The
# kernel's answers are the oracle.
# profiles: vtd amd virtio smmuv3

. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/iommu.sh"
scratch
need_root
need_dev_iommu
[ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ] ||
	skip_all "no device bound to vfio-pci (VFIO_PCI_ADDR, VFIO_CDEV unset)"

J="$ICTL -j --no-timing"
A=$VFIO_PCI_ADDR
C=$VFIO_CDEV
iommu_expect

# --- interrupt isolation -------------------------------------------------------
# iommufd binds a VFIO device only where the platform isolates its MSIs
# (interrupt remapping, an ITS), or where allow_unsafe_interrupts says that
# unisolated ones are acceptable. The amd and virtio boots set it on the
# kernel command line; here it is off for one bind, and the kernel's answer
# must match what the platform logged.
if [ -w "$UNSAFE_IRQ" ]; then
	saved=$(cat "$UNSAFE_IRQ")
	echo N >"$UNSAFE_IRQ"
	run $J device bind "$A"
	echo "$saved" >"$UNSAFE_IRQ"
	if msi_isolated; then
		jq_ok "MSIs isolated ($why): bind works without allow_unsafe_interrupts" \
			'.[0].ok'
	else
		jq_ok "MSIs not isolated ($why): bind refused with EPERM without allow_unsafe_interrupts" \
			'.[0].errno_name == "EPERM"'
		if [ "$saved" = Y ]; then
			run $J device bind "$A"
			ok "... with it (as booted), bind works and the kernel warns about $A" \
				sh -c 'dmesg | grep -q "$1: MSI interrupts are not secure"' sh "$A"
		else
			skip "... with it, bind works" "allow_unsafe_interrupts is off here"
		fi
	fi
else
	skip "MSI isolation and allow_unsafe_interrupts" "$UNSAFE_IRQ is not writable"
fi

# --- bind, attach, map, replace, detach, unbind ------------------------------

run $J ioas alloc , device bind "$A" --name d , device attach @d @ioas0 , \
	ioas map @ioas0 --length 64K , ioas unmap @ioas0 --all , \
	ioas alloc , device replace @d @ioas1 , device detach @d , \
	device attach @d @ioas0 , destroy @d , destroy @ioas0 , destroy @ioas1
is "bind by PCI address, attach, map, replace, detach, re-attach, destroy: exit 0" "$rc" 0
jq_ok "... twelve records, all ok" 'length == 12 and all(.[]; .ok)'
jq_ok "bind reports the cdev, the PCI address and a dev id" \
	".[1] | .cdev == \"$C\" and .pci == \"$A\" and .ids.dev > 0 and .name == \"d\""
jq_ok "attach to an IOAS reports the HWPT the kernel made for it" \
	'.[2].ids | .pt == 1 and .hwpt > 0 and .hwpt != .pt and .dev > 0'
jq_ok "map and unmap while attached" '.[3].ok and .[4].unmapped == "0x10000"'
jq_ok "replace to another IOAS attaches a new HWPT" \
	'.[6].ids.pt == .[5].ids.ioas and .[6].ids.hwpt != .[2].ids.hwpt'
jq_ok "detach, then attach again" '.[7].op == "device.detach" and .[8].ids.hwpt > 0'
jq_ok "destroy of the device closes its cdev (unbind)" \
	'.[9].unbind == true and .[9].ids.dev == .[1].ids.dev'
jq_ok "... which frees the IOAS it was attached to" '.[10].ok and .[11].ok'

run $J ioas alloc , device bind "${A#0000:}" , device attach @dev0 @ioas0
jq_ok "bind by the short PCI address (domain 0000)" \
	".[1].pci == \"$A\" and .[1].cdev == \"$C\" and .[2].ok"

run $J device bind "${C##*/}"
jq_ok "bind by cdev name finds the PCI address through sysfs" \
	".[0].ok and .[0].cdev == \"$C\" and .[0].pci == \"$A\""

run $J device bind "$C"
jq_ok "bind by cdev path" ".[0].ok and .[0].cdev == \"$C\" and .[0].pci == \"$A\""

run $J device bind "$A" , destroy @dev0 , device bind "$A"
is "a destroyed device binds again on the same iommufd" "$rc" 0

# vfio_df_open(): a device opened through its cdev cannot be opened again
run $J device bind "$A" , device bind "$A" --expect EINVAL
is "binding a bound device again: EINVAL" "$rc" 0
jq_ok "... and the failed bind names no device" '.[1].ids == null and .[1].ok'

# Ids are handed out in order on a fresh iommufd: the IOAS is 1, the device 2.
run $J ioas alloc , device bind "$A" , destroy 2
jq_ok "IOMMU_DESTROY of a bound dev_id (VFIO holds it): EBUSY" \
	'.[1].ids.dev == 2 and .[2].errno_name == "EBUSY"'

run $J ioas alloc , device bind "$A" , device attach @dev0 4000000 --expect ENOENT
is "attach to an id that does not exist: ENOENT" "$rc" 0

run $J ioas alloc , device bind "$A" , device attach @dev0 2 --expect EINVAL
is "attach to an object that is no IOAS or HWPT (the device): EINVAL" "$rc" 0

run $J ioas alloc , device bind "$A" , device attach @dev0 @ioas0 , \
	device attach @dev0 @ioas0 , destroy @ioas0 --expect EBUSY
is "attaching twice to one IOAS reuses its HWPT; the IOAS is busy" "$rc" 0
jq_ok "... the same HWPT both times" '.[2].ids.hwpt == .[3].ids.hwpt'

run $J device bind "$A" , device detach @dev0 , device detach @dev0
is "detach of a device that is not attached succeeds" "$rc" 0

# 6.12 knows no PASID flag (EINVAL for any flag); on 7.x the automatic
# domain of an IOAS is not PASID-compatible, and a PASID detach of nothing
# attached is a no-op.
run $J ioas alloc , device bind "$A" , device attach @dev0 @ioas0 --pasid 1 --expect EINVAL
is "attach of PASID 1 to an IOAS: EINVAL" "$rc" 0
if [ "$SERIES" = 6.12 ]; then
	run $J device bind "$A" , device detach @dev0 --pasid 1 --expect EINVAL
	is "detach of a PASID on 6.12: EINVAL (no PASID flag yet)" "$rc" 0
else
	run $J device bind "$A" , device detach @dev0 --pasid 1
	is "detach of a PASID that is not attached succeeds" "$rc" 0
fi

# 6.12 takes no bind flags; 7.x refuses a token for a device that is
# neither an SR-IOV PF nor a VF.
run $J device bind "$A" --token 01234567-89ab-cdef-0123-456789abcdef --expect EINVAL
is "bind with a VF token on a plain device: EINVAL" "$rc" 0
jq_ok "... the record says a token was given" '.[0].token == true'

printf 'ioas alloc --name as\ndevice bind %s --name d\ndevice attach @d @as\n' "$A" \
	>"$SCRATCH/device.ictl"
run $J run "$SCRATCH/device.ictl"
is "a script that leaves a bound device behind: exit 0" "$rc" 0
jq_ok "... its cleanup unbinds the device, then frees the IOAS" \
	'[.[] | select(.cleanup)] | length == 2 and .[0].unbind and .[0].ok and
	 .[1].ids.ioas > 0 and .[1].ok'

# --- hw-info: the driver's payload is checked in hwinfo.t -----------------------

run $J device bind "$A" , device hw-info @dev0
is "hw-info on the $DEV_PROFILE device: exit 0" "$rc" 0
jq_ok "... type $HW_TYPE, $HW_LEN bytes, of the bound device" \
	".[1].data_type == \"$HW_TYPE\" and .[1].data_len == $HW_LEN and .[1].ids.dev == .[0].ids.dev"

run $J device hw-info 4000000 --expect ENOENT
is "hw-info of an id that does not exist: ENOENT" "$rc" 0

# --- one script for mock and real devices ----------------------------------

seq_after() {	# STEPS that make @d on @ioas0
	run $J ioas alloc , ioas alloc , "$@" , device attach @d @ioas1 , \
		device replace @d @ioas0 , destroy @ioas1 , destroy @d , destroy @ioas0
}
seq_after device bind "$A" --name d , device attach @d @ioas0
is "attach, replace, destroy on the VFIO device: exit 0" "$rc" 0
# Mock devices need CONFIG_IOMMUFD_TEST; up to 6.12 they also fail (EINVAL)
# beside an active VT-d, as only later kernels tie them to the mock IOMMU.
nomock="no mock devices on this kernel and machine"
if $ICTL ioas alloc , mock create @ioas0 >/dev/null 2>&1; then
	seq_after mock create @ioas0 --name d
	is "the same steps on a mock device: exit 0" "$rc" 0
	jq_ok "... attach and replace report the HWPTs" \
		'.[3].ids.hwpt > 0 and .[4].ids.hwpt > 0 and .[4].ids.pt == .[0].ids.ioas'
	expect_exit "detach of a mock device is a usage error" 2 \
		$J ioas alloc , mock create @ioas0 , device detach @dev0
else
	skip "the same steps on a mock device" "$nomock"
	skip "... attach and replace report the HWPTs" "$nomock"
	skip "detach of a mock device is a usage error" "$nomock"
fi

# --- the environment and usage errors -----------------------------------------

expect_exit "a PCI address that does not exist: exit 3" 3 $J device bind ffff:ff:1f.7
err=$($J device bind ffff:ff:1f.7 2>&1 >/dev/null)
is "... saying so" "$err" "iommufd-ctl: device bind: no PCI device ffff:ff:1f.7 (see /sys/bus/pci/devices)"

other=
for d in /sys/bus/pci/devices/*; do
	[ "${d##*/}" != "$A" ] && { other=${d##*/}; break; }
done
if [ -n "$other" ]; then
	expect_exit "a PCI device not bound to vfio-pci: exit 3" 3 $J device bind "$other"
	err=$($J device bind "$other" 2>&1 >/dev/null)
	ok "... pointing to vfio bind, with no unbind line to paste" \
		sh -c 'printf "%s\n" "$1" | grep -q "iommufd-ctl vfio bind $2" &&
			! printf "%s\n" "$1" | grep -q -e echo -e driver/unbind' sh "$err" "$other"
else
	skip "a PCI device not bound to vfio-pci: exit 3" "no second PCI device"
	skip "... pointing to vfio bind, with no unbind line to paste" "no second PCI device"
fi

expect_exit "a cdev name that does not exist: exit 3" 3 $J device bind vfio999
: >"$SCRATCH/not-a-cdev"
expect_exit "a path that is no character device: exit 2" 2 $J device bind "$SCRATCH/not-a-cdev"
expect_exit "a DEVICE that is none of the three forms: exit 2" 2 $J device bind eth0
expect_exit "a malformed UUID: exit 2" 2 $J device bind "$A" --token 1234
expect_exit "attach through a bare dev_id: exit 2" 2 \
	$J ioas alloc , device bind "$A" , device attach 2 @ioas0
expect_exit "attach to a device handle: exit 2" 2 \
	$J ioas alloc , device bind "$A" , device attach @dev0 @dev0

run $ICTL --no-timing device bind "$A" , destroy @dev0
is "text output: one line per operation" "$out" "device.bind ok cdev=$C pci=$A dev=1 name=dev0
destroy ok dev=1 name=dev0 unbind=true"

done_testing
