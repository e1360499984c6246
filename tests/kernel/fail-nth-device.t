#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fail-nth's scenario of a VFIO device: attach, replace onto a HWPT and
# detach swept with fault injection, the kernel's unwind clean after each.
#
# The sweep starts after the scenario's two binds (--from 3): a failure
# injected into a bind also lands in vfio-pci's enabling and disabling of
# the PCI device, where ACPI's evaluation of the interrupt routing (_PRT)
# fails with AE_NO_MEMORY and its objects' reference counts go wrong; before
# the sweep ends the kernel oopses in acpi_ut_update_object_reference, from
# pci_disable_device (6.12.117: a general protection fault, 7.3.4: a NULL
# pointer), a bug outside iommufd that would end the boot.
# profiles: vtd

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
[ -n "${VFIO_PCI_ADDR:-}" ] || skip_all "no VFIO device in this boot"
[ -e /proc/self/fail-nth ] || [ -e /proc/thread-self/fail-nth ] ||
	skip_all "no fail-nth (kernel without CONFIG_FAULT_INJECTION)"

A=$VFIO_PCI_ADDR

run "$ICTL" -j fail-nth vfio --from 3 --device "$A"
is "scenario vfio: exit 0" "$rc" 0
jq_ok "... a complete sweep, no findings, many fault sites" \
	'.[-1] | .op == "fail-nth.summary" and .complete and .findings == 0 and .sites >= 50'
jq_ok "... every step of the script reached in iteration 0, none failed" \
	'.[0] | .fired == false and .failed_line == null and .ok'
jq_ok "... injected failures stop steps from line 3 on, each with its errno" \
	'[.[] | select(.op == "fail-nth" and .failed_line)] |
	 length > 10 and all(.failed_line >= 3 and .errno_name != null)'
run "$ICTL" -j fail-nth vfio
is "scenario vfio without --device: usage, exit 2" "$rc" 2
run "$ICTL" -j list --device "$A"
jq_ok "the device is still bound to vfio-pci after the sweep" \
	'[.. | objects | select(.driver? == "vfio-pci")] | length > 0'
done_testing
