#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# list on the host: no root and no /dev/iommu needed. The report must match
# what /sys shows, say why nothing can be bound, and honour its filters.

. "$top_srcdir/tests/lib/tap.sh"

devdir=/sys/bus/pci/devices
ndev=$(ls "$devdir" 2>/dev/null | wc -l)

run "$ICTL" -j list
is "list exits 0" "$rc" 0
jq_ok "one object with the arrays kernel, iommus, groups, devices, notes" \
	'length == 1 and (.[0] | [.kernel, .iommus, .groups, .devices, .notes] |
	 all(type == "array"))'
jq_ok "one device per entry of $devdir ($ndev)" ".[0].devices | length == $ndev"
jq_ok "addresses and ids are strings, groups integers or null" \
	'.[0].devices | all(.pci | test("^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]$")) and
	 all(.vendor | test("^0x[0-9a-f]{4}$")) and
	 all(.iommu_group == null or (.iommu_group | type == "number"))'
jq_ok "the kernel section names /dev/iommu, the config and RLIMIT_MEMLOCK" \
	'.[0].kernel | map(.name) | index("/dev/iommu") and index("config") and
	 index("CONFIG_IOMMUFD") and index("RLIMIT_MEMLOCK")'
if [ -e /dev/iommu ]; then
	skip "a note explains the missing /dev/iommu" "this host has /dev/iommu"
else
	jq_ok "a note explains the missing /dev/iommu" \
		'.[0].notes | any(. == "no /dev/iommu: kernel without CONFIG_IOMMUFD" or
		 startswith("no /dev/iommu: the iommufd module"))'
	jq_ok "... and the kernel section says missing" \
		'.[0].kernel[] | select(.name == "/dev/iommu") | .value == "missing"'
fi
if [ -z "$(ls /sys/kernel/iommu_groups 2>/dev/null)" ]; then
	jq_ok "no IOMMU groups: a note says so, devices have no group" \
		'.[0].notes | any(startswith("no IOMMU groups"))'
	jq_ok "... and no device is viable" '.[0].devices | all(.viable == null)'
fi

# --- filters ------------------------------------------------------------------

first=$(ls "$devdir" 2>/dev/null | head -n 1)
if [ -n "$first" ]; then
	run "$ICTL" -j list --device "$first"
	jq_ok "--device keeps that device only" \
		".[0].devices | length == 1 and .[0].pci == \"$first\""
	case $first in
	0000:*)
		run "$ICTL" -j list --device "${first#0000:}"
		jq_ok "--device takes the short address" ".[0].devices[0].pci == \"$first\""
		;;
	*) skip "--device takes the short address" "the first device is not in domain 0000" ;;
	esac
	drv=none
	[ -e "$devdir/$first/driver" ] && drv=$(basename "$(readlink "$devdir/$first/driver")")
	want=0
	for d in "$devdir"/*; do
		x=none
		[ -e "$d/driver" ] && x=$(basename "$(readlink "$d/driver")")
		[ "$x" = "$drv" ] && want=$((want + 1))
	done
	run "$ICTL" -j list --driver "$drv"
	jq_ok "--driver $drv keeps the $want devices bound to it" \
		".[0].devices | length == $want"
	run "$ICTL" -j list --device "$first" --driver no-such-driver
	jq_ok "filters combine (AND): none left" '.[0].devices == [] and .[0].groups == []'
	is "... still exit 0" "$rc" 0
else
	skip "--device filters" "no PCI devices on this host"
fi
run "$ICTL" -j list --group 4000000
jq_ok "--group of a group that does not exist: no devices" '.[0].devices == []'
g=$(ls /sys/kernel/iommu_groups 2>/dev/null | head -n 1)
if [ -n "$g" ]; then
	run "$ICTL" -j list --group "$g"
	jq_ok "--group $g: its group and its devices only" \
		".[0].groups | length == 1 and .[0].id == $g"
fi
run "$ICTL" -j list --driver no-such-driver
jq_ok "--driver that nothing uses: no devices" '.[0].devices == []'
err=$("$ICTL" list --driver no-such-driver 2>&1 >/dev/null)
is "... and stderr says so" "$err" "iommufd-ctl: list: no matching devices"

expect_exit "a bad --device: exit 2" 2 "$ICTL" list --device 00:3.g
expect_exit "a bad --group: exit 2" 2 "$ICTL" list --group abc
expect_exit "a negative --group: exit 2" 2 "$ICTL" list --group -1
expect_exit "an empty --driver: exit 2" 2 "$ICTL" list --driver ''
expect_exit "an argument: exit 2" 2 "$ICTL" list extra
expect_exit "list --help exits 0" 0 "$ICTL" list --help

# --- text ---------------------------------------------------------------------

run "$ICTL" list
is "text: exit 0" "$rc" 0
ok "text: the four sections" sh -c 'for s in Kernel: IOMMUs: "IOMMU groups:" "PCI devices:"; do
	printf "%s\n" "$1" | grep -q "^$s" || exit 1; done' - "$out"
if [ -n "$first" ]; then
	ok "text: a row per device" sh -c 'for d in "$2"/*; do
		printf "%s\n" "$1" | grep -q "^  ${d##*/} " || exit 1; done' - "$out" "$devdir"
fi
ok "text: no trailing blanks" sh -c '! printf "%s\n" "$1" | grep -q " $"' - "$out"
run "$ICTL" --format ktap --no-timing list
ok "ktap: header, one test line, the plan; the report as comments" sh -c '
	printf "%s\n" "$1" | grep -v "^#" | tr "\n" "|" | grep -qx "KTAP version 1|ok 1 list devices=$2 groups=[0-9]* notes=[0-9]*|1..1|"' \
	- "$out" "$ndev"
run "$ICTL" -j -p list
jq_ok "-p: the same report, indented" '.[0].op == "list" and (.[0].devices | length) == '"$ndev"

done_testing
