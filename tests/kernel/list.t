#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# list on a VT-d guest: /dev/iommu, the Intel IOMMU, the groups with the
# MSI window VT-d reserves, and the edu device that init bound to vfio-pci.
# What sysfs says is the oracle.
# profiles: vtd

. "$top_srcdir/tests/lib/tap.sh"
[ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ] ||
	skip_all "no device bound to vfio-pci (VFIO_PCI_ADDR, VFIO_CDEV unset)"

A=$VFIO_PCI_ADDR
C=$VFIO_CDEV
G=$(basename "$(readlink "/sys/bus/pci/devices/$A/iommu_group")")
ndev=$(ls /sys/bus/pci/devices | wc -l)
ngroups=$(ls /sys/kernel/iommu_groups | wc -l)

run "$ICTL" -j list
is "list exits 0" "$rc" 0
jq_ok "/dev/iommu present, readable and writable by root" \
	'.[0].kernel[] | select(.name == "/dev/iommu") |
	 .value == "present" and .readable and .writable and (.mode | test("^0[0-7]{3}$"))'
jq_ok "VFIO cdev support and the IOMMUFD_TEST driver are seen" \
	'.[0].kernel | (.[] | select(.name == "vfio-cdev") | .value == "yes") and
	 (.[] | select(.name == "iommufd-test") | .value == "yes")'
jq_ok "RLIMIT_MEMLOCK as init set it: unlimited" \
	'.[0].kernel[] | select(.name == "RLIMIT_MEMLOCK") | .soft == "unlimited"'
jq_ok "an Intel IOMMU instance with devices" \
	'.[0].iommus | any(.type == "intel" and .nr_devices > 0)'
jq_ok "every group of /sys/kernel/iommu_groups ($ngroups)" ".[0].groups | length == $ngroups"
jq_ok "every PCI device ($ndev)" ".[0].devices | length == $ndev"
jq_ok "the edu device: 1234:11e8 on vfio-pci, group $G, cdev $C" \
	".[0].devices[] | select(.pci == \"$A\") |
	 .vendor == \"0x1234\" and .device == \"0x11e8\" and .driver == \"vfio-pci\" and
	 .iommu_group == $G and .cdev == \"$C\" and .viable and .iommu == \"dmar0\""
jq_ok "its group: a default domain type, the device, viable" \
	".[0].groups[] | select(.id == $G) |
	 (.type | IN(\"DMA\", \"DMA-FQ\", \"identity\")) and (.devices | index(\"$A\")) and .viable"
jq_ok "... and the VT-d MSI window as a reserved region of type msi" \
	".[0].groups[] | select(.id == $G) | .reserved_regions |
	 any(.start == \"0xfee00000\" and .end == \"0xfeefffff\" and .type == \"msi\")"
jq_ok "no note about /dev/iommu or an unbound vfio-pci" \
	'.[0].notes | all(startswith("no /dev/iommu") or startswith("no device is bound") | not)'

run "$ICTL" -j list --device "$A"
jq_ok "--device: the edu device, its group, its IOMMU" \
	".[0].devices | length == 1 and .[0].pci == \"$A\"" 
jq_ok "... and nothing else" \
	".[0].groups | length == 1 and .[0].id == $G"
run "$ICTL" -j list --driver vfio-pci --group "$G"
jq_ok "--driver vfio-pci --group $G: the edu device" \
	".[0].devices | length == 1 and .[0].pci == \"$A\""
run "$ICTL" -j list --driver none
jq_ok "--driver none: devices without a driver only" \
	'.[0].devices | all(.driver == null)'

run "$ICTL" list --device "$A"
ok "text: the edu row, ready for VFIO" sh -c \
	'printf "%s\n" "$1" | grep -q "^  $2  1234:11e8  00ff00  vfio-pci  $3 *$4  ready$"' \
	- "$out" "$A" "$G" "$C"
ok "text: the MSI window in the group table" sh -c \
	'printf "%s\n" "$1" | grep -q "0xfee00000-0xfeefffff msi"' - "$out"

done_testing
