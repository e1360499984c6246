// SPDX-License-Identifier: GPL-2.0-only
/*
 * fault alloc | read | respond: the fault queue that I/O page faults of a
 * HWPT allocated with --fault go to, read and answered through its fd.
 * What fault queues and vEVENTQs share (a queue's fd, read) is here too.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>

#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

#define FAULT_ONLY	OBJ_BIT(OBJ_FAULT)
#define PGFAULT_LEN	sizeof(struct ictl_iommu_hwpt_pgfault)
#define MAX_RECORDS	4096
#define MAX_WAIT_MS	600000u

const struct flag_name pgfault_perm_names[] = {
	{ "read", ICTL_IOMMU_PGFAULT_PERM_READ },
	{ "write", ICTL_IOMMU_PGFAULT_PERM_WRITE },
	{ "exec", ICTL_IOMMU_PGFAULT_PERM_EXEC },
	{ "priv", ICTL_IOMMU_PGFAULT_PERM_PRIV },
	{ "r", ICTL_IOMMU_PGFAULT_PERM_READ },
	{ "w", ICTL_IOMMU_PGFAULT_PERM_WRITE },
	{ "x", ICTL_IOMMU_PGFAULT_PERM_EXEC },
	{ NULL, 0 }
};

static const struct flag_name pgfault_flags[] = {
	{ "pasid_valid", ICTL_IOMMU_PGFAULT_FLAGS_PASID_VALID },
	{ "last_page", ICTL_IOMMU_PGFAULT_FLAGS_LAST_PAGE },
	{ NULL, 0 }
};

static const struct flag_name resp_codes[] = {
	{ "success", ICTL_IOMMUFD_PAGE_RESP_SUCCESS },
	{ "invalid", ICTL_IOMMUFD_PAGE_RESP_INVALID },
	{ NULL, 0 }
};

/* ---- what the queues share ---- */

int eventq_check(const struct handle *h, enum obj_type t, struct perr *e)
{
	if (!h->by_id)
		return 0;
	return perr(e, "give the %s as @name: only its handle holds the fd to read",
		    obj_type_name(t));
}

int eventq_entry(struct session *s, const struct handle *h, enum obj_type t,
		 struct reg_entry **e)
{
	uint32_t id;
	int rc = sess_resolve(s, h, OBJ_BIT(t), e, &id);

	if (rc || *e)
		return rc;
	sess_err(s, "give the %s as @name: only its handle holds the fd to read",
		 obj_type_name(t));
	return -EINVAL;
}

int eventq_read(struct session *s, const struct reg_entry *e, size_t len,
		uint64_t wait_ms, struct result *r)
{
	struct pollfd p = { .fd = e->fd, .events = POLLIN };
	void *buf = sess_scratch(s, len + 1);
	long n;

	if (!buf) {
		sess_err(s, "%s read: out of memory", obj_type_name(e->type));
		return -ENOMEM;
	}
	result_id(r, obj_type_name(e->type), e->id);
	r->v[EVENTQ_BYTES] = len;
	/* a closed fd (a destroy that failed after closing it) reads EBADF */
	if (wait_ms && e->fd >= 0 && poll(&p, 1, (int)wait_ms) < 0 && errno != EINTR)
		n = -errno;
	else
		n = ictl_eventq_read(&s->ictl, e->fd, buf, len);
	r->err = n < 0 ? (int)n : 0;
	r->data = buf;
	r->len = n < 0 ? 0 : (size_t)n;
	return 0;
}

void eventq_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

struct rec *eventq_record(struct rec *rec, const struct result *r)
{
	rec_result_ids(rec, r);
	rec_u64(rec, "bytes", r->v[EVENTQ_BYTES]);
	if (r->err)
		return NULL;
	rec_u64(rec, "count", r->v[EVENTQ_COUNT]);
	return rec_list(rec, "records");
}

/* ---- fault alloc ---- */

static const struct arg alloc_args[] = {
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct fault_alloc_args, name),
	  .meta = "NAME", .doc = "Name the new fault queue (default faultN)" },
	{ 0 }
};

static int fault_alloc(struct session *s, const void *args, struct result *r)
{
	struct ictl_iommu_fault_alloc cmd = { 0 };

	(void)args;
	r->err = ictl_fault_alloc(&s->ictl, &cmd);
	if (r->err)
		return 0;
	eventq_nonblock((int)cmd.out_fault_fd);
	r->made.type = OBJ_FAULT;
	r->made.id = cmd.out_fault_id;
	r->made.fd = (int)cmd.out_fault_fd;
	result_id(r, "fault", cmd.out_fault_id);
	return 0;
}

const struct op op_fault_alloc = {
	.object = "fault", .verb = "alloc", .name = "fault.alloc",
	.summary = "allocate a fault queue for I/O page faults (IOMMU_FAULT_QUEUE_ALLOC)",
	.doc = "Allocate a fault queue (IOMMU_FAULT_QUEUE_ALLOC). HWPTs allocated with "
	       "--fault deliver their I/O page faults to it; the tool keeps its fd "
	       "for fault read and fault respond.",
	.args = alloc_args, .args_size = sizeof(struct fault_alloc_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_FAULT,
	.want = { WANT_ID, "the id of the new object" },
	.exec = fault_alloc, .record = record_ids,
};

/* ---- fault read ---- */

static const struct arg read_args[] = {
	{ .kind = ARG_HANDLE, AT(struct fault_read_args, fault), .flags = ARG_REQUIRED,
	  .types = FAULT_ONLY, .meta = "FAULT" },
	{ .opt = "max", .kind = ARG_U64, AT(struct fault_read_args, max),
	  HAS(struct fault_read_args, has_max), .max = MAX_RECORDS, .meta = "N",
	  .doc = "Read at most N records (default 16)" },
	{ .opt = "bytes", .kind = ARG_U64, AT(struct fault_read_args, bytes),
	  HAS(struct fault_read_args, has_bytes), .max = MAX_RECORDS * PGFAULT_LEN,
	  .meta = "N",
	  .doc = "Ask for N bytes instead (the kernel wants whole 40-byte records)" },
	{ .opt = "wait", .kind = ARG_U64, AT(struct fault_read_args, wait),
	  .max = MAX_WAIT_MS, .meta = "MS",
	  .doc = "Wait up to MS milliseconds for a fault first (default 0: never wait)" },
	{ 0 }
};

static int read_check(const void *args, struct perr *e)
{
	const struct fault_read_args *a = args;

	return eventq_check(&a->fault, OBJ_FAULT, e);
}

static int fault_read(struct session *s, const void *args, struct result *r)
{
	const struct fault_read_args *a = args;
	struct reg_entry *e;
	size_t len;
	int rc;

	if ((rc = eventq_entry(s, &a->fault, OBJ_FAULT, &e)))
		return rc;
	len = a->has_bytes ? a->bytes : (a->has_max ? a->max : 16) * PGFAULT_LEN;
	rc = eventq_read(s, e, len, a->wait, r);
	r->v[EVENTQ_COUNT] = r->len / PGFAULT_LEN;
	return rc;
}

static void pgfault_record(struct rec *list, const struct ictl_iommu_hwpt_pgfault *f)
{
	struct rec *o = rec_obj(list, NULL);

	rec_flags(o, "flags", pgfault_flags, f->flags);
	rec_u64(o, "dev_id", f->dev_id);
	rec_u64(o, "pasid", f->pasid);
	rec_u64(o, "grpid", f->grpid);
	rec_flags(o, "perm", pgfault_perm_names, f->perm);
	rec_hex(o, "addr", f->addr);
	rec_u64(o, "length", f->length);
	rec_u64(o, "cookie", f->cookie);
}

static void read_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct ictl_iommu_hwpt_pgfault *f = r->data;
	struct rec *list = eventq_record(rec, r);
	uint64_t i;

	(void)args;
	for (i = 0; list && i < r->v[EVENTQ_COUNT]; i++)
		pgfault_record(list, &f[i]);
}

const struct op op_fault_read = {
	.object = "fault", .verb = "read", .name = "fault.read",
	.summary = "read the I/O page faults queued on a fault queue",
	.doc = "Read the I/O page faults queued on a fault queue, without waiting: an "
	       "empty queue gives zero records. Each record's cookie is what fault "
	       "respond answers.",
	.args = read_args, .args_size = sizeof(struct fault_read_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = read_check, .exec = fault_read, .record = read_record,
	.want = { EVENTQ_COUNT + 1, "the number of records read" },
};

/* ---- fault respond ---- */

static const struct arg respond_args[] = {
	{ .kind = ARG_HANDLE, AT(struct fault_respond_args, fault), .flags = ARG_REQUIRED,
	  .types = FAULT_ONLY, .meta = "FAULT" },
	{ .opt = "cookie", .kind = ARG_U64, AT(struct fault_respond_args, cookie),
	  HAS(struct fault_respond_args, has_cookie), .meta = "C",
	  .doc = "The cookie of the fault record answered" },
	{ .opt = "code", .kind = ARG_ENUM, AT(struct fault_respond_args, code),
	  .names = resp_codes, .meta = "CODE",
	  .doc = "success (default), invalid or a number" },
	{ 0 }
};

static int respond_check(const void *args, struct perr *e)
{
	const struct fault_respond_args *a = args;

	if (!a->has_cookie || a->cookie > UINT32_MAX)
		return perr(e, "give --cookie, at most 0xffffffff");
	return eventq_check(&a->fault, OBJ_FAULT, e);
}

static int fault_respond(struct session *s, const void *args, struct result *r)
{
	const struct fault_respond_args *a = args;
	struct ictl_iommu_hwpt_page_response resp = { 0 };
	struct reg_entry *e;
	long n;
	int rc;

	if ((rc = eventq_entry(s, &a->fault, OBJ_FAULT, &e)))
		return rc;
	resp.cookie = (uint32_t)a->cookie;
	resp.code = a->code;
	n = ictl_fault_respond(&s->ictl, e->fd, &resp, 1);
	r->err = n < 0 ? (int)n : 0;
	result_id(r, "fault", e->id);
	r->v[EVENTQ_COOKIE] = resp.cookie;
	r->v[EVENTQ_CODE] = resp.code;
	return 0;
}

static void respond_record(struct rec *rec, const void *args, const struct result *r)
{
	uint64_t code = r->v[EVENTQ_CODE];

	(void)args;
	rec_result_ids(rec, r);
	rec_u64(rec, "cookie", r->v[EVENTQ_COOKIE]);
	if (code <= ICTL_IOMMUFD_PAGE_RESP_INVALID)
		rec_lit(rec, "code", resp_codes[code].name);
	else
		rec_hex(rec, "code", code);
}

const struct op op_fault_respond = {
	.object = "fault", .verb = "respond", .name = "fault.respond",
	.summary = "answer an I/O page fault by its cookie (page response)",
	.doc = "Answer a fault read from a fault queue: write a page response with "
	       "its cookie, which completes the device's page request.",
	.args = respond_args, .args_size = sizeof(struct fault_respond_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = respond_check, .exec = fault_respond, .record = respond_record,
};
