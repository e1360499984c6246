#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# CI runs the README's test command: the two must not drift apart.

. "$top_srcdir/tests/lib/tap.sh"

# Both commands start the same way: arm64 packages need the architecture
# known to dpkg before apt-get update.
start='^    dpkg --add-architecture arm64 && apt-get update'
readme_cmd=$(grep "$start" "$top_srcdir/README" | sed -n 2p | sed 's/^    //')
ci_cmd=$(sed -n 's/^test_command="\(.*\)"$/\1/p' "$top_srcdir/.ci/run" | sed 's/\\\$/$/g')
ok "the README gives two commands" test "$(grep -c "$start" "$top_srcdir/README")" -eq 2
is ".ci/run runs the README's test command" "$ci_cmd" "$readme_cmd"
ok "the package list the commands install exists" test -s "$top_srcdir/tests/debian-packages.txt"
done_testing
