#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# --trace: the kernel's iommu trace events in the record of the step that
# caused them. A kernel without tracing (no CONFIG_FTRACE with an event
# tracer) gets exit 3 and says why.
# profiles: mock vtd

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

J="$ICTL -j --no-timing"

if ! grep -qw tracefs /proc/filesystems; then
	out=$($J --trace ioas alloc 2>&1)
	rc=$?
	is "a kernel without tracefs: --trace is exit 3" "$rc" 3
	case $out in
	*CONFIG_FTRACE*CONFIG_ENABLE_DEFAULT_TRACERS*) ok "... naming the options it needs" true ;;
	*) ok "... naming the options it needs" false ;;
	esac
	skip "the iommu events of each step" \
		"the test kernel lacks CONFIG_FTRACE and CONFIG_ENABLE_DEFAULT_TRACERS (CONFIG_TRACING, CONFIG_EVENT_TRACING)"
	done_testing
	exit 0
fi

if ! grep -q " - tracefs " /proc/self/mountinfo; then
	mkdir -p /sys/kernel/tracing
	mount -t tracefs nodev /sys/kernel/tracing || skip_all "cannot mount tracefs"
fi

if for_profile mock; then
	need_mock
	run $J --trace ioas alloc , mock create @ioas0 , ioas map @ioas0 --length 64K --iova 16M , \
		ioas unmap @ioas0 --all
	is "a traced sequence: exit 0" "$rc" 0
	jq_ok "ioas alloc fires no iommu event" '.[0].trace == []'
	jq_ok "the mock device's attach: attach_device_to_domain" \
		'any(.[1].trace[]; .event == "attach_device_to_domain")'
	jq_ok "the map: map events, from 16M, for 64K in all" \
		'[.[2].trace[] | select(.event == "map")] |
		 length > 0 and .[0].fields.iova == "0x1000000" and
		 (map(.fields.size) | add) == 65536'
	jq_ok "the unmap: unmap events that took 64K" \
		'[.[3].trace[] | select(.event == "unmap")] |
		 length > 0 and (map(.fields.unmapped_size) | add) == 65536'
	# the comm prints as <...> when the kernel did not keep it; the pid stays
	jq_ok "every event is of one process, the tool's (set_event_pid)" \
		'[.[].trace[].pid] | unique | length == 1 and .[0] > 1'
fi

if for_profile vtd; then
	[ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ] ||
		skip_all "no device bound to vfio-pci (VFIO_PCI_ADDR, VFIO_CDEV unset)"
	run $J --trace ioas alloc , device bind "$VFIO_PCI_ADDR" , device attach @dev0 @ioas0 , \
		ioas map @ioas0 --length 64K --iova 1M
	is "a traced sequence on the edu device: exit 0" "$rc" 0
	jq_ok "attach: attach_device_to_domain of the edu device" \
		"any(.[2].trace[]; .event == \"attach_device_to_domain\" and
		     .fields.device == \"$VFIO_PCI_ADDR\")"
	jq_ok "map: VT-d map events for 64K at 1M" \
		'[.[3].trace[] | select(.event == "map")] |
		 .[0].fields.iova == "0x100000" and (map(.fields.size) | add) == 65536'
fi
ok "no trace instance is left behind" sh -c '! ls /sys/kernel/tracing/instances | grep -q iommufd-ctl'
done_testing
