// SPDX-License-Identifier: GPL-2.0-only
/* mock: devices and checks of the CONFIG_IOMMUFD_TEST selftest driver */
#include <argp.h>
#include <errno.h>

#include "cmds.h"
#include "emit.h"
#include "parse.h"

enum { OPT_NAME = 'n', OPT_FLAGS = 0x1000 };

static const struct flag_name dev_flags[] = {
	{ "no-dirty", ICTL_MOCK_FLAGS_DEVICE_NO_DIRTY },
	{ "pasid", ICTL_MOCK_FLAGS_DEVICE_PASID },
	{ NULL, 0 }
};

struct mock_args {
	const char *pt;
	const char *name;
	uint64_t flags;
	bool has_flags;
};

static error_t mock_opt(int key, char *arg, struct argp_state *st)
{
	struct mock_args *a = st->input;
	const char *bad;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_FLAGS:
		if (parse_flags(arg, dev_flags, &a->flags, &bad)) {
			argp_error(st, "unknown device flag at '%s' (no-dirty, pasid or a number)",
				   bad);
			return EINVAL;
		}
		a->has_flags = true;
		return 0;
	case ARGP_KEY_ARG:
		if (a->pt) {
			argp_error(st, "unexpected argument '%s'", arg);
			return EINVAL;
		}
		a->pt = arg;
		return 0;
	case ARGP_KEY_END:
		if (!a->pt) {
			argp_error(st, "missing IOAS or HWPT to attach to");
			return EINVAL;
		}
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option create_opts[] = {
	{ "name", OPT_NAME, "NAME", 0, "Name the new device (default devN)", 0 },
	{ "flags", OPT_FLAGS, "FLAGS", 0, "Device flags: no-dirty, pasid (comma list)", 0 },
	{ 0 }
};

static const struct argp create_argp = { create_opts, mock_opt, "IOAS|HWPT",
	"Create a mock device (CONFIG_IOMMUFD_TEST) attached to an IOAS or HWPT. "
	"It serves as a dev_id for every device operation.", NULL, NULL, NULL };

static void fill_create(struct ictl_iommu_test_cmd *cmd, const struct mock_args *a)
{
	/* the plain op predates device flags; use it when none are asked for */
	cmd->op = a->has_flags ? ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS :
				 ICTL_IOMMU_TEST_OP_MOCK_DOMAIN;
	if (a->has_flags)
		cmd->mock_domain_flags.dev_flags = (uint32_t)a->flags;
}

static int mock_create(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_test_cmd cmd = { 0 };
	struct mock_args a = { 0 };
	struct reg_entry *pt, *dev;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_mock_create, &create_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)) ||
	    (rc = cmd_resolve(ctx, a.pt, OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT),
			      &pt, &cmd.id)))
		return rc;
	fill_create(&cmd, &a);
	rc = ictl_test_cmd(&ctx->ictl, &cmd);
	op = op_begin("mock.create");
	op_id(op, "pt", cmd.id);
	if (!rc) {
		/* both ops return the ids at the same offsets */
		op_id(op, "dev", cmd.mock_domain.out_idev_id);
		op_id(op, "stdev", cmd.mock_domain.out_stdev_id);
		op_id(op, "hwpt", cmd.mock_domain.out_hwpt_id);
		dev = cmd_register(ctx, op, OBJ_DEV, cmd.mock_domain.out_idev_id,
				   a.name);
		if (dev)
			dev->stdev_id = cmd.mock_domain.out_stdev_id;
		else
			rc = -ENOMEM;
	}
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

const struct cmd cmd_mock_create = {
	.object = "mock", .verb = "create", .fn = mock_create,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "create a mock device (CONFIG_IOMMUFD_TEST) on an IOAS or HWPT",
};
