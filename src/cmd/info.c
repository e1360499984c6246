// SPDX-License-Identifier: GPL-2.0-only
/*
 * info DEVICE: what iommufd makes of one device, found out by doing it.
 * Allocate an IOAS, bind the device, ask for its hardware info, attach it
 * and read the IOVA ranges the attached domain leaves usable; the gaps are
 * the reserved regions as the kernel applies them, shown next to what
 * sysfs lists for the device's IOMMU group. Then everything is undone, in
 * reverse: detach, destroy the IOAS, unbind.
 */
#include <argp.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "emit.h"
#include "host/inventory.h"
#include "op/ops.h"
#include "ops.h"
#include "op/ops.h"
#include "util/parse.h"
#include "texttab.h"

struct info_args {
	const char *dev;
};

static error_t info_opt(int key, char *arg, struct argp_state *st)
{
	struct info_args *a = st->input;

	switch (key) {
	case ARGP_KEY_ARG:
		return arg_take(st, &a->dev, arg);
	case ARGP_KEY_END:
		if (arg_need(st, a->dev, "DEVICE"))
			return EINVAL;
		if (probe_dev_arg_ok(a->dev))
			return 0;
		argp_error(st, "'%s' is no PCI address, vfioN, path or mock", a->dev);
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp info_argp = { NULL, info_opt, "DEVICE",
	"Report what iommufd makes of DEVICE (a PCI address, vfioN, a cdev path, "
	"or mock for a CONFIG_IOMMUFD_TEST mock device): its IOMMU's hardware "
	"info decoded, capabilities and PASID width, the IOVA ranges and "
	"alignment of an IOAS once the device is attached, and the reserved "
	"regions, as the kernel applies them and as sysfs lists them. The "
	"device is bound, attached and given back; nothing stays.",
	NULL, NULL, NULL };

/* ---- the probe -------------------------------------------------------------- */

struct info_run {
	struct ctx *ctx;
	struct json_object *op;
	struct json_object *cleanup;	/* array of {step, ok, errno_name} */
	const char *failed_at;		/* the step behind the record's errno */
	int err;			/* 0 or -errno of that step */
};

/* Note the first failure; later ones (in cleanup) only in their entries. */
static bool step_failed(struct info_run *r, const char *step, int rc)
{
	if (rc && !r->err) {
		r->err = rc;
		r->failed_at = step;
	}
	return rc != 0;
}

static void undo(struct info_run *r, const char *step, int rc)
{
	struct json_object *o = json_object_new_object();

	op_str(o, "step", step);
	op_bool(o, "ok", !rc);
	op_str(o, "errno_name", rc ? errno_name(-rc) : NULL);
	json_object_array_add(r->cleanup, o);
	step_failed(r, step, rc);
}

/* What sysfs says about a PCI device and its group. */
static const struct inv_group *pci_facts(struct json_object *dev, const char *addr,
					 struct inv_group *g)
{
	struct inv_pci p;

	if (inv_read_pci(&host_roots_default, addr, &p))
		return NULL;
	op_hex(dev, "vendor", p.vendor);
	op_hex(dev, "device", p.device);
	op_str(dev, "driver", p.driver[0] ? p.driver : NULL);
	op_str(dev, "iommu", p.iommu[0] ? p.iommu : NULL);
	json_object_object_add(dev, "iommu_group",
			       p.group >= 0 ? json_object_new_int(p.group) : NULL);
	if (p.group < 0 || inv_read_group(&host_roots_default, (unsigned int)p.group, g))
		return NULL;
	return g;
}

static struct json_object *sysfs_regions(const struct inv_group *g)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < g->nr_regions; i++) {
		struct json_object *o = json_object_new_object();

		op_hex(o, "start", g->regions[i].start);
		op_hex(o, "end", g->regions[i].end);
		op_str(o, "type", g->regions[i].type);
		json_object_array_add(arr, o);
	}
	return arr;
}

/*
 * The gaps between the usable ranges, each with why it is there as far as
 * can be told: the types of the sysfs regions it overlaps, and "aperture"
 * when it runs to either end of the address space.
 */
static struct json_object *gaps_json(const struct ictl_iommu_iova_range *r,
				     uint32_t n, const struct inv_group *g)
{
	struct ictl_iommu_iova_range gaps[IOVA_RANGES_MAX + 1];
	struct json_object *arr = json_object_new_array();
	uint32_t i, ng = iova_gaps(r, n, gaps);
	size_t j;

	for (i = 0; i < ng; i++) {
		struct json_object *o = json_object_new_object();
		struct json_object *why = json_object_new_array();

		op_hex(o, "start", gaps[i].start);
		op_hex(o, "last", gaps[i].last);
		for (j = 0; g && j < g->nr_regions; j++)
			if (g->regions[j].start <= gaps[i].last &&
			    g->regions[j].end >= gaps[i].start)
				json_object_array_add(why,
					json_object_new_string(g->regions[j].type));
		if (!gaps[i].start || gaps[i].last == UINT64_MAX)
			json_object_array_add(why, json_object_new_string("aperture"));
		json_object_object_add(o, "why", why);
		json_object_array_add(arr, o);
	}
	return arr;
}

/*
 * The ranges as a json-c array, through a record: this command still
 * builds json-c, the ranges are record data now.
 */
static struct json_object *ranges_json(const struct ictl_iommu_iova_range *r,
				       uint32_t n)
{
	struct arena a = { 0 };
	struct rec *rec = rec_new(&a);
	struct json_object *o, *list = NULL;

	iova_ranges_rec(rec, "ranges", r, n);
	o = out_json(rec);
	if (json_object_object_get_ex(o, "ranges", &list))
		json_object_get(list);
	json_object_put(o);
	arena_free(&a);
	return list;
}

/* IOVA ranges after attach, and the reserved regions both ways. */
static void iova_facts(struct info_run *r, uint32_t ioas_id,
		       const struct inv_group *g)
{
	struct ictl_iommu_iova_range *buf = calloc(IOVA_RANGES_MAX, sizeof(*buf));
	struct json_object *res = json_object_new_object();
	uint64_t align = 0;
	uint32_t n = 0;
	int rc = buf ? ioas_ranges_read(&r->ctx->s, ioas_id, buf, &n, &align) : -ENOMEM;

	if (!step_failed(r, "iova-ranges", rc)) {
		op_hex(r->op, "iova_alignment", align);
		json_object_object_add(r->op, "iova_ranges", ranges_json(buf, n));
		json_object_object_add(res, "kernel", gaps_json(buf, n, g));
	}
	json_object_object_add(res, "sysfs", g ? sysfs_regions(g) : NULL);
	json_object_object_add(r->op, "reserved_regions", res);
	free(buf);
}

/* Everything after the IOAS exists: bind, hw-info, attach, ranges, undo. */
static int probe_device(struct info_run *r, const char *arg, uint32_t ioas_id,
			uint32_t *hwpt)
{
	struct json_object *dev = json_object_new_object();
	struct arena arena = { 0 };
	const struct inv_group *g = NULL;
	struct rec *hw;
	struct inv_group grp = { 0 };
	struct probe_dev d;
	bool attached = false;
	uint64_t caps;
	int rc;

	op_str(dev, "arg", arg);
	json_object_object_add(r->op, "device", dev);
	rc = probe_dev_bind(&r->ctx->s, "info", arg, ioas_id, &d);
	if (rc > 0) {
		/* no such device, said already: no record */
		ictl_destroy(&r->ctx->s.ictl, ioas_id);
		return rc;
	}
	op_str(dev, "kind", d.mock ? "mock" : "vfio");
	if (step_failed(r, d.mock ? "mock-create" : "bind", rc)) {
		undo(r, "destroy ioas", ictl_destroy(&r->ctx->s.ictl, ioas_id));
		return EXIT_OK;
	}
	if (d.cdev[0])
		op_str(dev, "cdev", d.cdev);
	if (d.pci[0]) {
		op_str(dev, "pci", d.pci);
		g = pci_facts(dev, d.pci, &grp);
	}
	hw = rec_new(&arena);
	rc = hw_info_query(&r->ctx->s, d.dev_id, hw, &caps);
	json_object_object_add(r->op, "hw_info", out_json(hw));
	arena_free(&arena);
	if (!step_failed(r, "get-hw-info", rc)) {
		/* a mock device is attached from birth */
		*hwpt = d.hwpt_id;
		attached = d.mock ||
			   !step_failed(r, "attach", probe_dev_attach(&r->ctx->s, &d, ioas_id, hwpt));
	}
	if (attached)
		iova_facts(r, ioas_id, g);
	inv_group_free(&grp);
	if (d.mock) {
		/* a mock device holds its IOAS until it is gone */
		undo(r, "destroy mock device", probe_dev_unbind(&r->ctx->s, &d));
		undo(r, "destroy ioas", ictl_destroy(&r->ctx->s.ictl, ioas_id));
		return EXIT_OK;
	}
	if (attached)
		undo(r, "detach", probe_dev_detach(&r->ctx->s, &d));
	undo(r, "destroy ioas", ictl_destroy(&r->ctx->s.ictl, ioas_id));
	undo(r, "unbind", probe_dev_unbind(&r->ctx->s, &d));
	return EXIT_OK;
}

/* ---- text --------------------------------------------------------------------- */

#define WRAP	64

/* An object of scalars only, like a decoded register: "k=v" words. */
static bool all_scalars(struct json_object *o)
{
	json_object_object_foreach(o, k, v) {
		(void)k;
		if (json_object_is_type(v, json_type_object) ||
		    json_object_is_type(v, json_type_array))
			return false;
	}
	return true;
}

static void word_rows(struct table *t, const char *name, struct json_object *o)
{
	char line[WRAP + 64] = "", word[96], b[64];
	const char *row[2] = { name, line };
	size_t len = 0;

	json_object_object_foreach(o, k, v) {
		(void)v;
		snprintf(word, sizeof(word), "%s=%s", k, tab_field(o, k, b, sizeof(b)));
		if (len && len + 1 + strlen(word) > WRAP) {
			tab_row(t, row);
			row[0] = "";
			len = 0;
		}
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
					len ? " " : "", word);
	}
	if (len)
		tab_row(t, row);
}

/* Every member of @o as rows; nested objects by their dotted names. */
static void flat_rows(struct table *t, struct json_object *o, const char *prefix)
{
	char name[96], b[256];

	json_object_object_foreach(o, k, v) {
		snprintf(name, sizeof(name), "%s%s", prefix, k);
		if (v && json_object_is_type(v, json_type_object)) {
			if (all_scalars(v) && json_object_object_length(v) > 3) {
				word_rows(t, name, v);
			} else {
				strncat(name, ".", sizeof(name) - strlen(name) - 1);
				flat_rows(t, v, !strcmp(k, "data") || !strcmp(k, "decoded") ?
					  "" : name);
			}
			continue;
		}
		{
			const char *row[2] = { name, tab_field(o, k, b, sizeof(b)) };

			tab_row(t, row);
		}
	}
}

static void text_section(const char *lead, const char *title, struct table *t)
{
	char indent[8];

	snprintf(indent, sizeof(indent), "%s  ", lead);
	printf("%s%s\n", lead, title);
	tab_print(t, indent);
}

/* One table of the whole IOVA space: the usable ranges and the gaps. */
static void text_iova(struct json_object *rep, const char *lead)
{
	struct json_object *ranges = tab_member(rep, "iova_ranges");
	struct json_object *gaps = tab_member(tab_member(rep, "reserved_regions"), "kernel");
	static const char *const head[] = { "START", "LAST", "IOVA" };
	struct table t = { .ncols = 3 };
	size_t i = 0, j = 0, nr, ng;
	char title[96], b[3][64], why[128];

	if (!ranges)
		return;
	nr = json_object_array_length(ranges);
	ng = gaps ? json_object_array_length(gaps) : 0;
	tab_row(&t, head);
	/* both lists are sorted and alternate: merge by start address */
	while (i < nr || j < ng) {
		struct json_object *rg = i < nr ? json_object_array_get_idx(ranges, i) : NULL;
		struct json_object *gp = j < ng ? json_object_array_get_idx(gaps, j) : NULL;
		bool take_gap = gp && (!rg || strtoull(tab_field(gp, "start", b[0], 64), NULL, 16) <
					      strtoull(tab_field(rg, "start", b[0], 64), NULL, 16));
		struct json_object *o = take_gap ? gp : rg;
		const char *row[3] = { tab_field(o, "start", b[0], 64),
				       tab_field(o, "last", b[1], 64), "usable" };

		if (take_gap) {
			struct json_object *w = tab_member(gp, "why");
			size_t k, used = 0;

			used = (size_t)snprintf(why, sizeof(why), "reserved");
			for (k = 0; w && k < json_object_array_length(w); k++)
				used += (size_t)snprintf(why + used, sizeof(why) - used, "%s%s",
					k ? ", " : " (",
					json_object_get_string(json_object_array_get_idx(w, k)));
			if (w && json_object_array_length(w))
				snprintf(why + used, sizeof(why) - used, ")");
			row[2] = why;
			j++;
		} else {
			i++;
		}
		tab_row(&t, row);
	}
	snprintf(title, sizeof(title), "IOVA after attach (alignment %s):",
		 tab_field(rep, "iova_alignment", b[2], 64));
	text_section(lead, title, &t);
}

static void text_sysfs(struct json_object *rep, const char *lead)
{
	struct json_object *regs = tab_member(tab_member(rep, "reserved_regions"), "sysfs");
	static const char *const head[] = { "START", "END", "TYPE" };
	struct table t = { .ncols = 3 };
	char b[3][64];
	size_t i;

	if (!regs)
		return;
	tab_row(&t, head);
	for (i = 0; i < json_object_array_length(regs); i++) {
		struct json_object *o = json_object_array_get_idx(regs, i);
		const char *row[3] = { tab_field(o, "start", b[0], 64),
				       tab_field(o, "end", b[1], 64),
				       tab_field(o, "type", b[2], 64) };

		tab_row(&t, row);
	}
	text_section(lead, "Reserved regions of the IOMMU group (sysfs):", &t);
}

static void text_cleanup(struct json_object *rep, const char *lead)
{
	struct json_object *c = tab_member(rep, "cleanup");
	char b[2][64];
	size_t i;

	printf("%sUndone:", lead);
	for (i = 0; c && i < json_object_array_length(c); i++) {
		struct json_object *o = json_object_array_get_idx(c, i);
		const char *ok = tab_field(o, "ok", b[0], 64);

		printf("%s %s %s", i ? "," : "", tab_field(o, "step", b[1], 64),
		       !strcmp(ok, "yes") ? "ok" : tab_field(o, "errno_name", b[0], 64));
	}
	puts(c && json_object_array_length(c) ? "" : " nothing");
}

static void text_report(struct json_object *rep, const char *lead)
{
	struct json_object *o;
	struct table t = { .ncols = 2 };

	if ((o = tab_member(rep, "device"))) {
		flat_rows(&t, o, "");
		text_section(lead, "Device:", &t);
	}
	if ((o = tab_member(rep, "hw_info")) && json_object_object_length(o)) {
		flat_rows(&t, o, "");
		text_section(lead, "IOMMU (hardware info):", &t);
	}
	text_iova(rep, lead);
	text_sysfs(rep, lead);
	text_cleanup(rep, lead);
}

/* ---- the command -------------------------------------------------------------- */

/* Text and KTAP: the result line of every record, then the report. */
static int emit_text(struct ctx *ctx, struct json_object *op, int err, uint64_t ns)
{
	struct json_object *head = op_begin("info");
	struct json_object *dev = tab_member(op, "device");
	int status;

	op_str(head, "device", json_object_get_string(tab_member(dev, "arg")));
	if (tab_member(op, "failed_at"))
		op_str(head, "failed_at", json_object_get_string(tab_member(op, "failed_at")));
	status = op_end(ctx, head, err, ns);
	text_report(op, ctx->opt.format == FMT_KTAP ? "# " : "");
	json_object_put(op);
	return status;
}

static int info(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_ioas_alloc ioas = { 0 };
	struct info_args a = { 0 };
	struct info_run r = { .ctx = ctx };
	uint32_t hwpt = 0;
	uint64_t t0;
	int rc;

	if (!cmd_parse(ctx, &cmd_info, &info_argp, argc, argv, &a))
		return ctx->parse_status;
	t0 = ictl_now_ns();
	r.op = op_begin("info");
	r.cleanup = json_object_new_array();
	if (!step_failed(&r, "ioas-alloc", ictl_ioas_alloc(&ctx->s.ictl, &ioas))) {
		rc = probe_device(&r, a.dev, ioas.out_ioas_id, &hwpt);
		if (rc) {
			json_object_put(r.cleanup);
			json_object_put(r.op);
			return rc;
		}
	}
	op_str(r.op, "failed_at", r.failed_at);
	json_object_object_add(r.op, "cleanup", r.cleanup);
	if (ctx->opt.format != FMT_JSON)
		return emit_text(ctx, r.op, r.err, ictl_now_ns() - t0);
	return op_end(ctx, r.op, r.err, ictl_now_ns() - t0);
}

const struct cmd cmd_info = {
	.object = "info", .fn = info,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "report what iommufd makes of a device: hw info, IOVA ranges, reserved regions",
};
