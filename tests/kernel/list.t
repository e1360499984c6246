#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# list on a machine with a VFIO device: /dev/iommu, the IOMMU in front of
# it (VT-d, AMD-Vi, virtio-iommu or SMMUv3), the groups with the MSI window
# the driver reserves, and the device bound to vfio-pci. What sysfs says is
# the oracle.
# profiles: vtd amd virtio smmuv3

. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/iommu.sh"
[ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ] ||
	skip_all "no device bound to vfio-pci (VFIO_PCI_ADDR, VFIO_CDEV unset)"

A=$VFIO_PCI_ADDR
C=$VFIO_CDEV
D=/sys/bus/pci/devices/$A
G=$(basename "$(readlink "$D/iommu_group")")
I=$(basename "$(readlink "$D/iommu")")
ids=$(cat "$D/vendor"):$(cat "$D/device")
iommu_expect
ndev=$(ls /sys/bus/pci/devices | wc -l)
ngroups=$(ls /sys/kernel/iommu_groups | wc -l)

run "$ICTL" -j list
is "list exits 0" "$rc" 0
jq_ok "/dev/iommu present, readable and writable by root" \
	'.[0].kernel[] | select(.name == "/dev/iommu") |
	 .value == "present" and .readable and .writable and (.mode | test("^0[0-7]{3}$"))'
jq_ok "VFIO cdev support is seen" \
	'.[0].kernel | .[] | select(.name == "vfio-cdev") | .value == "yes"'
# The test VM's kernels all have the mock driver; elsewhere it must agree
# with the ioctl probe of caps.
if [ -n "${ICTL_VM:-}" ]; then
	want=yes
else
	want=$("$ICTL" -j caps | jq -r 'if .ioctls."test-cmd" then "yes" else "no" end')
fi
jq_ok "the IOMMUFD_TEST driver: $want" \
	".[0].kernel[] | select(.name == \"iommufd-test\") | .value == \"$want\""
jq_ok "RLIMIT_MEMLOCK as init set it: unlimited" \
	'.[0].kernel[] | select(.name == "RLIMIT_MEMLOCK") | .soft == "unlimited"'
jq_ok "the IOMMU $I: type $IOMMU_TYPE, with devices" \
	".[0].iommus | any(.name == \"$I\" and .type == \"$IOMMU_TYPE\" and .nr_devices > 0) and
	 (\"$I\" | test(\"$IOMMU_NAME_RE\"))"
jq_ok "every group of /sys/kernel/iommu_groups ($ngroups)" ".[0].groups | length == $ngroups"
jq_ok "every PCI device ($ndev)" ".[0].devices | length == $ndev"
jq_ok "the device: $ids on vfio-pci, group $G, cdev $C, IOMMU $I" \
	".[0].devices[] | select(.pci == \"$A\") |
	 .vendor == \"${ids%:*}\" and .device == \"${ids#*:}\" and .driver == \"vfio-pci\" and
	 .iommu_group == $G and .cdev == \"$C\" and .viable and .iommu == \"$I\""
jq_ok "its group: a default domain type, the device, viable" \
	".[0].groups[] | select(.id == $G) |
	 (.type | IN(\"DMA\", \"DMA-FQ\", \"identity\")) and (.devices | index(\"$A\")) and .viable"
jq_ok "... and the MSI window $MSI_START-$MSI_END as a reserved region of type msi" \
	".[0].groups[] | select(.id == $G) | .reserved_regions |
	 any(.start == \"$MSI_START\" and .end == \"$MSI_END\" and .type == \"msi\")"
jq_ok "no note about /dev/iommu or an unbound vfio-pci" \
	'.[0].notes | all(startswith("no /dev/iommu") or startswith("no device is bound") | not)'

run "$ICTL" -j list --device "$A"
jq_ok "--device: the device, its group, its IOMMU" \
	".[0].devices | length == 1 and .[0].pci == \"$A\"" 
jq_ok "... and nothing else" \
	".[0].groups | length == 1 and .[0].id == $G"
run "$ICTL" -j list --driver vfio-pci --group "$G"
jq_ok "--driver vfio-pci --group $G: the device" \
	".[0].devices | length == 1 and .[0].pci == \"$A\""
run "$ICTL" -j list --driver none
jq_ok "--driver none: devices without a driver only" \
	'.[0].devices | all(.driver == null)'

run "$ICTL" list --device "$A"
class=$(cat "$D/class")
ok "text: the device row, ready for VFIO" sh -c \
	'printf "%s\n" "$1" | grep -q "^  $2  $5  $6  vfio-pci  $3 *$4  ready$"' \
	- "$out" "$A" "$G" "$C" "$(echo "${ids%:*}:${ids#*:}" | sed 's/0x//g')" "${class#0x}"
ok "text: the MSI window in the group table" sh -c \
	'printf "%s\n" "$1" | grep -q "$2-$3 msi"' - "$out" "$MSI_START" "$MSI_END"

done_testing
