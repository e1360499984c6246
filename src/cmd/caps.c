// SPDX-License-Identifier: GPL-2.0-only
/*
 * caps: what this kernel has, probed, not assumed.
 *
 * Without a DEVICE, which iommufd ioctls exist: each is called with a
 * struct of 4 bytes, below every command's minimum, so a kernel that knows
 * the command answers EINVAL and one that does not, ENOTTY.
 *
 * With a DEVICE (as info takes it), a matrix of what the kernel and the
 * device's IOMMU driver accept, each cell the errno of a real call: HWPT
 * allocation flags, nested data types on a nest parent and on a vIOMMU,
 * invalidation data types, vIOMMU, vEVENTQ and HW queue types, the
 * IOMMU_OPTION options, and the struct size rules of the ioctls that can
 * succeed without side effects. Whatever a probe allocates it frees, and
 * the device is given back at the end.
 */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "cmds.h"
#include "emit.h"
#include "decode/ioctls.h"
#include "op/ops.h"
#include "ops.h"
#include "op/ops.h"
#include "util/parse.h"
#include "texttab.h"
#include "decode/vendor.h"

struct caps_args {
	const char *dev;
};

static error_t caps_opt(int key, char *arg, struct argp_state *st)
{
	struct caps_args *a = st->input;

	switch (key) {
	case ARGP_KEY_ARG:
		return arg_take(st, &a->dev, arg);
	case ARGP_KEY_END:
		if (!a->dev || probe_dev_arg_ok(a->dev))
			return 0;
		argp_error(st, "'%s' is no PCI address, vfioN, path or mock", a->dev);
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp caps_argp = { NULL, caps_opt, "[DEVICE]",
	"Probe which iommufd ioctls the running kernel has (test-cmd: the "
	"CONFIG_IOMMUFD_TEST mock driver). With DEVICE (a PCI address, vfioN, "
	"a cdev path, or mock), also bind it and probe what it accepts: HWPT "
	"alloc flags, nested data types, invalidation data types, vIOMMU, "
	"vEVENTQ and HW queue types, options and struct size rules, each with "
	"the errno the kernel answered. Every probe frees what it allocated.",
	NULL, NULL, NULL };

/* ---- cells ------------------------------------------------------------------- */

struct probe {
	struct ctx *ctx;
	struct probe_dev d;
	uint32_t ioas;		/* everything hangs off this IOAS */
	uint32_t parent;	/* a nest-parent HWPT; 0: refused */
	uint32_t nested;	/* a nested HWPT on it; 0: none */
	uint32_t viommu;	/* 0: none */
	int cleanup_err;	/* the first failed destroy */
	uint64_t ns;
};

static int call(struct probe *p, unsigned int nr, void *arg)
{
	int rc = ictl_ioctl(&p->ctx->s.ictl, _IO(ICTL_IOMMUFD_TYPE, nr), arg);

	p->ns += p->ctx->s.ictl.last_ns;
	return rc;
}

/* Free an object a probe made; a failure fails the whole record. */
static void drop(struct probe *p, uint32_t id)
{
	struct ictl_iommu_destroy cmd = { .size = sizeof(cmd), .id = id };
	int rc;

	if (!id)
		return;
	rc = call(p, ICTL_IOMMUFD_CMD_DESTROY, &cmd);
	if (rc && !p->cleanup_err)
		p->cleanup_err = rc;
}

static struct json_object *cell(int rc)
{
	struct json_object *o = json_object_new_object();

	op_bool(o, "accepted", !rc);
	json_object_object_add(o, "errno", json_object_new_int(-rc));
	op_str(o, "errno_name", rc ? errno_name(-rc) : NULL);
	return o;
}

/* A probe that needs an object the device could not get. */
static struct json_object *skipped(const char *why)
{
	struct json_object *o = json_object_new_object();

	op_bool(o, "accepted", 0);
	json_object_object_add(o, "errno", NULL);
	op_str(o, "errno_name", NULL);
	op_str(o, "skipped", why);
	return o;
}

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* ---- HWPT allocation ------------------------------------------------------------ */

static int hwpt_alloc(struct probe *p, uint32_t pt, uint32_t flags, uint32_t type,
		      const void *data, uint32_t len, uint32_t fault, uint32_t *out)
{
	struct ictl_iommu_hwpt_alloc cmd = {
		.size = sizeof(cmd), .flags = flags, .dev_id = p->d.dev_id,
		.pt_id = pt, .data_type = type, .data_len = len,
		.data_uptr = (uintptr_t)data, .fault_id = fault,
	};
	int rc = call(p, ICTL_IOMMUFD_CMD_HWPT_ALLOC, &cmd);

	*out = rc ? 0 : cmd.out_hwpt_id;
	return rc;
}

/* FAULT_ID_VALID needs a fault queue to name: made and freed around it. */
static struct json_object *probe_fault_id(struct probe *p)
{
	struct ictl_iommu_fault_alloc fa = { .size = sizeof(fa) };
	struct json_object *o;
	uint32_t hwpt;
	int rc = call(p, ICTL_IOMMUFD_CMD_FAULT_QUEUE_ALLOC, &fa);

	if (rc) {
		o = cell(rc);
		op_str(o, "failed", "fault-queue-alloc");
		return o;
	}
	rc = hwpt_alloc(p, p->ioas, ICTL_IOMMU_HWPT_FAULT_ID_VALID, 0, NULL, 0,
			fa.out_fault_id, &hwpt);
	drop(p, hwpt);
	/* the fd holds the queue: close it before the destroy */
	close((int)fa.out_fault_fd);
	drop(p, fa.out_fault_id);
	return cell(rc);
}

static struct json_object *probe_flags(struct probe *p)
{
	static const struct { const char *name; uint32_t flags; } flags[] = {
		{ "none", 0 },
		{ "nest_parent", ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT },
		{ "dirty_tracking", ICTL_IOMMU_HWPT_ALLOC_DIRTY_TRACKING },
		{ "pasid", ICTL_IOMMU_HWPT_ALLOC_PASID },
	};
	struct json_object *o = json_object_new_object();
	uint32_t hwpt;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		rc = hwpt_alloc(p, p->ioas, flags[i].flags, 0, NULL, 0, 0, &hwpt);
		json_object_object_add(o, flags[i].name, cell(rc));
		/* the nest parent stays for the probes that need one */
		if (flags[i].flags == ICTL_IOMMU_HWPT_ALLOC_NEST_PARENT)
			p->parent = hwpt;
		else
			drop(p, hwpt);
	}
	json_object_object_add(o, "fault_id", probe_fault_id(p));
	return o;
}

/* Nested data: each type with a payload its driver would take, in words. */
static const struct {
	const char *name;
	const char *data;
} nested_types[] = {
	{ "selftest", "selftest:iotlb=0xbadbeef" },
	/* a 4-level first stage; the table address is the guest's business */
	{ "vtd_s1", "vtd_s1:pgtbl=0x1000,addr-width=48" },
	{ "arm_smmuv3", "arm_smmuv3" },
	{ "amd_guest", "amd_guest" },
};

/* On @pt (a nest parent or a vIOMMU); the first accepted may be kept in *@keep. */
static struct json_object *probe_nested(struct probe *p, uint32_t pt,
					const char *none, uint32_t *keep)
{
	struct json_object *o = json_object_new_object();
	struct vendor_data data;
	const char *bad;
	uint32_t hwpt = 0;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(nested_types); i++) {
		if (!pt) {
			json_object_object_add(o, nested_types[i].name, skipped(none));
			continue;
		}
		rc = vendor_hwpt_data(nested_types[i].data, &data, &bad);
		if (!rc)
			rc = hwpt_alloc(p, pt, 0, data.type, data.bytes,
					(uint32_t)data.len, 0, &hwpt);
		json_object_object_add(o, nested_types[i].name, cell(rc));
		if (keep && !*keep)
			*keep = hwpt;
		else
			drop(p, hwpt);
	}
	return o;
}

/* ---- invalidation ------------------------------------------------------------------ */

/* No entries: the driver checks the type and does nothing. */
static struct json_object *probe_invalidate(struct probe *p, uint32_t target,
					    const char *none)
{
	static const struct { const char *name; uint32_t type, len; } types[] = {
		{ "vtd_s1", ICTL_IOMMU_HWPT_INVALIDATE_DATA_VTD_S1,
		  sizeof(struct ictl_iommu_hwpt_vtd_s1_invalidate) },
		{ "arm_smmuv3", ICTL_IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3,
		  sizeof(struct ictl_iommu_viommu_arm_smmuv3_invalidate) },
		{ "selftest", ICTL_IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
		  sizeof(struct ictl_iommu_viommu_invalidate_selftest) },
	};
	struct json_object *o = json_object_new_object();
	uint64_t entry[8] = { 0 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct ictl_iommu_hwpt_invalidate cmd = {
			.size = sizeof(cmd), .hwpt_id = target,
			.data_uptr = (uintptr_t)entry, .data_type = types[i].type,
			.entry_len = types[i].len, .entry_num = 0,
		};

		json_object_object_add(o, types[i].name, target ?
			cell(call(p, ICTL_IOMMUFD_CMD_HWPT_INVALIDATE, &cmd)) :
			skipped(none));
	}
	return o;
}

/* ---- vIOMMU and what hangs off it ------------------------------------------------------ */

static struct json_object *probe_viommu(struct probe *p)
{
	static const struct { const char *name; uint32_t type; } types[] = {
		{ "default", ICTL_IOMMU_VIOMMU_TYPE_DEFAULT },
		{ "arm_smmuv3", ICTL_IOMMU_VIOMMU_TYPE_ARM_SMMUV3 },
		{ "tegra241_cmdqv", ICTL_IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV },
		{ "selftest", ICTL_IOMMU_VIOMMU_TYPE_SELFTEST },
	};
	struct json_object *o = json_object_new_object();
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct ictl_iommu_viommu_alloc cmd = {
			.size = sizeof(cmd), .type = types[i].type,
			.dev_id = p->d.dev_id, .hwpt_id = p->parent,
		};

		if (!p->parent) {
			json_object_object_add(o, types[i].name,
					       skipped("no nest-parent HWPT"));
			continue;
		}
		rc = call(p, ICTL_IOMMUFD_CMD_VIOMMU_ALLOC, &cmd);
		json_object_object_add(o, types[i].name, cell(rc));
		if (!rc && !p->viommu)
			p->viommu = cmd.out_viommu_id;
		else if (!rc)
			drop(p, cmd.out_viommu_id);
	}
	return o;
}

static struct json_object *probe_veventq(struct probe *p)
{
	static const struct { const char *name; uint32_t type; } types[] = {
		{ "default", ICTL_IOMMU_VEVENTQ_TYPE_DEFAULT },
		{ "arm_smmuv3", ICTL_IOMMU_VEVENTQ_TYPE_ARM_SMMUV3 },
		{ "tegra241_cmdqv", ICTL_IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV },
		{ "selftest", ICTL_IOMMU_VEVENTQ_TYPE_SELFTEST },
	};
	struct json_object *o = json_object_new_object();
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct ictl_iommu_veventq_alloc cmd = {
			.size = sizeof(cmd), .viommu_id = p->viommu,
			.type = types[i].type, .veventq_depth = 2,
		};

		if (!p->viommu) {
			json_object_object_add(o, types[i].name, skipped("no vIOMMU"));
			continue;
		}
		rc = call(p, ICTL_IOMMUFD_CMD_VEVENTQ_ALLOC, &cmd);
		json_object_object_add(o, types[i].name, cell(rc));
		if (!rc) {
			/* the fd holds the queue: close it before the destroy */
			close((int)cmd.out_veventq_fd);
			drop(p, cmd.out_veventq_id);
		}
	}
	return o;
}

/* A HW queue reads guest memory: one page mapped in the nest parent's IOAS. */
static struct json_object *probe_hw_queue(struct probe *p)
{
	static const struct { const char *name; uint32_t type; } types[] = {
		{ "default", ICTL_IOMMU_HW_QUEUE_TYPE_DEFAULT },
		{ "tegra241_cmdqv", ICTL_IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV },
		{ "selftest", ICTL_IOMMU_HW_QUEUE_TYPE_SELFTEST },
	};
	long page = sysconf(_SC_PAGESIZE);
	struct json_object *o = json_object_new_object();
	struct ictl_iommu_ioas_map map = { 0 };
	void *mem = MAP_FAILED;
	int rc = 0;
	size_t i;

	if (p->viommu) {
		mem = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		map.flags = ICTL_IOMMU_IOAS_MAP_READABLE | ICTL_IOMMU_IOAS_MAP_WRITEABLE;
		map.ioas_id = p->ioas;
		map.user_va = (uintptr_t)mem;
		map.length = (uint64_t)page;
		rc = mem == MAP_FAILED ? -ENOMEM : ictl_ioas_map(&p->ctx->s.ictl, &map);
	}
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		struct ictl_iommu_hw_queue_alloc cmd = {
			.size = sizeof(cmd), .viommu_id = p->viommu, .type = types[i].type,
			.nesting_parent_iova = map.iova, .length = (uint64_t)page,
		};

		if (!p->viommu || rc) {
			json_object_object_add(o, types[i].name, skipped(p->viommu ?
				"no memory mapped for the queue" : "no vIOMMU"));
			continue;
		}
		cmd.index = 0;
		json_object_object_add(o, types[i].name,
				       cell(call(p, ICTL_IOMMUFD_CMD_HW_QUEUE_ALLOC, &cmd)));
		if (cmd.out_hw_queue_id)
			drop(p, cmd.out_hw_queue_id);
	}
	if (p->viommu && !rc) {
		struct ictl_iommu_ioas_unmap un = {
			.ioas_id = p->ioas, .iova = map.iova, .length = map.length,
		};

		rc = ictl_ioas_unmap(&p->ctx->s.ictl, &un);
		if (rc && !p->cleanup_err)
			p->cleanup_err = rc;
	}
	if (mem != MAP_FAILED)
		munmap(mem, (size_t)page);
	return o;
}

/* ---- options --------------------------------------------------------------------- */

static struct json_object *probe_options(struct probe *p)
{
	static const struct { const char *name; uint32_t id; bool per_ioas; } opts[] = {
		{ "rlimit_mode", ICTL_IOMMU_OPTION_RLIMIT_MODE, false },
		{ "huge_pages", ICTL_IOMMU_OPTION_HUGE_PAGES, true },
	};
	struct json_object *o = json_object_new_object(), *c;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(opts); i++) {
		struct ictl_iommu_option cmd = {
			.size = sizeof(cmd), .option_id = opts[i].id,
			.op = ICTL_IOMMU_OPTION_OP_GET,
			.object_id = opts[i].per_ioas ? p->ioas : 0,
		};

		rc = call(p, ICTL_IOMMUFD_CMD_OPTION, &cmd);
		c = cell(rc);
		if (!rc)
			op_u64(c, "value", cmd.val64);
		json_object_object_add(o, opts[i].name, c);
	}
	return o;
}

/* ---- struct size rules ------------------------------------------------------------------ */

/* Room for any request plus the oversized tail. */
#define SIZE_BUF	512
#define TAIL		64	/* past what a newer kernel might have added */

union req {
	uint64_t align;
	uint8_t b[SIZE_BUF];
	struct ictl_iommu_destroy destroy;
	struct ictl_iommu_ioas_alloc ioas_alloc;
	struct ictl_iommu_ioas_allow_iovas allow;
	struct ictl_iommu_ioas_iova_ranges ranges;
	struct ictl_iommu_option option;
	struct ictl_iommu_hw_info hw_info;
	struct ictl_iommu_hwpt_alloc hwpt;
};

static struct ictl_iommu_iova_range range_buf[IOVA_RANGES_MAX];

/* A valid request of each kind; the object a success made, to free. */
static void fill(struct probe *p, unsigned int nr, union req *r)
{
	struct ictl_iommu_ioas_alloc a = { .size = sizeof(a) };

	switch (nr) {
	case ICTL_IOMMUFD_CMD_DESTROY:
		/* a fresh IOAS to destroy; 0 (ENOENT) if even that fails */
		r->destroy.id = call(p, ICTL_IOMMUFD_CMD_IOAS_ALLOC, &a) ? 0 : a.out_ioas_id;
		break;
	case ICTL_IOMMUFD_CMD_IOAS_ALLOW_IOVAS:
		r->allow.ioas_id = p->ioas;	/* no ranges: no restriction */
		break;
	case ICTL_IOMMUFD_CMD_IOAS_IOVA_RANGES:
		r->ranges.ioas_id = p->ioas;
		r->ranges.num_iovas = IOVA_RANGES_MAX;
		r->ranges.allowed_iovas = (uintptr_t)range_buf;
		break;
	case ICTL_IOMMUFD_CMD_OPTION:
		r->option.option_id = ICTL_IOMMU_OPTION_RLIMIT_MODE;
		r->option.op = ICTL_IOMMU_OPTION_OP_GET;
		break;
	case ICTL_IOMMUFD_CMD_GET_HW_INFO:
		r->hw_info.dev_id = p->d.dev_id;	/* data_len 0: no payload */
		break;
	case ICTL_IOMMUFD_CMD_HWPT_ALLOC:
		r->hwpt.dev_id = p->d.dev_id;
		r->hwpt.pt_id = p->ioas;
		break;
	}
}

static void unfill(struct probe *p, unsigned int nr, const union req *r, int rc)
{
	if (nr == ICTL_IOMMUFD_CMD_DESTROY && rc)
		drop(p, r->destroy.id);
	else if (nr == ICTL_IOMMUFD_CMD_IOAS_ALLOC && !rc)
		drop(p, r->ioas_alloc.out_ioas_id);
	else if (nr == ICTL_IOMMUFD_CMD_HWPT_ALLOC && !rc)
		drop(p, r->hwpt.out_hwpt_id);
}

enum size_case { SIZE_UNDER, SIZE_OVER_NONZERO, SIZE_OVER_ZERO };

static int size_call(struct probe *p, unsigned int nr, uint32_t full,
		     uint32_t min, enum size_case c)
{
	union req r;
	uint32_t size = c == SIZE_UNDER ? min - 4 : full + TAIL;
	int rc;

	memset(&r, 0, sizeof(r));
	fill(p, nr, &r);
	if (c == SIZE_OVER_NONZERO)
		r.b[size - 1] = 1;
	memcpy(r.b, &size, sizeof(size));
	rc = call(p, nr, &r);
	unfill(p, nr, &r, rc);
	return rc;
}

static struct json_object *probe_sizes(struct probe *p)
{
	/* min: the kernel's shortest accepted size (its IOCTL_OP table) */
	static const struct { unsigned int nr; uint32_t full, min; } ops[] = {
		{ ICTL_IOMMUFD_CMD_DESTROY, sizeof(struct ictl_iommu_destroy), 8 },
		{ ICTL_IOMMUFD_CMD_IOAS_ALLOC, sizeof(struct ictl_iommu_ioas_alloc), 12 },
		{ ICTL_IOMMUFD_CMD_IOAS_ALLOW_IOVAS, sizeof(struct ictl_iommu_ioas_allow_iovas), 24 },
		{ ICTL_IOMMUFD_CMD_IOAS_IOVA_RANGES, sizeof(struct ictl_iommu_ioas_iova_ranges), 32 },
		{ ICTL_IOMMUFD_CMD_OPTION, sizeof(struct ictl_iommu_option), 24 },
		{ ICTL_IOMMUFD_CMD_GET_HW_INFO, sizeof(struct ictl_iommu_hw_info), 32 },
		{ ICTL_IOMMUFD_CMD_HWPT_ALLOC, sizeof(struct ictl_iommu_hwpt_alloc), 24 },
	};
	static const struct { const char *name; enum size_case c; int want; } cases[] = {
		{ "undersized", SIZE_UNDER, -EINVAL },
		{ "oversized_nonzero", SIZE_OVER_NONZERO, -E2BIG },
		{ "oversized_zero", SIZE_OVER_ZERO, 0 },
	};
	struct json_object *o = json_object_new_object(), *op, *c;
	size_t i, j;
	int rc;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		const struct flag_name *io;

		op = json_object_new_object();
		for (j = 0; j < ARRAY_SIZE(cases); j++) {
			rc = size_call(p, ops[i].nr, ops[i].full, ops[i].min, cases[j].c);
			c = cell(rc);
			op_u64(c, "size", cases[j].c == SIZE_UNDER ? ops[i].min - 4 :
			       ops[i].full + TAIL);
			op_bool(c, "rule_holds", rc == cases[j].want);
			json_object_object_add(op, cases[j].name, c);
		}
		for (io = iommufd_ioctls; io->name && io->value != ops[i].nr; io++)
			;
		json_object_object_add(o, io->name ? io->name : "?", op);
	}
	return o;
}

/* ---- the matrix -------------------------------------------------------------------------- */

static struct json_object *matrix(struct probe *p)
{
	struct json_object *m = json_object_new_object();

	json_object_object_add(m, "hwpt_alloc_flags", probe_flags(p));
	json_object_object_add(m, "nested_data_types",
			       probe_nested(p, p->parent, "no nest-parent HWPT", &p->nested));
	json_object_object_add(m, "invalidate_data_types",
			       probe_invalidate(p, p->nested, "no nested HWPT"));
	json_object_object_add(m, "viommu_types", probe_viommu(p));
	json_object_object_add(m, "viommu_nested_data_types",
			       probe_nested(p, p->viommu, "no vIOMMU", NULL));
	json_object_object_add(m, "viommu_invalidate_data_types",
			       probe_invalidate(p, p->viommu, "no vIOMMU"));
	json_object_object_add(m, "veventq_types", probe_veventq(p));
	json_object_object_add(m, "hw_queue_types", probe_hw_queue(p));
	json_object_object_add(m, "options", probe_options(p));
	json_object_object_add(m, "struct_size", probe_sizes(p));
	/* in reverse: each holds the one before it */
	drop(p, p->nested);
	drop(p, p->viommu);
	drop(p, p->parent);
	return m;
}

/* ---- text: one row per cell ----------------------------------------------------------------- */

static const char *cell_text(struct json_object *c, char *buf, size_t len)
{
	struct json_object *v;
	char b[64];

	if ((v = tab_member(c, "skipped"))) {
		snprintf(buf, len, "not probed: %s", json_object_get_string(v));
	} else if (json_object_get_boolean(tab_member(c, "accepted"))) {
		snprintf(buf, len, "accepted%s%s", tab_member(c, "value") ? ", value " : "",
			 tab_member(c, "value") ? tab_field(c, "value", b, sizeof(b)) : "");
	} else {
		snprintf(buf, len, "refused: %s", tab_field(c, "errno_name", b, sizeof(b)));
	}
	if ((v = tab_member(c, "rule_holds")) && !json_object_get_boolean(v))
		strncat(buf, " (breaks the size rule)", len - strlen(buf) - 1);
	return buf;
}

static void text_matrix(struct json_object *m, const char *lead)
{
	static const char *const head[] = { "PROBE", "CASE", "RESULT" };
	struct table t = { .ncols = 3 };
	char name[96], res[160];

	tab_row(&t, head);
	json_object_object_foreach(m, group, cells) {
		const char *g = group;

		json_object_object_foreach(cells, k, c) {
			if (!tab_member(c, "accepted")) {
				/* struct_size: one more level, the size cases */
				json_object_object_foreach(c, sk, sc) {
					const char *row[3] = { g, name, cell_text(sc, res, sizeof(res)) };

					snprintf(name, sizeof(name), "%s %s", k, sk);
					tab_row(&t, row);
					g = "";
				}
				continue;
			}
			{
				const char *row[3] = { g, k, cell_text(c, res, sizeof(res)) };

				tab_row(&t, row);
				g = "";
			}
		}
	}
	tab_print(&t, lead);
}

/* ---- the command --------------------------------------------------------------------------- */

static int device_caps(struct ctx *ctx, struct json_object *op, const char *arg)
{
	struct ictl_iommu_ioas_alloc ioas = { .size = sizeof(ioas) };
	struct probe p = { .ctx = ctx };
	struct json_object *dev = json_object_new_object();
	int rc;

	op_str(dev, "arg", arg);
	json_object_object_add(op, "device", dev);
	rc = call(&p, ICTL_IOMMUFD_CMD_IOAS_ALLOC, &ioas);
	if (rc)
		goto out;
	p.ioas = ioas.out_ioas_id;
	rc = probe_dev_bind(&ctx->s, "caps", arg, p.ioas, &p.d);
	p.ns += ctx->s.ictl.last_ns;
	if (rc > 0) {
		drop(&p, p.ioas);
		return rc;
	}
	op_str(dev, "kind", p.d.mock ? "mock" : "vfio");
	if (p.d.cdev[0])
		op_str(dev, "cdev", p.d.cdev);
	if (p.d.pci[0])
		op_str(dev, "pci", p.d.pci);
	if (!rc)
		json_object_object_add(op, "matrix", matrix(&p));
	if (!rc)
		rc = probe_dev_unbind(&ctx->s, &p.d);
	drop(&p, p.ioas);
	if (!rc)
		rc = p.cleanup_err;
out:
	ctx->s.ictl.last_ns = p.ns;
	return rc;
}

static int caps(struct ctx *ctx, int argc, char **argv)
{
	struct caps_args a = { 0 };
	const struct flag_name *io;
	struct json_object *op, *have, *head;
	uint64_t ns = 0;
	uint32_t size;
	int rc, status;

	if (!cmd_parse(ctx, &cmd_caps, &caps_argp, argc, argv, &a))
		return ctx->parse_status;
	op = op_begin("caps");
	have = json_object_new_object();
	for (io = iommufd_ioctls; io->name; io++) {
		size = sizeof(size);
		rc = ictl_ioctl(&ctx->s.ictl, _IO(ICTL_IOMMUFD_TYPE, io->value), &size);
		ns += ctx->s.ictl.last_ns;
		json_object_object_add(have, io->name, json_object_new_boolean(rc != -ENOTTY));
	}
	json_object_object_add(op, "ioctls", have);
	if (!a.dev)
		return op_end(ctx, op, 0, ns);
	rc = device_caps(ctx, op, a.dev);
	if (rc > 0) {
		json_object_put(op);
		return rc;
	}
	ns += ctx->s.ictl.last_ns;
	if (ctx->opt.format == FMT_JSON)
		return op_end(ctx, op, rc, ns);
	/* text and KTAP: the result line, then the matrix as a table */
	head = op_begin("caps");
	op_str(head, "device", a.dev);
	status = op_end(ctx, head, rc, ns);
	if (tab_member(op, "matrix"))
		text_matrix(tab_member(op, "matrix"), ctx->opt.format == FMT_KTAP ? "# " : "");
	json_object_put(op);
	return status;
}

const struct cmd cmd_caps = {
	.object = "caps", .fn = caps,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "probe which iommufd ioctls the kernel has; with a device, what it accepts",
};
