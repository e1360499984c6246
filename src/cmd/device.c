// SPDX-License-Identifier: GPL-2.0-only
/* device bind | attach | replace | detach | hw-info */
#include <argp.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "cmds.h"
#include "emit.h"
#include "decode/hwinfo.h"
#include "ops.h"
#include "util/parse.h"
#include "host/sysfs.h"

enum { OPT_NAME = 'n', OPT_TOKEN = 0x1000, OPT_PASID, OPT_DATA_LEN, OPT_TYPE };

/* Larger than any payload a kernel reports today; the kernel zeroes the rest. */
#define HW_INFO_BUF	4096
/* --data-len beyond this is a typo rather than a test */
#define HW_INFO_MAX	(1u << 20)

struct dev_args {
	const char *dev;	/* bind: DEVICE; the others: the device handle */
	const char *pt;		/* attach, replace */
	const char *name;
	uint8_t token[16];
	uint32_t pasid;
	uint32_t type;
	uint64_t data_len;
	bool has_token, has_pasid, has_type, has_data_len;
	bool bind;		/* DEVICE is a PCI address, vfioN or a path */
	bool want_pt;
};

static int hexval(char c)
{
	c = (char)tolower((unsigned char)c);
	if (c >= '0' && c <= '9')
		return c - '0';
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* 8-4-4-4-12 hex digits; the bytes in the order they are written */
static int parse_uuid(const char *s, uint8_t out[16])
{
	unsigned int i, n = 0;
	int v;

	if (strlen(s) != 36)
		return -EINVAL;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return -EINVAL;
			continue;
		}
		if ((v = hexval(s[i])) < 0)
			return -EINVAL;
		/* high nibble first */
		out[n / 2] = (uint8_t)(n % 2 ? out[n / 2] | v : v << 4);
		n++;
	}
	return 0;
}

static int opt_u32(struct argp_state *st, const char *arg, uint32_t *v)
{
	if (!parse_u32(arg, v))
		return 0;
	argp_error(st, "bad number '%s'", arg);
	return EINVAL;
}

static int opt_data_len(struct argp_state *st, const char *arg, uint64_t *v)
{
	if (arg_u64(st, arg, v))
		return EINVAL;
	if (*v <= HW_INFO_MAX)
		return 0;
	argp_error(st, "--data-len above %u", HW_INFO_MAX);
	return EINVAL;
}

/* The checks a script can make before anything runs. */
static int check_args(struct argp_state *st, struct dev_args *a)
{
	int rc = arg_need(st, a->dev, a->bind ? "DEVICE" : "DEV");

	if (!rc && a->want_pt)
		rc = arg_need(st, a->pt, "IOAS or HWPT to attach to");
	if (!rc && a->bind && dev_arg_classify(a->dev) == DEV_ARG_BAD) {
		argp_error(st, "'%s' is no PCI address, vfioN or path", a->dev);
		rc = EINVAL;
	}
	return rc;
}

static error_t dev_opt(int key, char *arg, struct argp_state *st)
{
	struct dev_args *a = st->input;

	switch (key) {
	case OPT_NAME:
		a->name = arg;
		return 0;
	case OPT_TOKEN:
		if (parse_uuid(arg, a->token)) {
			argp_error(st, "bad UUID '%s' (8-4-4-4-12 hex digits)", arg);
			return EINVAL;
		}
		a->has_token = true;
		return 0;
	case OPT_PASID:
		a->has_pasid = true;
		return opt_u32(st, arg, &a->pasid);
	case OPT_TYPE:
		if (hwinfo_type_parse(arg, &a->type)) {
			argp_error(st, "unknown hw_info type '%s'", arg);
			return EINVAL;
		}
		a->has_type = true;
		return 0;
	case OPT_DATA_LEN:
		a->has_data_len = true;
		return opt_data_len(st, arg, &a->data_len);
	case ARGP_KEY_ARG:
		if (!a->dev)
			return arg_take(st, &a->dev, arg);
		if (a->want_pt)
			return arg_take(st, &a->pt, arg);
		argp_error(st, "unexpected argument '%s'", arg);
		return EINVAL;
	case ARGP_KEY_END:
		return check_args(st, a);
	}
	return ARGP_ERR_UNKNOWN;
}

/* ---- device bind ---------------------------------------------------------- */

struct dev_node {
	char cdev[256];
	char pci[PCI_ADDR_MAX];	/* "" when unknown */
};

static void explain_no_cdev(struct ctx *ctx, const char *who,
			    const struct dev_node *n, const struct pci_cdev *pc)
{
	const char *a = n->pci;

	msg_err(ctx, "%s: %s has no VFIO device cdev (%s)", who, a,
		pc->status == PCI_CDEV_EMPTY ? "its vfio-dev lists no vfioN" :
					       "no vfio-dev in sysfs");
	if (!strncmp(pc->driver, "vfio", 4)) {
		fprintf(stderr, "  It is bound to %s, so the kernel lacks "
			"CONFIG_VFIO_DEVICE_CDEV=y\n  (only the group interface, "
			"/dev/vfio/GROUP, exists).\n", pc->driver);
		return;
	}
	if (pc->driver[0])
		fprintf(stderr, "  It is bound to %s, not vfio-pci. Rebind it:\n"
			"    echo vfio-pci > /sys/bus/pci/devices/%s/driver_override\n"
			"    echo %s > /sys/bus/pci/devices/%s/driver/unbind\n",
			pc->driver, a, a, a);
	else
		fprintf(stderr, "  It has no driver; bind it to vfio-pci:\n"
			"    echo vfio-pci > /sys/bus/pci/devices/%s/driver_override\n",
			a);
	fprintf(stderr, "    echo %s > /sys/bus/pci/drivers_probe\n"
		"  (and CONFIG_VFIO_DEVICE_CDEV=y for the cdev)\n", a);
}

static int pci_node(struct ctx *ctx, const char *who, struct dev_node *n)
{
	struct pci_cdev pc;
	int rc = pci_find_cdev(&sys_roots_default, n->pci, &pc);

	if (rc) {
		msg_err(ctx, "%s: cannot read sysfs for %s: %s", who, n->pci,
			strerror(-rc));
		return EXIT_ENV;
	}
	switch (pc.status) {
	case PCI_CDEV_FOUND:
		snprintf(n->cdev, sizeof(n->cdev), "%s", pc.cdev);
		return EXIT_OK;
	case PCI_CDEV_NO_DEVICE:
		msg_err(ctx, "%s: no PCI device %s (see /sys/bus/pci/devices)",
			who, n->pci);
		return EXIT_ENV;
	default:
		explain_no_cdev(ctx, who, n, &pc);
		return EXIT_ENV;
	}
}

static int find_node(struct ctx *ctx, const char *who, const char *arg,
		     struct dev_node *n)
{
	int rc = 0;

	memset(n, 0, sizeof(*n));
	switch (dev_arg_classify(arg)) {
	case DEV_ARG_PCI:
		pci_addr_normalize(arg, n->pci, sizeof(n->pci));
		return pci_node(ctx, who, n);
	case DEV_ARG_VFIO:
		rc = vfio_cdev_path(n->cdev, sizeof(n->cdev),
				    sys_roots_default.dev, arg);
		break;
	case DEV_ARG_PATH:
		if ((size_t)snprintf(n->cdev, sizeof(n->cdev), "%s", arg) >=
		    sizeof(n->cdev))
			rc = -ENAMETOOLONG;
		break;
	case DEV_ARG_BAD:
		rc = -EINVAL;
		break;
	}
	if (rc)
		msg_err(ctx, "%s: bad DEVICE '%s'", who, arg);
	return rc ? EXIT_USAGE : EXIT_OK;
}

static int open_failed(struct ctx *ctx, const char *who,
		       const struct dev_node *n, int err)
{
	msg_err(ctx, "%s: cannot open %s: %s", who, n->cdev, strerror(-err));
	if (err == -ENOENT)
		fputs("  No such VFIO device cdev: it needs CONFIG_VFIO_DEVICE_CDEV=y and\n"
		      "  the device bound to vfio-pci (see /dev/vfio/devices).\n", stderr);
	else if (err == -EACCES || err == -EPERM)
		fputs("  VFIO cdevs are root-only by default.\n", stderr);
	return EXIT_ENV;
}

/* A regular file would take the ioctl too, and answer ENOTTY: refuse early. */
static int open_node(struct ctx *ctx, const char *who, struct dev_node *n,
		     int *fd)
{
	struct stat st;

	*fd = ictl_vfio_open(n->cdev);
	if (*fd < 0)
		return open_failed(ctx, who, n, *fd);
	if (fstat(*fd, &st) || !S_ISCHR(st.st_mode)) {
		msg_err(ctx, "%s: %s is not a character device", who, n->cdev);
		close(*fd);
		return EXIT_USAGE;
	}
	if (!n->pci[0] && chardev_pci_addr(&sys_roots_default, major(st.st_rdev),
					   minor(st.st_rdev), n->pci,
					   sizeof(n->pci)))
		n->pci[0] = '\0';
	return EXIT_OK;
}

static const struct argp_option bind_opts[] = {
	{ "name", OPT_NAME, "NAME", 0, "Name the device (default devN)", 0 },
	{ "token", OPT_TOKEN, "UUID", 0,
	  "VF token shared between an SR-IOV PF and its VFs (6.12 refuses it)", 0 },
	{ 0 }
};

static const struct argp bind_argp = { bind_opts, dev_opt, "DEVICE",
	"Open a VFIO device cdev and bind it to the iommufd. DEVICE is a PCI "
	"address (0000:00:03.0 or 00:03.0), a cdev name (vfio0) or a path. "
	"Destroying the device closes the cdev, which unbinds it.",
	NULL, NULL, NULL };

static int device_bind(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_vfio_device_bind_iommufd cmd = { 0 };
	struct dev_args a = { .bind = true };
	struct json_object *op;
	struct reg_entry *e;
	struct dev_node n;
	int rc, fd;

	if (!cmd_parse(ctx, &cmd_device_bind, &bind_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_check_name(ctx, a.name)) ||
	    (rc = find_node(ctx, "device bind", a.dev, &n)) ||
	    (rc = open_node(ctx, "device bind", &n, &fd)))
		return rc;
	if (a.has_token) {
		cmd.flags = ICTL_VFIO_DEVICE_BIND_FLAG_TOKEN;
		cmd.token_uuid_ptr = (uintptr_t)a.token;
	}
	rc = ictl_vfio_bind(&ctx->s.ictl, fd, &cmd);
	op = op_begin("device.bind");
	op_str(op, "cdev", n.cdev);
	if (n.pci[0])
		op_str(op, "pci", n.pci);
	if (a.has_token)
		op_bool(op, "token", 1);
	if (!rc) {
		e = cmd_register(ctx, op, OBJ_DEV, cmd.out_devid, a.name);
		if (e)
			e->fd = fd;
		else
			rc = -ENOMEM;
	}
	if (rc)
		close(fd);	/* also unbinds when only the naming failed */
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_device_bind = {
	.object = "device", .verb = "bind", .fn = device_bind,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "bind a VFIO device cdev (PCI address, vfioN or path)",
};

int device_unbind(struct ctx *ctx, struct json_object *op, struct reg_entry *e)
{
	int rc = ictl_vfio_close(&ctx->s.ictl, e->fd);

	/* the descriptor is gone even when close() reports an error */
	e->fd = -1;
	op_bool(op, "unbind", 1);
	return rc;
}

/* ---- devices that info and caps bind for a while ---------------------------- */

bool probe_dev_arg_ok(const char *arg)
{
	return !strcmp(arg, "mock") || dev_arg_classify(arg) != DEV_ARG_BAD;
}

static int probe_mock_create(struct ctx *ctx, uint32_t ioas_id,
			     struct probe_dev *d)
{
	struct ictl_iommu_test_cmd cmd = {
		.op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN, .id = ioas_id,
	};
	int rc = ictl_test_cmd(&ctx->s.ictl, &cmd);

	if (rc)
		return rc;
	d->dev_id = cmd.mock_domain.out_idev_id;
	d->stdev_id = cmd.mock_domain.out_stdev_id;
	d->hwpt_id = cmd.mock_domain.out_hwpt_id;
	return 0;
}

int probe_dev_bind(struct ctx *ctx, const char *who, const char *arg,
		   uint32_t ioas_id, struct probe_dev *d)
{
	struct ictl_vfio_device_bind_iommufd cmd = { 0 };
	struct dev_node n;
	int rc, fd;

	memset(d, 0, sizeof(*d));
	d->fd = -1;
	if (!strcmp(arg, "mock")) {
		d->mock = true;
		return probe_mock_create(ctx, ioas_id, d);
	}
	if ((rc = find_node(ctx, who, arg, &n)) || (rc = open_node(ctx, who, &n, &fd)))
		return rc;
	snprintf(d->cdev, sizeof(d->cdev), "%s", n.cdev);
	snprintf(d->pci, sizeof(d->pci), "%s", n.pci);
	rc = ictl_vfio_bind(&ctx->s.ictl, fd, &cmd);
	if (rc) {
		close(fd);
		return rc;
	}
	d->fd = fd;
	d->dev_id = cmd.out_devid;
	return 0;
}

int probe_dev_attach(struct ctx *ctx, struct probe_dev *d, uint32_t pt_id,
		     uint32_t *hwpt)
{
	struct ictl_vfio_device_attach_iommufd_pt cmd = { .pt_id = pt_id };
	int rc = ictl_vfio_attach(&ctx->s.ictl, d->fd, &cmd);

	*hwpt = cmd.pt_id;
	return rc;
}

int probe_dev_detach(struct ctx *ctx, struct probe_dev *d)
{
	struct ictl_vfio_device_detach_iommufd_pt cmd = { 0 };

	return ictl_vfio_detach(&ctx->s.ictl, d->fd, &cmd);
}

int probe_dev_unbind(struct ctx *ctx, struct probe_dev *d)
{
	int rc;

	if (d->mock) {
		rc = d->stdev_id ? ictl_destroy(&ctx->s.ictl, d->stdev_id) : 0;
		d->stdev_id = 0;
		return rc;
	}
	if (d->fd < 0)
		return 0;
	rc = ictl_vfio_close(&ctx->s.ictl, d->fd);
	d->fd = -1;
	return rc;
}

/* ---- device attach | replace | detach ------------------------------------- */

/* Attaching goes through the cdev, so a bare dev_id cannot do it. */
static int resolve_dev(struct ctx *ctx, const char *arg, struct reg_entry **e,
		       uint32_t *id)
{
	int rc = cmd_resolve(ctx, arg, OBJ_BIT(OBJ_DEV), e, id);

	if (rc || *e)
		return rc;
	msg_err(ctx, "give the device as @name: '%s' has no cdev or mock object to act through",
		arg);
	return EXIT_USAGE;
}

static int mock_attach(struct ctx *ctx, const struct reg_entry *dev,
		       const struct dev_args *a, bool replace, uint32_t *pt_id)
{
	struct ictl_iommu_test_cmd cmd = { .id = dev->stdev_id };
	int rc;

	if (!a->has_pasid) {
		/* a mock device is attached from birth: attach is a replace */
		cmd.op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE;
		cmd.mock_domain_replace.pt_id = *pt_id;
		rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
		*pt_id = cmd.mock_domain_replace.pt_id;
		return rc;
	}
	cmd.op = replace ? ICTL_IOMMU_TEST_OP_PASID_REPLACE :
			   ICTL_IOMMU_TEST_OP_PASID_ATTACH;
	cmd.pasid_attach.pasid = a->pasid;
	cmd.pasid_attach.pt_id = *pt_id;
	rc = ictl_test_cmd(&ctx->s.ictl, &cmd);
	*pt_id = cmd.pasid_attach.pt_id;
	return rc;
}

static int vfio_attach(struct ctx *ctx, const struct reg_entry *dev,
		       const struct dev_args *a, uint32_t *pt_id)
{
	struct ictl_vfio_device_attach_iommufd_pt cmd = { .pt_id = *pt_id };
	int rc;

	if (a->has_pasid) {
		cmd.flags = ICTL_VFIO_DEVICE_ATTACH_PASID;
		cmd.pasid = a->pasid;
	}
	rc = ictl_vfio_attach(&ctx->s.ictl, dev->fd, &cmd);
	*pt_id = cmd.pt_id;
	return rc;
}

static const struct argp_option attach_opts[] = {
	{ "pasid", OPT_PASID, "PASID", 0, "Attach this PASID of the device (since 6.15)", 0 },
	{ 0 }
};

static const struct argp attach_argp = { attach_opts, dev_opt, "DEV IOAS|HWPT",
	"Attach a device to an IOAS (the kernel makes or reuses a paging HWPT) "
	"or a HWPT. Attaching an attached device replaces its translation "
	"atomically. On a mock device both use the selftest's replace.",
	NULL, NULL, NULL };

static int attach_common(struct ctx *ctx, const struct cmd *self,
			 const char *opname, int argc, char **argv)
{
	struct dev_args a = { .want_pt = true };
	struct reg_entry *dev, *pt;
	struct json_object *op;
	uint32_t dev_id, pt_id, hwpt;
	int rc;

	if (!cmd_parse(ctx, self, &attach_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = resolve_dev(ctx, a.dev, &dev, &dev_id)) ||
	    (rc = cmd_resolve(ctx, a.pt, OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT),
			      &pt, &pt_id)))
		return rc;
	hwpt = pt_id;
	if (dev->stdev_id)
		rc = mock_attach(ctx, dev, &a, self == &cmd_device_replace, &hwpt);
	else
		rc = vfio_attach(ctx, dev, &a, &hwpt);
	op = op_begin(opname);
	op_id(op, "dev", dev_id);
	if (dev->stdev_id)
		op_id(op, "stdev", dev->stdev_id);
	op_id(op, "pt", pt_id);
	if (a.has_pasid)
		op_u64(op, "pasid", a.pasid);
	/* for an IOAS the kernel answers with the HWPT it attached */
	if (!rc)
		op_id(op, "hwpt", hwpt);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

static int device_attach(struct ctx *ctx, int argc, char **argv)
{
	return attach_common(ctx, &cmd_device_attach, "device.attach", argc, argv);
}

static int device_replace(struct ctx *ctx, int argc, char **argv)
{
	return attach_common(ctx, &cmd_device_replace, "device.replace", argc, argv);
}

const struct cmd cmd_device_attach = {
	.object = "device", .verb = "attach", .fn = device_attach,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "attach a device to an IOAS or HWPT (again: replace)",
};

const struct cmd cmd_device_replace = {
	.object = "device", .verb = "replace", .fn = device_replace,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "replace a device's IOAS or HWPT (the attach call)",
};

static const struct argp_option detach_opts[] = {
	{ "pasid", OPT_PASID, "PASID", 0, "Detach this PASID only (since 6.15)", 0 },
	{ 0 }
};

static const struct argp detach_argp = { detach_opts, dev_opt, "DEV",
	"Detach a device (or one PASID of it); its DMA is blocked afterwards. "
	"A mock device can detach a PASID only.", NULL, NULL, NULL };

static int detach_call(struct ctx *ctx, const struct reg_entry *dev,
		       const struct dev_args *a)
{
	struct ictl_vfio_device_detach_iommufd_pt cmd = { 0 };
	struct ictl_iommu_test_cmd tcmd = { .id = dev->stdev_id };

	if (dev->stdev_id) {
		tcmd.op = ICTL_IOMMU_TEST_OP_PASID_DETACH;
		tcmd.pasid_detach.pasid = a->pasid;
		return ictl_test_cmd(&ctx->s.ictl, &tcmd);
	}
	if (a->has_pasid) {
		cmd.flags = ICTL_VFIO_DEVICE_DETACH_PASID;
		cmd.pasid = a->pasid;
	}
	return ictl_vfio_detach(&ctx->s.ictl, dev->fd, &cmd);
}

static int device_detach(struct ctx *ctx, int argc, char **argv)
{
	struct dev_args a = { 0 };
	struct reg_entry *dev;
	struct json_object *op;
	uint32_t dev_id;
	int rc;

	if (!cmd_parse(ctx, &cmd_device_detach, &detach_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = resolve_dev(ctx, a.dev, &dev, &dev_id)))
		return rc;
	if (dev->stdev_id && !a.has_pasid) {
		msg_err(ctx, "device detach: %s is a mock device, and the mock driver "
			"has no detach: replace it onto another IOAS or HWPT, or destroy it",
			a.dev);
		return EXIT_USAGE;
	}
	rc = detach_call(ctx, dev, &a);
	op = op_begin("device.detach");
	op_id(op, "dev", dev_id);
	if (dev->stdev_id)
		op_id(op, "stdev", dev->stdev_id);
	if (a.has_pasid)
		op_u64(op, "pasid", a.pasid);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_device_detach = {
	.object = "device", .verb = "detach", .fn = device_detach,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "detach a device (or a PASID) from its IOAS or HWPT",
};

/* ---- device hw-info ------------------------------------------------------- */

static const struct argp_option hw_info_opts[] = {
	{ "data-len", OPT_DATA_LEN, "BYTES", 0,
	  "Buffer offered for the vendor data (default 4096; 0 probes the length)", 0 },
	{ "type", OPT_TYPE, "TYPE", 0,
	  "Ask for this data type (since 6.17): intel_vtd, arm_smmuv3, "
	  "tegra241_cmdqv, amd, selftest, default or a number", 0 },
	{ 0 }
};

static const struct argp hw_info_argp = { hw_info_opts, dev_opt, "DEV",
	"Query the IOMMU behind a device (IOMMU_GET_HW_INFO) and decode the "
	"vendor data. DEV may be a plain dev_id.", NULL, NULL, NULL };

static void op_type(struct json_object *op, const char *key, uint32_t type)
{
	const char *name = hwinfo_type_name(type);

	if (name)
		op_str(op, key, name);
	else
		op_hex(op, key, type);
}

static void report_hw_info(struct json_object *op,
			   const struct ictl_iommu_hw_info *cmd,
			   const void *buf, size_t buf_len)
{
	size_t got = cmd->data_len < buf_len ? cmd->data_len : buf_len;

	op_type(op, "data_type", cmd->out_data_type);
	op_u64(op, "data_len", cmd->data_len);
	json_object_object_add(op, "capabilities",
			       hwinfo_caps(cmd->out_capabilities));
	op_u64(op, "max_pasid_log2", cmd->out_max_pasid_log2);
	/* null when the buffer held less than the whole payload */
	json_object_object_add(op, "data",
			       hwinfo_decode(cmd->out_data_type, buf, got));
}

int hw_info_query(struct ctx *ctx, uint32_t dev_id, struct json_object *o,
		  uint64_t *caps)
{
	struct ictl_iommu_hw_info cmd = { .dev_id = dev_id };
	void *buf = calloc(1, HW_INFO_BUF);
	int rc;

	if (!buf)
		return -ENOMEM;
	cmd.data_len = HW_INFO_BUF;
	cmd.data_uptr = (uintptr_t)buf;
	rc = ictl_get_hw_info(&ctx->s.ictl, &cmd);
	if (!rc) {
		report_hw_info(o, &cmd, buf, HW_INFO_BUF);
		*caps = cmd.out_capabilities;
	}
	free(buf);
	return rc;
}

static int device_hw_info(struct ctx *ctx, int argc, char **argv)
{
	struct ictl_iommu_hw_info cmd = { 0 };
	struct dev_args a = { 0 };
	struct reg_entry *dev;
	struct json_object *op;
	void *buf = NULL;
	size_t len;
	int rc;

	if (!cmd_parse(ctx, &cmd_device_hw_info, &hw_info_argp, argc, argv, &a))
		return ctx->parse_status;
	if ((rc = cmd_resolve(ctx, a.dev, OBJ_BIT(OBJ_DEV), &dev, &cmd.dev_id)))
		return rc;
	len = a.has_data_len ? a.data_len : HW_INFO_BUF;
	if (len && !(buf = calloc(1, len))) {
		msg_err(ctx, "device hw-info: cannot allocate %zu bytes", len);
		return EXIT_OPFAIL;
	}
	cmd.data_len = (uint32_t)len;
	cmd.data_uptr = (uintptr_t)buf;
	if (a.has_type) {
		cmd.flags = ICTL_IOMMU_HW_INFO_FLAG_INPUT_TYPE;
		cmd.in_data_type = a.type;
	}
	rc = ictl_get_hw_info(&ctx->s.ictl, &cmd);
	op = op_begin("device.hw-info");
	op_id(op, "dev", cmd.dev_id);
	if (a.has_type && a.type == ICTL_IOMMU_HW_INFO_TYPE_DEFAULT)
		op_str(op, "in_data_type", "default");
	else if (a.has_type)
		op_type(op, "in_data_type", a.type);
	op_u64(op, "buffer_len", len);
	if (!rc)
		report_hw_info(op, &cmd, buf, len);
	free(buf);
	return op_end(ctx, op, rc, ctx->s.ictl.last_ns);
}

const struct cmd cmd_device_hw_info = {
	.object = "device", .verb = "hw-info", .fn = device_hw_info,
	.flags = CMD_NEEDS_IOMMUFD | CMD_SCRIPTABLE,
	.summary = "query and decode the IOMMU's hardware info for a device",
};
