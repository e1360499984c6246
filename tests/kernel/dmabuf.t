#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# dma-bufs mapped into an IOAS with IOMMU_IOAS_MAP_FILE (6.19): the mock
# driver's (IOMMU_TEST_OP_DMABUF_GET / _REVOKE) in the mock profile, and a
# VFIO device's BAR (VFIO_DEVICE_FEATURE_DMA_BUF) in the vtd profile.
# profiles: mock vtd

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

if for_profile mock; then
	expect_exit "device dma-buf of a mock device (no BARs): usage, exit 2" 2 \
		$J ioas alloc , mock create @ioas0 , device dma-buf @dev0
fi

if for_profile mock && [ "$SERIES" = 6.12 ]; then
	run $J mem alloc --size 16K --kind dmabuf
	is "6.12: the mock has no dma-bufs, exit 3" "$rc" 3
	jq_ok "... an unknown test op: EOPNOTSUPP" '.[0].errno_name == "EOPNOTSUPP"'
fi

if for_profile mock && [ "$SERIES" != 6.12 ]; then
	need_mock
	run $J mem alloc --size 16K --kind dmabuf --name d
	is "a mock dma-buf of 16K" "$rc" 0
	# the selftest's _test_cmd_get_dmabuf() takes the return value as the fd
	jq_ok "7.3.4 answers DMABUF_GET with 0, not the fd: the dma-buf is found by its fdinfo" \
		'.[0] | .returned == 0 and .fd > 2 and .fd_found == "fdinfo" and .length == "0x4000"'
	run $J mem alloc --size 2M --kind dmabuf , mem alloc --size 0x200001 --kind dmabuf --expect EINVAL
	is "512 pages at most: 2M is taken, a byte more is EINVAL" "$rc" 0

	run $J ioas alloc , mem alloc --size 16K --kind dmabuf --name d , \
		ioas map-file @ioas0 --mem @d , \
		ioas map-file @ioas0 --mem @d --start 4K --length 8K , \
		ioas map-file @ioas0 --mem @d --start 0x800 --length 4K , \
		ioas map-file @ioas0 --mem @d --readonly , \
		ioas map-file @ioas0 --mem @d --length 0 --expect EINVAL , \
		ioas map-file @ioas0 --mem @d --start 16K --length 16K --expect EINVAL , \
		ioas map-file @ioas0 --mem @d --length 0x4001 --expect EINVAL
	is "map-file of a dma-buf: whole, a slice, mid-page, read-only; empty or past its end EINVAL" "$rc" 0
	jq_ok "... a mid-page start keeps its offset in the IOVA" '.[4].iova | endswith("800")'

	run $J ioas alloc , mock create @ioas0 , mem alloc --size 16K --kind dmabuf --name d , \
		ioas map-file @ioas0 --mem @d --iova 16M , mock create @ioas0 , \
		access create @ioas0 , access rw @access0 --iova 16M --length 16 --expect EINVAL , \
		access pin @access0 --iova 16M --length 4K --expect EOPNOTSUPP , \
		ioas copy @ioas0 @ioas0 --src-iova 16M --length 16K , \
		ioas change-process --expect EINVAL , ioas unmap @ioas0 --all
	is "mapped in two mock domains; no CPU access (rw EINVAL, pin EOPNOTSUPP); copy works; change-process EINVAL" "$rc" 0
	jq_ok "... unmap takes the mapping and its copy" '.[-1].unmapped == "0x8000"'

	run $J ioas alloc , mem alloc --size 16K --kind dmabuf --name d , \
		ioas map-file @ioas0 --mem @d --iova 16M , mock create @ioas0 , \
		mem revoke @d , ioas map-file @ioas0 --mem @d --expect ENODEV , \
		mock create @ioas0 , ioas copy @ioas0 @ioas0 --src-iova 16M --length 16K , \
		ioas unmap @ioas0 --iova 16M --length 16K , \
		mem revoke @d --restore , ioas map-file @ioas0 --mem @d --iova 16M , \
		mem revoke @d , mem revoke @d , destroy @d , ioas unmap @ioas0 --all
	is "revoked while mapped: a new map ENODEV, a new domain, a copy and the unmap work; restore maps again" "$rc" 0
	jq_ok "... the final unmap finds the new map and the copy" '.[-1].unmapped == "0x8000"'

	run $J ioas alloc , mock create @ioas0 , mem alloc --size 16K --kind dmabuf --name d , \
		ioas map-file @ioas0 --mem @d --iova 16M , destroy @d , mock create @ioas0 , \
		ioas unmap @ioas0 --all
	is "the fd closed while mapped: the IOAS keeps the dma-buf until the unmap" "$rc" 0

	run $J mem alloc --size 4K --kind memfd --name m , mem revoke @m --expect EINVAL
	is "revoking a memfd: no dma-buf, EINVAL" "$rc" 0
	expect_exit "ioas map of a dma-buf (no memory in this process): usage, exit 2" 2 \
		$J mem alloc --size 4K --kind dmabuf --name d , ioas alloc , ioas map @ioas0 --mem @d
fi

if for_profile vtd; then
	[ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ] ||
		skip_all "no device bound to vfio-pci (VFIO_PCI_ADDR, VFIO_CDEV unset)"
	run $J ioas alloc , device bind "$VFIO_PCI_ADDR" --name d , device dma-buf @d --probe
	if [ "$rc" -ne 0 ]; then
		# 6.12 has no such feature; on 7.x CONFIG_VFIO_PCI_DMABUF follows
		# from CONFIG_PCI_P2PDMA (the x86 7.x test kernel has it)
		if [ "$SERIES" = 6.12 ]; then
			why="VFIO_DEVICE_FEATURE_DMA_BUF came with 6.19"
		else
			why="needs CONFIG_PCI_P2PDMA (with ZONE_DEVICE, MEMORY_HOTPLUG, MEMORY_HOTREMOVE) for CONFIG_VFIO_PCI_DMABUF"
		fi
		jq_ok "edu on $SERIES: VFIO_DEVICE_FEATURE_DMA_BUF is ENOTTY ($why)" \
			'.[2].errno_name == "ENOTTY"'
		run $J ioas alloc , device bind "$VFIO_PCI_ADDR" --name d , \
			device dma-buf @d --region 0 --expect ENOTTY , \
			device dma-buf @d --region 0 --length 4K --expect ENOTTY
		is "... also when asked for one" "$rc" 0
		jq_ok "... the BAR's size came from REGION_INFO: edu's BAR0 is 1M" \
			'.[2].length == "0x100000"'
		skip "edu's BAR0 exported and mapped into an IOAS (P2P)" "$why"
	else
		run $J ioas alloc , device bind "$VFIO_PCI_ADDR" --name d , device attach @d @ioas0 , \
			device dma-buf @d --region 0 --name bar , \
			ioas map-file @ioas0 --mem @bar --iova 0x10000000 , \
			device dma-buf @d --offset 4K --length 8K --name s , ioas map-file @ioas0 --mem @s , \
			device dma-buf @d --region 1 --expect ENODEV , destroy @bar , ioas unmap @ioas0 --all
		is "edu's BAR0 as a dma-buf, mapped into its IOAS; a slice; no BAR1 (ENODEV)" "$rc" 0
		jq_ok "... the whole BAR (1M) by default, and its fd" \
			'.[3] | .length == "0x100000" and .fd > 2 and .name == "bar"'
		jq_ok "... the fd closed, the mappings stay until the unmap" '.[-1].unmapped == "0x102000"'
		run $J ioas alloc , device bind "$VFIO_PCI_ADDR" --name d , device attach @d @ioas0 , \
			device dma-buf @d --name bar , ioas map-file @ioas0 --mem @bar , destroy @d , \
			ioas map-file @ioas0 --mem @bar --expect ENODEV , ioas unmap @ioas0 --all
		is "the device unbound: its dma-buf is revoked (a new map ENODEV), the old map unmaps" "$rc" 0
	fi
fi
done_testing
