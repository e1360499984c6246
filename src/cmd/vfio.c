// SPDX-License-Identifier: GPL-2.0-only
/* vfio bind | unbind: hand a PCI device to vfio-pci and give it back */
#include <argp.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "emit.h"
#include "host/vfio_bind.h"

enum { OPT_FORCE = 'f' };

struct vfio_args {
	const char *addr;
	bool force;
};

static error_t vfio_opt(int key, char *arg, struct argp_state *st)
{
	struct vfio_args *a = st->input;
	char norm[PCI_ADDR_MAX];

	switch (key) {
	case OPT_FORCE:
		a->force = true;
		return 0;
	case ARGP_KEY_ARG:
		return arg_take(st, &a->addr, arg);
	case ARGP_KEY_END:
		if (arg_need(st, a->addr, "PCI address"))
			return EINVAL;
		if (!pci_addr_normalize(a->addr, norm, sizeof(norm)))
			return 0;
		argp_error(st, "'%s' is no PCI address", a->addr);
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

static const struct argp_option bind_opts[] = {
	{ "force", OPT_FORCE, NULL, 0, "Bind even if the driver is in use or the IOMMU group "
	  "has devices on other drivers", 0 },
	{ 0 }
};

static const struct argp bind_argp = { bind_opts, vfio_opt, "ADDR",
	"Bind PCI device ADDR to vfio-pci (driver_override, unbind, drivers_probe), "
	"recording its driver in /run/iommufd-ctl/ADDR for vfio unbind.", NULL, NULL, NULL };

static const struct argp_option unbind_opts[] = {
	{ "force", OPT_FORCE, NULL, 0, "Unbind even while a process holds the device "
	  "open (the kernel then waits until it lets go)", 0 },
	{ 0 }
};

static const struct argp unbind_argp = { unbind_opts, vfio_opt, "ADDR",
	"Give PCI device ADDR back to the driver it had before vfio bind (or to "
	"whatever the kernel picks when no record exists).", NULL, NULL, NULL };

/* The device must exist and sysfs must let us write: else exit 3, no record. */
static int vfio_env(struct ctx *ctx, const char *arg, struct inv_pci *p)
{
	char addr[PCI_ADDR_MAX], path[512];
	int rc;

	pci_addr_normalize(arg, addr, sizeof(addr));
	rc = inv_read_pci(&host_roots_default, addr, p);
	if (rc) {
		msg_err(ctx, "no PCI device %s", addr);
		return EXIT_ENV;
	}
	sysfs_pci_path(path, sizeof(path), host_roots_default.sd.sys, addr,
		       "driver_override");
	if (access(path, W_OK)) {
		msg_err(ctx, "cannot write %s: %s (root only)", path, strerror(errno));
		return EXIT_ENV;
	}
	return EXIT_OK;
}

static struct json_object *vfio_record(const char *name,
				       const struct vfio_bind_state *st,
				       const char *from, int rc)
{
	struct json_object *op = op_begin(name);

	op_str(op, "pci", st->addr);
	op_str(op, "from", from[0] ? from : NULL);
	op_str(op, "to", st->to[0] ? st->to : NULL);
	op_str(op, "cdev", st->cdev[0] ? st->cdev : NULL);
	op_bool(op, "changed", st->changed);
	if (rc || st->why[0])
		op_str(op, "reason", st->why);
	return op;
}

static int vfio_bind_cmd(struct ctx *ctx, int argc, char **argv)
{
	struct vfio_args a = { 0 };
	struct vfio_bind_state st;
	struct json_object *op;
	struct inv_pci p;
	uint64_t t0;
	int rc;

	if (!cmd_parse(ctx, &cmd_vfio_bind, &bind_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = vfio_env(ctx, a.addr, &p)))
		return rc;
	t0 = ictl_now_ns();
	rc = vfio_bind(a.addr, a.force, &st);
	op = vfio_record("vfio.bind", &st, st.from, rc);
	if (p.group >= 0)
		op_u64(op, "iommu_group", (uint64_t)p.group);
	if (a.force)
		op_bool(op, "force", 1);
	return op_end(ctx, op, rc, ictl_now_ns() - t0);
}

const struct cmd cmd_vfio_bind = {
	.object = "vfio", .verb = "bind", .fn = vfio_bind_cmd,
	.summary = "bind a PCI device to vfio-pci, recording its driver",
};

static int vfio_unbind_cmd(struct ctx *ctx, int argc, char **argv)
{
	struct vfio_args a = { 0 };
	struct vfio_bind_state st;
	struct json_object *op;
	struct inv_pci p;
	bool undo;
	uint64_t t0;
	int rc;

	if (!cmd_parse(ctx, &cmd_vfio_unbind, &unbind_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = vfio_env(ctx, a.addr, &p)))
		return rc;
	t0 = ictl_now_ns();
	rc = vfio_state_load(&host_roots_default, a.addr, &st);
	st.force = a.force;
	undo = st.changed;
	if (!rc)
		rc = vfio_restore(&st);
	/* restore clears changed; the record says whether this command did */
	st.changed = undo && !rc;
	op = vfio_record("vfio.unbind", &st, p.driver, rc);
	/* did vfio bind record the driver, or did the kernel choose? */
	op_bool(op, "recorded", st.known);
	if (a.force)
		op_bool(op, "force", 1);
	return op_end(ctx, op, rc, ictl_now_ns() - t0);
}

const struct cmd cmd_vfio_unbind = {
	.object = "vfio", .verb = "unbind", .fn = vfio_unbind_cmd,
	.summary = "give a PCI device back to the driver it had before vfio bind",
};
