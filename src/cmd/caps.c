// SPDX-License-Identifier: GPL-2.0-only
/*
 * caps: which iommufd ioctls this kernel has, probed, not assumed. Each is
 * called with a struct of 4 bytes, below every command's minimum: a kernel
 * that knows the command answers EINVAL, one that does not, ENOTTY.
 */
#include <argp.h>
#include <errno.h>

#include "cmds.h"
#include "emit.h"
#include "ioctls.h"

static error_t caps_opt(int key, char *arg, struct argp_state *st)
{
	if (key != ARGP_KEY_ARG)
		return ARGP_ERR_UNKNOWN;
	argp_error(st, "unexpected argument '%s'", arg);
	return EINVAL;
}

static const struct argp caps_argp = { NULL, caps_opt, NULL,
	"Probe which iommufd ioctls the running kernel has (test-cmd: the "
	"CONFIG_IOMMUFD_TEST mock driver).", NULL, NULL, NULL };

static int caps(struct ctx *ctx, int argc, char **argv)
{
	const struct flag_name *io;
	struct json_object *op, *have;
	uint64_t ns = 0;
	uint32_t size;
	int rc;

	if (!cmd_parse(ctx, &cmd_caps, &caps_argp, argc, argv, NULL))
		return ctx->parse_status;
	op = op_begin("caps");
	have = json_object_new_object();
	for (io = iommufd_ioctls; io->name; io++) {
		size = sizeof(size);
		rc = ictl_ioctl(&ctx->ictl, _IO(ICTL_IOMMUFD_TYPE, io->value), &size);
		ns += ctx->ictl.last_ns;
		json_object_object_add(have, io->name, json_object_new_boolean(rc != -ENOTTY));
	}
	json_object_object_add(op, "ioctls", have);
	return op_end(ctx, op, 0, ns);
}

const struct cmd cmd_caps = {
	.object = "caps", .fn = caps,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "probe which iommufd ioctls the running kernel has",
};
