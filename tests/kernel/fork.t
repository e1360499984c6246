#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Fork semantics, as the kernel's selftests check them (fork_gone,
# fork_present, change_process): whose address space a mapping's pages
# come from, and who pays for pinned pages once a child moves the
# accounting to itself. The children fork map and fork change-process make
# print nothing, exit on their own and are reaped.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"

# ---- a child that maps and exits -------------------------------------------
run $J ioas alloc , access create @ioas0 , fork map @ioas0 --length 64K --iova 16M , \
	mock create @ioas0 --expect EFAULT , \
	access rw @access0 --iova 16M --length 16 --expect EFAULT , ioas unmap @ioas0 --all
is "a child's mapping, no domain yet: once it exited nothing can pin its pages (EFAULT)" "$rc" 0
jq_ok "... the child reported the kernel's answer and exited 0" \
	'.[2] | .ok and .iova == "0x1000000" and .length == "0x10000" and .exit_status == 0 and .pid > 1'
jq_ok "... the mapping itself stays until it is unmapped" '.[5].unmapped == "0x10000"'

run $J ioas alloc , mock create @ioas0 , access create @ioas0 , \
	fork map @ioas0 --length 64K --iova 16M , mock create @ioas0 , \
	access rw @access0 --iova 16M --length 16
is "with a domain the pages were pinned in the child: a second domain copies them" "$rc" 0
jq_ok "... and they read as the child wrote them (0xc5)" '.[5].head == "0xc5c5c5c5c5c5c5c5"'

# ---- a child that lives on --------------------------------------------------
run $J ioas alloc , access create @ioas0 , \
	fork map @ioas0 --length 64K --iova 16M --live --name c , \
	access rw @access0 --iova 16M --length 16 , destroy @c , \
	access rw @access0 --iova 16M --length 16 --expect EFAULT
is "a living child: its pages are read from its address space; once it is gone, EFAULT" "$rc" 0
jq_ok "... the child is an object (proc) with its pid" \
	'.[2] | .live == true and .name == "c" and .pid > 1'
jq_ok "... read while it lives" '.[3].head == "0xc5c5c5c5c5c5c5c5"'
jq_ok "... destroy lets it go and reaps it" '.[4].exit_status == 0 and .[4].ids.proc == .[2].pid'

run $J ioas alloc , access create @ioas0 , fork map @ioas0 --length 64K --iova 16M --live , \
	mock create @ioas0 , destroy @proc0 , access rw @access0 --iova 16M --length 16
is "a domain attached while the child lived pinned its pages: they outlive it" "$rc" 0
jq_ok "... still the child's bytes" '.[5].head == "0xc5c5c5c5c5c5c5c5"'

run $J mem alloc --size 64K --name m , ioas alloc , access create @ioas0 , \
	fork map @ioas0 --mem @m --iova 16M --live --name c , \
	access rw @access0 --iova 16M --length 16 --write , mem read @m --length 8
is "--mem: the child maps its own copy of the memory (copy on write)" "$rc" 0
jq_ok "... a write through the child's mapping does not reach this process's copy" \
	'.[5].value == "0x0"'

run $J ioas alloc , fork map @ioas0 --length 64K --iova 16M --live --name c , \
	fork map @ioas0 --length 64K --iova 16M --live --name d --expect EEXIST
is "a child whose map fails does not live on" "$rc" 0
jq_ok "... it is reaped at once and nothing is named" '.[2] | .exit_status == 0 and .live == null and .name == null'
# by the command name, exactly: the installed runner (iommufd-ctl-selftest,
# "iommufd-ctl-sel" in comm) runs this file and must not count
ok "no child of the tool is left behind" sh -c '! cat /proc/[0-9]*/comm 2>/dev/null | grep -qx iommufd-ctl'

printf '%s\n' "ioas alloc" "fork map @ioas0 --length 64K --iova 16M --live --name c" \
	"access create @ioas0" "access rw @access0 --iova 16M --length 16" > /tmp/fork.ictl
run $J run /tmp/fork.ictl
jq_ok "run: cleanup lets the living child go" \
	'.[-1] | .ok and .steps == 7 and .passed == 7'
jq_ok "... with a destroy record of the proc" 'any(.[]; .op == "destroy" and .ids.proc > 0 and .cleanup)'
expect_exit "--name without --live: usage, exit 2" 2 $J ioas alloc , fork map @ioas0 --length 4K --name c

# ---- moving the accounting of pinned pages ----------------------------------
if [ "$SERIES" = 6.12 ]; then
	run $J ioas alloc , fork change-process
	is "6.12 has no IOMMU_IOAS_CHANGE_PROCESS: exit 3" "$rc" 3
	jq_ok "... ENOTTY" '.[1].errno_name == "ENOTTY"'
	done_testing
	exit 0
fi
C="ioas alloc , mock create @ioas0 , mem alloc --size 64K --kind memfd --name m , ioas map-file @ioas0 --mem @m"
run $J --no-ipc-lock $C , ioas change-process , fork change-process , ioas change-process
is "without CAP_IPC_LOCK: change-process here, in a child, here again" "$rc" 0
jq_ok "... here it changes nothing: 64K pinned before and after" \
	'.[4] | .vm_pin_before == 64 and .vm_pin_after == 64'
jq_ok "... the child takes the 64K of VmPin from this process" \
	'.[5] | .parent.vm_pin_before == 64 and .parent.vm_pin_after == 0 and
	 .child.vm_pin_before == 0 and .child.vm_pin_after == 64 and .exit_status == 0'
jq_ok "... and this process takes it back" '.[6] | .vm_pin_before == 0 and .vm_pin_after == 64'
jq_ok "... VmLck stays 0 in rlimit-mode 0 (per user)" \
	'.[5] | .parent.vm_lck_after == 0 and .child.vm_lck_after == 0'

run $J --no-ipc-lock option set rlimit-mode 1 , $C , fork change-process
is "rlimit-mode 1 (per process): the child takes VmLck too" "$rc" 0
jq_ok "... 64K of VmPin and VmLck move" \
	'.[5] | .parent.vm_pin_after == 0 and .parent.vm_lck_before == 64 and
	 .parent.vm_lck_after == 0 and .child.vm_pin_after == 64 and .child.vm_lck_after == 64'

run $J $C , fork change-process
is "with CAP_IPC_LOCK the kernel accounts no pages to anyone: nothing moves" "$rc" 0
jq_ok "... VmPin stays here" '.[4] | .parent.vm_pin_after == 64 and .child.vm_pin_after == 0'

run $J ioas alloc , ioas map @ioas0 --length 4K , fork change-process --expect EINVAL , \
	ioas change-process --expect EINVAL
is "a mapping of user memory, not of a file: EINVAL, in a child as here" "$rc" 0
done_testing
