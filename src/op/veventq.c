// SPDX-License-Identifier: GPL-2.0-only
/*
 * veventq alloc | read: a vIOMMU's event queue (since 6.15), which reports
 * events of the guest's devices, e.g. the mock's TRIGGER_VEVENT, read
 * through its fd as a header and a type-specific payload per event.
 */
#include <errno.h>
#include <string.h>

#include "core/op.h"
#include "core/session.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

#define MAX_EVENTS	4096
#define MAX_EVENT_LEN	4096
#define MAX_WAIT_MS	600000u
#define HEADER_LEN	sizeof(struct ictl_iommufd_vevent_header)

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

static const char *type_name(uint64_t type)
{
	const struct flag_name *t;

	for (t = veventq_types; t->name; t++)
		if (t->value == type)
			return t->name;
	return NULL;
}

/* ---- veventq alloc ---- */

static const struct arg alloc_args[] = {
	{ .kind = ARG_HANDLE, AT(struct veventq_alloc_args, viommu), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_VIOMMU), .meta = "VIOMMU" },
	{ .opt = "type", .kind = ARG_ENUM, AT(struct veventq_alloc_args, type),
	  HAS(struct veventq_alloc_args, has_type), .names = veventq_types, .meta = "TYPE",
	  .doc = "selftest (default), arm_smmuv3, tegra241_cmdqv, default (refused by "
		 "the kernel) or a number" },
	{ .opt = "depth", .kind = ARG_U64, AT(struct veventq_alloc_args, depth),
	  HAS(struct veventq_alloc_args, has_depth), .max = UINT32_MAX, .meta = "N",
	  .doc = "Events the queue holds before it loses some (default 64)" },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct veventq_alloc_args, name),
	  .meta = "NAME", .doc = "Name the new vEVENTQ (default veventqN)" },
	{ 0 }
};

static int veventq_alloc(struct session *s, const void *args, struct result *r)
{
	const struct veventq_alloc_args *a = args;
	struct ictl_iommu_veventq_alloc cmd = { 0 };
	struct reg_entry *viommu;
	int rc;

	if ((rc = sess_resolve(s, &a->viommu, OBJ_BIT(OBJ_VIOMMU), &viommu,
			       &cmd.viommu_id)))
		return rc;
	cmd.type = a->has_type ? a->type : ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST;
	cmd.veventq_depth = a->has_depth ? (uint32_t)a->depth : 64;
	r->err = ictl_veventq_alloc(&s->ictl, &cmd);
	result_id(r, "viommu", cmd.viommu_id);
	r->v[EVENTQ_TYPE] = cmd.type;
	r->v[EVENTQ_DEPTH] = cmd.veventq_depth;
	if (r->err)
		return 0;
	eventq_nonblock((int)cmd.out_veventq_fd);
	r->made.type = OBJ_VEVENTQ;
	r->made.id = cmd.out_veventq_id;
	r->made.fd = (int)cmd.out_veventq_fd;
	r->made.subtype = cmd.type;
	result_id(r, "veventq", cmd.out_veventq_id);
	result_hold(r, cmd.viommu_id);
	return 0;
}

static void alloc_record(struct rec *rec, const void *args, const struct result *r)
{
	const char *name = type_name(r->v[EVENTQ_TYPE]);

	(void)args;
	rec_result_ids(rec, r);
	if (name)
		rec_lit(rec, "type", name);
	else
		rec_hex(rec, "type", r->v[EVENTQ_TYPE]);
	rec_u64(rec, "depth", r->v[EVENTQ_DEPTH]);
}

const struct op op_veventq_alloc = {
	.object = "veventq", .verb = "alloc", .name = "veventq.alloc",
	.summary = "allocate a vIOMMU event queue (IOMMU_VEVENTQ_ALLOC)",
	.doc = "Allocate a vEVENTQ on a vIOMMU (IOMMU_VEVENTQ_ALLOC, since 6.15): one "
	       "queue per type per vIOMMU. The tool keeps its fd for veventq read.",
	.args = alloc_args, .args_size = sizeof(struct veventq_alloc_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_VEVENTQ,
	.want = { WANT_ID, "the id of the new object" },
	.exec = veventq_alloc, .record = alloc_record,
};

/* ---- veventq read ---- */

static const struct arg read_args[] = {
	{ .kind = ARG_HANDLE, AT(struct veventq_read_args, veventq), .flags = ARG_REQUIRED,
	  .types = OBJ_BIT(OBJ_VEVENTQ), .meta = "VEVENTQ" },
	{ .opt = "max", .kind = ARG_U64, AT(struct veventq_read_args, max),
	  HAS(struct veventq_read_args, has_max), .max = MAX_EVENTS, .meta = "N",
	  .doc = "Read at most N events (default 16)" },
	{ .opt = "event-len", .kind = ARG_U64, AT(struct veventq_read_args, event_len),
	  HAS(struct veventq_read_args, has_event_len), .max = MAX_EVENT_LEN, .meta = "N",
	  .doc = "Payload bytes per event (default: the queue type's; needed for "
		 "types the tool does not know)" },
	{ .opt = "bytes", .kind = ARG_U64, AT(struct veventq_read_args, bytes),
	  HAS(struct veventq_read_args, has_bytes),
	  .max = MAX_EVENTS * (MAX_EVENT_LEN + HEADER_LEN), .meta = "N",
	  .doc = "Ask for N bytes instead (the kernel wants room for a header, 8 bytes)" },
	{ .opt = "wait", .kind = ARG_U64, AT(struct veventq_read_args, wait),
	  .max = MAX_WAIT_MS, .meta = "MS",
	  .doc = "Wait up to MS milliseconds for an event first (default 0: never wait)" },
	{ 0 }
};

static int read_check(const void *args, struct perr *e)
{
	const struct veventq_read_args *a = args;

	return eventq_check(&a->veventq, OBJ_VEVENTQ, e);
}

/* 8-byte words as a list of "0x.." */
static void words_record(struct rec *o, const char *key, const uint8_t *p, size_t n)
{
	struct rec *list = rec_list(o, key);
	uint64_t w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		rec_hex(list, NULL, w);
	}
}

/* Bytes as one hex string */
static void data_record(struct rec *o, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char *hex = o ? arena_alloc(o->a, 2 * n + 1) : NULL;
	size_t i;

	if (!hex)
		return;
	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[p[i] >> 4];
		hex[2 * i + 1] = digits[p[i] & 0xf];
	}
	hex[2 * n] = '\0';
	rec_lit(o, "data", hex);
}

/* The payload of one event, decoded for the types the tool knows */
static void payload_record(struct rec *o, uint64_t type, const uint8_t *p, size_t n)
{
	struct ictl_iommu_viommu_event_selftest st;

	if (type == ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST && n == sizeof(st)) {
		memcpy(&st, p, sizeof(st));
		rec_hex(o, "virt_id", st.virt_id);
	} else if (type == ICTL_IOMMU_VEVENTQ_TYPE_ARM_SMMUV3 &&
		   n == sizeof(struct ictl_iommu_vevent_arm_smmuv3)) {
		words_record(o, "evt", p, n);
	} else if (type == ICTL_IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV &&
		   n == sizeof(struct ictl_iommu_vevent_tegra241_cmdqv)) {
		words_record(o, "lvcmdq_err_map", p, n);
	} else {
		data_record(o, p, n);
	}
}

/*
 * Walk the records: each a header, then the payload unless it is a
 * lost-events header. Returns how many; a cut record ends the list. With
 * @list NULL it only counts.
 */
static size_t events(struct rec *list, uint64_t type, const uint8_t *buf,
		     size_t len, size_t payload)
{
	struct ictl_iommufd_vevent_header h;
	struct rec *o = NULL;
	size_t off = 0, count = 0;

	while (off + sizeof(h) <= len) {
		memcpy(&h, buf + off, sizeof(h));
		off += sizeof(h);
		if (list) {
			o = rec_obj(list, NULL);
			rec_flags(o, "flags", vevent_flags, h.flags);
			rec_u64(o, "sequence", h.sequence);
		}
		if (!(h.flags & ICTL_IOMMU_VEVENTQ_FLAG_LOST_EVENTS)) {
			if (off + payload > len) {
				if (list) {
					data_record(o, buf + off, len - off);
					rec_bool(o, "truncated", true);
				}
				off = len;
			} else {
				if (list)
					payload_record(o, type, buf + off, payload);
				off += payload;
			}
		}
		count++;
	}
	return count;
}

static int veventq_read(struct session *s, const void *args, struct result *r)
{
	const struct veventq_read_args *a = args;
	struct reg_entry *e;
	size_t len, payload;
	int rc;

	if ((rc = eventq_entry(s, &a->veventq, OBJ_VEVENTQ, &e)))
		return rc;
	payload = a->has_event_len ? a->event_len : event_len(e->subtype);
	len = a->has_bytes ? a->bytes : (a->has_max ? a->max : 16) * (HEADER_LEN + payload);
	rc = eventq_read(s, e, len, a->wait, r);
	r->v[EVENTQ_TYPE] = e->subtype;
	r->v[EVENTQ_PAYLOAD] = payload;
	r->v[EVENTQ_COUNT] = events(NULL, e->subtype, r->data, r->len, payload);
	return rc;
}

static void read_record(struct rec *rec, const void *args, const struct result *r)
{
	struct rec *list = eventq_record(rec, r);

	(void)args;
	if (list)
		events(list, r->v[EVENTQ_TYPE], r->data, r->len, r->v[EVENTQ_PAYLOAD]);
}

const struct op op_veventq_read = {
	.object = "veventq", .verb = "read", .name = "veventq.read",
	.summary = "read the events queued on a vEVENTQ",
	.doc = "Read the events queued on a vEVENTQ, without waiting: an empty queue "
	       "gives zero records. A header with lost_events stands for events the "
	       "full queue dropped; the sequence numbers skip them.",
	.args = read_args, .args_size = sizeof(struct veventq_read_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = read_check, .exec = veventq_read, .record = read_record,
	.want = { EVENTQ_COUNT + 1, "the number of records read (events and lost_events headers)" },
};
