#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The KTAP collection as a lab machine runs it: make install-tests (and the
# tool) staged with DESTDIR by make check, copied into a series 7 guest
# with an AMD IOMMU and the mock driver, the edu device left without a
# driver. iommufd-ctl-selftest --device binds edu for the run and gives it
# back; its KTAP stream, exit status and the device's driver afterwards are
# checked here.

. "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/tap.sh"

if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
	[ -n "${CI:-}" ] && [ "$CI" != false ] &&
		{ echo "Bail out! qemu-system-x86_64 not installed (required under CI)"; exit 1; }
	skip_all "qemu-system-x86_64 not installed"
fi
case " ${ICTL_VM_SKIP_PROFILES:-} " in
*" amd "*) skip_all "${ICTL_VM_SKIP_REASON:-the amd profile is left out by this build}" ;;
esac
stage=${ICTL_SELFTEST_STAGE:-}
[ -n "$stage" ] && [ -d "$stage" ] ||
	skip_all "no staged installation (ICTL_SELFTEST_STAGE; make check stages one)"
runner=$(find "$stage" -path '*/sbin/iommufd-ctl-selftest' -type f | head -n 1)
[ -n "$runner" ] || skip_all "no iommufd-ctl-selftest in $stage"
guest_runner=${runner#"$stage"}

scratch
# The guest finds the edu device itself: the first device 1234:11e8.
cat >"$SCRATCH/cmd" <<EOF
edu=
for d in /sys/bus/pci/devices/*; do
	[ "\$(cat \$d/vendor):\$(cat \$d/device)" = 0x1234:0x11e8 ] && edu=\${d##*/} && break
done
echo "@edu \$edu"
echo "@before \$(readlink /sys/bus/pci/devices/\$edu/driver)"
env -i PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root $guest_runner --device "\$edu" >/tmp/ktap 2>/tmp/ktap.err
echo "@status \$?"
cat /tmp/ktap
sed 's/^/@stderr /' /tmp/ktap.err
echo "@after \$(readlink /sys/bus/pci/devices/\$edu/driver)"
echo "@records \$(ls /run/iommufd-ctl 2>/dev/null | wc -l)"
$guest_runner --list | sed 's/^/@list /'
EOF

ICTL_VM_TREE=$stage ICTL_VM_NO_BIND=1 \
	"$top_srcdir/tests/vm/boot.sh" --series 7 --profile amd --timeout 900 \
	--run "$(cat "$SCRATCH/cmd")" >"$SCRATCH/out" 2>"$SCRATCH/err"
brc=$?
out=$(cat "$SCRATCH/out")
case $out in
"1..0 # SKIP"*) skip_all "${out#1..0 # SKIP }" ;;
esac

field() {	# NAME: the value of the "@NAME value" line
	printf '%s\n' "$out" | sed -n "s/^@$1 //p" | head -n 1
}
ktap=$(printf '%s\n' "$out" | grep -v '^@')

is "the guest booted and ran the runner" "$brc" 0 ||
	diag "$(tail -n 20 "$SCRATCH/err")"
ok "the edu device was found" test -n "$(field edu)"
is "... and had no driver before the run" "$(field before)" ""
is "the runner exits 0" "$(field status)" 0 || diag "$ktap"
ok "its output is one KTAP stream: version line, then the plan" sh -c '
	printf "%s\n" "$1" | sed -n 1p | grep -qx "KTAP version 1" &&
	printf "%s\n" "$1" | sed -n 2p | grep -qx "1\.\.[0-9][0-9]*"' sh "$ktap"
n=$(printf '%s\n' "$ktap" | sed -n 2p | sed 's/^1\.\.//')
results=$(printf '%s\n' "$ktap" | grep -cE '^(not )?ok [0-9]+ ')
is "one top-level result per test file ($n)" "$results" "$n"
is "no test failed" "$(printf '%s\n' "$ktap" | grep -c '^not ok')" 0
ok "the device tests ran on the amd profile (caps, device, hwinfo, list)" sh -c '
	for t in caps device hwinfo list vfio-bind stress-device; do
		printf "%s\n" "$1" | grep -qE "^ok [0-9]+ $t\$" || exit 1
	done' sh "$ktap"
ok "the mock tests ran too (mock driver on 7.x beside AMD-Vi)" sh -c '
	printf "%s\n" "$1" | grep -qE "^ok [0-9]+ ioas$"' sh "$ktap"
ok "the subtests are indented KTAP" sh -c '
	printf "%s\n" "$1" | grep -q "^    # Subtest: caps$" &&
	printf "%s\n" "$1" | grep -qE "^    ok [0-9]+ "' sh "$ktap"
ok "a totals line in kselftest's form" sh -c '
	printf "%s\n" "$1" | grep -qE "^# Totals: pass:[0-9]+ fail:0 xfail:0 xpass:0 skip:[0-9]+ error:0$"' \
	sh "$ktap"
is "the device was given back: no driver again" "$(field after)" ""
is "... and no record of a binding is left" "$(field records)" 0
ok "--list names every test with its profiles" sh -c '
	printf "%s\n" "$1" | grep -qE "^@list caps\.t +mock vtd amd virtio smmuv3$"' sh "$out"
done_testing
