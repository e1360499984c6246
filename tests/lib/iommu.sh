# SPDX-License-Identifier: GPL-2.0-only
#
# What the IOMMU driver in front of $VFIO_PCI_ADDR answers, per profile and
# kernel series, for the tests of a real VFIO device.  Sourced after tap.sh.
#
# The profile is the driver: vtd (Intel VT-d), amd (AMD-Vi), virtio
# (virtio-iommu) or smmuv3 (Arm SMMUv3); "both" is vtd beside the mock.
# iommu_expect sets:
#   DEV_PROFILE    the profile of the VFIO device
#   IOMMU_TYPE     the "type" list gives the IOMMU (from its sysfs name)
#   IOMMU_NAME_RE  the name of its /sys/class/iommu entry, an ERE (no
#                  backslashes: it goes into jq strings)
#   MSI_START/END  the MSI window the driver reserves in every domain
#   HW_TYPE        the data_type of GET_HW_INFO, HW_LEN its length
# Facts every kernel shows alike; what only QEMU's emulation shows (register
# values) is checked where ICTL_VM is set, that is, in the test VM.

iommu_expect() {
	case $PROFILE in
	both) DEV_PROFILE=vtd ;;
	*) DEV_PROFILE=$PROFILE ;;
	esac
	# MSI doorbells: x86 has one window for every IOMMU; an SMMUv3 has no
	# hardware window, so the DMA layer reserves a software one of 1 MiB
	# at 0x8000000 (MSI_IOVA_BASE) and maps the ITS doorbell there.
	MSI_START=0xfee00000 MSI_END=0xfeefffff
	case $DEV_PROFILE in
	vtd)
		IOMMU_TYPE=intel IOMMU_NAME_RE='^dmar[0-9]+$'
		HW_TYPE=intel_vtd HW_LEN=24
		;;
	amd)
		IOMMU_TYPE=amd IOMMU_NAME_RE='^ivhd[0-9]+$'
		# hw_info of AMD came after 6.12 (AMD_IOMMU_IOMMUFD)
		if [ "$SERIES" = 6.12 ]; then
			HW_TYPE=none HW_LEN=0
		else
			HW_TYPE=amd HW_LEN=16
		fi
		;;
	virtio)
		# the IOMMU is itself a virtio PCI device, named by its address
		IOMMU_TYPE=virtio_iommu
		IOMMU_NAME_RE='^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}[.][0-7]$'
		# virtio-iommu has no hw_info on any kernel
		HW_TYPE=none HW_LEN=0
		;;
	smmuv3)
		IOMMU_TYPE=arm-smmu-v3 IOMMU_NAME_RE='^smmu3[.]0x[0-9a-f]+$'
		MSI_START=0x8000000 MSI_END=0x80fffff
		# hw_info of SMMUv3 came in 6.13
		if [ "$SERIES" = 6.12 ]; then
			HW_TYPE=none HW_LEN=0
		else
			HW_TYPE=arm_smmuv3 HW_LEN=40
		fi
		;;
	*)
		IOMMU_TYPE= IOMMU_NAME_RE= HW_TYPE= HW_LEN=
		;;
	esac
}

# reg_field HEX SHIFT WIDTH: the field (at most 32 bits wide) of a 64-bit
# register, in decimal.  The shell's arithmetic is the oracle here, not the
# tool's decoder.  Shells differ above 2^63, so the register is taken in
# two 32-bit halves.
reg_field() {
	_rf=$(printf '%s' "${1#0x}" | tr 'A-F' 'a-f')
	_rf=$(printf '%16s' "$_rf" | tr ' ' 0)
	_rf_hi=$((0x$(printf '%s' "$_rf" | cut -c1-8)))
	_rf_lo=$((0x$(printf '%s' "$_rf" | cut -c9-16)))
	if [ "$2" -ge 32 ]; then
		_rf=$((_rf_hi >> ($2 - 32)))
	elif [ "$2" -eq 0 ]; then
		_rf=$((_rf_lo | (_rf_hi << 32)))
	else
		_rf=$(((_rf_lo >> $2) | (_rf_hi << (32 - $2))))
	fi
	echo $((_rf & ((1 << $3) - 1)))
}

# check_fields LABEL JSONPATH HEX "name:shift:width ...": every decoded
# field of JSONPATH (in $out) equals the bits of HEX; one-bit fields are
# booleans.
check_fields() {
	_cf_label=$1 _cf_path=$2 _cf_hex=$3 _cf_want=
	for _cf_f in $4; do
		_cf_n=${_cf_f%%:*}
		_cf_r=${_cf_f#*:}
		_cf_s=${_cf_r%%:*}
		_cf_w=${_cf_r#*:}
		_cf_v=$(reg_field "$_cf_hex" "$_cf_s" "$_cf_w")
		if [ "$_cf_w" = 1 ]; then
			[ "$_cf_v" = 1 ] && _cf_v=true || _cf_v=false
		fi
		_cf_want="$_cf_want and .$_cf_n == $_cf_v"
	done
	jq_ok "$_cf_label" "$_cf_path | true $_cf_want"
}

# The iommufd parameter that lets VFIO devices bind without isolated MSIs.
UNSAFE_IRQ=/sys/module/iommufd/parameters/allow_unsafe_interrupts

# msi_isolated: whether the platform isolates MSIs for the VFIO device, from
# what the kernel logged at boot: interrupt remapping (VT-d, AMD-Vi) or an
# ITS (GICv3 on arm64); virtio-iommu on x86 has neither.  Sets $why to the
# evidence.
msi_isolated() {
	case $DEV_PROFILE in
	vtd) _mi='DMAR-IR: Enabled IRQ remapping' ;;
	amd) _mi='AMD-Vi: Interrupt remapping enabled' ;;
	smmuv3) _mi='ITS@0x' ;;
	*) _mi= ;;
	esac
	if [ -n "$_mi" ] && why=$(dmesg | grep -m 1 -o "$_mi.*"); then
		return 0
	fi
	case $DEV_PROFILE in
	amd) why=$(dmesg | grep -m 1 -o 'AMD-Vi: Disabling interrupt remapping.*') ||
		why="no 'Interrupt remapping enabled' in the kernel log" ;;
	virtio) why="virtio-iommu remaps no interrupts" ;;
	*) why="no '$_mi' in the kernel log" ;;
	esac
	return 1
}
