// SPDX-License-Identifier: GPL-2.0-only
/*
 * Settings of the iommufd itself: option get | set, vfio-ioas get | set |
 * clear, and ioas change-process.
 */
#include <errno.h>
#include <unistd.h>

#include "core/op.h"
#include "core/session.h"
#include "host/child.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

#define IOAS_ONLY	OBJ_BIT(OBJ_IOAS)

static const struct flag_name option_names[] = {
	{ "rlimit-mode", ICTL_IOMMU_OPTION_RLIMIT_MODE },
	{ "huge-pages", ICTL_IOMMU_OPTION_HUGE_PAGES },
	{ NULL, 0 }
};

static const struct arg no_args[] = {
	{ 0 }
};

/* ---- option get | set ---- */

static const char *const name_samples[] = {
	"rlimit-mode", "huge-pages", "7", NULL
};

/* huge-pages names an IOAS, rlimit-mode nothing; unknown ids take one if given */
#define OPTION_ARGS \
	{ .kind = ARG_WORD, AT(struct option_args, name), .flags = ARG_REQUIRED, \
	  .meta = "NAME", .samples = name_samples }, \
	{ .kind = ARG_HANDLE, AT(struct option_args, ioas), .types = IOAS_ONLY, \
	  .meta = "IOAS" }

static const struct arg get_args[] = {
	OPTION_ARGS,
	{ 0 }
};

static const struct arg set_args[] = {
	OPTION_ARGS,
	{ .kind = ARG_U64, AT(struct option_args, value), HAS(struct option_args, has_value),
	  .flags = ARG_REQUIRED, .meta = "VALUE" },
	{ 0 }
};

#define UNKNOWN_OPTION "unknown option '%s' (rlimit-mode, huge-pages or a number)"

/* The option's id: a name of option_names, or a number. 0 or -EINVAL */
static int option_id(const char *name, uint32_t *id)
{
	const char *bad;
	uint64_t v;

	if (parse_flags(name, option_names, &v, &bad) || v > UINT32_MAX)
		return -EINVAL;
	*id = (uint32_t)v;
	return 0;
}

static int option_check(const void *args, struct perr *e)
{
	const struct option_args *a = args;
	uint32_t id;

	if (option_id(a->name, &id))
		return perr(e, UNKNOWN_OPTION, a->name);
	return 0;
}

static int option_run(struct session *s, const struct option_args *a, uint16_t op,
		      struct result *r)
{
	struct ictl_iommu_option cmd = { .op = op, .val64 = a->value };
	struct reg_entry *ioas;
	int rc;

	if (option_id(a->name, &cmd.option_id)) {
		sess_err(s, "option: " UNKNOWN_OPTION, a->name);
		return -EINVAL;
	}
	if ((a->ioas.name[0] || a->ioas.by_id) &&
	    (rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas, &cmd.object_id)))
		return rc;
	r->err = ictl_option(&s->ictl, &cmd);
	if (cmd.object_id)
		result_id(r, "ioas", cmd.object_id);
	r->v[OPTION_VALUE] = cmd.val64;
	return 0;
}

static int option_get(struct session *s, const void *args, struct result *r)
{
	return option_run(s, args, ICTL_IOMMU_OPTION_OP_GET, r);
}

static int option_set(struct session *s, const void *args, struct result *r)
{
	return option_run(s, args, ICTL_IOMMU_OPTION_OP_SET, r);
}

static void option_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct option_args *a = args;

	rec_result_ids(rec, r);
	rec_str(rec, "option", a->name);
	/* what get read, or what set asked for */
	if (!r->err || a->has_value)
		rec_u64(rec, "value", r->v[OPTION_VALUE]);
}

const struct op op_option_get = {
	.object = "option", .verb = "get", .name = "option.get",
	.summary = "read an option (rlimit-mode, huge-pages IOAS)",
	.doc = "Read an iommufd option: rlimit-mode (global: 0 accounts pinned pages "
	       "to the user, 1 to the process) or huge-pages IOAS (1 lets the IOAS map "
	       "huge pages).",
	.args = get_args, .args_size = sizeof(struct option_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = option_check, .exec = option_get, .record = option_record,
	.want = { OPTION_VALUE + 1, "the value read" },
};

const struct op op_option_set = {
	.object = "option", .verb = "set", .name = "option.set",
	.summary = "set an option (rlimit-mode, huge-pages IOAS)",
	.doc = "Set an iommufd option (see option get); rlimit-mode needs "
	       "CAP_SYS_RESOURCE.",
	.args = set_args, .args_size = sizeof(struct option_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = option_check, .exec = option_set, .record = option_record,
};

/* ---- vfio-ioas get | set | clear ---- */

static const struct arg vfio_set_args[] = {
	{ .kind = ARG_HANDLE, AT(struct vfio_ioas_args, ioas), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "IOAS" },
	{ 0 }
};

static int vfio_ioas_run(struct session *s, const struct vfio_ioas_args *a,
			 uint16_t op, struct result *r)
{
	struct ictl_iommu_vfio_ioas cmd = { .op = op };
	struct reg_entry *ioas;
	int rc;

	if (op == ICTL_IOMMU_VFIO_IOAS_SET &&
	    (rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas, &cmd.ioas_id)))
		return rc;
	r->err = ictl_vfio_ioas(&s->ictl, &cmd);
	/* get: the IOAS the kernel answers with */
	if (cmd.ioas_id)
		result_id(r, "ioas", cmd.ioas_id);
	r->v[VFIO_IOAS_ID] = cmd.ioas_id;
	return 0;
}

static int vfio_ioas_get(struct session *s, const void *args, struct result *r)
{
	return vfio_ioas_run(s, args, ICTL_IOMMU_VFIO_IOAS_GET, r);
}

static int vfio_ioas_set(struct session *s, const void *args, struct result *r)
{
	return vfio_ioas_run(s, args, ICTL_IOMMU_VFIO_IOAS_SET, r);
}

static int vfio_ioas_clear(struct session *s, const void *args, struct result *r)
{
	return vfio_ioas_run(s, args, ICTL_IOMMU_VFIO_IOAS_CLEAR, r);
}

#define VFIO_IOAS_DOC "Get or clear the IOAS behind the VFIO type1 compatibility ioctls."

const struct op op_vfio_ioas_get = {
	.object = "vfio-ioas", .verb = "get", .name = "vfio-ioas.get",
	.summary = "show the IOAS the VFIO type1 compatibility ioctls use",
	.doc = VFIO_IOAS_DOC,
	.args = no_args, .args_size = sizeof(struct vfio_ioas_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = vfio_ioas_get, .record = record_ids,
	.want = { VFIO_IOAS_ID + 1, "the id of the IOAS" },
};

const struct op op_vfio_ioas_set = {
	.object = "vfio-ioas", .verb = "set", .name = "vfio-ioas.set",
	.summary = "choose the IOAS for the VFIO type1 compatibility ioctls",
	.doc = "Make IOAS the one the VFIO type1 compatibility ioctls on this "
	       "iommufd act on.",
	.args = vfio_set_args, .args_size = sizeof(struct vfio_ioas_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = vfio_ioas_set, .record = record_ids,
};

const struct op op_vfio_ioas_clear = {
	.object = "vfio-ioas", .verb = "clear", .name = "vfio-ioas.clear",
	.summary = "clear the IOAS of the VFIO type1 compatibility ioctls",
	.doc = VFIO_IOAS_DOC,
	.args = no_args, .args_size = sizeof(struct vfio_ioas_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = vfio_ioas_clear, .record = record_ids,
};

/* ---- ioas change-process ---- */

static int change_process(struct session *s, const void *args, struct result *r)
{
	pid_t me = getpid();

	(void)args;
	r->v[CHANGE_PIN_BEFORE] = (uint64_t)proc_status_kb(me, "VmPin");
	r->v[CHANGE_LCK_BEFORE] = (uint64_t)proc_status_kb(me, "VmLck");
	r->err = ictl_ioas_change_process(&s->ictl);
	r->v[CHANGE_PIN_AFTER] = (uint64_t)proc_status_kb(me, "VmPin");
	r->v[CHANGE_LCK_AFTER] = (uint64_t)proc_status_kb(me, "VmLck");
	return 0;
}

/* This process's pinned and locked memory (kB) around the call */
static void change_record(struct rec *rec, const void *args, const struct result *r)
{
	const long pin[2] = { (long)r->v[CHANGE_PIN_BEFORE], (long)r->v[CHANGE_PIN_AFTER] };
	const long lck[2] = { (long)r->v[CHANGE_LCK_BEFORE], (long)r->v[CHANGE_LCK_AFTER] };

	(void)args;
	vm_acct_rec(rec, pin, lck);
}

const struct op op_ioas_change_process = {
	.object = "ioas", .verb = "change-process", .name = "ioas.change-process",
	.summary = "move pinned-page accounting to this process",
	.doc = "Move the accounting of pinned pages to this process (since 6.13); "
	       "every mapping must come from ioas map-file. The record has this "
	       "process's VmPin and VmLck (kB) before and after; fork change-process "
	       "makes the call from a child.",
	.args = no_args, .args_size = 0,
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = change_process, .record = change_record,
};
