#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# device hw-info on a CONFIG_IOMMUFD_TEST mock device: the selftest payload,
# capabilities, length probing and the input type, as the kernel answers.
# On a VFIO device: the payload of its IOMMU driver (VT-d, AMD-Vi, SMMUv3
# registers, or none for virtio-iommu), every decoded field checked against
# the bits of the raw register, and in the test VM against what QEMU 7.2
# emulates.
# profiles: mock vtd amd virtio smmuv3

. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/iommu.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

# --- the mock device ----------------------------------------------------------

if "$ICTL" ioas alloc , mock create @ioas0 >/dev/null 2>&1; then
	run $J ioas alloc , mock create @ioas0 , device hw-info @dev0
	is "hw-info on a mock device: exit 0" "$rc" 0
	jq_ok "type selftest, 8 bytes" '.[2].data_type == "selftest" and .[2].data_len == 8'
	jq_ok "test_reg reads 0xdeadbeef" '.[2].data.test_reg == "0xdeadbeef" and .[2].data.flags == 0'
	jq_ok "asked about the device mock create made" '.[2].ids.dev == .[1].ids.dev'
	jq_ok "no PASID without the pasid device flag" '.[2].max_pasid_log2 == 0'
	# The mock IOMMU never claims ATS; the bit saying so came after 6.12.
	if [ "$SERIES" = 6.12 ]; then
		jq_ok "capabilities: dirty_tracking" '.[2].capabilities == ["dirty_tracking"]'
	else
		jq_ok "capabilities: dirty_tracking, pci_ats_not_supported" \
			'.[2].capabilities == ["dirty_tracking", "pci_ats_not_supported"]'
	fi

	run $J ioas alloc , mock create @ioas0 --flags no-dirty , device hw-info @dev0
	jq_ok "a no-dirty mock device lacks dirty_tracking" \
		'.[2].ok and (.[2].capabilities | index("dirty_tracking") == null)'

	run $J ioas alloc , mock create @ioas0 , device hw-info @dev0 --data-len 0 , \
		device hw-info @dev0 --data-len 4 , device hw-info @dev0 --data-len 8
	is "length probing: exit 0" "$rc" 0
	jq_ok "--data-len 0 returns the kernel's length and no data" \
		'.[2] | .buffer_len == 0 and .data_len == 8 and .data == null and .data_type == "selftest"'
	jq_ok "half the payload is not decoded" '.[3] | .data_len == 8 and .data == null'
	jq_ok "exactly the payload is" '.[4].data.test_reg == "0xdeadbeef"'

	# IOMMU_HW_INFO_FLAG_INPUT_TYPE arrived in 6.17: 6.12 refuses any flag.
	if [ "$SERIES" = 6.12 ]; then
		run $J ioas alloc , mock create @ioas0 , \
			device hw-info @dev0 --type selftest --expect EOPNOTSUPP
		is "--type on 6.12: EOPNOTSUPP" "$rc" 0
		skip "--type default" "no input type before 6.17"
		skip "... answers like no type at all" "no input type before 6.17"
		skip "the pasid device flag gives 20 PASID bits" "no mock PASID before 6.15"
	else
		run $J ioas alloc , mock create @ioas0 , device hw-info @dev0 --type selftest
		jq_ok "--type selftest" '.[2].in_data_type == "selftest" and .[2].data.test_reg == "0xdeadbeef"'
		run $J ioas alloc , mock create @ioas0 , device hw-info @dev0 --type default
		is "--type default" "$rc" 0
		jq_ok "... answers like no type at all" '.[2].data_type == "selftest"'
		run $J ioas alloc , mock create @ioas0 --flags pasid , device hw-info @dev0
		jq_ok "the pasid device flag gives 20 PASID bits" '.[2].max_pasid_log2 == 20'
	fi

	run $J ioas alloc , mock create @ioas0 , \
		device hw-info @dev0 --type intel_vtd --expect EOPNOTSUPP
	is "a type the mock driver does not have: EOPNOTSUPP" "$rc" 0

	run $J ioas alloc , mock create @ioas0 , device hw-info 1 --expect ENOENT
	is "hw-info of an IOAS id: ENOENT" "$rc" 0
	run $J ioas alloc , mock create @ioas0 , device hw-info 4000000 --expect ENOENT
	is "hw-info of an id that does not exist: ENOENT" "$rc" 0

	run $J ioas alloc , mock create @ioas0 , device hw-info @dev0 --type intel_vtd
	is "an unexpected EOPNOTSUPP exits 3 (not supported)" "$rc" 3

	expect_exit "hw-info of an IOAS handle is a usage error" 2 \
		$J ioas alloc , device hw-info @ioas0
	expect_exit "an unknown --type name is a usage error" 2 \
		$J ioas alloc , mock create @ioas0 , device hw-info @dev0 --type vtd

	run $ICTL --no-timing ioas alloc , mock create @ioas0 , device hw-info @dev0 --data-len 0
	line=$(printf '%s\n' "$out" | sed -n 3p)
	case $SERIES in
	6.12) caps='["dirty_tracking"]' ;;
	*) caps='["dirty_tracking","pci_ats_not_supported"]' ;;
	esac
	is "text output" "$line" \
		"device.hw-info ok dev=3 buffer_len=0 data_type=selftest data_len=8 capabilities=$caps max_pasid_log2=0"
else
	[ "${PROFILE:-}" = mock ] && echo "Bail out! no mock device in the mock profile" && exit 1
	skip "hw-info of a mock device" "mock create fails here (no CONFIG_IOMMUFD_TEST, or 6.12 beside another IOMMU driver)"
fi

# --- a VFIO device: what its IOMMU driver reports -------------------------------

# Field positions, from the drivers' register definitions (bit shift and
# width). The test computes each field from the raw register itself, so a
# decoder that reads the wrong bits fails here.
VTD_CAP="nd:0:3 afl:3:1 rwbf:4:1 plmr:5:1 phmr:6:1 cm:7:1 sagaw:8:5 zlr:22:1
	isoch:23:1 sllps:34:4 psi:39:1 mamv:48:6 dwd:54:1 drd:55:1 fl1gp:56:1
	pi:59:1 fl5lp:60:1 ecmds:61:1 esirtps:62:1 esrtps:63:1"
VTD_ECAP="c:0:1 qi:1:1 dt:2:1 ir:3:1 eim:4:1 pt:6:1 sc:7:1 mhmv:20:4 mts:25:1
	nest:26:1 dis:27:1 prs:29:1 ers:30:1 srs:31:1 nwfs:33:1 eafs:34:1 pss:35:5
	pasid:40:1 dit:41:1 pds:42:1 smts:43:1 slads:45:1 slts:46:1 flts:47:1
	smpwcs:48:1 rps:49:1 pms:51:1"
SMMU_IDR0="s2p:0:1 s1p:1:1 ttf:2:2 cohacc:4:1 httu:6:2 hyp:9:1 ats:10:1
	asid16:12:1 msi:13:1 sev:14:1 pri:16:1 vmid16:18:1 cd2l:19:1 ttendian:21:2
	stall_model:24:2 st_level:27:2"
SMMU_IDR1="sidsize:0:6 ssidsize:6:5 priqs:11:5 evtqs:16:5 cmdqs:21:5
	attr_types_ovr:27:1 rel:28:1 queues_preset:29:1 tables_preset:30:1"
SMMU_IDR3="fwb:8:1 ril:10:1 bbm:11:2"
SMMU_IDR5="oas:0:3 gran4k:4:1 gran16k:5:1 gran64k:6:1 ds:7:1 vax:10:2 stall_max:16:16"
SMMU_IIDR="implementer:0:12 revision:12:4 variant:16:4 productid:20:12"
AMD_EFR="prefetch:0:1 ppr:1:1 x2apic:2:1 nx:3:1 gt:4:1 ia:6:1 ga:7:1 he:8:1 pc:9:1
	hats:10:2 gats:12:2 glx:14:2 gam_vapic:21:1 pasmax:32:5 giosup:48:1
	hasup:49:1 ephsup:50:1 hdsup:52:1 snp:63:1"
AMD_EFR2="sevsnpio_sup:1:1 gcr3trpmode:3:1 snpavicsup:5:3 num_int_remap_sup:8:2
	ht_range_ignore:11:1 snp_page_mode0_sup:13:1"

# field of the "data" of the last hw-info record, as a string
data() {
	printf '%s\n' "$out" | jq -s -r ".[-1].data$1"
}

if [ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ]; then
	A=$VFIO_PCI_ADDR
	iommu_expect
	L="$DEV_PROFILE, $SERIES"

	run $J device bind "$A" , device hw-info @dev0
	is "$L: hw-info on the VFIO device: exit 0" "$rc" 0
	jq_ok "$L: type $HW_TYPE, $HW_LEN bytes" \
		".[1].data_type == \"$HW_TYPE\" and .[1].data_len == $HW_LEN"
	jq_ok "$L: edu has no PASID capability" '.[1].max_pasid_log2 == 0'
	# edu has no ATS; the bit that says so came after 6.12
	if [ "$SERIES" = 6.12 ]; then
		jq_ok "$L: no capabilities" '.[1].capabilities == []'
	else
		jq_ok "$L: capabilities: pci_ats_not_supported" \
			'.[1].capabilities == ["pci_ats_not_supported"]'
	fi
	hw=$out

	case $HW_TYPE in
	intel_vtd)
		jq_ok "$L: raw cap_reg and ecap_reg as hex" \
			'.[1].data | (.cap_reg | test("^0x[0-9a-f]+$")) and (.ecap_reg | test("^0x[0-9a-f]+$"))'
		cap=$(data .cap_reg) ecap=$(data .ecap_reg)
		check_fields "$L: every cap field is its bits of cap_reg $cap" \
			'.[1].data.decoded.cap' "$cap" "$VTD_CAP"
		check_fields "$L: every ecap field is its bits of ecap_reg $ecap" \
			'.[1].data.decoded.ecap' "$ecap" "$VTD_ECAP"
		jq_ok "$L: mgaw and nfr are stored minus one, fro and iro in 16-byte units" \
			".[1].data.decoded | .cap.mgaw == $(($(reg_field "$cap" 16 6) + 1)) and
			 .cap.nfr == $(($(reg_field "$cap" 40 8) + 1)) and
			 .cap.fro == $(($(reg_field "$cap" 24 10) * 16)) and
			 .ecap.iro == $(($(reg_field "$ecap" 8 10) * 16))"
		jq_ok "$L: VT-d reports the SPR17 erratum flag for every unit" \
			'.[1].data.errata_772415_spr17 == true and .[1].data.flags == 1'
		if [ -n "${ICTL_VM:-}" ]; then
			# boot.sh: intel-iommu,intremap=on,caching-mode=on; QEMU 7.2
			# emulates no nesting, no PASID and no scalable mode here
			jq_ok "$L: QEMU: caching mode and interrupt remapping, as it was told" \
				'.[1].data.decoded | .cap.cm and .ecap.ir'
			jq_ok "$L: QEMU: no nesting, no PASID, no scalable mode, 39-bit AGAW" \
				'.[1].data.decoded | (.ecap.nest | not) and (.ecap.pasid | not) and
				 (.ecap.smts | not) and .cap.mgaw == 39 and .cap.sagaw == 2'
		fi
		;;
	arm_smmuv3)
		jq_ok "$L: six IDR registers, IIDR and AIDR as hex" \
			'.[1].data | (.idr | length) == 6 and (.idr | all(test("^0x[0-9a-f]+$"))) and
			 (.iidr | test("^0x")) and (.aidr | test("^0x"))'
		for r in 0:"$SMMU_IDR0" 1:"$SMMU_IDR1" 3:"$SMMU_IDR3" 5:"$SMMU_IDR5"; do
			i=${r%%:*}
			v=$(data ".idr[$i]")
			check_fields "$L: every IDR$i field is its bits of $v" \
				".[1].data.decoded.idr$i" "$v" "${r#*:}"
		done
		v=$(data .iidr)
		check_fields "$L: every IIDR field is its bits of $v" \
			'.[1].data.decoded.iidr' "$v" "$SMMU_IIDR"
		if [ -n "${ICTL_VM:-}" ]; then
			# QEMU 7.2 hw/arm/smmuv3.c: stage 1 only, AArch64 tables,
			# coherent, 16-bit ASIDs, little-endian tables, no stall,
			# two-level stream tables; 16-bit stream ids, 2^19-entry
			# queues; range invalidation; 44-bit output, 4K/16K/64K
			# granules; architecture SMMUv3.1 (AIDR 1); no IIDR
			jq_ok "$L: QEMU IDR0: S1P without S2P, TTF 2, COHACC, ASID16, TTENDIAN 2, STALL_MODEL 1, ST_LEVEL 1" \
				'.[1].data.decoded.idr0 | .s1p and (.s2p | not) and .ttf == 2 and .cohacc and
				 .asid16 and .ttendian == 2 and .stall_model == 1 and .st_level == 1'
			jq_ok "$L: QEMU IDR0: no HTTU, ATS, PRI, MSI, VMID16, HYP" \
				'.[1].data.decoded.idr0 | .httu == 0 and ([.ats, .pri, .msi, .vmid16, .hyp] | all(not))'
			jq_ok "$L: QEMU IDR1: SIDSIZE 16, no substreams, EVTQS 19, CMDQS 19" \
				'.[1].data.decoded.idr1 | .sidsize == 16 and .ssidsize == 0 and .evtqs == 19 and .cmdqs == 19'
			jq_ok "$L: QEMU IDR3: RIL" '.[1].data.decoded.idr3.ril'
			jq_ok "$L: QEMU IDR5: OAS 4 (44 bits), 4K 16K 64K granules" \
				'.[1].data.decoded.idr5 | .oas == 4 and .gran4k and .gran16k and .gran64k'
			jq_ok "$L: QEMU: AIDR 1 (SMMUv3.1), IIDR 0, no errata flag" \
				'.[1].data | .aidr == "0x1" and .iidr == "0x0" and .flags == 0 and
				 (.errata_repeat_tlbi_cfgi | not)'
		fi
		;;
	amd)
		jq_ok "$L: EFR and EFR2 as hex" \
			'.[1].data | (.efr | test("^0x[0-9a-f]+$")) and (.efr2 | test("^0x[0-9a-f]+$"))'
		v=$(data .efr)
		check_fields "$L: every EFR field is its bits of $v" \
			'.[1].data.decoded.efr' "$v" "$AMD_EFR"
		v=$(data .efr2)
		check_fields "$L: every EFR2 field is its bits of $v" \
			'.[1].data.decoded.efr2' "$v" "$AMD_EFR2"
		if [ -n "${ICTL_VM:-}" ]; then
			# QEMU 7.2 hw/i386/amd_iommu.h: prefetch, PPR, GT, IA, GA and
			# HE, HATS and GATS 2; no EFR2. Without GIOSup, EPHSup and
			# HDSup the kernel makes no nest parent, PASID or dirty
			# tracking domain (caps.t).
			jq_ok "$L: QEMU EFR 0x29d3: PreF PPR GT IA GA HE, HATS 2, GATS 2" \
				'.[1].data | .efr == "0x29d3" and (.decoded.efr | .prefetch and .ppr and
				 .gt and .ia and .ga and .he and .hats == 2 and .gats == 2)'
			jq_ok "$L: QEMU: no GIOSup, EPHSup, HDSup, x2APIC or SNP; EFR2 0" \
				'.[1].data | .efr2 == "0x0" and ([.decoded.efr | .giosup, .ephsup, .hdsup,
				 .x2apic, .snp] | all(not)) and .decoded.efr.pasmax == 0'
			ok "$L: the kernel log shows the same EFR" sh -c \
				'dmesg | grep -q "AMD-Vi: Extended features ($1, $2)"' sh "$(data .efr)" "$(data .efr2)"
		fi
		;;
	none)
		# virtio-iommu (every kernel), AMD and SMMUv3 on 6.12: the driver
		# has no hw_info, and iommufd answers with type none
		jq_ok "$L: no payload: data_len 0, nothing decoded" \
			'.[1] | .data_len == 0 and .data == null'
		;;
	esac

	run $J device bind "$A" , device hw-info @dev0 --data-len 0 , \
		device hw-info @dev0 --data-len 4
	jq_ok "$L: --data-len 0 probes the length ($HW_LEN) without data" \
		".[1] | .ok and .buffer_len == 0 and .data_len == $HW_LEN and .data == null"
	jq_ok "$L: a buffer of 4 bytes leaves data undecoded" \
		".[2] | .ok and .data_len == $HW_LEN and .data == null"

	# IOMMU_HW_INFO_FLAG_INPUT_TYPE arrived in 6.17: 6.12 refuses the flag.
	if [ "$SERIES" = 6.12 ]; then
		run $J device bind "$A" , device hw-info @dev0 --type default --expect EOPNOTSUPP
		is "$L: --type on 6.12: EOPNOTSUPP" "$rc" 0
	else
		run $J device bind "$A" , device hw-info @dev0 --type default
		jq_ok "$L: --type default answers like no type: $HW_TYPE" \
			".[1].ok and .[1].data_type == \"$HW_TYPE\""
		run $J device bind "$A" , device hw-info @dev0 --type selftest
		e=$(printf '%s\n' "$out" | jq -s -r '.[1].errno_name')
		if [ "$HW_TYPE" = none ]; then
			is "$L: --type selftest, to a driver without hw_info: no error, type none" \
				"$e:$(printf '%s\n' "$out" | jq -s -r '.[1].data_type')" null:none
		else
			is "$L: --type selftest, a type the driver does not have: EOPNOTSUPP" "$e" EOPNOTSUPP
			run $J device bind "$A" , device hw-info @dev0 --type "$HW_TYPE"
			jq_ok "$L: --type $HW_TYPE: the record shows the type asked for" \
				".[1].in_data_type == \"$HW_TYPE\" and .[1].data_type == \"$HW_TYPE\""
		fi
	fi
else
	skip "hw-info of a VFIO device" "no device bound to vfio-pci"
fi
done_testing
