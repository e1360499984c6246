#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stress notices a kernel that does not do what the model predicts of the
# VFIO type1 compatibility ioctls, for every class of their predictions: a
# planted bug per class, as in stress-planted.t (tests/lib/planted.sh). The
# changes behind the model's back go through the compat ioctls themselves
# where they can, which act on the compat IOAS whichever it is; until there
# is one they fail (ENODEV) and are tried again after the next operation.
# profiles: mock

. "$top_srcdir/tests/lib/tap.sh"
need_root
need_dev_iommu
need_mock
. "$top_srcdir/tests/lib/planted.sh"

# which IOAS is the compat one: none where the model has one, another one
planted compat-none "vfio-(compat (map|unmap|set-iommu)|ioas get).*the kernel said ENODEV" \
	ioas.alloc=1,vfio-ioas=3,vfio-compat.map=4,vfio-compat.unmap=2 \
	"vfio-ioas clear" -- --meddle-after 30
planted compat-id "vfio-ioas get.*the id of the IOAS" ioas.alloc=2,vfio-ioas=6 \
	"vfio-ioas set @i" -- --meddle-after 20

# a compat map sees the IOAS's mappings (EEXIST)
planted compat-map "vfio-compat map.*predicted success, the kernel said EEXIST" \
	ioas.alloc=1,vfio-ioas=1,vfio-compat.map=8 \
	"vfio-compat map --iova 0x10f0000 --length 4K --mem @m0"

# the bytes a type1 unmap reports; all of them go behind the model's back
# once a mapping longer than 4K starts at 16M (with huge pages on, a part
# of it is refused)
planted compat-bytes "vfio-compat unmap.*the number of bytes unmapped" \
	ioas.alloc=1,vfio-ioas=1,vfio-compat.map=2,vfio-compat.unmap=6 \
	"vfio-compat unmap --iova 16M --length 4K --expect ENOENT" "vfio-compat unmap --all"

# huge pages off: a part of a mapping is cut out, not refused (ENOENT);
# and type1 once domains map something: EINVAL unless they are off already
planted compat-cut "vfio-compat unmap.*predicted ENOENT, the kernel said success" \
	ioas.alloc=1,vfio-ioas=1,vfio-compat.map=4,vfio-compat.unmap=6 \
	"vfio-compat set-iommu type1"
planted compat-type1 "vfio-compat set-iommu.*predicted EINVAL, the kernel said success" \
	ioas.alloc=1,mock.create=1,ioas.map=3,vfio-ioas=2,vfio-compat.set-iommu=4 \
	"vfio-compat set-iommu type1"

# a pinned mapping is not cut (EINVAL); 6.12's pins are not walked
if [ "$SERIES" = 6.12 ]; then
	skip "compat-pinned: a finding" "the walk leaves access pins out on 6.12"
else
	planted compat-pinned "vfio-compat unmap.*the kernel said EINVAL" \
		ioas.alloc=1,ioas.map=4,access.create=2,vfio-ioas=2,vfio-compat.set-iommu=2,vfio-compat.unmap=6 \
		"access pin @a --iova 16M --length 4K"
fi
done_testing
