// SPDX-License-Identifier: GPL-2.0-only
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "host/sysfs.h"

const struct sys_roots sys_roots_default = { "/sys", "/dev" };

/* Up to @max hex digits at *p; returns how many were read. */
static int read_hex(const char **p, int max, unsigned long *v)
{
	int n = 0;

	*v = 0;
	while (n < max && isxdigit((unsigned char)**p)) {
		char c = (char)tolower((unsigned char)**p);

		*v = *v * 16 + (unsigned long)(isdigit((unsigned char)c) ?
					       c - '0' : c - 'a' + 10);
		(*p)++;
		n++;
	}
	return n;
}

/* lspci prints the short form, sysfs only knows the long one. */
int pci_addr_normalize(const char *s, char *out, size_t len)
{
	unsigned long dom = 0, bus, dev, fn;
	const char *p = s;
	int n;

	if (strchr(s, ':') != strrchr(s, ':')) {
		n = read_hex(&p, 8, &dom);
		if (!n || *p++ != ':')
			return -EINVAL;
	}
	if (!read_hex(&p, 2, &bus) || *p++ != ':' ||
	    !read_hex(&p, 2, &dev) || *p++ != '.' ||
	    !read_hex(&p, 1, &fn) || *p)
		return -EINVAL;
	if (dev > 0x1f || fn > 7)
		return -EINVAL;
	n = snprintf(out, len, "%04lx:%02lx:%02lx.%lx", dom, bus, dev, fn);
	return n < 0 || (size_t)n >= len ? -EINVAL : 0;
}

bool vfio_cdev_name(const char *s)
{
	/* 7.3 names the cdev of a device without an IOMMU noiommu-vfioN */
	if (!strncmp(s, "noiommu-", 8))
		s += 8;
	if (strncmp(s, "vfio", 4) || !s[4])
		return false;
	for (s += 4; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

enum dev_arg dev_arg_classify(const char *s)
{
	char addr[PCI_ADDR_MAX];

	if (strchr(s, '/'))
		return DEV_ARG_PATH;
	if (vfio_cdev_name(s))
		return DEV_ARG_VFIO;
	if (!pci_addr_normalize(s, addr, sizeof(addr)))
		return DEV_ARG_PCI;
	return DEV_ARG_BAD;
}

int sysfs_fit(int n, size_t len)
{
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int sysfs_pci_path(char *buf, size_t len, const char *root, const char *addr,
		   const char *leaf)
{
	return sysfs_fit(snprintf(buf, len, "%s/bus/pci/devices/%s%s%s", root, addr,
			    leaf ? "/" : "", leaf ? leaf : ""), len);
}

int vfio_cdev_path(char *buf, size_t len, const char *root, const char *name)
{
	return sysfs_fit(snprintf(buf, len, "%s/vfio/devices/%s", root, name), len);
}

int sysfs_chardev_path(char *buf, size_t len, const char *root,
		       unsigned int maj, unsigned int min)
{
	return sysfs_fit(snprintf(buf, len, "%s/dev/char/%u:%u/device", root, maj, min),
		   len);
}

/* The last component of a symlink's target, "" when it is no link. */
void sysfs_link_name(const char *path, char *out, size_t len)
{
	char target[512];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *base;

	out[0] = '\0';
	if (n < 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	/* a name cut short would name another device */
	if (sysfs_fit(snprintf(out, len, "%s", base ? base + 1 : target), len))
		out[0] = '\0';
}

/* The first vfioN entry of @dir; -ENOENT when there is none. */
static int first_vfio_entry(const char *dir, char *name, size_t len)
{
	struct dirent *d;
	DIR *dh = opendir(dir);
	int rc = -ENOENT;

	if (!dh)
		return -errno;
	while ((d = readdir(dh))) {
		if (vfio_cdev_name(d->d_name)) {
			rc = sysfs_fit(snprintf(name, len, "%s", d->d_name), len);
			break;
		}
	}
	closedir(dh);
	return rc;
}

int pci_find_cdev(const struct sys_roots *r, const char *addr,
		  struct pci_cdev *out)
{
	char path[512], name[64];
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sysfs_pci_path(path, sizeof(path), r->sys, addr, NULL)))
		return rc;
	if (access(path, F_OK)) {
		out->status = PCI_CDEV_NO_DEVICE;
		return 0;
	}
	if ((rc = sysfs_pci_path(path, sizeof(path), r->sys, addr, "driver")))
		return rc;
	sysfs_link_name(path, out->driver, sizeof(out->driver));
	if ((rc = sysfs_pci_path(path, sizeof(path), r->sys, addr, "iommu_group")))
		return rc;
	out->has_group = !access(path, F_OK);
	if ((rc = sysfs_pci_path(path, sizeof(path), r->sys, addr, "vfio-dev")))
		return rc;
	rc = first_vfio_entry(path, name, sizeof(name));
	if (rc == -ENOENT && access(path, F_OK)) {
		out->status = PCI_CDEV_NO_VFIO_DEV;
		return 0;
	}
	if (rc == -ENOENT) {
		out->status = PCI_CDEV_EMPTY;
		return 0;
	}
	if (rc)
		return rc;
	out->status = PCI_CDEV_FOUND;
	return vfio_cdev_path(out->cdev, sizeof(out->cdev), r->dev, name);
}

int chardev_pci_addr(const struct sys_roots *r, unsigned int maj,
		     unsigned int min, char *addr, size_t len)
{
	char path[512], name[64];

	if (sysfs_chardev_path(path, sizeof(path), r->sys, maj, min))
		return -ENOENT;
	sysfs_link_name(path, name, sizeof(name));
	/* a platform or mdev parent has no PCI address to report */
	if (!name[0] || pci_addr_normalize(name, addr, len))
		return -ENOENT;
	return 0;
}
