// SPDX-License-Identifier: GPL-2.0-only
/* destroy: any object, by @name or id */
#include <argp.h>
#include <errno.h>
#include <unistd.h>

#include "cmds.h"
#include "cmd.h"
#include "emit.h"
#include "host/usermem.h"
#include "ops.h"

enum { OPT_KEEP_FD = 0x1000 };

struct destroy_args {
	const char *obj;
	bool keep_fd;
};

static error_t destroy_opt(int key, char *arg, struct argp_state *st)
{
	struct destroy_args *a = st->input;

	switch (key) {
	case OPT_KEEP_FD:
		a->keep_fd = true;
		return 0;
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

static const struct argp_option destroy_opts[] = {
	{ "keep-fd", OPT_KEEP_FD, NULL, 0,
	  "Leave a fault queue's or vEVENTQ's fd open: the kernel then refuses "
	  "(EBUSY), since the open fd holds the object", 0 },
	{ 0 }
};

static const struct argp destroy_argp = { destroy_opts, destroy_opt, "OBJECT",
	"Destroy an object given as @name or id. A mock device is destroyed "
	"through its selftest object, memory is unmapped from the process, "
	"a fault queue's or vEVENTQ's fd is closed first.",
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

/*
 * An event queue's fd holds a reference on its object, and IOMMU_DESTROY
 * refuses (EBUSY) until the fd is closed. Closed, the fd is gone also when
 * the destroy then fails because a HWPT still uses the queue: the object
 * stays until a later destroy, and nothing can be read from it any more.
 */
static bool fd_holds(const struct reg_entry *e)
{
	return e && (e->type == OBJ_FAULT || e->type == OBJ_VEVENTQ) && e->fd >= 0;
}

static int destroy_one(struct ctx *ctx, struct reg_entry *e, uint32_t id,
		       bool keep_fd)
{
	struct json_object *op = op_begin("destroy");
	int rc = 0;

	ctx->s.ictl.last_ns = 0;
	op_id(op, e ? obj_type_name(e->type) : "obj", id);
	if (e)
		op_str(op, "name", e->name);
	if (fd_holds(e) && !keep_fd) {
		close(e->fd);
		e->fd = -1;
		op_bool(op, "fd_closed", 1);
	}
	if (e && e->type == OBJ_MEM)
		reg_mem_release(e);
	/* a bound VFIO device holds its cdev fd: closing it is the unbind */
	else if (e && e->type == OBJ_DEV && !e->stdev_id && e->fd >= 0)
		rc = device_unbind(ctx, op, e);
	/* a mock access is a file: closing it detaches it from its IOAS */
	else if (e && e->type == OBJ_ACCESS)
		rc = close_access(e);
	else
		rc = ictl_destroy(&ctx->s.ictl, kernel_id(e, id));
	if (!rc && e) {
		if (e->fd >= 0)
			close(e->fd);
		reg_del(&ctx->s.reg, e);
	}
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

int do_destroy(struct ctx *ctx, struct reg_entry *e, uint32_t id)
{
	return destroy_one(ctx, e, id, false);
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
	return destroy_one(ctx, e, id, a.keep_fd);
}

const struct cmd cmd_destroy = {
	.object = "destroy", .fn = destroy,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "destroy any object (IOMMU_DESTROY)",
};
