/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Operations that more than one command runs: a script's cleanup destroys
 * what is left, and stress drives the same functions without parsing text.
 * Each emits its record and returns the step's exit code.
 */
#ifndef ICTL_OPS_H
#define ICTL_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/parse.h"
#include "host/sysfs.h"

struct ctx;
struct reg_entry;

/* @e may be NULL for a raw id */
int do_destroy(struct ctx *ctx, struct reg_entry *e, uint32_t id);

struct json_object;
/*
 * Close a bound VFIO device's cdev, which unbinds it (IOMMU_DESTROY cannot
 * free a dev_id); notes it in @op. 0 or -errno.
 */
int device_unbind(struct ctx *ctx, struct json_object *op, struct reg_entry *e);

/*
 * A device that info and caps bind for their probes and give back at the
 * end: a VFIO cdev bound to the iommufd, or a mock device (DEVICE "mock"),
 * which the selftest creates attached to an IOAS. Not in the registry: the
 * command that binds it also unbinds it.
 */
struct probe_dev {
	bool mock;
	int fd;			/* the VFIO cdev; -1 for a mock device */
	uint32_t dev_id;
	uint32_t stdev_id;	/* mock: the selftest object, destroyed to unbind */
	uint32_t hwpt_id;	/* mock: the HWPT it was created attached to */
	char cdev[256];		/* "" for a mock device */
	char pci[PCI_ADDR_MAX];	/* "" when it is no PCI device */
};

/* DEVICE as info and caps take it: PCI address, vfioN, path or "mock" */
bool probe_dev_arg_ok(const char *arg);

/*
 * Bind DEVICE to the iommufd, or create a mock device attached to
 * @ioas_id. 0; EXIT_USAGE or EXIT_ENV after a message (no such device, no
 * cdev); or -errno of the call that failed, without a message. @who starts
 * the messages ("info").
 */
int probe_dev_bind(struct ctx *ctx, const char *who, const char *arg,
		   uint32_t ioas_id, struct probe_dev *d);

/* VFIO_DEVICE_ATTACH_IOMMUFD_PT; *@hwpt gets the HWPT attached. 0 or -errno */
int probe_dev_attach(struct ctx *ctx, struct probe_dev *d, uint32_t pt_id,
		     uint32_t *hwpt);

/* VFIO_DEVICE_DETACH_IOMMUFD_PT (a mock device has none). 0 or -errno */
int probe_dev_detach(struct ctx *ctx, struct probe_dev *d);

/* Close the cdev or destroy the mock device. 0 or -errno */
int probe_dev_unbind(struct ctx *ctx, struct probe_dev *d);

/*
 * IOMMU_GET_HW_INFO for @dev_id with a buffer larger than any payload,
 * into @o: data_type, data_len, capabilities, max_pasid_log2, data
 * (decoded). *@caps gets the capability bits. 0 or -errno.
 */
int hw_info_query(struct ctx *ctx, uint32_t dev_id, struct json_object *o,
		  uint64_t *caps);

/*
 * src/op/fault.c: I/O page fault permissions: read, write, exec, priv (r, w,
 * x also parse). Declared in op/ops.h as well; here for src/cmd/mock.c.
 */
extern const struct flag_name pgfault_perm_names[];

/* src/cmd/mock.c: the selftest object of mock device @dev (a plain @id is one) */
uint32_t stdev_of(const struct reg_entry *dev, uint32_t id);

#endif
