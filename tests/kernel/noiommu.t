#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# IOMMU_IOAS_NOIOMMU_GET_PA (ioas get-pa, 7.3) and the no-IOMMU VFIO cdev.
# 6.12 has no such ioctl; a 7.3 kernel without CONFIG_IOMMUFD_NOIOMMU (the
# mock and vtd profiles) knows the command, checks its size and answers
# everything else with EOPNOTSUPP. The noiommu profile (q35 without a
# vIOMMU, CONFIG_VFIO_NOIOMMU=y, vfio.enable_unsafe_noiommu_mode=1, the edu
# device on vfio-pci as noiommu-vfioN) gets physical addresses back.
# profiles: mock vtd noiommu

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

run $J caps
if [ "$SERIES" = 6.12 ]; then
	jq_ok "caps on 6.12: no ioas-noiommu-get-pa" '.[0].ioctls."ioas-noiommu-get-pa" == false'
	run $J ioas alloc , ioas get-pa @ioas0 --iova 0
	is "ioas get-pa on 6.12: not supported, exit 3" "$rc" 3
	jq_ok "... ENOTTY" '.[1].errno_name == "ENOTTY"'
	done_testing
	exit 0
fi

jq_ok "caps on $SERIES: ioas-noiommu-get-pa (0x95) is there" \
	'.[0].ioctls."ioas-noiommu-get-pa" == true'
# the ioctl table sizes the struct before anything else: out_phys ends at 40
run $J raw ioas-noiommu-get-pa --size 36 --expect EINVAL
is "a struct that ends before out_phys: EINVAL, as for every command" "$rc" 0
hex=$(printf '%086d01' 0)
run $J raw ioas-noiommu-get-pa --size 48 --hex "$hex" --expect E2BIG
is "a longer struct with a non-zero byte past the kernel's: E2BIG" "$rc" 0

run $J ioas alloc , ioas get-pa @ioas0 --iova 0
# CONFIG_IOMMUFD_NOIOMMU comes only with CONFIG_VFIO_NOIOMMU: then the
# kernel looks for the mapping (ENOENT), else it refuses everything
if printf '%s\n' "$out" | jq -s -e '.[1].errno_name == "ENOENT"' >/dev/null; then
	built=yes
	nothing=ENOENT zero=EINVAL
else
	built=no
	nothing=EOPNOTSUPP zero=EOPNOTSUPP
	jq_ok "without CONFIG_IOMMUFD_NOIOMMU: EOPNOTSUPP" '.[1].errno_name == "EOPNOTSUPP"'
	is "... exit 3 (the kernel lacks it)" "$rc" 3
fi
run $J vfio-compat check-extension noiommu
jq_ok "VFIO_CHECK_EXTENSION of noiommu agrees (CONFIG_IOMMUFD_NOIOMMU built in: $built)" \
	".[0].answer == $([ $built = yes ] && echo 1 || echo 0)"

if [ "$PROFILE" != noiommu ]; then
	run $J ioas alloc , ioas map @ioas0 --length 64K --iova 16M , \
		ioas get-pa @ioas0 --iova 32M --expect $nothing , \
		ioas get-pa @ioas0 --iova 16M --expect EOPNOTSUPP , \
		ioas get-pa @ioas0 --iova 16M --length 0 --expect $zero , \
		ioas get-pa @ioas0 --iova 16M --flags 1 --expect EOPNOTSUPP , \
		ioas get-pa @ioas0 --iova 16M --length 64K --walk --expect EOPNOTSUPP
	is "no no-IOMMU domain: unmapped $nothing, mapped EOPNOTSUPP, length 0 $zero, flags and a walk EOPNOTSUPP" "$rc" 0
	jq_ok "... a walk that was refused has no segments" \
		'.[6] | .segments == [] and .covered == "0x0"'
	skip "physical addresses of a no-IOMMU device's IOVAs" \
		"needs the noiommu profile (CONFIG_VFIO_NOIOMMU=y, vfio.enable_unsafe_noiommu_mode=1)"
	done_testing
	exit 0
fi

# ---- the noiommu profile: a real device without an IOMMU --------------------
# the boot is made for it: without the cdev the profile itself is broken
case ${VFIO_CDEV:-} in
*/noiommu-vfio*) ;;
*)
	echo "Bail out! the noiommu profile without a noiommu-vfioN cdev (VFIO_CDEV='${VFIO_CDEV:-}')"
	exit 1
	;;
esac
A=$VFIO_PCI_ADDR
run $J ioas alloc , device bind "$A" --name d , device attach @d @ioas0 , \
	ioas map @ioas0 --length 64K --iova 1M , \
	ioas get-pa @ioas0 --iova 1M , ioas get-pa @ioas0 --iova 0x100800 --length 64K , \
	ioas get-pa @ioas0 --iova 1M --length 64K --walk
is "bind the noiommu cdev, attach, map, get-pa: exit 0" "$rc" 0
jq_ok "bind finds the noiommu-vfioN cdev" ".[1].cdev == \"$VFIO_CDEV\""
jq_ok "a page: a physical address, contiguous for at least the rest of the page" \
	'.[4] | (.phys | ltrimstr("0x") | length > 0) and .phys != "0x0" and
	 .contiguous != "0x0"'
jq_ok "an IOVA inside a page answers the address inside it" \
	'.[5].phys | ltrimstr("0x") | explode | .[-3:] | implode == "800"'
jq_ok "the walk covers the whole range in runs" \
	'.[6] | .covered == "0x10000" and (.segments | length > 0)'
run $J ioas alloc , device bind "$A" , device attach @dev0 @ioas0 , \
	ioas map @ioas0 --length 4K --iova 1M , \
	ioas get-pa @ioas0 --iova 1M --length 0 --expect EINVAL , \
	ioas get-pa @ioas0 --iova 1M --flags 1 --expect EOPNOTSUPP , \
	ioas get-pa @ioas0 --iova 2M --expect ENOENT , \
	ioas get-pa @ioas0 --iova 0xffffffffffffffff --expect EOVERFLOW , \
	ioas alloc , ioas map @ioas1 --length 4K --iova 1M , \
	ioas get-pa @ioas1 --iova 1M --expect EOPNOTSUPP , \
	device hw-info @dev0 --expect EOPNOTSUPP
is "length 0 EINVAL, flags EOPNOTSUPP, nothing mapped ENOENT, past ULONG_MAX EOVERFLOW, an IOAS without the device EOPNOTSUPP, no hw info" "$rc" 0
done_testing
