#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# --with-device: the device is on vfio-pci for the command and back on its
# own driver afterwards, also when a step fails. In the test VM that is
# none (edu has no in-tree driver); where iommufd-ctl-selftest bound the
# device, the driver its record names. Ends with it on vfio-pci, as the
# harness left it.
# profiles: vtd amd virtio smmuv3

. "$top_srcdir/tests/lib/tap.sh"
need_root
[ -n "${VFIO_PCI_ADDR:-}" ] || skip_all "no device bound to vfio-pci (VFIO_PCI_ADDR unset)"

J="$ICTL -j --no-timing"
A=$VFIO_PCI_ADDR
D=/sys/bus/pci/devices/$A

driver() {
	if [ -e "$D/driver" ]; then basename "$(readlink "$D/driver")"; else echo none; fi
}

home=none
if [ -e "/run/iommufd-ctl/$A" ]; then
	home=$(sed -n 's/^driver=//p' "/run/iommufd-ctl/$A")
	home=${home:-none}
fi
run $J vfio unbind "$A"
is "the device starts on its own driver: $home" "$(driver)" "$home"

run $J --with-device "$A" device bind "$A" , ioas alloc , device attach @dev0 @ioas0 , \
	ioas map @ioas0 --length 64K
is "with the device bound for it, the sequence passes" "$rc" 0
jq_ok "... on the device's real cdev" '.[0].ok and (.[0].cdev | startswith("/dev/vfio/devices/vfio"))'
is "afterwards the device is back on $home" "$(driver)" "$home"

run $J --with-device "$A" device bind "$A" , destroy 4000000
is "a failing step still exits 1" "$rc" 1
is "... and the device is given back all the same" "$(driver)" "$home"

expect_exit "a device that does not exist: exit 3" 3 $J --with-device 0000:7f:1f.7 ioas alloc

run $J vfio bind "$A"
is "bound back to vfio-pci for the tests after this one" "$(driver)" vfio-pci
done_testing
