// SPDX-License-Identifier: GPL-2.0-only
/*
 * fault alloc | read | respond: the fault queue that I/O page faults of a
 * HWPT allocated with --fault go to, read and answered through its fd.
 */
#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "emit.h"
#include "ops.h"
#include "util/parse.h"

enum {
	OPT_NAME = 'n', OPT_MAX = 0x1000, OPT_BYTES, OPT_WAIT, OPT_COOKIE,
	OPT_CODE,
};

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

int eventq_resolve(struct ctx *ctx, const char *arg, int t, struct reg_entry **e)
{
	uint32_t id;
	int rc = cmd_resolve(ctx, arg, OBJ_BIT(t), e, &id);

	if (rc || *e)
		return rc;
	msg_err(ctx, "give the %s as @name: only its handle holds the fd to read",
		obj_type_name((enum obj_type)t));
	return EXIT_USAGE;
}

long eventq_read(struct ctx *ctx, const struct reg_entry *e, void *buf,
		 size_t len, unsigned int wait_ms)
{
	struct pollfd p = { .fd = e->fd, .events = POLLIN };

	/* a closed fd (a destroy that failed after closing it) reads EBADF */
	if (wait_ms && e->fd >= 0 && poll(&p, 1, (int)wait_ms) < 0 && errno != EINTR)
		return -errno;
	return ictl_eventq_read(&ctx->s.ictl, e->fd, buf, len);
}

struct fault_args {
	const char *pos;
	const char *name, *code;
	uint64_t max, bytes, wait, cookie;
	bool has_bytes, has_cookie;
	uint32_t code_val;
	bool want_pos;			/* the command takes FAULT */
	bool respond;			/* --cookie is required */
};

static int check_fault_args(struct argp_state *st, struct fault_args *a)
{
	const char *bad;
	uint64_t v;

	if (a->want_pos && arg_need(st, a->pos, "FAULT"))
		return EINVAL;
	if (a->max > MAX_RECORDS || (a->has_bytes && a->bytes > MAX_RECORDS *
				     sizeof(struct ictl_iommu_hwpt_pgfault))) {
		argp_error(st, "at most %d records", MAX_RECORDS);
		return EINVAL;
	}
	if (a->wait > MAX_WAIT_MS) {
		argp_error(st, "--wait is at most %u ms", MAX_WAIT_MS);
		return EINVAL;
	}
	if (!a->respond)
		return 0;
	if (!a->has_cookie || a->cookie > UINT32_MAX) {
		argp_error(st, "give --cookie, at most 0xffffffff");
		return EINVAL;
	}
	if (strchr(a->code, ',') || parse_flags(a->code, resp_codes, &v, &bad) ||
	    v > UINT32_MAX) {
		argp_error(st, "bad --code '%s' (success, invalid or a number)", a->code);
		return EINVAL;
	}
	a->code_val = (uint32_t)v;
	return 0;
}

static error_t fault_opt(int key, char *arg, struct argp_state *st)
{
	struct fault_args *a = st->input;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_MAX:
		return arg_u64(st, arg, &a->max);
	case OPT_BYTES:
		a->has_bytes = true;
		return arg_u64(st, arg, &a->bytes);
	case OPT_WAIT:
		return arg_u64(st, arg, &a->wait);
	case OPT_COOKIE:
		a->has_cookie = true;
		return arg_u64(st, arg, &a->cookie);
	case OPT_CODE:
		a->code = arg;
		return 0;
	case ARGP_KEY_ARG:
		if (!a->want_pos)
			return arg_take(st, &(const char *){ "" }, arg);
		return arg_take(st, &a->pos, arg);
	case ARGP_KEY_END:
		return check_fault_args(st, a);
	}
	return ARGP_ERR_UNKNOWN;
}

/* ---- fault alloc ---- */

static const struct argp_option alloc_opts[] = {
	{ "name", OPT_NAME, "NAME", 0, "Name the new fault queue (default faultN)", 0 },
	{ 0 }
};

static const struct argp alloc_argp = { alloc_opts, fault_opt, NULL,
	"Allocate a fault queue (IOMMU_FAULT_QUEUE_ALLOC). HWPTs allocated with "
	"--fault deliver their I/O page faults to it; the tool keeps its fd "
	"for fault read and fault respond.", NULL, NULL, NULL };

static int fault_alloc(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_fault_alloc cmd = { 0 };
	struct fault_args a = { 0 };
	struct json_object *op;
	struct reg_entry *e;
	int rc, fd;

	if (!cmd_parse(ctx, &cmd_fault_alloc, &alloc_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)))
		return rc;
	rc = ictl_fault_alloc(&ctx->s.ictl, &cmd);
	op = op_begin("fault.alloc");
	if (!rc) {
		fd = (int)cmd.out_fault_fd;
		/* reads never wait, also on a kernel that would block */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		e = cmd_register(ctx, op, OBJ_FAULT, cmd.out_fault_id, a.name);
		if (e) {
			e->fd = fd;
		} else {
			close(fd);
			rc = -ENOMEM;
		}
	}
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_fault_alloc = {
	.object = "fault", .verb = "alloc", .fn = fault_alloc,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "allocate a fault queue for I/O page faults (IOMMU_FAULT_QUEUE_ALLOC)",
};

/* ---- fault read ---- */

static const struct argp_option read_opts[] = {
	{ "max", OPT_MAX, "N", 0, "Read at most N records (default 16)", 0 },
	{ "bytes", OPT_BYTES, "N", 0,
	  "Ask for N bytes instead (the kernel wants whole 40-byte records)", 0 },
	{ "wait", OPT_WAIT, "MS", 0,
	  "Wait up to MS milliseconds for a fault first (default 0: never wait)", 0 },
	{ 0 }
};

static const struct argp read_argp = { read_opts, fault_opt, "FAULT",
	"Read the I/O page faults queued on a fault queue, without waiting: an "
	"empty queue gives zero records. Each record's cookie is what fault "
	"respond answers.", NULL, NULL, NULL };

static void op_pgfault(struct json_object *list,
		       const struct ictl_iommu_hwpt_pgfault *f)
{
	struct json_object *r = json_object_new_object();

	op_flags(r, "flags", pgfault_flags, f->flags);
	op_u64(r, "dev_id", f->dev_id);
	op_u64(r, "pasid", f->pasid);
	op_u64(r, "grpid", f->grpid);
	op_flags(r, "perm", pgfault_perm_names, f->perm);
	op_hex(r, "addr", f->addr);
	op_u64(r, "length", f->length);
	op_u64(r, "cookie", f->cookie);
	json_object_array_add(list, r);
}

static int fault_read(struct ctx *ctx, int argc, char **argv)
{
	struct fault_args a = { .want_pos = true, .max = 16 };
	struct ictl_iommu_hwpt_pgfault *buf;
	struct json_object *op, *list;
	struct reg_entry *e;
	size_t len, i;
	long n;
	int rc;

	if (!cmd_parse(ctx, &cmd_fault_read, &read_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = eventq_resolve(ctx, a.pos, OBJ_FAULT, &e)))
		return rc;
	len = a.has_bytes ? a.bytes : a.max * sizeof(*buf);
	buf = calloc(len / sizeof(*buf) + 1, sizeof(*buf));
	if (!buf) {
		msg_err(ctx, "fault read: out of memory");
		return EXIT_OPFAIL;
	}
	n = eventq_read(ctx, e, buf, len, (unsigned int)a.wait);
	op = op_begin("fault.read");
	op_id(op, "fault", e->id);
	op_u64(op, "bytes", len);
	if (n >= 0) {
		list = json_object_new_array();
		for (i = 0; i < (size_t)n / sizeof(*buf); i++)
			op_pgfault(list, &buf[i]);
		op_u64(op, "count", (uint64_t)n / sizeof(*buf));
		json_object_object_add(op, "records", list);
	}
	free(buf);
	return op_end(ctx, op, n < 0 ? (int)n : 0, ctx->s.ictl.last_ns);
}

const struct cmd cmd_fault_read = {
	.object = "fault", .verb = "read", .fn = fault_read,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "read the I/O page faults queued on a fault queue",
};

/* ---- fault respond ---- */

static const struct argp_option respond_opts[] = {
	{ "cookie", OPT_COOKIE, "C", 0, "The cookie of the fault record answered", 0 },
	{ "code", OPT_CODE, "CODE", 0, "success (default), invalid or a number", 0 },
	{ 0 }
};

static const struct argp respond_argp = { respond_opts, fault_opt, "FAULT",
	"Answer a fault read from a fault queue: write a page response with "
	"its cookie, which completes the device's page request.",
	NULL, NULL, NULL };

static int fault_respond(struct ctx *ctx, int argc, char **argv)
{
	struct fault_args a = { .want_pos = true, .respond = true, .code = "success" };
	struct ictl_iommu_hwpt_page_response resp = { 0 };
	struct json_object *op;
	struct reg_entry *e;
	long n;
	int rc;

	if (!cmd_parse(ctx, &cmd_fault_respond, &respond_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = eventq_resolve(ctx, a.pos, OBJ_FAULT, &e)))
		return rc;
	resp.cookie = (uint32_t)a.cookie;
	resp.code = a.code_val;
	n = ictl_fault_respond(&ctx->s.ictl, e->fd, &resp, 1);
	op = op_begin("fault.respond");
	op_id(op, "fault", e->id);
	op_u64(op, "cookie", resp.cookie);
	if (resp.code <= ICTL_IOMMUFD_PAGE_RESP_INVALID)
		op_str(op, "code", resp_codes[resp.code].name);
	else
		op_hex(op, "code", resp.code);
	return op_end(ctx, op, n < 0 ? (int)n : 0, ctx->s.ictl.last_ns);
}

const struct cmd cmd_fault_respond = {
	.object = "fault", .verb = "respond", .fn = fault_respond,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "answer an I/O page fault by its cookie (page response)",
};
