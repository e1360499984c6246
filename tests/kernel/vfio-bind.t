#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# vfio unbind / vfio bind of the VFIO device, against what sysfs shows after
# each step. In the test VM init bound the edu device, which has no in-tree
# driver, so giving it back means leaving it without one. Where
# iommufd-ctl-selftest bound the device with vfio bind, its record names
# the driver it goes back to ($home below). The tests after this one expect
# the device on vfio-pci with its cdev: every path here ends that way.
# profiles: vtd amd virtio smmuv3

. "$top_srcdir/tests/lib/tap.sh"
need_root
[ -n "${VFIO_PCI_ADDR:-}" ] && [ -c "${VFIO_CDEV:-/nonexistent}" ] ||
	skip_all "no device bound to vfio-pci (VFIO_PCI_ADDR, VFIO_CDEV unset)"

J="$ICTL -j --no-timing"
A=$VFIO_PCI_ADDR
C=$VFIO_CDEV
D=/sys/bus/pci/devices/$A
rec=/run/iommufd-ctl/$A

driver() {
	if [ -e "$1/driver" ]; then
		basename "$(readlink "$1/driver")"
	else
		echo none
	fi
}

# hold_open SECONDS: a process that holds the edu cdev open; sets $holder
hold_open() {
	sleep "$1" 3<>"$C" &
	holder=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -e "/proc/$holder/fd/3" ] && return 0
		sleep 0.1
	done
}

# Where the device goes when it is given back: the recorded driver, or
# none (what the kernel picks for edu)
recorded=0
home=none
if [ -e "$rec" ]; then
	recorded=1
	home=$(sed -n 's/^driver=//p' "$rec")
	home=${home:-none}
fi
if [ "$home" = none ]; then home_json=null; else home_json="\"$home\""; fi

# --- already bound: nothing to do ------------------------------------------------

run $J vfio bind "$A"
is "bind of a device on vfio-pci already: exit 0" "$rc" 0
jq_ok "... nothing changed, the cdev reported" \
	".[0] | .ok and .changed == false and .from == \"vfio-pci\" and .to == \"vfio-pci\" and .cdev == \"$C\""

# --- refused while held open, and --force ------------------------------------------

hold_open 30
run $J vfio unbind "$A"
is "unbind while a process holds the cdev: exit 1" "$rc" 1
jq_ok "... EBUSY, naming the process" \
	".[0] | .ok == false and .errno_name == \"EBUSY\" and (.reason | test(\"process $holder .* has the device open\"))"
is "... the device stays on vfio-pci" "$(driver "$D")" vfio-pci
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# the kernel waits for the holder: one that lets go after a second
hold_open 1
run $J vfio unbind "$A" --force
is "unbind --force while held: exit 0 once the holder closes" "$rc" 0
wait "$holder" 2>/dev/null
is "... and the device is back on $home" "$(driver "$D")" "$home"
run $J vfio bind "$A"
is "bind it back: exit 0" "$rc" 0

# --- the round trip without a record: init bound it, not vfio bind -----------------

if [ $recorded -eq 1 ]; then
	# vfio bind recorded where the device goes back: removing the record
	# would lose it
	for t in "unbind with no record: exit 0" "... the kernel chose" "... sysfs agrees" \
		"... driver_override cleared" "... the cdev is gone" "list shows it unbound" \
		"unbind again: nothing to do"; do
		skip "$t" "$A came with a record of its driver ($home)"
	done
	run $J vfio unbind "$A"
	jq_ok "unbind gives it back to the recorded driver: $home" \
		".[0] | .ok and .changed and .recorded and .to == $home_json"
	is "... sysfs agrees" "$(driver "$D")" "$home"
else
rm -f "$rec"
run $J vfio unbind "$A"
is "unbind with no record: exit 0" "$rc" 0
jq_ok "... the kernel chose: no driver for edu, no cdev" \
	'.[0] | .ok and .changed and .recorded == false and .from == "vfio-pci" and .to == null and .cdev == null'
is "... sysfs agrees: no driver" "$(driver "$D")" none
is "... driver_override cleared" "$(cat "$D/driver_override")" "(null)"
ok "... the cdev is gone" test ! -e "$C"
run $J list --device "$A"
jq_ok "list shows it unbound, and a device that can be bound" \
	'.[0].devices[0] | .driver == null and .cdev == null and .viable'

run $J vfio unbind "$A"
jq_ok "unbind again: nothing to do" \
	'.[0] | .ok and .changed == false and .reason == "not bound to vfio-pci"'
fi

# --- bind records the driver, unbind restores it --------------------------------------

run $J vfio bind "$A"
is "bind: exit 0" "$rc" 0
jq_ok "... from $home to vfio-pci, with a cdev" \
	".[0] | .ok and .changed and .from == $home_json and .to == \"vfio-pci\" and
	 (.cdev | test(\"^/dev/vfio/devices/vfio[0-9]+$\")) and (.iommu_group | type == \"number\")"
new=$(printf '%s' "$out" | jq -r '.cdev' 2>/dev/null)
ok "... the cdev exists" test -c "${new:-/nonexistent}"
is "... sysfs agrees: vfio-pci" "$(driver "$D")" vfio-pci
is "... the old driver is recorded" "$(sed -n 1p "$rec")" "driver=${home#none}"

run $J vfio unbind "$A"
jq_ok "unbind restores the recorded driver: $home" \
	".[0] | .ok and .changed and .recorded and .to == $home_json"
ok "... and forgets the record" test ! -e "$rec"
is "... $home" "$(driver "$D")" "$home"

run $J vfio bind "${A#0000:}"
is "bind by the short address: exit 0" "$rc" 0
is "the edu device ends on vfio-pci" "$(driver "$D")" vfio-pci
ok "... with its cdev $C again" test -c "$C"
run $J ioas alloc , device bind "$A" , device attach @dev0 @ioas0 , \
	ioas map @ioas0 --length 64K
is "... and iommufd can use it: bind, attach, map" "$rc" 0

# --- a device that shares its group ------------------------------------------------------

other=
[ "${ICTL_NAMED_ONLY:-0}" = 1 ] && other=none
for d in /sys/bus/pci/devices/*; do
	[ "$other" = none ] && break
	g=$(readlink "$d/iommu_group")
	n=$(ls "/sys/kernel/iommu_groups/${g##*/}/devices" | wc -l)
	case $(cat "$d/class") in 0x06*) continue ;; esac
	[ "$n" -gt 1 ] && [ ! -e "$d/driver" ] && other=${d##*/} && break
done
if [ "$other" = none ]; then
	skip "a device that shares its group" "it would bind a device nobody named (ICTL_NAMED_ONLY)"
elif [ -n "$other" ]; then
	run $J vfio bind "$other"
	jq_ok "bind $other, whose group mates have no driver" \
		'.[0] | .ok and .changed and .to == "vfio-pci"'
	run $J list --device "$other"
	jq_ok "... list: on vfio-pci, its group still viable" \
		'.[0].devices[0].driver == "vfio-pci" and .[0].groups[0].viable and
		 (.[0].groups[0].devices | length > 1)'
	run $J vfio unbind "$other"
	jq_ok "... and back to no driver" '.[0] | .ok and .recorded and .to == null'
	is "... sysfs agrees" "$(driver "/sys/bus/pci/devices/$other")" none
else
	skip "a device that shares its group" "none without a driver"
fi

# --- usage and environment -----------------------------------------------------------------

expect_exit "a bad address: exit 2" 2 $J vfio bind 00:3.g
expect_exit "no address: exit 2" 2 $J vfio unbind
expect_exit "no such device: exit 3" 3 $J vfio bind 0000:ff:1f.7
is "the device is still on vfio-pci" "$(driver "$D")" vfio-pci

done_testing
