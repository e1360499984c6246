// SPDX-License-Identifier: GPL-2.0-only
/*
 * device dma-buf: a slice of a VFIO device's BAR exported as a dma-buf
 * (VFIO_DEVICE_FEATURE_DMA_BUF, since 6.19), which ioas map-file maps into
 * an IOAS: how a VMM gives another device peer-to-peer access to a BAR.
 * The new fd is named as memory (kind dmabuf); destroy closes it.
 */
#include <errno.h>
#include <fcntl.h>

#include "core/op.h"
#include "core/session.h"
#include "host/usermem.h"
#include "op/ops.h"
#include "util/rec.h"

static const struct arg dma_buf_args[] = {
	{ .kind = ARG_HANDLE, AT(struct device_dma_buf_args, dev), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_DEV), .meta = "DEV" },
	{ .opt = "region", .kind = ARG_U64, AT(struct device_dma_buf_args, region),
	  .max = UINT32_MAX, .meta = "N", .doc = "The BAR (VFIO region index; default 0)" },
	{ .opt = "offset", .kind = ARG_U64, AT(struct device_dma_buf_args, offset),
	  .meta = "OFFSET", .doc = "Start of the slice in the BAR (default 0)" },
	{ .opt = "length", .kind = ARG_U64, AT(struct device_dma_buf_args, length),
	  HAS(struct device_dma_buf_args, has_length), .meta = "SIZE",
	  .doc = "Bytes of the slice (default: the rest of the BAR, as "
		 "VFIO_DEVICE_GET_REGION_INFO reports it)" },
	{ .opt = "probe", .kind = ARG_BOOL, AT(struct device_dma_buf_args, probe),
	  .doc = "Only ask whether the device has the feature (FEATURE_PROBE)" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct device_dma_buf_args, name),
	  .meta = "NAME", .doc = "Name the dma-buf (default memN)" },
	{ 0 }
};

static int dma_buf_check(const void *args, struct perr *e)
{
	const struct device_dma_buf_args *a = args;

	if (a->dev.by_id)
		return perr(e, "give the device as @name: a plain id has no cdev");
	if (a->probe && a->name[0])
		return perr(e, "--probe makes no dma-buf to name");
	return 0;
}

/* The device's cdev: mock devices have no BARs */
static int vfio_dev(struct session *s, const struct handle *h, struct reg_entry **e)
{
	uint32_t id;
	int rc = sess_resolve(s, h, OBJ_BIT(OBJ_DEV), e, &id);

	if (rc)
		return rc;
	if ((*e)->stdev_id || (*e)->fd < 0) {
		sess_err(s, "device dma-buf: @%s is no VFIO device (a mock device has no BARs)",
			 (*e)->name);
		return -EINVAL;
	}
	return 0;
}

/* The BAR's size less @offset, when no --length was given; 0 or -errno */
static int rest_of_bar(struct session *s, const struct reg_entry *dev,
		       const struct device_dma_buf_args *a, uint64_t *len)
{
	struct ictl_vfio_region_info info = { .index = (uint32_t)a->region };
	int rc = ictl_vfio_region_info(&s->ictl, dev->fd, &info);

	*len = !rc && info.size > a->offset ? info.size - a->offset : 0;
	return rc;
}

/* The feature call: a header, the dma-buf request, one range */
struct dma_buf_req {
	struct ictl_vfio_device_feature hdr;
	struct ictl_vfio_device_feature_dma_buf get;
	struct ictl_vfio_region_dma_range range;
};

static long dma_buf_call(struct session *s, const struct reg_entry *dev,
			 const struct device_dma_buf_args *a, uint64_t len)
{
	struct dma_buf_req req = { 0 };

	req.hdr.argsz = sizeof(req);
	req.hdr.flags = ICTL_VFIO_DEVICE_FEATURE_GET | ICTL_VFIO_DEVICE_FEATURE_DMA_BUF |
			(a->probe ? ICTL_VFIO_DEVICE_FEATURE_PROBE : 0);
	req.get.region_index = (uint32_t)a->region;
	req.get.open_flags = O_RDWR | O_CLOEXEC;
	req.get.nr_ranges = 1;
	req.range.offset = a->offset;
	req.range.length = len;
	return ictl_vfio_device_feature(&s->ictl, dev->fd, &req.hdr);
}

static int device_dma_buf(struct session *s, const void *args, struct result *r)
{
	const struct device_dma_buf_args *a = args;
	struct reg_entry *dev;
	uint64_t len = a->length;
	long fd;
	int rc;

	if ((rc = vfio_dev(s, &a->dev, &dev)))
		return rc;
	result_id(r, "dev", dev->id);
	if (!a->has_length && !a->probe && (r->err = rest_of_bar(s, dev, a, &len))) {
		r->s[1] = "region-info";
		return 0;
	}
	r->v[DMA_BUF_LENGTH] = len;
	fd = dma_buf_call(s, dev, a, len);
	r->err = fd < 0 ? (int)fd : 0;
	if (fd < 0 || a->probe)
		return 0;
	r->v[DMA_BUF_FD] = (uint64_t)fd;
	r->made.type = OBJ_MEM;
	r->made.subtype = MEM_DMABUF;
	r->made.fd = (int)fd;
	r->made.len = len;
	return 0;
}

static void dma_buf_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct device_dma_buf_args *a = args;

	rec_result_ids(rec, r);
	rec_u64(rec, "region", a->region);
	if (a->probe) {
		rec_bool(rec, "probe", true);
		return;
	}
	if (r->s[1])
		rec_lit(rec, "failed", r->s[1]);
	rec_hex(rec, "offset", a->offset);
	rec_hex(rec, "length", r->v[DMA_BUF_LENGTH]);
	if (!r->err)
		rec_int(rec, "fd", (int64_t)r->v[DMA_BUF_FD]);
}

const struct op op_device_dma_buf = {
	.object = "device", .verb = "dma-buf", .name = "device.dma-buf",
	.summary = "export a slice of a VFIO device's BAR as a dma-buf",
	.doc = "Export a slice of a VFIO device's BAR as a dma-buf "
	       "(VFIO_DEVICE_FEATURE_DMA_BUF, since 6.19; it needs "
	       "CONFIG_VFIO_PCI_DMABUF, else ENOTTY), named as memory that ioas "
	       "map-file maps into an IOAS: peer-to-peer DMA to the BAR.",
	.args = dma_buf_args, .args_size = sizeof(struct device_dma_buf_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_MEM,
	.check = dma_buf_check, .exec = device_dma_buf, .record = dma_buf_record,
};
