// SPDX-License-Identifier: GPL-2.0-only
/*
 * veventq alloc | read: a vIOMMU's event queue (since 6.15), which reports
 * events of the guest's devices, e.g. the mock's TRIGGER_VEVENT, read
 * through its fd as a header and a type-specific payload per event.
 */
#include <argp.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "emit.h"
#include "ops.h"
#include "util/parse.h"

enum {
	OPT_NAME = 'n', OPT_TYPE = 0x1000, OPT_DEPTH, OPT_MAX, OPT_BYTES,
	OPT_EVENT_LEN, OPT_WAIT,
};

#define MAX_EVENTS	4096
#define MAX_EVENT_LEN	4096
#define MAX_WAIT_MS	600000u

static const struct flag_name veventq_types[] = {
	{ "default", ICTL_IOMMU_VEVENTQ_TYPE_DEFAULT },
	{ "arm_smmuv3", ICTL_IOMMU_VEVENTQ_TYPE_ARM_SMMUV3 },
	{ "tegra241_cmdqv", ICTL_IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV },
	{ "selftest", ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST },
	{ NULL, 0 }
};

static const struct flag_name vevent_flags[] = {
	{ "lost_events", ICTL_IOMMU_VEVENTQ_FLAG_LOST_EVENTS },
	{ NULL, 0 }
};

/* The payload after each header, by queue type; 0: unknown */
static size_t event_len(uint32_t type)
{
	switch (type) {
	case ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST:
		return sizeof(struct ictl_iommu_viommu_event_selftest);
	case ICTL_IOMMU_VEVENTQ_TYPE_ARM_SMMUV3:
		return sizeof(struct ictl_iommu_vevent_arm_smmuv3);
	case ICTL_IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV:
		return sizeof(struct ictl_iommu_vevent_tegra241_cmdqv);
	}
	return 0;
}

static const char *type_name(uint32_t type)
{
	const struct flag_name *t;

	for (t = veventq_types; t->name; t++)
		if (t->value == type)
			return t->name;
	return NULL;
}

struct veventq_args {
	const char *pos;
	const char *name, *type;
	uint64_t depth, max, bytes, event_len, wait;
	bool has_bytes, has_event_len;
	uint32_t type_val;
};

static int check_args(struct argp_state *st, struct veventq_args *a)
{
	const char *bad;
	uint64_t v;

	if (arg_need(st, a->pos, "VIOMMU or VEVENTQ"))
		return EINVAL;
	if (a->type && (parse_flags(a->type, veventq_types, &v, &bad) ||
			strchr(a->type, ',') || v > UINT32_MAX)) {
		argp_error(st, "unknown --type '%s'", a->type);
		return EINVAL;
	}
	if (a->type)
		a->type_val = (uint32_t)v;
	if (a->depth > UINT32_MAX) {
		argp_error(st, "--depth is at most 0xffffffff");
		return EINVAL;
	}
	if (a->max > MAX_EVENTS || a->event_len > MAX_EVENT_LEN ||
	    (a->has_bytes && a->bytes > MAX_EVENTS * (MAX_EVENT_LEN + 8))) {
		argp_error(st, "at most %d events of %d bytes", MAX_EVENTS,
			   MAX_EVENT_LEN);
		return EINVAL;
	}
	if (a->wait > MAX_WAIT_MS) {
		argp_error(st, "--wait is at most %u ms", MAX_WAIT_MS);
		return EINVAL;
	}
	return 0;
}

static error_t veventq_opt(int key, char *arg, struct argp_state *st)
{
	struct veventq_args *a = st->input;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_TYPE:
		a->type = arg;
		return 0;
	case OPT_DEPTH:
		return arg_u64(st, arg, &a->depth);
	case OPT_MAX:
		return arg_u64(st, arg, &a->max);
	case OPT_BYTES:
		a->has_bytes = true;
		return arg_u64(st, arg, &a->bytes);
	case OPT_EVENT_LEN:
		a->has_event_len = true;
		return arg_u64(st, arg, &a->event_len);
	case OPT_WAIT:
		return arg_u64(st, arg, &a->wait);
	case ARGP_KEY_ARG:
		return arg_take(st, &a->pos, arg);
	case ARGP_KEY_END:
		return check_args(st, a);
	}
	return ARGP_ERR_UNKNOWN;
}

/* ---- veventq alloc ---- */

static const struct argp_option alloc_opts[] = {
	{ "type", OPT_TYPE, "TYPE", 0, "selftest (default), arm_smmuv3, "
	  "tegra241_cmdqv, default (refused by the kernel) or a number", 0 },
	{ "depth", OPT_DEPTH, "N", 0,
	  "Events the queue holds before it loses some (default 64)", 0 },
	{ "name", OPT_NAME, "NAME", 0, "Name the new vEVENTQ (default veventqN)", 0 },
	{ 0 }
};

static const struct argp alloc_argp = { alloc_opts, veventq_opt, "VIOMMU",
	"Allocate a vEVENTQ on a vIOMMU (IOMMU_VEVENTQ_ALLOC, since 6.15): one "
	"queue per type per vIOMMU. The tool keeps its fd for veventq read.",
	NULL, NULL, NULL };

static int veventq_alloc(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_veventq_alloc cmd = { 0 };
	struct veventq_args a = { .type_val = ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST,
				  .depth = 64 };
	struct reg_entry *viommu, *e;
	struct json_object *op;
	const char *name;
	int rc, fd;

	if (!cmd_parse(ctx, &cmd_veventq_alloc, &alloc_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)) ||
	    (rc = cmd_resolve(ctx, a.pos, OBJ_BIT(OBJ_VIOMMU), &viommu,
			      &cmd.viommu_id)))
		return rc;
	cmd.type = a.type_val;
	cmd.veventq_depth = (uint32_t)a.depth;
	rc = ictl_veventq_alloc(&ctx->s.ictl, &cmd);
	op = op_begin("veventq.alloc");
	op_id(op, "viommu", cmd.viommu_id);
	if ((name = type_name(cmd.type)))
		op_str(op, "type", name);
	else
		op_hex(op, "type", cmd.type);
	op_u64(op, "depth", cmd.veventq_depth);
	if (!rc) {
		fd = (int)cmd.out_veventq_fd;
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		e = cmd_register(ctx, op, OBJ_VEVENTQ, cmd.out_veventq_id, a.name);
		if (e) {
			e->fd = fd;
			e->subtype = cmd.type;
		} else {
			close(fd);
			rc = -ENOMEM;
		}
	}
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_veventq_alloc = {
	.object = "veventq", .verb = "alloc", .fn = veventq_alloc,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "allocate a vIOMMU event queue (IOMMU_VEVENTQ_ALLOC)",
};

/* ---- veventq read ---- */

static const struct argp_option read_opts[] = {
	{ "max", OPT_MAX, "N", 0, "Read at most N events (default 16)", 0 },
	{ "event-len", OPT_EVENT_LEN, "N", 0,
	  "Payload bytes per event (default: the queue type's; needed for "
	  "types the tool does not know)", 0 },
	{ "bytes", OPT_BYTES, "N", 0,
	  "Ask for N bytes instead (the kernel wants room for a header, 8 bytes)", 0 },
	{ "wait", OPT_WAIT, "MS", 0,
	  "Wait up to MS milliseconds for an event first (default 0: never wait)", 0 },
	{ 0 }
};

static const struct argp read_argp = { read_opts, veventq_opt, "VEVENTQ",
	"Read the events queued on a vEVENTQ, without waiting: an empty queue "
	"gives zero records. A header with lost_events stands for events the "
	"full queue dropped; the sequence numbers skip them.",
	NULL, NULL, NULL };

static void op_words(struct json_object *r, const char *key,
		     const uint8_t *p, size_t n)
{
	struct json_object *list = json_object_new_array();
	char hex[24];
	uint64_t w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		snprintf(hex, sizeof(hex), "0x%" PRIx64, w);
		json_object_array_add(list, json_object_new_string(hex));
	}
	json_object_object_add(r, key, list);
}

static void op_data(struct json_object *r, const uint8_t *p, size_t n)
{
	char *hex = malloc(2 * n + 1);
	size_t i;

	if (!hex)
		return;
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", p[i]);
	hex[2 * n] = '\0';
	op_str(r, "data", hex);
	free(hex);
}

/* The payload of one event, decoded for the types the tool knows */
static void op_payload(struct json_object *r, uint32_t type, const uint8_t *p,
		       size_t n)
{
	struct ictl_iommu_viommu_event_selftest st;

	if (type == ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST && n == sizeof(st)) {
		memcpy(&st, p, sizeof(st));
		op_hex(r, "virt_id", st.virt_id);
	} else if (type == ICTL_IOMMU_VEVENTQ_TYPE_ARM_SMMUV3 &&
		   n == sizeof(struct ictl_iommu_vevent_arm_smmuv3)) {
		op_words(r, "evt", p, n);
	} else if (type == ICTL_IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV &&
		   n == sizeof(struct ictl_iommu_vevent_tegra241_cmdqv)) {
		op_words(r, "lvcmdq_err_map", p, n);
	} else {
		op_data(r, p, n);
	}
}

/*
 * Walk the records: each a header, then the payload unless it is a
 * lost-events header. Returns how many; a cut record ends the list.
 */
static size_t op_events(struct json_object *list, uint32_t type,
			const uint8_t *buf, size_t len, size_t payload)
{
	struct ictl_iommufd_vevent_header h;
	struct json_object *r;
	size_t off = 0, count = 0;

	while (off + sizeof(h) <= len) {
		memcpy(&h, buf + off, sizeof(h));
		off += sizeof(h);
		r = json_object_new_object();
		op_flags(r, "flags", vevent_flags, h.flags);
		op_u64(r, "sequence", h.sequence);
		if (!(h.flags & ICTL_IOMMU_VEVENTQ_FLAG_LOST_EVENTS)) {
			if (off + payload > len) {
				op_data(r, buf + off, len - off);
				op_bool(r, "truncated", 1);
				off = len;
			} else {
				op_payload(r, type, buf + off, payload);
				off += payload;
			}
		}
		json_object_array_add(list, r);
		count++;
	}
	return count;
}

static int veventq_read(struct ctx *ctx, int argc, char **argv)
{
	struct veventq_args a = { .max = 16 };
	struct json_object *op, *list;
	size_t len, payload, count;
	struct reg_entry *e;
	uint8_t *buf;
	long n;
	int rc;

	if (!cmd_parse(ctx, &cmd_veventq_read, &read_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = eventq_resolve(ctx, a.pos, OBJ_VEVENTQ, &e)))
		return rc;
	payload = a.has_event_len ? a.event_len : event_len(e->subtype);
	len = a.has_bytes ? a.bytes :
	      a.max * (sizeof(struct ictl_iommufd_vevent_header) + payload);
	buf = calloc(len + 1, 1);
	if (!buf) {
		msg_err(ctx, "veventq read: out of memory");
		return EXIT_OPFAIL;
	}
	n = eventq_read(ctx, e, buf, len, (unsigned int)a.wait);
	op = op_begin("veventq.read");
	op_id(op, "veventq", e->id);
	op_u64(op, "bytes", len);
	if (n >= 0) {
		list = json_object_new_array();
		count = op_events(list, e->subtype, buf, (size_t)n, payload);
		op_u64(op, "count", count);
		json_object_object_add(op, "records", list);
	}
	free(buf);
	return op_end(ctx, op, n < 0 ? (int)n : 0, ctx->s.ictl.last_ns);
}

const struct cmd cmd_veventq_read = {
	.object = "veventq", .verb = "read", .fn = veventq_read,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "read the events queued on a vEVENTQ",
};
