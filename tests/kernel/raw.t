#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel's struct-size rules through raw, the abort path through
# --readonly-arg, options and the VFIO compatibility IOAS.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

run $J raw ioas-alloc --size 12
jq_ok "raw ioas-alloc at its exact size works" '.[0] | .ok and .size == 12'
run $J raw ioas-alloc --size 8 --expect EINVAL
is "a struct below the minimum size: EINVAL" "$rc" 0
run $J raw ioas-alloc --size 16 --hex 000000000000000001000000 --expect E2BIG
is "non-zero bytes past what the kernel knows: E2BIG" "$rc" 0
run $J raw ioas-alloc --size 16 --hex 000000000000000000000000
jq_ok "zero bytes past the end are fine" '.[0].ok'
run $J raw 0x7f
is "an ioctl number iommufd lacks: exit 3" "$rc" 3
jq_ok "... ENOTTY" '.[0].errno_name == "ENOTTY"'
expect_exit "raw: an unknown ioctl name is a usage error" 2 $J raw ioas-frob

run $J ioas alloc --readonly-arg --expect EFAULT , destroy 1 --expect ENOENT , ioas alloc
jq_ok "--readonly-arg: the reply copy fails with EFAULT and the IOAS is aborted" \
	'length == 3 and all(.ok) and .[2].ids.ioas >= 1'
run $J ioas alloc , mock create @ioas0 --readonly-arg --expect EFAULT , destroy @ioas0
jq_ok "an aborted mock device leaves its IOAS free to destroy" 'all(.ok)'

run $J ioas alloc , option get huge-pages @ioas0 , option set huge-pages @ioas0 0 , \
	option get huge-pages @ioas0
jq_ok "huge-pages: 1 by default, set to 0 reads back 0" \
	'all(.ok) and .[1].value == 1 and .[3].value == 0'
run $J option get rlimit-mode
jq_ok "rlimit-mode reads" '.[0].ok and (.[0].value == 0 or .[0].value == 1)'
run $J option get huge-pages --expect ENOENT
is "huge-pages without an IOAS: ENOENT" "$rc" 0
run $J option get 77 --expect EOPNOTSUPP
is "an unknown option id: EOPNOTSUPP" "$rc" 0

run $J ioas alloc , vfio-ioas get --expect ENODEV , vfio-ioas set @ioas0 , vfio-ioas get , \
	vfio-ioas clear , vfio-ioas get --expect ENODEV
jq_ok "vfio-ioas: none, set, get returns it, clear" \
	'all(.ok) and .[3].ids.ioas == .[0].ids.ioas'

done_testing
