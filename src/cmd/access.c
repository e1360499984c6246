// SPDX-License-Identifier: GPL-2.0-only
/*
 * access create | pin | unpin | rw | replace: the mock driver's in-kernel
 * access to an IOAS (CONFIG_IOMMUFD_TEST), which is how emulated devices
 * such as mdev reach user memory: pinning pages, reading and writing
 * through the IOAS. The access is a file; closing it (destroy) detaches it.
 */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "emit.h"
#include "ops.h"
#include "util/parse.h"

enum {
	OPT_NAME = 'n', OPT_IOVA = 0x1000, OPT_LENGTH, OPT_MEM, OPT_WRITE,
	OPT_NEEDS_PIN, OPT_SLOW, OPT_PAGES,
};

struct access_args {
	const char *pos[2];
	unsigned int want;
	const char *name, *mem;
	uint64_t iova, length, pages;
	bool write, needs_pin, slow;
};

static error_t access_opt(int key, char *arg, struct argp_state *st)
{
	struct access_args *a = st->input;

	switch (key) {
	case OPT_NAME: a->name = arg; return 0;
	case OPT_MEM: a->mem = arg; return 0;
	case OPT_IOVA: return arg_u64(st, arg, &a->iova);
	case OPT_LENGTH: return arg_u64(st, arg, &a->length);
	case OPT_PAGES: return arg_u64(st, arg, &a->pages);
	case OPT_WRITE: a->write = true; return 0;
	case OPT_NEEDS_PIN: a->needs_pin = true; return 0;
	case OPT_SLOW: a->slow = true; return 0;
	case ARGP_KEY_ARG:
		return arg_take(st, a->pos[0] && a->want > 1 ? &a->pos[1] : &a->pos[0], arg);
	case ARGP_KEY_END:
		return arg_need(st, a->pos[a->want - 1], a->want > 1 ?
				"ACCESS and IOAS" : "the access or IOAS (see --help)");
	}
	return ARGP_ERR_UNKNOWN;
}

/* Resolve @arg as an access; its id for the selftest is the file descriptor */
static int resolve_access(struct ctx *ctx, const char *arg, uint32_t *fd)
{
	struct reg_entry *e;
	int rc = cmd_resolve(ctx, arg, OBJ_BIT(OBJ_ACCESS), &e, fd);

	if (!rc && e)
		*fd = (uint32_t)e->fd;
	return rc;
}

static int run_test(struct ctx *ctx, struct ictl_iommu_test_cmd *cmd,
		    struct json_object *op)
{
	int rc = ictl_test_cmd(&ctx->s.ictl, cmd);

	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

/* ---- access create ---- */

static const struct argp_option create_opts[] = {
	{ "needs-pin", OPT_NEEDS_PIN, NULL, 0, "An access that must pin pages "
	  "(no read/write through the IOAS without them)", 0 },
	{ "name", OPT_NAME, "NAME", 0, "Name the access (default accessN)", 0 },
	{ 0 }
};

static const struct argp create_argp = { create_opts, access_opt, "IOAS",
	"Create a mock in-kernel access to IOAS. Mappings it has pinned cannot "
	"be unmapped until it lets go.", NULL, NULL, NULL };

static int access_create(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_CREATE_ACCESS };
	struct access_args a = { .want = 1 };
	struct reg_entry *ioas, *e;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_access_create, &create_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)) ||
	    (rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_IOAS), &ioas, &cmd.id)))
		return rc;
	if (a.needs_pin)
		cmd.create_access.flags = ICTL_MOCK_FLAGS_ACCESS_CREATE_NEEDS_PIN_PAGES;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("access.create");
	op_id(op, "ioas", cmd.id);
	if (!rc) {
		e = cmd_register(ctx, op, OBJ_ACCESS, cmd.create_access.out_access_fd, a.name);
		if (e)
			e->fd = (int)cmd.create_access.out_access_fd;
		else
			rc = -ENOMEM;
	}
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_access_create = {
	.object = "access", .verb = "create", .fn = access_create,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "create a mock in-kernel access to an IOAS (CONFIG_IOMMUFD_TEST)",
};

/* ---- access pin / unpin ---- */

static const struct argp_option pin_opts[] = {
	{ "iova", OPT_IOVA, "IOVA", 0, "Start of the range", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Bytes to pin", 0 },
	{ "mem", OPT_MEM, "@MEM", 0, "The memory mapped at IOVA: the kernel checks "
	  "that it pinned these very pages", 0 },
	{ "write", OPT_WRITE, NULL, 0, "Pin for writing", 0 },
	{ 0 }
};

static const struct argp pin_argp = { pin_opts, access_opt, "ACCESS",
	"Pin the pages behind an IOVA range through ACCESS; the record gives "
	"the pin's id for access unpin.", NULL, NULL, NULL };

static int access_pin(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_ACCESS_PAGES };
	struct access_args a = { .want = 1 };
	struct reg_entry *mem = NULL;
	struct json_object *op;
	uint32_t unused;
	int rc;

	if (!cmd_parse(ctx, &cmd_access_pin, &pin_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = resolve_access(ctx, a.pos[0], &cmd.id)) ||
	    (a.mem && (rc = cmd_resolve(ctx, a.mem, OBJ_BIT(OBJ_MEM), &mem, &unused))))
		return rc;
	cmd.access_pages.iova = a.iova;
	cmd.access_pages.length = a.length;
	cmd.access_pages.uptr = mem ? (uintptr_t)mem->mem : 0;
	cmd.access_pages.flags = a.write ? ICTL_MOCK_FLAGS_ACCESS_WRITE : 0;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	op = op_begin("access.pin");
	op_hex(op, "iova", a.iova);
	op_hex(op, "length", a.length);
	if (!rc)
		op_u64(op, "pages", cmd.access_pages.out_access_pages_id);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_access_pin = {
	.object = "access", .verb = "pin", .fn = access_pin,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "pin the pages behind an IOVA range through a mock access",
};

static const struct argp_option unpin_opts[] = {
	{ "pages", OPT_PAGES, "ID", 0, "The pin to undo, from access pin", 0 },
	{ 0 }
};

static const struct argp unpin_argp = { unpin_opts, access_opt, "ACCESS",
	"Unpin what access pin pinned.", NULL, NULL, NULL };

static int access_unpin(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_DESTROY_ACCESS_PAGES };
	struct access_args a = { .want = 1 };
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_access_unpin, &unpin_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = resolve_access(ctx, a.pos[0], &cmd.id)))
		return rc;
	cmd.destroy_access_pages.access_pages_id = (uint32_t)a.pages;
	op = op_begin("access.unpin");
	op_u64(op, "pages", a.pages);
	return run_test(ctx, &cmd, op);
}

const struct cmd cmd_access_unpin = {
	.object = "access", .verb = "unpin", .fn = access_unpin,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "unpin what access pin pinned",
};

/* ---- access rw ---- */

static const struct argp_option rw_opts[] = {
	{ "iova", OPT_IOVA, "IOVA", 0, "Start of the range", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Bytes (at most 16M)", 0 },
	{ "write", OPT_WRITE, NULL, 0, "Write a byte pattern instead of reading", 0 },
	{ "slow", OPT_SLOW, NULL, 0, "Take the kernel's page-by-page path", 0 },
	{ 0 }
};

static const struct argp rw_argp = { rw_opts, access_opt, "ACCESS",
	"Read or write user memory through the IOAS, as an emulated device's "
	"DMA would. A read reports the first bytes it saw.", NULL, NULL, NULL };

static int access_rw(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_ACCESS_RW };
	struct access_args a = { .want = 1 };
	struct json_object *op;
	unsigned char *buf;
	uint64_t head = 0;
	size_t i;
	int rc;

	if (!cmd_parse(ctx, &cmd_access_rw, &rw_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = resolve_access(ctx, a.pos[0], &cmd.id)))
		return rc;
	/* the kernel refuses more than 16 MiB; one byte more shows that */
	buf = malloc(a.length > (16u << 20) ? (16u << 20) + 1 : a.length + 1);
	if (!buf)
		return EXIT_USAGE;
	for (i = 0; i < a.length && i <= (16u << 20); i++)
		buf[i] = (unsigned char)(0xa5 ^ i);
	cmd.access_rw.iova = a.iova;
	cmd.access_rw.length = a.length;
	cmd.access_rw.uptr = (uintptr_t)buf;
	cmd.access_rw.flags = (a.write ? ICTL_MOCK_ACCESS_RW_WRITE : 0) |
			      (a.slow ? ICTL_MOCK_ACCESS_RW_SLOW_PATH : 0);
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	for (i = 0; !rc && !a.write && i < a.length && i < 8; i++)
		head |= (uint64_t)buf[i] << (8 * i);
	free(buf);
	op = op_begin(a.write ? "access.write" : "access.read");
	op_hex(op, "iova", a.iova);
	op_hex(op, "length", a.length);
	if (!rc && !a.write)
		op_hex(op, "head", head);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_access_rw = {
	.object = "access", .verb = "rw", .fn = access_rw,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "read or write user memory through a mock access",
};

/* ---- access replace ---- */

static const struct argp replace_argp = { NULL, access_opt, "ACCESS IOAS",
	"Move an access to another IOAS (it must hold no pins).", NULL, NULL, NULL };

static int access_replace(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_ACCESS_REPLACE_IOAS };
	struct access_args a = { .want = 2 };
	struct reg_entry *ioas;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_access_replace, &replace_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = resolve_access(ctx, a.pos[0], &cmd.id)) ||
	    (rc = cmd_resolve(ctx, a.pos[1], OBJ_BIT(OBJ_IOAS), &ioas,
			      &cmd.access_replace_ioas.ioas_id)))
		return rc;
	op = op_begin("access.replace");
	op_id(op, "ioas", cmd.access_replace_ioas.ioas_id);
	return run_test(ctx, &cmd, op);
}

const struct cmd cmd_access_replace = {
	.object = "access", .verb = "replace", .fn = access_replace,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "move a mock access to another IOAS",
};

/* ---- access close ---- */

static const struct argp close_argp = { NULL, access_opt, "ACCESS",
	"Close an access (as destroy does); a plain number is taken as the "
	"access's file descriptor, which stress uses across threads.",
	NULL, NULL, NULL };

static int access_close(struct ctx *ctx, int argc, char **argv)
{
	struct access_args a = { .want = 1 };
	struct json_object *op;
	struct reg_entry *e;
	uint32_t fd;
	int rc;

	if (!cmd_parse(ctx, &cmd_access_close, &close_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_ACCESS), &e, &fd)))
		return rc;
	if (e)
		return do_destroy(ctx, e, e->id);
	op = op_begin("access.close");
	op_u64(op, "fd", fd);
	rc = close((int)fd) ? -errno : 0;
	return op_end(ctx, op, rc, 0);
}

const struct cmd cmd_access_close = {
	.object = "access", .verb = "close", .fn = access_close,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "close a mock access (destroy does the same for an @name)",
};
