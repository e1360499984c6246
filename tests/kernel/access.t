#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# access create | rw | pin | unpin | replace: the mock driver's in-kernel
# access to an IOAS, the path of emulated devices.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock

J="$ICTL -j --no-timing"
P="ioas alloc --name a , ioas map @a --iova 16M --length 256K"
X="$P , access create @a --name x"
N="$P , access create @a --needs-pin --name x"

run $J $X , access rw @x --iova 16M --length 64 --write , access rw @x --iova 16M --length 64
is "write then read through the IOAS: exit 0" "$rc" 0
jq_ok "... the read sees what the write put there" \
	'[.[] | select(.op == "access.read")][0].head == "0xa2a3a0a1a6a7a4a5"'
run $J $X , access rw @x --iova 0x1000ff0 --length 32 --slow
jq_ok "a read across a page boundary, on the slow path" '.[3].ok'
run $J $X , access rw @x --iova 32M --length 64 --expect ENOENT
is "a read of an IOVA nothing maps: ENOENT" "$rc" 0
run $J $X , access rw @x --iova 16M --length 17M --expect ENOMEM
is "more than 16 MiB at once: ENOMEM" "$rc" 0
run $J $X , destroy @a --expect EBUSY , destroy @x , destroy @a
is "an access holds its IOAS until it is closed" "$rc" 0
run $J $X , ioas alloc --name b , access replace @x @b , destroy @a
is "replace moves the access: the old IOAS is free" "$rc" 0

run $J $X , access pin @x --iova 16M --length 16K --expect EOPNOTSUPP
is "pin on an access made without --needs-pin: EOPNOTSUPP" "$rc" 0
run $J $N , access pin @x --iova 16M --length 16K --mem @mem0 , \
	access unpin @x --pages 0 , access unpin @x --pages 0 --expect ENOENT
is "pin with the page check, unpin, unpin again: ENOENT" "$rc" 0
jq_ok "... the pin's id is in its record" '.[3].pages == 0'
run $J $N , mem alloc --size 64K --name o , access pin @x --iova 16M --length 16K --mem @o --expect EBADE
is "pinned pages that are not the given memory: EBADE" "$rc" 0
run $J $N , access pin @x --iova 32M --length 16K --expect ENOENT
is "pin of an IOVA nothing maps: ENOENT" "$rc" 0
run $J $N , access pin @x --iova 16M --length 16K , ioas unmap @a --all , \
	access unpin @x --pages 0 --expect ENOENT , mock check-refs --mem @mem0 --refs 0
is "unmap under a pin: the access lets go, no page stays pinned" "$rc" 0
expect_exit "an IOAS where an access goes: usage, exit 2" 2 $J $X , access rw @a --iova 16M --length 8
done_testing
