// SPDX-License-Identifier: GPL-2.0-only
/* destroy: any object, by @name or id */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/rec.h"

static const struct arg destroy_args[] = {
	{ .kind = ARG_HANDLE, AT(struct destroy_args, obj), .flags = ARG_REQUIRED,
	  .types = OBJ_ANY, .meta = "OBJECT" },
	{ .opt = "keep-fd", .kind = ARG_BOOL, AT(struct destroy_args, keep_fd),
	  .doc = "Leave a fault queue's or vEVENTQ's fd open: the kernel then refuses "
		 "(EBUSY), since the open fd holds the object" },
	{ 0 }
};

/* What IOMMU_DESTROY must name: a mock device goes away with its selftest object. */
static uint32_t kernel_id(const struct reg_entry *e, uint32_t id)
{
	return e && e->type == OBJ_DEV && e->stdev_id ? e->stdev_id : id;
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

static int close_fd(struct reg_entry *e)
{
	int rc = close(e->fd) ? -errno : 0;

	e->fd = -1;
	return rc;
}

/* The call that makes @e (or the plain id @id) go */
static int destroy_call(struct session *s, struct reg_entry *e, uint32_t id,
			struct result *r)
{
	if (e && e->type == OBJ_MEM) {
		reg_mem_release(e);
		return 0;
	}
	/* a bound VFIO device holds its cdev fd: closing it is the unbind */
	if (e && e->type == OBJ_DEV && !e->stdev_id && e->fd >= 0) {
		r->v[DESTROY_UNBIND] = 1;
		id = (uint32_t)e->fd;
		e->fd = -1;
		return ictl_vfio_close(&s->ictl, (int)id);
	}
	/* a mock access is a file: closing it detaches it from its IOAS */
	if (e && e->type == OBJ_ACCESS)
		return close_fd(e);
	/* a child waits on its pipe: closed, it exits, and is reaped */
	if (e && e->type == OBJ_PROC) {
		r->v[DESTROY_EXIT] = (uint64_t)proc_release(e);
		r->v[DESTROY_PROC] = 1;
		return 0;
	}
	return ictl_destroy(&s->ictl, kernel_id(e, id));
}

int destroy_entry(struct session *s, struct reg_entry *e, uint32_t id,
		  bool keep_fd, struct result *r)
{
	result_id(r, e ? obj_type_name(e->type) : "obj", id);
	if (e)
		strcpy(r->name, e->name);
	if (fd_holds(e) && !keep_fd) {
		close_fd(e);
		r->v[DESTROY_FD_CLOSED] = 1;
	}
	r->err = destroy_call(s, e, id, r);
	if (!r->err && e) {
		if (e->fd >= 0)
			close(e->fd);
		if (sess_registered(s, e))
			reg_del(&s->reg, e);
	}
	return 0;
}

static int destroy(struct session *s, const void *args, struct result *r)
{
	const struct destroy_args *a = args;
	struct reg_entry *e;
	uint32_t id;
	int rc;

	if ((rc = sess_resolve(s, &a->obj, OBJ_ANY, &e, &id)))
		return rc;
	return destroy_entry(s, e, id, a->keep_fd, r);
}

void destroy_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	if (r->name[0])
		rec_str(rec, "name", r->name);
	if (r->v[DESTROY_FD_CLOSED])
		rec_bool(rec, "fd_closed", true);
	if (r->v[DESTROY_UNBIND])
		rec_bool(rec, "unbind", true);
	if (r->v[DESTROY_PROC])
		rec_int(rec, "exit_status", (int64_t)r->v[DESTROY_EXIT]);
}

const struct op op_destroy = {
	.object = "destroy", .name = "destroy",
	.summary = "destroy any object (IOMMU_DESTROY)",
	.doc = "Destroy an object given as @name or id. A mock device is destroyed "
	       "through its selftest object, memory is unmapped from the process, "
	       "a fault queue's or vEVENTQ's fd is closed first, a child process "
	       "(fork map --live) is let go and reaped.",
	.args = destroy_args, .args_size = sizeof(struct destroy_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = destroy, .record = destroy_record,
};
