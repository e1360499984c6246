#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# src/lib/abi.h against the headers of every kernel series the project
# supports (tests/abi/abi-check.c), then proof that the same checks fail
# when abi.h is off by one: each -DICTL_ABI_BREAK=N must fail to compile
# with exactly one error, the check that N skews.
#
# Environment: top_srcdir, CC (default cc).  Headers come from
# tests/vm/kernel.sh, which may have to download a kernel source package.
# Missing headers are a failure; ICTL_ABI_SKIP=REASON turns that into a skip,
# for hand runs on a machine that cannot fetch them.

set -u

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
cc=${CC:-cc}
series_list=(6.12 7)

# N|the check abi-check.c reports|what the test proves
breaks=(
	"1|size of struct iommu_ioas_map|a one-byte-off size is caught"
	"2|ioctl number IOMMU_IOAS_MAP|an off-by-one ioctl number is caught"
	"3|offset of iommu_ioas_map.iova|a one-byte-off field offset is caught"
	"4|width of iommu_hw_info.out_max_pasid_log2|a one-byte-wider field is caught"
	"5|signedness of vfio_device_bind_iommufd.iommufd|a signedness change is caught"
	"6|value of IOMMU_HWPT_ALLOC_NEST_PARENT|an off-by-one flag is caught"
	"7|value of IOMMU_TEST_OP_MOCK_DOMAIN|an off-by-one mock op is caught"
	"8|offset of iommu_test_cmd.last|a moved mock command field is caught"
	"9|ioctl number VFIO_IOMMU_MAP_DMA|an off-by-one type1 compat ioctl is caught"
	"10|offset of vfio_iommu_type1_dma_unmap.size|a moved type1 compat field is caught"
)

n=0
ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $*"
}
# Up to 15 lines of $1 as TAP comments.
comment() {
	printf '%s\n' "$1" | head -n 15 | sed 's/^/# /'
}

# abi-check.c against headers dir $1, with extra compiler flags after it.
compile() {
	local d=$1
	shift
	# $cc may carry flags of its own, so it is split on purpose.
	# shellcheck disable=SC2086
	$cc -std=gnu11 -Wall -Werror -fsyntax-only \
		-I"$d/include" -I"$d/selftest" -I"$top_srcdir/src/lib" "$@" \
		"$top_srcdir/tests/abi/abi-check.c" 2>&1
}

# "7.3.4" from a headers_install tree, or the series if it does not say.
kernel_version() {
	local h=$1/include/linux/version.h v
	v=$(sed -n 's/^#define LINUX_VERSION_\(MAJOR\|PATCHLEVEL\|SUBLEVEL\) //p' \
		"$h" 2>/dev/null | paste -sd.)
	echo "${v:-$2}"
}

echo "1..$(( ${#series_list[@]} * (1 + ${#breaks[@]}) ))"

errlog=$(mktemp) || exit 1
trap 'rm -f "$errlog"' EXIT

for series in "${series_list[@]}"; do
	if ! d=$("$top_srcdir/tests/vm/kernel.sh" headers "$series" 2>"$errlog"); then
		why=$(tail -n 1 "$errlog")
		if [ -n "${ICTL_ABI_SKIP:-}" ]; then
			ok "abi matches linux $series # SKIP $ICTL_ABI_SKIP"
			for b in "${breaks[@]}"; do
				ok "linux $series: ${b##*|} # SKIP $ICTL_ABI_SKIP"
			done
			continue
		fi
		not_ok "abi matches linux $series"
		comment "kernel.sh headers $series failed: ${why:-no message}"
		for b in "${breaks[@]}"; do
			not_ok "linux $series: ${b##*|} (no headers)"
		done
		continue
	fi
	version=$(kernel_version "$d" "$series")

	if out=$(compile "$d"); then
		ok "abi matches linux $version"
		clean=1
	else
		not_ok "abi matches linux $version"
		comment "$out"
		clean=0
	fi

	for b in "${breaks[@]}"; do
		IFS='|' read -r num check what <<<"$b"
		name="linux $version: $what"
		if [ "$clean" != 1 ]; then
			# Against a failing baseline a failure proves nothing.
			not_ok "$name (the unperturbed check does not compile)"
			continue
		fi
		if out=$(compile "$d" -DICTL_ABI_BREAK="$num"); then
			not_ok "$name"
			comment "ICTL_ABI_BREAK=$num compiled; the check does not bite"
			continue
		fi
		errors=$(grep -c 'error:' <<<"$out")
		if [ "$errors" = 1 ] && grep 'error:' <<<"$out" | grep -qF "\"$check\""; then
			ok "$name"
		else
			not_ok "$name"
			comment "ICTL_ABI_BREAK=$num: want one error, from \"$check\"; got:"
			comment "$out"
		fi
	done
done
