// SPDX-License-Identifier: GPL-2.0-only
/*
 * access create | pin | unpin | rw | replace | close: the mock driver's
 * in-kernel access to an IOAS (CONFIG_IOMMUFD_TEST), which is how emulated
 * devices such as mdev reach user memory: pinning pages, reading and
 * writing through the IOAS. The access is a file; closing it (destroy)
 * detaches it.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/rec.h"

#define ACCESS_ONLY	OBJ_BIT(OBJ_ACCESS)
#define IOAS_ONLY	OBJ_BIT(OBJ_IOAS)
/* the most access rw moves at once; the kernel refuses more */
#define RW_MAX		(16u << 20)

/*
 * Resolve @h as an access; its id for the selftest is the file descriptor,
 * and a plain number is taken as one (stress uses them across threads).
 */
static int access_fd(struct session *s, const struct handle *h, uint32_t *fd)
{
	struct reg_entry *e;
	int rc = sess_resolve(s, h, ACCESS_ONLY, &e, fd);

	if (!rc && e)
		*fd = (uint32_t)e->fd;
	return rc;
}

/* The ACCESS every operation but create starts with */
#define ACCESS_ARG(T) \
	{ .kind = ARG_HANDLE, AT(T, access), .flags = ARG_REQUIRED, \
	  .types = ACCESS_ONLY, .meta = "ACCESS" }

/* ---- access create ---- */

static const struct arg create_args[] = {
	{ .kind = ARG_HANDLE, AT(struct access_create_args, ioas), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "IOAS" },
	{ .opt = "needs-pin", .kind = ARG_BOOL, AT(struct access_create_args, needs_pin),
	  .doc = "An access that must pin pages (no read/write through the IOAS "
		 "without them)" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct access_create_args, name),
	  .meta = "NAME", .doc = "Name the access (default accessN)" },
	{ 0 }
};

static int access_create(struct session *s, const void *args, struct result *r)
{
	const struct access_create_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_CREATE_ACCESS };
	struct reg_entry *ioas;
	uint32_t fd;
	int rc;

	if ((rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas, &cmd.id)))
		return rc;
	if (a->needs_pin)
		cmd.create_access.flags = ICTL_MOCK_FLAGS_ACCESS_CREATE_NEEDS_PIN_PAGES;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	result_id(r, "ioas", cmd.id);
	if (r->err)
		return 0;
	fd = cmd.create_access.out_access_fd;
	r->made.type = OBJ_ACCESS;
	r->made.id = fd;
	r->made.fd = (int)fd;
	result_id(r, "access", fd);
	result_hold(r, cmd.id);
	return 0;
}

const struct op op_access_create = {
	.object = "access", .verb = "create", .name = "access.create",
	.summary = "create a mock in-kernel access to an IOAS (CONFIG_IOMMUFD_TEST)",
	.doc = "Create a mock in-kernel access to IOAS. Mappings it has pinned cannot "
	       "be unmapped until it lets go.",
	.args = create_args, .args_size = sizeof(struct access_create_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_ACCESS,
	.exec = access_create, .record = record_ids,
};

/* ---- access pin / unpin ---- */

static const struct arg pin_args[] = {
	ACCESS_ARG(struct access_pin_args),
	{ .opt = "iova", .kind = ARG_U64, AT(struct access_pin_args, iova),
	  .meta = "IOVA", .doc = "Start of the range" },
	{ .opt = "length", .kind = ARG_U64, AT(struct access_pin_args, length),
	  .meta = "SIZE", .doc = "Bytes to pin" },
	{ .opt = "mem", .kind = ARG_HANDLE, AT(struct access_pin_args, mem),
	  HAS(struct access_pin_args, has_mem), .types = OBJ_BIT(OBJ_MEM), .meta = "@MEM",
	  .doc = "The memory mapped at IOVA: the kernel checks that it pinned these "
		 "very pages" },
	{ .opt = "write", .kind = ARG_BOOL, AT(struct access_pin_args, write),
	  .doc = "Pin for writing" },
	{ 0 }
};

static int access_pin(struct session *s, const void *args, struct result *r)
{
	const struct access_pin_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_ACCESS_PAGES };
	struct reg_entry *mem = NULL;
	int rc;

	if ((rc = access_fd(s, &a->access, &cmd.id)) ||
	    (a->has_mem && (rc = mem_resolve(s, &a->mem, "access pin", MEM_NEED_CPU,
					     &mem))))
		return rc;
	cmd.access_pages.iova = a->iova;
	cmd.access_pages.length = a->length;
	cmd.access_pages.uptr = mem ? (uintptr_t)mem->mem : 0;
	cmd.access_pages.flags = a->write ? ICTL_MOCK_FLAGS_ACCESS_WRITE : 0;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	r->v[ACCESS_PAGES] = cmd.access_pages.out_access_pages_id;
	return 0;
}

static void pin_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct access_pin_args *a = args;

	rec_hex(rec, "iova", a->iova);
	rec_hex(rec, "length", a->length);
	if (!r->err)
		rec_u64(rec, "pages", r->v[ACCESS_PAGES]);
}

const struct op op_access_pin = {
	.object = "access", .verb = "pin", .name = "access.pin",
	.summary = "pin the pages behind an IOVA range through a mock access",
	.doc = "Pin the pages behind an IOVA range through ACCESS; the record gives "
	       "the pin's id for access unpin.",
	.args = pin_args, .args_size = sizeof(struct access_pin_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = access_pin, .record = pin_record,
	.want = { ACCESS_PAGES + 1, "the id of the pin" },
};

static const struct arg unpin_args[] = {
	ACCESS_ARG(struct access_unpin_args),
	{ .opt = "pages", .kind = ARG_U64, AT(struct access_unpin_args, pages),
	  .meta = "ID", .doc = "The pin to undo, from access pin" },
	{ 0 }
};

static int access_unpin(struct session *s, const void *args, struct result *r)
{
	const struct access_unpin_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_DESTROY_ACCESS_PAGES };
	int rc;

	if ((rc = access_fd(s, &a->access, &cmd.id)))
		return rc;
	cmd.destroy_access_pages.access_pages_id = (uint32_t)a->pages;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	return 0;
}

static void unpin_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct access_unpin_args *a = args;

	(void)r;
	rec_u64(rec, "pages", a->pages);
}

const struct op op_access_unpin = {
	.object = "access", .verb = "unpin", .name = "access.unpin",
	.summary = "unpin what access pin pinned",
	.doc = "Unpin what access pin pinned.",
	.args = unpin_args, .args_size = sizeof(struct access_unpin_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = access_unpin, .record = unpin_record,
};

/* ---- access rw ---- */

static const struct arg rw_args[] = {
	ACCESS_ARG(struct access_rw_args),
	{ .opt = "iova", .kind = ARG_U64, AT(struct access_rw_args, iova),
	  .meta = "IOVA", .doc = "Start of the range" },
	{ .opt = "length", .kind = ARG_U64, AT(struct access_rw_args, length),
	  .meta = "SIZE", .doc = "Bytes (at most 16M)" },
	{ .opt = "write", .kind = ARG_BOOL, AT(struct access_rw_args, write),
	  .doc = "Write a byte pattern instead of reading" },
	{ .opt = "slow", .kind = ARG_BOOL, AT(struct access_rw_args, slow),
	  .doc = "Take the kernel's page-by-page path" },
	{ 0 }
};

static int access_rw(struct session *s, const void *args, struct result *r)
{
	const struct access_rw_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_ACCESS_RW };
	/* the kernel refuses more than 16 MiB; one byte more shows that */
	size_t len = a->length > RW_MAX ? RW_MAX + 1 : a->length, i;
	unsigned char *buf;
	int rc;

	if ((rc = access_fd(s, &a->access, &cmd.id)))
		return rc;
	buf = sess_scratch(s, len + 1);
	if (!buf) {
		sess_err(s, "access rw: out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)(0xa5 ^ i);
	cmd.access_rw.iova = a->iova;
	cmd.access_rw.length = a->length;
	cmd.access_rw.uptr = (uintptr_t)buf;
	cmd.access_rw.flags = (a->write ? ICTL_MOCK_ACCESS_RW_WRITE : 0) |
			      (a->slow ? ICTL_MOCK_ACCESS_RW_SLOW_PATH : 0);
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	for (i = 0; !r->err && !a->write && i < len && i < 8; i++)
		r->v[ACCESS_HEAD] |= (uint64_t)buf[i] << (8 * i);
	return 0;
}

static void rw_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct access_rw_args *a = args;
	/* the record says which way the bytes went */
	struct val op = { .kind = V_STR, .s = a->write ? "access.write" : "access.read" };

	rec_set(rec, "op", &op);
	rec_hex(rec, "iova", a->iova);
	rec_hex(rec, "length", a->length);
	if (!r->err && !a->write)
		rec_hex(rec, "head", r->v[ACCESS_HEAD]);
}

const struct op op_access_rw = {
	.object = "access", .verb = "rw", .name = "access.rw",
	.summary = "read or write user memory through a mock access",
	.doc = "Read or write user memory through the IOAS, as an emulated device's "
	       "DMA would. A read reports the first bytes it saw.",
	.args = rw_args, .args_size = sizeof(struct access_rw_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = access_rw, .record = rw_record,
};

/* ---- access replace ---- */

static const struct arg replace_args[] = {
	ACCESS_ARG(struct access_replace_args),
	{ .kind = ARG_HANDLE, AT(struct access_replace_args, ioas), .flags = ARG_REQUIRED,
	  .types = IOAS_ONLY, .meta = "IOAS" },
	{ 0 }
};

static int access_replace(struct session *s, const void *args, struct result *r)
{
	const struct access_replace_args *a = args;
	struct ictl_iommu_test_cmd cmd = { .op = ICTL_IOMMU_TEST_OP_ACCESS_REPLACE_IOAS };
	struct reg_entry *ioas;
	int rc;

	if ((rc = access_fd(s, &a->access, &cmd.id)) ||
	    (rc = sess_resolve(s, &a->ioas, IOAS_ONLY, &ioas,
			       &cmd.access_replace_ioas.ioas_id)))
		return rc;
	r->err = ictl_test_cmd(&s->ictl, &cmd);
	result_id(r, "ioas", cmd.access_replace_ioas.ioas_id);
	/* the access now holds the new IOAS, and no longer the old */
	r->holder = cmd.id;
	r->holder_type = OBJ_ACCESS;
	r->rehold = true;
	result_hold(r, cmd.access_replace_ioas.ioas_id);
	return 0;
}

const struct op op_access_replace = {
	.object = "access", .verb = "replace", .name = "access.replace",
	.summary = "move a mock access to another IOAS",
	.doc = "Move an access to another IOAS (it must hold no pins).",
	.args = replace_args, .args_size = sizeof(struct access_replace_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = access_replace, .record = record_ids,
};

/* ---- access close ---- */

static const struct arg close_args[] = {
	ACCESS_ARG(struct access_close_args),
	{ 0 }
};

/* An @name goes as destroy takes it; a plain number is closed as an fd */
static int access_close(struct session *s, const void *args, struct result *r)
{
	const struct access_close_args *a = args;
	struct reg_entry *e;
	uint32_t fd;
	int rc;

	if ((rc = sess_resolve(s, &a->access, ACCESS_ONLY, &e, &fd)))
		return rc;
	if (e)
		return destroy_entry(s, e, e->id, false, r);
	r->v[ACCESS_FD] = fd;
	r->err = close((int)fd) ? -errno : 0;
	return 0;
}

static void close_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct access_close_args *a = args;
	/* closed by its name, it is a destroy, and its record says so */
	struct val op = { .kind = V_STR, .s = "destroy" };

	if (a->access.by_id) {
		rec_u64(rec, "fd", r->v[ACCESS_FD]);
		return;
	}
	rec_set(rec, "op", &op);
	destroy_record(rec, NULL, r);
}

const struct op op_access_close = {
	.object = "access", .verb = "close", .name = "access.close",
	.summary = "close a mock access (destroy does the same for an @name)",
	.doc = "Close an access (as destroy does); a plain number is taken as the "
	       "access's file descriptor, which stress uses across threads.",
	.args = close_args, .args_size = sizeof(struct access_close_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = access_close, .record = close_record,
};
