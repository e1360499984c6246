#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Every parser of user input under libFuzzer with ASan and UBSan, briefly:
# FUZZ_CHECK_SECONDS per target (default 10), starting from the seed corpus.
# A crash or a broken invariant fails the target; its input is printed and
# kept under tests/fuzz-crashes/ in the build tree. `make fuzz` runs the
# same targets for longer.

. "$top_srcdir/tests/lib/tap.sh"

fuzz=$top_srcdir/tests/fuzz/fuzz.sh
secs=${FUZZ_CHECK_SECONDS:-10}

sh "$fuzz" can-build || skip_all "clang with libFuzzer not installed"

# shellcheck disable=SC2046 # one word per target
set -- $(sh "$fuzz" targets)
plan $(($# + 1))

# built and run outside the source tree, which distcheck makes read-only
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT

built=0
ok "build the fuzz targets with ${CLANG:-clang}" sh "$fuzz" build "$dir/bin" && built=1

for t in "$@"; do
	if [ "$built" -eq 0 ]; then
		ok "fuzz-$t: not built" false
		continue
	fi
	out=$(sh "$fuzz" run "$dir/bin" "$secs" "$t")
	rc=$?
	ok "fuzz-$t: no crash in $secs s" test "$rc" -eq 0
	diag "$out"
done

if [ -n "$(ls "$dir/bin/crashes" 2>/dev/null)" ]; then
	mkdir -p "$top_builddir/tests/fuzz-crashes" &&
		cp "$dir/bin/crashes"/* "$top_builddir/tests/fuzz-crashes/" &&
		diag "crash inputs kept in $top_builddir/tests/fuzz-crashes"
fi
