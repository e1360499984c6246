// SPDX-License-Identifier: GPL-2.0-only
/* vfio bind | unbind: hand a PCI device to vfio-pci and give it back */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "host/vfio_bind.h"
#include "util/msg.h"
#include "util/rec.h"

struct vfio_args {
	const char *addr;
	bool force;
};

static int vfio_check(const void *args, struct perr *e)
{
	const struct vfio_args *a = args;
	char norm[PCI_ADDR_MAX];

	if (pci_addr_normalize(a->addr, norm, sizeof(norm)))
		return perr(e, "'%s' is no PCI address", a->addr);
	return 0;
}

static const struct arg bind_argv[] = {
	{ .kind = ARG_WORD, AT(struct vfio_args, addr), .flags = ARG_REQUIRED,
	  .meta = "ADDR" },
	{ .opt = "force", .key = 'f', .kind = ARG_BOOL, AT(struct vfio_args, force),
	  .doc = "Bind even if the driver is in use or the IOMMU group has devices "
		 "on other drivers" },
	{ 0 }
};

static const struct arg unbind_argv[] = {
	{ .kind = ARG_WORD, AT(struct vfio_args, addr), .flags = ARG_REQUIRED,
	  .meta = "ADDR" },
	{ .opt = "force", .key = 'f', .kind = ARG_BOOL, AT(struct vfio_args, force),
	  .doc = "Unbind even while a process holds the device open (the kernel "
		 "then waits until it lets go)" },
	{ 0 }
};

int vfio_exit(int err)
{
	switch (err) {
	case 0:
		return EXIT_OK;
	case -EINVAL:
		return EXIT_USAGE;	/* no PCI address */
	case -ENODEV:
	case -EACCES:
	case -EPERM:
		return EXIT_ENV;	/* no such device, no IOMMU group, not root */
	default:
		return EXIT_OPFAIL;	/* in use, or sysfs refused a step */
	}
}

/* The device must exist and sysfs must let us write: else exit 3, no record. */
static int vfio_env(const char *arg, struct inv_pci *p)
{
	char addr[PCI_ADDR_MAX], path[512];

	pci_addr_normalize(arg, addr, sizeof(addr));
	if (inv_read_pci(&host_roots_default, addr, p)) {
		msg("no PCI device %s", addr);
		return EXIT_ENV;
	}
	if (sysfs_pci_path(path, sizeof(path), host_roots_default.sd.sys, addr,
			   "driver_override") || access(path, W_OK)) {
		msg("cannot write %s: %s (root only)", path, strerror(errno));
		return EXIT_ENV;
	}
	return EXIT_OK;
}

static struct rec *vfio_record(struct env *env, const char *name,
			       const struct vfio_bind_state *st, const char *from,
			       int rc)
{
	struct rec *rec = answer_record(env->out, name, rc, !rc);

	rec_str(rec, "pci", st->addr);
	rec_str(rec, "from", from[0] ? from : NULL);
	rec_str(rec, "to", st->to[0] ? st->to : NULL);
	rec_str(rec, "cdev", st->cdev[0] ? st->cdev : NULL);
	rec_bool(rec, "changed", st->changed);
	if (rc || st->why[0])
		rec_str(rec, "reason", st->why);
	return rec;
}

static void finish(struct env *env, struct rec *rec, bool force, uint64_t t0)
{
	if (force)
		rec_bool(rec, "force", true);
	if (!env->opt->no_timing)
		rec_u64(rec, "duration_ns", ictl_now_ns() - t0);
	out_record(env->out, rec);
}

static int vfio_bind_cmd(struct env *env, const void *args)
{
	const struct vfio_args *a = args;
	struct vfio_bind_state st;
	struct inv_pci p;
	struct rec *rec;
	uint64_t t0;
	int rc;

	if ((rc = vfio_env(a->addr, &p)))
		return rc;
	t0 = ictl_now_ns();
	rc = vfio_bind(a->addr, a->force, &st);
	rec = vfio_record(env, "vfio.bind", &st, st.from, rc);
	if (p.group >= 0)
		rec_u64(rec, "iommu_group", (uint64_t)p.group);
	if (st.noiommu)
		rec_bool(rec, "noiommu", true);
	finish(env, rec, a->force, t0);
	return vfio_exit(rc);
}

static int vfio_unbind_cmd(struct env *env, const void *args)
{
	const struct vfio_args *a = args;
	struct vfio_bind_state st;
	struct inv_pci p;
	struct rec *rec;
	uint64_t t0;
	bool undo;
	int rc;

	if ((rc = vfio_env(a->addr, &p)))
		return rc;
	t0 = ictl_now_ns();
	rc = vfio_state_load(&host_roots_default, a->addr, &st);
	st.force = a->force;
	undo = st.changed;
	if (!rc)
		rc = vfio_restore(&st);
	/* restore clears changed; the record says whether this command did */
	st.changed = undo && !rc;
	rec = vfio_record(env, "vfio.unbind", &st, p.driver, rc);
	/* did vfio bind record the driver, or did the kernel choose? */
	rec_bool(rec, "recorded", st.known);
	finish(env, rec, a->force, t0);
	return vfio_exit(rc);
}

const struct cmd cmd_vfio_bind = {
	.syntax = {
		.object = "vfio", .verb = "bind", .name = "vfio.bind",
		.summary = "bind a PCI device to vfio-pci, recording its driver",
		.doc = "Bind PCI device ADDR to vfio-pci (driver_override, unbind, "
		       "drivers_probe), recording its driver in /run/iommufd-ctl/ADDR "
		       "for vfio unbind.",
		.args = bind_argv, .args_size = sizeof(struct vfio_args), .flags = OP_COMMAND,
		.check = vfio_check,
	},
	.run = vfio_bind_cmd,
};

const struct cmd cmd_vfio_unbind = {
	.syntax = {
		.object = "vfio", .verb = "unbind", .name = "vfio.unbind",
		.summary = "give a PCI device back to the driver it had before vfio bind",
		.doc = "Give PCI device ADDR back to the driver it had before vfio bind "
		       "(or to whatever the kernel picks when no record exists).",
		.args = unbind_argv, .args_size = sizeof(struct vfio_args), .flags = OP_COMMAND,
		.check = vfio_check,
	},
	.run = vfio_unbind_cmd,
};
