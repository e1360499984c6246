#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make soak: a long 4-thread stress run in the test VM on each kernel
# series (default 30 minutes each; SOAK_DURATION=5m for a short one).
# Not part of make check. Prints each run's summary and RSS verdict.

: "${top_srcdir:?}" "${ICTL:?}"
dur=${SOAK_DURATION:-30m}
every=${SOAK_INTERVAL:-60}
seed=${SOAK_SEED:-20261123}
case $dur in
*h) secs=$(( ${dur%h} * 3600 )) ;;
*m) secs=$(( ${dur%m} * 60 )) ;;
*s) secs=${dur%s} ;;
*) secs=$dur ;;
esac
status=0
for series in ${SOAK_SERIES:-7 6.12}; do
	echo "== linux $series: stress --duration $dur --threads 4 --fds 2 --seed $seed"
	"$top_srcdir/tests/vm/boot.sh" --series "$series" --profile mock \
		--timeout $((secs + 900)) \
		--run "sh \$top_srcdir/tests/soak/guest.sh $dur $every $seed" ||
		status=1
done
exit $status
