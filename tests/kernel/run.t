#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Scripts: named handles, expected errnos, cleanup in reverse creation order,
# the summary record, golden output, KTAP, and malformed input.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu

# relative paths: the summary record names the script as given
cd "$top_srcdir" || exit 1
S=tests/scripts

run "$ICTL" -j --no-timing run "$S/basic.ictl"
is "basic.ictl passes" "$rc" 0
golden "basic.ictl matches its golden output" "$out" expected/basic.jsonl
jq_ok "every step record names its script line" \
	'[.[] | select(.cleanup != true and .op != "run") | .line] == [3,4,5,6,7,8]'
jq_ok "cleanup destroys the device before the IOAS" \
	'[.[] | select(.cleanup) | .name] == ["d", "as"]'
jq_ok "the summary counts steps and passes" \
	'.[-1] | .op == "run" and .ok and .steps == 8 and .passed == 8'

run "$ICTL" -j --no-timing run "$S/bad-step.ictl"
is "a step with the wrong expected errno fails the run" "$rc" 1
jq_ok "the run stops at that step" '[.[] | .line // empty] == [3,4,5]'
jq_ok "... and the kernel's real errno is in the record" \
	'.[2] | .ok == false and .errno_name == "EBUSY" and .expect == "ENOENT"'
jq_ok "... and cleanup still runs" '[.[] | select(.cleanup)] | length == 2 and all(.ok)'

run "$ICTL" -j --no-timing -k run "$S/bad-step.ictl"
jq_ok "-k runs the steps after a failure" '[.[] | .line // empty] == [3,4,5,6]'

run sh -c 'cat "$1" | "$2" -j --no-timing run -' - "$S/basic.ictl" "$ICTL"
is "a script from standard input gives the same records" \
	"$(printf '%s\n' "$out" | sed '$d')" "$(sed '$d' tests/expected/basic.jsonl)"

run "$ICTL" --format ktap --no-timing run "$S/basic.ictl"
is "KTAP: the version line first" "$(printf '%s\n' "$out" | head -n1)" "KTAP version 1"
is "KTAP: the plan last, one test per record" "$(printf '%s\n' "$out" | tail -n1)" "1..8"
is "KTAP: no failed test" "$(printf '%s\n' "$out" | grep -c '^not ok')" 0

run "$ICTL" -j run --no-cleanup "$S/basic.ictl"
jq_ok "--no-cleanup leaves the objects to the fd's close" \
	'[.[] | select(.cleanup)] | length == 0'

for bad in 'ioas alloc\nioas "map' 'ioas alloc\nfrobnicate now' \
	'ioas alloc\nioas map @ioas0 --length 12Q' 'ioas alloc\nioas map' \
	'ioas alloc\nrun x' 'ioas alloc\ndestroy 1 --expect EWHAT'; do
	run sh -c 'printf "$1\n" | "$2" -j run -' - "$bad" "$ICTL"
	last=$(printf "$bad" | tail -n1)
	is "malformed script, exit 2: $last" "$rc" 2
	is "... and no record printed: $last" "$out" ""
done

run "$ICTL" -j --no-timing run "$S/nested.ictl"
golden "nested.ictl matches its golden output (the same on every kernel)" \
	"$out" expected/nested.jsonl
jq_ok "... every record has the schema's keys, the result first" \
	'all(.[:-1][]; (keys_unsorted[:3] == ["op", "ok", "errno"]) and has("errno_name") and has("error"))
	 and (.[-1] | .op == "run" and .ok)'
done_testing
