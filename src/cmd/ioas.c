// SPDX-License-Identifier: GPL-2.0-only
/* ioas alloc | map | map-file | unmap | copy */
#include <argp.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "host/usermem.h"
#include "util/parse.h"

enum {
	OPT_NAME = 'n', OPT_IOVA = 0x1000, OPT_LENGTH, OPT_MEM, OPT_READONLY,
	OPT_ALL, OPT_START, OPT_SRC_IOVA,
};

struct ioas_args {
	const char *name;	/* alloc: --name */
	const char *ioas;	/* the IOAS handle; copy: the destination */
	const char *src;	/* copy: the source IOAS */
	const char *mem;	/* map, map-file: --mem @buf */
	uint64_t iova, length, start, src_iova;
	bool has_iova, has_length, readonly, all;
	int npos;		/* positional handles the command takes */
};

static int ioas_number(struct argp_state *st, int key, char *arg,
		       struct ioas_args *a)
{
	switch (key) {
	case OPT_IOVA:
		a->has_iova = true;
		return arg_u64(st, arg, &a->iova);
	case OPT_LENGTH:
		a->has_length = true;
		return arg_u64(st, arg, &a->length);
	case OPT_START:
		return arg_u64(st, arg, &a->start);
	}
	return arg_u64(st, arg, &a->src_iova);
}

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
	case OPT_IOVA: case OPT_LENGTH: case OPT_START: case OPT_SRC_IOVA:
		return ioas_number(st, key, arg, a);
	case ARGP_KEY_ARG:
		if (a->npos == 2 && a->ioas)
			return arg_take(st, &a->src, arg);
		if (a->npos)
			return arg_take(st, &a->ioas, arg);
		argp_error(st, "unexpected argument '%s'", arg);
		return EINVAL;
	case ARGP_KEY_END:
		return (a->npos > 0 ? arg_need(st, a->ioas, "IOAS") : 0) ||
		       (a->npos > 1 ? arg_need(st, a->src, "SRC IOAS") : 0);
	}
	return ARGP_ERR_UNKNOWN;
}

static int map_flags(const struct ioas_args *a, bool fixed)
{
	return ICTL_IOMMU_IOAS_MAP_READABLE |
	       (a->readonly ? 0 : ICTL_IOMMU_IOAS_MAP_WRITEABLE) |
	       (fixed ? ICTL_IOMMU_IOAS_MAP_FIXED_IOVA : 0);
}

static const struct argp_option alloc_opts[] = {
	{ "name", OPT_NAME, "NAME", 0, "Name the new IOAS (default ioasN)", 0 },
	{ 0 }
};

static const struct argp alloc_argp = { alloc_opts, ioas_opt, NULL,
	"Allocate an I/O address space.", NULL, NULL, NULL };

static int ioas_alloc(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_alloc cmd = { 0 };
	struct ioas_args a = { 0 };
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_alloc, &alloc_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)))
		return rc;
	rc = ictl_ioas_alloc(&ctx->ictl, &cmd);
	op = op_begin("ioas.alloc");
	if (!rc) {
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
	{ "length", OPT_LENGTH, "SIZE", 0, "Bytes to map (K/M/G suffixes); alone, allocates anonymous memory", 0 },
	{ "mem", OPT_MEM, "@MEM", 0, "Map this memory (from mem alloc or an earlier map)", 0 },
	{ "iova", OPT_IOVA, "IOVA", 0, "Map at this IOVA (fixed); default: the kernel picks", 0 },
	{ "readonly", OPT_READONLY, NULL, 0, "Map without write permission", 0 },
	{ 0 }
};

static const struct argp map_argp = { map_opts, ioas_opt, "IOAS",
	"Map user memory into an IOAS.", NULL, NULL, NULL };

/* --mem @buf, or fresh anonymous memory of --length bytes */
static struct reg_entry *map_memory(struct ctx *ctx, const struct ioas_args *a)
{
	struct reg_entry *e;
	uint32_t unused;

	if (!a->mem) {
		e = reg_new_mem(&ctx->reg, a->length, MEM_ANON, NULL);
		if (!e)
			msg_err(ctx, "cannot allocate %llu bytes: %s",
				(unsigned long long)a->length, strerror(errno));
		return e;
	}
	if (cmd_resolve(ctx, a->mem, OBJ_BIT(OBJ_MEM), &e, &unused))
		return NULL;
	if (!e)
		msg_err(ctx, "--mem takes an @name");
	return e;
}

static int ioas_map(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_map cmd = { 0 };
	struct ioas_args a = { .npos = 1 };
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
	cmd.flags = map_flags(&a, a.has_iova);
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

static const struct argp_option map_file_opts[] = {
	{ "mem", OPT_MEM, "@MEM", 0, "memfd memory (mem alloc --kind memfd)", 0 },
	{ "start", OPT_START, "OFFSET", 0, "Offset in the file (default 0)", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Bytes to map (default: the whole memory)", 0 },
	{ "iova", OPT_IOVA, "IOVA", 0, "Map at this IOVA (fixed)", 0 },
	{ "readonly", OPT_READONLY, NULL, 0, "Map without write permission", 0 },
	{ 0 }
};

static const struct argp map_file_argp = { map_file_opts, ioas_opt, "IOAS",
	"Map a file (memfd) into an IOAS by its file descriptor (since 6.13).",
	NULL, NULL, NULL };

static int ioas_map_file(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_map_file cmd = { 0 };
	struct ioas_args a = { .npos = 1 };
	struct reg_entry *ioas, *mem;
	struct json_object *op;
	uint32_t unused;
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_map_file, &map_file_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.ioas, OBJ_BIT(OBJ_IOAS), &ioas, &cmd.ioas_id)) ||
	    (rc = cmd_resolve(ctx, a.mem ? a.mem : "", OBJ_BIT(OBJ_MEM), &mem, &unused)))
		return rc;
	if (!mem || mem->fd < 0) {
		msg_err(ctx, "ioas map-file: --mem needs memfd memory (mem alloc --kind memfd)");
		return EXIT_USAGE;
	}
	cmd.fd = mem->fd;
	cmd.start = a.start;
	cmd.length = a.has_length ? a.length : mem->len - a.start;
	cmd.iova = a.iova;
	cmd.flags = map_flags(&a, a.has_iova);
	rc = ictl_ioas_map_file(&ctx->ictl, &cmd);
	op = op_begin("ioas.map-file");
	op_id(op, "ioas", cmd.ioas_id);
	op_str(op, "mem", mem->name);
	op_hex(op, "start", cmd.start);
	op_hex(op, "iova", cmd.iova);
	op_hex(op, "length", cmd.length);
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

const struct cmd cmd_ioas_map_file = {
	.object = "ioas", .verb = "map-file", .fn = ioas_map_file,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "map memfd memory into an IOAS by file descriptor",
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
	struct ioas_args a = { .npos = 1 };
	struct reg_entry *ioas;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_unmap, &unmap_argp, argc, argv, &a))
		return ctx->parse_status;
	if (a.all ? a.has_iova || a.has_length : !(a.has_iova && a.has_length)) {
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

static const struct argp_option copy_opts[] = {
	{ "src-iova", OPT_SRC_IOVA, "IOVA", 0, "Start of the source mapping", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Length of the source range", 0 },
	{ "iova", OPT_IOVA, "IOVA", 0, "Destination IOVA (fixed); default: the kernel picks", 0 },
	{ "readonly", OPT_READONLY, NULL, 0, "Map without write permission", 0 },
	{ 0 }
};

static const struct argp copy_argp = { copy_opts, ioas_opt, "DST SRC",
	"Map the pages behind a mapping of SRC into DST as well, without user "
	"memory.", NULL, NULL, NULL };

static int ioas_copy(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_copy cmd = { 0 };
	struct ioas_args a = { .npos = 2 };
	struct reg_entry *dst, *src;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_copy, &copy_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.ioas, OBJ_BIT(OBJ_IOAS), &dst, &cmd.dst_ioas_id)) ||
	    (rc = cmd_resolve(ctx, a.src, OBJ_BIT(OBJ_IOAS), &src, &cmd.src_ioas_id)))
		return rc;
	cmd.src_iova = a.src_iova;
	cmd.dst_iova = a.iova;
	cmd.length = a.length;
	cmd.flags = map_flags(&a, a.has_iova);
	rc = ictl_ioas_copy(&ctx->ictl, &cmd);
	op = op_begin("ioas.copy");
	op_id(op, "ioas", cmd.dst_ioas_id);
	op_id(op, "src_ioas", cmd.src_ioas_id);
	op_hex(op, "src_iova", cmd.src_iova);
	op_hex(op, "iova", cmd.dst_iova);
	op_hex(op, "length", cmd.length);
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

const struct cmd cmd_ioas_copy = {
	.object = "ioas", .verb = "copy", .fn = ioas_copy,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "copy a mapping from one IOAS to another",
};
