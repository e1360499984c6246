#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build and run the libFuzzer targets; shared by `make fuzz` and fuzz.t.
#
#   fuzz.sh targets                  list the targets
#   fuzz.sh can-build                exit 0 if clang can link a libFuzzer binary
#   fuzz.sh build DIR                build every target into DIR
#   fuzz.sh run DIR SECONDS [T...]   run each target (default: all) from a
#                                    copy of its seed corpus; exit 1 on a crash
#
# Environment: top_srcdir, top_builddir (for config.h), CLANG (default clang).
# Each target is compiled straight from the few source files it needs, so
# a fuzz build never depends on how the tool itself was configured.

set -u
: "${top_srcdir:?}" "${top_builddir:?}"
CLANG=${CLANG:-clang}
here=$top_srcdir/tests/fuzz

targets="number errno flags range words vendor pci script"

# Sources under src/ and -max_len for target $1. The lengths stay close to
# real input (a script line, a vendor word list) so time goes to depth.
target_info() {
	case $1 in
	number) srcs="util/parse.c" max_len=64 ;;
	errno) srcs="util/parse.c" max_len=32 ;;
	flags) srcs="util/parse.c" max_len=256 ;;
	range) srcs="util/parse.c" max_len=96 ;;
	words) srcs="util/parse.c" max_len=1024 ;;
	vendor) srcs="decode/vendor.c util/parse.c" max_len=2048 ;;
	pci) srcs="host/sysfs.c" max_len=64 ;;
	# every step of a script: parsed by each operation's argument table
	script) srcs=ALL max_len=4096 ;;
	*) echo "fuzz.sh: unknown target '$1'" >&2; return 1 ;;
	esac
}

libs="$(pkg-config --libs json-c zlib 2>/dev/null || echo -ljson-c -lz) -lpthread"
cflags="-g -O1 -std=gnu11 -Wall -fno-omit-frame-pointer
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
	-include $top_builddir/config.h -I$top_srcdir/src -I$top_srcdir/src/lib
	$(pkg-config --cflags json-c 2>/dev/null)
	-I$here"

can_build() {
	t=$(mktemp -d) || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
		'{ (void)d; (void)n; return 0; }' >"$t/probe.c"
	"$CLANG" -fsanitize=fuzzer,address,undefined -o "$t/probe" "$t/probe.c" \
		>/dev/null 2>&1
	rc=$?
	rm -rf "$t"
	return $rc
}

build() {
	if ! can_build; then
		echo "fuzz.sh: $CLANG cannot link -fsanitize=fuzzer: install clang and libclang-rt-14-dev" >&2
		return 1
	fi
	mkdir -p "$1" || return 1
	for t in $targets; do
		target_info "$t" || return 1
		files=
		if [ "$srcs" = ALL ]; then
			# the whole tool but main() and the ioctl seam: a parse
			# never reaches the kernel, and the stub says so if it did
			srcs=$(cd "$top_srcdir/src" && find . -name '*.c' ! -name main.c \
				! -path ./lib/sys.c | sed 's|^\./||' | sort)
			files="$here/sys-none.c"
		fi
		for s in $srcs; do
			files="$files $top_srcdir/src/$s"
		done
		echo "  CC       fuzz-$t"
		# shellcheck disable=SC2086 # word splitting of the flag list is wanted
		"$CLANG" $cflags -o "$1/fuzz-$t" "$here/fuzz-$t.c" $files $libs || return 1
	done
}

# stat line NAME from libFuzzer's -print_final_stats output in file $2
stat() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

# Runs target $2 of build dir $1 for $3 seconds. Prints one summary line,
# then the crash details if there was one; returns 1 on a crash.
run_one() {
	dir=$1 t=$2 secs=$3
	target_info "$t" || return 1
	# libFuzzer reads -max_total_time=0 as "no limit"
	[ "$secs" -ge 1 ] 2>/dev/null || secs=1
	work=$(mktemp -d) || return 1
	# libFuzzer adds what it finds to the first corpus directory: never
	# the source tree, which may be read-only (distcheck)
	mkdir "$work/corpus"
	cp "$here/corpus/$t"/* "$work/corpus/"
	dict=
	[ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
	mkdir -p "$dir/crashes"
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$dir/fuzz-$t" -max_total_time="$secs" -max_len="$max_len" -timeout=10 \
		-rss_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$dir/crashes/$t-" $dict "$work/corpus" \
		>"$work/log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	[ "$took" -gt 0 ] || took=1
	execs=$(stat number_of_executed_units "$work/log")
	execs=${execs:-0}
	units=$(ls "$work/corpus" | wc -l)
	unit=$(sed -n 's/.*Test unit written to //p' "$work/log" | tail -n 1)
	if [ "$rc" -eq 0 ]; then
		echo "$t: $execs executions in $took s ($((execs / took))/s), corpus $units inputs, no crash"
	elif [ -n "$unit" ] && [ -f "$unit" ]; then
		echo "$t: CRASH (exit $rc) after $execs executions in $took s"
		grep -E 'ERROR|invariant failed|runtime error|SUMMARY' "$work/log" |
			head -n 20
		echo "reproduce: $dir/fuzz-$t $unit"
		echo "input (od -c):"
		od -An -c "$unit" | head -n 8
	else
		# a bad dictionary or option: not a finding, but not a pass either
		echo "$t: libFuzzer failed (exit $rc) without a crash input:"
		tail -n 5 "$work/log"
	fi
	rm -rf "$work"
	[ "$rc" -eq 0 ]
}

run() {
	dir=$1 secs=$2
	shift 2
	[ $# -gt 0 ] || set -- $targets
	status=0
	for t in "$@"; do
		run_one "$dir" "$t" "$secs" || status=1
	done
	return $status
}

usage() {
	echo "usage: fuzz.sh targets | can-build | build DIR | run DIR SECONDS [TARGET...]" >&2
	exit 2
}

case ${1:-} in
targets) echo $targets ;;
can-build) can_build ;;
build) [ $# -eq 2 ] || usage; build "$2" ;;
run) [ $# -ge 3 ] || usage; shift; run "$@" ;;
*) usage ;;
esac
