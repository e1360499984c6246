#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# IOVA ranges, allowed ranges, copy, map-file and change-process against the
# real kernel.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

run $J ioas alloc , ioas iova-ranges @ioas0 --num 0
jq_ok "iova-ranges grows its buffer after EMSGSIZE" \
	'.[1] | .ok and .grown_from == 0 and .num >= 1 and (.ranges | length) == .num'

run $J ioas alloc , mock create @ioas0 , ioas iova-ranges @ioas0
jq_ok "a mock device narrows the IOAS to its aperture (16M..2G-1)" \
	'.[2].ranges == [{"start":"0x1000000","last":"0x7fffffff"}]'

run $J ioas alloc , ioas allow-iovas @ioas0 0x40000000+1M , ioas map @ioas0 --length 64K
jq_ok "allow-iovas: the kernel picks an IOVA inside the allowed range" \
	'all(.ok) and .[2].iova == "0x40000000"'

# Allowed ranges restrict automatic IOVAs only (iopt_alloc_iova); a fixed
# IOVA is checked against reserved ranges and mappings, not against them
# (iopt_check_iova), so a fixed map outside succeeds.
run $J ioas alloc , ioas allow-iovas @ioas0 16M+64K , ioas map @ioas0 --iova 32M --length 4K , \
	ioas map @ioas0 --length 128K --expect ENOSPC , ioas map @ioas0 --length 4K
is "allow-iovas 16M+64K: the steps pass" "$rc" 0
jq_ok "... a fixed IOVA outside the allowed range maps" '.[2] | .ok and .iova == "0x2000000"'
jq_ok "... an automatic one that does not fit there fails with ENOSPC" '.[3].errno_name == "ENOSPC"'
jq_ok "... one that fits is picked inside it, between 16M and 16M+64K" \
	'.[4].iova as $i | ($i | length) == 9 and $i >= "0x1000000" and $i < "0x1010000"'
run $J ioas alloc , mock create @ioas0 , ioas allow-iovas @ioas0 0+1M --expect EADDRINUSE
is "allowing IOVAs the device's aperture reserves: EADDRINUSE" "$rc" 0

run $J ioas alloc , ioas alloc , ioas map @ioas0 --iova 16M --length 64K , \
	ioas copy @ioas1 @ioas0 --src-iova 16M --length 64K , \
	ioas copy @ioas1 @ioas0 --src-iova 16M --length 64K --iova 32M
jq_ok "copy: pages of one IOAS mapped into another, auto and fixed IOVA" \
	'.[3].ok and .[4].ok and .[4].iova == "0x2000000"'

run $J ioas alloc , ioas alloc , ioas map @ioas0 --iova 16M --length 64K , \
	ioas copy @ioas1 @ioas0 --src-iova 32M --length 32K --expect ENOENT
is "copy from an IOVA that is not mapped: ENOENT" "$rc" 0

run $J mem alloc --size 1M --kind memfd --name f , mem alloc --size 64K , \
	destroy @f , destroy @mem0
jq_ok "mem alloc: memfd and anonymous memory, freed by destroy" \
	'length == 4 and all(.ok) and .[0].kind == "memfd" and .[1].name == "mem0"'

case $SERIES in
6.12)
	# IOMMU_IOAS_MAP_FILE and CHANGE_PROCESS came with 6.13
	run $J ioas alloc , mem alloc --size 1M --kind memfd , ioas map-file @ioas0 --mem @mem0
	is "map-file on 6.12: not supported, exit 3" "$rc" 3
	jq_ok "... as ENOTTY with the hint" '.[2].errno_name == "ENOTTY" and .[2].hint != null'
	;;
*)
	run $J ioas alloc , mock create @ioas0 , mem alloc --size 1M --kind memfd , \
		ioas map-file @ioas0 --mem @mem0 --start 64K --length 128K , \
		ioas change-process
	jq_ok "map-file maps a memfd range; change-process accepts file mappings" \
		'length == 5 and all(.ok) and .[3].length == "0x20000"'
	run $J ioas alloc , ioas map @ioas0 --length 64K , ioas change-process --expect EINVAL
	is "change-process with a plain map: EINVAL" "$rc" 0
	;;
esac
expect_exit "map-file needs memfd memory" 2 \
	$J ioas alloc , mem alloc --size 64K , ioas map-file @ioas0 --mem @mem0

done_testing
