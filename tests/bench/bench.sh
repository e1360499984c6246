#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make bench`: measurements in the test VM (series 7, mock profile), printed
# as a table. Not a test: no number passes or fails.
#
# 1. fail-nth: the kernel's own tools/testing/selftests/iommu/iommufd_fail_nth
#    (built from the cached 7.x source as lib.mk builds it, dynamically
#    linked like iommufd-ctl, and once more -static; its basic_fail_nth.basic
#    test alone) against `iommufd-ctl fail-nth basic`: wall time, iterations
#    and fault sites reached. The selftest prints no counts, so a second
#    build of it, linked with nth-count.c, reports each fail-nth value it
#    arms; the timed build is the unmodified one.
# 2. throughput: bench-loop (loop.c, bare ioctls) against `iommufd-ctl -j
#    run` of a script repeating the same cycle, JSON to /dev/null. ops/s is
#    cycle operations over the wall time of the whole process, one stopwatch
#    for both (so the tool's exec and script load count); both make the same
#    calls, as many times.
#
# Environment: top_srcdir, top_builddir, ICTL, BENCH_LOOP (the static
# bench-loop), CC; BENCH_CYCLES (cycles per tool run, default 2000),
# BENCH_LOOP_FACTOR (the ioas and map cycles run this many times more often
# than the device cycle, which takes much longer; default 10), BENCH_REPEAT (runs per
# row, the median shown; default 5), BENCH_RAW=FILE keeps the guest's rows.
# ICTL_VM_* and ICTL_ACCEL reach boot.sh.

set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
srcdir=$(cd "${top_srcdir:-$here/../..}" && pwd)
builddir=${top_builddir:-$srcdir}
ictl=${ICTL:-$builddir/src/iommufd-ctl}
loop=${BENCH_LOOP:-$builddir/tests/bench/bench-loop}
cc=${CC:-cc}
cycles=${BENCH_CYCLES:-2000}
factor=${BENCH_LOOP_FACTOR:-10}
repeat=${BENCH_REPEAT:-5}

die() { echo "bench.sh: $*" >&2; exit 1; }
[ -x "$ictl" ] || die "no iommufd-ctl at $ictl"
[ -x "$loop" ] || die "no bench-loop at $loop (make bench builds it)"

work=$(mktemp -d "${TMPDIR:-/tmp}/ictl-bench.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
extra="$loop $here/guest.sh"

# --- the kernel's fail-nth selftest --------------------------------------------

fnth_why=
if ! ksrc=$("$srcdir/tests/vm/kernel.sh" source 7) ||
   ! hdrs=$("$srcdir/tests/vm/kernel.sh" headers 7); then
	fnth_why="no series 7 kernel source (tests/vm/kernel.sh failed)"
else
	st=$ksrc/tools/testing/selftests
	# as tools/testing/selftests/lib.mk builds it (dynamically linked, as
	# iommufd-ctl is), and once more -static
	fnth_cc=("$cc" -O2 -D_GNU_SOURCE= -Wno-unused-function
		-isystem "$hdrs/include" -I "$st" "$st/iommu/iommufd_fail_nth.c")
	if ! "${fnth_cc[@]}" -static -o "$work/iommufd_fail_nth" -lcap 2>"$work/cc.err" ||
	   ! "${fnth_cc[@]}" -o "$work/iommufd_fail_nth.dyn" -lcap 2>>"$work/cc.err" ||
	   ! "${fnth_cc[@]}" -static "$here/nth-count.c" -Wl,--wrap=pwrite \
		-o "$work/iommufd_fail_nth.count" -lcap 2>>"$work/cc.err"; then
		cat "$work/cc.err" >&2
		fnth_why="iommufd_fail_nth did not build (static libcap is in libcap-dev)"
	else
		extra+=" $work/iommufd_fail_nth $work/iommufd_fail_nth.dyn"
		extra+=" $work/iommufd_fail_nth.count"
	fi
fi

# --- scripts: the loop's cycles as iommufd-ctl steps ---------------------------

sizes=(4K 8K 16K 32K 64K)
quick=$((cycles * factor))	# ioas and map cycles, for the loop and the tool alike
{
	echo "mem alloc --size 64K --name buf"
	for ((i = 0; i < quick; i++)); do
		l=${sizes[i % 5]}
		echo "ioas alloc --name a"
		echo "ioas map @a --mem @buf --iova 16M --length $l"
		echo "ioas unmap @a --iova 16M --length $l"
		echo "destroy @a"
	done
} >"$work/ioas.ictl"
{
	echo "mem alloc --size 64K --name buf"
	echo "ioas alloc --name a"
	for ((i = 0; i < quick; i++)); do
		l=${sizes[i % 5]}
		echo "ioas map @a --mem @buf --iova 16M --length $l"
		echo "ioas unmap @a --iova 16M --length $l"
	done
} >"$work/map.ictl"
{
	echo "ioas alloc --name io"
	for ((i = 0; i < cycles; i++)); do
		echo "mock create @io --name d"
		echo "hwpt alloc @d @io --name h"
		echo "mock replace @d @h"
		echo "destroy @d"
		echo "destroy @h"
	done
} >"$work/device.ictl"
extra+=" $work/ioas.ictl $work/map.ictl $work/device.ictl"

# ---- the stress rows: a build without the command says why they are missing
stress_why=
if ! "$ictl" stress --help >/dev/null 2>&1; then
	stress_why="'iommufd-ctl stress --help' failed: no stress command in this build"
	echo "bench.sh: skipping the stress rows: $stress_why" >&2
fi
# ---- end of the stress rows ----------------------------------------------------

# --- the host row: user-space time per step, the ioctl seam answering at once ---
#
# sys-instant.c replaces src/lib/sys.c: a tool linked with it spends no time
# in the kernel, so its wall time per step is its own parse, exec, judge and
# render. BENCH_BEFORE=REV builds revision REV of this repository the same
# way, for the before column (it needs git and autotools).

host_rows=$work/host.rows
: >"$host_rows"
instant_cc() { # OUT BUILDDIR SRCDIR: link the tool of BUILDDIR with the seam
	"$cc" -O2 -I"$3/src/lib" -include "$2/config.h" -c "$here/sys-instant.c" \
		-o "$1.o" &&
	"$cc" -o "$1" "$2/src/main.o" "$2/src/libcmd.a" "$2/src/lib/libictl.a" \
		"$1.o" $(pkg-config --libs json-c zlib) -lpthread
}
before_build() { # REV -> $work/before/iommufd-ctl-instant
	local d=$work/before
	mkdir -p "$d/src" &&
	git -C "$srcdir" archive "$1" | tar -x -C "$d/src" &&
	(cd "$d/src" && ./autogen.sh && ./configure && make -j"$(nproc)") \
		>"$d/build.log" 2>&1 &&
	instant_cc "$d/iommufd-ctl-instant" "$d/src" "$d/src"
}
# host_time LABEL ROW OPS CMD...: the median wall time of $repeat runs
host_time() {
	local label=$1 row=$2 ops=$3 all= i secs
	shift 3
	for ((i = 0; i < repeat; i++)); do
		"$loop" time "$@" >/dev/null 2>"$work/h.err" || {
			echo "bench.sh: host row '$label': '$*' failed" >&2
			tail -n 3 "$work/h.err" >&2
			return 1
		}
		all+=" $(sed -n 's/^seconds=\([0-9.]*\) .*/\1/p' "$work/h.err" | tail -n 1)"
	done
	secs=$(echo $all | tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	echo "$row $label $ops $secs" >>"$host_rows"
}
host_rows_of() { # WHO BINARY
	local n=$((cycles * factor)) i sizes=(4K 8K 16K 32K 64K)
	[ -s "$work/host.ictl" ] || {
		echo "mem alloc --size 64K --name buf"
		for ((i = 0; i < n; i++)); do
			echo "ioas alloc --name a"
			echo "ioas map @a --mem @buf --iova 16M --length ${sizes[i % 5]}"
			echo "ioas unmap @a --iova 16M --length ${sizes[i % 5]}"
			echo "destroy @a"
		done
	} >"$work/host.ictl"
	host_time "$1" run $((n * 4 + 1)) "$2" -j --dev /dev/null run --no-klog "$work/host.ictl"
	# the seam hands out ids in one sequence for every iommufd, where the
	# kernel has one per iommufd: the walk must not predict them
	local ids=
	"$2" stress --help 2>/dev/null | grep -q -e '--no-ids' && ids=--no-ids
	host_time "$1" stress $((n * 2)) "$2" -j --dev /dev/null stress --seed 1 $ids \
		--ops $((n * 2)) --threads 1 --no-klog --weights ioas.map=1,ioas.unmap=1
	host_time "$1" stress-per-op $((n * 2)) "$2" -j --dev /dev/null stress --seed 1 $ids \
		--ops $((n * 2)) --threads 1 --no-klog --per-op --weights ioas.map=1,ioas.unmap=1
}
if instant_cc "$work/iommufd-ctl-instant" "$builddir" "$srcdir"; then
	host_rows_of now "$work/iommufd-ctl-instant"
else
	echo "bench.sh: no host row: the instant build failed" >&2
fi
if [ -n "${BENCH_BEFORE:-}" ]; then
	if before_build "$BENCH_BEFORE"; then
		host_rows_of before "$work/before/iommufd-ctl-instant"
	else
		echo "bench.sh: no before column: revision $BENCH_BEFORE did not build" \
			"(log: $work/before/build.log)" >&2
		tail -n 5 "$work/before/build.log" >&2
	fi
fi
host_table() {
	awk -v rev="${BENCH_BEFORE:-}" '
	{ ns[$1, $2] = $4 * 1e9 / $3; n[$1] = $3 }
	END {
		printf "\nhost: user-space ns per step, the ioctl seam answering at once\n"
		printf "  %-42s %10s %10s\n", "", "now", (rev != "" ? "at " rev : "")
		row("run: the ioas cycle, JSON Lines", "run")
		row("stress: map mix, summary only", "stress")
		row("stress: map mix, --per-op records", "stress-per-op")
	}
	function row(label, r) {
		if (!((r, "now") in ns))
			return
		printf "  %-42s %10.0f", label, ns[r, "now"]
		if ((r, "before") in ns)
			printf " %10.0f   %.1fx faster", ns[r, "before"], ns[r, "before"] / ns[r, "now"]
		printf "\n"
	}' "$host_rows"
}
if [ -n "${BENCH_HOST_ONLY:-}" ]; then
	host_table
	exit 0
fi

# --- boot ---------------------------------------------------------------------------

shq() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
{
	echo "REPEAT=$repeat CYCLES=$cycles FACTOR=$factor"
	echo "FNTH_WHY=$(shq "$fnth_why")"
	echo "STRESS_WHY=$(shq "$stress_why")"
} >"$work/guest.env"
extra+=" $work/guest.env"

raw=$work/raw
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench.sh: booting the series 7 guest (mock profile)" >&2
ICTL_VM_EXTRA=$extra "$srcdir/tests/vm/boot.sh" --series 7 --profile mock \
	--timeout "${ICTL_VM_TIMEOUT:-1800}" --run 'sh /extra/guest.sh' >"$raw"
rc=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
[ -n "${BENCH_RAW:-}" ] && cp "$raw" "$BENCH_RAW"
[ $rc -eq 0 ] || die "the guest run failed (status $rc)"

# --- the table ------------------------------------------------------------------------

awk -v repeat="$repeat" -v date="$(date +%F)" -v cores="$(nproc)" \
	-v load="$load_before, then $load_after" '
function kv(key,   i, p) {
	for (i = 3; i <= NF; i++) {
		p = index($i, "=")
		if (substr($i, 1, p - 1) == key)
			return substr($i, p + 1)
	}
	return ""
}
function why(s) { gsub(/_/, " ", s); return s }
function fnrow(label, line) {
	if (line == "")
		return
	$0 = line
	if (kv("skip") != "")
		printf "  %-50s skipped: %s\n", label, why(kv("skip"))
	else
		printf "  %-50s %7.3f %11d %12d\n", label, kv("secs"),
			kv("iterations"), kv("sites")
}
function tprow(label, cycle, who,   r) {
	if (!((cycle, who) in tp))
		return
	$0 = tp[cycle, who]
	if (kv("skip") != "") {
		printf "  %-38s skipped: %s\n", label, why(kv("skip"))
		return
	}
	r = kv("ops") / kv("secs")
	printf "  %-38s %7d %7.3f %9.0f", label, kv("ops"), kv("secs"), r
	if (base[cycle] > 0)
		printf " %8.3fx", r / base[cycle]
	printf "\n"
}
$1 == "cpu" { cpu = substr($0, 5) }
$1 == "cpus" { ncpu = $2 }
$1 == "kernel" { kernel = $2 }
$1 == "row" && $2 == "fnth" { fn[kv("tool")] = $0 }
$1 == "row" && $2 == "tput" {
	tp[kv("cycle"), kv("who")] = $0
	if (kv("who") == "loop" && kv("secs") + 0 > 0)
		base[kv("cycle")] = kv("ops") / kv("secs")
}
END {
	printf "iommufd-ctl benchmarks, %s\n", date
	printf "guest: Linux %s, mock profile, %d vCPUs, %s\n", kernel, ncpu, cpu
	printf "host: %d cores, load average %s (before, after)\n", cores, load
	printf "wall times: the median of %d runs\n\n", repeat
	printf "fail-nth                                             wall s  iterations  fault sites\n"
	fnrow("kernel: iommufd_fail_nth -r basic_fail_nth.basic", fn["kernel-dyn"])
	fnrow("  the same, linked -static", fn["kernel"])
	fnrow("iommufd-ctl fail-nth basic", fn["ictl"])
	if (fn["startup"] != "") {
		$0 = fn["startup"]
		printf "  %-50s %7.3f\n", "(iommufd-ctl -j run of one step, for scale)", kv("secs")
	}
	printf "\nthroughput                                 ops  wall s     ops/s   vs loop\n"
	tprow("ioas cycle: bare C loop", "ioas", "loop")
	tprow("ioas cycle: iommufd-ctl -j run", "ioas", "run")
	tprow("map cycle: bare C loop", "map", "loop")
	tprow("map cycle: iommufd-ctl -j run", "map", "run")
	# ---- the stress rows ----
	tprow("map mix: iommufd-ctl stress", "map", "stress")
	tprow("map mix: iommufd-ctl stress --per-op", "map", "stress-per-op")
	tprow("map mix: the same, records as text", "map", "stress-per-op-text")
	# ---- end of the stress rows ----
	tprow("device cycle: bare C loop", "device", "loop")
	tprow("device cycle: iommufd-ctl -j run", "device", "run")
	printf "\nioas cycle: IOAS alloc, map 4K..64K at a fixed IOVA, unmap, destroy.\n"
	printf "map cycle: map and unmap (4K..64K, fixed IOVA) on one IOAS.\n"
	printf "device cycle: mock device create, paging HWPT alloc, replace the\n"
	printf "  device onto it, destroy the device, destroy the HWPT.\n"
	printf "iommufd-ctl rows: JSON Lines to /dev/null (but the one as text);\n"
	printf "  exec and script load included.\n"
}' "$raw"
host_table
