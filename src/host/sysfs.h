/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where a VFIO device cdev comes from: a PCI address, a cdev name (vfioN)
 * or a path. The path logic is pure and separate from the lookups that
 * touch the file system; every lookup takes the roots it reads, so a test
 * can point them at a fake sysfs tree.
 */
#ifndef ICTL_SYSFS_H
#define ICTL_SYSFS_H

#include <stdbool.h>
#include <stddef.h>

/* Long enough for "ffffffff:ff:1f.7" (domains may exceed 16 bits). */
#define PCI_ADDR_MAX	24

struct sys_roots {
	const char *sys;	/* "/sys" */
	const char *dev;	/* "/dev" */
};

extern const struct sys_roots sys_roots_default;

enum dev_arg {
	DEV_ARG_BAD,
	DEV_ARG_PCI,		/* 0000:00:03.0 or 00:03.0 */
	DEV_ARG_VFIO,		/* vfio0, noiommu-vfio0: a name under /dev/vfio/devices */
	DEV_ARG_PATH,		/* anything with a '/' */
};

/* Pure functions: no file system access. */

/*
 * "DDDD:BB:DD.F" or "BB:DD.F" (domain 0000) to the kernel's spelling,
 * lower-case hex. 0 or -EINVAL.
 */
/* -ENAMETOOLONG when snprintf's @n did not fit in @len bytes, else 0 */
int sysfs_fit(int n, size_t len);
/* The last component of a symlink's target, "" when it is no link. */
void sysfs_link_name(const char *path, char *out, size_t len);

int pci_addr_normalize(const char *s, char *out, size_t len);

/* "vfio" followed by digits only, or that after "noiommu-" (no-IOMMU mode) */
bool vfio_cdev_name(const char *s);

enum dev_arg dev_arg_classify(const char *s);

/* ROOT/bus/pci/devices/ADDR[/LEAF]; 0 or -ENAMETOOLONG */
int sysfs_pci_path(char *buf, size_t len, const char *root, const char *addr,
		   const char *leaf);

/* ROOT/vfio/devices/NAME, ROOT being the /dev directory */
int vfio_cdev_path(char *buf, size_t len, const char *root, const char *name);

/* ROOT/dev/char/MAJ:MIN/device: the device behind a character node */
int sysfs_chardev_path(char *buf, size_t len, const char *root,
		       unsigned int maj, unsigned int min);

/* Lookups. */

enum pci_cdev_status {
	PCI_CDEV_FOUND,
	PCI_CDEV_NO_DEVICE,	/* no such PCI address */
	PCI_CDEV_NO_VFIO_DEV,	/* no vfio-dev: not a VFIO driver, or no cdev support */
	PCI_CDEV_EMPTY,		/* vfio-dev holds no vfioN */
};

struct pci_cdev {
	enum pci_cdev_status status;
	bool has_group;		/* an IOMMU group: VFIO could take it */
	char driver[64];	/* bound driver, "" if none */
	char cdev[256];		/* the node path when found */
};

/*
 * Find the cdev of PCI device @addr (normalized) under @r. Returns 0 with
 * @out->status set, or -errno when the path does not fit or a read fails
 * unexpectedly.
 */
int pci_find_cdev(const struct sys_roots *r, const char *addr,
		  struct pci_cdev *out);

/*
 * The PCI address behind character device MAJ:MIN, if its sysfs parent is
 * a PCI device. 0, or -ENOENT when it is not known.
 */
int chardev_pci_addr(const struct sys_roots *r, unsigned int maj,
		     unsigned int min, char *addr, size_t len);

#endif
