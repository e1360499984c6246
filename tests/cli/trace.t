#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# --trace against this machine's own tracefs, mounted in a private mount
# namespace: the instance the tool makes, what it enables there, and that
# it is gone afterwards, also when a signal stops the tool. No iommufd is
# needed (--dev /dev/null answers every ioctl with ENOTTY, and fires no
# event); tests/kernel/trace.t has the events themselves.

. "$top_srcdir/tests/lib/tap.sh"

if [ -z "${ICTL_TRACE_NS:-}" ]; then
	command -v unshare >/dev/null 2>&1 || skip_all "no unshare(1)"
	unshare -m --propagation private true 2>/dev/null ||
		skip_all "no private mount namespace (unshare -m needs CAP_SYS_ADMIN)"
	ICTL_TRACE_NS=1 exec unshare -m --propagation private sh "$0" "$@"
fi

J="$ICTL -j --no-timing --dev /dev/null"

# ---- without tracefs ----
for m in $(awk '$0 ~ / - tracefs / { print $5 }' /proc/self/mountinfo); do
	umount "$m" 2>/dev/null
done
out=$($J --trace ioas alloc 2>&1)
rc=$?
is "no tracefs mounted: exit 3" "$rc" 3
case $out in
*"tracefs is not mounted"* | *CONFIG_FTRACE*) ok "... and the message says why" true ;;
*) ok "... and the message says why" false ;;
esac
# ---- a tracefs of our own ----
T=$(mktemp -d) || skip_all "mktemp"
trap 'umount "$T" 2>/dev/null; rmdir "$T"' EXIT
mount -t tracefs nodev "$T" 2>/dev/null || { skip "the rest" "cannot mount tracefs"; done_testing; exit 0; }
[ -d "$T/events/iommu" ] || { skip "the rest" "this kernel has no iommu tracepoints"; done_testing; exit 0; }
before=$(ls "$T/instances")
top=$(cat "$T/events/iommu/enable")
expect_exit "--trace with a command that runs sessions of its own: usage, exit 2" 2 \
	$J --trace stress --duration 1s

run $J -k --trace ioas alloc , ioas alloc --name x
is "two steps on /dev/null: exit 3 (ENOTTY), traced" "$rc" 3
jq_ok "each step's record has its (empty) trace" 'length == 2 and all(.[]; .trace == [])'
is "the instance is gone afterwards" "$(ls "$T/instances")" "$before"

# the tool reads the whole script before it runs a step: a FIFO holds it there
F=$T.fifo
mkfifo "$F"
$ICTL --trace --dev /dev/null run "$F" >/dev/null 2>&1 &
pid=$!
i=0
while [ ! -d "$T/instances/iommufd-ctl.$pid" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
I=$T/instances/iommufd-ctl.$pid
ok "while it runs: its own instance, iommufd-ctl.PID" test -d "$I"
is "... the iommu events enabled there" "$(cat "$I/events/iommu/enable" 2>/dev/null)" 1
is "... for this process only (set_event_pid)" "$(cat "$I/set_event_pid" 2>/dev/null)" "$pid"
is "... and for its children (event-fork)" "$(cat "$I/options/event-fork" 2>/dev/null)" 1
is "... the system's own buffer untouched" "$(cat "$T/events/iommu/enable")" "$top"
kill -TERM "$pid"
wait "$pid"
st=$?
rm -f "$F"
is "SIGTERM stops it: 128 + 15" "$st" 143
ok "... and the instance is gone" test ! -e "$I"
done_testing
