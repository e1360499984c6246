#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# IOAS alloc/map/unmap, mock devices and destroy against the real kernel:
# the kernel's answers, including its errnos, are the oracle.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

run $J ioas alloc , mock create @ioas0 , ioas map @ioas0 --length 64K , \
	ioas unmap @ioas0 --all , destroy @dev0 , destroy @ioas0
is "a full sequence exits 0" "$rc" 0
jq_ok "six records, all ok" 'length == 6 and all(.[]; .ok)'
jq_ok "ioas.alloc returns an id" '.[0].ids.ioas > 0 and .[0].name == "ioas0"'
jq_ok "mock.create returns dev, stdev and hwpt ids" \
	'.[1].ids | (.dev > 0 and .stdev > 0 and .hwpt > 0)'
jq_ok "the kernel picked an IOVA" '.[2].iova | test("^0x[0-9a-f]+$")'
jq_ok "unmap --all reports the bytes it unmapped" '.[3].unmapped == "0x10000"'

run $J ioas alloc , mock create @ioas0 , ioas map @ioas0 --iova 16M --length 64K
jq_ok "a fixed IOVA inside the mock aperture is kept" '.[2].iova == "0x1000000" and .[2].ok'

run $J ioas alloc , mock create @ioas0 , destroy @ioas0
is "destroying an IOAS a device uses fails" "$rc" 1
jq_ok "... with EBUSY" '.[2].errno_name == "EBUSY" and .[2].ok == false'

run $J ioas alloc , mock create @ioas0 , destroy @ioas0 --expect EBUSY , \
	destroy @dev0 , destroy @ioas0
is "--expect EBUSY turns the failure into a pass" "$rc" 0
jq_ok "... and the IOAS goes once the device is gone" \
	'.[2].expect == "EBUSY" and .[2].ok and .[4].ok'

run $J destroy 4000000
is "destroy of an id that does not exist fails" "$rc" 1
jq_ok "... with ENOENT" '.[0].errno_name == "ENOENT"'

run $J ioas alloc , ioas map @ioas0 --iova 16M --length 64K , \
	ioas unmap @ioas0 --iova 0x1001000 --length 4K --expect ENOENT
is "unmap of a sub-range of a mapping: ENOENT" "$rc" 0

run $J ioas alloc , ioas map @ioas0 --iova 16M --length 64K , \
	ioas map @ioas0 --iova 16M --length 64K --expect EEXIST
is "a second map over a fixed IOVA in use: EEXIST" "$rc" 0

run $J ioas alloc , mock create 4000000 --expect ENOENT
is "mock device on an id that does not exist: ENOENT" "$rc" 0

run $J ioas unmap 4000000 --all
jq_ok "unmap on a missing IOAS: ENOENT" '.[0].errno_name == "ENOENT"'

expect_exit "a handle of the wrong type is a usage error" 2 \
	$J ioas alloc , mock create @ioas0 , ioas map @dev0 --length 4K
err=$($J ioas alloc , mock create @ioas0 , ioas map @dev0 --length 4K 2>&1 >/dev/null)
is "... naming both types" "$err" "iommufd-ctl: @dev0 is a dev, expected ioas"

expect_exit "a name already taken is a usage error" 2 \
	$J ioas alloc --name a , ioas alloc --name a

run $ICTL --no-timing ioas alloc , destroy @ioas0
is "text output: one line per operation" "$out" "ioas.alloc ok ioas=1 name=ioas0
destroy ok ioas=1 name=ioas0"

done_testing
