# SPDX-License-Identifier: GPL-2.0-only
#
# The guest's half of `make bench` (busybox sh): bench.sh copies it, the
# binaries, the scripts and guest.env to /extra. Prints "row KEY=VALUE..."
# lines (values without spaces) from which bench.sh makes its table.

. /extra/guest.env
T=/extra/bench-loop
cd /tmp || exit 1

row() { echo "row $*"; }
words() { echo "$*" | tr ' ' _; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# timed OUT CMD...: CMD's stdout to OUT; its wall time in seconds in $secs
timed() {
	_o=$1
	shift
	$T time "$@" >"$_o" 2>/tmp/timed.err
	_rc=$?
	secs=$(sed -n 's/^seconds=\([0-9.]*\) status=.*/\1/p' /tmp/timed.err | tail -n 1)
	[ $_rc -eq 0 ] && return 0
	echo "bench: '$*' exited with status $_rc" >&2
	tail -n 5 /tmp/timed.err >&2
	return 1
}

# repeated OUT CMD...: $REPEAT timed runs; the median in $secs
repeated() {
	_all=
	for _i in $(seq "$REPEAT"); do
		timed "$@" || return 1
		_all="$_all $secs"
	done
	secs=$(echo $_all | tr ' ' '\n' | median)
}

echo "cpu $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "cpus $(grep -c ^processor /proc/cpuinfo)"
echo "kernel $(uname -r)"

# ---- fail-nth: the kernel's selftest and ours --------------------------------

k=/extra/iommufd_fail_nth
if [ -n "$FNTH_WHY" ]; then
	row "fnth tool=kernel skip=$(words "$FNTH_WHY")"
elif ! repeated /tmp/k.out $k -r basic_fail_nth.basic; then
	row "fnth tool=kernel skip=the_selftest_failed"
elif ! grep -q '^ok 1 ' /tmp/k.out || grep -q '^ok 1 .*# SKIP' /tmp/k.out; then
	row "fnth tool=kernel skip=$(words "$(grep -m 1 -e '^not ok' -e '# SKIP' /tmp/k.out)")"
else
	# values 1..K+1 get armed: K sites fired, K+2 runs with the uninjected one
	armed=$($k.count -r basic_fail_nth.basic 2>&1 >/dev/null | grep -c '^# fail-nth arm ')
	row "fnth tool=kernel secs=$secs iterations=$((armed + 1)) sites=$((armed - 1))"
	if repeated /tmp/k.out $k.dyn -r basic_fail_nth.basic &&
	   grep -q '^ok 1 ' /tmp/k.out; then
		row "fnth tool=kernel-dyn secs=$secs iterations=$((armed + 1)) sites=$((armed - 1))"
	else
		row "fnth tool=kernel-dyn skip=the_dynamically_linked_selftest_failed"
	fi
fi

# what any iommufd-ctl run costs before its first step (it is dynamically
# linked; the selftest is static)
echo 'ioas alloc' >/tmp/one.ictl
repeated /dev/null "$ICTL" -j run /tmp/one.ictl &&
	row "fnth tool=startup secs=$secs"
if repeated /tmp/f.out "$ICTL" -j fail-nth basic; then
	s=$(tail -n 1 /tmp/f.out)
	num() { echo "$s" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
	row "fnth tool=ictl secs=$secs iterations=$(num iterations) sites=$(num sites) findings=$(num findings)"
else
	row "fnth tool=ictl skip=iommufd-ctl_fail-nth_failed"
fi

# ---- throughput: the bare loop against iommufd-ctl run -----------------------

for c in ioas map device; do
	case $c in
	ioas) per=4 n=$((CYCLES * FACTOR)) ;;
	map) per=2 n=$((CYCLES * FACTOR)) ;;
	device) per=5 n=$CYCLES ;;
	esac
	# alternately, so that a drift of the kernel's state hits both alike
	lt= rt= fail=
	for _i in $(seq "$REPEAT"); do
		timed /tmp/l.out $T $c $n && lt="$lt $secs" || fail=1
		timed /dev/null "$ICTL" -j run /extra/$c.ictl && rt="$rt $secs" || fail=1
	done
	[ -n "$fail" ] && continue
	row "tput cycle=$c who=loop ops=$((n * per)) secs=$(echo $lt | tr ' ' '\n' | median)"
	row "tput cycle=$c who=run ops=$((n * per)) secs=$(echo $rt | tr ' ' '\n' | median)"
done

# ---- iommufd-ctl stress on the map mix ----------------------------------------
if [ -n "$STRESS_WHY" ]; then
	row "tput cycle=map who=stress skip=$(words "$STRESS_WHY")"
else
	n=$((CYCLES * FACTOR * 2))
	set -- stress --seed 1 --ops $n --threads 1 --weights ioas.map=1,ioas.unmap=1
	if repeated /dev/null "$ICTL" -j "$@"; then
		row "tput cycle=map who=stress ops=$n secs=$secs"
	else
		row "tput cycle=map who=stress skip=iommufd-ctl_stress_failed"
	fi
	if repeated /dev/null "$ICTL" -j "$@" --per-op; then
		row "tput cycle=map who=stress-per-op ops=$n secs=$secs"
	else
		row "tput cycle=map who=stress-per-op skip=iommufd-ctl_stress_--per-op_failed"
	fi
	# the same records as text lines, the format a terminal gets
	if repeated /dev/null "$ICTL" "$@" --per-op; then
		row "tput cycle=map who=stress-per-op-text ops=$n secs=$secs"
	else
		row "tput cycle=map who=stress-per-op-text skip=iommufd-ctl_stress_--per-op_failed"
	fi
fi
# ---- end of the stress rows ---------------------------------------------------
