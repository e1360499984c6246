// SPDX-License-Identifier: GPL-2.0-only
/*
 * mock pasid-attach | pasid-replace | pasid-detach | check-pasid: a PASID
 * of a mock device (created with --flags pasid) attached to a HWPT
 * allocated with --pasid, through the selftest (since 6.15).
 */
#include <argp.h>
#include <errno.h>

#include "cmds.h"
#include "emit.h"
#include "ops.h"
#include "op/ops.h"
#include "util/parse.h"

enum { OPT_PASID = 0x1000 };

struct pasid_args {
	const char *pos[2];
	unsigned int want;
	uint64_t pasid;
	bool has_pasid;
};

static error_t pasid_opt(int key, char *arg, struct argp_state *st)
{
	struct pasid_args *a = st->input;

	switch (key) {
	case OPT_PASID:
		a->has_pasid = true;
		return arg_u64(st, arg, &a->pasid);
	case ARGP_KEY_ARG:
		return arg_take(st, a->pos[0] && a->want > 1 ? &a->pos[1] : &a->pos[0], arg);
	case ARGP_KEY_END:
		if (!a->has_pasid)
			return arg_need(st, NULL, "--pasid");
		return arg_need(st, a->pos[a->want - 1], a->want > 1 ?
				"DEV and HWPT" : "DEV");
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option pasid_opts[] = {
	{ "pasid", OPT_PASID, "P", 0, "The PASID", 0 },
	{ 0 }
};

/* One PASID operation: @op, on DEV and (@want 2) a HWPT, or 0 for none */
static int pasid_cmd(struct ctx *ctx, const struct cmd *c, const struct argp *argp,
		     int argc, char **argv, uint32_t test_op, unsigned int want)
{
	struct ictl_iommu_test_cmd cmd = { .op = test_op };
	struct pasid_args a = { .want = want };
	struct reg_entry *dev, *pt;
	struct json_object *op;
	uint32_t dev_id, pt_id = 0;
	char name[48];
	int rc;

	if (!cmd_parse(ctx, c, argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_DEV), &dev, &dev_id)) ||
	    (want > 1 && (rc = cmd_resolve(ctx, a.pos[1], OBJ_BIT(OBJ_IOAS) |
					   OBJ_BIT(OBJ_HWPT), &pt, &pt_id))))
		return rc;
	if (a.pasid > UINT32_MAX) {
		msg_err(ctx, "--pasid %llu: PASIDs have 20 bits at most",
			(unsigned long long)a.pasid);
		return EXIT_USAGE;
	}
	cmd.id = stdev_of(dev, dev_id);
	/* attach, replace and check share the layout: pasid, then the id */
	cmd.pasid_attach.pasid = (uint32_t)a.pasid;
	cmd.pasid_attach.pt_id = pt_id;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	snprintf(name, sizeof(name), "mock.%s", c->verb);
	op = op_begin(name);
	op_id(op, "stdev", cmd.id);
	op_u64(op, "pasid", a.pasid);
	if (want > 1)
		op_id(op, "pt", pt_id);
	if (!rc && test_op != ICTL_IOMMU_TEST_OP_PASID_CHECK_HWPT && want > 1)
		op_id(op, "hwpt", cmd.pasid_attach.pt_id);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

static const struct argp attach_argp = { pasid_opts, pasid_opt, "DEV PT",
	"Attach a PASID of a mock device to an IOAS or a HWPT made with --pasid.",
	NULL, NULL, NULL };
static const struct argp replace_argp = { pasid_opts, pasid_opt, "DEV PT",
	"Replace what a PASID of a mock device is attached to.", NULL, NULL, NULL };
static const struct argp detach_argp = { pasid_opts, pasid_opt, "DEV",
	"Detach a PASID of a mock device (the kernel answers 0 also when it "
	"was not attached).", NULL, NULL, NULL };
static const struct argp check_argp = { pasid_opts, pasid_opt, "DEV HWPT",
	"Check which HWPT a PASID of a mock device is attached to: passes when "
	"it is HWPT, or, for HWPT 0, when it is detached (EINVAL otherwise).",
	NULL, NULL, NULL };

static int pasid_attach(struct ctx *ctx, int argc, char **argv)
{
	return pasid_cmd(ctx, &cmd_mock_pasid_attach, &attach_argp, argc, argv,
			 ICTL_IOMMU_TEST_OP_PASID_ATTACH, 2);
}

static int pasid_replace(struct ctx *ctx, int argc, char **argv)
{
	return pasid_cmd(ctx, &cmd_mock_pasid_replace, &replace_argp, argc, argv,
			 ICTL_IOMMU_TEST_OP_PASID_REPLACE, 2);
}

static int pasid_detach(struct ctx *ctx, int argc, char **argv)
{
	return pasid_cmd(ctx, &cmd_mock_pasid_detach, &detach_argp, argc, argv,
			 ICTL_IOMMU_TEST_OP_PASID_DETACH, 1);
}

static int check_pasid(struct ctx *ctx, int argc, char **argv)
{
	return pasid_cmd(ctx, &cmd_mock_check_pasid, &check_argp, argc, argv,
			 ICTL_IOMMU_TEST_OP_PASID_CHECK_HWPT, 2);
}

const struct cmd cmd_mock_pasid_attach = {
	.object = "mock", .verb = "pasid-attach", .fn = pasid_attach,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "attach a PASID of a mock device (since 6.15)",
};

const struct cmd cmd_mock_pasid_replace = {
	.object = "mock", .verb = "pasid-replace", .fn = pasid_replace,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "replace what a PASID of a mock device is attached to",
};

const struct cmd cmd_mock_pasid_detach = {
	.object = "mock", .verb = "pasid-detach", .fn = pasid_detach,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "detach a PASID of a mock device",
};

const struct cmd cmd_mock_check_pasid = {
	.object = "mock", .verb = "check-pasid", .fn = check_pasid,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "check which HWPT a PASID of a mock device is attached to",
};
