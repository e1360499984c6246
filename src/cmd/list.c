// SPDX-License-Identifier: GPL-2.0-only
/*
 * list: is this host ready for iommufd and VFIO, and which devices can be
 * used? One report, built as a json-c object from the inventory; the text
 * tables are rendered from that object, so both formats say the same.
 */
#include <argp.h>
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

#include "cmds.h"
#include "emit.h"
#include "host/inventory.h"
#include "texttab.h"
#include "host/vfio_bind.h"

enum { OPT_DEVICE = 0x1000, OPT_GROUP, OPT_DRIVER };

struct list_args {
	char device[PCI_ADDR_MAX];	/* "" for any */
	int group;			/* -1 for any */
	const char *driver;		/* NULL for any; "none": no driver */
};

static error_t list_opt(int key, char *arg, struct argp_state *st)
{
	struct list_args *a = st->input;
	char *end;
	unsigned long g;

	switch (key) {
	case OPT_DEVICE:
		if (!pci_addr_normalize(arg, a->device, sizeof(a->device)))
			return 0;
		argp_error(st, "'%s' is no PCI address", arg);
		return EINVAL;
	case OPT_GROUP:
		errno = 0;
		g = strtoul(arg, &end, 10);
		if (isdigit((unsigned char)arg[0]) && !*end && !errno && g <= INT32_MAX) {
			a->group = (int)g;
			return 0;
		}
		argp_error(st, "'%s' is no IOMMU group number", arg);
		return EINVAL;
	case OPT_DRIVER:
		if (arg[0] && !strchr(arg, '/')) {
			a->driver = arg;
			return 0;
		}
		argp_error(st, "'%s' is no driver name", arg);
		return EINVAL;
	case ARGP_KEY_ARG:
		argp_error(st, "unexpected argument '%s'", arg);
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option list_opts[] = {
	{ "device", OPT_DEVICE, "ADDR", 0, "Only this PCI device (0000:00:03.0 or 00:03.0)", 0 },
	{ "group", OPT_GROUP, "N", 0, "Only devices of IOMMU group N", 0 },
	{ "driver", OPT_DRIVER, "NAME", 0, "Only devices bound to NAME (none: to no driver)", 0 },
	{ 0 }
};

static const struct argp list_argp = { list_opts, list_opt, NULL,
	"Report what the host offers for iommufd and VFIO: kernel support, "
	"IOMMUs, IOMMU groups and PCI devices, and why devices cannot be used. "
	"Filters combine: a device must match all of them.", NULL, NULL, NULL };

/* ---- JSON helpers --------------------------------------------------------- */

static void add_str(struct json_object *o, const char *key, const char *s)
{
	json_object_object_add(o, key, s && s[0] ? json_object_new_string(s) : NULL);
}

static void add_int(struct json_object *o, const char *key, int64_t v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

static void add_bool(struct json_object *o, const char *key, bool v)
{
	json_object_object_add(o, key, json_object_new_boolean(v));
}

static void add_hex(struct json_object *o, const char *key, uint64_t v,
		    int width)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%0*" PRIx64, width, v);
	json_object_object_add(o, key, json_object_new_string(buf));
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

static struct json_object *kitem(struct json_object *arr, const char *name,
				 const char *value, const char *detail)
{
	struct json_object *o = json_object_new_object();

	add_str(o, "name", name);
	add_str(o, "value", value);
	add_str(o, "detail", detail);
	json_object_array_add(arr, o);
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

static void kernel_dev_iommu(struct json_object *arr, const struct inv_kernel *k)
{
	char mode[8], owner[80], detail[160];
	struct json_object *o;

	if (!k->iommu_present) {
		kitem(arr, "/dev/iommu", "missing", NULL);
		return;
	}
	snprintf(mode, sizeof(mode), "%04o", (unsigned int)(k->iommu_mode & 07777));
	owner_names(k, owner, sizeof(owner));
	snprintf(detail, sizeof(detail), "mode %s, owner %s, %s%s", mode, owner,
		 k->iommu_read && k->iommu_write ? "read/write for us" : "no read/write for us",
		 S_ISCHR(k->iommu_mode) ? "" : ", not a character device");
	o = kitem(arr, "/dev/iommu", "present", detail);
	add_str(o, "mode", mode);
	add_int(o, "uid", k->iommu_uid);
	add_int(o, "gid", k->iommu_gid);
	add_bool(o, "readable", k->iommu_read);
	add_bool(o, "writable", k->iommu_write);
}

static void kernel_config(struct json_object *arr, const struct inv_kernel *k)
{
	char detail[700];
	struct json_object *o;
	int i;

	if (k->config_err && k->config_alt[0])
		snprintf(detail, sizeof(detail), "%s: %s; %s: %s", k->config_path,
			 strerror(k->config_err), k->config_alt, strerror(k->config_alt_err));
	else if (k->config_err)
		snprintf(detail, sizeof(detail), "%s: %s", k->config_path,
			 strerror(k->config_err));
	else
		snprintf(detail, sizeof(detail), "%s", k->config_path);
	o = kitem(arr, "config", k->config_err ? "unreadable" : "read", detail);
	add_str(o, "path", k->config_path);
	for (i = 0; i < CFG_NR; i++)
		kitem(arr, inv_cfg_name(i), k->config[i], NULL);
}

static void kernel_memlock(struct json_object *arr, const struct inv_kernel *k)
{
	char soft[24], hard[24], value[64];
	struct json_object *o;

	fmt_size(soft, sizeof(soft), k->memlock.rlim_cur);
	fmt_size(hard, sizeof(hard), k->memlock.rlim_max);
	snprintf(value, sizeof(value), "soft %s, hard %s", soft, hard);
	o = kitem(arr, "RLIMIT_MEMLOCK", value,
		  k->cap_ipc_lock ? "CAP_IPC_LOCK: pinned memory is not limited" : NULL);
	if (k->memlock.rlim_cur == RLIM_INFINITY)
		add_str(o, "soft", "unlimited");
	else
		add_int(o, "soft", (int64_t)k->memlock.rlim_cur);
	if (k->memlock.rlim_max == RLIM_INFINITY)
		add_str(o, "hard", "unlimited");
	else
		add_int(o, "hard", (int64_t)k->memlock.rlim_max);
	add_bool(o, "cap_ipc_lock", k->cap_ipc_lock);
}

static struct json_object *kernel_json(const struct inv_kernel *k)
{
	struct json_object *arr = json_object_new_array();
	char detail[96];

	kitem(arr, "release", k->release, NULL);
	kernel_dev_iommu(arr, k);
	kitem(arr, "vfio-cdev", answer(k->vfio_cdev),
	      k->vfio_cdev == INV_YES ? "VFIO devices open as /dev/vfio/devices/vfioN" :
	      k->vfio_cdev == INV_UNKNOWN ? "no /dev/vfio/devices, no VFIO device, no config to ask" :
	      NULL);
	snprintf(detail, sizeof(detail), "judged by %s", k->test_from);
	kitem(arr, "iommufd-test", answer(k->iommufd_test),
	      k->test_from ? detail : NULL);
	kernel_config(arr, k);
	kernel_memlock(arr, k);
	return arr;
}

/* ---- selection ------------------------------------------------------------------ */

static bool pci_selected(const struct list_args *a, const struct inv_pci *p)
{
	if (a->device[0] && strcmp(a->device, p->addr))
		return false;
	if (a->group >= 0 && p->group != a->group)
		return false;
	if (a->driver && strcmp(a->driver, !p->driver[0] ? "none" : p->driver))
		return false;
	return true;
}

static bool filtering(const struct list_args *a)
{
	return a->device[0] || a->group >= 0 || a->driver;
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
	return a->group == (int)id && !a->device[0] && !a->driver;
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

static struct json_object *iommus_json(const struct inventory *inv,
				       const struct list_args *a)
{
	struct json_object *arr = json_object_new_array(), *o;
	size_t i;

	for (i = 0; i < inv->nr_iommus; i++) {
		if (!iommu_selected(a, inv, inv->iommus[i].name))
			continue;
		o = json_object_new_object();
		add_str(o, "name", inv->iommus[i].name);
		add_str(o, "type", inv->iommus[i].type);
		add_int(o, "nr_devices", inv->iommus[i].nr_devices);
		json_object_array_add(arr, o);
	}
	return arr;
}

#define MAX_BLOCKERS	8

/* "viable" and "blocked_by" for @g, seen by @except (NULL: the group) */
static void add_viability(struct json_object *o, const struct inv_group *g,
			  const char *except)
{
	const struct inv_member *b[MAX_BLOCKERS];
	struct json_object *arr = json_object_new_array(), *m;
	size_t i, n = inv_group_blockers(g, except, b, MAX_BLOCKERS);

	for (i = 0; i < n && i < MAX_BLOCKERS; i++) {
		m = json_object_new_object();
		add_str(m, "device", b[i]->name);
		add_str(m, "driver", b[i]->driver);
		json_object_array_add(arr, m);
	}
	add_bool(o, "viable", !n);
	json_object_object_add(o, "blocked_by", arr);
}

static struct json_object *regions_json(const struct inv_group *g)
{
	struct json_object *arr = json_object_new_array(), *r;
	size_t i;

	for (i = 0; i < g->nr_regions; i++) {
		r = json_object_new_object();
		add_hex(r, "start", g->regions[i].start, 0);
		add_hex(r, "end", g->regions[i].end, 0);
		add_str(r, "type", g->regions[i].type);
		json_object_array_add(arr, r);
	}
	return arr;
}

static struct json_object *group_json(const struct inv_group *g)
{
	struct json_object *o = json_object_new_object();
	struct json_object *devs = json_object_new_array();
	size_t i;

	add_int(o, "id", g->id);
	add_str(o, "type", g->type);
	json_object_object_add(o, "reserved_regions", regions_json(g));
	for (i = 0; i < g->nr_members; i++)
		json_object_array_add(devs, json_object_new_string(g->members[i].name));
	json_object_object_add(o, "devices", devs);
	add_viability(o, g, NULL);
	return o;
}

static struct json_object *groups_json(const struct inventory *inv,
				       const struct list_args *a)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < inv->nr_groups; i++)
		if (group_selected(a, inv, inv->groups[i].id))
			json_object_array_add(arr, group_json(&inv->groups[i]));
	return arr;
}

static struct json_object *device_json(const struct inventory *inv,
				       const struct inv_pci *p)
{
	struct json_object *o = json_object_new_object();
	const struct inv_group *g = p->group >= 0 ? inv_find_group(inv, p->group) : NULL;

	add_str(o, "pci", p->addr);
	add_hex(o, "vendor", p->vendor, 4);
	add_hex(o, "device", p->device, 4);
	add_hex(o, "class", p->class, 6);
	add_str(o, "driver", p->driver);
	add_str(o, "driver_override", p->override);
	add_str(o, "iommu", p->iommu);
	json_object_object_add(o, "iommu_group", p->group >= 0 ?
			       json_object_new_int(p->group) : NULL);
	add_str(o, "cdev", p->cdev);
	if (g) {
		add_viability(o, g, p->addr);
	} else {
		json_object_object_add(o, "viable", NULL);
		json_object_object_add(o, "blocked_by", json_object_new_array());
	}
	return o;
}

static struct json_object *devices_json(const struct inventory *inv,
					const struct list_args *a)
{
	struct json_object *arr = json_object_new_array();
	size_t i;

	for (i = 0; i < inv->nr_pci; i++)
		if (pci_selected(a, &inv->pci[i]))
			json_object_array_add(arr, device_json(inv, &inv->pci[i]));
	return arr;
}

/* ---- notes: why nothing can be bound, in sentences -------------------------------- */

static void note(struct json_object *arr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct json_object *arr, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	json_object_array_add(arr, json_object_new_string(buf));
}

static void kernel_notes(struct json_object *arr, const struct inv_kernel *k)
{
	char soft[24];

	if (!k->iommu_present && !strcmp(k->config[CFG_IOMMUFD], "m"))
		note(arr, "no /dev/iommu: the iommufd module is not loaded (modprobe iommufd)");
	else if (!k->iommu_present)
		note(arr, "no /dev/iommu: kernel without CONFIG_IOMMUFD");
	else if (!k->iommu_read || !k->iommu_write)
		note(arr, "/dev/iommu is not readable and writable by this user: run as root or grant access with a udev rule");
	if (k->vfio_cdev == INV_NO)
		note(arr, "no VFIO device cdevs: kernel without CONFIG_VFIO_DEVICE_CDEV, so iommufd cannot take VFIO devices");
	if (k->config_err)
		note(arr, "kernel config not read: %s: %s, %s: %s", k->config_path,
		     strerror(k->config_err), k->config_alt[0] ? k->config_alt : "/proc/config.gz",
		     strerror(k->config_alt_err ? k->config_alt_err : ENOENT));
	fmt_size(soft, sizeof(soft), k->memlock.rlim_cur);
	if (k->memlock.rlim_cur != RLIM_INFINITY && !k->cap_ipc_lock)
		note(arr, "RLIMIT_MEMLOCK is %s: mapping more than that fails with ENOMEM (raise it with ulimit -l, or run with CAP_IPC_LOCK)",
		     soft);
}

static void device_notes(struct json_object *arr, const struct inventory *inv)
{
	const struct inv_member *b[1];
	const struct inv_group *g;
	size_t i, bound = 0;

	if (!inv->nr_groups)
		note(arr, "no IOMMU groups: no IOMMU is enabled (firmware VT-d/AMD-Vi, intel_iommu=on), so vfio-pci cannot take devices");
	for (i = 0; i < inv->nr_pci; i++) {
		const struct inv_pci *p = &inv->pci[i];

		if (strcmp(p->driver, VFIO_PCI_DRIVER))
			continue;
		bound++;
		g = p->group >= 0 ? inv_find_group(inv, p->group) : NULL;
		if (g && inv_group_blockers(g, NULL, b, 1))
			note(arr, "%s is bound to vfio-pci but IOMMU group %u is not viable: %s is bound to %s",
			     p->addr, g->id, b[0]->name, b[0]->driver);
	}
	if (!bound)
		note(arr, "no device is bound to vfio-pci: bind one with 'iommufd-ctl vfio bind ADDR'");
}

static struct json_object *report_json(const struct inventory *inv,
				       const struct list_args *a)
{
	struct json_object *o = json_object_new_object();
	struct json_object *notes = json_object_new_array();

	json_object_object_add(o, "op", json_object_new_string("list"));
	json_object_object_add(o, "kernel", kernel_json(&inv->kernel));
	json_object_object_add(o, "iommus", iommus_json(inv, a));
	json_object_object_add(o, "groups", groups_json(inv, a));
	json_object_object_add(o, "devices", devices_json(inv, a));
	kernel_notes(notes, &inv->kernel);
	device_notes(notes, inv);
	json_object_object_add(o, "notes", notes);
	return o;
}

/* ---- text: aligned tables rendered from the report ----------------------------------- */

static void text_kernel(struct json_object *arr, const char *lead)
{
	struct table t = { .ncols = 3 };
	static const char *const head[] = { "NAME", "VALUE", "DETAIL" };
	char b[3][64];
	size_t i;

	tab_row(&t, head);
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		const char *row[] = { tab_field(o, "name", b[0], 64), tab_field(o, "value", b[1], 64),
				      tab_field(o, "detail", b[2], 64) };

		tab_row(&t, row);
	}
	tab_print(&t, lead);
}

static void text_iommus(struct json_object *arr, const char *lead)
{
	struct table t = { .ncols = 3 };
	static const char *const head[] = { "IOMMU", "TYPE", "DEVICES" };
	char b[3][64];
	size_t i;

	tab_row(&t, head);
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		const char *row[] = { tab_field(o, "name", b[0], 64), tab_field(o, "type", b[1], 64),
				      tab_field(o, "nr_devices", b[2], 64) };

		tab_row(&t, row);
	}
	tab_print(&t, lead);
}

/* "0000:00:1f.3 (i801_smbus), ..." from a blocked_by array */
static void blockers_text(struct json_object *arr, char *buf, size_t len)
{
	size_t i, used = 0;
	char b[2][64];

	buf[0] = '\0';
	for (i = 0; arr && i < json_object_array_length(arr) && used < len; i++) {
		struct json_object *m = json_object_array_get_idx(arr, i);

		used += (size_t)snprintf(buf + used, len - used, "%s%s (%s)",
					 i ? ", " : "", tab_field(m, "device", b[0], 64),
					 tab_field(m, "driver", b[1], 64));
	}
}

static void group_rows(struct table *t, struct json_object *g)
{
	struct json_object *regs = tab_member(g, "reserved_regions");
	struct json_object *devs = tab_member(g, "devices");
	char b[3][64], region[96], devlist[256] = "", blocked[256];
	size_t i, n = regs ? json_object_array_length(regs) : 0;
	const char *row[5];

	for (i = 0; devs && i < json_object_array_length(devs); i++)
		snprintf(devlist + strlen(devlist), sizeof(devlist) - strlen(devlist),
			 "%s%s", i ? "," : "",
			 json_object_get_string(json_object_array_get_idx(devs, i)));
	blockers_text(tab_member(g, "blocked_by"), blocked, sizeof(blocked));
	row[0] = tab_field(g, "id", b[0], 64);
	row[1] = tab_field(g, "type", b[1], 64);
	row[2] = blocked[0] ? blocked : "yes";
	row[3] = devlist;
	/* one line per reserved region; the group's fields on the first */
	for (i = 0; i < n || i == 0; i++) {
		struct json_object *r = n ? json_object_array_get_idx(regs, i) : NULL;
		char rb[3][64];

		if (r)
			snprintf(region, sizeof(region), "%s-%s %s",
				 tab_field(r, "start", rb[0], 64), tab_field(r, "end", rb[1], 64),
				 tab_field(r, "type", rb[2], 64));
		row[4] = r ? region : "-";
		tab_row(t, row);
		row[0] = row[1] = row[2] = row[3] = "";
	}
}

static void text_groups(struct json_object *arr, const char *lead)
{
	struct table t = { .ncols = 5 };
	static const char *const head[] = { "GROUP", "TYPE", "VIABLE", "DEVICES", "RESERVED" };
	size_t i;

	tab_row(&t, head);
	for (i = 0; i < json_object_array_length(arr); i++)
		group_rows(&t, json_object_array_get_idx(arr, i));
	tab_print(&t, lead);
}

/* The VFIO column: can this device be used, and if not, why not. */
static void vfio_text(struct json_object *d, char *buf, size_t len)
{
	struct json_object *viable = tab_member(d, "viable");
	char b[64], blocked[192];
	const char *drv = tab_field(d, "driver", b, sizeof(b));

	blockers_text(tab_member(d, "blocked_by"), blocked, sizeof(blocked));
	if (!viable)
		snprintf(buf, len, "no IOMMU group");
	else if (!json_object_get_boolean(viable))
		snprintf(buf, len, "blocked by %s", blocked);
	else if (strcmp(drv, VFIO_PCI_DRIVER))
		snprintf(buf, len, "can bind");
	else if (tab_member(d, "cdev"))
		snprintf(buf, len, "ready");
	else
		snprintf(buf, len, "bound, no cdev");
}

static void text_devices(struct json_object *arr, const char *lead)
{
	struct table t = { .ncols = 7 };
	static const char *const head[] = { "DEVICE", "ID", "CLASS", "DRIVER", "GROUP", "CDEV", "VFIO" };
	size_t i;

	tab_row(&t, head);
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *d = json_object_array_get_idx(arr, i);
		char b[7][64], id[16], vfio[256];
		const char *row[7];

		snprintf(id, sizeof(id), "%s:%s", tab_field(d, "vendor", b[0], 64) + 2,
			 tab_field(d, "device", b[1], 64) + 2);
		vfio_text(d, vfio, sizeof(vfio));
		row[0] = tab_field(d, "pci", b[2], 64);
		row[1] = id;
		row[2] = tab_field(d, "class", b[3], 64) + 2;
		row[3] = tab_field(d, "driver", b[4], 64);
		row[4] = tab_field(d, "iommu_group", b[5], 64);
		row[5] = tab_field(d, "cdev", b[6], 64);
		row[6] = vfio;
		tab_row(&t, row);
	}
	tab_print(&t, lead);
}

/* @lead: "" for text; KTAP readers skip lines that start with '#' */
static void text_section(struct json_object *rep, const char *key,
			 const char *title, const char *lead,
			 void (*fn)(struct json_object *, const char *))
{
	struct json_object *arr = tab_member(rep, key);
	char indent[8];

	snprintf(indent, sizeof(indent), "%s  ", lead);
	printf("%s%s:%s\n", lead, title, json_object_array_length(arr) ? "" : " none");
	if (json_object_array_length(arr))
		fn(arr, indent);
}

static void text_report(struct json_object *rep, const char *lead)
{
	struct json_object *notes = tab_member(rep, "notes");
	size_t i;

	text_section(rep, "kernel", "Kernel", lead, text_kernel);
	text_section(rep, "iommus", "IOMMUs", lead, text_iommus);
	text_section(rep, "groups", "IOMMU groups", lead, text_groups);
	text_section(rep, "devices", "PCI devices", lead, text_devices);
	if (json_object_array_length(notes))
		printf("%sNotes:\n", lead);
	for (i = 0; i < json_object_array_length(notes); i++)
		printf("%s  - %s\n", lead,
		       json_object_get_string(json_object_array_get_idx(notes, i)));
}

/* KTAP wants its header and a test line first; the tables follow as comments. */
static void ktap_line(struct ctx *ctx, struct json_object *rep, uint64_t t0)
{
	struct json_object *op = op_begin("list");

	op_u64(op, "devices", json_object_array_length(tab_member(rep, "devices")));
	op_u64(op, "groups", json_object_array_length(tab_member(rep, "groups")));
	op_u64(op, "notes", json_object_array_length(tab_member(rep, "notes")));
	op_end(ctx, op, 0, ictl_now_ns() - t0);
}

static int list(struct ctx *ctx, int argc, char **argv)
{
	struct list_args a = { .group = -1 };
	struct json_object *rep;
	struct inventory inv;
	uint64_t t0;
	int rc;

	if (!cmd_parse(ctx, &cmd_list, &list_argp, argc, argv, &a))
		return ctx->parse_status;
	t0 = ictl_now_ns();
	rc = inv_read(&host_roots_default, &inv);
	if (rc) {
		msg_err(ctx, "list: %s", strerror(-rc));
		return EXIT_OPFAIL;
	}
	rep = report_json(&inv, &a);
	if (filtering(&a) && !json_object_array_length(tab_member(rep, "devices")) &&
	    !json_object_array_length(tab_member(rep, "groups")))
		msg_err(ctx, "list: no matching devices");
	inv_free(&inv);
	if (ctx->opt.format == FMT_JSON) {
		emit_summary(ctx, rep);
		return EXIT_OK;
	}
	if (ctx->opt.format == FMT_KTAP)
		ktap_line(ctx, rep, t0);
	text_report(rep, ctx->opt.format == FMT_KTAP ? "# " : "");
	json_object_put(rep);
	return EXIT_OK;
}

const struct cmd cmd_list = {
	.object = "list", .fn = list,
	.summary = "report kernel support, IOMMUs, groups and PCI devices for VFIO",
};
