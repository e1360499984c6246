#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The man page documents every command of the table and renders cleanly.

. "$top_srcdir/tests/lib/tap.sh"

page=$top_srcdir/man/iommufd-ctl.8
# roff writes a hyphen as \-; compare against plain hyphens
plain=$(sed 's/\\-/-/g' "$page")
run "$ICTL" --list-commands
for c in $(printf '%s\n' "$out" | tr ' ' '_'); do
	c=$(printf '%s' "$c" | tr '_' ' ')
	# commands appear as .SS/.TP headings in bold: \fBioas map\fR
	ok "man page documents '$c'" sh -c 'printf "%s" "$1" | grep -q "fB$2\\\\f"' - "$plain" "$c"
done
# the built-in scenarios fail-nth --help lists, each named where the page
# lists them (between "built-in scenario" and "says what each does")
listed=$(printf '%s\n' "$plain" |
	awk '/built-in scenario/ { on = 1; next } on && /says what each does/ { exit } on' |
	tr -s ' ",();.' '\n')
for sc in $("$ICTL" fail-nth --help |
	sed -n '/^Built-in scenarios/,$s/^  \([a-z][a-z0-9-]*\) .*/\1/p'); do
	ok "man page lists the fail-nth scenario '$sc'" \
		sh -c 'printf "%s\n" "$1" | grep -qx -- "$2"' - "$listed" "$sc"
done
if command -v groff >/dev/null 2>&1; then
	w=$(groff -man -ww -z "$page" 2>&1)
	is "groff renders the page without warnings" "$w" ""
else
	skip "groff renders the page without warnings" "groff not installed"
fi
done_testing
