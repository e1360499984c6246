// SPDX-License-Identifier: GPL-2.0-only
/*
 * list: is this host ready for iommufd and VFIO, and which devices can be
 * used? One report, a record built from the inventory; its text sections
 * and their columns are described once below, and the renderer shows the
 * same record as JSON or as tables.
 */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/render.h"
#include "host/inventory.h"
#include "host/vfio_bind.h"
#include "util/msg.h"
#include "util/rec.h"

struct list_args {
	char device[PCI_ADDR_MAX];	/* "" for any */
	uint32_t group;
	const char *driver;		/* NULL for any; "none": no driver */
	bool has_group;
};

static int device_parse(const char *word, void *f, struct perr *e)
{
	if (pci_addr_normalize(word, f, PCI_ADDR_MAX))
		return perr(e, "'%s' is no PCI address", word);
	return 0;
}

static bool device_format(const void *f, unsigned int i, char *buf, size_t len)
{
	if (i || !*(const char *)f)
		return false;
	snprintf(buf, len, "%s", (const char *)f);
	return true;
}

static bool device_equal(const void *a, const void *b)
{
	return !strcmp(a, b);
}

static const struct arg_custom device_kind = {
	.parse = device_parse, .format = device_format, .equal = device_equal,
};

static const struct arg list_argv[] = {
	{ .opt = "device", .kind = ARG_CUSTOM, AT(struct list_args, device),
	  .custom = &device_kind, .meta = "ADDR",
	  .doc = "Only this PCI device (0000:00:03.0 or 00:03.0)" },
	{ .opt = "group", .kind = ARG_U32, AT(struct list_args, group),
	  HAS(struct list_args, has_group), .meta = "N",
	  .doc = "Only devices of IOMMU group N" },
	{ .opt = "driver", .kind = ARG_WORD, AT(struct list_args, driver),
	  .meta = "NAME", .doc = "Only devices bound to NAME (none: to no driver)" },
	{ 0 }
};

static int list_check(const void *args, struct perr *e)
{
	const struct list_args *a = args;

	if (a->has_group && a->group > INT32_MAX)
		return perr(e, "'%u' is no IOMMU group number", a->group);
	if (a->driver && (!a->driver[0] || strchr(a->driver, '/')))
		return perr(e, "'%s' is no driver name", a->driver);
	return 0;
}

/* ---- record helpers ----------------------------------------------------------- */

/* A string member; "" (nothing read) is null */
static void add_str(struct rec *o, const char *key, const char *s)
{
	rec_str(o, key, s && s[0] ? s : NULL);
}

/* Ids as sysfs writes them, zero-padded: "0x8086", "0x020000" */
static void add_hex(struct rec *o, const char *key, uint64_t v, int width)
{
	rec_str(o, key, rec_printf(o, "0x%0*" PRIx64, width, v));
}

static const char *answer(enum inv_answer a)
{
	return a == INV_YES ? "yes" : a == INV_NO ? "no" : "unknown";
}

/* 8388608 -> "8M": limits are set in whole units */
static void fmt_size(char *buf, size_t len, rlim_t v)
{
	static const char units[] = "KMGT";
	int i = -1;

	if (v == RLIM_INFINITY) {
		snprintf(buf, len, "unlimited");
		return;
	}
	while (i < 3 && v && !(v % 1024)) {
		v /= 1024;
		i++;
	}
	snprintf(buf, len, "%llu%.*s", (unsigned long long)v, i >= 0, i >= 0 ? &units[i] : "");
}

/* ---- kernel ------------------------------------------------------------------- */

static struct rec *kitem(struct rec *list, const char *name,
			 const char *value, const char *detail)
{
	struct rec *o = rec_obj(list, NULL);

	add_str(o, "name", name);
	add_str(o, "value", value);
	add_str(o, "detail", detail);
	return o;
}

static void owner_names(const struct inv_kernel *k, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(k->iommu_uid);
	struct group *gr = getgrgid(k->iommu_gid);
	char u[32], g[32];

	snprintf(u, sizeof(u), "%u", (unsigned int)k->iommu_uid);
	snprintf(g, sizeof(g), "%u", (unsigned int)k->iommu_gid);
	snprintf(buf, len, "%s:%s", pw ? pw->pw_name : u, gr ? gr->gr_name : g);
}

static void kernel_dev_iommu(struct rec *list, const struct inv_kernel *k)
{
	char mode[8], owner[80], detail[160];
	struct rec *o;

	if (!k->iommu_present) {
		kitem(list, "/dev/iommu", "missing", NULL);
		return;
	}
	snprintf(mode, sizeof(mode), "%04o", (unsigned int)(k->iommu_mode & 07777));
	owner_names(k, owner, sizeof(owner));
	snprintf(detail, sizeof(detail), "mode %s, owner %s, %s%s", mode, owner,
		 k->iommu_read && k->iommu_write ? "read/write for us" : "no read/write for us",
		 S_ISCHR(k->iommu_mode) ? "" : ", not a character device");
	o = kitem(list, "/dev/iommu", "present", detail);
	add_str(o, "mode", mode);
	rec_int(o, "uid", k->iommu_uid);
	rec_int(o, "gid", k->iommu_gid);
	rec_bool(o, "readable", k->iommu_read);
	rec_bool(o, "writable", k->iommu_write);
}

static void kernel_config(struct rec *list, const struct inv_kernel *k)
{
	char detail[700];
	struct rec *o;
	int i;

	if (k->config_err && k->config_alt[0])
		snprintf(detail, sizeof(detail), "%s: %s; %s: %s", k->config_path,
			 strerror(k->config_err), k->config_alt, strerror(k->config_alt_err));
	else if (k->config_err)
		snprintf(detail, sizeof(detail), "%s: %s", k->config_path,
			 strerror(k->config_err));
	else
		snprintf(detail, sizeof(detail), "%s", k->config_path);
	o = kitem(list, "config", k->config_err ? "unreadable" : "read", detail);
	add_str(o, "path", k->config_path);
	for (i = 0; i < CFG_NR; i++)
		kitem(list, inv_cfg_name(i), k->config[i], NULL);
}

/* A limit in bytes, or "unlimited" */
static void add_limit(struct rec *o, const char *key, rlim_t v)
{
	if (v == RLIM_INFINITY)
		rec_lit(o, key, "unlimited");
	else
		rec_int(o, key, (int64_t)v);
}

static void kernel_memlock(struct rec *list, const struct inv_kernel *k)
{
	char soft[24], hard[24], value[64];
	struct rec *o;

	fmt_size(soft, sizeof(soft), k->memlock.rlim_cur);
	fmt_size(hard, sizeof(hard), k->memlock.rlim_max);
	snprintf(value, sizeof(value), "soft %s, hard %s", soft, hard);
	o = kitem(list, "RLIMIT_MEMLOCK", value,
		  k->cap_ipc_lock ? "CAP_IPC_LOCK: pinned memory is not limited" : NULL);
	add_limit(o, "soft", k->memlock.rlim_cur);
	add_limit(o, "hard", k->memlock.rlim_max);
	rec_bool(o, "cap_ipc_lock", k->cap_ipc_lock);
}

static void kernel_rec(struct rec *list, const struct inv_kernel *k)
{
	char detail[96];

	kitem(list, "release", k->release, NULL);
	kernel_dev_iommu(list, k);
	kitem(list, "vfio-cdev", answer(k->vfio_cdev),
	      k->vfio_cdev == INV_YES ? "VFIO devices open as /dev/vfio/devices/vfioN" :
	      k->vfio_cdev == INV_UNKNOWN ? "no /dev/vfio/devices, no VFIO device, no config to ask" :
	      NULL);
	snprintf(detail, sizeof(detail), "judged by %s", k->test_from);
	kitem(list, "iommufd-test", answer(k->iommufd_test),
	      k->test_from ? detail : NULL);
	kernel_config(list, k);
	kernel_memlock(list, k);
}

/* ---- selection ------------------------------------------------------------------ */

static bool pci_selected(const struct list_args *a, const struct inv_pci *p)
{
	if (a->device[0] && strcmp(a->device, p->addr))
		return false;
	if (a->has_group && p->group != (int)a->group)
		return false;
	if (a->driver && strcmp(a->driver, !p->driver[0] ? "none" : p->driver))
		return false;
	return true;
}

static bool filtering(const struct list_args *a)
{
	return a->device[0] || a->has_group || a->driver;
}

static bool group_selected(const struct list_args *a,
			   const struct inventory *inv, unsigned int id)
{
	size_t i;

	if (!filtering(a))
		return true;
	for (i = 0; i < inv->nr_pci; i++)
		if (inv->pci[i].group == (int)id && pci_selected(a, &inv->pci[i]))
			return true;
	/* a group of non-PCI devices only shows when asked for by number */
	return a->has_group && a->group == id && !a->device[0] && !a->driver;
}

static bool iommu_selected(const struct list_args *a,
			   const struct inventory *inv, const char *name)
{
	size_t i;

	if (!filtering(a))
		return true;
	for (i = 0; i < inv->nr_pci; i++)
		if (!strcmp(inv->pci[i].iommu, name) && pci_selected(a, &inv->pci[i]))
			return true;
	return false;
}

/* ---- IOMMUs, groups, devices ------------------------------------------------------- */

static void iommus_rec(struct rec *list, const struct inventory *inv,
		       const struct list_args *a)
{
	struct rec *o;
	size_t i;

	for (i = 0; i < inv->nr_iommus; i++) {
		if (!iommu_selected(a, inv, inv->iommus[i].name))
			continue;
		o = rec_obj(list, NULL);
		add_str(o, "name", inv->iommus[i].name);
		add_str(o, "type", inv->iommus[i].type);
		rec_int(o, "nr_devices", inv->iommus[i].nr_devices);
	}
}

#define MAX_BLOCKERS	8

/* "viable" and "blocked_by" for @g, seen by @except (NULL: the group) */
static void add_viability(struct rec *o, const struct inv_group *g,
			  const char *except)
{
	const struct inv_member *b[MAX_BLOCKERS];
	size_t i, n = inv_group_blockers(g, except, b, MAX_BLOCKERS);
	struct rec *list, *m;

	rec_bool(o, "viable", !n);
	list = rec_list(o, "blocked_by");
	for (i = 0; i < n && i < MAX_BLOCKERS; i++) {
		m = rec_obj(list, NULL);
		add_str(m, "device", b[i]->name);
		add_str(m, "driver", b[i]->driver);
	}
}

static void group_rec(struct rec *o, const struct inv_group *g)
{
	struct rec *list, *r;
	size_t i;

	rec_int(o, "id", g->id);
	add_str(o, "type", g->type);
	list = rec_list(o, "reserved_regions");
	for (i = 0; i < g->nr_regions; i++) {
		r = rec_obj(list, NULL);
		rec_hex(r, "start", g->regions[i].start);
		rec_hex(r, "end", g->regions[i].end);
		add_str(r, "type", g->regions[i].type);
	}
	list = rec_list(o, "devices");
	for (i = 0; i < g->nr_members; i++)
		rec_str(list, NULL, g->members[i].name);
	add_viability(o, g, NULL);
}

static void device_rec(struct rec *o, const struct inventory *inv,
		       const struct inv_pci *p)
{
	const struct inv_group *g = p->group >= 0 ? inv_find_group(inv, p->group) : NULL;

	add_str(o, "pci", p->addr);
	add_hex(o, "vendor", p->vendor, 4);
	add_hex(o, "device", p->device, 4);
	add_hex(o, "class", p->class, 6);
	add_str(o, "driver", p->driver);
	add_str(o, "driver_override", p->override);
	add_str(o, "iommu", p->iommu);
	if (p->group >= 0)
		rec_int(o, "iommu_group", p->group);
	else
		rec_null(o, "iommu_group");
	add_str(o, "cdev", p->cdev);
	if (g) {
		add_viability(o, g, p->addr);
	} else {
		rec_null(o, "viable");
		rec_list(o, "blocked_by");
	}
}

/* ---- notes: why nothing can be bound, in sentences -------------------------------- */

static void note(struct rec *list, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct rec *list, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rec_str(list, NULL, buf);
}

static void kernel_notes(struct rec *list, const struct inv_kernel *k)
{
	char soft[24];

	if (!k->iommu_present && !strcmp(k->config[CFG_IOMMUFD], "m"))
		note(list, "no /dev/iommu: the iommufd module is not loaded (modprobe iommufd)");
	else if (!k->iommu_present)
		note(list, "no /dev/iommu: kernel without CONFIG_IOMMUFD");
	else if (!k->iommu_read || !k->iommu_write)
		note(list, "/dev/iommu is not readable and writable by this user: run as root or grant access with a udev rule");
	if (k->vfio_cdev == INV_NO)
		note(list, "no VFIO device cdevs: kernel without CONFIG_VFIO_DEVICE_CDEV, so iommufd cannot take VFIO devices");
	if (k->config_err)
		note(list, "kernel config not read: %s: %s, %s: %s", k->config_path,
		     strerror(k->config_err), k->config_alt[0] ? k->config_alt : "/proc/config.gz",
		     strerror(k->config_alt_err ? k->config_alt_err : ENOENT));
	fmt_size(soft, sizeof(soft), k->memlock.rlim_cur);
	if (k->memlock.rlim_cur != RLIM_INFINITY && !k->cap_ipc_lock)
		note(list, "RLIMIT_MEMLOCK is %s: mapping more than that fails with ENOMEM (raise it with ulimit -l, or run with CAP_IPC_LOCK)",
		     soft);
}

static void device_notes(struct rec *list, const struct inventory *inv)
{
	const struct inv_member *b[1];
	const struct inv_group *g;
	size_t i, bound = 0;

	if (!inv->nr_groups)
		note(list, "no IOMMU groups: no IOMMU is enabled (firmware VT-d/AMD-Vi, intel_iommu=on), so vfio-pci cannot take devices");
	for (i = 0; i < inv->nr_pci; i++) {
		const struct inv_pci *p = &inv->pci[i];

		if (strcmp(p->driver, VFIO_PCI_DRIVER))
			continue;
		bound++;
		g = p->group >= 0 ? inv_find_group(inv, p->group) : NULL;
		if (g && inv_group_blockers(g, NULL, b, 1))
			note(list, "%s is bound to vfio-pci but IOMMU group %u is not viable: %s is bound to %s",
			     p->addr, g->id, b[0]->name, b[0]->driver);
	}
	if (!bound)
		note(list, "no device is bound to vfio-pci: bind one with 'iommufd-ctl vfio bind ADDR'");
}

static void report_rec(struct rec *o, const struct inventory *inv,
		       const struct list_args *a)
{
	struct rec *list;
	size_t i;

	rec_lit(o, "op", "list");
	kernel_rec(rec_list(o, "kernel"), &inv->kernel);
	iommus_rec(rec_list(o, "iommus"), inv, a);
	list = rec_list(o, "groups");
	for (i = 0; i < inv->nr_groups; i++)
		if (group_selected(a, inv, inv->groups[i].id))
			group_rec(rec_obj(list, NULL), &inv->groups[i]);
	list = rec_list(o, "devices");
	for (i = 0; i < inv->nr_pci; i++)
		if (pci_selected(a, &inv->pci[i]))
			device_rec(rec_obj(list, NULL), inv, &inv->pci[i]);
	list = rec_list(o, "notes");
	kernel_notes(list, &inv->kernel);
	device_notes(list, inv);
}

/* ---- text: the sections and their columns ---------------------------------------------- */

/* The number of entries of list @key of @r */
static unsigned int count(const struct rec *r, const char *key)
{
	const struct val *v = rec_get(r, key);

	return v && v->kind == V_LIST ? v->r->n : 0;
}

/* "0x8086" as "8086" */
static const char *bare_hex(const struct rec *row, const char *key)
{
	const struct val *v = rec_get(row, key);

	return v && v->kind == V_STR && !strncmp(v->s, "0x", 2) ? v->s + 2 : "-";
}

/* "8086:1533" */
static const char *id_cell(const struct rec *d, char *buf, size_t len)
{
	snprintf(buf, len, "%s:%s", bare_hex(d, "vendor"), bare_hex(d, "device"));
	return buf;
}

static const char *class_cell(const struct rec *d, char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return bare_hex(d, "class");
}

/* "0000:00:1f.3 (i801_smbus), ..." from a blocked_by list; "" for none */
static const char *blockers(const struct rec *o, char *buf, size_t len)
{
	const struct val *v = rec_get(o, "blocked_by");
	char b[2][64];
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; v && v->kind == V_LIST && i < v->r->n && used < len; i++) {
		const struct rec *m = v->r->f[i].v.r;

		used += (size_t)snprintf(buf + used, len - used, "%s%s (%s)", i ? ", " : "",
					 out_cell(rec_get(m, "device"), b[0], sizeof(b[0])),
					 out_cell(rec_get(m, "driver"), b[1], sizeof(b[1])));
	}
	return buf;
}

static const char *viable_cell(const struct rec *g, char *buf, size_t len)
{
	return blockers(g, buf, len)[0] ? buf : "yes";
}

/* The entries of list @key as one cell, each made by @item, "-" for none */
static const char *joined(const struct rec *o, const char *key, const char *sep,
			  const char *(*item)(const struct val *v, char *buf, size_t len),
			  char *buf, size_t len)
{
	const struct val *v = rec_get(o, key);
	char b[96];
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; v && v->kind == V_LIST && i < v->r->n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? sep : "",
					 item(&v->r->f[i].v, b, sizeof(b)));
	return buf[0] ? buf : "-";
}

/* A reserved region: "0xfee00000-0xfeefffff msi" */
static const char *region_text(const struct val *v, char *buf, size_t len)
{
	char b[3][24];

	snprintf(buf, len, "%s-%s %s", out_cell(rec_get(v->r, "start"), b[0], sizeof(b[0])),
		 out_cell(rec_get(v->r, "end"), b[1], sizeof(b[1])),
		 out_cell(rec_get(v->r, "type"), b[2], sizeof(b[2])));
	return buf;
}

static const char *members_cell(const struct rec *g, char *buf, size_t len)
{
	return joined(g, "devices", ",", out_cell, buf, len);
}

static const char *regions_cell(const struct rec *g, char *buf, size_t len)
{
	return joined(g, "reserved_regions", ", ", region_text, buf, len);
}

/* The VFIO column: can this device be used, and if not, why not. */
static const char *vfio_cell(const struct rec *d, char *buf, size_t len)
{
	const struct val *viable = rec_get(d, "viable");
	const struct val *drv = rec_get(d, "driver");
	const struct val *cdev = rec_get(d, "cdev");
	char blocked[192];

	if (!viable || viable->kind != V_BOOL)
		return "no IOMMU group";
	if (!viable->b) {
		snprintf(buf, len, "blocked by %s", blockers(d, blocked, sizeof(blocked)));
		return buf;
	}
	if (!drv || drv->kind != V_STR || strcmp(drv->s, VFIO_PCI_DRIVER))
		return "can bind";
	return cdev && cdev->kind == V_STR ? "ready" : "bound, no cdev";
}

static const struct column kernel_cols[] = {
	{ .heading = "NAME", .key = "name" },
	{ .heading = "VALUE", .key = "value" },
	{ .heading = "DETAIL", .key = "detail" },
	{ NULL },
};

static const struct column iommu_cols[] = {
	{ .heading = "IOMMU", .key = "name" },
	{ .heading = "TYPE", .key = "type" },
	{ .heading = "DEVICES", .key = "nr_devices" },
	{ NULL },
};

static const struct column group_cols[] = {
	{ .heading = "GROUP", .key = "id" },
	{ .heading = "TYPE", .key = "type" },
	{ .heading = "VIABLE", .cell = viable_cell },
	{ .heading = "DEVICES", .cell = members_cell },
	{ .heading = "RESERVED", .cell = regions_cell },
	{ NULL },
};

static const struct column device_cols[] = {
	{ .heading = "DEVICE", .key = "pci" },
	{ .heading = "ID", .cell = id_cell },
	{ .heading = "CLASS", .cell = class_cell },
	{ .heading = "DRIVER", .key = "driver" },
	{ .heading = "GROUP", .key = "iommu_group" },
	{ .heading = "CDEV", .key = "cdev" },
	{ .heading = "VFIO", .cell = vfio_cell },
	{ NULL },
};

static const struct section list_sections[] = {
	{ .key = "kernel", .title = "Kernel", .cols = kernel_cols },
	{ .key = "iommus", .title = "IOMMUs", .cols = iommu_cols },
	{ .key = "groups", .title = "IOMMU groups", .cols = group_cols },
	{ .key = "devices", .title = "PCI devices", .cols = device_cols },
	{ .key = "notes", .title = "Notes" },
	{ NULL },
};

static const struct report list_report = { .sections = list_sections };

/* KTAP's test line: how much the report holds */
static struct rec *ktap_line(struct env *env, const struct rec *rep, uint64_t t0)
{
	struct rec *op = rec_new(rep->a);

	rec_lit(op, "op", "list");
	rec_bool(op, "ok", true);
	rec_u64(op, "devices", count(rep, "devices"));
	rec_u64(op, "groups", count(rep, "groups"));
	rec_u64(op, "notes", count(rep, "notes"));
	if (!env->opt->no_timing)
		rec_u64(op, "duration_ns", ictl_now_ns() - t0);
	return op;
}

static int list(struct env *env, const void *args)
{
	const struct list_args *a = args;
	struct inventory inv;
	struct rec *rep;
	uint64_t t0;
	int rc;

	t0 = ictl_now_ns();
	rc = inv_read(&host_roots_default, &inv);
	if (rc) {
		msg("list: %s", strerror(-rc));
		return EXIT_OPFAIL;
	}
	rep = out_rec(env->out);
	report_rec(rep, &inv, a);
	inv_free(&inv);
	if (!rep) {
		msg("list: %s", strerror(ENOMEM));
		return EXIT_OPFAIL;
	}
	if (filtering(a) && !count(rep, "devices") && !count(rep, "groups"))
		msg("list: no matching devices");
	out_report(env->out, rep, &list_report, ktap_line(env, rep, t0));
	return EXIT_OK;
}

const struct cmd cmd_list = {
	.syntax = {
		.object = "list", .name = "list",
		.summary = "report kernel support, IOMMUs, groups and PCI devices for VFIO",
		.doc = "Report what the host offers for iommufd and VFIO: kernel support, "
		       "IOMMUs, IOMMU groups and PCI devices, and why devices cannot be used. "
		       "Filters combine: a device must match all of them.",
		.args = list_argv, .args_size = sizeof(struct list_args),
		.flags = OP_COMMAND, .check = list_check,
	},
	.run = list,
};
