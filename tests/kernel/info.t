#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# info DEVICE: bind, hw-info, attach, IOVA ranges, reserved regions, undo.
# On the mock device the selftest payload and the mock aperture; on a VFIO
# device its IOMMU driver's payload, the MSI window cut out of the ranges,
# the aperture, and what sysfs lists for its group. The oracles are the
# single operations run on their own, and sysfs.
# profiles: mock vtd amd virtio smmuv3

. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/iommu.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

# --- mock ----------------------------------------------------------------------

if "$ICTL" ioas alloc , mock create @ioas0 >/dev/null 2>&1; then
	run $J info mock
	is "info mock: exit 0" "$rc" 0
	jq_ok "one record, ok, of a mock device" \
		'length == 1 and .[0].ok and .[0].device.kind == "mock" and .[0].failed_at == null'
	jq_ok "the selftest payload, decoded" \
		'.[0].hw_info | .data_type == "selftest" and .data_len == 8 and
		 .data.test_reg == "0xdeadbeef" and (.capabilities | index("dirty_tracking"))'
	jq_ok "no PASID without the pasid device flag" '.[0].hw_info.max_pasid_log2 == 0'
	jq_ok "the mock aperture after attach: 16M up to 2G, 2K pages" \
		'.[0] | .iova_ranges == [{"start": "0x1000000", "last": "0x7fffffff"}] and
		 .iova_alignment == "0x800"'
	jq_ok "the kernel's reserved regions: below the aperture and above it" \
		'.[0].reserved_regions.kernel == [
			{"start": "0x0", "last": "0xffffff", "why": ["aperture"]},
			{"start": "0x80000000", "last": "0xffffffffffffffff", "why": ["aperture"]}]'
	jq_ok "no sysfs regions for a device that is no PCI device" \
		'.[0].reserved_regions.sysfs == null and .[0].device.pci == null'
	jq_ok "undone: the mock device, then the IOAS" \
		'[.[0].cleanup[] | [.step, .ok]] == [["destroy mock device", true], ["destroy ioas", true]]'
	info=$out

	run $J ioas alloc , mock create @ioas0 , ioas iova-ranges @ioas0 , device hw-info @dev0
	mine=$(printf '%s\n' "$out" | jq -s -c '[.[2].ranges, .[2].alignment, .[3].data, .[3].capabilities]')
	out=$info
	jq_ok "the same as ioas iova-ranges and device hw-info say" \
		"[.[0].iova_ranges, .[0].iova_alignment, .[0].hw_info.data, .[0].hw_info.capabilities] == $mine"

	# ids are handed out lowest first: if info left nothing behind, the
	# next IOAS on the same iommufd is 1 again
	run $J info mock , ioas alloc , info mock , ioas alloc
	is "info as a step of a sequence: exit 0" "$rc" 0
	jq_ok "nothing stays on the iommufd: the next IOAS is 1 both times" \
		'.[1].ids.ioas == 1 and .[3].ids.ioas == 2'

	run $ICTL --no-timing info mock
	is "text: exit 0" "$rc" 0
	is "text: the result line first" "$(printf '%s\n' "$out" | head -n 1)" "info ok device=mock"
	ok "text: the IOVA map with its alignment, usable and reserved rows" sh -c '
		printf "%s\n" "$1" | grep -q "^IOVA after attach (alignment 0x800):$" &&
		printf "%s\n" "$1" | grep -q "^  0x1000000  *0x7fffffff  *usable$" &&
		printf "%s\n" "$1" | grep -q "^  0x80000000  *0xffffffffffffffff  *reserved (aperture)$"' \
		sh "$out"
	ok "text: the selftest register and what was undone" sh -c '
		printf "%s\n" "$1" | grep -q "^  test_reg  *0xdeadbeef$" &&
		printf "%s\n" "$1" | grep -q "^Undone: destroy mock device ok, destroy ioas ok$"' \
		sh "$out"
	run $ICTL --no-timing --format ktap info mock
	ok "ktap: the test line, then the report as comments" sh -c '
		printf "%s\n" "$1" | sed -n 2p | grep -q "^ok 1 info device=mock$" &&
		printf "%s\n" "$1" | grep -q "^#   test_reg  *0xdeadbeef$" &&
		printf "%s\n" "$1" | tail -n 1 | grep -q "^1..1$"' sh "$out"
	# a sequence or a script prints no tables mid-run: a line a step
	run $ICTL --no-timing info mock , ioas alloc
	ok "text, in a sequence: one line a step, the report's tables left out" sh -c '
		[ "$(printf "%s\n" "$1" | wc -l)" -eq 2 ] &&
		printf "%s\n" "$1" | head -n 1 | grep -q "^info ok device={\"arg\":\"mock\"" &&
		printf "%s\n" "$1" | tail -n 1 | grep -q "^ioas.alloc ok "' sh "$out"
else
	[ "${PROFILE:-}" = mock ] && echo "Bail out! no mock device in the mock profile" && exit 1
	skip "info mock" "mock create fails here (no CONFIG_IOMMUFD_TEST, or 6.12 with an Intel IOMMU present)"
fi

# --- a VFIO device behind its IOMMU -------------------------------------------------

if [ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ]; then
	A=$VFIO_PCI_ADDR
	C=$VFIO_CDEV
	D=/sys/bus/pci/devices/$A
	G=$(basename "$(readlink "$D/iommu_group")")
	I=$(basename "$(readlink "$D/iommu")")
	iommu_expect
	L=$DEV_PROFILE

	run $J info "$A"
	is "$L: info of the VFIO device: exit 0" "$rc" 0
	jq_ok "$L: the device: vfio, its cdev, its ids, vfio-pci, IOMMU $I, group $G" \
		".[0].device | .kind == \"vfio\" and .pci == \"$A\" and .cdev == \"$C\" and
		 .vendor == \"$(cat "$D/vendor")\" and .device == \"$(cat "$D/device")\" and
		 .driver == \"vfio-pci\" and .iommu == \"$I\" and (.iommu | test(\"$IOMMU_NAME_RE\")) and
		 .iommu_group == $G"
	jq_ok "$L: hardware info of type $HW_TYPE, $HW_LEN bytes" \
		".[0].hw_info | .data_type == \"$HW_TYPE\" and .data_len == $HW_LEN and .max_pasid_log2 == 0"
	jq_ok "$L: 4K IOVA alignment, and the ranges start at 0" \
		'.[0] | .iova_alignment == "0x1000" and .iova_ranges[0].start == "0x0"'
	jq_ok "$L: the MSI window $MSI_START-$MSI_END is cut out of the ranges, and named" \
		".[0].reserved_regions.kernel | any(.start == \"$MSI_START\" and .last == \"$MSI_END\" and
		 (.why | index(\"msi\")))"
	info=$out
	case $L in
	vtd)
		jq_ok "$L: QEMU's VT-d: caching mode on, no nesting" \
			'.[0].hw_info | .data.decoded.cap.cm and (.data.decoded.ecap.nest | not)'
		# jq has no hex output: the shell formats 2^mgaw for the exact check
		w=$(printf '%s\n' "$out" | jq -r '.hw_info.data.decoded.cap.mgaw')
		top=$(printf '0x%x' $((1 << w)))
		jq_ok "$L: the last gap starts at 2^mgaw ($top): beyond the aperture" \
			".[0].reserved_regions.kernel[-1] | .start == \"$top\" and
			 .last == \"0xffffffffffffffff\" and .why == [\"aperture\"]"
		;;
	*)
		if [ -z "${ICTL_VM:-}" ]; then
			skip "$L: the aperture" "it depends on the hardware's page table; checked in the test VM"
		elif [ "$L" = virtio ] || [ "$L:$SERIES" = amd:6.12 ]; then
			# virtio-iommu: QEMU's input range is all 64 bits; AMD-Vi's
			# v1 table on 6.12 claims them all too
			jq_ok "$L: QEMU: no aperture, the ranges go up to 2^64-1" \
				'.[0] | (.reserved_regions.kernel | all(.why != ["aperture"])) and
				 .iova_ranges[-1].last == "0xffffffffffffffff"'
		else
			# AMD-Vi's v1 table on 7.x and the SMMU's 4K-granule stage 1
			# (IDR5 VAX 0) take 48-bit IOVAs
			jq_ok "$L: QEMU: the aperture ends at 2^48, the ranges below it" \
				'.[0] | (.reserved_regions.kernel[-1] | .start == "0x1000000000000" and
				 .last == "0xffffffffffffffff" and .why == ["aperture"]) and
				 .iova_ranges[-1].last == "0xffffffffffff"'
		fi
		if [ -n "${ICTL_VM:-}" ] && [ "$L" = amd ]; then
			jq_ok "$L: QEMU: the HyperTransport window 0xfd00000000-0xffffffffff is reserved" \
				'.[0].reserved_regions.kernel | any(.start == "0xfd00000000" and
				 .last == "0xffffffffff" and (.why | index("reserved")))'
		fi
		;;
	esac
	out=$info
	sysfs=$(sep=
		while read -r s e t; do
			printf '%s{"start":"0x%x","end":"0x%x","type":"%s"}' "$sep" "$s" "$e" "$t"
			sep=,
		done <"/sys/kernel/iommu_groups/$G/reserved_regions")
	jq_ok "the sysfs regions are /sys/kernel/iommu_groups/$G/reserved_regions" \
		".[0].reserved_regions.sysfs == [$sysfs] and
		 (.[0].reserved_regions.sysfs | any(.type == \"msi\" and .start == \"$MSI_START\"))"
	jq_ok "undone in order: detach, destroy the IOAS, unbind" \
		'[.[0].cleanup[] | [.step, .ok]] == [["detach", true], ["destroy ioas", true], ["unbind", true]]'
	info=$out

	run $J ioas alloc , device bind "$A" , device attach @dev0 @ioas0 , \
		ioas iova-ranges @ioas0 , device hw-info @dev0
	mine=$(printf '%s\n' "$out" | jq -s -c '[.[3].ranges, .[3].alignment, .[4].data]')
	out=$info
	jq_ok "the same ranges and hw-info as the single operations" \
		"[.[0].iova_ranges, .[0].iova_alignment, .[0].hw_info.data] == $mine"

	run $J info "${C##*/}" , ioas alloc , device bind "$A"
	is "info by cdev name, then the device binds again on the same iommufd" "$rc" 0
	jq_ok "... the IOAS is 1 again: info left nothing behind" \
		".[0].device.pci == \"$A\" and .[1].ids.ioas == 1 and .[2].ok"

	run $J device bind "$A" , info "$A"
	is "info of a device bound already: exit 1" "$rc" 1
	jq_ok "... EINVAL from the bind, and its IOAS destroyed again" \
		'.[1] | .ok == false and .errno_name == "EINVAL" and .failed_at == "bind" and
		 .cleanup == [{"step": "destroy ioas", "ok": true, "errno_name": null}]'

	run $ICTL --no-timing info "$A"
	ok "text: the MSI row of the IOVA map, the sysfs table, the payload type" sh -c '
		printf "%s\n" "$1" | grep -q "^  $2  *$3  *reserved (msi)$" &&
		printf "%s\n" "$1" | grep -q "^Reserved regions of the IOMMU group (sysfs):$" &&
		printf "%s\n" "$1" | grep -q "^  $2  *$3  *msi$" &&
		printf "%s\n" "$1" | grep -q "^  data_type  *$4$" &&
		printf "%s\n" "$1" | grep -q "^Undone: detach ok, destroy ioas ok, unbind ok$"' \
		sh "$out" "$MSI_START" "$MSI_END" "$HW_TYPE"
	if [ "$L" = vtd ]; then
		ok "text: the VT-d cap register decoded" sh -c '
			printf "%s\n" "$1" | grep -q "^  cap  *nd="' sh "$out"
	fi
else
	[ -n "${ICTL_VM:-}" ] && [ "${PROFILE:-}" != mock ] &&
		echo "Bail out! no vfio-pci device in the $PROFILE profile" && exit 1
	skip "info of a VFIO device" "no device bound to vfio-pci"
fi

expect_exit "info of a PCI device that does not exist: exit 3" 3 \
	"$ICTL" info ffff:ff:1f.7
expect_exit "info of a path that is no VFIO cdev: exit 3 (ENOTTY from the bind)" 3 \
	"$ICTL" info /dev/null

done_testing
