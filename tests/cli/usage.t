#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The command line on a host without /dev/iommu: usage errors, exit codes,
# messages. Where the kernel answers at all (an ioctl on /dev/null), its
# answer is what is checked.

. "$top_srcdir/tests/lib/tap.sh"

expect_exit "--version exits 0" 0 "$ICTL" --version
run "$ICTL" --version
is "--version names the tool" "${out%% *}" "iommufd-ctl"
expect_exit "--help exits 0" 0 "$ICTL" --help
run "$ICTL" --list-commands
ok "--list-commands lists ioas map" sh -c "printf '%s\n' \"\$1\" | grep -qx 'ioas map'" - "$out"
expect_exit "no command: usage, exit 2" 2 "$ICTL"
expect_exit "unknown command: exit 2" 2 "$ICTL" ioas mapp
err=$("$ICTL" ioas mapp 2>&1)
is "... saying which" "$err" "iommufd-ctl: unknown command 'ioas mapp' (see --list-commands)"
expect_exit "unknown global option: exit 2" 2 "$ICTL" --bogus ioas alloc
expect_exit "unknown format: exit 2" 2 "$ICTL" --format xml ioas alloc
expect_exit "unknown step option: exit 2" 2 "$ICTL" ioas alloc --bogus
expect_exit "missing argument: exit 2" 2 "$ICTL" ioas map
expect_exit "bad number: exit 2" 2 "$ICTL" ioas map 1 --length 12Q
expect_exit "unknown errno name: exit 2" 2 "$ICTL" destroy 1 --expect EWHAT
expect_exit "a step's --help exits 0 without /dev/iommu" 0 "$ICTL" --dev /nonexistent ioas map --help

run "$ICTL" -j --dev /nonexistent/iommu ioas alloc 2>/dev/null
is "missing /dev/iommu: exit 3" "$rc" 3
is "... and nothing on stdout" "$out" ""
err=$("$ICTL" --dev /nonexistent/iommu ioas alloc 2>&1)
ok "... and the message says what to do" sh -c 'printf "%s" "$1" | grep -q CONFIG_IOMMUFD' - "$err"

# /dev/null opens, and the kernel answers the ioctl with ENOTTY
run "$ICTL" -j --dev /dev/null ioas alloc
is "an ioctl the device lacks: exit 3" "$rc" 3
jq_ok "... reported as not supported" \
	'.[0] | .ok == false and .errno_name == "ENOTTY" and .hint == "not supported by this kernel"'
for c in "fault alloc" "veventq alloc 1" "hw-queue alloc 1 --index 0 --base-addr 0 --length 4K"; do
	# shellcheck disable=SC2086 # the command is several words
	run "$ICTL" -j --dev /dev/null $c
	is "$c without the ioctl: exit 3" "$rc" 3
	jq_ok "... ENOTTY, not supported by this kernel" \
		'.[0] | .errno_name == "ENOTTY" and .hint == "not supported by this kernel"'
done
run "$ICTL" -j --dev /dev/null ioas alloc , ioas map --help
ok "--help in a sequence shows that step's help" sh -c 'printf "%s\n" "$1" | head -n1 | grep -q "^Usage: iommufd-ctl ioas map"' - "$out"
ok "... and runs no step" sh -c '! printf "%s\n" "$1" | grep -q "^{"' - "$out"
is "... exit 0" "$rc" 0
run "$ICTL" -j --dev /dev/null destroy 1 --expect EWOULDBLOCK
jq_ok "--expect takes the errno aliases (EWOULDBLOCK is EAGAIN)" '.[0].expect == "EAGAIN"'
run "$ICTL" -j --no-timing --dev /dev/null ioas map 1 --length 010 --iova 0x10
jq_ok "a leading 0 is decimal: --length 010 is 10" '.[0].length == "0xa" and .[0].iova == "0x10"'
run "$ICTL" -j --dev /dev/null ioas alloc , destroy 1
jq_ok "a sequence stops at the first failure" 'length == 1'
run "$ICTL" -j -k --dev /dev/null ioas alloc , destroy 1
jq_ok "-k runs every step" 'length == 2'
run "$ICTL" -j --dev /dev/null destroy 1 --expect ENOTTY
is "an expected errno passes: exit 0" "$rc" 0
expect_exit "a handle that was never made: exit 2" 2 "$ICTL" --dev /dev/null destroy @nothing

if [ -w /dev/full ]; then
	expect_exit "a write error on stdout: exit 1" 1 sh -c '"$1" --list-commands >/dev/full' - "$ICTL"
else
	skip "a write error on stdout: exit 1" "no /dev/full"
fi
if [ -w /dev/full ]; then
	for o in --version --help --usage "ioas map --help"; do
		# shellcheck disable=SC2086 # "ioas map --help" is three words
		err=$("$ICTL" $o 2>&1 >/dev/full)
		rc=$?
		is "$o to a full disk: exit 1" "$rc" 1
		ok "... saying so" sh -c 'printf "%s" "$1" | grep -q "write error on stdout"' - "$err"
	done
else
	for o in --version --help --usage "ioas map --help"; do
		skip "$o to a full disk: exit 1" "no /dev/full"
		skip "... saying so" "no /dev/full"
	done
fi
# glibc's argp loops forever on rmargin=20 and crashes on a huge column
for f in rmargin=20 long-opt-col=2147483647 "rmargin=5,opt-doc-col=99999" short-opt-col=-1; do
	run env ARGP_HELP_FMT="$f" timeout -k 5 10 "$ICTL" ioas map --help
	is "ARGP_HELP_FMT=$f: help ends, exit 0" "$rc" 0
done
run env ARGP_HELP_FMT=rmargin=100 "$ICTL" ioas map --help
ok "a sane ARGP_HELP_FMT is taken (rmargin=100: a line past 79 columns)" \
	sh -c 'printf "%s\n" "$1" | awk "length > 79 { found = 1 } END { exit !found }"' - "$out"
# a closed pipe ends a run with exit 1, quietly
tmp=$(mktemp -d)
i=0
while [ $i -lt 20000 ]; do
	echo "destroy 1 --expect ENOTTY"
	i=$((i + 1))
done >"$tmp/long.ictl"
rc=$(sh -c '"$1" -j --dev /dev/null run "$2" 2>"$3"; echo $? >"$3.rc"' - "$ICTL" "$tmp/long.ictl" "$tmp/err" | head -c 1 >/dev/null; cat "$tmp/err.rc")
is "a run whose reader went away: exit 1" "$rc" 1
is "... and nothing on stderr" "$(cat "$tmp/err")" ""
rm -rf "$tmp"
err=$(sh -c '"$1" --list-commands | head -n1 >/dev/null' - "$ICTL" 2>&1)
is "a closed pipe is quiet" "$err" ""

# SIGINT while a script is being read: no step runs, the summary still comes
tmp=$(mktemp -d)
mkfifo "$tmp/script"
"$ICTL" -j --dev /dev/null run "$tmp/script" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/script"
echo "ioas alloc" >&3
sleep 1
kill -INT $pid
wait $pid
rc=$?
exec 3>&-
is "SIGINT stops a run: exit 130" "$rc" 130
out=$(cat "$tmp/out")
jq_ok "... after printing its summary record" 'length == 1 and .[0].op == "run" and .[0].steps == 0'
jq_ok "... which says it was interrupted, not ok" '.[0].interrupted == true and .[0].ok == false'
ok "... and saying so" grep -q "stopped by signal 2" "$tmp/err"
"$ICTL" -j --dev /dev/null run "$tmp/script" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/script"
sleep 1
kill -TERM $pid
wait $pid
rc=$?
exec 3>&-
is "SIGTERM stops a run: exit 143" "$rc" 143
rm -rf "$tmp"

done_testing
