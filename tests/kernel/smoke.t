#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Proves the VM harness itself: the kernel has what the real tests rely on,
# and the binary starts with the libraries packed beside it.
# profiles: mock vtd amd virtio smmuv3

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

plan 5
ok "/dev/iommu is a character device" test -c /dev/iommu
ok "iommufd-ctl --version runs" "$ICTL" --version
ok "debugfs has failslab" test -d /sys/kernel/debug/failslab
ok "fail-nth is available" test -e /proc/$$/task/$$/fail-nth
case $PROFILE in
mock)
	skip "VFIO cdev exists" "profile $PROFILE has no vIOMMU"
	;;
*)
	ok "VFIO cdev $VFIO_CDEV exists" test -c "${VFIO_CDEV:-/nonexistent}"
	;;
esac
