// SPDX-License-Identifier: GPL-2.0-only
/* ioas iova-ranges | allow-iovas: which IOVAs of an IOAS may be used */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

#define IOAS_ONLY	OBJ_BIT(OBJ_IOAS)

/* ---- the ranges as an argument: RANGE... ---- */

static int list_parse(const char *word, void *f, struct perr *e)
{
	struct iova_list *l = f;
	uint64_t start, last;

	if (l->n == IOVA_RANGES_MAX)
		return perr(e, "at most %d ranges", IOVA_RANGES_MAX);
	if (parse_range(word, &start, &last))
		return perr(e, "bad range '%s' (START-LAST or START+LENGTH)", word);
	l->r[l->n].start = start;
	l->r[l->n++].last = last;
	return 0;
}

/* START-LAST in hex, which parses back to the same range */
static bool list_format(const void *f, unsigned int i, char *buf, size_t len)
{
	const struct iova_list *l = f;

	if (i >= l->n)
		return false;
	snprintf(buf, len, "0x%" PRIx64 "-0x%" PRIx64, (uint64_t)l->r[i].start,
		 (uint64_t)l->r[i].last);
	return true;
}

static bool list_equal(const void *a, const void *b)
{
	const struct iova_list *x = a, *y = b;

	return x->n == y->n && !memcmp(x->r, y->r, x->n * sizeof(x->r[0]));
}

static const char *const iova_list_kind_samples[] = {
	"16M+1G", "0-0xfff", "4K+4K", NULL
};

const struct arg_custom iova_list_kind = {
	.parse = list_parse, .format = list_format, .equal = list_equal,
	.samples = iova_list_kind_samples,
};

/* ---- shared with info ---- */

void iova_ranges_rec(struct rec *rec, const char *key,
		     const struct ictl_iommu_iova_range *r, uint32_t n)
{
	struct rec *list = rec_list(rec, key), *o;
	uint32_t i;

	for (i = 0; i < n; i++) {
		o = rec_obj(list, NULL);
		rec_hex(o, "start", r[i].start);
		rec_hex(o, "last", r[i].last);
	}
}

uint32_t iova_gaps(const struct ictl_iommu_iova_range *r, uint32_t n,
		   struct ictl_iommu_iova_range *gaps)
{
	uint64_t next = 0;	/* the first IOVA not yet covered */
	bool done = false;	/* the ranges reached the top of the space */
	uint32_t i, g = 0;

	for (i = 0; i < n && !done; i++) {
		if (r[i].start > next) {
			gaps[g].start = next;
			gaps[g++].last = r[i].start - 1;
		}
		if (r[i].last == UINT64_MAX)
			done = true;
		else if (r[i].last + 1 > next)
			next = r[i].last + 1;
	}
	if (!done) {
		gaps[g].start = next;
		gaps[g++].last = UINT64_MAX;
	}
	return g;
}

/* EMSGSIZE tells how many ranges there are: grow once and ask again. */
static int get_ranges(struct session *s, struct ictl_iommu_ioas_iova_ranges *cmd,
		      struct ictl_iommu_iova_range *buf, uint32_t *asked)
{
	int rc;

	cmd->num_iovas = *asked;
	cmd->allowed_iovas = (uintptr_t)buf;
	rc = ictl_ioas_iova_ranges(&s->ictl, cmd);
	if (rc != -EMSGSIZE || cmd->num_iovas <= *asked ||
	    cmd->num_iovas > IOVA_RANGES_MAX)
		return rc;
	*asked = cmd->num_iovas;
	return get_ranges(s, cmd, buf, asked);
}

int ioas_ranges_read(struct session *s, uint32_t ioas_id,
		     struct ictl_iommu_iova_range *buf, uint32_t *n,
		     uint64_t *align)
{
	struct ictl_iommu_ioas_iova_ranges cmd = { .ioas_id = ioas_id };
	uint32_t asked = 16;
	int rc = get_ranges(s, &cmd, buf, &asked);

	*n = rc ? 0 : cmd.num_iovas;
	*align = cmd.out_iova_alignment;
	return rc;
}

/* ---- ioas iova-ranges ---- */

static const struct arg ranges_args[] = {
	{ .kind = ARG_HANDLE, AT(struct ioas_iova_ranges_args, ioas), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "IOAS" },
	{ .opt = "num", .kind = ARG_U64, AT(struct ioas_iova_ranges_args, num),
	  HAS(struct ioas_iova_ranges_args, has_num), .meta = "N",
	  .doc = "Start with room for N ranges (default 1); the buffer grows when "
		 "the kernel answers EMSGSIZE" },
	{ 0 }
};

static int iova_ranges(struct session *s, const void *args, struct result *r)
{
	const struct ioas_iova_ranges_args *a = args;
	struct ictl_iommu_ioas_iova_ranges cmd = { 0 };
	struct ictl_iommu_iova_range *buf;
	struct reg_entry *ioas;
	uint32_t first, asked;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas, &cmd.ioas_id)))
		return rc;
	buf = sess_scratch(s, IOVA_RANGES_MAX * sizeof(*buf));
	if (!buf) {
		sess_err(s, "ioas iova-ranges: out of memory");
		return -ENOMEM;
	}
	first = !a->has_num ? 1 : a->num > IOVA_RANGES_MAX ? IOVA_RANGES_MAX :
		(uint32_t)a->num;
	asked = first;
	r->err = get_ranges(s, &cmd, buf, &asked);
	result_id(r, "ioas", cmd.ioas_id);
	r->v[IOVA_FIRST] = first;
	r->v[IOVA_ASKED] = asked;
	r->v[IOVA_NUM] = cmd.num_iovas;
	r->v[IOVA_ALIGN] = cmd.out_iova_alignment;
	r->data = buf;
	return 0;
}

static void ranges_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	if (r->v[IOVA_ASKED] != r->v[IOVA_FIRST])
		rec_u64(rec, "grown_from", r->v[IOVA_FIRST]);
	rec_u64(rec, "num", r->v[IOVA_NUM]);
	if (r->err)
		return;
	iova_ranges_rec(rec, "ranges", r->data, (uint32_t)r->v[IOVA_NUM]);
	rec_hex(rec, "alignment", r->v[IOVA_ALIGN]);
}

const struct op op_ioas_iova_ranges = {
	.object = "ioas", .verb = "iova-ranges", .name = "ioas.iova-ranges",
	.summary = "report the usable IOVA ranges and alignment of an IOAS",
	.doc = "Report the IOVA ranges of an IOAS that may be mapped, and the "
	       "alignment its domains need.",
	.args = ranges_args, .args_size = sizeof(struct ioas_iova_ranges_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = iova_ranges, .record = ranges_record,
	.want = { IOVA_NUM + 1, "the number of ranges" },
};

/* ---- ioas allow-iovas ---- */

static const struct arg allow_args[] = {
	{ .kind = ARG_HANDLE, AT(struct ioas_allow_iovas_args, ioas), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "IOAS" },
	{ .kind = ARG_CUSTOM, AT(struct ioas_allow_iovas_args, ranges), .flags = ARG_MANY,
	  .custom = &iova_list_kind, .meta = "RANGE" },
	{ 0 }
};

static int allow_iovas(struct session *s, const void *args, struct result *r)
{
	const struct ioas_allow_iovas_args *a = args;
	struct ictl_iommu_ioas_allow_iovas cmd = { 0 };
	struct reg_entry *ioas;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas, &cmd.ioas_id)))
		return rc;
	cmd.num_iovas = a->ranges.n;
	cmd.allowed_iovas = (uintptr_t)a->ranges.r;
	r->err = ictl_ioas_allow_iovas(&s->ictl, &cmd);
	result_id(r, "ioas", cmd.ioas_id);
	return 0;
}

static void allow_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct ioas_allow_iovas_args *a = args;

	rec_result_ids(rec, r);
	iova_ranges_rec(rec, "ranges", a->ranges.r, a->ranges.n);
}

const struct op op_ioas_allow_iovas = {
	.object = "ioas", .verb = "allow-iovas", .name = "ioas.allow-iovas",
	.summary = "restrict an IOAS to a list of IOVA ranges",
	.doc = "Restrict mappings of an IOAS to these ranges (START-LAST or "
	       "START+LENGTH); none lifts the restriction. The list replaces the "
	       "previous one.",
	.args = allow_args, .args_size = sizeof(struct ioas_allow_iovas_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = allow_iovas, .record = allow_record,
};
