#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A script's cleanup destroys holders before what they hold, as the steps'
# results said who holds whom, pass after pass while that makes progress;
# what the kernel still refuses once nothing the tool knows of holds it is
# reported as a possible leak, not as a failed step.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
J="$ICTL -j --no-timing"

# script NAME LINES...: the lines as $T/NAME.ictl, run; $out, $rc
script() {
	f=$T/$1.ictl
	shift
	printf '%s\n' "$@" >"$f"
	run $J run "$f"
}

# passes DESC N: exit 0, no failed step, N cleanup destroys that all passed
passes() {
	is "$1: exit 0" "$rc" 0
	jq_ok "... every object gone, each destroy ok" \
		"[.[] | select(.cleanup)] | length == $2 and all(.ok)"
	jq_ok "... the summary ok, no step failed, no leak" \
		'.[-1] | .op == "run" and .ok and .failed == 0 and .leaks == null'
}

# cleaned NAMES...: the order of the cleanup's destroys
cleaned() {
	want=$(printf '"%s",' "$@")
	jq_ok "... in the order ${*}" "[.[] | select(.cleanup) | .name] == [${want%,}]"
}

script replace-later \
	"ioas alloc --name a" "mock create @a --name d" \
	"hwpt alloc @d @a --nest-parent --name p" \
	"hwpt alloc @d @p --data selftest:iotlb=1 --name n" \
	"mock replace @d @n"
passes "a device replaced onto a nested HWPT made after it" 4
cleaned d n p a

script device-later-hwpt \
	"ioas alloc --name a" "mock create @a --name d" \
	"hwpt alloc @d @a --name h" "mock replace @d @h"
passes "a device replaced onto a later paging HWPT" 3
cleaned d h a

script access-moved \
	"ioas alloc --name a" "access create @a --name x" \
	"ioas alloc --name b" "access replace @x @b"
passes "an access moved onto a later IOAS" 3
cleaned x b a

if [ "$SERIES" = 6.12 ]; then
	script fault-hwpt \
		"fault alloc --name f" "ioas alloc --name a" "mock create @a --name d" \
		"hwpt alloc @d @a --nest-parent --name p" \
		"hwpt alloc @d @p --data selftest:iotlb=1 --fault @f --name h" \
		"mock replace @d @h"
	passes "a nested HWPT holding a fault queue (6.12: nested only)" 5
else
	script fault-hwpt \
		"fault alloc --name f" "ioas alloc --name a" "mock create @a --name d" \
		"hwpt alloc @d @a --fault @f --name h" "mock replace @d @h"
	passes "a HWPT holding a fault queue made before it" 4
fi
jq_ok "... the queue after the HWPT that holds it" \
	'[.[] | select(.cleanup) | .name] | index("h") < index("f")'

if [ "$SERIES" = 6.12 ]; then
	for d in "a vIOMMU on a nest parent" "a vDEVICE on a vIOMMU" \
		"a vEVENTQ on a vIOMMU"; do
		for c in "exit 0" "every object gone" "the summary ok" "the order"; do
			skip "$d: $c" "no vIOMMU before 6.13"
		done
	done
else
	a="ioas alloc --name a" d="mock create @a --name d"
	p="hwpt alloc @d @a --nest-parent --name p" v="viommu alloc @d @p --name v"
	script viommu "$a" "$d" "$p" "$v" "mock replace @d @p"
	passes "a vIOMMU on a nest parent the device moved onto" 4
	cleaned v d p a
	script vdevice "$a" "$d" "$p" "$v" "vdevice alloc @v @d --virt-id 1 --name vd"
	passes "a vDEVICE on a vIOMMU, holding the device" 5
	cleaned vd v p d a
	script veventq "$a" "$d" "$p" "$v" "veventq alloc @v --name q"
	passes "a vEVENTQ on a vIOMMU" 5
	cleaned q v p d a
fi

# A mock device the tool does not know of (made by a raw IOMMU_TEST_CMD,
# op 2 on object 1, the IOAS) keeps the IOAS busy: a leak as far as the
# tool can tell, reported as one, and no step failed.
script planted \
	"ioas alloc --name a" \
	"raw test-cmd --size 72 --hex 0200000001000000"
is "an object held by something the tool cannot see: exit 1" "$rc" 1
jq_ok "... reported as a possible leak of the IOAS, with its errno" \
	'.[-1].leaks == [{"ids": {"ioas": 1}, "name": "a", "errno_name": "EBUSY",
	  "why": "the kernel refuses to destroy it and no object the tool knows of holds it: a possible leak"}]'
jq_ok "... not as a failed step" '.[-1] | .ok == false and .failed == 0 and .passed == .steps'

done_testing
