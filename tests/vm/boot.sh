#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot a test kernel under QEMU and run guest tests or one command in it.
#
#   boot.sh --series 6.12|7 --profile mock|vtd|both|amd|virtio|noiommu|smmuv3
#           [--tests 'GLOB or files' | --run 'COMMAND LINE'] [--timeout S]
#           [--log FILE]
#
# Profiles (the table in profile_table below): mock is a plain q35 machine
# (the IOMMUFD_TEST mock device only); vtd, amd and virtio add QEMU's
# emulated Intel IOMMU, AMD-Vi or virtio-iommu and its edu device, which the
# guest binds to vfio-pci ($VFIO_PCI_ADDR, $VFIO_CDEV); both is mock and vtd
# at once; noiommu (7.x only) binds edu to vfio-pci on a q35 machine
# without any IOMMU, in VFIO's unsafe no-IOMMU mode; smmuv3 is an arm64 virt
# machine with an SMMUv3 in front of its PCIe bus and the edu device on it.
# The profiles of one architecture share one kernel per series.
#
# --tests: runs each tests/kernel-style TAP file whose "# profiles:" line
# names one of the boot's profiles (no such line: any profile), as root in
# the guest, and prints a single TAP stream: each guest result renumbered and
# prefixed with its file name, then "kernel log clean", "guest finished" and
# the plan.  Exits 0; the TAP driver judges the lines.
# --run: runs COMMAND LINE with sh in the guest (cwd: the source tree),
# passes its stdout and stderr through and exits with its status, or 1 if
# the kernel log shows a splat.
# --timeout bounds the whole boot (default 1200s, or $ICTL_VM_TIMEOUT).
# --log: where the kernel log is saved (default: in the cache, one per
# series and profile).
#
# The guest sees ICTL, top_srcdir, PROFILE, SERIES, ARCH and ICTL_VM.  Inputs: $ICTL
# (default $top_builddir/src/iommufd-ctl), for arm64 guests $ICTL_ARM64
# (an iommufd-ctl built with --host=aarch64-linux-gnu; make check builds one
# in cross/), ICTL_VM_SKIP_PROFILES and ICTL_VM_SKIP_REASON the profiles a
# build leaves out and why (test mode skips them), the kernel
# from kernel.sh build (or ICTL_BZIMAGE), busybox-static
# and jq if installed; arm64 guests get busybox-static and jq of arm64 from
# apt (downloaded once into the cache) and their libraries from the host's
# arm64 multiarch packages.  ICTL_ACCEL=tcg|kvm
# skips the KVM probe, ICTL_VM_SMP and ICTL_VM_MEM size the guest,
# ICTL_QEMU names another QEMU binary, ICTL_VM_KEEP=DIR keeps the console
# log, results and initramfs there, and ICTL_VM_EXTRA lists more host files
# (space separated) the guest gets in /extra, with the libraries ldd names.
# ICTL_VM_TREE=DIR is copied over the guest's root (an installation staged
# with DESTDIR), and ICTL_VM_NO_BIND=1 leaves the edu device on its own
# driver (none), as a machine that nobody prepared.

set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
srcdir=$(cd "$srcdir" && pwd)
builddir=${top_builddir:-$srcdir}
cache=${ICTL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iommufd-ctl}
guest_ictl=/bin/iommufd-ctl
guest_src=/src
# Lines in the kernel log that mean the kernel is unhappy.
splat='WARNING:|BUG:|KASAN|UBSAN|refcount_t|Call Trace|Oops|Kernel panic|general protection fault'

series='' profile='' tests='' cmd='' log='' timeout=${ICTL_VM_TIMEOUT:-1200}

usage() {
	sed -n '4,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	--series) series=${2-}; shift ;;
	--profile) profile=${2-}; shift ;;
	--tests) tests=${2-}; shift ;;
	--run) cmd=${2-}; shift ;;
	--timeout) timeout=${2-}; shift ;;
	--log) log=${2-}; shift ;;
	-h | --help) usage ;;
	*) echo "boot.sh: unknown argument '$1'" >&2; usage ;;
	esac
	shift
done
case $series in 6.12 | 7) ;; *) usage ;; esac

# One line a profile, columns separated by "|": name, guest architecture,
# QEMU machine, kernel command line additions, the profiles whose tests the
# boot runs (several: separated by spaces), and the -device list.  Init
# binds the edu device to vfio-pci where it is in the list.
# - vtd: interrupt remapping needs the split irqchip; caching mode, as for
#   device assignment, has the guest report every new mapping to QEMU.
# - amd, virtio: no interrupt remapping the kernel accepts (see README, "The
#   test VM"), so iommufd refuses VFIO devices (EPERM) unless told that
#   unisolated MSIs are acceptable; device.t checks the refusal with the
#   parameter off.
# - noiommu: no IOMMU at all; vfio-pci takes edu only in the unsafe
#   no-IOMMU mode, which taints the kernel, and names its cdev
#   noiommu-vfioN.
# - smmuv3: GICv3, whose ITS isolates MSIs (GICv2 would not).
# - no_timer_check where interrupts are remapped: under TCG on a busy host
#   the kernel's check of the timer through the remapped IO-APIC can take
#   too long, and it panics ("timer doesn't work through Interrupt-remapped
#   IO-APIC"); seen on 6.12 with the vtd profile at a load of 9.
profile_table() {
	cat <<'EOF'
mock   | x86_64 | q35                              |                                    | mock     |
vtd    | x86_64 | q35,kernel-irqchip=split         | intel_iommu=on no_timer_check      | vtd      | intel-iommu,intremap=on,caching-mode=on edu
both   | x86_64 | q35,kernel-irqchip=split         | intel_iommu=on no_timer_check      | mock vtd | intel-iommu,intremap=on,caching-mode=on edu
amd    | x86_64 | q35,kernel-irqchip=split         | no_timer_check iommufd.allow_unsafe_interrupts=1 | amd | amd-iommu,intremap=on edu
virtio | x86_64 | q35                              | iommufd.allow_unsafe_interrupts=1  | virtio   | virtio-iommu-pci edu
noiommu | x86_64 | q35                             | vfio.enable_unsafe_noiommu_mode=1  | noiommu  | edu
smmuv3 | arm64  | virt,iommu=smmuv3,gic-version=3  |                                    | smmuv3   | edu
EOF
}

trim() {
	printf '%s' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'
}
line=$(profile_table | awk -F'|' -v p="$profile" '{ n = $1; gsub(/ /, "", n) } n == p')
[ -n "$line" ] || usage
# 6.12's vfio gives a device without an IOMMU a group only, no cdev, and
# iommufd cannot bind it.
if [ "$profile:$series" = noiommu:6.12 ]; then
	echo "boot.sh: the noiommu profile needs 7.x (6.12 has no no-IOMMU cdev)" >&2
	exit 2
fi
IFS='|' read -r _ arch machine append_extra boot_profiles dev_list <<<"$line"
arch=$(trim "$arch")
machine=$(trim "$machine")
append_extra=$(trim "$append_extra")
boot_profiles=$(trim "$boot_profiles")
devices=()
bind_edu=0
for d in $dev_list; do
	devices+=(-device "$d")
	[ "$d" = edu ] && bind_edu=1
done
case $arch in
x86_64)
	qemu=${ICTL_QEMU:-qemu-system-x86_64}
	image=bzImage
	append="console=ttyS0 panic=-1"
	results_dev=/dev/ttyS1
	;;
arm64)
	qemu=${ICTL_QEMU_ARM64:-qemu-system-aarch64}
	image=Image
	append="console=ttyAMA0 panic=-1"
	# virt has one UART: results go over a virtio serial port instead
	results_dev=virtio
	;;
esac
[ -n "$append_extra" ] && append+=" $append_extra"
[ -n "$tests" ] && [ -n "$cmd" ] && usage
[ -z "$tests" ] && [ -z "$cmd" ] && usage
mode=tests
[ -n "$cmd" ] && mode=run

# --- TAP output (test mode) -------------------------------------------------

n=0
tap() {		# STATUS(0|1) DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}

comment() {
	sed 's/^/# /'
}

# Problems that stop the boot: a failed result in test mode, a message in run
# mode.
fatal() {
	if [ "$mode" = tests ]; then
		tap 1 "$1"
		[ -n "${2:-}" ] && comment <"$2"
		echo "1..$n"
		exit 0
	fi
	echo "boot.sh: $1" >&2
	[ -n "${2:-}" ] && cat "$2" >&2
	exit 1
}

if ! command -v "$qemu" >/dev/null 2>&1; then
	if [ -n "${CI:-}" ] && [ "$CI" != false ]; then
		fatal "$qemu not installed (required under CI)"
	fi
	[ "$mode" = run ] && fatal "$qemu not installed"
	echo "1..0 # SKIP $qemu not installed"
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ictl-vm.XXXXXX")
qpid=
cleanup() {
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null
	if [ -n "${ICTL_VM_KEEP:-}" ]; then
		mkdir -p "$ICTL_VM_KEEP" &&
			cp -f "$work"/*.log "$work"/results "$work"/qemu.out \
				"$work"/initramfs.cpio "$ICTL_VM_KEEP"/ 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# An arm64 guest needs an arm64 build of the tool and a cross compiler for
# its kernel: without them the boot cannot happen (under CI, a failure).
# A build that chose not to boot some profiles says why (configure.ac).
for p in ${ICTL_VM_SKIP_PROFILES:-}; do
	if [ "$p" = "$profile" ] && [ "$mode" = tests ]; then
		echo "1..0 # SKIP ${ICTL_VM_SKIP_REASON:-profile $profile left out by this build}"
		exit 0
	fi
done
if [ "$arch" = arm64 ]; then
	why=
	if [ -z "${ICTL_ARM64:-}" ] || [ ! -x "$ICTL_ARM64" ]; then
		why="no arm64 iommufd-ctl (ICTL_ARM64; make check cross-builds one when gcc-aarch64-linux-gnu and the arm64 -dev packages are installed)"
	elif ! command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
		why="no aarch64-linux-gnu-gcc for the arm64 kernel (gcc-aarch64-linux-gnu)"
	fi
	if [ -n "$why" ]; then
		if [ -n "${CI:-}" ] && [ "$CI" != false ] || [ "$mode" = run ]; then
			fatal "$why"
		fi
		echo "1..0 # SKIP $why"
		exit 0
	fi
fi

# --- kernel ------------------------------------------------------------------

# kernel.sh's progress goes to our stderr as it happens (a cold build takes
# minutes) and is kept for the failure report.
kdir=$("$here/kernel.sh" build "$series" "$arch" 2> >(tee "$work/kernel.err" >&2))
krc=$?
wait 2>/dev/null
[ $krc -eq 0 ] && [ -r "$kdir/$image" ] ||
	fatal "build the $series $arch kernel" "$work/kernel.err"

# --- initramfs -----------------------------------------------------------------

root=$work/root
mkdir -p "$root"/{bin,dev,proc,sys,tmp,root,ictl/t,lib64,usr} "$root$guest_src/tests"
ln -s bin "$root/sbin"
ln -s ../bin "$root/usr/bin"
ln -s ../bin "$root/usr/sbin"

# Copies a program and the shared objects ldd names, at the same paths, so
# the glibc loader finds them as it would on the host.
add_prog() {	# HOSTPATH GUESTPATH
	local lib
	cp -L "$1" "$root$2" || return 1
	chmod 755 "$root$2"
	for lib in $(ldd "$1" 2>/dev/null |
		sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p'); do
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# The same for a program of another architecture, which ldd cannot load:
# readelf names the interpreter and the NEEDED objects, looked up in the
# multiarch directories (and below $foreign_root, the unpacked packages).
foreign_libdirs() {
	local t=aarch64-linux-gnu d
	for d in "$foreign_root/lib/$t" "$foreign_root/usr/lib/$t" /lib/$t /usr/lib/$t /usr/$t/lib; do
		[ -d "$d" ] && echo "$d"
	done
}
add_foreign_lib() {	# SONAME: copied with its own NEEDED, once
	local d p
	for d in $(foreign_libdirs); do
		p=$d/$1
		[ -e "$p" ] || continue
		# guest path: the multiarch directory, whatever root it came from
		local g=/lib/aarch64-linux-gnu/$1
		[ -e "$root$g" ] && return 0
		mkdir -p "$root/lib/aarch64-linux-gnu"
		cp -L "$p" "$root$g" || return 1
		add_foreign_needed "$p"
		return
	done
	echo "boot.sh: no arm64 $1 (install its :arm64 package)" >&2
	return 1
}
add_foreign_needed() {	# ELF
	local n
	for n in $(readelf -d "$1" 2>/dev/null |
		sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
		add_foreign_lib "$n" || return 1
	done
}
add_prog_foreign() {	# HOSTPATH GUESTPATH
	local interp
	cp -L "$1" "$root$2" || return 1
	chmod 755 "$root$2"
	interp=$(readelf -l "$1" 2>/dev/null |
		sed -n 's/.*Requesting program interpreter: \(.*\)\]$/\1/p')
	if [ -n "$interp" ]; then
		add_foreign_lib "${interp##*/}" || return 1
		mkdir -p "$root$(dirname "$interp")"
		[ -e "$root$interp" ] ||
			ln -s "/lib/aarch64-linux-gnu/${interp##*/}" "$root$interp"
	fi
	add_foreign_needed "$1"
}

# busybox-static and jq of arm64 cannot be installed beside the host's own
# (same package names), so their packages are downloaded into the cache and
# unpacked there, once per version.
arm64_userland() {
	local dir=$cache/arm64-userland pkgs="busybox-static:arm64 jq:arm64" key tmp
	key=$(apt-cache policy $pkgs 2>/dev/null | sed -n 's/^ *Candidate: //p' | tr '\n' ' ')
	case $key in
	"" | *none*)
		echo "boot.sh: apt knows no $pkgs (dpkg --add-architecture arm64 && apt-get update)" >&2
		return 1
		;;
	esac
	foreign_root=$dir/$(echo "$key" | sha256sum | cut -c1-16)
	[ -x "$foreign_root/bin/busybox" ] && return 0
	mkdir -p "$dir"
	tmp=$(mktemp -d "$dir/.tmp.XXXXXX")
	if ! (cd "$tmp" && apt-get -qq -o APT::Sandbox::User=root download $pkgs) >&2; then
		rm -rf "$tmp"
		echo "boot.sh: apt-get download $pkgs failed" >&2
		return 1
	fi
	mkdir "$tmp/root"
	for p in "$tmp"/*.deb; do
		dpkg -x "$p" "$tmp/root"
	done
	mv -T "$tmp/root" "$foreign_root" 2>/dev/null || true
	rm -rf "$tmp"
	[ -x "$foreign_root/bin/busybox" ]
}

if [ "$arch" = arm64 ]; then
	arm64_userland || fatal "no arm64 busybox-static and jq"
	busybox=$foreign_root/bin/busybox
	add_prog "$busybox" /bin/busybox || fatal "cannot copy $busybox"
	# busybox --list needs to run: the host's busybox knows the same applets
	applets=$(busybox --list 2>/dev/null)
	ictl=$ICTL_ARM64
	add_prog_foreign "$ictl" "$guest_ictl" || fatal "cannot copy $ictl and its arm64 libraries"
	# glibc dlopen()s libgcc_s for pthread_cancel() and pthread_exit()
	add_foreign_lib libgcc_s.so.1 || fatal "no arm64 libgcc_s.so.1"
	add_prog_foreign "$foreign_root/usr/bin/jq" /bin/jq || fatal "cannot copy the arm64 jq"
else
	busybox=$(command -v busybox) || fatal "busybox (busybox-static) not installed"
	add_prog "$busybox" /bin/busybox || fatal "cannot copy $busybox"
	applets=$("$busybox" --list)
	ictl=${ICTL:-$builddir/src/iommufd-ctl}
	[ -x "$ictl" ] || fatal "no iommufd-ctl binary at $ictl (set ICTL or build it)"
	add_prog "$ictl" "$guest_ictl" || fatal "cannot copy $ictl"
	# glibc dlopen()s libgcc_s for pthread_cancel() and pthread_exit(); ldd
	# cannot know that.
	for lib in $(ldd "$ictl" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\/\)libc\.so\.6 .*/\1libgcc_s.so.1/p'); do
		[ -e "$lib" ] && [ ! -e "$root$lib" ] && cp -L "$lib" "$root$lib"
	done
	if command -v jq >/dev/null 2>&1; then
		add_prog "$(command -v jq)" /bin/jq || fatal "cannot copy jq"
	fi
fi
for a in $applets; do
	[ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
done
if [ -n "${ICTL_VM_EXTRA:-}" ]; then
	mkdir -p "$root/extra"
	for f in $ICTL_VM_EXTRA; do
		if [ "$arch" = arm64 ]; then
			add_prog_foreign "$f" "/extra/${f##*/}"
		else
			add_prog "$f" "/extra/${f##*/}"
		fi || fatal "ICTL_VM_EXTRA: cannot copy $f"
	done
fi
if [ -n "${ICTL_VM_TREE:-}" ]; then
	cp -R "$ICTL_VM_TREE/." "$root/" || fatal "ICTL_VM_TREE: cannot copy $ICTL_VM_TREE"
fi
[ "${ICTL_VM_NO_BIND:-0}" = 1 ] && bind_edu=0
for d in lib kernel scripts expected soak; do
	[ -d "$srcdir/tests/$d" ] && cp -r "$srcdir/tests/$d" "$root$guest_src/tests/"
done
cp "$here/init" "$root/init"
chmod 755 "$root/init"

# Test selection: "# profiles: a b" must share a profile with this boot.
wants_profile() {
	local want p q
	want=$(sed -n 's/^#[[:space:]]*profiles:[[:space:]]*//p' "$1" | head -n 1)
	[ -z "$want" ] && return 0
	for p in $want; do
		for q in $boot_profiles; do
			[ "$p" = "$q" ] && return 0
		done
	done
	return 1
}

selected=()
if [ "$mode" = tests ]; then
	shopt -s nullglob
	# Word splitting and globbing of the argument are intended here.
	for t in $tests; do
		[ -f "$t" ] || continue
		if wants_profile "$t"; then
			selected+=("$t")
		else
			echo "# ${t##*/}: not for profile $profile"
		fi
	done
	shopt -u nullglob
	for t in "${selected[@]}"; do
		cp "$t" "$root/ictl/t/${t##*/}"
	done
fi

{
	printf 'ICTL=%s\ntop_srcdir=%s\nPROFILE=%s\nSERIES=%s\nMODE=%s\n' \
		"$guest_ictl" "$guest_src" "$profile" "$series" "$mode"
	printf 'ARCH=%s\nBIND_EDU=%s\nRESULTS_DEV=%s\n' "$arch" "$bind_edu" "$results_dev"
	# The tests check what QEMU emulates only where ICTL_VM (the QEMU
	# version) says that the IOMMU is QEMU's.
	printf 'ICTL_VM=%s\n' "$("$qemu" --version | sed -n '1s/^[^0-9]*\([0-9][0-9.]*\).*/\1/p')"
	printf "TESTS='"
	for t in "${selected[@]}"; do
		printf '/ictl/t/%s ' "${t##*/}"
	done
	printf "'\n"
} >"$root/ictl/env"
[ "$mode" = run ] && printf '%s\n' "$cmd" >"$root/ictl/cmd"

# One newc entry written by hand: /dev/console must exist before init runs,
# and creating a device node on the host would need root.
newc() {	# NAME MODE(octal) MAJOR MINOR
	local hdr
	hdr=$(printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		0 $((8#$2)) 0 0 1 0 0 0 0 "$3" "$4" $((${#1} + 1)) 0)
	printf '%s%s\0' "$hdr" "$1"
	# header (110) + name + NUL, padded to a multiple of 4
	local pad=$(( (4 - (110 + ${#1} + 1) % 4) % 4 ))
	head -c "$pad" /dev/zero
}
initrd=$work/initramfs.cpio
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$initrd" ||
	fatal "cpio failed"
{ newc dev/console 20600 5 1; newc TRAILER!!! 0 0 0; } >>"$initrd"

# --- QEMU ----------------------------------------------------------------------

# KVM only after a probe boot of this kernel showed it gets to userspace;
# TCG otherwise.  The verdict is cached per host kernel and QEMU version.
kvm_works() {
	local key verdict pdir
	[ -w /dev/kvm ] && [ "$arch" = x86_64 ] || return 1
	key=$( { uname -r; "$qemu" --version | head -n 1; } | sha256sum | cut -c1-16)
	verdict=$cache/kvm-probe-$key
	if [ ! -e "$verdict" ]; then
		echo "boot.sh: probing KVM (once, at most 20s)" >&2
		pdir=$work/probe
		mkdir -p "$pdir/root"
		cp "$busybox" "$pdir/root/busybox"
		printf '#!/busybox sh\n/busybox echo ICTL-KVM-OK\n/busybox poweroff -f\n' \
			>"$pdir/root/init"
		chmod 755 "$pdir/root/init"
		(cd "$pdir/root" && find . | cpio -o -H newc -R 0:0 --quiet) >"$pdir/i.cpio"
		{ newc dev/console 20600 5 1; newc TRAILER!!! 0 0 0; } >>"$pdir/i.cpio"
		# In a subshell that outlives QEMU, so that bash's report of a crashed
		# QEMU (KVM can abort on MSRs it cannot set) lands in /dev/null too.
		(timeout -k 2 20 "$qemu" -machine q35 -accel kvm -cpu host -m 256M \
			-nodefaults -nographic -no-reboot -monitor none \
			-serial "file:$pdir/console" -kernel "$kdir/bzImage" \
			-initrd "$pdir/i.cpio" -append "console=ttyS0 panic=-1" \
			</dev/null; true) >/dev/null 2>&1
		mkdir -p "$cache"
		if grep -q ICTL-KVM-OK "$pdir/console" 2>/dev/null; then
			echo yes >"$verdict"
		else
			echo no >"$verdict"
		fi
	fi
	[ "$(cat "$verdict")" = yes ]
}

case ${ICTL_ACCEL:-auto} in
kvm) accel=(-accel kvm -cpu host) ;;
tcg) accel=(-accel tcg -cpu max) ;;
*)
	if kvm_works; then
		accel=(-accel kvm -cpu host)
	else
		accel=(-accel tcg -cpu max)
	fi
	;;
esac

console=$work/console.log
results=$work/results
: >"$console"
: >"$results"
if [ "$arch" = arm64 ]; then
	# No KVM for another architecture.  A Cortex-A72 needs no pointer
	# authentication, which "max" emulates slowly under TCG.  The results
	# port sits on virtio-mmio, outside what the SMMU translates.
	accel=(-accel tcg -cpu cortex-a72)
	channel=(-serial "file:$console"
		-device virtio-serial-device
		-chardev "file,id=ictlres,path=$results"
		-device virtserialport,chardev=ictlres,name=ictl.results)
else
	channel=(-serial "file:$console" -serial "file:$results")
fi
timeout -k 5 "$timeout" "$qemu" -machine "$machine" "${accel[@]}" \
	-m "${ICTL_VM_MEM:-512M}" -smp "${ICTL_VM_SMP:-2}" \
	-nodefaults -nographic -no-reboot -monitor none \
	"${channel[@]}" "${devices[@]}" \
	-kernel "$kdir/$image" -initrd "$initrd" -append "$append" \
	</dev/null >"$work/qemu.out" 2>&1 &
qpid=$!
wait "$qpid"
qrc=$?
qpid=
tr -d '\r' <"$results" >"$results.lf"
tr -d '\r' <"$console" >"$console.lf"
# Keep the kernel log of the latest boot of each kind for a post-mortem.
log=${log:-$cache/logs/linux-$series-$profile.console.log}
mkdir -p "$(dirname "$log")" && cp "$console.lf" "$log.$$" && mv -f "$log.$$" "$log"

finished=0
grep -qx '@@ictl done' "$results.lf" && finished=1
grep -E "$splat" "$console.lf" >"$work/splats"
clean=1
[ -s "$work/splats" ] && clean=0

why_unfinished() {
	if [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
		echo "timed out after ${timeout}s"
	elif grep -q 'Kernel panic' "$console.lf"; then
		echo "kernel panic"
	else
		echo "qemu exited with status $qrc before the guest was done"
	fi
}

# --- run mode --------------------------------------------------------------------

if [ "$mode" = run ]; then
	section() {	# NAME: the base64 block after "@@ictl NAME"
		awk -v s="@@ictl $1" '
			$0 == s { on = 1; next }
			/^@@ictl / { on = 0 }
			on' "$results.lf" | base64 -d -i
	}
	section stdout
	section stderr >&2
	status=$(sed -n 's/^@@ictl exit //p' "$results.lf")
	if [ "$clean" -eq 0 ]; then
		echo "boot.sh: the kernel log ($log) shows problems:" >&2
		cat "$work/splats" >&2
		exit 1
	fi
	if [ "$finished" -eq 0 ] || [ -z "$status" ]; then
		echo "boot.sh: $(why_unfinished)" >&2
		[ -s "$work/qemu.out" ] && cat "$work/qemu.out" >&2
		tail -n 20 "$console.lf" >&2
		exit 1
	fi
	exit "$status"
fi

# --- test mode: merge the guest's TAP into one stream ----------------------------

# Emits one file's results, renumbered; then a verdict on the file as a whole
# if it did not deliver what it planned.
relay() {	# NAME
	local name=$1 line planned='' count=0 begun=0 ended=0 status='' skip='' bailed=0
	local rest
	while IFS= read -r line; do
		case $line in
		"@@ictl begin $name") begun=1; continue ;;
		"@@ictl end $name "*) ended=1; status=${line##* }; break ;;
		esac
		[ $begun -eq 1 ] || continue
		case $line in
		"not ok" | "not ok "*)
			rest=${line#not ok}
			rest=$(printf '%s' "$rest" | sed 's/^[[:space:]]*[0-9]*[[:space:]]*-\{0,1\}[[:space:]]*//')
			count=$((count + 1))
			tap 1 "$name: $rest"
			;;
		ok | "ok "*)
			rest=${line#ok}
			rest=$(printf '%s' "$rest" | sed 's/^[[:space:]]*[0-9]*[[:space:]]*-\{0,1\}[[:space:]]*//')
			count=$((count + 1))
			tap 0 "$name: $rest"
			;;
		1..*)
			planned=${line#1..}
			planned=${planned%%[!0-9]*}
			case $line in
			*"# SKIP"* | *"# skip"*) skip=${line#*# [Ss][Kk][Ii][Pp]} ;;
			esac
			;;
		"Bail out!"*)
			tap 1 "$name: $line"
			bailed=1
			;;
		"#"*) echo "$line" ;;
		"") ;;
		*) echo "# $line" ;;
		esac
	done <"$results.lf"

	if [ $begun -eq 0 ]; then
		tap 1 "$name: did not start ($(why_unfinished))"
	elif [ $ended -eq 0 ]; then
		tap 1 "$name: did not finish ($(why_unfinished))"
	elif [ "$planned" = 0 ] && [ $count -eq 0 ] && [ "$status" = 0 ]; then
		tap 0 "$name # SKIP${skip:- no reason given}"
	elif [ $bailed -eq 1 ]; then
		:
	elif [ "$status" != 0 ]; then
		tap 1 "$name: exited with status $status"
	elif [ -z "$planned" ]; then
		tap 1 "$name: printed no plan"
	elif [ $count -ne "$planned" ]; then
		tap 1 "$name: planned $planned tests but ran $count"
	fi
}

for t in "${selected[@]}"; do
	relay "${t##*/}"
done

if [ $clean -eq 1 ]; then
	tap 0 "kernel log clean"
else
	tap 1 "kernel log clean"
	comment <"$work/splats"
fi
if [ $finished -eq 1 ]; then
	tap 0 "guest finished"
else
	tap 1 "guest finished ($(why_unfinished))"
	comment <"$work/qemu.out"
	tail -n 20 "$console.lf" | comment
fi
echo "# kernel log: $log"
echo "# took ${SECONDS}s: kernel, initramfs, boot and tests"
echo "1..$n"
exit 0
