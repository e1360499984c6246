// SPDX-License-Identifier: GPL-2.0-only
/* mem alloc: user memory for ioas map and map-file, kept under a name */
#include <argp.h>
#include <errno.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "host/usermem.h"

enum { OPT_NAME = 'n', OPT_SIZE = 0x1000, OPT_KIND };

struct mem_args {
	const char *name;
	uint64_t size;
	enum mem_kind kind;
};

static error_t mem_opt(int key, char *arg, struct argp_state *st)
{
	struct mem_args *a = st->input;
	int k;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_SIZE:
		return arg_u64(st, arg, &a->size);
	case OPT_KIND:
		for (k = MEM_ANON; k <= MEM_MEMFD; k++) {
			if (!strcmp(arg, mem_kind_name(k))) {
				a->kind = k;
				return 0;
			}
		}
		argp_error(st, "unknown kind '%s' (anon, hugetlb, memfd)", arg);
		return EINVAL;
	case ARGP_KEY_ARG:
		argp_error(st, "unexpected argument '%s'", arg);
		return EINVAL;
	case ARGP_KEY_END:
		if (a->size)
			return 0;
		argp_error(st, "missing --size");
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option alloc_opts[] = {
	{ "size", OPT_SIZE, "SIZE", 0, "Bytes to allocate (K/M/G suffixes)", 0 },
	{ "kind", OPT_KIND, "KIND", 0, "anon (default), hugetlb (needs reserved "
	  "huge pages) or memfd (for ioas map-file)", 0 },
	{ "name", OPT_NAME, "NAME", 0, "Name the memory (default memN)", 0 },
	{ 0 }
};

static const struct argp alloc_argp = { alloc_opts, mem_opt, NULL,
	"Allocate memory in this process, zeroed and faulted in, to map into "
	"IOASes. destroy @NAME frees it.", NULL, NULL, NULL };

static int mem_alloc(struct ctx *ctx, int argc, char **argv)
{
	struct mem_args a = { 0 };
	struct json_object *op;
	struct reg_entry *e;
	uint64_t t0;
	int rc;

	if (!cmd_parse(ctx, &cmd_mem_alloc, &alloc_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)))
		return rc;
	t0 = ictl_now_ns();
	e = reg_new_mem(&ctx->s.reg, a.size, a.kind, a.name);
	rc = e ? 0 : -errno;
	op = op_begin("mem.alloc");
	if (e)
		op_str(op, "name", e->name);
	op_str(op, "kind", mem_kind_name(a.kind));
	op_hex(op, "length", a.size);
	return op_end(ctx, op, rc, ictl_now_ns() - t0);
}

const struct cmd cmd_mem_alloc = {
	.object = "mem", .verb = "alloc", .fn = mem_alloc,
	.flags = CMD_SCRIPTABLE,
	.summary = "allocate memory to map (anonymous, hugetlb or memfd)",
};
