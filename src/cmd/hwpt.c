// SPDX-License-Identifier: GPL-2.0-only
/* hwpt alloc | invalidate | set-dirty | get-dirty */
#include <argp.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "cmd.h"
#include "emit.h"
#include "util/parse.h"
#include "decode/vendor.h"

enum {
	OPT_NAME = 'n', OPT_NEST_PARENT = 0x1000, OPT_DIRTY, OPT_FAULT,
	OPT_PASID, OPT_FLAGS, OPT_DATA, OPT_TYPE, OPT_ENTRY, OPT_ENTRY_LEN,
	OPT_ENABLE, OPT_DISABLE, OPT_IOVA, OPT_LENGTH, OPT_PAGE_SIZE,
	OPT_NO_CLEAR,
};

#define MAX_ENTRIES	256
#define MAX_ENTRY_LEN	(1u << 20)	/* far past the kernel's page limit */
#define DIRTY_LIST_MAX	64		/* IOVAs listed; dirty_count has them all */

/* Handles PT may name: a paging HWPT comes from an IOAS, a nested one from the rest */
#define PT_TYPES	(OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT) | OBJ_BIT(OBJ_VIOMMU))

static const struct flag_name alloc_flags[] = {
	{ "nest_parent", ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT },
	{ "dirty_tracking", ICTL_IOMMU_HWPT_ALLOC_DIRTY_TRACKING },
	{ "fault_id_valid", ICTL_IOMMU_HWPT_FAULT_ID_VALID },
	{ "pasid", ICTL_IOMMU_HWPT_ALLOC_PASID },
	{ NULL, 0 }
};

struct hwpt_args {
	const char *pos[2];		/* positional arguments */
	unsigned int want;		/* how many the command takes, 1 or 2 */
	const char *what;		/* their names, for "missing ..." */
	/* a command's own checks once every option is in */
	int (*check)(struct argp_state *st, struct hwpt_args *a);

	const char *name, *fault;
	uint64_t flags;
	bool has_data;
	struct vendor_data data;	/* alloc --data */

	const char *type;		/* invalidate */
	const struct vendor_layout *layout;
	uint32_t inv_type;
	const char *entry[MAX_ENTRIES];
	unsigned int nentry;
	uint64_t entry_len;		/* given, or the longest entry */
	bool has_entry_len;

	bool enable, disable, no_clear;
	uint64_t iova, length, page_size;
	bool has_iova, has_length, has_page_size;
};

static error_t alloc_opt(int key, char *arg, struct argp_state *st,
			 struct hwpt_args *a)
{
	const char *bad;
	uint64_t v;

	switch (key) {
	case OPT_NEST_PARENT:
		a->flags |= ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT;
		return 0;
	case OPT_DIRTY:
		a->flags |= ICTL_IOMMU_HWPT_ALLOC_DIRTY_TRACKING;
		return 0;
	case OPT_PASID:
		a->flags |= ICTL_IOMMU_HWPT_ALLOC_PASID;
		return 0;
	case OPT_FAULT:
		a->fault = arg;
		return 0;
	case OPT_FLAGS:
		if (parse_flags(arg, alloc_flags, &v, &bad) || v > UINT32_MAX) {
			argp_error(st, "bad flags at '%s'", v > UINT32_MAX ? arg : bad);
			return EINVAL;
		}
		a->flags |= v;
		return 0;
	case OPT_DATA:
		if (vendor_hwpt_data(arg, &a->data, &bad)) {
			argp_error(st, "bad --data at '%s'", bad);
			return EINVAL;
		}
		a->has_data = true;
		return 0;
	}
	return ARGP_ERR_UNKNOWN;
}

static error_t other_opt(int key, char *arg, struct argp_state *st,
			 struct hwpt_args *a)
{
	switch (key) {
	case OPT_TYPE:
		a->type = arg;
		return 0;
	case OPT_ENTRY:
		if (a->nentry == MAX_ENTRIES) {
			argp_error(st, "at most %d entries", MAX_ENTRIES);
			return EINVAL;
		}
		a->entry[a->nentry++] = arg;
		return 0;
	case OPT_ENTRY_LEN:
		a->has_entry_len = true;
		return arg_u64(st, arg, &a->entry_len);
	case OPT_ENABLE:
	case OPT_DISABLE:
		*(key == OPT_ENABLE ? &a->enable : &a->disable) = true;
		return 0;
	case OPT_NO_CLEAR:
		a->no_clear = true;
		return 0;
	case OPT_IOVA:
		a->has_iova = true;
		return arg_u64(st, arg, &a->iova);
	case OPT_LENGTH:
		a->has_length = true;
		return arg_u64(st, arg, &a->length);
	case OPT_PAGE_SIZE:
		a->has_page_size = true;
		return arg_u64(st, arg, &a->page_size);
	}
	return ARGP_ERR_UNKNOWN;
}

static error_t hwpt_opt(int key, char *arg, struct argp_state *st)
{
	struct hwpt_args *a = st->input;
	error_t err;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case ARGP_KEY_ARG:
		/* one more than the command takes finds its slot filled */
		return arg_take(st, &a->pos[a->pos[0] && a->want > 1], arg);
	case ARGP_KEY_END:
		if (arg_need(st, a->pos[a->want - 1], a->what))
			return EINVAL;
		return a->check ? a->check(st, a) : 0;
	}
	err = alloc_opt(key, arg, st, a);
	return err == ARGP_ERR_UNKNOWN ? other_opt(key, arg, st, a) : err;
}

/* The type's name, or its number for types this tool has no words for */
static void op_type(struct json_object *op, const char *key, const char *name,
		    uint32_t type)
{
	if (name)
		op_str(op, key, name);
	else
		op_hex(op, key, type);
}

/* ---- hwpt alloc ---- */

static const struct argp_option alloc_opts[] = {
	{ "nest-parent", OPT_NEST_PARENT, NULL, 0, "Allocate a nest parent (stage 2)", 0 },
	{ "dirty-tracking", OPT_DIRTY, NULL, 0, "Enforce dirty tracking support", 0 },
	{ "fault", OPT_FAULT, "FAULT", 0, "Deliver I/O page faults to this fault queue", 0 },
	{ "pasid", OPT_PASID, NULL, 0, "Make the HWPT attachable to a PASID (6.15+)", 0 },
	{ "flags", OPT_FLAGS, "FLAGS", 0,
	  "More flags: nest_parent, dirty_tracking, fault_id_valid, pasid or numbers (comma list)", 0 },
	{ "data", OPT_DATA, "TYPE:WORDS", 0,
	  "Driver data, which makes the HWPT nested on a HWPT or vIOMMU: "
	  "selftest:iotlb=N[,pagetable_type=default|huge], "
	  "vtd_s1:pgtbl=A,addr-width=N,flags=sre|eafe|wpe, arm_smmuv3:ste0=X,ste1=X, "
	  "amd_guest:dte0=X,..,dte3=X, or raw:TYPE:HEXBYTES", 0 },
	{ "name", OPT_NAME, "NAME", 0, "Name the new HWPT (default hwptN)", 0 },
	{ 0 }
};

static const struct argp alloc_argp = { alloc_opts, hwpt_opt, "DEV PT",
	"Allocate a HW pagetable for device DEV. PT is an IOAS (a paging HWPT), "
	"a nest-parent HWPT or a vIOMMU (a nested HWPT, which needs --data).",
	NULL, NULL, NULL };

static int alloc_resolve(struct ctx *ctx, const struct hwpt_args *a,
			 struct ictl_iommu_hwpt_alloc *cmd, struct reg_entry **pt)
{
	struct reg_entry *e;
	int rc;

	if ((rc = cmd_check_name(ctx, a->name)) ||
	    (rc = cmd_resolve(ctx, a->pos[0], OBJ_BIT(OBJ_DEV), &e, &cmd->dev_id)) ||
	    (rc = cmd_resolve(ctx, a->pos[1], PT_TYPES, pt, &cmd->pt_id)))
		return rc;
	if (!a->fault)
		return EXIT_OK;
	cmd->flags |= ICTL_IOMMU_HWPT_FAULT_ID_VALID;
	return cmd_resolve(ctx, a->fault, OBJ_BIT(OBJ_FAULT), &e, &cmd->fault_id);
}

static void alloc_record(struct json_object *op, const struct hwpt_args *a,
			 const struct ictl_iommu_hwpt_alloc *cmd,
			 const struct reg_entry *pt)
{
	op_id(op, "dev", cmd->dev_id);
	op_id(op, "pt", cmd->pt_id);
	if (a->fault)
		op_id(op, "fault", cmd->fault_id);
	op_flags(op, "flags", alloc_flags, cmd->flags);
	op_type(op, "data_type", vendor_hwpt_type_name(cmd->data_type),
		cmd->data_type);
	op_u64(op, "data_len", cmd->data_len);
	/* the kernel picks the kind from the type of PT, not from the data */
	if (pt)
		op_str(op, "kind", pt->type == OBJ_IOAS ? "paging" : "nested");
}

static int hwpt_alloc(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_hwpt_alloc cmd = { 0 };
	struct hwpt_args a = { .want = 2, .what = "DEV and PT" };
	struct reg_entry *pt;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_hwpt_alloc, &alloc_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = alloc_resolve(ctx, &a, &cmd, &pt)))
		return rc;
	cmd.flags |= (uint32_t)a.flags;
	if (a.has_data) {
		cmd.data_type = a.data.type;
		cmd.data_len = (uint32_t)a.data.len;
		cmd.data_uptr = (uintptr_t)a.data.bytes;
	}
	rc = ictl_hwpt_alloc(&ctx->s.ictl, &cmd);
	op = op_begin("hwpt.alloc");
	alloc_record(op, &a, &cmd, pt);
	if (!rc) {
		if (!cmd_register(ctx, op, OBJ_HWPT, cmd.out_hwpt_id, a.name))
			rc = -ENOMEM;
	}
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_hwpt_alloc = {
	.object = "hwpt", .verb = "alloc", .fn = hwpt_alloc,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "allocate a paging or nested HW pagetable (IOMMU_HWPT_ALLOC)",
};

/* ---- hwpt invalidate ---- */

/* Parse every entry now, so a bad one is a usage error before anything runs. */
static int check_entries(struct argp_state *st, struct hwpt_args *a)
{
	struct vendor_data d;
	const char *bad;
	unsigned int i;

	if (!a->type) {
		argp_error(st, "missing --type");
		return EINVAL;
	}
	if (vendor_inv_type(a->type, &a->layout, &a->inv_type)) {
		argp_error(st, "unknown --type '%s'", a->type);
		return EINVAL;
	}
	vendor_inv_entry(a->layout, a->inv_type, "", &d, &bad);
	if (!a->has_entry_len)
		a->entry_len = d.len;
	for (i = 0; i < a->nentry; i++) {
		if (vendor_inv_entry(a->layout, a->inv_type, a->entry[i], &d, &bad)) {
			argp_error(st, "bad --entry at '%s'", bad);
			return EINVAL;
		}
		if (!a->has_entry_len && d.len > a->entry_len)
			a->entry_len = d.len;
	}
	if (a->entry_len > MAX_ENTRY_LEN) {
		argp_error(st, "--entry-len is at most %u", MAX_ENTRY_LEN);
		return EINVAL;
	}
	return 0;
}

static const struct argp_option inv_opts[] = {
	{ "type", OPT_TYPE, "TYPE", 0,
	  "Entry format: selftest, selftest_viommu, vtd_s1, arm_smmuv3, or raw:N", 0 },
	{ "entry", OPT_ENTRY, "WORDS", 0,
	  "One entry (repeat for more): selftest flags=all,iotlb=N; "
	  "selftest_viommu flags=all,vdev=N,cache=N; vtd_s1 addr=A,npages=N,leaf; "
	  "arm_smmuv3 cmd0=X,cmd1=X; raw: hex bytes", 0 },
	{ "entry-len", OPT_ENTRY_LEN, "N", 0,
	  "Bytes per entry (default: the format's size); longer entries are cut", 0 },
	{ 0 }
};

static const struct argp inv_argp = { inv_opts, hwpt_opt, "HWPT|VIOMMU",
	"Invalidate caches of a nested HWPT or a vIOMMU. Without --entry the call "
	"only asks whether the kernel knows the type.", NULL, NULL, NULL };

/* The entries packed at a stride of entry_len; NULL when out of memory */
static uint8_t *pack_entries(const struct hwpt_args *a,
			     struct ictl_iommu_hwpt_invalidate *cmd)
{
	size_t stride = a->entry_len;
	struct vendor_data d;
	const char *bad;
	unsigned int i;
	uint8_t *buf;

	buf = calloc(a->nentry ? a->nentry : 1, stride ? stride : 1);
	if (!buf)
		return NULL;
	for (i = 0; i < a->nentry; i++) {
		vendor_inv_entry(a->layout, a->inv_type, a->entry[i], &d, &bad);
		memcpy(buf + i * stride, d.bytes, d.len < stride ? d.len : stride);
	}
	cmd->data_type = a->inv_type;
	cmd->entry_len = (uint32_t)stride;
	cmd->entry_num = a->nentry;
	cmd->data_uptr = (uintptr_t)buf;
	return buf;
}

static int hwpt_invalidate(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_hwpt_invalidate cmd = { 0 };
	struct hwpt_args a = { .want = 1, .what = "HWPT or VIOMMU",
			       .check = check_entries };
	struct reg_entry *e;
	struct json_object *op;
	uint8_t *buf;
	int rc;

	if (!cmd_parse(ctx, &cmd_hwpt_invalidate, &inv_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_HWPT) | OBJ_BIT(OBJ_VIOMMU),
			      &e, &cmd.hwpt_id)))
		return rc;
	buf = pack_entries(&a, &cmd);
	if (!buf) {
		msg_err(ctx, "hwpt invalidate: out of memory");
		return EXIT_OPFAIL;
	}
	rc = ictl_hwpt_invalidate(&ctx->s.ictl, &cmd);
	free(buf);
	op = op_begin("hwpt.invalidate");
	op_id(op, e && e->type == OBJ_VIOMMU ? "viommu" : "hwpt", cmd.hwpt_id);
	op_type(op, "data_type", a.layout ? vendor_layout_name(a.layout) : NULL,
		a.inv_type);
	op_u64(op, "entry_len", a.entry_len);
	op_u64(op, "entries", a.nentry);
	/*
	 * Written back by the kernel: how far it got, also when an entry
	 * failed. Without the ioctl nothing was written, so nothing to show.
	 */
	if (rc != -ENOTTY)
		op_u64(op, "entries_done", cmd.entry_num);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_hwpt_invalidate = {
	.object = "hwpt", .verb = "invalidate", .fn = hwpt_invalidate,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "invalidate caches of a nested HWPT or vIOMMU (IOMMU_HWPT_INVALIDATE)",
};

/* ---- hwpt set-dirty ---- */

static int check_enable(struct argp_state *st, struct hwpt_args *a)
{
	if (a->enable != a->disable)
		return 0;
	argp_error(st, "give one of --enable and --disable");
	return EINVAL;
}

static const struct argp_option set_dirty_opts[] = {
	{ "enable", OPT_ENABLE, NULL, 0, "Start tracking (clears what was recorded)", 0 },
	{ "disable", OPT_DISABLE, NULL, 0, "Stop tracking", 0 },
	{ 0 }
};

static const struct argp set_dirty_argp = { set_dirty_opts, hwpt_opt, "HWPT",
	"Turn dirty tracking of a paging HWPT on or off.", NULL, NULL, NULL };

static int hwpt_set_dirty(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_hwpt_set_dirty_tracking cmd = { 0 };
	struct hwpt_args a = { .want = 1, .what = "HWPT", .check = check_enable };
	struct reg_entry *e;
	struct json_object *op;
	int rc;

	if (!cmd_parse(ctx, &cmd_hwpt_set_dirty, &set_dirty_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_HWPT), &e, &cmd.hwpt_id)))
		return rc;
	cmd.flags = a.enable ? ICTL_IOMMU_HWPT_DIRTY_TRACKING_ENABLE : 0;
	rc = ictl_hwpt_set_dirty_tracking(&ctx->s.ictl, &cmd);
	op = op_begin("hwpt.set-dirty");
	op_id(op, "hwpt", cmd.hwpt_id);
	op_bool(op, "enable", a.enable);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_hwpt_set_dirty = {
	.object = "hwpt", .verb = "set-dirty", .fn = hwpt_set_dirty,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "turn dirty tracking of a HWPT on or off (IOMMU_HWPT_SET_DIRTY_TRACKING)",
};

/* ---- hwpt get-dirty ---- */

static int check_range(struct argp_state *st, struct hwpt_args *a)
{
	if (!a->has_iova || !a->has_length) {
		argp_error(st, "give --iova and --length");
		return EINVAL;
	}
	if (!a->has_page_size)
		a->page_size = (uint64_t)sysconf(_SC_PAGESIZE);
	return 0;
}

static const struct argp_option get_dirty_opts[] = {
	{ "iova", OPT_IOVA, "IOVA", 0, "Start of the range", 0 },
	{ "length", OPT_LENGTH, "SIZE", 0, "Length of the range", 0 },
	{ "page-size", OPT_PAGE_SIZE, "SIZE", 0,
	  "Bytes per bitmap bit (default: the CPU page size)", 0 },
	{ "no-clear", OPT_NO_CLEAR, NULL, 0, "Read without clearing the dirty bits", 0 },
	{ 0 }
};

static const struct argp get_dirty_argp = { get_dirty_opts, hwpt_opt, "HWPT",
	"Read (and clear) the dirty bits of a range of a paging HWPT.",
	NULL, NULL, NULL };

/* The dirty IOVAs, the first DIRTY_LIST_MAX of them as "0x.." strings */
static void op_dirty(struct json_object *op,
		     const struct ictl_iommu_hwpt_get_dirty_bitmap *cmd,
		     const uint64_t *bitmap, uint64_t nbits)
{
	struct json_object *list = json_object_new_array();
	uint64_t i, count = 0;
	char hex[24];

	for (i = 0; i < nbits; i++) {
		if (!(bitmap[i / 64] >> (i % 64) & 1))
			continue;
		if (count++ >= DIRTY_LIST_MAX)
			continue;
		snprintf(hex, sizeof(hex), "0x%" PRIx64, cmd->iova + i * cmd->page_size);
		json_object_array_add(list, json_object_new_string(hex));
	}
	json_object_object_add(op, "dirty", list);
	op_u64(op, "dirty_count", count);
}

static int hwpt_get_dirty(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_hwpt_get_dirty_bitmap cmd = { 0 };
	struct hwpt_args a = { .want = 1, .what = "HWPT", .check = check_range };
	struct reg_entry *e;
	struct json_object *op;
	uint64_t *bitmap, nbits;
	int rc;

	if (!cmd_parse(ctx, &cmd_hwpt_get_dirty, &get_dirty_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.pos[0], OBJ_BIT(OBJ_HWPT), &e, &cmd.hwpt_id)))
		return rc;
	/* a page size of 0 gets a token bitmap: the kernel is to refuse it */
	nbits = a.page_size ? a.length / a.page_size + !!(a.length % a.page_size) : 0;
	bitmap = calloc(nbits / 64 + 1, sizeof(*bitmap));
	if (!bitmap) {
		msg_err(ctx, "hwpt get-dirty: no memory for %" PRIu64 " bits", nbits);
		return EXIT_OPFAIL;
	}
	cmd.iova = a.iova;
	cmd.length = a.length;
	cmd.page_size = a.page_size;
	cmd.flags = a.no_clear ? ICTL_IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR : 0;
	cmd.data = (uintptr_t)bitmap;
	rc = ictl_hwpt_get_dirty_bitmap(&ctx->s.ictl, &cmd);
	op = op_begin("hwpt.get-dirty");
	op_id(op, "hwpt", cmd.hwpt_id);
	op_hex(op, "iova", cmd.iova);
	op_hex(op, "length", cmd.length);
	op_hex(op, "page_size", cmd.page_size);
	op_bool(op, "no_clear", a.no_clear);
	if (!rc)
		op_dirty(op, &cmd, bitmap, nbits);
	free(bitmap);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_hwpt_get_dirty = {
	.object = "hwpt", .verb = "get-dirty", .fn = hwpt_get_dirty,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "read the dirty bitmap of a HWPT range (IOMMU_HWPT_GET_DIRTY_BITMAP)",
};
