// SPDX-License-Identifier: GPL-2.0-only
/*
 * info DEVICE: what iommufd makes of one device, found out by doing it.
 * Allocate an IOAS, bind the device, ask for its hardware info, attach it
 * and read the IOVA ranges the attached domain leaves usable; the gaps are
 * the reserved regions as the kernel applies them, shown next to what
 * sysfs lists for the device's IOMMU group. Then everything is undone, in
 * reverse: detach, destroy the IOAS, unbind.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/op.h"
#include "core/render.h"
#include "core/session.h"
#include "host/inventory.h"
#include "op/ops.h"
#include "util/parse.h"
#include "util/rec.h"

/* More than any IOMMU group lists */
#define INFO_REGIONS	64
/* The undo steps of the longest way: detach, destroy the IOAS, unbind */
#define INFO_UNDO	3

/* What the probe found, kept in the session's scratch for the record */
struct info_data {
	const char *failed_at;		/* the step behind the errno; NULL */
	bool bind_tried;		/* the device answered: "device" */
	bool bound;
	struct probe_dev d;
	bool has_pci;			/* sysfs knows the PCI device */
	struct inv_pci pci;
	bool has_group;			/* and its IOMMU group */
	size_t nr_regions;
	struct inv_region regions[INFO_REGIONS];
	int hw_err;
	struct hw_info_answer hw;
	bool attached;
	int ranges_err;
	uint32_t nr_ranges;
	uint64_t align;
	struct ictl_iommu_iova_range ranges[IOVA_RANGES_MAX];
	unsigned int nundo;
	struct {
		const char *step;
		int rc;
	} undo[INFO_UNDO];
};

struct info_run {
	struct session *s;
	struct info_data *k;
	int err;			/* 0 or -errno of the first failed step */
};

/* Note the first failure; later ones (in cleanup) only in their entries. */
static bool step_failed(struct info_run *run, const char *step, int rc)
{
	if (rc && !run->err) {
		run->err = rc;
		run->k->failed_at = step;
	}
	return rc != 0;
}

static void undo(struct info_run *run, const char *step, int rc)
{
	struct info_data *k = run->k;

	if (k->nundo < INFO_UNDO) {
		k->undo[k->nundo].step = step;
		k->undo[k->nundo++].rc = rc;
	}
	step_failed(run, step, rc);
}

/* What sysfs says about a PCI device and its group. */
static void pci_facts(struct info_data *k)
{
	struct inv_group g = { 0 };

	k->has_pci = !inv_read_pci(&host_roots_default, k->d.pci, &k->pci);
	if (k->has_pci && k->pci.group >= 0 &&
	    !inv_read_group(&host_roots_default, (unsigned int)k->pci.group, &g)) {
		k->has_group = true;
		k->nr_regions = g.nr_regions < INFO_REGIONS ? g.nr_regions : INFO_REGIONS;
		memcpy(k->regions, g.regions, k->nr_regions * sizeof(*k->regions));
	}
	inv_group_free(&g);
}

/* Everything after the IOAS exists: bind, hw-info, attach, ranges, undo. */
static int probe_device(struct info_run *run, const char *arg, uint32_t ioas_id)
{
	struct info_data *k = run->k;
	struct session *s = run->s;
	uint32_t hwpt;
	int rc;

	rc = probe_dev_bind(s, "info", arg, ioas_id, &k->d);
	if (rc > 0) {
		/* no such device, said already: no record */
		ictl_destroy(&s->ictl, ioas_id);
		return rc == PROBE_USAGE ? -EINVAL : -ENODEV;
	}
	k->bind_tried = true;
	if (step_failed(run, k->d.mock ? "mock-create" : "bind", rc)) {
		undo(run, "destroy ioas", ictl_destroy(&s->ictl, ioas_id));
		return 0;
	}
	k->bound = true;
	if (k->d.pci[0])
		pci_facts(k);
	k->hw_err = hw_info_query(s, k->d.dev_id, &k->hw);
	/* a mock device is attached from birth */
	if (!step_failed(run, "get-hw-info", k->hw_err))
		k->attached = k->d.mock ||
			      !step_failed(run, "attach", probe_dev_attach(s, &k->d, ioas_id, &hwpt));
	if (k->attached) {
		k->ranges_err = ioas_ranges_read(s, ioas_id, k->ranges, &k->nr_ranges, &k->align);
		step_failed(run, "iova-ranges", k->ranges_err);
	}
	if (k->d.mock) {
		/* a mock device holds its IOAS until it is gone */
		undo(run, "destroy mock device", probe_dev_unbind(s, &k->d));
		undo(run, "destroy ioas", ictl_destroy(&s->ictl, ioas_id));
		return 0;
	}
	if (k->attached)
		undo(run, "detach", probe_dev_detach(s, &k->d));
	undo(run, "destroy ioas", ictl_destroy(&s->ictl, ioas_id));
	undo(run, "unbind", probe_dev_unbind(s, &k->d));
	return 0;
}

static int info_exec(struct session *s, const void *args, struct result *r)
{
	const struct probe_args *a = args;
	struct ictl_iommu_ioas_alloc ioas = { 0 };
	struct info_run run = { .s = s };
	uint64_t t0 = ictl_now_ns();
	int rc = 0;

	run.k = sess_scratch(s, sizeof(*run.k));
	if (!run.k) {
		sess_err(s, "info: out of memory");
		return -ENOMEM;
	}
	if (!step_failed(&run, "ioas-alloc", ictl_ioas_alloc(&s->ictl, &ioas)))
		rc = probe_device(&run, a->dev, ioas.out_ioas_id);
	if (rc)
		return rc;
	r->err = run.err;
	r->ns = ictl_now_ns() - t0;
	r->data = run.k;
	r->len = sizeof(*run.k);
	return 0;
}

/* ---- the record ---- */

static void device_rec(struct rec *o, const char *arg, const struct info_data *k)
{
	rec_str(o, "arg", arg);
	rec_lit(o, "kind", k->d.mock ? "mock" : "vfio");
	if (!k->bound)
		return;
	if (k->d.cdev[0])
		rec_str(o, "cdev", k->d.cdev);
	if (k->d.pci[0])
		rec_str(o, "pci", k->d.pci);
	if (!k->has_pci)
		return;
	rec_hex(o, "vendor", k->pci.vendor);
	rec_hex(o, "device", k->pci.device);
	rec_str(o, "driver", k->pci.driver[0] ? k->pci.driver : NULL);
	rec_str(o, "iommu", k->pci.iommu[0] ? k->pci.iommu : NULL);
	if (k->pci.group >= 0)
		rec_int(o, "iommu_group", k->pci.group);
	else
		rec_null(o, "iommu_group");
}

static void sysfs_regions(struct rec *list, const struct info_data *k)
{
	struct rec *o;
	size_t i;

	for (i = 0; i < k->nr_regions; i++) {
		o = rec_obj(list, NULL);
		rec_hex(o, "start", k->regions[i].start);
		rec_hex(o, "end", k->regions[i].end);
		rec_str(o, "type", k->regions[i].type);
	}
}

/*
 * The gaps between the usable ranges, each with why it is there as far as
 * can be told: the types of the sysfs regions it overlaps, and "aperture"
 * when it runs to either end of the address space.
 */
static void gaps_rec(struct rec *list, const struct info_data *k)
{
	struct ictl_iommu_iova_range gaps[IOVA_RANGES_MAX + 1];
	uint32_t i, ng = iova_gaps(k->ranges, k->nr_ranges, gaps);
	struct rec *o, *why;
	size_t j;

	for (i = 0; i < ng; i++) {
		o = rec_obj(list, NULL);
		rec_hex(o, "start", gaps[i].start);
		rec_hex(o, "last", gaps[i].last);
		why = rec_list(o, "why");
		for (j = 0; j < k->nr_regions; j++)
			if (k->regions[j].start <= gaps[i].last &&
			    k->regions[j].end >= gaps[i].start)
				rec_str(why, NULL, k->regions[j].type);
		if (!gaps[i].start || gaps[i].last == UINT64_MAX)
			rec_lit(why, NULL, "aperture");
	}
}

/* IOVA ranges after attach, and the reserved regions both ways. */
static void iova_rec(struct rec *rec, const struct info_data *k)
{
	struct rec *list, *res, *o;
	uint32_t i;

	if (!k->ranges_err) {
		rec_hex(rec, "iova_alignment", k->align);
		list = rec_list(rec, "iova_ranges");
		for (i = 0; i < k->nr_ranges; i++) {
			o = rec_obj(list, NULL);
			rec_hex(o, "start", k->ranges[i].start);
			rec_hex(o, "last", k->ranges[i].last);
		}
	}
	res = rec_obj(rec, "reserved_regions");
	if (!k->ranges_err)
		gaps_rec(rec_list(res, "kernel"), k);
	if (k->has_group)
		sysfs_regions(rec_list(res, "sysfs"), k);
	else
		rec_null(res, "sysfs");
}

static void info_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct probe_args *a = args;
	const struct info_data *k = r->data;
	struct rec *list, *o;
	unsigned int i;
	int rc;

	if (k->bind_tried)
		device_rec(rec_obj(rec, "device"), a->dev, k);
	if (k->bound) {
		o = rec_obj(rec, "hw_info");
		if (!k->hw_err)
			hw_info_report(o, &k->hw);
	}
	if (k->attached)
		iova_rec(rec, k);
	rec_lit(rec, "failed_at", k->failed_at);
	list = rec_list(rec, "cleanup");
	for (i = 0; i < k->nundo; i++) {
		rc = k->undo[i].rc;
		o = rec_obj(list, NULL);
		rec_lit(o, "step", k->undo[i].step);
		rec_bool(o, "ok", !rc);
		rec_lit(o, "errno_name", rc ? errno_name(-rc) : NULL);
	}
}

/* ---- the report ---- */

static const char *iova_title(const struct rec *r, char *buf, size_t len)
{
	char b[24];

	snprintf(buf, len, "IOVA after attach (alignment %s)",
		 out_cell(rec_get(r, "iova_alignment"), b, sizeof(b)));
	return buf;
}

static uint64_t start_of(const struct val *row)
{
	const struct val *v = rec_get(row->r, "start");

	return v ? v->u : 0;
}

/* One table of the whole IOVA space: the usable ranges and the gaps. */
static void iova_rows(const struct rec *r, struct rec *view)
{
	const struct val *ranges = rec_get(r, "iova_ranges");
	const struct val *res = rec_get(r, "reserved_regions");
	const struct val *gaps = res && res->kind == V_REC ? rec_get(res->r, "kernel") : NULL;
	unsigned int i = 0, j = 0, nr, ng;
	const struct val *from;
	struct rec *list, *row;

	if (!ranges || ranges->kind != V_LIST)
		return;
	nr = ranges->r->n;
	ng = gaps && gaps->kind == V_LIST ? gaps->r->n : 0;
	list = rec_list(view, "iova");
	/* both lists are sorted and alternate: merge by start address */
	while (i < nr || j < ng) {
		if (j < ng && (i == nr || start_of(&gaps->r->f[j].v) <
					  start_of(&ranges->r->f[i].v)))
			from = &gaps->r->f[j++].v;
		else
			from = &ranges->r->f[i++].v;
		row = rec_obj(list, NULL);
		rec_set(row, "start", rec_get(from->r, "start"));
		rec_set(row, "last", rec_get(from->r, "last"));
		if (rec_get(from->r, "why"))
			rec_set(row, "why", rec_get(from->r, "why"));
	}
}

/* "usable", or "reserved (msi, aperture)" */
static const char *iova_cell(const struct rec *row, char *buf, size_t len)
{
	const struct val *why = rec_get(row, "why");
	char b[64];
	size_t used;
	unsigned int k;

	if (!why)
		return "usable";
	used = (size_t)snprintf(buf, len, "reserved");
	for (k = 0; why->kind == V_LIST && k < why->r->n && used < len; k++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? ", " : " (",
					 out_cell(&why->r->f[k].v, b, sizeof(b)));
	if (why->kind == V_LIST && why->r->n && used < len)
		snprintf(buf + used, len - used, ")");
	return buf;
}

/* "detach ok, destroy ioas ok, unbind EBUSY", or "nothing" */
static void undone_line(const struct rec *r, struct rec *view)
{
	const struct val *c = rec_get(r, "cleanup"), *ok;
	char buf[256], b[2][64];
	const struct rec *o;
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; c && c->kind == V_LIST && i < c->r->n && used < sizeof(buf); i++) {
		o = c->r->f[i].v.r;
		ok = rec_get(o, "ok");
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s %s", i ? ", " : "",
					 out_cell(rec_get(o, "step"), b[0], sizeof(b[0])),
					 ok && ok->b ? "ok" :
					 out_cell(rec_get(o, "errno_name"), b[1], sizeof(b[1])));
	}
	rec_str(view, "cleanup", buf[0] ? buf : "nothing");
}

static const struct column iova_cols[] = {
	{ .heading = "START", .key = "start" },
	{ .heading = "LAST", .key = "last" },
	{ .heading = "IOVA", .cell = iova_cell },
	{ NULL },
};

static const struct column sysfs_cols[] = {
	{ .heading = "START", .key = "start" },
	{ .heading = "END", .key = "end" },
	{ .heading = "TYPE", .key = "type" },
	{ NULL },
};

static const struct section info_sections[] = {
	{ .key = "device", .title = "Device" },
	{ .key = "hw_info", .title = "IOMMU (hardware info)" },
	{ .key = "iova", .title_cell = iova_title, .cols = iova_cols, .make = iova_rows },
	{ .key = "reserved_regions.sysfs", .cols = sysfs_cols,
	  .title = "Reserved regions of the IOMMU group (sysfs)" },
	{ .key = "cleanup", .title = "Undone", .make = undone_line },
	{ NULL },
};

static const struct column info_line[] = {
	{ .heading = "device", .cell = probe_dev_arg_cell },
	{ .heading = "failed_at", .key = "failed_at" },
	{ NULL },
};

static const struct report info_report = {
	.sections = info_sections, .line = info_line,
};

static const char *const device_samples[] = {
	"mock", "0000:00:03.0", "00:03.0", "vfio0", "/dev/vfio/devices/vfio1", NULL
};

static const struct arg info_args[] = {
	{ .kind = ARG_WORD, AT(struct probe_args, dev), .flags = ARG_REQUIRED,
	  .meta = "DEVICE", .samples = device_samples },
	{ 0 }
};

const struct op op_info = {
	.object = "info", .name = "info",
	.summary = "report what iommufd makes of a device: hw info, IOVA ranges, reserved regions",
	.doc = "Report what iommufd makes of DEVICE (a PCI address, vfioN, a cdev path, "
	       "or mock for a CONFIG_IOMMUFD_TEST mock device): its IOMMU's hardware "
	       "info decoded, capabilities and PASID width, the IOVA ranges and "
	       "alignment of an IOAS once the device is attached, and the reserved "
	       "regions, as the kernel applies them and as sysfs lists them. The "
	       "device is bound, attached and given back; nothing stays.",
	.args = info_args, .args_size = sizeof(struct probe_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = probe_args_check, .exec = info_exec, .record = info_record,
	.report = &info_report,
};
