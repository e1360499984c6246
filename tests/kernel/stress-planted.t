#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stress notices a kernel that does not do what the model predicts, for
# every class of prediction: a planted bug per class. The kernel is right,
# so a bug is planted as a change behind the model's back (--meddle): a
# step the walk runs on its iommufd without telling the model, which leaves
# the kernel in the state a bug of that class would (an aborted object
# that stays, a vDEVICE that goes by itself, a fault read by someone else,
# a page fault nobody triggered, ...). The walk must report a finding on
# the operation the change contradicts, and shrink it to a reproducer of at
# most 8 steps that fails under run as the walk did. Where the model
# predicted a failure the kernel did not give (vdevice-gone), the shrunk
# script need not keep the planted step: the step that expects the failure
# fails alone.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock
. "$top_srcdir/tests/lib/planted.sh"

# fault queues: the faults queued, their cookies
F=ioas.alloc=1,mock.create=2,hwpt.alloc=3,fault.alloc=1,hwpt.fault=5,attach=5
F=$F,mock.trigger-iopf=5,fault.read=3,fault.respond=3
planted fault-read "fault read.*records read" $F "fault read @f --max 1 --want 1"
planted fault-cookie "fault (respond|read)" $F "fault respond @f --cookie 1"

# the abort path: an aborted paging HWPT that stayed would keep its IOAS
planted abort-hwpt "destroy @i[0-9]+.*predicted success, the kernel said EBUSY" \
	ioas.alloc=3,mock.create=2,hwpt.alloc=3,destroy=4 \
	"hwpt alloc @d @i --name leak"
# ... a nested HWPT its nest parent, an access its IOAS, a HWPT with a fault
# queue its queue (hwpt.fault's abort path)
planted abort-nested "destroy @p[0-9]+.*predicted success, the kernel said EBUSY" \
	ioas.alloc=1,mock.create=2,hwpt.alloc=3,destroy=4 \
	"hwpt alloc @d @p --data selftest:iotlb=1 --name leak"
planted abort-access "destroy @i[0-9]+.*predicted success, the kernel said EBUSY" \
	ioas.alloc=3,ioas.map=1,destroy=4 "access create @i --name leak"
planted hwpt-fault "destroy @f[0-9]+.*predicted success, the kernel said EBUSY" \
	ioas.alloc=1,mock.create=2,hwpt.alloc=3,fault.alloc=2,destroy=4 \
	"hwpt alloc @d @p --data selftest:iotlb=1 --fault @f --name leak"
# An IOAS or a fault queue holds nothing, but an aborted one that stayed
# keeps its id: the next allocation that runs alone gets another id than
# the lowest free one the model tells it (its --want)
planted abort-ioas "id of the new object" ioas.alloc=3,ioas.map=1,destroy=2 \
	"ioas alloc --name leak"
planted abort-fault "id of the new object" ioas.alloc=1,fault.alloc=3,destroy=2 \
	"fault alloc --name leak"

# I/O page faults: a fault the walk did not trigger, from its first mock
# device moved onto the newest nested HWPT (each of them has a fault
# queue here); the walk's reads expect none
planted iopf "fault read @f" \
	ioas.alloc=0,mock.create=2,hwpt.alloc=3,fault.alloc=1,hwpt.fault=6,fault.read=6 \
	"mock replace @d0 @n" "mock trigger-iopf @d0 --addr 0x1000"

# IOVA ranges, the huge-pages option, allowed IOVAs, copies, dirty tracking
planted iova-ranges "iova-ranges.*number of ranges" \
	ioas.alloc=1,mock.create=1,ioas.iova-ranges=4 \
	"mock add-reserved @i --iova 0x7f000000 --length 4K"
planted huge-pages "option (get|set)" ioas.alloc=2,ioas.map=1,option.huge-pages=5 \
	"option set huge-pages @i 0"
planted allow-iovas "ioas map" ioas.alloc=1,ioas.allow-iovas=3,ioas.map=5,ioas.unmap=2 \
	"ioas allow-iovas @i 0x10f0000-0x10fffff" -- --meddle-after 40
planted copy "ioas copy" ioas.alloc=1,ioas.map=1,ioas.copy=8 \
	"ioas map @i --iova 0x10f0000 --length 4K --mem @m0" -- --meddle-after 4
# few HWPTs and few enables (which clear the marks): on 6.12 a read sees
# marks only while tracking is on
D=ioas.alloc=0,mock.create=1,hwpt.alloc=1,ioas.map=4,hwpt.set-dirty=1,hwpt.get-dirty=8
planted dirty "get-dirty.*dirty pages" $D \
	"mock dirty @p --iova 16M --length 4K --want 2" -- --meddle-after 60

if [ "$SERIES" = 6.12 ]; then
	for c in abort-viommu abort-vdevice abort-veventq abort-hw-queue vdevice-one \
		vdevice-gone veventq-one vevent hw-queue pasid pins map-file dmabuf; do
		skip "$c: a finding" "6.12 has no vIOMMU, vDEVICE, vEVENTQ, HW queue, PASID, map-file or mock dma-buf; its pins are not walked"
	done
	done_testing
	exit 0
fi

# the abort path of a vIOMMU: one that stayed would keep its nest parent
planted abort-viommu "destroy @p[0-9]+.*predicted success, the kernel said EBUSY" \
	ioas.alloc=1,mock.create=2,hwpt.alloc=3,viommu.alloc=3,destroy=4 \
	"viommu alloc @d @p --name leak"
# ... a vDEVICE, a vEVENTQ or a HW queue would keep the vIOMMU, and a HW
# queue its page of the IOAS (no vdevice.alloc, veventq.alloc or
# hw-queue.alloc: the only one is the one left behind)
A=ioas.alloc=1,mock.create=2,hwpt.alloc=3,viommu.alloc=3,destroy=4
planted abort-vdevice "destroy @v[0-9]+.*predicted success, the kernel said EBUSY" $A \
	"vdevice alloc @v @d --virt-id 9 --name leak"
planted abort-veventq "destroy @v[0-9]+.*predicted success, the kernel said EBUSY" $A \
	"veventq alloc @v --name leak"
planted abort-hw-queue "(ioas unmap|destroy @v[0-9]+).*the kernel said EBUSY" \
	ioas.alloc=0,mock.create=2,hwpt.alloc=3,viommu.alloc=3,ioas.map=5,ioas.unmap=2,destroy=3 \
	"hw-queue alloc @v --index 0 --base-addr 16M --length 4K --name leak"

# vDEVICEs: one per device; the vIOMMU busy while one lives
planted vdevice-one "vdevice alloc.*the kernel said EEXIST" \
	ioas.alloc=1,mock.create=2,hwpt.alloc=3,viommu.alloc=3,vdevice.alloc=4,destroy=1 \
	"vdevice alloc @v @d --virt-id 9"
planted vdevice-gone "the kernel said success" \
	ioas.alloc=1,mock.create=2,hwpt.alloc=3,viommu.alloc=3,vdevice.alloc=3,destroy=4 \
	"destroy @e"

# vEVENTQs: one per type and vIOMMU; the events queued (one IOAS: short reproducers)
V=ioas.alloc=0,mock.create=2,hwpt.alloc=3,viommu.alloc=3
planted veventq-one "veventq alloc.*the kernel said EEXIST" $V,veventq.alloc=4 \
	"veventq alloc @v --name mq"
planted vevent "veventq read.*records read" \
	$V,vdevice.alloc=4,hwpt.nested=4,attach=5,veventq.alloc=3,mock.trigger-vevent=4,veventq.read=3 \
	"veventq read @q --max 1 --want 1"

# HW queues: an index each, their page pinned. The queue behind the walk's
# back takes two ids as well, which the id check (abort-ioas above) finds
# first, most often with a longer history: this class is walked without it
planted hw-queue "hw-queue alloc|ioas unmap|destroy" \
	ioas.alloc=0,mock.create=2,hwpt.alloc=3,viommu.alloc=3,ioas.map=5,hw-queue.alloc=5,ioas.unmap=2 \
	"hw-queue alloc @v --index 0 --base-addr 16M --length 4K --name mq" -- --no-ids

# PASIDs: what holds which HWPT
planted pasid "pasid|EBUSY, the kernel said success" \
	ioas.alloc=1,mock.create=3,hwpt.alloc=4,attach=4,pasid.attach=5,pasid.replace=3,destroy=2 \
	"mock check-pasid @d 0 --pasid 7 --expect EINVAL" "mock pasid-detach @d --pasid 7"

# access pins: their ids
planted pins "access (unpin|pin)" \
	ioas.alloc=1,ioas.map=4,access.create=3,access.pin=5,access.unpin=5 \
	"access unpin @a --pages 0"

# map-file: as map, from a memfd
planted map-file "ioas map-file.*EEXIST" ioas.alloc=1,ioas.map-file=6 \
	"ioas map-file @i --mem @mf --iova 0x10f0000 --length 4K" -- --meddle-after 3

# the dma-buf: revoked behind the walk's back, its next map is ENODEV
planted dmabuf "ioas map-file.*--mem @md.*the kernel said ENODEV" \
	ioas.alloc=1,ioas.map-dmabuf=6 "mem revoke @md" -- --meddle-after 3

done_testing
