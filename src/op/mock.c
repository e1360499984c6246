// SPDX-License-Identifier: GPL-2.0-only
/*
 * mock: devices and checks of the CONFIG_IOMMUFD_TEST selftest driver.
 * A check the kernel does not confirm fails like any other operation.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

/* IOMMU_TEST_OP_DIRTY takes at most 16M bytes of bitmap */
#define DIRTY_MAX_BITS	((uint64_t)16 << 20 << 3)

#define PT_TYPES	(OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT))
#define HWPT_ONLY	OBJ_BIT(OBJ_HWPT)
#define DEV_ONLY	OBJ_BIT(OBJ_DEV)

static const struct flag_name dev_flags[] = {
	{ "no-dirty", ICTL_MOCK_FLAGS_DEVICE_NO_DIRTY },
	{ "pasid", ICTL_MOCK_FLAGS_DEVICE_PASID },
	{ NULL, 0 }
};

uint32_t stdev_of(const struct reg_entry *dev, uint32_t id)
{
	return dev && dev->stdev_id ? dev->stdev_id : id;
}

/* The test command @cmd on @s: the kernel's answer goes in @r */
static int test_cmd(struct session *s, struct ictl_iommu_test_cmd *cmd,
		    struct result *r)
{
	r->err = ictl_test_cmd(&s->ictl, cmd);
	return 0;
}

/* ---- mock create ---- */

static const struct arg create_args[] = {
	{ .kind = ARG_HANDLE, AT(struct mock_create_args, pt), .flags = ARG_REQUIRED,
	  .types = PT_TYPES, .meta = "IOAS|HWPT" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct mock_create_args, name),
	  .meta = "NAME", .doc = "Name the new device (default devN)" },
	{ .opt = "flags", .kind = ARG_FLAGS, AT(struct mock_create_args, flags),
	  HAS(struct mock_create_args, has_flags), .names = dev_flags, .meta = "FLAGS",
	  .doc = "Device flags: no-dirty, pasid (comma list)" },
	{ 0 }
};

static int mock_create(struct session *s, const void *args, struct result *r)
{
	const struct mock_create_args *a = args;
	struct ictl_iommu_test_cmd cmd = { 0 };
	struct reg_entry *pt;
	int rc;

	if ((rc = sess_resolve(s, &a->pt, PT_TYPES, &pt, &cmd.id)))
		return rc;
	/* the plain op predates device flags; use it when none are asked for */
	cmd.op = a->has_flags ? ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS :
				ICTL_IOMMU_TEST_OP_MOCK_DOMAIN;
	if (a->has_flags)
		cmd.mock_domain_flags.dev_flags = (uint32_t)a->flags;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	result_id(r, "pt", cmd.id);
	if (r->err)
		return 0;
	/* both ops return the ids at the same offsets */
	r->made.type = OBJ_DEV;
	r->made.id = cmd.mock_domain.out_idev_id;
	r->made.stdev = cmd.mock_domain.out_stdev_id;
	result_id(r, "dev", cmd.mock_domain.out_idev_id);
	result_id(r, "stdev", cmd.mock_domain.out_stdev_id);
	result_id(r, "hwpt", cmd.mock_domain.out_hwpt_id);
	/* through its automatic domain, which has no name: the IOAS */
	result_hold(r, cmd.id);
	return 0;
}

/* The ids, as many operations' whole record */
static void ids_record(struct rec *rec, const void *args, const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
}

const struct op op_mock_create = {
	.object = "mock", .verb = "create", .name = "mock.create",
	.summary = "create a mock device (CONFIG_IOMMUFD_TEST) on an IOAS or HWPT",
	.doc = "Create a mock device (CONFIG_IOMMUFD_TEST) attached to an IOAS or HWPT. "
	       "It serves as a dev_id for every device operation.",
	.args = create_args, .args_size = sizeof(struct mock_create_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_DEV,
	.exec = mock_create, .record = ids_record,
};

/* ---- mock replace ---- */

static const struct arg replace_args[] = {
	{ .kind = ARG_HANDLE, AT(struct mock_replace_args, dev), .flags = ARG_REQUIRED,
	  .types = DEV_ONLY, .meta = "DEV" },
	{ .kind = ARG_HANDLE, AT(struct mock_replace_args, pt), .flags = ARG_REQUIRED,
	  .types = PT_TYPES, .meta = "PT" },
	{ 0 }
};

static int mock_replace(struct session *s, const void *args, struct result *r)
{
	const struct mock_replace_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE };
	struct reg_entry *dev, *pt;
	uint32_t dev_id, pt_id;
	int rc;

	if ((rc = sess_resolve(s, &a->dev, DEV_ONLY, &dev, &dev_id)) ||
	    (rc = sess_resolve(s, &a->pt, PT_TYPES, &pt, &pt_id)))
		return rc;
	cmd.id = stdev_of(dev, dev_id);
	cmd.mock_domain_replace.pt_id = pt_id;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	if (dev)
		result_id(r, "dev", dev_id);
	result_id(r, "stdev", cmd.id);
	result_id(r, "pt", pt_id);
	/* for an IOAS the kernel answers with the HWPT it attached */
	if (!r->err)
		result_id(r, "hwpt", cmd.mock_domain_replace.pt_id);
	/* the device now holds what it moved onto, and no longer the old */
	r->holder = dev_id;
	r->rehold = true;
	result_hold(r, pt_id);
	return 0;
}

const struct op op_mock_replace = {
	.object = "mock", .verb = "replace", .name = "mock.replace",
	.summary = "move a mock device to another IOAS or HWPT (MOCK_DOMAIN_REPLACE)",
	.doc = "Move a mock device to another IOAS or HWPT (iommufd_device_replace). "
	       "A plain number for DEV is its selftest object id (stdev).",
	.args = replace_args, .args_size = sizeof(struct mock_replace_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = mock_replace, .record = ids_record,
};

/* ---- mock check-map, check-refs ---- */

#define MEM_ARG(doc_) \
	{ .opt = "mem", .kind = ARG_HANDLE, AT(struct mock_check_map_args, mem), \
	  .flags = ARG_REQUIRED, .types = OBJ_BIT(OBJ_MEM), .meta = "@MEM", \
	  .doc = doc_ }
#define LENGTH_ARG(doc_) \
	{ .opt = "length", .kind = ARG_U64, AT(struct mock_check_map_args, length), \
	  HAS(struct mock_check_map_args, has_length), .meta = "SIZE", .doc = doc_ }

static const struct arg check_map_args[] = {
	{ .kind = ARG_HANDLE, AT(struct mock_check_map_args, hwpt), .flags = ARG_REQUIRED,
	  .types = HWPT_ONLY, .meta = "HWPT" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct mock_check_map_args, iova),
	  HAS(struct mock_check_map_args, has_iova), .flags = ARG_REQUIRED,
	  .meta = "IOVA", .doc = "Start of the range" },
	LENGTH_ARG("Length (default: all of --mem)"),
	MEM_ARG("The memory the range must map"),
	{ 0 }
};

static const struct arg check_refs_args[] = {
	MEM_ARG("The memory whose pages to check"),
	LENGTH_ARG("Bytes to check (default: all of --mem)"),
	{ .opt = "refs", .kind = ARG_U64, AT(struct mock_check_map_args, refs),
	  .meta = "N", .max = UINT32_MAX, .doc = "Pins each page must have (default 0)" },
	{ 0 }
};

/* --mem names memory an earlier step allocated; a raw address is no use */
static int mem_check(const void *args, struct perr *e)
{
	const struct mock_check_map_args *a = args;

	return a->mem.by_id ? perr(e, "--mem takes an @name") : 0;
}

/* The memory of --mem and the bytes of it to check. 0 or -EINVAL */
static int check_mem(struct session *s, const struct mock_check_map_args *a,
		     struct reg_entry **mem, uint64_t *length)
{
	int rc = mem_resolve(s, &a->mem, "mock", MEM_NEED_CPU, mem);

	if (rc)
		return rc;
	*length = a->has_length ? a->length : (*mem)->len;
	return 0;
}

static int check_map(struct session *s, const void *args, struct result *r)
{
	const struct mock_check_map_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_MD_CHECK_MAP };
	struct reg_entry *hwpt, *mem;
	int rc;

	if ((rc = sess_resolve(s, &a->hwpt, HWPT_ONLY, &hwpt, &cmd.id)) ||
	    (rc = check_mem(s, a, &mem, &cmd.check_map.length)))
		return rc;
	cmd.check_map.iova = a->iova;
	cmd.check_map.uptr = (uintptr_t)mem->mem;
	result_id(r, "hwpt", cmd.id);
	r->s[0] = mem->name;
	r->v[MOCK_IOVA] = cmd.check_map.iova;
	r->v[MOCK_LENGTH] = cmd.check_map.length;
	return test_cmd(s, &cmd, r);
}

static void check_map_record(struct rec *rec, const void *args,
			     const struct result *r)
{
	(void)args;
	rec_result_ids(rec, r);
	rec_str(rec, "mem", r->s[0]);
	rec_hex(rec, "iova", r->v[MOCK_IOVA]);
	rec_hex(rec, "length", r->v[MOCK_LENGTH]);
}

const struct op op_mock_check_map = {
	.object = "mock", .verb = "check-map", .name = "mock.check-map",
	.summary = "check what a mock HWPT maps an IOVA range to (MD_CHECK_MAP)",
	.doc = "Check that a mock paging HWPT maps the range to the pages of --mem.",
	.args = check_map_args, .args_size = sizeof(struct mock_check_map_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = mem_check, .exec = check_map, .record = check_map_record,
};

static int check_refs(struct session *s, const void *args, struct result *r)
{
	const struct mock_check_map_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_MD_CHECK_REFS };
	struct reg_entry *mem;
	int rc;

	if ((rc = check_mem(s, a, &mem, &cmd.check_refs.length)))
		return rc;
	cmd.check_refs.uptr = (uintptr_t)mem->mem;
	cmd.check_refs.refs = (uint32_t)a->refs;
	r->s[0] = mem->name;
	r->v[MOCK_LENGTH] = cmd.check_refs.length;
	return test_cmd(s, &cmd, r);
}

static void check_refs_record(struct rec *rec, const void *args,
			      const struct result *r)
{
	const struct mock_check_map_args *a = args;

	rec_str(rec, "mem", r->s[0]);
	rec_hex(rec, "length", r->v[MOCK_LENGTH]);
	rec_u64(rec, "refs", a->refs);
}

const struct op op_mock_check_refs = {
	.object = "mock", .verb = "check-refs", .name = "mock.check-refs",
	.summary = "check the pin count of user pages (MD_CHECK_REFS)",
	.doc = "Check the pin count of every page of --mem: 0 once nothing maps it, "
	       "1 per domain-backed mapping.",
	.args = check_refs_args, .args_size = sizeof(struct mock_check_map_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = mem_check, .exec = check_refs, .record = check_refs_record,
};

/* ---- mock check-iotlb, check-dev-cache ---- */

#define SLOT_ARGS(types_, meta_) { \
	{ .kind = ARG_HANDLE, AT(struct mock_check_slot_args, obj), \
	  .flags = ARG_REQUIRED, .types = types_, .meta = meta_ }, \
	{ .opt = "id", .kind = ARG_U64, AT(struct mock_check_slot_args, id), \
	  HAS(struct mock_check_slot_args, has_id), .meta = "N", .doc = "Which entry" }, \
	{ .opt = "value", .kind = ARG_U64, AT(struct mock_check_slot_args, value), \
	  HAS(struct mock_check_slot_args, has_value), .meta = "V", \
	  .doc = "The value it must hold" }, \
	{ 0 } }

static const struct arg check_iotlb_args[] = SLOT_ARGS(HWPT_ONLY, "HWPT");
static const struct arg check_dev_cache_args[] = SLOT_ARGS(DEV_ONLY, "DEV");

static int slot_check(const void *args, struct perr *e)
{
	const struct mock_check_slot_args *a = args;

	if (a->has_id && a->has_value && a->id <= UINT32_MAX &&
	    a->value <= UINT32_MAX)
		return 0;
	return perr(e, "give --id and --value, each at most 0xffffffff");
}

/* Test op @op on the object of @types, which the record calls @type */
static int slot_exec(struct session *s, const struct mock_check_slot_args *a,
		     uint32_t op, unsigned int types, const char *type,
		     struct result *r)
{
	struct ictl_iommu_test_cmd cmd = { .op = op };
	struct reg_entry *e;
	int rc;

	if ((rc = sess_resolve(s, &a->obj, types, &e, &cmd.id)))
		return rc;
	/* check_iotlb and check_dev_cache are both {id, value} */
	cmd.check_iotlb.id = (uint32_t)a->id;
	cmd.check_iotlb.iotlb = (uint32_t)a->value;
	result_id(r, type, cmd.id);
	return test_cmd(s, &cmd, r);
}

static int check_iotlb(struct session *s, const void *args, struct result *r)
{
	return slot_exec(s, args, ICTL_IOMMU_TEST_OP_MD_CHECK_IOTLB, HWPT_ONLY,
			 "hwpt", r);
}

static int check_dev_cache(struct session *s, const void *args, struct result *r)
{
	return slot_exec(s, args, ICTL_IOMMU_TEST_OP_DEV_CHECK_CACHE, DEV_ONLY,
			 "dev", r);
}

static void slot_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mock_check_slot_args *a = args;

	rec_result_ids(rec, r);
	rec_u64(rec, "id", a->id);
	rec_hex(rec, "value", a->value);
}

const struct op op_mock_check_iotlb = {
	.object = "mock", .verb = "check-iotlb", .name = "mock.check-iotlb",
	.summary = "check an IOTLB entry of a mock nested HWPT (MD_CHECK_IOTLB)",
	.doc = "Check an IOTLB entry of a mock nested HWPT: it starts as the iotlb of "
	       "its selftest data and invalidation zeroes it.",
	.args = check_iotlb_args, .args_size = sizeof(struct mock_check_slot_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = slot_check, .exec = check_iotlb, .record = slot_record,
};

const struct op op_mock_check_dev_cache = {
	.object = "mock", .verb = "check-dev-cache", .name = "mock.check-dev-cache",
	.summary = "check a cache entry of a mock device (DEV_CHECK_CACHE)",
	.doc = "Check a cache entry of a mock device (6.13+): it starts as 0xbaddad and "
	       "vIOMMU invalidation zeroes it.",
	.args = check_dev_cache_args, .args_size = sizeof(struct mock_check_slot_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = slot_check, .exec = check_dev_cache, .record = slot_record,
};

/* ---- mock add-reserved ---- */

static int need_range(bool has_iova, bool has_length, struct perr *e)
{
	return has_iova && has_length ? 0 : perr(e, "give --iova and --length");
}

static const struct arg add_reserved_args[] = {
	{ .kind = ARG_HANDLE, AT(struct mock_add_reserved_args, ioas),
	  .flags = ARG_REQUIRED, .types = OBJ_BIT(OBJ_IOAS), .meta = "IOAS" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct mock_add_reserved_args, iova),
	  HAS(struct mock_add_reserved_args, has_iova), .meta = "IOVA",
	  .doc = "Start of the range" },
	{ .opt = "length", .kind = ARG_U64, AT(struct mock_add_reserved_args, length),
	  HAS(struct mock_add_reserved_args, has_length), .meta = "SIZE",
	  .doc = "Length of the range" },
	{ 0 }
};

static int add_reserved_check(const void *args, struct perr *e)
{
	const struct mock_add_reserved_args *a = args;

	return need_range(a->has_iova, a->has_length, e);
}

static int add_reserved(struct session *s, const void *args, struct result *r)
{
	const struct mock_add_reserved_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_ADD_RESERVED };
	struct reg_entry *ioas;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, OBJ_BIT(OBJ_IOAS), &ioas, &cmd.id)))
		return rc;
	cmd.add_reserved.start = a->iova;
	cmd.add_reserved.length = a->length;
	result_id(r, "ioas", cmd.id);
	return test_cmd(s, &cmd, r);
}

static void add_reserved_record(struct rec *rec, const void *args,
				const struct result *r)
{
	const struct mock_add_reserved_args *a = args;

	rec_result_ids(rec, r);
	rec_hex(rec, "iova", a->iova);
	rec_hex(rec, "length", a->length);
}

const struct op op_mock_add_reserved = {
	.object = "mock", .verb = "add-reserved", .name = "mock.add-reserved",
	.summary = "reserve an IOVA range of an IOAS (ADD_RESERVED)",
	.doc = "Reserve an IOVA range of an IOAS, as a device's reserved region would.",
	.args = add_reserved_args, .args_size = sizeof(struct mock_add_reserved_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = add_reserved_check, .exec = add_reserved, .record = add_reserved_record,
};

/* ---- mock memory-limit ---- */

static const struct arg memory_limit_args[] = {
	{ .kind = ARG_U32, AT(struct mock_memory_limit_args, limit),
	  HAS(struct mock_memory_limit_args, has_limit), .flags = ARG_REQUIRED,
	  .meta = "BYTES" },
	{ 0 }
};

static int memory_limit(struct session *s, const void *args, struct result *r)
{
	const struct mock_memory_limit_args *a = args;
	struct ictl_iommu_test_cmd cmd = {
		.op = ICTL_IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT
	};

	cmd.memory_limit.limit = a->limit;
	return test_cmd(s, &cmd, r);
}

static void memory_limit_record(struct rec *rec, const void *args,
				const struct result *r)
{
	const struct mock_memory_limit_args *a = args;

	(void)r;
	rec_u64(rec, "limit", a->limit);
}

const struct op op_mock_memory_limit = {
	.object = "mock", .verb = "memory-limit", .name = "mock.memory-limit",
	.summary = "set the kernel's temporary batch memory limit (SET_TEMP_MEMORY_LIMIT)",
	.doc = "Set the kernel's temporary page-batch memory (SET_TEMP_MEMORY_LIMIT), "
	       "so that maps split into many batches. It is global to the kernel: "
	       "set 65536 to restore the default.",
	.args = memory_limit_args, .args_size = sizeof(struct mock_memory_limit_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = memory_limit, .record = memory_limit_record,
};

/* ---- mock dirty ---- */

/*
 * The mock's IO page: 6.12 indexes its page table by IOVA / (CPU page
 * size / 2), whatever page size the call gives, and 7.x uses 2048.
 */
static uint64_t page_size(const struct mock_dirty_args *a)
{
	return a->has_page_size ? a->page_size : ICTL_MOCK_PAGE_SIZE;
}

/* Bits of the bitmap: one a page (the check refuses more than the kernel takes) */
static uint64_t dirty_bits(const struct mock_dirty_args *a)
{
	uint64_t ps = page_size(a);

	return ps ? a->length / ps : 0;
}

/*
 * Set the bits of @list ("0,2,5"), or all @nbits without a list; with a NULL
 * @bitmap only check the list. -EINVAL with *bad at the first bad index.
 */
static int mark_pages(const char *list, uint64_t *bitmap, uint64_t nbits,
		      const char **bad)
{
	char word[24];
	uint64_t i;

	for (i = 0; !list && bitmap && i < nbits; i++)
		bitmap[i / 64] |= 1ull << (i % 64);
	while (list && *list) {
		size_t len = strcspn(list, ",");

		*bad = list;
		if (!len || len >= sizeof(word))
			return -EINVAL;
		memcpy(word, list, len);
		word[len] = '\0';
		if (parse_u64(word, &i) || i >= nbits)
			return -EINVAL;
		if (bitmap)
			bitmap[i / 64] |= 1ull << (i % 64);
		list += len + (list[len] == ',');
	}
	return 0;
}

static uint64_t count_bits(const uint64_t *bitmap, uint64_t nbits)
{
	uint64_t i, n = 0;

	for (i = 0; i < (nbits + 63) / 64; i++)
		n += (uint64_t)__builtin_popcountll(bitmap[i]);
	return n;
}

static const struct arg dirty_args[] = {
	{ .kind = ARG_HANDLE, AT(struct mock_dirty_args, hwpt), .flags = ARG_REQUIRED,
	  .types = HWPT_ONLY, .meta = "HWPT" },
	{ .opt = "iova", .kind = ARG_U64, AT(struct mock_dirty_args, iova),
	  HAS(struct mock_dirty_args, has_iova), .meta = "IOVA",
	  .doc = "Start of the range" },
	{ .opt = "length", .kind = ARG_U64, AT(struct mock_dirty_args, length),
	  HAS(struct mock_dirty_args, has_length), .meta = "SIZE",
	  .doc = "Length of the range" },
	{ .opt = "page-size", .kind = ARG_U64, AT(struct mock_dirty_args, page_size),
	  HAS(struct mock_dirty_args, has_page_size), .meta = "SIZE",
	  .doc = "Bytes per page (default 2048, the mock's IO page)" },
	{ .opt = "pages", .kind = ARG_WORD, AT(struct mock_dirty_args, pages),
	  .meta = "LIST",
	  .doc = "Page indices from --iova to mark, e.g. 0,2,5 (default: every page)" },
	{ 0 }
};

static int dirty_check(const void *args, struct perr *e)
{
	const struct mock_dirty_args *a = args;
	const char *bad;

	if (need_range(a->has_iova, a->has_length, e))
		return -EINVAL;
	/* the selftest takes a bitmap of at most 16 MiB: say so, cut nothing */
	if (dirty_bits(a) > DIRTY_MAX_BITS)
		return perr(e, "%" PRIu64 " pages: the mock marks at most %" PRIu64
			    " at once", dirty_bits(a), DIRTY_MAX_BITS);
	if (!mark_pages(a->pages, NULL, dirty_bits(a), &bad))
		return 0;
	return perr(e, "bad page index at '%s' (%" PRIu64 " pages)", bad,
		    dirty_bits(a));
}

static int mock_dirty(struct session *s, const void *args, struct result *r)
{
	const struct mock_dirty_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_DIRTY };
	uint64_t *bitmap, nbits = dirty_bits(a);
	struct reg_entry *hwpt;
	const char *bad;
	int rc;

	if ((rc = sess_resolve(s, &a->hwpt, HWPT_ONLY, &hwpt, &cmd.id)))
		return rc;
	bitmap = calloc(nbits / 64 + 1, sizeof(*bitmap));
	if (!bitmap) {
		sess_err(s, "mock dirty: out of memory");
		return -ENOMEM;
	}
	mark_pages(a->pages, bitmap, nbits, &bad);
	cmd.dirty.iova = a->iova;
	cmd.dirty.length = a->length;
	cmd.dirty.page_size = page_size(a);
	cmd.dirty.uptr = (uintptr_t)bitmap;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	result_id(r, "hwpt", cmd.id);
	r->v[MOCK_MARKED] = count_bits(bitmap, nbits);
	r->v[MOCK_NR_DIRTY] = cmd.dirty.out_nr_dirty;
	free(bitmap);
	return 0;
}

static void dirty_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mock_dirty_args *a = args;

	rec_result_ids(rec, r);
	rec_hex(rec, "iova", a->iova);
	rec_hex(rec, "length", a->length);
	rec_hex(rec, "page_size", page_size(a));
	rec_u64(rec, "marked", r->v[MOCK_MARKED]);
	/* 6.12 counts the marked pages that are mapped, 7.x every marked page */
	if (!r->err)
		rec_u64(rec, "nr_dirty", r->v[MOCK_NR_DIRTY]);
}

const struct op op_mock_dirty = {
	.object = "mock", .verb = "dirty", .name = "mock.dirty",
	.summary = "mark pages of a mock HWPT dirty (IOMMU_TEST_OP_DIRTY)",
	.doc = "Mark pages of a mock paging HWPT dirty, as a device writing them would. "
	       "The HWPT must track dirty pages (hwpt set-dirty --enable).",
	.args = dirty_args, .args_size = sizeof(struct mock_dirty_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = dirty_check, .exec = mock_dirty, .record = dirty_record,
	.want = { MOCK_NR_DIRTY + 1, "the kernel's count of pages it marked" },
};

/* ---- mock trigger-iopf, trigger-vevent ---- */

#define PERM_DEFAULT	(ICTL_IOMMU_PGFAULT_PERM_READ | ICTL_IOMMU_PGFAULT_PERM_WRITE)

static const struct arg iopf_args[] = {
	{ .kind = ARG_HANDLE, AT(struct mock_trigger_iopf_args, dev),
	  .flags = ARG_REQUIRED, .types = DEV_ONLY, .meta = "DEV" },
	{ .opt = "addr", .kind = ARG_U64, AT(struct mock_trigger_iopf_args, addr),
	  HAS(struct mock_trigger_iopf_args, has_addr), .flags = ARG_REQUIRED,
	  .meta = "ADDR", .doc = "The faulting address" },
	{ .opt = "pasid", .kind = ARG_U32, AT(struct mock_trigger_iopf_args, pasid),
	  .meta = "P", .doc = "The PASID (default 0: none; any other sets pasid_valid)" },
	{ .opt = "grpid", .kind = ARG_U32, AT(struct mock_trigger_iopf_args, grpid),
	  .meta = "G", .doc = "The page request group (default 0)" },
	{ .opt = "perm", .kind = ARG_FLAGS, AT(struct mock_trigger_iopf_args, perm),
	  HAS(struct mock_trigger_iopf_args, has_perm), .names = pgfault_perm_names,
	  .meta = "PERM",
	  .doc = "Access asked: r, w, x, priv or a number, comma list (default r,w)" },
	{ 0 }
};

static int iopf_check(const void *args, struct perr *e)
{
	const struct mock_trigger_iopf_args *a = args;

	if (a->perm > UINT32_MAX)
		return perr(e, "bad --perm 0x%" PRIx64 " (r, w, x, priv or a number)",
			    a->perm);
	return 0;
}

static int trigger_iopf(struct session *s, const void *args, struct result *r)
{
	const struct mock_trigger_iopf_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_TRIGGER_IOPF };
	struct reg_entry *dev;
	int rc;

	if ((rc = sess_resolve(s, &a->dev, DEV_ONLY, &dev, &cmd.trigger_iopf.dev_id)))
		return rc;
	cmd.trigger_iopf.pasid = a->pasid;
	cmd.trigger_iopf.grpid = a->grpid;
	cmd.trigger_iopf.perm = (uint32_t)(a->has_perm ? a->perm : PERM_DEFAULT);
	cmd.trigger_iopf.addr = a->addr;
	result_id(r, "dev", cmd.trigger_iopf.dev_id);
	return test_cmd(s, &cmd, r);
}

static void iopf_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct mock_trigger_iopf_args *a = args;

	rec_result_ids(rec, r);
	rec_hex(rec, "addr", a->addr);
	rec_u64(rec, "pasid", a->pasid);
	rec_u64(rec, "grpid", a->grpid);
	rec_flags(rec, "perm", pgfault_perm_names,
		  (uint32_t)(a->has_perm ? a->perm : PERM_DEFAULT));
}

const struct op op_mock_trigger_iopf = {
	.object = "mock", .verb = "trigger-iopf", .name = "mock.trigger-iopf",
	.summary = "report an I/O page fault of a mock device (TRIGGER_IOPF)",
	.doc = "Report an I/O page fault of a mock device, as a page request of the "
	       "device would be (TRIGGER_IOPF). It reaches the fault queue of the HWPT "
	       "the device is attached to, if that has one; the mock always sets "
	       "last_page, and pasid_valid for a PASID other than 0. The kernel "
	       "answers 0 also when no fault queue took it: fault read tells.",
	.args = iopf_args, .args_size = sizeof(struct mock_trigger_iopf_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = iopf_check, .exec = trigger_iopf, .record = iopf_record,
};

static const struct arg vevent_args[] = {
	{ .kind = ARG_HANDLE, AT(struct mock_trigger_vevent_args, dev),
	  .flags = ARG_REQUIRED, .types = DEV_ONLY, .meta = "DEV" },
	{ .opt = "count", .kind = ARG_U64, AT(struct mock_trigger_vevent_args, count),
	  HAS(struct mock_trigger_vevent_args, has_count), .meta = "N",
	  .doc = "Report N events (default 1)" },
	{ 0 }
};

static uint64_t vevent_count(const struct mock_trigger_vevent_args *a)
{
	return a->has_count ? a->count : 1;
}

static int vevent_check(const void *args, struct perr *e)
{
	uint64_t n = vevent_count(args);

	return n >= 1 && n <= 100000 ? 0 : perr(e, "--count is 1 to 100000");
}

static int trigger_vevent(struct session *s, const void *args, struct result *r)
{
	const struct mock_trigger_vevent_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_TRIGGER_VEVENT };
	struct reg_entry *dev;
	uint64_t i;
	int rc;

	if ((rc = sess_resolve(s, &a->dev, DEV_ONLY, &dev, &cmd.trigger_vevent.dev_id)))
		return rc;
	/* stops at the first refusal: i is then how many the kernel took */
	for (i = 0; i < vevent_count(a); i++) {
		r->err = ictl_test_cmd(&s->ictl, &cmd);
		r->ns += s->ictl.last_ns;
		if (r->err)
			break;
	}
	result_id(r, "dev", cmd.trigger_vevent.dev_id);
	r->v[MOCK_TRIGGERED] = i;
	return 0;
}

static void vevent_record(struct rec *rec, const void *args, const struct result *r)
{
	rec_result_ids(rec, r);
	rec_u64(rec, "count", vevent_count(args));
	rec_u64(rec, "triggered", r->v[MOCK_TRIGGERED]);
}

const struct op op_mock_trigger_vevent = {
	.object = "mock", .verb = "trigger-vevent", .name = "mock.trigger-vevent",
	.summary = "report vIOMMU events of a mock device (TRIGGER_VEVENT)",
	.doc = "Report a vIOMMU event of a mock device (TRIGGER_VEVENT, 6.15 and later): "
	       "it goes to the selftest vEVENTQ of the vIOMMU the device's vDEVICE "
	       "is on, with the vDEVICE's virtual ID as payload. ENOENT unless the "
	       "device has a vDEVICE and is attached to a nested HWPT of that vIOMMU; "
	       "EOPNOTSUPP without such a queue.",
	.args = vevent_args, .args_size = sizeof(struct mock_trigger_vevent_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = vevent_check, .exec = trigger_vevent, .record = vevent_record,
	.want = { MOCK_TRIGGERED + 1, "the number of events the kernel took" },
};
