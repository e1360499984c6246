// SPDX-License-Identifier: GPL-2.0-only
/* viommu alloc, vdevice alloc: the virtualization objects (since 6.13) */
#include <argp.h>
#include <errno.h>

#include "cmds.h"
#include "emit.h"
#include "parse.h"

static const struct flag_name viommu_types[] = {
	{ "default", ICTL_IOMMU_VIOMMU_TYPE_DEFAULT },
	{ "arm_smmuv3", ICTL_IOMMU_VIOMMU_TYPE_ARM_SMMUV3 },
	{ "tegra241_cmdqv", ICTL_IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV },
	{ "selftest", ICTL_IOMMU_VIOMMU_TYPE_SELFTEST },
	{ NULL, 0 }
};

enum { OPT_NAME = 'n', OPT_TYPE = 0x1000, OPT_VIRT_ID };

struct viommu_args {
	const char *pos[2];
	const char *name;
	const char *type;
	uint64_t virt_id;
};

static error_t viommu_opt(int key, char *arg, struct argp_state *st)
{
	struct viommu_args *a = st->input;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_TYPE:
		a->type = arg;
		return 0;
	case OPT_VIRT_ID:
		return arg_u64(st, arg, &a->virt_id);
	case ARGP_KEY_ARG:
		return arg_take(st, a->pos[0] ? &a->pos[1] : &a->pos[0], arg);
	case ARGP_KEY_END:
		return arg_need(st, a->pos[1], "two objects (see --help)");
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option viommu_opts[] = {
	{ "type", OPT_TYPE, "TYPE", 0, "selftest, arm_smmuv3, tegra241_cmdqv, "
	  "default (refused by the kernel) or a number", 0 },
	{ "name", OPT_NAME, "NAME", 0, "Name the new vIOMMU (default viommuN)", 0 },
	{ 0 }
};

static const struct argp viommu_argp = { viommu_opts, viommu_opt, "DEV HWPT",
	"Allocate a vIOMMU for DEV on a nest-parent HWPT (since 6.13). The "
	"vIOMMU holds the HWPT; nested HWPTs and vDEVICEs are made on it.",
	NULL, NULL, NULL };

static int viommu_alloc(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_viommu_alloc cmd = { 0 };
	struct viommu_args a = { .type = "selftest" };
	struct reg_entry *dev, *hwpt;
	struct json_object *op;
	const char *bad;
	uint64_t type;
	int rc;

	if (!cmd_parse(ctx, &cmd_viommu_alloc, &viommu_argp, argc, argv, &a))
		return ctx->parse_status;
	if (parse_flags(a.type, viommu_types, &type, &bad) || type > UINT32_MAX) {
		msg_err(ctx, "viommu alloc: unknown type '%s'", a.type);
		return EXIT_USAGE;
	}
	if ((rc = cmd_check_name(ctx, a.name)) ||
	    (rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_DEV), &dev, &cmd.dev_id)) ||
	    (rc = cmd_resolve(ctx, a.pos[1], OBJ_BIT(OBJ_HWPT), &hwpt, &cmd.hwpt_id)))
		return rc;
	cmd.type = (uint32_t)type;
	rc = ictl_viommu_alloc(&ctx->ictl, &cmd);
	op = op_begin("viommu.alloc");
	op_id(op, "dev", cmd.dev_id);
	op_id(op, "hwpt", cmd.hwpt_id);
	op_str(op, "type", a.type);
	if (!rc && !cmd_register(ctx, op, OBJ_VIOMMU, cmd.out_viommu_id, a.name))
		rc = -ENOMEM;
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

const struct cmd cmd_viommu_alloc = {
	.object = "viommu", .verb = "alloc", .fn = viommu_alloc,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "allocate a vIOMMU on a nest-parent HWPT (IOMMU_VIOMMU_ALLOC)",
};

static const struct argp_option vdevice_opts[] = {
	{ "virt-id", OPT_VIRT_ID, "ID", 0, "The device's ID as the guest sees it "
	  "(e.g. a virtual stream ID or RID; default 0)", 0 },
	{ "name", OPT_NAME, "NAME", 0, "Name the new vDEVICE (default vdevN)", 0 },
	{ 0 }
};

static const struct argp vdevice_argp = { vdevice_opts, viommu_opt, "VIOMMU DEV",
	"Allocate a vDEVICE: DEV as the guest sees it behind VIOMMU (since 6.13).",
	NULL, NULL, NULL };

static int vdevice_alloc(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_vdevice_alloc cmd = { 0 };
	struct viommu_args a = { 0 };
	struct reg_entry *viommu, *dev;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_vdevice_alloc, &vdevice_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)) ||
	    (rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_VIOMMU), &viommu,
			      &cmd.viommu_id)) ||
	    (rc = cmd_resolve(ctx, a.pos[1], OBJ_BIT(OBJ_DEV), &dev, &cmd.dev_id)))
		return rc;
	cmd.virt_id = a.virt_id;
	rc = ictl_vdevice_alloc(&ctx->ictl, &cmd);
	op = op_begin("vdevice.alloc");
	op_id(op, "viommu", cmd.viommu_id);
	op_id(op, "dev", cmd.dev_id);
	op_hex(op, "virt_id", cmd.virt_id);
	if (!rc && !cmd_register(ctx, op, OBJ_VDEVICE, cmd.out_vdevice_id, a.name))
		rc = -ENOMEM;
	return op_end(ctx, op, rc, ctx->ictl.last_ns);
}

const struct cmd cmd_vdevice_alloc = {
	.object = "vdevice", .verb = "alloc", .fn = vdevice_alloc,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "allocate a vDEVICE of a device behind a vIOMMU",
};
