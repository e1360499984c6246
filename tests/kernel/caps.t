#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# caps probes the ioctls, and no ioctl it claims is one an operation then
# finds missing (or the other way round).
# profiles: mock vtd

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

run $J caps
is "caps exits 0" "$rc" 0
jq_ok "the commands of 6.2 are there on every kernel" \
	'.[0].ioctls | .destroy and ."ioas-alloc" and ."ioas-map" and ."hwpt-alloc" and ."get-hw-info"'
caps=$out

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
jq_ok "test-cmd: the mock driver is built in" '.[0].ioctls."test-cmd"'
done_testing
