#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The path from a stress finding to its shrunk reproducer, on the host: with
# /dev/null as the iommufd every ioctl fails with ENOTTY, so the model's
# first prediction is wrong at once. (The walk itself is tested on real
# kernels, in tests/kernel/stress.t.)

. "$top_srcdir/tests/lib/tap.sh"

T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
J="$ICTL -j --no-timing -d /dev/null"

run $J stress --seed 11 --ops 10 --no-klog --repro "$T/r.ictl"
is "a finding: exit 1" "$rc" 1
jq_ok "... named in the summary, with its reproducer, which replays" \
	'.[0] | (.ok | not) and (.findings | length) == 1 and
	 (.findings[0] | (.what | test("predicted success, the kernel said ENOTTY")) and
	  .reproduces and .full_steps == 3 and .steps == 1)'
is "the shrunk script is the one step, the first id its --want" \
	"$(grep -v '^#' "$T/r.ictl")" "ioas alloc --name i0 --want 1"
is "the full history starts with the memory the walk maps and map-files" \
	"$(grep -v '^#' "$T/r.ictl.full")" "mem alloc --size 1M --name m0
mem alloc --size 1M --kind memfd --name mf
ioas alloc --name i0 --want 1"
run $J run "$T/r.ictl"
is "run of the reproducer fails as the walk did" "$rc" 3
run $J stress --seed 18446744073709551615 --ops 1 --no-klog --repro "$T/big.ictl"
jq_ok "a seed past 2^53 is a \"0x...\" string, as JSON readers would round it" \
	'.[0].seed == "0xffffffffffffffff"'
run $J stress --seed 9007199254740992 --ops 1 --no-klog --repro "$T/edge.ictl"
jq_ok "... a seed up to 2^53 a number" '.[0].seed == 9007199254740992'
expect_exit "stress --threads 0: usage, exit 2" 2 $J stress --threads 0
expect_exit "stress --duration 5x: usage, exit 2" 2 $J stress --duration 5x
expect_exit "stress with a positional argument: usage, exit 2" 2 $J stress now
expect_exit "shrink of a missing file: usage, exit 2" 2 $J shrink "$T/none.ictl"
done_testing
