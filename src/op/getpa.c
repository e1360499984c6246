// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioas get-pa: IOMMU_IOAS_NOIOMMU_GET_PA (since 7.3). A device without an
 * IOMMU does DMA to physical addresses; its driver in user space maps
 * memory into an IOAS as usual and asks which physical addresses are
 * behind the IOVAs. One call answers the start of a physically contiguous
 * run; --walk asks again after each run until the range is covered.
 */
#include <errno.h>

#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/rec.h"

static const struct arg get_pa_args[] = {
	{ .kind = ARG_HANDLE, AT(struct ioas_get_pa_args, ioas), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_IOAS), .meta = "IOAS" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct ioas_get_pa_args, iova),
	  HAS(struct ioas_get_pa_args, has_iova), .flags = ARG_REQUIRED, .meta = "IOVA",
	  .doc = "The IOVA to ask about; it must be mapped" },
	{ .opt = "length", .kind = ARG_U64, AT(struct ioas_get_pa_args, length),
	  HAS(struct ioas_get_pa_args, has_length), .meta = "SIZE",
	  .doc = "At most this many bytes from IOVA (default 4K; 0 is refused)" },
	{ .opt = "walk", .kind = ARG_BOOL, AT(struct ioas_get_pa_args, walk),
	  .doc = "Ask again after each contiguous run until SIZE is covered: "
		 "the range as physical segments (at most 1024)" },
	{ .opt = "flags", .kind = ARG_U64, AT(struct ioas_get_pa_args, flags),
	  .max = UINT32_MAX, .meta = "N",
	  .doc = "The flags field as given (none is defined: the kernel refuses any)" },
	{ 0 }
};

static int get_pa_check(const void *args, struct perr *e)
{
	const struct ioas_get_pa_args *a = args;

	if (a->walk && a->has_length && !a->length)
		return perr(e, "--walk needs a --length above 0");
	return 0;
}

/* One call for @len bytes at @iova; the segment it answered in @seg */
static int get_pa_once(struct session *s, const struct ioas_get_pa_args *a,
		       uint32_t ioas_id, uint64_t iova, uint64_t len,
		       struct pa_segment *seg, struct result *r)
{
	struct ictl_iommu_ioas_noiommu_get_pa cmd = {
		.flags = (uint32_t)a->flags, .ioas_id = ioas_id,
		.iova = iova, .length = len,
	};
	int rc = ictl_ioas_noiommu_get_pa(&s->ictl, &cmd);

	r->ns += s->ictl.last_ns;
	seg->iova = iova;
	seg->phys = rc ? 0 : cmd.out_phys;
	seg->length = rc ? 0 : cmd.length;
	return rc;
}

/*
 * Runs until the range is covered, the kernel refuses, or it answers no
 * progress (a zero length, which would loop forever).
 */
static int get_pa_walk(struct session *s, const struct ioas_get_pa_args *a,
		       uint32_t ioas_id, uint64_t len, struct pa_segment *segs,
		       unsigned int *n, struct result *r)
{
	uint64_t done = 0;
	int rc = 0;

	*n = 0;
	while (done < len && *n < PA_SEGMENTS_MAX && !rc) {
		rc = get_pa_once(s, a, ioas_id, a->iova + done, len - done,
				 &segs[*n], r);
		if (rc || !segs[*n].length)
			break;
		done += segs[(*n)++].length;
	}
	r->v[GET_PA_COVERED] = done;
	return rc;
}

static int get_pa(struct session *s, const void *args, struct result *r)
{
	const struct ioas_get_pa_args *a = args;
	uint64_t len = a->has_length ? a->length : 4096;
	struct pa_segment *segs, one;
	struct reg_entry *ioas;
	unsigned int n = 1;
	uint32_t id;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, OBJ_BIT(OBJ_IOAS), &ioas, &id)))
		return rc;
	segs = a->walk ? sess_scratch(s, PA_SEGMENTS_MAX * sizeof(*segs)) : &one;
	if (!segs) {
		sess_err(s, "ioas get-pa: out of memory");
		return -ENOMEM;
	}
	result_id(r, "ioas", id);
	r->v[GET_PA_IOVA] = a->iova;
	r->v[GET_PA_LENGTH] = len;
	if (a->walk) {
		r->err = get_pa_walk(s, a, id, len, segs, &n, r);
		r->data = segs;
		r->len = n;
		return 0;
	}
	r->err = get_pa_once(s, a, id, a->iova, len, &one, r);
	r->v[GET_PA_PHYS] = one.phys;
	r->v[GET_PA_CONTIGUOUS] = one.length;
	return 0;
}

static void get_pa_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct ioas_get_pa_args *a = args;
	const struct pa_segment *seg = r->data;
	struct rec *list, *o;
	size_t i;

	rec_result_ids(rec, r);
	rec_hex(rec, "iova", r->v[GET_PA_IOVA]);
	rec_hex(rec, "length", r->v[GET_PA_LENGTH]);
	if (!a->walk) {
		if (!r->err) {
			rec_hex(rec, "phys", r->v[GET_PA_PHYS]);
			rec_hex(rec, "contiguous", r->v[GET_PA_CONTIGUOUS]);
		}
		return;
	}
	/* the runs answered before a refusal are kept: they were the kernel's */
	list = rec_list(rec, "segments");
	for (i = 0; i < r->len; i++) {
		o = rec_obj(list, NULL);
		rec_hex(o, "iova", seg[i].iova);
		rec_hex(o, "phys", seg[i].phys);
		rec_hex(o, "length", seg[i].length);
	}
	rec_hex(rec, "covered", r->v[GET_PA_COVERED]);
	/* the walk stopped at its limit, not at the end of the range */
	if (r->len == PA_SEGMENTS_MAX && r->v[GET_PA_COVERED] < r->v[GET_PA_LENGTH])
		rec_bool(rec, "truncated", true);
}

const struct op op_ioas_get_pa = {
	.object = "ioas", .verb = "get-pa", .name = "ioas.get-pa",
	.summary = "ask the physical address behind an IOVA (no-IOMMU mode)",
	.doc = "Ask the physical address behind IOVA and how many bytes from it are "
	       "physically contiguous (IOMMU_IOAS_NOIOMMU_GET_PA, since 7.3): what the "
	       "driver of a device without an IOMMU programs it with. Needs "
	       "CAP_SYS_RAWIO and a kernel with CONFIG_IOMMUFD_NOIOMMU (else "
	       "EOPNOTSUPP), and only IOVAs whose pages a no-IOMMU device's domain "
	       "holds have an answer (else EOPNOTSUPP; ENOENT where nothing is mapped).",
	.args = get_pa_args, .args_size = sizeof(struct ioas_get_pa_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = get_pa_check, .exec = get_pa, .record = get_pa_record,
};
