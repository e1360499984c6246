#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Representative host invocations under valgrind: help and listings, error
# paths (bad options, a malformed script, a missing device, a wrong handle
# type) and sequences and a script on --dev /dev/null, whose ioctls fail
# with ENOTTY. Each must exit as it does without valgrind, with no memory
# error and no definite leak. Possible leaks are left alone: argp's help
# and error paths exit() with memory still held on purpose.

. "$top_srcdir/tests/lib/tap.sh"

VALGRIND=${VALGRIND:-valgrind}
command -v "$VALGRIND" >/dev/null 2>&1 || skip_all "valgrind not installed"
# valgrind and ASan each want to own the address space
if ldd "$ICTL" 2>/dev/null | grep -q 'libasan'; then
	skip_all "the binary is built with ASan (--enable-sanitizers)"
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/good.ictl" <<'EOF'
# every step reaches the kernel, which answers ENOTTY on /dev/null
mem alloc --size 64K --name m
ioas alloc --name a
ioas map @a --mem @m --iova 0x10000
ioas unmap @a --all
destroy @a --expect ENOTTY
destroy @m
EOF
cat >"$tmp/bad.ictl" <<'EOF'
mem alloc --size 4K --name m
ioas map 1 --mem @m --length 12Q
EOF

# vg DESC CODE CMD...: CMD under valgrind must exit CODE with no error.
# Stdin is $in (default /dev/null).
vg() {
	_d=$1 _want=$2
	shift 2
	"$VALGRIND" --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --log-file="$tmp/vg.log" \
		"$ICTL" "$@" <"${in:-/dev/null}" >/dev/null 2>"$tmp/err"
	_rc=$?
	in=
	if [ "$_rc" -eq "$_want" ] && grep -q 'ERROR SUMMARY: 0 errors' "$tmp/vg.log"; then
		ok "$_d" true
		return
	fi
	ok "$_d" false
	diag "exit status $_rc, wanted $_want (99: valgrind found errors)"
	diag "$(grep -v 'unhandled ioctl\|spurious value errors\|README_MISSING_SYSCALL' \
		"$tmp/vg.log" | head -n 60)"
}

vg "--help" 0 --help
vg "--list-commands" 0 --list-commands
vg "a step's --help" 0 ioas map --help
vg "unknown global option" 2 --bogus ioas alloc
vg "unknown step option" 2 --dev /dev/null ioas alloc --bogus
vg "missing /dev/iommu" 3 --dev /nonexistent ioas alloc
vg "a missing handle" 2 --dev /dev/null destroy @nope
vg "a wrong handle type" 2 --dev /dev/null mem alloc --size 4K --name m , ioas unmap @m --all
vg "a sequence on /dev/null, JSON" 3 -j --dev /dev/null ioas alloc , destroy 1
vg "a sequence on /dev/null, -k, text" 3 -k --dev /dev/null ioas alloc , mem alloc --size 8K , destroy @mem0
vg "an expected errno" 0 --format ktap --dev /dev/null destroy 1 --expect ENOTTY
in=$tmp/bad.ictl vg "a malformed script on stdin" 2 -j --dev /dev/null run -
printf 'ioas alloc --name "x\n' >"$tmp/quote.ictl"
vg "an unterminated quote" 2 --dev /dev/null run "$tmp/quote.ictl"
vg "run of a small script on /dev/null, -k" 3 -k --dev /dev/null run "$tmp/good.ictl"
vg "run of a small script, JSON, pretty" 3 -j -p -k --dev /dev/null run "$tmp/good.ictl"

done_testing
