// SPDX-License-Identifier: GPL-2.0-only
/* viommu alloc, vdevice alloc, hw-queue alloc: the virtualization objects (since 6.13) */
#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

#define VIOMMU_ONLY	OBJ_BIT(OBJ_VIOMMU)

static const struct flag_name viommu_types[] = {
	{ "default", ICTL_IOMMU_VIOMMU_TYPE_DEFAULT },
	{ "arm_smmuv3", ICTL_IOMMU_VIOMMU_TYPE_ARM_SMMUV3 },
	{ "tegra241_cmdqv", ICTL_IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV },
	{ "selftest", ICTL_IOMMU_VIOMMU_TYPE_SELFTEST },
	{ NULL, 0 }
};

static const struct flag_name hw_queue_types[] = {
	{ "default", ICTL_IOMMU_HW_QUEUE_TYPE_DEFAULT },
	{ "tegra241_cmdqv", ICTL_IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV },
	{ "selftest", ICTL_IOMMU_HW_QUEUE_TYPE_SELFTEST },
	{ NULL, 0 }
};

/* ---- viommu alloc ---- */

static const struct arg viommu_args[] = {
	{ .kind = ARG_HANDLE, AT(struct viommu_alloc_args, dev), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_DEV), .meta = "DEV" },
	{ .kind = ARG_HANDLE, AT(struct viommu_alloc_args, hwpt), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_HWPT), .meta = "HWPT" },
	{ .opt = "type", .kind = ARG_ENUM, AT(struct viommu_alloc_args, type),
	  HAS(struct viommu_alloc_args, has_type), .names = viommu_types, .meta = "TYPE",
	  .doc = "selftest, arm_smmuv3, tegra241_cmdqv, default (refused by the kernel) "
		 "or a number" },
	{ .opt = "data", .kind = ARG_U64, AT(struct viommu_alloc_args, data),
	  HAS(struct viommu_alloc_args, has_data), .max = UINT32_MAX, .meta = "N",
	  .doc = "Driver data of the selftest type (since 6.17): in_data N, which "
		 "the mock echoes and writes into a page it offers for mmap" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct viommu_alloc_args, name),
	  .meta = "NAME", .doc = "Name the new vIOMMU (default viommuN)" },
	{ 0 }
};

/* What the mock answered in its driver data: the echo and the mmap page */
static void selftest_answer(const struct ictl_iommu_viommu_selftest *d,
			    struct result *r)
{
	r->v[VIOMMU_OUT_DATA] = d->out_data;
	r->v[VIOMMU_MMAP_OFFSET] = d->out_mmap_offset;
	r->v[VIOMMU_MMAP_LENGTH] = d->out_mmap_length;
	r->made.offset = d->out_mmap_offset;
	r->made.len = d->out_mmap_length;
}

static int viommu_alloc(struct session *s, const void *args, struct result *r)
{
	const struct viommu_alloc_args *a = args;
	struct ictl_iommu_viommu_alloc cmd = { 0 };
	struct ictl_iommu_viommu_selftest data = { .in_data = (uint32_t)a->data };
	struct reg_entry *dev, *hwpt;
	int rc;

	if ((rc = sess_resolve(s, &a->dev, OBJ_BIT(OBJ_DEV), &dev, &cmd.dev_id)) ||
	    (rc = sess_resolve(s, &a->hwpt, OBJ_BIT(OBJ_HWPT), &hwpt, &cmd.hwpt_id)))
		return rc;
	cmd.type = a->has_type ? a->type : ICTL_IOMMU_VIOMMU_TYPE_SELFTEST;
	if (a->has_data) {
		cmd.data_len = sizeof(data);
		cmd.data_uptr = (uintptr_t)&data;
	}
	r->err = ictl_viommu_alloc(&s->ictl, &cmd);
	result_id(r, "dev", cmd.dev_id);
	result_id(r, "hwpt", cmd.hwpt_id);
	r->v[VIOMMU_TYPE] = cmd.type;
	result_made(r, OBJ_VIOMMU, cmd.out_viommu_id);
	result_hold(r, cmd.hwpt_id);
	if (!r->err && a->has_data)
		selftest_answer(&data, r);
	return 0;
}

static void viommu_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct viommu_alloc_args *a = args;

	rec_result_ids(rec, r);
	rec_name(rec, "type", flag_value_name(viommu_types, r->v[VIOMMU_TYPE]),
		 r->v[VIOMMU_TYPE]);
	if (!a->has_data)
		return;
	rec_hex(rec, "in_data", a->data);
	if (r->err)
		return;
	rec_hex(rec, "out_data", r->v[VIOMMU_OUT_DATA]);
	rec_hex(rec, "mmap_offset", r->v[VIOMMU_MMAP_OFFSET]);
	rec_hex(rec, "mmap_length", r->v[VIOMMU_MMAP_LENGTH]);
}

const struct op op_viommu_alloc = {
	.object = "viommu", .verb = "alloc", .name = "viommu.alloc",
	.summary = "allocate a vIOMMU on a nest-parent HWPT (IOMMU_VIOMMU_ALLOC)",
	.doc = "Allocate a vIOMMU for DEV on a nest-parent HWPT (since 6.13). The "
	       "vIOMMU holds the HWPT; nested HWPTs and vDEVICEs are made on it. With "
	       "--data the driver gets a payload (since 6.17); the mock's answer "
	       "names a page of the iommufd that viommu mmap maps.",
	.args = viommu_args, .args_size = sizeof(struct viommu_alloc_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_VIOMMU,
	.want = { WANT_ID, "the id of the new object" },
	.exec = viommu_alloc, .record = viommu_record,
};

/* ---- vdevice alloc ---- */

static const struct arg vdevice_args[] = {
	{ .kind = ARG_HANDLE, AT(struct vdevice_alloc_args, viommu), .flags = ARG_REQUIRED,
	  .types = VIOMMU_ONLY, .meta = "VIOMMU" },
	{ .kind = ARG_HANDLE, AT(struct vdevice_alloc_args, dev), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_DEV), .meta = "DEV" },
	{ .opt = "virt-id", .kind = ARG_U64, AT(struct vdevice_alloc_args, virt_id),
	  .meta = "ID", .doc = "The device's ID as the guest sees it "
			       "(e.g. a virtual stream ID or RID; default 0)" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct vdevice_alloc_args, name),
	  .meta = "NAME", .doc = "Name the new vDEVICE (default vdevN)" },
	{ 0 }
};

static int vdevice_alloc(struct session *s, const void *args, struct result *r)
{
	const struct vdevice_alloc_args *a = args;
	struct ictl_iommu_vdevice_alloc cmd = { 0 };
	struct reg_entry *viommu, *dev;
	int rc;

	if ((rc = sess_resolve(s, &a->viommu, VIOMMU_ONLY, &viommu, &cmd.viommu_id)) ||
	    (rc = sess_resolve(s, &a->dev, OBJ_BIT(OBJ_DEV), &dev, &cmd.dev_id)))
		return rc;
	cmd.virt_id = a->virt_id;
	r->err = ictl_vdevice_alloc(&s->ictl, &cmd);
	result_id(r, "viommu", cmd.viommu_id);
	result_id(r, "dev", cmd.dev_id);
	r->v[VDEVICE_VIRT_ID] = cmd.virt_id;
	result_made(r, OBJ_VDEVICE, cmd.out_vdevice_id);
	result_hold(r, cmd.viommu_id);
	result_hold(r, cmd.dev_id);
	return 0;
}

static void vdevice_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_hex(rec, "virt_id", r->v[VDEVICE_VIRT_ID]);
}

const struct op op_vdevice_alloc = {
	.object = "vdevice", .verb = "alloc", .name = "vdevice.alloc",
	.summary = "allocate a vDEVICE of a device behind a vIOMMU",
	.doc = "Allocate a vDEVICE: DEV as the guest sees it behind VIOMMU (since 6.13).",
	.args = vdevice_args, .args_size = sizeof(struct vdevice_alloc_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_VDEVICE,
	.want = { WANT_ID, "the id of the new object" },
	.exec = vdevice_alloc, .record = vdevice_record,
};

/* ---- hw-queue alloc ---- */

static const struct arg hw_queue_args[] = {
	{ .kind = ARG_HANDLE, AT(struct hw_queue_alloc_args, viommu), .flags = ARG_REQUIRED,
	  .types = VIOMMU_ONLY, .meta = "VIOMMU" },
	{ .opt = "type", .kind = ARG_ENUM, AT(struct hw_queue_alloc_args, type),
	  HAS(struct hw_queue_alloc_args, has_type), .names = hw_queue_types,
	  .meta = "TYPE", .doc = "selftest (default), tegra241_cmdqv, "
				 "default (refused by the kernel) or a number" },
	{ .opt = "index", .kind = ARG_U64, AT(struct hw_queue_alloc_args, index),
	  HAS(struct hw_queue_alloc_args, has_index), .max = UINT32_MAX, .meta = "I",
	  .doc = "Which queue of the vIOMMU" },
	{ .opt = "base-addr", .kind = ARG_U64, AT(struct hw_queue_alloc_args, base_addr),
	  HAS(struct hw_queue_alloc_args, has_base_addr), .meta = "IOVA",
	  .doc = "Where the guest queue is, as an IOVA of the vIOMMU's nest parent" },
	{ .opt = "length", .kind = ARG_U64, AT(struct hw_queue_alloc_args, length),
	  HAS(struct hw_queue_alloc_args, has_length), .meta = "SIZE",
	  .doc = "Its length in bytes" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct hw_queue_alloc_args, name),
	  .meta = "NAME", .doc = "Name the new HW queue (default hwqueueN)" },
	{ 0 }
};

static int hw_queue_check(const void *args, struct perr *e)
{
	const struct hw_queue_alloc_args *a = args;

	if (!a->has_index || !a->has_base_addr || !a->has_length)
		return perr(e, "give --index, --base-addr and --length");
	return 0;
}

static int hw_queue_alloc(struct session *s, const void *args, struct result *r)
{
	const struct hw_queue_alloc_args *a = args;
	struct ictl_iommu_hw_queue_alloc cmd = { 0 };
	struct reg_entry *viommu;
	int rc;

	if ((rc = sess_resolve(s, &a->viommu, VIOMMU_ONLY, &viommu, &cmd.viommu_id)))
		return rc;
	cmd.type = a->has_type ? a->type : ICTL_IOMMU_HW_QUEUE_TYPE_SELFTEST;
	cmd.index = (uint32_t)a->index;
	cmd.nesting_parent_iova = a->base_addr;
	cmd.length = a->length;
	r->err = ictl_hw_queue_alloc(&s->ictl, &cmd);
	result_id(r, "viommu", cmd.viommu_id);
	r->v[HW_QUEUE_TYPE] = cmd.type;
	r->v[HW_QUEUE_INDEX] = cmd.index;
	r->v[HW_QUEUE_BASE_ADDR] = cmd.nesting_parent_iova;
	r->v[HW_QUEUE_LENGTH] = cmd.length;
	result_made(r, OBJ_HWQUEUE, cmd.out_hw_queue_id);
	result_hold(r, cmd.viommu_id);
	return 0;
}

static void hw_queue_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_name(rec, "type", flag_value_name(hw_queue_types, r->v[HW_QUEUE_TYPE]),
		 r->v[HW_QUEUE_TYPE]);
	rec_u64(rec, "index", r->v[HW_QUEUE_INDEX]);
	rec_hex(rec, "base_addr", r->v[HW_QUEUE_BASE_ADDR]);
	rec_hex(rec, "length", r->v[HW_QUEUE_LENGTH]);
}

const struct op op_hw_queue_alloc = {
	.object = "hw-queue", .verb = "alloc", .name = "hw-queue.alloc",
	.summary = "allocate a HW queue of a vIOMMU (IOMMU_HW_QUEUE_ALLOC)",
	.doc = "Allocate a HW queue of a vIOMMU (IOMMU_HW_QUEUE_ALLOC, since 6.17): "
	       "guest queue memory, mapped in the nest parent's IOAS, that the "
	       "hardware reads directly. The kernel pins its pages, which must be "
	       "physically contiguous, so they cannot be unmapped while it exists.",
	.args = hw_queue_args, .args_size = sizeof(struct hw_queue_alloc_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_HWQUEUE,
	.want = { WANT_ID, "the id of the new object" },
	.check = hw_queue_check, .exec = hw_queue_alloc, .record = hw_queue_record,
};
