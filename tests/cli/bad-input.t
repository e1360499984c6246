#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Bad input on a host without /dev/iommu. Every case wants exactly one
# clear message on stderr (its first line starting with "iommufd-ctl",
# argp's "Try ..." line and indented hints being part of it; no control
# characters; not an echo of a whole megabyte), nothing on stdout unless
# earlier good steps print their records, and the documented exit status:
# 2 for usage, 3 for the environment. Where a step has to run, --dev
# /dev/null answers its ioctls with ENOTTY. A case the tool does not meet
# yet is a TODO that says what is wrong.

. "$top_srcdir/tests/lib/tap.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# others must reach the files in here for the non-root cases
chmod 755 "$tmp"

# By name, as users run it: getopt prefixes its own messages with argv[0],
# which would otherwise be the build tree's path.
bindir=$(cd "$(dirname "$ICTL")" && pwd)
tool() {
	PATH=$bindir:$PATH iommufd-ctl "$@"
}

todo= in= lines=

# result PROBLEM DESC: ok when PROBLEM is empty; $todo marks a known gap
result() {
	_tap_n=$((_tap_n + 1))
	_r="ok"
	[ -n "$1" ] && _r="not ok"
	_d=$(printf '%s' "$2" | tr '#\n' '_ ')
	if [ -n "$todo" ]; then
		echo "$_r $_tap_n - $_d # TODO $todo"
	else
		echo "$_r $_tap_n - $_d"
	fi
}

# What is wrong with the stderr of a bad input, or nothing.
judge_err() {
	_f=$1
	if [ ! -s "$_f" ]; then
		echo "nothing on stderr"
		return
	fi
	case $(head -n 1 "$_f") in
	iommufd-ctl*) ;;
	*) echo "message does not start with iommufd-ctl" ;;
	esac
	_m=$(grep -c '^iommufd-ctl' "$_f")
	[ "$_m" -le 1 ] || echo "$_m messages instead of one"
	_b=$(wc -c <"$_f")
	[ "$_b" -le 4096 ] || echo "a $_b-byte message"
	_c=$(tr -d '\n\t\040-\176\200-\377' <"$_f" | wc -c)
	[ "$_c" -eq 0 ] || echo "$_c control characters in the message"
}

visible() {
	LC_ALL=C tr '\000-\010\013-\037\177' '?'
}

# bad DESC CODE CMD...: one case. Stdin is $in (default /dev/null); $lines
# records (default none) may come from good steps before the bad one.
bad() {
	_desc=$1 _want=$2
	shift 2
	"$@" <"${in:-/dev/null}" >"$tmp/out" 2>"$tmp/err"
	_rc=$?
	_why=$(
		[ "$_rc" -eq "$_want" ] || echo "exit $_rc, wanted $_want"
		_n=$(wc -l <"$tmp/out")
		if [ -z "$lines" ] && [ -s "$tmp/out" ]; then
			echo "output on stdout"
		elif [ -n "$lines" ] && [ "$_n" -ne "$lines" ]; then
			echo "$_n lines on stdout, wanted $lines"
		fi
		judge_err "$tmp/err"
	)
	result "$_why" "$_desc"
	if [ -n "$_why" ]; then
		diag "$_why"
		# cut long lines (one case feeds a megabyte) and mask
		# control bytes, which would reach the terminal of whoever
		# reads the log
		diag "stderr:" "$(head -n 6 "$tmp/err" | cut -c 1-200 | visible)"
		[ -s "$tmp/out" ] &&
			diag "stdout:" "$(head -n 4 "$tmp/out" | cut -c 1-200 | visible)"
	fi
	todo= in= lines=
}

# feed DESC CODE: the script in $tmp/script through "run -"
feed() {
	in=$tmp/script
	bad "run -: $1" "$2" tool --dev /dev/null run -
}

s=$tmp/script

# ---- scripts ----
printf 'ioas frob\n' >"$s"
feed "unknown command" 2
printf 'ioas map\n' >"$s"
feed "missing argument" 2
printf 'ioas map 1 --length 12Q\n' >"$s"
feed "bad number" 2
why=
grep -q "<stdin>:1: ioas map: bad number '12Q'" "$tmp/err" || why="not the parser's own words"
result "$why" "... the message says what is wrong, at which line"
printf 'ioas map 1 --length 0x1ffffffffffffffff\n' >"$s"
feed "number overflow" 2
printf 'ioas alloc --bogus\n' >"$s"
feed "unknown step option" 2
why=
grep -q "<stdin>:1: ioas alloc: unrecognized option '--bogus'" "$tmp/err" ||
	why="the option is not named"
result "$why" "... the message names the option"
printf 'destroy 1 --expect EWHAT\n' >"$s"
feed "unknown errno name" 2
printf "ioas alloc --name 'abc\n" >"$s"
feed "unterminated single quote" 2
printf 'ioas alloc --name "abc\n' >"$s"
feed "unterminated double quote" 2
printf 'ioas alloc \\' >"$s"
feed "trailing backslash on the last line" 2
printf 'ioas alloc \\\n' >"$s"
feed "backslash before the newline" 2
{ printf 'ioas '; head -c 1048576 /dev/zero | tr '\0' a; echo; } >"$s"
feed "a 1 MiB line" 2
{ printf '# '; head -c 1048576 /dev/zero | tr '\0' a; printf '\ndestroy 4242\nioas frob\n'; } >"$s"
feed "a 1 MiB comment and a plain id pass the check, line 3 does not" 2
why=
grep -q '<stdin>:3:' "$tmp/err" || why="no '<stdin>:3:' in the message"
result "$why" "... and the message names line 3"
printf 'ioas alloc\0\001\377\n' >"$s"
feed "binary garbage with a NUL byte" 2
printf 'ioas \001\033[31m\377\376 x\n' >"$s"
feed "binary garbage without NUL" 2
printf 'run -\n' >"$s"
feed "a nested run" 2
printf 'ioas alloc , destroy 1\n' >"$s"
feed "a step separator inside a line" 2
printf 'ioas alloc --help\n' >"$s"
feed "--help as a step" 2
printf 'destroy @nope\n' >"$s"
feed "a handle that no line defines" 2

# ---- the command line ----
bad "unknown global option" 2 tool --bogus ioas alloc
bad "global option without its argument" 2 tool --dev
bad "unknown output format" 2 tool --format xml ioas alloc
bad "unknown command" 2 tool --dev /dev/null ioas frob
bad "unknown step option" 2 tool --dev /dev/null ioas alloc --bogus
bad "missing step argument" 2 tool --dev /dev/null ioas map
bad "id that is no number" 2 tool --dev /dev/null destroy 12Q
bad "id beyond 32 bits" 2 tool --dev /dev/null destroy 0x100000000
bad "id beyond 64 bits" 2 tool --dev /dev/null destroy 0x1ffffffffffffffff
bad "missing handle" 2 tool --dev /dev/null destroy @nope
bad "an empty handle name" 2 tool --dev /dev/null destroy @
# the whole sequence is checked first: a wrong type runs nothing
bad "wrong handle type (mem for ioas)" 2 \
	tool -j --dev /dev/null mem alloc --size 4K --name m , ioas unmap @m --all
bad "wrong handle type (mem for the memory's IOAS)" 2 \
	tool -j --dev /dev/null mem alloc --size 4K --name m , ioas map @m --mem @m
lines=1 bad "a name taken twice" 2 \
	tool -j --dev /dev/null mem alloc --size 4K --name m , mem alloc --size 4K --name m
bad "an empty step between commas" 2 \
	tool -j --dev /dev/null mem alloc --size 4K , , mem alloc --size 4K
bad "fault read of a plain id (the fd is the handle's)" 2 tool --dev /dev/null fault read 1
bad "fault read of too many records" 2 tool --dev /dev/null fault read 1 --max 100000
bad "fault respond without --cookie" 2 tool --dev /dev/null fault respond 1
bad "fault respond with an unknown code" 2 tool --dev /dev/null fault respond 1 --cookie 1 --code ok
bad "fault respond with a cookie beyond 32 bits" 2 tool --dev /dev/null fault respond 1 --cookie 0x100000000
bad "mock trigger-iopf without --addr" 2 tool --dev /dev/null mock trigger-iopf 1
bad "mock trigger-iopf with an unknown permission" 2 tool --dev /dev/null mock trigger-iopf 1 --addr 0 --perm rw
bad "mock trigger-vevent --count 0" 2 tool --dev /dev/null mock trigger-vevent 1 --count 0
bad "ioas get-pa without --iova" 2 tool --dev /dev/null ioas get-pa 1
bad "ioas get-pa --walk with --length 0" 2 tool --dev /dev/null ioas get-pa 1 --iova 0 --length 0 --walk
bad "ioas get-pa --flags beyond 32 bits" 2 tool --dev /dev/null ioas get-pa 1 --iova 0 --flags 0x100000000
bad "mem alloc of an unknown kind" 2 tool --dev /dev/null mem alloc --size 4K --kind mmap
bad "mem revoke of a plain number" 2 tool --dev /dev/null mem revoke 3
lines=1 bad "mem revoke of memory without an fd" 2 \
	tool -j --dev /dev/null mem alloc --size 4K --name m , mem revoke @m
lines=1 bad "mem read past the end" 2 tool -j --dev /dev/null mem alloc --size 4K --name m , \
	mem read @m --offset 4K
bad "mem read of 0 bytes" 2 tool --dev /dev/null mem alloc --size 4K --name m , mem read @m --length 0
bad "mem read of more than 256 bytes" 2 tool --dev /dev/null mem alloc --size 4K --name m , \
	mem read @m --length 257
bad "mem write without --hex" 2 tool --dev /dev/null mem alloc --size 4K --name m , mem write @m
bad "mem write of an odd number of digits" 2 tool --dev /dev/null mem alloc --size 4K --name m , \
	mem write @m --hex abc
bad "mem write that is no hex" 2 tool --dev /dev/null mem alloc --size 4K --name m , \
	mem write @m --hex zz
bad "device dma-buf of a plain id" 2 tool --dev /dev/null device dma-buf 3
bad "device dma-buf --probe with a name" 2 tool --dev /dev/null device dma-buf @d --probe --name x
bad "viommu mmap of a plain id: no page known" 2 tool --dev /dev/null viommu mmap 3
bad "vfio-compat map without --iova" 2 tool --dev /dev/null vfio-compat map --length 4K
bad "vfio-compat map without memory" 2 tool --dev /dev/null vfio-compat map --iova 0
bad "vfio-compat unmap without a range" 2 tool --dev /dev/null vfio-compat unmap
bad "vfio-compat unmap --all with a range" 2 tool --dev /dev/null vfio-compat unmap --all --iova 0
bad "vfio-compat set-iommu without a type" 2 tool --dev /dev/null vfio-compat set-iommu
bad "vfio-compat set-iommu of an unknown type" 2 tool --dev /dev/null vfio-compat set-iommu type3
bad "vfio-compat info --argsz below 4" 2 tool --dev /dev/null vfio-compat info --argsz 3
bad "fork map without memory" 2 tool --dev /dev/null fork map 1
bad "fork map --name without --live" 2 tool --dev /dev/null fork map 1 --length 4K --name c
bad "--trace with stress" 3 tool --dev /dev/null --trace stress --duration 1s
bad "veventq alloc with an unknown type" 2 tool --dev /dev/null veventq alloc 1 --type bogus
bad "veventq read of a plain id" 2 tool --dev /dev/null veventq read 1
bad "hw-queue alloc without --base-addr" 2 tool --dev /dev/null hw-queue alloc 1 --index 0 --length 4K
bad "hw-queue alloc with an index beyond 32 bits" 2 \
	tool --dev /dev/null hw-queue alloc 1 --index 0x100000000 --base-addr 0 --length 4K
bad "--dev that does not exist" 3 tool --dev /nonexistent ioas alloc
bad "--dev that is a directory" 3 tool --dev / ioas alloc

# ---- each mistake one message and one exit status ----
bad "a bad --name inside a sequence" 2 tool -j --dev /dev/null ioas alloc --name 1x , ioas alloc
printf 'ioas alloc --name 1x\n' >"$s"
feed "a bad --name inside a script" 2
: >"$tmp/empty.ictl"
bad "shrink of an empty script" 2 tool --dev /dev/null shrink "$tmp/empty.ictl"
printf '# only a comment\n\n' >"$tmp/comment.ictl"
bad "shrink of a comment-only script" 2 tool --dev /dev/null shrink "$tmp/comment.ictl"
bad "shrink of a directory" 2 tool --dev /dev/null shrink "$tmp"
printf "ioas alloc --name 'x\n" >"$tmp/quote.ictl"
bad "shrink of a script with an unterminated quote" 2 tool --dev /dev/null shrink "$tmp/quote.ictl"
printf 'run x.ictl\n' >"$tmp/nested.ictl"
bad "shrink of a script with a step that is no operation" 2 tool --dev /dev/null shrink "$tmp/nested.ictl"
bad "a usage error is 2 also without /dev/iommu" 2 tool --dev /nonexistent/iommu destroy @nothing
bad "a bad number is 2 also without /dev/iommu" 2 tool --dev /nonexistent/iommu ioas map 1 --length 12Q
bad "--expect 1K: no errno" 2 tool --dev /dev/null destroy 1 --expect 1K
bad "--expect 134: no errno the C library has" 2 tool --dev /dev/null destroy 1 --expect 134
bad "--expect 4095: no errno" 2 tool --dev /dev/null destroy 1 --expect 4095
printf 'ioas alloc\nioas alloc\n' >"$tmp/two.ictl"
bad "fail-nth --from past the last step" 2 tool --dev /dev/null fail-nth "$tmp/two.ictl" --from 5
why=
grep -q 'two.ictl:[0-9]' "$tmp/err" && why="the message names a line the script does not have"
result "$why" "... and names no line the script lacks"
bad "fail-nth vfio without --device" 2 tool --dev /dev/null fail-nth vfio
bad "fail-nth --device with a scenario of the mock driver" 2 \
	tool --dev /dev/null fail-nth basic --device 0000:00:01.0
bad "fail-nth --device with a script" 2 \
	tool --dev /dev/null fail-nth "$tmp/two.ictl" --device 0000:00:01.0
bad "fail-nth vfio --device that is no device" 2 \
	tool --dev /dev/null fail-nth vfio --device "a b'c"
bad "get-dirty of a bitmap too large to allocate" 2 \
	tool --dev /dev/null hwpt get-dirty 1 --iova 0 --length 1T --page-size 1
bad "mock dirty of more pages than the mock marks" 2 \
	tool --dev /dev/null mock dirty 1 --iova 0 --length 1T
bad "run of an endless line" 2 tool --dev /dev/null run /dev/zero
why=
grep -q 'longer than 4 MiB' "$tmp/err" || why="the cap is not named"
result "$why" "... saying the line is longer than the cap"
# the cap is what the message says: a line of 4 MiB is read, one byte more is not
{ printf '#'; head -c $((4 * 1024 * 1024 - 1)) /dev/zero | tr '\0' x; echo; } >"$tmp/4m.ictl"
{ printf '##'; head -c $((4 * 1024 * 1024 - 1)) /dev/zero | tr '\0' x; echo; } >"$tmp/4m1.ictl"
tool --dev /dev/null run "$tmp/4m.ictl" >/dev/null 2>"$tmp/err"
rc=$?
why=
[ "$rc" -eq 0 ] || why="exit $rc: $(head -c 200 "$tmp/err")"
result "$why" "run of a script whose one line is a 4 MiB comment: read"
bad "run of a script whose one line is 4 MiB and a byte" 2 tool --dev /dev/null run "$tmp/4m1.ictl"
rm -f "$tmp/4m.ictl" "$tmp/4m1.ictl"
bad "run of a directory" 2 tool --dev /dev/null run "$tmp"
why=
grep -q 'cannot read' "$tmp/err" || why="no 'cannot read'"
result "$why" "... saying it cannot read it"

# ---- info and caps DEVICE ----
bad "info without /dev/iommu" 3 tool --dev /nonexistent/iommu info mock
why=
grep -q 'cannot open /nonexistent/iommu' "$tmp/err" && grep -q 'CONFIG_IOMMUFD' "$tmp/err" ||
	why="no word of the missing device and CONFIG_IOMMUFD"
result "$why" "... saying /dev/iommu is missing and what the kernel needs"
bad "info without /dev/iommu, JSON" 3 tool -j --dev /nonexistent/iommu info 0000:00:03.0
bad "caps DEVICE without /dev/iommu" 3 tool --dev /nonexistent/iommu caps mock
bad "info without DEVICE" 2 tool --dev /nonexistent/iommu info
bad "info with two devices" 2 tool --dev /nonexistent/iommu info mock mock
bad "info of something that is no device" 2 tool --dev /nonexistent/iommu info 00:03
bad "info with an unknown option" 2 tool --dev /nonexistent/iommu info mock --bogus
bad "caps of something that is no device" 2 tool --dev /nonexistent/iommu caps pci:3
bad "caps with two devices" 2 tool --dev /nonexistent/iommu caps mock vfio0
# /dev/null answers every ioctl with ENOTTY: not a kernel without them
bad "caps of a file that is no iommufd" 3 tool --dev /dev/null caps
why=
grep -q "/dev/null is no iommufd" "$tmp/err" || why="does not say /dev/null is no iommufd"
result "$why" "... saying the file is no iommufd"
bad "caps DEVICE of a file that is no iommufd" 3 tool --dev /dev/null caps mock

# A device with a driver and no IOMMU group (this host's NIC, say): VFIO
# cannot take it, and no advice may unbind its driver.
nogroup=
for d in /sys/bus/pci/devices/*; do
	[ -e "$d/driver" ] && [ ! -e "$d/iommu_group" ] && nogroup=${d##*/} && break
done
if [ -n "$nogroup" ]; then
	bad "device bind of $nogroup, which has no IOMMU group" 3 \
		tool --dev /dev/null device bind "$nogroup"
	why=
	grep -q "no IOMMU group" "$tmp/err" || why="no word of the missing IOMMU group"
	grep -q -e unbind -e echo "$tmp/err" && why="it suggests unbinding the driver"
	grep -q "iommufd-ctl vfio bind $nogroup" "$tmp/err" || why="${why:-no pointer to vfio bind}"
	result "$why" "... saying it has no IOMMU group, pointing to vfio bind, never unbinding"
else
	skip "device bind of a device with no IOMMU group" "every bound PCI device has a group"
	skip "... saying it has no IOMMU group, pointing to vfio bind, never unbinding" \
		"every bound PCI device has a group"
fi
bad "a missing script file" 2 tool --dev /dev/null run "$tmp/no-such.ictl"
bad "a script that is a directory" 2 tool --dev /dev/null run "$tmp"

# ---- not root ----
# as_user CMD...: CMD as an unprivileged user, or status 125 if no way
if [ "$(id -u)" -ne 0 ]; then
	as_user() { "$@"; }
	who="$(id -un)"
elif command -v setpriv >/dev/null 2>&1; then
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	who="uid 65534 (setpriv)"
elif command -v su >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	as_user() { su -s /bin/sh nobody -c '"$0" "$@"' -- "$@"; }
	who="nobody (su)"
else
	as_user() { return 125; }
	who=
fi
printf 'ioas alloc\n' >"$tmp/private.ictl"
: >"$tmp/private-dev"
chmod 000 "$tmp/private.ictl" "$tmp/private-dev"
if [ -z "$who" ]; then
	skip "not root: --dev without permission" "neither setpriv nor su to drop root"
	skip "not root: an unreadable script" "neither setpriv nor su to drop root"
elif ! as_user "$ICTL" --version >/dev/null 2>&1; then
	skip "not root: --dev without permission" "$who cannot run $ICTL"
	skip "not root: an unreadable script" "$who cannot run $ICTL"
else
	diag "unprivileged user: $who"
	bad "not root: --dev without permission" 3 as_user "$ICTL" --dev "$tmp/private-dev" ioas alloc
	why=
	grep -q 'Permission denied' "$tmp/err" || why="no 'Permission denied'"
	result "$why" "... saying permission denied"
	bad "not root: an unreadable script" 2 as_user "$ICTL" --dev /dev/null run "$tmp/private.ictl"
fi

done_testing
