// SPDX-License-Identifier: GPL-2.0-only
/* ioas alloc | map | unmap */
#include <argp.h>
#include <errno.h>
#include <stdint.h>

#include "cmds.h"
#include "cmd.h"
#include "emit.h"
#include "mem.h"
#include "parse.h"

enum { OPT_NAME = 'n', OPT_IOVA = 0x1000, OPT_LENGTH, OPT_MEM, OPT_READONLY, OPT_ALL };

struct ioas_args {
	const char *name;	/* alloc: --name */
	const char *ioas;	/* map, unmap: the IOAS handle */
	const char *mem;	/* map: --mem @buf */
	uint64_t iova, length;
	bool has_iova, has_length, readonly, all;
	bool want_ioas;		/* the command takes an IOAS argument */
};

static error_t ioas_opt(int key, char *arg, struct argp_state *st)
{
	struct ioas_args *a = st->input;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_MEM:
		a->mem = arg;
		return 0;
	case OPT_READONLY:
		a->readonly = true;
		return 0;
	case OPT_ALL:
		a->all = true;
		return 0;
	case OPT_IOVA:
	case OPT_LENGTH:
		if (parse_u64(arg, key == OPT_IOVA ? &a->iova : &a->length)) {
			argp_error(st, "bad number '%s'", arg);
			return EINVAL;
		}
		*(key == OPT_IOVA ? &a->has_iova : &a->has_length) = true;
		return 0;
	case ARGP_KEY_ARG:
		if (a->ioas || !a->want_ioas) {
			argp_error(st, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		a->ioas = arg;
		return 0;
	case ARGP_KEY_END:
		if (a->want_ioas && !a->ioas) {
			argp_error(st, "missing IOAS");
			return EINVAL;
		}
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option alloc_opts[] = {
	{ "name", OPT_NAME, "NAME", 0, "Name the new IOAS (default ioasN)", 0 },
	{ 0 }
};

static const struct argp alloc_argp = { alloc_opts, ioas_opt, NULL,
	"Allocate an I/O address space.", NULL, NULL, NULL };

static int ioas_alloc(struct ctx *ctx, int argc, char **argv)
{
	const struct cmd *self = &cmd_ioas_alloc;
	struct ictl_iommu_ioas_alloc cmd = { 0 };
	struct ioas_args a = { 0 };
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, self, &alloc_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)))
		return rc;
	rc = ictl_ioas_alloc(&ctx->ictl, &cmd);
	op = op_begin("ioas.alloc");
	if (!rc) {
		op_id(op, "ioas", cmd.out_ioas_id);
		if (!cmd_register(ctx, op, OBJ_IOAS, cmd.out_ioas_id, a.name))
			rc = -ENOMEM;
	}
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

const struct cmd cmd_ioas_alloc = {
	.object = "ioas", .verb = "alloc", .fn = ioas_alloc,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "allocate an IOAS (I/O address space)",
};

static const struct argp_option map_opts[] = {
	{ "length", OPT_LENGTH, "SIZE", 0, "Bytes to map (K/M/G suffixes); allocates anonymous memory", 0 },
	{ "mem", OPT_MEM, "@MEM", 0, "Map this memory instead of allocating", 0 },
	{ "iova", OPT_IOVA, "IOVA", 0, "Map at this IOVA (fixed); default: the kernel picks", 0 },
	{ "readonly", OPT_READONLY, NULL, 0, "Map without write permission", 0 },
	{ 0 }
};

static const struct argp map_argp = { map_opts, ioas_opt, "IOAS",
	"Map user memory into an IOAS.", NULL, NULL, NULL };

static struct reg_entry *map_memory(struct ctx *ctx, const struct ioas_args *a)
{
	struct reg_entry *e;
	uint32_t unused;

	if (!a->mem)
		return mem_new(ctx, a->length, NULL);
	if (cmd_resolve(ctx, a->mem, OBJ_BIT(OBJ_MEM), &e, &unused))
		return NULL;
	if (!e) {
		msg_err(ctx, "--mem takes an @name");
		return NULL;
	}
	return e;
}

static int ioas_map(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_map cmd = { 0 };
	struct ioas_args a = { .want_ioas = true };
	struct reg_entry *ioas, *mem;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_map, &map_argp, argc, argv, &a))
		return ctx->parse_status;
	if (!a.mem && !a.has_length) {
		msg_err(ctx, "ioas map: give --length or --mem");
		return EXIT_USAGE;
	}
	if ((rc = cmd_resolve(ctx, a.ioas, OBJ_BIT(OBJ_IOAS), &ioas, &cmd.ioas_id)))
		return rc;
	mem = map_memory(ctx, &a);
	if (!mem)
		return EXIT_USAGE;
	cmd.user_va = (uintptr_t)mem->mem;
	cmd.length = a.has_length ? a.length : mem->len;
	cmd.iova = a.iova;
	cmd.flags = ICTL_IOMMU_IOAS_MAP_READABLE |
		    (a.readonly ? 0 : ICTL_IOMMU_IOAS_MAP_WRITEABLE) |
		    (a.has_iova ? ICTL_IOMMU_IOAS_MAP_FIXED_IOVA : 0);
	rc = ictl_ioas_map(&ctx->ictl, &cmd);
	op = op_begin("ioas.map");
	op_id(op, "ioas", cmd.ioas_id);
	op_str(op, "mem", mem->name);
	op_hex(op, "iova", cmd.iova);
	op_hex(op, "length", cmd.length);
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

const struct cmd cmd_ioas_map = {
	.object = "ioas", .verb = "map", .fn = ioas_map,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "map user memory into an IOAS",
};

static const struct argp_option unmap_opts[] = {
	{ "iova", OPT_IOVA, "IOVA", 0, "Start of the range", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Length of the range", 0 },
	{ "all", OPT_ALL, NULL, 0, "Unmap everything (iova 0, length 2^64-1)", 0 },
	{ 0 }
};

static const struct argp unmap_argp = { unmap_opts, ioas_opt, "IOAS",
	"Unmap a range of an IOAS; the range must cover whole mappings.",
	NULL, NULL, NULL };

static int ioas_unmap(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_unmap cmd = { 0 };
	struct ioas_args a = { .want_ioas = true };
	struct reg_entry *ioas;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_unmap, &unmap_argp, argc, argv, &a))
		return ctx->parse_status;
	if (a.all == (a.has_iova || a.has_length) ||
	    (!a.all && !(a.has_iova && a.has_length))) {
		msg_err(ctx, "ioas unmap: give --iova and --length, or --all");
		return EXIT_USAGE;
	}
	if ((rc = cmd_resolve(ctx, a.ioas, OBJ_BIT(OBJ_IOAS), &ioas, &cmd.ioas_id)))
		return rc;
	cmd.iova = a.all ? 0 : a.iova;
	cmd.length = a.all ? UINT64_MAX : a.length;
	op = op_begin("ioas.unmap");
	op_id(op, "ioas", cmd.ioas_id);
	op_hex(op, "iova", cmd.iova);
	op_hex(op, "length", cmd.length);
	rc = ictl_ioas_unmap(&ctx->ictl, &cmd);
	/* the kernel copies the unmapped byte count back only on success */
	if (!rc)
		op_hex(op, "unmapped", cmd.length);
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

const struct cmd cmd_ioas_unmap = {
	.object = "ioas", .verb = "unmap", .fn = ioas_unmap,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "unmap a range (or everything) from an IOAS",
};
