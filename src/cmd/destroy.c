// SPDX-License-Identifier: GPL-2.0-only
/* destroy: any object, by @name or id */
#include <argp.h>
#include <errno.h>
#include <unistd.h>

#include "cmds.h"
#include "cmd.h"
#include "emit.h"
#include "mem.h"
#include "ops.h"

struct destroy_args {
	const char *obj;
};

static error_t destroy_opt(int key, char *arg, struct argp_state *st)
{
	struct destroy_args *a = st->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (a->obj) {
			argp_error(st, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		a->obj = arg;
		return 0;
	case ARGP_KEY_END:
		if (!a->obj) {
			argp_error(st, "missing OBJECT");
			return EINVAL;
		}
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp destroy_argp = { NULL, destroy_opt, "OBJECT",
	"Destroy an object given as @name or id. A mock device is destroyed "
	"through its selftest object, memory is unmapped from the process.",
	NULL, NULL, NULL };

/* What IOMMU_DESTROY must name: a mock device goes away with its selftest object. */
static uint32_t kernel_id(const struct reg_entry *e, uint32_t id)
{
	return e && e->type == OBJ_DEV && e->stdev_id ? e->stdev_id : id;
}

static int close_access(struct reg_entry *e)
{
	int rc = close(e->fd) ? -errno : 0;

	e->fd = -1;
	return rc;
}

int do_destroy(struct ctx *ctx, struct reg_entry *e, uint32_t id)
{
	struct json_object *op = op_begin("destroy");
	int rc = 0;

	ctx->ictl.last_ns = 0;
	op_id(op, e ? obj_type_name(e->type) : "obj", id);
	if (e)
		op_str(op, "name", e->name);
	if (e && e->type == OBJ_MEM)
		mem_release(e);
	/* a bound VFIO device holds its cdev fd: closing it is the unbind */
	else if (e && e->type == OBJ_DEV && !e->stdev_id && e->fd >= 0)
		rc = device_unbind(ctx, op, e);
	/* a mock access is a file: closing it detaches it from its IOAS */
	else if (e && e->type == OBJ_ACCESS)
		rc = close_access(e);
	else
		rc = ictl_destroy(&ctx->ictl, kernel_id(e, id));
	if (!rc && e) {
		if (e->fd >= 0)
			close(e->fd);
		reg_del(&ctx->reg, e);
	}
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

static int destroy(struct ctx *ctx, int argc, char **argv)
{
	struct destroy_args a = { 0 };
	struct reg_entry *e;
	uint32_t id;
	int rc;

	if (!cmd_parse(ctx, &cmd_destroy, &destroy_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.obj, OBJ_ANY, &e, &id)))
		return rc;
	return do_destroy(ctx, e, id);
}

const struct cmd cmd_destroy = {
	.object = "destroy", .fn = destroy,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "destroy any object (IOMMU_DESTROY)",
};
