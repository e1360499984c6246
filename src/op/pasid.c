// SPDX-License-Identifier: GPL-2.0-only
/*
 * mock pasid-attach | pasid-replace | pasid-detach | check-pasid: a PASID
 * of a mock device (created with --flags pasid) attached to a HWPT
 * allocated with --pasid, through the selftest (since 6.15).
 */
#include <errno.h>

#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/rec.h"

#define PASID_OPT { .opt = "pasid", .kind = ARG_U64, AT(struct mock_pasid_args, pasid), \
	HAS(struct mock_pasid_args, has_pasid), .flags = ARG_REQUIRED, .meta = "P", \
	.doc = "The PASID" }
#define DEV_ARG { .kind = ARG_HANDLE, AT(struct mock_pasid_args, dev), \
	.flags = ARG_REQUIRED, .types = OBJ_BIT(OBJ_DEV), .meta = "DEV" }
#define PT_ARG(meta_) { .kind = ARG_HANDLE, AT(struct mock_pasid_args, pt), \
	.flags = ARG_REQUIRED, .types = OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT), \
	.meta = meta_ }

/* --pasid first: without it, that is what a step lacks first */
static const struct arg dev_pt_args[] = { PASID_OPT, DEV_ARG, PT_ARG("PT"), { 0 } };
static const struct arg dev_args[] = { PASID_OPT, DEV_ARG, { 0 } };
static const struct arg dev_hwpt_args[] = { PASID_OPT, DEV_ARG, PT_ARG("HWPT"), { 0 } };

static int pasid_check(const void *args, struct perr *e)
{
	const struct mock_pasid_args *a = args;

	if (a->pasid > UINT32_MAX)
		return perr(e, "--pasid %llu: PASIDs have 20 bits at most",
			    (unsigned long long)a->pasid);
	return 0;
}

/* Test op @op on DEV and, if the step has one, a PT (else 0 for none) */
static int pasid_exec(struct session *s, const struct mock_pasid_args *a,
		      uint32_t op, struct result *r)
{
	struct ictl_iommu_test_cmd cmd = { .op = op };
	bool has_pt = op != ICTL_IOMMU_TEST_OP_PASID_DETACH;
	struct reg_entry *dev, *pt;
	uint32_t dev_id, pt_id = 0;
	int rc;

	if ((rc = sess_resolve(s, &a->dev, OBJ_BIT(OBJ_DEV), &dev, &dev_id)) ||
	    (has_pt && (rc = sess_resolve(s, &a->pt, OBJ_BIT(OBJ_IOAS) |
					  OBJ_BIT(OBJ_HWPT), &pt, &pt_id))))
		return rc;
	cmd.id = stdev_of(dev, dev_id);
	/* attach, replace and check share the layout: pasid, then the id */
	cmd.pasid_attach.pasid = (uint32_t)a->pasid;
	cmd.pasid_attach.pt_id = pt_id;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	result_id(r, "stdev", cmd.id);
	if (has_pt)
		result_id(r, "pt", pt_id);
	/* attach and replace answer with the HWPT attached; check only compares */
	if (!r->err && has_pt && op != ICTL_IOMMU_TEST_OP_PASID_CHECK_HWPT)
		result_id(r, "hwpt", cmd.pasid_attach.pt_id);
	if (op != ICTL_IOMMU_TEST_OP_PASID_CHECK_HWPT) {
		r->holder = dev_id;
		r->pasid = (uint32_t)a->pasid;
		r->pasid_change = has_pt ? 1 : -1;
	}
	return 0;
}

static int pasid_attach(struct session *s, const void *args, struct result *r)
{
	return pasid_exec(s, args, ICTL_IOMMU_TEST_OP_PASID_ATTACH, r);
}

static int pasid_replace(struct session *s, const void *args, struct result *r)
{
	return pasid_exec(s, args, ICTL_IOMMU_TEST_OP_PASID_REPLACE, r);
}

static int pasid_detach(struct session *s, const void *args, struct result *r)
{
	return pasid_exec(s, args, ICTL_IOMMU_TEST_OP_PASID_DETACH, r);
}

static int check_pasid(struct session *s, const void *args, struct result *r)
{
	return pasid_exec(s, args, ICTL_IOMMU_TEST_OP_PASID_CHECK_HWPT, r);
}

static void pasid_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mock_pasid_args *a = args;

	rec_result_ids(rec, r);
	rec_u64(rec, "pasid", a->pasid);
}

const struct op op_mock_pasid_attach = {
	.object = "mock", .verb = "pasid-attach", .name = "mock.pasid-attach",
	.summary = "attach a PASID of a mock device (since 6.15)",
	.doc = "Attach a PASID of a mock device to an IOAS or a HWPT made with --pasid.",
	.args = dev_pt_args, .args_size = sizeof(struct mock_pasid_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = pasid_check, .exec = pasid_attach, .record = pasid_record,
};

const struct op op_mock_pasid_replace = {
	.object = "mock", .verb = "pasid-replace", .name = "mock.pasid-replace",
	.summary = "replace what a PASID of a mock device is attached to",
	.doc = "Replace what a PASID of a mock device is attached to.",
	.args = dev_pt_args, .args_size = sizeof(struct mock_pasid_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = pasid_check, .exec = pasid_replace, .record = pasid_record,
};

const struct op op_mock_pasid_detach = {
	.object = "mock", .verb = "pasid-detach", .name = "mock.pasid-detach",
	.summary = "detach a PASID of a mock device",
	.doc = "Detach a PASID of a mock device (the kernel answers 0 also when it "
	       "was not attached).",
	.args = dev_args, .args_size = sizeof(struct mock_pasid_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = pasid_check, .exec = pasid_detach, .record = pasid_record,
};

const struct op op_mock_check_pasid = {
	.object = "mock", .verb = "check-pasid", .name = "mock.check-pasid",
	.summary = "check which HWPT a PASID of a mock device is attached to",
	.doc = "Check which HWPT a PASID of a mock device is attached to: passes when "
	       "it is HWPT, or, for HWPT 0, when it is detached (EINVAL otherwise).",
	.args = dev_hwpt_args, .args_size = sizeof(struct mock_pasid_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = pasid_check, .exec = check_pasid, .record = pasid_record,
};
