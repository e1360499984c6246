# SPDX-License-Identifier: GPL-2.0-only
#
# Planted bugs for the stress walk (stress-planted*.t). Sourced after
# tap.sh, with $J (the tool with -j --no-timing) and $T (a scratch
# directory) set.

# planted NAME PATTERN WEIGHTS MEDDLE... [-- STRESS-OPTIONS]: seeds 1 to 10
# are walked until one finds what PATTERN says, shrunk to at most 8 steps
# (a walk may never come to contradict the change, or come to it by a
# longer way)
planted() {
	name=$1 pattern=$2 weights=$3
	shift 3
	: > "$T/meddles"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		printf '%s\n' "$1" >> "$T/meddles"
		shift
	done
	[ "${1-}" = -- ] && shift
	found='' tried=''
	for seed in 1 2 3 4 5 6 7 8 9 10; do
		rm -f "$T/$name.ictl" "$T/$name.ictl.full"
		out=$(walk_planted "$seed" "$weights" "$name" "$@")
		tried="$tried $seed"
		[ -e "$T/$name.ictl" ] || continue
		printf '%s\n' "$out" | jq -e ".findings[0].what | test(\"$pattern\")" \
			>/dev/null 2>&1 || continue
		[ "$(grep -vc '^#' "$T/$name.ictl")" -le 8 ] && { found=$seed; break; }
	done
	if [ -z "$found" ]; then
		ok "$name: a finding on what the change contradicts (seeds$tried)" false
		diag "$out"
		return
	fi
	jq_ok "$name: a finding on what the change contradicts (seed $found)" \
		".[0] | .meddled and (.findings[0].what | test(\"$pattern\")) and .findings[0].reproduces"
	steps=$(grep -vc '^#' "$T/$name.ictl")
	ok "$name: shrunk to $steps steps (at most 8)" test "$steps" -le 8
	expect_exit "$name: run of the reproducer fails" 1 $J run "$T/$name.ictl"
}

# walk_planted SEED WEIGHTS NAME [OPTION...]: the walk, with $T/meddles
walk_planted() {
	seed=$1 weights=$2 name=$3
	shift 3
	while IFS= read -r m; do
		set -- "$@" --meddle "$m"
	done < "$T/meddles"
	$J stress --seed "$seed" --ops 1500 --weights "$weights" --repro "$T/$name.ictl" "$@"
}
