#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The VFIO type1 container ioctls on /dev/iommu (vfio-compat): what they
# answer, and how they and the iommufd calls see each other's mappings in
# the IOAS vfio-ioas set chose. The same on 6.12 and 7.3.
# profiles: mock vtd

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"
S="ioas alloc , vfio-ioas set @ioas0"

if [ "$PROFILE" = vtd ]; then
	[ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ] ||
		skip_all "no device bound to vfio-pci (VFIO_PCI_ADDR, VFIO_CDEV unset)"
	run $J $S , device bind "$VFIO_PCI_ADDR" --name d , device attach @d @ioas0 , \
		vfio-compat info , vfio-compat check-extension dma-cc , \
		vfio-compat map --iova 1M --length 64K , ioas unmap @ioas0 --all
	is "the edu device's IOAS as the compat IOAS: info, dma-cc, a map" "$rc" 0
	jq_ok "VT-d: 4K, 2M and 1G pages; 39 address bits less the MSI window" \
		'.[4] | .iova_pgsizes == "0x40201000" and
		 .iova_ranges == [{"start":"0x0","last":"0xfedfffff"},
				  {"start":"0xfef00000","last":"0x7fffffffff"}]'
	jq_ok "dma-cc 0: QEMU's VT-d has no snoop control to enforce coherency" '.[5].answer == 0'
	jq_ok "an IOAS unmap takes what VFIO_IOMMU_MAP_DMA mapped" '.[7].unmapped == "0x10000"'
	done_testing
	exit 0
fi

need_mock

run $J vfio-compat api-version , vfio-compat check-extension , \
	vfio-compat info --expect ENODEV , vfio-compat set-iommu type1v2 --expect ENODEV , \
	vfio-compat map --iova 16M --length 64K --expect ENODEV , \
	vfio-compat unmap --all --expect ENODEV
is "no compat IOAS: the version and extensions answer, the rest ENODEV" "$rc" 0
jq_ok "VFIO_API_VERSION is 0" '.[0].version == 0'
jq_ok "type1, type1v2 and unmap-all are there; no update-vaddr, no SPAPR, no nesting" \
	'.[1].extensions | .type1.answer == 1 and .type1v2.answer == 1 and
	 ."unmap-all".answer == 1 and ."update-vaddr".answer == 0 and
	 ."spapr-tce".answer == 0 and ."type1-nesting".answer == 0'
compat=$out
# noiommu is 1 exactly with CONFIG_VFIO_NOIOMMU, which also builds in the
# kernel's NOIOMMU_GET_PA: that looks for IOAS 0 (ENOENT) instead of refusing
run $J ioas get-pa 0 --iova 0
built=$(printf '%s\n' "$out" | jq -s '.[0].errno_name == "ENOENT"')
out=$compat
jq_ok "noiommu: as CONFIG_VFIO_NOIOMMU (NOIOMMU_GET_PA built in: $built)" \
	".[1].extensions.noiommu.answer == (if $built then 1 else 0 end)"
jq_ok "dma-cc asks the compat IOAS: ENODEV" '.[1].extensions."dma-cc".errno_name == "ENODEV"'

run $J $S , vfio-compat info , vfio-compat check-extension dma-cc , \
	vfio-compat set-iommu type1v2 , vfio-compat set-iommu noiommu --expect EINVAL , \
	vfio-compat set-iommu spapr-tce-v2 --expect EINVAL
is "a compat IOAS: info, dma-cc, set-iommu type1v2; noiommu and others EINVAL" "$rc" 0
jq_ok "an empty IOAS: every IOVA, every page size from 4K, capabilities at 24" \
	'.[2] | .flags == ["pgsizes","caps"] and .iova_pgsizes == "0xfffffffffffff000" and
	 .cap_offset == 24 and .argsz == 72 and
	 .iova_ranges == [{"start":"0x0","last":"0xffffffffffffffff"}] and .dma_avail == 4294967295'
jq_ok "no domain breaks coherency: dma-cc 1" '.[3].answer == 1'

run $J $S , ioas map @ioas0 --iova 16M --length 64K , \
	vfio-compat map --iova 32M --length 64K , vfio-compat map --iova 32M --length 4K --expect EEXIST , \
	vfio-compat map --iova 16M --length 4K --expect EEXIST , \
	vfio-compat unmap --iova 16M --length 4K --expect ENOENT , \
	vfio-compat unmap --iova 16M --length 64K , ioas unmap @ioas0 --iova 32M --length 64K , \
	vfio-compat unmap --iova 48M --length 4K , vfio-compat unmap --all
is "type1v2: each sees the other's maps (EEXIST), whole mappings only, nothing to unmap is no error" "$rc" 0
jq_ok "... the refused part-unmap wrote back 0 bytes unmapped" '.[6].unmapped == "0x0"'
jq_ok "... VFIO_IOMMU_UNMAP_DMA reports what an IOAS map mapped" '.[7].unmapped == "0x10000"'
jq_ok "... an IOAS unmap takes what VFIO_IOMMU_MAP_DMA mapped" '.[8].unmapped == "0x10000"'
jq_ok "... unlike IOMMU_IOAS_UNMAP (ENOENT), an empty range unmaps 0 bytes and succeeds" \
	'.[9].unmapped == "0x0" and .[10].unmapped == "0x0"'

run $J $S , vfio-compat set-iommu type1 , vfio-compat map --iova 16M --length 64K , \
	vfio-compat unmap --iova 0x1004000 --length 4K , ioas iova-ranges @ioas0 , \
	ioas unmap @ioas0 --all
is "type1: a page out of the middle of a mapping" "$rc" 0
jq_ok "... 4K unmapped, the two pieces left are 60K" '.[4].unmapped == "0x1000" and .[6].unmapped == "0xf000"'

run $J $S , mock create @ioas0 , vfio-compat info , vfio-compat check-extension dma-cc , \
	mock add-reserved @ioas0 --iova 0x40000000 --length 1M , vfio-compat info , \
	vfio-compat map --iova 0x40000000 --length 64K --expect EINVAL , \
	vfio-compat map --iova 16M --length 64K --flags 4 --expect EINVAL , \
	vfio-compat map --iova 16M --length 64K --readonly , \
	vfio-compat unmap --iova 16M --length 64K --flags 1 --expect EINVAL , \
	vfio-compat unmap --all --flags 3 --expect EINVAL , vfio-compat unmap --all
is "a mock domain: reserved IOVAs EINVAL, VADDR and dirty bitmaps EINVAL, read-only maps" "$rc" 0
jq_ok "... info shows the mock aperture, then the reserved hole in it" \
	'.[3].iova_ranges == [{"start":"0x1000000","last":"0x7fffffff"}] and
	 .[6].iova_ranges == [{"start":"0x1000000","last":"0x3fffffff"},
			      {"start":"0x40100000","last":"0x7fffffff"}] and .[6].argsz == 88'
case $SERIES in
6.12) pg=0x1000 ;;
*) pg=0x1ffffff000 ;;	# the mock domain on the generic page table
esac
jq_ok "... the mock domain's page sizes on $SERIES: $pg" ".[3].iova_pgsizes == \"$pg\""
jq_ok "... the mock does not enforce coherency: dma-cc 0" '.[4].answer == 0'
jq_ok "... unmap --all takes the read-only map" '.[-1].unmapped == "0x10000"'

run $J $S , mock create @ioas0 , mock add-reserved @ioas0 --iova 0x40000000 --length 1M , \
	vfio-compat info --argsz 24 , vfio-compat info --argsz 40 , \
	vfio-compat info --argsz 8 --expect EINVAL
is "info with little room: no capabilities, below the struct EINVAL" "$rc" 0
jq_ok "... argsz comes back as the 88 bytes all capabilities need" \
	'.[4].argsz == 88 and .[4].cap_offset == 0 and .[5].argsz == 88 and .[5].cap_offset == 0'

run $J $S , destroy @ioas0 , vfio-compat info --expect ENODEV , vfio-ioas get --expect ENODEV
is "the compat IOAS destroyed: ENODEV again" "$rc" 0
done_testing
