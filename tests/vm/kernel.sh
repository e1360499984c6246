#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Fetch, configure and build the kernels the test VM boots.
#
#   kernel.sh source  SERIES          unpacked source tree
#   kernel.sh headers SERIES          dir with include/ (headers_install) and
#                                     selftest/iommufd_test.h
#   kernel.sh build   SERIES [ARCH]   dir with the image (bzImage on x86_64,
#                                     Image on arm64), config, version
#   kernel.sh version SERIES          the package version behind SERIES
#
# SERIES is 6.12 (linux-source-6.12 from this machine's apt sources) or 7 (the
# newest linux-source-7.* in Debian's trixie-backports).  ARCH is x86_64 (the
# default) or arm64, cross-built from the same source with
# aarch64-linux-gnu-gcc (gcc-aarch64-linux-gnu).  Each command prints
# one path (or the version) on stdout; progress goes to stderr.  Results are
# cached in ${ICTL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iommufd-ctl}, keyed
# by package version and, for builds, by the config fragments and toolchain,
# so a second call returns at once.  Concurrent callers wait on a lock.
#
# Environment:
#   ICTL_KSRC=DIR     use this (clean) kernel tree instead of a Debian package
#   ICTL_BZIMAGE=F    "build" hands back this prebuilt x86_64 image, builds
#                     nothing (arm64 builds are not affected)
#   ICTL_APT_REFRESH  apt lists for series 7 are refreshed when older than
#                     this many seconds (default 86400; 0 forces a refresh)
#   ICTL_DEBIAN_MIRROR  archive URI for series 7 (default: taken from the
#                     machine's apt sources)

set -euo pipefail
# Under "make check" the outer make's flags, jobserver and command-line
# variables would leak into the kernel's make (and "make -s kernelversion"
# would print "Entering directory" lines).  The kernel build is its own world.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${ICTL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iommufd-ctl}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
# Bump when the build recipe below changes in a way that changes the image.
recipe=1

msg() { printf 'kernel.sh: %s\n' "$*" >&2; }
die() { msg "error: $*"; exit 1; }

usage() {
	sed -n '4,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
	exit 2
}

# Serialise everything that creates a cache entry.  The fd stays open (and
# the lock held) until the script exits.
lock() {
	mkdir -p "$cache/locks"
	exec 9>"$cache/locks/$1.lock"
	flock 9
}

# --- Debian packages -------------------------------------------------------

# The main Debian archive URI this machine already uses, so series 7 comes
# from the same mirror as everything else.
debian_mirror() {
	if [ -n "${ICTL_DEBIAN_MIRROR:-}" ]; then
		echo "$ICTL_DEBIAN_MIRROR"
		return
	fi
	local uri
	uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n' |
		grep -E '^https?://[^ ]*/debian/?$' | head -n 1) || true
	if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
		uri=$(grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list \
			/etc/apt/sources.list.d/*.list 2>/dev/null |
			sed 's/\[[^]]*\]//' | awk '{print $2}' |
			grep -E '^https?://[^ ]*/debian/?$' | head -n 1) || true
	fi
	echo "${uri:-http://deb.debian.org/debian}"
}

# A private apt configuration that sees only trixie-backports: the machine's
# own lists and state stay untouched.
apt7_dir=$cache/apt/trixie-backports
apt7_opts=(
	-o "Dir::Etc::SourceList=$apt7_dir/sources.list"
	-o Dir::Etc::SourceParts=/dev/null
	-o "Dir::State=$apt7_dir/state"
	-o "Dir::Cache=$apt7_dir/cache"
	# The cache usually lives in a home directory _apt cannot enter.
	-o APT::Sandbox::User=root
)

apt7_refresh() {
	local stamp=$apt7_dir/state/updated max=${ICTL_APT_REFRESH:-86400} age
	if [ -e "$stamp" ]; then
		age=$(( $(date +%s) - $(stat -c %Y "$stamp") ))
		[ "$age" -lt "$max" ] && return 0
	fi
	lock apt7
	if [ -e "$stamp" ] && [ "$stamp" -nt "$apt7_dir/sources.list" ] &&
	   [ $(( $(date +%s) - $(stat -c %Y "$stamp") )) -lt 60 ]; then
		return 0	# another caller refreshed it while we waited
	fi
	mkdir -p "$apt7_dir/state/lists/partial" "$apt7_dir/cache/archives/partial"
	printf 'deb [signed-by=%s] %s trixie-backports main\n' \
		"$keyring" "$(debian_mirror)" >"$apt7_dir/sources.list"
	msg "updating the package list for trixie-backports"
	if apt-get "${apt7_opts[@]}" -qq update >&2; then
		touch "$stamp"
	elif [ -e "$stamp" ]; then
		msg "warning: apt-get update failed; using the old package list"
	else
		die "apt-get update for trixie-backports failed"
	fi
}

# "PACKAGE VERSION" for a series.
resolve_package() {
	local pkg ver
	case $1 in
	6.12)
		pkg=linux-source-6.12
		ver=$(apt-cache policy "$pkg" 2>/dev/null |
			sed -n 's/^ *Candidate: //p')
		if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
			ver=$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null) ||
				die "$pkg is unknown to apt (run apt-get update)"
		fi
		;;
	7)
		apt7_refresh
		pkg=$(apt-cache "${apt7_opts[@]}" pkgnames linux-source-7. |
			grep -E '^linux-source-7\.[0-9]+$' | sort -V | tail -n 1)
		[ -n "$pkg" ] || die "trixie-backports has no linux-source-7.*"
		ver=$(apt-cache "${apt7_opts[@]}" policy "$pkg" |
			sed -n 's/^ *Candidate: //p')
		[ -n "$ver" ] && [ "$ver" != "(none)" ] ||
			die "no installable version of $pkg"
		;;
	*)
		die "unknown series '$1' (want 6.12 or 7)"
		;;
	esac
	echo "$pkg $ver"
}

# Unpack PACKAGE=VERSION's source tarball into DIR (created atomically).
fetch_package() {
	local series=$1 pkg=$2 ver=$3 dst=$4 tmp tarball
	tmp=$(mktemp -d "$cache/src/.fetch.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	tarball=/usr/src/$pkg.tar.xz
	if [ "$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null)" = "$ver" ] &&
	   [ -r "$tarball" ]; then
		msg "using the installed $pkg $ver"
	else
		msg "downloading $pkg $ver"
		if [ "$series" = 7 ]; then
			(cd "$tmp" && apt-get "${apt7_opts[@]}" -qq download "$pkg=$ver") >&2
		else
			(cd "$tmp" && apt-get -qq -o APT::Sandbox::User=root \
				download "$pkg=$ver") >&2
		fi || die "apt-get download $pkg=$ver failed"
		dpkg -x "$tmp"/"$pkg"_*.deb "$tmp/deb"
		tarball=$tmp/deb/usr/src/$pkg.tar.xz
		[ -r "$tarball" ] || die "$pkg has no usr/src/$pkg.tar.xz"
	fi
	msg "unpacking $(basename "$tarball")"
	mkdir "$tmp/tree"
	tar -xJf "$tarball" -C "$tmp/tree"
	mv "$tmp/tree/$pkg" "$dst"
	rm -rf "$tmp"
	trap - EXIT
}

# --- the source tree -------------------------------------------------------

# Sets ksrc (the tree) and kver (the version string that keys the caches).
resolve_source() {
	local series=$1 pkg ver dst newest resolved
	if [ -n "${ICTL_KSRC:-}" ]; then
		ksrc=$(cd "$ICTL_KSRC" 2>/dev/null && pwd) || die "ICTL_KSRC: no such directory"
		kver=$(make -s -C "$ksrc" kernelversion 2>/dev/null) ||
			die "ICTL_KSRC=$ksrc does not look like a kernel tree"
		if git -C "$ksrc" rev-parse --git-dir >/dev/null 2>&1; then
			kver+="-$(git -C "$ksrc" describe --always --dirty --abbrev=12)"
		else
			newest=$(find "$ksrc" -type f -printf '%T@\n' | sort -n | tail -n 1)
			kver+="-mtime${newest%.*}"
		fi
		return
	fi
	resolved=$(resolve_package "$series")
	read -r pkg ver <<<"$resolved"
	kver=$ver
	dst=$cache/src/${pkg}_$ver
	ksrc=$dst
	[ -d "$dst" ] && return
	mkdir -p "$cache/src"
	lock "src-$pkg"
	[ -d "$dst" ] || fetch_package "$series" "$pkg" "$ver" "$dst"
}

# Fragments in the order they are applied: the common one, then those for
# the architecture, the source's major version and both, where they exist.
fragments() {	# ARCH
	local major f
	major=$(make -s -C "$ksrc" kernelversion | cut -d. -f1)
	echo "$here/config"
	for f in "config-$1" "config-$major" "config-$1-$major"; do
		[ -e "$here/$f" ] && echo "$here/$f"
	done
	return 0
}

# "Every line that says =y must come out =y; every 'is not set' must stay
# unset."  Prints the offenders.
check_config() {
	local cfg=$1 frag sym bad=0
	shift
	for frag in "$@"; do
		while read -r sym; do
			grep -qx "$sym=y" "$cfg" || { echo "  $sym=y"; bad=1; }
		done < <(sed -n 's/^\(CONFIG_[A-Za-z0-9_]*\)=y[[:space:]]*$/\1/p' "$frag")
		while read -r sym; do
			grep -q "^$sym=" "$cfg" && { echo "  # $sym is not set"; bad=1; }
		done < <(sed -n 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set$/\1/p' "$frag")
	done
	return $bad
}

# --- subcommands -----------------------------------------------------------

cmd_source() {
	resolve_source "$1"
	echo "$ksrc"
}

cmd_version() {
	if [ -n "${ICTL_KSRC:-}" ]; then
		resolve_source "$1"
		echo "$kver"
	else
		resolve_package "$1" | cut -d' ' -f2
	fi
}

cmd_headers() {
	local dst tmp log
	resolve_source "$1"
	dst=$cache/headers/$(echo "$kver" | tr '/ ' '__')
	if [ -n "${ICTL_KSRC:-}" ]; then
		dst+=-$(echo "$ksrc" | sha256sum | cut -c1-8)
	fi
	if [ ! -d "$dst" ]; then
		mkdir -p "$cache/headers"
		lock "headers-$(basename "$dst")"
	fi
	if [ ! -d "$dst" ]; then
		tmp=$(mktemp -d "$cache/headers/.tmp.XXXXXX")
		trap 'rm -rf "$tmp"' EXIT
		log=$tmp/log
		msg "installing headers from $ksrc"
		# O= keeps the source tree clean for later out-of-tree builds.
		if ! make -C "$ksrc" O="$tmp/obj" INSTALL_HDR_PATH="$tmp/out" \
			headers_install >"$log" 2>&1; then
			tail -n 30 "$log" >&2
			die "headers_install failed"
		fi
		mkdir "$tmp/out/selftest"
		cp "$ksrc/drivers/iommu/iommufd/iommufd_test.h" "$tmp/out/selftest/"
		mv "$tmp/out" "$dst"
		rm -rf "$tmp"
		trap - EXIT
	fi
	echo "$dst"
}

build_prebuilt() {
	local img dst
	img=$(readlink -f "$ICTL_BZIMAGE")
	[ -r "$img" ] || die "ICTL_BZIMAGE=$ICTL_BZIMAGE is not readable"
	dst=$cache/build/prebuilt-$(printf '%s %s' "$img" "$(stat -c %Y "$img")" |
		sha256sum | cut -c1-16)
	if [ ! -d "$dst" ]; then
		mkdir -p "$dst.tmp.$$"
		ln -s "$img" "$dst.tmp.$$/bzImage"
		# In a kernel build tree the image sits in arch/x86/boot.
		if [ -r "$(dirname "$img")/../../../.config" ]; then
			cp "$(dirname "$img")/../../../.config" "$dst.tmp.$$/config"
		else
			: >"$dst.tmp.$$/config"
		fi
		echo "prebuilt $img" >"$dst.tmp.$$/version"
		mv -T "$dst.tmp.$$" "$dst" 2>/dev/null || rm -rf "$dst.tmp.$$"
	fi
	echo "$dst"
}

cmd_build() {
	local arch=$2 frags key dst obj log missing start image karch cross=''
	case $arch in
	x86_64) karch=x86; image=bzImage ;;
	arm64)
		karch=arm64 image=Image cross=aarch64-linux-gnu-
		command -v "${cross}gcc" >/dev/null ||
			die "no ${cross}gcc (install gcc-aarch64-linux-gnu)"
		;;
	*) die "unknown architecture '$arch' (want x86_64 or arm64)" ;;
	esac
	if [ -n "${ICTL_BZIMAGE:-}" ] && [ "$arch" = x86_64 ]; then
		build_prebuilt
		return
	fi
	resolve_source "$1"
	mapfile -t frags < <(fragments "$arch")
	# Only the option lines count, so rewording a comment rebuilds nothing.
	key=$( {
		echo "recipe $recipe"
		echo "source $kver ${ICTL_KSRC:+$ksrc}"
		grep -hE '^(CONFIG_|# CONFIG_[A-Za-z0-9_]+ is not set)' "${frags[@]}"
		"${cross}gcc" --version | head -n 1
		"${cross}ld" --version | head -n 1
		echo "arch $arch"
	} | sha256sum | cut -c1-16)
	dst=$cache/build/$(echo "$kver" | tr '/ ' '__')-$key
	[ "$arch" = x86_64 ] || dst=$cache/build/$(echo "$kver" | tr '/ ' '__')-$arch-$key
	if [ -r "$dst/$image" ]; then
		echo "$dst"
		return
	fi
	mkdir -p "$cache/build"
	lock "build-$key"
	if [ -r "$dst/$image" ]; then
		echo "$dst"
		return
	fi
	obj=$cache/build/.obj-$key
	log=$cache/build/$(basename "$dst").log
	rm -rf "$obj"
	mkdir -p "$obj"
	mk() {
		make -C "$ksrc" O="$obj" ARCH="$karch" ${cross:+CROSS_COMPILE=$cross} \
			-j"$(nproc)" "$@" >>"$log" 2>&1
	}
	: >"$log"
	start=$(date +%s)
	msg "building $kver for $arch in $obj (log: $log)"
	mk tinyconfig || { tail -n 30 "$log" >&2; die "make tinyconfig failed"; }
	cat "${frags[@]}" >>"$obj/.config"
	mk olddefconfig || { tail -n 30 "$log" >&2; die "make olddefconfig failed"; }
	if ! missing=$(check_config "$obj/.config" "${frags[@]}"); then
		msg "the kernel config lost options the fragments require:"
		echo "$missing" >&2
		die "fix ${frags[*]} (see $obj/.config)"
	fi
	if ! mk "$image"; then
		grep -E 'error|Error' "$log" | head -n 20 >&2 || true
		tail -n 30 "$log" >&2
		die "kernel build failed (log: $log)"
	fi
	mkdir -p "$dst.tmp"
	cp "$obj/arch/$karch/boot/$image" "$dst.tmp/$image"
	cp "$obj/.config" "$dst.tmp/config"
	echo "$kver" >"$dst.tmp/version"
	rm -rf "$dst"
	mv "$dst.tmp" "$dst"
	rm -rf "$obj"
	msg "built $kver for $arch in $(( $(date +%s) - start ))s"
	echo "$dst"
}

case $#:$1 in
2:source | 2:headers | 2:version) "cmd_$1" "$2" ;;
2:build) cmd_build "$2" x86_64 ;;
3:build) cmd_build "$2" "$3" ;;
*) usage ;;
esac
