// SPDX-License-Identifier: GPL-2.0-only
/* viommu alloc, vdevice alloc: the virtualization objects (since 6.13) */
#include <argp.h>
#include <errno.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "util/parse.h"

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
	rc = ictl_viommu_alloc(&ctx->s.ictl, &cmd);
	op = op_begin("viommu.alloc");
	op_id(op, "dev", cmd.dev_id);
	op_id(op, "hwpt", cmd.hwpt_id);
	op_str(op, "type", a.type);
	if (!rc && !cmd_register(ctx, op, OBJ_VIOMMU, cmd.out_viommu_id, a.name))
		rc = -ENOMEM;
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
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
	rc = ictl_vdevice_alloc(&ctx->s.ictl, &cmd);
	op = op_begin("vdevice.alloc");
	op_id(op, "viommu", cmd.viommu_id);
	op_id(op, "dev", cmd.dev_id);
	op_hex(op, "virt_id", cmd.virt_id);
	if (!rc && !cmd_register(ctx, op, OBJ_VDEVICE, cmd.out_vdevice_id, a.name))
		rc = -ENOMEM;
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_vdevice_alloc = {
	.object = "vdevice", .verb = "alloc", .fn = vdevice_alloc,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "allocate a vDEVICE of a device behind a vIOMMU",
};

/* ---- hw-queue alloc ---- */

enum { OPT_INDEX = 0x1100, OPT_BASE, OPT_LENGTH };

static const struct flag_name hw_queue_types[] = {
	{ "default", ICTL_IOMMU_HW_QUEUE_TYPE_DEFAULT },
	{ "tegra241_cmdqv", ICTL_IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV },
	{ "selftest", ICTL_IOMMU_HW_QUEUE_TYPE_SELFTEST },
	{ NULL, 0 }
};

struct hw_queue_args {
	const char *pos, *name, *type;
	uint64_t index, base, length;
	bool has_index, has_base, has_length;
	uint32_t type_val;
};

static int hw_queue_check(struct argp_state *st, struct hw_queue_args *a)
{
	const char *bad;
	uint64_t v;

	if (arg_need(st, a->pos, "VIOMMU"))
		return EINVAL;
	if (!a->has_index || !a->has_base || !a->has_length) {
		argp_error(st, "give --index, --base-addr and --length");
		return EINVAL;
	}
	if (a->index > UINT32_MAX) {
		argp_error(st, "--index is at most 0xffffffff");
		return EINVAL;
	}
	if (strchr(a->type, ',') || parse_flags(a->type, hw_queue_types, &v, &bad) ||
	    v > UINT32_MAX) {
		argp_error(st, "unknown --type '%s'", a->type);
		return EINVAL;
	}
	a->type_val = (uint32_t)v;
	return 0;
}

static error_t hw_queue_opt(int key, char *arg, struct argp_state *st)
{
	struct hw_queue_args *a = st->input;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_TYPE:
		a->type = arg;
		return 0;
	case OPT_INDEX:
		a->has_index = true;
		return arg_u64(st, arg, &a->index);
	case OPT_BASE:
		a->has_base = true;
		return arg_u64(st, arg, &a->base);
	case OPT_LENGTH:
		a->has_length = true;
		return arg_u64(st, arg, &a->length);
	case ARGP_KEY_ARG:
		return arg_take(st, &a->pos, arg);
	case ARGP_KEY_END:
		return hw_queue_check(st, a);
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option hw_queue_opts[] = {
	{ "type", OPT_TYPE, "TYPE", 0, "selftest (default), tegra241_cmdqv, "
	  "default (refused by the kernel) or a number", 0 },
	{ "index", OPT_INDEX, "I", 0, "Which queue of the vIOMMU", 0 },
	{ "base-addr", OPT_BASE, "IOVA", 0,
	  "Where the guest queue is, as an IOVA of the vIOMMU's nest parent", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Its length in bytes", 0 },
	{ "name", OPT_NAME, "NAME", 0, "Name the new HW queue (default hwqueueN)", 0 },
	{ 0 }
};

static const struct argp hw_queue_argp = { hw_queue_opts, hw_queue_opt, "VIOMMU",
	"Allocate a HW queue of a vIOMMU (IOMMU_HW_QUEUE_ALLOC, since 6.17): "
	"guest queue memory, mapped in the nest parent's IOAS, that the "
	"hardware reads directly. The kernel pins its pages, which must be "
	"physically contiguous, so they cannot be unmapped while it exists.",
	NULL, NULL, NULL };

static int hw_queue_alloc(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_hw_queue_alloc cmd = { 0 };
	struct hw_queue_args a = { .type = "selftest" };
	const struct flag_name *t;
	struct reg_entry *viommu;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_hw_queue_alloc, &hw_queue_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)) ||
	    (rc = cmd_resolve(ctx, a.pos, OBJ_BIT(OBJ_VIOMMU), &viommu,
			      &cmd.viommu_id)))
		return rc;
	cmd.type = a.type_val;
	cmd.index = (uint32_t)a.index;
	cmd.nesting_parent_iova = a.base;
	cmd.length = a.length;
	rc = ictl_hw_queue_alloc(&ctx->s.ictl, &cmd);
	op = op_begin("hw-queue.alloc");
	op_id(op, "viommu", cmd.viommu_id);
	for (t = hw_queue_types; t->name && t->value != cmd.type; t++)
		;
	if (t->name)
		op_str(op, "type", t->name);
	else
		op_hex(op, "type", cmd.type);
	op_u64(op, "index", cmd.index);
	op_hex(op, "base_addr", cmd.nesting_parent_iova);
	op_hex(op, "length", cmd.length);
	if (!rc && !cmd_register(ctx, op, OBJ_HWQUEUE, cmd.out_hw_queue_id, a.name))
		rc = -ENOMEM;
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_hw_queue_alloc = {
	.object = "hw-queue", .verb = "alloc", .fn = hw_queue_alloc,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "allocate a HW queue of a vIOMMU (IOMMU_HW_QUEUE_ALLOC)",
};
