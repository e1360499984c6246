// SPDX-License-Identifier: GPL-2.0-only
/* device bind | attach | replace | detach | hw-info */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "core/op.h"
#include "core/session.h"
#include "decode/hwinfo.h"
#include "host/sysfs.h"
#include "op/ops.h"
#include "util/rec.h"

/* --data-len beyond this is a typo rather than a test */
#define HW_INFO_MAX	(1u << 20)

#define DEV_ONLY	OBJ_BIT(OBJ_DEV)
#define PT_TYPES	(OBJ_BIT(OBJ_IOAS) | OBJ_BIT(OBJ_HWPT))

/* Attaching goes through the cdev, so a bare dev_id cannot do it. */
#define NO_CDEV		"give the device as @name: '%u' has no cdev or mock object to act through"

/* Indented lines after a message, on what to do; quiet when messages are */
static void hint(const struct session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void hint(const struct session *s, const char *fmt, ...)
{
	va_list ap;

	if (s->loc.mute)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* ---- --token UUID ---- */

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

static int token_parse(const char *word, void *f, struct perr *e)
{
	if (parse_uuid(word, f))
		return perr(e, "bad UUID '%s' (8-4-4-4-12 hex digits)", word);
	return 0;
}

static bool token_format(const void *f, unsigned int i, char *buf, size_t len)
{
	const uint8_t *u = f;

	if (i)
		return false;
	snprintf(buf, len, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
		 u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
	return true;
}

static bool token_equal(const void *a, const void *b)
{
	return !memcmp(a, b, 16);
}

static const char *const token_kind_samples[] = {
	"12345678-9abc-def0-1234-56789abcdef0",
	"00000000-0000-0000-0000-000000000000", NULL
};

static const struct arg_custom token_kind = {
	.parse = token_parse, .format = token_format, .equal = token_equal,
	.samples = token_kind_samples,
};

/* ---- --type TYPE of hw-info ---- */

static int type_parse(const char *word, void *f, struct perr *e)
{
	if (hwinfo_type_parse(word, f))
		return perr(e, "unknown hw_info type '%s'", word);
	return 0;
}

static bool type_format(const void *f, unsigned int i, char *buf, size_t len)
{
	uint32_t t = *(const uint32_t *)f;
	const char *name = hwinfo_type_name(t);

	if (i)
		return false;
	/* 0 is none as an answer and default as a question */
	if (t == ICTL_IOMMU_HW_INFO_TYPE_DEFAULT)
		name = "default";
	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%u", t);
	return true;
}

static bool type_equal(const void *a, const void *b)
{
	return *(const uint32_t *)a == *(const uint32_t *)b;
}

static const char *const type_kind_samples[] = {
	"selftest", "intel_vtd", "arm_smmuv3", "default", "7", NULL
};

static const struct arg_custom type_kind = {
	.parse = type_parse, .format = type_format, .equal = type_equal,
	.samples = type_kind_samples,
};

/* ---- finding and opening a VFIO cdev ---- */

struct dev_node {
	char cdev[256];
	char pci[PCI_ADDR_MAX];	/* "" when unknown */
};

void no_cdev_advice(const char *addr, const struct pci_cdev *pc, char *buf,
		    size_t len)
{
	if (!strncmp(pc->driver, "vfio", 4))
		snprintf(buf, len, "  It is bound to %s, so the kernel lacks "
			 "CONFIG_VFIO_DEVICE_CDEV=y\n  (only the group interface, "
			 "/dev/vfio/GROUP, exists).\n", pc->driver);
	else if (!pc->has_group)
		snprintf(buf, len, "  It has no IOMMU group: no IOMMU covers it, so VFIO "
			 "cannot take it\n  ('iommufd-ctl vfio bind %s' refuses it). "
			 "'iommufd-ctl list' shows\n  the devices VFIO can use.\n", addr);
	else if (pc->driver[0])
		snprintf(buf, len, "  It is bound to %s, not vfio-pci. 'iommufd-ctl vfio bind %s'\n"
			 "  moves it, refusing while it is in use or its IOMMU group is not\n"
			 "  viable; 'iommufd-ctl vfio unbind %s' gives it back. The cdev also\n"
			 "  needs CONFIG_VFIO_DEVICE_CDEV=y.\n", pc->driver, addr, addr);
	else
		snprintf(buf, len, "  It has no driver. 'iommufd-ctl vfio bind %s' binds it to vfio-pci,\n"
			 "  refusing while its IOMMU group is not viable. The cdev also needs\n"
			 "  CONFIG_VFIO_DEVICE_CDEV=y.\n", addr);
}

static void explain_no_cdev(const struct session *s, const char *who,
			    const struct dev_node *n, const struct pci_cdev *pc)
{
	char advice[512];

	sess_err(s, "%s: %s has no VFIO device cdev (%s)", who, n->pci,
		 pc->status == PCI_CDEV_EMPTY ? "its vfio-dev lists no vfioN" :
						"no vfio-dev in sysfs");
	no_cdev_advice(n->pci, pc, advice, sizeof(advice));
	hint(s, "%s", advice);
}

/* 0, or -ENODEV after a message */
static int pci_node(struct session *s, const char *who, struct dev_node *n)
{
	struct pci_cdev pc;
	int rc = pci_find_cdev(&sys_roots_default, n->pci, &pc);

	if (rc) {
		sess_err(s, "%s: cannot read sysfs for %s: %s", who, n->pci,
			 strerror(-rc));
		return -ENODEV;
	}
	switch (pc.status) {
	case PCI_CDEV_FOUND:
		snprintf(n->cdev, sizeof(n->cdev), "%s", pc.cdev);
		return 0;
	case PCI_CDEV_NO_DEVICE:
		sess_err(s, "%s: no PCI device %s (see /sys/bus/pci/devices)",
			 who, n->pci);
		return -ENODEV;
	default:
		explain_no_cdev(s, who, n, &pc);
		return -ENODEV;
	}
}

/* The cdev of @arg. 0, or -EINVAL (bad DEVICE) or -ENODEV after a message */
static int find_node(struct session *s, const char *who, const char *arg,
		     struct dev_node *n)
{
	int rc = 0;

	memset(n, 0, sizeof(*n));
	switch (dev_arg_classify(arg)) {
	case DEV_ARG_PCI:
		pci_addr_normalize(arg, n->pci, sizeof(n->pci));
		return pci_node(s, who, n);
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
		sess_err(s, "%s: bad DEVICE '%s'", who, arg);
	return rc ? -EINVAL : 0;
}

static int open_failed(const struct session *s, const char *who,
		       const struct dev_node *n, int err)
{
	sess_err(s, "%s: cannot open %s: %s", who, n->cdev, strerror(-err));
	if (err == -ENOENT)
		hint(s, "  No such VFIO device cdev: it needs CONFIG_VFIO_DEVICE_CDEV=y and\n"
		     "  the device bound to vfio-pci (see /dev/vfio/devices).\n");
	else if (err == -EACCES || err == -EPERM)
		hint(s, "  VFIO cdevs are root-only by default.\n");
	return -ENODEV;
}

/*
 * A regular file would take the ioctl too, and answer ENOTTY: refuse early.
 * 0, or -ENODEV (cannot open) or -EINVAL (no character device) after a
 * message.
 */
static int open_node(struct session *s, const char *who, struct dev_node *n,
		     int *fd)
{
	struct stat st;

	*fd = ictl_vfio_open(n->cdev);
	if (*fd < 0)
		return open_failed(s, who, n, *fd);
	if (fstat(*fd, &st) || !S_ISCHR(st.st_mode)) {
		sess_err(s, "%s: %s is not a character device", who, n->cdev);
		close(*fd);
		return -EINVAL;
	}
	if (!n->pci[0] && chardev_pci_addr(&sys_roots_default, major(st.st_rdev),
					   minor(st.st_rdev), n->pci,
					   sizeof(n->pci)))
		n->pci[0] = '\0';
	return 0;
}

/* ---- device bind ---- */

static const char *const device_samples[] = {
	"0000:00:03.0", "00:03.0", "vfio0", "/dev/vfio/devices/vfio1", NULL
};

static const struct arg bind_args[] = {
	{ .kind = ARG_WORD, AT(struct device_bind_args, dev), .flags = ARG_REQUIRED,
	  .meta = "DEVICE", .samples = device_samples },
	{ .opt = "name", .key = 'n', .kind = ARG_NAME, AT(struct device_bind_args, name),
	  .meta = "NAME", .doc = "Name the device (default devN)" },
	{ .opt = "token", .kind = ARG_CUSTOM, AT(struct device_bind_args, token),
	  HAS(struct device_bind_args, has_token), .custom = &token_kind, .meta = "UUID",
	  .doc = "VF token shared between an SR-IOV PF and its VFs (6.12 refuses it)" },
	{ 0 }
};

static int bind_check(const void *args, struct perr *e)
{
	const struct device_bind_args *a = args;

	if (dev_arg_classify(a->dev) == DEV_ARG_BAD)
		return perr(e, "'%s' is no PCI address, vfioN or path", a->dev);
	return 0;
}

static int device_bind(struct session *s, const void *args, struct result *r)
{
	const struct device_bind_args *a = args;
	struct ictl_vfio_device_bind_iommufd cmd = { 0 };
	struct dev_node *n = sess_scratch(s, sizeof(*n));
	int rc, fd;

	if (!n) {
		sess_err(s, "device bind: out of memory");
		return -ENOMEM;
	}
	if ((rc = find_node(s, "device bind", a->dev, n)) ||
	    (rc = open_node(s, "device bind", n, &fd)))
		return rc;
	if (a->has_token) {
		cmd.flags = ICTL_VFIO_DEVICE_BIND_FLAG_TOKEN;
		cmd.token_uuid_ptr = (uintptr_t)a->token;
	}
	r->err = ictl_vfio_bind(&s->ictl, fd, &cmd);
	r->data = n;
	r->len = sizeof(*n);
	if (r->err) {
		close(fd);
		return 0;
	}
	/* the registry holds the cdev from now on: closing it unbinds */
	r->made.type = OBJ_DEV;
	r->made.id = cmd.out_devid;
	r->made.fd = fd;
	result_id(r, "dev", cmd.out_devid);
	return 0;
}

static void bind_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct device_bind_args *a = args;
	const struct dev_node *n = r->data;

	rec_str(rec, "cdev", n->cdev);
	if (n->pci[0])
		rec_str(rec, "pci", n->pci);
	if (a->has_token)
		rec_bool(rec, "token", true);
	rec_result_ids(rec, r);
}

const struct op op_device_bind = {
	.object = "device", .verb = "bind", .name = "device.bind",
	.summary = "bind a VFIO device cdev (PCI address, vfioN or path)",
	.doc = "Open a VFIO device cdev and bind it to the iommufd. DEVICE is a PCI "
	       "address (0000:00:03.0 or 00:03.0), a cdev name (vfio0) or a path. "
	       "Destroying the device closes the cdev, which unbinds it.",
	.args = bind_args, .args_size = sizeof(struct device_bind_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_DEV,
	.want = { WANT_ID, "the id of the new object" },
	.check = bind_check, .exec = device_bind, .record = bind_record,
};

/* ---- devices that info and caps bind for a while ---- */

/* An -EINVAL or -ENODEV after a message as the exit status it means */
static int probe_said(int rc)
{
	return rc == -EINVAL ? PROBE_USAGE : PROBE_ENV;
}

bool probe_dev_arg_ok(const char *arg)
{
	return !strcmp(arg, "mock") || dev_arg_classify(arg) != DEV_ARG_BAD;
}

int probe_args_check(const void *args, struct perr *e)
{
	const struct probe_args *a = args;

	if (!a->dev || probe_dev_arg_ok(a->dev))
		return 0;
	return perr(e, "'%s' is no PCI address, vfioN, path or mock", a->dev);
}

const char *probe_dev_arg_cell(const struct rec *r, char *buf, size_t len)
{
	const struct val *dev = rec_get(r, "device");
	const struct val *arg = dev && dev->kind == V_REC ? rec_get(dev->r, "arg") : NULL;

	(void)buf;
	(void)len;
	return arg && arg->kind == V_STR ? arg->s : NULL;
}

static int probe_mock_create(struct session *s, uint32_t ioas_id,
			     struct probe_dev *d)
{
	struct ictl_iommu_test_cmd cmd = {
		.op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN, .id = ioas_id,
	};
	int rc = ictl_test_cmd(&s->ictl, &cmd);

	if (rc)
		return rc;
	d->dev_id = cmd.mock_domain.out_idev_id;
	d->stdev_id = cmd.mock_domain.out_stdev_id;
	d->hwpt_id = cmd.mock_domain.out_hwpt_id;
	return 0;
}

int probe_dev_bind(struct session *s, const char *who, const char *arg,
		   uint32_t ioas_id, struct probe_dev *d)
{
	struct ictl_vfio_device_bind_iommufd cmd = { 0 };
	struct dev_node n;
	int rc, fd;

	memset(d, 0, sizeof(*d));
	d->fd = -1;
	if (!strcmp(arg, "mock")) {
		d->mock = true;
		return probe_mock_create(s, ioas_id, d);
	}
	if ((rc = find_node(s, who, arg, &n)) || (rc = open_node(s, who, &n, &fd)))
		return probe_said(rc);
	snprintf(d->cdev, sizeof(d->cdev), "%s", n.cdev);
	snprintf(d->pci, sizeof(d->pci), "%s", n.pci);
	rc = ictl_vfio_bind(&s->ictl, fd, &cmd);
	if (rc) {
		close(fd);
		return rc;
	}
	d->fd = fd;
	d->dev_id = cmd.out_devid;
	return 0;
}

int probe_dev_attach(struct session *s, struct probe_dev *d, uint32_t pt_id,
		     uint32_t *hwpt)
{
	struct ictl_vfio_device_attach_iommufd_pt cmd = { .pt_id = pt_id };
	int rc = ictl_vfio_attach(&s->ictl, d->fd, &cmd);

	*hwpt = cmd.pt_id;
	return rc;
}

int probe_dev_detach(struct session *s, struct probe_dev *d)
{
	struct ictl_vfio_device_detach_iommufd_pt cmd = { 0 };

	return ictl_vfio_detach(&s->ictl, d->fd, &cmd);
}

int probe_dev_unbind(struct session *s, struct probe_dev *d)
{
	int rc;

	if (d->mock) {
		rc = d->stdev_id ? ictl_destroy(&s->ictl, d->stdev_id) : 0;
		d->stdev_id = 0;
		return rc;
	}
	if (d->fd < 0)
		return 0;
	rc = ictl_vfio_close(&s->ictl, d->fd);
	d->fd = -1;
	return rc;
}

/* ---- device attach | replace | detach ---- */

/* The device to act through: a handle of a cdev or a mock device */
static int resolve_dev(struct session *s, const struct handle *h,
		       struct reg_entry **e, uint32_t *id)
{
	int rc = sess_resolve(s, h, DEV_ONLY, e, id);

	if (rc || *e)
		return rc;
	sess_err(s, NO_CDEV, h->id);
	return -EINVAL;
}

static int mock_attach(struct session *s, const struct reg_entry *dev,
		       const struct device_attach_args *a, bool replace,
		       uint32_t *pt_id)
{
	struct ictl_iommu_test_cmd cmd = { .id = dev->stdev_id };
	int rc;

	if (!a->has_pasid) {
		/* a mock device is attached from birth: attach is a replace */
		cmd.op = ICTL_IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE;
		cmd.mock_domain_replace.pt_id = *pt_id;
		rc = ictl_test_cmd(&s->ictl, &cmd);
		*pt_id = cmd.mock_domain_replace.pt_id;
		return rc;
	}
	cmd.op = replace ? ICTL_IOMMU_TEST_OP_PASID_REPLACE :
			   ICTL_IOMMU_TEST_OP_PASID_ATTACH;
	cmd.pasid_attach.pasid = a->pasid;
	cmd.pasid_attach.pt_id = *pt_id;
	rc = ictl_test_cmd(&s->ictl, &cmd);
	*pt_id = cmd.pasid_attach.pt_id;
	return rc;
}

static int vfio_attach(struct session *s, const struct reg_entry *dev,
		       const struct device_attach_args *a, uint32_t *pt_id)
{
	struct ictl_vfio_device_attach_iommufd_pt cmd = { .pt_id = *pt_id };
	int rc;

	if (a->has_pasid) {
		cmd.flags = ICTL_VFIO_DEVICE_ATTACH_PASID;
		cmd.pasid = a->pasid;
	}
	rc = ictl_vfio_attach(&s->ictl, dev->fd, &cmd);
	*pt_id = cmd.pt_id;
	return rc;
}

static const struct arg attach_args[] = {
	{ .kind = ARG_HANDLE, AT(struct device_attach_args, dev), .flags = ARG_REQUIRED,
	  .types = DEV_ONLY, .meta = "DEV" },
	{ .kind = ARG_HANDLE, AT(struct device_attach_args, pt), .flags = ARG_REQUIRED,
	  .types = PT_TYPES, .meta = "IOAS|HWPT" },
	{ .opt = "pasid", .kind = ARG_U32, AT(struct device_attach_args, pasid),
	  HAS(struct device_attach_args, has_pasid), .meta = "PASID",
	  .doc = "Attach this PASID of the device (since 6.15)" },
	{ 0 }
};

static int attach_check(const void *args, struct perr *e)
{
	const struct device_attach_args *a = args;

	return a->dev.by_id ? perr(e, NO_CDEV, a->dev.id) : 0;
}

static int attach_common(struct session *s, const struct device_attach_args *a,
			 bool replace, struct result *r)
{
	struct reg_entry *dev, *pt;
	uint32_t dev_id, pt_id, hwpt;
	int rc;

	if ((rc = resolve_dev(s, &a->dev, &dev, &dev_id)) ||
	    (rc = sess_resolve(s, &a->pt, PT_TYPES, &pt, &pt_id)))
		return rc;
	hwpt = pt_id;
	if (dev->stdev_id)
		r->err = mock_attach(s, dev, a, replace, &hwpt);
	else
		r->err = vfio_attach(s, dev, a, &hwpt);
	result_id(r, "dev", dev_id);
	if (dev->stdev_id)
		result_id(r, "stdev", dev->stdev_id);
	result_id(r, "pt", pt_id);
	/* for an IOAS the kernel answers with the HWPT it attached */
	if (!r->err)
		result_id(r, "hwpt", hwpt);
	/* what a PASID holds is on top; the device's own attachment moves */
	r->holder = dev_id;
	r->rehold = !a->has_pasid;
	result_hold(r, pt_id);
	if (a->has_pasid) {
		r->pasid = a->pasid;
		r->pasid_change = 1;
	}
	return 0;
}

static int device_attach(struct session *s, const void *args, struct result *r)
{
	return attach_common(s, args, false, r);
}

static int device_replace(struct session *s, const void *args, struct result *r)
{
	return attach_common(s, args, true, r);
}

static void attach_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct device_attach_args *a = args;

	rec_result_ids(rec, r);
	if (a->has_pasid)
		rec_u64(rec, "pasid", a->pasid);
}

#define ATTACH_DOC "Attach a device to an IOAS (the kernel makes or reuses a paging HWPT) " \
	"or a HWPT. Attaching an attached device replaces its translation " \
	"atomically. On a mock device both use the selftest's replace."

const struct op op_device_attach = {
	.object = "device", .verb = "attach", .name = "device.attach",
	.summary = "attach a device to an IOAS or HWPT (again: replace)",
	.doc = ATTACH_DOC,
	.args = attach_args, .args_size = sizeof(struct device_attach_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = attach_check, .exec = device_attach, .record = attach_record,
};

const struct op op_device_replace = {
	.object = "device", .verb = "replace", .name = "device.replace",
	.summary = "replace a device's IOAS or HWPT (the attach call)",
	.doc = ATTACH_DOC,
	.args = attach_args, .args_size = sizeof(struct device_attach_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = attach_check, .exec = device_replace, .record = attach_record,
};

static const struct arg detach_args[] = {
	{ .kind = ARG_HANDLE, AT(struct device_attach_args, dev), .flags = ARG_REQUIRED,
	  .types = DEV_ONLY, .meta = "DEV" },
	{ .opt = "pasid", .kind = ARG_U32, AT(struct device_attach_args, pasid),
	  HAS(struct device_attach_args, has_pasid), .meta = "PASID",
	  .doc = "Detach this PASID only (since 6.15)" },
	{ 0 }
};

static int detach_call(struct session *s, const struct reg_entry *dev,
		       const struct device_attach_args *a)
{
	struct ictl_vfio_device_detach_iommufd_pt cmd = { 0 };
	struct ictl_iommu_test_cmd tcmd = { .id = dev->stdev_id };

	if (dev->stdev_id) {
		tcmd.op = ICTL_IOMMU_TEST_OP_PASID_DETACH;
		tcmd.pasid_detach.pasid = a->pasid;
		return ictl_test_cmd(&s->ictl, &tcmd);
	}
	if (a->has_pasid) {
		cmd.flags = ICTL_VFIO_DEVICE_DETACH_PASID;
		cmd.pasid = a->pasid;
	}
	return ictl_vfio_detach(&s->ictl, dev->fd, &cmd);
}

static int device_detach(struct session *s, const void *args, struct result *r)
{
	const struct device_attach_args *a = args;
	struct reg_entry *dev;
	uint32_t dev_id;
	int rc;

	if ((rc = resolve_dev(s, &a->dev, &dev, &dev_id)))
		return rc;
	if (dev->stdev_id && !a->has_pasid) {
		sess_err(s, "device detach: @%s is a mock device, and the mock driver "
			 "has no detach: replace it onto another IOAS or HWPT, or destroy it",
			 dev->name);
		return -EINVAL;
	}
	r->err = detach_call(s, dev, a);
	result_id(r, "dev", dev_id);
	r->holder = dev_id;
	if (!a->has_pasid)
		r->rehold = true;
	else
		r->pasid_change = -1;
	r->pasid = a->pasid;
	if (dev->stdev_id)
		result_id(r, "stdev", dev->stdev_id);
	return 0;
}

const struct op op_device_detach = {
	.object = "device", .verb = "detach", .name = "device.detach",
	.summary = "detach a device (or a PASID) from its IOAS or HWPT",
	.doc = "Detach a device (or one PASID of it); its DMA is blocked afterwards. "
	       "A mock device can detach a PASID only.",
	.args = detach_args, .args_size = sizeof(struct device_attach_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.check = attach_check, .exec = device_detach, .record = attach_record,
};

/* ---- device hw-info ---- */

static void rec_type(struct rec *rec, const char *key, uint32_t type)
{
	const char *name = hwinfo_type_name(type);

	if (name)
		rec_lit(rec, key, name);
	else
		rec_hex(rec, key, type);
}

static void report_hw_info(struct rec *rec, const struct ictl_iommu_hw_info *cmd,
			   const void *buf, size_t buf_len)
{
	size_t got = cmd->data_len < buf_len ? cmd->data_len : buf_len;

	rec_type(rec, "data_type", cmd->out_data_type);
	rec_u64(rec, "data_len", cmd->data_len);
	hwinfo_caps(rec, "capabilities", cmd->out_capabilities);
	rec_u64(rec, "max_pasid_log2", cmd->out_max_pasid_log2);
	/* null when the buffer held less than the whole payload */
	hwinfo_decode(rec, "data", cmd->out_data_type, buf, got);
}

int hw_info_query(struct session *s, uint32_t dev_id, struct hw_info_answer *a)
{
	memset(&a->cmd, 0, sizeof(a->cmd));
	a->cmd.dev_id = dev_id;
	a->cmd.data_len = sizeof(a->data);
	a->cmd.data_uptr = (uintptr_t)a->data;
	return ictl_get_hw_info(&s->ictl, &a->cmd);
}

void hw_info_report(struct rec *rec, const struct hw_info_answer *a)
{
	report_hw_info(rec, &a->cmd, a->data, sizeof(a->data));
}

static const struct arg hw_info_args[] = {
	{ .kind = ARG_HANDLE, AT(struct device_hw_info_args, dev), .flags = ARG_REQUIRED,
	  .types = DEV_ONLY, .meta = "DEV" },
	{ .opt = "data-len", .kind = ARG_U64, AT(struct device_hw_info_args, data_len),
	  HAS(struct device_hw_info_args, has_data_len), .meta = "BYTES", .max = HW_INFO_MAX,
	  .doc = "Buffer offered for the vendor data (default 4096; 0 probes the length)" },
	{ .opt = "type", .kind = ARG_CUSTOM, AT(struct device_hw_info_args, type),
	  HAS(struct device_hw_info_args, has_type), .custom = &type_kind, .meta = "TYPE",
	  .doc = "Ask for this data type (since 6.17): intel_vtd, arm_smmuv3, "
		 "tegra241_cmdqv, amd, selftest, default or a number" },
	{ 0 }
};

static int device_hw_info(struct session *s, const void *args, struct result *r)
{
	const struct device_hw_info_args *a = args;
	struct ictl_iommu_hw_info cmd = { 0 };
	struct reg_entry *dev;
	size_t len = a->has_data_len ? a->data_len : HW_INFO_BUF;
	void *buf = NULL;
	int rc;

	if ((rc = sess_resolve(s, &a->dev, DEV_ONLY, &dev, &cmd.dev_id)))
		return rc;
	if (len && !(buf = sess_scratch(s, len))) {
		sess_err(s, "device hw-info: cannot allocate %zu bytes", len);
		return -ENOMEM;
	}
	cmd.data_len = (uint32_t)len;
	cmd.data_uptr = (uintptr_t)buf;
	if (a->has_type) {
		cmd.flags = ICTL_IOMMU_HW_INFO_FLAG_INPUT_TYPE;
		cmd.in_data_type = a->type;
	}
	r->err = ictl_get_hw_info(&s->ictl, &cmd);
	result_id(r, "dev", cmd.dev_id);
	r->v[HW_INFO_BUFFER_LEN] = len;
	r->v[HW_INFO_DATA_TYPE] = cmd.out_data_type;
	r->v[HW_INFO_DATA_LEN] = cmd.data_len;
	r->v[HW_INFO_CAPS] = cmd.out_capabilities;
	r->v[HW_INFO_MAX_PASID_LOG2] = cmd.out_max_pasid_log2;
	r->data = buf;
	r->len = len;
	return 0;
}

static void hw_info_record(struct rec *rec, const void *args, const struct result *r)
{
	const struct device_hw_info_args *a = args;
	struct ictl_iommu_hw_info cmd = {
		.out_data_type = (uint32_t)r->v[HW_INFO_DATA_TYPE],
		.data_len = (uint32_t)r->v[HW_INFO_DATA_LEN],
		.out_capabilities = r->v[HW_INFO_CAPS],
		.out_max_pasid_log2 = (uint8_t)r->v[HW_INFO_MAX_PASID_LOG2],
	};

	rec_result_ids(rec, r);
	if (a->has_type && a->type == ICTL_IOMMU_HW_INFO_TYPE_DEFAULT)
		rec_lit(rec, "in_data_type", "default");
	else if (a->has_type)
		rec_type(rec, "in_data_type", a->type);
	rec_u64(rec, "buffer_len", r->v[HW_INFO_BUFFER_LEN]);
	if (!r->err)
		report_hw_info(rec, &cmd, r->data, r->len);
}

const struct op op_device_hw_info = {
	.object = "device", .verb = "hw-info", .name = "device.hw-info",
	.summary = "query and decode the IOMMU's hardware info for a device",
	.doc = "Query the IOMMU behind a device (IOMMU_GET_HW_INFO) and decode the "
	       "vendor data. DEV may be a plain dev_id.",
	.args = hw_info_args, .args_size = sizeof(struct device_hw_info_args),
	.flags = OP_NEEDS_IOMMUFD, .makes = OBJ_NTYPES,
	.exec = device_hw_info, .record = hw_info_record,
};
