#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# PASIDs of a mock device (since 6.15): attach, replace, detach, check, and
# the kernel's rules about the device's own (RID) attachment. Every
# sequence detaches its PASIDs before it ends: on 7.3 a mock device that
# goes with a PASID still attached makes the kernel WARN (see
# tests/scripts/pasid-close.ictl).
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"
if [ "$SERIES" = 6.12 ]; then
	run $J ioas alloc , mock create @ioas0 --flags pasid --expect EINVAL
	is "a PASID mock device on 6.12: the flag is unknown there, EINVAL" "$rc" 0
	done_testing
	exit 0
fi

P="ioas alloc --name a , mock create @a --flags pasid --name d , \
hwpt alloc @d @a --pasid --name h , hwpt alloc @d @a --pasid --name h2 , \
hwpt alloc @d @a --name np"

run $J $P , mock pasid-attach @d @h2 --pasid 100 --expect EINVAL
is "a PASID while the device itself is on a HWPT without --pasid: EINVAL" "$rc" 0
run $J $P , mock replace @d @h , mock pasid-attach @d @h2 --pasid 100 , \
	mock check-pasid @d @h2 --pasid 100 , mock pasid-detach @d --pasid 100
is "the device on a --pasid HWPT: its PASID attaches, and the check sees it" "$rc" 0
jq_ok "... the record names the HWPT" '.[6] | .pasid == 100 and .ids.hwpt == .ids.pt'
run $J $P , mock replace @d @h , mock pasid-attach @d @h2 --pasid 100 , \
	mock pasid-attach @d @h --pasid 100 --expect EBUSY , \
	mock pasid-replace @d @h --pasid 100 , mock check-pasid @d @h --pasid 100 , \
	mock check-pasid @d @h2 --pasid 100 --expect EINVAL , mock pasid-detach @d --pasid 100
is "attach twice: EBUSY; replace moves it, the check follows" "$rc" 0
run $J $P , mock replace @d @h , mock pasid-attach @d @h2 --pasid 100 , \
	destroy @h2 --expect EBUSY , mock pasid-attach @d @np --pasid 7 --expect EINVAL , \
	mock replace @d @np --expect EINVAL , mock pasid-detach @d --pasid 100
is "a PASID holds its HWPT; no PASID on, and no device move to, a HWPT without --pasid" "$rc" 0
run $J $P , mock replace @d @h , mock pasid-attach @d @h2 --pasid 100 , \
	mock pasid-detach @d --pasid 100 , mock check-pasid @d 0 --pasid 100 , \
	mock pasid-detach @d --pasid 100 , destroy @h2
is "detach (twice: the kernel does not mind), then the HWPT is free" "$rc" 0
run $J $P , mock replace @d @h , mock pasid-attach @d @h2 --pasid 0x100000 --expect EINVAL
is "a PASID wider than the device's 20 bits: EINVAL" "$rc" 0
expect_exit "pasid-attach without --pasid: usage, exit 2" 2 $J $P , mock pasid-attach @d @h
done_testing
