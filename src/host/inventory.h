/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the host offers for iommufd and VFIO: kernel readiness, IOMMU
 * instances, IOMMU groups and PCI devices, read from /sys, /proc, /dev and
 * /boot into plain structs. The text of each file goes through a pure
 * parser (tested on strings); the readers take the roots they read, so a
 * test can point them at a fake tree in a temp dir.
 */
#ifndef ICTL_INVENTORY_H
#define ICTL_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "host/sysfs.h"

#define INV_NAME_MAX	64

/* Every place the inventory and vfio bind read or write. */
struct host_roots {
	struct sys_roots sd;	/* /sys and /dev, for sysfs.c's lookups */
	const char *proc;	/* "/proc" */
	const char *boot;	/* "/boot": config-RELEASE, else PROC/config.gz */
	const char *run;	/* "/run/iommufd-ctl": what vfio bind changed */
};

extern const struct host_roots host_roots_default;

/* The kernel options the report names, in this order. */
enum inv_cfg {
	CFG_IOMMUFD, CFG_IOMMUFD_TEST, CFG_VFIO_DEVICE_CDEV, CFG_VFIO_PCI,
	CFG_INTEL_IOMMU, CFG_AMD_IOMMU, CFG_ARM_SMMU_V3, CFG_NR
};

const char *inv_cfg_name(enum inv_cfg c);

/* Yes, no, or no way to tell. */
enum inv_answer { INV_UNKNOWN = -1, INV_NO = 0, INV_YES = 1 };

struct inv_kernel {
	char release[128];
	/* /dev/iommu */
	bool iommu_present;
	mode_t iommu_mode;		/* with the file type bits */
	uid_t iommu_uid;
	gid_t iommu_gid;
	bool iommu_read, iommu_write;	/* for this process */
	enum inv_answer vfio_cdev;
	enum inv_answer iommufd_test;
	const char *test_from;		/* what told us about IOMMUFD_TEST */
	char config_path[256];		/* the config read, or the first tried */
	int config_err;			/* 0: read; else the errno */
	char config_alt[256];		/* /proc/config.gz when it failed too */
	int config_alt_err;
	char config[CFG_NR][16];	/* "y", "m", "n", other; "" unknown */
	struct rlimit memlock;
	bool cap_ipc_lock;		/* pinning is not limited by memlock */
};

struct inv_iommu {
	char name[INV_NAME_MAX];	/* dmar0, ivhd0, ... */
	char type[16];			/* "intel", "amd", "selftest"; "" */
	unsigned int nr_devices;
};

struct inv_region {
	uint64_t start, end;		/* inclusive */
	char type[24];			/* direct, direct-relaxable, reserved, msi */
};

/* A device of an IOMMU group and its driver ("" for none). */
struct inv_member {
	char name[INV_NAME_MAX];
	char driver[INV_NAME_MAX];
};

struct inv_group {
	unsigned int id;
	char type[16];			/* default domain type; "" unknown */
	struct inv_region *regions;
	size_t nr_regions;
	struct inv_member *members;
	size_t nr_members;
};

struct inv_pci {
	char addr[PCI_ADDR_MAX];
	unsigned int vendor, device, class;
	char driver[INV_NAME_MAX];	/* "" for none */
	char override[INV_NAME_MAX];	/* driver_override; "" when unset */
	char iommu[INV_NAME_MAX];	/* IOMMU instance; "" */
	int group;			/* -1: none */
	char cdev[256];			/* /dev/vfio/devices/vfioN; "" */
};

struct inventory {
	struct inv_kernel kernel;
	struct inv_iommu *iommus;
	size_t nr_iommus;
	struct inv_group *groups;
	size_t nr_groups;
	struct inv_pci *pci;
	size_t nr_pci;
};

/* Pure parsers: text in, values out, no file system access. */

/* A sysfs number such as "0x8086\n"; 0 or -EINVAL */
int inv_parse_hex(const char *text, unsigned int *v);

/*
 * The reserved_regions file of a group: "START END TYPE" lines. The array is
 * malloc'ed (NULL when empty). 0, -EINVAL on a malformed line, -ENOMEM.
 */
int inv_parse_regions(const char *text, struct inv_region **out, size_t *n);

/*
 * The value of option @name ("CONFIG_IOMMUFD") in kernel config @text:
 * "y", "m", a string or number as written, or "n" for "is not set".
 * 0, or -ENOENT when the config does not mention it.
 */
int inv_kconfig(const char *text, const char *name, char *val, size_t len);

/*
 * A driver that leaves DMA to its user: VFIO drivers, pci-stub and the PCIe
 * port driver; "" (no driver) too. Only such members let VFIO take a group.
 */
bool inv_driver_dma_safe(const char *driver);

/*
 * The members of @g that keep it from VFIO use once @except (a member
 * about to move to vfio-pci, or NULL) has: each member whose driver is not
 * DMA-safe. Fills up to @max pointers; returns how many there are.
 */
size_t inv_group_blockers(const struct inv_group *g, const char *except,
			  const struct inv_member **out, size_t max);

/* Readers. */

/*
 * snprintf() for paths: one that does not fit comes out as "", which names
 * no file, so a cut path can never reach another one. 0 or -ENAMETOOLONG.
 */
int inv_path(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Read a small text file whole, a trailing newline removed; 0 or -errno */
int inv_read_text(const char *path, char *buf, size_t len);

/* One PCI device (normalized address); 0, -ENODEV if absent, -errno */
int inv_read_pci(const struct host_roots *r, const char *addr,
		 struct inv_pci *p);

/* One IOMMU group; 0, -ENOENT if absent, -errno. Free with inv_group_free. */
int inv_read_group(const struct host_roots *r, unsigned int id,
		   struct inv_group *g);
void inv_group_free(struct inv_group *g);

/* Everything. 0 or -ENOMEM; parts the host lacks are left empty. */
int inv_read(const struct host_roots *r, struct inventory *inv);
void inv_free(struct inventory *inv);

const struct inv_group *inv_find_group(const struct inventory *inv,
				       unsigned int id);

#endif
