// SPDX-License-Identifier: GPL-2.0-only
/* ioas iova-ranges | allow-iovas: which IOVAs of an IOAS may be used */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>

#include "cmds.h"
#include "emit.h"
#include "ops.h"
#include "util/parse.h"

#define MAX_RANGES IOVA_RANGES_MAX

enum { OPT_NUM = 0x1000 };

struct iova_args {
	const char *ioas;
	uint32_t num;			/* iova-ranges: first buffer size */
	bool takes_ranges;		/* allow-iovas */
	uint32_t nranges;
	struct ictl_iommu_iova_range ranges[MAX_RANGES];
};

static int add_range(struct argp_state *st, struct iova_args *a, const char *arg)
{
	struct ictl_iommu_iova_range *r = &a->ranges[a->nranges];

	if (!a->takes_ranges || a->nranges == MAX_RANGES) {
		argp_error(st, "unexpected argument '%s'", arg);
		return EINVAL;
	}
	if (parse_range(arg, &r->start, &r->last)) {
		argp_error(st, "bad range '%s' (START-LAST or START+LENGTH)", arg);
		return EINVAL;
	}
	a->nranges++;
	return 0;
}

static error_t iova_opt(int key, char *arg, struct argp_state *st)
{
	struct iova_args *a = st->input;
	uint64_t v;

	switch (key) {
	case OPT_NUM:
		if (arg_u64(st, arg, &v))
			return EINVAL;
		a->num = v > MAX_RANGES ? MAX_RANGES : (uint32_t)v;
		return 0;
	case ARGP_KEY_ARG:
		return a->ioas ? add_range(st, a, arg) : arg_take(st, &a->ioas, arg);
	case ARGP_KEY_END:
		return arg_need(st, a->ioas, "IOAS");
	}
	return ARGP_ERR_UNKNOWN;
}

struct json_object *iova_ranges_json(const struct ictl_iommu_iova_range *r,
				     uint32_t n)
{
	struct json_object *arr = json_object_new_array();
	uint32_t i;

	for (i = 0; i < n; i++) {
		struct json_object *o = json_object_new_object();

		op_hex(o, "start", r[i].start);
		op_hex(o, "last", r[i].last);
		json_object_array_add(arr, o);
	}
	return arr;
}

static void op_ranges(struct json_object *op, const struct ictl_iommu_iova_range *r,
		      uint32_t n)
{
	json_object_object_add(op, "ranges", iova_ranges_json(r, n));
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

static const struct argp_option ranges_opts[] = {
	{ "num", OPT_NUM, "N", 0, "Start with room for N ranges (default 1); "
	  "the buffer grows when the kernel answers EMSGSIZE", 0 },
	{ 0 }
};

static const struct argp ranges_argp = { ranges_opts, iova_opt, "IOAS",
	"Report the IOVA ranges of an IOAS that may be mapped, and the "
	"alignment its domains need.", NULL, NULL, NULL };

/* EMSGSIZE tells how many ranges there are: grow once and ask again. */
static int get_ranges(struct ictl *c, struct ictl_iommu_ioas_iova_ranges *cmd,
		      struct ictl_iommu_iova_range *buf, uint32_t *asked)
{
	int rc;

	cmd->num_iovas = *asked;
	cmd->allowed_iovas = (uintptr_t)buf;
	rc = ictl_ioas_iova_ranges(c, cmd);
	if (rc != -EMSGSIZE || cmd->num_iovas <= *asked ||
	    cmd->num_iovas > MAX_RANGES)
		return rc;
	*asked = cmd->num_iovas;
	return get_ranges(c, cmd, buf, asked);
}

int ioas_ranges_read(struct session *s, uint32_t ioas_id,
		     struct ictl_iommu_iova_range *buf, uint32_t *n,
		     uint64_t *align)
{
	struct ictl_iommu_ioas_iova_ranges cmd = { .ioas_id = ioas_id };
	uint32_t asked = 16;
	int rc = get_ranges(&s->ictl, &cmd, buf, &asked);

	*n = rc ? 0 : cmd.num_iovas;
	*align = cmd.out_iova_alignment;
	return rc;
}

static int ioas_iova_ranges(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_iova_ranges cmd = { 0 };
	struct iova_args a = { .num = 1 };
	struct json_object *op;
	struct reg_entry *ioas;
	uint32_t asked;
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_iova_ranges, &ranges_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.ioas, OBJ_BIT(OBJ_IOAS), &ioas, &cmd.ioas_id)))
		return rc;
	asked = a.num;
	rc = get_ranges(&ctx->s.ictl, &cmd, a.ranges, &asked);
	op = op_begin("ioas.iova-ranges");
	op_id(op, "ioas", cmd.ioas_id);
	if (asked != a.num)
		op_u64(op, "grown_from", a.num);
	op_u64(op, "num", cmd.num_iovas);
	if (!rc) {
		op_ranges(op, a.ranges, cmd.num_iovas);
		op_hex(op, "alignment", cmd.out_iova_alignment);
	}
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_ioas_iova_ranges = {
	.object = "ioas", .verb = "iova-ranges", .fn = ioas_iova_ranges,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "report the usable IOVA ranges and alignment of an IOAS",
};

static const struct argp allow_argp = { NULL, iova_opt, "IOAS [RANGE...]",
	"Restrict mappings of an IOAS to these ranges (START-LAST or "
	"START+LENGTH); none lifts the restriction. The list replaces the "
	"previous one.", NULL, NULL, NULL };

static int ioas_allow_iovas(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_allow_iovas cmd = { 0 };
	struct iova_args a = { .takes_ranges = true };
	struct json_object *op;
	struct reg_entry *ioas;
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_allow_iovas, &allow_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.ioas, OBJ_BIT(OBJ_IOAS), &ioas, &cmd.ioas_id)))
		return rc;
	cmd.num_iovas = a.nranges;
	cmd.allowed_iovas = (uintptr_t)a.ranges;
	rc = ictl_ioas_allow_iovas(&ctx->s.ictl, &cmd);
	op = op_begin("ioas.allow-iovas");
	op_id(op, "ioas", cmd.ioas_id);
	op_ranges(op, a.ranges, a.nranges);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_ioas_allow_iovas = {
	.object = "ioas", .verb = "allow-iovas", .fn = ioas_allow_iovas,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "restrict an IOAS to a list of IOVA ranges",
};
