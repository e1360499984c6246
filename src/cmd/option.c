// SPDX-License-Identifier: GPL-2.0-only
/*
 * Settings of the iommufd itself: option get | set, vfio-ioas get | set |
 * clear, and ioas change-process.
 */
#include <argp.h>
#include <errno.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "util/parse.h"

static const struct flag_name option_names[] = {
	{ "rlimit-mode", ICTL_IOMMU_OPTION_RLIMIT_MODE },
	{ "huge-pages", ICTL_IOMMU_OPTION_HUGE_PAGES },
	{ NULL, 0 }
};

struct option_args {
	const char *words[3];	/* NAME [IOAS] [VALUE] */
	int n;
	bool set;
};

static error_t option_opt(int key, char *arg, struct argp_state *st)
{
	struct option_args *a = st->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (a->n == 3) {
			argp_error(st, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		a->words[a->n++] = arg;
		return 0;
	case ARGP_KEY_END:
		return arg_need(st, a->n ? a->words[0] : NULL, "option NAME") ||
		       (a->set ? arg_need(st, a->n > 1 ? "" : NULL, "VALUE") : 0);
	}
	return ARGP_ERR_UNKNOWN;
}

/* huge-pages names an IOAS, rlimit-mode nothing; unknown ids take one if given */
static int option_target(struct ctx *ctx, const struct option_args *a,
			 struct ictl_iommu_option *cmd, const char **value)
{
	const char *bad;
	struct reg_entry *e;
	uint64_t id;
	bool has_obj = a->n == (a->set ? 3 : 2);

	if (parse_flags(a->words[0], option_names, &id, &bad) || id > UINT32_MAX) {
		msg_err(ctx, "unknown option '%s' (rlimit-mode, huge-pages or a number)",
			a->words[0]);
		return EXIT_USAGE;
	}
	cmd->option_id = (uint32_t)id;
	*value = a->set ? a->words[a->n - 1] : NULL;
	if (!has_obj)
		return EXIT_OK;
	return cmd_resolve(ctx, a->words[1], OBJ_BIT(OBJ_IOAS), &e, &cmd->object_id);
}

static int option_run(struct ctx *ctx, struct option_args *a, const char *name)
{
	struct ictl_iommu_option cmd = { 0 };
	struct json_object *op;
	const char *value;
	int rc;

	if ((rc = option_target(ctx, a, &cmd, &value)))
		return rc;
	if (value && parse_u64(value, &cmd.val64)) {
		msg_err(ctx, "bad option value '%s'", value);
		return EXIT_USAGE;
	}
	cmd.op = a->set ? ICTL_IOMMU_OPTION_OP_SET : ICTL_IOMMU_OPTION_OP_GET;
	rc = ictl_option(&ctx->s.ictl, &cmd);
	op = op_begin(name);
	if (cmd.object_id)
		op_id(op, "ioas", cmd.object_id);
	op_str(op, "option", a->words[0]);
	if (!rc || a->set)
		op_u64(op, "value", cmd.val64);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

static const struct argp get_argp = { NULL, option_opt, "NAME [IOAS]",
	"Read an iommufd option: rlimit-mode (global: 0 accounts pinned pages "
	"to the user, 1 to the process) or huge-pages IOAS (1 lets the IOAS map "
	"huge pages).", NULL, NULL, NULL };

static int option_get(struct ctx *ctx, int argc, char **argv)
{
	struct option_args a = { 0 };

	if (!cmd_parse(ctx, &cmd_option_get, &get_argp, argc, argv, &a))
		return ctx->parse_status;
	return option_run(ctx, &a, "option.get");
}

const struct cmd cmd_option_get = {
	.object = "option", .verb = "get", .fn = option_get,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "read an option (rlimit-mode, huge-pages IOAS)",
};

static const struct argp set_argp = { NULL, option_opt, "NAME [IOAS] VALUE",
	"Set an iommufd option (see option get); rlimit-mode needs "
	"CAP_SYS_RESOURCE.", NULL, NULL, NULL };

static int option_set(struct ctx *ctx, int argc, char **argv)
{
	struct option_args a = { .set = true };

	if (!cmd_parse(ctx, &cmd_option_set, &set_argp, argc, argv, &a))
		return ctx->parse_status;
	return option_run(ctx, &a, "option.set");
}

const struct cmd cmd_option_set = {
	.object = "option", .verb = "set", .fn = option_set,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "set an option (rlimit-mode, huge-pages IOAS)",
};

struct vfio_ioas_args {
	const char *ioas;
	bool want_ioas;
};

static error_t vfio_ioas_opt(int key, char *arg, struct argp_state *st)
{
	struct vfio_ioas_args *a = st->input;

	switch (key) {
	case ARGP_KEY_ARG:
		if (!a->want_ioas) {
			argp_error(st, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		return arg_take(st, &a->ioas, arg);
	case ARGP_KEY_END:
		return a->want_ioas ? arg_need(st, a->ioas, "IOAS") : 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static int vfio_ioas_run(struct ctx *ctx, const struct cmd *self, uint16_t vop,
			 int argc, char **argv)
{
	static const struct argp with_ioas = { NULL, vfio_ioas_opt, "IOAS",
		"Make IOAS the one the VFIO type1 compatibility ioctls on this "
		"iommufd act on.", NULL, NULL, NULL };
	static const struct argp without = { NULL, vfio_ioas_opt, NULL,
		"Get or clear the IOAS behind the VFIO type1 compatibility "
		"ioctls.", NULL, NULL, NULL };
	struct vfio_ioas_args a = { .want_ioas = vop == ICTL_IOMMU_VFIO_IOAS_SET };
	struct ictl_iommu_vfio_ioas cmd = { .op = vop };
	struct json_object *op;
	struct reg_entry *e;
	char name[32];
	int rc;

	if (!cmd_parse(ctx, self, a.want_ioas ? &with_ioas : &without, argc,
		       argv, &a))
		return ctx->parse_status;
	if (a.ioas && (rc = cmd_resolve(ctx, a.ioas, OBJ_BIT(OBJ_IOAS), &e,
					&cmd.ioas_id)))
		return rc;
	rc = ictl_vfio_ioas(&ctx->s.ictl, &cmd);
	snprintf(name, sizeof(name), "vfio-ioas.%s", self->verb);
	op = op_begin(name);
	if (cmd.ioas_id)
		op_id(op, "ioas", cmd.ioas_id);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

static int vfio_ioas_get(struct ctx *ctx, int argc, char **argv)
{
	return vfio_ioas_run(ctx, &cmd_vfio_ioas_get, ICTL_IOMMU_VFIO_IOAS_GET,
			     argc, argv);
}

static int vfio_ioas_set(struct ctx *ctx, int argc, char **argv)
{
	return vfio_ioas_run(ctx, &cmd_vfio_ioas_set, ICTL_IOMMU_VFIO_IOAS_SET,
			     argc, argv);
}

static int vfio_ioas_clear(struct ctx *ctx, int argc, char **argv)
{
	return vfio_ioas_run(ctx, &cmd_vfio_ioas_clear, ICTL_IOMMU_VFIO_IOAS_CLEAR,
			     argc, argv);
}

const struct cmd cmd_vfio_ioas_get = {
	.object = "vfio-ioas", .verb = "get", .fn = vfio_ioas_get,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "show the IOAS the VFIO type1 compatibility ioctls use",
};

const struct cmd cmd_vfio_ioas_set = {
	.object = "vfio-ioas", .verb = "set", .fn = vfio_ioas_set,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "choose the IOAS for the VFIO type1 compatibility ioctls",
};

const struct cmd cmd_vfio_ioas_clear = {
	.object = "vfio-ioas", .verb = "clear", .fn = vfio_ioas_clear,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "clear the IOAS of the VFIO type1 compatibility ioctls",
};

static const struct argp change_argp = { NULL, vfio_ioas_opt, NULL,
	"Move the accounting of pinned pages to this process (since 6.13); "
	"every mapping must come from ioas map-file.", NULL, NULL, NULL };

static int ioas_change_process(struct ctx *ctx, int argc, char **argv)
{
	struct vfio_ioas_args a = { 0 };
	int rc;

	if (!cmd_parse(ctx, &cmd_ioas_change_process, &change_argp, argc, argv, &a))
		return ctx->parse_status;
	rc = ictl_ioas_change_process(&ctx->s.ictl);
	return op_end(ctx, op_begin("ioas.change-process"), rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_ioas_change_process = {
	.object = "ioas", .verb = "change-process", .fn = ioas_change_process,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "move pinned-page accounting to this process",
};
