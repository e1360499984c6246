#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The files iommufd-ctl writes as root: a stress reproducer and a shrunk
# script never go through a symlink someone planted, never replace an
# existing file unless asked, and never land under a path cut to fit. With
# /dev/null as the iommufd every ioctl fails with ENOTTY, so stress finds
# something at once and a one-step script has a failing step to shrink to.

. "$top_srcdir/tests/lib/tap.sh"

T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
J="$ICTL -j --no-timing -d /dev/null"

# ---- stress ----
run env TMPDIR="$T" $J stress --seed 11 --ops 10 --no-klog
is "stress without --repro: a finding, exit 1" "$rc" 1
script=$(printf '%s\n' "$out" | jq -r '.findings[0].script')
full=$(printf '%s\n' "$out" | jq -r '.findings[0].full')
case $script in
"$T"/iommufd-ctl-stress.*/stress-11.ictl) dir_ok=0 ;;
*) dir_ok=1 ;;
esac
ok "... the reproducer goes to a new private directory, named in the summary" \
	test "$dir_ok" -eq 0 -a -f "$script" -a "$full" = "$script.full" -a -f "$full"
ok "... which only root may enter" \
	test "$(stat -c %a "$(dirname "$script")")" = 700

echo precious >"$T/victim"
ln -s "$T/victim" "$T/planted.ictl"
run $J stress --seed 11 --ops 10 --no-klog --repro "$T/planted.ictl"
is "--repro at a planted symlink: usage, exit 2, before the walk" "$rc" 2
is "... the file behind the link is untouched" "$(cat "$T/victim")" precious
ln -s "$T/victim" "$T/planted2.ictl.full"
run $J stress --seed 11 --ops 10 --no-klog --repro "$T/planted2.ictl"
is "a symlink at FILE.full is refused too" "$rc" 2
echo old >"$T/old.ictl"
run $J stress --seed 11 --ops 10 --no-klog --repro "$T/old.ictl"
is "an existing --repro file is not replaced" "$rc$(cat "$T/old.ictl")" 2old
run $J stress --seed 11 --ops 10 --no-klog --repro "$T/planted.ictl" --force
is "--force replaces: exit 1 for the finding" "$rc" 1
ok "... the symlink itself, not the file behind it" \
	test ! -L "$T/planted.ictl" -a "$(cat "$T/victim")" = precious
long=$T/$(head -c 4080 /dev/zero | tr '\0' a)
run $J stress --seed 11 --ops 10 --no-klog --repro "$long" 2>/dev/null
is "--repro whose FILE.full would not fit a path: usage, exit 2" "$rc" 2

# ---- shrink ----
printf 'ioas alloc\n' >"$T/one.ictl"
ln -s "$T/victim" "$T/one.ictl.min"
run $J shrink "$T/one.ictl" --no-klog
is "shrink onto a planted SCRIPT.min: exit 1" "$rc" 1
is "... the file behind the link is untouched" "$(cat "$T/victim")" precious
run $J shrink "$T/one.ictl" --no-klog --force
is "shrink --force: exit 0" "$rc" 0
ok "... replaces the link with the script" \
	test ! -L "$T/one.ictl.min" -a "$(grep -v '^#' "$T/one.ictl.min")" = "ioas alloc"
# a script path of 4095 bytes: it opens, but SCRIPT.min would not fit PATH_MAX
d=$T
while [ $((${#d} + 201)) -lt 4080 ]; do
	d=$d/$(head -c 200 /dev/zero | tr '\0' b)
done
f=$d/$(head -c $((4095 - ${#d} - 1)) /dev/zero | tr '\0' c)
two='mem alloc --size 4K
ioas alloc'
if mkdir -p "$d" 2>/dev/null && printf '%s\n' "$two" >"$f" 2>/dev/null; then
	run $J shrink "$f" --no-klog 2>/dev/null
	is "shrink of a script whose SCRIPT.min would not fit a path: exit 2" "$rc" 2
	is "... the script itself is untouched" "$(cat "$f")" "$two"
else
	skip "shrink of a script whose SCRIPT.min would not fit a path" "cannot make a 4095-byte path here"
	skip "... the script itself is untouched" "cannot make a 4095-byte path here"
fi

done_testing
