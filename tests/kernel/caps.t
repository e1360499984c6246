#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# caps probes the ioctls, and no ioctl it claims is one an operation then
# finds missing (or the other way round).
# profiles: mock vtd amd virtio smmuv3

. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/iommu.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

run $J caps
is "caps exits 0" "$rc" 0
jq_ok "the commands of 6.2 are there on every kernel" \
	'.[0].ioctls | .destroy and ."ioas-alloc" and ."ioas-map" and ."hwpt-alloc" and ."get-hw-info"'
caps=$out
run $ICTL --no-timing caps
ok "text: the result line, then each ioctl and whether the kernel has it" sh -c '
	printf "%s\n" "$1" | head -n 1 | grep -qx "caps ok" &&
	printf "%s\n" "$1" | grep -qx "Ioctls:" &&
	printf "%s\n" "$1" | grep -q "^  ioas-alloc  *yes$"' sh "$out"

# viommu-alloc came with 6.13: caps and the operation must agree
run $J ioas alloc , viommu alloc 1 1
viommu_missing=$(printf '%s\n' "$out" | jq -s '.[1].errno_name == "ENOTTY"')
out=$caps
jq_ok "caps agrees with viommu alloc about IOMMU_VIOMMU_ALLOC" \
	".[0].ioctls.\"viommu-alloc\" == ($viommu_missing | not)"
run $J ioas alloc , mem alloc --size 4K --kind memfd , ioas map-file @ioas0 --mem @mem0
mapfile_missing=$(printf '%s\n' "$out" | jq -s '.[2].errno_name == "ENOTTY"')
out=$caps
jq_ok "caps agrees with ioas map-file about IOMMU_IOAS_MAP_FILE" \
	".[0].ioctls.\"ioas-map-file\" == ($mapfile_missing | not)"
case $SERIES in
6.12) want=false ;;
*) want=true ;;
esac
jq_ok "hw-queue-alloc (6.17) on $SERIES: $want" ".[0].ioctls.\"hw-queue-alloc\" == $want"
# the mock driver registers its own bus: sysfs says whether it is built in
if [ -d /sys/bus/iommufd_mock ]; then mock=true; else mock=false; fi
jq_ok "test-cmd: $mock, as /sys/bus/iommufd_mock says" ".[0].ioctls.\"test-cmd\" == $mock"

# the features beyond the ioctl table, each against the operation itself
run $J ioas get-pa 0 --iova 0 --length 1
e=$(printf '%s\n' "$out" | jq -s '.[-1].errno')
out=$caps
jq_ok "features: NOIOMMU_GET_PA answers as ioas get-pa does (errno $e): built in with ENOENT" \
	".[0].features.noiommu_get_pa | .errno == $e and .available == ($e == 2)"
run $J vfio-compat api-version , vfio-compat check-extension
compat=$(printf '%s\n' "$out" | jq -s -c '[.[0].version, (.[1].extensions |
	.type1.answer, .type1v2.answer, ."unmap-all".answer, .noiommu.answer)]')
out=$caps
jq_ok "features: the VFIO type1 compatibility as vfio-compat says ($compat)" \
	"[.[0].features.vfio_compat | .api_version, .type1.answer, .type1v2.answer,
	  .\"unmap-all\".answer, .noiommu.answer] == $compat"
run $J mem alloc --size 4K --kind dmabuf
e=$(printf '%s\n' "$out" | jq -s '.[-1].errno')
out=$caps
jq_ok "features: the mock's dma-bufs, as mem alloc --kind dmabuf finds (errno $e)" \
	".[0].features.mock_dmabuf.available == ($e == 0)"

# ---- caps DEVICE: every cell against the operation itself --------------------
#
# Each claim of the matrix is checked by running the operation it stands for
# on a fresh iommufd and comparing the errno, so the test fails whenever
# caps says something the kernel does not do.

# le32 N: N as four little-endian bytes in hex, for raw
le32() {
	printf '%02x%02x%02x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) \
		$((($1 >> 16) & 255)) $((($1 >> 24) & 255))
}

# last_errno: the errno of the last record of $out
last_errno() {
	printf '%s\n' "$out" | jq -s '.[-1].errno'
}

# claim LABEL PATH ERRNO: the matrix cell PATH says ERRNO
claim() {
	out=$matrix
	jq_ok "$1" "$2.errno == $3"
}

# u32 from the hex "struct" of a raw record at byte OFFSET
struct_u32() {
	printf '%s\n' "$out" | jq -s -r --argjson o "$1" \
		'.[-1].struct | .[($o*2+6):($o*2+8)] + .[($o*2+4):($o*2+6)] +
		 .[($o*2+2):($o*2+4)] + .[($o*2):($o*2+2)]'
}

# check_matrix LABEL DEVICE SETUP...: SETUP makes @dev0 on @ioas0
check_matrix() {
	label=$1 dev=$2
	shift 2
	setup="$*"

	run $J caps "$dev"
	is "$label: caps $dev exits 0" "$rc" 0
	jq_ok "$label: one record, the ioctls and the matrix" \
		'length == 1 and .[0].ok and (.[0].matrix | keys | length) == 13'
	jq_ok "$label: every cell an errno, or why it was not probed" \
		'[.[0].matrix | .[] | .. | objects | select(has("accepted"))] |
		 all((.errno | type) == "number" or (.skipped | type) == "string")'
	jq_ok "$label: every struct size rule holds" \
		'[.[0].matrix.struct_size[][]] | length == 21 and all(.rule_holds)'
	matrix=$out
	m=.[0].matrix

	for f in nest_parent dirty_tracking pasid; do
		run $J $setup , hwpt alloc @dev0 @ioas0 --flags $f
		e=$(last_errno)
		claim "$label: hwpt alloc --flags $f (errno $e) as caps says" \
			"$m.hwpt_alloc_flags.$f" "$e"
	done

	# FAULT_ID_VALID needs a fault queue: made by raw, named by raw
	run $J $setup , raw fault-queue-alloc --size 16
	fault=$(struct_u32 8)
	devid=$(printf '%s\n' "$out" | jq -s '.[1].ids.dev')
	run $J $setup , raw fault-queue-alloc --size 16 , raw hwpt-alloc --size 48 \
		--hex "$(le32 4)$(le32 "$devid")$(le32 1)$(le32 0)$(le32 0)$(le32 0)$(le32 0)0000000000000000$(le32 "$fault")$(le32 0)"
	e=$(last_errno)
	claim "$label: hwpt alloc with a fault queue (errno $e) as caps says" \
		"$m.hwpt_alloc_flags.fault_id" "$e"

	out=$matrix
	if printf '%s\n' "$out" | jq -s -e "$m.hwpt_alloc_flags.nest_parent.accepted" >/dev/null; then
		P="hwpt alloc @dev0 @ioas0 --nest-parent --name p"
		for d in selftest:iotlb=0xbadbeef vtd_s1:pgtbl=0x1000,addr-width=48 arm_smmuv3 amd_guest; do
			t=${d%%:*}
			run $J $setup , $P , hwpt alloc @dev0 @p --data "$d"
			e=$(last_errno)
			claim "$label: a $t nested HWPT on the nest parent (errno $e) as caps says" \
				"$m.nested_data_types.$t" "$e"
		done
		for t in vtd_s1 arm_smmuv3 selftest; do
			run $J $setup , $P , hwpt alloc @dev0 @p --data selftest:iotlb=1 --name n , \
				hwpt invalidate @n --type $t
			e=$(last_errno)
			claim "$label: invalidate type $t on the nested HWPT (errno $e) as caps says" \
				"$m.invalidate_data_types.$t" "$e"
		done
		for t in default arm_smmuv3 tegra241_cmdqv selftest; do
			run $J $setup , $P , viommu alloc @dev0 @p --type $t
			e=$(last_errno)
			claim "$label: viommu alloc --type $t (errno $e) as caps says" \
				"$m.viommu_types.$t" "$e"
		done
	else
		jq_ok "$label: no nest parent: the nested, invalidate and vIOMMU cells say so" \
			"[$m | .nested_data_types, .invalidate_data_types, .viommu_types | .[]] |
			 all(.skipped and (.accepted | not))"
		run $J $setup , hwpt alloc @dev0 @ioas0 --name h , viommu alloc @dev0 @h --type selftest
		e=$(last_errno)
		ok "$label: ... and a vIOMMU on a plain paging HWPT fails indeed (errno $e)" \
			[ "$e" -ne 0 ]
		run $J $setup , hwpt alloc @dev0 @ioas0 --name h , hwpt invalidate @h --type selftest
		e=$(last_errno)
		ok "$label: ... and so does invalidating it (errno $e)" [ "$e" -ne 0 ]
	fi

	out=$matrix
	if printf '%s\n' "$out" | jq -s -e "$m.viommu_types.selftest.accepted" >/dev/null; then
		V="hwpt alloc @dev0 @ioas0 --nest-parent --name p , viommu alloc @dev0 @p --type selftest --name v"
		run $J $setup , $V , hwpt alloc @dev0 @v --data selftest:iotlb=1
		e=$(last_errno)
		claim "$label: a selftest nested HWPT on the vIOMMU (errno $e) as caps says" \
			"$m.viommu_nested_data_types.selftest" "$e"
		run $J $setup , $V , hwpt invalidate @v --type selftest_viommu
		e=$(last_errno)
		claim "$label: vIOMMU invalidation, selftest (errno $e) as caps says" \
			"$m.viommu_invalidate_data_types.selftest" "$e"
		run $J $setup , $V , hwpt invalidate @v --type vtd_s1
		e=$(last_errno)
		vid=$(printf '%s\n' "$out" | jq -s '.[3].ids.viommu')
		claim "$label: vIOMMU invalidation, vtd_s1 (errno $e) as caps says" \
			"$m.viommu_invalidate_data_types.vtd_s1" "$e"
		for tt in default:0 selftest:0xbeefbeef; do
			run $J $setup , $V , raw veventq-alloc --size 32 \
				--hex "$(le32 0)$(le32 "$vid")$(le32 $((${tt#*:})))$(le32 2)"
			e=$(last_errno)
			claim "$label: veventq alloc of type ${tt%%:*} (errno $e) as caps says" \
				"$m.veventq_types.${tt%%:*}" "$e"
		done
		run $J $setup , $V , ioas map @ioas0 --length 4K
		iova=$(printf '%s\n' "$out" | jq -s -r '.[-1].iova')
		for tt in default:0 selftest:0xdeadbeef; do
			run $J $setup , $V , ioas map @ioas0 --length 4K , raw hw-queue-alloc --size 40 \
				--hex "$(le32 0)$(le32 "$vid")$(le32 $((${tt#*:})))$(le32 0)$(le32 0)$(le32 $((iova)))$(le32 $((iova >> 32)))$(le32 4096)$(le32 0)"
			e=$(last_errno)
			claim "$label: hw queue alloc of type ${tt%%:*} at $iova (errno $e) as caps says" \
				"$m.hw_queue_types.${tt%%:*}" "$e"
		done
	else
		out=$matrix
		jq_ok "$label: no vIOMMU: the vEVENTQ and HW queue cells say so" \
			"[$m | .veventq_types, .hw_queue_types | .[]] | all(.skipped and (.accepted | not))"
	fi

	out=$matrix
	if printf '%s\n' "$out" | jq -s -e "$m.viommu_types.selftest.accepted" >/dev/null; then
		run $J $setup , $P , viommu alloc @dev0 @p --data 0xcafe --name v
		e=$(last_errno)
		claim "$label: viommu alloc --data (errno $e) as caps says" \
			"$m.viommu_data.selftest_data" "$e"
		if [ "$e" -eq 0 ]; then
			run $J $setup , $P , viommu alloc @dev0 @p --data 0xcafe --name v , viommu mmap @v
			e=$(last_errno)
			claim "$label: viommu mmap of its page (errno $e) as caps says" \
				"$m.viommu_data.mmap" "$e"
		fi
	fi
	# get-pa asks at the page: with CONFIG_IOMMUFD_NOIOMMU an IOVA with
	# nothing mapped there is ENOENT, not the refusal caps saw at its page
	case $dev in
	mock)
		run $J $setup , ioas map @ioas0 --length 4K --iova 16M , ioas get-pa @ioas0 --iova 16M ;;
	*)
		run $J $setup , device dma-buf @dev0 --probe
		e=$(last_errno)
		claim "$label: device dma-buf --probe (errno $e) as caps says" "$m.dma_buf.probe" "$e"
		run $J $setup , device attach @dev0 @ioas0 , ioas map @ioas0 --length 4K --iova 16M , \
			ioas get-pa @ioas0 --iova 16M ;;
	esac
	e=$(last_errno)
	claim "$label: ioas get-pa of a page mapped where the device is attached (errno $e) as caps says" \
		"$m.noiommu_get_pa.mapped_page" "$e"

	run $J $setup , option get rlimit-mode , option get huge-pages @ioas0
	opts=$(printf '%s\n' "$out" | jq -s -c '[.[-2].value, .[-1].value]')
	out=$matrix
	jq_ok "$label: the options and their values as option get reads them ($opts)" \
		"[$m.options.rlimit_mode.value, $m.options.huge_pages.value] == $opts"

	# the size rules through raw, at the sizes caps used
	run $J -k raw ioas-alloc --size 8 , raw ioas-alloc --size 76 --hex "$(printf '%0142d01' 0)" , \
		raw ioas-alloc --size 76
	sizes=$(printf '%s\n' "$out" | jq -s -c '[.[].errno]')
	out=$matrix
	jq_ok "$label: ioas-alloc at 8, 76 with a byte set, 76 zeroed: $sizes as caps says" \
		"[$m.\"struct_size\".\"ioas-alloc\" | .undersized, .oversized_nonzero, .oversized_zero | .errno] == $sizes"

	# nothing stays behind: the IOAS after caps is 1 again
	run $J caps "$dev" , ioas alloc
	jq_ok "$label: caps leaves nothing on the iommufd: the next IOAS is 1" \
		'.[0].ok and .[1].ids.ioas == 1'
}

if "$ICTL" ioas alloc , mock create @ioas0 >/dev/null 2>&1; then
	check_matrix "mock" mock ioas alloc , mock create @ioas0
	out=$matrix
	jq_ok "mock: nest parent and dirty tracking accepted" \
		'.[0].matrix.hwpt_alloc_flags | .nest_parent.accepted and .dirty_tracking.accepted'
	jq_ok "mock: the selftest nested type accepted, the vendors' refused" \
		'.[0].matrix.nested_data_types | .selftest.accepted and
		 ([.vtd_s1, .arm_smmuv3, .amd_guest] | all(.errno_name == "EOPNOTSUPP"))'
	case $SERIES in
	6.12) jq_ok "mock on 6.12: no vIOMMU ioctl (ENOTTY), no PASID flag" \
		'.[0].matrix | (.viommu_types.selftest.errno_name == "ENOTTY") and
		 (.hwpt_alloc_flags.pasid.errno_name == "EOPNOTSUPP")' ;;
	*) jq_ok "mock on $SERIES: a selftest vIOMMU, vEVENTQ and HW queue" \
		'.[0].matrix | .viommu_types.selftest.accepted and .veventq_types.selftest.accepted and
		 .hw_queue_types.selftest.accepted and (.viommu_types.default.errno_name == "EOPNOTSUPP")' ;;
	esac
	run $ICTL --no-timing caps mock
	ok "mock: text, the result line and the table" sh -c '
		printf "%s\n" "$1" | head -n 1 | grep -q "^caps ok device=mock$" &&
		printf "%s\n" "$1" | grep -q "^Probes:$" &&
		printf "%s\n" "$1" | grep -q "^  PROBE  *CASE  *RESULT$" &&
		printf "%s\n" "$1" | grep -q "^  hwpt_alloc_flags  *none  *accepted$" &&
		printf "%s\n" "$1" | grep -q "^  *ioas-alloc oversized_nonzero  *refused: E2BIG$"' sh "$out"
	run $ICTL --no-timing caps mock , ioas alloc
	ok "mock: text, in a sequence: one line a step, no table" sh -c '
		[ "$(printf "%s\n" "$1" | wc -l)" -eq 2 ] &&
		printf "%s\n" "$1" | head -n 1 | grep -q "^caps ok ioctls={" &&
		printf "%s\n" "$1" | tail -n 1 | grep -q "^ioas.alloc ok "' sh "$out"
fi

# What QEMU 7.2's emulated IOMMUs accept ("ok") or the errno they refuse
# with, on each kernel series: HWPT allocation flags, then a vIOMMU of each
# type on a plain paging HWPT (no driver here makes a nest parent, so there
# is nothing else to build one on). The README's caps tables are these.
qemu_caps() {
	case $DEV_PROFILE:$SERIES in
	*:6.12)
		# no PASID flag before 6.15, no IOPF for a VFIO device's HWPT, no
		# vIOMMU ioctl before 6.13
		echo "none=ok nest_parent=EOPNOTSUPP dirty_tracking=EOPNOTSUPP pasid=EOPNOTSUPP"
		echo "fault_id=EOPNOTSUPP viommu.default=ENOTTY viommu.arm_smmuv3=ENOTTY"
		echo "viommu.tegra241_cmdqv=ENOTTY viommu.selftest=ENOTTY"
		;;
	smmuv3:7)
		# IDR0: no S2P, so no nest parent and no vIOMMU (the driver's
		# NESTING feature needs stage 2); no HTTU, so no dirty tracking;
		# 7.x attaches PASIDs and takes IOPF for any SMMUv3
		echo "none=ok nest_parent=EOPNOTSUPP dirty_tracking=EOPNOTSUPP pasid=ok fault_id=ok"
		echo "viommu.default=EOPNOTSUPP viommu.arm_smmuv3=EOPNOTSUPP"
		echo "viommu.tegra241_cmdqv=EOPNOTSUPP viommu.selftest=EOPNOTSUPP"
		;;
	vtd:7)
		# QEMU's ECAP has no nesting (NEST) and no second-level A/D bits
		# (SLADS); 7.x attaches PASIDs and takes IOPF for any VT-d
		echo "none=ok nest_parent=EOPNOTSUPP dirty_tracking=EOPNOTSUPP pasid=ok fault_id=ok"
		echo "viommu.default=EOPNOTSUPP viommu.arm_smmuv3=EOPNOTSUPP"
		echo "viommu.tegra241_cmdqv=EOPNOTSUPP viommu.selftest=EOPNOTSUPP"
		;;
	amd:7)
		# QEMU's EFR (0x29d3): a nest parent needs GIOSup and EFR2's
		# GCR3TRPMode, dirty tracking HDSup, a PASID domain EPHSup: none
		# of them are there; PPR is, so IOPF is taken
		echo "none=ok nest_parent=EOPNOTSUPP dirty_tracking=EOPNOTSUPP pasid=EOPNOTSUPP fault_id=ok"
		echo "viommu.default=EOPNOTSUPP viommu.arm_smmuv3=EINVAL"
		echo "viommu.tegra241_cmdqv=EINVAL viommu.selftest=EINVAL"
		;;
	virtio:7)
		# virtio-iommu offers plain paging domains only
		echo "none=ok nest_parent=EOPNOTSUPP dirty_tracking=EOPNOTSUPP pasid=EOPNOTSUPP"
		echo "fault_id=EOPNOTSUPP viommu.default=EOPNOTSUPP viommu.arm_smmuv3=EOPNOTSUPP"
		echo "viommu.tegra241_cmdqv=EOPNOTSUPP viommu.selftest=EOPNOTSUPP"
		;;
	esac
}

if [ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ]; then
	iommu_expect
	L=$DEV_PROFILE
	check_matrix "$L" "$VFIO_PCI_ADDR" ioas alloc , device bind "$VFIO_PCI_ADDR"
	out=$matrix
	jq_ok "$L: the device record names the PCI address and cdev" \
		".[0].device | .kind == \"vfio\" and .pci == \"$VFIO_PCI_ADDR\" and .cdev == \"$VFIO_CDEV\""
	run $J caps "$VFIO_PCI_ADDR" , device bind "$VFIO_PCI_ADDR"
	is "$L: the device is given back: it binds again after caps" "$rc" 0

	if [ -n "${ICTL_VM:-}" ]; then
		for c in $(qemu_caps); do
			cell=${c%%=*} want=${c#*=}
			case $cell in
			viommu.*)
				t=${cell#viommu.}
				run $J ioas alloc , device bind "$VFIO_PCI_ADDR" , hwpt alloc @dev0 @ioas0 --name h , \
					viommu alloc @dev0 @h --type "$t"
				got=$(printf '%s\n' "$out" | jq -s -r '.[-1] | .errno_name // "ok"')
				is "$L, $SERIES (QEMU $ICTL_VM): vIOMMU of type $t on a plain paging HWPT: $want" "$got" "$want"
				;;
			*)
				out=$matrix
				jq_ok "$L, $SERIES (QEMU $ICTL_VM): HWPT flag $cell: $want" \
					".[0].matrix.hwpt_alloc_flags.$cell |
					 if \"$want\" == \"ok\" then .accepted else .errno_name == \"$want\" end"
				;;
			esac
		done
	fi
fi

run $J caps ffff:ff:1f.7 2>/dev/null
is "caps of a PCI device that does not exist: exit 3" "$rc" 3
done_testing
