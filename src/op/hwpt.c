// SPDX-License-Identifier: GPL-2.0-only
/* hwpt alloc | invalidate | set-dirty | get-dirty */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/op.h"
#include "core/session.h"
#include "decode/vendor.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

#define MAX_ENTRY_LEN	(1u << 20)	/* far past the kernel's page limit */
#define DIRTY_LIST_MAX	64		/* IOVAs listed; dirty_count has them all */

#define HWPT_ONLY	OBJ_BIT(OBJ_HWPT)
/* Handles PT may name: a paging HWPT comes from an IOAS, a nested one from the rest */
#define PT_TYPES	(OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT) | OBJ_BIT(OBJ_VIOMMU))

static const struct flag_name alloc_flags[] = {
	{ "nest_parent", ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT },
	{ "dirty_tracking", ICTL_IOMMU_HWPT_ALLOC_DIRTY_TRACKING },
	{ "fault_id_valid", ICTL_IOMMU_HWPT_FAULT_ID_VALID },
	{ "pasid", ICTL_IOMMU_HWPT_ALLOC_PASID },
	{ NULL, 0 }
};

/* ---- hwpt alloc ---- */

static int data_parse(const char *w, void *f, struct perr *e)
{
	const char *bad;

	if (vendor_hwpt_data(w, f, &bad))
		return perr(e, "bad --data at '%s'", bad);
	return 0;
}

static bool data_format(const void *f, unsigned int i, char *buf, size_t len)
{
	return !i && vendor_hwpt_format(f, buf, len);
}

static bool data_equal(const void *a, const void *b)
{
	return vendor_data_equal(a, b);
}

/* --data: driver data, kept as the bytes the kernel gets */
static const char *const data_kind_samples[] = {
	"selftest:iotlb=0x1234", "selftest:iotlb=1",
	"vtd_s1:pgtbl=0x1000,addr-width=48,flags=sre",
	"arm_smmuv3:ste0=1,ste1=2", "raw:0x99:0102030405", NULL
};

static const struct arg_custom data_kind = {
	.parse = data_parse, .format = data_format, .equal = data_equal,
	.samples = data_kind_samples,
};

static const struct arg alloc_args[] = {
	{ .kind = ARG_HANDLE, AT(struct hwpt_alloc_args, dev), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_DEV), .meta = "DEV" },
	{ .kind = ARG_HANDLE, AT(struct hwpt_alloc_args, pt), .flags = ARG_REQUIRED,
	  .types = PT_TYPES, .meta = "PT" },
	{ .opt = "nest-parent", .kind = ARG_BOOL, AT(struct hwpt_alloc_args, nest_parent),
	  .doc = "Allocate a nest parent (stage 2)" },
	{ .opt = "dirty-tracking", .kind = ARG_BOOL,
	  AT(struct hwpt_alloc_args, dirty_tracking),
	  .doc = "Enforce dirty tracking support" },
	{ .opt = "fault", .kind = ARG_HANDLE, AT(struct hwpt_alloc_args, fault),
	  HAS(struct hwpt_alloc_args, has_fault), .types = OBJ_BIT(OBJ_FAULT),
	  .meta = "FAULT", .doc = "Deliver I/O page faults to this fault queue" },
	{ .opt = "pasid", .kind = ARG_BOOL, AT(struct hwpt_alloc_args, pasid),
	  .doc = "Make the HWPT attachable to a PASID (6.15+)" },
	{ .opt = "flags", .kind = ARG_FLAGS, AT(struct hwpt_alloc_args, flags),
	  .names = alloc_flags, .meta = "FLAGS",
	  .doc = "More flags: nest_parent, dirty_tracking, fault_id_valid, pasid or "
		 "numbers (comma list)" },
	{ .opt = "data", .kind = ARG_CUSTOM, AT(struct hwpt_alloc_args, data),
	  HAS(struct hwpt_alloc_args, has_data), .custom = &data_kind,
	  .meta = "TYPE:WORDS",
	  .doc = "Driver data, which makes the HWPT nested on a HWPT or vIOMMU: "
		 "selftest:iotlb=N[,pagetable_type=default|huge], "
		 "vtd_s1:pgtbl=A,addr-width=N,flags=sre|eafe|wpe, arm_smmuv3:ste0=X,ste1=X, "
		 "amd_guest:dte0=X,..,dte3=X, or raw:TYPE:HEXBYTES" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct hwpt_alloc_args, name),
	  .meta = "NAME", .doc = "Name the new HWPT (default hwptN)" },
	{ 0 }
};

static int alloc_check(const void *args, struct perr *e)
{
	const struct hwpt_alloc_args *a = args;

	if (a->flags > UINT32_MAX)
		return perr(e, "bad flags at '0x%" PRIx64 "'", a->flags);
	return 0;
}

static uint32_t alloc_flag_bits(const struct hwpt_alloc_args *a)
{
	return (uint32_t)a->flags |
	       (a->nest_parent ? ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT : 0) |
	       (a->dirty_tracking ? ICTL_IOMMU_HWPT_ALLOC_DIRTY_TRACKING : 0) |
	       (a->pasid ? ICTL_IOMMU_HWPT_ALLOC_PASID : 0) |
	       (a->has_fault ? ICTL_IOMMU_HWPT_FAULT_ID_VALID : 0);
}

static int hwpt_alloc(struct session *s, const void *args, struct result *r)
{
	const struct hwpt_alloc_args *a = args;
	struct ictl_iommu_hwpt_alloc cmd = { 0 };
	struct reg_entry *dev, *pt, *fault;
	int rc;

	if ((rc = sess_resolve(s, &a->dev, OBJ_BIT(OBJ_DEV), &dev, &cmd.dev_id)) ||
	    (rc = sess_resolve(s, &a->pt, PT_TYPES, &pt, &cmd.pt_id)) ||
	    (a->has_fault &&
	     (rc = sess_resolve(s, &a->fault, OBJ_BIT(OBJ_FAULT), &fault, &cmd.fault_id))))
		return rc;
	cmd.flags = alloc_flag_bits(a);
	if (a->has_data) {
		cmd.data_type = a->data.type;
		cmd.data_len = (uint32_t)a->data.len;
		cmd.data_uptr = (uintptr_t)a->data.bytes;
	}
	r->err = ictl_hwpt_alloc(&s->ictl, &cmd);
	result_id(r, "dev", cmd.dev_id);
	result_id(r, "pt", cmd.pt_id);
	if (a->has_fault)
		result_id(r, "fault", cmd.fault_id);
	r->v[HWPT_FLAGS] = cmd.flags;
	r->v[HWPT_DATA_TYPE] = cmd.data_type;
	r->v[HWPT_DATA_LEN] = cmd.data_len;
	/* the kernel picks the kind from the type of PT, not from the data */
	if (pt)
		r->s[0] = pt->type == OBJ_IOAS ? "paging" : "nested";
	result_made(r, OBJ_HWPT, cmd.out_hwpt_id);
	result_hold(r, cmd.pt_id);
	if (a->has_fault)
		result_hold(r, cmd.fault_id);
	return 0;
}

static void alloc_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_flags(rec, "flags", alloc_flags, r->v[HWPT_FLAGS]);
	rec_name(rec, "data_type", vendor_hwpt_type_name((uint32_t)r->v[HWPT_DATA_TYPE]),
		 r->v[HWPT_DATA_TYPE]);
	rec_u64(rec, "data_len", r->v[HWPT_DATA_LEN]);
	if (r->s[0])
		rec_lit(rec, "kind", r->s[0]);
}

const struct op op_hwpt_alloc = {
	.object = "hwpt", .verb = "alloc", .name = "hwpt.alloc",
	.summary = "allocate a paging or nested HW pagetable (IOMMU_HWPT_ALLOC)",
	.doc = "Allocate a HW pagetable for device DEV. PT is an IOAS (a paging HWPT), "
	       "a nest-parent HWPT or a vIOMMU (a nested HWPT, which needs --data).",
	.args = alloc_args, .args_size = sizeof(struct hwpt_alloc_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_HWPT,
	.want = { WANT_ID, "the id of the new object" },
	.check = alloc_check, .exec = hwpt_alloc, .record = alloc_record,
};

/* ---- hwpt invalidate ---- */

/* --type and --entry share one value: entries are read in the type's format */
static int entry_error(struct perr *e, int rc, const char *bad)
{
	if (rc == -ENOSPC)
		return perr(e, "at most %d entries", VENDOR_INV_MAX);
	if (rc == -E2BIG)
		return perr(e, "the entries take more than %d bytes", VENDOR_INV_BYTES);
	return perr(e, "bad --entry at '%s'", bad);
}

static int type_parse(const char *w, void *f, struct perr *e)
{
	const char *bad = w;
	int rc = vendor_inv_set_type(f, w, &bad);

	if (rc == -ENOENT)
		return perr(e, "unknown --type '%s'", w);
	if (rc == -EBUSY)
		return perr(e, "--type '%s' after entries of another type", w);
	return rc ? entry_error(e, rc, bad) : 0;
}

static bool type_format(const void *f, unsigned int i, char *buf, size_t len)
{
	return !i && vendor_inv_type_format(f, buf, len);
}

static bool type_equal(const void *a, const void *b)
{
	return vendor_inv_type_equal(a, b);
}

static int entry_parse(const char *w, void *f, struct perr *e)
{
	const char *bad = w;
	int rc = vendor_inv_add(f, w, &bad);

	return rc ? entry_error(e, rc, bad) : 0;
}

static bool entry_format(const void *f, unsigned int i, char *buf, size_t len)
{
	return vendor_inv_entry_format(f, i, buf, len);
}

static bool entries_equal(const void *a, const void *b)
{
	return vendor_inv_entries_equal(a, b);
}

static const char *const type_kind_samples[] = {
	"selftest", "selftest_viommu", "vtd_s1", "raw:0x7", NULL
};

static const struct arg_custom type_kind = {
	.parse = type_parse, .format = type_format, .equal = type_equal,
	.samples = type_kind_samples,
};

static const char *const entry_kind_samples[] = {
	"iotlb=1", "flags=all", "iotlb=3", NULL
};

static const struct arg_custom entry_kind = {
	.parse = entry_parse, .format = entry_format, .equal = entries_equal,
	.samples = entry_kind_samples,
};

/* --type comes first, so that a step written back reads its entries at once */
static const struct arg inv_args[] = {
	{ .kind = ARG_HANDLE, AT(struct hwpt_invalidate_args, target),
	  .flags = ARG_REQUIRED, .types = HWPT_ONLY | OBJ_BIT(OBJ_VIOMMU),
	  .meta = "HWPT|VIOMMU" },
	{ .opt = "type", .kind = ARG_CUSTOM, AT(struct hwpt_invalidate_args, inv),
	  .flags = ARG_REQUIRED, .custom = &type_kind, .meta = "TYPE",
	  .doc = "Entry format: selftest, selftest_viommu, vtd_s1, arm_smmuv3, or raw:N" },
	{ .opt = "entry", .kind = ARG_CUSTOM, AT(struct hwpt_invalidate_args, inv),
	  .flags = ARG_MANY, .custom = &entry_kind, .meta = "WORDS",
	  .doc = "One entry (repeat for more): selftest flags=all,iotlb=N; "
		 "selftest_viommu flags=all,vdev=N,cache=N; vtd_s1 addr=A,npages=N,leaf; "
		 "arm_smmuv3 cmd0=X,cmd1=X; raw: hex bytes" },
	{ .opt = "entry-len", .kind = ARG_U64, AT(struct hwpt_invalidate_args, entry_len),
	  HAS(struct hwpt_invalidate_args, has_entry_len), .max = MAX_ENTRY_LEN,
	  .meta = "N",
	  .doc = "Bytes per entry (default: the format's size); longer entries are cut" },
	{ 0 }
};

/* The bytes per entry: --entry-len, or the format's size or the longest entry */
static size_t entry_stride(const struct hwpt_invalidate_args *a)
{
	size_t stride = vendor_inv_min_len(&a->inv), len;
	unsigned int i;

	if (a->has_entry_len)
		return a->entry_len;
	for (i = 0; i < a->inv.n; i++)
		if (vendor_inv_at(&a->inv, i, &len) && len > stride)
			stride = len;
	return stride;
}

/* The entries at a stride of @stride, cut or zero-padded; NULL without memory */
static uint8_t *pack_entries(const struct vendor_inv *inv, size_t stride)
{
	const uint8_t *b;
	unsigned int i;
	uint8_t *buf;
	size_t len;

	buf = calloc(inv->n ? inv->n : 1, stride ? stride : 1);
	for (i = 0; buf && i < inv->n; i++) {
		b = vendor_inv_at(inv, i, &len);
		memcpy(buf + i * stride, b, len < stride ? len : stride);
	}
	return buf;
}

static int hwpt_invalidate(struct session *s, const void *args, struct result *r)
{
	const struct hwpt_invalidate_args *a = args;
	struct ictl_iommu_hwpt_invalidate cmd = { 0 };
	struct reg_entry *e;
	uint8_t *buf;
	int rc;

	if ((rc = sess_resolve(s, &a->target, HWPT_ONLY | OBJ_BIT(OBJ_VIOMMU), &e,
			       &cmd.hwpt_id)))
		return rc;
	cmd.data_type = a->inv.type;
	cmd.entry_len = (uint32_t)entry_stride(a);
	cmd.entry_num = a->inv.n;
	buf = pack_entries(&a->inv, cmd.entry_len);
	if (!buf) {
		sess_err(s, "hwpt invalidate: out of memory");
		return -ENOMEM;
	}
	cmd.data_uptr = (uintptr_t)buf;
	r->err = ictl_hwpt_invalidate(&s->ictl, &cmd);
	free(buf);
	result_id(r, e && e->type == OBJ_VIOMMU ? "viommu" : "hwpt", cmd.hwpt_id);
	r->v[HWPT_INV_TYPE] = cmd.data_type;
	r->v[HWPT_INV_ENTRY_LEN] = cmd.entry_len;
	/* written back by the kernel: how far it got, also when an entry failed */
	r->v[HWPT_INV_DONE] = cmd.entry_num;
	return 0;
}

static void inv_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct hwpt_invalidate_args *a = args;

	rec_result_ids(rec, r);
	rec_name(rec, "data_type", a->inv.layout ? vendor_layout_name(a->inv.layout) : NULL,
		 r->v[HWPT_INV_TYPE]);
	rec_u64(rec, "entry_len", r->v[HWPT_INV_ENTRY_LEN]);
	rec_u64(rec, "entries", a->inv.n);
	/* without the ioctl nothing was written back, so nothing to show */
	if (r->err != -ENOTTY)
		rec_u64(rec, "entries_done", r->v[HWPT_INV_DONE]);
}

const struct op op_hwpt_invalidate = {
	.object = "hwpt", .verb = "invalidate", .name = "hwpt.invalidate",
	.summary = "invalidate caches of a nested HWPT or vIOMMU (IOMMU_HWPT_INVALIDATE)",
	.doc = "Invalidate caches of a nested HWPT or a vIOMMU. Without --entry the call "
	       "only asks whether the kernel knows the type.",
	.args = inv_args, .args_size = sizeof(struct hwpt_invalidate_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = hwpt_invalidate, .record = inv_record,
};

/* ---- hwpt set-dirty ---- */

static const struct arg set_dirty_args[] = {
	{ .kind = ARG_HANDLE, AT(struct hwpt_set_dirty_args, hwpt), .flags = ARG_REQUIRED,
	  .types = HWPT_ONLY, .meta = "HWPT" },
	{ .opt = "enable", .kind = ARG_BOOL, AT(struct hwpt_set_dirty_args, enable),
	  .doc = "Start tracking (clears what was recorded)" },
	{ .opt = "disable", .kind = ARG_BOOL, AT(struct hwpt_set_dirty_args, disable),
	  .doc = "Stop tracking" },
	{ 0 }
};

static int set_dirty_check(const void *args, struct perr *e)
{
	const struct hwpt_set_dirty_args *a = args;

	if (a->enable == a->disable)
		return perr(e, "give one of --enable and --disable");
	return 0;
}

static int hwpt_set_dirty(struct session *s, const void *args, struct result *r)
{
	const struct hwpt_set_dirty_args *a = args;
	struct ictl_iommu_hwpt_set_dirty_tracking cmd = { 0 };
	struct reg_entry *e;
	int rc;

	if ((rc = sess_resolve(s, &a->hwpt, HWPT_ONLY, &e, &cmd.hwpt_id)))
		return rc;
	cmd.flags = a->enable ? ICTL_IOMMU_HWPT_DIRTY_TRACKING_ENABLE : 0;
	r->err = ictl_hwpt_set_dirty_tracking(&s->ictl, &cmd);
	result_id(r, "hwpt", cmd.hwpt_id);
	return 0;
}

static void set_dirty_record(struct rec *rec, const void *args,
			     const struct result *r)
{
	const struct hwpt_set_dirty_args *a = args;

	rec_result_ids(rec, r);
	rec_bool(rec, "enable", a->enable);
}

const struct op op_hwpt_set_dirty = {
	.object = "hwpt", .verb = "set-dirty", .name = "hwpt.set-dirty",
	.summary = "turn dirty tracking of a HWPT on or off (IOMMU_HWPT_SET_DIRTY_TRACKING)",
	.doc = "Turn dirty tracking of a paging HWPT on or off.",
	.args = set_dirty_args, .args_size = sizeof(struct hwpt_set_dirty_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = set_dirty_check, .exec = hwpt_set_dirty, .record = set_dirty_record,
};

/* ---- hwpt get-dirty ---- */

static const struct arg get_dirty_args[] = {
	{ .kind = ARG_HANDLE, AT(struct hwpt_get_dirty_args, hwpt), .flags = ARG_REQUIRED,
	  .types = HWPT_ONLY, .meta = "HWPT" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct hwpt_get_dirty_args, iova),
	  HAS(struct hwpt_get_dirty_args, has_iova), .meta = "IOVA",
	  .doc = "Start of the range" },
	{ .opt = "length", .kind = ARG_U64, AT(struct hwpt_get_dirty_args, length),
	  HAS(struct hwpt_get_dirty_args, has_length), .meta = "SIZE",
	  .doc = "Length of the range" },
	{ .opt = "page-size", .kind = ARG_U64, AT(struct hwpt_get_dirty_args, page_size),
	  HAS(struct hwpt_get_dirty_args, has_page_size), .meta = "SIZE",
	  .doc = "Bytes per bitmap bit (default: the CPU page size)" },
	{ .opt = "no-clear", .kind = ARG_BOOL, AT(struct hwpt_get_dirty_args, no_clear),
	  .doc = "Read without clearing the dirty bits" },
	{ 0 }
};

/* Bits the bitmap needs: one a page of --page-size (the CPU's by default) */
static uint64_t dirty_bits(const struct hwpt_get_dirty_args *a, uint64_t *ps)
{
	*ps = a->has_page_size ? a->page_size : (uint64_t)sysconf(_SC_PAGESIZE);
	/* a page size of 0 gets a token bitmap: the kernel is to refuse it */
	return *ps ? a->length / *ps + !!(a->length % *ps) : 0;
}

/* 128 MiB of bitmap: far past any dirty tracking a test asks for */
#define DIRTY_BITS_MAX	(1ull << 30)

static int get_dirty_check(const void *args, struct perr *e)
{
	const struct hwpt_get_dirty_args *a = args;
	uint64_t ps, bits = dirty_bits(a, &ps);

	if (!a->has_iova || !a->has_length)
		return perr(e, "give --iova and --length");
	if (bits > DIRTY_BITS_MAX)
		return perr(e, "--length / --page-size is %" PRIu64 " pages: a bitmap "
			    "of at most %llu", bits, DIRTY_BITS_MAX);
	return 0;
}

static uint64_t dirty_count(const uint64_t *bitmap, uint64_t nbits)
{
	uint64_t i, n = 0;

	for (i = 0; i < nbits / 64; i++)
		n += (uint64_t)__builtin_popcountll(bitmap[i]);
	if (nbits % 64)
		n += (uint64_t)__builtin_popcountll(bitmap[i] &
						    ((1ull << (nbits % 64)) - 1));
	return n;
}

static int hwpt_get_dirty(struct session *s, const void *args, struct result *r)
{
	const struct hwpt_get_dirty_args *a = args;
	struct ictl_iommu_hwpt_get_dirty_bitmap cmd = { 0 };
	struct reg_entry *e;
	uint64_t *bitmap, nbits;
	int rc;

	if ((rc = sess_resolve(s, &a->hwpt, HWPT_ONLY, &e, &cmd.hwpt_id)))
		return rc;
	cmd.iova = a->iova;
	cmd.length = a->length;
	nbits = dirty_bits(a, &cmd.page_size);
	bitmap = sess_scratch(s, (nbits / 64 + 1) * sizeof(*bitmap));
	if (!bitmap) {
		sess_err(s, "hwpt get-dirty: no memory for %" PRIu64 " bits", nbits);
		return -ENOMEM;
	}
	cmd.flags = a->no_clear ? ICTL_IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR : 0;
	cmd.data = (uintptr_t)bitmap;
	r->err = ictl_hwpt_get_dirty_bitmap(&s->ictl, &cmd);
	result_id(r, "hwpt", cmd.hwpt_id);
	r->v[HWPT_DIRTY_IOVA] = cmd.iova;
	r->v[HWPT_DIRTY_LENGTH] = cmd.length;
	r->v[HWPT_DIRTY_PAGE_SIZE] = cmd.page_size;
	r->v[HWPT_DIRTY_BITS] = nbits;
	r->v[HWPT_DIRTY_COUNT] = r->err ? 0 : dirty_count(bitmap, nbits);
	r->data = bitmap;
	return 0;
}

/* The dirty IOVAs, the first DIRTY_LIST_MAX of them, and how many there are */
static void dirty_record(struct rec *rec, const struct result *r)
{
	struct rec *list = rec_list(rec, "dirty");
	const uint64_t *bitmap = r->data;
	uint64_t i, listed = 0;

	for (i = 0; i < r->v[HWPT_DIRTY_BITS] && listed < DIRTY_LIST_MAX; i++) {
		if (!(bitmap[i / 64] >> (i % 64) & 1))
			continue;
		listed++;
		rec_hex(list, NULL, r->v[HWPT_DIRTY_IOVA] +
			i * r->v[HWPT_DIRTY_PAGE_SIZE]);
	}
	rec_u64(rec, "dirty_count", r->v[HWPT_DIRTY_COUNT]);
}

static void get_dirty_record(struct rec *rec, const void *args,
			     const struct result *r)
{
	const struct hwpt_get_dirty_args *a = args;

	rec_result_ids(rec, r);
	rec_hex(rec, "iova", r->v[HWPT_DIRTY_IOVA]);
	rec_hex(rec, "length", r->v[HWPT_DIRTY_LENGTH]);
	rec_hex(rec, "page_size", r->v[HWPT_DIRTY_PAGE_SIZE]);
	rec_bool(rec, "no_clear", a->no_clear);
	if (!r->err)
		dirty_record(rec, r);
}

const struct op op_hwpt_get_dirty = {
	.object = "hwpt", .verb = "get-dirty", .name = "hwpt.get-dirty",
	.summary = "read the dirty bitmap of a HWPT range (IOMMU_HWPT_GET_DIRTY_BITMAP)",
	.doc = "Read (and clear) the dirty bits of a range of a paging HWPT.",
	.args = get_dirty_args, .args_size = sizeof(struct hwpt_get_dirty_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = get_dirty_check, .exec = hwpt_get_dirty, .record = get_dirty_record,
	.want = { HWPT_DIRTY_COUNT + 1, "the number of dirty pages" },
};
